package org.rapport.interaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.platform.web.ApiException.FieldProblem;

/**
 * Turns the problems of an interaction into rejected file lines: a problem of purchase
 * line i goes to the file line it came from, every other problem to the first line, and
 * the remaining lines of the interaction are reported as rejected along with it. Field
 * names are written as the CSV columns ({@code unitPrice} becomes {@code unit_price}).
 */
final class ImportProblems {

	private static final Pattern LINE_FIELD = Pattern.compile("^lines\\[(\\d+)]\\.?(.*)$");

	private ImportProblems() {
	}

	static void reject(InteractionReader.Group g, String problem, List<ImportRejection> rejections) {
		reject(g, List.of(new FieldProblem("", problem)), rejections);
	}

	static void reject(InteractionReader.Group g, List<FieldProblem> problems, List<ImportRejection> rejections) {
		Map<Integer, StringBuilder> byLine = new LinkedHashMap<>();
		for (FieldProblem p : problems) {
			int index = 0;
			String field = p.field() == null ? "" : p.field();
			Matcher m = LINE_FIELD.matcher(field);
			if (m.matches()) {
				index = Math.min(Integer.parseInt(m.group(1)), g.lines().length - 1);
				field = m.group(2);
			}
			StringBuilder sb = byLine.computeIfAbsent(index, (k) -> new StringBuilder());
			if (!sb.isEmpty()) {
				sb.append("; ");
			}
			sb.append(field.isEmpty() ? "" : column(field) + ": ").append(p.message());
		}
		long first = g.lines()[byLine.keySet().iterator().next()];
		for (int i = 0; i < g.lines().length; i++) {
			StringBuilder own = byLine.get(i);
			String reason = own != null ? own.toString() : "rejected with line " + first + " of the same order";
			rejections.add(new ImportRejection(g.lines()[i], reason, g.raws()[i]));
		}
	}

	/** camelCase to the CSV column's snake_case. */
	static String column(String field) {
		StringBuilder sb = new StringBuilder();
		for (char c : field.toCharArray()) {
			if (Character.isUpperCase(c)) {
				sb.append('_').append(Character.toLowerCase(c));
			}
			else {
				sb.append(c);
			}
		}
		return sb.toString();
	}

}
