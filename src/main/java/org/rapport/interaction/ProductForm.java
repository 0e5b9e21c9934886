package org.rapport.interaction;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;

/**
 * A product as typed on the catalogue's console form. The SKU is what purchase lines
 * name, so it is checked as the API checks it (1 to 64 characters) and, beyond it, holds
 * no space or control character: a SKU typed with a stray space would never match a
 * till's. A new product's SKU must be new: adding one that exists would replace it
 * unseen.
 *
 * @param sku the product's SKU
 * @param name its name, 1 to 200 characters
 * @param category its category (blank: none), at most 100 characters
 * @param active whether it is still sold ({@code "true"} when ticked)
 * @param adding whether the form adds a product ({@code "true"}) or changes one
 */
record ProductForm(String sku, String name, String category, String active, String adding) {

	static final int MAX_SKU = 64;

	static final int MAX_NAME = 200;

	static final int MAX_CATEGORY = 100;

	ProductForm {
		sku = sku == null ? "" : sku.strip();
		name = name == null ? "" : name.strip();
		category = category == null ? "" : category.strip();
	}

	static ProductForm blank() {
		return new ProductForm("", "", "", "true", "true");
	}

	static ProductForm of(Product product) {
		return new ProductForm(product.sku(), product.name(), product.category() == null ? "" : product.category(),
				String.valueOf(product.active()), "false");
	}

	public boolean isAdding() {
		return "true".equals(this.adding);
	}

	/** The problems of the form by field, in field order; empty when it may be saved. */
	Map<String, String> problems() {
		return problems(null);
	}

	/** The same in the language of the request being served. */
	Map<String, String> problems(MessageSource messages) {
		Map<String, Text> problems = new LinkedHashMap<>();
		if (this.sku.isEmpty()) {
			problems.put("sku", Text.of("interaction.product.sku-missing", "give the product's SKU"));
		}
		else if (this.sku.length() > MAX_SKU) {
			problems.put("sku", Text.of("interaction.product.sku-length", "must be at most {0} characters",
					String.valueOf(MAX_SKU)));
		}
		else if (this.sku.codePoints().anyMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c))) {
			problems.put("sku", Text.of("interaction.product.sku-spaces", "must not contain spaces"));
		}
		if (this.name.isEmpty()) {
			problems.put("name", Text.of("interaction.product.name-missing", "give the product's name"));
		}
		else if (this.name.length() > MAX_NAME) {
			problems.put("name", Text.of("interaction.product.name-length", "must be at most {0} characters",
					String.valueOf(MAX_NAME)));
		}
		if (this.category.length() > MAX_CATEGORY) {
			problems.put("category", Text.of("interaction.product.category-length", "must be at most {0} characters",
					String.valueOf(MAX_CATEGORY)));
		}
		Map<String, String> written = new LinkedHashMap<>();
		problems.forEach((field, text) -> written.put(field, text.in(messages)));
		return written;
	}

	/** The product the form describes (call when it has no problems). */
	Product product() {
		return new Product(this.sku, this.name, this.category.isEmpty() ? null : this.category,
				"true".equals(this.active));
	}

}
