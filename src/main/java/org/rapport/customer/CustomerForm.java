package org.rapport.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the "new customer" form posts: the profile, one e-mail, phone and card, one
 * address and the consents the customer gave (as {@code CHANNEL:PURPOSE}). Blank fields
 * arrive as null.
 */
class CustomerForm {

	static final String CONSENT_SOURCE = "console";

	private CustomerKind kind = CustomerKind.PERSON;

	private String givenName;

	private String familyName;

	private String companyName;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate birthDate;

	private String language;

	private LifecycleStage stage = LifecycleStage.PROSPECT;

	private String email;

	private String phone;

	private String card;

	private AddressKind addressKind = AddressKind.HOME;

	private String addressLine1;

	private String addressLine2;

	private String postalCode;

	private String city;

	private String region;

	private String countryCode;

	private List<String> consents = new ArrayList<>();

	/** The form field of each identity in the command, in order. */
	private final Map<Integer, String> identityFields = new LinkedHashMap<>();

	NewCustomer toCommand() {
		List<NewIdentity> identities = new ArrayList<>();
		this.identityFields.clear();
		identity(identities, IdentityType.EMAIL, this.email, "email");
		identity(identities, IdentityType.PHONE, this.phone, "phone");
		identity(identities, IdentityType.CARD, this.card, "card");
		List<NewAddress> addresses = hasAddress() ? List.of(new NewAddress(this.addressKind, this.addressLine1,
				this.addressLine2, this.city, this.region, this.postalCode, this.countryCode)) : List.of();
		List<ConsentChange> given = new ArrayList<>();
		for (String consent : this.consents) {
			String[] parts = consent.split(":", 2);
			try {
				given.add(new ConsentChange(ConsentChannel.valueOf(parts[0]), ConsentPurpose.valueOf(parts[1]), true,
						CONSENT_SOURCE, null));
			}
			catch (IllegalArgumentException | ArrayIndexOutOfBoundsException ex) {
				// not a box of the form: nothing was consented to
			}
		}
		boolean person = this.kind != CustomerKind.COMPANY;
		return new NewCustomer(this.kind, person ? this.givenName : null, person ? this.familyName : null,
				person ? null : this.companyName, person ? this.birthDate : null, this.language, this.stage, null,
				identities, addresses, null, null, given);
	}

	private void identity(List<NewIdentity> identities, IdentityType type, String value, String field) {
		if (value != null) {
			this.identityFields.put(identities.size(), field);
			identities.add(new NewIdentity(type, null, value, true));
		}
	}

	private boolean hasAddress() {
		return this.addressLine1 != null || this.addressLine2 != null || this.postalCode != null || this.city != null
				|| this.region != null || this.countryCode != null;
	}

	/** The form field that shows a field of {@link NewCustomer}, or null. */
	String formField(String domainField) {
		if (domainField.startsWith("identities[")) {
			int index = Integer.parseInt(domainField.substring("identities[".length(), domainField.indexOf(']')));
			return this.identityFields.get(index);
		}
		if (domainField.startsWith("addresses[")) {
			return switch (domainField.substring(domainField.indexOf("].") + 2)) {
				case "line1" -> "addressLine1";
				case "line2" -> "addressLine2";
				case "kind" -> "addressKind";
				case "city", "region", "postalCode", "countryCode" ->
					domainField.substring(domainField.indexOf("].") + 2);
				default -> null;
			};
		}
		return switch (domainField) {
			case "givenName", "familyName", "companyName", "birthDate" -> domainField;
			case "preferredLanguage" -> "language";
			case "lifecycleStage" -> "stage";
			default -> null;
		};
	}

	public CustomerKind getKind() {
		return this.kind;
	}

	public void setKind(CustomerKind kind) {
		this.kind = kind;
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

	public LifecycleStage getStage() {
		return this.stage;
	}

	public void setStage(LifecycleStage stage) {
		this.stage = stage;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getPhone() {
		return this.phone;
	}

	public void setPhone(String phone) {
		this.phone = phone;
	}

	public String getCard() {
		return this.card;
	}

	public void setCard(String card) {
		this.card = card;
	}

	public AddressKind getAddressKind() {
		return this.addressKind;
	}

	public void setAddressKind(AddressKind addressKind) {
		this.addressKind = addressKind;
	}

	public String getAddressLine1() {
		return this.addressLine1;
	}

	public void setAddressLine1(String addressLine1) {
		this.addressLine1 = addressLine1;
	}

	public String getAddressLine2() {
		return this.addressLine2;
	}

	public void setAddressLine2(String addressLine2) {
		this.addressLine2 = addressLine2;
	}

	public String getPostalCode() {
		return this.postalCode;
	}

	public void setPostalCode(String postalCode) {
		this.postalCode = postalCode;
	}

	public String getCity() {
		return this.city;
	}

	public void setCity(String city) {
		this.city = city;
	}

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public String getCountryCode() {
		return this.countryCode;
	}

	public void setCountryCode(String countryCode) {
		this.countryCode = countryCode;
	}

	public List<String> getConsents() {
		return this.consents;
	}

	public void setConsents(List<String> consents) {
		this.consents = consents == null ? new ArrayList<>() : consents;
	}

}
