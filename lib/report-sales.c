/* crm-report sales: ordered or collected amounts per bucket of up to
 * two dimensions, with the previous period (环比) and the same period a
 * year before (同比). SQL sums per (time bucket, key) over the range
 * widened to whole buckets and reaching back a year; C lays the
 * buckets out (every one of the range, empty ones as zero) and looks
 * each one's previous and year-before figures up. Without a time
 * dimension the range is summed three times: itself, the range before
 * it, the same range a year before. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/money.h"
#include "crm/order.h"
#include "crm/banned.h"

#define NOTIME (-1)

/* The dimensions: a time unit, or a key and its label in SQL (o the
 * order, cu its customer, l an order line; @ the day). */
static const struct dim {
	const char *name;
	int unit;
	const char *key, *label;
} dims[] = {
	{ "day", CRM_PU_DAY, "@", NULL },
	{ "week", CRM_PU_WEEK, "date(@, '-6 days', 'weekday 1')", NULL },
	{ "month", CRM_PU_MONTH, "substr(@, 1, 7)", NULL },
	{ "quarter", CRM_PU_QUARTER, "substr(@, 1, 5) || 'Q' || "
	    "((CAST(substr(@, 6, 2) AS INTEGER) + 2) / 3)", NULL },
	{ "year", CRM_PU_YEAR, "substr(@, 1, 4)", NULL },
	{ "owner", NOTIME, "o.owner", "o.owner" },
	{ "region", NOTIME, "coalesce(cu.region, '')", "cu.region" },
	{ "customer", NOTIME, "o.customer_id", "cu.name" },
	{ "product", NOTIME, "l.product_id", "l.name" },
};
#define NDIMS (sizeof(dims) / sizeof(*dims))

static const struct crm_col dim_cols[NDIMS] = {
	{ NC_("column", "day"), CRM_COL_DATE },
	{ NC_("column", "week"), CRM_COL_DATE },
	{ NC_("column", "month"), CRM_COL_TEXT },
	{ NC_("column", "quarter"), CRM_COL_TEXT },
	{ NC_("column", "year"), CRM_COL_TEXT },
	{ NC_("column", "owner"), CRM_COL_TEXT },
	{ NC_("column", "region"), CRM_COL_TEXT },
	{ NC_("column", "customer"), CRM_COL_TEXT },
	{ NC_("column", "product"), CRM_COL_TEXT },
};

/* Without --by: one row, named by its range. */
static const struct crm_col period_col = { NC_("column", "period"),
	CRM_COL_TEXT };

static const struct crm_col measure_cols[] = {
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "count"), CRM_COL_INT },
	{ NC_("column", "previous"), CRM_COL_MONEY },
	{ NC_("column", "change_previous_pct"), CRM_COL_INT },
	{ NC_("column", "year_before"), CRM_COL_MONEY },
	{ NC_("column", "change_year_pct"), CRM_COL_INT },
};
#define NMEASURES (sizeof(measure_cols) / sizeof(*measure_cols))

/* What a metric sums: its rows, day, amount and count. */
static const struct metric {
	const char *name, *from, *day, *amount, *count, *where;
} metrics[] = {
	{ "ordered", "orders o", "o.order_date", "o.total", "count(*)",
	    "o.status <> 'cancelled'" },
	{ "collected", "allocations a JOIN instalments i ON i.id = "
	    "a.instalment_id JOIN orders o ON o.id = i.order_id", "a.date",
	    "a.amount", "count(DISTINCT a.receipt_id)", "1" },
	/* issued invoices by issue date (a void one no longer counts) */
	{ "invoiced", "invoices v JOIN orders o ON o.id = v.order_id",
	    "v.issue_date", "v.amount", "count(*)", "v.status = 'issued'" },
};

struct cell {
	char *t, *k;		/* time bucket, key (of both other dims) */
	char *label[2];		/* the labels of the other dims */
	long long amount, count;
};

