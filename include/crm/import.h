/* Import of records of any entity (crm/entity.h) from csv, tsv, yaml or
 * json: one pipeline for every entity, driven by its descriptor. Records
 * are read, checked and normalized into a temporary staging table without
 * the database's write lock; duplicates within the file (the id, and the
 * keys flagged CRM_KEY_DUP) are found after the read by one window query
 * per key (with --on-duplicate update, which merges each copy into the
 * first in the order of the file, by in-memory fingerprints as it
 * reads), and everything that depends on the database by set-based
 * passes over the staging table; then one short transaction moves the
 * good records in with INSERT ... SELECT. Memory does not grow with the
 * file (but for the fingerprints of --on-duplicate update), and a killed
 * import leaves the database as it was.
 *
 * Who may give which field a value comes from the field flags:
 * CRM_F_SYSTEM only an admin with --historical, CRM_F_MANAGER managers
 * and admins, CRM_F_OWNER and CRM_F_POOL and the id never on an update,
 * CRM_F_POOL on a new record not a rep (their new records are their
 * own). An entity with a pool caps what an owner holds (pool.max_owned).
 * The SQL of each entity is built once from its descriptor (identifiers
 * from the descriptor only, every value bound) and kept for the life of
 * the process. */
#ifndef CRM_IMPORT_H
#define CRM_IMPORT_H

#include <signal.h>
#include <stdio.h>
#include "crm/buf.h"
#include "crm/entity.h"
#include "crm/in.h"
#include "crm/record.h"
#include "crm/rows.h"
#include "crm/session.h"

/* Why a field may not be set, in the entity's words (naming what does
 * it instead); a field without them gets the generic words. */
struct crm_import_why {
	const char *field;
	const char *on_new;	/* refused on a new record, or NULL */
	const char *on_update;	/* refused on an update, or NULL */
};

/* What an entity's import has of its own: the descriptor's `import`
 * member (NULL: the entity has no import). */
/* How an import treats the owner field (struct crm_import_def). */
enum {
	CRM_IMPORT_OWNER_ANY = 1 << 0,	/* any active user may own one (an
					   expense's user), not only
					   admins, managers and reps */
	CRM_IMPORT_OWNER_SELF = 1 << 1	/* a new record without an owner
					   is the importer's, whatever
					   their role (else only a rep's
					   are theirs) */
};

struct crm_import_def {
	unsigned roles;		/* who may import */
	unsigned owner;		/* CRM_IMPORT_OWNER_* */
	/* a time field that a new record with an owner gets now, unless
	 * given ("claimed_at"), or NULL */
	const char *owned_since;
	const struct crm_import_why *why;
	size_t nwhy;
	/* Steps of the entity's own (NULL: none), given the import's arg
	 * (struct crm_import_opts). value: the input's value of field f
	 * made the field's before it is checked (a name into an id): 0,
	 * check *v (which may point to the hook's storage now, until its
	 * next call); 1, *v is the value as it is; -1, a bad value (e
	 * says why, without naming the field); -2, a bad value because it
	 * duplicates a record the user may not see (it counts toward
	 * import.max_probe). */
	int (*value)(void *arg, int f, const char **v, struct crm_err *e);
	/* The record c once its values are in, before the entity's
	 * finish: what needs several of its fields at once (a receipt's
	 * customer named by the payer or by an order in its memo). 0; 1,
	 * the row is not one of the entity's records (a bank statement's
	 * payment out is no receipt): left out, as a row of empty cells
	 * is, and counted; or -1 with *bad the field (or NULL) and e
	 * why. */
	int (*record)(void *arg, struct crm_record *c, const char **bad,
	    struct crm_err *e);
	/* In the write transaction, with the run made: before the good
	 * records move in from the staging table (lib/import-impl.h), and
	 * after they did and the updates were made. */
	int (*before_move)(void *arg, struct crm_session *s,
	    struct crm_err *e);
	int (*after_move)(void *arg, struct crm_session *s,
	    struct crm_err *e);
	/* A direct load (lib/import.c: new records straight into an
	 * empty table, in the write transaction, the run made): what
	 * before_move does to the staged records, done to the one record
	 * c before it goes in (it may change c's values); after_move runs
	 * after the last one. An entity with before_move and without load
	 * is never loaded directly. */
	int (*load)(void *arg, struct crm_session *s, struct crm_record *c,
	    struct crm_err *e);
	/* A direct load through the bulk database (lib/import-bulk.c),
	 * where load runs without the write lock and so must not write:
	 * bulk_begin, before the file is read, tells the entity so; what
	 * load would have written (a deal's new customer) it promises
	 * (its id), and bulk_end writes it as promised, in the write
	 * transaction with the run made, before the table is copied in
	 * (75 if the database changed so that it cannot). An entity with
	 * load and without these loads inside the write transaction. */
	int (*bulk_begin)(void *arg, struct crm_session *s,
	    struct crm_err *e);
	int (*bulk_end)(void *arg, struct crm_session *s, struct crm_err *e);
	/* 1: value never uses the session's connection (what it asks
	 * the database it asks on a connection of its own) and may run
	 * on the reader thread of lib/import-pipe.c while load runs on
	 * the caller's (the two share nothing unguarded). */
	int value_alone;
	/* The file read: value asks nothing more; what it held for its
	 * look-ups let go (a connection of its own would keep the copy
	 * of a direct load in WAL: crm_db_wal_leave). */
	void (*read_end)(void *arg);
	/* After the move of an import with --on-duplicate allow, in the
	 * write transaction with the run made: record that the user
	 * allowed the duplicates the run created (customers: crm check
	 * leaves them out). NULL: nothing to record. */
	int (*allowed)(struct crm_session *s, struct crm_err *e);
};

