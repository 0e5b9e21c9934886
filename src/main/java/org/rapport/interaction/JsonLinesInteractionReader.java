package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;

import org.rapport.platform.web.Text;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON lines: one interaction per line, written as the API's body of one
 * interaction. Without a {@code sourceSystem} the import's source applies; without an
 * idempotency key or external id the key is derived from the line number and text.
 */
final class JsonLinesInteractionReader implements InteractionReader {

	private final ImportLines lines;

	private final JsonMapper json;

	private final InteractionJson reader;

	private final String sourceSystem;

	private long rows;

	JsonLinesInteractionReader(InputStream in, JsonMapper json, String sourceSystem) {
		this.lines = new ImportLines(in, 1 << 20);
		this.json = json;
		this.reader = new InteractionJson(json);
		this.sourceSystem = sourceSystem;
	}

	@Override
	public Group next() throws IOException {
		ImportLines.Line line = this.lines.next();
		while (line != null && line.ok() && line.text().isBlank()) {
			line = this.lines.next();
		}
		if (line == null) {
			return null;
		}
		this.rows++;
		if (!line.ok()) {
			return Group.rejected(line.number(), line.problem(), line.raw());
		}
		JsonNode node;
		try {
			node = this.json.readTree(line.text());
		}
		catch (JacksonException ex) {
			return Group.rejected(line.number(), Text.of("interaction.import.not-json", "not valid JSON"), line.text());
		}
		InteractionJson.Read read = this.reader.read(node);
		if (read.problem() != null) {
			return Group.rejected(
					new RejectionReason().add(read.problem().field(), read.problem()).of(line.number(), line.text()));
		}
		NewInteraction in = read.interaction();
		String source = in.sourceSystem() == null ? this.sourceSystem : in.sourceSystem();
		String key = in.effectiveKey() != null ? in.idempotencyKey()
				: InteractionReader.derivedKey("row", line.number(), line.text());
		NewInteraction item = new NewInteraction(in.customerId(), in.identity(), in.kind(), in.channel(),
				in.occurredAt(), source, in.externalId(), key, in.outcome(), in.outcomeReason(), in.direction(),
				in.orderReference(), in.total(), in.currency(), in.store(), in.staffId(), in.relatedPurchaseId(),
				in.referenceId(), in.attributes(), in.lines());
		return new Group(item, new long[] { line.number() }, new String[] { line.text() }, java.util.List.of());
	}

	@Override
	public long bytesRead() {
		return this.lines.bytesRead();
	}

	@Override
	public long rowsRead() {
		return this.rows;
	}

	@Override
	public void close() {
		// the caller closes the stream it opened
	}

}
