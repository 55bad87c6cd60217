/* crm-report rank: the leaderboard (排行榜) of a metric over a range.
 * Who is ranked: admins and finance everyone (reps and managers), a
 * manager their team, a rep their peers (the users with the same
 * manager) and themselves: those there in the range (active, or left
 * in it or since), and one who left before only with a figure in it.
 * Ties share a place (1, 2, 2, 4).
 *
 * A rep sees every peer's place and name but only their own value: the
 * board tells them where they stand and nothing of another's sales. So
 * a rep gets no share (theirs of the board's total gives the total away,
 * and with one peer the peer's figure), and no shared place (a tie
 * tells a peer's figure exactly): their places are 1, 2, 3 ..., the rep
 * after the peers of the same value — a peer above has as much or more,
 * one below less. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "crm/db.h"
#include "crm/banned.h"

struct who {
	char *login, *name;
	long long v;
	int there;	/* in the range: active, or left in it or since */
};

static int
by_value(const void *a, const void *b)
{
	const struct who *x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return strcmp(x->login, y->login);
}

static const struct crm_col cols[] = {
	{ NC_("column", "user"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "rank"), CRM_COL_INT },
	{ NC_("column", "value"), CRM_COL_MONEY },
	{ NC_("column", "share_pct"), CRM_COL_INT },
};

/* Drop those gone before the range with nothing in it. */
static void
drop_leavers(struct who *w, size_t *n)
{
	size_t k = 0;

	for (size_t i = 0; i < *n; i++)
		if (w[i].there || w[i].v != 0)
			w[k++] = w[i];
		else {
			free(w[i].login);
			free(w[i].name);
		}
	*n = k;
}

/* The people ranked, each with their actual. */
static struct who *
people(struct crm_session *s, enum crm_metric m, const struct crm_range *r,
    size_t *n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, report_sellers_sql, e), *a;
	struct who *w = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (st == NULL || report_sellers_bind(s, st, s->role == CRM_ROLE_REP,
	    r, e) < 0)
		return NULL;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		if (*n == cap)
			w = crm_xrealloc(w, (cap = cap ? 2 * cap : 16) *
			    sizeof(*w));
		w[*n].login = crm_xstrdup(crm_db_col_text(st, 0));
		w[*n].name = crm_xstrdup(crm_db_col_text(st, 1));
		w[*n].there = sqlite3_column_int(st, 2);
		w[(*n)++].v = 0;
	}
	if (rc < 0 || (a = report_actuals(s, m, 0, r, NULL, e)) == NULL)
		return w;
	while ((rc = crm_db_row(s->db, a, e)) == 1)
		for (size_t i = 0; i < *n; i++)
			if (strcmp(w[i].login, crm_db_col_text(a, 0)) == 0)
				w[i].v = sqlite3_column_int64(a, 1);
	sqlite3_finalize(a);
	if (rc == 0)
		drop_leavers(w, n);
	return w;
}

/* A rep goes after the peers of the same value (see above). */
static void
rep_last_of_ties(const struct crm_session *s, struct who *w, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (strcmp(w[i].login, s->user) == 0 && w[i + 1].v == w[i].v) {
			struct who t = w[i];

			w[i] = w[i + 1];
			w[i + 1] = t;
		}
}

struct crm_rows *
crm_report_rank(struct crm_session *s, const struct crm_range *r,
    const char *metric, long long limit, struct crm_err *e)
{
	struct crm_rows *out = NULL;
	enum crm_metric m = CRM_M_REVENUE;
	long long total = 0;
	struct who *w;
	size_t n;

	if (metric && crm_metric_parse(metric, 1, &m, "--metric", e) < 0)
		return NULL;
	e->code = 0;
	w = people(s, m, r, &n, e);
	if (e->code == 0) {
		if (n > 0)
			qsort(w, n, sizeof(*w), by_value);
		if (s->role == CRM_ROLE_REP)
			rep_last_of_ties(s, w, n);
		for (size_t i = 0; i < n; i++)
			total += w[i].v;
		out = crm_rows_mem(cols, 5);
	}
	for (size_t i = 0, place = 1; out && i < n && (limit == 0 ||
	    (long long)i < limit); i++) {
		int mine = s->role != CRM_ROLE_REP ||
		    strcmp(w[i].login, s->user) == 0;
		char rank[32], v[CRM_MONEY_LEN], pct[32];
		struct crm_val row[5];

		if (i > 0 && (w[i].v != w[i - 1].v || s->role == CRM_ROLE_REP))
			place = i + 1;
		snprintf(rank, sizeof(rank), "%zu", place);
		report_value_format(m, w[i].v, v);
		report_share(w[i].v, total, pct);
		row[0] = crm_val_text(w[i].login);
		row[1] = crm_val_text(w[i].name);
		row[2] = crm_val_text(rank);
		row[3] = mine ? crm_val_text(v) : crm_val_null();
		row[4] = s->role != CRM_ROLE_REP ? crm_val_text(pct) :
		    crm_val_null();
		crm_rows_mem_add(out, row);
	}
	for (size_t i = 0; i < n; i++) {
		free(w[i].login);
		free(w[i].name);
	}
	free(w);
	return out;
}
