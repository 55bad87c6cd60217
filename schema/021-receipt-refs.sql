-- 021-receipt-refs: a receipt's reference (a bank's 交易流水号, a check's
-- number) as a duplicate key, so that a bank statement imported twice,
-- or a receipt recorded by hand and then found in the statement, is one
-- receipt, never two (crm-pay receipt import). ref_key is the reference
-- folded as a name is (case, full-width, spaces and punctuation), NULL
-- when it has no letters or digits. extra: custom fields (JSON), as every
-- entity has them: a statement's other columns (对方账号 ...) kept with
-- import --extra.
ALTER TABLE receipts ADD COLUMN ref_key TEXT;
ALTER TABLE receipts ADD COLUMN extra TEXT;
UPDATE receipts SET ref_key = nullif(crm_key(ref), '');
CREATE INDEX receipts_ref_key ON receipts (ref_key)
	WHERE ref_key IS NOT NULL;
