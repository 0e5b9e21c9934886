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
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * Front door of bulk imports of interaction history (docs/import.md): a CSV, JSON lines
 * or CDNOW file is streamed, checked row by row and stored in chunks; every rejected row
 * is reported with its line number and reason; importing the same file again changes
 * nothing. Runs are tracked in the import_job table, in the foreground (command line) or
 * in the background on a small bounded pool (console).
 */
@Service
public class InteractionImports {

	/** Imports running at once in the background; more wait in a short queue. */
	static final int WORKERS = 2;

	private final ImportRunner runner;

	private final ImportJobStore jobs;

	private final Clock clock;

	private final ThreadPoolExecutor background = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(4), (r) -> {
				Thread thread = new Thread(r, "interaction-import");
				thread.setDaemon(true);
				return thread;
			});

	InteractionImports(ImportRunner runner, ImportJobStore jobs, Clock clock) {
		this.runner = runner;
		this.jobs = jobs;
		this.clock = clock;
	}

	/** Imports a file now, in this thread, and answers the finished job. */
	public ImportJobView importFile(Path file, String fileName, ImportOptions options, ImportListener listener) {
		UUID id = create(file, fileName, options);
		try (InputStream in = Files.newInputStream(file)) {
			return this.runner.run(id, in, options, listener);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts importing a file in the background and answers the job's id at once; the
	 * file is deleted when the import ends when {@code deleteAfter}.
	 * @throws ApiException 409 when too many imports are running or waiting
	 */
	public UUID start(Path file, String fileName, ImportOptions options, boolean deleteAfter) {
		if (this.background.getQueue().remainingCapacity() == 0) {
			throw ApiException.conflict("import-busy", "Too many imports are running; try again in a few minutes.");
		}
		UUID id = create(file, fileName, options);
		try {
			this.background.execute(() -> {
				try (InputStream in = Files.newInputStream(file)) {
					this.runner.run(id, in, options, ImportListener.NONE);
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
			throw ApiException.conflict("import-busy", "Too many imports are running; try again in a few minutes.");
		}
		return id;
	}

	public Optional<ImportJobView> job(UUID id) {
		return this.jobs.find(id);
	}

	/** The latest runs, newest first. */
	public List<ImportJobView> recent(int limit) {
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

	/** Runs an import of an already open stream (tests simulate failures with it). */
	ImportJobView importStream(InputStream in, String fileName, long size, ImportOptions options) {
		UUID id = Ids.next(this.clock);
		this.jobs.create(id, fileName, options, size, Actor.current().id(), this.clock.instant());
		return this.runner.run(id, in, options, ImportListener.NONE);
	}

	private UUID create(Path file, String fileName, ImportOptions options) {
		UUID id = Ids.next(this.clock);
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw ApiException.invalid("file", "cannot be read: " + ex.getMessage());
		}
		this.jobs.create(id, fileName == null ? file.getFileName().toString() : fileName, options, size,
				Actor.current().id(), this.clock.instant());
		return id;
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
