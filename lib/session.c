#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/session.h"
#include "crm/buf.h"
#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/setting.h"
#include "crm/user.h"
#include "crm/banned.h"

/* A role's name is a value (--role rep); in a message it is the word
 * for the role, in the context "role". */
static const struct {
	const char *name;
	enum crm_role role;
} roles[] = {
	{ NC_("role", "admin"), CRM_ROLE_ADMIN },
	{ NC_("role", "manager"), CRM_ROLE_MANAGER },
	{ NC_("role", "rep"), CRM_ROLE_REP },
	{ NC_("role", "finance"), CRM_ROLE_FINANCE },
	{ NC_("role", "marketing"), CRM_ROLE_MARKETING },
};

int
crm_role_parse(const char *name, enum crm_role *role, struct crm_err *e)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++) {
		if (strcmp(name, roles[i].name) == 0) {
			*role = roles[i].role;
			return 0;
		}
	}
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a role (use "
	    "admin, manager, rep, finance or marketing)", name);
}

const char *
crm_role_name(enum crm_role role)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++)
		if (roles[i].role == role)
			return roles[i].name;
	return "?";
}

/* The role in a sentence ("'li.lei' has the role rep"). */
static const char *
role_word(enum crm_role role)
{
	return crm_cgettext("role", crm_role_name(role));
}

void
crm_report(struct crm_report *r, const char *fmt, ...)
{
	char msg[CRM_ERR_MAX];
	va_list ap;

	if (r == NULL)
		return;
	r->count++;
	if (r->fn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), crm_tr(fmt), ap);
	va_end(ap);
	r->fn(r->arg, msg);
}

int
crm_os_login(char *login, size_t cap, char *name, size_t ncap,
    struct crm_err *e)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw == NULL)
		return crm_err_set(e, CRM_EX_NOPERM, "cannot tell who you are: "
		    "uid %ld has no entry in the password file",
		    (long)getuid());
	snprintf(login, cap, "%s", pw->pw_name);
	if (name != NULL) {
		const char *gecos = pw->pw_gecos ? pw->pw_gecos : "";
		size_t n = strcspn(gecos, ",");

		if (n == 0)
			snprintf(name, ncap, "%s", pw->pw_name);
		else
			snprintf(name, ncap, "%.*s", (int)n, gecos);
		/* the password file is not ours to trust: a control
		 * character there must not stop crm init */
		for (char *p = name; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
	}
	return 0;
}

static const char sql_whoami[] =
	"SELECT role, region, active FROM users WHERE login = ?";
/* and the language they read, theirs or the team's (schema 4 on): one
 * statement on the path of every command */
static const char sql_whoami_lang[] =
	"SELECT role, region, active, coalesce(lang, (SELECT value ->> '$' "
	"FROM settings WHERE key = 'ui.lang')) FROM users WHERE login = ?";

/* Look up an acting user, and into lang (when not NULL) the language
 * they read: 1 found and active, 0 missing, -1 error. */
static int
load_user(struct crm_session *s, const char *login, int *active,
    struct crm_buf *lang, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, lang &&
	    crm_db_version(s->db) >= 4 ? sql_whoami_lang : sql_whoami, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	rc = crm_db_row(s->db, st, e);
	if (rc <= 0)
		return rc;
	crm_role_parse(crm_db_col_text(st, 0), &s->role, NULL);
	free(s->region);
	s->region = crm_db_col_text(st, 1) ?
	    crm_xstrdup(crm_db_col_text(st, 1)) : NULL;
	*active = sqlite3_column_int(st, 2);
	if (lang && sqlite3_column_count(st) > 3 && crm_db_col_text(st, 3))
		crm_buf_adds(lang, crm_db_col_text(st, 3));
	sqlite3_reset(st);
	return 1;
}

void
crm_session_adopt(struct crm_session *s, struct crm_db *db,
    const char *os_login)
{
	s->db = db;
	s->login = crm_xstrdup(os_login);
	s->user = s->login;
	s->role = CRM_ROLE_ADMIN;
}

/* Where the environment names no language (cron, the C locale), the
 * user's own or the team's (load_user read it). A database from before
 * users had a lang (crm migrate opens those) just stays in English. */
static void
speak_users_lang(const struct crm_buf *lang)
{
	crm_i18n_fallback(crm_buf_str(lang));
}

static int
not_a_user(const char *login, int inactive, struct crm_err *e)
{
	if (inactive)
		return crm_err_set(e, CRM_EX_NOPERM, "user '%s' is "
		    "deactivated (an admin can reactivate: crm user set %s "
		    "--active yes)", login, login);
	return crm_err_set(e, CRM_EX_NOPERM, "you ('%s') are not a crm user "
	    "(an admin can add you: crm user add %s --name NAME --role rep)",
	    login, login);
}

/* CRM_NOW moves the clock, and with it every pool rule (daily limit,
 * cool-down, recycling) and the time of the audit: only an admin's login
 * (and cron, which runs as one) may set it, unless an admin allowed it
 * on a test or training database (clock.allow_override). Checked for the
 * OS login, before --as: an admin acting as a rep may replay a day. A
 * refused clock is dropped, so that nothing is ever dated by it. */
