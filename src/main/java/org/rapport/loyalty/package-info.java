/**
 * Loyalty: programmes with their point value and policies, members and their cards, an
 * append-only points ledger with lots consumed oldest first, earning rules evaluated by a
 * pure engine that explains every point, and the set-based jobs that activate pending
 * points and expire old ones. Other modules use {@link org.rapport.loyalty.Loyalty} and
 * listen to {@link org.rapport.loyalty.PointsEarned} and
 * {@link org.rapport.loyalty.PointsReversed}. See docs/adr/0009-loyalty-ledger.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Loyalty")
package org.rapport.loyalty;
