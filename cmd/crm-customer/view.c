/* crm-customer show, list, export */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "crm/cli-entity.h"
#include "crm/deal-stage.h"
#include "crm/i18n.h"
#include "crm/pool.h"
#include "crm/banned.h"

/* The options of list: the generic ones and the fields flagged to
 * filter by (crm_cli_list_opts), then the customer's own. */
static const struct crm_opt list_more[] = {
	{ "stale", 1, "DAYS", N_("no follow-up in DAYS days"), NULL },
	{ "dormant", 1, "DAYS", N_("ordered once, but not in DAYS days"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt list_opts[CRM_OPT_MAX];

void
view_opts_init(void)
{
	crm_cli_list_opts(&crm_customer_entity, list_more, list_opts,
	    CRM_OPT_MAX - 1);
}

/* The filters of list, and the customer's own (--stale, --dormant). */
static int
read_filter(struct crm_ctx *c, struct crm_list_filter *f,
    struct crm_customer_filter *own)
{
	long long stale, dormant;

	if (crm_cli_list_filter(c, &crm_customer_entity, f) < 0 ||
	    crm_opt_num(c, "stale", 0, 36500, -1, &stale) < 0 ||
	    crm_opt_num(c, "dormant", 0, 36500, -1, &dormant) < 0)
		return -1;
	own->stale = (int)stale;
	own->dormant = (int)dormant;
	f->own = own;
	return 0;
}

int
cmd_list(struct crm_ctx *c)
{
	struct crm_customer_filter own;
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL || read_filter(c, &f, &own) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	return crm_cli_list_print(c, &crm_customer_entity, &f);
}

int
cmd_export(struct crm_ctx *c)
{
	return crm_cli_export(c, &crm_customer_entity);
}

int
cmd_show(struct crm_ctx *c)
{
	long long id;
	int rc = crm_cli_show_record(c, &crm_customer_entity, c->argv[0], &id);

	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("contacts"), crm_contact_list(&c->s, id, &c->err));
	crm_cli_section(c, _("recent follow-ups"), crm_cli_follow_ups(c,
	    &crm_customer_entity, id, 5));
	/* only the deals the user may see */
	crm_cli_section(c, _("open deals"), crm_deal_of_customer(&c->s, id,
	    &c->err));
	/* why it came or went: a recycle names its rule and days */
	crm_cli_section(c, _("owners"), crm_pool_owners(&c->s, &crm_customer_entity,
	    id, &c->err));
	return 0;
}
