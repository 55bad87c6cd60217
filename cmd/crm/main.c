/* crm: the database, the team, settings and the audit trail; and
 * `crm NOUN ...`, which runs crm-NOUN like git runs git-NOUN. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const struct crm_opt init_opts[] = {
	{ "group", 1, "GROUP", N_("a team's database: folder and files "
	    "shared with this group (setgid folder 2770, files 0660)"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt migrate_opts[] = {
	{ "check", 0, NULL, N_("exit 1 if migrations are pending; change "
	    "nothing"), NULL },
	{ "vacuum", 0, NULL, N_("also rewrite an older database with pages "
	    "of 16 KiB (VACUUM, after a backup; others wait)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt check_opts[] = {
	{ "allowed", 0, NULL, N_("list the duplicate customers a manager "
	    "allowed (--allow-duplicate), which the check leaves out"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt log_opts[] = {
	{ "entity", 1, "ENTITY", N_("only this kind of record (user, "
	    "setting, customer, ...)"), "user|setting|customer" },
	{ "id", 1, "ID", N_("only this record"), NULL },
	{ "user", 1, "LOGIN", N_("only runs by (or as) this user"),
	    "@user" },
	{ "since", 1, "DATE", N_("only runs on or after this date"), NULL },
	{ "run", 1, "N", N_("only this run"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_verb verbs[] = {
	{ "init", cmd_init, NULL, N_("create the database, with you as its "
	    "admin"), init_opts, CRM_VERB_NO_DB, NULL, 0, 0 },
	{ "migrate", cmd_migrate, NULL, N_("apply pending schema migrations "
	    "(a backup first)"), migrate_opts,
	    CRM_VERB_WRITES | CRM_VERB_ANY_VERSION, NULL, 0, 0 },
	{ "check", cmd_check, NULL, N_("check the database's integrity and "
	    "invariants (admins); exit 1 if anything is wrong"), check_opts,
	    0, NULL, 0, 0 },
	{ "backup", cmd_backup, "FILE", N_("copy the database to FILE while "
	    "others work"), NULL, 0, NULL, 1, 1 },
	{ "user", NULL, "VERB", N_("the team: add, list, set, import, "
	    "deactivate"), NULL, 0, crm_user_verbs, 0, -1 },
	{ "config", NULL, "VERB", N_("team-wide settings: get, set, unset, "
	    "list, export, import"), NULL, 0, crm_config_verbs, 0, -1 },
	{ "target", NULL, "VERB", N_("sales targets (销售目标): set, list, "
	    "import, export"), NULL, 0, crm_target_verbs, 0, -1 },
	{ "remind", cmd_remind, NULL, N_("what is due for you: follow-ups, "
	    "customers about to be recycled, dormant customers"),
	    remind_opts, CRM_VERB_WRITES, NULL, 0, 0 },
	{ "log", cmd_log, NULL, N_("the audit trail, one row per changed "
	    "field"), log_opts, 0, NULL, 0, 0 },
	{ "undo", cmd_undo, "RUN", N_("revert what one run changed, if "
	    "nothing has touched it since"), NULL, CRM_VERB_WRITES, NULL, 1,
	    1 },
	{ "trace", cmd_trace, "ENTITY ID|NAME", N_("the chain a record "
	    "belongs to: lead, customer, deals, with their status"), NULL, 0,
	    NULL, 2, 2 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm", N_("crm — a sales CRM for the command line: the database, the "
	"team, settings and the audit trail.\nThe other tools run as 'crm "
	"NOUN ...': customer, lead, deal, order, pay, report, forecast."),
	verbs, NULL
};

static int
is_verb(const char *name)
{
	for (const struct crm_verb *v = verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return 1;
	return 0;
}

/* crm NOUN ...: exec crm-NOUN from crm's own folder, else from PATH. */
static int
run_noun(char **argv)
{
	char self[PATH_MAX], prog[64], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	struct crm_buf path = { 0 };

	crm_i18n_init();	/* for its messages; crm-NOUN starts its own */
	if (strchr(argv[1], '/') != NULL || strlen(argv[1]) > 32) {
		fprintf(stderr, _("crm: unknown command '%s' (see: crm "
		    "--help)\n"), argv[1]);
		return CRM_EX_USAGE;
	}
	snprintf(prog, sizeof(prog), "crm-%s", argv[1]);
	argv[1] = prog;
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL)
			*slash = '\0';
		crm_buf_addf(&path, "%s/%s", self, prog);
		if (access(path.s, X_OK) == 0) {
			execv(path.s, argv + 1);
			fprintf(stderr, _("crm: cannot run '%s': %s\n"),
			    path.s, strerror(errno));
			crm_buf_free(&path);
			return CRM_EX_SOFTWARE;
		}
		crm_buf_free(&path);
	}
	execvp(prog, argv + 1);
	if (errno == ENOENT) {
		fprintf(stderr, _("crm: unknown command '%s' (see: crm "
		    "--help)\n"), prog + 4);
		return CRM_EX_USAGE;
	}
	fprintf(stderr, _("crm: cannot run '%s': %s\n"), prog,
	    strerror(errno));
	return CRM_EX_SOFTWARE;
}

int
main(int argc, char **argv)
{
	int w = crm_cli_first_word(argc, argv);

	if (w < argc && !is_verb(argv[w])) {
		crm_cli_hoist(argc, argv);	/* crm [OPTIONS] NOUN ... */
		return run_noun(argv);
	}
	return crm_cli_main(&tool, argc, argv);
}
