package org.rapport.customer;

import java.time.Instant;
import java.util.UUID;

/** A staff note on a customer; the author's name is kept as it was when written. */
public record NoteView(UUID id, UUID customerId, String authorId, String authorName, Instant createdAt, String body) {
}
