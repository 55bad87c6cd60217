/* crm-lead import: its options, in leads' words (the verb is
 * crm/cli-import.h's). */
#include "lead.h"
#include "crm/cli-import.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt import_opts[] = {
	{ "on-duplicate", 1, "WHAT", N_("a record with the phone or email of "
	    "a lead or of an earlier line: error (default), skip, update, or "
	    "allow (managers: add it anyway)"), "error|skip|update|allow" },
	CRM_IMPORT_REJECT_OPTS,
	{ "map", 1, "MAP", N_("headers to fields: 'name=姓名,phone=手机' or "
	    "a yaml file"), NULL },
	CRM_IMPORT_COLUMN_OPTS,
	{ "historical", 0, NULL, N_("admins: keep the times a restored "
	    "history gives (created_at, claimed_at, ...)"), NULL },
	{ "ignore-cap", 0, NULL, N_("admins: owners may pass lead.max_owned"),
	    NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};
