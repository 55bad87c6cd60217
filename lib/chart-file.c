/* The files charts are written to (crm/chart.h): a new file next to
 * the target, renamed over it once complete, so that a reader never sees
 * half a workbook and a link at the target is never followed. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/chart.h"
#include "crm/i18n.h"
#include "crm/outfile.h"
#include "crm/banned.h"

static int
refuse(const char *path, const char *why, struct crm_err *e)
{
	return crm_err_set(e, CRM_EX_CANTCREAT, "cannot create '%s': %s",
	    path, why);
}

int
crm_chart_file_open(struct crm_chart_file *f, const char *path,
    const char *like, struct crm_err *e)
{
	struct stat st;
	struct crm_buf b = { 0 };
	const char *clash;
	char *copy;

	f->path = path;
	f->tmp = NULL;
	f->fd = -1;
	if (*path == '\0')
		return refuse(path, _("no file name"), e);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return refuse(path, _("it is a symbolic link"), e);
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return refuse(path, _("it is not a regular file"), e);
	if ((clash = crm_outfile_clash(path, like)) != NULL)
		return refuse(path, clash, e);
	copy = crm_xstrdup(path);
	crm_buf_addf(&b, "%s/.crm-chart.XXXXXX", dirname(copy));
	free(copy);
	f->tmp = crm_buf_detach(&b);
	/* as private as the data it shows */
	if ((f->fd = mkostemp(f->tmp, O_CLOEXEC)) < 0 ||
	    crm_outfile_protect(f->fd, like) < 0) {
		int err = errno;

		crm_chart_file_close(f, 0, NULL);
		return refuse(path, strerror(err), e);
	}
	return 0;
}

int
crm_chart_file_close(struct crm_chart_file *f, int ok, struct crm_err *e)
{
	int rc = 0;

	if (f->fd >= 0 && close(f->fd) < 0 && ok)
		rc = crm_err_set(e, CRM_EX_IOERR, "cannot write '%s': %s",
		    f->path, strerror(errno));
	f->fd = -1;
	/* rename replaces a link put there since, it does not follow it */
	if (rc == 0 && ok && f->tmp && rename(f->tmp, f->path) < 0)
		rc = refuse(f->path, strerror(errno), e);
	if (f->tmp && (rc < 0 || !ok))
		unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	return rc;
}

int
crm_chart_file_write(int fd, const char *path, const void *p, size_t n,
    struct crm_err *e)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return crm_err_set(e, CRM_EX_IOERR, "cannot write '%s': "
			    "%s", path, strerror(errno));
		c += w;
		n -= (size_t)w;
	}
	return 0;
}
