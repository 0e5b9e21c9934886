package org.rapport.demo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What to generate.
 *
 * @param seed same seed, same customers
 * @param customers how many customers in total
 * @param duplicateShare share of rows that are the same person again (0-1)
 * @param companyShare share of households and companies that are companies (0-1)
 * @param staff staff members customers are assigned to and who write the notes; may be
 * empty
 * @param showcase whether the first rows are the documented demo customers
 * @param now the moment the data set describes ("today"); creation and consent times lie
 * before it
 */
record GeneratorSettings(long seed, long customers, double duplicateShare, double companyShare, List<Staff> staff,
		boolean showcase, Instant now) {

	static final Instant DEFAULT_NOW = Instant.parse("2026-01-01T09:00:00Z");

	/** A staff member of the installation. */
	record Staff(UUID id, String name) {
	}

	GeneratorSettings {
		staff = List.copyOf(staff);
		if (duplicateShare < 0 || companyShare < 0 || duplicateShare + companyShare > 0.5) {
			throw new IllegalArgumentException("duplicate and company shares must be small non-negative fractions");
		}
	}

	static GeneratorSettings of(long seed, long customers) {
		return new GeneratorSettings(seed, customers, 0.02, 0.02, List.of(), false, DEFAULT_NOW);
	}

	GeneratorSettings withStaff(List<Staff> staff) {
		return new GeneratorSettings(this.seed, this.customers, this.duplicateShare, this.companyShare, staff,
				this.showcase, this.now);
	}

	GeneratorSettings withShowcase() {
		return new GeneratorSettings(this.seed, this.customers, this.duplicateShare, this.companyShare, this.staff,
				true, this.now);
	}

	GeneratorSettings withDuplicateShare(double share) {
		return new GeneratorSettings(this.seed, this.customers, share, this.companyShare, this.staff, this.showcase,
				this.now);
	}

}
