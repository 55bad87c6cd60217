-- 006-lead: campaigns (市场活动) and leads (线索) with their pool
-- (线索池). A lead has an owner or is in a pool, as a customer; a
-- converted one keeps links to what it became.
--
-- Checks are OR chains: an IN list makes SQLite open ephemeral tables on
-- every insert (see 005-deal).

CREATE TABLE campaigns (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	channel TEXT NOT NULL DEFAULT 'other'
		CHECK (channel = 'expo' OR channel = 'web' OR channel = 'ads'
		OR channel = 'referral' OR channel = 'mail'
		OR channel = 'phone' OR channel = 'other'),
	start_date TEXT,
	end_date TEXT,
	place TEXT,
	budget INTEGER,		-- cents
	cost INTEGER,		-- cents
	owner TEXT NOT NULL REFERENCES users (login),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	extra TEXT,
	name_key TEXT NOT NULL,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE INDEX campaigns_name_key ON campaigns (name_key);

CREATE TABLE leads (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	company TEXT,
	title TEXT,
	phone TEXT,
	email TEXT,
	region TEXT,
	industry TEXT,
	size TEXT,
	source TEXT,
	campaign_id INTEGER REFERENCES campaigns (id),
	status TEXT NOT NULL DEFAULT 'new'
		CHECK (status = 'new' OR status = 'assigned'
		OR status = 'contacted' OR status = 'qualified'
		OR status = 'converted' OR status = 'disqualified'),
	disqualify_reason TEXT,
	owner TEXT REFERENCES users (login),
	pool TEXT,
	score INTEGER,
	claimed_at TEXT,
	last_followup_at TEXT,
	next_followup_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	locked INTEGER,
	lock_reason TEXT,
	customer_id INTEGER,	-- what it became (convert)
	deal_id INTEGER,
	extra TEXT,
	name_key TEXT NOT NULL,
	phone_key TEXT,
	email_key TEXT,
	company_key TEXT,
	created_run INTEGER,
	updated_run INTEGER,
	CHECK ((owner IS NULL) <> (pool IS NULL)),
	CHECK (status <> 'disqualified' OR disqualify_reason IS NOT NULL)
);
CREATE INDEX leads_name_key ON leads (name_key);
CREATE INDEX leads_phone_key ON leads (phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX leads_email_key ON leads (email_key) WHERE email_key IS NOT NULL;
CREATE INDEX leads_company_key ON leads (company_key)
	WHERE company_key IS NOT NULL;
CREATE INDEX leads_owner ON leads (owner) WHERE owner IS NOT NULL;
CREATE INDEX leads_pool ON leads (pool) WHERE pool IS NOT NULL;
CREATE INDEX leads_campaign ON leads (campaign_id);

-- crm log's 'create' row of each record an import made, for every
-- entity an import creates in bulk.
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
	AND e.run = l.created_run);
