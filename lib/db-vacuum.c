/* crm migrate --vacuum: an older database rewritten with the page size
 * crm init gives new ones. The page size of a database in WAL mode is
 * fixed, so the conversion leaves WAL for a rollback journal, runs
 * VACUUM and turns WAL back on — with the database to itself from the
 * first step: leaving WAL fails at once while another connection has
 * the file open, and an exclusive lock keeps out whoever comes after. A
 * VACUUM that fails or is killed is rolled back by its journal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "crm/dbinit.h"
#include "crm/buf.h"
#include "crm/banned.h"

static int
pragma_int(struct crm_db *db, const char *sql, long long *v,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(db, sql, e);

	if (st == NULL || crm_db_row(db, st, e) != 1)
		return -1;
	*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* The folder SQLite puts its temporary files in (the unix VFS's order):
 * VACUUM builds its copy there. */
static const char *
sqlite_temp_dir(void)
{
	const char *env[] = { "SQLITE_TMPDIR", "TMPDIR" };
	const char *dirs[] = { "/var/tmp", "/usr/tmp", "/tmp" };
	struct stat st;

	for (size_t i = 0; i < 2; i++) {
		const char *d = getenv(env[i]);

		if (d && stat(d, &st) == 0 && S_ISDIR(st.st_mode) &&
		    access(d, W_OK | X_OK) == 0)
			return d;
	}
	for (size_t i = 0; i < 3; i++)
		if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode) &&
		    access(dirs[i], W_OK | X_OK) == 0)
			return dirs[i];
	return ".";
}

/* The free bytes (for an unprivileged user) and the device of the file
 * system that holds path. */
static int
space_of(const char *path, unsigned long long *avail, dev_t *dev,
    struct crm_err *e)
{
	struct statvfs fs;
	struct stat st;

	if (statvfs(path, &fs) < 0 || stat(path, &st) < 0)
		return crm_err_set(e, CRM_EX_IOERR, "cannot see the free space "
		    "of '%s': %s", path, strerror(errno));
	*avail = (unsigned long long)fs.f_bavail * fs.f_frsize;
	*dev = st.st_dev;
	return 0;
}

/* The database's folder: path up to its last slash. */
static void
folder_of(const char *path, struct crm_buf *dir)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		crm_buf_adds(dir, ".");
	else if (slash == path)
		crm_buf_adds(dir, "/");
	else
		crm_buf_add(dir, path, (size_t)(slash - path));
}

int
crm_vacuum_plan(struct crm_db *db, struct crm_vacuum_plan *p,
    struct crm_err *e)
{
	unsigned long long free_tmp;
	struct crm_buf dir = { 0 };
	sqlite3_stmt *st;
	long long pages, size;
	dev_t dev_db, dev_tmp;
	int rc;

	memset(p, 0, sizeof(*p));
	if (pragma_int(db, "PRAGMA page_size", &size, e) < 0 ||
	    pragma_int(db, "PRAGMA page_count", &pages, e) < 0)
		return -1;
	p->page_size = (int)size;
	if ((st = crm_db_prepare(db, "PRAGMA journal_mode", e)) == NULL ||
	    crm_db_row(db, st, e) != 1)
		return -1;
	p->wal = strcmp(crm_db_col_text(st, 0), "wal") == 0;
	sqlite3_reset(st);
	p->bytes = (unsigned long long)size * (unsigned long long)pages;
	p->tmp = sqlite_temp_dir();
	folder_of(crm_db_path(db), &dir);
	snprintf(p->dir, sizeof(p->dir), "%s", dir.s);
	crm_buf_free(&dir);
	rc = space_of(p->dir, &p->free, &dev_db, e);
	if (rc == 0)
		rc = space_of(p->tmp, &free_tmp, &dev_tmp, e);
	if (rc < 0)
		return -1;
	/* beside the database: the backup and the rollback journal, each
	 * as big as the database; SQLite's copy where it keeps temporary
	 * files; a tenth more for what the estimate misses */
	p->need = p->bytes * 2 + p->bytes / 10;
	p->need_tmp = p->bytes + p->bytes / 10;
	if (dev_tmp == dev_db) {
		p->need += p->need_tmp;
		p->need_tmp = 0;
	}
	p->free_tmp = free_tmp;
	return 0;
}

