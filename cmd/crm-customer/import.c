/* crm-customer import: the verb is the CLI glue's (crm/cli-import.h),
 * the pipeline crm/import.h's; here are its options, in customers'
 * words. */
#include "customer.h"
#include "crm/cli-import.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt import_opts[] = {
	{ "on-duplicate", 1, "WHAT", N_("a record that duplicates a customer "
	    "or an earlier line: error (default), skip, update, or allow "
	    "(managers: add it anyway)"), "error|skip|update|allow" },
	CRM_IMPORT_REJECT_OPTS,
	{ "map", 1, "MAP", N_("headers to fields: 'name=Company,phone=Tel' "
	    "or a yaml file"), NULL },
	CRM_IMPORT_COLUMN_OPTS,
	{ "historical", 0, NULL, N_("admins: keep the times a restored "
	    "history gives (created_at, claimed_at, ...)"), NULL },
	{ "ignore-cap", 0, NULL, N_("admins: owners may pass pool.max_owned"),
	    NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
cmd_import(struct crm_ctx *c)
{
	return crm_cli_import(c, &crm_customer_entity);
}
