/* crm-report activity: what the team did — follow-ups (跟进), the
 * customers they touched, customers added, claimed from a pool and
 * recycled to one — per person, per day of the range (every day, 0 too)
 * or per kind of follow-up. It counts what everyone whose figures the
 * user sees did (without a rep's peers), whatever their role and
 * whether they left since: an admin's follow-ups are follow-ups, and a
 * closed month's figures do not change when someone leaves. Per person
 * every rep and manager there in the range (active, or left in it or
 * since) has a row, anyone else one with a figure in the range. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/order.h"
#include "crm/banned.h"

#define IN_RANGE(col) " substr(" col ", 1, 10) BETWEEN ?7 AND ?8"
#define PEOPLE "(SELECT u.login FROM users u WHERE " REPORT_SEEN_WHERE ")"

static const char sql_owner[] =
	SCOPE_TEAM "SELECT login, name, n0, n1, n2, n3, n4 FROM (SELECT "
	"u.login, u.name, " REPORT_THERE_SINCE("?7") "AND " REPORT_SELLER
	"AS always, "
	"(SELECT count(*) FROM activities f WHERE f.by_login = u.login AND"
	IN_RANGE("f.at") ") AS n0, "
	"(SELECT count(DISTINCT f.subject_id) FROM activities f WHERE "
	"f.by_login = u.login AND f.subject_type = 'customer' AND"
	IN_RANGE("f.at") ") AS n1, "
	"(SELECT count(*) FROM customers c WHERE " REPORT_ADDED_OWNER("c")
	" = u.login AND" IN_RANGE("c.created_at") ") AS n2, "
	"(SELECT count(*) FROM ownership o WHERE o.subject_type = 'customer' "
	"AND o.reason = 'claim' AND o.to_owner = u.login AND"
	IN_RANGE("o.at") ") AS n3, "
	"(SELECT count(*) FROM ownership o WHERE o.subject_type = 'customer' "
	"AND o.reason = 'recycle' AND o.from_owner = u.login AND"
	IN_RANGE("o.at") ") AS n4 "
	"FROM users u WHERE " REPORT_SEEN_WHERE ") "
	"WHERE always OR n0 + n1 + n2 + n3 + n4 > 0 ORDER BY login";

/* The same counts per day (k 0-4: the columns), of the people seen. */
static const char sql_day[] =
	SCOPE_TEAM "SELECT 0, substr(f.at, 1, 10), count(*) FROM activities f "
	"WHERE f.by_login IN " PEOPLE " AND" IN_RANGE("f.at") " GROUP BY 2 "
	"UNION ALL SELECT 1, substr(f.at, 1, 10), count(DISTINCT "
	"f.subject_id) FROM activities f WHERE f.subject_type = 'customer' "
	"AND f.by_login IN " PEOPLE " AND" IN_RANGE("f.at") " GROUP BY 2 "
	"UNION ALL SELECT 2, substr(c.created_at, 1, 10), count(*) FROM "
	"customers c WHERE " REPORT_ADDED_OWNER("c") " IN " PEOPLE " AND"
	IN_RANGE("c.created_at")
	" GROUP BY 2 UNION ALL SELECT 3, substr(o.at, 1, 10), count(*) FROM "
	"ownership o WHERE o.subject_type = 'customer' AND o.reason = 'claim' "
	"AND o.to_owner IN " PEOPLE " AND" IN_RANGE("o.at") " GROUP BY 2 "
	"UNION ALL SELECT 4, substr(o.at, 1, 10), count(*) FROM ownership o "
	"WHERE o.subject_type = 'customer' AND o.reason = 'recycle' AND "
	"o.from_owner IN " PEOPLE " AND" IN_RANGE("o.at") " GROUP BY 2";

/* Follow-ups per kind, of the people seen. */
static const char sql_kind[] =
	SCOPE_TEAM "SELECT f.kind, count(*), count(DISTINCT CASE WHEN "
	"f.subject_type = 'customer' THEN f.subject_id END) FROM activities f "
	"WHERE f.by_login IN " PEOPLE " AND" IN_RANGE("f.at")
	" GROUP BY f.kind";

static const struct crm_col owner_cols[] = {
	{ NC_("column", "user"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "followups"), CRM_COL_INT },
	{ NC_("column", "customers_touched"), CRM_COL_INT },
	{ NC_("column", "new_customers"), CRM_COL_INT },
	{ NC_("column", "claims"), CRM_COL_INT },
	{ NC_("column", "recycles"), CRM_COL_INT },
};
static const struct crm_col day_cols[] = {
	{ NC_("column", "day"), CRM_COL_DATE },
	{ NC_("column", "followups"), CRM_COL_INT },
	{ NC_("column", "customers_touched"), CRM_COL_INT },
	{ NC_("column", "new_customers"), CRM_COL_INT },
	{ NC_("column", "claims"), CRM_COL_INT },
	{ NC_("column", "recycles"), CRM_COL_INT },
};
static const struct crm_col kind_cols[] = {
	{ NC_("column", "kind"), CRM_COL_TEXT },
	{ NC_("column", "followups"), CRM_COL_INT },
	{ NC_("column", "customers_touched"), CRM_COL_INT },
};

