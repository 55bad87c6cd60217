/* crm-forecast pipeline: expected revenue by close month, from the
 * current month over --months: what was won in each (by the day won),
 * and the open deals expected to close then — their amounts as commit
 * (probability ≥ 75%), best case (50–75%) and pipeline (< 50%), and
 * expected = won + Σ amount × probability (the deal's, else its
 * stage's). An open deal whose expected close has passed is counted in
 * the current month (it is still expected, late); one with none in a
 * row with an empty month. --scope: standard deals, project deals (the
 * deals' kind) or all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal-impl.h"
#include "scope-sql.h"
#include "crm/clock.h"
#include "crm/forecast-sales.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/setting.h"
#include "crm/banned.h"

static const struct {
	const char *word, *key, *join;
} bys[] = {
	{ "none", "''", "" },
	{ "owner", "c.owner", "" },
	{ "region", "coalesce(cu.region, '')",
	    "LEFT JOIN customers cu ON cu.id = c.customer_id" },
	{ "stage", "c.stage", "" },
};
#define NBYS (sizeof(bys) / sizeof(*bys))

/* ?6 deal.stages (JSON), ?7 the first day of this month, ?8 the kind
 * or NULL for all, ?9 the first month after the range (YYYY-MM). */
static const char *
pipeline_sql(size_t k)
{
	static char *sql[NBYS];
	struct crm_buf b = { 0 };

	if (sql[k] != NULL)
		return sql[k];
	crm_buf_addf(&b, SCOPE_TEAM DEAL_STAGES_CTE ", d AS (SELECT %s AS g, "
	    "c.stage = 'won' AS w, coalesce(c.amount, 0) AS a, "
	    "coalesce(c.probability, st.p, 0) AS p, CASE WHEN c.stage = 'won' "
	    "THEN substr(coalesce(c.won_at, c.close_date), 1, 7) WHEN "
	    "c.close_date IS NULL THEN NULL WHEN c.close_date < ?7 THEN "
	    "substr(?7, 1, 7) ELSE substr(c.close_date, 1, 7) END AS mo "
	    "FROM deals c LEFT JOIN st ON st.key = c.stage %s WHERE "
	    "c.stage <> 'lost' AND (?8 IS NULL OR c.kind = ?8) AND "
	    "(c.stage <> 'won' OR coalesce(c.won_at, c.close_date) >= ?7) "
	    "AND ", bys[k].key, bys[k].join);
	crm_scope_visible_sql(&b, &crm_deal_entity, "c");
	crm_buf_adds(&b, ") SELECT g, mo, sum(CASE WHEN w THEN a ELSE 0 END), "
	    "sum(CASE WHEN NOT w AND p >= 75 THEN a ELSE 0 END), "
	    "sum(CASE WHEN NOT w AND p >= 50 AND p < 75 THEN a ELSE 0 END), "
	    "sum(CASE WHEN NOT w AND p < 50 THEN a ELSE 0 END), "
	    "sum(CASE WHEN w THEN a * 100.0 ELSE a * p END) "
	    "FROM d WHERE mo IS NULL OR mo < ?9 GROUP BY g, mo "
	    "ORDER BY g, mo IS NULL, mo");
	sql[k] = crm_buf_detach(&b);
	return sql[k];
}

static const struct crm_col cols[] = {
	{ NULL, CRM_COL_TEXT },		/* the --by key */
	{ NC_("column", "month"), CRM_COL_TEXT },
	{ NC_("column", "won"), CRM_COL_MONEY },
	{ NC_("column", "commit"), CRM_COL_MONEY },
	{ NC_("column", "best_case"), CRM_COL_MONEY },
	{ NC_("column", "pipeline"), CRM_COL_MONEY },
	{ NC_("column", "expected"), CRM_COL_MONEY },
};

/* A row: key (left out for no --by), month (NULL: no expected close),
 * the four sums in cents and expected in cents × 100. */
static void
add_row(struct crm_rows *r, size_t k, const char *key, const char *month,
    const double *sum)
{
	char m[5][CRM_MONEY_LEN];
	struct crm_val v[7];

	v[0] = crm_val_text(key ? key : "");
	v[1] = month ? crm_val_text(month) : crm_val_null();
	for (int i = 0; i < 5; i++) {
		double c = i == 4 ? sum[i] / 100 : sum[i];

		crm_money_format((long long)(c < 0 ? c - 0.5 : c + 0.5), m[i]);
		v[2 + i] = crm_val_text(m[i]);
	}
	crm_rows_mem_add(r, k ? v : v + 1);
}

/* The month i months after ym (year × 12 + month − 1), as YYYY-MM. */
static void
month_text(int ym, int i, char out[16])
{
	snprintf(out, 16, "%04d-%02d", (ym + i) / 12 % 10000, (ym + i) % 12 + 1);
}

