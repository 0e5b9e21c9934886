package org.rapport.customer;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The profile edit form. {@code version} is the version of the customer the form was
 * opened on; saving with an older one is refused, so nobody overwrites a colleague's
 * change unseen.
 */
class ProfileForm {

	private long version;

	private String givenName;

	private String familyName;

	private String companyName;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate birthDate;

	private String language;

	static ProfileForm of(CustomerView customer) {
		ProfileForm form = new ProfileForm();
		form.version = customer.version();
		form.givenName = customer.givenName();
		form.familyName = customer.familyName();
		form.companyName = customer.companyName();
		form.birthDate = customer.birthDate();
		form.language = customer.preferredLanguage();
		return form;
	}

	Profile toProfile(CustomerKind kind) {
		boolean person = kind == CustomerKind.PERSON;
		return new Profile(person ? this.givenName : null, person ? this.familyName : null,
				person ? null : this.companyName, person ? this.birthDate : null, this.language);
	}

	/** The form field that shows a field of {@link Profile}. */
	static String formField(String domainField) {
		return switch (domainField) {
			case "givenName", "familyName", "companyName", "birthDate" -> domainField;
			case "preferredLanguage" -> "language";
			default -> null;
		};
	}

	public long getVersion() {
		return this.version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

	public String getGivenName() {
		return this.givenName;
	}

	public void setGivenName(String givenName) {
		this.givenName = givenName;
	}

	public String getFamilyName() {
		return this.familyName;
	}

	public void setFamilyName(String familyName) {
		this.familyName = familyName;
	}

	public String getCompanyName() {
		return this.companyName;
	}

	public void setCompanyName(String companyName) {
		this.companyName = companyName;
	}

	public LocalDate getBirthDate() {
		return this.birthDate;
	}

	public void setBirthDate(LocalDate birthDate) {
		this.birthDate = birthDate;
	}

	public String getLanguage() {
		return this.language;
	}

	public void setLanguage(String language) {
		this.language = language;
	}

}
