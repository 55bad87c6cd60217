/* crm-lead campaign add, list, show, edit */
#include <stdio.h>

#include "lead.h"
#include "crm/cli-entity.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/pay.h"
#include "crm/banned.h"

static const struct crm_opt add_more[] = {
	{ "owner", 1, "LOGIN", N_("who runs it (default: you)"), "@user" },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt campaign_add_opts[CRM_OPT_MAX];
struct crm_opt campaign_edit_opts[CRM_OPT_MAX];
struct crm_opt campaign_list_opts[CRM_OPT_MAX];

void
campaign_opts_init(void)
{
	crm_cli_field_opts(&crm_campaign_entity, add_more, campaign_add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_campaign_entity, add_more, campaign_edit_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_list_opts(&crm_campaign_entity, NULL, campaign_list_opts,
	    CRM_OPT_MAX - 1);
}

static int
campaign_add(struct crm_ctx *c)
{
	return crm_cli_add(c, &crm_campaign_entity, campaign_add_opts,
	    crm_campaign_add);
}

static int
campaign_edit(struct crm_ctx *c)
{
	return crm_cli_edit(c, &crm_campaign_entity, campaign_edit_opts,
	    crm_campaign_set);
}

static int
campaign_list(struct crm_ctx *c)
{
	return crm_cli_list(c, &crm_campaign_entity);
}

/* In a table, then its cost with the expenses charged to it
 * (crm-pay). */
static int
campaign_show(struct crm_ctx *c)
{
	long long id;
	int rc = crm_cli_show_record(c, &crm_campaign_entity, c->argv[0], &id);

	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("cost and expenses"),
	    crm_expense_campaign_cost(&c->s, id, &c->err));
	return 0;
}

const struct crm_verb campaign_verbs[] = {
	{ "add", campaign_add, NULL, N_("add a campaign; prints its id"),
	    campaign_add_opts, CRM_VERB_WRITES, NULL, 0, 0 },
	{ "list", campaign_list, NULL, N_("the campaigns, filtered"),
	    campaign_list_opts, 0, NULL, 0, 0 },
	{ "show", campaign_show, "ID|NAME", N_("one campaign"), NULL, 0,
	    NULL, 1, 1 },
	{ "edit", campaign_edit, "ID|NAME", N_("change a campaign's fields"),
	    campaign_edit_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
