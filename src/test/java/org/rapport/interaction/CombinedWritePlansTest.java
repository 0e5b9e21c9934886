package org.rapport.interaction;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A combined write's statements use the plans kept for them instead of being planned on
 * every call, and only inside the group's own transaction (ADR 0045).
 */
@IntegrationTest
class CombinedWritePlansTest {

	@Autowired
	DataSource dataSource;

	@Test
	void aCombinedWriteRunsOnKeptPlansAndItsConnectionGoesBackToChoosingAfterwards() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			String before = setting(jdbc);
			PlanProbe write = new PlanProbe(jdbc);
			WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC(), new DataSourceTransactionManager(one),
					jdbc, 3);

			List<RecordResult> results = combiner.write(items(3));

			assertThat(results).extracting(RecordResult::status).containsOnly(RecordResult.Status.CREATED);
			assertThat(write.seen).containsExactly("force_generic_plan");
			// the setting was the transaction's own: the pooled connection is as it was
			assertThat(before).isEqualTo("auto");
			assertThat(setting(jdbc)).isEqualTo(before);
		}
	}

	@Test
	void aWriterAlreadyInsideATransactionKeepsThatTransactionsPlanChoice() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			DataSourceTransactionManager transactions = new DataSourceTransactionManager(one);
			PlanProbe write = new PlanProbe(jdbc);
			WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC(), transactions, jdbc, 3);

			new org.springframework.transaction.support.TransactionTemplate(transactions)
				.executeWithoutResult((status) -> combiner.write(items(2)));

			assertThat(write.seen).containsExactly("auto");
		}
	}

	private static String setting(JdbcClient jdbc) {
		return jdbc.sql("SELECT current_setting('plan_cache_mode')").query(String.class).single();
	}

	private static List<Prepared> items(int count) {
		List<Prepared> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(new Prepared(i, UUID.randomUUID(), UUID.randomUUID(), null, "k" + UUID.randomUUID(), List.of()));
		}
		return items;
	}

	/** A write that notes the plan choice in force while it runs its statements. */
	private static final class PlanProbe extends IngestionWrite {

		final List<String> seen = new CopyOnWriteArrayList<>();

		private final JdbcClient jdbc;

		PlanProbe(JdbcClient jdbc) {
			super(null, null, null);
			this.jdbc = jdbc;
		}

		@Override
		List<RecordResult> write(List<Prepared> items, Instant now, Map<UUID, InteractionView> shown) {
			this.seen.add(setting(this.jdbc));
			return items.stream().map((p) -> RecordResult.created(p.index(), p.id())).toList();
		}

	}

}
