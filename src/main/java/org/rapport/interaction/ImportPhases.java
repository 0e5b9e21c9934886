package org.rapport.interaction;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the time of one import run goes, step by step (logged at debug level when the run
 * ends, see docs/adr/0036-import-time-per-step.md): the reading thread's parsing and
 * checks, and the writing thread's waiting for it and each statement of a chunk. Cheap
 * enough to keep on: a clock read per step and chunk.
 */
final class ImportPhases {

	/** The steps of a run. */
	enum Step {

		/** Reading thread: parsing the file into groups. */
		READ,
		/** Reading thread: checks, normalising and COPY text. */
		CHECK,
		/** Writing thread: waiting for the next prepared chunk. */
		WAIT,
		/** Customers and prospects of the chunk's references. */
		RESOLVE,
		/** Temporary tables and the COPY of the references and staged rows. */
		STAGE,
		/** Interactions moved into {@code interaction}. */
		INSERT,
		/** Lines into {@code interaction_line}. */
		LINES,
		/** The customers' figures upsert. */
		FIGURES,
		/** The customers announced, returns, event publication. */
		ANNOUNCE,
		/** The job's progress and rejections. */
		PROGRESS,
		/** Commit and what the listener is told after it. */
		COMMIT,
		/**
		 * Writing lanes: a chunk waiting for the chunk before to finish a stage
		 * ({@link ImportTurns}).
		 */
		TURN

	}

	private static final ThreadLocal<ImportPhases> CURRENT = new ThreadLocal<>();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final AtomicLongArray nanos = new AtomicLongArray(Step.values().length);

	/** CPU time of the reading thread(s) and of the writing thread. */
	private final AtomicLong readingCpu = new AtomicLong();

	private final AtomicLong writingCpu = new AtomicLong();

	/** The run's timings on this thread, or null outside a run. */
	static ImportPhases current() {
		return CURRENT.get();
	}

	static void use(ImportPhases phases) {
		if (phases == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(phases);
		}
	}

	/**
	 * Adds the time since {@code since} (from {@link System#nanoTime()}) to a step of the
	 * current run, if any, and answers the time now.
	 */
	static long add(Step step, long since) {
		long now = System.nanoTime();
		ImportPhases phases = CURRENT.get();
		if (phases != null) {
			phases.nanos.addAndGet(step.ordinal(), now - since);
		}
		return now;
	}

	void addTo(Step step, long nanos) {
		this.nanos.addAndGet(step.ordinal(), nanos);
	}

	/** The time so far of the steps inside a chunk's transaction. */
	long writing() {
		long sum = 0;
		for (Step step : Step.values()) {
			if (step.compareTo(Step.RESOLVE) >= 0 && step.compareTo(Step.COMMIT) < 0) {
				sum += nanos(step);
			}
		}
		return sum;
	}

	/** The CPU time of the calling thread so far, in nanoseconds (0 where unknown). */
	static long threadCpu() {
		return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
	}

	/** Chunks whose direct write met a stored key and were stored again, staged. */
	private final AtomicLong fallbacks = new AtomicLong();

	void fellBack() {
		this.fallbacks.incrementAndGet();
	}

	long fallbacks() {
		return this.fallbacks.get();
	}

	/** Adds CPU time spent by a reading thread. */
	void readingCpu(long nanos) {
		this.readingCpu.addAndGet(nanos);
	}

	/** Adds CPU time spent by a writing thread (the writing lanes added up). */
	void writingCpu(long nanos) {
		this.writingCpu.addAndGet(nanos);
	}

	long nanos(Step step) {
		return this.nanos.get(step.ordinal());
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		for (Step step : Step.values()) {
			if (!sb.isEmpty()) {
				sb.append(", ");
			}
			sb.append(step.name().toLowerCase(Locale.ROOT))
				.append(' ')
				.append(String.format(Locale.ROOT, "%.3f s", nanos(step) / 1e9));
		}
		sb.append(String.format(Locale.ROOT, "; CPU: reading %.3f s, writing %.3f s; chunks stored again staged: %d",
				this.readingCpu.get() / 1e9, this.writingCpu.get() / 1e9, this.fallbacks.get()));
		return sb.toString();
	}

}