/* Without --by, every month of the range has its row, zeros too:
 * sums by month (n of them, then the one without a close). */
static int
read_total(struct crm_session *s, sqlite3_stmt *st, struct crm_rows *r,
    int ym, int n, struct crm_err *e)
{
	double (*sum)[5] = calloc((size_t)n + 1, sizeof(*sum));
	char mo[16];
	int rc, none = 0;

	if (sum == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *m = crm_db_col_text(st, 1);
		int i = n;

		for (int j = 0; m != NULL && j < n; j++) {
			month_text(ym, j, mo);
			if (strcmp(mo, m) == 0)
				i = j;
		}
		if (m == NULL)
			none = 1;
		else if (i == n)
			continue;	/* won before the range: not counted */
		for (int c = 0; c < 5; c++)
			sum[i][c] += sqlite3_column_double(st, 2 + c);
	}
	for (int j = 0; rc == 0 && j <= n; j++) {
		month_text(ym, j, mo);
		if (j < n || none)
			add_row(r, 0, NULL, j < n ? mo : NULL, sum[j]);
	}
	free(sum);
	return rc;
}

static int
read_by(struct crm_session *s, sqlite3_stmt *st, struct crm_rows *r,
    size_t k, struct crm_err *e)
{
	double sum[5];
	int rc;

	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		for (int c = 0; c < 5; c++)
			sum[c] = sqlite3_column_double(st, 2 + c);
		add_row(r, k, crm_db_col_text(st, 0), crm_db_col_text(st, 1),
		    sum);
	}
	return rc;
}

static int
pipeline_args(const char *months, const char *by, const char *scope,
    int *n, size_t *k, const char **kind, struct crm_err *e)
{
	char *end;
	long v = months ? strtol(months, &end, 10) : 3;

	if (months && (*months < '0' || *months > '9' || *end || v < 1 ||
	    v > 60))
		return crm_err_set(e, CRM_EX_USAGE, "--months: '%s' is not a "
		    "number from 1 to 60", months);
	*n = (int)v;
	for (*k = by ? 1 : 0; by && *k < NBYS; (*k)++)
		if (strcmp(by, bys[*k].word) == 0)
			break;
	if (*k == NBYS)
		return crm_err_set(e, CRM_EX_USAGE, "--by: no '%s' (use one "
		    "of: owner, region, stage)", by);
	*kind = scope && strcmp(scope, "all") ? scope : NULL;
	if (*kind && strcmp(*kind, "standard") && strcmp(*kind, "project"))
		return crm_err_set(e, CRM_EX_USAGE, "--scope: no '%s' (use one "
		    "of: standard, project, all)", scope);
	return 0;
}

static int
bind_range(sqlite3_stmt *st, int ym, int n)
{
	char first[CRM_DATE_LEN], after[16];

	crm_date_format(crm_day_from_ymd(ym / 12, ym % 12 + 1, 1), first);
	month_text(ym, n, after);
	crm_db_bind_text(st, 7, first);
	crm_db_bind_text(st, 9, after);
	return 0;
}

struct crm_rows *
crm_forecast_pipeline(struct crm_session *s, const char *months,
    const char *by, const char *scope, struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_rows *r = NULL;
	struct crm_col c[7];
	const char *kind = NULL;
	sqlite3_stmt *st;
	int n = 0, y, m, d, ym, rc;
	size_t k = 0;

	if (pipeline_args(months, by, scope, &n, &k, &kind, e) < 0 ||
	    crm_session_require(s, crm_deal_entity.scope->see_all |
	    crm_deal_entity.scope->change, N_("see deals"), e) < 0 ||
	    crm_setting_json(s, "deal.stages", &json, e) < 0)
		goto out;
	crm_day_to_ymd(crm_today(), &y, &m, &d);
	ym = y * 12 + m - 1;
	st = crm_db_prepare(s->db, pipeline_sql(k), e);
	if (st == NULL || crm_scope_bind(s, &crm_deal_entity, st, e) < 0)
		goto out;
	sqlite3_bind_text(st, 6, json.s, (int)json.len, SQLITE_STATIC);
	bind_range(st, ym, n);
	if (kind)
		crm_db_bind_text(st, 8, kind);
	memcpy(c, cols, sizeof(c));
	c[0].name = k ? bys[k].word : NULL;
	r = crm_rows_mem(k ? c : c + 1, k ? 7 : 6);
	rc = k ? read_by(s, st, r, k, e) : read_total(s, st, r, ym, n, e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc < 0) {
		crm_rows_close(r);
		r = NULL;
	}
out:
	crm_buf_free(&json);
	return r;
}
