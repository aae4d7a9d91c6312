-- 0005: billing. Code sets loaded from the official files (shared by every practice: they
-- are public reference data), payers and coverage, fee schedules and contracts, encounters
-- with their charges, and claims with their edits and history. Money is integer cents;
-- relative value units, GPCIs and conversion factors are scaled integers (see pfs_rvu).

-- One loaded release of an official code-set file. A code is looked up in the release of
-- its kind with the latest effective_from on or before the date of service. Loading the
-- same kind and effective date again replaces that release in one transaction.
CREATE TABLE code_set_version (
  id {{id}},
  kind TEXT NOT NULL,                -- icd10cm | hcpcs | ncci_ptp | mue | pfs | gpci
  effective_from TEXT NOT NULL,      -- YYYY-MM-DD, first date of service it covers
  source_name TEXT NOT NULL,         -- the file name as given
  rows_loaded BIGINT NOT NULL,
  bad_lines BIGINT NOT NULL,         -- lines refused (the import reports each with its reason)
  loaded_at TEXT NOT NULL,
  UNIQUE (kind, effective_from)
);

-- ICD-10-CM codes and headers from the order file; codes without the dot.
CREATE TABLE icd10cm_code (
  version_id BIGINT NOT NULL REFERENCES code_set_version(id),
  code TEXT NOT NULL,                -- dotless, e.g. E119
  billable INTEGER NOT NULL,         -- 1 valid on a claim; 0 a header (category)
  short_desc TEXT NOT NULL,
  long_desc TEXT NOT NULL,
  PRIMARY KEY (version_id, code)
);

-- HCPCS Level II codes and modifiers (CPT codes are not in this file: AMA copyright).
CREATE TABLE hcpcs_code (
  version_id BIGINT NOT NULL REFERENCES code_set_version(id),
  code TEXT NOT NULL,                -- 5 characters, or 2 for a modifier
  is_modifier INTEGER NOT NULL,
  short_desc TEXT NOT NULL,
  long_desc TEXT NOT NULL,
  coverage TEXT,                     -- C, D, I, M, S (I/M/S: Medicare does not pay)
  pricing TEXT,                      -- first pricing indicator, e.g. 00 not separately priced
  added TEXT,                        -- YYYY-MM-DD the code was added
  terminated TEXT,                   -- YYYY-MM-DD last date of service it may be used, or NULL
  action TEXT,                       -- the file's action code (A, C, D, N, ...)
  PRIMARY KEY (version_id, code)
);

-- NCCI practitioner procedure-to-procedure edits (indicator 9 rows are not loaded).
CREATE TABLE ncci_ptp (
  version_id BIGINT NOT NULL REFERENCES code_set_version(id),
  col1 TEXT NOT NULL,                -- the comprehensive code (paid)
  col2 TEXT NOT NULL,                -- the component code (denied when the edit applies)
  effective TEXT NOT NULL,           -- YYYY-MM-DD
  deleted TEXT,                      -- YYYY-MM-DD last day in force, NULL while active
  modifier_ind INTEGER NOT NULL,     -- 0 no modifier bypasses; 1 a PTP modifier may
  PRIMARY KEY (version_id, col1, col2, effective)
);

-- NCCI practitioner medically unlikely edits.
CREATE TABLE mue (
  version_id BIGINT NOT NULL REFERENCES code_set_version(id),
  code TEXT NOT NULL,
  units BIGINT NOT NULL,             -- most units of service per line (MAI 1) or per day (2, 3)
  mai INTEGER NOT NULL,              -- 1 line edit; 2 date of service, policy; 3 date of service, clinical
  rationale TEXT,
  PRIMARY KEY (version_id, code)
);

-- Medicare physician fee schedule relative values, one row per code and modifier.
-- RVUs are hundredths (1.95 -> 195), the conversion factor ten-thousandths
-- (33.4009 -> 334009). A NULL PE means the setting is not priced (NA).
CREATE TABLE pfs_rvu (
  version_id BIGINT NOT NULL REFERENCES code_set_version(id),
  code TEXT NOT NULL,
  modifier TEXT NOT NULL,            -- '' when none, else 26, TC, 53 ...
  status TEXT NOT NULL,              -- A active, B bundled, N not covered, ...
  work_rvu BIGINT NOT NULL,
  pe_nonfac_rvu BIGINT,
  pe_fac_rvu BIGINT,
  mp_rvu BIGINT NOT NULL,
  global_days TEXT,                  -- 000, 010, 090, XXX, YYY, ZZZ, MMM
  conv_factor BIGINT NOT NULL,
  PRIMARY KEY (version_id, code, modifier)
);