/* What a record that duplicates another does: is rejected, is left out,
 * updates the other, or (managers and admins: a restore, a pair they
 * allowed) is added anyway. */
enum crm_on_dup { CRM_DUP_ERROR, CRM_DUP_SKIP, CRM_DUP_UPDATE,
	CRM_DUP_ALLOW };

struct crm_import_opts {
	enum crm_on_dup on_dup;
	int partial;		/* commit the good records */
	FILE *rejects;		/* with partial: the rejected records */
	enum crm_fmt rejects_fmt;	/* and their format */
	/* set to 1 once the import committed (NULL: not wanted): a signal
	 * handler's test, whether the rejects file is the import's; INT,
	 * TERM and HUP are blocked while the commit runs */
	volatile sig_atomic_t *committed;
	/* called with rejects_arg once the rejects are written, before the
	 * commit (NULL: none): -1 and e set stops the import */
	int (*rejects_ready)(void *arg, struct crm_err *e);
	void *rejects_arg;
	const char *map;	/* --map */
	int extra;		/* unknown columns become custom fields */
	int ignore_unknown;	/* unknown columns are dropped */
	int historical;		/* admins: the system's times may be set */
	int ignore_cap;		/* admins: pool.max_owned does not apply */
	int excel;		/* csv from --excel: unguard formulas */
	int dry_run;		/* decide, write nothing (but a trace) */
	void (*progress)(void *arg, long records);
	void *progress_arg;
	void *arg;		/* the entity's own options, for its steps */
};

struct crm_import_result {
	long records, created, updated, skipped, rejected;
	long empty;		/* rows of empty cells, skipped */
	long left;		/* rows the entity's record step left out */
	long merged;		/* records merged into earlier ones of the file
				   (--on-duplicate update) */
	int planned;		/* a dry run made its plan */
	/* 75: records came into the empty table while the file was read
	 * for a load into it; nothing written, the file may be read again
	 * (into a table that has records now) */
	int raced;
};

/* Import the records of in into ent's table (see crm-customer(1),
 * import). All or nothing unless o->partial; bad records are told through
 * s->report. 0, or -1 and e. */
int crm_import(struct crm_session *s, const struct crm_entity *ent,
    struct crm_in *in, const struct crm_import_opts *o,
    struct crm_import_result *r, struct crm_err *e);
/* After a dry run that made its plan (even one that failed because
 * records would be rejected): one row per record, line, action (create,
 * update, duplicate, reject), id (of the existing record, if the user
 * may see it), reason. */
struct crm_rows *crm_import_plan(struct crm_session *s,
    const struct crm_entity *ent, struct crm_err *e);

/* The indexes of a table, as the schema has them: the statements that
 * make them, and one that drops them all. A bulk load into an empty
 * table drops them and builds them after (one sort each instead of a
 * million inserts into b-trees): what crm_import does, and an importer
 * of its own (orders, lib/order-import.c) too. */
struct crm_import_indexes {
	char **make;
	size_t n;
	struct crm_buf drop;
};
/* Drop the indexes of table (the schema's), keeping what makes them. */
int crm_import_indexes_drop(struct crm_session *s, const char *table,
    struct crm_import_indexes *x, struct crm_err *e);
/* Build them again (a small cache and two sorter threads), then run
 * analyze (NULL: none). */
int crm_import_indexes_make(struct crm_session *s,
    struct crm_import_indexes *x, const char *analyze, struct crm_err *e);
void crm_import_indexes_free(struct crm_import_indexes *x);

#endif
