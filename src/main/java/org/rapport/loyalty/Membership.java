package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.customer.CustomerView;
import org.rapport.customer.Customers;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Enrolment and the member summary. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Membership {

	private final AccountStore accounts;

	private final Cards cards;

	private final Ledger ledger;

	private final Customers customers;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ProgrammeStore programmes;

	Membership(AccountStore accounts, Cards cards, Ledger ledger, Customers customers, AuditTrail audit,
			JdbcClient jdbc, Clock clock, ProgrammeStore programmes) {
		this.programmes = programmes;
		this.accounts = accounts;
		this.cards = cards;
		this.ledger = ledger;
		this.customers = customers;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Enrols the customer, or answers the account they already have in the programme. */
	MemberSummary enrol(LoyaltyProgramme programme, Enrolment e) {
		this.programmes.migratedInto(programme.id()).ifPresent((into) -> {
			throw new ApiException(HttpStatus.CONFLICT, "programme-migrated", Text.of(
					"loyalty.member.programme-migrated",
					"The programme {0} was migrated into {1} and takes no new members: enrol the customer in {1}",
					programme.code(), into));
		});
		CustomerView customer = this.customers.get(e.customerId());
		var existing = this.accounts.active(customer.id(), programme.id());
		if (existing.isPresent()) {
			return summary(programme, existing.get());
		}
		if (programme.requiredConsent() != null && customer.consents()
			.stream()
			.noneMatch((c) -> c.purpose() == programme.requiredConsent() && c.granted())) {
			throw new ApiException(HttpStatus.CONFLICT, "consent-required",
					Text.of("loyalty.member.consent-required",
							"The programme {0} needs the customer''s consent for {1} before enrolment",
							programme.code(), String.valueOf(programme.requiredConsent())));
		}
		Instant now = this.clock.instant();
		if (e.enrolledAt() != null && e.enrolledAt().isAfter(now)) {
			throw ApiException.invalid("enrolledAt",
					Text.of("loyalty.member.enrolled-in-future", "must not be in the future"));
		}
		Instant enrolledAt = (e.enrolledAt() != null) ? e.enrolledAt() : now;
		UUID referredBy = referrer(programme, e, customer.id());
		UUID id = this.accounts.create(programme.id(), customer.id(), referredBy, enrolledAt);
		Account account = this.accounts.byId(id).orElseThrow();
		this.audit.record(AuditTrail.Change.of("loyalty.enrolled", "loyalty_account", id,
				Text.of("loyalty.audit.enrolled", "Enrolled in {0}", programme.code()), null,
				java.util.Map.of("customerId", customer.id(), "programme", programme.code(), "referredBy",
						String.valueOf(referredBy), "enrolledAt", enrolledAt.toString())));
		if (e.card() != null) {
			this.cards.issue(account, programme, e.card(), e.cardNumber(), null);
		}
		return summary(programme, account);
	}

	private UUID referrer(LoyaltyProgramme programme, Enrolment e, UUID self) {
		UUID referrerCustomer = e.referrerCustomerId();
		if (e.referrerCard() != null && !e.referrerCard().isBlank()) {
			referrerCustomer = this.cards.byNumber(Luhn.normalise(e.referrerCard()))
				.filter((c) -> c.status() == CardStatus.ACTIVE)
				.flatMap((c) -> this.accounts.byId(c.accountId()))
				.map(Account::customerId)
				.orElseThrow(() -> ApiException.invalid("referrerCard",
						Text.of("loyalty.member.referrer-card", "no active card with this number")));
		}
		if (referrerCustomer == null) {
			return null;
		}
		if (referrerCustomer.equals(self)) {
			throw ApiException.invalid("referrerCustomerId",
					Text.of("loyalty.member.self-referral", "a member cannot refer themselves"));
		}
		return this.accounts.active(referrerCustomer, programme.id())
			.map(Account::id)
			.orElseThrow(() -> ApiException.invalid("referrerCustomerId", Text.of("loyalty.member.referrer-not-member",
					"the referrer is not a member of {0}", programme.code())));
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	MemberSummary summary(LoyaltyProgramme programme, Account account) {
		Balance balance = this.ledger.balance(account.id());
		List<CardView> cardList = this.cards.ofAccount(account.id());
		MemberSummary.Expiring next = this.jdbc.sql("""
				SELECT expires_at, SUM(remaining) AS points FROM loyalty_lot
				WHERE account_id = ? AND remaining > 0 AND status <> 'EXPIRED' AND expires_at IS NOT NULL
				GROUP BY expires_at ORDER BY expires_at LIMIT 1
				""")
			.param(account.id())
			.query((rs, n) -> new MemberSummary.Expiring(ProgrammeStore.instant(rs, "expires_at"),
					rs.getLong("points")))
			.optional()
			.orElse(null);
		return new MemberSummary(account.id(), account.customerId(), programme.code(), programme.pointName(),
				account.status(), account.enrolledAt(), balance.available(), balance.pending(),
				programme.valueOf(Math.max(0, balance.available())), programme.currency(), cardList, next,
				account.referredBy());
	}

}
