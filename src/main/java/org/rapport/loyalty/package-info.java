/**
 * Loyalty: programmes with their point value and policies, members and their cards, an
 * append-only points ledger with lots consumed oldest first, earning rules evaluated by a
 * pure engine that explains every point, and the set-based jobs that activate pending
 * points and expire old ones. Other modules use {@link org.rapport.loyalty.Loyalty} and
 * listen to {@link org.rapport.loyalty.PointsEarned} and
 * {@link org.rapport.loyalty.PointsReversed}. Rewards, vouchers and payments with points
 * have their own front door {@link org.rapport.loyalty.Rewards} and publish
 * {@link org.rapport.loyalty.RewardRedeemed} and
 * {@link org.rapport.loyalty.RedemptionCancelled}; coalition partners go through
 * {@link org.rapport.loyalty.PartnerAccess}; monthly figures come from
 * {@link org.rapport.loyalty.ProgrammeFigures}. See docs/adr/0009-loyalty-ledger.md and
 * docs/adr/0012-rewards-and-vouchers.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Loyalty")
package org.rapport.loyalty;
