/* Creating and upgrading a database (crm init, crm migrate). */
#ifndef CRM_DBINIT_H
#define CRM_DBINIT_H

#include <stddef.h>
#include "crm/db.h"

/* Create a database at path (and its folder), in WAL mode, with every
 * migration applied, and leave it in an open transaction for the caller
 * to add the first admin and commit. Refuses an existing non-empty file
 * or a link (73). The file is 0600 in a folder of 0700 when crm makes
 * it; with group, a team's: 0660 in a setgid folder of 02770 of that
 * group (crm/dbfile.h). On failure the new file is removed. */
int crm_db_create(struct crm_db **db, const char *path, const char *group,
    struct crm_err *e);

/* How many migrations the database lacks. */
int crm_migrate_pending(const struct crm_db *db);
/* Apply the pending migrations in one transaction. */
int crm_migrate(struct crm_db *db, struct crm_err *e);
/* Copy the database to PATH.bak-vN (N: its current version) first;
 * the name used is left in bak. */
int crm_db_backup_before_migrate(struct crm_db *db, char *bak, size_t cap,
    struct crm_err *e);

/* The page size crm init gives a database (16 KiB: faster bulk loads,
 * index builds and commits, no slower one-row lookups). */
#define CRM_PAGE_SIZE 16384

/* What converting the database to CRM_PAGE_SIZE takes: its page size,
 * whether it is in WAL mode, and its bytes now; the bytes needed and
 * free in its folder (dir) and in SQLite's folder of temporary files
 * (tmp: need_tmp is 0 when that is the same file system). */
struct crm_vacuum_plan {
	int page_size, wal;
	unsigned long long bytes;
	char dir[4096];
	const char *tmp;
	unsigned long long need, free, need_tmp, free_tmp;
};
int crm_vacuum_plan(struct crm_db *db, struct crm_vacuum_plan *p,
    struct crm_err *e);
/* Rewrite the database with pages of CRM_PAGE_SIZE (VACUUM), after a
 * copy to PATH.bak-pN (N: its page size now), whose name is left in
 * bak ("" when there was nothing to rewrite); in WAL mode again after
 * (also one that a killed conversion left without it). Needs the
 * database to itself: 75 while another connection has it open; 74 when
 * the free space is short (crm_vacuum_plan). A failure leaves the data
 * as it was. */
int crm_vacuum(struct crm_db *db, char *bak, size_t cap, struct crm_err *e);

/* crm init: create the database at path with login (named name) as its
 * first admin, recorded as the first run. */
int crm_init_database(const char *path, const char *login, const char *name,
    const char *command, const char *group, struct crm_err *e);

#endif
