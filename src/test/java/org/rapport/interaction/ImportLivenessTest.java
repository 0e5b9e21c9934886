package org.rapport.interaction;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ImportLivenessTest {

	@Autowired
	InteractionImports imports;

	@Autowired
	ImportClaims claims;

	@Autowired
	ImportLeases leases;

	@Test
	void aRunningImportStaysRunningWhileItsOwnerHoldsItsLockAndIsInterruptedOnceTheLockIsGone() {
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "live-" + InteractionFixture.unique());
		ImportClaims.Claim claim = this.claims.create("live.csv", options, 100, null);
		UUID job = claim.jobId();

		this.leases.reap();
		ImportJobView whileHeld = this.imports.job(job).orElseThrow();
		assertThat(this.leases.hold(job)).as("a second owner of a held job").isNull();
		claim.lease().close();
		ImportJobView listed = this.imports.recent(200)
			.stream()
			.filter((j) -> j.id().equals(job))
			.findFirst()
			.orElseThrow();

		assertThat(whileHeld.status()).isEqualTo(ImportJobView.Status.RUNNING);
		assertThat(whileHeld.owner()).isEqualTo(this.leases.self());
		assertThat(listed.status()).isEqualTo(ImportJobView.Status.INTERRUPTED);
		assertThat(listed.finishedAt()).isNotNull();
		assertThat(listed.error()).contains(this.leases.self()).contains("import the same file again");
	}

}
