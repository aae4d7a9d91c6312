-- 0008: other inbound X12 files (999 and 277CA acknowledgments, 271 eligibility answers), kept once by their bytes
-- with what they changed.
CREATE TABLE x12_inbound (
  id {{id}},
  practice_id BIGINT NOT NULL REFERENCES practice(id),
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,                -- 999 | 277 | 271
  name TEXT NOT NULL,
  content TEXT NOT NULL,
  summary TEXT NOT NULL,             -- JSON: what the file said and did
  created_by BIGINT,
  created_at TEXT NOT NULL,
  UNIQUE (practice_id, sha256)
);
