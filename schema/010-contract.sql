-- 010-contract: contracts (合同) with customers — a number, the deal or
-- quote they follow, the days they run, their amount and status.
--
-- The number is unique case- and width-folded (number_key); one made by
-- crm follows the setting contract.number_format. Money is INTEGER
-- cents. Dates are YYYY-MM-DD; a contract runs from start_date through
-- end_date, both included.
--
-- status is what was decided: draft, active or terminated. "expired" is
-- not stored: an active contract whose end_date has passed is expired
-- when it is read (crm/contract.h), so that it is never stale and needs
-- no job. A terminated contract has the day and the reason, and only it.
--
-- renewed_from is the contract a renewal continues: it starts the day
-- after that one ends (crm check verifies it). Checks are OR chains (see
-- 007-checks).

CREATE TABLE contracts (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL,
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	deal_id INTEGER REFERENCES deals (id),
	quote_id INTEGER REFERENCES quotes (id),
	owner TEXT NOT NULL REFERENCES users (login),
	name TEXT,		-- what it is for (合同名称)
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount >= 0),		-- cents
	status TEXT NOT NULL DEFAULT 'active'
		CHECK (status = 'draft' OR status = 'active' OR
		status = 'terminated'),
	signed_at TEXT,
	terminated_at TEXT,
	terminate_reason TEXT,
	renewed_from INTEGER REFERENCES contracts (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	extra TEXT,
	number_key TEXT NOT NULL,
	created_run INTEGER,
	updated_run INTEGER,
	CHECK (end_date >= start_date),
	CHECK ((status = 'terminated' AND terminated_at IS NOT NULL AND
		terminate_reason IS NOT NULL) OR (status <> 'terminated' AND
		terminated_at IS NULL AND terminate_reason IS NULL)),
	CHECK (renewed_from IS NULL OR renewed_from <> id)
);
CREATE UNIQUE INDEX contracts_number_key ON contracts (number_key);
-- the numbers of one year, for the next one's counter
CREATE INDEX contracts_number ON contracts (number);
CREATE INDEX contracts_customer ON contracts (customer_id);
CREATE INDEX contracts_owner ON contracts (owner, status, end_date);
CREATE INDEX contracts_end ON contracts (end_date) WHERE status = 'active';
CREATE INDEX contracts_deal ON contracts (deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX contracts_quote ON contracts (quote_id)
	WHERE quote_id IS NOT NULL;
CREATE INDEX contracts_renewed_from ON contracts (renewed_from)
	WHERE renewed_from IS NOT NULL;
