package org.rapport.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rapport.customer.BulkCustomer;
import org.rapport.customer.BulkCustomer.BulkAddress;
import org.rapport.customer.BulkCustomer.BulkConsent;
import org.rapport.customer.BulkCustomer.BulkIdentity;
import org.rapport.customer.BulkCustomer.BulkNote;
import org.rapport.customer.ConsentChannel;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.CustomerKind;
import org.rapport.customer.LifecycleStage;

/**
 * Fills in one generated customer: identities unique by the row's index, a lifecycle
 * stage from a realistic distribution, tags, attributes, consents, notes and the staff
 * member who looks after the customer.
 */
final class CustomerRows {

	/** Share of customers per stage, in {@link LifecycleStage} order. */
	static final double[] STAGE_SHARES = { 0.25, 0.15, 0.20, 0.18, 0.10, 0.04, 0.08 };

	private static final List<String> TAGS = List.of("newsletter", "wine-lover", "runner", "family", "student",
			"pet-owner", "eco", "early-adopter", "gift-buyer", "outdoor");

	private static final List<String> ACQUISITION = List.of("store", "web-shop", "app", "referral", "event");

	private static final List<String> CONSENT_SOURCES = List.of("web-form", "pos", "app", "call-centre", "paper-form");

	private final GeneratorSettings settings;

	private final SplittableRandom random;

	private final long offset;

	CustomerRows(GeneratorSettings settings, SplittableRandom random) {
		this.settings = settings;
		this.random = random;
		this.offset = Math.floorMod(settings.seed() * 999_983L, 1_000_000L);
	}

	/**
	 * The number behind a row's e-mail, phone and card: unique within a seed, and shifted
	 * per seed so that data sets of different seeds rarely share identities.
	 */
	long number(long index) {
		return index + this.offset;
	}

	String key(long index) {
		return "s" + this.settings.seed() + "-" + index;
	}

	BulkAddress address(LocaleProfile locale, String kind) {
		LocaleProfile.City city = LocaleProfile.pick(locale.cities, this.random);
		return new BulkAddress(kind, locale.line1(this.random, LocaleProfile.pick(locale.streets, this.random)), null,
				city.name(), city.region(), locale.postalCode(city, this.random), locale.country);
	}

	String email(LocaleProfile locale, LocaleProfile.Name name, long index) {
		return locale.emailName(name, this.random, number(index)) + "@"
				+ LocaleProfile.pick(locale.emailDomains, this.random);
	}

	String mobile(LocaleProfile locale, long index) {
		return locale.mobile(LocaleProfile.spread(number(index), locale.mobileSpace()));
	}

