package org.rapport.platform.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup database: when {@code spring.datasource.url} is not set, Rapport starts a
 * real PostgreSQL from the jar and connects to it. With the URL set, Spring Boot's own
 * data source is used instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.datasource.url", matchIfMissing = true, havingValue = "__embedded__")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedDatabaseProperties properties) {
		EmbeddedPostgres server = EmbeddedDatabase.acquire(properties);
		String key = EmbeddedDatabase.key(properties);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
		config.setMaximumPoolSize(properties.poolSize());
		config.setPoolName("rapport-embedded");
		return new HikariDataSource(config) {
			@Override
			public void close() {
				if (!isClosed()) {
					super.close();
					EmbeddedDatabase.release(key);
				}
			}
		};
	}

}
