package org.rapport.loyalty;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.Customers;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The members whose points expire within a number of days (30 unless chosen): how many
 * lose how many points in all, then the first of them, most points first, each linked to
 * the customer page with the points' worth and the balance they have now, and what
 * analytics predicts of them (lifetime value, risk of leaving) for staff who may read
 * customers' scores: the list to remind before the points go. Read-only, for anyone who
 * may read loyalty.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:read')")
class ExpiringPointsConsoleController {

	static final int LISTED = 100;

	private final Loyalty loyalty;

	/** The export's columns. */
	static final String HEADER = "customer_id,display_name,points,first_expiry_at,value,currency,available,revenue";

	private final MemberNames names;

	private final Customers customers;

	private final Rewards rewards;

	private final MemberOutlooks outlooks;

	ExpiringPointsConsoleController(Loyalty loyalty, MemberNames names, Customers customers, Rewards rewards,
			MemberOutlooks outlooks) {
		this.loyalty = loyalty;
		this.names = names;
		this.customers = customers;
		this.rewards = rewards;
		this.outlooks = outlooks;
	}

	@GetMapping("/loyalty/programmes/{code}/expiring")
	String expiring(@PathVariable String code, @RequestParam(defaultValue = "30") int days, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		int horizon = Math.max(1, Math.min(days, PointsAboutToExpire.MAX_DAYS));
		List<ExpiringPoints> members = this.loyalty.pointsExpiring(code, horizon, LISTED);
		model.addAttribute("programme", programme);
		model.addAttribute("days", horizon);
		model.addAttribute("maxDays", PointsAboutToExpire.MAX_DAYS);
		model.addAttribute("members", members);
		model.addAttribute("total", this.loyalty.pointsExpiringTotal(code, horizon));
		model.addAttribute("listed", LISTED);
		List<UUID> customers = members.stream().map(ExpiringPoints::customerId).toList();
		model.addAttribute("names", this.names.of(customers));
		model.addAttribute("outlookShown", this.outlooks.shown());
		model.addAttribute("outlook", this.outlooks.of(customers));
		model.addAttribute("affordable", affordable(code, members));
		return "loyalty/expiring";
	}

	/**
	 * For each listed member, the dearest reward offered now (and in stock) that their
	 * available balance pays for: something to suggest before the points go. Per-member
	 * limits are left to the redemption, which refuses what they do not allow.
	 */
	private Map<UUID, Reward> affordable(String code, List<ExpiringPoints> members) {
		List<Reward> offered = this.rewards.rewards(code, false)
			.stream()
			.filter((r) -> r.stock() == null || r.stock() > 0)
			.sorted(Comparator.comparingLong(Reward::costPoints).reversed())
			.toList();
		Map<UUID, Reward> affordable = new HashMap<>();
		for (ExpiringPoints m : members) {
			offered.stream()
				.filter((r) -> r.costPoints() <= m.available())
				.findFirst()
				.ifPresent((r) -> affordable.put(m.accountId(), r));
		}
		return affordable;
	}

	/**
	 * Every member of the list, not only the first {@value #LISTED}, as CSV (RFC 4180,
	 * text that reads as a formula defused), most points first: the file a reminder
	 * mailing or a call list starts from.
	 */
	@GetMapping("/loyalty/programmes/{code}/expiring.csv")
	void csv(@PathVariable String code, @RequestParam(defaultValue = "30") int days, HttpServletResponse response)
			throws IOException {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		int horizon = Math.max(1, Math.min(days, PointsAboutToExpire.MAX_DAYS));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"points-expiring-" + programme.code() + "-" + horizon + "-days.csv\"");
		PrintWriter writer = response.getWriter();
		NamedCsvRows<ExpiringPoints> rows = new NamedCsvRows<>(this.customers, writer, ExpiringPoints::customerId,
				(m, name) -> new Object[] { m.customerId(), name, m.points(), m.firstAt(), m.value(),
						programme.currency(), m.available(), m.revenue() })
			.withOutlook(this.outlooks);
		writer.write(rows.header(HEADER));
		this.loyalty.eachPointsExpiring(code, horizon, rows);
		rows.finish();
	}

}
