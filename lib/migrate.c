/* Creating a database and bringing its schema up to date. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/db.h"
#include "crm/dbfile.h"
#include "crm/dbinit.h"
#include "crm/migrate.h"
#include "crm/buf.h"
#include "crm/banned.h"

int
crm_migrate_pending(const struct crm_db *db)
{
	return crm_schema_version() - crm_db_version(db);
}

/* Every migration after the database's version, and the new version
 * number, in one transaction: a killed migration leaves the old schema. */
static int
apply_migrations(struct crm_db *db, struct crm_err *e)
{
	int from = crm_db_version(db);
	char pragma[96];

	for (int i = 0; i < crm_migration_count; i++) {
		const struct crm_migration *m = &crm_migrations[i];

		if (m->version <= from)
			continue;
		if (crm_db_exec(db, m->sql, e) < 0)
			return crm_err_prefix(e, "migration %03d-%s",
			    m->version, m->name);
	}
	/* Pragmas take no parameters; both numbers are our constants. */
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d; "
	    "PRAGMA application_id = %d", crm_schema_version(),
	    CRM_APPLICATION_ID);
	return crm_db_exec(db, pragma, e);
}

int
crm_migrate(struct crm_db *db, struct crm_err *e)
{
	if (crm_db_begin(db, e) < 0)
		return -1;
	if (apply_migrations(db, e) < 0) {
		crm_db_rollback(db);
		return -1;
	}
	if (crm_db_commit(db, e) < 0)
		return -1;
	return crm_db_exec(db, "PRAGMA optimize", e);
}

/* A database is not made where other accounts can write beside it: a
 * -wal or -shm file they make before a command opens it is refused,
 * but so is every command then; the folder is the boundary. */
static int
folder_open_to_others(const char *path, struct crm_err *e)
{
	char dir[4096];
	int mode = crm_db_folder_unsafe(path, dir, sizeof(dir));

	if (mode <= 0)
		return 0;
	return crm_err_set(e, CRM_EX_CANTCREAT, "folder '%s' can be written "
	    "by accounts other than you and the team (mode %04o): they could "
	    "put files beside the database and read what crm writes; name a "
	    "folder of your own in --db (crm makes it), or chmod o-w",
	    dir, mode);
}

int
crm_db_create(struct crm_db **out, const char *path, const char *group,
    struct crm_err *e)
{
	struct crm_db *db;
	char pragma[64];
	gid_t gid = 0;

	*out = NULL;
	if ((group && crm_group_lookup(group, &gid, e) < 0) ||
	    crm_db_folder(path, group != NULL, gid, e) < 0 ||
	    crm_db_file_create(path, group != NULL, gid, e) < 0)
		return -1;
	if (folder_open_to_others(path, e) < 0) {
		unlink(path);
		return -1;
	}
	if (crm_db_open(&db, path, CRM_DB_CREATE, e) < 0) {
		unlink(path);
		return -1;
	}
	/* The page size, then WAL, are properties of the file: set once,
	 * here, page size first (WAL fixes it). 16 KiB pages make bulk
	 * loads, index builds and commits faster (fewer pages, fewer WAL
	 * frames) at no cost to one-row lookups (crm migrate --vacuum
	 * converts an older database). */
	snprintf(pragma, sizeof(pragma), "PRAGMA page_size = %d",
	    CRM_PAGE_SIZE);
	if (crm_db_exec(db, pragma, e) < 0 ||
	    crm_db_exec(db, "PRAGMA journal_mode = WAL", e) < 0 ||
	    crm_db_begin(db, e) < 0) {
		crm_db_close(db);
		unlink(path);
		return -1;
	}
	if (apply_migrations(db, e) < 0) {
		crm_db_close(db);
		unlink(path);
		return -1;
	}
	*out = db;	/* the caller adds the first admin, then commits */
	return 0;
}

int
crm_db_backup_before_migrate(struct crm_db *db, char *bak, size_t cap,
    struct crm_err *e)
{
	snprintf(bak, cap, "%s.bak-v%d", crm_db_path(db), crm_db_version(db));
	return crm_db_backup_to(db, bak, e);
}