-- Geographic practice cost indices per Medicare locality, thousandths (1.050 -> 1050).
CREATE TABLE pfs_gpci (
  version_id BIGINT NOT NULL REFERENCES code_set_version(id),
  mac TEXT NOT NULL,                 -- 5 digits
  locality TEXT NOT NULL,            -- 2 digits
  state TEXT,
  name TEXT NOT NULL,
  work BIGINT NOT NULL,              -- the work GPCI with the 1.0 floor where the file has both
  pe BIGINT NOT NULL,
  mp BIGINT NOT NULL,
  PRIMARY KEY (version_id, mac, locality)
);

-- The practice as a billing entity (the group that bills when an encounter names no
-- individual billing provider).
CREATE TABLE billing_profile (
  practice_id BIGINT PRIMARY KEY REFERENCES practice(id),
  legal_name TEXT NOT NULL,
  npi TEXT,                          -- group (type 2) NPI
  tax_id TEXT,                       -- EIN, 9 digits
  taxonomy TEXT,
  addr_line1 TEXT, addr_line2 TEXT, addr_city TEXT, addr_state TEXT, addr_postal_code TEXT,
  phone TEXT,
  medicare_mac TEXT,                 -- the practice's Medicare locality, for expected amounts
  medicare_locality TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- An insurance company (or self-pay) the practice bills.
CREATE TABLE payer (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  name TEXT NOT NULL,
  payer_code TEXT,                   -- the payer id used in EDI (NM109 of loop 2010BB)
  kind TEXT NOT NULL,                -- commercial | medicare | medicaid | tricare | workers_comp | auto | self_pay
  filing_indicator TEXT NOT NULL,    -- X12 claim filing indicator (SBR09): CI, MB, MC, CH, WC, AM, 09 ...
  timely_filing_days BIGINT NOT NULL DEFAULT 365,
  takes_paper INTEGER NOT NULL DEFAULT 0, -- 1: claims go out as CMS-1500 forms
  addr_line1 TEXT, addr_line2 TEXT, addr_city TEXT, addr_state TEXT, addr_postal_code TEXT, addr_country TEXT,
  phone TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, name)
);

-- A patient's insurance: which payer, in which order, for whom.
CREATE TABLE coverage (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  payer_id BIGINT NOT NULL REFERENCES payer(id),
  priority BIGINT NOT NULL,          -- 1 primary, 2 secondary, 3 tertiary
  relationship TEXT NOT NULL,        -- the patient to the subscriber: self | spouse | child | other
  subscriber_family_name TEXT, subscriber_given_name TEXT, subscriber_birth_date TEXT, subscriber_sex TEXT,
  member_id TEXT NOT NULL,
  group_number TEXT,
  plan_name TEXT,
  effective_from TEXT NOT NULL,      -- YYYY-MM-DD
  effective_to TEXT,                 -- YYYY-MM-DD inclusive, NULL open-ended
  copay_cents BIGINT,
  deductible_cents BIGINT,           -- the plan year's deductible
  deductible_met_cents BIGINT,       -- how much of it is met
  eligibility TEXT NOT NULL DEFAULT 'unknown', -- unknown | active | inactive
  eligibility_checked_at TEXT,       -- when eligibility was last checked (RFC 3339)
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX coverage_patient ON coverage (practice_id, patient_id, priority);

-- The charge master: the practice's own fee for a code and modifier, by date.
CREATE TABLE fee (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  code TEXT NOT NULL,
  modifier TEXT NOT NULL DEFAULT '', -- '' applies to the code with any modifier not listed
  fee_cents BIGINT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, code, modifier, effective_from)
);

