/* Import, the staging table: every record read is staged, a bad one as
 * rejected, a good one as created (or, in a direct load, loaded), and
 * with --on-duplicate update as a duplicate of an earlier one — found by
 * the fingerprints of the id and of each duplicate key (crm/keyset.h),
 * confirmed against the staged key — merged into it. Without update the
 * copies are found after the read (import-dedup.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import-impl.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The raw record is kept for --rejects, for every record: any may be
 * rejected once the database is consulted (a duplicate, the cap, a
 * field the user may not set). */
static int
needs_raw(const struct importer *im)
{
	return im->o->rejects != NULL;
}

/* A direct load drops the table's indexes with its first record and
 * builds them after the last: the copies in the file are found after
 * the load (import-dedup.c). */
#define DROP_INDEXES_AT 1

/* A value of c as crm_db_bind_text binds it, but not copied: c outlives
 * the statement's step. An empty one is left NULL: the statement cache
 * clears the bindings when it hands the statement out (most fields of a
 * record are empty, and a million records bind thirty each). */
static void
bind_kept(sqlite3_stmt *st, int p, const char *v)
{
	if (v != NULL && *v != '\0')
		sqlite3_bind_text(st, p, v, -1, SQLITE_STATIC);
}

/* Bind the record's fields, custom fields and keys from parameter p. */
static void
bind_record(sqlite3_stmt *st, int p, const struct crm_record *c)
{
	const struct crm_entity *ent = c->ent;
	char *extra = crm_record_extra_json(c);

	for (size_t f = 0; f < ent->nfields; f++)
		bind_kept(st, p++, c->f[f]);
	if (extra != NULL)	/* the statement frees it */
		sqlite3_bind_text(st, p, extra, (int)strlen(extra), free);
	p++;
	for (size_t k = 0; k < ent->nkeys; k++)
		bind_kept(st, p++, c->key[k]);
}

/* How a record is staged: as it is, as a duplicate of an earlier one,
 * or held back by a direct load's filters (hold). */
enum staged { STAGED, STAGED_DUP, STAGED_HELD };

/* Stage the current record (number im->records, from line), with why
 * (reason in English, and for people). */
static int
stage(struct importer *im, long line, const char *action, const char *reason,
    const char *why, enum staged how, const struct crm_record *c,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->insert, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->records);
	sqlite3_bind_int64(st, 2, line);
	crm_db_bind_text(st, 3, action);
	crm_db_bind_text(st, 4, reason);
	if (needs_raw(im))
		crm_db_bind_text(st, 5, im->raw.s);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)im->given);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)im->have);
	crm_db_bind_text(st, 8, import_en(im, &im->refused, &im->refused_en));
	if (how == STAGED_DUP)
		sqlite3_bind_int(st, 9, 1);
	crm_db_bind_text(st, 10, why);
	crm_db_bind_text(st, 11, im->refused.s);
	if (how == STAGED_HELD)
		sqlite3_bind_int(st, 12, 1);
	bind_record(st, STAGE_FIELD0, c);
	return crm_db_done(im->s->db, st, e);
}

/* In a direct load, may a new record go into the table now? One that
 * nothing decided after the file is read can refuse: the table was
 * empty (no duplicates in it, no updates), the cap does not apply, and
 * it has every required field and none the user may not set. */
static int
loads_now(const struct importer *im)
{
	return im->direct && im->refused.len == 0 &&
	    (im->have & im->required) == im->required;
}

/* Note a custom field of the records loaded, to register them once at
 * the end (a few names, not a scan of every record's extra). */
void
import_note_extra(struct importer *im, const char *name)
{
	for (size_t j = 0; j < im->nloaded_extra; j++)
		if (strcmp(im->loaded_extra[j], name) == 0)
			return;
	im->loaded_extra = crm_xrealloc(im->loaded_extra,
	    (im->nloaded_extra + 1) * sizeof(char *));
	im->loaded_extra[im->nloaded_extra++] = crm_xstrdup(name);
}

static void
note_extra(struct importer *im, const struct crm_record *c)
{
	for (size_t i = 0; i < c->nextra; i++)
		import_note_extra(im, c->ekeys[i]);
}

/* A direct load's filters of the duplicate keys of the file: the keys
 * of a record added, and whether the filters may have seen one before
 * (1, else 0). A record they may have seen is held back from the table
 * (hold): the copies in the file are among the staged records, found
 * after the load with the records loaded that have their keys
 * (import-dedup.c); none is loaded, to be taken out again. */
