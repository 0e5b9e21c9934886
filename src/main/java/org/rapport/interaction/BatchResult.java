package org.rapport.interaction;

import java.util.List;

/** The result of a batch: counts and one {@link RecordResult} per item, in order. */
public record BatchResult(int created, int duplicates, int rejected, List<RecordResult> items) {

	static BatchResult of(List<RecordResult> items) {
		int created = 0;
		int duplicates = 0;
		int rejected = 0;
		for (RecordResult item : items) {
			switch (item.status()) {
				case CREATED -> created++;
				case DUPLICATE -> duplicates++;
				case REJECTED -> rejected++;
			}
		}
		return new BatchResult(created, duplicates, rejected, List.copyOf(items));
	}

}
