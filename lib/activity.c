/* Follow-ups of any record with a subject type: recording one (and what
 * it moves on the record), the history, and undoing one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/activity.h"
#include "crm/clock.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/record.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

/* a kind is its key or the word help shows for it (电话 for call) */
static const char kinds[] = "call|visit|email|im|meeting|note";

static const char sql_insert[] =
	"INSERT INTO activities (subject_type, subject_id, kind, at, "
	"by_login, note, next_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	"RETURNING id";
static const char sql_delete[] = "DELETE FROM activities WHERE id = ?";
static const char sql_move[] =
	"UPDATE activities SET subject_id = ?1 WHERE id = ?2";
static const char sql_history[] =
	"SELECT id, at, kind, by_login, note, next_at FROM activities "
	"WHERE subject_type = ?1 AND subject_id = ?2 "
	"ORDER BY at DESC, id DESC LIMIT ?3";

/* headers of a table in the user's language (NC_) */
static const struct crm_col history_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "at"), CRM_COL_TIME },
	{ NC_("column", "kind"), CRM_COL_TEXT },
	{ NC_("column", "by"), CRM_COL_TEXT },
	{ NC_("column", "note"), CRM_COL_TEXT },
	{ NC_("column", "next_at"), CRM_COL_DATE },
};

/* When a follow-up happened and when the next one is due: not in the
 * future (a follow-up dated 9999 would keep a record from recycling
 * forever), and a next date not before today (it would be overdue at
 * once). */
static int
follow_times(const char *at_text, const char *next_text,
    char at[CRM_TIME_LEN], char next[CRM_DATE_LEN], struct crm_err *e)
{
	char now[CRM_TIME_LEN], today[CRM_DATE_LEN];
	struct crm_time t;
	crm_day d;

	crm_now_text(now);
	crm_today_text(today);
	if (at_text == NULL)
		crm_now(&t);
	else if (crm_time_parse(at_text, &t, e) < 0)
		return crm_err_option(e, "--at");
	crm_time_format(&t, at);
	if (strcmp(at, now) > 0)
		return crm_err_set(e, CRM_EX_DATAERR, "--at: '%s' is in the "
		    "future (now is %s): record a follow-up once it happened",
		    at, now);
	next[0] = '\0';
	if (next_text == NULL)
		return 0;
	if (crm_date_parse(next_text, &d, e) < 0)
		return crm_err_option(e, "--next");
	crm_date_format(d, next);
	if (strcmp(next, today) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "--next: '%s' is in the "
		    "past (today is %s)", next, today);
	return 0;
}

static int
insert(struct crm_session *s, const struct crm_record *r, const char *kind,
    const char *note, const char *at, const char *next, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_insert, e);
	char aid[32];

	if (st == NULL || crm_audit_run(s, e) < 0)
		return -1;
	crm_db_bind_text(st, 1, r->ent->name);
	sqlite3_bind_int64(st, 2, r->id);
	crm_db_bind_text(st, 3, kind);
	crm_db_bind_text(st, 4, at);
	crm_db_bind_text(st, 5, s->user);
	crm_db_bind_text(st, 6, note);
	crm_db_bind_text(st, 7, next);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	snprintf(aid, sizeof(aid), "%lld",
	    (long long)sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return crm_audit_event(s, "activity", aid, "create", "kind", NULL, kind,
	    e);
}

/* The record's last and next follow-up: a follow-up entered late does
 * not move the last one back. */
static void
move_dates(struct crm_record *r, const char *at, const char *next)
{
	int last = crm_entity_field(r->ent, "last_followup_at");
	int due = crm_entity_field(r->ent, "next_followup_at");

	if (last < 0 || (r->f[last] != NULL && strcmp(at, r->f[last]) < 0))
		return;
	crm_record_set(r, last, at);
	if (due >= 0)
		crm_record_set(r, due, next);
}

static int
follow_locked(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *kind, const char *note, const char *at,
    const char *next, struct crm_err *e)
{
	struct crm_record old = { 0 }, r = { 0 };
	int rc = -1;

	if (crm_store_load(s, ent, id, &old, e) == 0 &&
	    crm_scope_may_see(s, ent, id, e) == 0 &&
	    crm_scope_may_change(s, &old, e) == 0 &&
	    insert(s, &old, kind, note, at, next, e) == 0) {
		crm_record_copy(&r, &old);
		move_dates(&r, at, next);
		if (ent->followed)
			ent->followed(&r);
		rc = crm_store_save(s, &old, &r, e);
	}
	crm_record_free(&old);
	crm_record_free(&r);
	return rc;
}

int
crm_activity_follow(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *kind, const char *note, const char *at_text,
    const char *next_text, struct crm_err *e)
{
	char at[CRM_TIME_LEN], next[CRM_DATE_LEN], key[16];
	const char *k;
	size_t n;
	int rc;

	if ((k = crm_value_key("follow-up", kinds, kind, &n)) == NULL)
		return crm_err_set(e, CRM_EX_USAGE, "'%s' is not a kind of "
		    "follow-up (use call, visit, email, im, meeting or note)",
		    kind);
	snprintf(key, sizeof(key), "%.*s", (int)n, k);
	kind = key;
	if (follow_times(at_text, next_text, at, next, e) < 0 ||
	    crm_session_begin(s, e) < 0)
		return -1;
	rc = follow_locked(s, ent, id, kind, note, at, next[0] ? next : NULL,
	    e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

struct crm_rows *
crm_activity_history(struct crm_session *s, const struct crm_entity *ent,
    long long id, long limit, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, ent, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_history, e)) == NULL)
		return NULL;
	crm_db_bind_text(st, 1, ent->name);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, limit);
	return crm_rows_from_stmt(s->db, st, history_cols,
	    sizeof(history_cols) / sizeof(*history_cols), 0);
}

int
crm_activity_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	sqlite3_stmt *st;

	if (strcmp(g->action, "update") == 0 && g->n == 1 &&
	    g->fields[0] && strcmp(g->fields[0], "subject_id") == 0) {
		/* a merge moved it: move it back */
		if ((st = crm_db_prepare(s->db, sql_move, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, strtoll(g->olds[0], NULL, 10));
		sqlite3_bind_int64(st, 2, strtoll(g->id, NULL, 10));
		return crm_db_done(s->db, st, e) < 0 ||
		    crm_audit_event(s, "activity", g->id, "update",
		    "subject_id", g->news[0], g->olds[0], e) < 0 ? -1 : 0;
	}
	if (strcmp(g->action, "create") != 0)
		return crm_err_set(e, CRM_EX_DATAERR, "cannot undo a change "
		    "to activity %s", g->id);
	if ((st = crm_db_prepare(s->db, sql_delete, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, strtoll(g->id, NULL, 10));
	return crm_db_done(s->db, st, e);
}
