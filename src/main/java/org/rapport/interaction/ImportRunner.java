package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import: reads the file a group of lines at a time and checks and renders each
 * chunk ({@link ImportChecks}) one chunk ahead of the writer ({@link ChunkFeed}), and
 * hands the chunks to {@link ImportChunkWriter} one at a time, so memory holds a few
 * chunks, never the file. Rejected lines travel with the next chunk, so the job's counts
 * always match what is stored. Any failure marks the job FAILED; what was stored stays
 * stored, and a re-run of the file skips it by idempotency key.
 * <p>
 * A resumed run (after a failure or a dead process) reads the file again from the start
 * but passes over the groups up to the job's {@code resumeLine} without checking or
 * storing them: every group up to that line was in a committed chunk, whose counts and
 * rejections the job has already. The listener is first told the stored rejections, so
 * the error report of a resumed run is that of one whole run.
 */
@Component
class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private final ImportChecks checks;

	private final ImportChunkWriter writer;

	private final ImportJobStore jobs;

	private final ProductCatalogue catalogue;

	private final JsonMapper json;

	private final Clock clock;

	private final TransactionTemplate transactions;

	/** The writing lanes of a run whose options do not say (ADR 0050). */
	private final int lanes;

	ImportRunner(ImportChecks checks, ImportChunkWriter writer, ImportJobStore jobs, ProductCatalogue catalogue,
			JsonMapper json, Clock clock, PlatformTransactionManager transactionManager,
			@Value("${rapport.imports.lanes:2}") int lanes) {
		this.checks = checks;
		this.writer = writer;
		this.jobs = jobs;
		this.catalogue = catalogue;
		this.json = json;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.lanes = lanes;
	}

	ImportJobView run(UUID jobId, InputStream in, ImportOptions options, ImportListener listener) {
		return run(jobId, in, options, listener, 0);
	}

	/**
	 * @param resumeLine groups whose lines all lie at or before it were stored by an
	 * earlier run of this job and are passed over (0: none)
	 */
	ImportJobView run(UUID jobId, InputStream in, ImportOptions options, ImportListener listener, long resumeLine) {
		InteractionReader reader = reader(in, options);
		ImportPhases phases = new ImportPhases();
		ImportPhases.use(phases);
		long cpu = ImportPhases.threadCpu();
		try {
			if (resumeLine > 0) {
				this.jobs.rejections(jobId, listener::rejected);
			}
			if (options.format() == ImportFormat.CDNOW && this.catalogue.get(CdnowInteractionReader.SKU).isEmpty()) {
				this.catalogue
					.save(new Product(CdnowInteractionReader.SKU, "CD", CdnowInteractionReader.CATEGORY, true));
			}
			try (ChunkFeed feed = new ChunkFeed(reader, options.chunkSize(), resumeLine, this.checks::prepare)) {
				int lanes = lanes(options);
				if (lanes > 1) {
					inLanes(jobId, feed, options, listener, phases, lanes);
				}
				else {
					ChunkFeed.Chunk chunk;
					long t = System.nanoTime();
					boolean keysTaken = false;
					while ((chunk = feed.next()) != null) {
						ImportPhases.add(ImportPhases.Step.WAIT, t);
						keysTaken = flush(jobId, chunk, options, listener, phases, keysTaken);
						t = System.nanoTime();
					}
				}
				this.jobs.finish(jobId, ImportJobView.Status.DONE, feed.rowsRead(), feed.bytesRead(), null,
						this.clock.instant());
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Import {} failed", jobId, ex);
			String message = ex instanceof ImportFileException ? ex.getMessage()
					: ex.getClass().getSimpleName() + ": " + ex.getMessage();
			this.jobs.finish(jobId, ImportJobView.Status.FAILED, 0, 0, message, this.clock.instant());
		}
		finally {
			ImportPhases.use(null);
			phases.writingCpu(ImportPhases.threadCpu() - cpu);
		}
		log.debug("Import {} time per step: {}", jobId, phases);
		ImportJobView done = this.jobs.find(jobId).orElseThrow();
		listener.progress(done);
		return done;
	}

	/**
	 * Stores a chunk: straight into the tables unless the chunk before met stored keys
	 * (ADR 0041); a direct write that meets a stored key is rolled back and the chunk
	 * stored through the staging table.
	 * @return whether the chunk met keys stored before
	 */
	private boolean flush(UUID jobId, ChunkFeed.Chunk chunk, ImportOptions options, ImportListener listener,
			ImportPhases phases, boolean keysTakenBefore) {
		long started = System.nanoTime();
		long inside = phases.writing();
		ImportChunkWriter.Outcome outcome;
		if (keysTakenBefore) {
			outcome = store(jobId, chunk, options, ImportStaging.Path.STAGED);
		}
		else {
			try {
				outcome = store(jobId, chunk, options, ImportStaging.Path.DIRECT);
			}
			catch (ImportStaging.KeyTaken ex) {
				phases.fellBack();
				outcome = store(jobId, chunk, options, ImportStaging.Path.STAGED);
			}
		}
		outcome.rejections().forEach(listener::rejected);
		this.jobs.find(jobId).ifPresent(listener::progress);
		phases.addTo(ImportPhases.Step.COMMIT, System.nanoTime() - started - (phases.writing() - inside));
		return outcome.keysTaken();
	}

	/** The writing lanes of a run: as its options say, else as set. */
	int lanes(ImportOptions options) {
		int lanes = options.lanes() > 0 ? options.lanes() : this.lanes;
		return Math.max(1, Math.min(lanes, ImportOptions.MAX_LANES));
	}

	/**
	 * Stores the chunks on several writing lanes (ADR 0050): each chunk in a transaction
	 * of its own on a thread and connection of its own, consecutive chunks at once, each
	 * stage of a chunk in its turn ({@link ImportTurns}) so that the chunks commit in
	 * file order. A chunk whose returns go through the API's path runs alone. Returns
	 * when every chunk started has committed or rolled back; a failed chunk's cause is
	 * thrown then, the chunks before it stored, none after it.
	 */
	private void inLanes(UUID jobId, ChunkFeed feed, ImportOptions options, ImportListener listener,
			ImportPhases phases, int lanes) throws IOException {
		ImportTurns turns = new ImportTurns();
		Semaphore free = new Semaphore(lanes);
		AtomicInteger named = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(lanes, (r) -> {
			Thread thread = new Thread(r, "import-lane-" + named.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			long n = 0;
			boolean aloneBefore = false;
			ChunkFeed.Chunk chunk;
			long t = System.nanoTime();
			while (!turns.stopped() && (chunk = feed.next()) != null) {
				ImportPhases.add(ImportPhases.Step.WAIT, t);
				acquire(free, 1);
				if (turns.stopped()) {
					free.release();
					break;
				}
				boolean alone = !chunk.batch().returns().isEmpty();
				ImportTurns.Turn turn = turns.turn(n++);
				boolean waitForCommit = alone || aloneBefore;
				aloneBefore = alone;
				ChunkFeed.Chunk c = chunk;
				pool.execute(() -> {
					try {
						lane(jobId, c, options, listener, phases, turn, waitForCommit, turns);
					}
					finally {
						free.release();
					}
				});
				t = System.nanoTime();
			}
		}
		finally {
			// every chunk started ends (commits or rolls back) before the run is finished
			acquire(free, lanes);
			pool.shutdown();
		}
		Throwable failure = turns.failure();
		if (failure instanceof RuntimeException ex) {
			throw ex;
		}
		if (failure instanceof Error error) {
			throw error;
		}
	}

	/** One chunk on a writing lane: its transaction, its commit, then the listener. */
	private void lane(UUID jobId, ChunkFeed.Chunk chunk, ImportOptions options, ImportListener listener,
			ImportPhases phases, ImportTurns.Turn turn, boolean alone, ImportTurns turns) {
		ImportPhases.use(phases);
		long cpu = ImportPhases.threadCpu();
		try {
			if (alone) {
				turn.alone();
			}
			long[] written = new long[1];
			ImportChunkWriter.Outcome outcome = this.transactions.execute((status) -> {
				ImportChunkWriter.Outcome o = this.writer.write(jobId, chunk.batch(), chunk.rowsRead(),
						chunk.bytesRead(), chunk.lastLine(), options, ImportStaging.Path.DIRECT_OR_STAGED, turn);
				written[0] = System.nanoTime();
				return o;
			});
			outcome.rejections().forEach(listener::rejected);
			this.jobs.find(jobId).ifPresent(listener::progress);
			ImportPhases.add(ImportPhases.Step.COMMIT, written[0]);
			turn.committed();
		}
		catch (ImportTurns.Stopped ex) {
			// a chunk before this one failed: this one rolled back
		}
		catch (RuntimeException | Error ex) {
			turns.fail(turn.chunk(), ex);
		}
		finally {
			phases.writingCpu(ImportPhases.threadCpu() - cpu);
			ImportPhases.use(null);
		}
	}

	private static void acquire(Semaphore semaphore, int permits) {
		try {
			semaphore.acquire(permits);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the writing lanes", ex);
		}
	}

	private ImportChunkWriter.Outcome store(UUID jobId, ChunkFeed.Chunk chunk, ImportOptions options,
			ImportStaging.Path path) {
		return this.writer.store(jobId, chunk.batch(), chunk.rowsRead(), chunk.bytesRead(), chunk.lastLine(), options,
				path);
	}

	private InteractionReader reader(InputStream in, ImportOptions options) {
		return switch (options.format()) {
			case CSV -> new CsvInteractionReader(in, options.sourceSystem());
			case JSONL -> new JsonLinesInteractionReader(in, this.json, options.sourceSystem());
			case CDNOW -> new CdnowInteractionReader(in, options.sourceSystem());
		};
	}

}
