-- The anchor of `crm-deal funnel` in make bench: the same figures by hand
-- in plain SQL (window functions, temp tables), for the default stages,
-- as of 2026-11-24. Its output matches `crm-deal funnel -f csv` and
-- `funnel --summary -f csv` (bench/run.sh compares them).
CREATE TEMP TABLE o (k TEXT PRIMARY KEY, i INTEGER, label TEXT);
INSERT INTO o VALUES ('qualify', 0, '初步接洽'), ('needs', 1, '需求确认'),
	('proposal', 2, '方案报价'), ('negotiation', 3, '商务谈判'),
	('won', 4, '赢单'), ('lost', 5, '输单');
CREATE TEMP TABLE h AS
SELECT h.deal_id AS d, o.i AS i, julianday(h.at) AS t,
	lead(julianday(h.at)) OVER w AS nt,
	row_number() OVER w AS rn,
	count(*) OVER (PARTITION BY h.deal_id) AS cnt,
	first_value(julianday(h.at)) OVER w AS t0
FROM deal_stages h JOIN o ON o.k = h.to_stage
WHERE h.at < '2026-11-25'
WINDOW w AS (PARTITION BY h.deal_id ORDER BY h.at, h.id);
CREATE TEMP TABLE per AS
SELECT d, max(CASE WHEN i <> 5 THEN i ELSE 0 END) AS top,
	max(CASE WHEN rn = cnt THEN i END) AS last,
	max(CASE WHEN rn = cnt THEN t - t0 END) AS cyc
FROM h GROUP BY d;
CREATE TEMP TABLE med AS
SELECT i, avg(days) AS m FROM (SELECT i, days,
	row_number() OVER (PARTITION BY i ORDER BY days) AS r,
	count(*) OVER (PARTITION BY i) AS n
	FROM (SELECT i, nt - t AS days FROM h WHERE nt IS NOT NULL AND i < 4))
WHERE r IN ((n + 1) / 2, (n + 2) / 2) GROUP BY i;
CREATE TEMP TABLE n AS
SELECT o.i, sum(p.top >= o.i) AS reached, sum(p.last = o.i) AS now
FROM o, per p WHERE o.i < 5 GROUP BY o.i;
SELECT o.k, o.label, n.reached, CASE WHEN o.i > 0 THEN printf('%.1f',
	100.0 * n.reached / (SELECT reached FROM n b WHERE b.i = o.i - 1)) END,
	n.now, CASE WHEN med.m IS NOT NULL THEN printf('%.1f', med.m) END
FROM o JOIN n USING (i) LEFT JOIN med USING (i) ORDER BY o.i;
SELECT count(*), sum(last < 4), sum(last = 4), sum(last = 5),
	printf('%.1f', 100.0 * sum(last = 4) / sum(last >= 4)),
	(SELECT crm_avg FROM (SELECT printf('%.2f', round(avg(amount)) / 100)
		AS crm_avg FROM deals JOIN per ON per.d = deals.id
		WHERE per.last = 4)),
	(SELECT printf('%.1f', avg(cyc)) FROM (SELECT cyc,
		row_number() OVER (ORDER BY cyc) AS r, count(*) OVER () AS c
		FROM per WHERE last >= 4) WHERE r IN ((c + 1) / 2, (c + 2) / 2))
FROM per;
