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

/* crm init: create the database at path with login (named name) as its
 * first admin, recorded as the first run. */
int crm_init_database(const char *path, const char *login, const char *name,
    const char *command, const char *group, struct crm_err *e);

#endif
