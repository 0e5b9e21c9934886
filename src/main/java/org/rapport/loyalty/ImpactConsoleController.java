package org.rapport.loyalty;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.Customers;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The impact preview of a programme change before it is made: a new expiry, a lower earn
 * rate and/or a new tier ladder, and who would lose what (points expiring earlier, points
 * a year, tier and benefits), highest revenue first, with what analytics predicts of each
 * (lifetime value, risk of leaving) for staff who may read customers' scores, so that the
 * valuable members likely to leave are looked after before the change. The whole list
 * downloads as CSV. Nothing is written.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin')")
class ImpactConsoleController {

	private final Loyalty loyalty;

	private final MemberNames names;

	private final Customers customers;

	private final MemberOutlooks outlooks;

	private final AccountStore accounts;

	private final MessageSource messages;

	ImpactConsoleController(Loyalty loyalty, MemberNames names, Customers customers, MemberOutlooks outlooks,
			AccountStore accounts, MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.names = names;
		this.customers = customers;
		this.outlooks = outlooks;
		this.accounts = accounts;
	}

	/** The members likely to leave named under the sentence that counts them. */
	static final int LEAVING_NAMED = 20;

	/** The CSV's columns: one row per member who would lose something. */
	static final String CSV_HEADER = "customer_id,display_name,revenue,points_expiring_earlier,"
			+ "points_expiring_at_once,first_new_expiry,points_lost_per_year,value_lost,tier_from,tier_to,tier_lost_at,benefits_lost,predicted_value,"
			+ "churn_risk\r\n";

	/**
	 * The change as typed: the proposed expiry, the earn rate factor (new rate over the
	 * old; blank: unchanged) and a proposed ladder (no tier typed: unchanged).
	 */
	record ImpactForm(String expiryPolicy, String expiryMonths, String expiryPeriodMonths, String earnRateFactor,
			String measure, String window, String graceMonths, String tiers) {

		static ImpactForm of(LoyaltyProgramme p, TierLadderForm ladder) {
			return new ImpactForm(p.expiryPolicy().name(), String.valueOf(p.expiryMonths()),
					String.valueOf(p.expiryPeriodMonths()), "", ladder.measure(), ladder.window(), ladder.graceMonths(),
					"");
		}

		ProgrammeChange change(LoyaltyProgramme p, Map<String, String> errors, MessageSource messages) {
			ExpiryPolicy policy = ProgrammeForm.choice(ExpiryPolicy.class, "expiryPolicy", nz(this.expiryPolicy),
					errors);
			int months = ProgrammeForm.whole("expiryMonths", nz(this.expiryMonths), errors);
			int period = ProgrammeForm.whole("expiryPeriodMonths", nz(this.expiryPeriodMonths), errors);
			if (months < 0 || months > 120) {
				errors.put("expiryMonths", LoyaltyConsole.IMPACT_EXPIRY_MONTHS.key());
			}
			if (period < 1 || period > 12 || 12 % Math.max(period, 1) != 0) {
				errors.put("expiryPeriodMonths", LoyaltyConsole.IMPACT_EXPIRY_PERIOD.key());
			}
			BigDecimal factor = ProgrammeForm.blank(this.earnRateFactor) ? null
					: ProgrammeForm.decimal("earnRateFactor", this.earnRateFactor, errors);
			if (factor != null && (factor.signum() < 0 || factor.compareTo(BigDecimal.TEN) > 0)) {
				errors.put("earnRateFactor", LoyaltyConsole.IMPACT_EARN_RATE.key());
			}
			TierLadderForm ladderForm = new TierLadderForm(this.measure, this.window, this.graceMonths, this.tiers);
			TierLadder ladder = ladderForm.isEmpty() ? null : ladderForm.ladder(errors, messages);
			if (!errors.isEmpty()) {
				return null;
			}
			ProgrammeSettings now = p.settings();
			ProgrammeSettings proposed = new ProgrammeSettings(now.code(), now.name(), now.currency(), now.pointName(),
					now.pointValue(), now.returnWindowDays(), policy, months, period, now.negativeBalance(),
					now.requiredConsent(), now.combination(), now.cardPrefix(), now.voucherCodeRequired());
			return new ProgrammeChange(proposed, ladder, factor);
		}

		private static String nz(String s) {
			return (s == null) ? "" : s;
		}

	}

	@GetMapping("/loyalty/programmes/{code}/impact")
	String form(@PathVariable String code, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		return page(programme, ImpactForm.of(programme, currentLadder(code)), null, Map.of(), model);
	}

	@PostMapping("/loyalty/programmes/{code}/impact")
	String preview(@PathVariable String code, @ModelAttribute("form") ImpactForm form, Model model,
			HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		List<ImpactLine> lines = lines(programme, form, errors);
		if (!errors.isEmpty()) {
			response.setStatus(422);
		}
		return page(programme, form, lines, errors, model);
	}

