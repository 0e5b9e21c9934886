package org.rapport.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff administration in the console: who works here with which roles, adding a staff
 * member, deactivating one who left and setting a new password. Everything goes through
 * {@link StaffDirectory}, which audits it.
 */
@Controller
@PreAuthorize("hasAuthority('staff:admin')")
class StaffConsoleController {

	private final StaffDirectory staff;

	private final MessageSource messages;

	StaffConsoleController(StaffDirectory staff, MessageSource messages) {
		this.messages = messages;
		this.staff = staff;
	}

	@GetMapping("/admin/staff")
	String list(Model model) {
		return page(model);
	}

	@PostMapping("/admin/staff")
	String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "") String password, @RequestParam(required = false) List<Role> roles,
			Model model, RedirectAttributes flash) {
		Set<Role> chosen = roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
		try {
			StaffMember created = this.staff.create(username, displayName, password, chosen);
			flash.addFlashAttribute("done", "admin.staff.created");
			flash.addFlashAttribute("doneName", created.displayName());
			return "redirect:/admin/staff";
		}
		catch (ApiException ex) {
			model.addAttribute("problem", problemKey(ex));
			model.addAttribute("problemDetail", ex.fieldProblems().isEmpty() ? ex.detail(this.messages)
					: ex.fieldProblems().get(0).field() + ": " + ex.fieldProblems(this.messages).get(0).message());
			model.addAttribute("username", username);
			model.addAttribute("displayName", displayName);
			model.addAttribute("chosenRoles", chosen);
			return page(model);
		}
	}

	@PostMapping("/admin/staff/{id}/deactivate")
	String deactivate(@PathVariable UUID id, RedirectAttributes flash) {
		try {
			StaffMember member = this.staff.deactivate(id);
			flash.addFlashAttribute("done", "admin.staff.deactivated");
			flash.addFlashAttribute("doneName", member.displayName());
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.CONFLICT) {
				throw ex;
			}
			flash.addFlashAttribute("problem", "admin.staff.lastAdmin");
		}
		return "redirect:/admin/staff";
	}

	@PostMapping("/admin/staff/{id}/password")
	String resetPassword(@PathVariable UUID id, @RequestParam(defaultValue = "") String password,
			RedirectAttributes flash) {
		try {
			this.staff.resetPassword(id, password);
			flash.addFlashAttribute("done", "admin.staff.passwordReset");
			flash.addFlashAttribute("doneName", this.staff.byId(id).map(StaffMember::displayName).orElse(""));
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.BAD_REQUEST) {
				throw ex;
			}
			flash.addFlashAttribute("problem", "admin.invalid.password");
		}
		return "redirect:/admin/staff";
	}

	private String page(Model model) {
		model.addAttribute("members", this.staff.all());
		model.addAttribute("roles", Role.values());
		return "admin/staff";
	}

	private static String problemKey(ApiException ex) {
		if ("username-taken".equals(ex.type())) {
			return "admin.taken.username";
		}
		String field = ex.fieldProblems().isEmpty() ? "" : ex.fieldProblems().get(0).field();
		return switch (field) {
			case "username", "displayName", "password", "roles" -> "admin.invalid." + field;
			default -> "error.400.text";
		};
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
