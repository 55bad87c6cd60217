-- 021-receipt-refs: a receipt's reference (a bank's 交易流水号, a check's
-- number) as a duplicate key, so that a bank statement imported twice,
-- or a receipt recorded by hand and then found in the statement, is one
-- receipt, never two (crm-pay receipt import). ref_key is the reference
-- folded as a name is (case, full-width, spaces and punctuation), NULL
-- when it has no letters or digits.
ALTER TABLE receipts ADD COLUMN ref_key TEXT;
UPDATE receipts SET ref_key = nullif(crm_key(ref), '');
CREATE INDEX receipts_ref_key ON receipts (ref_key)
	WHERE ref_key IS NOT NULL;
