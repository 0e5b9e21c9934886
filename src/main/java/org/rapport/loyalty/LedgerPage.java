package org.rapport.loyalty;

import java.util.List;

/** A page of an account's ledger, newest first. */
public record LedgerPage(List<Movement> items, int page, int size, long total) {
}
