-- 0013: payment plans: a patient pays a balance in installments; while a plan is active the
-- account is held from statements (account_hold reason 'payment plan').
CREATE TABLE payment_plan (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  total_cents BIGINT NOT NULL,       -- the balance agreed
  installment_cents BIGINT NOT NULL,
  frequency TEXT NOT NULL,           -- monthly | biweekly | weekly
  first_due TEXT NOT NULL,           -- YYYY-MM-DD
  status TEXT NOT NULL,              -- active | completed | cancelled
  note TEXT,
  created_by BIGINT,
  created_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX payment_plan_patient ON payment_plan (practice_id, patient_id, id);
