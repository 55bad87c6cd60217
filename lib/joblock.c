/* Cron jobs that change many records or send mail take a lock file
 * beside the database (never the database file itself: SQLite has its
 * own locks on it), so that the same job started twice runs once.
 *
 * The lock belongs to the real database file, whatever path names it (a
 * symlink, "..", a relative path): the lock file sits beside the resolved
 * file. A team shares the folder, and a rep may write there, so the lock
 * file is never followed through a symlink, is made 0660 whatever the
 * umask (the next user of the team must open it), and is opened read-only:
 * flock needs no more, so a lock file made by someone else serves as
 * well. A symlink, or anything we cannot open as a plain file, is removed
 * and a fresh file made in its place. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/joblock.h"
#include "crm/buf.h"
#include "crm/banned.h"

/* Tries before giving up on a lock file that keeps changing under us. */
#define LOCK_TRIES 8

static int
lock_path(const char *db_path, const char *job, struct crm_buf *path,
    struct crm_err *e)
{
	char *real = realpath(db_path, NULL);

	if (real == NULL)
		return crm_err_set(e, CRM_EX_NOINPUT, "cannot find database "
		    "'%s': %s", db_path, strerror(errno));
	crm_buf_addf(path, "%s.%s.lock", real, job);
	free(real);
	return 0;
}

/* An open plain file at path, made if need be; -1 with errno. */
static int
open_lock(const char *path)
{
	for (int i = 0; i < LOCK_TRIES; i++) {
		struct stat st;
		int fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0660);

		if (fd >= 0) {
			if (fchmod(fd, 0660) < 0) {
				close(fd);
				return -1;
			}
			return fd;
		}
		if (errno != EEXIST)
			return -1;
		/* O_NONBLOCK: a FIFO planted there must not hang us */
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			return fd;
		if (fd >= 0)
			close(fd);
		else if (errno == ENOENT)
			continue;	/* removed meanwhile */
		else if (errno != ELOOP && errno != EACCES)
			return -1;
		if (unlink(path) < 0 && errno != ENOENT)
			return -1;
	}
	errno = EAGAIN;
	return -1;
}

/* Is fd still the file at path? One replaced after we opened it is not
 * the lock the next run will take. */
static int
still_there(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int
crm_joblock(const char *db_path, const char *job, int *fd, struct crm_err *e)
{
	struct crm_buf path = { 0 };
	int rc = -1;

	*fd = -1;
	if (lock_path(db_path, job, &path, e) < 0)
		goto out;
	for (int i = 0; i < LOCK_TRIES && rc < 0; i++) {
		if ((*fd = open_lock(path.s)) < 0) {
			crm_err_set(e, CRM_EX_CANTCREAT, "cannot create lock "
			    "file '%s': %s", path.s, strerror(errno));
			goto out;
		}
		if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
			int busy = errno == EWOULDBLOCK;

			if (busy)
				crm_err_set(e, CRM_EX_TEMPFAIL, "%s: already "
				    "running (%s)", job, path.s);
			else
				crm_err_set(e, CRM_EX_IOERR, "%s: cannot lock "
				    "(%s)", job, path.s);
			goto out;
		}
		if (still_there(*fd, path.s)) {
			rc = 0;
		} else {
			close(*fd);
			*fd = -1;
		}
	}
	if (rc < 0)
		crm_err_set(e, CRM_EX_TEMPFAIL, "%s: the lock file '%s' keeps "
		    "changing; try again", job, path.s);
out:
	if (rc < 0 && *fd >= 0) {
		close(*fd);
		*fd = -1;
	}
	crm_buf_free(&path);
	return rc;
}

void
crm_joblock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
