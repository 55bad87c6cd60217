/* crm-forecast targets: per person, the revenue target of the period
 * (crm target), what was ordered in it so far, and the forecast to its
 * end — that, plus the open deals expected to close within it, each at
 * its probability (the deal's, else its stage's; one whose close has
 * passed counts as closing now, while the period runs) — with the
 * attainment it would make and the shortfall: "will we make it". */
#include <stdio.h>
#include <string.h>

#include "deal-impl.h"
#include "report-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/forecast-sales.h"
#include "crm/money.h"
#include "crm/setting.h"
#include "crm/banned.h"

/* ?6 deal.stages, ?7 .. ?8 the period, ?9 whether it runs today, ?10
 * the owner: the expected amount (cents × 100) of their open deals. */
static const char *
open_sql(void)
{
	static char *sql;
	struct crm_buf b = { 0 };

	if (sql != NULL)
		return sql;
	crm_buf_adds(&b, SCOPE_TEAM DEAL_STAGES_CTE "SELECT "
	    "sum(coalesce(c.amount, 0) * coalesce(c.probability, st.p, 0)) "
	    "FROM deals c LEFT JOIN st ON st.key = c.stage WHERE c.stage <> "
	    "'won' AND c.stage <> 'lost' AND c.close_date <= ?8 AND "
	    "(c.close_date >= ?7 OR ?9) AND c.owner = ?10 AND ");
	crm_scope_visible_sql(&b, &crm_deal_entity, "c");
	sql = crm_buf_detach(&b);
	return sql;
}

static const struct crm_col cols[] = {
	{ NC_("column", "user"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "target"), CRM_COL_MONEY },
	{ NC_("column", "actual"), CRM_COL_MONEY },
	{ NC_("column", "pipeline"), CRM_COL_MONEY },
	{ NC_("column", "forecast"), CRM_COL_MONEY },
	{ NC_("column", "attainment_pct"), CRM_COL_INT },
	{ NC_("column", "gap"), CRM_COL_MONEY },
};

/* The expected amount of login's open deals (cents), from st. */
static long long
expected_of(struct crm_session *s, sqlite3_stmt *st, const char *login,
    struct crm_err *e)
{
	double sum;
	int rc;

	crm_db_bind_text(st, 10, login);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	sum = rc == 1 ? sqlite3_column_double(st, 0) : 0;
	sqlite3_reset(st);
	return (long long)(sum / 100.0 + 0.5);
}

static sqlite3_stmt *
open_deals(struct crm_session *s, const struct crm_range *r,
    struct crm_buf *stages, struct crm_err *e)
{
	char d1[CRM_DATE_LEN], d2[CRM_DATE_LEN];
	crm_day today = crm_today();
	sqlite3_stmt *st;

	if (crm_setting_json(s, "deal.stages", stages, e) < 0 ||
	    (st = crm_db_prepare(s->db, open_sql(), e)) == NULL ||
	    crm_scope_bind(s, &crm_deal_entity, st, e) < 0)
		return NULL;
	crm_date_format(r->from, d1);
	crm_date_format(r->to, d2);
	crm_db_bind_text(st, 6, stages->s);
	crm_db_bind_text(st, 7, d1);
	crm_db_bind_text(st, 8, today > r->to ? "" : d2);
	sqlite3_bind_int(st, 9, r->from <= today && today <= r->to);
	return st;
}

/* One person's row. */
static int
person(struct crm_session *s, sqlite3_stmt *people, sqlite3_stmt *deals,
    const struct crm_range *r, struct crm_rows *out, struct crm_err *e)
{
	const char *login = crm_db_col_text(people, 0);
	char m[5][CRM_MONEY_LEN], pct[32];
	long long target = 0, actual, open;
	struct crm_val v[8];
	int has;

	if ((has = report_target_of(s, login, NULL, CRM_M_REVENUE, r, &target,
	    e)) < 0 || report_actual_of(s, CRM_M_REVENUE, 0, r, login,
	    &actual, e) < 0 || (open = expected_of(s, deals, login, e)) < 0)
		return -1;
	crm_money_format(target, m[0]);
	crm_money_format(actual, m[1]);
	crm_money_format(open, m[2]);
	crm_money_format(actual + open, m[3]);
	crm_money_format(has && target > actual + open ? target - actual -
	    open : 0, m[4]);
	report_share(actual + open, target, pct);
	v[0] = crm_val_text(login);
	v[1] = crm_val_text(crm_db_col_text(people, 1));
	v[2] = has ? crm_val_text(m[0]) : crm_val_null();
	v[3] = crm_val_text(m[1]);
	v[4] = crm_val_text(m[2]);
	v[5] = crm_val_text(m[3]);
	v[6] = has ? crm_val_text(pct) : crm_val_null();
	v[7] = has ? crm_val_text(m[4]) : crm_val_null();
	crm_rows_mem_add(out, v);
	return 0;
}

struct crm_rows *
crm_forecast_targets(struct crm_session *s, const char *period,
    struct crm_err *e)
{
	struct crm_buf stages = { 0 };
	sqlite3_stmt *people = NULL, *deals;
	struct crm_rows *out = NULL;
	struct crm_range r;
	int rc = -1;

	if (crm_report_range(period, NULL, NULL, &r, e) < 0 ||
	    (deals = open_deals(s, &r, &stages, e)) == NULL ||
	    (people = crm_db_prepare(s->db, report_people_sql, e)) == NULL ||
	    report_people_bind(s, people, e) < 0)
		goto done;
	sqlite3_bind_int(people, 6, 0);
	out = crm_rows_mem(cols, sizeof(cols) / sizeof(*cols));
	while ((rc = crm_db_row(s->db, people, e)) == 1)
		if (person(s, people, deals, &r, out, e) < 0) {
			rc = -1;
			break;
		}
done:
	if (people)
		sqlite3_reset(people);
	crm_buf_free(&stages);
	if (rc < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
