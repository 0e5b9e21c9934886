package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import org.rapport.platform.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * Front door of bulk imports of interaction history (docs/import.md): a CSV, JSON lines
 * or CDNOW file is streamed, checked row by row and stored in chunks; every rejected row
 * is reported with its line number and reason; importing the same file again changes
 * nothing. Runs are tracked in the import_job table, in the foreground (command line) or
 * in the background on a small bounded pool (console). A run whose process died is marked
 * INTERRUPTED when the application starts and whenever runs are read
 * ({@link ImportLeases}); importing the same file again resumes it
 * ({@link ImportClaims}).
 */
@Service
public class InteractionImports {

	/** Imports running at once in the background; more wait in a short queue. */
	static final int WORKERS = 2;

	private final ImportRunner runner;

	private final ImportJobStore jobs;

	private final ImportClaims claims;

	private final ImportLeases leases;

	private final Clock clock;

	private final ThreadPoolExecutor background = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(4), (r) -> {
				Thread thread = new Thread(r, "interaction-import");
				thread.setDaemon(true);
				return thread;
			});

	InteractionImports(ImportRunner runner, ImportJobStore jobs, ImportClaims claims, ImportLeases leases,
			Clock clock) {
		this.runner = runner;
		this.jobs = jobs;
		this.claims = claims;
		this.leases = leases;
		this.clock = clock;
	}

	/**
	 * Imports a file now, in this thread, and answers the finished job. A file whose
	 * earlier run was interrupted or failed resumes that run.
	 */
	public ImportJobView importFile(Path file, String fileName, ImportOptions options, ImportListener listener) {
		ImportClaims.Claim claim = this.claims.claim(file, fileName, options);
		try (ImportLeases.Lease lease = claim.lease(); InputStream in = Files.newInputStream(file)) {
			return this.runner.run(claim.jobId(), in, options, listener, claim.resumeLine());
		}
		catch (IOException ex) {
			this.jobs.finish(claim.jobId(), ImportJobView.Status.FAILED, 0, 0, ex.getMessage(), this.clock.instant());
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts importing a file in the background and answers the job's id at once (a
	 * resumed job's when the same file stopped before); the file is deleted when the
	 * import ends when {@code deleteAfter}.
	 * @throws ApiException 409 when too many imports are running or waiting
	 */
	public UUID start(Path file, String fileName, ImportOptions options, boolean deleteAfter) {
		if (this.background.getQueue().remainingCapacity() == 0) {
			throw ApiException.conflict("import-busy", "Too many imports are running; try again in a few minutes.");
		}
		ImportClaims.Claim claim = this.claims.claim(file, fileName, options);
		UUID id = claim.jobId();
		try {
			this.background.execute(() -> {
				try (ImportLeases.Lease lease = claim.lease(); InputStream in = Files.newInputStream(file)) {
					this.runner.run(id, in, options, ImportListener.NONE, claim.resumeLine());
				}
				catch (IOException ex) {
					this.jobs.finish(id, ImportJobView.Status.FAILED, 0, 0, ex.getMessage(), this.clock.instant());
				}
				finally {
					if (deleteAfter) {
						deleteQuietly(file);
					}
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.jobs.finish(id, ImportJobView.Status.FAILED, 0, 0, "too many imports at once", this.clock.instant());
			claim.lease().close();
			throw ApiException.conflict("import-busy", "Too many imports are running; try again in a few minutes.");
		}
		return id;
	}

	/** A run as it stands; a run whose process died is INTERRUPTED, not RUNNING. */
	public Optional<ImportJobView> job(UUID id) {
		Optional<ImportJobView> job = this.jobs.find(id);
		if (job.isPresent() && job.get().status() == ImportJobView.Status.RUNNING && this.leases.reap() > 0) {
			return this.jobs.find(id);
		}
		return job;
	}

	/**
	 * The latest runs, newest first; runs whose process died are marked INTERRUPTED
	 * first.
	 */
	public List<ImportJobView> recent(int limit) {
		this.leases.reap();
		return this.jobs.recent(Math.max(1, Math.min(limit, 200)));
	}

	/** The stored rejected lines of a run, in line order. */
	public void rejections(UUID id, Consumer<ImportRejection> each) {
		try {
			this.jobs.rejections(id, each);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The first stored rejected lines of a run, in line order. */
	public List<ImportRejection> firstRejections(UUID id, int limit) {
		return this.jobs.firstRejections(id, limit);
	}

	/** Runs an import of an already open stream (tests simulate failures with it). */
	ImportJobView importStream(InputStream in, String fileName, long size, ImportOptions options) {
		ImportClaims.Claim claim = this.claims.create(fileName, options, size, null);
		try (ImportLeases.Lease lease = claim.lease()) {
			return this.runner.run(claim.jobId(), in, options, ImportListener.NONE);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a temp file left behind is removed with the temp directory
		}
	}

	@PreDestroy
	void stop() {
		this.background.shutdownNow();
	}

}
