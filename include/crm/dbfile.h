/* The files a database lives in, created safely (design/quality.md,
 * "files"): never through a symbolic link, never readable by every
 * account on the machine. A private database is 0600 in a folder of
 * 0700; a team's is 0660 in a setgid folder of 02770 whose group is the
 * team's (crm init --group), so that the files each member's commands
 * create (the -wal and -shm files, backups, lock files, rejects) belong
 * to the team's group too. */
#ifndef CRM_DBFILE_H
#define CRM_DBFILE_H

#include <sys/types.h>
#include "crm/err.h"

/* The group named name (64 if there is none; 77 if the user running
 * crm is not in it and is not root). */
int crm_group_lookup(const char *name, gid_t *gid, struct crm_err *e);

/* Make the folders that will hold path. The database's own folder, when
 * crm makes it, is 0700 — or 02770 of group gid when team is set. An
 * existing folder is made the team's only when it is empty and the
 * user's (73 otherwise, unless it already is the team's). */
int crm_db_folder(const char *path, int team, gid_t gid, struct crm_err *e);

/* Create the empty database file at path (73 if a non-empty file or a
 * link is there): 0600, or 0660 of group gid when team is set. */
int crm_db_file_create(const char *path, int team, gid_t gid,
    struct crm_err *e);

/* Create path for writing a copy of the file `like` (a backup): never
 * an existing file or a link; the group and mode of every file crm
 * writes (crm_outfile_protect: like's group and at most 0660, else
 * 0600). Returns the descriptor, or -1 (73). */
int crm_file_create_like(const char *path, const char *like,
    struct crm_err *e);

/* Whether accounts other than the owner of the database at path (and
 * its team) can write its folder, and so plant files beside it: the
 * folder's mode when they can (every account; a group that is not the
 * database's; an owner that is neither the database's nor root), 0 when
 * not, -1 when it cannot be checked. The folder is copied to dir. */
int crm_db_folder_unsafe(const char *path, char *dir, size_t cap);

/* Refuse (74) a path-wal or path-shm that is a link or belongs to
 * neither the user, root nor the database's owner, unless it is of the
 * database's group in a setgid folder of that group (a team folder,
 * where any member's command makes them): SQLite would write every
 * change into a file that another account keeps open. */
int crm_db_files_trusted(const char *path, struct crm_err *e);

/* The login of uid, or "uid N". */
void crm_uid_name(uid_t uid, char *out, size_t cap);

/* Whether path can be read or written by every account: its mode, or
 * -1 when it cannot be checked. */
int crm_file_world_mode(const char *path);

#endif
