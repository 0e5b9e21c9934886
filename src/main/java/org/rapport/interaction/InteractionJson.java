package org.rapport.interaction;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads one interaction of a request body on its own, so that a malformed date or a
 * number written as text rejects that item with the field it concerns instead of the
 * whole batch.
 */
@Component
class InteractionJson {

	private final JsonMapper json;

	private final ObjectReader batchReader;

	private final ObjectReader oneReader;

	private final ObjectReader treeReader;

	private final ObjectWriter viewWriter;

	InteractionJson(JsonMapper json) {
		this.json = json;
		// a kind, outcome or direction is its name: a number (an enum's position) is
		// refused, not read as whichever value happens to stand there
		this.batchReader = json.readerFor(Batch.class).with(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
		this.oneReader = json.readerFor(NewInteraction.class).with(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
		this.treeReader = json.reader().with(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
		// what the MVC JSON converter writes for a non-container body: the mapper's
		// writer, the value's own type
		this.viewWriter = json.writer();
	}

	/**
	 * Whether the request's {@code Accept} leaves JSON as the only answer: no header, or
	 * only {@code application/json} and {@code *}{@code /*} (any parameters). Anything
	 * else is left to content negotiation.
	 */
	static boolean acceptsOnlyJson(Enumeration<String> accept) {
		if (accept == null) {
			return true;
		}
		while (accept.hasMoreElements()) {
			String value = accept.nextElement();
			for (String part : value.split(",")) {
				int semicolon = part.indexOf(';');
				String type = ((semicolon < 0) ? part : part.substring(0, semicolon)).strip();
				if (!type.isEmpty() && !type.equalsIgnoreCase("application/json") && !type.equals("*/*")) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Writes a recorded interaction as the answer, as the JSON converter would: status,
	 * {@code Location} when given, {@code Content-Type: application/json}, the view
	 * serialized by the application's mapper.
	 */
	void writeView(InteractionView view, HttpStatus status, String location, HttpServletResponse response)
			throws IOException {
		byte[] bytes = this.viewWriter.writeValueAsBytes(view);
		response.setStatus(status.value());
		if (location != null) {
			response.setHeader(HttpHeaders.LOCATION, location);
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * The interaction of a single-interaction body. A body that reads is bound in one
	 * pass, without a tree (ADR 0031); only one that does not is read again as a tree, so
	 * that its problem names the field at fault.
	 * @throws JacksonException when the body is no JSON at all
	 */
	Read readOne(byte[] body) {
		try {
			NewInteraction item = this.oneReader.readValue(body);
			if (item != null) {
				return new Read(item, null);
			}
		}
		catch (JacksonException ex) {
			// read as a tree below, for the field at fault
		}
		return read(this.json.readTree(body));
	}

	/** A batch body read straight into interactions. */
	record Batch(List<NewInteraction> items) {
	}

	/** A batch body read as one JSON tree per item. */
	record BatchTree(List<JsonNode> items) {
	}

	/**
	 * The items of a batch body, each read on its own or with the problem that kept it
	 * from being read. A body whose every item reads is bound in one pass, without a tree
	 * per item (ADR 0024); only when one does not are the items read one by one, so that
	 * each bad one is named by its index and field.
	 * @return null when the body has no {@code items}
	 * @throws JacksonException when the body is no JSON at all
	 */
	List<Read> readBatch(byte[] body) {
		try {
			Batch batch = this.batchReader.readValue(body);
			if (batch != null && batch.items() != null && !batch.items().contains(null)) {
				return batch.items().stream().map((item) -> new Read(item, null)).toList();
			}
		}
		catch (JacksonException ex) {
			// some item (or the body) does not read: read item by item below
		}
		BatchTree tree = this.json.readValue(body, BatchTree.class);
		if (tree == null || tree.items() == null) {
			return null;
		}
		return tree.items().stream().map(this::read).toList();
	}

	/** The interaction, or the problem that kept it from being read. */
	record Read(NewInteraction interaction, FieldProblem problem) {
	}

	Read read(JsonNode node) {
		if (node == null || !node.isObject()) {
			return new Read(null, FieldProblem.of("", Text.of("interaction.json.object", "must be a JSON object")));
		}
		try {
			return new Read(this.treeReader.treeToValue(node, NewInteraction.class), null);
		}
		catch (JacksonException ex) {
			return new Read(null, FieldProblem.of(path(ex.getPath()), message(ex)));
		}
	}

	private static String path(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference ref : path) {
			if (ref.getPropertyName() != null) {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				field.append('[').append(ref.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static Text message(JacksonException ex) {
		String original = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
				&& mismatch.getTargetType().isEnum()) {
			return Text.of("interaction.json.enum", "must be one of {0}",
					Arrays.stream(mismatch.getTargetType().getEnumConstants())
						.map((value) -> ((Enum<?>) value).name())
						.collect(Collectors.joining(", ")));
		}
		if (original.contains("Instant")) {
			return Text.of("interaction.json.date-time", "is not a date-time such as 2024-05-01T10:15:30Z");
		}
		if (original.contains("BigDecimal") || original.contains("Integer") || original.contains("int")) {
			return Text.of("interaction.json.number", "is not a number");
		}
		if (original.contains("UUID")) {
			return Text.of("interaction.json.uuid", "is not a UUID");
		}
		if (original.contains("not one of the values accepted")) {
			return Text.of("interaction.json.value", "is not one of the accepted values");
		}
		return Text.of("interaction.json.unreadable", "cannot be read: {0}",
				original.lines().findFirst().orElse("malformed"));
	}

}
