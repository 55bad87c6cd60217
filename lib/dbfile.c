/* Creating the database's folder and files safely. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/dbfile.h"
#include "crm/outfile.h"
#include "crm/buf.h"
#include "crm/banned.h"

static int
in_group(gid_t gid)
{
	gid_t groups[256];
	int n;

	if (geteuid() == 0 || getegid() == gid)
		return 1;
	n = getgroups(256, groups);
	for (int i = 0; i < n; i++)
		if (groups[i] == gid)
			return 1;
	return 0;
}

int
crm_group_lookup(const char *name, gid_t *gid, struct crm_err *e)
{
	struct group *g = getgrnam(name);

	if (g == NULL)
		return crm_err_set(e, CRM_EX_USAGE, "no group '%s' (a team "
		    "folder needs a group of the team's accounts: groupadd)",
		    name);
	if (!in_group(g->gr_gid))
		return crm_err_set(e, CRM_EX_NOPERM, "you are not in the "
		    "group '%s'", name);
	*gid = g->gr_gid;
	return 0;
}

/* Whether dir holds nothing. */
static int
folder_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	if (d == NULL)
		return 0;
	while (empty && (de = readdir(d)) != NULL)
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	closedir(d);
	return empty;
}

/* The team's folder: group gid, setgid, 02770. A folder crm made is
 * made so; an existing one only when it is empty and the user's:
 * changing a folder that holds files (a home folder, /srv, a shared
 * 1777 folder) would let every member of the group replace its owner's
 * files, or drop its sticky bit and lock the others out. */
static int
make_team_folder(const char *dir, int made, gid_t gid, struct crm_err *e)
{
	struct stat st;

	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return crm_err_set(e, CRM_EX_CANTCREAT, "'%s' is not a folder",
		    dir);
	if (st.st_gid == gid && (st.st_mode & S_ISGID) &&
	    (st.st_mode & 0777) == 0770)
		return 0;
	if (!made && (st.st_uid != geteuid() || !folder_empty(dir)))
		return crm_err_set(e, CRM_EX_CANTCREAT, "folder '%s' already "
		    "exists and is not a team folder (setgid, mode 2770, of "
		    "the group): crm changes only a folder it makes or an "
		    "empty one of yours; name a new folder in --db, or have "
		    "its owner make it the team's (chgrp, chmod 2770)", dir);
	/* a sticky bit stays: it only narrows who may remove files */
	if (chown(dir, (uid_t)-1, gid) < 0 ||
	    chmod(dir, 02770 | (st.st_mode & S_ISVTX)) < 0)
		return crm_err_set(e, CRM_EX_CANTCREAT, "cannot make '%s' the "
		    "team's folder: %s", dir, strerror(errno));
	return 0;
}

/* The folder of the file path, in dir. */
static void
folder_of(struct crm_buf *dir, const char *path)
{
	char *slash;

	crm_buf_reset(dir);
	crm_buf_adds(dir, path);
	slash = strrchr(dir->s, '/');
	if (slash == NULL)
		crm_buf_reset(dir), crm_buf_adds(dir, ".");
	else if (slash == dir->s)
		slash[1] = '\0';
	else
		*slash = '\0';
}

int
crm_db_folder(const char *path, int team, gid_t gid, struct crm_err *e)
{
	struct crm_buf dir = { 0 };
	int rc = 0, made = 0;

	folder_of(&dir, path);
	for (char *p = dir.s + 1; rc == 0; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		/* the database's own folder is private; those above it are
		 * ordinary folders (~/.local/share) */
		made = mkdir(dir.s, c == '\0' ? 0700 : 0755) == 0;
		if (!made && errno != EEXIST)
			rc = crm_err_set(e, CRM_EX_CANTCREAT, "cannot create "
			    "folder '%s': %s", dir.s, strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && made && !team && chmod(dir.s, 0700) < 0)
		rc = crm_err_set(e, CRM_EX_CANTCREAT, "cannot protect folder "
		    "'%s': %s", dir.s, strerror(errno));
	if (rc == 0 && team)
		rc = make_team_folder(dir.s, made, gid, e);
	crm_buf_free(&dir);
	return rc;
}

/* The file init creates, or an empty one of the user's left there: an
 * empty file another account made stays theirs whatever its mode, and
 * they could read all that is written to it. */
static int
open_new_db(const char *path, mode_t mode, struct crm_err *e)
{
	struct stat st;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd < 0 && errno == EEXIST)
		fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	else if (fd >= 0)
		return fd;
	if (fd < 0 && errno == ELOOP)
		return crm_err_set(e, CRM_EX_CANTCREAT, "cannot create "
		    "database '%s': it is a symbolic link", path);
	if (fd < 0)
		return crm_err_set(e, CRM_EX_CANTCREAT, "cannot create "
		    "database '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > 0) {
		close(fd);
		return crm_err_set(e, CRM_EX_CANTCREAT, "database '%s' already "
		    "exists", path);
	}
	if (st.st_uid != geteuid() || st.st_nlink != 1) {
		close(fd);
		return crm_err_set(e, CRM_EX_CANTCREAT, "cannot create "
		    "database '%s': an empty file that is not yours is there "
		    "(its owner could read all that is written to it): "
		    "remove it, or name another file", path);
	}
	return fd;
}

