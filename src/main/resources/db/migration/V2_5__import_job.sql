-- Bulk imports of interaction history: one row per run of a file, its progress (kept in the
-- transaction of each stored chunk, so the counts always match what is stored) and the rows
-- it rejected with their line numbers and reasons.

CREATE TABLE import_job
(
  id            UUID PRIMARY KEY,
  file_name     TEXT        NOT NULL,
  format        TEXT        NOT NULL CHECK (format IN ('CSV', 'JSONL', 'CDNOW')),
  source_system TEXT        NOT NULL,
  status        TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  file_bytes    BIGINT      NOT NULL DEFAULT 0,
  bytes_read    BIGINT      NOT NULL DEFAULT 0,
  rows_read     BIGINT      NOT NULL DEFAULT 0,
  stored        BIGINT      NOT NULL DEFAULT 0,
  skipped       BIGINT      NOT NULL DEFAULT 0,
  rejected      BIGINT      NOT NULL DEFAULT 0,
  started_by    TEXT        NOT NULL,
  started_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ,
  error         TEXT
);
CREATE INDEX import_job_started_idx ON import_job (started_at DESC);

-- Rejected rows, at most rapport.imports.max-stored-rejections per job (the count goes on).
CREATE TABLE import_rejection
(
  job_id UUID   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  line   BIGINT NOT NULL,
  seq    INT    NOT NULL,
  reason TEXT   NOT NULL,
  raw    TEXT,
  PRIMARY KEY (job_id, line, seq)
);
