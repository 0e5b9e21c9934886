-- Import runs whose process died (killed, power lost) are found and marked INTERRUPTED: the
-- process running an import holds a session-level PostgreSQL advisory lock (lock_key, in the
-- namespace of ImportLeases) on a connection of its own, which the server releases when that
-- connection dies. A RUNNING job whose lock nobody holds has no live owner.
-- A re-run of the same file (same fingerprint and options) resumes an interrupted or failed job
-- after resume_line, the last file line of the chunks it committed.

ALTER TABLE import_job DROP CONSTRAINT import_job_status_check;
ALTER TABLE import_job
  ADD CONSTRAINT import_job_status_check CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'INTERRUPTED'));

ALTER TABLE import_job
  ADD COLUMN lock_key           INT,
  ADD COLUMN owner              TEXT,
  ADD COLUMN fingerprint        TEXT,
  ADD COLUMN unknown_identities TEXT,
  ADD COLUMN resume_line        BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN resumes            INT    NOT NULL DEFAULT 0;

-- Runs left RUNNING by an earlier version had no lock to test; an upgrade happens with the
-- application stopped, so none of them is still running.
UPDATE import_job
SET status = 'INTERRUPTED', finished_at = updated_at, error = 'the importing process stopped before the end'
WHERE status = 'RUNNING';

CREATE INDEX import_job_running_idx ON import_job (id) WHERE status = 'RUNNING';
CREATE INDEX import_job_fingerprint_idx ON import_job (fingerprint, started_at DESC) WHERE fingerprint IS NOT NULL;
