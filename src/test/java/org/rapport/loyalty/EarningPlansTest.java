package org.rapport.loyalty;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.InteractionRecorded;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The combiner's own earning transactions run their statements on kept plans instead of
 * planning the members query on every call, and only inside those transactions, and only
 * for groups of the combiner's size (ADR 0056).
 */
@IntegrationTest
class EarningPlansTest {

	@Autowired
	DataSource dataSource;

	@Test
	void anEarningTransactionOfTheCombinerRunsOnKeptPlansAndItsConnectionGoesBackToChoosingAfterwards()
			throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			String before = setting(jdbc);
			MembersProbe members = new MembersProbe(jdbc);
			EarningCombiner combiner = new EarningCombiner(members, null, new DataSourceTransactionManager(one), jdbc);

			combiner.earn(purchases(3));

			assertThat(members.seen).containsExactly("force_generic_plan");
			// the setting was the transaction's own: the pooled connection is as it was
			assertThat(before).isEqualTo("auto");
			assertThat(setting(jdbc)).isEqualTo(before);
		}
	}

	@Test
	void aDeliveryLargerThanACombinedGroupKeepsChoosingPlansForItsActualSize() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			MembersProbe members = new MembersProbe(jdbc);
			EarningCombiner combiner = new EarningCombiner(members, null, new DataSourceTransactionManager(one), jdbc);

			combiner.earn(purchases(EarningCombiner.MAX_ITEMS + 1));

			assertThat(members.seen).containsExactly("auto");
		}
	}

	@Test
	void aCallerAlreadyInsideATransactionKeepsThatTransactionsPlanChoice() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			DataSourceTransactionManager transactions = new DataSourceTransactionManager(one);
			MembersProbe members = new MembersProbe(jdbc);
			EarningCombiner combiner = new EarningCombiner(members, null, transactions, jdbc);

			new TransactionTemplate(transactions).executeWithoutResult((status) -> combiner.earn(purchases(2)));

			assertThat(members.seen).containsExactly("auto");
		}
	}

	static String setting(JdbcClient jdbc) {
		return jdbc.sql("SELECT current_setting('plan_cache_mode')").query(String.class).single();
	}

	static List<InteractionRecorded> purchases(int count) {
		List<InteractionRecorded> purchases = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			purchases.add(new InteractionRecorded(UUID.randomUUID(), UUID.randomUUID(), InteractionKind.PURCHASE,
					"STORE", Instant.now(), BigDecimal.TEN, "EUR", null, List.of(), null));
		}
		return purchases;
	}

}
