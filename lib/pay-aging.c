/* crm-pay aging (账龄): what customers owe as of a day, by how long past
 * due — not yet due, 1–30, 31–60, 61–90, 91–180 and over 180 days — per
 * customer, owner or region, with a total. As of a past day only the
 * allocations dated on or before it count (a receipt made later, or a
 * reversal made later, is not yet known then); a day count on a
 * boundary is in the lower bucket (30 days is 1–30). The buckets of a
 * row add up to its outstanding, which is amount − paid as of that day
 * of the open and paid instalments of orders confirmed or later and
 * made on or before it (drafts and cancelled orders owe nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pay-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/money.h"
#include "crm/order.h"
#include "crm/banned.h"

#define NBUCKETS 6

/* One statement per grouping and basis, built once: what is owed of
 * each instalment on the day ?6 (o, its amount less its allocations
 * dated by then, summed per instalment in one pass: a third faster than
 * per row) and its days (d) past its due date, or (--basis order) since
 * its order's date, summed per key (k) into the buckets; then the
 * grouping's own rows from those sums.
 *
 * The shape is for a million instalments: they are read in the table's
 * order and each finds its order by id (CROSS JOIN keeps that order: an
 * order's instalments are together, so its page is read once, where
 * the order of customers read the instalments all over the file — two
 * thirds of the time in page reads); the sums are made per customer (or
 * owner) before anything else is joined, so a customer's name is looked
 * up once, not once per instalment. */
#define SUMS "sum(CASE WHEN d <= 0 THEN o ELSE 0 END) AS b0, " \
	"sum(CASE WHEN d BETWEEN 1 AND 30 THEN o ELSE 0 END) AS b1, " \
	"sum(CASE WHEN d BETWEEN 31 AND 60 THEN o ELSE 0 END) AS b2, " \
	"sum(CASE WHEN d BETWEEN 61 AND 90 THEN o ELSE 0 END) AS b3, " \
	"sum(CASE WHEN d BETWEEN 91 AND 180 THEN o ELSE 0 END) AS b4, " \
	"sum(CASE WHEN d > 180 THEN o ELSE 0 END) AS b5"
/* %s: the key, then the column of the day counted from */
static const char sql_owed[] =
	"SELECT k, " SUMS " FROM (SELECT %s AS k, "
	"CAST(julianday(?6) - julianday(%s) AS INTEGER) AS d, "
	"i.amount - coalesce(p.n, 0) AS o "
	"FROM instalments i CROSS JOIN orders c ON c.id = i.order_id "
	"LEFT JOIN (SELECT instalment_id, sum(amount) AS n FROM allocations "
	"WHERE date <= ?6 GROUP BY instalment_id) p "
	"ON p.instalment_id = i.id "
	"WHERE i.status <> 'cancelled' AND c.status <> 'draft' "
	"AND c.status <> 'cancelled' AND c.order_date <= ?6 AND ";

/* The bases: days past the instalment's due date, or since the order's
 * date. */
static const char *const bases[] = { "due", "order" };
static const char *const from[] = { "i.due_date", "c.order_date" };

/* A grouping: its key in sql_owed, and the statement around the sums g
 * (columns k, b0 .. b5): the key, the name, the six buckets. */
static const struct {
	const char *by, *key, *head, *tail;
} groupings[] = {
	{ "customer", "c.customer_id", "SELECT g.k, (SELECT cu.name FROM "
	    "customers cu WHERE cu.id = g.k), g.b0, g.b1, g.b2, g.b3, g.b4, "
	    "g.b5 FROM (", ") g ORDER BY g.k" },
	{ "owner", "c.owner", "SELECT g.k, g.k, g.b0, g.b1, g.b2, g.b3, "
	    "g.b4, g.b5 FROM (", ") g ORDER BY g.k" },
	{ "region", "c.customer_id", "SELECT coalesce(cu.region, ''), "
	    "cu.region, sum(g.b0), sum(g.b1), sum(g.b2), sum(g.b3), "
	    "sum(g.b4), sum(g.b5) FROM (", ") g JOIN customers cu ON cu.id = "
	    "g.k GROUP BY 1 ORDER BY 1" },
};

static const struct crm_col cols[] = {
	{ NC_("column", "group"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "not_due"), CRM_COL_MONEY },
	{ NC_("column", "days_1_30"), CRM_COL_MONEY },
	{ NC_("column", "days_31_60"), CRM_COL_MONEY },
	{ NC_("column", "days_61_90"), CRM_COL_MONEY },
	{ NC_("column", "days_91_180"), CRM_COL_MONEY },
	{ NC_("column", "over_180"), CRM_COL_MONEY },
	{ NC_("column", "outstanding"), CRM_COL_MONEY },
};

