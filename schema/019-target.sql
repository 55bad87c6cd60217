-- 019-target: sales targets (销售目标) of crm target: a value per user or
-- region, period and metric. period is 2026-11 (a month), 2026-Q4 (a
-- quarter) or 2026 (a year); value is canonical text, as money
-- ("150000.00") for revenue and collected, a count ("20") for
-- new_customers and won_deals. One target per user or region, period and
-- metric: crm target set changes it. Checks are OR chains (007-checks).
CREATE TABLE targets (
	id INTEGER PRIMARY KEY,
	user TEXT REFERENCES users (login),
	region TEXT,
	period TEXT NOT NULL,
	metric TEXT NOT NULL
		CHECK (metric = 'revenue' OR metric = 'collected' OR
		metric = 'new_customers' OR metric = 'won_deals'),
	value TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	created_run INTEGER,
	updated_run INTEGER,
	CHECK ((user IS NULL) <> (region IS NULL))
);
CREATE UNIQUE INDEX targets_key ON targets (coalesce(user, ''),
	coalesce(region, ''), period, metric);
CREATE INDEX targets_period ON targets (period, metric);
