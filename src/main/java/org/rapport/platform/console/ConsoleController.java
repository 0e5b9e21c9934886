package org.rapport.platform.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's sign-in page. The dashboard and the other pages belong to the modules
 * whose data they show; they share the layout in {@code templates/fragments/layout.html}.
 */
@Controller
class ConsoleController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

}
