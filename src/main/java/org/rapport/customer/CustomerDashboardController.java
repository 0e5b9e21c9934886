package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's start page: how many customers stand on each step of the lifecycle and
 * how many are assigned to the signed-in staff member. Analytics adds more later.
 */
@Controller
class CustomerDashboardController {

	private final CustomerConsoleProfile profiles;

	CustomerDashboardController(CustomerConsoleProfile profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		UUID me = staffId(Actor.current());
		model.addAttribute("stageCounts", this.profiles.countsByStage());
		model.addAttribute("myId", me);
		model.addAttribute("mine", me == null ? 0L : this.profiles.countAssignedTo(me));
		return "dashboard";
	}

	private static UUID staffId(Actor actor) {
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

}
