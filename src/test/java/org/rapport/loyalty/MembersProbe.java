package org.rapport.loyalty;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts that note, each time the members among some customers are asked for, the plan
 * choice in force and how many customers were asked about, and find none (so nothing is
 * earned).
 */
final class MembersProbe extends AccountStore {

	final List<String> seen = new CopyOnWriteArrayList<>();

	final List<Integer> asked = new CopyOnWriteArrayList<>();

	/** Run at each question before it is answered, when set. */
	volatile Runnable onAsk;

	private final JdbcClient jdbc;

	MembersProbe(JdbcClient jdbc) {
		super(jdbc, Clock.systemUTC());
		this.jdbc = jdbc;
	}

	@Override
	Map<UUID, List<Account>> activeOfAll(Collection<UUID> customerIds) {
		this.seen.add(EarningPlansTest.setting(this.jdbc));
		this.asked.add(customerIds.size());
		Runnable hook = this.onAsk;
		if (hook != null) {
			hook.run();
		}
		return Map.of();
	}

}
