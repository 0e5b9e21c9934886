-- A programme may require the voucher's code at every use
-- (docs/adr/0086-a-programme-may-require-the-voucher-code.md). Off by default: a voucher is used from the member's
-- card at the counter as ADR 0077 allows.
ALTER TABLE loyalty_programme ADD COLUMN voucher_code_required boolean NOT NULL DEFAULT false;
