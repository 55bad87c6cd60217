/* The files the tools write at a name the user gives (chart and page
 * files, an import's rejects, backups): the rules every one of them
 * follows, kept here so that no output path forgets one. */
#ifndef CRM_OUTFILE_H
#define CRM_OUTFILE_H

#include "crm/err.h"

/* Why path must not be written, or NULL: it is the database db or one
 * of the files SQLite and crm keep beside it (DB-wal, DB-shm,
 * DB-journal, DB.JOB.lock), by device and inode when it exists and by
 * name when it does not yet — whatever path names it (a link, "..").
 * Writing there would destroy the team's data. The reason is
 * translated; the caller says what it could not create (73). */
const char *crm_outfile_clash(const char *path, const char *db);

/* Give the new file fd the protection of the database db: its group
 * and its mode (0600, or a team's 0660), never more than 0660, whatever
 * the umask and wherever the file is. When the group cannot be given
 * (the user is not in it) the file is 0600: it is never readable by a
 * group other than the database's. -1 with errno. */
int crm_outfile_protect(int fd, const char *db);

#endif
