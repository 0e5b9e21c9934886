package org.rapport.interaction;

/**
 * The order in which the writing lanes of one import run take their steps
 * (docs/adr/0050-import-writing-lanes.md). Chunks are numbered in file order from 0; each
 * goes through the {@link Stage stages} in order, and chunk n enters a stage only after
 * chunk n - 1 has finished it. So an earlier chunk never waits for a lock that a later
 * chunk took, and chunk n commits only after chunk n - 1 committed: a killed run leaves a
 * prefix of whole chunks, as with one lane.
 * <p>
 * When a chunk fails, the chunks after it are stopped at their next turn ({@link Stopped}
 * is thrown, their transactions roll back) while the chunks before it go on to their
 * commits; the first failure in file order is the run's.
 */
final class ImportTurns {

	/** The steps of a chunk's transaction, each taken by the chunks in file order. */
	enum Stage {

		/** Customers resolved, prospects created. */
		RESOLVE,
		/** Interactions into {@code interaction} (direct COPY or staging). */
		INSERT,
		/** Lines into {@code interaction_line}. */
		LINES,
		/** The customers' figures upsert. */
		FIGURES,
		/** Returns through the API's path, the event publication. */
		ANNOUNCE,
		/**
		 * The job's progress and rejections, the commit and the listener: entered once
		 * the chunk before has committed, finished once this one has.
		 */
		COMMIT

	}

	/** Thrown at a turn of a chunk that comes after a failed one: it is to roll back. */
	static final class Stopped extends RuntimeException {

		Stopped() {
			super("an earlier chunk of the import failed", null, false, false);
		}

	}

	private static final Stage[] STAGES = Stage.values();

	/** By stage, how many chunks (from the first) have finished it. */
	private final long[] finished = new long[STAGES.length];

	/** The first chunk (in file order) that failed, and why. */
	private long failedChunk = Long.MAX_VALUE;

	private Throwable failure;

	/** Whether the last chunk that finished {@link Stage#INSERT} met stored keys. */
	private volatile boolean keysTaken;

	/** The turns of one chunk. */
	Turn turn(long chunk) {
		return new Turn(chunk);
	}

	/** Records that a chunk failed; the chunks after it are stopped. */
	synchronized void fail(long chunk, Throwable cause) {
		if (chunk < this.failedChunk) {
			this.failedChunk = chunk;
			this.failure = cause;
		}
		notifyAll();
	}

	/** Whether a chunk has failed: no further chunk is to be started. */
	synchronized boolean stopped() {
		return this.failure != null;
	}

	/** The first failure in file order, or null. */
	synchronized Throwable failure() {
		return this.failure;
	}

	boolean keysTaken() {
		return this.keysTaken;
	}

	/** Waits until chunk {@code chunk - 1} has finished the stage. */
	private synchronized void await(long chunk, Stage stage) {
		long t = System.nanoTime();
		try {
			while (this.finished[stage.ordinal()] < chunk) {
				if (chunk > this.failedChunk) {
					throw new Stopped();
				}
				wait();
			}
			if (chunk > this.failedChunk) {
				throw new Stopped();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the chunk before", ex);
		}
		finally {
			ImportPhases.add(ImportPhases.Step.TURN, t);
		}
	}

	private synchronized void finish(long chunk, Stage stage) {
		this.finished[stage.ordinal()] = chunk + 1;
		notifyAll();
	}

	/**
	 * The turns of one chunk: {@link #to} before each stage's work, {@link #committed}
	 * after the commit.
	 */
	final class Turn implements ImportTurn {

		private final long chunk;

		/** The stage entered last, -1 before the first. */
		private int at = -1;

		private Turn(long chunk) {
			this.chunk = chunk;
		}

		/** The chunk's number in file order, from 0. */
		long chunk() {
			return this.chunk;
		}

		/**
		 * Waits until the chunk before has committed (a chunk whose returns go through
		 * the API's path, or the one after it, runs alone); its stages then follow in
		 * turn as usual, with nothing before them to wait for.
		 */
		void alone() {
			await(this.chunk, Stage.COMMIT);
		}

		@Override
		public void to(Stage stage) {
			while (this.at < stage.ordinal()) {
				if (this.at >= 0) {
					finish(this.chunk, STAGES[this.at]);
				}
				this.at++;
				await(this.chunk, STAGES[this.at]);
			}
		}

		@Override
		public ImportStaging.Path path(ImportStaging.Path proposed) {
			return ImportTurns.this.keysTaken ? ImportStaging.Path.STAGED : ImportStaging.Path.DIRECT_OR_STAGED;
		}

		@Override
		public void keysTaken(boolean taken) {
			ImportTurns.this.keysTaken = taken;
		}

		/** The chunk has committed (and its listener been told): the next may commit. */
		void committed() {
			to(Stage.COMMIT);
			finish(this.chunk, Stage.COMMIT);
		}

	}

}
