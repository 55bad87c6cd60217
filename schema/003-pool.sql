-- 003-pool: locking customers out of recycling, what the claim rules
-- count (claims today, the cool-down), and the reminders already mailed.

ALTER TABLE customers ADD COLUMN locked INTEGER;	-- 1, or NULL
ALTER TABLE customers ADD COLUMN lock_reason TEXT;

-- claims of a user today (pool.claims_per_day)
CREATE INDEX ownership_to ON ownership (to_owner, reason, at);
-- when a customer last left a user (pool.reclaim_cooldown_days)
CREATE INDEX ownership_from ON ownership (from_owner, subject_type,
	subject_id, at);

-- One row per reminder mailed, so that a second run the same day sends
-- nothing and a run after a gap sends each missed reminder once.
CREATE TABLE reminders_sent (
	login TEXT NOT NULL,
	kind TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id INTEGER NOT NULL,
	due TEXT NOT NULL,
	sent_at TEXT NOT NULL,
	PRIMARY KEY (login, kind, entity, entity_id, due)
);
