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

/* One statement per grouping and basis, summing in SQL what a
 * hand-written query would: ?6 the day; k the key grouped by (an id or
 * a text), n its name, d the days past due (--basis order: since the
 * order date; from is that date's column), o what is owed of an
 * instalment then. The
 * allocations are summed per instalment in one pass, not per row (a
 * third faster over a million instalments). */
#define AGING_SQL(key, name, join, from) \
	SCOPE_TEAM "SELECT k, n, " \
	"sum(CASE WHEN d <= 0 THEN o ELSE 0 END), " \
	"sum(CASE WHEN d BETWEEN 1 AND 30 THEN o ELSE 0 END), " \
	"sum(CASE WHEN d BETWEEN 31 AND 60 THEN o ELSE 0 END), " \
	"sum(CASE WHEN d BETWEEN 61 AND 90 THEN o ELSE 0 END), " \
	"sum(CASE WHEN d BETWEEN 91 AND 180 THEN o ELSE 0 END), " \
	"sum(CASE WHEN d > 180 THEN o ELSE 0 END) " \
	"FROM (SELECT " key " AS k, " name " AS n, " \
	"CAST(julianday(?6) - julianday(" from ") AS INTEGER) AS d, " \
	"i.amount - coalesce(p.n, 0) AS o " \
	"FROM instalments i JOIN orders c ON c.id = i.order_id " \
	"LEFT JOIN (SELECT instalment_id, sum(amount) AS n FROM allocations " \
	"WHERE date <= ?6 GROUP BY instalment_id) p " \
	"ON p.instalment_id = i.id " join \
	" WHERE i.status <> 'cancelled' AND c.status <> 'draft' " \
	"AND c.status <> 'cancelled' AND c.order_date <= ?6 AND "

/* A grouping's key, name and join, spread into AGING_SQL's arguments. */
#define AGING(...) AGING_SQL(__VA_ARGS__)
#define CUSTOMER "cu.id", "cu.name", "JOIN customers cu ON " \
	"cu.id = c.customer_id"
#define OWNER "c.owner", "c.owner", ""
#define REGION "coalesce(cu.region, '')", "cu.region", \
	"JOIN customers cu ON cu.id = c.customer_id"

/* The bases: days past the instalment's due date, or since the order's
 * date. */
static const char *const bases[] = { "due", "order" };

static const struct {
	const char *by, *sql[2];
} groupings[] = {
	{ "customer", { AGING(CUSTOMER, "i.due_date"),
	    AGING(CUSTOMER, "c.order_date") } },
	{ "owner", { AGING(OWNER, "i.due_date"),
	    AGING(OWNER, "c.order_date") } },
	{ "region", { AGING(REGION, "i.due_date"),
	    AGING(REGION, "c.order_date") } },
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

		crm_buf_adds(&b, groupings[g].sql[basis]);
		crm_scope_visible_sql(&b, &crm_order_entity, "c");
		crm_buf_adds(&b, ") WHERE o > 0 GROUP BY k ORDER BY k");
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
		add_row(out, _("total"), NULL, all);
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