	static String card(long index) {
		String digits = "7100" + LocaleProfile.digits(index, 12);
		return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8, 12) + " "
				+ digits.substring(12);
	}

	/**
	 * A person with the usual identities: most have an e-mail and a phone, some a card.
	 */
	BulkCustomer person(long index, LocaleProfile locale, LocaleProfile.Name name, LocalDate birth, BulkAddress address,
			Household household, String contactOf, String contactRole, String email) {
		List<BulkIdentity> identities = new ArrayList<>(3);
		if (email != null || this.random.nextInt(10) < 9) {
			identities.add(BulkIdentity.email(email != null ? email : email(locale, name, index), true));
		}
		if (this.random.nextInt(100) < 85) {
			identities.add(BulkIdentity.phone(mobile(locale, index), true));
		}
		if (this.random.nextInt(100) < 35) {
			identities.add(BulkIdentity.card(card(number(index))));
		}
		LifecycleStage stage = stage();
		return new BulkCustomer(key(index), CustomerKind.PERSON, name.given(), name.family(), null, birth,
				locale.language, stage, tags(stage), attributes(address), locale.country, identities,
				address == null ? List.of() : List.of(address), consents(), notes(locale),
				household == null ? null : household.key(), household == null ? null : household.name(),
				household == null ? null : household.role(), staffId(), contactOf, contactRole, createdAt());
	}

	BulkCustomer company(long index, LocaleProfile locale, String name, String domain, BulkAddress address) {
		List<BulkIdentity> identities = List.of(BulkIdentity.email("info@" + domain, true),
				BulkIdentity.phone(mobile(locale, index), true));
		return new BulkCustomer(key(index), CustomerKind.COMPANY, null, null, name, null, locale.language, stage(),
				List.of("b2b"), attributes(address), locale.country, identities, List.of(address), consents(),
				notes(locale), null, null, null, staffId(), null, null, createdAt());
	}

	/** Membership of a household: its key within the load, its name and the role. */
	record Household(String key, String name, String role) {
	}

	LifecycleStage stage() {
		double r = this.random.nextDouble();
		LifecycleStage[] stages = LifecycleStage.values();
		for (int i = 0; i < stages.length; i++) {
			r -= STAGE_SHARES[i];
			if (r < 0) {
				return stages[i];
			}
		}
		return LifecycleStage.PROSPECT;
	}

	private List<String> tags(LifecycleStage stage) {
		List<String> tags = new ArrayList<>(3);
		if ((stage == LifecycleStage.LOYAL || stage == LifecycleStage.PROMOTER) && this.random.nextInt(10) < 4) {
			tags.add("vip");
		}
		int more = this.random.nextInt(4);
		for (int i = 0; i < more; i++) {
			String tag = LocaleProfile.pick(TAGS, this.random);
			if (!tags.contains(tag)) {
				tags.add(tag);
			}
		}
		return tags;
	}

	private String attributes(BulkAddress address) {
		String acquisition = LocaleProfile.pick(ACQUISITION, this.random);
		if (address == null || address.city() == null) {
			return "{\"acquisition\":\"" + acquisition + "\"}";
		}
		return "{\"acquisition\":\"" + acquisition + "\",\"favouriteStore\":\"" + address.city() + "\"}";
	}

	private List<BulkConsent> consents() {
		List<BulkConsent> consents = new ArrayList<>(4);
		for (ConsentChannel channel : ConsentChannel.values()) {
			if (this.random.nextInt(100) < 55) {
				consents.add(consent(channel, ConsentPurpose.MARKETING, 70));
			}
		}
		if (this.random.nextInt(100) < 30) {
			consents.add(consent(ConsentChannel.EMAIL, ConsentPurpose.PROFILING, 60));
		}
		if (this.random.nextInt(100) < 10) {
			consents.add(consent(ConsentChannel.EMAIL, ConsentPurpose.PARTNER_SHARING, 30));
		}
		return consents;
	}

	private BulkConsent consent(ConsentChannel channel, ConsentPurpose purpose, int grantedPercent) {
		return new BulkConsent(channel, purpose, this.random.nextInt(100) < grantedPercent, createdAt(),
				LocaleProfile.pick(CONSENT_SOURCES, this.random));
	}

	private List<BulkNote> notes(LocaleProfile locale) {
		int r = this.random.nextInt(100);
		int count = r < 2 ? 2 : r < 10 ? 1 : 0;
		List<BulkNote> notes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			GeneratorSettings.Staff author = this.settings.staff().isEmpty() ? null
					: LocaleProfile.pick(this.settings.staff(), this.random);
			notes.add(new BulkNote(author == null ? "system" : author.id().toString(),
					author == null ? "Rapport" : author.name(), createdAt(),
					LocaleProfile.pick(locale.notes, this.random)));
		}
		return notes;
	}

	java.util.UUID staffId() {
		if (this.settings.staff().isEmpty() || this.random.nextInt(10) >= 7) {
			return null;
		}
		return LocaleProfile.pick(this.settings.staff(), this.random).id();
	}

	/** Some moment in the five years before "now". */
	Instant createdAt() {
		long seconds = this.random.nextLong(Duration.ofDays(5 * 365).toSeconds());
		return this.settings.now().minusSeconds(seconds);
	}

}
