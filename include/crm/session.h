/* A session: who is acting, on which database, for which command line.
 * Every library call that reads or writes business data takes one, so
 * that roles are checked and every write is recorded as part of one run
 * (design/data.md, "Who sees and changes what"). */
#ifndef CRM_SESSION_H
#define CRM_SESSION_H

#include "crm/db.h"
#include "crm/err.h"

enum crm_role {
	CRM_ROLE_ADMIN = 1 << 0,
	CRM_ROLE_MANAGER = 1 << 1,
	CRM_ROLE_REP = 1 << 2,
	CRM_ROLE_FINANCE = 1 << 3,
	CRM_ROLE_MARKETING = 1 << 4
};
#define CRM_ROLES_ALL 0x1f

struct crm_session {
	struct crm_db *db;
	char *login;		/* who ran the command: the OS login */
	char *as_login;		/* --as LOGIN, or NULL */
	char *user;		/* the acting user: as_login, else login */
	enum crm_role role;	/* of the acting user */
	char *region;		/* of the acting user, or NULL */
	char *command;		/* the command line, recorded with a run */
	long long run;		/* this command's run, once it wrote */
	int dry_run;		/* roll back instead of committing */
	struct crm_report *report;	/* where bad records are told */
	/* called in a dry run, before the rollback, to show the changes */
	void (*show_dry_run)(struct crm_session *s, void *arg);
	void *show_arg;
	int depth;		/* nested crm_session_begin calls */
	int failed;		/* an inner part failed: roll back */
	/* a manager's team, once read (crm_scope_team_load): logins
	 * sorted, or NULL (each question asks the database) */
	char **team;
	size_t nteam;
};

/* Several bad records are reported one by one before the call fails:
 * the library calls fn for each message ("FILE:LINE: field 'x': ...");
 * the caller prints them, up to a limit. */
struct crm_report {
	void (*fn)(void *arg, const char *msg);
	void *arg;
	long count;
};
void crm_report(struct crm_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The OS login of the real uid (getpwuid(getuid()), never $USER), and
 * the user's full name from the password file. */
int crm_os_login(char *login, size_t cap, char *name, size_t ncap,
    struct crm_err *e);

/* Open the database and resolve the acting user: an OS login that is
 * not an active user is refused (77) with a hint; --as needs an admin
 * (77) and an active target user. dbflags: CRM_DB_ANY_VERSION for crm
 * migrate. */
int crm_session_open(struct crm_session *s, const char *db_path,
    const char *os_login, const char *as_login, unsigned dbflags,
    struct crm_err *e);
/* For crm init and migrate: the database is already open. */
void crm_session_adopt(struct crm_session *s, struct crm_db *db,
    const char *os_login);
void crm_session_close(struct crm_session *s);

/* 0 when the acting user's role is in roles, else 77: "only an admin
 * may <action>". */
int crm_session_require(const struct crm_session *s, unsigned roles,
    const char *action, struct crm_err *e);

/* Begin the command's write transaction (BEGIN IMMEDIATE). Calls nest:
 * a library call that has its own transaction joins the caller's, so
 * that a command over many ids is one transaction, all or nothing. */
int crm_session_begin(struct crm_session *s, struct crm_err *e);
/* Commit, or roll back when !ok or in a dry run; an inner end only
 * notes whether its part failed, the outermost one decides. */
int crm_session_end(struct crm_session *s, int ok, struct crm_err *e);

int crm_role_parse(const char *name, enum crm_role *role, struct crm_err *e);
const char *crm_role_name(enum crm_role role);

#endif
