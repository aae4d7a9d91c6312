-- 0012: patient statements, their runs, and holds on accounts that must not be billed (a
-- disputed balance, a payment plan).
CREATE TABLE statement_run (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  as_of TEXT NOT NULL,               -- YYYY-MM-DD: the statement date
  min_balance_cents BIGINT NOT NULL, -- patients owing less are not billed
  statements BIGINT NOT NULL,        -- printed
  collections BIGINT NOT NULL,       -- past their final notice: referred, not printed
  total_cents BIGINT NOT NULL,
  created_by BIGINT,
  created_at TEXT NOT NULL
);

-- One patient's statement in a run, as it was printed (the document is kept: a statement
-- is evidence of what the patient was told).
CREATE TABLE statement (
  id {{id}},
  practice_id BIGINT NOT NULL,
  run_id BIGINT NOT NULL REFERENCES statement_run(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  notice BIGINT NOT NULL,            -- 1 statement, 2 second notice, 3 final notice, 4 collections
  balance_cents BIGINT NOT NULL,
  document TEXT NOT NULL,            -- JSON: formats/statement.h
  created_at TEXT NOT NULL
);
CREATE INDEX statement_patient ON statement (practice_id, patient_id, id);
CREATE INDEX statement_run_page ON statement (run_id, id);

CREATE TABLE account_hold (
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  patient_id BIGINT NOT NULL REFERENCES patient(id),
  reason TEXT NOT NULL,              -- disputed | payment_plan | other, and a note
  created_by BIGINT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (practice_id, patient_id)
);
