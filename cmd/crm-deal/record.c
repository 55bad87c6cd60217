/* crm-deal add, edit, set, delete */
#include <string.h>

#include "deal.h"
#include "crm/cli-entity.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The options of add and edit: the fields flagged as options in the
 * descriptor (lib/deal-entity.c), then these. */
static const struct crm_opt add_more[] = {
	{ "stage", 1, "STAGE", N_("the stage (default: the first; see "
	    "stages)"), "@stage" },
	{ "owner", 1, "LOGIN", N_("who owns it (default: you if you are a "
	    "rep, else the customer's owner)"), "@user" },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt edit_more[] = {
	{ "owner", 1, "LOGIN", N_("hand the deal to a user (managers: "
	    "within their team)"), "@user" },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt add_opts[CRM_OPT_MAX], edit_opts[CRM_OPT_MAX];

void
record_opts_init(void)
{
	crm_cli_field_opts(&crm_deal_entity, add_more, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_deal_entity, edit_more, edit_opts,
	    CRM_OPT_MAX - 1);
}

int
deal_arg(struct crm_ctx *c, const char *text, long long *id)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL || crm_find(s, &crm_deal_entity, text, id, &c->err) < 0)
		return -1;
	return 0;
}

int
cmd_add(struct crm_ctx *c)
{
	return crm_cli_add(c, &crm_deal_entity, add_opts, crm_deal_add);
}

int
cmd_edit(struct crm_ctx *c)
{
	return crm_cli_edit(c, &crm_deal_entity, edit_opts, crm_deal_set);
}

int
cmd_set(struct crm_ctx *c)
{
	return crm_cli_set(c, &crm_deal_entity, crm_deal_set);
}

int
cmd_delete(struct crm_ctx *c)
{
	return crm_cli_delete(c, &crm_deal_entity, crm_deal_delete);
}
