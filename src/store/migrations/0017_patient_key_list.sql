-- 0017: a search answers from patient_key alone. Each key row carries its patient's list
-- columns (written with the keys on every change of the patient), and an index covers them,
-- so a page of results reads a few index pages in key order instead of one patient row per
-- result (on SQLite every commit, an audit event's too, empties the other connections' page
-- caches, and those rows were read again from the file for each search).
ALTER TABLE patient_key ADD COLUMN mrn TEXT;
ALTER TABLE patient_key ADD COLUMN family_name TEXT;
ALTER TABLE patient_key ADD COLUMN given_name TEXT;
ALTER TABLE patient_key ADD COLUMN preferred_name TEXT;
ALTER TABLE patient_key ADD COLUMN birth_date TEXT;
ALTER TABLE patient_key ADD COLUMN sex_at_birth TEXT;
ALTER TABLE patient_key ADD COLUMN status TEXT;
ALTER TABLE patient_key ADD COLUMN version BIGINT;
UPDATE patient_key SET mrn = p.mrn, family_name = p.family_name, given_name = p.given_name,
  preferred_name = p.preferred_name, birth_date = p.birth_date, sex_at_birth = p.sex_at_birth, status = p.status,
  version = p.version
  FROM patient p WHERE p.id = patient_key.patient_id;
CREATE INDEX patient_key_list ON patient_key (practice_id, key, rank, patient_id, status, mrn, family_name, given_name,
  preferred_name, birth_date, sex_at_birth, version);
