-- 0002: the audit trail. Append-only; each practice has its own hash chain so a practice's
-- trail moves with it when practices are sharded across clusters.

-- One event: who (user_id), what (action, object), which patient, when, from where (ip),
-- outcome and reason. hash = BLAKE2b-256 over prev_hash and the event's fields
-- (src/audit/audit.c names the exact encoding).
CREATE TABLE audit_event (
  id {{id}},
  practice_id BIGINT NOT NULL,   -- 0: events outside any practice (sign-in with an unknown e-mail)
  seq BIGINT NOT NULL,           -- position in the practice's chain, from 1
  at TEXT NOT NULL,
  user_id BIGINT,
  action TEXT NOT NULL,          -- e.g. patient.read, session.create, user.role_change
  object_type TEXT,
  object_id BIGINT,
  patient_id BIGINT,
  ip TEXT,
  outcome TEXT NOT NULL,         -- success | denied | failure
  reason TEXT,                   -- never health data
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (practice_id, seq)
);
CREATE INDEX audit_event_patient ON audit_event (practice_id, patient_id, id);
CREATE INDEX audit_event_user ON audit_event (practice_id, user_id, id);

-- The end of each practice's chain; the writer locks this row to append.
CREATE TABLE audit_head (
  practice_id BIGINT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);

-- Nothing in the application may change or remove an event.
-- engine: sqlite
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
-- engine: pg
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
-- engine: all

-- The chain of events outside any practice starts here; each practice's head is created
-- with the practice.
INSERT INTO audit_head (practice_id, seq, hash)
VALUES (0, 0, '0000000000000000000000000000000000000000000000000000000000000000');
