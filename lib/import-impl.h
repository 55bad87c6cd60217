/* Shared by lib/import*.c: the importer, and the SQL of an entity's
 * import built once from its descriptor (lib/import-sql.c).
 *
 * The staging table temp.import_TABLE has one row per record read: its
 * own columns, whose names start with '_' (_seq, _line, _action,
 * _target, _reason, _why, _raw, _given, _have, _refused, _refused_why,
 * _dup, _decided, _visible, _masked, _into, _merged, and _own_KEY of
 * each duplicate key), then the entity's fields, extra, and its keys, by
 * their names.
 *
 * Why a record is rejected is kept twice: _reason in English, for data
 * (the plan in csv, yaml or json, the --rejects file: they never change
 * with the language), and _why in the user's language, for people (the
 * report, the plan's table). They are the same for a user who reads
 * English; for one who does not (im->tr), a record's problem is found
 * once in each language, and the statements that write reasons take the
 * English words and the user's. */
#ifndef CRM_IMPORT_IMPL_H
#define CRM_IMPORT_IMPL_H

#include "crm/import.h"
#include "crm/clock.h"
#include "crm/keyset.h"
#include "crm/record.h"

/* The parameter of the first field in the staging insert. */
#define STAGE_FIELD0 13
/* The update rows: _seq, _target, _given, the fields from this column,
 * the custom fields as key\x1evalue pairs joined by \x1f, then the
 * duplicate keys. */
#define UPDATE_FIELD0 3

/* The words of why a record duplicates an existing one, bound to the
 * statement decide in this order (import-sql.c, dup_reason): a record of
 * an entity without a scope; one the user may see, with an owner or in
 * a pool; one they may not see, in a pool, or owned (whom to ask: the
 * owner's manager, else an admin). In English from ?4, for people from
 * ?DECIDE_WHY + 2 (?DECIDE_WHY: the entity's name, + 1 with its
 * article). */
enum import_dup_words { DUP_NAMED, DUP_OWNED, DUP_IN_POOL, DUP_HIDDEN_POOL,
	DUP_ASK_MANAGER, DUP_ASK_ADMIN, DUP_NWORDS };
#define DECIDE_WHY (4 + DUP_NWORDS)

/* The statements of one entity's import (static storage: the statement
 * cache is keyed by their address). */
struct import_sql {
	char *create, *clear, *field, *insert, *keys, *into, *merge;
	char *is_rejected, *counts, *rejects, *plan, *plan_why, *any, *move;
	char *register_all, *reset, *dup_id, **dup_key, *visible, *hidden;
	char *decide, *refused, *missing, *update_rows, *taken, *note;
	char *notes_apply, *notes_clear, *cap, *any_owned, *analyze;
	/* a direct load (import.c): one new record into the table; the
	 * temp.import_TABLE_loaded table of the records loaded (their
	 * number, rowid and line) made empty, a row of it, and their keys
	 * whether a key field's value is taken (by a record loaded or
	 * staged); a custom field in use (?1 the entity, ?2 its name) */
	char *direct[2], *loaded_init, *loaded, *taken_id[2], *loaded_extra;
	/* the records held back by a direct load's filter and not copies
	 * after all, into the bulk database's table (?1 the run, ?2 now),
	 * then out of the staging table; the custom fields they use */
	char *move_bulk, *moved_out, *moved_extra;
	/* the copies of earlier records in the file (import-dedup.c):
	 * found by each key among the staged records (find) or among those
	 * and the records loaded (load: [1] in the bulk database); marked */
	char **copies_find, **copies_load[2], *copies_mark;
	/* [1]: the same in the bulk database (import-bulk.c), and the
	 * table copied from it, and its run set */
	char *bulk_copy, *bulk_run, *bulk_owners;
	char *owner_gone;	/* staged: an owner no longer active */
	int direct_run;		/* the parameter of the run (now: + 1) */
	size_t ndup;		/* the keys flagged CRM_KEY_DUP */
	int *dup;		/* their indexes in ent->keys */
	int owner, pool;	/* CRM_F_OWNER, CRM_F_POOL fields, or -1 */
	int updated;		/* the field "updated_at", or -1 */
};

