package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

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

	ImportRunner(ImportChecks checks, ImportChunkWriter writer, ImportJobStore jobs, ProductCatalogue catalogue,
			JsonMapper json, Clock clock) {
		this.checks = checks;
		this.writer = writer;
		this.jobs = jobs;
		this.catalogue = catalogue;
		this.json = json;
		this.clock = clock;
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
				ChunkFeed.Chunk chunk;
				long t = System.nanoTime();
				boolean keysTaken = false;
				while ((chunk = feed.next()) != null) {
					ImportPhases.add(ImportPhases.Step.WAIT, t);
					keysTaken = flush(jobId, chunk, options, listener, phases, keysTaken);
					t = System.nanoTime();
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
