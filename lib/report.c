/* What the reports share: percentages, the metrics, the people whose
 * figures a user sees, the actuals of a metric per user or region. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "scope-sql.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/deal.h"
#include "crm/order.h"
#include "crm/banned.h"

/* x / y in tenths, rounded half away from zero. */
static long long
tenths(long long x, long long y)
{
	long long q = x * 10 / y, r = x * 10 % y;

	if (2 * (r < 0 ? -r : r) >= (y < 0 ? -y : y))
		q += (r < 0) != (y < 0) ? -1 : 1;
	return q;
}

static void
tenths_format(long long t, char out[32])
{
	snprintf(out, 32, "%s%lld.%lld", t < 0 ? "-" : "", (t < 0 ? -t : t) /
	    10, (t < 0 ? -t : t) % 10);
}

void
report_pct(long long now, long long was, char out[32])
{
	out[0] = '\0';
	if (was != 0)
		tenths_format(tenths((now - was) * 100, llabs(was)), out);
}

void
report_share(long long part, long long whole, char out[32])
{
	out[0] = '\0';
	if (whole != 0)
		tenths_format(tenths(part * 100, whole), out);
}

sqlite3_stmt *
report_prepare(struct crm_session *s, struct crm_buf *sql,
    struct crm_err *e)
{
	return crm_db_prepare_once(s->db, sql->s, e);
}

static const char *const metric_names[] = {
	"revenue", "collected", "new_customers", "won_deals", "followups",
	"invoiced"
};

int
crm_metric_parse(const char *text, int all, enum crm_metric *m,
    const char *what, struct crm_err *e)
{
	for (int i = 0; text && i <= (all ? CRM_M_FOLLOWUPS : CRM_M_WON_DEALS);
	    i++)
		if (strcmp(text, metric_names[i]) == 0) {
			*m = (enum crm_metric)i;
			return 0;
		}
	return crm_err_set(e, CRM_EX_USAGE, all ? "%s: '%s' is not revenue, "
	    "collected, new_customers, won_deals or followups" : "%s: '%s' "
	    "is not revenue, collected, new_customers or won_deals", what,
	    text ? text : "");
}

const char *
report_metric_name(enum crm_metric m)
{
	return metric_names[m];
}

int
report_metric_money(enum crm_metric m)
{
	return m == CRM_M_REVENUE || m == CRM_M_COLLECTED ||
	    m == CRM_M_INVOICED;
}

int
report_target_value(enum crm_metric m, const char *text, long long *v,
    struct crm_err *e)
{
	int64_t c;
	char *end;

	if (report_metric_money(m)) {
		if (crm_money_parse(text, &c, e) < 0)
			return -1;
		if (c < 0)
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' is below "
			    "zero", text);
		*v = c;
		return 0;
	}
	*v = text && *text ? strtoll(text, &end, 10) : -1;
	if (*v < 0 || *end || *v > 1000000000)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a count "
		    "(a whole number, 0 or more)", text ? text : "");
	return 0;
}

void
report_value_format(enum crm_metric m, long long v, char out[CRM_MONEY_LEN])
{
	if (report_metric_money(m))
		crm_money_format(v, out);
	else
		snprintf(out, CRM_MONEY_LEN, "%lld", v);
}

/* ?2 sees everyone; the team is the user's (a manager's, transitively);
 * ?6 adds a rep's peers (the users with the same manager). */
const char report_people_sql[] =
	SCOPE_TEAM "SELECT u.login, u.name FROM users u WHERE "
	REPORT_PEOPLE_WHERE "ORDER BY u.login";
const char report_sellers_sql[] =
	SCOPE_TEAM "SELECT u.login, u.name, " REPORT_THERE_SINCE("?7")
	"FROM users u WHERE " REPORT_SELLER "AND " REPORT_SEEN_WHERE
	"ORDER BY u.login";

int
report_people_bind(struct crm_session *s, sqlite3_stmt *st,
    struct crm_err *e)
{
	return crm_scope_bind(s, &crm_order_entity, st, e);
}