static const char *const kinds[] = {
	"call", "visit", "email", "im", "meeting", "note"
};
#define NKINDS (sizeof(kinds) / sizeof(*kinds))

static sqlite3_stmt *
bound(struct crm_session *s, const char *sql, const struct crm_range *r,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	char d1[CRM_DATE_LEN], d2[CRM_DATE_LEN];

	if (st == NULL || report_people_bind(s, st, e) < 0)
		return NULL;
	sqlite3_bind_int(st, 6, 0);
	crm_date_format(r->from, d1);
	crm_date_format(r->to, d2);
	crm_db_bind_text(st, 7, d1);
	crm_db_bind_text(st, 8, d2);
	return st;
}

/* A row of a label and n counts. */
static void
count_row(struct crm_rows *out, const char *a, const char *b,
    const long long *v, int n)
{
	char num[8][24];
	struct crm_val row[9];
	int i = 0;

	row[i++] = crm_val_text(a);
	if (b != NULL)
		row[i++] = crm_val_text(b);
	for (int k = 0; k < n; k++) {
		snprintf(num[k], sizeof(num[k]), "%lld", v[k]);
		row[i++] = crm_val_text(num[k]);
	}
	crm_rows_mem_add(out, row);
}

static int
by_owner(struct crm_session *s, sqlite3_stmt *st, struct crm_rows *out,
    struct crm_err *e)
{
	long long v[5];
	int rc;

	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		for (int k = 0; k < 5; k++)
			v[k] = sqlite3_column_int64(st, 2 + k);
		count_row(out, crm_db_col_text(st, 0), crm_db_col_text(st, 1) ?
		    crm_db_col_text(st, 1) : "", v, 5);
	}
	return rc;
}

static int
by_day(struct crm_session *s, sqlite3_stmt *st, const struct crm_range *r,
    struct crm_rows *out, struct crm_err *e)
{
	size_t n = (size_t)(r->to - r->from + 1);
	long long (*v)[5] = crm_xrealloc(NULL, n * sizeof(*v));
	char day[CRM_DATE_LEN];
	crm_day d;
	int rc;

	memset(v, 0, n * sizeof(*v));
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		if (crm_date_parse(crm_db_col_text(st, 1), &d, NULL) == 0 &&
		    d >= r->from && d <= r->to)
			v[d - r->from][sqlite3_column_int(st, 0) % 5] =
			    sqlite3_column_int64(st, 2);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		crm_date_format(r->from + (crm_day)i, day);
		count_row(out, day, NULL, v[i], 5);
	}
	free(v);
	return rc;
}

static int
by_kind(struct crm_session *s, sqlite3_stmt *st, struct crm_rows *out,
    struct crm_err *e)
{
	long long v[NKINDS][2];
	int rc;

	memset(v, 0, sizeof(v));
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		for (size_t k = 0; k < NKINDS; k++)
			if (strcmp(crm_db_col_text(st, 0), kinds[k]) == 0) {
				v[k][0] = sqlite3_column_int64(st, 1);
				v[k][1] = sqlite3_column_int64(st, 2);
			}
	for (size_t k = 0; rc == 0 && k < NKINDS; k++)
		count_row(out, kinds[k], NULL, v[k], 2);
	return rc;
}

struct crm_rows *
crm_report_activity(struct crm_session *s, const struct crm_range *r,
    const char *by, struct crm_err *e)
{
	const char *b = by ? by : "owner";
	struct crm_rows *out;
	sqlite3_stmt *st;
	int rc;

	if (strcmp(b, "owner") && strcmp(b, "day") && strcmp(b, "kind")) {
		crm_err_set(e, CRM_EX_USAGE, "--by: '%s' is not owner, day or "
		    "kind", b);
		return NULL;
	}
	if (b[0] == 'd' && r->to - r->from > 3660) {
		crm_err_set(e, CRM_EX_USAGE, "--by day: at most ten years");
		return NULL;
	}
	st = bound(s, b[0] == 'o' ? sql_owner : b[0] == 'd' ? sql_day :
	    sql_kind, r, e);
	if (st == NULL)
		return NULL;
	if (b[0] == 'o') {
		out = crm_rows_mem(owner_cols, 7);
		rc = by_owner(s, st, out, e);
	} else if (b[0] == 'd') {
		out = crm_rows_mem(day_cols, 6);
		rc = by_day(s, st, r, out, e);
	} else {
		out = crm_rows_mem(kind_cols, 3);
		rc = by_kind(s, st, out, e);
	}
	if (rc < 0) {
		sqlite3_reset(st);
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
