-- 015-receipt: receipts (回款单) and their allocations to instalments.
--
-- Money is INTEGER cents. A receipt is money a customer paid: its amount,
-- date, method and reference, the order it was for (if said) and the
-- funds account it went into. It is never deleted: a wrong one is
-- reversed (reversed_at, reversed_by, reverse_reason), which re-opens
-- what it paid. allocated is what its allocations add up to, kept in
-- step; amount - allocated of a receipt not reversed is the customer's
-- credit. Checks are OR chains (see 007-checks).
CREATE TABLE receipts (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	amount INTEGER NOT NULL CHECK (amount > 0),		-- cents
	date TEXT NOT NULL,
	method TEXT NOT NULL
		CHECK (method = 'bank' OR method = 'cash' OR method = 'card'
		OR method = 'alipay' OR method = 'wechat' OR
		method = 'check'),
	ref TEXT,
	order_id INTEGER REFERENCES orders (id),
	account_id INTEGER REFERENCES accounts (id),
	allocated INTEGER NOT NULL DEFAULT 0
		CHECK (allocated >= 0 AND allocated <= amount),	-- cents
	reversed_at TEXT,
	reversed_by TEXT REFERENCES users (login),
	reverse_reason TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE INDEX receipts_customer ON receipts (customer_id, date);
CREATE INDEX receipts_date ON receipts (date);
CREATE INDEX receipts_order ON receipts (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX receipts_account ON receipts (account_id)
	WHERE account_id IS NOT NULL;

-- What a receipt paid of an instalment, on a date (the receipt's, or the
-- later receipt's at which its credit was applied); a reversal adds the
-- negative of each, dated the day of the reversal, so that what was paid
-- as of any date is the sum of the allocations dated on or before it.
-- run: the run that wrote the row (crm undo removes the run's). An
-- instalment's paid is the sum of its allocations (crm check).
CREATE TABLE allocations (
	id INTEGER PRIMARY KEY,
	receipt_id INTEGER NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
	instalment_id INTEGER NOT NULL REFERENCES instalments (id),
	amount INTEGER NOT NULL CHECK (amount <> 0),		-- cents
	date TEXT NOT NULL,
	run INTEGER
);
CREATE INDEX allocations_receipt ON allocations (receipt_id);
CREATE INDEX allocations_instalment ON allocations (instalment_id, date);
CREATE INDEX allocations_run ON allocations (run);

-- received: the receipts paid into the account, less those reversed.
DROP VIEW account_balances;
CREATE VIEW account_balances AS
SELECT id, name, kind, currency, opening, received, spent,
	opening + received - spent AS balance, active
FROM (SELECT a.id, a.name, a.kind, a.currency, a.opening, a.active,
	coalesce((SELECT sum(r.amount) FROM receipts r
		WHERE r.account_id = a.id AND r.reversed_at IS NULL), 0)
		AS received,
	coalesce((SELECT sum(x.amount) FROM expenses x
		WHERE x.account_id = a.id), 0) AS spent
	FROM accounts a);
