package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.web.ApiException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Duplicate review: suggested pairs side by side with the reason; a manager merges one
 * into the other or marks them as different people.
 */
@Controller
class DuplicateConsoleController {

	static final int PAGE = 50;

	private final DuplicateReview review;

	DuplicateConsoleController(DuplicateReview review) {
		this.review = review;
	}

	@GetMapping("/duplicates")
	@PreAuthorize("hasAuthority('customer:read')")
	String list(Authentication authentication, Model model) {
		model.addAttribute("suggestions", this.review.open(PAGE));
		model.addAttribute("can", ConsolePermissions.of(authentication));
		return "duplicates/list";
	}

	@PostMapping("/duplicates/merge")
	@PreAuthorize("hasAuthority('customer:merge')")
	String merge(@RequestParam UUID survivor, @RequestParam UUID merged, RedirectAttributes flash) {
		this.review.merge(survivor, merged);
		flash.addFlashAttribute("done", "duplicates.merged");
		return "redirect:/duplicates";
	}

	@PostMapping("/duplicates/dismiss")
	@PreAuthorize("hasAuthority('customer:merge')")
	String dismiss(@RequestParam UUID a, @RequestParam UUID b, RedirectAttributes flash) {
		this.review.dismiss(a, b);
		flash.addFlashAttribute("done", "duplicates.dismissed");
		return "redirect:/duplicates";
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.getMessage());
		return "error";
	}

}