struct sales {
	const struct metric *m;
	const struct dim *d[2];
	int nd, time;		/* time: the index in d of the time dim */
	struct cell *c;
	size_t n, cap;
	int scan;		/* read every row, not the date index */
};

static int
cell_cmp(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int r = strcmp(x->t, y->t);

	return r ? r : strcmp(x->k, y->k);
}

static int
parse_opts(const struct crm_sales_opts *o, struct sales *sa,
    struct crm_err *e)
{
	const char *m = o->metric ? o->metric : "ordered";

	sa->m = NULL;
	for (size_t i = 0; i < sizeof(metrics) / sizeof(*metrics); i++)
		if (strcmp(m, metrics[i].name) == 0)
			sa->m = &metrics[i];
	if (sa->m == NULL)
		return crm_err_set(e, CRM_EX_USAGE, "--metric: '%s' is not "
		    "ordered, invoiced or collected", m);
	if (o->nby > 2)
		return crm_err_set(e, CRM_EX_USAGE, "--by: at most two");
	sa->nd = o->nby;
	sa->time = -1;
	for (int i = 0; i < o->nby; i++) {
		sa->d[i] = NULL;
		for (size_t j = 0; j < NDIMS; j++)
			if (strcmp(o->by[i], dims[j].name) == 0)
				sa->d[i] = &dims[j];
		if (sa->d[i] == NULL)
			return crm_err_set(e, CRM_EX_USAGE, "--by: '%s' is not "
			    "day, week, month, quarter, year, owner, region, "
			    "customer or product", o->by[i]);
		if (sa->d[i]->unit != NOTIME && sa->time >= 0)
			return crm_err_set(e, CRM_EX_USAGE, "--by: one of day, "
			    "week, month, quarter and year at most");
		if (sa->d[i]->unit != NOTIME)
			sa->time = i;
		if (strcmp(o->by[i], "product") == 0 && sa->m != metrics)
			return crm_err_set(e, CRM_EX_USAGE, "--by product goes "
			    "with --metric ordered only");
	}
	if (sa->nd == 2 && sa->d[0] == sa->d[1])
		return crm_err_set(e, CRM_EX_USAGE, "--by: '%s' twice",
		    o->by[0]);
	return 0;
}

/* Append text with each @ the day column of the metric. */
static void
add_day(struct crm_buf *b, const char *text, const char *day)
{
	for (; *text; text++)
		if (*text == '@')
			crm_buf_adds(b, day);
		else
			crm_buf_addc(b, *text);
}

/* The key of two dimensions other than time: the first's length, then
 * both, so that no two pairs make the same key. */
static void
add_key(struct crm_buf *b, const struct dim *const *k, int nk)
{
	if (nk < 2) {
		crm_buf_adds(b, nk ? k[0]->key : "''");
		return;
	}
	crm_buf_addf(b, "length(coalesce(%s, '')) || ':' || coalesce(%s, "
	    "'') || coalesce(%s, '')", k[0]->key, k[0]->key, k[1]->key);
}

/* SELECT time, key, label, label, amount, count ... GROUP BY time, key. */
static void
build_sql(const struct sales *sa, struct crm_buf *b)
{
	const struct dim *t = sa->time >= 0 ? sa->d[sa->time] : NULL;
	const struct dim *k[2] = { NULL, NULL };
	int product = 0, customer = 0, nk = 0;

	for (int i = 0; i < sa->nd; i++) {
		if (i != sa->time)
			k[nk++] = sa->d[i];
		product |= strcmp(sa->d[i]->name, "product") == 0;
		customer |= sa->d[i]->name[0] == 'r' ||
		    sa->d[i]->name[0] == 'c';
	}
	crm_buf_adds(b, SCOPE_TEAM "SELECT ");
	add_day(b, t ? t->key : "''", sa->m->day);
	crm_buf_adds(b, ", ");
	add_key(b, k, nk);
	crm_buf_addf(b, ", %s, %s", k[0] ? k[0]->label : "NULL",
	    k[1] ? k[1]->label : "NULL");
	crm_buf_adds(b, ", sum(");
	crm_buf_adds(b, product ? "l.amount" : sa->m->amount);
	crm_buf_adds(b, "), ");
	crm_buf_adds(b, product ? "count(DISTINCT o.id)" : sa->m->count);
	crm_buf_adds(b, " FROM ");
	crm_buf_adds(b, sa->m->from);
	if (product)
		crm_buf_adds(b, " JOIN order_lines l ON l.order_id = o.id");
	if (customer)
		crm_buf_adds(b, " JOIN customers cu ON cu.id = o.customer_id");
	crm_buf_adds(b, sa->scan ? " WHERE +" : " WHERE ");
	crm_buf_adds(b, sa->m->day);
	crm_buf_adds(b, " BETWEEN ?6 AND ?7 AND ");
	crm_buf_adds(b, sa->m->where);
	crm_buf_adds(b, " AND ");
	crm_scope_visible_sql(b, &crm_order_entity, "o");
	crm_buf_adds(b, "GROUP BY 1, 2");
}

