-- 0020: what a payment plan counts, and what holds it.
-- A plan counts the payments posted after it was made: journal entries after after_entry_id
-- (the practice's last entry then). It compared created_at, to the second, so a payment
-- made just before the plan, in the same second, counted toward it. Existing plans get the
-- entries they counted before.
ALTER TABLE payment_plan ADD COLUMN after_entry_id BIGINT NOT NULL DEFAULT 0;
UPDATE payment_plan SET after_entry_id = (SELECT COALESCE(MAX(j.id), 0) FROM journal_entry j
  WHERE j.practice_id = payment_plan.practice_id AND j.created_at < payment_plan.created_at);
-- An active plan holds its account from statements by being active (statement_run_create
-- asks), no longer through an account_hold row of its own: such a row was indistinguishable
-- from a hold a biller set by hand, so lifting one by hand released the plan's, and ending a
-- plan lifted a hand-set 'payment plan' hold. The rows the running plans wrote go;
-- account_hold now holds only what people set.
DELETE FROM account_hold WHERE reason = 'payment plan' AND EXISTS (
  SELECT 1 FROM payment_plan pp WHERE pp.practice_id = account_hold.practice_id
  AND pp.patient_id = account_hold.patient_id AND pp.status = 'active');
