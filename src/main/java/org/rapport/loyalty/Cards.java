package org.rapport.loyalty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.customer.Customers;
import org.rapport.customer.CustomerView.IdentityView;
import org.rapport.customer.IdentityType;
import org.rapport.customer.NewIdentity;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership cards. An active card's number is also a CARD identity of the customer, so
 * every look-up by card (interactions, customer search) finds the member; blocking,
 * reporting lost or replacing a card removes that identity, and the card stays listed
 * with its state. The balance lives on the account, never on a card.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Cards {

	private static final String COLUMNS = "id, account_id, number, kind, status, replaces, issued_at, status_changed_at";

	private final JdbcClient jdbc;

	private final Customers customers;

	private final AuditTrail audit;

	private final Clock clock;

	Cards(JdbcClient jdbc, Customers customers, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Issues a card to the account's customer: the given number (checked: Luhn, not
	 * taken) or a new one with the programme's prefix.
	 */
	CardView issue(Account account, LoyaltyProgramme programme, CardKind kind, String givenNumber, UUID replaces) {
		String number;
		if (givenNumber != null && !givenNumber.isBlank()) {
			number = Luhn.normalise(givenNumber);
			if (!Luhn.isValid(number)) {
				throw ApiException.invalid("cardNumber", Text.of("loyalty.card.number-invalid",
						"is not a valid card number (8 to 19 digits, Luhn check digit)"));
			}
			if (byNumber(number).isPresent()) {
				throw ApiException.conflict("card-taken",
						Text.of("loyalty.card.taken", "The card {0} is already issued", number));
			}
		}
		else {
			number = Luhn.generate(programme.cardPrefix());
			while (byNumber(number).isPresent()) {
				number = Luhn.generate(programme.cardPrefix());
			}
		}
		IdentityView identity = this.customers.addIdentity(account.customerId(),
				NewIdentity.of(IdentityType.CARD, number));
		UUID id = Ids.next(this.clock);
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		this.jdbc
			.sql("INSERT INTO loyalty_card (id, account_id, number, kind, status, identity_id, replaces, issued_at, "
					+ "status_changed_at) VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?)")
			.params(id, account.id(), number, kind.name(), identity.id(), replaces, now, now)
			.update();
		CardView card = get(id).orElseThrow();
		this.audit.record(AuditTrail.Change.of("loyalty.card-issued", "loyalty_account", account.id(),
				(kind == CardKind.PHYSICAL)
						? Text.of("loyalty.audit.card-issued-physical", "Issued physical card {0}", masked(number))
						: Text.of("loyalty.audit.card-issued-virtual", "Issued virtual card {0}", masked(number)),
				null, card));
		return card;
	}

	/** Ends an active card's use (BLOCKED, LOST or REPLACED); its identity is removed. */
	CardView end(Account account, UUID cardId, CardStatus status) {
		CardView card = get(cardId).filter((c) -> c.accountId().equals(account.id()))
			.orElseThrow(() -> NotFound.of(Text.of("loyalty.card.not-found", "Card {0} does not exist", cardId)));
		if (card.status() != CardStatus.ACTIVE) {
			throw ApiException.conflict("card-not-active",
					Text.of("loyalty.card.not-active", "The card is {0} already", String.valueOf(card.status())));
		}
		UUID identityId = this.jdbc.sql("SELECT identity_id FROM loyalty_card WHERE id = ?")
			.param(cardId)
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (identityId != null && account.customerId() != null) {
			this.customers.removeIdentity(account.customerId(), identityId);
		}
		this.jdbc.sql("UPDATE loyalty_card SET status = ?, identity_id = NULL, status_changed_at = ? WHERE id = ?")
			.params(status.name(), this.clock.instant().atOffset(ZoneOffset.UTC), cardId)
			.update();
		CardView after = get(cardId).orElseThrow();
		this.audit.record(AuditTrail.Change.of("loyalty.card-" + status.name().toLowerCase(), "loyalty_account",
				account.id(), switch (status) {
					case ACTIVE -> Text.of("loyalty.audit.card-active", "Card {0} active", masked(card.number()));
					case BLOCKED -> Text.of("loyalty.audit.card-blocked", "Card {0} blocked", masked(card.number()));
					case LOST -> Text.of("loyalty.audit.card-lost", "Card {0} lost", masked(card.number()));
					case REPLACED -> Text.of("loyalty.audit.card-replaced", "Card {0} replaced", masked(card.number()));
				}, card, after));
		return after;
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	Optional<CardView> get(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_card WHERE id = ?")
			.param(id)
			.query(Cards::card)
			.optional();
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	Optional<CardView> byNumber(String number) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_card WHERE number = ?")
			.param(number)
			.query(Cards::card)
			.optional();
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	List<CardView> ofAccount(UUID accountId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_card WHERE account_id = ? ORDER BY issued_at, id")
			.param(accountId)
			.query(Cards::card)
			.list();
	}

	static String masked(String number) {
		return (number == null || number.length() < 4) ? "****" : "****" + number.substring(number.length() - 4);
	}

	private static CardView card(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new CardView(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("number"), CardKind.valueOf(rs.getString("kind")),
				CardStatus.valueOf(rs.getString("status")), rs.getObject("replaces", UUID.class),
				ProgrammeStore.instant(rs, "issued_at"), ProgrammeStore.instant(rs, "status_changed_at"));
	}

}
