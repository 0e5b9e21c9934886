package org.rapport.interaction;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.customer.Identity;
import org.rapport.customer.Prospects;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException.FieldProblem;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores one chunk of an import in one transaction: checks every interaction against the
 * rules, resolves the customers set-based (creating prospects for unknown identities when
 * the source allows), merges the good ones through {@link ImportStaging}, adds them to
 * the customers' figures, announces them with one {@link InteractionsImported} and adds
 * the chunk's counts and rejections to the job. A crash leaves a chunk wholly stored or
 * not at all.
 */
@Component
class ImportChunkWriter {

	/** What a chunk came to. */
	record Outcome(int stored, int skipped, List<ImportRejection> rejections) {
	}

	private final InteractionRules rules;

	private final IngestionSettings settings;

	private final ProductCatalogue catalogue;

	private final Prospects prospects;

	private final ImportStaging staging;

	private final Ingestion ingestion;

	private final ImportJobStore jobs;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ImportChunkWriter(IngestionSettings settings, ProductCatalogue catalogue, Prospects prospects,
			ImportStaging staging, Ingestion ingestion, ImportJobStore jobs, ApplicationEventPublisher events,
			Clock clock) {
		this.rules = new InteractionRules(settings);
		this.settings = settings;
		this.catalogue = catalogue;
		this.prospects = prospects;
		this.staging = staging;
		this.ingestion = ingestion;
		this.jobs = jobs;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	Outcome store(UUID jobId, List<InteractionReader.Group> groups, List<ImportRejection> readRejections, long rowsRead,
			long bytesRead, long lastLine, ImportOptions options) {
		Instant now = this.clock.instant();
		List<ImportRejection> rejections = new ArrayList<>(readRejections);
		Map<String, Product> products = this.catalogue.find(skus(groups));
		List<InteractionReader.Group> valid = check(groups, products, now, rejections);
		Map<InteractionReader.Group, UUID> customers = resolve(valid, options, rejections);
		List<Prepared> prepared = new ArrayList<>();
		List<InteractionReader.Group> returns = new ArrayList<>();
		for (InteractionReader.Group g : valid) {
			UUID customer = customers.get(g);
			if (customer == null) {
				continue;
			}
			if (g.interaction().kind() == InteractionKind.RETURN) {
				returns.add(g);
			}
			else {
				prepared.add(prepare(g, customer, products, now));
			}
		}
		ImportStaging.Merged inserted = this.staging.merge(prepared, now);
		int stored = inserted.count();
		int skipped = prepared.size() - stored;
		if (!returns.isEmpty()) {
			List<NewInteraction> items = returns.stream()
				.map((g) -> g.interaction().forCustomer(customers.get(g)))
				.toList();
			List<RecordResult> results = this.ingestion.record(items);
			for (RecordResult r : results) {
				switch (r.status()) {
					case CREATED -> stored++;
					case DUPLICATE -> skipped++;
					case REJECTED -> reject(returns.get(r.index()), r.errors(), rejections);
				}
			}
		}
		if (inserted.count() > 0) {
			this.events.publishEvent(
					new InteractionsImported(jobId, options.sourceSystem(), inserted.count(), inserted.customers()));
		}
		rejections.sort(java.util.Comparator.comparingLong(ImportRejection::line));
		this.jobs.progress(jobId, rowsRead, bytesRead, lastLine, stored, skipped, rejections, now);
		return new Outcome(stored, skipped, rejections);
	}

	private List<InteractionReader.Group> check(List<InteractionReader.Group> groups, Map<String, Product> products,
			Instant now, List<ImportRejection> rejections) {
		List<InteractionReader.Group> valid = new ArrayList<>();
		for (InteractionReader.Group g : groups) {
			List<FieldProblem> problems = this.rules.check(Ingestion.normalise(g.interaction()), now, products);
			if (problems.isEmpty()) {
				valid.add(g);
			}
			else {
				reject(g, problems, rejections);
			}
		}
		return valid;
	}

	/** The customer of each interaction; those without one are rejected. */
	private Map<InteractionReader.Group, UUID> resolve(List<InteractionReader.Group> groups, ImportOptions options,
			List<ImportRejection> rejections) {
		Set<UUID> ids = new HashSet<>();
		Map<InteractionReader.Group, Identity> identities = new IdentityHashMap<>();
		for (InteractionReader.Group g : groups) {
			NewInteraction it = g.interaction();
			if (it.customerId() != null) {
				ids.add(it.customerId());
				continue;
			}
			CustomerIdentityRef ref = it.identity();
			try {
				identities.put(g, this.prospects.normalise(ref.type(), ref.source(), ref.value()));
			}
			catch (Identity.InvalidIdentityException ex) {
				reject(g, List.of(new FieldProblem("identity_value", ex.getMessage())), rejections);
			}
		}
		Map<UUID, UUID> active = this.prospects.active(ids);
		Map<Identity, UUID> holders = this.prospects.holders(identities.values(), createProspects(options));
		Map<InteractionReader.Group, UUID> customers = new IdentityHashMap<>();
		for (InteractionReader.Group g : groups) {
			NewInteraction it = g.interaction();
			if (it.customerId() != null) {
				put(customers, g, active.get(it.customerId()), "customer_id: no customer has this id", rejections);
			}
			else if (identities.containsKey(g)) {
				put(customers, g, holders.get(identities.get(g)), "customer: no customer has this identity",
						rejections);
			}
		}
		return customers;
	}

	private boolean createProspects(ImportOptions options) {
		return switch (options.unknownIdentities()) {
			case CREATE_PROSPECT -> true;
			case REJECT -> false;
			case CONFIGURED -> this.settings
				.unknownIdentity(options.sourceSystem()) == IngestionSettings.UnknownIdentity.CREATE_PROSPECT;
		};
	}

	private static void put(Map<InteractionReader.Group, UUID> customers, InteractionReader.Group g, UUID id,
			String problem, List<ImportRejection> rejections) {
		if (id != null) {
			customers.put(g, id);
		}
		else {
			ImportProblems.reject(g, problem, rejections);
		}
	}

	private static void reject(InteractionReader.Group g, List<FieldProblem> problems,
			List<ImportRejection> rejections) {
		ImportProblems.reject(g, problems, rejections);
	}

	private Prepared prepare(InteractionReader.Group g, UUID customer, Map<String, Product> products, Instant now) {
		NewInteraction item = Ingestion.normalise(g.interaction()).forCustomer(customer);
		List<Prepared.Line> lines = new ArrayList<>();
		for (int n = 0; n < item.lines().size(); n++) {
			NewLine l = item.lines().get(n);
			lines.add(new Prepared.Line(n + 1, l.sku(), products.get(l.sku()).category(), l.quantity(), l.unitPrice(),
					l.discount() == null ? java.math.BigDecimal.ZERO : l.discount(),
					l.amount() != null ? l.amount() : InteractionRules.expectedAmount(l), null));
		}
		return new Prepared(0, Ids.next(now.toEpochMilli()), customer, item, item.effectiveKey(), lines);
	}

	private static Set<String> skus(List<InteractionReader.Group> groups) {
		Set<String> skus = new HashSet<>();
		for (InteractionReader.Group g : groups) {
			g.interaction()
				.lines()
				.stream()
				.filter((l) -> l != null && l.sku() != null)
				.forEach((l) -> skus.add(l.sku()));
		}
		return skus;
	}

}
