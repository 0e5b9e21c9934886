package org.rapport.loyalty;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.rapport.loyalty.IdempotencyKeys.HEADER;

/** Enrolment, member summaries and ledgers, cards and the look-up by card number. */
@RestController
@Tag(name = "Loyalty members")
class MemberApi {

	static final String MEMBERS = "/api/v1/loyalty/members";

	private final Loyalty loyalty;

	private final LoyaltyTexts texts;

	MemberApi(Loyalty loyalty, LoyaltyTexts texts) {
		this.texts = texts;
		this.loyalty = loyalty;
	}

	@PostMapping(ProgrammeApi.BASE + "/{code}/members")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Enrol a customer (one account per customer and programme), optionally with a first card",
			description = "Refused with 409 consent-required when the programme needs a consent the customer has "
					+ "not given. Enrolling a member again answers their account.")
	@ApiResponse(responseCode = "201", description = "enrolled (or already a member)")
	@ApiResponse(responseCode = "409", description = "consent-required, identity-taken or card-taken")
	ResponseEntity<MemberSummary> enrol(@PathVariable String code,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody Enrolment enrolment) {
		MemberSummary m = this.loyalty.enrol(code, enrolment, IdempotencyKeys.required(key, null));
		return ResponseEntity.created(URI.create(MEMBERS + "/" + m.accountId())).body(m);
	}

	@GetMapping(MEMBERS + "/{accountId}")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "A member: available and pending points, value, cards, next expiry")
	MemberSummary member(@PathVariable UUID accountId) {
		return this.loyalty.member(accountId);
	}

	@GetMapping(MEMBERS + "/{accountId}/ledger")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The member's ledger, newest first, every movement with its reason and source",
			description = "A reason the engine wrote reads in the caller's Accept-Language (English without one); "
					+ "the ledger audit keeps the stored English.")
	LedgerPage ledger(@PathVariable UUID accountId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		LedgerPage ledger = this.loyalty.ledger(accountId, page, size);
		return new LedgerPage(this.texts.movements(ledger.items()), ledger.page(), ledger.size(), ledger.total());
	}

	@GetMapping(MEMBERS + "/{accountId}/statement")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The member's points statement of a period",
			description = "Movements dated in [from, to) (dates or date-times, UTC; both optional), oldest first, "
					+ "with the balance before the period (opening), the totals by kind and the balance at its end "
					+ "(closing = opening + the period's movements; without to, the member's balance now). At most "
					+ "1,000 movements are listed (complete says whether all were); totals count all. A reason the "
					+ "engine wrote reads in the caller's Accept-Language.")
	Statement statement(@PathVariable UUID accountId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		LedgerExport.Period period = LedgerExport.Period.of(from, to);
		Statement s = this.loyalty.statement(accountId, period.from(), period.to());
		return new Statement(s.accountId(), s.programme(), s.pointName(), s.from(), s.to(), s.opening(), s.totals(),
				this.texts.movements(s.movements()), s.complete(), s.closing());
	}

	@GetMapping("/api/v1/customers/{customerId}/loyalty")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The customer's memberships, one per programme")
	List<MemberSummary> memberships(@PathVariable UUID customerId) {
		return this.loyalty.membershipsOf(customerId);
	}

	@GetMapping("/api/v1/loyalty/cards/{number}")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Who holds this card: the card's state and the member",
			description = "A blocked, lost or replaced card is found and answered with usable=false.")
	@ApiResponse(responseCode = "404", description = "no such card")
	CardLookup byCard(@PathVariable String number) {
		String digits = Luhn.normalise(number);
		if (!Luhn.isValid(digits)) {
			throw ApiException.invalid("number",
					Text.of("loyalty.card.check-digit", "is not a valid card number (Luhn check digit)"));
		}
		return this.loyalty.findByCard(digits)
			.orElseThrow(() -> NotFound
				.of(Text.of("loyalty.card.not-found", "Card {0} does not exist", Cards.masked(digits))));
	}

	/**
	 * A card to issue: PHYSICAL with its pre-printed number, or VIRTUAL (a number is
	 * generated).
	 */
	record NewCard(CardKind kind, String number) {
	}

	@PostMapping(MEMBERS + "/{accountId}/cards")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Issue another card to the member")
	@ApiResponse(responseCode = "201", description = "issued")
	ResponseEntity<CardView> issue(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody NewCard card) {
		CardView c = this.loyalty.issueCard(accountId, kind(card), card.number(), IdempotencyKeys.required(key, null));
		return ResponseEntity.status(201).body(c);
	}

	@PostMapping(MEMBERS + "/{accountId}/cards/{cardId}/replace")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Replace a card: the old one is blocked as REPLACED, the balance stays on the account")
	@ApiResponse(responseCode = "201", description = "the new card")
	ResponseEntity<CardView> replace(@PathVariable UUID accountId, @PathVariable UUID cardId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody NewCard card) {
		CardView c = this.loyalty.replaceCard(accountId, cardId, kind(card), card.number(),
				IdempotencyKeys.required(key, null));
		return ResponseEntity.status(201).body(c);
	}

	@PostMapping(MEMBERS + "/{accountId}/cards/{cardId}/block")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Block a card; it no longer identifies the member")
	CardView block(@PathVariable UUID accountId, @PathVariable UUID cardId,
			@RequestHeader(name = HEADER, required = false) String key) {
		return this.loyalty.endCard(accountId, cardId, CardStatus.BLOCKED, IdempotencyKeys.required(key, null));
	}

	@PostMapping(MEMBERS + "/{accountId}/cards/{cardId}/lost")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Report a card lost; it no longer identifies the member")
	CardView lost(@PathVariable UUID accountId, @PathVariable UUID cardId,
			@RequestHeader(name = HEADER, required = false) String key) {
		return this.loyalty.endCard(accountId, cardId, CardStatus.LOST, IdempotencyKeys.required(key, null));
	}

	private static CardKind kind(NewCard card) {
		if (card == null || card.kind() == null) {
			throw ApiException.invalid("kind", Text.of("loyalty.card.physical-or-virtual", "PHYSICAL or VIRTUAL"));
		}
		return card.kind();
	}

}
