/* crm undo RUN: the run's events, newest first, grouped by record and
 * handed to the module that owns the record: an entity's own undo (its
 * descriptor, crm/entities.h), or one of the records that are not
 * entities below. */
#include <stdlib.h>
#include <string.h>

#include "crm/audit.h"
#include "crm/buf.h"
#include "crm/activity.h"
#include "crm/customer.h"
#include "crm/entities.h"
#include "crm/i18n.h"
#include "crm/invoice.h"
#include "crm/pay.h"
#include "crm/quote.h"
#include "crm/rows.h"
#include "crm/scope.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/banned.h"

/* A duplicate a manager allowed (lib/customer.c): its rows go with the
 * run's rows of the customers' history table (history() below). */
static int
allowed_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	(void)s;
	(void)g;
	(void)e;
	return 0;
}

static const struct {
	const char *entity;
	int (*undo)(struct crm_session *s, const struct crm_undo_group *g,
	    struct crm_err *e);
} handlers[] = {
	{ NC_("entity", "setting"), crm_setting_undo },
	{ "contact", crm_contact_undo },
	{ "activity", crm_activity_undo },
	{ "quote_line", crm_quote_line_undo },
	{ NC_("entity", "duplicate"), allowed_undo },
};

static const char sql_run[] =
	"SELECT login, as_login, undone_by FROM runs WHERE id = ?";
/* What the run did (its events, the records an import made in bulk and
 * the moves of a recycle, which have none) that a later run changed, by
 * an event or a move of its own. A later run counts unless it was
 * undone, or it is the undo of a run that came after ours: undoing the
 * last runs one by one, newest first, is always possible. */
#define LATER_RUN "JOIN runs r ON r.id = l.run WHERE r.undone_by IS NULL " \
	"AND NOT EXISTS (SELECT 1 FROM runs t WHERE t.undone_by = r.id " \
	"AND t.id > ?1)"
static const char sql_touched_later[] =
	"WITH did (entity, entity_id, run) AS (SELECT entity, entity_id, run "
	"FROM events WHERE run = ?1 UNION ALL SELECT entity, entity_id, run "
	"FROM bulk_events WHERE run = ?1 UNION ALL SELECT subject_type, "
	"CAST(subject_id AS TEXT), run FROM ownership WHERE run = ?1 AND "
	"to_pool IS NOT NULL) "
	"SELECT e.entity, e.entity_id, r.id, r.command FROM did e "
	"JOIN events l ON l.entity = e.entity AND l.entity_id = e.entity_id "
	"AND l.run > e.run " LATER_RUN " UNION ALL "
	"SELECT e.entity, e.entity_id, r.id, r.command FROM did e "
	"JOIN ownership l ON l.subject_type = e.entity AND l.subject_id = "
	"CAST(e.entity_id AS INTEGER) AND l.run > e.run " LATER_RUN " "
	"ORDER BY 3 LIMIT 1";
#define EVENT_COLS "entity, entity_id, action, field, old, new"
/* Newest first: a recycle's moves come before what its entity's hook
 * did after them (a lead's status). */
static const char sql_events[] =
	"SELECT entity, entity_id, action, field, old, new FROM (SELECT 1 AS k, "
	"id AS seq, " EVENT_COLS " FROM events WHERE run = ?1 UNION ALL "
	"SELECT 0, seq, " EVENT_COLS " FROM move_events WHERE run = ?1) "
	"ORDER BY k DESC, seq DESC";
static const char sql_mark_undone[] =
	"UPDATE runs SET undone_by = ? WHERE id = ?";

static int
check_run(struct crm_session *s, long long run, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_run, e);
	const char *by, *as;
	int rc, mine;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR, "no run "
		    "%lld (see: crm log)", run);
	by = crm_db_col_text(st, 0);
	as = crm_db_col_text(st, 1);
	mine = strcmp(by, s->user) == 0 || (as && strcmp(as, s->user) == 0);
	if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
		long long undone = sqlite3_column_int64(st, 2);

		sqlite3_reset(st);
		return crm_err_set(e, CRM_EX_DATAERR, "run %lld was already "
		    "undone by run %lld", run, undone);
	}
	sqlite3_reset(st);
	if (!mine && s->role != CRM_ROLE_ADMIN)
		return crm_err_set(e, CRM_EX_NOPERM, "only an admin or the "
		    "user who made it may undo run %lld", run);
	return 0;
}

/* Does crm log show the acting user what the later run did to the record
 * (entity, id)? Only then may its refusal show that run's command line,
 * which holds the new values (a rep who lost a customer would read its
 * new phone, note and owner). 1, 0, or -1. */
static int
log_shows(struct crm_session *s, const char *entity, const char *id,
    long long run, struct crm_err *e)
{
	struct crm_log_filter f = { entity, id, NULL, NULL, run };
	struct crm_rows *r = crm_log_query(s, &f, e);
	const struct crm_val *v;
	int rc;

	if (r == NULL)
		return -1;
	rc = crm_rows_next(r, &v, e);
	crm_rows_close(r);
	return rc;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const char *v = crm_db_col_text(st, i);

	return crm_xstrdup(v ? v : "");
}

