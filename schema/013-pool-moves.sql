-- 013-pool-moves: a recycle writes one row per record it moves, in the
-- ownership history, instead of that row and one event per changed field
-- (owner, pool, claimed_at): a night that moves 100 000 customers wrote
-- 400 000 rows, most of them into the random-order index of events.
--
-- A row with to_pool set is such a move: its record went from from_owner
-- to the pool to_pool, and the owner's claim of from_claimed_at ended.
-- The run wrote no events for it; move_events gives crm log and crm undo
-- the events it stands for, in the order the run would have written them.

ALTER TABLE ownership ADD COLUMN to_pool TEXT;
ALTER TABLE ownership ADD COLUMN from_claimed_at TEXT;

-- crm undo RUN and crm log --run find a run's moves
CREATE INDEX ownership_run ON ownership (run) WHERE to_pool IS NOT NULL;

CREATE VIEW move_events AS
SELECT o.run AS run, o.id * 4 + f.k AS seq, o.subject_type AS entity,
	CAST(o.subject_id AS TEXT) AS entity_id, 'update' AS action,
	f.field AS field,
	CASE f.k WHEN 1 THEN o.from_owner WHEN 3 THEN o.from_claimed_at
	END AS old,
	CASE f.k WHEN 2 THEN o.to_pool END AS new
FROM ownership o JOIN (SELECT 1 AS k, 'owner' AS field UNION ALL
	SELECT 2, 'pool' UNION ALL SELECT 3, 'claimed_at') f
WHERE o.to_pool IS NOT NULL AND (f.k <> 3 OR o.from_claimed_at IS NOT NULL);
