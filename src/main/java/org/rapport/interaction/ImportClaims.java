package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.stereotype.Component;

/**
 * Gives a run of a file its job: the interrupted or failed job of the same file (same
 * SHA-256, format, source and identity policy) when there is one, resumed after the last
 * line it committed, else a new job. Either way the job's lease is held before the job is
 * RUNNING, so a job is never RUNNING without a live owner.
 */
@Component
class ImportClaims {

	/** A job to run, from {@code resumeLine} on, with its lease held. */
	record Claim(UUID jobId, long resumeLine, ImportLeases.Lease lease) {
	}

	private final ImportJobStore jobs;

	private final ImportLeases leases;

	private final Clock clock;

	ImportClaims(ImportJobStore jobs, ImportLeases leases, Clock clock) {
		this.jobs = jobs;
		this.leases = leases;
		this.clock = clock;
	}

	/** The job for a file on disk: resumed or new. */
	Claim claim(Path file, String fileName, ImportOptions options) {
		long size;
		String fingerprint;
		try {
			size = Files.size(file);
			fingerprint = fingerprint(file);
		}
		catch (IOException ex) {
			throw ApiException.invalid("file",
					Text.of("interaction.import.unreadable", "cannot be read: {0}", String.valueOf(ex.getMessage())));
		}
		this.leases.reap();
		Optional<ImportJobView> stopped = this.jobs.resumable(fingerprint, options);
		if (stopped.isPresent()) {
			ImportLeases.Lease lease = this.leases.hold(stopped.get().id());
			if (lease != null) {
				if (this.jobs.resume(stopped.get().id(), this.leases.self(), this.clock.instant())) {
					return new Claim(stopped.get().id(), this.jobs.find(stopped.get().id()).orElseThrow().resumeLine(),
							lease);
				}
				lease.close();
			}
		}
		return create(fileName == null ? file.getFileName().toString() : fileName, options, size, fingerprint);
	}

	/** A new job for input that cannot be read again (never resumed). */
	Claim create(String fileName, ImportOptions options, long size, String fingerprint) {
		UUID id = Ids.next(this.clock);
		ImportLeases.Lease lease = this.leases.hold(id);
		if (lease == null) {
			throw new IllegalStateException("the lock of new import " + id + " is taken");
		}
		try {
			this.jobs.create(id, fileName, options, size, fingerprint, this.leases.self(), Actor.current().id(),
					this.clock.instant());
		}
		catch (RuntimeException ex) {
			lease.close();
			throw ex;
		}
		return new Claim(id, 0, lease);
	}

	/** The file's SHA-256 in hex: a re-run of the same content finds its stopped job. */
	static String fingerprint(Path file) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
