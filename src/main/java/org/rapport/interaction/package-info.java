/**
 * Interactions: one timeline of every touchpoint a customer has with the business
 * (purchases and returns with their lines, visits, calls, e-mails, web activity, service
 * requests, survey answers, campaign contacts), the product catalogue the lines refer to,
 * and per-customer figures kept current as interactions arrive. Other modules record
 * through {@link org.rapport.interaction.Interactions} and learn about new interactions
 * from {@link org.rapport.interaction.InteractionsRecorded} (one per recording, single or
 * batch) and {@link org.rapport.interaction.InteractionsImported} (one per bulk chunk),
 * published through the durable event publication log.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Interactions")
package org.rapport.interaction;
