package org.rapport.interaction;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The timeline on the customer 360 page: an htmx fragment that replaces the page's
 * {@code #timeline} element, newest first, paged, filtered by kind, channel and dates.
 */
@Controller
class TimelineConsole {

	static final int PAGE_SIZE = 20;

	private final Interactions interactions;

	TimelineConsole(Interactions interactions) {
		this.interactions = interactions;
	}

	@GetMapping("/customers/{id}/timeline")
	@PreAuthorize("hasAuthority('interaction:read')")
	String timeline(@PathVariable UUID id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String channel,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		TimelineFilter filter = new TimelineFilter(
				InteractionApi.kinds(kind == null || kind.isBlank() ? null : List.of(kind)), channel,
				from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
				to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		model.addAttribute("customerId", id);
		model.addAttribute("timeline", this.interactions.timeline(id, filter, Math.max(0, page), PAGE_SIZE, null));
		model.addAttribute("kinds", InteractionKind.values());
		model.addAttribute("kind", kind == null ? "" : kind);
		model.addAttribute("channel", filter.channel() == null ? "" : filter.channel());
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "interaction/timeline";
	}

}