static int
filters_saw(struct importer *im, const struct crm_record *c)
{
	int seen = 0;

	if (im->o->on_dup == CRM_DUP_ALLOW)	/* only the id counts */
		return 0;
	if (im->filters == NULL) {
		im->filters = crm_xcalloc(im->q->ndup + 1,
		    sizeof(*im->filters));
		for (size_t j = 0; j < im->q->ndup; j++)
			im->filters[j].log2 = im->filter_bits;
	}
	for (size_t j = 0; j < im->q->ndup; j++) {
		const char *k = c->key[im->q->dup[j]];

		if (k != NULL && *k != '\0' &&
		    crm_keyfilter_add_hash(&im->filters[j], im->hash ?
		    im->hash[j] : crm_hash64(k, strlen(k))))
			seen = 1;
	}
	return seen;
}

/* Is a record loaded to be noted in the table of those loaded: one
 * whose rowid or line moved against its number since the last noted (a
 * record staged, a record of two lines, an id of its own)? The others'
 * number and line follow from the last noted: one more a rowid
 * (import-sql.c, build_find). */
static int
noted(struct importer *im, sqlite3_int64 rid, long line)
{
	long long by_rid = rid - im->records, by_line = line - im->records;

	if (im->noted && by_rid == im->by_rid && by_line == im->by_line)
		return 0;
	im->noted = 1;
	im->by_rid = by_rid;
	im->by_line = by_line;
	return 1;
}

/* Are the table's ids the records' numbers (an id field), which a
 * direct load gives in the order of the file, a record held back
 * keeping its own (hold)? Not in a file with a column of ids: there a
 * record without one takes the next id after all the file's (as the
 * move gives them), never one that a later line names. */
static int
numbers_ids(const struct importer *im)
{
	return im->ent->fields[0].kind == CRM_K_ID &&
	    !__atomic_load_n(&im->ids_named, __ATOMIC_RELAXED);
}

/* A record without an id in a file with a column of ids: held back, to
 * be given one after the others. */
static int
unnumbered(const struct importer *im, const struct crm_record *c)
{
	return im->ent->fields[0].kind == CRM_K_ID && !numbers_ids(im) &&
	    (c->f[0] == NULL || *c->f[0] == '\0');
}

/* Has an earlier record of the file the record's id (loaded, or
 * staged)? Then it is staged, and found as a copy after the load: it
 * cannot go into the table, and the entity's load step must not run for
 * it. 1, 0, -1. */
static int
id_taken(struct importer *im, const struct crm_record *c, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (c->f[0] == NULL || *c->f[0] == '\0')
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->taken_id[im->bulk], e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, c->f[0], -1, SQLITE_STATIC);
	if ((rc = crm_db_row(im->s->db, st, e)) != 1)
		return -1;
	rc = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* The record into the table, after the entity's own step (struct
 * crm_import_def, load), with the next id (SQLite's would be the one of
 * a record held back), and its rowid, number and line into the table of
 * those loaded when they do not follow from the last (noted). */
static int
load(struct importer *im, long line, struct crm_record *c,
    struct crm_err *e)
{
	const struct crm_import_def *d = im->ent->import;
	sqlite3_stmt *st;
	sqlite3_int64 rid;

	if (im->loaded + 1 == DROP_INDEXES_AT && !im->bulk &&
	    import_indexes_drop(im, e) < 0)
		return -1;
	im->loaded++;
	if (d->load && d->load(im->o->arg, im->s, c, e) < 0)
		return -1;
	if ((st = crm_db_prepare(im->s->db, im->q->direct[im->bulk], e)) == NULL)
		return -1;
	bind_record(st, 1, c);
	if (numbers_ids(im) && (c->f[0] == NULL || *c->f[0] == '\0'))
		sqlite3_bind_int64(st, 1, im->top + 1);
	sqlite3_bind_int64(st, im->q->direct_run, im->run);
	/* the importer's, for the whole load: not copied a record */
	sqlite3_bind_text(st, im->q->direct_run + 1, im->now, -1,
	    SQLITE_STATIC);
	if (crm_db_done(im->s->db, st, e) < 0)
		return -1;
	rid = sqlite3_last_insert_rowid(crm_db_sqlite(im->s->db));
	if (rid > im->top)
		im->top = rid;
	note_extra(im, c);
	if (!noted(im, rid, line))
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->loaded, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int64(st, 2, im->records);
	sqlite3_bind_int64(st, 3, line);
	return crm_db_done(im->s->db, st, e);
}

