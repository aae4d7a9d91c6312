-- 0011: the journal every cent moves through (DESIGN.md: one journal). Each financial event
-- is one balanced entry: its lines' signed amounts (debit positive, credit negative) add up
-- to zero. Balances, the patients' ledgers and A/R aging are sums over journal_line.

-- The chart of accounts, per practice. The system accounts (ledger/ledger.h) are created
-- on first use; the general ledger issue adds the practice's own.
CREATE TABLE ledger_account (
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  code TEXT NOT NULL,                -- "1100"
  name TEXT NOT NULL,
  type TEXT NOT NULL,                -- asset | liability | equity | revenue | contra_revenue | expense
  PRIMARY KEY (practice_id, code)
);

-- One financial event. Never updated: a correction is a reversal (reverses = the entry it
-- undoes, at most one reversal per entry) plus a new entry.
CREATE TABLE journal_entry (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  kind TEXT NOT NULL,                -- charge | payment | insurance_payment | adjustment | writeoff | transfer
                                     -- | refund | credit_apply | provider_adjustment | reversal
  effective_date TEXT NOT NULL,      -- YYYY-MM-DD: the business date (service, deposit, adjudication)
  patient_id BIGINT REFERENCES patient(id),
  payer_id BIGINT REFERENCES payer(id),
  claim_id BIGINT REFERENCES claim(id),
  remittance_id BIGINT REFERENCES remittance(id),
  method TEXT,                       -- cash | check | card | eft | ...
  reference TEXT,                    -- check number, card reference, EFT trace
  reason TEXT,                       -- why (write-offs, refunds, reversals)
  reverses BIGINT UNIQUE REFERENCES journal_entry(id),
  idempotency_key TEXT,              -- the client's Idempotency-Key, or a natural key ("remit:12")
  created_by BIGINT,
  created_at TEXT NOT NULL,
  UNIQUE (practice_id, idempotency_key)
);
CREATE INDEX journal_entry_patient ON journal_entry (practice_id, patient_id, id);
CREATE INDEX journal_entry_claim ON journal_entry (claim_id);

-- A line of an entry. The A/R lines carry who owes (payer_id, NULL for the patient) and
-- what for (the charge), so balances split by charge and responsibility.
CREATE TABLE journal_line (
  id {{id}},
  entry_id BIGINT NOT NULL REFERENCES journal_entry(id),
  practice_id BIGINT NOT NULL,
  account TEXT NOT NULL,             -- ledger_account.code
  amount_cents BIGINT NOT NULL,      -- debit positive, credit negative; never 0
  patient_id BIGINT,
  payer_id BIGINT,                   -- on A/R insurance lines: the payer who owes
  charge_id BIGINT REFERENCES charge(id),
  group_code TEXT,                   -- CARC group (CO, PR, OA, PI) of an adjustment
  reason_code TEXT,                  -- CARC reason (45, 1, 2, 3, ...)
  effective_date TEXT NOT NULL,      -- the entry's, kept here so balances as of a date read one table
  service_date TEXT                  -- the charge's date of service: A/R ages from it
);
CREATE INDEX journal_line_entry ON journal_line (entry_id);
CREATE INDEX journal_line_charge ON journal_line (charge_id, account);
CREATE INDEX journal_line_patient ON journal_line (practice_id, patient_id, account);
-- covers the A/R aging and balances as of a date: read from the index alone
CREATE INDEX journal_line_account ON journal_line (practice_id, account, effective_date, payer_id, patient_id, service_date,
  amount_cents);

-- Posting reads a remittance's claims in order.
CREATE INDEX remittance_claim_remittance ON remittance_claim (remittance_id, seq);

-- Each remittance claim is posted once: what became of it.
CREATE TABLE remittance_posting (
  remittance_claim_id BIGINT PRIMARY KEY REFERENCES remittance_claim(id),
  practice_id BIGINT NOT NULL,
  outcome TEXT NOT NULL,             -- posted | denied | exception
  entry_id BIGINT REFERENCES journal_entry(id),
  created_at TEXT NOT NULL
);

-- What could not be posted automatically, with the reason, until someone resolves it.
CREATE TABLE posting_exception (
  id {{id}},
  practice_id BIGINT NOT NULL,
  remittance_id BIGINT NOT NULL REFERENCES remittance(id),
  remittance_claim_id BIGINT REFERENCES remittance_claim(id),
  claim_id BIGINT REFERENCES claim(id),
  line_seq BIGINT,                   -- the remittance line (1-based), NULL for the whole claim
  reason TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,      -- what the payer paid on it
  status TEXT NOT NULL,              -- open | resolved
  resolved_by BIGINT,
  resolved_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX posting_exception_open ON posting_exception (practice_id, status, id);

-- A service line the payer paid nothing for, for reasons other than the patient's share:
-- worked (appealed, corrected, written off) from the denial worklist, never written off
-- by the posting itself.
CREATE TABLE denial (
  id {{id}},
  practice_id BIGINT NOT NULL,
  claim_id BIGINT NOT NULL REFERENCES claim(id),
  line_no BIGINT,                    -- the claim line; NULL when the whole claim was denied
  charge_id BIGINT REFERENCES charge(id),
  payer_id BIGINT NOT NULL REFERENCES payer(id),
  remittance_claim_id BIGINT NOT NULL REFERENCES remittance_claim(id),
  amount_cents BIGINT NOT NULL,      -- the charge left unpaid
  reasons TEXT NOT NULL,             -- "CO-50,N115": CARC groups and reasons, then RARCs
  denied_on TEXT NOT NULL,           -- YYYY-MM-DD: the remittance's date
  appeal_by TEXT NOT NULL,           -- YYYY-MM-DD: the payer's appeal deadline
  status TEXT NOT NULL,              -- open | appealed | resubmitted | written_off | closed
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX denial_open ON denial (practice_id, status, appeal_by);

-- A line paid below its contract: what was expected, what was allowed (paid + the patient's
-- share), and the difference.
CREATE TABLE underpayment (
  id {{id}},
  practice_id BIGINT NOT NULL,
  claim_id BIGINT NOT NULL REFERENCES claim(id),
  line_no BIGINT NOT NULL,
  payer_id BIGINT NOT NULL REFERENCES payer(id),
  remittance_claim_id BIGINT NOT NULL REFERENCES remittance_claim(id),
  expected_cents BIGINT NOT NULL,
  allowed_cents BIGINT NOT NULL,
  paid_cents BIGINT NOT NULL,
  status TEXT NOT NULL,              -- open | appealed | accepted
  created_at TEXT NOT NULL
);
CREATE INDEX underpayment_open ON underpayment (practice_id, status, id);