/* The orders' first and last days, from the date index: two lookups
 * (min and max in one SELECT would read the whole index). */
static const char sql_span[] =
	"SELECT (SELECT min(order_date) FROM orders), "
	"(SELECT max(order_date) FROM orders)";

/* Without statistics SQLite reads a range of days through the index of
 * order dates, a lookup of the table per order: past a sixth of the
 * orders one pass over the table is faster (a year of five: through the
 * index; the whole history: 4x faster in one pass). The share is
 * guessed from the days the orders span. */
static int
choose_scan(struct crm_session *s, struct sales *sa, crm_day from,
    crm_day to, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_span, e);
	crm_day lo, hi;
	int rc;

	sa->scan = 0;
	if (sa->m != metrics || st == NULL)
		return st == NULL ? -1 : 0;
	if ((rc = crm_db_row(s->db, st, e)) != 1)
		return rc;
	if (crm_db_col_text(st, 0) && crm_db_col_text(st, 1) &&
	    crm_date_parse(crm_db_col_text(st, 0), &lo, NULL) == 0 &&
	    crm_date_parse(crm_db_col_text(st, 1), &hi, NULL) == 0) {
		if (from < lo)
			from = lo;
		if (to > hi)
			to = hi;
		sa->scan = 6 * (long long)(to - from + 1) >= hi - lo + 1;
	}
	sqlite3_reset(st);
	return 0;
}

/* Sum [from, to] into cells; tag, when not NULL, is their time bucket
 * (the three ranges of a report without a time dimension). */
static int
query(struct crm_session *s, struct sales *sa, crm_day from, crm_day to,
    const char *tag, struct crm_err *e)
{
	char d1[CRM_DATE_LEN], d2[CRM_DATE_LEN];
	struct crm_buf sql = { 0 };
	sqlite3_stmt *st;
	int rc;

	build_sql(sa, &sql);
	st = report_prepare(s, &sql, e);
	crm_buf_free(&sql);
	if (st == NULL)
		return -1;
	if (crm_scope_bind(s, &crm_order_entity, st, e) < 0) {
		sqlite3_finalize(st);
		return -1;
	}
	crm_date_format(from, d1);
	crm_date_format(to, d2);
	crm_db_bind_text(st, 6, d1);
	crm_db_bind_text(st, 7, d2);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct cell *c;

		if (sa->n == sa->cap) {
			sa->cap = sa->cap ? 2 * sa->cap : 64;
			sa->c = crm_xrealloc(sa->c, sa->cap * sizeof(*sa->c));
		}
		c = &sa->c[sa->n++];
		c->t = crm_xstrdup(tag ? tag : crm_db_col_text(st, 0));
		c->k = crm_xstrdup(crm_db_col_text(st, 1) ?
		    crm_db_col_text(st, 1) : "");
		for (int i = 0; i < 2; i++)
			c->label[i] = crm_db_col_text(st, 2 + i) ?
			    crm_xstrdup(crm_db_col_text(st, 2 + i)) : NULL;
		c->amount = sqlite3_column_int64(st, 4);
		c->count = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return rc;
}

