package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
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

	static final int PAGE_SIZE = 20;

	private final CustomerDuplicates duplicates;

	private final CustomerMerger merger;

	private final MessageSource messages;

	DuplicateConsoleController(CustomerDuplicates duplicates, CustomerMerger merger, MessageSource messages) {
		this.messages = messages;
		this.duplicates = duplicates;
		this.merger = merger;
	}

	@GetMapping("/duplicates")
	@PreAuthorize("hasAuthority('customer:read')")
	String list(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) UUID customer,
			Authentication authentication, Model model) {
		model.addAttribute("suggestions", this.duplicates.openSuggestions(customer, Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("customer", customer);
		model.addAttribute("can", ConsolePermissions.of(authentication));
		return "duplicates/list";
	}

	/**
	 * Merges {@code merged} into {@code survivor}; the versions are those the manager
	 * saw, so a customer changed in the meantime is not merged blindly.
	 */
	@PostMapping("/duplicates/merge")
	@PreAuthorize("hasAuthority('customer:merge')")
	String merge(@RequestParam UUID survivor, @RequestParam UUID merged,
			@RequestParam(required = false) Integer survivorVersion,
			@RequestParam(required = false) Integer mergedVersion, RedirectAttributes flash) {
		try {
			this.merger.merge(survivor, merged, survivorVersion, mergedVersion);
			flash.addFlashAttribute("done", "duplicates.merged");
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.PRECONDITION_FAILED && ex.status() != HttpStatus.CONFLICT) {
				throw ex;
			}
			flash.addFlashAttribute("refused",
					ex.status() == HttpStatus.PRECONDITION_FAILED ? "duplicates.stale" : "duplicates.notMerged");
		}
		return "redirect:/duplicates";
	}

	@PostMapping("/duplicates/dismiss")
	@PreAuthorize("hasAuthority('customer:merge')")
	String dismiss(@RequestParam UUID a, @RequestParam UUID b, RedirectAttributes flash) {
		this.duplicates.dismiss(a, b);
		flash.addFlashAttribute("done", "duplicates.dismissed");
		return "redirect:/duplicates";
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
