package org.rapport.interaction;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFieldsTest {

	@Test
	void aUtcDateTimeReadsAsTheSameInstantAsTheIsoParserGivesIt() {
		for (String value : List.of("2024-05-01T10:15:30Z", "2024-02-29T23:59:59Z", "1999-12-31T00:00:00Z",
				"2024-05-01T10:15:30.250Z", "2024-05-01T10:15:30+02:00")) {
			assertThat(CsvFields.instant("occurred_at", value)).as(value)
				.isEqualTo(OffsetDateTime.parse(value).toInstant());
		}
	}

	@Test
	void anImpossibleUtcDateTimeIsRejectedWithItsColumnAndValue() {
		for (String value : List.of("2023-02-29T10:15:30Z", "2024-13-01T10:15:30Z", "2024-05-01T24:00:00Z",
				"2024-05-01T10:60:30Z", "2024-05-01T10:15:60Z", "2024-05-0xT10:15:30Z")) {
			assertThatThrownBy(() -> CsvFields.instant("occurred_at", value)).as(value)
				.isInstanceOf(CsvFields.BadValue.class)
				.hasMessageContaining("'" + value + "' in occurred_at");
		}
	}

	@Test
	void unquotedFieldsLoseTheirSurroundingWhiteSpaceAndQuotedOnesKeepIt() {
		assertThat(CsvFields.split(" a ,\tb\t,\" c \",,d")).containsExactly("a", "b", " c ", "", "d");
	}

}
