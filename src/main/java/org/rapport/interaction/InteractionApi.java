package org.rapport.interaction;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Recording interactions and reading timelines and figures. */
@RestController
@Tag(name = "Interactions")
class InteractionApi {

	static final String BASE = "/api/v1/interactions";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
			new MediaType("application", "*+json"));

	private final Interactions interactions;

	private final InteractionJson json;

	private final MessageSource messages;

	InteractionApi(Interactions interactions, InteractionJson json, MessageSource messages) {
		this.messages = messages;
		this.interactions = interactions;
		this.json = json;
	}

	/** A batch: the interactions to record, at most 10,000. */
	record BatchRequest(List<JsonNode> items) {
	}

	@PostMapping(BASE)
	@PreAuthorize("hasAuthority('interaction:write')")
	@Operation(summary = "Record one interaction (e.g. a purchase at the till)",
			description = "Idempotent per sourceSystem and idempotencyKey (else externalId): a retry answers 200 "
					+ "with the original and changes nothing. The key may be sent as the Idempotency-Key header "
					+ "instead of the idempotencyKey field; both may be given only when they are equal (else 400 "
					+ "on idempotencyKey). Without any key and without externalId every call records anew. "
					+ "Given customerId and an identity, the identity must not belong to another customer (else 400 "
					+ "on identity); an identity nobody holds leaves the interaction on customerId.")
	@ApiResponse(responseCode = "201", description = "recorded")
	@ApiResponse(responseCode = "200", description = "recorded before under the same key: the original")
	@ApiResponse(responseCode = "400", description = "invalid, with one entry per offending field")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
			mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = NewInteraction.class)))
	ResponseEntity<InteractionView> record(HttpServletRequest request, HttpServletResponse response)
			throws HttpMediaTypeNotSupportedException, IOException {
		// read and bound straight from the request's bytes, without a converter or a tree
		// first (ADR 0031, 0035); JSON only, as before
		byte[] body = request.getInputStream().readAllBytes();
		if (!isJson(request.getContentType())) {
			throw new HttpMediaTypeNotSupportedException((request.getContentType() == null)
					? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(request.getContentType()), JSON);
		}
		if (body.length == 0) {
			throw new HttpMessageNotReadableException("Required request body is missing",
					new ServletServerHttpRequest(request));
		}
		InteractionJson.Read read;
		try {
			read = this.json.readOne(body);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("Could not read the interaction: " + ex.getOriginalMessage(), ex,
					new ServletServerHttpRequest(request));
		}
		if (read.problem() != null) {
			throw ApiException.invalid(List.of(read.problem()));
		}
		Interactions.Recording recording = this.interactions
			.recordAndShow(withHeaderKey(read.interaction(), request.getHeader(IDEMPOTENCY_KEY)));
		RecordResult result = recording.result();
		if (result.status() == RecordResult.Status.REJECTED) {
			throw ApiException.invalid(result.errors());
		}
		InteractionView view = recording.interaction();
		boolean created = result.status() != RecordResult.Status.DUPLICATE;
		if (InteractionJson.acceptsOnlyJson(request.getHeaders(HttpHeaders.ACCEPT))) {
			// the answer the JSON converter would write, without negotiating it per call
			this.json.writeView(view, created ? HttpStatus.CREATED : HttpStatus.OK,
					created ? BASE + "/" + view.id() : null, response);
			return null;
		}
		return created ? ResponseEntity.created(URI.create(BASE + "/" + view.id())).body(view)
				: ResponseEntity.ok(view);
	}

	@PostMapping(path = BASE + "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('interaction:write')")
	@Operation(summary = "Record up to 10,000 interactions, with a result per item",
			description = "Each item is CREATED, DUPLICATE (with the original's id) or REJECTED (with its field "
					+ "errors); a bad item never holds back the good ones.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
			mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BatchRequest.class)))
	BatchResult batch(@RequestBody byte[] body, HttpServletRequest request) {
		List<InteractionJson.Read> reads;
		try {
			reads = this.json.readBatch(body);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("Could not read the batch: " + ex.getOriginalMessage(), ex,
					new ServletServerHttpRequest(request));
		}
		if (reads == null) {
			throw ApiException.invalid("items", Text.of("interaction.batch.empty", "give at least one interaction"));
		}
		List<NewInteraction> items = new ArrayList<>(reads.size());
		List<RecordResult> unreadable = new ArrayList<>();
		for (int i = 0; i < reads.size(); i++) {
			InteractionJson.Read read = reads.get(i);
			items.add(read.interaction());
			if (read.problem() != null) {
				unreadable.add(RecordResult.rejected(i, List.of(read.problem())));
			}
		}
		BatchResult result = this.interactions.recordBatch(items);
		if (unreadable.isEmpty()) {
			return inCallersLanguage(result);
		}
		List<RecordResult> merged = new ArrayList<>(result.items());
		for (RecordResult r : unreadable) {
			merged.set(r.index(), r);
		}
		return inCallersLanguage(BatchResult.of(merged));
	}

	/** The result with the problems of its rejected items in the caller's language. */
	private BatchResult inCallersLanguage(BatchResult result) {
		if (result.rejected() == 0) {
			return result;
		}
		return BatchResult.of(result.items()
			.stream()
			.map((item) -> item.errors().isEmpty() ? item
					: new RecordResult(item.index(), item.status(), item.id(),
							item.errors().stream().map((p) -> p.in(this.messages)).toList()))
			.toList());
	}

	@GetMapping(BASE + "/{id}")
	@PreAuthorize("hasAuthority('interaction:read')")
	@Operation(summary = "One interaction with its lines")
	InteractionView get(@PathVariable UUID id) {
		return this.interactions.get(id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("interaction.not-found", "Interaction {0} does not exist", id)));
	}

	@GetMapping("/api/v1/customers/{id}/timeline")
	@PreAuthorize("hasAuthority('interaction:read')")
	@Operation(summary = "The customer's interactions, newest first",
			description = "Filter by kind (repeatable), channel and occurred-at window [from, to). For deep pages "
					+ "pass the previous page's next as cursor instead of a page number.")
	TimelinePage timeline(@PathVariable UUID id, @RequestParam(required = false) List<String> kind,
			@RequestParam(required = false) String channel,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) java.time.Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) java.time.Instant to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) String cursor) {
		return this.interactions.timeline(id, new TimelineFilter(kinds(kind), channel, from, to), page, size, cursor);
	}

	@GetMapping("/api/v1/customers/{id}/figures")
	@PreAuthorize("hasAuthority('interaction:read')")
	@Operation(summary = "The customer's purchase figures and last contact per channel")
	CustomerFigures figures(@PathVariable UUID id) {
		return this.interactions.figures(id);
	}

	/**
	 * The interaction with the Idempotency-Key header as its key when the body has none.
	 * @throws ApiException 400 on idempotencyKey when the header and the body name
	 * different keys
	 */
	static NewInteraction withHeaderKey(NewInteraction interaction, String header) {
		if (header == null || header.isBlank() || interaction == null) {
			return interaction;
		}
		String body = interaction.idempotencyKey();
		if (body == null || body.isBlank()) {
			return interaction.withIdempotencyKey(header.strip());
		}
		if (!body.strip().equals(header.strip())) {
			throw ApiException.invalid("idempotencyKey", Text.of("interaction.idempotency-key.differs",
					"differs from the Idempotency-Key header: send one key, or the same in both"));
		}
		return interaction;
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return JSON.stream().anyMatch((json) -> json.includes(type));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	static Set<InteractionKind> kinds(List<String> names) {
		Set<InteractionKind> kinds = EnumSet.noneOf(InteractionKind.class);
		if (names == null) {
			return kinds;
		}
		for (String name : names) {
			for (String part : name.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				try {
					kinds.add(InteractionKind.valueOf(part.strip().toUpperCase(java.util.Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					throw ApiException.invalid("kind", Text.of("interaction.kind.unknown", "must be one of {0}",
							Arrays.toString(InteractionKind.values())));
				}
			}
		}
		return kinds;
	}

}
