#!/bin/sh
# gen-deals DB ROWS: ROWS deals with their stage histories, written
# straight into a crm database that has customers and the reps rep01 ..
# rep20 (bench/run.sh makes it). Deterministic: every figure comes from
# the deal's number through fixed arithmetic, no random source.
#
# Each deal starts on a day of 2024-10-01 + 0..599 in the first stage,
# goes up to a furthest stage (qualify 30%, needs 25%, proposal 25%,
# negotiation 20%), a few step back once (proposal -> needs -> proposal),
# then stays open (40%), is won (25%) or lost (35%), 1 to 20 days apart.
# About 3.5 history rows a deal.
set -eu
db=$1
rows=$2
sqlite3 "$db" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE g AS
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
SELECT i,
	(i * 2654435761) % 1000003 AS h,
	(i * 40503) % 65521 AS h2,
	(SELECT max(id) FROM customers) AS nc
FROM n;
CREATE TEMP TABLE d AS SELECT i, nc, h, h2,
	CASE WHEN h % 100 < 30 THEN 0 WHEN h % 100 < 55 THEN 1
	     WHEN h % 100 < 80 THEN 2 ELSE 3 END AS top,
	CASE WHEN h2 % 100 < 40 THEN 'open' WHEN h2 % 100 < 65 THEN 'won'
	     ELSE 'lost' END AS fate,
	h2 % 17 = 3 AS back,
	1 + h % 20 AS gap,
	date('2024-10-01', '+' || (h % 600) || ' days') AS start
FROM g;
-- the steps: stage k at start + k * gap days; a step back adds two
CREATE TEMP TABLE s (k, stage, ord);
INSERT INTO s VALUES (0, 'qualify', 0), (1, 'needs', 1), (2, 'proposal', 2),
	(3, 'negotiation', 3);
CREATE TEMP TABLE steps AS
SELECT d.i, s.stage, s.k AS n FROM d JOIN s ON s.k <= d.top
UNION ALL SELECT i, 'needs', top + 1 FROM d WHERE back AND top >= 2
UNION ALL SELECT i, 'proposal', top + 2 FROM d WHERE back AND top >= 2
UNION ALL SELECT i, fate, top + 1 + 2 * (back AND top >= 2) FROM d
	WHERE fate <> 'open';
CREATE INDEX temp.steps_i ON steps (i, n);
INSERT INTO deals (id, customer_id, name, kind, stage, amount, probability,
	close_date, owner, won_at, lost_at, lost_reason, stage_at, created_at,
	updated_at, name_key)
SELECT d.i, 1 + (d.i * 7919) % d.nc, 'Deal ' || d.i,
	CASE WHEN d.h % 10 = 0 THEN 'project' ELSE 'standard' END,
	l.stage, 100000 * (1 + d.h2 % 500),
	CASE WHEN d.h % 7 = 0 THEN 5 + d.h % 90 END,
	date(d.start, '+' || (30 + d.h % 200) || ' days'),
	printf('rep%02d', 1 + d.i % 20),
	CASE l.stage WHEN 'won' THEN
		date(d.start, '+' || (l.n * d.gap) || ' days') END,
	CASE l.stage WHEN 'lost' THEN
		date(d.start, '+' || (l.n * d.gap) || ' days') END,
	CASE l.stage WHEN 'lost' THEN 'price' END,
	date(d.start, '+' || (l.n * d.gap) || ' days') || 'T09:00:00',
	d.start || 'T09:00:00', d.start || 'T09:00:00', 'deal' || d.i
FROM d JOIN steps l ON l.i = d.i AND l.n = (SELECT max(n) FROM steps x
	WHERE x.i = d.i);
INSERT INTO deal_stages (deal_id, from_stage, to_stage, at, by_login)
SELECT s.i, lag(s.stage) OVER (PARTITION BY s.i ORDER BY s.n), s.stage,
	date(d.start, '+' || (s.n * d.gap) || ' days') || 'T09:00:00',
	printf('rep%02d', 1 + d.i % 20)
FROM steps s JOIN d ON d.i = s.i ORDER BY s.i, s.n;
COMMIT;
ANALYZE;
SQL
