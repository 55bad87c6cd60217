#!/bin/sh
# gen-receivables DB ROWS: ROWS instalments — ROWS/4 confirmed orders of
# four instalments each (25% due 0, 30, 90 and 200 days after the order
# date) — with the receipts that paid some of them, written straight into
# a crm database that has customers and the reps rep01 .. rep20
# (bench/run.sh makes it). Deterministic: every figure comes from the
# order's number through fixed arithmetic.
#
# Orders are dated 2025-06-01 + 0..539 days; about half the orders have a
# receipt on a day after their order date that paid their first one or
# two instalments, a fifth of those only in part; an instalment and a
# receipt are kept in step as crm-pay keeps them (paid, status,
# allocated).
set -eu
db=$1
rows=$2
sqlite3 "$db" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE g AS
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	WHERE i < $rows / 4)
SELECT i, (i * 2654435761) % 1000003 AS h,
	(SELECT max(id) FROM customers) AS nc,
	date('2025-06-01', '+' || ((i * 40503) % 540) || ' days') AS day
FROM n;
INSERT INTO orders (id, number, customer_id, owner, status, order_date,
	terms, total, created_at, updated_at, number_key)
SELECT i, printf('SO-B-%07d', i), 1 + (i * 7919) % nc,
	printf('rep%02d', 1 + i % 20), 'confirmed', day,
	'25%:0,25%:30,25%:90,25%:200', 400 * (100 + h % 100000), day ||
	'T09:00:00', day || 'T09:00:00', printf('sob%07d', i)
FROM g;
INSERT INTO instalments (order_id, seq, percent, due_date, amount,
	created_at, updated_at)
SELECT g.i, k.seq, 2500, date(g.day, '+' || k.days || ' days'),
	100 * (100 + g.h % 100000), g.day || 'T09:00:00', g.day || 'T09:00:00'
FROM g JOIN (SELECT 1 AS seq, 0 AS days UNION ALL SELECT 2, 30
	UNION ALL SELECT 3, 90 UNION ALL SELECT 4, 200) k
ORDER BY g.i, k.seq;
-- a receipt of half the orders: their first instalment, or the first
-- two; one in five of them short by a tenth of the last it paid
CREATE TEMP TABLE r AS SELECT i, h, day, 1 + (h % 3 = 0) AS n,
	CASE WHEN h % 5 = 1 THEN 10 * (100 + h % 100000) ELSE 0 END AS short,
	100 * (100 + h % 100000) AS each_,
	date(day, '+' || (5 + h % 60) || ' days') AS paid_on
FROM g WHERE h % 2 = 0;
INSERT INTO receipts (id, customer_id, amount, date, method, order_id,
	allocated, created_at, updated_at)
SELECT r.i, o.customer_id, r.n * r.each_ - r.short, r.paid_on, 'bank', r.i,
	r.n * r.each_ - r.short, r.paid_on || 'T09:00:00',
	r.paid_on || 'T09:00:00'
FROM r JOIN orders o ON o.id = r.i;
INSERT INTO allocations (receipt_id, instalment_id, amount, date)
SELECT r.i, ins.id, ins.amount - CASE WHEN ins.seq = r.n THEN r.short
	ELSE 0 END, r.paid_on
FROM r JOIN instalments ins ON ins.order_id = r.i AND ins.seq <= r.n;
UPDATE instalments SET paid = (SELECT sum(a.amount) FROM allocations a
	WHERE a.instalment_id = instalments.id)
WHERE id IN (SELECT instalment_id FROM allocations);
UPDATE instalments SET status = 'paid' WHERE paid = amount;
COMMIT;
ANALYZE;
SQL