static int
check_untouched(struct crm_session *s, long long run, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_touched_later, e);
	char *entity, *id, *command;
	long long later;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	entity = col_dup(st, 0);
	id = col_dup(st, 1);
	later = sqlite3_column_int64(st, 2);
	command = col_dup(st, 3);
	sqlite3_reset(st);
	if ((rc = log_shows(s, entity, id, later, e)) > 0)
		crm_err_set(e, CRM_EX_DATAERR, "cannot undo run %lld: %s '%s' "
		    "was changed since by run %lld (%s)", run,
		    crm_cgettext("entity", entity), id, later, command);
	else if (rc == 0)
		crm_err_set(e, CRM_EX_DATAERR, "cannot undo run %lld: %s '%s' "
		    "was changed since by run %lld, one you may not see in "
		    "crm log (ask an admin)", run,
		    crm_cgettext("entity", entity), id, later);
	free(entity);
	free(id);
	free(command);
	return -1;
}

/* The orders the run made, or confirmed from a draft, that a later run
 * paid (an allocation of a receipt, even one reversed since) or
 * invoiced (even void): undoing would leave a draft or no order under
 * money or an invoice. The later runs are undone first (newest first,
 * as always), or the order stays and may be cancelled.
 * Each row: order, what depends on it, its id, the run and its
 * command; the earliest run first. */
static const char sql_paid_later[] =
	"WITH o (id) AS (SELECT id FROM orders WHERE created_run = ?1 "
	"UNION SELECT CAST(entity_id AS INTEGER) FROM events WHERE run = ?1 "
	"AND entity = 'order' AND field = 'status' AND old = 'draft') "
	"SELECT o.id, 'receipt', a.receipt_id, a.run, r.command FROM o "
	"JOIN instalments i ON i.order_id = o.id JOIN allocations a "
	"ON a.instalment_id = i.id LEFT JOIN runs r ON r.id = a.run "
	"WHERE a.run IS NULL OR a.run > ?1 "
	"UNION ALL SELECT o.id, 'invoice', v.id, v.created_run, r.command "
	"FROM o JOIN invoices v ON v.order_id = o.id LEFT JOIN runs r "
	"ON r.id = v.created_run WHERE v.created_run IS NULL "
	"OR v.created_run > ?1 ORDER BY 4 LIMIT 1";

/* The refusal names the receipt or invoice only to whom crm-pay shows
 * it (a rep reads the receipts of their customers). */
static int
check_unpaid(struct crm_session *s, long long run, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_paid_later, e);
	long long order, id, later;
	int rc, paid;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	order = sqlite3_column_int64(st, 0);
	paid = strcmp(crm_db_col_text(st, 1), "receipt") == 0;
	id = sqlite3_column_int64(st, 2);
	later = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if ((paid ? crm_receipt_seen(s, id, e) : crm_scope_may_see(s,
	    &crm_invoice_entity, id, e)) < 0) {
		if (e->code != CRM_EX_DATAERR)
			return -1;
		return crm_err_set(e, CRM_EX_DATAERR, "cannot undo run %lld: "
		    "order %lld was paid or invoiced since by run %lld, one "
		    "you may not see (ask an admin)", run, order, later);
	}
	if (paid)
		return crm_err_set(e, CRM_EX_DATAERR, "cannot undo run %lld: "
		    "order %lld was paid since by run %lld (receipt %lld): "
		    "undo that run first, or cancel the order", run, order,
		    later, id);
	return crm_err_set(e, CRM_EX_DATAERR, "cannot undo run %lld: order "
	    "%lld was invoiced since by run %lld (invoice %lld): undo that "
	    "run first, or cancel the order", run, order, later, id);
}

struct event_list {
	size_t n, cap;
	char **cells;	/* 6 per event */
};

static int
load_events(struct crm_session *s, long long run, struct event_list *l,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_events, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 32;
			l->cells = crm_xrealloc(l->cells,
			    l->cap * 6 * sizeof(char *));
		}
		for (int i = 0; i < 6; i++) {
			const char *c = crm_db_col_text(st, i);

			l->cells[l->n * 6 + (size_t)i] = c ? crm_xstrdup(c) :
			    NULL;
		}
		l->n++;
	}
	return rc;
}

static int
dispatch(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	const struct crm_entity *ent = crm_entity_named(g->entity);

	if (ent && ent->undo)
		return ent->undo(s, g, e);
	for (size_t i = 0; i < sizeof(handlers) / sizeof(*handlers); i++)
		if (strcmp(handlers[i].entity, g->entity) == 0)
			return handlers[i].undo(s, g, e);
	return crm_err_set(e, CRM_EX_DATAERR, "cannot undo changes to %s "
	    "records", crm_cgettext("entity", g->entity));
}

