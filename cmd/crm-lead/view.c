/* crm-lead show, list, export, follow, history, import */
#include "lead.h"
#include "crm/activity.h"
#include "crm/cli-entity.h"
#include "crm/cli-import.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/pool.h"
#include "crm/banned.h"

struct crm_opt list_opts[CRM_OPT_MAX];

void
view_opts_init(void)
{
	crm_cli_list_opts(&crm_lead_entity, NULL, list_opts, CRM_OPT_MAX - 1);
}

int
cmd_list(struct crm_ctx *c)
{
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, &crm_lead_entity, &f) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	return crm_cli_list_print(c, &crm_lead_entity, &f);
}

int
cmd_export(struct crm_ctx *c)
{
	return crm_cli_export(c, &crm_lead_entity);
}

int
cmd_show(struct crm_ctx *c)
{
	long long id;
	int rc = crm_cli_show_record(c, &crm_lead_entity, c->argv[0], &id);

	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("recent follow-ups"), crm_cli_follow_ups(c,
	    &crm_lead_entity, id, 5));
	crm_cli_section(c, _("owners"), crm_pool_owners(&c->s,
	    &crm_lead_entity, id, &c->err));
	return 0;
}

int
cmd_follow(struct crm_ctx *c)
{
	return crm_cli_follow(c, &crm_lead_entity);
}

int
cmd_history(struct crm_ctx *c)
{
	return crm_cli_history(c, &crm_lead_entity);
}

int
cmd_import(struct crm_ctx *c)
{
	/* the lead's own checks of a value look up campaigns and
	 * customers in the importer's session */
	static struct crm_lead_import_arg arg;

	arg.s = &c->s;
	arg.historical = crm_opt(c, "historical") != NULL;
	return crm_cli_import_with(c, &crm_lead_entity, &arg);
}
