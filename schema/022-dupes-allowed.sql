-- 022-dupes-allowed: the duplicates a manager allowed (crm-customer
-- add|edit|set --allow-duplicate, crm-lead convert --allow-duplicate,
-- crm-customer import --on-duplicate allow),
-- so that crm check stops reporting them and still reports a group that
-- gains a member nobody allowed. One allowance is the group of customers
-- that shared the name or the phone key when it was given: the rows of
-- one (run, kind, grp), grp its first id. crm check reports a group of
-- customers sharing a key unless one allowance holds all of them. The
-- key itself is not kept: a group that moves together (a new rule of
-- normalization) stays allowed, a customer that leaves it for another
-- group is not allowed there. crm undo of the run removes its rows (the
-- customers' history table).
CREATE TABLE customer_dupes_allowed (
	run INTEGER NOT NULL REFERENCES runs (id),
	kind TEXT NOT NULL CHECK (kind = 'name' OR kind = 'phone'),
	grp INTEGER NOT NULL,
	customer_id INTEGER NOT NULL,
	PRIMARY KEY (run, kind, grp, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_dupes_allowed_customer
	ON customer_dupes_allowed (customer_id);

-- A customer that is deleted (delete, merge, undo of its creation, or
-- behind crm's back) leaves every allowance: its id may be given again,
-- and the new record was allowed nothing. Undoing the delete brings the
-- customer back without it (edit ID --allow-duplicate allows it again).
CREATE TRIGGER customer_dupes_allowed_gone AFTER DELETE ON customers
BEGIN
	DELETE FROM customer_dupes_allowed WHERE customer_id = old.id;
END;

-- The allowances given before this migration: the audit log has them,
-- as the command lines of the runs that added or changed a customer
-- with --allow-duplicate (or imported it with --on-duplicate allow) and
-- were not undone. Each allows the groups its customer is in now.
INSERT OR IGNORE INTO customer_dupes_allowed (run, kind, grp, customer_id)
WITH a0 (run, cid) AS (SELECT e.run, CAST(e.entity_id AS INTEGER)
	FROM events e JOIN runs r ON r.id = e.run WHERE e.entity = 'customer'
	AND r.undone_by IS NULL AND r.command LIKE '%--allow%'
	UNION ALL SELECT r.id, c.id FROM runs r JOIN customers c
	ON c.created_run = r.id WHERE r.undone_by IS NULL
	AND r.command LIKE '%--on-duplicate%allow%'),
a (run, cid) AS (SELECT max(run), cid FROM a0 GROUP BY cid),
k (kind, key, id) AS (SELECT 'name', name_key, id FROM customers
	UNION ALL SELECT 'phone', phone_key, id FROM customers
	WHERE phone_key IS NOT NULL),
g AS (SELECT kind, key, id, min(id) OVER w AS grp, count(*) OVER w AS n
	FROM k WINDOW w AS (PARTITION BY kind, key))
SELECT a.run, g.kind, g.grp, g.id FROM a JOIN k ON k.id = a.cid
JOIN g ON g.kind = k.kind AND g.key = k.key AND g.n > 1;
