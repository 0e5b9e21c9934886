package org.rapport.demo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyRunTest {

	@Test
	void percentilesAreReadFromTheSortedSamples() {
		long[] sorted = new long[100];
		for (int i = 0; i < 100; i++) {
			sorted[i] = i + 1;
		}
		assertThat(LatencyRun.percentile(sorted, 50)).isEqualTo(50);
		assertThat(LatencyRun.percentile(sorted, 99)).isEqualTo(99);
		assertThat(LatencyRun.percentile(sorted, 99.9)).isEqualTo(100);
		assertThat(LatencyRun.percentile(new long[0], 50)).isZero();
	}

	@Test
	void failedCallsCountAsErrors() throws InterruptedException {
		LatencyRun.Result result = LatencyRun.run("odd fails", 2, Duration.ZERO, Duration.ofMillis(200), List.of(1, 2),
				(n) -> n % 2 == 0);

		assertThat(result.calls()).isPositive();
		assertThat(result.errors()).isPositive().isLessThan(result.calls());
	}

}
