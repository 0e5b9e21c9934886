package org.rapport.demo;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.rapport.access.StaffDirectory;
import org.rapport.customer.BulkLoadReport;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.BulkWriteReport;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.Interactions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode, fills an empty installation with the demo data set: the documented demo
 * customers and {@code rapport.demo.customers} generated ones (seed
 * {@code rapport.demo.seed}), assigned to the sales staff Ana and Luis, with their
 * purchase histories up to today. Runs after the demo users are created; a database that
 * has customers is left alone.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "rapport.demo.enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	private final CustomerBulkLoad bulk;

	private final StaffDirectory staff;

	private final Interactions interactions;

	private final InteractionBulkWriter writer;

	private final Clock clock;

	private final long customers;

	private final long seed;

	DemoDataLoader(CustomerBulkLoad bulk, StaffDirectory staff, Interactions interactions, InteractionBulkWriter writer,
			Clock clock, @Value("${rapport.demo.customers:5000}") long customers,
			@Value("${rapport.demo.seed:42}") long seed) {
		this.bulk = bulk;
		this.staff = staff;
		this.interactions = interactions;
		this.writer = writer;
		this.clock = clock;
		this.customers = customers;
		this.seed = seed;
	}

	@Override
	public void run(ApplicationArguments args) {
		loadIfEmpty();
	}

	/** Loads the demo data set unless there are customers already; the report or null. */
	BulkLoadReport loadIfEmpty() {
		if (!this.bulk.noCustomersYet()) {
			log.info("Demo mode: customers exist, no demo data loaded");
			return null;
		}
		GeneratorSettings settings = GeneratorSettings.of(this.seed, this.customers)
			.withStaff(DemoStaff.sales(this.staff))
			.withShowcase();
		log.info("Demo mode: loading {} demo customers (seed {})", this.customers, this.seed);
		BulkLoadReport report = this.bulk.load(new CustomerGenerator(settings),
				CustomerBulkLoad.Options.of(GenerateCommand.SOURCE), null);
		log.info("Demo mode: loaded {} customers in {} ms ({} rejected)", report.loaded(), report.duration().toMillis(),
				report.rejected());
		BulkWriteReport histories = HistoryLoad.load(this.bulk, this.interactions, this.writer, settings,
				HistorySettings.of(this.seed, LocalDate.now(this.clock)), null);
		log.info("Demo mode: wrote {} interactions of their histories in {} ms", histories.written(),
				histories.duration().toMillis());
		return report;
	}

}
