-- 0003: the patient register, providers and locations.

-- A patient of a practice. Names and birth date as registered; *_key columns hold the
-- normalised name (lowercase ASCII, accents folded) used for search and duplicate checks.
CREATE TABLE patient (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  mrn TEXT NOT NULL,                 -- medical record number, issued per practice
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  middle_name TEXT,
  preferred_name TEXT,
  birth_date TEXT NOT NULL,          -- YYYY-MM-DD
  sex_at_birth TEXT NOT NULL,        -- F, M, X (other), U (unknown)
  gender_identity TEXT,
  addr_line1 TEXT, addr_line2 TEXT, addr_city TEXT, addr_state TEXT, addr_postal_code TEXT, addr_country TEXT,
  phone_mobile TEXT, phone_home TEXT, phone_work TEXT,
  email TEXT,
  preferred_language TEXT,           -- BCP 47 tag or language name
  preferred_contact TEXT,            -- phone, sms, email, mail
  emergency_name TEXT, emergency_relationship TEXT, emergency_phone TEXT,
  guarantor_name TEXT, guarantor_relationship TEXT, guarantor_phone TEXT,
  sms_consent INTEGER NOT NULL DEFAULT 0,
  email_consent INTEGER NOT NULL DEFAULT 0,
  privacy_notice_at TEXT,            -- date the notice of privacy practices was acknowledged
  status TEXT NOT NULL DEFAULT 'active', -- active, inactive, deceased, merged
  merged_into_id BIGINT REFERENCES patient(id),
  family_key TEXT {{bytes}} NOT NULL,
  given_key TEXT {{bytes}} NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, mrn)
);
CREATE INDEX patient_name ON patient (practice_id, family_key, given_key, id);
CREATE INDEX patient_birth ON patient (practice_id, birth_date);

-- Search keys of a patient: "n:<name key>" (family, given, middle, preferred names),
-- "d:<birth date>", "p:<phone digits>", "m:<mrn>". A search walks one index range per
-- word; `rank` ("<family key> <given key>") orders the patients sharing a key by name, so
-- the first page of any search is read in index order without sorting every match.
CREATE TABLE patient_key (
  practice_id BIGINT NOT NULL,
  key TEXT {{bytes}} NOT NULL,
  rank TEXT {{bytes}} NOT NULL,
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  PRIMARY KEY (practice_id, key, rank, patient_id)
);
CREATE INDEX patient_key_patient ON patient_key (practice_id, patient_id, key);

-- A rendering or billing provider.
CREATE TABLE provider (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  credentials TEXT,                  -- MD, DO, NP, PA-C ...
  npi TEXT,                          -- 10 digits, Luhn check digit over 80840 + NPI
  taxonomy TEXT,                     -- NUCC provider taxonomy code, e.g. 207Q00000X
  email TEXT,
  phone TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, npi)
);

-- A place where the practice sees patients.
CREATE TABLE location (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  name TEXT NOT NULL,
  addr_line1 TEXT, addr_line2 TEXT, addr_city TEXT, addr_state TEXT, addr_postal_code TEXT, addr_country TEXT,
  phone TEXT,
  time_zone TEXT NOT NULL,           -- IANA zone; availability is defined in this local time
  pos_code TEXT NOT NULL,            -- CMS place-of-service code, two digits
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, name)
);
