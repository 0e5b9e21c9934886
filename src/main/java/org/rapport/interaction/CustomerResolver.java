package org.rapport.interaction;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.customer.CustomerMovedException;
import org.rapport.customer.CustomerView;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityTakenException;
import org.rapport.customer.LifecycleStage;
import org.rapport.customer.NewCustomer;
import org.rapport.customer.NewIdentity;
import org.rapport.customer.Prospects;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import org.rapport.platform.web.ApiException.FieldProblem;

import org.springframework.stereotype.Component;

/**
 * Finds the customer an interaction belongs to, through the customer memory's front door:
 * by id (a merged customer's interactions go to the survivor) or by identity. An identity
 * nobody holds is rejected or becomes a prospect, as the source system is configured. One
 * resolver serves one request, remembering what it found so that a batch resolves each
 * customer once; the customers named by id are looked up first in one query for the whole
 * request ({@link Prospects#active}), and only ids it does not find (unknown, erased) go
 * through the front door one by one, for the precise problem.
 */
@Component
class CustomerResolver {

	private final Customers customers;

	private final Prospects prospects;

	private final IngestionSettings settings;

	CustomerResolver(Customers customers, Prospects prospects, IngestionSettings settings) {
		this.customers = customers;
		this.prospects = prospects;
		this.settings = settings;
	}

	/** A customer, or why there is none. */
	record Resolution(UUID customerId, List<FieldProblem> problems) {

		static Resolution of(UUID id) {
			return new Resolution(id, List.of());
		}

		static Resolution problem(String field, String message) {
			return new Resolution(null, List.of(new FieldProblem(field, message)));
		}

		static Resolution problem(String field, Text message) {
			return new Resolution(null, List.of(FieldProblem.of(field, message)));
		}

	}

	/**
	 * The answer of the write for an item whose customer id it did not find active (ADR
	 * 0024): the caller then asks {@link Session#resolve} why, or for the survivor of a
	 * chain of merges. Recognised by identity.
	 */
	private static final Text UNKNOWN_IDENTITY = Text.of("interaction.customer.unknown-identity",
			"no customer has this identity");

	static final FieldProblem NOT_ACTIVE = FieldProblem.of("customerId",
			Text.of("interaction.customer.unknown-id", "no customer has this id"));

	/**
	 * The active customer each id stands for now (itself or the survivor of its merge),
	 * in one query, in the caller's transaction; unknown, erased and further merged ids
	 * are left out.
	 */
	Map<UUID, UUID> active(Collection<UUID> ids) {
		return this.prospects.active(ids);
	}

	/** A session that resolves each customer when asked, nothing ahead. */
	Session session() {
		return new Session();
	}

	/**
	 * Resolves within one request; answers are remembered per id and per identity, and
	 * the ids the items name are looked up together first.
	 */
	Session session(Collection<NewInteraction> items) {
		Set<UUID> ids = new HashSet<>();
		items.stream()
			.filter(Objects::nonNull)
			.map(NewInteraction::customerId)
			.filter(Objects::nonNull)
			.forEach(ids::add);
		Session session = new Session();
		this.prospects.active(ids).forEach((id, active) -> session.known.put(id, Resolution.of(active)));
		return session;
	}

	final class Session {

		private final Map<Object, Resolution> known = new HashMap<>();

		Resolution resolve(NewInteraction item) {
			if (item.customerId() != null) {
				return this.known.computeIfAbsent(item.customerId(), (k) -> byId(item.customerId()));
			}
			CustomerIdentityRef ref = item.identity();
			List<Object> key = java.util.Arrays.asList(ref.type(), ref.source(), ref.value().strip(),
					item.sourceSystem());
			Resolution resolution = this.known.get(key);
			if (resolution == null) {
				resolution = byIdentity(ref, item.sourceSystem());
				this.known.put(key, resolution);
			}
			return resolution;
		}

		/**
		 * For an item naming both a customer id and an identity: the problems when the id
		 * names no active customer or the identity is held by another customer than the
		 * one the id stands for; none when they agree or nobody holds the identity (the
		 * id decides then, and no prospect is made).
		 */
		List<FieldProblem> disagreement(NewInteraction item) {
			Resolution named = resolve(item);
			if (!named.problems().isEmpty()) {
				return named.problems();
			}
			CustomerIdentityRef ref = item.identity();
			Optional<CustomerView> holder;
			try {
				holder = CustomerResolver.this.customers.findByIdentity(ref.type(), ref.source(), ref.value());
			}
			catch (ApiException ex) {
				return refusedIdentity(ex).problems();
			}
			if (holder.isPresent() && !holder.get().id().equals(named.customerId())) {
				return List.of(FieldProblem.of("identity", Text.of("interaction.customer.identity-of-another",
						"belongs to another customer than customerId: give one of them, or both of the same customer")));
			}
			return List.of();
		}

	}

	private Resolution byId(UUID id) {
		try {
			return Resolution.of(this.customers.get(id).id());
		}
		catch (CustomerMovedException ex) {
			return byId(ex.survivorId());
		}
		catch (ApiException ex) {
			return Resolution.problem("customerId",
					(ex.status().value() == 410) ? Text.of("interaction.customer.erased", "the customer was erased")
							: Text.of("interaction.customer.unknown-id", "no customer has this id"));
		}
	}

	private Resolution byIdentity(CustomerIdentityRef ref, String sourceSystem) {
		Optional<CustomerView> holder;
		try {
			holder = this.customers.findByIdentity(ref.type(), ref.source(), ref.value());
		}
		catch (ApiException ex) {
			return refusedIdentity(ex);
		}
		if (holder.isPresent()) {
			return Resolution.of(holder.get().id());
		}
		if (this.settings.unknownIdentity(sourceSystem) == IngestionSettings.UnknownIdentity.REJECT) {
			return Resolution.problem("identity", UNKNOWN_IDENTITY);
		}
		return prospect(ref);
	}

	private static Resolution refusedIdentity(ApiException ex) {
		if (ex.fieldProblems().isEmpty()) {
			return Resolution.problem("identity.value", ex.getMessage());
		}
		FieldProblem refused = ex.fieldProblems().get(0);
		return new Resolution(null, List.of(new FieldProblem("identity.value", refused.message(), refused.text())));
	}

	private Resolution prospect(CustomerIdentityRef ref) {
		String name = ref.value().strip();
		NewCustomer prospect = NewCustomer.person(null, name.length() > 100 ? name.substring(0, 100) : name)
			.withIdentities(List.of(new NewIdentity(ref.type(), ref.source(), ref.value(), true)));
		prospect = new NewCustomer(prospect.kind(), prospect.givenName(), prospect.familyName(), null, null, null,
				LifecycleStage.PROSPECT, null, prospect.identities(), null, null, null, null);
		try {
			return Resolution.of(this.customers.create(prospect).id());
		}
		catch (IdentityTakenException ex) {
			// someone recorded the same unknown identity at the same moment: theirs is
			// the prospect
			return this.customers.findByIdentity(ref.type(), ref.source(), ref.value())
				.map((v) -> Resolution.of(v.id()))
				.orElseGet(() -> Resolution.problem("identity", UNKNOWN_IDENTITY));
		}
		catch (ApiException ex) {
			return Resolution.problem("identity", ex.getMessage());
		}
	}

}
