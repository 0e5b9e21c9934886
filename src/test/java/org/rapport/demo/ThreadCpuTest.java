package org.rapport.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

	@Test
	void threadsAreCountedAsServerClientsListenersOrOther() {
		assertThat(ThreadCpu.kind("http-nio-auto-1-exec-7")).isEqualTo(ThreadCpu.REQUESTS);
		assertThat(ThreadCpu.kind("http-nio-auto-1-Poller")).isEqualTo(ThreadCpu.REQUESTS);
		assertThat(ThreadCpu.kind("bench-client-3")).isEqualTo(ThreadCpu.CLIENTS);
		assertThat(ThreadCpu.kind("task-2")).isEqualTo(ThreadCpu.LISTENERS);
		assertThat(ThreadCpu.kind("event-completions")).isEqualTo(ThreadCpu.LISTENERS);
		assertThat(ThreadCpu.kind("main")).isEqualTo(ThreadCpu.OTHER);
	}

	@Test
	void theWindowIsSplitPerCallByKindWithTheRestOfTheProcessAsJitGcAndVm() {
		ThreadCpu.Snapshot before = new ThreadCpu.Snapshot(cpu(1_000_000, 0, 0, 0, 0), 1_000_000, 10);
		ThreadCpu.Snapshot after = new ThreadCpu.Snapshot(cpu(601_000_000, 20_000_000, 80_000_000, 0, 300_000_000),
				1_001_000_000, 260);

		String text = ThreadCpu.describe(before, after, 1_000);

		assertThat(text).contains("(1,000 calls): 1.00 ms in all")
			.contains(ThreadCpu.REQUESTS + " 0.60 ms (60 %)")
			.contains(ThreadCpu.CLIENTS + " 0.02 ms (2 %)")
			.contains(ThreadCpu.LISTENERS + " 0.08 ms (8 %)")
			.contains(ThreadCpu.REST + " 0.30 ms (30 %)")
			.contains("waits included): 250 ms.");
	}

	@Test
	void aSnapshotOfThisJvmCountsTheCallingThreadAndTheProcess() {
		ThreadCpu.Snapshot now = ThreadCpu.take();

		assertThat(now.byKind()).containsKeys(ThreadCpu.REQUESTS, ThreadCpu.CLIENTS, ThreadCpu.LISTENERS,
				ThreadCpu.OTHER, ThreadCpu.REST);
		assertThat(now.byKind().get(ThreadCpu.OTHER)).isPositive();
		// libfaketime (.ci/run-at) shifts the threads' processor-time clocks, not /proc
		Assumptions.assumeTrue(System.getenv("FAKETIME") == null, "thread clocks shifted by libfaketime");
		assertThat(now.process()).isGreaterThanOrEqualTo(now.byKind().get(ThreadCpu.OTHER));
	}

	private static Map<String, Long> cpu(long requests, long clients, long listeners, long other, long rest) {
		Map<String, Long> m = new LinkedHashMap<>();
		m.put(ThreadCpu.REQUESTS, requests);
		m.put(ThreadCpu.CLIENTS, clients);
		m.put(ThreadCpu.LISTENERS, listeners);
		m.put(ThreadCpu.OTHER, other);
		m.put(ThreadCpu.REST, rest);
		return m;
	}

}
