package org.rapport.interaction;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The import_job table (progress of each run) and the rejected rows of each run, at most
 * {@link #MAX_STORED_REJECTIONS} per run: each with its English reason and the
 * {@link ReasonPart parts} it was written from, as JSON.
 */
@Repository
class ImportJobStore {

	static final int MAX_STORED_REJECTIONS = 100_000;

	private static final String COLUMNS = "id, file_name, format, source_system, status, file_bytes, bytes_read, "
			+ "rows_read, stored, skipped, rejected, started_by, started_at, finished_at, error, owner, resumes, "
			+ "resume_line";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ImportJobStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * A new RUNNING job; its owner must hold its lease already ({@link ImportLeases}).
	 * @param fingerprint the file's SHA-256, or null when the input cannot be read again
	 */
	void create(UUID id, String fileName, ImportOptions options, long fileBytes, String fingerprint, String owner,
			String startedBy, Instant now) {
		this.jdbc.sql("""
				INSERT INTO import_job (id, file_name, format, source_system, unknown_identities, status, file_bytes,
				  fingerprint, lock_key, owner, started_by, started_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, fileName, options.format().name(), options.sourceSystem(), options.unknownIdentities().name(),
					fileBytes, fingerprint, ImportLeases.key(id), owner, startedBy, utc(now), utc(now))
			.update();
	}

	/**
	 * The latest run of the same file with the same options, when it stopped before the
	 * end (INTERRUPTED or FAILED) and can be resumed.
	 */
	Optional<ImportJobView> resumable(String fingerprint, ImportOptions options) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM import_job WHERE fingerprint = ? AND format = ? AND source_system = ? "
					+ "AND unknown_identities = ? ORDER BY started_at DESC, id DESC LIMIT 1")
			.params(fingerprint, options.format().name(), options.sourceSystem(), options.unknownIdentities().name())
			.query(ImportJobStore::view)
			.optional()
			.filter((job) -> job.status() == ImportJobView.Status.INTERRUPTED
					|| job.status() == ImportJobView.Status.FAILED);
	}

	/**
	 * Makes a stopped job RUNNING again for its new owner (who holds its lease).
	 * @return false when the job is no longer stopped
	 */
	boolean resume(UUID id, String owner, Instant now) {
		return this.jdbc.sql("""
				UPDATE import_job SET status = 'RUNNING', owner = ?, resumes = resumes + 1, error = NULL,
				  finished_at = NULL, updated_at = ? WHERE id = ? AND status IN ('INTERRUPTED', 'FAILED')""")
			.params(owner, utc(now), id)
			.update() == 1;
	}

	/**
	 * Adds a stored chunk's counts and rejections (called in the chunk's transaction).
	 * @param lastLine the last file line of the chunk: a resumed run goes on after it
	 * @throws IllegalStateException when the job is no longer RUNNING (it was taken for
	 * dead), which rolls the chunk back
	 */
	void progress(UUID id, long rowsRead, long bytesRead, long lastLine, int stored, int skipped,
			List<ImportRejection> rejections, Instant now) {
		Map<String, Object> job = this.jdbc.sql("SELECT status, rejected FROM import_job WHERE id = ? FOR UPDATE")
			.param(id)
			.query()
			.singleRow();
		if (!"RUNNING".equals(job.get("status"))) {
			throw new IllegalStateException("import " + id + " is " + job.get("status") + ", no longer running");
		}
		long before = ((Number) job.get("rejected")).longValue();
		this.jdbc.sql("""
				UPDATE import_job SET rows_read = greatest(rows_read, ?), bytes_read = greatest(bytes_read, ?),
				  resume_line = greatest(resume_line, ?), stored = stored + ?, skipped = skipped + ?,
				  rejected = rejected + ?, updated_at = ? WHERE id = ?""")
			.params(rowsRead, bytesRead, lastLine, stored, skipped, rejections.size(), utc(now), id)
			.update();
		int room = (int) Math.max(0, Math.min(rejections.size(), MAX_STORED_REJECTIONS - before));
		if (room == 0) {
			return;
		}
		List<ImportRejection> kept = rejections.subList(0, room);
		long[] lines = kept.stream().mapToLong(ImportRejection::line).toArray();
		Long[] boxed = new Long[lines.length];
		Integer[] seqs = new Integer[lines.length];
		for (int i = 0; i < lines.length; i++) {
			boxed[i] = lines[i];
			seqs[i] = (int) (before + i);
		}
		this.jdbc
			.sql("""
					INSERT INTO import_rejection (job_id, line, seq, reason, raw, reason_parts)
					SELECT ?, u.line, u.seq, u.reason, u.raw, u.parts::jsonb
					  FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::text[]) AS u(line, seq, reason, raw, parts)""")
			.params(id, boxed, seqs,
					kept.stream()
						.map((r) -> r.reason() == null ? null : r.reason().replace('\u0000', ' '))
						.toArray(String[]::new),
					kept.stream()
						.map((r) -> r.raw() == null ? null : r.raw().replace('\u0000', ' '))
						.toArray(String[]::new),
					kept.stream().map(this::partsJson).toArray(String[]::new))
			.update();
	}

	void finish(UUID id, ImportJobView.Status status, long rowsRead, long bytesRead, String error, Instant now) {
		this.jdbc
			.sql("""
					UPDATE import_job SET status = ?, rows_read = greatest(rows_read, ?), bytes_read = greatest(bytes_read, ?),
					  error = ?, finished_at = ?, updated_at = ? WHERE id = ? AND status = 'RUNNING'""")
			.params(status.name(), rowsRead, bytesRead, (error == null) ? null : error.replace('\u0000', ' '), utc(now),
					utc(now), id)
			.update();
	}

	Optional<ImportJobView> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM import_job WHERE id = ?")
			.param(id)
			.query(ImportJobStore::view)
			.optional();
	}

	List<ImportJobView> recent(int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM import_job ORDER BY started_at DESC, id DESC LIMIT ?")
			.param(limit)
			.query(ImportJobStore::view)
			.list();
	}

	/** The stored rejections of a run, in line order. */
	void rejections(UUID id, Consumer<ImportRejection> each) throws IOException {
		this.jdbc
			.sql("SELECT line, reason, raw, reason_parts FROM import_rejection WHERE job_id = ? ORDER BY line, seq")
			.param(id)
			.query((ResultSet rs) -> {
				each.accept(rejection(rs));
			});
	}

	/** The first stored rejections of a run, in line order. */
	List<ImportRejection> firstRejections(UUID id, int limit) {
		return this.jdbc
			.sql("SELECT line, reason, raw, reason_parts FROM import_rejection WHERE job_id = ? ORDER BY line, seq "
					+ "LIMIT ?")
			.params(id, limit)
			.query((rs, row) -> rejection(rs))
			.list();
	}

	private ImportRejection rejection(ResultSet rs) throws SQLException {
		String parts = rs.getString(4);
		return new ImportRejection(rs.getLong(1), rs.getString(2), rs.getString(3),
				(parts == null) ? null : List.of(this.json.readValue(parts, ReasonPart[].class)));
	}

	/**
	 * The parts of a rejection's reason as JSON, null when they are not known; a NUL
	 * character of a value is written as a space, which jsonb cannot hold.
	 */
	private String partsJson(ImportRejection rejection) {
		if (rejection.parts() == null) {
			return null;
		}
		return this.json.writeValueAsString(rejection.parts()
			.stream()
			.map((p) -> new ReasonPart(storable(p.field()), p.key(),
					p.values().stream().map(ImportJobStore::storable).toList()))
			.toList());
	}

	private static String storable(String value) {
		return (value == null) ? null : value.replace('\u0000', ' ');
	}

	private static ImportJobView view(ResultSet rs, int row) throws SQLException {
		return new ImportJobView(rs.getObject("id", UUID.class), rs.getString("file_name"),
				ImportFormat.valueOf(rs.getString("format")), rs.getString("source_system"),
				ImportJobView.Status.valueOf(rs.getString("status")), rs.getLong("file_bytes"),
				rs.getLong("bytes_read"), rs.getLong("rows_read"), rs.getLong("stored"), rs.getLong("skipped"),
				rs.getLong("rejected"), rs.getString("started_by"),
				instant(rs.getObject("started_at", OffsetDateTime.class)),
				instant(rs.getObject("finished_at", OffsetDateTime.class)), rs.getString("error"),
				rs.getString("owner"), rs.getInt("resumes"), rs.getLong("resume_line"));
	}

	private static Instant instant(OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
