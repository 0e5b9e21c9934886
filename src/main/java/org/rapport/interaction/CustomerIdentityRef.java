package org.rapport.interaction;

import org.rapport.customer.IdentityType;

/**
 * A customer named only by an identity the source system knows: a phone, a card number,
 * an e-mail or an id in that system ({@code source} names it for EXTERNAL ids).
 */
public record CustomerIdentityRef(IdentityType type, String value, String source) {

}
