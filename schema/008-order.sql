-- 008-order: the product catalogue (产品) crm-order sells from. Quotes,
-- contracts, orders and shipments come after it.
--
-- A product is known by its sku (型号, 产品编号), unique case-folded:
-- sku_key. Money is INTEGER cents; active is 1 on sale, 0 retired (下架).
-- Checks are OR chains (see 007-checks).

CREATE TABLE products (
	id INTEGER PRIMARY KEY,
	sku TEXT NOT NULL,
	name TEXT NOT NULL,
	category TEXT,
	unit TEXT,
	price INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),	-- cents
	cost INTEGER CHECK (cost IS NULL OR cost >= 0),		-- cents
	active INTEGER NOT NULL DEFAULT 1
		CHECK (active = 0 OR active = 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	extra TEXT,
	sku_key TEXT NOT NULL,
	name_key TEXT NOT NULL,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE UNIQUE INDEX products_sku_key ON products (sku_key);
CREATE INDEX products_name_key ON products (name_key);

-- crm log's 'create' row of each product an import made (see 006-lead).
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
	AND e.run = l.created_run)
UNION ALL
SELECT p.created_run, p.id, 'product', CAST(p.id AS TEXT), 'create', 'name',
	NULL, p.name
FROM products p
WHERE p.created_run IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e
	WHERE e.entity = 'product' AND e.entity_id = CAST(p.id AS TEXT)
	AND e.run = p.created_run);
