-- Who changed what, when: one row per change, with the state before and after.
CREATE TABLE audit_event
(
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at TIMESTAMPTZ NOT NULL,
  actor_id    TEXT        NOT NULL,
  actor_name  TEXT        NOT NULL,
  actor_kind  TEXT        NOT NULL CHECK (actor_kind IN ('STAFF', 'API_CLIENT', 'SYSTEM')),
  action      TEXT        NOT NULL,
  entity_type TEXT        NOT NULL,
  entity_id   TEXT        NOT NULL,
  summary     TEXT,
  before      JSONB,
  after       JSONB,
  redacted    BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, occurred_at DESC);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at DESC);
