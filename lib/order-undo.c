/* crm undo of what a run did to an order: its fields by the generic
 * undo (crm_store_undo), its lines from the snapshots the audit trail
 * keeps as the field "lines" (JSON: old and new), and its number. The
 * numbers of a year stay 1..N without gaps: undoing the add of the last
 * number gives the number back (the next add takes it again); undoing
 * the add of an earlier one is refused — undo the later adds first, or
 * cancel the order, which keeps its number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order-impl.h"
#include "crm/audit.h"
#include "crm/db.h"
#include "crm/order-import.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_lines_json[] =
	"SELECT json_group_array(json_object('line', line, 'product_id', "
	"product_id, 'sku', sku, 'name', name, 'qty', qty, 'price', price, "
	"'discount', discount, 'amount', amount, 'shipped', shipped)) "
	"FROM (SELECT * FROM order_lines WHERE order_id = ? ORDER BY line)";

int
order_lines_json(struct crm_session *s, long long id, char **json,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_lines_json, e);
	int rc;

	*json = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		*json = crm_xstrdup(crm_db_col_text(st, 0));
		sqlite3_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

int
order_lines_audit(struct crm_session *s, const char *action, long long id,
    const char *old, const char *now, struct crm_err *e)
{
	char key[32];

	snprintf(key, sizeof(key), "%lld", id);
	return crm_audit_event(s, "order", key, action, "lines", old, now, e);
}

static const char sql_drop_lines[] =
	"DELETE FROM order_lines WHERE order_id = ?";
static const char sql_restore[] =
	"INSERT INTO order_lines (order_id, line, product_id, sku, name, qty, "
	"price, discount, amount, shipped) SELECT ?1, "
	"json_extract(j.value, '$.line'), json_extract(j.value, "
	"'$.product_id'), json_extract(j.value, '$.sku'), "
	"json_extract(j.value, '$.name'), json_extract(j.value, '$.qty'), "
	"json_extract(j.value, '$.price'), json_extract(j.value, "
	"'$.discount'), json_extract(j.value, '$.amount'), "
	"json_extract(j.value, '$.shipped') FROM json_each(?2) j";

/* The lines of order id as the snapshot json holds them, audited. */
static int
lines_back(struct crm_session *s, long long id, const char *action,
    const char *json, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_drop_lines, e);
	char *now = NULL;
	int rc = -1;

	if (st == NULL || order_lines_json(s, id, &now, e) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (crm_db_done(s->db, st, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_restore, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	crm_db_bind_text(st, 2, json ? json : "[]");
	if (crm_db_done(s->db, st, e) == 0)
		rc = order_lines_audit(s, action, id,
		    strcmp(action, "create") == 0 ? NULL : now, json, e);
out:
	free(now);
	return rc;
}

static const char sql_number_back[] =
	"UPDATE order_numbers SET seq = seq - 1 WHERE year = ?1 AND seq = ?2";
static const char sql_number_again[] =
	"INSERT INTO order_numbers (year, seq) VALUES (?1, ?2) "
	"ON CONFLICT (year) DO UPDATE SET seq = max(seq, ?2)";

/* The counter of order o's year: back one step when o took the last
 * number (back), or up to o's again (a removed order brought back). */
static int
counter(struct crm_session *s, const struct crm_record *o, int back,
    struct crm_err *e)
{
	sqlite3_stmt *st;
	char *end;
	long year;

	if (o->f[CRM_OF_SEQ] == NULL)
		return 0;	/* a number from elsewhere: no counter's */
	year = strtol(o->f[CRM_OF_DATE], &end, 10);
	if (*end != '-' || year < 1000 || year > 9999)
		return crm_err_set(e, CRM_EX_DATAERR, "order %lld: no year in "
		    "its date '%s'", o->id, o->f[CRM_OF_DATE]);
	st = crm_db_prepare(s->db, back ? sql_number_back : sql_number_again,
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, (int)year);
	sqlite3_bind_int64(st, 2, strtoll(o->f[CRM_OF_SEQ], NULL, 10));
	if (crm_db_done(s->db, st, e) < 0)
		return -1;
	if (back && sqlite3_changes(crm_db_sqlite(s->db)) == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' is not "
		    "the last number of %d: undo the later orders' adds first, "
		    "or cancel it", o->id, o->f[CRM_OF_NUMBER], (int)year);
	return 0;
}

/* Undo the add of order id: its number back, its lines in the audit. */
static int
undo_create(struct crm_session *s, const struct crm_undo_group *h,
    struct crm_record *o, struct crm_err *e)
{
	char *json = NULL;
	int rc = -1;

	if (counter(s, o, 1, e) == 0 && order_lines_json(s, o->id, &json,
	    e) == 0 && order_lines_audit(s, "delete", o->id, json, NULL,
	    e) == 0)
		rc = crm_store_undo(s, &crm_order_entity, h, e);
	free(json);
	return rc;
}

/* The group without the field "lines" (h, whose arrays the caller
 * frees), and the lines' snapshot before the run (*lines, NULL when the
 * run did not change them; *has set). */
static void
split(const struct crm_undo_group *g, struct crm_undo_group *h,
    const char **lines, int *has)
{
	*h = *g;
	h->n = 0;
	h->fields = crm_xcalloc(g->n ? g->n : 1, sizeof(char *));
	h->olds = crm_xcalloc(g->n ? g->n : 1, sizeof(char *));
	h->news = crm_xcalloc(g->n ? g->n : 1, sizeof(char *));
	*lines = NULL;
	*has = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (g->fields[i] && strcmp(g->fields[i], "lines") == 0) {
			*lines = g->olds[i];
			*has = 1;
			continue;
		}
		h->fields[h->n] = g->fields[i];
		h->olds[h->n] = g->olds[i];
		h->news[h->n++] = g->news[i];
	}
}

int
crm_order_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	long long id = strtoll(g->id, NULL, 10);
	struct crm_undo_group h;
	struct crm_record o = { 0 };
	const char *lines;
	int has, rc = -1;

	if (strcmp(g->id, "import") == 0) {
		/* an import's counters of numbers (lib/order-import.c) */
		for (size_t i = 0; i < g->n; i++)
			if (g->fields[i] && strcmp(g->fields[i], "numbers") == 0)
				return order_import_undo(s, g->olds[i],
				    g->news[i], e);
		return 0;
	}
	split(g, &h, &lines, &has);
	if (strcmp(g->action, "create") == 0) {
		if (crm_store_load(s, &crm_order_entity, id, &o, e) == 0)
			rc = undo_create(s, &h, &o, e);
	} else if (strcmp(g->action, "update") == 0) {
		if ((h.n == 0 || crm_store_undo(s, &crm_order_entity, &h,
		    e) == 0) && (!has || lines_back(s, id, "update", lines,
		    e) == 0))
			rc = crm_store_load(s, &crm_order_entity, id, &o, e);
	} else if (crm_store_undo(s, &crm_order_entity, &h, e) == 0 &&
	    crm_store_load(s, &crm_order_entity, id, &o, e) == 0 &&
	    counter(s, &o, 0, e) == 0) {
		/* a removed order back, with its lines */
		rc = lines_back(s, id, "create", lines, e);
	}
	if (rc == 0)
		rc = order_last_order_at(s, o.f[CRM_OF_CUSTOMER], e);
	if (o.ent)
		crm_record_free(&o);
	free(h.fields);
	free(h.olds);
	free(h.news);
	return rc;
}