const struct import_sql *import_sql(const struct crm_entity *ent);

/* A key whose fingerprint another key had first: kept exactly (they are
 * about one in 10^8), so that its later copies are still found. */
struct collision {
	size_t col;
	char *key;
	long seq;
};


struct importer {
	struct crm_session *s;
	const struct crm_entity *ent;
	const struct import_sql *q;
	const struct crm_import_opts *o;
	struct crm_in *in;
	struct crm_fieldmap map;
	unsigned char *map_seen;	/* a flag per --map pair */
	/* the fingerprints of the ids (0) and the duplicate keys (1 ..) */
	struct crm_keyset *seen;
	struct collision *coll;
	size_t ncoll;
	char **users;		/* active logins, sorted */
	size_t nusers;
	char **custom;		/* custom fields in use */
	size_t ncustom;
	unsigned long long required;	/* a bit per field */
	struct crm_buf why;	/* the current record's problem */
	struct crm_buf refused;	/* why it may not be created as it is */
	/* the same two in English, when tr */
	struct crm_buf why_en, refused_en;
	int tr;			/* the user's language is not English */
	unsigned long long given;	/* its fields that the input gave */
	unsigned long long have;	/* its fields with a value */
	struct crm_buf raw;
	char **reject_cols;	/* the input's columns, for --rejects */
	size_t nreject_cols;
	long records;
	long left;		/* rows left out by the entity (record) */
	long held;		/* records staged with refused or missing */
	/* a direct load (import.c): the new records go straight into the
	 * empty table, inside the write transaction, and only their keys
	 * into the staging table */
	int direct;
	/* ... into the bulk database first (import-bulk.c), the table
	 * copied into the database's under the write lock */
	int bulk;
	long long run;		/* the run the records loaded name */
	/* their references checked before the lock, nobody having written
	 * since (import-bulk.c, import_bulk_references) */
	int refs_ok;
	/* the copies in the file are found after the read, by set-based
	 * passes (import-dedup.c), not by the fingerprints of seen (all
	 * but --on-duplicate update, which merges each into the first in
	 * the order of the file) */
	int deferred;
	long loaded;		/* records loaded so far */
	long long top;		/* the last id loaded or held back */
	int ids_named;		/* the file has a column of ids */
	/* the rowid and line of the last noted, less its number */
	long long by_rid, by_line;
	int noted;		/* one was */
	int rejects_written;	/* before the commit */
	/* a filter per duplicate key of the keys of the file: a record
	 * whose key they may have seen is held back (import-stage.c) */
	struct crm_keyfilter *filters;
	int filter_bits;	/* their size: 0, or CRM_IMPORT_FILTER_BITS */
	int one_thread;		/* CRM_IMPORT_THREADS=1 */
	/* the crm_hash64 of the staged record's duplicate keys, made by
	 * its reader (struct import_one), or NULL */
	const uint64_t *hash;
	char **loaded_extra;	/* the custom fields they have */
	size_t nloaded_extra;
	struct crm_import_indexes dropped;	/* the table's, dropped while it
						   loads */
	char now[CRM_TIME_LEN];
	long long hidden;	/* duplicates of records the user may not
				   see */
	long long probed;	/* values the entity refused for a hidden
				   record (its value hook: -2) */
	/* import-pipe.c: the reader's thread, or NULL (one thread). While
	 * it runs, in, custom, map_seen and reject_cols are the reader's;
	 * the fields of one record (why .. raw, given, have) are those of
	 * the struct import_one being staged, swapped in meanwhile. */
	struct import_pipe *pipe;
};

/* One record read and taken (import_take), then staged: what is its own
 * travels with it, so that a record can be taken while an earlier one
 * is staged (import-pipe.c). */
struct import_one {
	struct crm_record c;
	long seq, line;
	int bad;		/* import_take's 0, 1 or 2 */
	int held;		/* staged with refused or missing */
	unsigned long long given, have;
	struct crm_buf why, refused, why_en, refused_en, raw;
	uint64_t *hash;		/* of its duplicate keys (0: none) */
};

