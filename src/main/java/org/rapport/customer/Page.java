package org.rapport.customer;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the total so a client can show "page 3 of 12". */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	public Page {
		items = List.copyOf(items);
	}

	public static <T> Page<T> of(List<T> items, Paging paging, long totalItems) {
		int pages = (int) ((totalItems + paging.size() - 1) / paging.size());
		return new Page<>(items, paging.page(), paging.size(), totalItems, pages);
	}

	public <R> Page<R> map(Function<T, R> mapper) {
		return new Page<>(this.items.stream().map(mapper).toList(), this.page, this.size, this.totalItems,
				this.totalPages);
	}

}
