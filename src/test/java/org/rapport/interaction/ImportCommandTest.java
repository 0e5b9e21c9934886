package org.rapport.interaction;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.IntegrationTest;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ImportCommandTest {

	@Autowired
	ImportCommand command;

	@Autowired
	Customers customers;

	@TempDir
	Path dir;

	@Test
	void theCommandExitsWithThreeWhenRowsWereRejectedAndListsThemInTheErrorsFile() throws Exception {
		UUID customer = this.customers.create(NewCustomer.person("Cli", "Import " + InteractionFixture.unique())).id();
		Path csv = this.dir.resolve("visits.csv");
		Files.writeString(csv, "customer_id,kind,channel,occurred_at\n" + customer + ",visit,store,2024-05-01\n"
				+ customer + ",visit,store,yesterday\n");
		Path errors = this.dir.resolve("errors.csv");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.command.output(new PrintStream(out, true, StandardCharsets.UTF_8));
		String source = "cli-" + InteractionFixture.unique();

		int first = this.command
			.run(new String[] { csv.toString(), "--source", source, "--errors", errors.toString() });
		int again = this.command.run(new String[] { csv.toString(), "--format", "csv", "--source", source });

		assertThat(first).isEqualTo(ImportCommand.REJECTED_ROWS);
		assertThat(Files.readAllLines(errors)).containsExactly("line,reason,raw",
				"3,\"malformed date 'yesterday' in occurred_at (use 2024-05-01, 2024-05-01T10:15:30Z or 20240501)\",\""
						+ customer + ",visit,store,yesterday\"");
		assertThat(again).isEqualTo(ImportCommand.REJECTED_ROWS);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 interactions stored").contains("1 already stored");
	}

	@Test
	void aCleanFileExitsWithZeroAndAMissingFileFailsWithOne() throws Exception {
		UUID customer = this.customers.create(NewCustomer.person("Cli", "Clean " + InteractionFixture.unique())).id();
		Path csv = this.dir.resolve("clean.csv");
		Files.writeString(csv, "customer_id,kind,channel,occurred_at\n" + customer + ",visit,store,2024-05-01\n");
		this.command.output(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(this.command.run(new String[] { csv.toString(), "--source", "cli-" + InteractionFixture.unique() }))
			.isZero();
		assertThat(this.command.run(new String[] { this.dir.resolve("missing.csv").toString() })).isEqualTo(1);
		assertThat(this.command.run(new String[] { this.dir.toString() })).isEqualTo(1);
	}

	@Test
	void aBadFormatPolicyOrSourceIsAUsageErrorNamingTheAllowedValuesBeforeAnyRowIsRead() throws Exception {
		UUID customer = this.customers.create(NewCustomer.person("Cli", "Usage " + InteractionFixture.unique())).id();
		Path csv = this.dir.resolve("usage.csv");
		Files.writeString(csv, "customer_id,kind,channel,occurred_at\n" + customer + ",visit,store,2024-05-01\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		this.command.output(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(this.command.run(new String[] { csv.toString(), "--format", "xls" })).isEqualTo(2);
		assertThat(this.command.run(new String[] { csv.toString(), "--unknown-identity", "maybe" })).isEqualTo(2);
		assertThat(this.command.run(new String[] { csv.toString(), "--unknown-identity", "configured" })).isEqualTo(2);
		assertThat(this.command.run(new String[] { csv.toString(), "--source", "Bad Source!" })).isEqualTo(2);
		assertThat(this.command.run(new String[] { csv.toString(), "--format" })).isEqualTo(2);

		String errors = err.toString(StandardCharsets.UTF_8);
		assertThat(errors).contains("--format must be csv, jsonl or cdnow, not 'xls'")
			.contains("--unknown-identity must be create-prospect or reject, not 'maybe'")
			.contains("--unknown-identity must be create-prospect or reject, not 'configured'")
			.contains("--source 'Bad Source!' is not a source system name")
			.contains("--format must be csv, jsonl or cdnow\n")
			.contains("Usage: import FILE")
			.doesNotContain("No enum constant");
		// nothing was imported: no job ran
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

		String source = "Cli-Ok-" + InteractionFixture.unique();
		assertThat(this.command.run(new String[] { csv.toString(), "--format", "CSV", "--unknown-identity",
				"create-prospect", "--source", source }))
			.isZero();
	}

}
