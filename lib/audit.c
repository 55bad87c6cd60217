#include <stdlib.h>
#include <string.h>

#include "crm/audit.h"
#include "customer-impl.h"
#include "crm/deal.h"
#include "crm/buf.h"
#include "crm/clock.h"
#include "log-impl.h"
#include "scope-sql.h"
#include "crm/banned.h"

static const char sql_new_run[] =
	"INSERT INTO runs (at, login, as_login, command) VALUES (?, ?, ?, ?) "
	"RETURNING id";
static const char sql_new_event[] =
	"INSERT INTO events (run, entity, entity_id, action, field, old, new) "
	"VALUES (?, ?, ?, ?, ?, ?, ?)";

int
crm_audit_run(struct crm_session *s, struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	sqlite3_stmt *st;

	if (s->run != 0)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_new_run, e)) == NULL)
		return -1;
	crm_now_text(now);
	crm_db_bind_text(st, 1, now);
	crm_db_bind_text(st, 2, s->login);
	crm_db_bind_text(st, 3, s->as_login);
	crm_db_bind_text(st, 4, s->command ? s->command : "?");
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	s->run = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
crm_audit_trace(struct crm_session *s, const char *note, struct crm_err *e)
{
	char *command = s->command;
	struct crm_buf b = { 0 };
	int rc;

	crm_buf_addf(&b, "(%s) %s", note, command ? command : "?");
	s->command = crm_buf_detach(&b);
	s->run = 0;
	rc = crm_db_begin(s->db, e);
	if (rc == 0 && crm_audit_run(s, e) < 0) {
		crm_db_rollback(s->db);
		rc = -1;
	}
	if (rc == 0)
		rc = crm_db_commit(s->db, e);
	free(s->command);
	s->command = command;
	s->run = 0;
	return rc;
}

int
crm_audit_trace_rc(struct crm_session *s, const char *note, int rc,
    struct crm_err *e)
{
	struct crm_err te = { 0 };

	if (crm_db_in_tx(s->db) || crm_audit_trace(s, note, &te) == 0)
		return rc;
	if (rc == 0)
		*e = te;
	return -1;
}

