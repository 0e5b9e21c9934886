package org.rapport.loyalty;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.Customers;
import org.rapport.platform.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Who to offer a better tier first: the members within a few percent of their next tier's
 * threshold, those who already qualify for a better tier than they hold (a tier kept by
 * grace or set by hand), and those about to lose the tier they qualified for within a
 * number of days; highest revenue first, each linked to the customer page, with what
 * analytics predicts of them (lifetime value, risk of leaving) for staff who may read
 * customers' scores. Tiers are shown by their names. Read-only, for anyone who may read
 * loyalty.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:read')")
class TierOffersConsoleController {

	static final int LISTED = 100;

	/** The at-risk export's columns. */
	static final String AT_RISK_HEADER = "customer_id,display_name,tier,kept_until,qualifying_value,threshold,missing,"
			+ "then,revenue";

	private final Loyalty loyalty;

	private final MemberNames names;

	private final Customers customers;

	private final MemberOutlooks outlooks;

	TierOffersConsoleController(Loyalty loyalty, MemberNames names, Customers customers, MemberOutlooks outlooks) {
		this.loyalty = loyalty;
		this.names = names;
		this.customers = customers;
		this.outlooks = outlooks;
	}

	/**
	 * Every member about to lose their tier within the days ahead, not only the first
	 * {@value #LISTED}, as CSV, highest revenue first; tiers by their names.
	 */
	@GetMapping("/loyalty/programmes/{code}/tier-offers/at-risk.csv")
	void atRiskCsv(@PathVariable String code, @RequestParam(defaultValue = "30") int days, HttpServletResponse response)
			throws IOException {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		int horizon = Math.max(1, Math.min(days, 365));
		Map<String, String> tierNames = new HashMap<>();
		this.loyalty.tierLadder(code).tiers().forEach((t) -> tierNames.put(t.code(), t.name()));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"tier-at-risk-" + programme.code() + "-" + horizon + "-days.csv\"");
		PrintWriter writer = response.getWriter();
		NamedCsvRows<TierAtRisk> rows = new NamedCsvRows<>(this.customers, writer, TierAtRisk::customerId,
				(m, name) -> new Object[] { m.customerId(), name, tierNames.getOrDefault(m.tier(), m.tier()),
						m.protectedUntil(), m.qualifyingValue(), m.threshold(), m.missing(),
						(m.dropsTo() == null) ? null : tierNames.getOrDefault(m.dropsTo(), m.dropsTo()), m.revenue() })
			.withOutlook(this.outlooks);
		writer.write(rows.header(AT_RISK_HEADER));
		this.loyalty.eachTierAtRisk(code, horizon, rows);
		rows.finish();
	}

	@GetMapping("/loyalty/programmes/{code}/tier-offers")
	String offers(@PathVariable String code, @RequestParam(defaultValue = "10") int within,
			@RequestParam(defaultValue = "30") int days, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		int percent = Math.max(1, Math.min(within, 50));
		int horizon = Math.max(1, Math.min(days, 365));
		List<TierCandidate> near;
		List<TierCandidate> better;
		List<TierAtRisk> atRisk;
		Map<String, String> tierNames = new HashMap<>();
		TierLadder.Measure measure = null;
		try {
			TierOfferLists lists = this.loyalty.tierOffers(code, percent, horizon, LISTED);
			near = lists.near();
			better = lists.better();
			atRisk = lists.atRisk();
			TierLadder ladder = this.loyalty.tierLadder(code);
			ladder.tiers().forEach((t) -> tierNames.put(t.code(), t.name()));
			measure = ladder.measure();
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.NOT_FOUND) {
				throw ex;
			}
			near = List.of();
			better = null;
			atRisk = List.of();
		}
		List<UUID> ids = new ArrayList<>();
		near.forEach((c) -> ids.add(c.customerId()));
		if (better != null) {
			better.forEach((c) -> ids.add(c.customerId()));
		}
		atRisk.forEach((c) -> ids.add(c.customerId()));
		model.addAttribute("programme", programme);
		model.addAttribute("within", percent);
		model.addAttribute("days", horizon);
		model.addAttribute("atRisk", atRisk);
		model.addAttribute("near", near);
		model.addAttribute("better", (better == null) ? List.of() : better);
		model.addAttribute("noLadder", better == null);
		model.addAttribute("names", this.names.of(ids));
		model.addAttribute("outlookShown", this.outlooks.shown());
		model.addAttribute("outlook", this.outlooks.of(ids));
		model.addAttribute("tierNames", tierNames);
		model.addAttribute("unit", (measure == null) ? null : programme.unitOf(measure));
		// spend reads as money (8.40 EUR), points and purchases as whole numbers
		model.addAttribute("money", measure == TierLadder.Measure.SPEND);
		return "loyalty/tier-offers";
	}

}