static int
enough_space(const struct crm_vacuum_plan *p, struct crm_err *e)
{
	const unsigned long long mib = 1024 * 1024;

	if (p->free < p->need)
		return crm_err_set(e, CRM_EX_IOERR, "not enough free space to "
		    "convert the database: its backup, SQLite's journal and "
		    "copy need %llu MiB in '%s', %llu MiB are free",
		    p->need / mib + 1, p->dir, p->free / mib);
	if (p->free_tmp < p->need_tmp)
		return crm_err_set(e, CRM_EX_IOERR, "not enough free space to "
		    "convert the database: SQLite's copy needs %llu MiB in "
		    "'%s' (SQLITE_TMPDIR or TMPDIR name another folder), "
		    "%llu MiB are free", p->need_tmp / mib + 1, p->tmp,
		    p->free_tmp / mib);
	return 0;
}

/* WAL again, the lock given back (a read after locking_mode NORMAL
 * lets it go; WAL entered in exclusive mode would keep it); after a
 * failure too. */
static int
give_back(struct crm_db *db, struct crm_err *e)
{
	long long n;

	if (crm_db_exec(db, "PRAGMA locking_mode = NORMAL", e) < 0 ||
	    pragma_int(db, "SELECT count(*) FROM sqlite_schema", &n, e) < 0 ||
	    crm_db_exec(db, "PRAGMA journal_mode = WAL", e) < 0)
		return crm_err_prefix(e, "the database works, in WAL again "
		    "from the next crm command");
	return 0;
}

/* Out of WAL, with the database to ourselves until the end: leaving WAL
 * is refused at once (busy) while another connection has the file open;
 * then the first write takes the exclusive lock, and keeps it. */
static int
take_database(struct crm_db *db, struct crm_err *e)
{
	const char *mode;
	sqlite3_stmt *st;
	int rc, out;

	if (crm_db_exec(db, "PRAGMA locking_mode = EXCLUSIVE", e) < 0 ||
	    (st = crm_db_prepare(db, "PRAGMA journal_mode = DELETE", e)) ==
	    NULL)
		return -1;
	rc = sqlite3_step(st);
	mode = rc == SQLITE_ROW ? crm_db_col_text(st, 0) : NULL;
	out = mode != NULL && strcmp(mode, "delete") == 0;
	sqlite3_reset(st);
	if (!out) {
		struct crm_err ignored = { 0 };

		crm_db_exec(db, "PRAGMA locking_mode = NORMAL", &ignored);
		if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_BUSY)
			return crm_db_fail(db, rc, e);
		return crm_err_set(e, CRM_EX_TEMPFAIL, "cannot convert '%s' "
		    "while other commands or programs have it open; try again "
		    "when no one works", crm_db_path(db));
	}
	crm_db_drop_cache(db);
	if (crm_db_exec(db, "BEGIN EXCLUSIVE; COMMIT", e) < 0) {
		struct crm_err ignored = { 0 };

		give_back(db, &ignored);
		return -1;
	}
	return 0;
}

int
crm_vacuum(struct crm_db *db, char *bak, size_t cap, struct crm_err *e)
{
	struct crm_vacuum_plan p;
	char sql[64];
	int rc;

	*bak = '\0';
	if (crm_vacuum_plan(db, &p, e) < 0)
		return -1;
	/* converted, or left without WAL by a conversion that was killed */
	if (p.page_size >= CRM_PAGE_SIZE)
		return p.wal ? 0 : give_back(db, e);
	if (enough_space(&p, e) < 0)
		return -1;
	/* the backup once no one else writes: it is of what is converted,
	 * and a refused conversion leaves none behind */
	snprintf(bak, cap, "%s.bak-p%d", crm_db_path(db), p.page_size);
	if (take_database(db, e) < 0)
		return -1;
	/* a number of ours: pragmas take no parameters */
	snprintf(sql, sizeof(sql), "PRAGMA page_size = %d; VACUUM",
	    CRM_PAGE_SIZE);
	rc = crm_db_backup_to(db, bak, e);
	if (rc == 0)
		rc = crm_db_exec(db, sql, e);
	if (rc < 0) {
		struct crm_err ignored = { 0 };

		give_back(db, &ignored);
		return -1;
	}
	return give_back(db, e);
}
