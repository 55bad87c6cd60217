/* crm-deal import: the verb is the CLI glue's (crm/cli-import.h), the
 * pipeline crm/import.h's; here are its options, in deals' words, and
 * those of its own: the stage map and the customers it may create. */
#include "deal.h"
#include "crm/cli-import.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt import_opts[] = {
	{ "stage-map", 1, "MAP", N_("stages of another CRM to ours: "
	    "'Prospecting=qualify,Won=won' (names are case-insensitive)"),
	    NULL },
	{ "create-customers", 0, NULL, N_("create a customer the file names "
	    "that is not there (into the pool; a rep's are their own)"),
	    NULL },
	{ "on-duplicate", 1, "WHAT", N_("a record with the id of a deal or "
	    "of an earlier line: error (default), skip or update"),
	    "error|skip|update" },
	CRM_IMPORT_REJECT_OPTS,
	{ "map", 1, "MAP", N_("headers to fields: 'name=Product,"
	    "customer_id=Account' or a yaml file"), NULL },
	CRM_IMPORT_COLUMN_OPTS,
	{ "historical", 0, NULL, N_("admins: keep the times a restored "
	    "history gives (created_at, stage_at, ...)"), NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
cmd_import(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_deal_import *di = NULL;
	long long made;
	int rc;

	if (s == NULL || crm_deal_import_new(s, crm_opt(c, "stage-map"),
	    crm_flag(c, "create-customers"), &di, &c->err) < 0) {
		crm_deal_import_free(di);
		return crm_fail(c);
	}
	rc = crm_cli_import_with(c, &crm_deal_entity, di);
	made = crm_deal_import_created(di);
	crm_deal_import_free(di);
	if (made > 0 && crm_cli_import_committed())
		crm_note(c, "created %lld customer%s that the file named",
		    made, made == 1 ? "" : "s");
	return rc;
}
