package org.rapport.platform.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's entry pages: sign-in and the dashboard shell. */
@Controller
class ConsoleController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String dashboard() {
		return "dashboard";
	}

}
