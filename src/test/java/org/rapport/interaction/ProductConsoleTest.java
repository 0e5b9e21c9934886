package org.rapport.interaction;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.audit.AuditTrail;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The product catalogue in the console, on PostgreSQL: found by SKU, name, category and
 * whether still sold, a page at a time; added and changed by those who administer
 * products, every change in the audit log with who made it, what it was and what it
 * became; never deleted.
 */
@IntegrationTest
class ProductConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	AuditTrail audit;

	final Map<Role, String> usernames = new EnumMap<>(Role.class);

	String tag;

	@BeforeEach
	void setUp() {
		this.tag = InteractionFixture.unique().toUpperCase();
	}

	@Test
	void aManagerAddsAProductFindsItAndTheAuditLogSaysWhoAddedIt() {
		String sku = "TYR-" + this.tag;

		MvcTestResult saved = save(Role.MANAGER, sku, "Tyre 205/55 R16 " + this.tag, "tyres-" + this.tag, true, true);

		assertThat(saved).hasStatus3xxRedirection();
		assertThat(saved.getResponse().getRedirectedUrl()).startsWith("/products?q=" + sku);
		assertThat(this.interactions.product(sku))
			.contains(new Product(sku, "Tyre 205/55 R16 " + this.tag, "tyres-" + this.tag, true));
		assertThat(this.mvc.get().uri("/products?q=" + sku + "&saved=" + sku).with(as(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("id=\"saved\"")
			.contains("data-sku=\"" + sku + "\"")
			.contains("id=\"new-product\"");
		List<AuditTrail.Entry> entries = this.audit.entriesAbout("product", sku);
		assertThat(entries).singleElement().satisfies((e) -> {
			assertThat(e.action()).isEqualTo("product.added");
			assertThat(e.actorName()).isEqualTo("Desk manager");
			assertThat(e.before()).isNull();
			assertThat(e.after()).isEqualTo(Map.of("sku", sku, "name", "Tyre 205/55 R16 " + this.tag, "category",
					"tyres-" + this.tag, "active", true));
		});
	}

	@Test
	void aProductChangedOrNoLongerSoldIsAuditedWithWhatItWasAndSavingItUnchangedChangesNothing() {
		String sku = "COF-" + this.tag;
		this.interactions.saveProduct(new Product(sku, "Coffee", "drinks-" + this.tag, true));

		assertThat(this.mvc.get().uri("/products/edit?sku=" + sku).with(as(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("value=\"Coffee\"")
			.contains("readonly");
		assertThat(save(Role.MANAGER, sku, "Coffee, large", "drinks-" + this.tag, false, false))
			.hasStatus3xxRedirection();
		assertThat(save(Role.MANAGER, sku, "Coffee, large", "drinks-" + this.tag, false, false))
			.hasStatus3xxRedirection();

		assertThat(this.interactions.product(sku))
			.contains(new Product(sku, "Coffee, large", "drinks-" + this.tag, false));
		List<AuditTrail.Entry> entries = this.audit.entriesAbout("product", sku);
		assertThat(entries).extracting(AuditTrail.Entry::action).containsExactly("product.added", "product.changed");
		assertThat(entries.get(1).before())
			.isEqualTo(Map.of("sku", sku, "name", "Coffee", "category", "drinks-" + this.tag, "active", true));
		assertThat(entries.get(1).actorName()).isEqualTo("Desk manager");
		assertThat(this.mvc.get().uri("/products?active=false&q=" + sku).with(as(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("data-sku=\"" + sku + "\"")
			.contains("No longer sold");
		assertThat(this.mvc.get().uri("/products?active=true&q=" + sku).with(as(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.doesNotContain("data-sku=\"" + sku + "\"");
	}

	@Test
	void refusedInputIsShownOnItsFieldsAsTypedAndSavesNothing() {
		String sku = "DUP-" + this.tag;
		this.interactions.saveProduct(new Product(sku, "Original", null, true));

		MvcTestResult taken = save(Role.ADMIN, sku, "Would replace the original", "", true, true);
		MvcTestResult blank = save(Role.ADMIN, "NEW " + this.tag, "", "", true, true);
		MvcTestResult unknown = save(Role.ADMIN, "GONE-" + this.tag, "A change of nothing", "", true, false);

		assertThat(taken).hasStatus(422);
		assertThat(taken).bodyText()
			.contains("id=\"f-sku-error\"")
			.contains("a product has this SKU already")
			.contains("value=\"Would replace the original\"");
		assertThat(blank).hasStatus(422);
		assertThat(blank).bodyText()
			.contains("must not contain spaces")
			.contains("id=\"f-name-error\"")
			.contains("value=\"NEW " + this.tag + "\"");
		assertThat(unknown).hasStatus(422);
		assertThat(unknown).bodyText().contains("no product has this SKU");
		assertThat(this.interactions.product(sku)).contains(new Product(sku, "Original", null, true));
		assertThat(this.interactions.product("GONE-" + this.tag)).isEmpty();
		assertThat(this.audit.entriesAbout("product", sku)).hasSize(1);
	}

	@Test
	void productsAreFoundBySkuOrNameInAnyCaseAndByCategoryAPageAtATime() throws Exception {
		String category = "page-" + this.tag.toLowerCase();
		for (int i = 0; i < ProductConsoleController.PAGE + 3; i++) {
			this.interactions
				.saveProduct(new Product("PG-%s-%03d".formatted(this.tag, i), "Paged item " + i, category, true));
		}
		this.interactions.saveProduct(new Product("ODD-" + this.tag, "Half_price 50% " + this.tag, null, true));

		String first = body("/products?category=" + category);
		assertThat(first).contains("PG-" + this.tag + "-000")
			.contains("PG-" + this.tag + "-049")
			.doesNotContain("PG-" + this.tag + "-050")
			.contains("id=\"products-more\"")
			.contains(category + " (" + (ProductConsoleController.PAGE + 3) + ")");
		String second = body("/products?category=" + category + "&after=PG-" + this.tag + "-049");
		assertThat(second).contains("PG-" + this.tag + "-050")
			.contains("PG-" + this.tag + "-052")
			.doesNotContain("PG-" + this.tag + "-049")
			.doesNotContain("id=\"products-more\"")
			.contains("id=\"products-first\"");
		assertThat(body("/products?q=paged item 7&category=" + category)).contains("PG-" + this.tag + "-007")
			.doesNotContain("PG-" + this.tag + "-008");
		assertThat(body("/products?q=pg-" + this.tag.toLowerCase() + "-05")).contains("PG-" + this.tag + "-051")
			.doesNotContain("PG-" + this.tag + "-049");
		// what LIKE would read as wildcards is taken as typed
		assertThat(body("/products?q=half_price 50% " + this.tag)).contains("ODD-" + this.tag);
		assertThat(body("/products?q=" + this.tag + "%25")).contains("id=\"no-products\"");
	}

	@Test
	void whoMayOnlyReadSeesTheCatalogueButCannotChangeIt() {
		String sku = "RO-" + this.tag;
		this.interactions.saveProduct(new Product(sku, "Read only", null, true));

		assertThat(this.mvc.get().uri("/products?q=" + sku).with(as(Role.SALES))).hasStatusOk()
			.bodyText()
			.contains("data-sku=\"" + sku + "\"")
			.doesNotContain("id=\"new-product\"")
			.doesNotContain("product-edit");
		assertThat(this.mvc.get().uri("/products/edit?sku=" + sku).with(as(Role.SALES))).hasStatus(403);
		assertThat(save(Role.SALES, sku, "Renamed", "", true, false)).hasStatus(403);
		assertThat(this.interactions.product(sku).orElseThrow().name()).isEqualTo("Read only");
		assertThat(this.mvc.get().uri("/products/edit?sku=NONE-" + this.tag).with(as(Role.MANAGER))).hasStatus(404);
	}

	private String body(String uri) throws java.io.UnsupportedEncodingException {
		MvcTestResult result = this.mvc.get().uri(uri).with(as(Role.MANAGER)).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void refusedInputIsExplainedInTheLanguageOfTheConsole() {
		MvcTestResult refused = this.mvc.post()
			.uri("/products")
			.cookie(new Cookie("rapport-lang", "ru"))
			.with(as(Role.ADMIN))
			.with(csrf())
			.param("sku", "RU " + this.tag)
			.param("name", "")
			.param("category", "")
			.param("adding", "true")
			.param("active", "true")
			.exchange();

		assertThat(refused).hasStatus(422);
		assertThat(refused).bodyText()
			.contains("не должно содержать пробелов")
			.contains("укажите название товара")
			.doesNotContain("must not contain spaces");
	}

	private MvcTestResult save(Role role, String sku, String name, String category, boolean active, boolean adding) {
		var request = this.mvc.post()
			.uri("/products")
			.with(as(role))
			.with(csrf())
			.param("sku", sku)
			.param("name", name)
			.param("category", category)
			.param("adding", String.valueOf(adding));
		if (active) {
			request = request.param("active", "true");
		}
		return request.exchange();
	}

	private RequestPostProcessor as(Role role) {
		String username = this.usernames.computeIfAbsent(role, (r) -> {
			String name = "pc-" + r.name().toLowerCase().replace('_', '-') + "-" + InteractionFixture.unique();
			this.staff.create(name, "Desk " + r.name().toLowerCase(), InteractionFixture.PASSWORD, EnumSet.of(r));
			return name;
		});
		return user(this.users.loadUserByUsername(username));
	}

}
