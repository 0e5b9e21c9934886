package org.rapport.platform.events;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.modulith.events.FailedEventPublications;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationResubmissionScopeTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		// as in the application: durations such as "2m" in settings
		.withInitializer((context) -> context.getBeanFactory()
			.setConversionService(ApplicationConversionService.getSharedInstance()))
		.withBean(FailedEventPublications.class, () -> (options) -> {
		})
		.withBean(JdbcTemplate.class, () -> new JdbcTemplate(new DriverManagerDataSource()))
		.withBean(Clock.class, Clock::systemUTC)
		.withUserConfiguration(PublicationResubmission.class);

	@Test
	void theServerResubmitsFailedPublications() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(PublicationResubmission.class));
	}

	@Test
	void aCommandLineCommandDoesNot() {
		this.runner.withPropertyValues("rapport.cli.command=bench")
			.run((context) -> assertThat(context).doesNotHaveBean(PublicationResubmission.class));
	}

}
