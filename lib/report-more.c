/* crm-report customers (客户画像) and campaigns (ROI). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "scope-sql.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/order.h"
#include "crm/banned.h"

/* customers: per group of the customers the user sees (pools too),
 * how many, owned and in a pool, by status, and those added in the
 * range. */
#define PORTRAIT_SQL(key) \
	SCOPE_TEAM "SELECT " key ", count(*), sum(c.owner IS NOT NULL), " \
	"sum(c.owner IS NULL), sum(c.status = 'prospect'), " \
	"sum(c.status = 'active'), sum(c.status = 'dormant'), " \
	"sum(c.status = 'lost'), sum(substr(c.created_at, 1, 10) " \
	"BETWEEN ?6 AND ?7) FROM customers c WHERE "

static const struct {
	const char *by, *sql, *fill;	/* fill: every value, shown if 0 */
} portraits[] = {
	{ "region", PORTRAIT_SQL("coalesce(c.region, '')"), NULL },
	{ "industry", PORTRAIT_SQL("coalesce(c.industry, '')"), NULL },
	{ "tier", PORTRAIT_SQL("coalesce(c.tier, '')"), "A B C D E" },
	{ "source", PORTRAIT_SQL("coalesce(c.source_type, '')"), NULL },
	{ "status", PORTRAIT_SQL("c.status"),
	    "prospect active dormant lost" },
};
#define NPORTRAITS (sizeof(portraits) / sizeof(*portraits))

static const struct crm_col portrait_cols[] = {
	{ NC_("column", "group"), CRM_COL_TEXT },
	{ NC_("column", "customers"), CRM_COL_INT },
	{ NC_("column", "owned"), CRM_COL_INT },
	{ NC_("column", "in_pool"), CRM_COL_INT },
	{ NC_("column", "prospect"), CRM_COL_INT },
	{ NC_("column", "active"), CRM_COL_INT },
	{ NC_("column", "dormant"), CRM_COL_INT },
	{ NC_("column", "lost"), CRM_COL_INT },
	{ NC_("column", "new"), CRM_COL_INT },
};
#define NPCOLS (sizeof(portrait_cols) / sizeof(*portrait_cols))

struct group {
	char *key;
	long long n[NPCOLS];
};

static void
portrait_row(struct crm_rows *out, const struct group *g, const char *key)
{
	char n[NPCOLS][24];
	struct crm_val row[NPCOLS];

	row[0] = crm_val_text(key);
	for (size_t i = 1; i < NPCOLS; i++) {
		snprintf(n[i], sizeof(n[i]), "%lld", g ? g->n[i] : 0LL);
		row[i] = crm_val_text(n[i]);
	}
	crm_rows_mem_add(out, row);
}

/* Is word one of the space-separated words of list? */
static int
listed(const char *list, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = list; p && *p; p += strcspn(p, " "),
	    p += *p == ' ')
		if (*word && strncmp(p, word, len) == 0 &&
		    (p[len] == ' ' || p[len] == '\0'))
			return 1;
	return 0;
}

/* The group's fixed values first, each once (0 when it has none), then
 * the others the query found. */
static int
portrait_fill(struct crm_session *s, sqlite3_stmt *st, const char *fill,
    struct crm_rows *out, struct crm_err *e)
{
	struct group *g = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		if (n == cap)
			g = crm_xrealloc(g, (cap = cap ? 2 * cap : 16) *
			    sizeof(*g));
		g[n].key = crm_xstrdup(crm_db_col_text(st, 0) ?
		    crm_db_col_text(st, 0) : "");
		for (size_t i = 1; i < NPCOLS; i++)
			g[n].n[i] = sqlite3_column_int64(st, (int)i);
		n++;
	}
	for (const char *p = fill; rc == 0 && p && *p; p += strcspn(p, " "),
	    p += *p == ' ') {
		char w[16];
		const struct group *hit = NULL;

		snprintf(w, sizeof(w), "%.*s", (int)strcspn(p, " "), p);
		for (size_t i = 0; i < n; i++)
			if (strcmp(g[i].key, w) == 0)
				hit = &g[i];
		portrait_row(out, hit, w);
	}
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && !listed(fill, g[i].key))
			portrait_row(out, &g[i], g[i].key);
		free(g[i].key);
	}
	free(g);
	return rc;
}

struct crm_rows *
crm_report_customers(struct crm_session *s, const struct crm_range *r,
    const char *by, struct crm_err *e)
{
	static char *sql[NPORTRAITS];
	char d1[CRM_DATE_LEN], d2[CRM_DATE_LEN];
	struct crm_rows *out;
	sqlite3_stmt *st;
	size_t g;

	for (g = 0; g < NPORTRAITS; g++)
		if (strcmp(by ? by : "region", portraits[g].by) == 0)
			break;
	if (g == NPORTRAITS) {
		crm_err_set(e, CRM_EX_USAGE, "--by: '%s' is not region, "
		    "industry, tier, source or status", by);
		return NULL;
	}
	if (sql[g] == NULL) {
		struct crm_buf b = { 0 };

		crm_buf_adds(&b, portraits[g].sql);
		crm_scope_visible_sql(&b, &crm_customer_entity, "c");
		crm_buf_adds(&b, "GROUP BY 1 ORDER BY 1");
		sql[g] = crm_buf_detach(&b);
	}
	if ((st = crm_db_prepare(s->db, sql[g], e)) == NULL ||
	    crm_scope_bind(s, &crm_customer_entity, st, e) < 0)
		return NULL;
	crm_date_format(r->from, d1);
	crm_date_format(r->to, d2);
	crm_db_bind_text(st, 6, d1);
	crm_db_bind_text(st, 7, d2);
	out = crm_rows_mem(portrait_cols, NPCOLS);
	if (portrait_fill(s, st, portraits[g].fill, out, e) < 0) {
		sqlite3_reset(st);
		crm_rows_close(out);
		return NULL;
	}
	return out;
}

