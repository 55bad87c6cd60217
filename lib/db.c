/* The database connection: opening with the pragmas of design/cli.md,
 * version checks, the prepared statement cache, transactions, and
 * turning SQLite's result codes into messages and exit codes. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/db.h"
#include "crm/env.h"
#include "crm/dbfile.h"
#include "crm/migrate.h"
#include "crm/outfile.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/banned.h"

#define STMT_SLOTS 256	/* power of two, more than the statements we have */

struct stmt_slot {
	const char *sql;	/* the static string: its address is the key */
	sqlite3_stmt *stmt;
};

struct crm_db {
	sqlite3 *h;
	char *path;
	int version;
	int in_tx;
	long busy;		/* the busy timeout, ms */
	int snapshot;	/* read-only: its folder cannot be written */
	struct stmt_slot stmts[STMT_SLOTS];
};

/* crm_db_open's own flag: open the file as it is, read-only */
#define SNAPSHOT (1u << 15)

int
crm_schema_version(void)
{
	return crm_migration_count > 0 ?
	    crm_migrations[crm_migration_count - 1].version : 0;
}

const char *
crm_db_path(const struct crm_db *db)
{
	return db->path;
}

sqlite3 *
crm_db_sqlite(struct crm_db *db)
{
	return db->h;
}

int
crm_db_version(const struct crm_db *db)
{
	return db->version;
}

/* Which of the database's files keep this user from writing, and whose
 * they are: a reader without write access leaves DB-wal and DB-shm
 * behind with its own owner and mode, and every writer after it is
 * refused. The fix is the mode: removing DB-shm while a command has the
 * database open breaks that command's view of the WAL, and a DB-wal
 * with data in it holds commits. 1 and the message in e, or 0 when no
 * file is to blame. */
static int
readonly_files(const char *path, struct crm_err *e)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	struct crm_buf why = { 0 };
	char file[4096], owner[64];
	struct stat st;
	int found;

	for (size_t i = 0; i < 3; i++) {
		snprintf(file, sizeof(file), "%s%s", path, suffix[i]);
		if (stat(file, &st) < 0 || access(file, W_OK) == 0)
			continue;
		crm_uid_name(st.st_uid, owner, sizeof(owner));
		if (why.len)
			crm_buf_adds(&why, _("; "));
		if (i == 0)
			crm_buf_addf(&why, _("'%s' is owned by '%s' and not "
			    "writable by you: ask its owner or an admin to fix "
			    "its mode (chmod g+w)"), file, owner);
		else if (i == 1 && st.st_size > 0)
			crm_buf_addf(&why, _("'%s' is owned by '%s' and not "
			    "writable by you: ask an admin to fix its mode "
			    "(chmod g+w)"), file, owner);
		else
			crm_buf_addf(&why, _("'%s' is owned by '%s' and not "
			    "writable by you: ask an admin to fix its mode "
			    "(chmod g+w); it is safe to remove only when no "
			    "crm command runs"), file, owner);
	}
	found = why.len > 0;
	if (found)
		crm_err_set(e, CRM_EX_IOERR, "cannot write database '%s': %s",
		    path, why.s);
	crm_buf_free(&why);
	return found;
}

/* SQLite's words for the failures reported below (sqlite3_errstr), for
 * xgettext: a message of SQLite's that is only these words is said in
 * the user's language; one with more ("UNIQUE constraint failed: ...")
 * stays as SQLite says it. */
static const char *const sqlite_words[] __attribute__((unused)) = {
	N_("access permission denied"),
	N_("attempt to write a readonly database"),
	N_("disk I/O error"),
	N_("database disk image is malformed"),
	N_("database or disk is full"),
	N_("unable to open database file"),
	N_("file is not a database"),
	N_("database is locked"),
	N_("database table is locked"),
	N_("constraint failed"),
	N_("out of memory"),
};

