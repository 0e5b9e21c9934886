package org.rapport.analytics;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryCopyTest {

	@Test
	void rowsWrittenAreReadBackBitForBitWithNullsAsTheGivenDefault() {
		BinaryCopy.Writer writer = new BinaryCopy.Writer();
		writer.row(3).int4(7).float8OrNull(0.1 + 0.2).nullField();
		writer.row(3).int4(-1).float8OrNull(Double.NaN).int4(Integer.MAX_VALUE);
		writer.row(3).int4(0).float8OrNull(-0.0).float8OrNull(Double.MIN_VALUE);
		writer.end();

		BinaryCopy.Reader reader = new BinaryCopy.Reader(new ByteArrayInputStream(writer.bytes()));

		assertThat(reader.next()).isEqualTo(3);
		assertThat(reader.int4(99)).isEqualTo(7);
		assertThat(reader.float8(99)).isEqualTo(0.1 + 0.2);
		assertThat(reader.int4(99)).isEqualTo(99);
		assertThat(reader.next()).isEqualTo(3);
		assertThat(reader.int4(99)).isEqualTo(-1);
		assertThat(reader.float8(42.5)).isEqualTo(42.5);
		assertThat(reader.int4(99)).isEqualTo(Integer.MAX_VALUE);
		assertThat(reader.next()).isEqualTo(3);
		assertThat(reader.int4(99)).isZero();
		assertThat(Double.doubleToRawLongBits(reader.float8(1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
		assertThat(reader.float8(1)).isEqualTo(Double.MIN_VALUE);
		assertThat(reader.next()).isEqualTo(-1);
	}

	@Test
	void aStreamWithoutTheSignatureIsRefused() {
		assertThatThrownBy(() -> new BinaryCopy.Reader(new ByteArrayInputStream("1\t2\n\\.\n".getBytes())))
			.isInstanceOf(RuntimeException.class);
	}

	@Test
	void aFieldOfTheWrongWidthIsRefused() {
		BinaryCopy.Writer writer = new BinaryCopy.Writer();
		writer.row(1).int4(5).end();
		BinaryCopy.Reader reader = new BinaryCopy.Reader(new ByteArrayInputStream(writer.bytes()));

		assertThat(reader.next()).isEqualTo(1);
		assertThatThrownBy(() -> reader.float8(0)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("4 bytes");
	}

}
