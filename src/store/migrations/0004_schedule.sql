-- 0004: scheduling. Instants of the schedule (appointment and exception start/end) are unix
-- seconds in BIGINT columns: both engines compare them cheaply, and PostgreSQL can put them
-- in an int8range for the exclusion constraints that forbid double booking. Recurring
-- availability is stored as a rule in the location's local time and expanded on demand.

-- A room or piece of equipment an appointment type may need.
CREATE TABLE resource (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  location_id BIGINT NOT NULL REFERENCES location(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,                -- room | equipment
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, name)
);

CREATE TABLE appointment_type (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  name TEXT NOT NULL,
  duration_min BIGINT NOT NULL,      -- 5..480
  slot_step_min BIGINT NOT NULL,     -- offered start times are this far apart
  color TEXT NOT NULL,               -- #rrggbb
  patient_kind TEXT NOT NULL,        -- any | new | established
  resource_id BIGINT REFERENCES resource(id), -- the room or equipment it needs by default
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, name)
);

-- Which providers offer a type.
CREATE TABLE appointment_type_provider (
  practice_id BIGINT NOT NULL,
  type_id BIGINT NOT NULL REFERENCES appointment_type(id),
  provider_id BIGINT NOT NULL REFERENCES provider(id),
  PRIMARY KEY (type_id, provider_id)
);

