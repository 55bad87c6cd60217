/* Cron jobs that change many records or send mail take a lock file
 * beside the database (never the database file itself: SQLite has its
 * own locks on it), so that the same job started twice runs once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "crm/pool.h"
#include "crm/buf.h"
#include "crm/banned.h"

int
crm_joblock(const char *db_path, const char *job, int *fd, struct crm_err *e)
{
	struct crm_buf path = { 0 };

	crm_buf_addf(&path, "%s.%s.lock", db_path, job);
	*fd = open(path.s, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (*fd < 0) {
		crm_err_set(e, CRM_EX_CANTCREAT, "cannot create lock file "
		    "'%s': %s", path.s, strerror(errno));
		crm_buf_free(&path);
		return -1;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		int busy = errno == EWOULDBLOCK;

		crm_err_set(e, busy ? CRM_EX_TEMPFAIL : CRM_EX_IOERR, "%s: "
		    "%s (%s)", job, busy ? "already running" :
		    "cannot lock", path.s);
		close(*fd);
		*fd = -1;
		crm_buf_free(&path);
		return -1;
	}
	crm_buf_free(&path);
	return 0;
}

void
crm_joblock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
