package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.rapport.customer.LifecycleStage;
import org.rapport.customer.Paging;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Everything the analytics dashboard draws from one snapshot: the HTML grids (RFM heat,
 * loyalty matrix, risk × value, flows, cohorts) with a drill-down link per cell, and the
 * data of the Chart.js charts as one JSON document embedded in the page.
 */
@Component
class DashboardView {

	static final int TOP_CUSTOMERS = 10;

	private final Analytics analytics;

	private final MessageSource messages;

	private final JsonMapper json;

	private final int clvMonths;

	DashboardView(Analytics analytics, MessageSource messages, JsonMapper json, AnalyticsSettings settings) {
		this.analytics = analytics;
		this.messages = messages;
		this.json = json;
		this.clvMonths = settings.clvMonths();
	}

	record HeatCell(long customers, double heat, String link) {
	}

	record HeatRow(String key, List<HeatCell> cells) {
	}

	record FlowLine(String from, String to, List<Long> customers, List<String> links) {
	}

	record CohortRow(YearMonth cohort, int size, List<BigDecimal> retention, String link) {
	}

	/**
	 * Fills the model for the snapshot; {@code explicitRun} is the run named in the
	 * request (kept in every link), or null for the current snapshot.
	 */
	void fill(Model model, AnalyticsRun snapshot, UUID explicitRun, Locale locale) {
		UUID id = snapshot.id();
		Charts.Pareto pareto = this.analytics.pareto(id);
		Charts.RfmGrid rfm = this.analytics.rfm(id);
		Charts.Matrix matrix = this.analytics.matrix(id);
		Charts.Lifecycle lifecycle = this.analytics.lifecycle(id);
		Charts.Cohorts cohorts = this.analytics.cohorts(id);
		Charts.Priority priority = this.analytics.priority(id);
		Charts.ClvHistogram clv = this.analytics.clvHistogram(id);
		model.addAttribute("pareto", pareto);
		model.addAttribute("topCustomers",
				this.analytics
					.customers(new ScoreFilter(id, null, null, null, null, null, null, null, null, null, 20,
							ScoreFilter.Order.REVENUE), new Paging(0, TOP_CUSTOMERS))
					.items());
		model.addAttribute("topLink", link(explicitRun, "top", 20));
		model.addAttribute("rfm", rfm);
		model.addAttribute("rfmRows", rfmRows(rfm, explicitRun));
		model.addAttribute("rfmEmpty", emptyScores(rfm));
		model.addAttribute("matrix", matrix);
		model.addAttribute("classes", classes(matrix, explicitRun));
		model.addAttribute("lifecycle", lifecycle);
		flows(model, lifecycle, explicitRun);
		model.addAttribute("tiers", ValueTier.values());
		model.addAttribute("priorityRows", priorityRows(priority, explicitRun));
		CohortRetention retention = CohortRetention.of(cohorts.cells(),
				YearMonth.from(snapshot.asOf().atOffset(ZoneOffset.UTC)));
		model.addAttribute("cohortRows", cohortRows(retention, explicitRun));
		model.addAttribute("cohortMonths", retention.columns());
		model.addAttribute("cohortCharted", CohortRetention.CHARTED);
		model.addAttribute("cohortMinBuyers", CohortRetention.MIN_BUYERS);
		model.addAttribute("clv", clv);
		model.addAttribute("clvMonths", this.clvMonths);
		model.addAttribute("clvLinks", clv.bins().stream().map((b) -> clvLink(explicitRun, b)).toList());
		model.addAttribute("chartData", chartData(pareto, rfm, lifecycle, retention, clv, explicitRun, locale));
	}

	private List<HeatRow> rfmRows(Charts.RfmGrid rfm, UUID run) {
		long max = rfm.cells().stream().mapToLong(Charts.RfmCell::customers).max().orElse(1);
		List<HeatRow> rows = new ArrayList<>();
		for (int r = rfm.bins(); r >= 1; r--) {
			List<HeatCell> cells = new ArrayList<>();
			for (int f = 1; f <= rfm.bins(); f++) {
				int rr = r;
				int ff = f;
				long n = rfm.cells()
					.stream()
					.filter((c) -> c.r() == rr && c.f() == ff)
					.mapToLong(Charts.RfmCell::customers)
					.sum();
				cells.add(new HeatCell(n, heat(n, max), link(run, "r", r, "f", f)));
			}
			rows.add(new HeatRow(Integer.toString(r), cells));
		}
		return rows;
	}

