-- 0015: payment-plan reminders: an e-mail before an installment is due and a notice when one
-- is a week late, each once (like appointment reminders: claimed by an atomic UPDATE, retried,
-- each attempt kept and audited).
CREATE TABLE plan_reminder (
  id {{id}},
  practice_id BIGINT NOT NULL,
  plan_id BIGINT NOT NULL REFERENCES payment_plan(id),
  due TEXT NOT NULL,                 -- YYYY-MM-DD: the installment's due date
  kind TEXT NOT NULL,                -- upcoming | late
  status TEXT NOT NULL,              -- pending | sending | sent | skipped | failed
  next_s BIGINT NOT NULL,            -- when to try (unix seconds)
  attempts BIGINT NOT NULL DEFAULT 0,
  outcome TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (plan_id, due, kind)
);
CREATE INDEX plan_reminder_due ON plan_reminder (status, next_s);
