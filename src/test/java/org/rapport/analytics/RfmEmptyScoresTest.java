package org.rapport.analytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RfmEmptyScoresTest {

	private static Charts.RfmGrid grid(Charts.RfmCell... cells) {
		return new Charts.RfmGrid(UUID.randomUUID(), 5, List.of(cells), List.of());
	}

	private static Charts.RfmCell cell(int r, int f, long customers) {
		return new Charts.RfmCell(r, f, customers, BigDecimal.TEN);
	}

	@Test
	void aFrequencyScoreThatTiedBuyersSkippedIsNamed() {
		Charts.RfmGrid rfm = grid(cell(1, 1, 40), cell(2, 1, 10), cell(3, 3, 5), cell(4, 4, 5), cell(5, 5, 5));

		assertThat(DashboardView.emptyScores(rfm)).containsExactly("F 2");
	}

	@Test
	void recencyScoresAreNamedBeforeFrequencyScores() {
		Charts.RfmGrid rfm = grid(cell(1, 1, 3), cell(3, 3, 4), cell(4, 4, 5), cell(5, 5, 6));

		assertThat(DashboardView.emptyScores(rfm)).containsExactly("R 2", "F 2");
	}

	@Test
	void aGridWhereEveryScoreHasBuyersNamesNothing() {
		Charts.RfmGrid rfm = grid(cell(1, 1, 1), cell(2, 2, 1), cell(3, 3, 1), cell(4, 4, 1), cell(5, 5, 1));

		assertThat(DashboardView.emptyScores(rfm)).isEmpty();
	}

	@Test
	void aRunWithoutBuyersNamesNothing() {
		assertThat(DashboardView.emptyScores(grid())).isEmpty();
	}

}
