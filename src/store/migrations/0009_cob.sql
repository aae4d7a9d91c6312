-- 0009: what an 837P says about assignment and about the other payers of a claim, instead of
-- fixed values. CLM07 comes from the payer, CLM08/CLM09 (and OI03/OI06 on a later payer's
-- claim) from the insured's signatures on the coverage, SBR05 from the coverage when
-- Medicare pays second.
ALTER TABLE payer ADD COLUMN accepts_assignment INTEGER NOT NULL DEFAULT 1;   -- CLM07 A, else C
ALTER TABLE coverage ADD COLUMN benefits_assigned INTEGER NOT NULL DEFAULT 1; -- CLM08 Y, else N
ALTER TABLE coverage ADD COLUMN release_code TEXT NOT NULL DEFAULT 'Y';       -- CLM09: Y signed, I informed consent only
ALTER TABLE coverage ADD COLUMN msp_type TEXT;                                -- SBR05 when Medicare is secondary
