package org.rapport.demo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.BulkLoadReport;
import org.rapport.customer.CustomerBulkLoad;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class DemoDataLoaderTest {

	CustomerBulkLoad bulk = mock(CustomerBulkLoad.class);

	StaffDirectory staff = mock(StaffDirectory.class);

	@Test
	void anEmptyInstallationGetsTheDemoDataSet() {
		given(this.bulk.noCustomersYet()).willReturn(true);
		given(this.staff.all()).willReturn(List.of());
		given(this.bulk.load(any(), any(), any()))
			.willReturn(new BulkLoadReport("import", 10, 10, 0, 0, List.of(), Duration.ofSeconds(1)));

		new DemoDataLoader(this.bulk, this.staff, 10, 1).loadIfEmpty();

		verify(this.bulk).load(any(CustomerGenerator.class), any(), any());
	}

	@Test
	void anInstallationWithCustomersGetsNoDemoData() {
		given(this.bulk.noCustomersYet()).willReturn(false);

		new DemoDataLoader(this.bulk, this.staff, 10, 1).loadIfEmpty();

		verify(this.bulk, never()).load(any(), any(), any());
	}

}
