-- Staff who sign in to the console or the API, and integration clients with API keys.
CREATE TABLE staff_user
(
  id             UUID PRIMARY KEY,
  username       TEXT        NOT NULL UNIQUE,
  display_name   TEXT        NOT NULL,
  email          TEXT,
  password_hash  TEXT        NOT NULL,
  roles          TEXT[]      NOT NULL,
  active         BOOLEAN     NOT NULL DEFAULT TRUE,
  created_at     TIMESTAMPTZ NOT NULL,
  deactivated_at TIMESTAMPTZ,
  version        INT         NOT NULL DEFAULT 0,
  CHECK (username = lower(username))
);

CREATE TABLE api_client
(
  id           UUID PRIMARY KEY,
  name         TEXT        NOT NULL UNIQUE,
  key_prefix   TEXT        NOT NULL UNIQUE,
  key_hash     TEXT        NOT NULL,
  scopes       TEXT[]      NOT NULL,
  active       BOOLEAN     NOT NULL DEFAULT TRUE,
  created_at   TIMESTAMPTZ NOT NULL,
  created_by   TEXT        NOT NULL,
  revoked_at   TIMESTAMPTZ,
  last_used_at TIMESTAMPTZ
);
