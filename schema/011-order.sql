-- 011-order: sales orders (销售订单), their lines, the per-year counter of
-- their numbers, and the payment plan's instalments (回款计划, crm-pay's).
--
-- Money is INTEGER cents, a discount INTEGER hundredths of a percent, as
-- in quotes (009). A line's amount is qty × price × (1 − discount),
-- rounded half-up to the cent; an order's total is the sum of its lines'
-- amounts (crm check verifies it). Checks are OR chains (see 007-checks).

-- number: made by order.number_format (SO-%Y-%06n) from the counter of
-- the order date's year (order_numbers), in the adding transaction, so
-- that the numbers of a year are 1..N without gaps; seq is that counter
-- (NULL for a number that did not come from it: an import's). number_key
-- is the number case- and punctuation-folded: unique, and what finds an
-- order by its number. owner: the customer's owner when the order was
-- made, unless given.
CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL,
	seq INTEGER CHECK (seq IS NULL OR seq >= 1),
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	deal_id INTEGER REFERENCES deals (id),
	quote_id INTEGER REFERENCES quotes (id),
	contract_id INTEGER REFERENCES contracts (id),
	owner TEXT NOT NULL REFERENCES users (login),
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status = 'draft' OR status = 'confirmed' OR
		status = 'shipped' OR status = 'delivered' OR
		status = 'completed' OR status = 'cancelled'),
	order_date TEXT NOT NULL,
	deliver_by TEXT,
	terms TEXT,		-- '30%:0,70%:30': percent:days after order_date
	total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),	-- cents
	cancel_reason TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	extra TEXT,
	number_key TEXT NOT NULL,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE UNIQUE INDEX orders_number_key ON orders (number_key);
-- one number per counter value of a year
CREATE UNIQUE INDEX orders_seq ON orders (substr(order_date, 1, 4), seq)
	WHERE seq IS NOT NULL;
CREATE INDEX orders_customer ON orders (customer_id, order_date);
CREATE INDEX orders_owner ON orders (owner, status);
CREATE INDEX orders_date ON orders (order_date);
CREATE INDEX orders_deal ON orders (deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX orders_quote ON orders (quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX orders_contract ON orders (contract_id)
	WHERE contract_id IS NOT NULL;

-- A line keeps the sku, name and price it was ordered with, as a quote's
-- does. shipped: how many of it went out (the shipments of crm-order
-- ship), never more than ordered. Lines go with their order.
CREATE TABLE order_lines (
	order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	line INTEGER NOT NULL CHECK (line >= 1),
	product_id INTEGER NOT NULL REFERENCES products (id),
	sku TEXT NOT NULL,
	name TEXT NOT NULL,
	qty INTEGER NOT NULL CHECK (qty >= 1),
	price INTEGER NOT NULL CHECK (price >= 0),		-- cents
	discount INTEGER NOT NULL DEFAULT 0
		CHECK (discount BETWEEN 0 AND 10000),		-- 0.01%
	amount INTEGER NOT NULL CHECK (amount >= 0),		-- cents
	shipped INTEGER NOT NULL DEFAULT 0
		CHECK (shipped >= 0 AND shipped <= qty),
	PRIMARY KEY (order_id, line)
);
CREATE INDEX order_lines_product ON order_lines (product_id);

-- The last counter given in each year. An add takes the next in its
-- write transaction (one writer at a time: BEGIN IMMEDIATE); crm undo of
-- the add of the last number gives it back.
CREATE TABLE order_numbers (
	year INTEGER PRIMARY KEY,
	seq INTEGER NOT NULL CHECK (seq >= 0)
);

-- A payment plan's instalments (回款计划), crm-pay's records: an order's
-- terms make them (percent:days after its order date), summing exactly to
-- its total, the last taking what the rounding leaves. paid is what
-- receipts have allocated to it; an instalment is open until paid in
-- full; a cancelled order's open instalments are cancelled. "overdue" is
-- not stored: an open instalment past its due_date is overdue.
CREATE TABLE instalments (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	seq INTEGER NOT NULL CHECK (seq >= 1),
	percent INTEGER NOT NULL
		CHECK (percent BETWEEN 0 AND 10000),		-- 0.01%
	due_date TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount >= 0),		-- cents
	paid INTEGER NOT NULL DEFAULT 0
		CHECK (paid >= 0 AND paid <= amount),		-- cents
	status TEXT NOT NULL DEFAULT 'open'
		CHECK (status = 'open' OR status = 'paid' OR
		status = 'cancelled'),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE INDEX instalments_order ON instalments (order_id, seq);
CREATE INDEX instalments_due ON instalments (due_date) WHERE status = 'open';

-- crm log's 'create' row of each order an import made (see 006-lead).
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
	AND e.run = o.created_run);
