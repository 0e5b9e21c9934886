package org.rapport.interaction;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.platform.Actor;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The timeline on the customer 360 page: an htmx fragment that replaces the page's
 * {@code #timeline} element, newest first, paged, filtered by kind, channel and dates.
 * Staff who may record interactions find on it a form to record a call, a visit or an
 * e-mail ({@link ContactForm}); the contact is recorded through the same path as the
 * API's, by the staff member signed in, from the source {@code console}, and the timeline
 * comes back with it on top. Each row names the staff member who recorded or served it.
 */
@Controller
class TimelineConsole {

	static final int PAGE_SIZE = 20;

	private final Interactions interactions;

	private final StaffDirectory staff;

	private final Clock clock;

	private final MessageSource messages;

	TimelineConsole(Interactions interactions, StaffDirectory staff, Clock clock, MessageSource messages) {
		this.messages = messages;
		this.interactions = interactions;
		this.staff = staff;
		this.clock = clock;
	}

	@GetMapping("/customers/{id}/timeline")
	@PreAuthorize("hasAuthority('interaction:read')")
	String timeline(@PathVariable UUID id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String channel,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, Authentication authentication, Model model) {
		model.addAttribute("contact", ContactForm.blank());
		return render(id, kind, channel, from, to, page, authentication, model);
	}

	/**
	 * Records a contact typed on the timeline's form. htmx swaps only successful answers,
	 * so refused input answers 200 with the form open, as typed, its problems by field;
	 * without htmx a recorded contact redirects to the customer's page.
	 */
	@PostMapping("/customers/{id}/contacts")
	@PreAuthorize("hasAuthority('interaction:write')")
	String record(@PathVariable UUID id, @ModelAttribute ContactForm form,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model) {
		ContactForm.Checked checked = form.check(id, staffId(), this.clock.instant());
		List<org.rapport.platform.web.ApiException.FieldProblem> problems = checked.problems();
		if (checked.ok()) {
			RecordResult result = this.interactions.record(checked.interaction());
			if (result.status() != RecordResult.Status.REJECTED) {
				if (htmx == null) {
					return "redirect:/customers/" + id + "#timeline";
				}
				model.addAttribute("recorded", result.id());
				model.addAttribute("contact", ContactForm.blank());
				return render(id, null, null, null, null, 0, authentication, model);
			}
			problems = result.errors();
		}
		model.addAttribute("contact", form);
		model.addAttribute("contactErrors", ContactForm.byField(problems, this.messages));
		return render(id, null, null, null, null, 0, authentication, model);
	}

	private String render(UUID id, String kind, String channel, LocalDate from, LocalDate to, int page,
			Authentication authentication, Model model) {
		TimelineFilter filter = new TimelineFilter(
				InteractionApi.kinds(kind == null || kind.isBlank() ? null : List.of(kind)), channel,
				from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
				to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		model.addAttribute("customerId", id);
		TimelinePage timeline = this.interactions.timeline(id, filter, Math.max(0, page), PAGE_SIZE, null);
		model.addAttribute("timeline", timeline);
		model.addAttribute("staffNames", staffNames(timeline));
		model.addAttribute("canRecord",
				authentication != null && authentication.getAuthorities()
					.stream()
					.anyMatch((a) -> "interaction:write".equals(a.getAuthority())));
		if (!model.containsAttribute("contactErrors")) {
			model.addAttribute("contactErrors", Map.of());
		}
		// the fields of the form's first row, whose problems are told under it
		model.addAttribute("contactRowFields", List.of("kind", "direction", "outcome", "occurredAt", "channel"));
		model.addAttribute("contactKinds", ContactForm.KINDS);
		model.addAttribute("outcomes", Outcome.values());
		model.addAttribute("directions", Direction.values());
		model.addAttribute("kinds", InteractionKind.values());
		model.addAttribute("kind", kind == null ? "" : kind);
		model.addAttribute("channel", filter.channel() == null ? "" : filter.channel());
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "interaction/timeline";
	}

	/** The staff member signed in, or none (a caller who is no staff member). */
	private static UUID staffId() {
		Actor actor = Actor.current();
		if (actor.kind() != Actor.Kind.STAFF) {
			return null;
		}
		try {
			return UUID.fromString(actor.id());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The names of the staff members the page's rows name. */
	private Map<UUID, String> staffNames(TimelinePage timeline) {
		Map<UUID, String> names = new HashMap<>();
		timeline.items()
			.stream()
			.map(InteractionView::staffId)
			.filter(Objects::nonNull)
			.distinct()
			.forEach((s) -> names.put(s, this.staff.byId(s).map(StaffMember::displayName).orElse(null)));
		return names;
	}

}
