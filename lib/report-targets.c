/* crm-report targets: each target the user sees (its user's or region's,
 * of a metric) for the period against the actual, the attainment and
 * what is left to reach it. A quarter's or year's target is the one set
 * for it, else the sum of its months' (a year: of its quarters', each
 * the one set or the sum of its months'): lib/target.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/banned.h"

/* The keys of the targets the user sees, of any period. */
static const char sql_keys[] =
	SCOPE_TEAM "SELECT DISTINCT t.user, t.region, t.metric, "
	"(SELECT name FROM users WHERE login = t.user) FROM targets t "
	"WHERE (?2 OR t.user IN (SELECT login FROM team) OR t.region IN "
	"(SELECT region FROM team)) AND (t.user IS NULL) = ?6 "
	"ORDER BY t.user, t.region, CASE t.metric WHEN 'revenue' THEN 0 "
	"WHEN 'collected' THEN 1 WHEN 'new_customers' THEN 2 ELSE 3 END";

static const struct crm_col cols[] = {
	{ NC_("column", "user"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "metric"), CRM_COL_TEXT },
	{ NC_("column", "target"), CRM_COL_MONEY },
	{ NC_("column", "actual"), CRM_COL_MONEY },
	{ NC_("column", "attainment_pct"), CRM_COL_INT },
	{ NC_("column", "gap"), CRM_COL_MONEY },
};
static const struct crm_col region_cols[] = {
	{ NC_("column", "region"), CRM_COL_TEXT },
	{ NC_("column", "metric"), CRM_COL_TEXT },
	{ NC_("column", "target"), CRM_COL_MONEY },
	{ NC_("column", "actual"), CRM_COL_MONEY },
	{ NC_("column", "attainment_pct"), CRM_COL_INT },
	{ NC_("column", "gap"), CRM_COL_MONEY },
};

int
report_actual_of(struct crm_session *s, enum crm_metric m, int by_region,
    const struct crm_range *r, const char *who, long long *v,
    struct crm_err *e)
{
	sqlite3_stmt *st = report_actuals(s, m, by_region, r, who, e);
	int rc;

	*v = 0;
	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		*v = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return rc;
}

static void
add_row(struct crm_rows *out, int by_region, sqlite3_stmt *st,
    enum crm_metric m, long long target, long long actual)
{
	char t[CRM_MONEY_LEN], a[CRM_MONEY_LEN], g[CRM_MONEY_LEN], pct[32];
	struct crm_val row[7];
	int i = 0;

	report_value_format(m, target, t);
	report_value_format(m, actual, a);
	report_value_format(m, actual < target ? target - actual : 0, g);
	report_share(actual, target, pct);
	row[i++] = crm_val_text(crm_db_col_text(st, by_region));
	if (!by_region)
		row[i++] = crm_val_text(crm_db_col_text(st, 3));
	row[i++] = crm_val_text(report_metric_name(m));
	row[i++] = crm_val_text(t);
	row[i++] = crm_val_text(a);
	row[i++] = crm_val_text(pct);
	row[i++] = crm_val_text(g);
	crm_rows_mem_add(out, row);
}

struct crm_rows *
crm_report_targets(struct crm_session *s, const struct crm_range *r,
    const char *by, struct crm_err *e)
{
	int by_region = by && strcmp(by, "region") == 0, rc;
	struct crm_rows *out;
	sqlite3_stmt *st;

	if (by && !by_region && strcmp(by, "user") != 0) {
		crm_err_set(e, CRM_EX_USAGE, "--by: '%s' is not user or "
		    "region", by);
		return NULL;
	}
	if (r->unit != CRM_PU_MONTH && r->unit != CRM_PU_QUARTER &&
	    r->unit != CRM_PU_YEAR) {
		crm_err_set(e, CRM_EX_USAGE, "--period: targets are of a "
		    "month, quarter or year");
		return NULL;
	}
	if ((st = crm_db_prepare(s->db, sql_keys, e)) == NULL ||
	    crm_scope_bind(s, &crm_target_entity, st, e) < 0)
		return NULL;
	sqlite3_bind_int(st, 6, by_region);
	out = by_region ? crm_rows_mem(region_cols, 6) : crm_rows_mem(cols, 7);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *user = crm_db_col_text(st, 0),
		    *region = crm_db_col_text(st, 1);
		long long target, actual;
		enum crm_metric m;
		int has;

		if (crm_metric_parse(crm_db_col_text(st, 2), 0, &m, "metric",
		    e) < 0 || (has = report_target_of(s, user, region, m, r,
		    &target, e)) < 0 || (has && report_actual_of(s, m,
		    by_region, r, by_region ? region : user, &actual, e) < 0))
			break;
		if (has)
			add_row(out, by_region, st, m, target, actual);
	}
	if (rc != 0) {
		sqlite3_reset(st);
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
