/* Import, the update rows (--on-duplicate update): each is checked as
 * edit checks a change — may the user change the record, may they set
 * each field that would change, would a key become another record's —
 * and the refused ones are rejected in one go; then, inside the write
 * transaction, each is applied and audited field by field. They are
 * few: one by one. */
#include <stdlib.h>
#include <string.h>

#include "import-impl.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

static int
same_value(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* The record an update row updates, into old (which this initializes). */
static int
load_target(struct importer *im, sqlite3_stmt *row, struct crm_record *old,
    struct crm_err *e)
{
	const char *key = crm_db_col_text(row, 1);
	int rc = crm_store_get(im->s, im->ent, key ? key : "", old, e);

	if (rc == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "no %s %s",
		    crm_entity_word(im->ent), key ? key : "");
	return rc < 0 ? -1 : 0;
}

/* A key the update gives that another record has: 1 (and why says so),
 * 0, -1. The other is not named, as one the user may not see is not:
 * so it counts toward import.max_probe as those do. */
static int
update_taken(struct importer *im, sqlite3_stmt *row,
    const struct crm_record *old, struct crm_buf *why, struct crm_err *e)
{
	const struct crm_entity *ent = im->ent;
	int col = UPDATE_FIELD0 + (int)ent->nfields + 1;
	sqlite3_stmt *st;
	const struct crm_key *k;

	if (im->q->taken == NULL)
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->taken, e)) == NULL)
		return -1;
	for (size_t j = 0; j < im->q->ndup; j++) {
		const char *v = crm_db_col_text(row, col + (int)j);

		if (!same_value(v, old->key[im->q->dup[j]]))
			crm_db_bind_text(st, (int)j + 1, v);
	}
	crm_db_bind_text(st, (int)im->q->ndup + 1, old->f[0]);
	if (crm_db_row(im->s->db, st, e) != 1)
		return -1;
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		k = &ent->keys[im->q->dup[sqlite3_column_int(st, 0)]];
		crm_buf_addf(why, _("field '%s': another %s has the same %s"),
		    ent->fields[k->field].name, crm_entity_word(ent),
		    crm_key_word(k));
		im->hidden++;
	}
	sqlite3_reset(st);
	return why->len > 0;
}

/* Why the user may not make this update (into why), or nothing: the
 * may-change check of edit, then each field given that would change
 * and that the user may not set, then a key that another record has
 * (edit refuses it too). */
static int
update_refusal(struct importer *im, sqlite3_stmt *row, struct crm_buf *why,
    struct crm_err *e)
{
	unsigned long long given = (unsigned long long)
	    sqlite3_column_int64(row, 2);
	struct crm_err one = { 0 };
	struct crm_record old;
	int rc = 0;

	crm_buf_reset(why);
	if (load_target(im, row, &old, e) < 0) {
		crm_record_free(&old);
		return -1;
	}
	if (im->ent->scope && crm_scope_may_change(im->s, &old, &one) < 0) {
		if (one.code != CRM_EX_NOPERM && one.code != CRM_EX_DATAERR)
			rc = crm_err_set(e, one.code, "%s", one.msg);
		else
			crm_buf_adds(why, one.msg);
	}
	for (size_t f = 0; rc == 0 && why->len == 0 && f < im->ent->nfields;
	    f++) {
		const char *v = crm_db_col_text(row, UPDATE_FIELD0 + (int)f);

		if (!(given & (1ull << f)) || same_value(v, old.f[f]) ||
		    import_may_set(im, (int)f, 0, &one) == 0)
			continue;
		crm_buf_addf(why, _("field '%s': %s"), im->ent->fields[f].name,
		    one.msg);
	}
	if (rc == 0 && why->len == 0 && update_taken(im, row, &old, why, e) < 0)
		rc = -1;
	crm_record_free(&old);
	return rc;
}

/* Note why the update row may not be made: why for people, and the
 * same in English, found again in English when they differ (what it
 * found counts once toward import.max_probe). */
static int
note(struct importer *im, sqlite3_stmt *row, const struct crm_buf *why,
    struct crm_err *e)
{
	struct crm_buf en = { 0 };
	long long hidden = im->hidden;
	sqlite3_stmt *st;
	int rc = 0;

