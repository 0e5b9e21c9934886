package org.rapport.interaction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.StorableValues;
import org.rapport.platform.web.Text;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rejected row keeps the parts its reason was written from, so that the reason reads in
 * the reader's language; the English reason stays as it was written.
 */
class RejectedRowReasonTest {

	static final Locale SPANISH = Locale.forLanguageTag("es");

	static final Locale RUSSIAN = Locale.forLanguageTag("ru");

	static final Locale MALAY = Locale.forLanguageTag("ms");

	final ResourceBundleMessageSource messages = bundles();

	@Test
	void aRejectedRowReadsInTheReadersLanguagePartByPart() {
		ImportRejection rejection = new ImportRejection(4, "quantity: must be at most 1000000; currency: old English",
				"raw", List.of(new ReasonPart("quantity", "interaction.rule.quantity-max", List.of("1000000")),
						new ReasonPart("currency", "interaction.rule.currency-missing", List.of())));

		assertThat(rejection.reason(this.messages, SPANISH))
			.isEqualTo("quantity: debe ser como máximo 1000000; currency: un importe necesita su moneda");
		assertThat(rejection.reason(this.messages, RUSSIAN)).startsWith("quantity: ").contains("1000000");
		assertThat(rejection.reason(this.messages, MALAY)).startsWith("quantity: ").contains("1000000");
	}

	@Test
	void theEnglishReasonIsWrittenAsBeforeAndItsPartsBesideIt() {
		ImportRejection rejection = new RejectionReason()
			.add("quantity",
					FieldProblem.of("lines[0].quantity",
							Text.of("interaction.rule.quantity-max", "must be at most {0}", "1000000")))
			.add("", FieldProblem.of("", StorableValues.NUL))
			.of(7, "raw");

		assertThat(rejection.reason())
			.isEqualTo("quantity: must be at most 1000000; must not contain the NUL character (U+0000)");
		assertThat(rejection.parts()).containsExactly(
				new ReasonPart("quantity", "interaction.rule.quantity-max", List.of("1000000")),
				new ReasonPart("", "problem.nul", List.of()));
		assertThat(rejection.reason(this.messages, SPANISH)).startsWith("quantity: debe ser como máximo 1000000; ")
			.doesNotContain("must");
	}

	@Test
	void theOtherLinesOfARejectedOrderReadInTheReadersLanguageToo() {
		InteractionReader.Group order = new InteractionReader.Group(null, new long[] { 7, 8 },
				new String[] { "a", "b" }, List.of());
		List<ImportRejection> rejections = new ArrayList<>();

		ImportProblems.reject(order, List.of(FieldProblem.of("lines[1].unitPrice",
				Text.of("interaction.rule.money-range", "must be between 0 and {0}", "999"))), rejections);

		assertThat(rejections).extracting(ImportRejection::reason)
			.containsExactly("rejected with line 8 of the same order", "unit_price: must be between 0 and 999");
		assertThat(rejections).extracting((r) -> r.reason(this.messages, SPANISH))
			.containsExactly("rechazada junto con la línea 8 del mismo pedido", "unit_price: debe estar entre 0 y 999");
		assertThat(rejections.get(0).parts())
			.containsExactly(new ReasonPart("", "interaction.import.rejected-with-line", List.of("8")));
	}

	@Test
	void aRowTheReaderCannotReadIsRejectedInTheReadersLanguage() throws IOException {
		String file = "customer_id,occurred_at\n" + "6b1f0f9e-3f0e-4a57-9b6c-2d1c7e0c0a11,2024-13-45\n";
		InteractionReader reader = new CsvInteractionReader(
				new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "shop");

		ImportRejection rejection = reader.next().rejections().get(0);

		assertThat(rejection.reason())
			.isEqualTo("malformed date '2024-13-45' in occurred_at (use 2024-05-01, 2024-05-01T10:15:30Z or 20240501)");
		assertThat(rejection.parts())
			.containsExactly(new ReasonPart("", "interaction.import.date", List.of("2024-13-45", "occurred_at")));
		assertThat(rejection.reason(this.messages, SPANISH)).isEqualTo(
				"fecha mal formada «2024-13-45» en occurred_at (use 2024-05-01, 2024-05-01T10:15:30Z o 20240501)");
	}

	@Test
	void aRowStoredBeforeItsPartsWereKeptReadsInEnglish() {
		ImportRejection before = new ImportRejection(3, "quantity: must be greater than 0", "raw");

		assertThat(before.parts()).isNull();
		assertThat(before.reason(this.messages, SPANISH)).isEqualTo("quantity: must be greater than 0");
	}