int
crm_db_fail(struct crm_db *db, int rc, struct crm_err *e)
{
	const char *msg = db && db->h ? crm_tr(sqlite3_errmsg(db->h)) : "";
	const char *path = db ? db->path : "";

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return crm_err_set(e, CRM_EX_TEMPFAIL, "database '%s' is busy "
		    "(another command is writing to it); try again", path);
	case SQLITE_FULL:
		return crm_err_set(e, CRM_EX_IOERR, "cannot write database "
		    "'%s': the disk is full", path);
	case SQLITE_IOERR:
		return crm_err_set(e, CRM_EX_IOERR, "cannot read or write "
		    "database '%s': %s", path, msg);
	case SQLITE_READONLY:
		if (db && db->snapshot)
			return crm_err_set(e, CRM_EX_IOERR, "cannot write "
			    "database '%s': its folder cannot be written (a "
			    "read-only folder or mount), where SQLite makes "
			    "its -wal and -shm files: it can be read, not "
			    "changed; make the folder writable (chmod g+w) or "
			    "copy the database elsewhere (crm backup)", path);
		if (db && readonly_files(path, e))
			return -1;
		/* FALLTHROUGH */
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return crm_err_set(e, CRM_EX_IOERR, "cannot write database "
		    "'%s': %s", path, msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return crm_err_set(e, CRM_EX_DATAERR, "database '%s' is "
		    "damaged or not a database (%s)", path, msg);
	case SQLITE_CONSTRAINT:
		return crm_err_set(e, CRM_EX_DATAERR, "refused by the "
		    "database: %s", msg);
	}
	return crm_err_set(e, CRM_EX_SOFTWARE, "internal error in database "
	    "'%s': %s", path, msg);
}

/* A number of milliseconds from the environment: def when it is not
 * set, a usage error when it is not a number up to an hour. */
static int
env_ms(const char *name, long def, long *v, struct crm_err *e)
{
	return crm_env_number(name, 0, 3600000, N_("milliseconds"), def, v, e);
}

/* CRM_SQL_PROFILE=MS: each statement that ran MS milliseconds or more,
 * its time and text on stderr, for whoever measures where a slow command
 * spends its time (make bench's figures name the steps). */
static int
profile_stmt(unsigned type, void *ctx, void *p, void *x)
{
	long long ns = *(sqlite3_int64 *)x, min = *(long *)ctx;
	char *sql;

	(void)type;
	if (ns / 1000000 < min)
		return 0;
	sql = sqlite3_expanded_sql(p);
	fprintf(stderr, "sql %8.3f s  %.120s\n", (double)ns / 1e9,
	    sql ? sql : sqlite3_sql(p));
	sqlite3_free(sql);
	return 0;
}

static int
profile_init(sqlite3 *h, struct crm_err *e)
{
	static long min;

	if (getenv("CRM_SQL_PROFILE") == NULL)
		return 0;
	if (env_ms("CRM_SQL_PROFILE", 0, &min, e) < 0)
		return -1;
	sqlite3_trace_v2(h, SQLITE_TRACE_PROFILE, profile_stmt, &min);
	return 0;
}

static int
not_ours(struct crm_db *db, struct crm_err *e)
{
	return crm_err_set(e, CRM_EX_NOINPUT, "'%s' is not a crm database",
	    db->path);
}

/* A pragma's value, as a number into n or as text into v (cap bytes);
 * SQLite's result code. Plain pragmas: the same three read as
 * table-valued functions in one statement cost every command a
 * twentieth of a show (virtual tables made and dropped). */
static int
pragma_value(struct crm_db *db, const char *sql, int *n, char *v,
    size_t cap)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && n)
		*n = sqlite3_column_int(st, 0);
	else if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(v, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* application_id, user_version and whether the file is in WAL: on the
 * path of every command. The journal mode is asked last: a connection
 * knows it once a read has found the -wal. */
static int
pragma_pair(struct crm_db *db, int *app, int *ver, int *wal,
    struct crm_err *e)
{
	char j[32] = "";
	int rc;

	*app = *ver = 0;
	if ((rc = pragma_value(db, "PRAGMA application_id", app, NULL, 0)) ==
	    SQLITE_OK && (rc = pragma_value(db, "PRAGMA user_version", ver,
	    NULL, 0)) == SQLITE_OK)
		rc = pragma_value(db, "PRAGMA journal_mode", NULL, j,
		    sizeof(j));
	if (rc != SQLITE_OK)
		*app = *ver = 0;
	*wal = rc != SQLITE_OK || strcmp(j, "wal") == 0;
	/* a file that SQLite cannot read as a database is not ours: the
	 * same as any other file that is not a crm database (cli.md: 66) */
	if ((rc & 0xff) == SQLITE_NOTADB)
		return not_ours(db, e);
	return rc == SQLITE_OK ? 0 : crm_db_fail(db, rc, e);
}

/* The journal mode mode ("wal", "delete"), waiting the busy timeout
 * for the lock it takes, or not at all; 1 if the file is in it. */
static int
journal_to(struct crm_db *db, const char *mode, int wait)
{
	char sql[40];
	sqlite3_stmt *st;
	int in = 0;

	snprintf(sql, sizeof(sql), "PRAGMA main.journal_mode = %s", mode);
	sqlite3_busy_timeout(db->h, wait ? (int)db->busy : 0);
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK) {
		in = sqlite3_step(st) == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(st, 0),
		    mode) == 0;
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(db->h, (int)db->busy);
	return in;
}

