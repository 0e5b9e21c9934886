package org.rapport.interaction;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.customer.Identity;
import org.rapport.customer.Prospects;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.ShownValue;
import org.rapport.platform.web.Text;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores one checked chunk of an import ({@link ImportBatch}, made ahead of it by
 * {@link ImportChecks}) in one transaction: resolves every customer reference of the
 * chunk set-based (one query for the ids, one for the identities, creating prospects for
 * unknown identities when the source allows), rejects the interactions whose customer is
 * not found, writes the others through {@link ImportStaging} (binary COPY, straight into
 * the tables on a first run), adds them to the customers' figures, announces them with
 * one {@link InteractionsImported} and adds the chunk's counts and rejections to the job.
 * Returns go through the API's path, which checks them against their purchases. A crash
 * leaves a chunk wholly stored or not at all.
 */
@Component
class ImportChunkWriter {

	/**
	 * What a chunk came to; {@code keysTaken}: some of its interactions were skipped as
	 * stored before (the next chunk is likely to hold such keys too).
	 */
	record Outcome(int stored, int skipped, List<ImportRejection> rejections, boolean keysTaken) {
	}

	private final IngestionSettings settings;

	private final Prospects prospects;

	private final ImportStaging staging;

	private final Ingestion ingestion;

	private final ImportJobStore jobs;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ImportChunkWriter(IngestionSettings settings, Prospects prospects, ImportStaging staging, Ingestion ingestion,
			ImportJobStore jobs, ApplicationEventPublisher events, Clock clock) {
		this.settings = settings;
		this.prospects = prospects;
		this.staging = staging;
		this.ingestion = ingestion;
		this.jobs = jobs;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores the chunk, its interactions on the given path.
	 * @throws ImportStaging.KeyTaken on the direct path when a key of the chunk is stored
	 * already: nothing of the chunk is stored, and it is to be stored again on the staged
	 * path
	 */
	@Transactional
	Outcome store(UUID jobId, ImportBatch batch, long rowsRead, long bytesRead, long lastLine, ImportOptions options,
			ImportStaging.Path path) {
		return write(jobId, batch, rowsRead, bytesRead, lastLine, options, path, ImportTurn.NONE);
	}

	/**
	 * Stores the chunk in the caller's transaction, each stage in its turn among the
	 * writing lanes of the run (ADR 0050); the caller commits when the chunk before has
	 * committed.
	 */
	Outcome write(UUID jobId, ImportBatch batch, long rowsRead, long bytesRead, long lastLine, ImportOptions options,
			ImportStaging.Path path, ImportTurn turn) {
		Instant now = this.clock.instant();
		List<ImportRejection> rejections = new ArrayList<>(batch.rejections());
		turn.to(ImportTurns.Stage.RESOLVE);
		long t = System.nanoTime();
		UUID[] customers = resolve(batch, options);
		t = ImportPhases.add(ImportPhases.Step.RESOLVE, t);
		int resolved = 0;
		for (ImportBatch.Staged s : batch.staged()) {
			if (customers[s.ref()] != null) {
				resolved++;
			}
			else {
				ImportProblems.reject(s.group(), problem(s.group()), rejections);
			}
		}
		ImportStaging.Merged inserted = (resolved == 0) ? ImportStaging.Merged.NONE
				: this.staging.merge(batch, customers, now, path, turn);
		turn.to(ImportTurns.Stage.ANNOUNCE);
		t = System.nanoTime();
		int stored = inserted.count();
		int skipped = resolved - stored;
		List<InteractionReader.Group> returns = new ArrayList<>();
		List<NewInteraction> items = new ArrayList<>();
		for (ImportBatch.Return r : batch.returns()) {
			UUID customer = customers[r.ref()];
			if (customer == null) {
				ImportProblems.reject(r.group(), problem(r.group()), rejections);
			}
			else {
				returns.add(r.group());
				items.add(r.group().interaction().forCustomer(customer));
			}
		}
		if (!items.isEmpty()) {
			for (RecordResult r : this.ingestion.record(items)) {
				switch (r.status()) {
					case CREATED -> stored++;
					case DUPLICATE -> skipped++;
					case REJECTED -> ImportProblems.reject(returns.get(r.index()), r.errors(), rejections);
				}
			}
		}
		if (inserted.count() > 0) {
			this.events.publishEvent(
					new InteractionsImported(jobId, options.sourceSystem(), inserted.count(), inserted.customers()));
		}
		t = ImportPhases.add(ImportPhases.Step.ANNOUNCE, t);
		turn.to(ImportTurns.Stage.COMMIT);
		t = System.nanoTime();
		rejections.sort(Comparator.comparingLong(ImportRejection::line));
		this.jobs.progress(jobId, rowsRead, bytesRead, lastLine, stored, skipped, rejections, now);
		ImportPhases.add(ImportPhases.Step.PROGRESS, t);
		return new Outcome(stored, skipped, rejections, inserted.keysTaken());
	}

	/**
	 * The customer of each reference of the chunk, by reference; null where nobody
	 * answers.
	 */
	private UUID[] resolve(ImportBatch batch, ImportOptions options) {
		UUID[] customers = new UUID[batch.refCount()];
		if (!batch.ids().isEmpty()) {
			Map<UUID, UUID> active = this.prospects.active(batch.ids().keySet());
			batch.ids().forEach((id, ref) -> customers[ref] = active.get(id));
		}
		if (!batch.identities().isEmpty()) {
			Map<Identity, UUID> holders = this.prospects.holders(batch.identities().keySet(), createProspects(options));
			batch.identities().forEach((identity, ref) -> customers[ref] = holders.get(identity));
		}
		return customers;
	}

	/** Why a row's customer was not found, naming the id or the identity the row gave. */
	private static FieldProblem problem(InteractionReader.Group g) {
		NewInteraction item = g.interaction();
		if (item.customerId() != null) {
			return FieldProblem.of("customer_id", Text.of("interaction.import.unknown-customer-id",
					"no customer has the id {0}", item.customerId().toString()));
		}
		CustomerIdentityRef identity = item.identity();
		return FieldProblem.of("customer",
				Text.of("interaction.import.unknown-identity", "no customer has the identity {0} ''{1}''",
						String.valueOf(identity.type()), ShownValue.of(identity.value())));
	}

	private boolean createProspects(ImportOptions options) {
		return switch (options.unknownIdentities()) {
			case CREATE_PROSPECT -> true;
			case REJECT -> false;
			case CONFIGURED -> this.settings
				.unknownIdentity(options.sourceSystem()) == IngestionSettings.UnknownIdentity.CREATE_PROSPECT;
		};
	}

}
