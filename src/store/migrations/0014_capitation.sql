-- 0014: capitation. A payer pays a fixed amount per member per month (PMPM) for the patients
-- assigned to the practice; their visits are reported to the payer as encounter data and
-- owe the payer nothing (CARC 24), except the services the contract carves out, which are
-- billed fee-for-service.
CREATE TABLE capitation_contract (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  payer_id BIGINT NOT NULL REFERENCES payer(id),
  name TEXT NOT NULL,
  effective_from TEXT NOT NULL,      -- YYYY-MM-DD
  effective_to TEXT,
  pmpm_cents BIGINT NOT NULL,        -- the rate per member per month when the roster gives none
  carve_outs TEXT NOT NULL DEFAULT '', -- CPT/HCPCS codes billed fee-for-service, comma-separated
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX capitation_contract_payer ON capitation_contract (practice_id, payer_id);

-- The payer's roster of a month: who the practice is paid for. A new roster of a month
-- replaces the old one. patient_id is the patient whose coverage with the payer has the
-- member id, or NULL when none does (the roster names someone the practice does not know).
CREATE TABLE capitation_member (
  id {{id}},
  practice_id BIGINT NOT NULL,
  contract_id BIGINT NOT NULL REFERENCES capitation_contract(id),
  month TEXT NOT NULL,               -- YYYY-MM
  member_id TEXT NOT NULL,
  patient_id BIGINT REFERENCES patient(id),
  rate_cents BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (contract_id, month, member_id)
);
CREATE INDEX capitation_member_patient ON capitation_member (practice_id, patient_id, month);
-- a roster matches its members to patients by member id
CREATE INDEX coverage_member ON coverage (practice_id, payer_id, member_id);

-- A capitation payment of a month (a journal entry: cash against capitation revenue), with
-- the members it lists when the payer gives them (820 remittance detail).
CREATE TABLE capitation_payment (
  id {{id}},
  practice_id BIGINT NOT NULL,
  contract_id BIGINT NOT NULL REFERENCES capitation_contract(id),
  month TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  entry_id BIGINT NOT NULL REFERENCES journal_entry(id),
  created_at TEXT NOT NULL
);
CREATE INDEX capitation_payment_month ON capitation_payment (contract_id, month);

CREATE TABLE capitation_payment_member (
  payment_id BIGINT NOT NULL REFERENCES capitation_payment(id),
  member_id TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  PRIMARY KEY (payment_id, member_id)
);

-- A claim line covered by capitation: reported as encounter data, expected to pay nothing.
ALTER TABLE claim_line ADD COLUMN capitated INTEGER NOT NULL DEFAULT 0;