	if (im->tr) {
		import_english(1);
		rc = update_refusal(im, row, &en, e);
		import_english(0);
		im->hidden = hidden;
	}
	if (rc == 0 && (st = crm_db_prepare(im->s->db, im->q->note, e)) ==
	    NULL)
		rc = -1;
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, sqlite3_column_int64(row, 0));
		crm_db_bind_text(st, 2, import_en(im, why, &en));
		crm_db_bind_text(st, 3, why->s);
		rc = crm_db_done(im->s->db, st, e);
	}
	crm_buf_free(&en);
	return rc;
}

int
import_check_updates(struct importer *im, struct crm_err *e)
{
	struct crm_buf why = { 0 };
	sqlite3_stmt *st;
	int rc;

	if (im->o->on_dup != CRM_DUP_UPDATE)
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->update_rows, e)) == NULL)
		return -1;
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		if (update_refusal(im, st, &why, e) < 0 || (why.len > 0 &&
		    note(im, st, &why, e) < 0)) {
			rc = -1;
			break;
		}
	}
	if (rc != 0)
		sqlite3_reset(st);
	crm_buf_free(&why);
	if (rc < 0 || import_exec(im, im->q->notes_apply, NULL, e) < 0)
		return -1;
	return import_exec(im, im->q->notes_clear, NULL, e);
}

/* Custom fields given as key\x1evalue pairs joined by \x1f: added or
 * changed; the others stay. */
static void
put_pairs(struct crm_record *c, const char *pairs)
{
	char *copy, *p;

	if (pairs == NULL)
		return;
	copy = crm_xstrdup(pairs);
	for (p = copy; p && *p;) {
		char *next = strchr(p, '\x1f'), *sep;

		if (next)
			*next++ = '\0';
		if ((sep = strchr(p, '\x1e')) != NULL) {
			*sep = '\0';
			crm_record_put_extra(c, p, sep + 1, NULL);
		}
		p = next;
	}
	free(copy);
}

static int
differs(const struct crm_record *a, const struct crm_record *b)
{
	if (a->nextra != b->nextra)
		return 1;
	for (size_t f = 0; f < a->ent->nfields; f++)
		if (!same_value(a->f[f], b->f[f]))
			return 1;
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->ekeys[i], b->ekeys[i]) != 0 ||
		    strcmp(a->evals[i], b->evals[i]) != 0)
			return 1;
	return 0;
}

/* Does an update row write field f? Only what the input gave; never the
 * key, the owner or the pool (checked before: they may not change), nor
 * updated_at (the save sets it); what crm keeps only for --historical. */
static int
writes_field(const struct importer *im, unsigned long long given, size_t f)
{
	unsigned flags = im->ent->fields[f].flags;

	if (!(given & (1ull << f)) || f == 0 || (int)f == im->q->updated ||
	    (flags & (CRM_F_OWNER | CRM_F_POOL)))
		return 0;
	return im->o->historical || !(flags & CRM_F_SYSTEM);
}

static int
apply_one(struct importer *im, sqlite3_stmt *st, struct crm_err *e)
{
	unsigned long long given = (unsigned long long)
	    sqlite3_column_int64(st, 2);
	struct crm_record old, c = { 0 };
	const char *bad;
	int rc;

	if (load_target(im, st, &old, e) < 0) {
		crm_record_free(&old);
		return -1;
	}
	crm_record_copy(&c, &old);
	for (size_t f = 0; f < im->ent->nfields; f++)
		if (writes_field(im, given, f))
			crm_record_set(&c, (int)f, crm_db_col_text(st,
			    UPDATE_FIELD0 + (int)f));
	put_pairs(&c, crm_db_col_text(st, UPDATE_FIELD0 +
	    (int)im->ent->nfields));
	rc = crm_record_finish(&c, 0, &bad, e);
	if (rc == 0 && differs(&old, &c))
		rc = crm_store_save(im->s, &old, &c, e);
	crm_record_free(&old);
	crm_record_free(&c);
	return rc;
}

/* The update rows one by one, each audited field by field. One that
 * changes nothing is not written. */
int
import_apply_updates(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->update_rows, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		if (apply_one(im, st, e) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	return rc;
}
