/* crm-deal funnel: what the stage history says, as of the end of a day.
 * One pass over the history rows of the deals the user sees, deal by
 * deal in time order, adds each deal to its group (everything, or its
 * owner, its customer's region or its kind):
 *
 *   reached   a deal counts in the first stage and in every stage up to
 *             the furthest it entered, in the order of deal.stages (a
 *             won deal in all of them); lost is no step of the funnel
 *   in stage  the stage it was in at the end of the day
 *   days      each stay in a stage that ended by then (moving on, back
 *             or out), for the median
 *   cycle     the first row to the won or lost row of a closed deal
 *
 * Medians sort each group's values: n log n, nothing quadratic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal-impl.h"
#include "scope-sql.h"
#include "crm/deal-report.h"
#include "crm/keyset.h"
#include "crm/money.h"
#include "crm/banned.h"

struct vec {
	int32_t *v;		/* seconds */
	size_t n, cap;
};

struct group {
	char *key;		/* NULL: none (a customer with no region) */
	long deals, open, won, lost;
	long long won_cents;
	struct vec cycle;
	long *reached, *in_stage;	/* per stage of deal.stages */
	struct vec *days;
};

struct funnel {
	struct crm_stages stages;
	int won, lost;		/* their indexes in stages, or -1 */
	struct group *g;
	size_t ng, gcap;
	size_t *slot;		/* hash of keys: index + 1, 0 empty */
	size_t nslot;
};

/* The deal being read. */
struct deal {
	long long id;
	struct group *g;
	long long amount;
	long long first, last;	/* seconds */
	int top, stage;		/* furthest funnel stage; the last stage */
};

static void
vec_add(struct vec *v, long long x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->v = crm_xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n++] = (int32_t)(x > INT32_MAX ? INT32_MAX : x);
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* The median in days, -1 for none. */
static double
vec_median_days(struct vec *v)
{
	size_t m = v->n / 2;

	if (v->n == 0)
		return -1;
	qsort(v->v, v->n, sizeof(*v->v), cmp_i32);
	if (v->n % 2)
		return v->v[m] / 86400.0;
	return ((double)v->v[m - 1] + v->v[m]) / 2 / 86400.0;
}

static size_t
key_hash(const char *key, size_t nslot)
{
	return key ? crm_hash64(key, strlen(key)) & (nslot - 1) : 0;
}

