-- 002-customer: customers, their contacts, follow-ups (activities), the
-- history of who owned them, and the custom fields in use.

CREATE TABLE customers (
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
	tier TEXT CHECK (tier IN ('A', 'B', 'C', 'D', 'E')),
	status TEXT NOT NULL DEFAULT 'prospect'
		CHECK (status IN ('prospect', 'active', 'dormant', 'lost')),
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
	-- owned, or in a pool: never both, never neither
	CHECK ((owner IS NULL) <> (pool IS NULL))
);
CREATE INDEX customers_name_key ON customers (name_key);
CREATE INDEX customers_core_key ON customers (core_key);
CREATE INDEX customers_phone_key ON customers (phone_key)
	WHERE phone_key IS NOT NULL;
CREATE INDEX customers_owner ON customers (owner) WHERE owner IS NOT NULL;
CREATE INDEX customers_pool ON customers (pool) WHERE pool IS NOT NULL;

CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	name TEXT NOT NULL,
	title TEXT,
	phone TEXT,
	email TEXT,
	birthday TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX contacts_customer ON contacts (customer_id);

-- Follow-ups (跟进记录) of a customer, a lead or a deal.
CREATE TABLE activities (
	id INTEGER PRIMARY KEY,
	subject_type TEXT NOT NULL
		CHECK (subject_type IN ('customer', 'lead', 'deal')),
	subject_id INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'im',
		'meeting', 'note')),
	at TEXT NOT NULL,
	by_login TEXT NOT NULL REFERENCES users (login),
	note TEXT,
	next_at TEXT
);
CREATE INDEX activities_subject ON activities (subject_type, subject_id, at);

-- Every change of owner of a customer or a lead.
CREATE TABLE ownership (
	id INTEGER PRIMARY KEY,
	subject_type TEXT NOT NULL CHECK (subject_type IN ('customer', 'lead')),
	subject_id INTEGER NOT NULL,
	from_owner TEXT,
	to_owner TEXT,
	at TEXT NOT NULL,
	by_login TEXT NOT NULL,
	reason TEXT NOT NULL CHECK (reason IN ('claim', 'release', 'assign',
		'distribute', 'recycle', 'merge', 'convert')),
	note TEXT,
	run INTEGER REFERENCES runs (id)
);
CREATE INDEX ownership_subject ON ownership (subject_type, subject_id, at);

-- Custom fields in use (an import column that is one of these is not a
-- typo).
CREATE TABLE custom_fields (
	entity TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (entity, name)
);

-- An import writes no per-field events for the customers it creates (a
-- million rows would be ten million events): this view gives crm log one
-- 'create' row for each, from created_run.
CREATE VIEW bulk_events AS
SELECT c.created_run AS run, c.id AS seq, 'customer' AS entity,
	CAST(c.id AS TEXT) AS entity_id, 'create' AS action, 'name' AS field,
	NULL AS old, c.name AS new
FROM customers c
WHERE c.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'customer' AND e.entity_id = CAST(c.id AS TEXT)
	AND e.run = c.created_run);
