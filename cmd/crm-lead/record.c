/* crm-lead add, edit, set, delete */
#include "lead.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The options of add and edit: the fields flagged as options in the
 * descriptor (lib/lead-entity.c), then these. */
static const struct crm_opt add_more[] = {
	{ "owner", 1, "LOGIN", N_("the rep who owns it (default: you if you "
	    "are a rep, else the lead pool)"), "@user" },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt edit_more[] = {
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt add_opts[CRM_OPT_MAX], edit_opts[CRM_OPT_MAX];

void
record_opts_init(void)
{
	crm_cli_field_opts(&crm_lead_entity, add_more, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_lead_entity, edit_more, edit_opts,
	    CRM_OPT_MAX - 1);
}

int
cmd_add(struct crm_ctx *c)
{
	return crm_cli_add(c, &crm_lead_entity, add_opts, crm_lead_add);
}

int
cmd_edit(struct crm_ctx *c)
{
	return crm_cli_edit(c, &crm_lead_entity, edit_opts, crm_lead_set);
}

int
cmd_set(struct crm_ctx *c)
{
	return crm_cli_set(c, &crm_lead_entity, crm_lead_set);
}

int
cmd_delete(struct crm_ctx *c)
{
	return crm_cli_delete(c, &crm_lead_entity, crm_lead_delete);
}