int
crm_db_wal_leave(struct crm_db *db)
{
	if (db->in_tx || !journal_to(db, "delete", 0))
		return 0;
	crm_db_drop_cache(db);
	return 1;
}

/* The pages a connection read in WAL mode may be older than the
 * checkpoint that took it out of WAL, and without WAL they would pass
 * for current: others' commits in WAL leave the file's change counter
 * as it was (a write of theirs lost, seen with a customer added while a
 * deal file was read). No statement runs: every page goes. */
void
crm_db_drop_cache(struct crm_db *db)
{
	sqlite3_db_release_memory(db->h);
}

void
crm_db_wal_return(struct crm_db *db)
{
	journal_to(db, "wal", 1);
}

/* Refuse a file that is not ours, or whose schema we do not know. */
static int
check_version(struct crm_db *db, unsigned flags, struct crm_err *e)
{
	int app, ver, wal, latest = crm_schema_version();

	if (pragma_pair(db, &app, &ver, &wal, e) < 0)
		return -1;
	db->version = ver;
	if (app != CRM_APPLICATION_ID && (app != 0 || ver != 0))
		return crm_err_set(e, CRM_EX_NOINPUT, "'%s' is not a crm "
		    "database", db->path);
	if (app == 0 && ver == 0 && !(flags & CRM_DB_CREATE))
		return crm_err_set(e, CRM_EX_NOINPUT, "'%s' is not a crm "
		    "database (run: crm init)", db->path);
	if (ver > latest)
		return crm_err_set(e, CRM_EX_UNAVAILABLE, "database '%s' has "
		    "schema version %d, newer than this crm knows (%d): "
		    "upgrade crm", db->path, ver, latest);
	if (ver < latest && !(flags & (CRM_DB_CREATE | CRM_DB_ANY_VERSION)))
		return crm_err_set(e, CRM_EX_UNAVAILABLE, "database '%s' has "
		    "schema version %d, this crm needs %d (run: crm migrate)",
		    db->path, ver, latest);
	/* out of WAL: a write killed while out of it (crm_db_wal_leave),
	 * its journal just rolled back; crm init and migrate see to it */
	if (!wal && app == CRM_APPLICATION_ID && !db->snapshot &&
	    !(flags & (CRM_DB_CREATE | CRM_DB_ANY_VERSION)))
		journal_to(db, "wal", 0);
	return 0;
}

/* A database whose folder the user cannot write (a read-only mount or
 * folder: a snapshot, an archive) has no -wal and -shm, and SQLite
 * cannot make them, so even a read fails. With no -wal file every
 * commit is in the database file, and it can be read as it is
 * (immutable: no one can write it either, for want of the -wal): 1.
 * A -wal with data holds commits that only SQLite's -shm reads: 0 and e
 * says so; 0 too when the folder is not the cause. */
static int
read_only_copy(struct crm_db *db, unsigned flags, struct crm_err *e)
{
	struct crm_buf f = { 0 };
	struct stat st;
	char *slash;
	int rc = sqlite3_extended_errcode(db->h) & 0xff, ro;

	if ((flags & (CRM_DB_CREATE | SNAPSHOT)) ||
	    (rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN))
		return 0;
	crm_buf_adds(&f, db->path);
	if ((slash = strrchr(f.s, '/')) == NULL)
		crm_buf_reset(&f), crm_buf_adds(&f, ".");
	else
		slash[slash == f.s] = '\0';
	ro = access(f.s, W_OK) < 0;
	crm_buf_reset(&f);
	crm_buf_addf(&f, "%s-wal", db->path);
	if (ro && lstat(f.s, &st) == 0 && st.st_size > 0)
		ro = crm_err_set(e, CRM_EX_IOERR, "cannot read database "
		    "'%s': its folder cannot be written (a read-only folder "
		    "or mount), and '%s' beside it holds changes that SQLite "
		    "reads through a -shm file it cannot make there: copy the "
		    "database and its -wal to a folder you can write, or make "
		    "this one writable", db->path, f.s) + 1;
	crm_buf_free(&f);
	return ro;
}

