package org.rapport.analytics.clv;

import java.util.Locale;
import java.util.Map;

import org.rapport.analytics.model.ModelFit;

/**
 * The fitted models and the run's settings as JSON (written by hand: no dependencies).
 */
final class FitJson {

	private FitJson() {
	}

	static String of(ClvArguments arguments, ClvRun run) {
		StringBuilder json = new StringBuilder("{\n");
		json.append("  \"customers\": ").append(run.table.size()).append(",\n");
		json.append("  \"time_unit\": \"").append(arguments.unit().label()).append("\",\n");
		json.append("  \"predict_periods\": ").append(number(arguments.predictPeriods())).append(",\n");
		json.append("  \"clv_months\": ").append(arguments.clvMonths()).append(",\n");
		json.append("  \"month_length\": ").append(number(arguments.unit().monthLength())).append(",\n");
		json.append("  \"monthly_discount\": ").append(number(arguments.discount())).append(",\n");
		json.append("  \"model\": \"").append(arguments.model().option()).append("\",\n");
		json.append("  \"").append(arguments.model().key()).append("\": ").append(model(run.purchases)).append(",\n");
		json.append("  \"gamma_gamma\": ").append((run.spend != null) ? model(run.spend) : "null").append(",\n");
		json.append("  \"seconds\": {");
		int k = 0;
		for (Map.Entry<String, Double> e : run.seconds.entrySet()) {
			json.append((k++ > 0) ? ", " : "")
				.append('"')
				.append(e.getKey())
				.append("\": ")
				.append(String.format(Locale.ROOT, "%.3f", e.getValue()));
		}
		return json.append("}\n}").toString();
	}

	static String model(ModelFit fit) {
		StringBuilder json = new StringBuilder("{\"parameters\": {");
		for (int i = 0; i < fit.names().size(); i++) {
			json.append((i > 0) ? ", " : "")
				.append('"')
				.append(fit.names().get(i))
				.append("\": ")
				.append(number(fit.estimates()[i]));
		}
		json.append("}, \"standard_errors\": {");
		for (int i = 0; i < fit.names().size(); i++) {
			json.append((i > 0) ? ", " : "")
				.append('"')
				.append(fit.names().get(i))
				.append("\": ")
				.append(number(fit.standardErrors()[i]));
		}
		return json.append("}, \"log_likelihood\": ")
			.append(number(fit.logLikelihood()))
			.append(", \"customers\": ")
			.append(number(fit.customers()))
			.append(", \"iterations\": ")
			.append(fit.iterations())
			.append(", \"converged\": ")
			.append(fit.converged())
			.append(", \"message\": \"")
			.append(fit.message().replace("\"", "'"))
			.append("\"}")
			.toString();
	}

	static String number(double v) {
		if (!Double.isFinite(v)) {
			return "null";
		}
		if (v == Math.rint(v) && Math.abs(v) < 1e15) {
			return Long.toString((long) v);
		}
		return Double.toString(v);
	}

}
