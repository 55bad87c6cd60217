/* The customers' pool (公海): what is theirs alone — the recycle rule by
 * tier (recycle.followup_days, recycle.deal_days) and its --warn list;
 * everything else is the generic pool (crm/pool.h). */
#include "customer-impl.h"
#include "crm/buf.h"
#include "crm/setting.h"
#include "crm/ytree.h"
#include "crm/banned.h"

/* Customers past their tier's limit. ?1..?5: the follow-up cutoff
 * dates of tiers A..E (NULL: no limit), ?6..?10 the deal cutoffs;
 * ?11 today. A customer with no tier counts as E. A deal won since the
 * claim exempts it from the deal rule. The rule reads every owned
 * customer, in one pass over the table: SQLite would take the index of
 * owners (customers_owner) and look each one up in the table: four times
 * the time of the pass when most customers are owned (1.2 s against
 * 0.3 s over 1 000 000, 70% owned), and hardly less when few are (0.09 s
 * against 0.13 s, 7% owned). */
#define IDLE "coalesce(c.last_followup_at, c.claimed_at, c.created_at)"
#define FOLLOW_CUT "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?1 " \
	"WHEN 'B' THEN ?2 WHEN 'C' THEN ?3 WHEN 'D' THEN ?4 ELSE ?5 END"
#define WON_SINCE_CLAIM "EXISTS (SELECT 1 FROM deals d " \
	"WHERE d.customer_id = c.id AND d.stage = 'won' " \
	"AND d.won_at >= substr(c.claimed_at, 1, 10))"
#define DEAL_CUT "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?6 " \
	"WHEN 'B' THEN ?7 WHEN 'C' THEN ?8 WHEN 'D' THEN ?9 ELSE ?10 END"

static const char sql_due_fill[] =
	"INSERT INTO " POOL_DUE " (" POOL_DUE_COLS ") SELECT c.id, c.name, "
	"c.owner, c.region, c.claimed_at, CASE WHEN " IDLE " < " FOLLOW_CUT
	" THEN 'recycle.followup_days.' || coalesce(c.tier, 'E') ELSE "
	"'recycle.deal_days.' || coalesce(c.tier, 'E') END, "
	"CAST(julianday(?11) - julianday(substr(CASE WHEN " IDLE " < "
	FOLLOW_CUT " THEN " IDLE " ELSE c.claimed_at END, 1, 10)) AS INTEGER) "
	"FROM customers c NOT INDEXED WHERE c.owner IS NOT NULL AND "
	"c.locked IS NULL "
	"AND (" IDLE " < " FOLLOW_CUT " OR (c.claimed_at < " DEAL_CUT
	" AND NOT " WON_SINCE_CLAIM "))";

/* --warn: customers that will be due within ?11 days, those already due
 * (they go tonight) with days_left 0; the cutoffs of today in ?6..?10
 * (follow-ups) and ?12..?16 (deals). */
#define WARN_FOLLOW "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?6 " \
	"WHEN 'B' THEN ?7 WHEN 'C' THEN ?8 WHEN 'D' THEN ?9 ELSE ?10 END"
#define WARN_DEAL "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?12 " \
	"WHEN 'B' THEN ?13 WHEN 'C' THEN ?14 WHEN 'D' THEN ?15 ELSE ?16 END"
#define WARN_PART(cut, when, rule, exempt) \
	"SELECT c.id, c.name, c.owner, '" rule ".' || coalesce(c.tier, 'E') " \
	"AS rule, max(0, CAST(julianday(substr(" when ", 1, 10)) - " \
	"julianday(" cut ") AS INTEGER) + 1) AS days_left FROM customers c " \
	"WHERE c.owner IS NOT NULL AND c.locked IS NULL AND " when " < date(" \
	cut ", '+' || ?11 || ' days') AND " exempt SCOPE_VISIBLE

static const char sql_warn[] =
	SCOPE_TEAM "SELECT id, name, owner, rule, min(days_left) FROM ("
	WARN_PART(WARN_FOLLOW, IDLE, "recycle.followup_days", "")
	" UNION ALL " WARN_PART(WARN_DEAL, "c.claimed_at", "recycle.deal_days",
	"NOT " WON_SINCE_CLAIM " AND ")
	") GROUP BY id ORDER BY min(days_left), id";

int
customer_bind_cutoffs(struct crm_session *s, const char *key,
    sqlite3_stmt *st, int first, struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc;

	rc = crm_setting_json(s, key, &json, e);
	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, key, &n, e);
	for (int t = 0; rc == 0 && t < 5; t++) {
		const char tier[2] = { (char)('A' + t), '\0' };
		char cut[CRM_DATE_LEN];
		long long days;

		if (crm_ytree_int(crm_ytree_get(n, tier), &days)) {
			crm_date_format(crm_today() - (crm_day)days, cut);
			crm_db_bind_text(st, first + t, cut);
		}
	}
	crm_ytree_free(n);
	crm_buf_free(&json);
	return rc;
}

static int
recycle_due(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_due_fill, e);
	char today[CRM_DATE_LEN];

	if (st == NULL ||
	    customer_bind_cutoffs(s, "recycle.followup_days", st, 1, e) < 0 ||
	    customer_bind_cutoffs(s, "recycle.deal_days", st, 6, e) < 0)
		return -1;
	crm_today_text(today);
	crm_db_bind_text(st, 11, today);
	return crm_db_done(s->db, st, e);
}

static sqlite3_stmt *
recycle_warn(struct crm_session *s, int days, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_warn, e);

	if (st == NULL ||
	    customer_bind_cutoffs(s, "recycle.followup_days", st, 6, e) < 0 ||
	    customer_bind_cutoffs(s, "recycle.deal_days", st, 12, e) < 0)
		return NULL;
	sqlite3_bind_int(st, 11, days);
	return st;
}

const struct crm_pool_def customer_pool = {
	.settings = "pool",
	.plural = NC_("entity", "customers"),
	.word = NC_("entity", "pool"),
	.recycle_due = recycle_due,
	.recycle_warn = recycle_warn,
	/* a customer who bought is kept, not hoarded (pool.cap_counts_won) */
	.cap_counts = "NOT EXISTS (SELECT 1 FROM deals d WHERE "
	    "d.customer_id = c.id AND d.stage = 'won')",
	.cap_counts_all = "cap_counts_won",
};
