package org.rapport.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How busy the whole machine was over a timed run, from {@code /proc/stat}: the share of
 * the cores' time spent busy, idle and waiting for I/O, and the number of runnable
 * threads, sampled every 100 ms while the run lasts. It tells a run bound by CPU (no idle
 * time, more runnable threads than cores) from one bound by waiting, e.g. for commits to
 * be flushed (ADR 0039). Everything on the machine counts, other people's work included.
 */
final class MachineCpu {

	private static final Path STAT = Path.of("/proc/stat");

	/**
	 * The cores' time over a run, in clock ticks, and the runnable threads seen by the
	 * samples.
	 */
	record Usage(long busy, long idle, long iowait, long runnableSum, int samples, int cores) {

		static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);

		boolean measured() {
			return this.busy + this.idle + this.iowait > 0;
		}

		double share(long part) {
			long total = this.busy + this.idle + this.iowait;
			return (total == 0) ? 0 : (double) part / total;
		}

		double runnable() {
			return (this.samples == 0) ? 0 : (double) this.runnableSum / this.samples;
		}

		/**
		 * One phrase, e.g. "busy 62 %, idle 36 %, I/O wait 2 %, 1.9 runnable threads".
		 */
		String describe() {
			if (!measured()) {
				return "not measured (no /proc/stat)";
			}
			return String.format(Locale.ROOT,
					"busy %.0f %%, idle %.0f %%, waiting for I/O %.0f %% of %d cores; "
							+ "%.1f runnable threads on average (%d samples)",
					100 * share(this.busy), 100 * share(this.idle), 100 * share(this.iowait), this.cores, runnable(),
					this.samples);
		}

	}

	/** The cumulative counters of {@code /proc/stat}'s first line. */
	record Ticks(long busy, long idle, long iowait) {

		static final Ticks NONE = new Ticks(0, 0, 0);

		/**
		 * Parses {@code cpu user nice system idle iowait irq softirq steal ...}; steal
		 * counts as busy (someone else's), guest time is already in user.
		 */
		static Ticks parse(String line) {
			String[] f = line.trim().split("\\s+");
			if (f.length < 6 || !f[0].equals("cpu")) {
				return NONE;
			}
			long busy = 0;
			for (int i = 1; i < Math.min(f.length, 9); i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(f[i]);
				}
			}
			return new Ticks(busy, Long.parseLong(f[4]), Long.parseLong(f[5]));
		}

	}

	/** Samples the machine from {@link #start()} until {@link #stop()}. */
	static final class Sampler {

		private final Ticks start;

		private final Thread thread;

		private volatile boolean running = true;

		private long runnableSum;

		private int samples;

		private Sampler() {
			this.start = ticks();
			this.thread = new Thread(this::sample, "machine-cpu");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void sample() {
			while (this.running) {
				int runnable = runnable();
				if (runnable >= 0) {
					synchronized (this) {
						this.runnableSum += runnable;
						this.samples++;
					}
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		/** Samples of the runnable threads taken so far. */
		synchronized int samples() {
			return this.samples;
		}

		/** What the machine did since the start. */
		Usage stop() {
			this.running = false;
			this.thread.interrupt();
			Ticks end = ticks();
			if (end == Ticks.NONE || this.start == Ticks.NONE) {
				return Usage.NONE;
			}
			synchronized (this) {
				return new Usage(end.busy() - this.start.busy(), end.idle() - this.start.idle(),
						end.iowait() - this.start.iowait(), this.runnableSum, this.samples,
						Runtime.getRuntime().availableProcessors());
			}
		}

	}

	private MachineCpu() {
	}

	static Sampler start() {
		return new Sampler();
	}

	private static Ticks ticks() {
		try {
			List<String> lines = Files.readAllLines(STAT);
			return lines.isEmpty() ? Ticks.NONE : Ticks.parse(lines.get(0));
		}
		catch (IOException | RuntimeException ex) {
			return Ticks.NONE;
		}
	}

	/**
	 * The runnable threads now ({@code procs_running}, the sampling thread itself not
	 * counted), or -1.
	 */
	private static int runnable() {
		try {
			for (String line : Files.readAllLines(STAT)) {
				if (line.startsWith("procs_running ")) {
					return Math.max(0, Integer.parseInt(line.substring("procs_running ".length()).trim()) - 1);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return -1;
	}

}
