package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner outlet of a coalition programme, acting through its own API client (scope
 * {@code loyalty:partner}).
 */
public record Partner(UUID id, String programmeCode, String code, String name, UUID apiClientId, Instant createdAt) {
}