-- What a payer's contract pays: listed amounts per code, else a percentage of Medicare.
CREATE TABLE payer_contract (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  payer_id BIGINT NOT NULL REFERENCES payer(id),
  name TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  medicare_pct_bp BIGINT,            -- basis points of the Medicare fee for unlisted codes (11000 = 110%)
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX payer_contract_payer ON payer_contract (practice_id, payer_id);

CREATE TABLE contract_rate (
  practice_id BIGINT NOT NULL,
  contract_id BIGINT NOT NULL REFERENCES payer_contract(id),
  code TEXT NOT NULL,
  modifier TEXT NOT NULL DEFAULT '',
  allowed_cents BIGINT NOT NULL,
  PRIMARY KEY (contract_id, code, modifier)
);

-- A visit to bill: from a checked-out appointment or entered on its own.
CREATE TABLE encounter (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  appointment_id BIGINT REFERENCES appointment(id),
  service_date TEXT NOT NULL,        -- YYYY-MM-DD
  rendering_provider_id BIGINT NOT NULL REFERENCES provider(id),
  billing_provider_id BIGINT REFERENCES provider(id), -- NULL: the practice bills as a group
  location_id BIGINT NOT NULL REFERENCES location(id),
  pos_code TEXT NOT NULL,            -- place of service, defaults to the location's
  referring_name TEXT,
  referring_npi TEXT,
  prior_auth TEXT,
  diagnoses TEXT NOT NULL,           -- up to 12 dotless ICD-10-CM codes, comma-separated, in order
  status TEXT NOT NULL,              -- open | billed | void
  charge_lag_days BIGINT NOT NULL,   -- days from the date of service to entry
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (practice_id, appointment_id)
);
CREATE INDEX encounter_patient ON encounter (practice_id, patient_id, service_date);

-- A service line of an encounter. Lines are never changed in place once entered: a
-- correction marks the old rows replaced and adds new ones, so what a submitted claim
-- billed stays on record.
CREATE TABLE charge (
  id {{id}},
  practice_id BIGINT NOT NULL,
  encounter_id BIGINT NOT NULL REFERENCES encounter(id),
  line_no BIGINT NOT NULL,
  code TEXT NOT NULL,                -- CPT or HCPCS, 5 characters
  modifiers TEXT NOT NULL DEFAULT '', -- up to 4 two-character modifiers, comma-separated
  units BIGINT NOT NULL,
  pointers TEXT NOT NULL,            -- up to 4 diagnosis positions (1..12), comma-separated
  unit_fee_cents BIGINT NOT NULL,
  charge_cents BIGINT NOT NULL,      -- unit_fee_cents x units
  replaced INTEGER NOT NULL DEFAULT 0, -- 1: superseded by a later correction of the encounter
  created_at TEXT NOT NULL
);
CREATE INDEX charge_encounter ON charge (encounter_id, replaced, line_no);

-- A claim: one encounter billed to one payer. Corrections and voids are new rows
-- (frequency 7 or 8) that point at the claim they replace; the replaced row keeps its
-- history and gets replaced_by.
CREATE TABLE claim (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  encounter_id BIGINT NOT NULL REFERENCES encounter(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  payer_id BIGINT NOT NULL REFERENCES payer(id),
  coverage_id BIGINT NOT NULL REFERENCES coverage(id),
  payer_order BIGINT NOT NULL,       -- 1 primary, 2 secondary, 3 tertiary
  service_date TEXT NOT NULL,
  status TEXT NOT NULL,              -- see billing/claim.c for the state machine
  frequency TEXT NOT NULL,           -- 1 original, 7 replacement, 8 void
  replaces_id BIGINT REFERENCES claim(id),
  replaced_by BIGINT,
  payer_claim_number TEXT,           -- the payer's number for it (needed to correct or void)
  total_cents BIGINT NOT NULL,
  expected_cents BIGINT,             -- what the contract should pay; NULL when no contract prices every line
  errors BIGINT NOT NULL DEFAULT 0,  -- edits of the last scrub
  warnings BIGINT NOT NULL DEFAULT 0,
  scrubbed_at TEXT,
  submitted_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX claim_status ON claim (practice_id, status, id);
CREATE INDEX claim_payer ON claim (practice_id, payer_id, status);
CREATE INDEX claim_encounter ON claim (practice_id, encounter_id);
CREATE INDEX claim_patient_day ON claim (practice_id, patient_id, service_date);

CREATE TABLE claim_line (
  claim_id BIGINT NOT NULL REFERENCES claim(id),
  line_no BIGINT NOT NULL,
  charge_id BIGINT NOT NULL REFERENCES charge(id),
  code TEXT NOT NULL,
  modifiers TEXT NOT NULL,
  units BIGINT NOT NULL,
  pointers TEXT NOT NULL,
  charge_cents BIGINT NOT NULL,
  expected_cents BIGINT,
  PRIMARY KEY (claim_id, line_no)
);

-- The edits the last scrub found on a claim.
CREATE TABLE claim_edit (
  claim_id BIGINT NOT NULL REFERENCES claim(id),
  seq BIGINT NOT NULL,
  edit TEXT NOT NULL,                -- the edit's id, e.g. NCCI-PTP
  severity TEXT NOT NULL,            -- error | warning
  field TEXT NOT NULL,               -- what it concerns, e.g. lines[2].modifiers
  message TEXT NOT NULL,
  PRIMARY KEY (claim_id, seq)
);

-- Every change of a claim's status, with who made it.
CREATE TABLE claim_event (
  id {{id}},
  practice_id BIGINT NOT NULL,
  claim_id BIGINT NOT NULL REFERENCES claim(id),
  at TEXT NOT NULL,
  user_id BIGINT,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT
);
CREATE INDEX claim_event_claim ON claim_event (claim_id, id);
