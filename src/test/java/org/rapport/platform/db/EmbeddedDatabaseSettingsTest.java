package org.rapport.platform.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseSettingsTest {

	@TempDir
	Path dir;

	@Test
	void serverSettingsGivenByNameAreAppliedAndCanLoadTheStatementStatistics() throws Exception {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(this.dir.toString(), 0, false, "32MB",
				"24MB", 2, Map.of("work_mem", "7MB", "shared_preload_libraries", "pg_stat_statements"));
		EmbeddedPostgres server = EmbeddedDatabase.acquire(properties);
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			assertThat(value(statement, "SHOW work_mem")).isEqualTo("7MB");
			assertThat(value(statement, "SHOW shared_buffers")).isEqualTo("32MB");
			assertThat(value(statement, "SHOW wal_buffers")).isEqualTo("24MB");
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
			statement.execute("SELECT 42");
			assertThat(value(statement, "SELECT count(*) FROM pg_stat_statements WHERE query = 'SELECT $1'"))
				.isEqualTo("1");
		}
		finally {
			EmbeddedDatabase.release(EmbeddedDatabase.key(properties));
		}
	}

	@Test
	void noFurtherSettingsMeansAnEmptyMap() {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties("data/postgres", 0, false, "256MB",
				"64MB", 20, null);
		assertThat(properties.settings()).isEmpty();
	}

	private static String value(Statement statement, String sql) throws Exception {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