/* The field each column name maps to: a standard field (>= 0), a custom
 * field (COL_CUSTOM), a dropped column (COL_IGNORE). Kept for the last
 * list of names seen: a csv's header, or yaml records with the same
 * keys in the same order (each yaml record is mapped by its own keys). */
enum { COL_CUSTOM = -1, COL_IGNORE = -2 };

struct colmap {
	char **names;
	int *field;
	const char **key;	/* a custom field's name, as registered */
	unsigned char *negated;	/* a "!alias" column: the field's opposite */
	size_t n;
	int fixed;		/* csv/tsv: every record has the header's
				   names */
};

/* import-read.c: one record. */
void import_colmap_free(struct colmap *m);
/* The users and custom fields an import checks columns and owners
 * against (after the field map is made). */
void import_read_init(struct importer *im);
void import_read_free(struct importer *im);
/* Check and normalize a record into one->c. 0: good (it may still be
 * one that cannot be created as it is: one->have lacks a required field,
 * or one->refused says why; that matters only if it does not turn out
 * to update an existing record); 1: bad, and one->why says why (c has
 * the id and keys it could make, for later copies of it); 2: left out
 * by the entity; -1: the import cannot go on (e). Never touches the
 * database when import_take_alone. */
int import_take(struct importer *im, struct colmap *m,
    const struct crm_rec *rec, struct import_one *one, struct crm_err *e);
/* May import_take run on another thread than the connection's: has the
 * entity no step of its own (they may query), and is the owner check
 * one without a query? */
int import_take_alone(const struct importer *im);
/* Keep the record's values, in the order of the --rejects columns, in
 * raw. */
void import_keep_raw(struct importer *im, const struct crm_rec *rec,
    struct crm_buf *raw);
/* After the last record: a --map column the file does not have. */
int import_map_check_end(struct importer *im, struct crm_err *e);

/* The English of a reason made in the user's language (b): en when
 * they differ (im->tr) and there is one. */
const char *import_en(const struct importer *im, const struct crm_buf *b,
    const struct crm_buf *en);
/* Speak English while reasons are made for data (on), then the user's
 * language again. */
void import_english(int on);

/* import-rules.c: may the acting user give field f a value through an
 * import, on a new record (is_new) or as a change of an existing one?
 * 0, or 77 saying why (e). */
int import_may_set(const struct importer *im, int f, int is_new,
    struct crm_err *e);

/* import.c: drop the table's indexes while a direct load fills it (they
 * are built again before the commit). */
/* import.c, shared with the direct load (import-direct.c): the
 * connection's cache while it stages and moves (big enough for the index
 * pages new records land in), and while it loads directly (small: it
 * appends); PRAGMA data_version; the counts of the staged records into
 * r; the rejects said; the indexes of x that pick marks v (all without
 * pick) built, then the statistics (analyze) and the cache again; the
 * entity's step before the good records move in, or after (moved). */
extern const char import_load_cache[], import_direct_cache[];
extern const char import_data_version[];
int import_count(struct importer *im, struct crm_import_result *r,
    struct crm_err *e);
void import_report_rejects(struct importer *im, struct crm_err *e);
int import_indexes_build(struct crm_session *s, struct crm_import_indexes *x,
    const unsigned char *pick, int v, const char *analyze, const char *cache,
    struct crm_err *e);
int import_own_step(struct importer *im, int moved, struct crm_err *e);
void import_note_extra(struct importer *im, const char *name);
/* the rejects written (--partial --rejects), then the commit */
int import_commit(struct importer *im, const struct crm_import_result *r,
    struct crm_err *e);

/* import-direct.c: the direct load, when it applies (an empty table, a
 * real import, ...): 0 done, -1 failed, 1 not possible (nothing done) */
int import_load_direct(struct importer *im, long long version,
    struct crm_import_result *r, struct crm_err *e);

int import_indexes_drop(struct importer *im, struct crm_err *e);
/* ... or only read (x->make: what makes each, x->drop: what drops
 * them) */