int
crm_db_file_create(const char *path, int team, gid_t gid, struct crm_err *e)
{
	mode_t mode = team ? 0660 : 0600;
	int fd;

	if ((fd = open_new_db(path, mode, e)) < 0)
		return -1;
	/* the umask does not decide who reads customer data */
	if ((team && fchown(fd, (uid_t)-1, gid) < 0) || fchmod(fd, mode) < 0) {
		crm_err_set(e, CRM_EX_CANTCREAT, "cannot set the mode of '%s': "
		    "%s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
crm_file_create_like(const char *path, const char *like, struct crm_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);

	if (fd < 0)
		return crm_err_set(e, CRM_EX_CANTCREAT, "cannot create '%s': "
		    "%s", path, strerror(errno));
	/* the database's group and mode, as every file crm writes */
	if (crm_outfile_protect(fd, like) < 0) {
		crm_err_set(e, CRM_EX_CANTCREAT, "cannot set the mode of '%s': "
		    "%s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

int
crm_file_world_mode(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return (int)(st.st_mode & 07777);
}

void
crm_uid_name(uid_t uid, char *out, size_t cap)
{
	struct passwd pw, *found = NULL;
	char buf[1024];

	if (getpwuid_r(uid, &pw, buf, sizeof(buf), &found) == 0 && found)
		snprintf(out, cap, "%s", pw.pw_name);
	else
		snprintf(out, cap, "uid %ld", (long)uid);
}

int
crm_db_folder_unsafe(const char *path, char *dir, size_t cap)
{
	struct crm_buf d = { 0 };
	struct stat db, st;
	int rc = -1;

	folder_of(&d, path);
	snprintf(dir, cap, "%s", d.s);
	if (stat(path, &db) == 0 && stat(d.s, &st) == 0)
		rc = (st.st_mode & 0002) ||
		    ((st.st_mode & 0020) && st.st_gid != db.st_gid) ||
		    (st.st_uid != db.st_uid && st.st_uid != 0) ?
		    (int)(st.st_mode & 07777) : 0;
	crm_buf_free(&d);
	return rc;
}

/* Whom a -wal or -shm file may belong to: the user, root, the
 * database's owner, or — in a team folder, where each member's commands
 * make them — anyone, when it has the team's group. */
static int
trusted(const struct stat *f, const struct stat *db, const struct stat *dir)
{
	if (f->st_uid == geteuid() || f->st_uid == 0 ||
	    f->st_uid == db->st_uid)
		return 1;
	return f->st_gid == db->st_gid && dir->st_gid == db->st_gid &&
	    (dir->st_mode & S_ISGID);
}

int
crm_db_files_trusted(const char *path, struct crm_err *e)
{
	static const char *const suffix[] = { "-wal", "-shm" };
	struct crm_buf d = { 0 }, f = { 0 };
	struct stat db, dir, st;
	char owner[64];
	int rc = 0;

	folder_of(&d, path);
	if (stat(path, &db) < 0 || stat(d.s, &dir) < 0)
		dir.st_mode = 0;	/* the open says what is wrong */
	for (size_t i = 0; i < 2 && rc == 0 && dir.st_mode; i++) {
		crm_buf_reset(&f);
		crm_buf_addf(&f, "%s%s", path, suffix[i]);
		if (lstat(f.s, &st) < 0 || (S_ISREG(st.st_mode) &&
		    trusted(&st, &db, &dir)))
			continue;
		crm_uid_name(st.st_uid, owner, sizeof(owner));
		rc = crm_err_set(e, CRM_EX_IOERR, "cannot open database "
		    "'%s': '%s' is a link or belongs to '%s', not to the "
		    "database's owner nor its team: someone who can write the "
		    "folder may have put it there to read what crm writes; "
		    "an admin removes it while no crm command runs, and "
		    "makes the folder writable only by the database's owner "
		    "and team (chmod o-w)", path, f.s, owner);
	}
	crm_buf_free(&d);
	crm_buf_free(&f);
	return rc;
}
