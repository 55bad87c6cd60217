/* crm init, migrate, check, backup. */
#include <stdio.h>

#include "crm.h"
#include "crm/check.h"
#include "crm/dbinit.h"
#include "crm/i18n.h"
#include "crm/joblock.h"
#include "crm/migrate.h"
#include "crm/banned.h"

int
cmd_init(struct crm_ctx *c)
{
	char login[256], name[256];

	if (crm_os_login(login, sizeof(login), name, sizeof(name),
	    &c->err) < 0 ||
	    crm_init_database(c->db_path, login, name, c->command,
	    crm_opt(c, "group"), &c->err) < 0)
		return crm_fail(c);
	if (crm_opt(c, "group"))
		crm_note(c, "created database '%s' (schema version %d) with "
		    "you ('%s') as its admin; the folder is the team's",
		    c->db_path, crm_schema_version(), login);
	else
		crm_note(c, "created database '%s' (schema version %d) with "
		    "you ('%s') as its admin", c->db_path,
		    crm_schema_version(), login);
	return 0;
}

/* Whole MiB, rounded up: a small database is 1, not 0. */
static unsigned long long
mib(unsigned long long bytes)
{
	return (bytes + 1024 * 1024 - 1) / (1024 * 1024);
}

/* A database with smaller pages than crm init gives: say how to
 * convert it. Never done unasked: the VACUUM rewrites the whole file
 * (seconds a GiB, minutes on a slow disk) while others wait, which a
 * cron job's migrate must not start. */
static void
offer_vacuum(struct crm_ctx *c, const struct crm_vacuum_plan *p)
{
	if (p->page_size >= CRM_PAGE_SIZE && !p->wal)
		crm_note(c, "'%s' is not in WAL mode (a conversion was "
		    "interrupted?): 'crm migrate --vacuum' turns it back on",
		    c->db_path);
	else if (p->page_size < CRM_PAGE_SIZE)
		crm_note(c, "'%s' has pages of %d bytes, new databases of 16 "
		    "KiB: 'crm migrate --vacuum' rewrites it with those "
		    "(%llu MiB to rewrite; other commands wait until it is "
		    "done)", c->db_path, p->page_size, mib(p->bytes));
}

/* --vacuum: the job lock, then the conversion, each step said. */
static int
vacuum(struct crm_ctx *c, struct crm_session *s,
    const struct crm_vacuum_plan *p)
{
	char bak[4200];
	int lock = -1, rc;

	if (p->page_size >= CRM_PAGE_SIZE && p->wal) {
		crm_note(c, "'%s' already has pages of %d bytes", c->db_path,
		    p->page_size);
		return 0;
	}
	if (crm_joblock(c->db_path, "vacuum", &lock, &c->err) < 0)
		return crm_fail(c);
	if (p->page_size < CRM_PAGE_SIZE)
		crm_note(c, "rewriting '%s' with pages of 16 KiB (%llu MiB; "
		    "other commands wait until it is done) ...", c->db_path,
		    mib(p->bytes));
	rc = crm_vacuum(s->db, bak, sizeof(bak), &c->err);
	crm_joblock_release(lock);
	if (rc < 0)
		return crm_fail(c);
	if (*bak)
		crm_note(c, "rewrote '%s' with pages of 16 KiB (backup: %s)",
		    c->db_path, bak);
	else
		crm_note(c, "'%s' is in WAL mode again", c->db_path);
	return 0;
}

static void
list_pending(struct crm_ctx *c, const struct crm_vacuum_plan *p, int from)
{
	for (int i = 0; i < crm_migration_count; i++)
		if (crm_migrations[i].version > from)
			printf("%03d-%s\n", crm_migrations[i].version,
			    crm_migrations[i].name);
	if (!crm_flag(c, "vacuum"))
		offer_vacuum(c, p);
	else if (p->page_size < CRM_PAGE_SIZE)
		crm_note(c, "dry run: would rewrite '%s' with pages of 16 KiB "
		    "(%llu MiB; needs %llu MiB free in '%s', %llu MiB are "
		    "free)", c->db_path, mib(p->bytes),
		    mib(p->need), p->dir,
		    p->free / (1024 * 1024));
}

int
cmd_migrate(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_vacuum_plan plan;
	char bak[4200];
	int pending, from;

	if (s == NULL || crm_vacuum_plan(s->db, &plan, &c->err) < 0)
		return crm_fail(c);
	pending = crm_migrate_pending(s->db);
	from = crm_db_version(s->db);
	if (crm_flag(c, "check") || c->dry_run) {
		list_pending(c, &plan, from);
		return crm_flag(c, "check") && pending > 0 ? CRM_EX_FOUND : 0;
	}
	if (pending == 0)
		crm_note(c, "database '%s' is up to date (schema version %d)",
		    c->db_path, from);
	if (pending == 0 && !crm_flag(c, "vacuum")) {
		offer_vacuum(c, &plan);
		return 0;
	}
	if (crm_session_require(s, CRM_ROLE_ADMIN, N_("migrate the database"),
	    &c->err) < 0)
		return crm_fail(c);
	if (pending > 0) {
		if (crm_db_backup_before_migrate(s->db, bak, sizeof(bak),
		    &c->err) < 0 || crm_migrate(s->db, &c->err) < 0)
			return crm_fail(c);
		crm_note(c, "migrated '%s' from schema version %d to %d "
		    "(backup: %s)", c->db_path, from, crm_schema_version(),
		    bak);
	}
	if (crm_flag(c, "vacuum"))
		return vacuum(c, s, &plan);
	offer_vacuum(c, &plan);
	return 0;
}

int
cmd_check(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	long problems;
	int rc;

	if (s == NULL)
		return crm_fail(c);
	/* a list, not problems: exit 0 */
	if (crm_flag(c, "allowed"))
		return crm_print_rows(c, crm_check_allowed(s,
		    c->fmt == CRM_FMT_TABLE, &c->err), 0, NULL);
	/* the problems in the user's language in a table; a job for cron:
	 * not a byte on stdout, not even the header, when all is well */
	rc = crm_print_job(c, crm_check(s, c->fmt == CRM_FMT_TABLE,
	    &c->err), 0, &problems);
	if (rc != 0)
		return rc;
	if (problems > 0) {
		crm_note(c, "%ld problem%s found", problems,
		    problems == 1 ? "" : "s");
		return CRM_EX_FOUND;
	}
	crm_note(c, "no problems found");
	return 0;
}

int
cmd_backup(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL ||
	    crm_session_require(s, CRM_ROLE_ADMIN, N_("back up the "
	    "database"), &c->err) < 0 ||
	    crm_db_backup_to(s->db, c->argv[0], &c->err) < 0)
		return crm_fail(c);
	crm_note(c, "backed up '%s' to '%s'", c->db_path, c->argv[0]);
	return 0;
}
