package org.rapport.platform.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries on the class path. One server per
 * data folder and JVM: several application contexts (as in a test run) share it. The
 * folder survives restarts, so the data does too; an ephemeral server uses a fresh
 * temporary folder.
 */
final class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private static final Map<String, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();

	private EmbeddedDatabase() {
	}

	static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) {
		String key = properties.ephemeral() ? "ephemeral" : new File(properties.dir()).getAbsolutePath();
		return SERVERS.computeIfAbsent(key, (k) -> launch(properties));
	}

	private static EmbeddedPostgres launch(EmbeddedDatabaseProperties properties) {
		try {
			File dir = properties.ephemeral() ? Files.createTempDirectory("rapport-pg").toFile()
					: new File(properties.dir()).getAbsoluteFile();
			Files.createDirectories(dir.toPath());
			log.info("Starting embedded PostgreSQL with data in {}", dir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(properties.ephemeral())
				.setServerConfig("max_connections", "200")
				.setServerConfig("shared_buffers", properties.sharedBuffers())
				.setServerConfig("timezone", "UTC");
			if (properties.ephemeral()) {
				// Throw-away data: durability buys nothing, so tests skip the fsyncs.
				builder.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off");
			}
			if (properties.port() > 0) {
				builder.setPort(properties.port());
			}
			// The server stops itself on JVM shutdown.
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

}
