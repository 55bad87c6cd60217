/* The database connection. Everything that touches SQLite goes through
 * a struct crm_db: opened with the pragmas of design/cli.md (foreign
 * keys, synchronous=FULL, trusted_schema=OFF, a busy timeout of
 * CRM_BUSY_TIMEOUT_MS, default 5000), refused when its schema is one this
 * binary does not know, with a cache of prepared statements. Only lib/
 * includes this; cmd/ holds no SQL. */
#ifndef CRM_DB_H
#define CRM_DB_H

#include <sqlite3.h>
#include "crm/err.h"

/* PRAGMA application_id of a crm database: "CRM1". */
#define CRM_APPLICATION_ID 0x43524d31

enum {
	CRM_DB_CREATE = 1 << 0,		/* create the file (crm init) */
	CRM_DB_ANY_VERSION = 1 << 1	/* older schemas too (crm migrate) */
};

struct crm_db;

/* Open path. A missing file is 66 with "(run: crm init)"; a file that
 * is not a crm database 66; an older schema 69 "(run: crm migrate)",
 * a newer one 69. */
int crm_db_open(struct crm_db **db, const char *path, unsigned flags,
    struct crm_err *e);
void crm_db_close(struct crm_db *db);	/* rolls back an open transaction */
const char *crm_db_path(const struct crm_db *db);
int crm_db_version(const struct crm_db *db);
sqlite3 *crm_db_sqlite(struct crm_db *db);

/* The statement for sql, which must be a string with static storage:
 * its address is the cache key. Prepared once per connection; returned
 * reset and with its bindings cleared. Not to be finalized. */
sqlite3_stmt *crm_db_prepare(struct crm_db *db, const char *sql,
    struct crm_err *e);
/* The statement for sql made at run time (not cached: the cache keys
 * by address), for the caller to finalize; NULL with the error mapped. */
sqlite3_stmt *crm_db_prepare_once(struct crm_db *db, const char *sql,
    struct crm_err *e);
/* Run one or more statements without results (migrations, pragmas). */
int crm_db_exec(struct crm_db *db, const char *sql, struct crm_err *e);

/* BEGIN IMMEDIATE: a transaction that may write takes the write lock at
 * its start, so that it waits its turn instead of failing halfway. */
int crm_db_begin(struct crm_db *db, struct crm_err *e);
int crm_db_commit(struct crm_db *db, struct crm_err *e);
void crm_db_rollback(struct crm_db *db);
int crm_db_in_tx(const struct crm_db *db);

/* Out of WAL for one big write that fills empty tables (an import's
 * copy of its bulk database): their new pages are then written once,
 * into the file, where WAL writes them twice (the log, then the
 * checkpoint) and deletes a log as big as they are. Only if no other
 * connection has the file open, found at once, without waiting: 1 out,
 * 0 still in WAL. While out, a reader waits for the write's commit as
 * writers do. crm_db_wal_return puts it back after the write, waiting
 * the busy timeout; whatever it could not (a crash, a reader), the next
 * crm_db_open does. */
int crm_db_wal_leave(struct crm_db *db);
void crm_db_wal_return(struct crm_db *db);
/* Forget the pages read so far, once out of WAL (crm_db_wal_leave does:
 * those read in WAL mode may be older than the file). */
void crm_db_drop_cache(struct crm_db *db);

/* Step to the end: 0, or -1 with the error mapped. */
int crm_db_done(struct crm_db *db, sqlite3_stmt *st, struct crm_err *e);
/* Step once: 1 for a row, 0 at the end (statement reset), -1. */
int crm_db_row(struct crm_db *db, sqlite3_stmt *st, struct crm_err *e);
/* Map a SQLite result code to a message and exit code: busy 75, disk
 * full and I/O 74, constraint 65, anything else 70. Returns -1. */
int crm_db_fail(struct crm_db *db, int rc, struct crm_err *e);

/* The first column of every row of a statement without parameters, as
 * strings the caller frees (each, and the array); *n gets their count. */
char **crm_db_strings(struct crm_db *db, const char *sql, size_t *n,
    struct crm_err *e);

/* The first n columns, as text, of the row a statement selects by the id
 * ?1: copies in out[0..n) (NULL for NULL; all NULL when there is no
 * row), that the caller frees; 1, 0 (no row), -1. */
int crm_db_texts_of(struct crm_db *db, const char *sql, long long id,
    char **out, int n, struct crm_err *e);

/* Bind text, or NULL for NULL and "". */
void crm_db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Column text, NULL for NULL. */
const char *crm_db_col_text(sqlite3_stmt *st, int i);

/* Register crm's SQL functions (crm_key, crm_mask_phone,
 * crm_mask_email, crm_money, crm_today) on a connection; crm_db_open
 * does it. */
int crm_sql_functions(sqlite3 *db);

/* A consistent copy of the database to a new file at path, by SQLite's
 * online backup API while others may write. Refuses an existing file. */
int crm_db_backup_to(struct crm_db *db, const char *path, struct crm_err *e);

#endif
