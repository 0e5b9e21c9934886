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

	private static final Map<String, Integer> USERS = new ConcurrentHashMap<>();

	private EmbeddedDatabase() {
	}

	static String key(EmbeddedDatabaseProperties properties) {
		return properties.ephemeral() ? "ephemeral" : new File(properties.dir()).getAbsolutePath();
	}

	/**
	 * Starts the server for these settings, or joins the running one. Each caller must
	 * {@link #release} once; the last release stops the server. Stopping is left to the
	 * application (not to a JVM shutdown hook of its own), so the application can still
	 * use the database while it shuts down.
	 */
	static synchronized EmbeddedPostgres acquire(EmbeddedDatabaseProperties properties) {
		String key = key(properties);
		EmbeddedPostgres server = SERVERS.computeIfAbsent(key, (k) -> launch(properties));
		USERS.merge(key, 1, Integer::sum);
		return server;
	}

	static synchronized void release(String key) {
		Integer left = USERS.computeIfPresent(key, (k, n) -> n - 1);
		if (left != null && left <= 0) {
			USERS.remove(key);
			EmbeddedPostgres server = SERVERS.remove(key);
			try {
				server.close();
			}
			catch (IOException ex) {
				log.warn("Could not stop the embedded PostgreSQL cleanly", ex);
			}
		}
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
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "200")
				.setServerConfig("shared_buffers", properties.sharedBuffers())
				.setServerConfig("wal_buffers", properties.walBuffers())
				.setServerConfig("timezone", "UTC");
			if (properties.ephemeral()) {
				// Throw-away data: durability buys nothing, so tests skip the fsyncs.
				builder.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off");
			}
			else {
				// The embedded server starts postgres with -F (no fsync) and asynchronous
				// commit
				// by default; data that must survive a crash needs both back on.
				builder.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on")
					.setServerConfig("full_page_writes", "on");
			}
			properties.settings().forEach(builder::setServerConfig);
			if (properties.port() > 0) {
				builder.setPort(properties.port());
			}
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

}
