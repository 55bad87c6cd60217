-- 007-checks: customers again, with the checks of tier and status written
-- as OR chains. A CHECK (x IN (...)) makes SQLite build an ephemeral
-- table of the list once per statement, that is once per row for the
-- one-row INSERT an import runs a million times (963 000 inserts: 7.1 s
-- with IN, 2.8 s with OR); the rows and what they allow are the same.
--
-- The rows go through a plain copy: with foreign keys deferred, dropping
-- the table counts the contacts left without their customer, and putting
-- each customer back counts them found again, so the commit checks every
-- reference as before.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE customers_006 AS SELECT * FROM main.customers;
DROP TABLE main.customers;
CREATE TABLE main.customers (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	contact TEXT,
	phone TEXT,
	email TEXT,
	address TEXT,
	city TEXT,
	region TEXT,
	industry TEXT,
	size TEXT,
	tier TEXT CHECK (tier = 'A' OR tier = 'B' OR tier = 'C' OR
		tier = 'D' OR tier = 'E'),
	status TEXT NOT NULL DEFAULT 'prospect'
		CHECK (status = 'prospect' OR status = 'active' OR
		status = 'dormant' OR status = 'lost'),
	owner TEXT REFERENCES users (login),
	pool TEXT,
	source_type TEXT,
	source_id TEXT,
	claimed_at TEXT,
	last_followup_at TEXT,
	next_followup_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	tags TEXT,		-- sorted and unique, joined by char(31)
	extra TEXT,		-- custom fields: a JSON object of text values
	name_key TEXT NOT NULL,	-- the name normalized, for duplicate checks
	core_key TEXT NOT NULL,	-- name_key without company suffix and place
	phone_key TEXT,		-- the phone's digits
	last_order_at TEXT,
	created_run INTEGER,	-- the run that created it (imports make no
	updated_run INTEGER,	-- per-field events; undo uses these)
	locked INTEGER,		-- 1, or NULL (003-pool)
	lock_reason TEXT,
	-- owned, or in a pool: never both, never neither
	CHECK ((owner IS NULL) <> (pool IS NULL))
);
INSERT INTO main.customers SELECT * FROM temp.customers_006 ORDER BY id;
DROP TABLE temp.customers_006;
CREATE INDEX customers_name_key ON customers (name_key);
CREATE INDEX customers_core_key ON customers (core_key);
CREATE INDEX customers_phone_key ON customers (phone_key)
	WHERE phone_key IS NOT NULL;
CREATE INDEX customers_owner ON customers (owner) WHERE owner IS NOT NULL;
CREATE INDEX customers_pool ON customers (pool) WHERE pool IS NOT NULL;