/* A good record of a direct load that the filters may have seen before
 * (filters_saw), or without an id among records with ids (unnumbered):
 * staged as new, with the id it would have had (none for the second:
 * the move gives it the next), and decided once the copies are found
 * (a copy, or moved in: import-direct.c, move_held). */
static int
hold(struct importer *im, long line, struct crm_record *c,
    struct crm_err *e)
{
	char id[24];
	char *own = c->f[0];
	int rc;

	if (numbers_ids(im) && (own == NULL || *own == '\0')) {
		snprintf(id, sizeof(id), "%lld", ++im->top);
		c->f[0] = id;
	}
	rc = stage(im, line, "create", NULL, NULL, STAGED_HELD, c, e);
	c->f[0] = own;
	return rc;
}

/* The staged key col (0 the id, 1 .. the duplicate keys) of record seq,
 * to confirm a fingerprint hit: 1 (and *line the line, *into the record
 * it stands for), 0 if it differs. */
static int
staged_key_is(struct importer *im, long seq, size_t col, const char *key,
    long *line, long *into, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->keys, e);
	const char *v;
	int rc, same;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	if ((rc = crm_db_row(im->s->db, st, e)) <= 0)
		return rc;
	v = crm_db_col_text(st, (int)col);
	same = v && strcmp(v, key) == 0;
	*line = (long)sqlite3_column_int64(st, (int)im->q->ndup + 1);
	*into = (long)sqlite3_column_int64(st, (int)im->q->ndup + 2);
	sqlite3_reset(st);
	return same;
}

/* A key whose fingerprint belongs to another key: the record that had
 * it first, or 0 (and it is kept for later copies). */
static long
collided(struct importer *im, size_t col, const char *key)
{
	for (size_t i = 0; i < im->ncoll; i++)
		if (im->coll[i].col == col && strcmp(im->coll[i].key, key) == 0)
			return im->coll[i].seq;
	im->coll = crm_xrealloc(im->coll, (im->ncoll + 1) *
	    sizeof(*im->coll));
	im->coll[im->ncoll].col = col;
	im->coll[im->ncoll].key = crm_xstrdup(key);
	im->coll[im->ncoll++].seq = im->records;
	return 0;
}

/* Has the file a record before this one with the same key (col: 0 the
 * id, 1 .. the duplicate keys)? The record it counts as (for one merged
 * into another, that one) and *line its line, or 0. Every good record is
 * staged with its keys, whatever is done with it, so that any later copy
 * is found. */
static long
seen_before(struct importer *im, size_t col, const char *key, long *line,
    struct crm_err *e)
{
	long first, into = 0;
	int same;

	if (key == NULL || *key == '\0')
		return 0;
	first = crm_keyset_add(&im->seen[col], key, strlen(key), im->records);
	if (first == 0)
		return 0;
	same = staged_key_is(im, first, col, key, line, &into, e);
	if (same == 0 && (first = collided(im, col, key)) != 0)
		same = staged_key_is(im, first, col, key, line, &into, e);
	return same < 0 ? -1 : same ? into : 0;
}

static int
merge_into(struct importer *im, long first, const struct crm_record *c,
    struct crm_err *e)
{
	const struct crm_entity *ent = im->ent;
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->merge, e);
	int g = (int)(ent->nfields + ent->nkeys) + 2;

	if (st == NULL)
		return -1;
	bind_record(st, 1, c);
	sqlite3_bind_int64(st, 1, first);
	for (size_t f = 1; f < ent->nfields; f++)
		if (!(im->given & (1ull << f)))
			sqlite3_bind_null(st, (int)f + 1);
	sqlite3_bind_int64(st, g, (sqlite3_int64)im->given);
	sqlite3_bind_int64(st, g + 1, (sqlite3_int64)im->have);
	crm_db_bind_text(st, g + 2, import_en(im, &im->refused,
	    &im->refused_en));
	crm_db_bind_text(st, g + 3, im->refused.s);
	if (crm_db_done(im->s->db, st, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, im->q->into, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->records);
	sqlite3_bind_int64(st, 2, first);
	return crm_db_done(im->s->db, st, e);
}

