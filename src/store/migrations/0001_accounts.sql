-- 0001: practices, users, roles, sessions.
-- Instants are RFC 3339 UTC text ("2026-11-27T06:58:31Z"); booleans are 0/1 integers.

-- A practice owns every other row (tenancy).
CREATE TABLE practice (
  id {{id}},
  name TEXT NOT NULL,
  require_totp INTEGER NOT NULL DEFAULT 0,      -- 1: every user must sign in with a one-time code
  idle_timeout_s INTEGER NOT NULL DEFAULT 900,  -- automatic logoff after this much idle time
  mrn_seq BIGINT NOT NULL DEFAULT 0,            -- the last medical record number issued
  created_at TEXT NOT NULL
);

-- A person who signs in. Email is stored lowercased; unique within a practice.
CREATE TABLE app_user (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  pw_hash TEXT NOT NULL,                  -- argon2id, libsodium crypto_pwhash_str format
  disabled INTEGER NOT NULL DEFAULT 0,
  roles TEXT NOT NULL DEFAULT '',         -- role names between commas: ",front_desk,biller,"
                                          -- (permissions follow from roles: src/access/perm.c)
  totp_secret TEXT,                       -- base32 secret while enrolling or enrolled
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0, -- failed sign-ins since failed_since
  failed_since TEXT,
  locked_until TEXT,                      -- sign-in refused until then
  last_login_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (practice_id, email)
);
CREATE INDEX app_user_email ON app_user (email);

-- A signed-in session or a machine API token. Only the BLAKE2b hash of the token is kept.
CREATE TABLE session (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  token_hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'session',   -- 'session' (idle logoff applies) or 'api'
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,             -- refreshed at most once a minute
  ip TEXT
);
CREATE INDEX session_by_user ON session (practice_id, user_id);
