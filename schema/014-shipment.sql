-- 014-shipment: shipments (出货单) of sales orders and their lines.
--
-- A shipment sends some of an order's lines (partial shipments): each
-- of its lines names the order's line and how many went; the order
-- line's shipped is the sum of them (crm check verifies it) and never
-- more than ordered (011's CHECK). owner and customer_id are the
-- order's, copied so that the generic scope and list read them as
-- columns; the trigger below keeps owner the order's when the order
-- changes hands (edit --owner, handover, undo). Checks are OR chains
-- (see 007-checks).
CREATE TABLE shipments (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	owner TEXT NOT NULL REFERENCES users (login),
	status TEXT NOT NULL DEFAULT 'shipped'
		CHECK (status = 'shipped' OR status = 'delivered'),
	ship_date TEXT NOT NULL,
	delivered_date TEXT,
	warehouse TEXT,
	carrier TEXT,
	tracking TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	created_run INTEGER,
	updated_run INTEGER
);
CREATE INDEX shipments_order ON shipments (order_id);
CREATE INDEX shipments_customer ON shipments (customer_id);
CREATE INDEX shipments_owner ON shipments (owner, status);
CREATE INDEX shipments_date ON shipments (ship_date);

-- A line keeps the order line's number, sku and name it shipped; lines
-- go with their shipment.
CREATE TABLE shipment_lines (
	shipment_id INTEGER NOT NULL
		REFERENCES shipments (id) ON DELETE CASCADE,
	line INTEGER NOT NULL CHECK (line >= 1),	-- the order's line
	sku TEXT NOT NULL,
	name TEXT NOT NULL,
	qty INTEGER NOT NULL CHECK (qty >= 1),
	PRIMARY KEY (shipment_id, line)
);

CREATE TRIGGER orders_owner_shipments AFTER UPDATE OF owner ON orders
WHEN new.owner IS NOT old.owner
BEGIN
	UPDATE shipments SET owner = new.owner WHERE order_id = new.id;
END;
