package org.rapport.loyalty;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.access.ApiClients;
import org.rapport.access.Scope;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partners of a coalition programme. A partner acts through its own API client: it earns
 * and burns points for members of its programme, each movement tagged with it, and sees
 * only its own movements and only members who consented to PARTNER_SHARING (asked of the
 * customer module each time, so a withdrawn consent hides the member at once). Members it
 * may not see answer 404, as if they did not exist.
 */
@Service
public class PartnerAccess {

	private final PartnerStore partners;

	private final ProgrammeStore programmes;

	private final AccountStore accounts;

	private final Cards cards;

	private final Points points;

	private final Ledger ledger;

	private final Membership membership;

	private final Customers customers;

	private final ApiClients clients;

	PartnerAccess(PartnerStore partners, ProgrammeStore programmes, AccountStore accounts, Cards cards, Points points,
			Ledger ledger, Membership membership, Customers customers, ApiClients clients) {
		this.partners = partners;
		this.programmes = programmes;
		this.accounts = accounts;
		this.cards = cards;
		this.points = points;
		this.ledger = ledger;
		this.membership = membership;
		this.customers = customers;
		this.clients = clients;
	}

	/** Links an API client with the {@code loyalty:partner} scope to a new partner. */
	@Transactional
	public Partner register(String programmeCode, String code, String name, UUID apiClientId) {
		if (code == null || !code.matches("[A-Za-z0-9_-]{1,40}")) {
			throw ApiException.invalid("code",
					Text.of("loyalty.partner.code-format", "1-40 letters, digits, '-' or '_'"));
		}
		if (name == null || name.isBlank() || name.length() > 200) {
			throw ApiException.invalid("name", Text.of("loyalty.partner.name", "give a name of 1-200 characters"));
		}
		if (apiClientId == null || this.clients.byId(apiClientId)
			.filter((c) -> c.active() && c.scopes().contains(Scope.LOYALTY_PARTNER))
			.isEmpty()) {
			throw ApiException.invalid("apiClientId",
					Text.of("loyalty.partner.api-client", "an active API client with the loyalty:partner scope"));
		}
		LoyaltyProgramme programme = this.programmes.byCode(programmeCode)
			.orElseThrow(() -> NotFound
				.of(Text.of("loyalty.programme.not-found", "Programme {0} does not exist", programmeCode)));
		try {
			return this.partners.create(programme.id(), code, name.strip(), apiClientId);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("partner-exists",
					Text.of("loyalty.partner.exists", "The partner code or the API client is already in use"));
		}
	}

	@Transactional(readOnly = true)
	public List<Partner> partners() {
		return this.partners.all();
	}

	/** The calling partner. */
	@Transactional(readOnly = true)
	public Partner me() {
		return current();
	}

	@Transactional(readOnly = true)
	public MemberSummary member(UUID accountId) {
		Partner partner = current();
		Account account = visible(partner, accountId);
		return this.membership.summary(programme(partner), account);
	}

	@Transactional(readOnly = true)
	public MemberSummary memberByCard(String number) {
		Partner partner = current();
		UUID accountId = this.cards.byNumber(Luhn.normalise(number))
			.filter((c) -> c.status() == CardStatus.ACTIVE)
			.map(CardView::accountId)
			.orElseThrow(() -> NotFound.of(Text.of("loyalty.card.not-found", "Card {0} does not exist", number)));
		return member(accountId);
	}

	/**
	 * Points the member earned at the partner: available at once; between 1 and
	 * {@link Points#MAX_POINTS}, as for every other movement a partner or a person makes.
	 */
	@Transactional
	public Movement earn(UUID accountId, long pointsEarned, String reason, String key) {
		Points.positive(pointsEarned);
		Partner partner = current();
		Account account = visible(partner, accountId);
		String k = "partner:" + partner.code() + ":" + key;
		this.ledger.lock(account.id());
		Movement m = this.ledger.find(account.id(), k)
			.orElseGet(() -> this.points.credit(programme(partner), account, MovementKind.EARN, pointsEarned,
					partner.name() + ": " + text(reason), k));
		this.partners.tag(partner, m);
		return m;
	}

	/** Points the member spent at the partner; never more than the available balance. */
	@Transactional
	public Movement burn(UUID accountId, long pointsSpent, String reason, String key) {
		Partner partner = current();
		Account account = visible(partner, accountId);
		Movement m = this.points.redeem(account, pointsSpent, partner.name() + ": " + text(reason),
				"partner:" + partner.code() + ":" + key);
		this.partners.tag(partner, m);
		return m;
	}

	/**
	 * The partner's own movements, newest first, leaving out members who do not (or no
	 * longer) consent to partner sharing; a page can therefore hold fewer than
	 * {@code size}.
	 */
	@Transactional(readOnly = true)
	public List<Movement> movements(int page, int size) {
		Partner partner = current();
		return this.partners.movements(partner.id(), Math.max(0, page), Math.max(1, Math.min(size, 200)))
			.stream()
			.filter((t) -> consents(t.customerId()))
			.map(PartnerStore.Tagged::movement)
			.toList();
	}

	private Partner current() {
		Actor actor = Actor.current();
		Optional<Partner> partner = Optional.empty();
		if (actor.kind() == Actor.Kind.API_CLIENT && actor.id().startsWith("api-client:")) {
			partner = this.partners.byApiClient(UUID.fromString(actor.id().substring("api-client:".length())));
		}
		return partner.orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "not-a-partner", Text
			.of("loyalty.partner.only-partners", "Only an API client linked to a partner may use the partner API")));
	}

	private Account visible(Partner partner, UUID accountId) {
		return this.accounts.byId(accountId)
			.filter((a) -> "ACTIVE".equals(a.status()))
			.filter((a) -> a.programmeId().equals(programme(partner).id()))
			.filter((a) -> consents(a.customerId()))
			.orElseThrow(
					() -> NotFound.of(Text.of("loyalty.member.not-found", "Member {0} does not exist", accountId)));
	}

	private LoyaltyProgramme programme(Partner partner) {
		return this.programmes.byCode(partner.programmeCode()).orElseThrow();
	}

	private boolean consents(UUID customerId) {
		if (customerId == null) {
			return false;
		}
		try {
			return this.customers.get(customerId)
				.consents()
				.stream()
				.anyMatch((c) -> c.purpose() == ConsentPurpose.PARTNER_SHARING && c.granted());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String text(String reason) {
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw ApiException.invalid("reason",
					Text.of("loyalty.reason.needed", "give a reason of at most 500 characters"));
		}
		return reason.strip();
	}

}