int import_indexes_read(struct importer *im, struct crm_import_indexes *x,
    struct crm_err *e);

/* import-bulk.c: the bulk database of a direct load attached, with the
 * table and what makes its indexes (im->dropped), and im->run the run
 * to begin; the records' run set again to the one begun or about to
 * begin; the table copied into the database's (main); detached. */
int import_bulk_open(struct importer *im, struct crm_err *e);
int import_bulk_run(struct importer *im, struct crm_err *e);
int import_bulk_copy(struct importer *im, struct crm_err *e);
/* -1, with e saying so if the temporary directory is full */
int import_temp_full(struct importer *im, struct crm_err *e);
int import_bulk_references(struct importer *im, struct crm_err *e);
void import_bulk_close(struct importer *im);

/* import-stage.c: read, check and stage every record, finding the
 * duplicates within the file; in a direct load, a new record that
 * nothing can refuse any more goes into the table at once. */
int import_stage_all(struct importer *im, struct crm_import_result *r,
    struct crm_err *e);
/* Its two halves: the next record of the file taken into one (number
 * ++*seq; rows of empty cells before it counted in *empty; the record
 * one had before emptied): 1, 0 at the end, -1 (e); and one staged: 0 or
 * -1 (e). */
int import_take_next(struct importer *im, struct colmap *m,
    struct import_one *one, long *seq, long *empty, struct crm_err *e);
int import_stage_one(struct importer *im, struct import_one *one,
    struct crm_err *e);
/* Its record and buffers freed. */
void import_one_free(struct import_one *one);
/* The filters' memory of a record's keys fetched before it is staged. */
void import_prefetch(const struct importer *im,
    const struct import_one *one);

/* import-pipe.c: import_stage_all's loop on two threads, the records
 * taken on one and staged on the caller's: 0, -1 (e), or -2 when no
 * thread could be started (nothing was read). */
int import_pipe_run(struct importer *im, struct colmap *m, long *empty,
    struct crm_err *e);
/* While the reader switches the language (on) and until it is back:
 * the stage, which may translate, waits (a no-op on one thread). */
void import_pipe_lang(struct importer *im, int on);

/* import-dedup.c: with im->deferred, after the last record is read
 * (and in a direct load the table's indexes are built, the unique ones
 * excepted): the records that have the id or a duplicate key of an
 * earlier record of the file become duplicates (or are rejected) as
 * --on-duplicate says, with the line of the first. */
int import_dedup(struct importer *im, struct crm_err *e);

/* import-ids.c: the records to create that have no id given theirs
 * before they move into the table of the main (bulk 0) or the bulk
 * database, when the next ids after the highest would pass CRM_ID_MAX:
 * up to it, then the highest free ones below it (65 if none). */
int import_give_ids(struct importer *im, int bulk, struct crm_err *e);

/* import-check.c: decide what each staged record does against the
 * database: duplicates of existing records (and whether the user may
 * see them), records that may not be created, update rights,
 * pool.max_owned, and the import.max_probe refusal (77). again: the
 * database changed since the last decision, which is undone first. */
int import_decide(struct importer *im, int again, struct crm_err *e);
/* The plan for people: the reasons in the user's language (the plan of
 * crm/import.h has them in English, for data). */
struct crm_rows *import_plan_for_people(struct crm_session *s,
    const struct crm_entity *ent, struct crm_err *e);

/* The cap on what an owner holds that the import keeps (pool.max_owned,
 * unless --ignore-cap or the entity has none): > 0, or 0 for none. */
int import_cap(struct importer *im, long long *cap, struct crm_err *e);

/* import-update.c: the update rows: rejected when the user may not make
 * them; applied (inside the write transaction). */
int import_check_updates(struct importer *im, struct crm_err *e);
int import_apply_updates(struct importer *im, struct crm_err *e);

/* Run sql with one optional text parameter. */
int import_exec(struct importer *im, const char *sql, const char *arg,
    struct crm_err *e);
/* The first column of sql's first row. */
int import_int(struct importer *im, const char *sql, long long *v,
    struct crm_err *e);

#endif