	/**
	 * Every member of the preview, not only the first {@link MemberNames#SHOWN}, as CSV
	 * in the page's order; refused input shows the form again with its problems. The
	 * benefits lost are in English, as the API gives them, whatever the page's language.
	 */
	@PostMapping("/loyalty/programmes/{code}/impact.csv")
	ModelAndView csv(@PathVariable String code, @ModelAttribute("form") ImpactForm form, Model model,
			HttpServletResponse response) throws IOException {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		List<ImpactLine> lines = lines(programme, form, errors);
		if (!errors.isEmpty()) {
			response.setStatus(422);
			return new ModelAndView(page(programme, form, null, errors, model), model.asMap());
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"impact-" + programme.code() + ".csv\"");
		PrintWriter writer = response.getWriter();
		writer.write(CSV_HEADER);
		NamedCsvRows<ImpactLine> rows = new NamedCsvRows<>(this.customers, writer, ImpactLine::customerId,
				(l, name) -> new Object[] { l.customerId(), name, l.revenue(), l.pointsExpiringEarlier(),
						l.pointsExpiringAtOnce(), l.earliestNewExpiry(), l.pointsLostPerYear(), l.valueLost(),
						l.tierFrom(), l.tierTo(), (l.tierFrom() == null) ? null : l.tierLostAt(),
						String.join("; ", l.benefitsLost()), l.predictedValue(), l.churnRisk() });
		lines.forEach(rows);
		rows.finish();
		return null;
	}

	/**
	 * The retention action of the preview: the same goodwill points, with a reason, to
	 * the members the change would hurt who are likely to leave (their accounts sent by
	 * the page), all or none, each adjustment audited; the page's key makes a form sent
	 * twice give nothing twice. Needs {@code loyalty:adjust}.
	 */
	@PostMapping("/loyalty/programmes/{code}/goodwill")
	@PreAuthorize("hasAuthority('loyalty:adjust')")
	String goodwill(@PathVariable String code, @RequestParam(name = "account", required = false) List<UUID> accounts,
			@RequestParam(defaultValue = "") String points, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String key, Model model, HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		model.addAttribute("programme", programme);
		Map<String, String> errors = new LinkedHashMap<>();
		long each = 0;
		try {
			each = Long.parseLong(points.strip());
		}
		catch (NumberFormatException ex) {
			errors.put("points", LoyaltyConsole.GOODWILL_POINTS.key());
		}
		List<Movement> given = List.of();
		if (errors.isEmpty()) {
			try {
				given = this.loyalty.goodwill(code, accounts, each, reason, key);
			}
			catch (RuntimeException ex) {
				if (!LoyaltyConsole.isInputProblem(ex)) {
					throw ex;
				}
				errors.putAll(LoyaltyConsole.errors(ex, this.messages));
			}
		}
		if (!errors.isEmpty()) {
			response.setStatus(422);
		}
		Map<UUID, UUID> customerOf = this.accounts
			.customersOf(given.stream().map(Movement::accountId).limit(MemberNames.SHOWN).toList());
		model.addAttribute("errors", LoyaltyConsole.shown(errors, this.messages));
		model.addAttribute("given", given.size());
		model.addAttribute("points", each);
		model.addAttribute("customers", List.copyOf(customerOf.values()));
		model.addAttribute("names", this.names.of(customerOf.values()));
		return "loyalty/goodwill";
	}

	private List<ImpactLine> lines(LoyaltyProgramme programme, ImpactForm form, Map<String, String> errors) {
		ProgrammeChange change = form.change(programme, errors, this.messages);
		if (change == null) {
			return null;
		}
		try {
			return this.loyalty.impactPreview(programme.code(), change);
		}
		catch (RuntimeException ex) {
			if (!LoyaltyConsole.isInputProblem(ex)) {
				throw ex;
			}
			errors.putAll(LoyaltyConsole.errors(ex, this.messages));
			return null;
		}
	}

	private TierLadderForm currentLadder(String code) {
		try {
			return TierLadderForm.of(this.loyalty.tierLadder(code));
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.NOT_FOUND) {
				throw ex;
			}
			return TierLadderForm.blank();
		}
	}

	private String page(LoyaltyProgramme programme, ImpactForm form, List<ImpactLine> lines, Map<String, String> errors,
			Model model) {
		model.addAttribute("programme", programme);
		model.addAttribute("form", form);
		model.addAttribute("lines", lines);
		model.addAttribute("errors", LoyaltyConsole.shown(errors, this.messages));
		model.addAttribute("shown", MemberNames.SHOWN);
		model.addAttribute("outlookShown", this.outlooks.shown());
		model.addAttribute("expiryPolicies", ExpiryPolicy.values());
		model.addAttribute("measures", TierLadder.Measure.values());
		model.addAttribute("windows", TierLadder.Window.values());
		if (lines != null) {
			model.addAttribute("names", this.names.of(lines.stream().map(ImpactLine::customerId).toList()));
			model.addAttribute("totalValueLost",
					lines.stream().map(ImpactLine::valueLost).reduce(BigDecimal.ZERO, BigDecimal::add));
			model.addAttribute("totalExpiringEarlier",
					lines.stream().mapToLong(ImpactLine::pointsExpiringEarlier).sum());
			model.addAttribute("totalExpiringAtOnce", lines.stream().mapToLong(ImpactLine::pointsExpiringAtOnce).sum());
			List<ImpactLine> leaving = lines.stream().filter(ImpactLine::likelyToLeave).toList();
			model.addAttribute("leaving", leaving.size());
			List<UUID> firstLeaving = leaving.stream().map(ImpactLine::customerId).limit(LEAVING_NAMED).toList();
			model.addAttribute("firstLeaving", firstLeaving);
			model.addAttribute("leavingNames", this.names.of(firstLeaving));
			model.addAttribute("leavingAccounts",
					leaving.stream().map(ImpactLine::accountId).limit(Loyalty.GOODWILL_MEMBERS).toList());
			model.addAttribute("goodwillKey", UUID.randomUUID().toString());
			model.addAttribute("leavingValueLost",
					leaving.stream().map(ImpactLine::valueLost).reduce(BigDecimal.ZERO, BigDecimal::add));
		}
		return "loyalty/impact";
	}

}
