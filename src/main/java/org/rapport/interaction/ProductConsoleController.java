package org.rapport.interaction;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The product catalogue in the console: found by SKU or name, by category and whether
 * still sold, a page at a time in SKU order; added and changed by those who administer
 * products, every change audited (ADR 0080). A product is never deleted, because old
 * purchase lines name it: it is marked as no longer sold.
 */
@Controller
class ProductConsoleController {

	static final int PAGE = 50;

	private final Interactions interactions;

	private final MessageSource messages;

	ProductConsoleController(Interactions interactions, MessageSource messages) {
		this.messages = messages;
		this.interactions = interactions;
	}

	@GetMapping("/products")
	@PreAuthorize("hasAuthority('interaction:read')")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
			@RequestParam(required = false) String active, @RequestParam(required = false) String after,
			Authentication authentication, Model model) {
		Boolean sold = "true".equals(active) ? Boolean.TRUE : "false".equals(active) ? Boolean.FALSE : null;
		List<Product> products = this.interactions.searchProducts(q, category, sold, after, PAGE + 1);
		boolean more = products.size() > PAGE;
		List<Product> shown = more ? products.subList(0, PAGE) : products;
		model.addAttribute("products", shown);
		model.addAttribute("categories", this.interactions.productCategories());
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("category", category == null ? "" : category);
		model.addAttribute("active", sold == null ? "" : sold.toString());
		model.addAttribute("paged", after != null && !after.isBlank());
		model.addAttribute("next",
				more ? UriComponentsBuilder.fromPath("/products")
					.queryParam("q", q == null ? "" : q)
					.queryParam("category", category == null ? "" : category)
					.queryParam("active", sold == null ? "" : sold.toString())
					.queryParam("after", shown.get(shown.size() - 1).sku())
					.encode()
					.build()
					.toUriString() : null);
		model.addAttribute("canEdit", authentication != null
				&& authentication.getAuthorities().stream().anyMatch((a) -> "product:admin".equals(a.getAuthority())));
		return "interaction/products";
	}

	/** The form: a new product without {@code sku}, else the product to change. */
	@GetMapping("/products/edit")
	@PreAuthorize("hasAuthority('product:admin')")
	String edit(@RequestParam(required = false) String sku, Model model) {
		ProductForm form = (sku == null || sku.isBlank()) ? ProductForm.blank()
				: ProductForm.of(this.interactions.product(sku)
					.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
							Text.of("interaction.product.not-found", "Product {0} does not exist", sku))));
		return form(form, Map.of(), model);
	}

	@PostMapping("/products")
	@PreAuthorize("hasAuthority('product:admin')")
	String save(@ModelAttribute("form") ProductForm form, Model model, HttpServletResponse response) {
		Map<String, String> problems = new java.util.LinkedHashMap<>(form.problems(this.messages));
		if (problems.isEmpty() && form.isAdding() && this.interactions.product(form.sku()).isPresent()) {
			problems
				.put("sku",
						Text.of("interaction.product.sku-taken",
								"a product has this SKU already: find it in the catalogue to change it")
							.in(this.messages));
		}
		if (problems.isEmpty() && !form.isAdding() && this.interactions.product(form.sku()).isEmpty()) {
			problems.put("sku",
					Text.of("interaction.product.sku-unknown", "no product has this SKU: add it as a new product")
						.in(this.messages));
		}
		if (!problems.isEmpty()) {
			response.setStatus(422);
			return form(form, problems, model);
		}
		this.interactions.saveProduct(form.product());
		return "redirect:" + UriComponentsBuilder.fromPath("/products")
			.queryParam("q", form.sku())
			.queryParam("saved", form.sku())
			.encode()
			.build()
			.toUriString();
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

	private String form(ProductForm form, Map<String, String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("categories", this.interactions.productCategories().keySet());
		return "interaction/product";
	}

}
