/* crm-lead campaign add, list, show, edit */
#include <stdio.h>

#include "lead.h"
#include "crm/cli-entity.h"
#include "crm/find.h"
#include "crm/i18n.h"
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
	struct crm_session *s = crm_ctx_session(c);
	struct crm_input in;
	long long id;

	if (s == NULL || crm_cli_read_fields(c, &crm_campaign_entity,
	    campaign_add_opts, &in) < 0 ||
	    crm_campaign_add(s, &in, &id, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}

static int
campaign_edit(struct crm_ctx *c)
{
	struct crm_input in;
	long long id;

	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, &crm_campaign_entity, c->argv[0], &id,
	    &c->err) < 0 ||
	    crm_cli_read_fields(c, &crm_campaign_entity, campaign_edit_opts,
	    &in) < 0 ||
	    crm_campaign_set(&c->s, id, &in, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static int
campaign_list(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_list_filter f = { 0 };
	struct crm_rows *rows;

	if (s == NULL ||
	    crm_cli_list_filter(c, &crm_campaign_entity, &f) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	rows = crm_list(s, &crm_campaign_entity, &f, &c->err);
	crm_list_filter_free(&f);
	if (crm_cli_table_view(c, &crm_campaign_entity, rows) < 0) {
		crm_rows_close(rows);
		return crm_fail(c);
	}
	return crm_print_rows(c, rows, 0, NULL);
}

static int
campaign_show(struct crm_ctx *c)
{
	long long id;

	return crm_cli_show_record(c, &crm_campaign_entity, c->argv[0], &id);
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
