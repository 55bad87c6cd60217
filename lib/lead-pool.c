/* The lead pool (线索池): what is the leads' own — the recycle rule (an
 * assigned lead not contacted within lead.recycle_days goes back) and a
 * recycled lead's status; everything else is the generic pool
 * (crm/pool.h). */
#include "lead-impl.h"
#include "crm/setting.h"
#include "pool-impl.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* Idle since the last follow-up, else the claim, else the creation. */
#define IDLE(l) "coalesce(" l ".last_followup_at, " l ".claimed_at, " \
	l ".created_at)"

/* ?1 today's cutoff (NULL: the rule is off), ?2 today. */
static const char sql_due_fill[] =
	"INSERT INTO " POOL_DUE " (" POOL_DUE_COLS ") SELECT l.id, l.name, "
	"l.owner, l.region, l.claimed_at, 'lead.recycle_days', "
	"CAST(julianday(?2) - julianday(substr(" IDLE("l") ", 1, 10)) AS "
	"INTEGER) FROM leads l WHERE l.owner IS NOT NULL AND l.locked IS NULL "
	"AND l.status = 'assigned' AND " IDLE("l") " < ?1";

/* --warn: the leads that go within ?6 days, with the days left (those
 * due tonight 0); ?7 today's cutoff. */
static const char sql_warn[] =
	SCOPE_TEAM "SELECT c.id, c.name, c.owner, 'lead.recycle_days', "
	"max(0, CAST(julianday(substr(" IDLE("c") ", 1, 10)) - julianday(?7) "
	"AS INTEGER) + 1) FROM leads c WHERE c.owner IS NOT NULL AND "
	"c.locked IS NULL AND c.status = 'assigned' AND " IDLE("c") " < "
	"date(?7, '+' || ?6 || ' days') AND " SCOPE_VISIBLE
	"ORDER BY 5, c.id";

/* A recycled lead was assigned and nobody contacted it: it is new
 * again, with the event of its status. */
static const char sql_status_events[] =
	"INSERT INTO events (run, entity, entity_id, action, field, old, new) "
	"SELECT ?1, 'lead', d.id, 'update', 'status', 'assigned', 'new' "
	"FROM " POOL_DUE " d JOIN leads l ON l.id = d.id "
	"WHERE l.status = 'assigned' ORDER BY d.id";
static const char sql_status[] =
	"UPDATE leads SET status = 'new' WHERE status = 'assigned' AND id IN "
	"(SELECT id FROM " POOL_DUE ")";

/* The cutoff of today's rule into ?i: none when lead.recycle_days is 0
 * (the rule is off). */
static int
bind_cutoff(struct crm_session *s, sqlite3_stmt *st, int i,
    struct crm_err *e)
{
	char cut[CRM_DATE_LEN];
	long long days;

	if (crm_setting_int(s, "lead.recycle_days", &days, e) < 0)
		return -1;
	if (days > 0) {
		crm_date_format(crm_today() - (crm_day)days, cut);
		crm_db_bind_text(st, i, cut);
	}
	return 0;
}

static int
recycle_due(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_due_fill, e);
	char today[CRM_DATE_LEN];

	if (st == NULL || bind_cutoff(s, st, 1, e) < 0)
		return -1;
	crm_today_text(today);
	crm_db_bind_text(st, 2, today);
	return crm_db_done(s->db, st, e);
}

static sqlite3_stmt *
recycle_warn(struct crm_session *s, int days, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_warn, e);

	if (st == NULL || bind_cutoff(s, st, 7, e) < 0)
		return NULL;
	sqlite3_bind_int(st, 6, days);
	return st;
}

static int
recycled(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_status_events, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	if (crm_db_done(s->db, st, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_status, e)) == NULL)
		return -1;
	return crm_db_done(s->db, st, e);
}

const struct crm_pool_def lead_pool = {
	.settings = "lead",
	.plural = NC_("entity", "leads"),
	.word = NC_("entity", "lead pool"),
	.recycle_due = recycle_due,
	.recycle_warn = recycle_warn,
	.recycled = recycled,
	/* a converted or disqualified lead is done with */
	.closed = "c.status IN ('converted', 'disqualified')",
	.closed_by = "status",
};
