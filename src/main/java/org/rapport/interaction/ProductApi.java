package org.rapport.interaction;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The product catalogue purchase lines refer to. */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products")
class ProductApi {

	private final Interactions interactions;

	ProductApi(Interactions interactions) {
		this.interactions = interactions;
	}

	record ProductRequest(@NotBlank @Size(max = 200) String name, @Size(max = 100) String category, Boolean active) {
	}

	@GetMapping
	@PreAuthorize("hasAuthority('interaction:read')")
	@Operation(summary = "Products ordered by SKU; page on with after=<last SKU>")
	List<Product> list(@RequestParam(required = false) String category, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "100") int limit) {
		return this.interactions.products(category, after, limit);
	}

	@GetMapping("/{sku}")
	@PreAuthorize("hasAuthority('interaction:read')")
	@Operation(summary = "One product")
	Product get(@PathVariable String sku) {
		return this.interactions.product(sku)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("interaction.product.not-found", "Product {0} does not exist", sku)));
	}

	@PutMapping("/{sku}")
	@PreAuthorize("hasAuthority('product:admin')")
	@Operation(summary = "Add or replace a product (201 when new)")
	ResponseEntity<Product> put(@PathVariable String sku, @Valid @RequestBody ProductRequest request) {
		if (sku.isBlank() || sku.length() > 64) {
			throw ApiException.invalid("sku", Text.of("interaction.product.sku-range", "must be 1-64 characters"));
		}
		Product product = new Product(sku, request.name().strip(),
				request.category() == null || request.category().isBlank() ? null : request.category().strip(),
				!Boolean.FALSE.equals(request.active()));
		boolean created = this.interactions.saveProduct(product);
		return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(product);
	}

}
