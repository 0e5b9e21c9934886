package org.rapport.customer;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Move all of Ana's customers to Luis": a manager picks who hands over and who takes
 * over (only active staff can), sees how many customers will move, and confirms.
 */
@Controller
@PreAuthorize("hasAuthority('customer:reassign')")
class ReassignConsoleController {

	private final StaffDirectory staff;

	private final CustomerConsoleProfile profiles;

	private final Customers customers;

	private final MessageSource messages;

	ReassignConsoleController(StaffDirectory staff, CustomerConsoleProfile profiles, Customers customers,
			MessageSource messages) {
		this.staff = staff;
		this.profiles = profiles;
		this.customers = customers;
		this.messages = messages;
	}

	@GetMapping("/customers/move")
	String form(@RequestParam(required = false) UUID from, @RequestParam(required = false) UUID to, Model model) {
		model.addAttribute("staffMembers", this.staff.all());
		model.addAttribute("activeStaff", this.staff.all().stream().filter(StaffMember::active).toList());
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		Optional<StaffMember> giver = Optional.ofNullable(from).flatMap(this.staff::byId);
		Optional<StaffMember> taker = Optional.ofNullable(to).flatMap(this.staff::byId);
		if (giver.isPresent() && taker.isPresent()) {
			model.addAttribute("giver", giver.get());
			model.addAttribute("taker", taker.get());
			model.addAttribute("count", this.profiles.countAssignedTo(giver.get().id()));
			model.addAttribute("sameStaff", giver.get().id().equals(taker.get().id()));
		}
		return "customers/move";
	}

	@PostMapping("/customers/move")
	String move(@RequestParam UUID from, @RequestParam UUID to, RedirectAttributes flash) {
		try {
			int moved = this.customers.reassignAll(from, to);
			flash.addFlashAttribute("moved", moved);
			flash.addFlashAttribute("takerName", this.staff.byId(to).map(StaffMember::displayName).orElse(""));
			return "redirect:/customers/move";
		}
		catch (ApiException ex) {
			if (ex.status().value() != 400) {
				throw ex;
			}
			flash.addFlashAttribute("refused", true);
			return "redirect:/customers/move?from=" + from + "&to=" + to;
		}
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
