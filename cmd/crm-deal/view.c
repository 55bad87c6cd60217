/* crm-deal show, list, export, stages */
#include <stdio.h>

#include "deal.h"
#include "crm/activity.h"
#include "crm/cli-entity.h"
#include "crm/customer.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The options of list: the generic ones and the fields flagged to
 * filter by (crm_cli_list_opts), then the deal's own. */
static const struct crm_opt list_more[] = {
	{ "closing-before", 1, "DATE", N_("expected to close before DATE"),
	    NULL },
	{ "open", 0, NULL, N_("only deals neither won nor lost"), NULL },
	{ "won", 0, NULL, N_("only won deals"), NULL },
	{ "lost", 0, NULL, N_("only lost deals"), NULL },
	{ "idle", 1, "DAYS", N_("no stage change nor follow-up in DAYS "
	    "days"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt list_opts[CRM_OPT_MAX];

void
view_opts_init(void)
{
	crm_cli_list_opts(&crm_deal_entity, list_more, list_opts,
	    CRM_OPT_MAX - 1);
}

/* --open, --won and --lost: one at most. */
static int
read_state(struct crm_ctx *c, const char **state)
{
	static const char *const states[] = { "open", "won", "lost" };
	int n = 0;

	*state = NULL;
	for (size_t i = 0; i < 3; i++)
		if (crm_flag(c, states[i])) {
			*state = states[i];
			n++;
		}
	return n > 1 ? crm_err_set(&c->err, CRM_EX_USAGE, "use one of "
	    "--open, --won and --lost") : 0;
}

static int
read_filter(struct crm_ctx *c, struct crm_list_filter *f,
    struct crm_deal_filter *own)
{
	long long idle;

	if (crm_cli_list_filter(c, &crm_deal_entity, f) < 0 ||
	    crm_opt_num(c, "idle", 0, 36500, -1, &idle) < 0 ||
	    read_state(c, &own->state) < 0)
		return -1;
	own->idle = (int)idle;
	own->closing_before = crm_opt(c, "closing-before");
	f->own = own;
	return crm_deal_list_check(&c->s, &f->eq[CRM_DF_STAGE],
	    own->closing_before, own->stage_key, sizeof(own->stage_key),
	    &c->err);
}

int
cmd_list(struct crm_ctx *c)
{
	struct crm_deal_filter own = { 0 };
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL || read_filter(c, &f, &own) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	return crm_cli_list_print(c, &crm_deal_entity, &f);
}

int
cmd_export(struct crm_ctx *c)
{
	return crm_cli_export(c, &crm_deal_entity);
}

int
cmd_show(struct crm_ctx *c)
{
	long long id;
	int rc = crm_cli_show_record(c, &crm_deal_entity, c->argv[0], &id);
	struct crm_rows *stages;

	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	stages = crm_deal_stage_history(&c->s, id, &c->err);
	stages = crm_cli_shown(c, stages, &crm_deal_entity, CRM_DF_STAGE,
	    "from_stage");
	stages = crm_cli_shown(c, stages, &crm_deal_entity, CRM_DF_STAGE,
	    "to_stage");
	crm_cli_section(c, _("stages"), stages);
	crm_cli_section(c, _("recent follow-ups"), crm_cli_follow_ups(c,
	    &crm_deal_entity, id, 5));
	return 0;
}

int
cmd_stages(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_stages_list(s, &c->err), 0, NULL);
}
