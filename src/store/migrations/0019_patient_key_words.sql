-- 0019: each patient_key row carries all of its patient's keys (words: " n:doe n:jane
-- d:1980-04-02 m:100234"), under the covering index, so the other words of a search ("smith
-- j") are checked in the row being read. They were checked by a probe into another index per
-- candidate, each a random page: on SQLite, whose commits (an audit event's too) empty the
-- other connections' page caches, such a search read about 200 pages back from the file.
ALTER TABLE patient_key ADD COLUMN words TEXT;
-- engine: sqlite
UPDATE patient_key SET words = (SELECT ' ' || group_concat(k2.key, ' ') FROM patient_key k2
  WHERE k2.practice_id = patient_key.practice_id AND k2.patient_id = patient_key.patient_id);
-- engine: pg
UPDATE patient_key SET words = w.words FROM (SELECT practice_id, patient_id, ' ' || string_agg(key, ' ') AS words
  FROM patient_key GROUP BY practice_id, patient_id) w
  WHERE w.practice_id = patient_key.practice_id AND w.patient_id = patient_key.patient_id;
-- engine: all
DROP INDEX patient_key_list;
CREATE INDEX patient_key_list ON patient_key (practice_id, key, rank, patient_id, status, mrn, family_name, given_name,
  preferred_name, birth_date, sex_at_birth, version, words);
