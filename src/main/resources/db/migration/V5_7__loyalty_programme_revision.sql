-- A revision of everything a purchase's points are computed from: the programme's settings, its earning
-- rules and its tier ladder (ADR 0033). Each change to one of them gives the programme a new revision
-- from a sequence, so a number is never used twice, not even by a change that was rolled back. The
-- earning path reads the revision with the member's state (no statement of its own) and keeps the
-- programme, its rules and its ladder in memory for as long as the revision does not move.
CREATE SEQUENCE loyalty_programme_revision_seq;

ALTER TABLE loyalty_programme
  ADD COLUMN revision bigint NOT NULL DEFAULT nextval('loyalty_programme_revision_seq');

-- Any update of the programme row (its settings, or the touch below) takes a new revision.
CREATE FUNCTION loyalty_programme_new_revision() RETURNS trigger AS $$
BEGIN
  NEW.revision := nextval('loyalty_programme_revision_seq');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER loyalty_programme_revision
  BEFORE UPDATE ON loyalty_programme
  FOR EACH ROW EXECUTE FUNCTION loyalty_programme_new_revision();

-- A change to a rule, a tier or the ladder touches its programme once per statement.
CREATE FUNCTION loyalty_programme_touch() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE loyalty_programme SET revision = revision WHERE id IN (SELECT DISTINCT programme_id FROM old_rows);
  ELSE
    UPDATE loyalty_programme SET revision = revision WHERE id IN (SELECT DISTINCT programme_id FROM new_rows);
    IF TG_OP = 'UPDATE' THEN
      UPDATE loyalty_programme SET revision = revision
      WHERE id IN (SELECT DISTINCT programme_id FROM old_rows)
        AND id NOT IN (SELECT DISTINCT programme_id FROM new_rows);
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER loyalty_rule_insert_touch AFTER INSERT ON loyalty_rule
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();
CREATE TRIGGER loyalty_rule_update_touch AFTER UPDATE ON loyalty_rule
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();
CREATE TRIGGER loyalty_rule_delete_touch AFTER DELETE ON loyalty_rule
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();

CREATE TRIGGER loyalty_tier_insert_touch AFTER INSERT ON loyalty_tier
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();
CREATE TRIGGER loyalty_tier_update_touch AFTER UPDATE ON loyalty_tier
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();
CREATE TRIGGER loyalty_tier_delete_touch AFTER DELETE ON loyalty_tier
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();

CREATE TRIGGER loyalty_tier_ladder_insert_touch AFTER INSERT ON loyalty_tier_ladder
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();
CREATE TRIGGER loyalty_tier_ladder_update_touch AFTER UPDATE ON loyalty_tier_ladder
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();
CREATE TRIGGER loyalty_tier_ladder_delete_touch AFTER DELETE ON loyalty_tier_ladder
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loyalty_programme_touch();
