/* Import, the copies in the file found after the read: each key (the
 * id, then each duplicate key) by one window query over the staged
 * records and, in a direct load, over the records loaded with a staged
 * record's key (the table's index finds them). A record is a copy of the
 * first record of the file with the same key, whatever became of that
 * one (a bad record's keys count too: fixed and imported again, the two
 * would collide), by the first key in order that has one. Nothing is
 * held in memory per record: the memory of an import does not grow with
 * its file. */
#include <stdio.h>

#include "import-impl.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The copies by key col into the copies table. */
static int
find(struct importer *im, size_t col, struct crm_err *e)
{
	const struct import_sql *q = im->q;
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->direct ?
	    q->copies_load[im->bulk][col] : q->copies_find[col], e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)col);
	return crm_db_done(im->s->db, st, e);
}

/* What the copies by key col become, and why (the staged copies are
 * marked; a record loaded is never one: import-stage.c, hold). */
static int
mark(struct importer *im, size_t col, struct crm_err *e)
{
	static const char words[] = N_("duplicate of line %ld (same %s)");
	const struct crm_key *k = col ? &im->ent->keys[im->q->dup[col - 1]] :
	    NULL;
	const char *id = im->ent->fields[0].name;
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->copies_mark, e);

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, im->o->on_dup == CRM_DUP_SKIP ? "duplicate" :
	    "reject");
	crm_db_bind_text(st, 2, words);
	crm_db_bind_text(st, 3, k ? k->what : id);
	crm_db_bind_text(st, 4, crm_tr(words));
	crm_db_bind_text(st, 5, k ? crm_key_word(k) :
	    crm_cgettext("column", id));
	sqlite3_bind_int64(st, 6, (sqlite3_int64)col);
	return crm_db_done(im->s->db, st, e);
}

int
import_dedup(struct importer *im, struct crm_err *e)
{
	/* duplicates allowed: only the same id twice cannot be */
	size_t ncol = im->o->on_dup == CRM_DUP_ALLOW ? 1 : im->q->ndup + 1;
	/* without a column of ids, no record has one of its own (a record
	 * held back has one given, that no other has) */
	size_t col0 = im->ids_named ? 0 : 1;

	if (!im->deferred)
		return 0;
	for (size_t col = col0; col < ncol; col++)
		if (find(im, col, e) < 0)
			return -1;
	for (size_t col = col0; col < ncol; col++)
		if (mark(im, col, e) < 0)
			return -1;
	return 0;
}