/* The URI of a read-only, immutable open of path ('%', '?' and '#'
 * escaped). */
static char *
snapshot_uri(const char *path)
{
	struct crm_buf u = { 0 };

	crm_buf_adds(&u, path[0] == '/' ? "file://" : "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			crm_buf_addf(&u, "%%%02X", (unsigned char)*p);
		else
			crm_buf_addf(&u, "%c", *p);
	crm_buf_adds(&u, "?mode=ro&immutable=1");
	return u.s;
}

/* Once more with the files open: one planted between the first look
 * and SQLite's open is refused too, and its pages never written back. */
static int
files_trusted(struct crm_db *db, struct crm_err *e)
{
	if (crm_db_files_trusted(db->path, e) == 0)
		return 0;
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	return -1;
}

int
crm_db_open(struct crm_db **out, const char *path, unsigned flags,
    struct crm_err *e)
{
	struct crm_db *db;
	struct stat st;
	long busy;
	/* one thread uses a connection (an import's reader never uses the
	 * session's; deals' opens one of its own): no mutexes inside
	 * SQLite */
	int rc, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	if (!(flags & CRM_DB_CREATE) && stat(path, &st) < 0) {
		if (errno == ENOENT)
			return crm_err_set(e, CRM_EX_NOINPUT, "cannot open "
			    "database '%s': no such file (run: crm init)",
			    path);
		return crm_err_set(e, CRM_EX_IOERR, "cannot open database "
		    "'%s': %s", path, strerror(errno));
	}
	if (crm_db_files_trusted(path, e) < 0)
		return -1;
	if (flags & CRM_DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	/* nor around each of its mallocs, for statistics crm never reads
	 * (a lock and an unlock an allocation: an import's stage does
	 * millions); a no-op once SQLite is initialized */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	db = crm_xcalloc(1, sizeof(*db));
	db->path = crm_xstrdup(path);
	if ((db->snapshot = (flags & SNAPSHOT) != 0)) {
		char *uri = snapshot_uri(path);

		rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY |
		    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
		free(uri);
	} else
		rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		crm_db_fail(db, rc, e);
		crm_db_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	crm_sql_functions(db->h);
	if (env_ms("CRM_BUSY_TIMEOUT_MS", 5000, &busy, e) < 0 ||
	    profile_init(db->h, e) < 0) {
		crm_db_close(db);
		return -1;
	}
	db->busy = busy;
	sqlite3_busy_timeout(db->h, (int)busy);
	rc = sqlite3_exec(db->h, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;"
	    /* a -wal kept at close is emptied (keep_wal_files) */
	    "PRAGMA journal_size_limit = 67108864;"
	    "PRAGMA trusted_schema = OFF;", NULL, NULL, NULL);
	if (rc != SQLITE_OK || check_version(db, flags, e) < 0 ||
	    files_trusted(db, e) < 0) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			not_ours(db, e);
		else if (rc != SQLITE_OK)
			crm_db_fail(db, rc, e);
		rc = read_only_copy(db, flags, e);
		crm_db_close(db);
		if (rc == 0)
			return -1;
		crm_err_clear(e);
		return crm_db_open(out, path, flags | SNAPSHOT, e);
	}
	*out = db;
	return 0;
}

/* The last command to close the database leaves its -wal (emptied:
 * journal_size_limit) and -shm in place for the next. Made and removed
 * by every command, they cost a show in a loop a twelfth of its time
 * (two files made, eight pages written, two removed); kept, each open
 * finds them. Only at close: a connection leaving WAL for a bulk copy
 * (crm_db_wal_leave) must remove its -wal, or the next to open would
 * take the database for one in WAL. */
static void
keep_wal_files(struct crm_db *db)
{
	int keep = 1;

	if (!db->snapshot)
		sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &keep);
}

void
crm_db_close(struct crm_db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < STMT_SLOTS; i++)
		if (db->stmts[i].stmt)
			sqlite3_finalize(db->stmts[i].stmt);
	if (db->in_tx)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	keep_wal_files(db);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

