/* crm-deal pipeline: the open deals the user sees, by stage, owner,
 * region, month or kind — deals, amount and the probability-weighted
 * amount. One scan of deals grouped by (key, stage) sums the amounts of
 * deals with a probability of their own (weighted by it) apart from
 * those without (weighted afterwards by their stage's, from the setting
 * deal.stages read with json_each): the stage's probability is joined
 * to a handful of groups, not to every deal. */
#include <stdio.h>
#include <string.h>

#include "deal-impl.h"
#include "scope-sql.h"
#include "crm/deal-report.h"
#include "crm/money.h"
#include "crm/setting.h"
#include "crm/banned.h"

struct by_key {
	const char *word;	/* --by WORD, and the column */
	const char *expr;	/* the key of a deal c (customer cu) */
	int customer;		/* the key needs the customer */
	const char *group;	/* the key and the stage, as the planner
				   sees them: an index's order, no sort */
};

static const struct by_key keys[] = {
	{ "stage", "c.stage", 0, "c.stage" },
	{ "owner", "c.owner", 0, "c.owner, c.stage" },
	{ "region", "cu.region", 1, "cu.region, c.stage" },
	{ "month", "substr(c.close_date, 1, 7)", 0, "1, c.stage" },
	{ "kind", "c.kind", 0, "c.kind, c.stage" },
};
#define NKEYS (sizeof(keys) / sizeof(*keys))

/* The statement of one key, built once (its address is the cache key of
 * crm_db_prepare): the deals in scope (crm_scope_visible_sql) by key and
 * stage, then by key. */
static const char *
pipeline_sql(size_t k)
{
	static char *sql[NKEYS];
	struct crm_buf b = { 0 };

	if (sql[k] != NULL)
		return sql[k];
	crm_buf_adds(&b, SCOPE_TEAM DEAL_STAGES_CTE);
	crm_buf_addf(&b, ", i AS (SELECT %s AS g, c.stage AS stage, "
	    "count(*) AS n, sum(c.amount) AS a, "
	    "sum(c.amount * c.probability) AS wp, "
	    "sum(CASE WHEN c.probability IS NULL THEN c.amount END) AS wn "
	    "FROM deals c %s WHERE c.stage <> 'won' AND c.stage <> 'lost' "
	    "AND ", keys[k].expr, keys[k].customer ?
	    "LEFT JOIN customers cu ON cu.id = c.customer_id" : "");
	crm_scope_visible_sql(&b, &crm_deal_entity, "c");
	crm_buf_addf(&b, "GROUP BY %s), "
	    "agg AS (SELECT i.g AS g, sum(i.n) AS n, sum(i.a) AS a, "
	    "sum(coalesce(i.wp, 0) + coalesce(i.wn, 0) * st.p) AS w "
	    "FROM i LEFT JOIN st ON st.key = i.stage GROUP BY i.g) ",
	    keys[k].group);
	if (strcmp(keys[k].word, "stage") == 0)
		/* every open stage, in order, and any unknown one after */
		crm_buf_adds(&b, "SELECT k.g, st.label, coalesce(agg.n, 0), "
		    "coalesce(agg.a, 0), coalesce(agg.w, 0) FROM (SELECT key "
		    "AS g FROM st WHERE key <> 'won' AND key <> 'lost' UNION "
		    "SELECT g FROM agg) k LEFT JOIN agg ON agg.g = k.g "
		    "LEFT JOIN st ON st.key = k.g "
		    "ORDER BY st.ord IS NULL, st.ord, k.g");
	else
		crm_buf_adds(&b, "SELECT g, NULL, n, coalesce(a, 0), "
		    "coalesce(w, 0) FROM agg ORDER BY g IS NULL, g");
	sql[k] = crm_buf_detach(&b);
	return sql[k];
}

static int
find_key(const char *by, size_t *k, struct crm_err *e)
{
	struct crm_buf words = { 0 };

	for (*k = 0; *k < NKEYS; (*k)++)
		if (strcmp(keys[*k].word, by) == 0)
			return 0;
	for (size_t i = 0; i < NKEYS; i++) {
		if (i)
			crm_buf_adds(&words, C_("list", ", "));
		crm_buf_adds(&words, keys[i].word);
	}
	crm_err_set(e, CRM_EX_USAGE, "--by: no '%s' (use one of: %s)", by,
	    words.s);
	crm_buf_free(&words);
	return -1;
}

/* A sum of amount × percent, in cents rounded half away from zero. */
static long long
weighted_cents(sqlite3_stmt *st, int col)
{
	double w = sqlite3_column_double(st, col) / 100.0;

	return (long long)(w < 0 ? w - 0.5 : w + 0.5);
}

static const struct crm_col stage_cols[] = {
	{ NC_("column", "stage"), CRM_COL_TEXT },
	{ NC_("column", "label"), CRM_COL_TEXT },
	{ NC_("column", "deals"), CRM_COL_INT },
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "weighted"), CRM_COL_MONEY },
};

/* The rows, and the totals summed on the way. Only --by stage has the
 * label column. */
static struct crm_rows *
read_rows(struct crm_session *s, sqlite3_stmt *st, size_t k,
    long long totals[3], struct crm_err *e)
{
	struct crm_col cols[5];
	size_t skip = k == 0 ? 0 : 1;	/* the label */
	struct crm_rows *rows;
	int rc;

	memcpy(cols, stage_cols, sizeof(cols));
	cols[skip].name = keys[k].word;
	rows = crm_rows_mem(cols + skip, 5 - skip);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		char n[24], a[CRM_MONEY_LEN], w[CRM_MONEY_LEN];
		long long sums[3] = { sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), weighted_cents(st, 4) };
		struct crm_val v[5];

		snprintf(n, sizeof(n), "%lld", sums[0]);
		crm_money_format(sums[1], a);
		crm_money_format(sums[2], w);
		for (int i = 0; i < 3; i++)
			totals[i] += sums[i];
		v[1] = crm_val_text(crm_db_col_text(st, 1));
		v[skip] = crm_val_text(crm_db_col_text(st, 0));
		v[2] = crm_val_text(n);
		v[3] = crm_val_text(a);
		v[4] = crm_val_text(w);
		crm_rows_mem_add(rows, v + skip);
	}
	if (rc < 0) {
		crm_rows_close(rows);
		return NULL;
	}
	return rows;
}

struct crm_rows *
crm_deal_pipeline(struct crm_session *s, const char *by,
    long long totals[3], struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_rows *rows = NULL;
	sqlite3_stmt *st;
	size_t k = 0;

	memset(totals, 0, 3 * sizeof(*totals));
	if ((by != NULL && find_key(by, &k, e) < 0) ||
	    crm_session_require(s, crm_deal_entity.scope->see_all |
	    crm_deal_entity.scope->change, N_("see deals"), e) < 0 ||
	    crm_setting_json(s, "deal.stages", &json, e) < 0)
		goto out;
	st = crm_db_prepare(s->db, pipeline_sql(k), e);
	if (st == NULL || crm_scope_bind(s, &crm_deal_entity, st, e) < 0)
		goto out;
	sqlite3_bind_text(st, 6, json.s, (int)json.len, SQLITE_STATIC);
	rows = read_rows(s, st, k, totals, e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
out:
	crm_buf_free(&json);
	return rows;
}
