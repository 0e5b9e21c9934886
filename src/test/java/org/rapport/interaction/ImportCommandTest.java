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
	void aCleanFileExitsWithZeroAndAMissingFileIsAUsageError() throws Exception {
		UUID customer = this.customers.create(NewCustomer.person("Cli", "Clean " + InteractionFixture.unique())).id();
		Path csv = this.dir.resolve("clean.csv");
		Files.writeString(csv, "customer_id,kind,channel,occurred_at\n" + customer + ",visit,store,2024-05-01\n");
		this.command.output(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		assertThat(this.command.run(new String[] { csv.toString(), "--source", "cli-" + InteractionFixture.unique() }))
			.isZero();
		assertThat(this.command.run(new String[] { this.dir.resolve("missing.csv").toString() })).isEqualTo(2);
	}

}