sqlite3_stmt *
crm_db_prepare(struct crm_db *db, const char *sql, struct crm_err *e)
{
	size_t h = ((uintptr_t)sql >> 3) & (STMT_SLOTS - 1);
	int rc;

	for (size_t k = 0; k < STMT_SLOTS;
	    k++, h = (h + 1) & (STMT_SLOTS - 1)) {
		struct stmt_slot *slot = &db->stmts[h];

		if (slot->sql == sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
		if (slot->sql != NULL)
			continue;
		rc = sqlite3_prepare_v3(db->h, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &slot->stmt, NULL);
		if (rc != SQLITE_OK) {
			crm_db_fail(db, rc, e);
			return NULL;
		}
		slot->sql = sql;
		return slot->stmt;
	}
	crm_err_set(e, CRM_EX_SOFTWARE, "internal error: statement cache "
	    "full");
	return NULL;
}

sqlite3_stmt *
crm_db_prepare_once(struct crm_db *db, const char *sql, struct crm_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql ? sql : "", -1, &st, NULL);

	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		crm_db_fail(db, rc, e);
		return NULL;
	}
	return st;
}

int
crm_db_exec(struct crm_db *db, const char *sql, struct crm_err *e)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : crm_db_fail(db, rc, e);
}

int
crm_db_begin(struct crm_db *db, struct crm_err *e)
{
	if (crm_db_exec(db, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

int
crm_db_commit(struct crm_db *db, struct crm_err *e)
{
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		crm_db_fail(db, rc, e);
		crm_db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void
crm_db_rollback(struct crm_db *db)
{
	if (db->in_tx)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

int
crm_db_in_tx(const struct crm_db *db)
{
	return db->in_tx;
}

int
crm_db_done(struct crm_db *db, sqlite3_stmt *st, struct crm_err *e)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : crm_db_fail(db, rc, e);
}

int
crm_db_row(struct crm_db *db, sqlite3_stmt *st, struct crm_err *e)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : crm_db_fail(db, rc, e);
}

char **
crm_db_strings(struct crm_db *db, const char *sql, size_t *n,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(db, sql, e);
	char **out = NULL;

	*n = 0;
	if (st == NULL)
		return NULL;
	while (crm_db_row(db, st, e) == 1) {
		out = crm_xrealloc(out, (*n + 1) * sizeof(char *));
		out[(*n)++] = crm_xstrdup(crm_db_col_text(st, 0));
	}
	return out;
}

int
crm_db_texts_of(struct crm_db *db, const char *sql, long long id,
    char **out, int n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(db, sql, e);
	int rc;

	for (int i = 0; i < n; i++)
		out[i] = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = crm_db_row(db, st, e)) == 1) {
		for (int i = 0; i < n; i++) {
			const char *v = crm_db_col_text(st, i);

			out[i] = v ? crm_xstrdup(v) : NULL;
		}
		sqlite3_reset(st);
	}
	return rc;
}

void
crm_db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

const char *
crm_db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : NULL;
}

int
crm_db_backup_to(struct crm_db *db, const char *path, struct crm_err *e)
{
	sqlite3 *dst;
	sqlite3_backup *bk;
	const char *clash = crm_outfile_clash(path, db->path);
	int rc, fd;

	if (clash != NULL)
		return crm_err_set(e, CRM_EX_CANTCREAT, "cannot create '%s': "
		    "%s", path, clash);
	/* never overwrite a file, not even one made a moment ago, nor
	 * write through a link; no more readable than the database */
	if ((fd = crm_file_create_like(path, db->path, e)) < 0)
		return -1;
	close(fd);
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		unlink(path);
		crm_err_set(e, CRM_EX_CANTCREAT, "cannot create '%s': %s",
		    path, crm_tr(sqlite3_errmsg(dst)));
		sqlite3_close(dst);
		return -1;
	}
	bk = sqlite3_backup_init(dst, "main", db->h, "main");
	if (bk == NULL) {
		crm_err_set(e, CRM_EX_CANTCREAT, "cannot back up to '%s': %s",
		    path, crm_tr(sqlite3_errmsg(dst)));
		sqlite3_close(dst);
		unlink(path);
		return -1;
	}
	/* Copy in steps and yield between them, so that writers are held
	 * up for one step at a time, not for the whole copy; a write by
	 * another connection restarts the copy, which is what makes the
	 * result consistent. */
	do {
		rc = sqlite3_backup_step(bk, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		crm_err_set(e, rc == SQLITE_FULL ? CRM_EX_IOERR :
		    CRM_EX_CANTCREAT, "cannot back up to '%s': %s", path,
		    crm_tr(sqlite3_errstr(rc)));
		sqlite3_close(dst);
		unlink(path);
		return -1;
	}
	rc = sqlite3_close(dst);
	return rc == SQLITE_OK ? 0 : crm_err_set(e, CRM_EX_IOERR, "cannot "
	    "finish '%s': %s", path, crm_tr(sqlite3_errstr(rc)));
}
