package org.rapport.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Calls an operation from several client threads for a while and keeps every latency:
 * after a warm-up, each call's time is recorded, and the percentiles are read from all
 * samples sorted (exact, no histogram buckets).
 */
final class LatencyRun {

	/** What a run measured; latencies in microseconds. */
	record Result(String name, int clients, long calls, long errors, double seconds, long p50, long p90, long p99,
			long p999, long max) {

		double perSecond() {
			return this.calls / this.seconds;
		}

	}

	private LatencyRun() {
	}

	/**
	 * Runs {@code call} with random samples; it answers whether the call succeeded.
	 */
	static <T> Result run(String name, int clients, Duration warmUp, Duration measure, List<T> samples,
			Predicate<T> call) throws InterruptedException {
		return run(name, clients, warmUp, measure, samples, call, null, null);
	}

	/**
	 * As {@link #run(String, int, Duration, Duration, List, Predicate)};
	 * {@code atMeasure} runs on the calling thread when the warm-up ends and the measured
	 * window begins, {@code atEnd} when the window ends, while the client threads still
	 * finish their last calls.
	 */
	static <T> Result run(String name, int clients, Duration warmUp, Duration measure, List<T> samples,
			Predicate<T> call, Runnable atMeasure, Runnable atEnd) throws InterruptedException {
		long[][] perClient = new long[clients][];
		int[] counts = new int[clients];
		AtomicLong errors = new AtomicLong();
		CountDownLatch done = new CountDownLatch(clients);
		CountDownLatch ended = new CountDownLatch((atEnd != null) ? 1 : 0);
		long start = System.nanoTime();
		long measureFrom = start + warmUp.toNanos();
		long end = measureFrom + measure.toNanos();
		List<Thread> threads = new ArrayList<>(clients);
		for (int c = 0; c < clients; c++) {
			int client = c;
			Thread thread = new Thread(() -> {
				SplittableRandom random = new SplittableRandom(client);
				long[] latencies = new long[1 << 16];
				int n = 0;
				try {
					while (true) {
						T sample = samples.get(random.nextInt(samples.size()));
						long before = System.nanoTime();
						if (before >= end) {
							break;
						}
						boolean ok;
						try {
							ok = call.test(sample);
						}
						catch (RuntimeException ex) {
							ok = false;
						}
						long after = System.nanoTime();
						if (before >= measureFrom) {
							if (!ok) {
								errors.incrementAndGet();
							}
							if (n == latencies.length) {
								latencies = Arrays.copyOf(latencies, n * 2);
							}
							latencies[n++] = (after - before) / 1_000;
						}
					}
				}
				finally {
					perClient[client] = latencies;
					counts[client] = n;
					// alive until the window's end was noted, so that its CPU is still
					// counted
					awaitQuietly(ended);
					done.countDown();
				}
			}, "bench-client-" + c);
			threads.add(thread);
			thread.start();
		}
		if (atMeasure != null) {
			sleepUntil(measureFrom);
			atMeasure.run();
		}
		if (atEnd != null) {
			try {
				sleepUntil(end);
				atEnd.run();
			}
			finally {
				ended.countDown();
			}
		}
		done.await();
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int c = 0; c < clients; c++) {
			System.arraycopy(perClient[c], 0, all, at, counts[c]);
			at += counts[c];
		}
		Arrays.sort(all);
		double seconds = measure.toNanos() / 1e9;
		return new Result(name, clients, total, errors.get(), seconds, percentile(all, 50), percentile(all, 90),
				percentile(all, 99), percentile(all, 99.9), total == 0 ? 0 : all[total - 1]);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
	}

	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

}
