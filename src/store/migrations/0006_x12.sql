-- 0006: electronic claims. Who the practice sends X12 files to, and each batch of claims
-- sent as an 837P file (kept as sent, so it can be downloaded again or traced).

-- A practice's EDI set-up: the submitter (itself), the receiver (its clearinghouse or
-- payer), the ISA/GS identifiers, and the last control number used.
CREATE TABLE edi_settings (
  practice_id BIGINT PRIMARY KEY REFERENCES practice(id),
  submitter_name TEXT NOT NULL,
  submitter_id TEXT NOT NULL,         -- 1000A NM109, as the receiver knows the practice
  contact_name TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  receiver_name TEXT NOT NULL,
  receiver_id TEXT NOT NULL,          -- 1000B NM109
  isa_sender_qual TEXT NOT NULL DEFAULT 'ZZ',
  isa_sender_id TEXT NOT NULL,
  isa_receiver_qual TEXT NOT NULL DEFAULT 'ZZ',
  isa_receiver_id TEXT NOT NULL,
  gs_sender TEXT NOT NULL,
  gs_receiver TEXT NOT NULL,
  usage TEXT NOT NULL DEFAULT 'T',    -- T test, P production (ISA15)
  last_control BIGINT NOT NULL DEFAULT 0, -- ISA13 and GS06 of the last file
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- One 837P file and the claims it carried.
CREATE TABLE claim_batch (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  control BIGINT NOT NULL,            -- ISA13 / GS06
  claims BIGINT NOT NULL,
  total_cents BIGINT NOT NULL,
  content TEXT NOT NULL,              -- the file as sent
  created_by BIGINT,
  created_at TEXT NOT NULL,
  UNIQUE (practice_id, control)
);

CREATE TABLE claim_batch_claim (
  batch_id BIGINT NOT NULL REFERENCES claim_batch(id),
  claim_id BIGINT NOT NULL REFERENCES claim(id),
  PRIMARY KEY (batch_id, claim_id)
);
CREATE INDEX claim_batch_claim_claim ON claim_batch_claim (claim_id);