int
report_sellers_bind(struct crm_session *s, sqlite3_stmt *st, int peers,
    const struct crm_range *r, struct crm_err *e)
{
	char from[CRM_DATE_LEN];

	if (report_people_bind(s, st, e) < 0)
		return -1;
	sqlite3_bind_int(st, 6, peers);
	crm_date_format(r->from, from);
	crm_db_bind_text(st, 7, from);
	return 0;
}

/* Per metric: the table, its day, value, owner, the customer (for the
 * region) and the entity whose scope applies. */
static const struct actual {
	const char *from, *day, *value, *owner, *customer, *where;
	const struct crm_entity *ent;
	const char *alias;
} actuals[] = {
	[CRM_M_REVENUE] = { "orders o", "o.order_date", "sum(o.total)",
	    "o.owner", "o.customer_id", "o.status <> 'cancelled'",
	    &crm_order_entity, "o" },
	[CRM_M_COLLECTED] = { "allocations a JOIN instalments i ON i.id = "
	    "a.instalment_id JOIN orders o ON o.id = i.order_id", "a.date",
	    "sum(a.amount)", "o.owner", "o.customer_id", "1",
	    &crm_order_entity, "o" },
	[CRM_M_NEW_CUSTOMERS] = { "customers c", "substr(c.created_at, 1, "
	    "10)", "count(*)", REPORT_ADDED_OWNER("c"), "c.id",
	    REPORT_ADDED_OWNER("c") " IS NOT NULL", &crm_customer_entity,
	    "c" },
	[CRM_M_WON_DEALS] = { "deals d", "substr(d.won_at, 1, 10)",
	    "count(*)", "d.owner", "d.customer_id", "d.won_at IS NOT NULL",
	    &crm_deal_entity, "d" },
	[CRM_M_FOLLOWUPS] = { "activities f", "substr(f.at, 1, 10)",
	    "count(*)", "f.by_login", NULL, "1", NULL, NULL },
	/* issued invoices by issue date (a void one no longer counts) */
	[CRM_M_INVOICED] = { "invoices v JOIN orders o ON o.id = v.order_id",
	    "v.issue_date", "sum(v.amount)", "o.owner", "o.customer_id",
	    "v.status = 'issued'", &crm_order_entity, "o" },
};

sqlite3_stmt *
report_actuals(struct crm_session *s, enum crm_metric m, int by_region,
    const struct crm_range *r, const char *who, struct crm_err *e)
{
	const struct actual *a = &actuals[m];
	char d1[CRM_DATE_LEN], d2[CRM_DATE_LEN];
	struct crm_buf b = { 0 };
	sqlite3_stmt *st;

	if (by_region && a->customer == NULL) {
		crm_err_set(e, CRM_EX_USAGE, "%s: not counted by region",
		    metric_names[m]);
		return NULL;
	}
	crm_buf_adds(&b, SCOPE_TEAM "SELECT ");
	crm_buf_adds(&b, by_region ? "coalesce(cu.region, '')" : a->owner);
	crm_buf_adds(&b, " AS k, ");
	crm_buf_adds(&b, a->value);
	crm_buf_adds(&b, " FROM ");
	crm_buf_adds(&b, a->from);
	if (by_region) {
		crm_buf_adds(&b, " JOIN customers cu ON cu.id = ");
		crm_buf_adds(&b, a->customer);
	}
	crm_buf_addf(&b, " WHERE %s BETWEEN ?6 AND ?7 AND %s AND ", a->day,
	    a->where);
	if (who)
		crm_buf_addf(&b, "%s = ?8 AND ", by_region ?
		    "coalesce(cu.region, '')" : a->owner);
	if (by_region)
		crm_scope_visible_sql(&b, a->ent, a->alias);
	else
		crm_buf_adds(&b, "1 ");
	crm_buf_adds(&b, "GROUP BY k ORDER BY k");
	st = report_prepare(s, &b, e);
	crm_buf_free(&b);
	if (st == NULL)
		return NULL;
	if (crm_scope_bind(s, a->ent, st, e) < 0) {
		sqlite3_finalize(st);
		return NULL;
	}
	crm_date_format(r->from, d1);
	crm_date_format(r->to, d2);
	crm_db_bind_text(st, 6, d1);
	crm_db_bind_text(st, 7, d2);
	if (who)
		crm_db_bind_text(st, 8, who);
	return st;
}