static int
clock_allowed(struct crm_session *s, struct crm_err *e)
{
	long long allow = 0;
	int rc;

	if (!crm_clock_overridden() || s->role == CRM_ROLE_ADMIN)
		return 0;
	rc = crm_setting_int(s, "clock.allow_override", &allow, e);
	if (rc == 0 && allow)
		return 0;
	crm_clock_use_system();
	if (rc < 0)
		return -1;
	return crm_err_set(e, CRM_EX_NOPERM, "CRM_NOW is set, but only an "
	    "admin may move the clock ('%s' has the role %s): unset CRM_NOW "
	    "(an admin may allow it on a test database: crm config set "
	    "clock.allow_override true)", s->login, role_word(s->role));
}

/* Who runs the command: the OS login's user, the clock rule, their
 * language, the user they act as. */
static int
session_who(struct crm_session *s, const char *os_login,
    const char *as_login, struct crm_err *e)
{
	struct crm_buf lang = { 0 };
	int rc, active = 0;

	s->login = crm_xstrdup(os_login);
	s->user = s->login;
	rc = load_user(s, os_login, &active, &lang, e);
	if (rc > 0 && active)
		speak_users_lang(&lang);
	crm_buf_free(&lang);
	if (rc <= 0 || !active)
		return rc < 0 ? -1 : not_a_user(os_login, rc > 0, e);
	if (clock_allowed(s, e) < 0)
		return -1;
	if (as_login == NULL || strcmp(as_login, os_login) == 0)
		return 0;
	if (s->role != CRM_ROLE_ADMIN)
		return crm_err_set(e, CRM_EX_NOPERM, "only an admin may act "
		    "as another user (--as '%s')", as_login);
	rc = load_user(s, as_login, &active, NULL, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return crm_err_set(e, CRM_EX_NOPERM, "cannot act as '%s': no "
		    "such user", as_login);
	if (!active)
		return crm_err_set(e, CRM_EX_NOPERM, "cannot act as '%s': the "
		    "user is deactivated", as_login);
	s->as_login = crm_xstrdup(as_login);
	s->user = s->as_login;
	return 0;
}

int
crm_session_open(struct crm_session *s, const char *db_path,
    const char *os_login, const char *as_login, unsigned dbflags,
    struct crm_err *e)
{
	if (crm_db_open(&s->db, db_path, dbflags, e) < 0)
		return -1;
	return session_who(s, os_login, as_login, e);
}

void
crm_session_close(struct crm_session *s)
{
	crm_db_close(s->db);
	free(s->login);
	free(s->as_login);
	free(s->region);
	free(s->command);
	for (size_t i = 0; i < s->nteam; i++)
		free(s->team[i]);
	free(s->team);
	memset(s, 0, sizeof(*s));
}

/* Who may: one whole sentence for each set of roles a command asks
 * for (a role is no word to put into a sentence), the action (marked
 * with N_() by the caller) said in the user's language. */
static const struct {
	unsigned roles;
	const char *fmt;
} who_may[] = {
	{ CRM_ROLE_ADMIN, N_("only an admin may %s ('%s' has the role %s)") },
	{ CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, N_("only an admin or a manager "
	    "may %s ('%s' has the role %s)") },
	{ CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP, N_("only an admin "
	    "or a manager or a rep may %s ('%s' has the role %s)") },
	{ CRM_ROLE_ADMIN | CRM_ROLE_FINANCE, N_("only finance or an admin "
	    "may %s ('%s' has the role %s)") },
};

int
crm_session_require(const struct crm_session *s, unsigned mask,
    const char *action, struct crm_err *e)
{
	struct crm_buf who = { 0 };

	if (s->role & mask)
		return 0;
	for (size_t i = 0; i < sizeof(who_may) / sizeof(*who_may); i++)
		if (who_may[i].roles == mask)
			return crm_err_set(e, CRM_EX_NOPERM, who_may[i].fmt,
			    crm_tr(action), s->user, role_word(s->role));
	/* any other set: the roles as a list */
	for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++) {
		if (!(mask & roles[i].role))
			continue;
		if (who.len)
			crm_buf_adds(&who, C_("list", ", "));
		crm_buf_adds(&who, role_word(roles[i].role));
	}
	crm_err_set(e, CRM_EX_NOPERM, "only these roles may %s: %s ('%s' has "
	    "the role %s)", crm_tr(action), crm_buf_str(&who), s->user,
	    role_word(s->role));
	crm_buf_free(&who);
	return -1;
}

int
crm_session_begin(struct crm_session *s, struct crm_err *e)
{
	/* a transaction ended behind the session's back (the import
	 * commits its own) is not one to join */
	if (s->depth > 0 && crm_db_in_tx(s->db)) {
		s->depth++;
		return 0;
	}
	s->run = 0;
	s->failed = 0;
	if (crm_db_begin(s->db, e) < 0)
		return -1;
	s->depth = 1;
	return 0;
}

int
crm_session_end(struct crm_session *s, int ok, struct crm_err *e)
{
	if (s->depth > 1) {
		s->depth--;
		s->failed |= !ok;
		return ok ? 0 : -1;
	}
	s->depth = 0;
	ok = ok && !s->failed;
	if (!ok || s->dry_run) {
		if (ok && s->show_dry_run)
			s->show_dry_run(s, s->show_arg);
		crm_db_rollback(s->db);
		s->run = ok ? s->run : 0;
		return ok ? 0 : -1;
	}
	return crm_db_commit(s->db, e);
}
