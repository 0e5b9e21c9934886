package org.rapport.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.BulkLoadReport;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.BulkWriteReport;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.Interactions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class DemoDataLoaderTest {

	CustomerBulkLoad bulk = mock(CustomerBulkLoad.class);

	StaffDirectory staff = mock(StaffDirectory.class);

	Interactions interactions = mock(Interactions.class);

	InteractionBulkWriter writer = mock(InteractionBulkWriter.class);

	Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	DemoDataLoader loader() {
		return new DemoDataLoader(this.bulk, this.staff, this.interactions, this.writer, this.clock, 10, 1);
	}

	@Test
	void anEmptyInstallationGetsTheDemoDataSetWithPurchaseHistories() {
		given(this.bulk.noCustomersYet()).willReturn(true);
		given(this.staff.all()).willReturn(List.of());
		given(this.bulk.load(any(), any(), any()))
			.willReturn(new BulkLoadReport("import", 10, 10, 0, 0, List.of(), Duration.ofSeconds(1)));
		given(this.writer.write(any(), anyInt(), any()))
			.willReturn(new BulkWriteReport(40, 40, 0, 50, Duration.ofSeconds(1)));

		loader().loadIfEmpty();

		verify(this.bulk).load(any(CustomerGenerator.class), any(), any());
		verify(this.writer, atLeastOnce()).write(any(CustomerHistories.class), anyInt(), any());
	}

	@Test
	void anInstallationWithCustomersGetsNoDemoData() {
		given(this.bulk.noCustomersYet()).willReturn(false);

		loader().loadIfEmpty();

		verify(this.bulk, never()).load(any(), any(), any());
		verify(this.writer, never()).write(any(), anyInt(), any());
	}

}
