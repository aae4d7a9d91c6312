-- 0007: remittances read from 835 files, matched to the practice's claims. Posting them
-- (payments, adjustments, patient responsibility) is done from these rows.

-- An 835 file as received; the same bytes twice are one file (idempotent import).
CREATE TABLE remittance_file (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  sha256 TEXT NOT NULL,
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  UNIQUE (practice_id, sha256)
);

-- One 835 transaction set: a payment (check or EFT) from a payer.
CREATE TABLE remittance (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  file_id BIGINT NOT NULL REFERENCES remittance_file(id),
  payer_name TEXT NOT NULL,
  payer_ident TEXT,                  -- the payer's id in the file (N104 or REF 2U)
  payer_id BIGINT REFERENCES payer(id), -- the practice's payer it was matched to
  method TEXT NOT NULL,              -- BPR04: CHK, ACH, NON ...
  trace TEXT,                        -- TRN02: check or EFT trace number
  paid_on TEXT,                      -- BPR16 YYYY-MM-DD
  amount_cents BIGINT NOT NULL,      -- BPR02
  claims_paid_cents BIGINT NOT NULL, -- sum of CLP04
  provider_adjustments_cents BIGINT NOT NULL, -- sum of PLB amounts
  balanced INTEGER NOT NULL,         -- amount = claims paid - provider adjustments
  claims BIGINT NOT NULL,
  unmatched BIGINT NOT NULL,         -- claims not matched to a claim of the practice
  document TEXT NOT NULL,            -- the remittance as read (JSON, formats/x12/x835.h)
  created_at TEXT NOT NULL
);
CREATE INDEX remittance_practice ON remittance (practice_id, id);

-- A claim of a remittance and the practice claim it was matched to.
CREATE TABLE remittance_claim (
  id {{id}},
  remittance_id BIGINT NOT NULL REFERENCES remittance(id),
  practice_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,               -- its place in the remittance
  claim_ref TEXT NOT NULL,           -- CLP01 as the payer returned it
  claim_id BIGINT REFERENCES claim(id),
  match TEXT NOT NULL,               -- claim_id | payer_claim_number | none
  status TEXT NOT NULL,              -- CLP02: 1 primary, 2 secondary, 4 denied, 22 reversal ...
  charge_cents BIGINT NOT NULL,
  paid_cents BIGINT NOT NULL,
  patient_cents BIGINT NOT NULL,
  payer_claim_number TEXT,
  lines_matched BIGINT NOT NULL,
  lines BIGINT NOT NULL
);
CREATE INDEX remittance_claim_claim ON remittance_claim (claim_id);
