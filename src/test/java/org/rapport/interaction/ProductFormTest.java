package org.rapport.interaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductFormTest {

	@Test
	void aProductNeedsASkuWithoutSpacesOfAtMost64CharactersAndAName() {
		assertThat(new ProductForm(" ", "", null, null, "true").problems()).containsOnlyKeys("sku", "name");
		assertThat(new ProductForm("TYR 205", "Tyre", null, "true", "true").problems()).containsEntry("sku",
				"must not contain spaces");
		assertThat(new ProductForm("TYR\t205", "Tyre", null, "true", "true").problems()).containsKey("sku");
		assertThat(new ProductForm("X".repeat(65), "Tyre", null, "true", "true").problems()).containsKey("sku");
		assertThat(new ProductForm("X".repeat(64), "Tyre", null, "true", "true").problems()).isEmpty();
	}

	@Test
	void theNameAndTheCategoryHaveTheLengthsTheApiAllows() {
		assertThat(new ProductForm("A-1", "n".repeat(201), "c".repeat(101), "true", "true").problems())
			.containsOnlyKeys("name", "category");
		assertThat(new ProductForm("A-1", "n".repeat(200), "c".repeat(100), "true", "true").problems()).isEmpty();
	}

	@Test
	void whatIsTypedIsTrimmedABlankCategoryIsNoneAndAnUntickedBoxIsNoLongerSold() {
		Product product = new ProductForm("  A-1 ", " Coffee beans ", "  ", null, "false").product();

		assertThat(product).isEqualTo(new Product("A-1", "Coffee beans", null, false));
		assertThat(new ProductForm("A-1", "Coffee", "coffee", "true", "true").product().active()).isTrue();
	}

	@Test
	void aProductShownForAChangeComesBackAsItIs() {
		Product stored = new Product("TYR-205", "Tyre 205/55 R16", "tyres", true);

		ProductForm form = ProductForm.of(stored);

		assertThat(form.isAdding()).isFalse();
		assertThat(form.product()).isEqualTo(stored);
		assertThat(ProductForm.blank().isAdding()).isTrue();
		assertThat(ProductForm.of(new Product("X", "Y", null, false)).product())
			.isEqualTo(new Product("X", "Y", null, false));
	}

}
