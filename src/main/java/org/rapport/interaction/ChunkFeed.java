package org.rapport.interaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Reads an import file one chunk ahead of the writer: a thread of its own parses the
 * groups of the next chunk, and checks and renders them when given a way to
 * ({@link ImportChecks}), while the caller's thread stores the current one, so that the
 * Java work and the database work overlap instead of taking turns. At most two chunks
 * wait between them. The first chunk is small ({@link #FIRST_CHUNK}) and the next ones
 * double up to the chunk size, so the writer starts early. Chunks come out in file order
 * with the rejected lines read with them; groups up to the resume line are passed over. A
 * problem reading the file comes out of {@link #next()} as the exception it was.
 */
final class ChunkFeed implements AutoCloseable {

	/**
	 * The groups of one chunk, the rejected lines read with them and where the file
	 * stood.
	 */
	record Chunk(List<InteractionReader.Group> groups, List<ImportRejection> rejected, long lastLine, long rowsRead,
			long bytesRead, ImportBatch batch) {

		Chunk(List<InteractionReader.Group> groups, List<ImportRejection> rejected, long lastLine, long rowsRead,
				long bytesRead) {
			this(groups, rejected, lastLine, rowsRead, bytesRead, null);
		}

		Chunk with(ImportBatch prepared) {
			return new Chunk(this.groups, this.rejected, this.lastLine, this.rowsRead, this.bytesRead, prepared);
		}

	}

	/** The end of the file: the totals read. */
	private record End(long rowsRead, long bytesRead) {
	}

	private record Failure(Exception cause) {
	}

	/**
	 * The first chunk's size when chunks are larger: the writer waits only for a small
	 * chunk to be read and prepared, and each next chunk doubles up to the chunk size
	 * while the writer stores the one before.
	 */
	static final int FIRST_CHUNK = 2_500;

	private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);

	private final Thread reader;

	private End end;

	private final Function<Chunk, ImportBatch> prepare;

	ChunkFeed(InteractionReader reader, int chunkSize, long resumeLine) {
		this(reader, chunkSize, resumeLine, null);
	}

	/**
	 * @param prepare checks and renders each chunk on the reading thread (null: chunks
	 * come out as read)
	 */
	ChunkFeed(InteractionReader reader, int chunkSize, long resumeLine, Function<Chunk, ImportBatch> prepare) {
		this.prepare = prepare;
		ImportPhases phases = ImportPhases.current();
		this.reader = new Thread(() -> {
			ImportPhases.use(phases);
			long cpu = ImportPhases.threadCpu();
			try {
				read(reader, chunkSize, resumeLine);
			}
			finally {
				if (phases != null) {
					phases.readingCpu(ImportPhases.threadCpu() - cpu);
				}
			}
		}, "import-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * The next chunk, or null at the end of the file.
	 * @throws IOException when the file could not be read
	 */
	Chunk next() throws IOException {
		if (this.end != null) {
			return null;
		}
		Object item;
		try {
			item = this.queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading the file", ex);
		}
		if (item instanceof Failure failure) {
			if (failure.cause() instanceof IOException io) {
				throw io;
			}
			throw (RuntimeException) failure.cause();
		}
		if (item instanceof End e) {
			this.end = e;
			return null;
		}
		return (Chunk) item;
	}

	long rowsRead() {
		return this.end == null ? 0 : this.end.rowsRead();
	}

	long bytesRead() {
		return this.end == null ? 0 : this.end.bytesRead();
	}

	private void read(InteractionReader reader, int chunkSize, long resumeLine) {
		try {
			List<InteractionReader.Group> groups = new ArrayList<>();
			List<ImportRejection> rejected = new ArrayList<>();
			long lastLine = resumeLine;
			int limit = Math.min(chunkSize, FIRST_CHUNK);
			InteractionReader.Group group;
			long t = System.nanoTime();
			while ((group = reader.next()) != null) {
				t = ImportPhases.add(ImportPhases.Step.READ, t);
				if (group.lastLine() <= resumeLine) {
					continue;
				}
				lastLine = group.lastLine();
				if (group.interaction() == null) {
					rejected.addAll(group.rejections());
				}
				else {
					groups.add(group);
				}
				if (groups.size() >= limit || rejected.size() >= chunkSize) {
					put(new Chunk(groups, rejected, lastLine, reader.rowsRead(), reader.bytesRead()));
					limit = Math.min(chunkSize, limit * 2);
					groups = new ArrayList<>();
					rejected = new ArrayList<>();
					t = System.nanoTime();
				}
			}
			if (!groups.isEmpty() || !rejected.isEmpty()) {
				put(new Chunk(groups, rejected, lastLine, reader.rowsRead(), reader.bytesRead()));
			}
			this.queue.put(new End(reader.rowsRead(), reader.bytesRead()));
		}
		catch (InterruptedException ex) {
			// the writer stopped: nothing more is wanted
		}
		catch (IOException | RuntimeException ex) {
			try {
				this.queue.put(new Failure(ex));
			}
			catch (InterruptedException stopped) {
				// the writer stopped
			}
		}
	}

	private void put(Chunk chunk) throws InterruptedException {
		if (this.prepare == null) {
			this.queue.put(chunk);
			return;
		}
		long t = System.nanoTime();
		Chunk prepared = chunk.with(this.prepare.apply(chunk));
		ImportPhases.add(ImportPhases.Step.CHECK, t);
		this.queue.put(prepared);
	}

	/** Stops reading ahead (when the writer stops early) and waits for the reader. */
	@Override
	public void close() {
		this.reader.interrupt();
		this.queue.clear();
		try {
			this.reader.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
