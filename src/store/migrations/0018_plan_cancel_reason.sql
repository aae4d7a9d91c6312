-- 0018: why a payment plan was cancelled, kept apart from the note it was set up with (a
-- cancel used to overwrite that note).
ALTER TABLE payment_plan ADD COLUMN cancel_reason TEXT;
