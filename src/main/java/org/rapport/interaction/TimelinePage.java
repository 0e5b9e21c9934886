package org.rapport.interaction;

import java.util.List;

/**
 * One page of a customer's timeline, newest first. {@code next} is a cursor for the
 * following page (keyset paging; pass it back instead of a page number on deep pages),
 * null on the last page.
 */
public record TimelinePage(List<InteractionView> items, int page, int size, boolean hasMore, String next) {

}