/* Is staged record seq one that is rejected? 1, 0, -1. */
static int
staged_rejected(struct importer *im, long seq, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->is_rejected, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	if ((rc = crm_db_row(im->s->db, st, e)) <= 0)
		return rc;
	rc = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* A key of a record the same as that of another earlier record than
 * the one it is a copy of (first_copy): that one's number, its line and
 * the key (as same). */
struct copy_also {
	long first, line;
	int same;
};

/* The first earlier record the record duplicates (by the id, then each
 * duplicate key in turn; only by the id when duplicates are allowed):
 * its number, its line and what was the same (the key's index, -1 for
 * the id), and in also another it has a key of; 0 for none, -1. */
static long
first_copy(struct importer *im, const struct crm_record *c, long *line,
    int *same, struct copy_also *also, struct crm_err *e)
{
	long first = 0, by, at;

	if (im->deferred)	/* found after the load (import-dedup.c) */
		return 0;
	for (size_t col = 0; col <= im->q->ndup; col++) {
		int key = col ? im->q->dup[col - 1] : -1;

		at = 0;
		by = seen_before(im, col, key >= 0 ? c->key[key] : c->f[0], &at,
		    e);
		if (by < 0)
			return -1;
		if (by == 0 || (col > 0 && im->o->on_dup == CRM_DUP_ALLOW))
			continue;
		if (first == 0) {
			first = by;
			*line = at;
			*same = key;
		} else if (by != first && also->first == 0) {
			*also = (struct copy_also){ by, at, key };
		}
	}
	return first;
}

/* What was the same (a key's index, -1 for the id): in English, or for
 * people as its column is said. */
static const char *
same_words(const struct importer *im, int same, int people)
{
	const struct crm_key *k = same >= 0 ? &im->ent->keys[same] : NULL;
	const char *id = im->ent->fields[0].name;

	if (k)
		return people ? crm_key_word(k) : k->what;
	return people ? crm_cgettext("column", id) : id;
}

/* Why a record is a copy of line (words, with what was the same: the
 * key same, or the id, for people said as its column is): in English
 * into en, for people into tr. */
static void
copy_reason(const struct importer *im, const char *words, long line,
    int same, char *en, char *tr, size_t cap)
{
	snprintf(en, cap, words, line, same_words(im, same, 0));
	snprintf(tr, cap, crm_tr(words), line, same_words(im, same, 1));
}

/* Has the staged record first an id of its own other than id? 1, 0, -1. */
static int
ids_differ(struct importer *im, long first, const char *id,
    struct crm_err *e)
{
	sqlite3_stmt *st;
	const char *v;
	int rc;

	if (id == NULL || *id == '\0')
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->keys, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, first);
	if ((rc = crm_db_row(im->s->db, st, e)) <= 0)
		return rc;
	v = crm_db_col_text(st, 0);
	rc = v != NULL && *v != '\0' && strcmp(v, id) != 0;
	sqlite3_reset(st);
	return rc;
}

/* Why a copy may not be merged into the first record it copies (into
 * en, and for people tr): that one was rejected, or the merge would give
 * it the key of another record of the file (the same name as one line,
 * the same phone as another) or another id. 1, 0 (it may), -1. */
static int
not_merged(struct importer *im, const struct crm_record *c, long first,
    long first_line, int same, const struct copy_also *also, char *en,
    char *tr, size_t cap, struct crm_err *e)
{
	static const char both[] = N_("same %s as line %ld and same %s as "
	    "line %ld: merged into neither");
	int rc;

	if ((rc = staged_rejected(im, first, e)) != 0) {
		if (rc > 0)
			copy_reason(im, N_("duplicate of rejected line %ld "
			    "(same %s)"), first_line, same, en, tr, cap);
		return rc;
	}
	if (also->first) {
		snprintf(en, cap, both, same_words(im, same, 0), first_line,
		    same_words(im, also->same, 0), also->line);
		snprintf(tr, cap, crm_tr(both), same_words(im, same, 1),
		    first_line, same_words(im, also->same, 1), also->line);
		return 1;
	}
	if ((rc = ids_differ(im, first, c->f[0], e)) > 0)
		copy_reason(im, N_("same %2$s as line %1$ld but another id: not "
		    "merged (an update does not change an id)"), first_line,
		    same, en, tr, cap);
	return rc;
}

/* --on-duplicate update: a copy merged into the first record it copies,
 * unless it may not be (not_merged): then rejected, saying why. */
