-- 009-quote: quotes (报价单) of customers, their lines, and the approvals
-- the setting quote.approval asks for.
--
-- Money is INTEGER cents. A discount is INTEGER hundredths of a percent
-- (1250 is 12.50%), so that it is exact too. A line's amount is
-- qty × price × (1 − discount), rounded half-up to the cent; a quote's
-- total is the sum of its lines' amounts, its gross the sum before the
-- discounts. Checks are OR chains (see 007-checks).

CREATE TABLE quotes (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	-- a deleted deal leaves its quotes, unlinked
	deal_id INTEGER REFERENCES deals (id) ON DELETE SET NULL,
	owner TEXT NOT NULL REFERENCES users (login),
	status TEXT NOT NULL DEFAULT 'draft'
		CHECK (status = 'draft' OR status = 'submitted' OR
		status = 'approved' OR status = 'rejected' OR
		status = 'accepted' OR status = 'expired'),
	valid_until TEXT,
	gross INTEGER NOT NULL DEFAULT 0 CHECK (gross >= 0),	-- cents
	total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),	-- cents
	max_discount INTEGER NOT NULL DEFAULT 0	-- the largest line's
		CHECK (max_discount BETWEEN 0 AND 10000),
	submitted_at TEXT,
	approved_by TEXT,	-- the approvers so far: 'manager, finance'
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	extra TEXT,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE INDEX quotes_customer ON quotes (customer_id);
CREATE INDEX quotes_deal ON quotes (deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX quotes_owner ON quotes (owner, status);

-- A line names its product and keeps the sku, name and price it was
-- quoted with: a later change of the catalogue does not change a quote.
-- Lines go with their quote (crm undo of its add deletes it).
CREATE TABLE quote_lines (
	quote_id INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
	line INTEGER NOT NULL CHECK (line >= 1),
	product_id INTEGER NOT NULL REFERENCES products (id),
	sku TEXT NOT NULL,
	name TEXT NOT NULL,
	qty INTEGER NOT NULL CHECK (qty >= 1),
	price INTEGER NOT NULL CHECK (price >= 0),		-- cents
	discount INTEGER NOT NULL DEFAULT 0
		CHECK (discount BETWEEN 0 AND 10000),		-- 0.01%
	amount INTEGER NOT NULL CHECK (amount >= 0),		-- cents
	PRIMARY KEY (quote_id, line)
);
CREATE INDEX quote_lines_product ON quote_lines (product_id);

-- Every decision on a submitted quote: who (by_login), in which role
-- (manager or finance), when, and why for a rejection. run: crm undo of
-- the run removes it with the status change it made.
CREATE TABLE quote_approvals (
	id INTEGER PRIMARY KEY,
	quote_id INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role = 'manager' OR role = 'finance'),
	by_login TEXT NOT NULL,
	at TEXT NOT NULL,
	decision TEXT NOT NULL
		CHECK (decision = 'approved' OR decision = 'rejected'),
	reason TEXT,
	run INTEGER,
	CHECK (decision = 'approved' OR reason IS NOT NULL)
);
CREATE INDEX quote_approvals_quote ON quote_approvals (quote_id, at);