static const struct cell *
find(const struct sales *sa, const char *t, const char *k)
{
	struct cell key;

	if (sa->n == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.t = (char *)t;
	key.k = (char *)k;
	return bsearch(&key, sa->c, sa->n, sizeof(*sa->c), cell_cmp);
}

/* The keys of the other dimensions, once each, ordered by label. */
static int
label_cmp(const void *a, const void *b)
{
	const struct cell *x = *(const struct cell *const *)a;
	const struct cell *y = *(const struct cell *const *)b;
	int r = 0;

	for (int i = 0; r == 0 && i < 2; i++)
		r = strcmp(x->label[i] ? x->label[i] : "", y->label[i] ?
		    y->label[i] : "");
	return r ? r : strcmp(x->k, y->k);
}

static const struct cell **
keys_of(const struct sales *sa, size_t *n)
{
	const struct cell **k = crm_xrealloc(NULL, (sa->n + 1) * sizeof(*k));
	size_t m = 0;

	for (size_t i = 0; i < sa->n; i++)
		k[m++] = &sa->c[i];
	qsort(k, m, sizeof(*k), label_cmp);
	*n = 0;
	for (size_t i = 0; i < m; i++)
		if (*n == 0 || strcmp(k[*n - 1]->k, k[i]->k) != 0)
			k[(*n)++] = k[i];
	return k;
}

/* One row: the bucket's label and the key's, the figures. */
static void
add_row(struct crm_rows *out, const struct sales *sa, const char *tlabel,
    const char *now, const char *prev, const char *yoy, const char *k,
    char *const *klabel)
{
	const struct cell *c = find(sa, now, k), *p = find(sa, prev, k),
	    *y = find(sa, yoy, k);
	long long a = c ? c->amount : 0, pa = p ? p->amount : 0,
	    ya = y ? y->amount : 0;
	char money[3][CRM_MONEY_LEN], count[32], pct[2][32];
	struct crm_val row[2 + NMEASURES];
	int i = 0, nk = 0;

	if (sa->nd == 0)
		row[i++] = crm_val_text(tlabel);
	for (int d = 0; d < sa->nd; d++)
		row[i++] = crm_val_text(d == sa->time ? tlabel :
		    klabel[nk++]);
	crm_money_format(a, money[0]);
	crm_money_format(pa, money[1]);
	crm_money_format(ya, money[2]);
	snprintf(count, sizeof(count), "%lld", c ? c->count : 0);
	report_pct(a, pa, pct[0]);
	report_pct(a, ya, pct[1]);
	row[i++] = crm_val_text(money[0]);
	row[i++] = crm_val_text(count);
	row[i++] = crm_val_text(money[1]);
	row[i++] = crm_val_text(pct[0]);
	row[i++] = crm_val_text(money[2]);
	row[i++] = crm_val_text(pct[1]);
	crm_rows_mem_add(out, row);
}

/* A time bucket: its label, and those of the one before and a year
 * before. */
struct bucket {
	char now[REPORT_KEY_LEN], prev[REPORT_KEY_LEN], yoy[REPORT_KEY_LEN];
};

static struct bucket *
buckets_of(const struct sales *sa, const struct crm_range *r, size_t *n)
{
	struct bucket *b;
	size_t cap = 16;

	*n = 0;
	b = crm_xrealloc(NULL, cap * sizeof(*b));
	if (sa->time < 0) {
		snprintf(b[0].now, REPORT_KEY_LEN, "0");
		snprintf(b[0].prev, REPORT_KEY_LEN, "1");
		snprintf(b[0].yoy, REPORT_KEY_LEN, "2");
		*n = 1;
		return b;
	}
	enum crm_unit u = (enum crm_unit)sa->d[sa->time]->unit;
	for (crm_day d = r->from; d <= r->to; d = report_next(u, d)) {
		if (*n == cap)
			b = crm_xrealloc(b, (cap *= 2) * sizeof(*b));
		report_bucket(u, d, b[*n].now);
		report_bucket(u, report_back(u, d, 0), b[*n].prev);
		report_bucket(u, report_back(u, d, 1), b[*n].yoy);
		(*n)++;
	}
	return b;
}

static struct crm_rows *
layout(const struct sales *sa, const struct crm_range *r)
{
	struct crm_col cols[2 + NMEASURES];
	const struct cell **keys;
	struct crm_rows *out;
	struct bucket *b;
	size_t nk, nb, nc = 0;
	int other = sa->nd - (sa->time >= 0 ? 1 : 0) > 0;

	if (sa->nd == 0)
		cols[nc++] = period_col;
	for (int d = 0; d < sa->nd; d++)
		cols[nc++] = dim_cols[sa->d[d] - dims];
	for (size_t i = 0; i < NMEASURES; i++)
		cols[nc++] = measure_cols[i];
	out = crm_rows_mem(cols, nc);
	keys = keys_of(sa, &nk);
	b = buckets_of(sa, r, &nb);
	if (sa->nd == 0) {
		char label[2 * REPORT_KEY_LEN];

		report_range_label(r, label);
		add_row(out, sa, label, "0", "1", "2", "", NULL);
	} else if (!other) {
		for (size_t i = 0; i < nb; i++)
			add_row(out, sa, b[i].now, b[i].now, b[i].prev,
			    b[i].yoy, "", NULL);
	} else if (sa->time == 0) {
		for (size_t i = 0; i < nb; i++)
			for (size_t j = 0; j < nk; j++)
				add_row(out, sa, b[i].now, b[i].now,
				    b[i].prev, b[i].yoy, keys[j]->k,
				    keys[j]->label);
	} else {
		for (size_t j = 0; j < nk; j++)
			for (size_t i = 0; i < nb; i++)
				add_row(out, sa, b[i].now, b[i].now,
				    b[i].prev, b[i].yoy, keys[j]->k,
				    keys[j]->label);
	}
	free(keys);
	free(b);
	return out;
}

static void
sales_free(struct sales *sa)
{
	for (size_t i = 0; i < sa->n; i++) {
		free(sa->c[i].t);
		free(sa->c[i].k);
		free(sa->c[i].label[0]);
		free(sa->c[i].label[1]);
	}
	free(sa->c);
}

/* With a time dimension the range grows to whole buckets, and the query
 * reaches back to the year before its first. */
static int
gather(struct crm_session *s, struct sales *sa, struct crm_range *r,
    struct crm_err *e)
{
	struct crm_range p, y;

	if (sa->time >= 0) {
		enum crm_unit u = (enum crm_unit)sa->d[sa->time]->unit;
		crm_day first = report_start(u, r->from), last;

		last = report_next(u, r->to) - 1;
		r->from = first;
		r->to = last;
		p.from = report_back(u, first, 1);
		if (report_back(u, first, 0) < p.from)
			p.from = report_back(u, first, 0);
		if (choose_scan(s, sa, p.from, last, e) < 0)
			return -1;
		return query(s, sa, p.from, last, NULL, e);
	}
	report_range_back(r, 0, &p);
	report_range_back(r, 1, &y);
	if (choose_scan(s, sa, r->from, r->to, e) < 0 ||
	    query(s, sa, r->from, r->to, "0", e) < 0 ||
	    query(s, sa, p.from, p.to, "1", e) < 0 ||
	    query(s, sa, y.from, y.to, "2", e) < 0)
		return -1;
	return 0;
}

struct crm_rows *
crm_report_sales(struct crm_session *s, const struct crm_sales_opts *o,
    struct crm_err *e)
{
	struct sales sa;
	struct crm_range r = o->range;
	struct crm_rows *out = NULL;

	memset(&sa, 0, sizeof(sa));
	if (parse_opts(o, &sa, e) == 0 && gather(s, &sa, &r, e) == 0) {
		if (sa.n > 0)
			qsort(sa.c, sa.n, sizeof(*sa.c), cell_cmp);
		out = layout(&sa, &r);
	}
	sales_free(&sa);
	return out;
}
