-- 0016: family accounts. A patient may have another patient of the practice as guarantor
-- (a parent for a child): the guarantor's account then holds the patient's balance too,
-- with one statement, one credit and payments applied across it. A guarantor has no
-- guarantor of their own.
ALTER TABLE patient ADD COLUMN guarantor_patient_id BIGINT REFERENCES patient(id);
CREATE INDEX patient_guarantor ON patient (practice_id, guarantor_patient_id);
