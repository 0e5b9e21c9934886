-- Who set a member's tier by hand, and why and by whom a redemption was cancelled (docs/adr/0021-console-overrides-redemptions-and-stale-previews.md).
-- Nullable columns without a default: no table rewrite.
ALTER TABLE loyalty_member_tier ADD COLUMN override_by text;
ALTER TABLE loyalty_redemption ADD COLUMN cancel_reason text, ADD COLUMN cancelled_by text;
