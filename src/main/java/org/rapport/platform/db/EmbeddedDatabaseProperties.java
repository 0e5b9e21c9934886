package org.rapport.platform.db;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL used when no {@code spring.datasource.url} is
 * configured.
 *
 * @param dir folder that keeps the database between runs
 * @param port TCP port on localhost; 0 picks a free one
 * @param ephemeral fresh throw-away database (tests)
 * @param sharedBuffers PostgreSQL {@code shared_buffers}
 * @param walBuffers PostgreSQL {@code wal_buffers}: 64 MB rather than PostgreSQL's 8 MB
 * at these shared buffers, because the nightly jobs and bulk loads write gigabytes of
 * write-ahead log and a backend that finds the buffers full writes them out itself (ADR
 * 0063)
 * @param poolSize connection pool size
 * @param settings further PostgreSQL server settings, by name, applied after the ones
 * above (e.g. {@code shared_preload_libraries=pg_stat_statements} to see what each
 * statement costs while measuring); none by default
 */
@ConfigurationProperties("rapport.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") String dir, @DefaultValue("0") int port,
		@DefaultValue("false") boolean ephemeral, @DefaultValue("256MB") String sharedBuffers,
		@DefaultValue("64MB") String walBuffers, @DefaultValue("20") int poolSize, Map<String, String> settings) {

	public EmbeddedDatabaseProperties {
		settings = (settings != null) ? Map.copyOf(settings) : Map.of();
	}

}
