/* crm-report leads: the leads the user sees that were added in the
 * range, per source, campaign, owner or region: how many, how far they
 * went (contacted counts those contacted, qualified or converted;
 * qualified those qualified or converted), converted, disqualified with
 * the reasons, the conversion rate, and the median days from added to
 * converted (the day the audit trail recorded the conversion). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/lead.h"
#include "crm/banned.h"

#define LEADS_SQL(key) \
	SCOPE_TEAM "SELECT " key ", l.status, l.disqualify_reason, CASE WHEN " \
	"l.status = 'converted' THEN CAST(julianday(substr((SELECT r.at " \
	"FROM events e JOIN runs r ON r.id = e.run WHERE e.entity = 'lead' " \
	"AND e.entity_id = CAST(l.id AS TEXT) AND e.field = 'status' AND " \
	"e.new = 'converted' ORDER BY e.run DESC LIMIT 1), 1, 10)) - " \
	"julianday(substr(l.created_at, 1, 10)) AS INTEGER) END " \
	"FROM leads l WHERE substr(l.created_at, 1, 10) BETWEEN ?6 AND ?7 " \
	"AND "

static const struct {
	const char *by, *sql;
} groupings[] = {
	{ "source", LEADS_SQL("coalesce(l.source, '')") },
	{ "campaign", LEADS_SQL("coalesce((SELECT name FROM campaigns WHERE "
	    "id = l.campaign_id), '')") },
	{ "owner", LEADS_SQL("coalesce(l.owner, '')") },
	{ "region", LEADS_SQL("coalesce(l.region, '')") },
};
#define NGROUPINGS (sizeof(groupings) / sizeof(*groupings))

static const struct crm_col cols[] = {
	{ NC_("column", "group"), CRM_COL_TEXT },
	{ NC_("column", "leads"), CRM_COL_INT },
	{ NC_("column", "contacted"), CRM_COL_INT },
	{ NC_("column", "qualified"), CRM_COL_INT },
	{ NC_("column", "converted"), CRM_COL_INT },
	{ NC_("column", "disqualified"), CRM_COL_INT },
	{ NC_("column", "reasons"), CRM_COL_TEXT },
	{ NC_("column", "conversion_pct"), CRM_COL_INT },
	{ NC_("column", "median_days"), CRM_COL_INT },
};

struct group {
	char *key;
	long long n[5];		/* leads, contacted, qualified, converted,
				   disqualified */
	struct crm_buf reasons;	/* "reason\n" per disqualified lead */
	long long *days;
	size_t ndays, cap;
};

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "no_budget 2, price 1": each reason and how many, by reason. */
static void
reasons_text(struct group *g, struct crm_buf *out)
{
	char *text = crm_xstrdup(g->reasons.s ? g->reasons.s : ""), *save;
	char **v = crm_xrealloc(NULL, (g->n[4] + 1) * sizeof(*v));
	size_t n = 0;

	for (char *w = strtok_r(text, "\n", &save); w && n < (size_t)g->n[4];
	    w = strtok_r(NULL, "\n", &save))
		v[n++] = w;
	qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0, k; i < n; i = k) {
		for (k = i; k < n && strcmp(v[k], v[i]) == 0; k++)
			;
		crm_buf_addf(out, "%s%s %zu", i ? ", " : "", v[i], k - i);
	}
	free(v);
	free(text);
}

static void
median_text(struct group *g, char out[32])
{
	size_t m = g->ndays / 2;
	long long sum;

	out[0] = '\0';
	if (g->ndays == 0)
		return;
	qsort(g->days, g->ndays, sizeof(*g->days), cmp_ll);
	sum = g->ndays % 2 ? 2 * g->days[m] : g->days[m - 1] + g->days[m];
	snprintf(out, 32, sum % 2 ? "%lld.5" : "%lld", sum / 2);
}

static void
emit(struct crm_rows *out, struct group *g)
{
	char n[5][24], pct[32], med[32];
	struct crm_buf why = { 0 };
	struct crm_val row[9];

	for (int i = 0; i < 5; i++)
		snprintf(n[i], sizeof(n[i]), "%lld", g->n[i]);
	reasons_text(g, &why);
	report_share(g->n[3], g->n[0], pct);
	median_text(g, med);
	row[0] = crm_val_text(g->key);
	for (int i = 0; i < 5; i++)
		row[1 + i] = crm_val_text(n[i]);
	row[6] = crm_val_text(why.s);
	row[7] = crm_val_text(pct);
	row[8] = crm_val_text(med);
	crm_rows_mem_add(out, row);
	crm_buf_free(&why);
	crm_buf_free(&g->reasons);
	free(g->days);
	free(g->key);
	memset(g, 0, sizeof(*g));
}

/* One lead into its group (the rows come ordered by group). */
static void
add(struct group *g, sqlite3_stmt *st)
{
	const char *status = crm_db_col_text(st, 1);

	g->n[0]++;
	g->n[1] += !strcmp(status, "contacted") || !strcmp(status,
	    "qualified") || !strcmp(status, "converted");
	g->n[2] += !strcmp(status, "qualified") || !strcmp(status,
	    "converted");
	g->n[3] += !strcmp(status, "converted");
	if (!strcmp(status, "disqualified")) {
		g->n[4]++;
		crm_buf_adds(&g->reasons, crm_db_col_text(st, 2) ?
		    crm_db_col_text(st, 2) : "-");
		crm_buf_addc(&g->reasons, '\n');
	}
	if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
		if (g->ndays == g->cap)
			g->days = crm_xrealloc(g->days, (g->cap = g->cap ?
			    2 * g->cap : 8) * sizeof(*g->days));
		g->days[g->ndays++] = sqlite3_column_int64(st, 3);
	}
}

struct crm_rows *
crm_report_leads(struct crm_session *s, const struct crm_range *r,
    const char *by, struct crm_err *e)
{
	static char *sql[NGROUPINGS];
	char d1[CRM_DATE_LEN], d2[CRM_DATE_LEN];
	struct group g;
	struct crm_rows *out;
	sqlite3_stmt *st;
	size_t k;
	int rc;

	for (k = 0; k < NGROUPINGS; k++)
		if (strcmp(by ? by : "source", groupings[k].by) == 0)
			break;
	if (k == NGROUPINGS) {
		crm_err_set(e, CRM_EX_USAGE, "--by: '%s' is not source, "
		    "campaign, owner or region", by);
		return NULL;
	}
	if (sql[k] == NULL) {
		struct crm_buf b = { 0 };

		crm_buf_adds(&b, groupings[k].sql);
		crm_scope_visible_sql(&b, &crm_lead_entity, "l");
		crm_buf_adds(&b, "ORDER BY 1");
		sql[k] = crm_buf_detach(&b);
	}
	if ((st = crm_db_prepare(s->db, sql[k], e)) == NULL ||
	    crm_scope_bind(s, &crm_lead_entity, st, e) < 0)
		return NULL;
	crm_date_format(r->from, d1);
	crm_date_format(r->to, d2);
	crm_db_bind_text(st, 6, d1);
	crm_db_bind_text(st, 7, d2);
	out = crm_rows_mem(cols, 9);
	memset(&g, 0, sizeof(g));
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *key = crm_db_col_text(st, 0) ?
		    crm_db_col_text(st, 0) : "";

		if (g.key && strcmp(g.key, key) != 0)
			emit(out, &g);
		if (g.key == NULL)
			g.key = crm_xstrdup(key);
		add(&g, st);
	}
	if (g.key)
		emit(out, &g);
	if (rc < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
