-- 0010: what the last 271 said, benefit by benefit (JSON: formats/x12/x27x.h), and the plan's
-- coinsurance in basis points (2000 = 20%).
ALTER TABLE coverage ADD COLUMN coinsurance_bp INTEGER;
ALTER TABLE coverage ADD COLUMN eligibility_benefits TEXT;
