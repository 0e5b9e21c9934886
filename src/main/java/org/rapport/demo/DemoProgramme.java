package org.rapport.demo;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import org.rapport.analytics.Analytics;
import org.rapport.customer.CustomerView;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.loyalty.CardKind;
import org.rapport.loyalty.Combination;
import org.rapport.loyalty.Enrolment;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.MemberSummary;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.NewRule;
import org.rapport.loyalty.ProgrammeSettings;
import org.rapport.loyalty.RuleKind;
import org.rapport.loyalty.RuleParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode, after the demo data set is loaded: a loyalty programme ("Rapport Club", 1
 * point per euro, 14 days pending) with the showcase customer enrolled and a welcome
 * bonus on her account, and a first analytics run so the dashboard has something to show.
 * Each step is skipped when its result exists already, so restarts change nothing.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "rapport.demo.enabled", havingValue = "true")
class DemoProgramme implements ApplicationRunner {

	static final String CODE = "rapport-club";

	private static final Logger log = LoggerFactory.getLogger(DemoProgramme.class);

	private final Loyalty loyalty;

	private final Customers customers;

	private final Analytics analytics;

	DemoProgramme(Loyalty loyalty, Customers customers, Analytics analytics) {
		this.loyalty = loyalty;
		this.customers = customers;
		this.analytics = analytics;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.loyalty.programmes().isEmpty()) {
			createProgramme();
		}
		if (this.analytics.current().isEmpty()) {
			log.info("Demo mode: starting the first analytics run");
			this.analytics.startRun();
		}
	}

	void createProgramme() {
		this.loyalty.createProgramme(new ProgrammeSettings(CODE, "Rapport Club", "EUR", "points",
				new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 24, null, NegativeBalancePolicy.CAP_AT_ZERO, null,
				Map.of("base", Combination.STACK), null));
		this.loyalty.saveRule(CODE, null, new NewRule(RuleKind.SPEND_RATIO, "base", "1 point per euro",
				RuleParams.spendRatio(1, "1"), null, null, null));
		Optional<CustomerView> showcase = this.customers.findByIdentity(IdentityType.PHONE, Showcase.PHONE);
		if (showcase.isEmpty()) {
			return;
		}
		MemberSummary member = this.loyalty.enrol(CODE,
				new Enrolment(showcase.get().id(), null, null, CardKind.VIRTUAL, null), "demo-enrol-showcase");
		this.loyalty.adjust(member.accountId(), 500, "Welcome bonus", "demo-welcome-showcase");
		log.info("Demo mode: loyalty programme {} with the showcase customer enrolled", CODE);
	}

}