-- Recurring availability: on the dates the RRULE yields (from valid_from, the rule's
-- DTSTART), the provider works at the location from start_time to end_time local time.
CREATE TABLE availability_rule (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  provider_id BIGINT NOT NULL REFERENCES provider(id),
  location_id BIGINT NOT NULL REFERENCES location(id),
  rrule TEXT NOT NULL,               -- RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
  start_time TEXT NOT NULL,          -- HH:MM local
  end_time TEXT NOT NULL,            -- HH:MM local, after start_time
  valid_from TEXT NOT NULL,          -- YYYY-MM-DD
  valid_to TEXT,                     -- YYYY-MM-DD inclusive, open-ended if NULL
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX availability_rule_provider ON availability_rule (practice_id, provider_id);

-- Time taken out of availability (holiday, vacation, blocked) or added to it (an extra
-- session). provider_id NULL: every provider (of location_id, if set), e.g. a holiday.
CREATE TABLE availability_exception (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  provider_id BIGINT REFERENCES provider(id),
  location_id BIGINT REFERENCES location(id),
  kind TEXT NOT NULL,                -- blocked | extra
  start_s BIGINT NOT NULL,
  end_s BIGINT NOT NULL,
  reason TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX availability_exception_time ON availability_exception (practice_id, start_s);

-- An appointment. `live` is 1 while it holds its time (not cancelled, not a no-show); only
-- live appointments take part in the no-overlap rules. An overbooked appointment (a
-- deliberate second booking on a slot) does not conflict with the regular one, but two
-- overbookings of the same time do.
CREATE TABLE appointment (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  provider_id BIGINT NOT NULL REFERENCES provider(id),
  location_id BIGINT NOT NULL REFERENCES location(id),
  type_id BIGINT NOT NULL REFERENCES appointment_type(id),
  resource_id BIGINT REFERENCES resource(id),
  start_s BIGINT NOT NULL,
  end_s BIGINT NOT NULL,
  status TEXT NOT NULL,              -- booked confirmed arrived roomed with_provider checked_out cancelled no_show
  live INTEGER NOT NULL DEFAULT 1,
  overbook INTEGER NOT NULL DEFAULT 0,
  outside_availability INTEGER NOT NULL DEFAULT 0, -- booked with the override permission
  series_id BIGINT,                  -- the first appointment of a recurring series
  note TEXT,                         -- scheduling note; no clinical detail
  cancel_reason TEXT,
  cancelled_by TEXT,                 -- patient | practice
  late_cancel INTEGER NOT NULL DEFAULT 0,
  confirmed_at TEXT, arrived_at TEXT, roomed_at TEXT, with_provider_at TEXT,
  checked_out_at TEXT, cancelled_at TEXT, no_show_at TEXT,
  booked_by BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_s > start_s AND end_s - start_s <= 86400)
);
-- The open-slot search and the overlap checks read only these indexes (they cover the
-- columns those queries need), one per provider and one per practice and time.
CREATE INDEX appointment_provider ON appointment (provider_id, start_s, end_s, live, overbook);
CREATE INDEX appointment_resource ON appointment (resource_id, start_s, end_s, live);
CREATE INDEX appointment_day ON appointment (practice_id, start_s, provider_id, end_s, live);
CREATE INDEX appointment_patient ON appointment (practice_id, patient_id, start_s);
CREATE INDEX appointment_series ON appointment (series_id);

-- engine: pg
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE appointment ADD CONSTRAINT appointment_provider_overlap EXCLUDE USING gist
  (provider_id WITH =, overbook WITH =, int8range(start_s, end_s) WITH &&) WHERE (live = 1);
ALTER TABLE appointment ADD CONSTRAINT appointment_resource_overlap EXCLUDE USING gist
  (resource_id WITH =, int8range(start_s, end_s) WITH &&) WHERE (live = 1 AND resource_id IS NOT NULL);
-- engine: sqlite
-- SQLite has one writer at a time, so a check inside the writing statement is race-free.
-- Appointments last at most a day, which bounds the index range searched.
CREATE TRIGGER appointment_overlap_insert BEFORE INSERT ON appointment WHEN NEW.live = 1
BEGIN
  SELECT RAISE(ABORT, 'exclusion constraint appointment_provider_overlap') FROM appointment a
   WHERE a.provider_id = NEW.provider_id AND a.start_s > NEW.start_s - 86400 AND a.start_s < NEW.end_s
     AND a.end_s > NEW.start_s AND a.live = 1 AND a.overbook = NEW.overbook;
  SELECT RAISE(ABORT, 'exclusion constraint appointment_resource_overlap') FROM appointment a
   WHERE NEW.resource_id IS NOT NULL AND a.resource_id = NEW.resource_id AND a.start_s > NEW.start_s - 86400
     AND a.start_s < NEW.end_s AND a.end_s > NEW.start_s AND a.live = 1;
END;
CREATE TRIGGER appointment_overlap_update BEFORE UPDATE OF provider_id, resource_id, start_s, end_s, live, overbook
  ON appointment WHEN NEW.live = 1
BEGIN
  SELECT RAISE(ABORT, 'exclusion constraint appointment_provider_overlap') FROM appointment a
   WHERE a.provider_id = NEW.provider_id AND a.start_s > NEW.start_s - 86400 AND a.start_s < NEW.end_s
     AND a.end_s > NEW.start_s AND a.live = 1 AND a.overbook = NEW.overbook AND a.id <> NEW.id;
  SELECT RAISE(ABORT, 'exclusion constraint appointment_resource_overlap') FROM appointment a
   WHERE NEW.resource_id IS NOT NULL AND a.resource_id = NEW.resource_id AND a.start_s > NEW.start_s - 86400
     AND a.start_s < NEW.end_s AND a.end_s > NEW.start_s AND a.live = 1 AND a.id <> NEW.id;
END;
-- engine: all

-- The history of an appointment: each status change and each reschedule.
CREATE TABLE appointment_event (
  id {{id}},
  practice_id BIGINT NOT NULL,
  appointment_id BIGINT NOT NULL REFERENCES appointment(id),
  at TEXT NOT NULL,
  user_id BIGINT,                    -- NULL: the patient, through a signed link
  from_status TEXT,
  to_status TEXT NOT NULL,
  from_start_s BIGINT,               -- a reschedule: where it was
  reason TEXT
);
CREATE INDEX appointment_event_appointment ON appointment_event (appointment_id, id);

-- Patients who want an earlier slot. Offered in id order when a matching slot frees.
CREATE TABLE waitlist (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  type_id BIGINT NOT NULL REFERENCES appointment_type(id),
  provider_id BIGINT REFERENCES provider(id), -- NULL: any provider offering the type
  location_id BIGINT REFERENCES location(id),
  earliest_date TEXT,
  latest_date TEXT,
  time_of_day TEXT NOT NULL,         -- any | morning (before 12:00) | afternoon (12-17) | evening (17:00 on)
  weekdays TEXT,                     -- e.g. MO,WE,FR; NULL: any day
  note TEXT,
  status TEXT NOT NULL,              -- waiting | offered | booked | removed
  offered_start_s BIGINT,
  offered_provider_id BIGINT,
  offered_at TEXT,
  appointment_id BIGINT REFERENCES appointment(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX waitlist_status ON waitlist (practice_id, status, id);

-- A provider's calendar feed: a secret URL a calendar app subscribes to. Only the token's
-- hash is kept; deleting the row revokes it. Busy time and appointment types only, unless
-- whoever set the feed up (schedule.setup) turned patient names on.
CREATE TABLE calendar_feed (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  provider_id BIGINT NOT NULL REFERENCES provider(id),
  token_hash TEXT NOT NULL UNIQUE,
  show_patient_names INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at TEXT NOT NULL
);
CREATE INDEX calendar_feed_provider ON calendar_feed (practice_id, provider_id);

-- The practice's scheduling policy (a row appears with the first change; defaults apply
-- until then). Quiet hours are local to each appointment's location.
CREATE TABLE schedule_settings (
  practice_id BIGINT PRIMARY KEY REFERENCES practice(id),
  quiet_start TEXT NOT NULL,         -- HH:MM: no reminder is sent from here ...
  quiet_end TEXT NOT NULL,           -- ... to here (may wrap past midnight)
  late_cancel_hours BIGINT NOT NULL, -- a patient's cancellation closer to the start is late
  overbook_high_risk INTEGER NOT NULL, -- 1: the desk may double-book a slot whose booking is at high no-show risk
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- When to remind: e.g. e-mail 48 hours before, SMS 2 hours before.
CREATE TABLE reminder_rule (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  channel TEXT NOT NULL,             -- email | sms
  hours_before BIGINT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, channel, hours_before)
);

-- One reminder of one appointment by one rule: planned, then sent, skipped (no consent or
-- address, appointment no longer open) or failed after its retries. Every attempt's outcome
-- is kept in `outcome` (never the message itself).
CREATE TABLE reminder (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  appointment_id BIGINT NOT NULL REFERENCES appointment(id),
  rule_id BIGINT NOT NULL REFERENCES reminder_rule(id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL,              -- pending | sending | sent | skipped | failed
  next_s BIGINT NOT NULL,            -- when to try (again)
  attempts BIGINT NOT NULL DEFAULT 0,
  outcome TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (appointment_id, rule_id)
);
CREATE INDEX reminder_due ON reminder (status, next_s);

-- The link in a reminder: a random token (only its hash is kept) that lets the patient
-- confirm or cancel that one appointment, once, until it starts.
CREATE TABLE appointment_link (
  token_hash TEXT PRIMARY KEY,
  practice_id BIGINT NOT NULL,
  appointment_id BIGINT NOT NULL REFERENCES appointment(id),
  expires_s BIGINT NOT NULL,
  used_at TEXT,
  used_action TEXT
);