static int
same_key(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void
rehash(struct funnel *f)
{
	f->nslot = f->nslot ? f->nslot * 2 : 64;
	free(f->slot);
	f->slot = crm_xcalloc(f->nslot, sizeof(*f->slot));
	for (size_t i = 0; i < f->ng; i++) {
		size_t h = key_hash(f->g[i].key, f->nslot);

		while (f->slot[h])
			h = (h + 1) & (f->nslot - 1);
		f->slot[h] = i + 1;
	}
}

/* The group of key, made on first sight. */
static struct group *
group_of(struct funnel *f, const char *key)
{
	size_t h, ns = f->stages.n;
	struct group *g;

	if (f->ng * 2 >= f->nslot)
		rehash(f);
	for (h = key_hash(key, f->nslot); f->slot[h];
	    h = (h + 1) & (f->nslot - 1))
		if (same_key(f->g[f->slot[h] - 1].key, key))
			return &f->g[f->slot[h] - 1];
	if (f->ng == f->gcap) {
		f->gcap = f->gcap ? f->gcap * 2 : 8;
		f->g = crm_xrealloc(f->g, f->gcap * sizeof(*f->g));
	}
	g = &f->g[f->ng];
	memset(g, 0, sizeof(*g));
	g->key = key ? crm_xstrdup(key) : NULL;
	g->reached = crm_xcalloc(ns ? ns : 1, sizeof(long));
	g->in_stage = crm_xcalloc(ns ? ns : 1, sizeof(long));
	g->days = crm_xcalloc(ns ? ns : 1, sizeof(struct vec));
	f->slot[h] = ++f->ng;
	return g;
}

static void
funnel_free(struct funnel *f)
{
	for (size_t i = 0; i < f->ng; i++) {
		struct group *g = &f->g[i];

		for (size_t j = 0; j < f->stages.n; j++)
			free(g->days[j].v);
		free(g->days);
		free(g->reached);
		free(g->in_stage);
		free(g->cycle.v);
		free(g->key);
	}
	free(f->g);
	free(f->slot);
	crm_stages_free(&f->stages);
}

static int
stage_index(const struct funnel *f, const char *key)
{
	for (size_t i = 0; key && i < f->stages.n; i++)
		if (strcmp(f->stages.v[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* Seconds since the epoch of a history time (a date is its midnight). */
static long long
seconds(const char *at)
{
	struct crm_time t;

	if (at == NULL || crm_time_parse(at, &t, NULL) < 0)
		return 0;
	return (long long)t.day * 86400 + t.sec;
}

/* The deal read to its end: count it in its group. */
static void
deal_done(struct funnel *f, const struct deal *d)
{
	struct group *g = d->g;

	g->deals++;
	for (int i = 0; i <= d->top && i < (int)f->stages.n; i++)
		if (i != f->lost)
			g->reached[i]++;
	if (d->stage >= 0)
		g->in_stage[d->stage]++;
	if (d->stage >= 0 && d->stage == f->won) {
		g->won++;
		g->won_cents += d->amount;
	} else if (d->stage >= 0 && d->stage == f->lost) {
		g->lost++;
	} else {
		g->open++;
		return;
	}
	vec_add(&g->cycle, d->last - d->first);
}

/* One history row of deal d (the rows of a deal come together, oldest
 * first): the stay in the stage before ends now. */
static void
deal_row(struct funnel *f, struct deal *d, const char *to, long long at)
{
	int i = stage_index(f, to);

	if (d->stage >= 0 && d->stage != f->won && d->stage != f->lost)
		vec_add(&d->g->days[d->stage], at - d->last);
	d->stage = i;
	d->last = at;
	if (i >= 0 && i != f->lost && i > d->top)
		d->top = i;
}

static int
funnel_read(struct funnel *f, struct crm_session *s, sqlite3_stmt *st,
    struct crm_err *e)
{
	struct deal d = { 0, NULL, 0, 0, 0, 0, -1 };
	int rc;

	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		long long id = sqlite3_column_int64(st, 0);
		long long at = seconds(crm_db_col_text(st, 3));

		if (d.g == NULL || id != d.id) {
			if (d.g != NULL)
				deal_done(f, &d);
			d.id = id;
			d.g = group_of(f, crm_db_col_text(st, 1));
			d.amount = sqlite3_column_int64(st, 4);
			d.first = d.last = at;
			d.top = 0;	/* every deal is in the first stage */
			d.stage = -1;
		}
		deal_row(f, &d, crm_db_col_text(st, 2), at);
	}
	if (d.g != NULL && rc == 0)
		deal_done(f, &d);
	return rc;
}

static const char *const by_words[] = { "owner", "region", "kind" };
static const char *const by_exprs[] = { "c.owner", "cu.region", "c.kind" };
#define NBY (sizeof(by_words) / sizeof(*by_words))

/* The history rows of the deals in scope, before ?6 (the day after
 * as-of), deal by deal (the index deal_stages_deal gives the order).
 * Built once for each grouping (k = NBY: none). */
static const char *
funnel_sql(size_t k)
{
	static char *sql[NBY + 1];
	struct crm_buf b = { 0 };

	if (sql[k] != NULL)
		return sql[k];
	crm_buf_addf(&b, SCOPE_TEAM "SELECT c.id, %s, h.to_stage, h.at, "
	    "coalesce(c.amount, 0) FROM deals c %s JOIN deal_stages h ON "
	    "h.deal_id = c.id WHERE h.at < ?6 AND ", k < NBY ? by_exprs[k] :
	    "NULL", k == 1 ? "LEFT JOIN customers cu ON cu.id = c.customer_id"
	    : "");
	crm_scope_visible_sql(&b, &crm_deal_entity, "c");
	crm_buf_adds(&b, "ORDER BY c.id, h.at, h.id");
	sql[k] = crm_buf_detach(&b);
	return sql[k];
}

static int
find_by(const char *by, size_t *k, struct crm_err *e)
{
	if (by == NULL) {
		*k = NBY;
		return 0;
	}
	for (*k = 0; *k < NBY; (*k)++)
		if (strcmp(by_words[*k], by) == 0)
			return 0;
	return crm_err_set(e, CRM_EX_USAGE, "--by: no '%s' (use one of: "
	    "owner, region, kind)", by);
}

/* The first time after the end of day asof (NULL: today). */
static int
cutoff(const char *asof, char out[CRM_DATE_LEN], struct crm_err *e)
{
	crm_day day = crm_today();

	if (asof != NULL && crm_date_parse(asof, &day, e) < 0)
		return crm_err_option(e, "--as-of");
	crm_date_format(day + 1, out);
	return 0;
}

static int
group_cmp(const void *a, const void *b)
{
	const char *x = ((const struct group *)a)->key;
	const char *y = ((const struct group *)b)->key;

	if (x == NULL || y == NULL)
		return (x == NULL) - (y == NULL);
	return strcmp(x, y);
}

static const struct crm_col stage_cols[] = {
	{ NULL, CRM_COL_TEXT },		/* the --by key */
	{ NC_("column", "stage"), CRM_COL_TEXT },
	{ NC_("column", "label"), CRM_COL_TEXT },
	{ NC_("column", "reached"), CRM_COL_INT },
	{ NC_("column", "conversion_pct"), CRM_COL_INT },
	{ NC_("column", "in_stage"), CRM_COL_INT },
	{ NC_("column", "median_days"), CRM_COL_INT },
};
static const struct crm_col summary_cols[] = {
	{ NULL, CRM_COL_TEXT },
	{ NC_("column", "deals"), CRM_COL_INT },
	{ NC_("column", "open"), CRM_COL_INT },
	{ NC_("column", "won"), CRM_COL_INT },
	{ NC_("column", "lost"), CRM_COL_INT },
	{ NC_("column", "win_rate_pct"), CRM_COL_INT },
	{ NC_("column", "avg_won"), CRM_COL_MONEY },
	{ NC_("column", "median_cycle_days"), CRM_COL_INT },
	{ NC_("column", "velocity"), CRM_COL_MONEY },
};
#define NSTAGE_COLS (sizeof(stage_cols) / sizeof(*stage_cols))
#define NSUMMARY_COLS (sizeof(summary_cols) / sizeof(*summary_cols))

/* Memory rows of cols, the first column named by, or left out. */
static struct crm_rows *
rows_by(const struct crm_col *cols, size_t n, const char *by)
{
	struct crm_col c[NSUMMARY_COLS];

	memcpy(c, cols, n * sizeof(*c));
	c[0].name = by;
	return by ? crm_rows_mem(c, n) : crm_rows_mem(c + 1, n - 1);
}

/* "%.1f", or nothing for a negative (none). */
static const char *
decimal(double x, char *buf, size_t size)
{
	if (x < 0)
		return NULL;
	snprintf(buf, size, "%.1f", x);
	return buf;
}

static void
stage_row(struct crm_rows *rows, const struct funnel *f,
    const struct group *g, size_t i, long before, int by)
{
	char n[24], conv[32], in[24], days[32];
	const struct crm_stage *stage = &f->stages.v[i];
	struct crm_val v[NSTAGE_COLS];

	snprintf(n, sizeof(n), "%ld", g->reached[i]);
	snprintf(in, sizeof(in), "%ld", g->in_stage[i]);
	v[0] = crm_val_text(g->key);
	v[1] = crm_val_text(stage->key);
	v[2] = crm_val_text(stage->label);
	v[3] = crm_val_text(n);
	v[4] = crm_val_text(before > 0 ? decimal(100.0 * (double)
	    g->reached[i] / (double)before, conv, sizeof(conv)) : NULL);
	v[5] = crm_val_text(in);
	v[6] = crm_val_text(decimal(vec_median_days(&g->days[i]), days,
	    sizeof(days)));
	crm_rows_mem_add(rows, by ? v : v + 1);
}

/* Per group, each stage but lost, in order. */
static struct crm_rows *
funnel_stage_rows(struct funnel *f, const char *by)
{
	struct crm_rows *rows = rows_by(stage_cols, NSTAGE_COLS, by);

	for (size_t j = 0; j < f->ng; j++) {
		long before = -1;

		for (size_t i = 0; i < f->stages.n; i++) {
			if ((int)i == f->lost)
				continue;
			stage_row(rows, f, &f->g[j], i, before, by != NULL);
			before = f->g[j].reached[i];
		}
	}
	return rows;
}

static void
summary_row(struct crm_rows *rows, struct group *g, int by)
{
	char n[4][24], rate[32], avg[CRM_MONEY_LEN], cycle[32];
	char vel[CRM_MONEY_LEN];
	long closed = g->won + g->lost;
	double days = vec_median_days(&g->cycle) ;
	struct crm_val v[NSUMMARY_COLS];
	long long avg_cents = g->won ? (g->won_cents + (g->won_cents >= 0 ?
	    g->won / 2 : -g->won / 2)) / g->won : 0;

	snprintf(n[0], sizeof(n[0]), "%ld", g->deals);
	snprintf(n[1], sizeof(n[1]), "%ld", g->open);
	snprintf(n[2], sizeof(n[2]), "%ld", g->won);
	snprintf(n[3], sizeof(n[3]), "%ld", g->lost);
	crm_money_format(avg_cents, avg);
	v[0] = crm_val_text(g->key);
	for (int i = 0; i < 4; i++)
		v[1 + i] = crm_val_text(n[i]);
	v[5] = crm_val_text(closed ? decimal(100.0 * (double)g->won /
	    (double)closed, rate, sizeof(rate)) : NULL);
	v[6] = crm_val_text(g->won ? avg : NULL);
	v[7] = crm_val_text(decimal(days, cycle, sizeof(cycle)));
	v[8] = crm_val_text(NULL);
	if (closed && days > 0) {
		/* open deals × win rate × average won ÷ cycle: money a day */
		double c = (double)g->open * (double)g->won / (double)closed *
		    (double)avg_cents / days;

		crm_money_format((long long)(c + 0.5), vel);
		v[8] = crm_val_text(vel);
	}
	crm_rows_mem_add(rows, by ? v : v + 1);
}

static struct crm_rows *
funnel_summary_rows(struct funnel *f, const char *by)
{
	struct crm_rows *rows = rows_by(summary_cols, NSUMMARY_COLS, by);

	for (size_t j = 0; j < f->ng; j++)
		summary_row(rows, &f->g[j], by != NULL);
	return rows;
}

struct crm_rows *
crm_deal_funnel(struct crm_session *s, const char *by, const char *asof,
    struct crm_rows **summary, struct crm_err *e)
{
	struct funnel f = { 0 };
	char end[CRM_DATE_LEN];
	struct crm_rows *rows = NULL;
	sqlite3_stmt *st;
	size_t k;

	*summary = NULL;
	if (find_by(by, &k, e) < 0 || cutoff(asof, end, e) < 0 ||
	    crm_session_require(s, crm_deal_entity.scope->see_all |
	    crm_deal_entity.scope->change, N_("see deals"), e) < 0 ||
	    crm_stages_load(s, &f.stages, e) < 0)
		return NULL;
	f.won = stage_index(&f, "won");
	f.lost = stage_index(&f, "lost");
	st = crm_db_prepare(s->db, funnel_sql(k), e);
	if (st == NULL || crm_scope_bind(s, &crm_deal_entity, st, e) < 0)
		goto out;
	crm_db_bind_text(st, 6, end);
	if (funnel_read(&f, s, st, e) < 0)
		goto out;
	if (by == NULL && f.ng == 0)
		group_of(&f, NULL);	/* the one group, empty */
	qsort(f.g, f.ng, sizeof(*f.g), group_cmp);
	rows = funnel_stage_rows(&f, by);
	*summary = funnel_summary_rows(&f, by);
out:
	funnel_free(&f);
	return rows;
}
