package org.rapport.platform.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class BinaryCopyRowsTest {

	@Autowired
	DataSource dataSource;

	@Test
	void everyFieldTypeReadsBackAsWritten() throws Exception {
		UUID id = UUID.fromString("0190f3a2-7b1c-7d3e-8f40-123456789abc");
		Instant at = Instant.parse("2025-03-01T10:15:30.123456Z");
		BinaryCopyRows rows = new BinaryCopyRows(8);
		rows.row(9)
			.uuid(id)
			.text("Núñez\tGarcía\nЖанна")
			.date(LocalDate.of(1985, 4, 12))
			.timestamptz(at)
			.bool(true)
			.jsonb("{\"store\": \"Málaga\"}")
			.textArray(List.of("vip", "wine \"lover\""))
			.int8Field(9_000_000_000L)
			.text("MY");
		rows.row(9)
			.nul()
			.text((String) null)
			.date(null)
			.timestamptz(null)
			.bool(false)
			.jsonb("{}")
			.textArray(List.of())
			.int8Field(-1)
			.nul();

		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("CREATE TEMP TABLE binary_copy_probe (u uuid, t text, d date, ts timestamptz, b boolean, "
					+ "j jsonb, a text[], n bigint, c char(2)) ON COMMIT DROP");
			long copied = rows.copyInto(connection.unwrap(PGConnection.class).getCopyAPI(), "binary_copy_probe",
					"u, t, d, ts, b, j, a, n, c");
			assertThat(copied).isEqualTo(2);
			try (ResultSet rs = statement.executeQuery("SELECT u, t, d, ts = '2025-03-01T10:15:30.123456Z', b, "
					+ "j ->> 'store', array_to_string(a, '|'), cardinality(a), n, c FROM binary_copy_probe ORDER BY n DESC")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, UUID.class)).isEqualTo(id);
				assertThat(rs.getString(2)).isEqualTo("Núñez\tGarcía\nЖанна");
				assertThat(rs.getObject(3, LocalDate.class)).isEqualTo(LocalDate.of(1985, 4, 12));
				assertThat(rs.getBoolean(4)).isTrue();
				assertThat(rs.getBoolean(5)).isTrue();
				assertThat(rs.getString(6)).isEqualTo("Málaga");
				assertThat(rs.getString(7)).isEqualTo("vip|wine \"lover\"");
				assertThat(rs.getInt(8)).isEqualTo(2);
				assertThat(rs.getLong(9)).isEqualTo(9_000_000_000L);
				assertThat(rs.getString(10)).isEqualTo("MY");
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1)).isNull();
				assertThat(rs.getString(2)).isNull();
				assertThat(rs.getObject(3)).isNull();
				assertThat(rs.getObject(4)).isNull();
				assertThat(rs.getBoolean(5)).isFalse();
				assertThat(rs.getInt(8)).isZero();
				assertThat(rs.getLong(9)).isEqualTo(-1);
				assertThat(rs.getObject(10)).isNull();
			}
			connection.rollback();
		}
	}

	@Test
	void rowsWithoutTheHeaderTakeNumericsAndIntegersAndSlotsFilledInLater() throws Exception {
		UUID later = UUID.fromString("0190f3a2-7b1c-7d3e-8f40-000000000042");
		Instant recorded = Instant.parse("2026-12-05T18:00:00.000001Z");
		BinaryCopyRows rows = BinaryCopyRows.withoutHeader(8);
		rows.row(4);
		int customer = rows.size() + 4;
		rows.uuidSlot();
		int at = rows.size() + 4;
		rows.timestamptz(Instant.EPOCH).int4Field(3).numeric(new BigDecimal("-12345678901234567890.0105"));
		rows.row(4).uuid(later).timestamptz(recorded).int4Field(-7).numeric(new BigDecimal("1E+3"));
		rows.row(4).nul().nul().int4Field(0).numeric(BigDecimal.ZERO.setScale(2));
		rows.putUuid(customer, later);
		rows.putTimestamptz(at, recorded);

		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute(
					"CREATE TEMP TABLE binary_copy_parts (u uuid, ts timestamptz, i int, x numeric) ON COMMIT DROP");
			long copied = rows.copyInto(connection.unwrap(PGConnection.class).getCopyAPI(), "binary_copy_parts",
					"u, ts, i, x");
			assertThat(copied).isEqualTo(3);
			try (ResultSet rs = statement.executeQuery(
					"SELECT u, ts = '2026-12-05T18:00:00.000001Z', i, x::text FROM binary_copy_parts ORDER BY i")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, UUID.class)).isEqualTo(later);
				assertThat(rs.getBoolean(2)).isTrue();
				assertThat(rs.getInt(3)).isEqualTo(-7);
				assertThat(rs.getString(4)).isEqualTo("1000");
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1)).isNull();
				assertThat(rs.getInt(3)).isZero();
				assertThat(rs.getString(4)).isEqualTo("0.00");
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, UUID.class)).isEqualTo(later);
				assertThat(rs.getBoolean(2)).isTrue();
				assertThat(rs.getInt(3)).isEqualTo(3);
				assertThat(rs.getString(4)).isEqualTo("-12345678901234567890.0105");
			}
			connection.rollback();
		}
	}

}
