package org.rapport.customer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Which page of a list to show: zero-based page number and page size (1-200). */
public record Paging(@Min(0) int page, @Min(1) @Max(MAX_SIZE) int size) {

	public static final int MAX_SIZE = 200;

	public static final int DEFAULT_SIZE = 50;

	public static Paging first(int size) {
		return new Paging(0, size);
	}

	long offset() {
		return (long) this.page * this.size;
	}

}
