/* The files the tools write at a name the user gives (crm/outfile.h). */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/outfile.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The files SQLite keeps beside a database. */
static const char *const companions[] = { "", "-wal", "-shm", "-journal" };
#define NCOMPANIONS (sizeof(companions) / sizeof(*companions))

/* path with its folder resolved (links, ".."), the last name as it is:
 * the name a file not made yet will have. NULL when the folder is not
 * there (nothing can be made in it then). */
static char *
resolved_name(const char *path)
{
	char *dcopy = crm_xstrdup(path), *bcopy = crm_xstrdup(path);
	char *dir = realpath(dirname(dcopy), NULL);
	struct crm_buf b = { 0 };

	if (dir != NULL)
		crm_buf_addf(&b, "%s/%s", strcmp(dir, "/") ? dir : "",
		    basename(bcopy));
	free(dir);
	free(dcopy);
	free(bcopy);
	return dir != NULL ? crm_buf_detach(&b) : NULL;
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Is name (resolved) one of the files of the database named db (as
 * SQLite names them: the path given, or the file a link leads to)? */
static int
named_like(const char *name, const char *db)
{
	size_t n = strlen(db), len = strlen(name);

	if (strncmp(name, db, n) != 0)
		return 0;
	for (size_t i = 0; i < NCOMPANIONS; i++)
		if (strcmp(name + n, companions[i]) == 0)
			return 1;
	/* a cron job's lock (crm/joblock.h): DB.JOB.lock */
	return name[n] == '.' && len > n + 5 &&
	    strcmp(name + len - 5, ".lock") == 0;
}

/* Is the file at path (itself, or where a link leads) one of db's? */
static int
same_as_companion(const char *path, const char *db)
{
	struct stat t, tl, d;
	int have_t = stat(path, &t) == 0, have_tl = lstat(path, &tl) == 0;
	int clash = 0;

	for (size_t i = 0; i < NCOMPANIONS && !clash; i++) {
		struct crm_buf b = { 0 };

		crm_buf_addf(&b, "%s%s", db, companions[i]);
		clash = stat(b.s, &d) == 0 && ((have_t && same_file(&t, &d)) ||
		    (have_tl && same_file(&tl, &d)));
		crm_buf_free(&b);
	}
	return clash;
}

const char *
crm_outfile_clash(const char *path, const char *db)
{
	struct stat t, d;
	char *name, *dbs[2];
	int clash = 0;

	if (path == NULL || db == NULL)
		return NULL;
	if (stat(path, &t) == 0 && stat(db, &d) == 0 && same_file(&t, &d))
		return _("it is the database");
	dbs[0] = realpath(db, NULL);
	dbs[1] = resolved_name(db);
	name = resolved_name(path);
	for (int i = 0; i < 2 && !clash; i++)
		clash = dbs[i] != NULL && (same_as_companion(path, dbs[i]) ||
		    (name != NULL && named_like(name, dbs[i])));
	free(dbs[0]);
	free(dbs[1]);
	free(name);
	return clash ? _("it is one of the database's own files") : NULL;
}

int
crm_outfile_protect(int fd, const char *db)
{
	struct stat st, own;
	mode_t mode = 0600;

	if (db != NULL && stat(db, &st) == 0) {
		mode = (st.st_mode & 0660) | 0600;
		if (fstat(fd, &own) < 0)
			return -1;
		/* only the database's group may read what it holds */
		if (own.st_gid != st.st_gid &&
		    fchown(fd, (uid_t)-1, st.st_gid) < 0) {
			if (errno != EPERM)
				return -1;
			mode = 0600;
		}
	}
	return fchmod(fd, mode);
}
