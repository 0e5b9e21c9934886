package org.rapport.loyalty;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.rapport.platform.console.ConsoleModel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link MemberOutlook} of a list's customers for the person asking: only for one who
 * may read customers' scores ({@code analytics:customer-read}), as on the customer's own
 * page, and only when a provider is present; otherwise nothing.
 */
@Component
class MemberOutlooks {

	static final String PERMISSION = "analytics:customer-read";

	private final ObjectProvider<MemberOutlook> provider;

	private final ConsoleModel user;

	MemberOutlooks(ObjectProvider<MemberOutlook> provider, ConsoleModel user) {
		this.provider = provider;
		this.user = user;
	}

	/** Whether lists show an outlook to the signed-in caller at all. */
	boolean shown() {
		return this.user.can(PERMISSION) && this.provider.getIfAvailable() != null;
	}

	/** The outlook of each of these customers that has one, for the signed-in caller. */
	Map<UUID, MemberOutlook.Outlook> of(Collection<UUID> customerIds) {
		if (!shown()) {
			return Map.of();
		}
		return this.provider.getObject().of(customerIds.stream().filter(Objects::nonNull).distinct().toList());
	}

}
