package org.rapport.analytics.clv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Options of {@code analytics clv}. */
record ClvArguments(Path summary, Path transactions, Path out, double predictPeriods, int clvMonths, double discount,
		TimeUnit unit, LocalDate calibrationEnd, PurchaseModelName model) {

	static final String USAGE = """
			Usage: analytics clv (--summary IN.csv | --transactions IN.csv [--calibration-end YYYY-MM-DD])
			                     --out OUT.csv [--predict-periods 39] [--clv-months 12] [--discount 0.01]
			                     [--time-unit weeks|days] [--model bg-nbd|pareto-nbd]
			  --summary       header customer_id,frequency,recency,T[,monetary_value]; frequency = repeat
			                  purchases, recency and T in the time unit, monetary_value = mean repeat spend
			  --transactions  header customer_id,date[,amount]; the summary is built per purchase day
			  --discount      monthly discount rate; a month is 4.345 weeks or 30 days
			  --model         purchase model: bg-nbd (default) or pareto-nbd; Gamma-Gamma models spend
			                  either way and CLV uses the same formula
			Fitted parameters, standard errors and log-likelihoods are printed as JSON.""";

	static ClvArguments parse(String[] args) {
		Path summary = null;
		Path transactions = null;
		Path out = null;
		double periods = 39;
		int months = 12;
		double discount = 0.01;
		TimeUnit unit = TimeUnit.WEEKS;
		LocalDate end = null;
		PurchaseModelName model = PurchaseModelName.BG_NBD;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			String value = args[++i];
			try {
				switch (option) {
					case "--summary" -> summary = Path.of(value);
					case "--transactions" -> transactions = Path.of(value);
					case "--out" -> out = Path.of(value);
					case "--predict-periods" -> periods = Double.parseDouble(value);
					case "--clv-months" -> months = Integer.parseInt(value);
					case "--discount" -> discount = Double.parseDouble(value);
					case "--time-unit" -> unit = TimeUnit.parse(value);
					case "--calibration-end" -> end = LocalDate.parse(value);
					case "--model" -> model = PurchaseModelName.parse(value);
					default -> throw new IllegalArgumentException("unknown option " + option);
				}
			}
			catch (NumberFormatException | DateTimeParseException ex) {
				throw new IllegalArgumentException(option + ": '" + value + "' is not valid");
			}
		}
		if ((summary == null) == (transactions == null)) {
			throw new IllegalArgumentException("give either --summary or --transactions");
		}
		if (out == null) {
			throw new IllegalArgumentException("--out is required");
		}
		if (!(periods >= 0) || months < 0 || !(discount > -1)) {
			throw new IllegalArgumentException("--predict-periods and --clv-months must be ≥ 0, --discount > -1");
		}
		if (end != null && summary != null) {
			throw new IllegalArgumentException("--calibration-end applies to --transactions only");
		}
		return new ClvArguments(summary, transactions, out, periods, months, discount, unit, end, model);
	}

}
