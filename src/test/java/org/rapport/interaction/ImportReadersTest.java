package org.rapport.interaction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ImportReadersTest {

	static final String ID = "0190f5a0-0000-7000-8000-000000000001";

	@Test
	void csvRowsOfOneOrderBecomeOneInteractionWithItsLinesAndTotal() throws IOException {
		List<InteractionReader.Group> groups = csv("customer_id,occurred_at,order_reference,sku,quantity,unit_price,"
				+ "discount,currency\n" + ID + ",2024-01-02,A1,S1,2,5.00,,EUR\n" + ID
				+ ",2024-01-02,A1,S2,1,3.00,0.50,EUR\n" + ID + ",2024-01-03,A2,S1,1,5.00,,EUR\n");

		assertThat(groups).hasSize(2);
		NewInteraction first = groups.get(0).interaction();
		assertThat(first.lines()).hasSize(2);
		assertThat(first.total()).isEqualByComparingTo("12.50");
		assertThat(first.idempotencyKey()).isEqualTo("order:A1");
		assertThat(groups.get(0).lines()).containsExactly(2L, 3L);
	}

	@Test
	void aCsvRowWithoutKeyOrOrderGetsAKeyFromItsLineAndTextThatARereadFindsAgain() throws IOException {
		String file = "customer_id,kind,channel,occurred_at\n" + ID + ",visit,store,2024-01-02\n" + ID
				+ ",visit,store,2024-01-02\n";

		List<InteractionReader.Group> once = csv(file);
		List<InteractionReader.Group> twice = csv(file);

		assertThat(once.get(0).interaction().idempotencyKey()).isEqualTo(twice.get(0).interaction().idempotencyKey())
			.startsWith("row:2:");
		assertThat(once.get(1).interaction().idempotencyKey()).isNotEqualTo(once.get(0).interaction().idempotencyKey());
	}

	@Test
	void everyUnreadableCsvRowIsRejectedWithItsLineAndReason() throws IOException {
		byte[] latin1 = (ID + ",visit,store,2024-01-02,Caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
		String text = "customer_id,kind,channel,occurred_at,store\n" + ID + ",visit,store,02/01/2024,\n"
				+ "not-a-uuid,visit,store,2024-01-02,\n" + ",visit,store,2024-01-02,\n" + ID
				+ ",dance,store,2024-01-02,\n" + ID + ",visit\n" + ID + ",visit,store,2024-01-02," + "s".repeat(300)
				+ "\n";
		byte[] head = text.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + latin1.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(latin1, 0, all, head.length, latin1.length);

		List<ImportRejection> rejections = new ArrayList<>();
		read(new CsvInteractionReader(new ByteArrayInputStream(all), "test"))
			.forEach((g) -> rejections.addAll(g.rejections()));

		assertThat(rejections).extracting(ImportRejection::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
		assertThat(rejections).extracting(ImportRejection::reason)
			.satisfiesExactly((r) -> assertThat(r).startsWith("malformed date '02/01/2024'"),
					(r) -> assertThat(r).isEqualTo("malformed customer_id 'not-a-uuid'"),
					(r) -> assertThat(r).startsWith("customer is missing"),
					(r) -> assertThat(r).isEqualTo("unknown kind 'dance'"),
					(r) -> assertThat(r).isEqualTo("expected 5 columns, found 2"),
					(r) -> assertThat(r).startsWith("over-long field store 'sss")
						.endsWith("…' (300 characters, at most 256)"),
					(r) -> assertThat(r).startsWith("not valid UTF-8"));
	}

	@Test
	void aBadRowRejectsTheWholeOrderAndNamesTheOtherLinesAlongWithIt() throws IOException {
		List<InteractionReader.Group> groups = csv("customer_id,occurred_at,order_reference,sku,quantity,unit_price,"
				+ "currency\n" + ID + ",2024-01-02,A1,S1,2,5.00,EUR\n" + ID + ",2024-01-02,A1,S2,two,3.00,EUR\n");

		assertThat(groups).hasSize(1);
		assertThat(groups.get(0).interaction()).isNull();
		assertThat(groups.get(0).rejections()).extracting(ImportRejection::reason)
			.containsExactly("rejected with line 3 of the same order", "malformed number 'two' in quantity");
	}

	@Test
	void aCsvWithAnUnknownColumnIsRefusedAsAWhole() {
		assertThatThrownBy(() -> csv("customer_id,occurred_at,colour\n")).isInstanceOf(ImportFileException.class)
			.hasMessageContaining("unknown column 'colour'");
	}

	@Test
	void quotedCsvFieldsMayHoldCommasQuotesAndLineBreaks() {
		assertThat(CsvFields.split("a,\"b, \"\"c\"\"\",d")).containsExactly("a", "b, \"c\"", "d");
		assertThat(CsvFields.split("a,\"b")).isNull();
	}

	@Test
	void aCdnowRowIsOnePurchaseOfCdsWhoseLineAmountIsExactlyTheDollarValue() throws IOException {
		CdnowInteractionReader reader = new CdnowInteractionReader(new ByteArrayInputStream(
				" customer_id  date number_of_cds  dollar_value\r\n 00004 19970101  3   29.33\r\n 00005 19970102 1 0.00\r\n"
					.getBytes(StandardCharsets.US_ASCII)),
				"cdnow");

		List<InteractionReader.Group> groups = read(reader);

		NewInteraction purchase = groups.get(0).interaction();
		assertThat(groups.get(0).lines()).containsExactly(2L);
		assertThat(purchase.identity().value()).isEqualTo("00004");
		assertThat(purchase.occurredAt()).hasToString("1997-01-01T00:00:00Z");
		assertThat(purchase.total()).isEqualByComparingTo("29.33");
		NewLine line = purchase.lines().get(0);
		assertThat(line.unitPrice()).isEqualByComparingTo("9.78");
		assertThat(line.discount()).isEqualByComparingTo("0.01");
		assertThat(InteractionRules.expectedAmount(line)).isEqualByComparingTo("29.33");
		assertThat(groups.get(1).interaction().total()).isEqualByComparingTo("0.00");
		assertThat(reader.rowsRead()).isEqualTo(2);
	}

	@Test
	void badCdnowRowsAreRejectedWithTheirReason() throws IOException {
		List<InteractionReader.Group> groups = read(new CdnowInteractionReader(
				new ByteArrayInputStream(
						"1 19971301 1 5.00\n2 19970101 -1 5.00\n3 19970101 1\n4 19970101 1 -3.00\n".getBytes()),
				"cdnow"));

		assertThat(groups).flatExtracting(InteractionReader.Group::rejections)
			.extracting(ImportRejection::reason)
			.satisfiesExactly((r) -> assertThat(r).startsWith("malformed date"),
					(r) -> assertThat(r).isEqualTo("number_of_cds '-1' is not a whole number from 1 to 10000"),
					(r) -> assertThat(r).startsWith("expected 4"),
					(r) -> assertThat(r).isEqualTo("dollar_value '-3.00' is negative"));
	}

	@Test
	void aJsonLineIsOneInteractionAndABrokenLineIsRejected() throws IOException {
		String file = "{\"customerId\":\"" + ID + "\",\"kind\":\"VISIT\",\"channel\":\"store\","
				+ "\"occurredAt\":\"2024-01-02T10:00:00Z\"}\n{\"kind\":\n{\"occurredAt\":\"yesterday\"}\n";
		List<InteractionReader.Group> groups = read(new JsonLinesInteractionReader(
				new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), JsonMapper.builder().build(), "web"));

		assertThat(groups.get(0).interaction().sourceSystem()).isEqualTo("web");
		assertThat(groups.get(0).interaction().idempotencyKey()).startsWith("row:1:");
		assertThat(groups.get(1).rejections().get(0).reason()).isEqualTo("not valid JSON");
		assertThat(groups.get(2).rejections().get(0).reason()).startsWith("occurredAt: ");
	}

	@Test
	void problemsOfAPurchaseLineGoToTheFileLineItCameFrom() {
		InteractionReader.Group group = new InteractionReader.Group(null, new long[] { 7, 8 },
				new String[] { "a", "b" }, List.of());
		List<ImportRejection> rejections = new ArrayList<>();

		ImportProblems.reject(group,
				List.of(new org.rapport.platform.web.ApiException.FieldProblem("lines[1].unitPrice",
						"must be between 0 and 999")),
				rejections);

		assertThat(rejections).extracting(ImportRejection::line, ImportRejection::reason, ImportRejection::raw)
			.containsExactly(tuple(7L, "rejected with line 8 of the same order", "a"),
					tuple(8L, "unit_price: must be between 0 and 999", "b"));
	}

	private static List<InteractionReader.Group> csv(String text) throws IOException {
		return read(new CsvInteractionReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test"));
	}

	private static List<InteractionReader.Group> read(InteractionReader reader) throws IOException {
		List<InteractionReader.Group> groups = new ArrayList<>();
		InteractionReader.Group g;
		while ((g = reader.next()) != null) {
			groups.add(g);
		}
		return groups;
	}

}
