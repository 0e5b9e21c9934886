package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.console.ConsoleModel;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list's outlook is shown only to staff who may read customers' scores, and only when
 * analytics provides one.
 */
class MemberOutlooksTest {

	static final UUID ANA = UUID.randomUUID();

	static final UUID BEA = UUID.randomUUID();

	/** Answers for Ana only, and remembers what it was asked. */
	static final class Provider implements MemberOutlook {

		Collection<UUID> asked;

		@Override
		public Map<UUID, Outlook> of(Collection<UUID> customerIds) {
			this.asked = customerIds;
			return customerIds.contains(ANA) ? Map.of(ANA, new Outlook(new BigDecimal("812.40"), "EUR", "HIGH", true))
					: Map.of();
		}

	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	static void signIn(String... authorities) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("staff", "secret", authorities));
	}

	static MemberOutlooks outlooks(MemberOutlook provider) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (provider != null) {
			beans.addBean("outlook", provider);
		}
		return new MemberOutlooks(beans.getBeanProvider(MemberOutlook.class), new ConsoleModel());
	}

	@Test
	void staffWhoMayReadScoresSeeEachListedMembersOutlook() {
		signIn("loyalty:read", "analytics:customer-read");
		Provider provider = new Provider();
		MemberOutlooks outlooks = outlooks(provider);

		Map<UUID, MemberOutlook.Outlook> seen = outlooks.of(Arrays.asList(ANA, BEA, ANA, null));

		assertThat(outlooks.shown()).isTrue();
		assertThat(seen).containsOnlyKeys(ANA);
		assertThat(seen.get(ANA).likelyToLeave()).isTrue();
		// each customer asked once, the empty rows left out
		assertThat(provider.asked).containsExactly(ANA, BEA);
	}

	@Test
	void staffWhoMayNotReadScoresSeeNoOutlookAndTheProviderIsNotAsked() {
		signIn("loyalty:read", "loyalty:admin");
		Provider provider = new Provider();
		MemberOutlooks outlooks = outlooks(provider);

		assertThat(outlooks.shown()).isFalse();
		assertThat(outlooks.of(List.of(ANA))).isEmpty();
		assertThat(provider.asked).isNull();
	}

	@Test
	void withoutAnAnalyticsProviderListsShowNoOutlook() {
		signIn("loyalty:read", "analytics:customer-read");
		MemberOutlooks outlooks = outlooks(null);

		assertThat(outlooks.shown()).isFalse();
		assertThat(outlooks.of(List.of(ANA))).isEmpty();
	}

	@Test
	void aLineTakesTheOutlookOfItsMemberAndOnlyHighRiskCountsAsLikelyToLeave() {
		ImpactLine line = new ImpactLine(UUID.randomUUID(), ANA, new BigDecimal("540.00"), 120, 0, null, 0,
				new BigDecimal("1.20"), null, null, null, Tier.Benefits.NONE, null, null);

		ImpactLine high = line.with(new MemberOutlook.Outlook(new BigDecimal("812.40"), "EUR", "HIGH", true));
		ImpactLine churned = line.with(new MemberOutlook.Outlook(null, "EUR", "CHURNED", false));

		assertThat(line.with(null)).isSameAs(line);
		assertThat(line.likelyToLeave()).isFalse();
		assertThat(high.predictedValue()).isEqualByComparingTo("812.40");
		assertThat(high.churnRisk()).isEqualTo("HIGH");
		assertThat(high.likelyToLeave()).isTrue();
		assertThat(high.valueLost()).isEqualByComparingTo("1.20");
		assertThat(churned.likelyToLeave()).isFalse();
		assertThat(churned.predictedValue()).isNull();
	}

}
