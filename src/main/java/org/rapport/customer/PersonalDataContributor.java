package org.rapport.customer;

import java.util.UUID;

/**
 * Lets a module add what it stores about a person to the personal-data export
 * ({@link PersonalData#export}). Implement it as a bean; every bean is asked for every
 * export. Erasure is not part of this interface: modules remove their personal data when
 * they hear {@link CustomerErased}.
 */
public interface PersonalDataContributor {

	/** The name of this module's section in the export, e.g. "loyalty". */
	String section();

	/**
	 * What this module stores about the customer, as JSON-serialisable values (records,
	 * maps, lists); null or an empty collection when it stores nothing.
	 */
	Object personalData(UUID customerId);

}
