package org.rapport.customer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.copy.CopyManager;
import org.rapport.platform.db.BinaryCopyRows;

/**
 * Finds the identities of a chunk that are taken: by existing customers (one set-based
 * query over the chunk's identities, staged with COPY, one unique-index probe each; a
 * plain join let the planner hash the whole identity table per chunk, so a load slowed
 * down as it grew) or by an earlier row of the same load.
 */
final class BulkIdentityCheck {

	private BulkIdentityCheck() {
	}

	/**
	 * Rows whose identities exist already, with the reason; an empty reason means the
	 * row's own external key is there, i.e. the row was loaded before.
	 */
	static Map<Long, String> taken(CopyManager copy, Connection connection, List<BulkRow> rows, String source)
			throws SQLException {
		BinaryCopyRows staged = new BinaryCopyRows(64 * 4 * rows.size());
		for (BulkRow row : rows) {
			for (BulkRow.Normalised n : row.identities()) {
				staged.row(4)
					.int8Field(row.row())
					.text(n.identity().type())
					.text(n.identity().source())
					.text(n.identity().value());
			}
		}
		staged.copyInto(copy, "bulk_identity", "idx, type, source, value");
		Map<Long, String> taken = new LinkedHashMap<>();
		try (PreparedStatement query = connection
			.prepareStatement("SELECT s.idx, s.type, s.source, s.value FROM bulk_identity s CROSS JOIN LATERAL "
					+ "(SELECT 1 FROM customer_identity c WHERE c.type = s.type AND c.source = s.source "
					+ "AND c.value = s.value LIMIT 1) c ORDER BY s.idx");
				ResultSet rs = query.executeQuery()) {
			while (rs.next()) {
				long idx = rs.getLong(1);
				boolean ownKey = rs.getString(2).equals("EXTERNAL") && rs.getString(3).equals(source);
				if (ownKey) {
					taken.put(idx, "");
				}
				else if (!"".equals(taken.get(idx))) {
					taken.putIfAbsent(idx,
							rs.getString(2) + " " + rs.getString(4) + " belongs to another customer already");
				}
			}
		}
		return taken;
	}

	static String repeatedInLoad(BulkRow row, Map<String, Long> seen) {
		for (BulkRow.Normalised n : row.identities()) {
			Long earlier = seen.get(n.key());
			if (earlier != null) {
				return n.describe() + " repeats row " + earlier + " of this load";
			}
		}
		return null;
	}

}
