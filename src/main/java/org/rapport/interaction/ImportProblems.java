package org.rapport.interaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

/**
 * Turns the problems of an interaction into rejected file lines: a problem of purchase
 * line i goes to the file line it came from, every other problem to the first line, and
 * the remaining lines of the interaction are reported as rejected along with it. Field
 * names are written as the CSV columns ({@code unitPrice} becomes {@code unit_price}).
 * Each line's reason keeps the sentences it was written from ({@link RejectionReason}).
 */
final class ImportProblems {

	private static final Pattern LINE_FIELD = Pattern.compile("^lines\\[(\\d+)]\\.?(.*)$");

	private ImportProblems() {
	}

	static void reject(InteractionReader.Group g, FieldProblem problem, List<ImportRejection> rejections) {
		reject(g, List.of(problem), rejections);
	}

	static void reject(InteractionReader.Group g, List<FieldProblem> problems, List<ImportRejection> rejections) {
		Map<Integer, RejectionReason> byLine = new LinkedHashMap<>();
		for (FieldProblem p : problems) {
			int index = 0;
			String field = p.field() == null ? "" : p.field();
			Matcher m = LINE_FIELD.matcher(field);
			if (m.matches()) {
				index = Math.min(Integer.parseInt(m.group(1)), g.lines().length - 1);
				field = m.group(2);
			}
			byLine.computeIfAbsent(index, (k) -> new RejectionReason()).add(column(field), p);
		}
		long first = g.lines()[byLine.keySet().iterator().next()];
		for (int i = 0; i < g.lines().length; i++) {
			RejectionReason own = byLine.get(i);
			rejections.add((own != null) ? own.of(g.lines()[i], g.raws()[i])
					: ImportRejection.of(g.lines()[i], withLine(first), g.raws()[i]));
		}
	}

	/** The reason of a line rejected because another line of its interaction was. */
	static Text withLine(long line) {
		return Text.of("interaction.import.rejected-with-line", "rejected with line {0} of the same order",
				String.valueOf(line));
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