	@Test
	void aPartWithoutAKeyKeepsTheWholeReasonInEnglish() {
		ImportRejection rejection = new RejectionReason()
			.add("quantity",
					FieldProblem.of("quantity",
							Text.of("interaction.rule.quantity-positive", "must be greater than 0")))
			.add("identity_value", new FieldProblem("identity_value", "said in English only"))
			.of(3, "raw");

		assertThat(rejection.parts()).last().isEqualTo(new ReasonPart("identity_value", null, List.of()));
		assertThat(rejection.reason(this.messages, SPANISH))
			.isEqualTo("quantity: must be greater than 0; identity_value: said in English only");
	}

	@Test
	void aReaderWithoutTheWordingInTheirLanguageReadsTheStoredEnglish() {
		ImportRejection rejection = ImportRejection.of(5,
				Text.of("interaction.rule.quantity-positive", "must be greater than 0"), "raw");
		ImportRejection renamed = new ImportRejection(5, "must be greater than 0", "raw",
				List.of(new ReasonPart("", "interaction.no-such-key", List.of())));

		assertThat(rejection.reason(this.messages, Locale.ENGLISH)).isEqualTo("must be greater than 0");
		assertThat(rejection.reason(this.messages, Locale.FRENCH)).isEqualTo("must be greater than 0");
		assertThat(renamed.reason(this.messages, SPANISH)).isEqualTo("must be greater than 0");
	}

	@Test
	void aPartStoredBeforeItsWordingNamedTheValueReadsInTheStoredEnglish() {
		ImportRejection before = new ImportRejection(6, "sku: is not a product in the catalogue", "raw",
				List.of(new ReasonPart("sku", "interaction.rule.sku-unknown", List.of())));
		ImportRejection now = new ImportRejection(6, "sku: 'NOPE-1' is not a product in the catalogue", "raw",
				List.of(new ReasonPart("sku", "interaction.rule.sku-unknown", List.of("NOPE-1"))));

		assertThat(before.reason(this.messages, SPANISH)).isEqualTo("sku: is not a product in the catalogue");
		assertThat(now.reason(this.messages, SPANISH)).isEqualTo("sku: «NOPE-1» no es un producto del catálogo");
		assertThat(now.reason(this.messages, MALAY)).isEqualTo("sku: \"NOPE-1\" bukan produk dalam katalog");
	}

	@Test
	void anOverLongFieldIsNamedByItsBeginningAndAValueWithALineBreakByItsEscape() throws IOException {
		String file = "customer_id,occurred_at,store\n" + "6b1f0f9e-3f0e-4a57-9b6c-2d1c7e0c0a11,2024-03-01,"
				+ "s".repeat(300) + "\n" + "6b1f0f9e-3f0e-4a57-9b6c-2d1c7e0c0a11,\"2024\n03\",Madrid\n";
		InteractionReader reader = new CsvInteractionReader(
				new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "shop");

		ImportRejection tooLong = reader.next().rejections().get(0);
		ImportRejection broken = reader.next().rejections().get(0);

		assertThat(tooLong.reason())
			.isEqualTo("over-long field store '" + "s".repeat(64) + "…' (300 characters, at most 256)");
		assertThat(tooLong.reason(this.messages, RUSSIAN))
			.isEqualTo("слишком длинное поле store «" + "s".repeat(64) + "…» (300 символов, не более 256)");
		assertThat(broken.reason()).startsWith("malformed date '2024\\n03' in occurred_at");
	}

	@Test
	void storedValuesReadAsTheyWereWritten() {
		ImportRejection rejection = ImportRejection.of(9,
				Text.of("interaction.import.field-too-long",
						"over-long field {0} ''{3}'' ({1} characters, at most {2})", "store", 1234567, 256, "xx…"),
				"raw");

		assertThat(rejection.parts().get(0).values()).containsExactly("store", "1234567", "256", "xx…");
		assertThat(rejection.reason(this.messages, SPANISH)).contains("1234567").doesNotContain("1.234.567");
	}

	@Test
	void thePartsAreStoredAsFieldKeyAndValues() {
		JsonMapper json = JsonMapper.builder().build();
		List<ReasonPart> parts = List.of(
				new ReasonPart("quantity", "interaction.rule.quantity-max", List.of("1000000")),
				new ReasonPart("identity_value", null, List.of()));

		String stored = json.writeValueAsString(parts);

		assertThat(stored).isEqualTo("[{\"field\":\"quantity\",\"key\":\"interaction.rule.quantity-max\","
				+ "\"values\":[\"1000000\"]},{\"field\":\"identity_value\",\"values\":[]}]");
		assertThat(List.of(json.readValue(stored, ReasonPart[].class))).isEqualTo(parts);
	}

	private static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/texts/platform", "i18n/texts/customer", "i18n/texts/interaction");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