	/**
	 * The recency and frequency scores no buyer has (e.g. {@code F 2}): equal values
	 * share one score, so when many buyers bought the same number of times a score
	 * between stays empty. Said next to the grid so an empty column is not read as
	 * missing data.
	 */
	static List<String> emptyScores(Charts.RfmGrid rfm) {
		List<String> empty = new ArrayList<>();
		if (rfm.cells().isEmpty()) {
			return empty;
		}
		for (int score = 1; score <= rfm.bins(); score++) {
			int s = score;
			if (rfm.cells().stream().noneMatch((c) -> c.r() == s && c.customers() > 0)) {
				empty.add("R " + s);
			}
		}
		for (int score = 1; score <= rfm.bins(); score++) {
			int s = score;
			if (rfm.cells().stream().noneMatch((c) -> c.f() == s && c.customers() > 0)) {
				empty.add("F " + s);
			}
		}
		return empty;
	}

	private Map<String, HeatCell> classes(Charts.Matrix matrix, UUID run) {
		long max = matrix.classes().stream().mapToLong(Charts.Count::customers).max().orElse(1);
		Map<String, HeatCell> cells = new LinkedHashMap<>();
		for (LoyaltyClass c : LoyaltyClass.values()) {
			long n = matrix.classes()
				.stream()
				.filter((k) -> k.key().equals(c.name()))
				.mapToLong(Charts.Count::customers)
				.sum();
			cells.put(c.name(), new HeatCell(n, heat(n, max), link(run, "loyaltyClass", c)));
		}
		return cells;
	}

	private List<HeatRow> priorityRows(Charts.Priority priority, UUID run) {
		long max = priority.cells().stream().mapToLong(Charts.PriorityCell::customers).max().orElse(1);
		List<HeatRow> rows = new ArrayList<>();
		for (RiskCategory risk : List.of(RiskCategory.HIGH, RiskCategory.MEDIUM, RiskCategory.CHURNED,
				RiskCategory.LOW)) {
			List<HeatCell> cells = new ArrayList<>();
			for (ValueTier tier : ValueTier.values()) {
				long n = priority.cells()
					.stream()
					.filter((c) -> c.risk() == risk && c.valueTier() == tier)
					.mapToLong(Charts.PriorityCell::customers)
					.sum();
				cells.add(new HeatCell(n, heat(n, max),
						link(run, "risk", risk, "valueTier", tier, "order", ScoreFilter.Order.PRIORITY)));
			}
			rows.add(new HeatRow(risk.name(), cells));
		}
		return rows;
	}

	/**
	 * The stages in the order of the ladder (prospect first, lost last), each with its
	 * count, none left out: a stage no customer is at shows as zero.
	 */
	static List<Charts.Count> ladder(List<Charts.Count> stages) {
		List<Charts.Count> ordered = new ArrayList<>();
		for (LifecycleStage stage : LifecycleStage.values()) {
			ordered.add(stages.stream()
				.filter((c) -> c.key().equals(stage.name()))
				.findFirst()
				.orElse(new Charts.Count(stage.name(), 0, BigDecimal.ZERO)));
		}
		stages.stream()
			.filter((c) -> Arrays.stream(LifecycleStage.values()).noneMatch((s) -> s.name().equals(c.key())))
			.forEach(ordered::add);
		return ordered;
	}

	/**
	 * Flow lines ("FROM>TO") by the ladder's order of the stage left, then of the stage
	 * reached.
	 */
	static final Comparator<String> FLOW_ORDER = Comparator
		.comparingInt((String line) -> rank(line.substring(0, line.indexOf('>'))))
		.thenComparingInt((line) -> rank(line.substring(line.indexOf('>') + 1)))
		.thenComparing(Comparator.naturalOrder());

	private static int rank(String stage) {
		for (LifecycleStage s : LifecycleStage.values()) {
			if (s.name().equals(stage)) {
				return s.ordinal();
			}
		}
		return LifecycleStage.values().length;
	}

