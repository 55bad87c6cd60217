-- 005-deal: deals (商机) of customers, and the history of their stages,
-- from which the funnel is computed.
--
-- Checks are written as OR chains: an IN list makes SQLite open
-- ephemeral tables on every insert, which an import of a million rows
-- pays for a million times.

CREATE TABLE deals (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'standard'
		CHECK (kind = 'standard' OR kind = 'project'),
	stage TEXT NOT NULL,	-- a key of the setting deal.stages
	amount INTEGER,		-- cents
	probability INTEGER	-- percent; NULL: the stage's
		CHECK (probability BETWEEN 0 AND 100),
	close_date TEXT,	-- expected close; for a closed deal, the day
	owner TEXT NOT NULL REFERENCES users (login),
	next_action TEXT,
	next_due TEXT,
	urgency INTEGER CHECK (urgency BETWEEN 1 AND 5),
	budget INTEGER CHECK (budget BETWEEN 1 AND 5),
	competition INTEGER CHECK (competition BETWEEN 1 AND 5),
	score INTEGER CHECK (score BETWEEN 0 AND 100),
	source_type TEXT,
	source_id TEXT,
	won_at TEXT,
	lost_at TEXT,
	lost_reason TEXT,
	stage_at TEXT NOT NULL,	-- when it entered its stage
	last_followup_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	extra TEXT,		-- custom fields: a JSON object of text values
	name_key TEXT NOT NULL,
	created_run INTEGER,
	updated_run INTEGER,
	-- won: a date and no reason; lost: a reason (data.md)
	CHECK (won_at IS NULL OR lost_reason IS NULL),
	CHECK (lost_at IS NULL OR lost_reason IS NOT NULL)
);
CREATE INDEX deals_customer ON deals (customer_id);
CREATE INDEX deals_owner ON deals (owner, stage);
CREATE INDEX deals_stage ON deals (stage);
CREATE INDEX deals_next_due ON deals (next_due) WHERE next_due IS NOT NULL;

-- Every stage a deal entered: the first row has no from_stage.
CREATE TABLE deal_stages (
	id INTEGER PRIMARY KEY,
	deal_id INTEGER NOT NULL,
	from_stage TEXT,
	to_stage TEXT NOT NULL,
	at TEXT NOT NULL,
	by_login TEXT NOT NULL,
	note TEXT,
	run INTEGER
);
CREATE INDEX deal_stages_deal ON deal_stages (deal_id, at);
CREATE INDEX deal_stages_to ON deal_stages (to_stage, at);
