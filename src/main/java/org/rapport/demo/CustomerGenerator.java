package org.rapport.demo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.rapport.customer.BulkCustomer;
import org.rapport.customer.BulkCustomer.BulkAddress;
import org.rapport.customer.BulkCustomer.BulkIdentity;
import org.rapport.customer.CustomerKind;
import org.rapport.customer.IdentityType;

/**
 * Streams realistic synthetic customers: the same settings (seed included) always give
 * the same rows, and only one household or company is built at a time, so any number of
 * customers can be generated in constant memory. Rows come in units: a household (one to
 * four people sharing an address), a company followed by its contact people, or, for a
 * small share, a person seen before again (a Gmail address written with other dots, or
 * the same name and birth date with new contact data) for duplicate detection to find.
 */
final class CustomerGenerator implements Iterator<BulkCustomer> {

	/** Locales and their share of the customers. */
	private static final double[] LOCALE_SHARES = { 0.35, 0.30, 0.15, 0.20 };

	private static final int RECENT = 512;

	private final GeneratorSettings settings;

	private final SplittableRandom random;

	private final CustomerRows rows;

	private final List<LocaleProfile> locales = LocaleProfile.all();

	private final Deque<BulkCustomer> pending = new ArrayDeque<>();

	private final List<BulkCustomer> recent = new ArrayList<>(RECENT);

	private long emitted;

	private long nextIndex = 1;

	CustomerGenerator(GeneratorSettings settings) {
		this.settings = settings;
		this.random = new SplittableRandom(settings.seed());
		this.rows = new CustomerRows(settings, this.random);
		if (settings.showcase()) {
			this.pending.addAll(Showcase.customers(settings));
		}
	}

	@Override
	public boolean hasNext() {
		return this.emitted < this.settings.customers();
	}

	@Override
	public BulkCustomer next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		this.emitted++;
		if (!this.recent.isEmpty() && this.random.nextDouble() < this.settings.duplicateShare()) {
			int pick = this.random.nextInt(this.recent.size());
			BulkCustomer original = this.recent.get(pick);
			this.recent.set(pick, this.recent.get(this.recent.size() - 1));
			this.recent.remove(this.recent.size() - 1);
			return duplicate(original);
		}
		while (this.pending.isEmpty()) {
			nextUnit();
		}
		return this.pending.poll();
	}

	private void nextUnit() {
		LocaleProfile locale = locale();
		if (this.random.nextDouble() < this.settings.companyShare()) {
			company(locale);
		}
		else {
			household(locale);
		}
	}

	private LocaleProfile locale() {
		double r = this.random.nextDouble();
		for (int i = 0; i < LOCALE_SHARES.length; i++) {
			r -= LOCALE_SHARES[i];
			if (r < 0) {
				return this.locales.get(i);
			}
		}
		return this.locales.get(0);
	}

	private void household(LocaleProfile locale) {
		boolean female = this.random.nextBoolean();
		LocaleProfile.Name head = locale.person(this.random, female);
		LocalDate headBirth = birth(1950, 2004);
		BulkAddress home = this.rows.address(locale, "HOME");
		int size = householdSize();
		long headIndex = this.nextIndex++;
		if (size == 1) {
			add(this.rows.person(headIndex, locale, head, headBirth, home, null, null, null, null));
			return;
		}
		String key = "s" + this.settings.seed() + "-h" + headIndex;
		String name = locale.householdName(head);
		add(this.rows.person(headIndex, locale, head, headBirth, home, new CustomerRows.Household(key, name, "HEAD"),
				null, null, null));
		LocaleProfile.Name partner = locale.partner(head, this.random);
		add(this.rows.person(this.nextIndex++, locale, partner, headBirth.plusDays(this.random.nextInt(-2200, 2200)),
				home, new CustomerRows.Household(key, name, "PARTNER"), null, null, null));
		LocalDate adult = LocalDate.ofInstant(this.settings.now(), ZoneOffset.UTC).minusYears(16);
		for (int i = 2; i < size; i++) {
			LocalDate birth = headBirth.plusYears(22 + this.random.nextInt(16)).plusDays(this.random.nextInt(365));
			if (birth.isAfter(adult)) {
				continue;
			}
			LocaleProfile.Name child = locale.child(head, partner, this.random, this.random.nextBoolean());
			add(this.rows.person(this.nextIndex++, locale, child, birth, home,
					new CustomerRows.Household(key, name, "CHILD"), null, null, null));
		}
	}

	private int householdSize() {
		int r = this.random.nextInt(100);
		return r < 60 ? 1 : r < 85 ? 2 : r < 95 ? 3 : 4;
	}

	private void company(LocaleProfile locale) {
		long index = this.nextIndex++;
		String name = locale.companyName(this.random);
		String domain = LocaleProfile.ascii(name) + this.rows.number(index) + (locale.country.equals("US") ? ".com"
				: locale.country.equals("MY") ? ".com.my" : "." + locale.country.toLowerCase());
		BulkAddress office = this.rows.address(locale, "WORK");
		BulkCustomer company = this.rows.company(index, locale, name, domain, office);
		this.pending.add(company);
		int contacts = 1 + this.random.nextInt(2);
		for (int i = 0; i < contacts; i++) {
			long contactIndex = this.nextIndex++;
			LocaleProfile.Name person = locale.person(this.random, this.random.nextBoolean());
			String email = LocaleProfile.ascii(LocaleProfile.firstWord(person.given())) + this.rows.number(contactIndex)
					+ "@" + domain;
			String role = LocaleProfile.pick(List.of("Owner", "Purchasing", "Office manager", "Accounts"), this.random);
			add(this.rows.person(contactIndex, locale, person, birth(1960, 2000), office, null, company.externalKey(),
					role, email));
		}
	}

	/** The same person again: Gmail dots moved, or the same name and birth date. */
	private BulkCustomer duplicate(BulkCustomer original) {
		long index = this.nextIndex++;
		LocaleProfile locale = this.locales.stream()
			.filter((l) -> l.country.equals(original.region()))
			.findFirst()
			.orElseThrow();
		String email = original.identities()
			.stream()
			.filter((i) -> i.type() == IdentityType.EMAIL)
			.map(BulkIdentity::value)
			.findFirst()
			.orElse(null);
		LocaleProfile.Name name = new LocaleProfile.Name(original.givenName(), original.familyName(), false);
		String again = email != null && email.endsWith("@gmail.com") ? moveDots(email)
				: this.rows.email(locale, name, index);
		return this.rows.person(index, locale, name, original.birthDate(), null, null, null, null, again);
	}

	static String moveDots(String gmail) {
		int at = gmail.indexOf('@');
		String local = gmail.substring(0, at);
		int dot = local.indexOf('.');
		String moved = dot >= 0 ? local.substring(0, dot) + local.substring(dot + 1)
				: local.charAt(0) + "." + local.substring(1);
		return moved + gmail.substring(at);
	}

	private void add(BulkCustomer customer) {
		this.pending.add(customer);
		if (customer.kind() == CustomerKind.PERSON) {
			if (this.recent.size() < RECENT) {
				this.recent.add(customer);
			}
			else {
				this.recent.set(this.random.nextInt(RECENT), customer);
			}
		}
	}

	private LocalDate birth(int fromYear, int toYear) {
		LocalDate from = LocalDate.of(fromYear, 1, 1);
		return from.plusDays(this.random.nextLong(LocalDate.of(toYear, 1, 1).toEpochDay() - from.toEpochDay()));
	}

}