/* A row of the table: key, name, the buckets and their sum. */
static void
add_row(struct crm_rows *out, const char *key, const char *name,
    const long long *sum)
{
	char money[NBUCKETS + 1][CRM_MONEY_LEN];
	struct crm_val row[NBUCKETS + 3];
	long long total = 0;

	row[0] = crm_val_text(key);
	row[1] = name ? crm_val_text(name) : crm_val_null();
	for (int b = 0; b < NBUCKETS; b++) {
		total += sum[b];
		crm_money_format(sum[b], money[b]);
		row[2 + b] = crm_val_text(money[b]);
	}
	crm_money_format(total, money[NBUCKETS]);
	row[2 + NBUCKETS] = crm_val_text(money[NBUCKETS]);
	crm_rows_mem_add(out, row);
}

/* The statement of a grouping and basis, built once: its SQL and the
 * scope. */
static sqlite3_stmt *
prepare(struct crm_session *s, size_t g, size_t basis, struct crm_err *e)
{
	static char *sql[sizeof(groupings) / sizeof(*groupings)][2];

	if (sql[g][basis] == NULL) {
		struct crm_buf b = { 0 };

		crm_buf_adds(&b, SCOPE_TEAM);
		crm_buf_adds(&b, groupings[g].head);
		crm_buf_addf(&b, sql_owed, groupings[g].key, from[basis]);
		crm_scope_visible_sql(&b, &crm_order_entity, "c");
		crm_buf_adds(&b, ") WHERE o > 0 GROUP BY k");
		crm_buf_adds(&b, groupings[g].tail);
		sql[g][basis] = crm_buf_detach(&b);
	}
	return crm_db_prepare(s->db, sql[g][basis], e);
}

static int
basis_of(const char *basis, size_t *i, struct crm_err *e)
{
	for (*i = 0; *i < sizeof(bases) / sizeof(*bases); (*i)++)
		if (strcmp(basis, bases[*i]) == 0)
			return 0;
	return crm_err_set(e, CRM_EX_USAGE, "--basis: '%s' is not due or "
	    "order", basis);
}

static int
grouping(const char *by, size_t *g, struct crm_err *e)
{
	for (*g = 0; *g < sizeof(groupings) / sizeof(*groupings); (*g)++)
		if (strcmp(by, groupings[*g].by) == 0)
			return 0;
	return crm_err_set(e, CRM_EX_USAGE, "--by: '%s' is not customer, "
	    "owner or region", by);
}

/* A row per key, then the total. */
static int
fill(struct crm_session *s, sqlite3_stmt *st, struct crm_rows *out,
    struct crm_err *e)
{
	long long sum[NBUCKETS], all[NBUCKETS] = { 0 };
	int rc;

	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		for (int b = 0; b < NBUCKETS; b++) {
			sum[b] = sqlite3_column_int64(st, 2 + b);
			all[b] += sum[b];
		}
		add_row(out, crm_db_col_text(st, 0), crm_db_col_text(st, 1),
		    sum);
	}
	if (rc == 0)
		add_row(out, "total", NULL, all);	/* 合计 in a table */
	return rc;
}

struct crm_rows *
crm_pay_aging(struct crm_session *s, const char *as_of, const char *by,
    const char *basis, struct crm_err *e)
{
	char day[CRM_DATE_LEN];
	struct crm_rows *out;
	sqlite3_stmt *st;
	crm_day d;
	size_t g, bi;

	if (grouping(by ? by : "customer", &g, e) < 0 ||
	    basis_of(basis ? basis : "due", &bi, e) < 0)
		return NULL;
	if (as_of == NULL)
		d = crm_today();
	else if (crm_date_parse(as_of, &d, e) < 0) {
		e->code = CRM_EX_USAGE;
		crm_err_prefix(e, "--as-of");
		return NULL;
	}
	crm_date_format(d, day);
	if ((st = prepare(s, g, bi, e)) == NULL ||
	    crm_scope_bind(s, &crm_order_entity, st, e) < 0)
		return NULL;
	crm_db_bind_text(st, 6, day);
	out = crm_rows_mem(cols, sizeof(cols) / sizeof(*cols));
	if (fill(s, st, out, e) < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
