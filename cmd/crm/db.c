/* crm init, migrate, check, backup. */
#include <stdio.h>

#include "crm.h"
#include "crm/check.h"
#include "crm/dbinit.h"
#include "crm/i18n.h"
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

int
cmd_migrate(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	char bak[4200];
	int pending, from;

	if (s == NULL)
		return crm_fail(c);
	pending = crm_migrate_pending(s->db);
	from = crm_db_version(s->db);
	if (crm_flag(c, "check") || c->dry_run) {
		for (int i = 0; i < crm_migration_count; i++)
			if (crm_migrations[i].version > from)
				printf("%03d-%s\n", crm_migrations[i].version,
				    crm_migrations[i].name);
		return crm_flag(c, "check") && pending > 0 ? CRM_EX_FOUND : 0;
	}
	if (pending == 0) {
		crm_note(c, "database '%s' is up to date (schema version %d)",
		    c->db_path, from);
		return 0;
	}
	if (crm_session_require(s, CRM_ROLE_ADMIN, N_("migrate the database"),
	    &c->err) < 0 ||
	    crm_db_backup_before_migrate(s->db, bak, sizeof(bak),
	    &c->err) < 0 ||
	    crm_migrate(s->db, &c->err) < 0)
		return crm_fail(c);
	crm_note(c, "migrated '%s' from schema version %d to %d (backup: %s)",
	    c->db_path, from, crm_schema_version(), bak);
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
	/* the problems in the user's language in a table */
	rc = crm_print_rows(c, crm_check(s, c->fmt == CRM_FMT_TABLE,
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
