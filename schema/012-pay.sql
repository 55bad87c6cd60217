-- 012-pay: funds accounts (资金账户) and expenses (费用), the first part of
-- crm-pay. Payment plans, invoices, receipts and their allocations come
-- with the orders.
--
-- Money is INTEGER cents. An account is known by its name, unique
-- case-folded (name_key). An expense belongs to the user who spent it
-- (`user`, the owner for who sees what). Checks are OR chains (see
-- 007-checks).

CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'bank'
		CHECK (kind = 'bank' OR kind = 'cash' OR kind = 'alipay'
		OR kind = 'wechat' OR kind = 'other'),
	currency TEXT,		-- ISO 4217 (CNY); NULL: the setting currency
	opening INTEGER NOT NULL DEFAULT 0,	-- cents, the balance at start
	active INTEGER NOT NULL DEFAULT 1
		CHECK (active = 0 OR active = 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	name_key TEXT NOT NULL,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE UNIQUE INDEX accounts_name_key ON accounts (name_key);

CREATE TABLE expenses (
	id INTEGER PRIMARY KEY,
	date TEXT NOT NULL,
	category TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount > 0),	-- cents
	user TEXT NOT NULL REFERENCES users (login),
	account_id INTEGER REFERENCES accounts (id),
	campaign_id INTEGER REFERENCES campaigns (id),
	customer_id INTEGER REFERENCES customers (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	extra TEXT,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE INDEX expenses_date ON expenses (date);
CREATE INDEX expenses_user ON expenses (user, date);
CREATE INDEX expenses_account ON expenses (account_id)
	WHERE account_id IS NOT NULL;
CREATE INDEX expenses_campaign ON expenses (campaign_id)
	WHERE campaign_id IS NOT NULL;
CREATE INDEX expenses_customer ON expenses (customer_id)
	WHERE customer_id IS NOT NULL;

-- An account's balance: its opening balance, plus what it received, less
-- what was spent from it. Receipts come later: their migration redefines
-- this view with `received` the sum of the receipts (less reversals)
-- paid into the account; until then it is 0. crm-pay account list and
-- show read only this view, so that nothing else changes then.
CREATE VIEW account_balances AS
SELECT id, name, kind, currency, opening, received, spent,
	opening + received - spent AS balance, active
FROM (SELECT a.id, a.name, a.kind, a.currency, a.opening, a.active,
	0 AS received,
	coalesce((SELECT sum(x.amount) FROM expenses x
		WHERE x.account_id = a.id), 0) AS spent
	FROM accounts a);

-- crm log's 'create' row of each expense an import made (see 006-lead);
-- the orders of 011 stay in it.
DROP VIEW bulk_events;
CREATE VIEW bulk_events AS
SELECT c.created_run AS run, c.id AS seq, 'customer' AS entity,
	CAST(c.id AS TEXT) AS entity_id, 'create' AS action, 'name' AS field,
	NULL AS old, c.name AS new
FROM customers c
WHERE c.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'customer' AND e.entity_id = CAST(c.id AS TEXT)
	AND e.run = c.created_run)
UNION ALL
SELECT d.created_run, d.id, 'deal', CAST(d.id AS TEXT), 'create', 'name',
	NULL, d.name
FROM deals d
WHERE d.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'deal' AND e.entity_id = CAST(d.id AS TEXT)
	AND e.run = d.created_run)
UNION ALL
SELECT l.created_run, l.id, 'lead', CAST(l.id AS TEXT), 'create', 'name',
	NULL, l.name
FROM leads l
WHERE l.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'lead' AND e.entity_id = CAST(l.id AS TEXT)
	AND e.run = l.created_run)
UNION ALL
SELECT p.created_run, p.id, 'product', CAST(p.id AS TEXT), 'create', 'name',
	NULL, p.name
FROM products p
WHERE p.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'product' AND e.entity_id = CAST(p.id AS TEXT)
	AND e.run = p.created_run)
UNION ALL
SELECT o.created_run, o.id, 'order', CAST(o.id AS TEXT), 'create', 'number',
	NULL, o.number
FROM orders o
WHERE o.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'order' AND e.entity_id = CAST(o.id AS TEXT)
	AND e.run = o.created_run)
UNION ALL
SELECT x.created_run, x.id, 'expense', CAST(x.id AS TEXT), 'create',
	'category', NULL, x.category
FROM expenses x
WHERE x.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'expense' AND e.entity_id = CAST(x.id AS TEXT)
	AND e.run = x.created_run);