/* campaigns: those that started in the range (or, without a start
 * date, were added in it), each with its cost — its own and every
 * expense charged to it —, its leads, the customers they became, and
 * the orders (not cancelled) of those customers that the user sees. */
static const char sql_campaigns[] =
	"SELECT ca.id, ca.name, coalesce(ca.cost, 0) + coalesce((SELECT "
	"sum(x.amount) FROM expenses x WHERE x.campaign_id = ca.id), 0), "
	"(SELECT count(*) FROM leads l WHERE l.campaign_id = ca.id), "
	"(SELECT count(DISTINCT l.customer_id) FROM leads l WHERE "
	"l.campaign_id = ca.id AND l.customer_id IS NOT NULL) "
	"FROM campaigns ca WHERE coalesce(ca.start_date, substr(ca.created_at, "
	"1, 10)) BETWEEN ?1 AND ?2 ORDER BY ca.id";

static const char sql_revenue_head[] =
	SCOPE_TEAM "SELECT coalesce(sum(o.total), 0) FROM orders o WHERE "
	"o.status <> 'cancelled' AND o.customer_id IN (SELECT customer_id "
	"FROM leads WHERE campaign_id = ?6) AND ";

static const struct crm_col campaign_cols[] = {
	{ NC_("column", "campaign"), CRM_COL_TEXT },
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "cost"), CRM_COL_MONEY },
	{ NC_("column", "leads"), CRM_COL_INT },
	{ NC_("column", "converted"), CRM_COL_INT },
	{ NC_("column", "revenue"), CRM_COL_MONEY },
	{ NC_("column", "cost_per_lead"), CRM_COL_MONEY },
	{ NC_("column", "roi_pct"), CRM_COL_INT },
};

static sqlite3_stmt *
revenue_stmt(struct crm_session *s, struct crm_err *e)
{
	static char *sql;

	if (sql == NULL) {
		struct crm_buf b = { 0 };

		crm_buf_adds(&b, sql_revenue_head);
		crm_scope_visible_sql(&b, &crm_order_entity, "o");
		sql = crm_buf_detach(&b);
	}
	return crm_db_prepare(s->db, sql, e);
}

/* The revenue of campaign id's customers that the user sees; -1. */
static int
revenue_of(struct crm_session *s, long long id, long long *v,
    struct crm_err *e)
{
	sqlite3_stmt *st = revenue_stmt(s, e);
	int rc;

	if (st == NULL || crm_scope_bind(s, &crm_order_entity, st, e) < 0)
		return -1;
	sqlite3_bind_int64(st, 6, id);
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		*v = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

/* Marketing sees no orders (data.md): its revenue and ROI are empty,
 * not 0. */
static void
campaign_row(struct crm_rows *out, sqlite3_stmt *st, int orders,
    long long rev)
{
	long long cost = sqlite3_column_int64(st, 2),
	    leads = sqlite3_column_int64(st, 3);
	char m[3][CRM_MONEY_LEN], n[2][24], roi[32];
	struct crm_val row[8];

	crm_money_format(cost, m[0]);
	crm_money_format(rev, m[1]);
	crm_money_format(leads ? (cost + leads / 2) / leads : 0, m[2]);
	snprintf(n[0], sizeof(n[0]), "%lld", leads);
	snprintf(n[1], sizeof(n[1]), "%lld", sqlite3_column_int64(st, 4));
	report_pct(rev, cost, roi);
	row[0] = crm_val_text(crm_db_col_text(st, 1));
	row[1] = crm_val_text(crm_db_col_text(st, 0));
	row[2] = crm_val_text(m[0]);
	row[3] = crm_val_text(n[0]);
	row[4] = crm_val_text(n[1]);
	row[5] = orders ? crm_val_text(m[1]) : crm_val_null();
	row[6] = leads ? crm_val_text(m[2]) : crm_val_null();
	row[7] = orders ? crm_val_text(roi) : crm_val_null();
	crm_rows_mem_add(out, row);
}

struct crm_rows *
crm_report_campaigns(struct crm_session *s, const struct crm_range *r,
    struct crm_err *e)
{
	int orders = s->role != CRM_ROLE_MARKETING, rc;
	char d1[CRM_DATE_LEN], d2[CRM_DATE_LEN];
	struct crm_rows *out;
	sqlite3_stmt *st;

	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_FINANCE | CRM_ROLE_MARKETING, _("see the campaigns' "
	    "returns"), e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_campaigns, e)) == NULL)
		return NULL;
	crm_date_format(r->from, d1);
	crm_date_format(r->to, d2);
	crm_db_bind_text(st, 1, d1);
	crm_db_bind_text(st, 2, d2);
	out = crm_rows_mem(campaign_cols, 8);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		long long rev = 0;

		if (orders && revenue_of(s, sqlite3_column_int64(st, 0), &rev,
		    e) < 0) {
			sqlite3_reset(st);
			rc = -1;
			break;
		}
		campaign_row(out, st, orders, rev);
	}
	if (rc < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
