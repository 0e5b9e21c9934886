-- A programme whose members were all migrated into another is closed to new members (ADR 0093): enrolment refers
-- to the programme it was migrated into, and the counter and the customer page no longer offer it. Its accounts,
-- ledgers and figures stay as they are.
ALTER TABLE loyalty_programme ADD COLUMN migrated_into uuid REFERENCES loyalty_programme (id);
