package org.rapport.platform.web;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellTest {

	@Test
	void aCellWithACommaAQuoteOrALineBreakIsQuotedWithItsQuotesDoubled() {
		assertThat(CsvCell.of("Smith, Ana")).isEqualTo("\"Smith, Ana\"");
		assertThat(CsvCell.of("The \"best\" customer")).isEqualTo("\"The \"\"best\"\" customer\"");
		assertThat(CsvCell.of("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(CsvCell.of("Ana")).isEqualTo("Ana");
	}

	@Test
	void textASpreadsheetWouldReadAsAFormulaIsDefusedButNumbersAreNot() {
		assertThat(CsvCell.of("=cmd()")).isEqualTo("'=cmd()");
		assertThat(CsvCell.of("+34 600")).isEqualTo("'+34 600");
		assertThat(CsvCell.of("@sum")).isEqualTo("'@sum");
		assertThat(CsvCell.of("-12.50")).isEqualTo("-12.50");
		assertThat(CsvCell.of(new BigDecimal("-3"))).isEqualTo("-3");
	}

	@Test
	void onlyTextOfTheFormOfANumberEscapesTheFormulaGuard() {
		String[] texts = { "-", "-.", "-1-", "-1e5", "--1", "-0", "-.5", "+1", "=1", "@", "- 1", "-١" };
		for (String text : texts) {
			boolean number = text.matches("-?[0-9.]+");
			assertThat(CsvCell.of(text)).as(text).startsWith(number ? "-" : "'").doesNotStartWith(number ? "'" : "-");
		}
	}

	@Test
	void aLineJoinsItsCellsByCommasEndsWithCrlfAndLeavesNullEmpty() {
		assertThat(CsvCell.line("a", null, 3, "x,y")).isEqualTo("a,,3,\"x,y\"\r\n");
	}

}
