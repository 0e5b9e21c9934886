package org.rapport.analytics.clv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rapport.analytics.model.PurchaseSummaries;

/**
 * Builds per-customer summaries from a transactions file
 * {@code customer_id,date[,amount]} (dates yyyy-MM-dd or yyyyMMdd; a date-time keeps its
 * date). Purchases on the same day count as one; frequency = purchase days after the
 * first, recency = last − first, T = end of calibration − first, in the time unit;
 * monetary value = mean daily amount of the repeat purchase days (the first purchase is
 * left out, as the Gamma-Gamma model expects). Transactions after the calibration end are
 * ignored; the end defaults to the last date in the file.
 */
final class TransactionFile {

	private TransactionFile() {
	}

	static CustomerTable read(Path file, LocalDate calibrationEnd, TimeUnit unit) throws IOException {
		String name = file.toString();
		Map<String, Integer> index = new HashMap<>();
		List<String> ids = new ArrayList<>();
		IntList customer = new IntList();
		IntList day = new IntList();
		List<Double> amounts = new ArrayList<>();
		int customerColumn;
		int dateColumn;
		int amountColumn;
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line = reader.readLine();
			if (line == null) {
				throw new InputException(name, 0, "the file is empty; expected a header customer_id,date[,amount]");
			}
			List<String> header = Arrays.stream(line.replace("\uFEFF", "").split(",", -1))
				.map((h) -> SummaryFile.unquote(h.strip()).toLowerCase(Locale.ROOT))
				.toList();
			customerColumn = first(header, "customer_id", "customer");
			dateColumn = first(header, "date");
			amountColumn = first(header, "amount", "value", "monetary_value");
			if (customerColumn < 0 || dateColumn < 0) {
				throw new InputException(name, 1, "the header needs columns customer_id and date (and amount)");
			}
			long number = 1;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				String[] fields = line.split(",", -1);
				if (fields.length != header.size()) {
					throw new InputException(name, number, "expected " + header.size() + " fields like the header");
				}
				String id = SummaryFile.unquote(fields[customerColumn].strip());
				if (id.isEmpty()) {
					throw new InputException(name, number, "customer_id is empty");
				}
				int epochDay = parseDay(fields[dateColumn].strip(), name, number);
				double amount = 0;
				if (amountColumn >= 0) {
					byte[] text = fields[amountColumn].strip().getBytes(StandardCharsets.UTF_8);
					amount = Numbers.parse(text, 0, text.length);
					if (!Double.isFinite(amount)) {
						throw new InputException(name, number, "amount '" + fields[amountColumn] + "' is not a number");
					}
				}
				Integer k = index.get(id);
				if (k == null) {
					k = ids.size();
					index.put(id, k);
					ids.add(id);
				}
				customer.add(k);
				day.add(epochDay);
				amounts.add(amount);
			}
		}
		if (ids.isEmpty()) {
			throw new InputException(name, 0, "no transactions after the header");
		}
		int end = (calibrationEnd != null) ? (int) calibrationEnd.toEpochDay() : day.max();
		return summarise(ids, customer, day, amounts, end, unit, amountColumn >= 0, name);
	}

	private static CustomerTable summarise(List<String> ids, IntList customer, IntList day, List<Double> amounts,
			int end, TimeUnit unit, boolean withAmounts, String name) {
		int c = ids.size();
		int[] offsets = new int[c + 1];
		for (int i = 0; i < customer.size; i++) {
			offsets[customer.values[i] + 1]++;
		}
		for (int k = 0; k < c; k++) {
			offsets[k + 1] += offsets[k];
		}
		long[] byCustomer = new long[customer.size];
		int[] fill = Arrays.copyOf(offsets, c);
		for (int i = 0; i < customer.size; i++) {
			byCustomer[fill[customer.values[i]]++] = ((long) day.values[i] << 32) | i;
		}
		List<String> kept = new ArrayList<>();
		IntList x = new IntList();
		List<double[]> rows = new ArrayList<>();
		for (int k = 0; k < c; k++) {
			Arrays.sort(byCustomer, offsets[k], offsets[k + 1]);
			int first = (int) (byCustomer[offsets[k]] >> 32);
			if (first > end) {
				continue;
			}
			int repeatDays = 0;
			int last = first;
			double repeatSum = 0;
			for (int j = offsets[k]; j < offsets[k + 1]; j++) {
				int d = (int) (byCustomer[j] >> 32);
				if (d > end) {
					break;
				}
				if (d != last) {
					repeatDays++;
					last = d;
				}
				if (d != first) {
					repeatSum += amounts.get((int) byCustomer[j]);
				}
			}
			if (withAmounts && repeatDays > 0 && !(repeatSum > 0)) {
				throw new InputException(name, 0,
						"customer " + ids.get(k) + " has repeat purchases whose amounts do not add up to more than 0");
			}
			kept.add(ids.get(k));
			x.add(repeatDays);
			rows.add(new double[] { unit.fromDays(last - first), unit.fromDays(end - first),
					(repeatDays > 0) ? repeatSum / repeatDays : 0 });
		}
		if (kept.isEmpty()) {
			throw new InputException(name, 0, "no customer made a first purchase by the calibration end");
		}
		int n = kept.size();
		double[] tx = new double[n];
		double[] t = new double[n];
		double[] m = withAmounts ? new double[n] : null;
		for (int i = 0; i < n; i++) {
			tx[i] = rows.get(i)[0];
			t[i] = rows.get(i)[1];
			if (m != null) {
				m[i] = rows.get(i)[2];
			}
		}
		return new CustomerTable(CustomerIds.of(kept), PurchaseSummaries.of(Arrays.copyOf(x.values, n), tx, t), m);
	}

	private static int parseDay(String text, String file, long line) {
		String date = text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ') ? text.substring(0, 10)
				: text;
		try {
			if (date.length() == 8 && date.chars().allMatch(Character::isDigit)) {
				return (int) LocalDate
					.of(Integer.parseInt(date.substring(0, 4)), Integer.parseInt(date.substring(4, 6)),
							Integer.parseInt(date.substring(6, 8)))
					.toEpochDay();
			}
			return (int) LocalDate.parse(date).toEpochDay();
		}
		catch (java.time.DateTimeException | NumberFormatException ex) {
			throw new InputException(file, line, "date '" + text + "' is not yyyy-MM-dd or yyyyMMdd");
		}
	}

	private static int first(List<String> header, String... names) {
		for (String n : names) {
			int i = header.indexOf(n);
			if (i >= 0) {
				return i;
			}
		}
		return -1;
	}

	/** A growable int array. */
	static final class IntList {

		int[] values = new int[1024];

		int size;

		void add(int v) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = v;
		}

		int max() {
			int max = Integer.MIN_VALUE;
			for (int i = 0; i < this.size; i++) {
				max = Math.max(max, this.values[i]);
			}
			return max;
		}

	}

}
