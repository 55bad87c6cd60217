/* The series of crm-forecast sales and backtest: the amounts of the
 * orders the user sees, neither drafts nor cancelled (a draft is not a
 * sale yet), by order date, per --by key and month or week (weeks begin
 * on Monday), from each key's first period to the last complete one —
 * the current period is left out, being partial. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast-report.h"
#include "scope-sql.h"
#include "crm/buf.h"
#include "crm/clock.h"
#include "crm/db.h"
#include "crm/order.h"
#include "crm/scope.h"
#include "crm/banned.h"

static const struct {
	const char *key, *amount, *join;
} keys[] = {
	{ "''", "c.total", "" },
	{ "coalesce(cu.region, '')", "c.total",
	    "JOIN customers cu ON cu.id = c.customer_id" },
	{ "coalesce(p.category, '')", "l.amount", "JOIN order_lines l ON "
	    "l.order_id = c.id JOIN products p ON p.id = l.product_id" },
	{ "l.sku", "l.amount", "JOIN order_lines l ON l.order_id = c.id" },
	{ "c.owner", "c.total", "" },
	{ "cu.name", "c.total", "JOIN customers cu ON cu.id = c.customer_id" },
};
#define NKEYS (sizeof(keys) / sizeof(*keys))

/* ?6: the first day of the current period. Built once per key and
 * unit. */
static const char *
load_sql(size_t by, int week)
{
	static char *sql[NKEYS][2];
	struct crm_buf b = { 0 };

	if (sql[by][week] != NULL)
		return sql[by][week];
	crm_buf_addf(&b, SCOPE_TEAM "SELECT k, p, sum(a) FROM (SELECT %s AS k,"
	    " %s AS p, %s AS a FROM orders c %s WHERE c.status <> 'cancelled' "
	    "AND c.status <> 'draft' AND c.order_date < ?6 AND ",
	    keys[by].key, week ? "date(c.order_date, '-6 days', 'weekday 1')"
	    : "substr(c.order_date, 1, 7)", keys[by].amount, keys[by].join);
	crm_scope_visible_sql(&b, &crm_order_entity, "c");
	crm_buf_adds(&b, ") GROUP BY k, p ORDER BY k, p");
	sql[by][week] = crm_buf_detach(&b);
	return sql[by][week];
}

/* Months since year 0, or weeks since the Monday 1970-01-05 (day 4). */
static long
day_period(crm_day d, int week)
{
	int y, m, dd;

	if (week)
		return ((long)d + 3) / 7;
	crm_day_to_ymd(d, &y, &m, &dd);
	return (long)y * 12 + m - 1;
}

void
fc_period_label(long idx, int week, char out[16])
{
	char day[CRM_DATE_LEN];

	if (!week) {
		snprintf(out, 16, "%04d-%02d", (int)(idx / 12 % 10000),
		    (int)(idx % 12 + 1));
		return;
	}
	crm_date_format((crm_day)(idx * 7 - 3), day);
	snprintf(out, 16, "%s", day);
}

static long
text_period(const char *s, int week)
{
	crm_day d;
	char buf[CRM_DATE_LEN];

	snprintf(buf, sizeof(buf), week ? "%s" : "%.7s-01", s ? s : "");
	if (crm_date_parse(buf, &d, NULL) < 0)
		return -1;
	return day_period(d, week);
}

void
fc_set_free(struct fc_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].key);
		free(set->v[i].y);
	}
	free(set->v);
	memset(set, 0, sizeof(*set));
}

/* A new series from period first to set->last. */
static struct fc_series *
new_series(struct fc_set *set, const char *key, long first,
    struct crm_err *e)
{
	struct fc_series *v = realloc(set->v, (set->n + 1) * sizeof(*v)), *s;

	if (v == NULL) {
		crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	set->v = v;
	s = &v[set->n];
	s->first = first;
	s->n = (size_t)(set->last - first + 1);
	s->key = strdup(key ? key : "");
	s->y = calloc(s->n, sizeof(double));
	if (s->key == NULL || s->y == NULL) {
		free(s->key);
		free(s->y);
		crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	set->n++;
	return s;
}

static int
read_series(struct crm_session *s, sqlite3_stmt *st, int week,
    struct fc_set *set, struct crm_err *e)
{
	struct fc_series *cur = NULL;
	int rc;

	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *key = crm_db_col_text(st, 0);
		long p = text_period(crm_db_col_text(st, 1), week);

		if (p < 0 || p > set->last)
			continue;	/* a date crm check would report */
		if ((cur == NULL || strcmp(cur->key, key ? key : "") != 0) &&
		    (cur = new_series(set, key, p, e)) == NULL)
			return -1;
		if (p >= cur->first)
			cur->y[p - cur->first] += sqlite3_column_double(st, 2);
	}
	for (size_t i = 0; rc == 0 && i < set->n; i++) {
		set->v[i].min = set->v[i].y[0];
		for (size_t t = 1; t < set->v[i].n; t++)
			if (set->v[i].y[t] < set->v[i].min)
				set->v[i].min = set->v[i].y[t];
	}
	return rc;
}

int
fc_load(struct crm_session *s, const struct fc_parsed *p,
    struct fc_set *set, struct crm_err *e)
{
	char day[CRM_DATE_LEN];
	long cur = day_period(crm_today(), p->week);
	sqlite3_stmt *st;
	int rc;

	memset(set, 0, sizeof(*set));
	set->last = cur - 1;
	if (p->week)
		crm_date_format((crm_day)(cur * 7 - 3), day);
	else
		crm_date_format(crm_day_from_ymd((int)(cur / 12),
		    (int)(cur % 12 + 1), 1), day);
	st = crm_db_prepare(s->db, load_sql(p->by, p->week), e);
	if (st == NULL || crm_scope_bind(s, &crm_order_entity, st, e) < 0)
		return -1;
	crm_db_bind_text(st, 6, day);
	rc = read_series(s, st, p->week, set, e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc < 0)
		fc_set_free(set);
	return rc < 0 ? -1 : 0;
}