static int
update_copy(struct importer *im, long line, struct crm_record *c,
    long first, long first_line, int same, const struct copy_also *also,
    struct crm_err *e)
{
	char en[256], tr[256];
	int rc = not_merged(im, c, first, first_line, same, also, en, tr,
	    sizeof(en), e);

	if (rc != 0)
		return rc < 0 ? -1 :
		    stage(im, line, "reject", en, tr, STAGED_DUP, c, e);
	copy_reason(im, N_("merged into line %ld (same %s)"), first_line,
	    same, en, tr, sizeof(en));
	if (stage(im, line, "merged", en, tr, STAGED, c, e) < 0)
		return -1;
	return merge_into(im, first, c, e);
}

/* Stage a record: a bad one (why, and in English why_en) as rejected, a
 * good one as created or as a duplicate of an earlier one. The keys of
 * both are kept, so that a later copy of a bad record is a duplicate of
 * it: fixed and imported again, the two would collide. */
static int
stage_record(struct importer *im, long line, struct crm_record *c,
    const char *why, const char *why_en, struct crm_err *e)
{
	long first, first_line = 0;
	char en[256], tr[256];
	int same = -1, taken, saw;
	struct copy_also also = { 0, 0, -1 };

	if ((first = first_copy(im, c, &first_line, &same, &also, e)) < 0)
		return -1;
	saw = im->direct && filters_saw(im, c);
	if (why == NULL && first == 0 && loads_now(im) &&
	    (taken = id_taken(im, c, e)) <= 0)
		return taken < 0 ? -1 : saw || unnumbered(im, c) ?
		    hold(im, line, c, e) : load(im, line, c, e);
	if (why != NULL)
		return stage(im, line, "reject", why_en, why, STAGED, c, e);
	if (first == 0)
		return stage(im, line, "create", NULL, NULL, STAGED, c, e);
	copy_reason(im, N_("duplicate of line %ld (same %s)"), first_line,
	    same, en, tr, sizeof(en));
	switch (im->o->on_dup) {
	case CRM_DUP_SKIP:
		return stage(im, line, "duplicate", en, tr, STAGED_DUP, c, e);
	case CRM_DUP_UPDATE:
		return update_copy(im, line, c, first, first_line, same, &also,
		    e);
	default:	/* error; allow: the same id twice cannot be */
		return stage(im, line, "reject", en, tr, STAGED_DUP, c, e);
	}
}

/* A row of empty cells (Excel saves them as ",,,"): a blank line. */
static int
empty_row(const struct crm_rec *rec)
{
	for (size_t i = 0; i < rec->n; i++) {
		const struct crm_val *v = &rec->vals[i];

		if (v->type == CRM_V_LIST && v->n > 0)
			return 0;
		if (v->type == CRM_V_TEXT && strspn(v->s, " \t") != v->len)
			return 0;
	}
	return 1;
}

static void
swap_buf(struct crm_buf *a, struct crm_buf *b)
{
	struct crm_buf t = *a;

	*a = *b;
	*b = t;
}

/* The record taken again in English: its problem, or what it may not
 * be created with, into one->why_en and one->refused_en (for data: the
 * words for people stay in one->why and one->refused). */
static int
take_english(struct importer *im, struct colmap *m,
    const struct crm_rec *rec, struct import_one *one, struct crm_err *e)
{
	int held = one->held, bad;

	swap_buf(&one->why, &one->why_en);
	swap_buf(&one->refused, &one->refused_en);
	crm_record_clear(&one->c);
	import_pipe_lang(im, 1);
	import_english(1);
	bad = import_take(im, m, rec, one, e);
	import_english(0);
	import_pipe_lang(im, 0);
	swap_buf(&one->why, &one->why_en);
	swap_buf(&one->refused, &one->refused_en);
	one->held = held;
	return bad;
}

/* The hashes of the record's duplicate keys, made on the reader's
 * thread: the stage's filters of the keys (filters_saw) take them
 * as they are, and fetch their memory of a record ahead. */
static void
hash_keys(const struct importer *im, struct import_one *one)
{
	if (im->o->on_dup == CRM_DUP_ALLOW || im->q->ndup == 0)
		return;
	if (one->hash == NULL)
		one->hash = crm_xcalloc(im->q->ndup, sizeof(uint64_t));
	for (size_t j = 0; j < im->q->ndup; j++) {
		const char *k = one->c.key[im->q->dup[j]];

		one->hash[j] = k && *k ? crm_hash64(k, strlen(k)) : 0;
	}
}

