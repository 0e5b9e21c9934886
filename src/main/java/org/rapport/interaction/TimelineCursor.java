package org.rapport.interaction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

/** Where a timeline page ended: the last row's occurred-at and id, as an opaque token. */
record TimelineCursor(Instant occurredAt, UUID id) {

	String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((this.occurredAt + "|" + this.id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws ApiException 400 when the token is not a cursor this API gave out
	 */
	static TimelineCursor decode(String token) {
		if (token == null || token.isBlank()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
			return new TimelineCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
		}
		catch (RuntimeException ex) {
			throw ApiException.invalid("cursor",
					Text.of("interaction.cursor.invalid", "is not a cursor of this timeline"));
		}
	}

}
