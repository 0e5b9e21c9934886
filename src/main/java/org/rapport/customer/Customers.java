package org.rapport.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.rapport.customer.CustomerView.AddressView;
import org.rapport.customer.CustomerView.ConsentView;
import org.rapport.customer.CustomerView.IdentityView;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Front door of the customer memory. Every change is one transaction with its audit row;
 * every change to a customer raises its version. Acting on a merged customer throws
 * {@link CustomerMovedException}, on an erased one {@link ApiException} 410, on an
 * unknown one 404.
 * <p>
 * A new customer, a new identity or address and a changed profile are checked for
 * duplicates in the same transaction ({@link CustomerDuplicates#checkCustomer}): the
 * suggestion is in the review queue the moment the change is, and both commit or neither
 * does. Two twins created at the very same moment do not see each other; the scheduled
 * full detection run finds them.
 */
@Service
@Validated
public class Customers {

	private final CustomerRegistry registry;

	private final IdentityBook identities;

	private final ContactDetails details;

	private final ConsentLedger consents;

	private final Assignments assignments;

	private final CustomerNotes notes;

	private final CustomerQueries queries;

	private final CustomerSearch search;

	private final CustomerDuplicates duplicates;

	private final Validator validator;

	Customers(CustomerRegistry registry, IdentityBook identities, ContactDetails details, ConsentLedger consents,
			Assignments assignments, CustomerNotes notes, CustomerQueries queries, CustomerSearch search,
			CustomerDuplicates duplicates, Validator validator) {
		this.registry = registry;
		this.validator = validator;
		this.identities = identities;
		this.details = details;
		this.consents = consents;
		this.assignments = assignments;
		this.notes = notes;
		this.queries = queries;
		this.search = search;
		this.duplicates = duplicates;
	}

	/**
	 * Everything wrong with a new customer that can be told without storing it, at once:
	 * the constraints of its fields, the name its kind needs and the format of each
	 * identity. A form shows them together rather than one round after another;
	 * {@link #create} checks again, and also what needs the database (an identity already
	 * taken, an unknown staff member).
	 */
	public List<ApiException.FieldProblem> problemsOf(NewCustomer command) {
		List<ApiException.FieldProblem> problems = new ArrayList<>();
		this.validator.validate(command)
			.forEach(
					(v) -> problems.add(new ApiException.FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
		problems.addAll(this.registry.problemsOf(command));
		return problems;
	}

	@Transactional
	public CustomerView create(@Valid NewCustomer command) {
		UUID id = this.registry.create(command);
		CustomerView view = this.queries.view(id);
		this.registry.audited("customer.created", id,
				Text.of("customer.audit.created", "Created {0}", view.displayName()), null, view);
		this.duplicates.checkCustomer(id);
		return view;
	}

	/**
	 * The 360 view of an active customer. One statement reads the customer with its
	 * status, so no transaction is needed.
	 */
	public CustomerView get(UUID id) {
		CustomerQueries.Found found = this.queries.find(id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.not-found", "Customer {0} does not exist", id)));
		CustomerRepository.requireActive(id, found.view().status(), found.mergedInto());
		return found.view();
	}

	/**
	 * The display names of the customers among {@code ids} (in any status; unknown ids
	 * are left out), for lists that show many customers at once: one statement.
	 */
	public Map<UUID, String> displayNames(Collection<UUID> ids) {
		return this.queries.displayNames(ids);
	}

	/**
	 * Replaces the profile if the customer is still at {@code expectedVersion}.
	 * @throws ApiException 412 {@code stale-version} when someone else changed it first
	 */
	@Transactional
	public CustomerView updateProfile(UUID id, long expectedVersion, @Valid Profile profile) {
		this.registry.updateProfile(id, expectedVersion, profile);
		this.duplicates.checkCustomer(id);
		return this.queries.view(id);
	}

	/**
	 * The active customer recognised by an identity written in any usual way ("+34 600 11
	 * 12 22", "600111222" with the default region Spain, "Ana@Example.com"). One
	 * statement (identity, then customer), so no transaction is needed.
	 * @throws ApiException 400 when the value cannot be such an identity
	 */
	public Optional<CustomerView> findByIdentity(IdentityType type, String source, String rawValue) {
		return this.queries.findByIdentity(this.identities.normalise(type, source, rawValue, "value"))
			.map(CustomerQueries.Found::view)
			.filter((v) -> v.status() == CustomerStatus.ACTIVE);
	}

	public Optional<CustomerView> findByIdentity(IdentityType type, String rawValue) {
		return findByIdentity(type, null, rawValue);
	}

	@Transactional(readOnly = true)
	public Page<CustomerSummary> search(CustomerQuery query, @Valid Paging paging) {
		return this.search.search(query, paging);
	}

	/**
	 * @throws IdentityTakenException when another customer holds the identity
	 */
	@Transactional
	public IdentityView addIdentity(UUID id, @Valid NewIdentity identity) {
		IdentityView added = this.identities.add(id, identity);
		this.duplicates.checkCustomer(id);
		return added;
	}

	@Transactional
	public void removeIdentity(UUID id, UUID identityId) {
		this.identities.remove(id, identityId);
	}

	@Transactional
	public AddressView addAddress(UUID id, @Valid NewAddress address) {
		AddressView added = this.details.addAddress(id, address);
		this.duplicates.checkCustomer(id);
		return added;
	}

	@Transactional
	public void removeAddress(UUID id, UUID addressId) {
		this.details.removeAddress(id, addressId);
	}

	/** Starts a household with this customer in it; returns the household's id. */
	@Transactional
	public UUID createHousehold(UUID id, String name, HouseholdRole role) {
		return this.details.createHousehold(id, name, role);
	}

	@Transactional
	public void joinHousehold(UUID id, UUID householdId, HouseholdRole role) {
		this.details.joinHousehold(id, householdId, role);
	}

	@Transactional
	public void leaveHousehold(UUID id) {
		this.details.leaveHousehold(id);
	}

	/** Makes a person a contact of a company, with their role there (e.g. "buyer"). */
	@Transactional
	public void linkContactPerson(UUID companyId, UUID personId, String role) {
		this.details.linkContact(companyId, personId, role);
	}

	@Transactional
	public void unlinkContactPerson(UUID companyId, UUID personId) {
		this.details.unlinkContact(companyId, personId);
	}

	@Transactional
	public void declareInterest(UUID id, String topic, InterestSource source) {
		this.details.declareInterest(id, topic, source);
	}

	@Transactional
	public void removeInterest(UUID id, String topic) {
		this.details.removeInterest(id, topic);
	}

	@Transactional
	public ConsentView setConsent(UUID id, @Valid ConsentChange change) {
		return this.consents.set(id, change);
	}

	/** Every consent decision of the customer, newest first. */
	@Transactional(readOnly = true)
	public List<ConsentRecord> consentHistory(UUID id) {
		return this.consents.history(id);
	}

	@Transactional
	public void addTags(UUID id, List<String> tags) {
		this.registry.addTags(id, tags);
	}

	@Transactional
	public void removeTag(UUID id, String tag) {
		this.registry.removeTag(id, tag);
	}

	/** Sets custom attributes; a null value removes that key. Other keys stay. */
	@Transactional
	public void setAttributes(UUID id, Map<String, Object> attributes) {
		this.registry.setAttributes(id, attributes);
	}

	@Transactional
	public void removeAttribute(UUID id, String key) {
		this.registry.setAttributes(id, java.util.Collections.singletonMap(Attributes.checkKey(key), null));
	}

	@Transactional
	public void changeStage(UUID id, LifecycleStage stage) {
		this.registry.changeStage(id, stage);
	}

	/** Adds a note written by the current actor. */
	@Transactional
	public NoteView addNote(UUID id, String body) {
		return this.notes.add(id, body);
	}

	/** The customer's notes, newest first. */
	@Transactional(readOnly = true)
	public Page<NoteView> notes(UUID id, @Valid Paging paging) {
		return this.notes.list(id, paging);
	}

	/** Assigns the customer to an active staff member, or to nobody with null. */
	@Transactional
	public void assign(UUID id, UUID staffId) {
		this.assignments.assign(id, staffId);
	}

	/** Moves all active customers of one staff member to another; returns how many. */
	@Transactional
	public int reassignAll(UUID fromStaffId, UUID toStaffId) {
		return this.assignments.reassignAll(fromStaffId, toStaffId);
	}

}
