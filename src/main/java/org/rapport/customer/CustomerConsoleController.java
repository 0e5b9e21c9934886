package org.rapport.customer;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's customer pages: the search list and the 360° page with its notes. With
 * htmx the list and the notes update in place; without it every form still works as a
 * plain request.
 */
@Controller
class CustomerConsoleController {

	private final CustomerConsoleSearch search;

	private final CustomerConsoleProfile profiles;

	private final Customers customers;

	private final StaffDirectory staff;

	private final List<CustomerPanel> panels;

	private final List<CustomerBadge> badges;

	private final MessageSource messages;

	CustomerConsoleController(CustomerConsoleSearch search, CustomerConsoleProfile profiles, Customers customers,
			StaffDirectory staff, ObjectProvider<CustomerPanel> panels, ObjectProvider<CustomerBadge> badges,
			MessageSource messages) {
		this.messages = messages;
		this.search = search;
		this.profiles = profiles;
		this.customers = customers;
		this.staff = staff;
		this.panels = panels.stream().sorted(Comparator.comparingInt(CustomerPanel::order)).toList();
		this.badges = badges.stream().sorted(Comparator.comparingInt(CustomerBadge::order)).toList();
	}

	@GetMapping("/customers")
	@PreAuthorize("hasAuthority('customer:read')")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String stage,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String staff,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		CustomerConsoleSearch.Criteria criteria = new CustomerConsoleSearch.Criteria(q,
				parse(LifecycleStage.class, stage), tag, parseId(staff), parse(CustomerConsoleSearch.Sort.class, sort),
				page);
		if (htmx == null && !criteria.q().isEmpty() && page == 0) {
			Optional<UUID> caller = this.search.soleOwnerOfPhone(criteria.q());
			if (caller.isPresent()) {
				return "redirect:/customers/" + caller.get();
			}
		}
		model.addAttribute("criteria", criteria);
		model.addAttribute("result", this.search.search(criteria));
		model.addAttribute("staffNames", staffNames());
		if (htmx != null) {
			return "customers/list :: results";
		}
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("sorts", CustomerConsoleSearch.Sort.values());
		model.addAttribute("tags", this.search.tagsInUse());
		model.addAttribute("staffMembers", this.staff.all());
		return "customers/list";
	}

	@GetMapping("/customers/{id}")
	@PreAuthorize("hasAuthority('customer:read')")
	String view(@PathVariable UUID id, Authentication authentication, Model model) {
		CustomerConsoleProfile.View view = this.profiles.view(id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.not-found", "Customer {0} does not exist", id)));
		if (view.profile().mergedInto() != null) {
			return "redirect:/customers/" + view.profile().mergedInto();
		}
		model.addAttribute("view", view);
		model.addAttribute("c", view.profile());
		model.addAttribute("can", ConsolePermissions.of(authentication));
		model.addAttribute("panels", this.panels.stream()
			.filter((p) -> authentication != null
					&& authentication.getAuthorities().stream().anyMatch((a) -> p.authority().equals(a.getAuthority())))
			.toList());
		model.addAttribute("badges", this.badges.stream()
			.filter((b) -> authentication != null
					&& authentication.getAuthorities().stream().anyMatch((a) -> b.authority().equals(a.getAuthority())))
			.toList());
		model.addAttribute("assignedName",
				Optional.ofNullable(view.profile().assignedStaffId())
					.flatMap(this.staff::byId)
					.map(StaffMember::displayName)
					.orElse(null));
		model.addAttribute("channels", ConsentChannel.values());
		model.addAttribute("purposes", ConsentPurpose.values());
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("identityTypes", IdentityType.values());
		model.addAttribute("activeStaff", this.staff.all().stream().filter(StaffMember::active).toList());
		return "customers/view";
	}

	@PostMapping("/customers/{id}/notes")
	@PreAuthorize("hasAuthority('note:write')")
	String addNote(@PathVariable UUID id, @RequestParam(defaultValue = "") String body,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		NoteView note = this.customers.addNote(id, body);
		if (htmx == null) {
			return "redirect:/customers/" + id + "#notes";
		}
		model.addAttribute("note", note);
		return "customers/note :: note(note=${note})";
	}

	/**
	 * A refusal: the error page, or for an htmx request (a note) the reason alone, with
	 * the refused fields' messages when there are any.
	 */
	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, jakarta.servlet.http.HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		if (request.getHeader("HX-Request") == null) {
			model.addAttribute("detail", ex.detail(this.messages));
			return "error";
		}
		model.addAttribute("detail", ex.fieldProblems().isEmpty() ? ex.detail(this.messages)
				: String.join("; ", ex.messagesByField(this.messages).values()));
		return "fragments/problem :: problem";
	}

	private Map<UUID, String> staffNames() {
		return this.staff.all().stream().collect(Collectors.toMap(StaffMember::id, StaffMember::displayName));
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		return parse(value, (v) -> Enum.valueOf(type, v));
	}

	private static UUID parseId(String value) {
		return parse(value, UUID::fromString);
	}

	private static <T> T parse(String value, Function<String, T> parser) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
