package org.rapport.loyalty;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a run of activation or expiry cuts the pages holding due lots into ranges. */
class PageRangesTest {

	@Test
	void rangesFollowThePageOrderCoverEveryPageWithDueLotsOnceAndHoldAboutTheirSizeOfLots() {
		List<long[]> pages = List.of(new long[] { 3, 10 }, new long[] { 4, 20 }, new long[] { 9, 15 },
				new long[] { 10, 5 }, new long[] { 11, 30 }, new long[] { 40, 1 });

		List<LedgerJobs.PageRange> ranges = LedgerJobs.PageRange.of(pages, 35);

		assertThat(ranges).containsExactly(new LedgerJobs.PageRange(3, 5, 30), new LedgerJobs.PageRange(9, 11, 20),
				new LedgerJobs.PageRange(11, 41, 31));
		for (long[] page : pages) {
			assertThat(ranges.stream().filter((r) -> r.first() <= page[0] && page[0] < r.end())).hasSize(1);
		}
	}

	@Test
	void aPageIsNeverSplitEvenWhenItHoldsMoreDueLotsThanARange() {
		List<LedgerJobs.PageRange> ranges = LedgerJobs.PageRange.of(List.of(new long[] { 7, 50 }, new long[] { 8, 2 }),
				10);

		assertThat(ranges).containsExactly(new LedgerJobs.PageRange(7, 8, 50), new LedgerJobs.PageRange(8, 9, 2));
	}

	@Test
	void noPageWithDueLotsMeansNoRangeAndARangeIsWrittenAsRowAddresses() {
		assertThat(LedgerJobs.PageRange.of(List.of(), 10)).isEmpty();
		LedgerJobs.PageRange range = new LedgerJobs.PageRange(12, 20, 4);
		assertThat(range.firstTid()).isEqualTo("(12,0)");
		assertThat(range.endTid()).isEqualTo("(20,0)");
	}

}