int
crm_audit_event(struct crm_session *s, const char *entity, const char *id,
    const char *action, const char *field, const char *old,
    const char *new_value, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_audit_run(s, e) < 0)
		return -1;
	if ((st = crm_db_prepare(s->db, sql_new_event, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	crm_db_bind_text(st, 2, entity);
	crm_db_bind_text(st, 3, id);
	crm_db_bind_text(st, 4, action);
	crm_db_bind_text(st, 5, field);
	crm_db_bind_text(st, 6, old);
	crm_db_bind_text(st, 7, new_value);
	return crm_db_done(s->db, st, e);
}

static const struct crm_col log_cols[] = {
	{ "run", CRM_COL_INT }, { "at", CRM_COL_TIME },
	{ "user", CRM_COL_TEXT }, { "as_user", CRM_COL_TEXT },
	{ "command", CRM_COL_TEXT }, { "entity", CRM_COL_TEXT },
	{ "id", CRM_COL_TEXT }, { "action", CRM_COL_TEXT },
	{ "field", CRM_COL_TEXT }, { "old", CRM_COL_TEXT },
	{ "new", CRM_COL_TEXT },
};

/* The customer an event is about: the customer itself, or the one a
 * contact or a follow-up belongs to (for a deleted contact, the one its
 * events name). */
#define EVENT_CUSTOMER \
	"CASE entity WHEN 'customer' THEN CAST(entity_id AS INTEGER) " \
	"WHEN 'contact' THEN coalesce((SELECT k.customer_id FROM contacts k " \
	"WHERE k.id = entity_id), (SELECT CAST(coalesce(v.new, v.old) AS " \
	"INTEGER) FROM events v WHERE v.entity = 'contact' AND " \
	"v.entity_id = u.entity_id AND v.field = 'customer_id' ORDER BY " \
	"v.id DESC LIMIT 1)) WHEN 'activity' THEN (SELECT a.subject_id FROM " \
	"activities a WHERE a.id = entity_id AND a.subject_type = " \
	"'customer') END"
/* The deal an event is about: the deal itself, or the one a follow-up
 * of a deal belongs to. */
#define EVENT_DEAL \
	"CASE entity WHEN 'deal' THEN CAST(entity_id AS INTEGER) " \
	"WHEN 'activity' THEN (SELECT a.subject_id FROM activities a " \
	"WHERE a.id = entity_id AND a.subject_type = 'deal') END"
/* The lead an event is about: the lead, or one a follow-up is of. */
#define EVENT_LEAD \
	"CASE entity WHEN 'lead' THEN CAST(entity_id AS INTEGER) " \
	"WHEN 'activity' THEN (SELECT a.subject_id FROM activities a " \
	"WHERE a.id = entity_id AND a.subject_type = 'lead') END"
/* A pool customer's or lead's phone and email, masked for reps (?12). */
#define LOG_MASKED(col) \
	"CASE WHEN ?12 AND x.field IN ('phone', 'email') AND (EXISTS (" \
	"SELECT 1 FROM customers c WHERE c.id = x.cust AND c.owner IS NULL) " \
	"OR EXISTS (SELECT 1 FROM leads c WHERE c.id = x.lead AND " \
	"c.owner IS NULL)) " \
	"THEN CASE x.field WHEN 'phone' THEN crm_mask_phone(" col ") ELSE " \
	"crm_mask_email(" col ") END ELSE " col " END"

/* The record c of an event is the one the event was about: SQLite
 * gives a deleted record's id to the next new one, and the events of
 * the one before it are not the new one's (they show as a deleted
 * record's do). */
#define SAME_RECORD "coalesce(c.created_run, 0) <= x.run"

/* The same scope as crm-customer list (?1..?5, lib/customer-impl.h):
 * events about a customer show while the customer is one the user may
 * see; those of a deleted customer, to the team whose run made them. */
static const char sql_log[] =
	SCOPE_TEAM "SELECT r.id, r.at, r.login, r.as_login, r.command, "
	"x.entity, x.entity_id, x.action, x.field, " LOG_MASKED("x.old") ", "
	LOG_MASKED("x.new") " FROM (SELECT u.*, " EVENT_CUSTOMER " AS cust, "
	EVENT_DEAL " AS deal, " EVENT_LEAD " AS lead "
	/* a recycle's moves (schema/013), before what its hook did */
	"FROM (SELECT run, 0 AS k, seq, entity, entity_id, action, field, "
	"old, new FROM move_events UNION ALL "
	"SELECT run, 1, id, entity, entity_id, action, field, old, new "
	"FROM events UNION ALL "
	"SELECT run, 2, seq, entity, entity_id, action, field, old, new "
	"FROM bulk_events UNION ALL "
	/* a dry run or a refused import leaves its run as a trace */
	"SELECT id, 3, 0, NULL, NULL, NULL, NULL, NULL, NULL FROM runs "
	"WHERE command LIKE '(%') u) x JOIN runs r ON r.id = x.run "
	"WHERE (?6 IS NULL OR x.entity = ?6) "
	"AND (?7 IS NULL OR x.entity_id = ?7) "
	"AND (?8 IS NULL OR r.login = ?8 OR r.as_login = ?8) "
	"AND (?9 IS NULL OR r.at >= ?9) "
	"AND (?10 = 0 OR x.run = ?10) "
	"AND (?11 OR r.login = ?1 OR r.as_login = ?1) "
	/* an order's, a quote's, a receipt's ...: as its scope shows the
	 * record (lib/log-scope.c); one's own runs show whole */
	"AND (r.login = ?1 OR r.as_login = ?1 OR "
	"crm_sees(x.entity, x.entity_id)) "
	"AND (x.cust IS NULL OR ?2 OR EXISTS (SELECT 1 FROM customers c "
	"WHERE c.id = x.cust AND " SAME_RECORD " AND " SCOPE_VISIBLE ") OR "
	"(NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = x.cust AND "
	SAME_RECORD ") AND (r.login IN "
	"(SELECT login FROM team) OR r.as_login IN (SELECT login FROM team)))) "
	/* a deal's: while its owner is in the team (or ?13: all deals) */
	"AND (x.deal IS NULL OR ?13 OR EXISTS (SELECT 1 FROM deals c "
	"WHERE c.id = x.deal AND " SAME_RECORD " AND c.owner IN (SELECT "
	"login FROM team)) OR (NOT EXISTS (SELECT 1 FROM deals c WHERE "
	"c.id = x.deal AND " SAME_RECORD ") AND "
	"(r.login IN (SELECT login FROM team) OR r.as_login IN "
	"(SELECT login FROM team)))) "
	/* a lead's: as a customer's (the same roles see them all, ?2) */
	"AND (x.lead IS NULL OR ?2 OR EXISTS (SELECT 1 FROM leads c "
	"WHERE c.id = x.lead AND " SAME_RECORD " AND " SCOPE_VISIBLE ") OR "
	"(NOT EXISTS (SELECT 1 FROM leads c WHERE c.id = x.lead AND "
	SAME_RECORD ") AND (r.login IN "
	"(SELECT login FROM team) OR r.as_login IN (SELECT login FROM team)))) "
	"ORDER BY x.run, x.k, x.seq";

struct crm_rows *
crm_log_query(struct crm_session *s, const struct crm_log_filter *f,
    struct crm_err *e)
{
	sqlite3_stmt *st;
	int mask;

	if (crm_log_scope_register(s, e) < 0)
		return NULL;
	st = crm_db_prepare(s->db, sql_log, e);
	if (st == NULL || crm_scope_bind(s, &crm_customer_entity, st, e) < 0 ||
	    crm_scope_masked(s, &mask, e) < 0)
		return NULL;
	crm_db_bind_text(st, 6, f->entity);
	crm_db_bind_text(st, 7, f->id);
	crm_db_bind_text(st, 8, f->user);
	crm_db_bind_text(st, 9, f->since);
	sqlite3_bind_int64(st, 10, f->run);
	sqlite3_bind_int(st, 11, (s->role & (CRM_ROLE_ADMIN |
	    CRM_ROLE_MANAGER)) != 0);
	sqlite3_bind_int(st, 12, mask);
	sqlite3_bind_int(st, 13, (s->role & crm_deal_entity.scope->see_all)
	    != 0);
	return crm_rows_from_stmt(s->db, st, log_cols,
	    sizeof(log_cols) / sizeof(*log_cols), 0);
}

static const char sql_pending[] =
	"SELECT entity, entity_id, action, field, old, new FROM events "
	"WHERE run = ? ORDER BY id";

struct crm_rows *
crm_log_pending(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_pending, e);

	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, s->run);
	return crm_rows_from_stmt(s->db, st, log_cols + 5, 6, 0);
}
