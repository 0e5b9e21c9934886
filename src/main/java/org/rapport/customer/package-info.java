/**
 * Customer memory: people and companies, the identities they are recognised by, contact
 * data, household, interests, consents, notes, assignment to staff, search, duplicates,
 * merge and privacy requests. Other modules see the customer through
 * {@link org.rapport.customer.Customers} and the events
 * {@link org.rapport.customer.CustomerMerged} and
 * {@link org.rapport.customer.CustomerErased}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer memory")
package org.rapport.customer;