void
import_prefetch(const struct importer *im, const struct import_one *one)
{
	if (im->filters == NULL || one->hash == NULL)
		return;
	for (size_t j = 0; j < im->q->ndup; j++)
		crm_keyfilter_prefetch(&im->filters[j], one->hash[j]);
}

/* Check one record (and in English too, when the user reads another
 * language and it has a problem): 0, 1 (bad), 2 (left out), -1. */
static int
take_one(struct importer *im, struct colmap *m, const struct crm_rec *rec,
    struct import_one *one, struct crm_err *e)
{
	int bad;

	/* the record of the slot before, emptied here, on the thread that
	 * made it: the stage's thread only reads it (malloc's arenas are a
	 * thread's, and a free from another thread waits for its lock);
	 * its memory is the next one's */
	if (one->c.ent == NULL)
		crm_record_init_reused(&one->c, im->ent);
	else
		crm_record_clear(&one->c);
	one->line = rec->line;
	bad = import_take(im, m, rec, one, e);
	if (im->tr && (bad == 1 || (bad == 0 && one->refused.len > 0)))
		bad = take_english(im, m, rec, one, e);
	if ((bad == 0 || bad == 1) && needs_raw(im))
		import_keep_raw(im, rec, &one->raw);
	if (bad == 0 || bad == 1)
		hash_keys(im, one);
	return one->bad = bad;
}

int
import_take_next(struct importer *im, struct colmap *m,
    struct import_one *one, long *seq, long *empty, struct crm_err *e)
{
	struct crm_rec rec;
	int rc;

	while ((rc = crm_in_next(im->in, &rec, e)) == 1 && empty_row(&rec))
		(*empty)++;
	if (rc != 1)
		return rc;
	one->seq = ++*seq;
	return take_one(im, m, &rec, one, e) < 0 ? -1 : 1;
}

/* A record's own fields and the importer's, exchanged: the stage reads
 * the record it stages in the importer. */
static void
swap_one(struct importer *im, struct import_one *one)
{
	unsigned long long given = im->given, have = im->have;

	swap_buf(&im->why, &one->why);
	swap_buf(&im->why_en, &one->why_en);
	swap_buf(&im->refused, &one->refused);
	swap_buf(&im->refused_en, &one->refused_en);
	swap_buf(&im->raw, &one->raw);
	im->given = one->given;
	im->have = one->have;
	one->given = given;
	one->have = have;
}

int
import_stage_one(struct importer *im, struct import_one *one,
    struct crm_err *e)
{
	int rc = 0;

	im->records = one->seq;
	if (one->bad == 2) {
		im->left++;
	} else {
		im->held += one->held;
		swap_one(im, one);
		im->hash = one->hash;
		rc = stage_record(im, one->line, &one->c, one->bad ?
		    im->why.s : NULL, one->bad ? import_en(im, &im->why,
		    &im->why_en) : NULL, e);
		im->hash = NULL;
		swap_one(im, one);
	}
	if (rc == 0 && im->records % 10000 == 0 && im->o->progress)
		im->o->progress(im->o->progress_arg, im->records);
	return rc;
}

void
import_one_free(struct import_one *one)
{
	crm_record_free(&one->c);
	crm_buf_free(&one->why);
	crm_buf_free(&one->why_en);
	crm_buf_free(&one->refused);
	crm_buf_free(&one->refused_en);
	crm_buf_free(&one->raw);
	free(one->hash);
	one->hash = NULL;
}

/* Every record read, taken and staged in turn, on this thread. */
static int
stage_each(struct importer *im, struct colmap *m, long *empty,
    struct crm_err *e)
{
	struct import_one one = { 0 };
	long seq = 0;
	int rc;

	while ((rc = import_take_next(im, m, &one, &seq, empty, e)) == 1 &&
	    (rc = import_stage_one(im, &one, e)) == 0)
		;
	import_one_free(&one);
	return rc;
}

int
import_stage_all(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	struct colmap m = { 0 };
	int rc = -2;

	if (import_take_alone(im) && !im->one_thread)
		rc = import_pipe_run(im, &m, &r->empty, e);
	if (rc == -2)
		rc = stage_each(im, &m, &r->empty, e);
	import_colmap_free(&m);
	r->left = im->left;
	return rc < 0 ? -1 : import_map_check_end(im, e);
}
