package org.rapport.customer;

import java.util.ArrayList;
import java.util.List;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import org.rapport.platform.web.ApiException.FieldProblem;

/**
 * The naming rules: a person is known by a given or a family name (many people have only
 * one), a company by its company name. The display name is what lists show and what
 * sorts.
 */
final class CustomerNames {

	private CustomerNames() {
	}

	/**
	 * @throws ApiException with one field problem when the required name is missing
	 */
	static void require(CustomerKind kind, Profile profile) {
		List<FieldProblem> problems = new ArrayList<>();
		if (kind == CustomerKind.PERSON && profile.givenName() == null && profile.familyName() == null) {
			problems.add(FieldProblem.of("givenName",
					Text.of("customer.name.person", "a person needs a given name or a family name")));
		}
		if (kind == CustomerKind.COMPANY && profile.companyName() == null) {
			problems.add(FieldProblem.of("companyName", Text.of("customer.name.company", "a company needs its name")));
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
	}

	static String displayName(CustomerKind kind, Profile profile) {
		if (kind == CustomerKind.COMPANY) {
			return profile.companyName();
		}
		if (profile.givenName() == null) {
			return profile.familyName();
		}
		return profile.familyName() == null ? profile.givenName() : profile.givenName() + " " + profile.familyName();
	}

	/** The words a customer is found by: every part of every name, folded. */
	static List<String> searchTokens(Profile profile) {
		return NameFolding.tokens(profile.givenName(), profile.familyName(), profile.companyName());
	}

}
