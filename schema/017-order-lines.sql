-- 017-order-lines: order lines without a rowid. A line is known by its
-- order and its number, and every query reaches it that way; as a rowid
-- table with that primary key each line was written twice, in the table
-- and in its key's index — the larger half of what an import of a
-- million lines wrote. The rows and what they allow are the same.
CREATE TABLE order_lines_017 (
	order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	line INTEGER NOT NULL CHECK (line >= 1),
	product_id INTEGER NOT NULL REFERENCES products (id),
	sku TEXT NOT NULL,
	name TEXT NOT NULL,
	qty INTEGER NOT NULL CHECK (qty >= 1),
	price INTEGER NOT NULL CHECK (price >= 0),		-- cents
	discount INTEGER NOT NULL DEFAULT 0
		CHECK (discount BETWEEN 0 AND 10000),		-- 0.01%
	amount INTEGER NOT NULL CHECK (amount >= 0),		-- cents
	shipped INTEGER NOT NULL DEFAULT 0
		CHECK (shipped >= 0 AND shipped <= qty),
	PRIMARY KEY (order_id, line)
) WITHOUT ROWID;
INSERT INTO order_lines_017 (order_id, line, product_id, sku, name, qty,
	price, discount, amount, shipped)
SELECT order_id, line, product_id, sku, name, qty, price, discount,
	amount, shipped FROM order_lines;
DROP TABLE order_lines;
ALTER TABLE order_lines_017 RENAME TO order_lines;
CREATE INDEX order_lines_product ON order_lines (product_id);
