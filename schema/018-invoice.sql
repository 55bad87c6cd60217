-- 018-invoice: invoices (开票申请), crm-pay's.
--
-- An invoice is asked for (requested) by whoever may change its order,
-- issued by finance with the number and date of the printed invoice, or
-- voided (with a reason) by finance; it is never deleted. What is
-- invoiced of an order — its invoices requested or issued, not void —
-- never exceeds the order's total (crm-pay refuses it; crm check
-- verifies it). Money is INTEGER cents; checks are OR chains (see
-- 007-checks).
--
-- customer_id and owner are the order's, kept here so that who sees an
-- invoice is who sees its order (the owner, their managers; finance and
-- admins all) by the same rule as every record with an owner; the
-- trigger below keeps the owner the order's when the order changes
-- hands. number: the printed invoice's number (发票号码), unique among
-- all invoices, a void one's too.
CREATE TABLE invoices (
	id INTEGER PRIMARY KEY,
	order_id INTEGER NOT NULL REFERENCES orders (id),
	customer_id INTEGER NOT NULL REFERENCES customers (id),
	owner TEXT NOT NULL REFERENCES users (login),
	amount INTEGER NOT NULL CHECK (amount > 0),		-- cents
	status TEXT NOT NULL DEFAULT 'requested'
		CHECK (status = 'requested' OR status = 'issued' OR
		status = 'void'),
	bill_to TEXT,		-- 发票抬头 (the title): whom it is made out to
	tax_id TEXT,		-- 纳税人识别号
	number TEXT,
	issue_date TEXT,
	requested_by TEXT REFERENCES users (login),
	issued_by TEXT REFERENCES users (login),
	voided_at TEXT,
	voided_by TEXT REFERENCES users (login),
	void_reason TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	note TEXT,
	created_run INTEGER,
	updated_run INTEGER,
	CHECK (status = 'requested' OR (number IS NOT NULL AND
		issue_date IS NOT NULL) OR status = 'void')
);
CREATE UNIQUE INDEX invoices_number ON invoices (number)
	WHERE number IS NOT NULL;
CREATE INDEX invoices_order ON invoices (order_id);
CREATE INDEX invoices_customer ON invoices (customer_id, created_at);
CREATE INDEX invoices_owner ON invoices (owner, status);

CREATE TRIGGER invoices_owner AFTER UPDATE OF owner ON orders
WHEN NEW.owner IS NOT OLD.owner
BEGIN
	UPDATE invoices SET owner = NEW.owner WHERE order_id = NEW.id;
END;
