package org.rapport.demo;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One measured window of (a) or (f): the calls' latencies, the JVM's CPU by thread at its
 * start and end ({@link ThreadCpu}) and how busy the whole machine was meanwhile
 * ({@link MachineCpu}).
 */
record SingleWindow(LatencyRun.Result result, ThreadCpu.Snapshot cpuBefore, ThreadCpu.Snapshot cpuAfter,
		MachineCpu.Usage machine) {

	static <T> SingleWindow measure(String name, int clients, Duration warmUp, Duration measure, List<T> samples,
			Predicate<T> call) throws InterruptedException {
		return measure(name, clients, warmUp, measure, samples, call, () -> {
		});
	}

	/**
	 * As {@link #measure(String, int, Duration, Duration, List, Predicate)};
	 * {@code atMeasure} also runs when the measured window begins (on the calling thread,
	 * before the window's CPU is taken).
	 */
	static <T> SingleWindow measure(String name, int clients, Duration warmUp, Duration measure, List<T> samples,
			Predicate<T> call, Runnable atMeasure) throws InterruptedException {
		ThreadCpu.Snapshot[] cpu = new ThreadCpu.Snapshot[2];
		MachineCpu.Sampler[] sampler = new MachineCpu.Sampler[1];
		MachineCpu.Usage[] machine = { MachineCpu.Usage.NONE };
		LatencyRun.Result result = LatencyRun.run(name, clients, warmUp, measure, samples, call, () -> {
			atMeasure.run();
			cpu[0] = ThreadCpu.take();
			sampler[0] = MachineCpu.start();
		}, () -> {
			machine[0] = sampler[0].stop();
			cpu[1] = ThreadCpu.take();
		});
		return new SingleWindow(result, cpu[0], cpu[1], machine[0]);
	}

}
