package org.rapport.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MachineAndWritesTest {

	@Test
	void theFirstLineOfProcStatSplitsIntoBusyIdleAndIoWaitWithStealCountedAsBusy() {
		MachineCpu.Ticks ticks = MachineCpu.Ticks.parse("cpu  100 5 50 800 20 3 2 10 0 0");

		assertThat(ticks).isEqualTo(new MachineCpu.Ticks(170, 800, 20));
		assertThat(MachineCpu.Ticks.parse("intr 1 2 3")).isEqualTo(MachineCpu.Ticks.NONE);
	}

	@Test
	void aWindowIsDescribedAsSharesOfTheCoresTimeAndTheRunnableThreadsOnAverage() {
		MachineCpu.Usage usage = new MachineCpu.Usage(600, 380, 20, 45, 30, 2);

		assertThat(usage.describe()).isEqualTo(
				"busy 60 %, idle 38 %, waiting for I/O 2 % of 2 cores; 1.5 runnable threads on average (30 samples)");
		assertThat(MachineCpu.Usage.NONE.describe()).startsWith("not measured");
	}

	@Test
	void aSamplerOnThisMachineSeesTheCoresTime() throws Exception {
		MachineCpu.Sampler sampler = MachineCpu.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples() >= 2);
		MachineCpu.Usage usage = sampler.stop();

		assertThat(usage.measured()).isTrue();
		assertThat(usage.samples()).isPositive();
	}

	@Test
	void writesPerPurchaseCountIndexEntriesForInsertsAndUpdatesThatAreNotHot() {
		TableWrites.Counts before = new TableWrites.Counts(
				Map.of("interaction", new TableWrites.Table("interaction", 10, 0, 0, 0, 3), "customer_figures",
						new TableWrites.Table("customer_figures", 0, 5, 5, 0, 1)),
				1_000, 100_000, 0, 10);
		TableWrites.Counts after = new TableWrites.Counts(
				Map.of("interaction", new TableWrites.Table("interaction", 110, 0, 0, 0, 3), "customer_figures",
						new TableWrites.Table("customer_figures", 10, 105, 95, 0, 1)),
				2_000, 300_000, 10, 60);

		String text = after.minus(before).describe(100);

		// 100 interactions x 3 indexes + (10 inserted + 10 updated not HOT) x 1 index
		assertThat(text).contains("`interaction` 1.00 inserted (3 indexes)")
			.contains("`customer_figures` 0.10 inserted, 1.00 updated (0.90 HOT) (1 index)")
			.contains("once per index without a predicate): 3.20.")
			.contains("Write-ahead log: 2,000 bytes in 10.0 records (0.10 full-page images), 0.50 flushes");
	}

	@Test
	void theSteadyWindowBeginsAfterTheAskedWarmUpButNeverBeforeTheColdWindowEnds() {
		InteractionBenchmark.Options asked = new InteractionBenchmark.Options(1_000, 8, 10, 100, 1, 1, Path.of("x"), 30,
				false);
		InteractionBenchmark.Options shortWarmUp = new InteractionBenchmark.Options(1_000, 8, 10, 100, 1, 1,
				Path.of("x"), 5, false);

		assertThat(asked.warmUp()).isEqualTo(Duration.ofSeconds(2));
		assertThat(asked.singleWarmUp()).isEqualTo(Duration.ofSeconds(30));
		assertThat(asked.steadyWarmUp()).isEqualTo(Duration.ofSeconds(18));
		assertThat(shortWarmUp.singleWarmUp()).isEqualTo(Duration.ofSeconds(12));
		assertThat(shortWarmUp.steadyWarmUp()).isZero();
	}

}