	/**
	 * Transitions between different stages, one line each in the ladder's order, one
	 * column per month.
	 */
	private static void flows(Model model, Charts.Lifecycle lifecycle, UUID run) {
		TreeSet<LocalDate> months = new TreeSet<>();
		Map<String, Map<LocalDate, Long>> lines = new TreeMap<>(FLOW_ORDER);
		for (Charts.Flow flow : lifecycle.flows()) {
			months.add(flow.month());
			if (!Objects.equals(flow.from(), flow.to())) {
				lines.computeIfAbsent(flow.from() + ">" + flow.to(), (k) -> new TreeMap<>())
					.merge(flow.month(), flow.customers(), Long::sum);
			}
		}
		List<FlowLine> flowLines = lines.entrySet().stream().map((e) -> {
			String[] fromTo = e.getKey().split(">");
			return new FlowLine(fromTo[0], fromTo[1],
					months.stream().map((m) -> e.getValue().getOrDefault(m, 0L)).toList(),
					months.stream()
						.map((m) -> link(run, "flowMonth", YearMonth.from(m), "flowFrom", fromTo[0], "flowTo",
								fromTo[1]))
						.toList());
		}).toList();
		model.addAttribute("flowMonths", months.stream().map(YearMonth::from).toList());
		model.addAttribute("flowLines", flowLines);
	}

	private List<CohortRow> cohortRows(CohortRetention retention, UUID run) {
		return retention.rows()
			.stream()
			.map((r) -> new CohortRow(r.cohort(), r.size(), r.retention(), link(run, "cohort", r.cohort())))
			.toList();
	}

	private String chartData(Charts.Pareto pareto, Charts.RfmGrid rfm, Charts.Lifecycle lifecycle,
			CohortRetention cohorts, Charts.ClvHistogram clv, UUID run, Locale locale) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("list", DrillDown.LIST);
		data.put("run", run);
		data.put("lorenz",
				pareto.lorenz()
					.stream()
					.map((p) -> List.of(percent(p.populationShare()), percent(p.revenueShare())))
					.toList());
		data.put("segments", counts(rfm.segments(), "analytics.segment.", locale));
		data.put("stages", counts(ladder(lifecycle.stages()), "stage.", locale));
		data.put("overall",
				cohorts.overall()
					.stream()
					.map((p) -> List.<Object>of(p.monthsSince(), percent(p.retention())))
					.toList());
		Map<String, List<Object>> retention = new LinkedHashMap<>();
		for (CohortRetention.Row row : cohorts.charted()) {
			List<Object> points = new ArrayList<>();
			for (int k = 0; k < row.retention().size(); k++) {
				if (row.retention().get(k) != null) {
					points.add(List.of(k, percent(row.retention().get(k))));
				}
			}
			retention.put(row.cohort().toString(), points);
		}
		data.put("cohorts", retention);
		data.put("clv",
				clv.bins()
					.stream()
					.map((b) -> Arrays.<Object>asList(b.from().toPlainString(),
							(b.to() == null) ? null : b.to().toPlainString(), b.customers()))
					.toList());
		data.put("labels",
				Map.of("lorenz", text("analytics.pareto.lorenz", locale), "equality",
						text("analytics.pareto.equality", locale), "customers", text("analytics.customers", locale),
						"retention", text("analytics.cohorts.retention", locale), "overall",
						text("analytics.cohorts.overall", locale), "clvAbove", text("analytics.clv.above", locale)));
		// '<' only occurs inside JSON strings, where \u003c means the same and cannot end
		// the script element
		return this.json.writeValueAsString(data).replace("<", "\\u003c");
	}

	private List<Map<String, Object>> counts(List<Charts.Count> counts, String prefix, Locale locale) {
		return counts.stream()
			.map((c) -> Map.<String, Object>of("key", c.key(), "label", text(prefix + c.key(), locale), "customers",
					c.customers()))
			.toList();
	}

	private String text(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	static String link(UUID run, Object... pairs) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(DrillDown.LIST);
		if (run != null) {
			uri.queryParam("run", run);
		}
		for (int i = 0; i < pairs.length; i += 2) {
			uri.queryParam((String) pairs[i], pairs[i + 1]);
		}
		return uri.encode().build().toUriString();
	}

	private static String clvLink(UUID run, Charts.ClvBin bin) {
		return (bin.to() == null) ? link(run, "clvFrom", bin.from().toPlainString())
				: link(run, "clvFrom", bin.from().toPlainString(), "clvTo", bin.to().toPlainString());
	}

	private static double heat(long n, long max) {
		return max <= 0 ? 0 : Math.round(100.0 * n / max) / 100.0;
	}

	private static BigDecimal percent(BigDecimal share) {
		return share == null ? null : share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
	}

}