/* Hand each run of events on one record with one action to its module. */
static int
replay(struct crm_session *s, struct event_list *l, struct crm_err *e)
{
	const char **fields = crm_xcalloc(l->n, sizeof(char *));
	const char **olds = crm_xcalloc(l->n, sizeof(char *));
	const char **news = crm_xcalloc(l->n, sizeof(char *));
	int rc = 0;

	for (size_t i = 0; i < l->n && rc == 0;) {
		char **c = &l->cells[i * 6];
		struct crm_undo_group g = { c[0], c[1], c[2], 0, fields, olds,
			news };

		while (i < l->n) {
			char **d = &l->cells[i * 6];

			if (strcmp(d[0], g.entity) || strcmp(d[1], g.id) ||
			    strcmp(d[2], g.action))
				break;
			fields[g.n] = d[3];
			olds[g.n] = d[4];
			news[g.n] = d[5];
			g.n++;
			i++;
		}
		rc = dispatch(s, &g, e);
	}
	free(fields);
	free(olds);
	free(news);
	return rc;
}

/* Check (check_only) or remove what run created in bulk, entity by
 * entity, the last first (a deal refers to a customer, which refers to
 * a user): the number of entities that have such records, or -1. */
static int
bulk(struct crm_session *s, long long run, int check_only, struct crm_err *e)
{
	size_t n = 0;
	int found = 0;

	while (crm_entities[n])
		n++;
	while (n-- > 0) {
		int rc = crm_store_undo_bulk(s, crm_entities[n], run,
		    check_only, e);

		if (rc < 0)
			return -1;
		found += rc;
	}
	return found;
}

/* Whether run wrote rows into table (a history table: the name is the
 * descriptor's, not cached as crm_db_prepare's statements are): 1, 0,
 * -1. */
static int
wrote_into(struct crm_session *s, const char *table, long long run,
    struct crm_err *e)
{
	sqlite3 *h = crm_db_sqlite(s->db);
	struct crm_buf q = { 0 };
	sqlite3_stmt *st = NULL;
	int rc;

	crm_buf_addf(&q, "SELECT 1 FROM %s WHERE run = ? LIMIT 1", table);
	rc = sqlite3_prepare_v2(h, crm_buf_str(&q), -1, &st, NULL);
	crm_buf_free(&q);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, run);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return crm_db_fail(s->db, rc, e);
}

/* Count (check_only) or remove the rows the run wrote into the
 * entities' history tables (a deal's stages, the duplicates a manager
 * allowed): what its events are undone with, or all a run did (an edit
 * that only allowed a duplicate). The number of tables with such rows,
 * or -1. */
static int
history(struct crm_session *s, long long run, int check_only,
    struct crm_err *e)
{
	int found = 0;

	for (size_t i = 0; crm_entities[i]; i++) {
		const struct crm_entity *ent = crm_entities[i];
		struct crm_buf q = { 0 };
		int rc;

		if (ent->history == NULL)
			continue;
		if (check_only) {
			if ((rc = wrote_into(s, ent->history, run, e)) < 0)
				return -1;
			found += rc;
			continue;
		}
		/* the names are the descriptor's, the run a number */
		crm_buf_addf(&q, "DELETE FROM %s WHERE run = %lld", ent->history,
		    run);
		rc = crm_db_exec(s->db, q.s, e);
		crm_buf_free(&q);
		if (rc < 0)
			return -1;
	}
	return found;
}

int
crm_undo(struct crm_session *s, long long run, struct crm_err *e)
{
	struct event_list l = { 0 };
	sqlite3_stmt *st;
	int rc = -1, nbulk, nhist;

	if (crm_session_begin(s, e) < 0)
		return -1;
	if (check_run(s, run, e) < 0 || check_untouched(s, run, e) < 0 ||
	    check_unpaid(s, run, e) < 0 ||
	    (nbulk = bulk(s, run, 1, e)) < 0 ||
	    (nhist = history(s, run, 1, e)) < 0 || load_events(s, run, &l, e) < 0)
		goto out;
	if (l.n == 0 && nbulk == 0 && nhist == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "run %lld changed nothing that "
		    "can be undone", run);
		goto out;
	}
	/* what the run made in bulk may refer to what it made one by one
	 * (an import's deals to the customers it created): removed first */
	if (bulk(s, run, 0, e) < 0 || replay(s, &l, e) < 0 ||
	    history(s, run, 0, e) < 0 || crm_audit_run(s, e) < 0)
		goto out;
	if ((st = crm_db_prepare(s->db, sql_mark_undone, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, s->run);
	sqlite3_bind_int64(st, 2, run);
	rc = crm_db_done(s->db, st, e);
out:
	for (size_t i = 0; i < l.n * 6; i++)
		free(l.cells[i]);
	free(l.cells);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}
