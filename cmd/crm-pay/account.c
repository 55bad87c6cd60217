/* crm-pay account add, list, show, edit */
#include <stdio.h>

#include "pay.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* list reads the balances (crm_account_balance_entity): its options are
 * the accounts' words. */
static const struct crm_opt list_opts[] = {
	{ "kind", 1, "KIND", N_("accounts of this kind"),
	    "bank|cash|alipay|wechat|other" },
	{ "active", 1, "1|0", N_("1: the accounts in use, 0: the closed "
	    "ones"), "1|0" },
	{ "search", 1, "TEXT", N_("the name contains TEXT (case and width "
	    "ignored)"), NULL },
	{ "sort", 1, "COLUMN", N_("sort by a column; -COLUMN for "
	    "descending"), NULL },
	{ "limit", 1, "N", N_("at most N accounts"), NULL },
	{ "all-columns", 0, NULL, N_("every column in a table too"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static struct crm_opt add_opts[CRM_OPT_MAX], edit_opts[CRM_OPT_MAX];

void
account_opts_init(void)
{
	crm_cli_field_opts(&crm_account_entity, NULL, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_account_entity, NULL, edit_opts,
	    CRM_OPT_MAX - 1);
}

static int
account_add(struct crm_ctx *c)
{
	return crm_cli_add(c, &crm_account_entity, add_opts, crm_account_add);
}

static int
account_edit(struct crm_ctx *c)
{
	return crm_cli_edit(c, &crm_account_entity, edit_opts,
	    crm_account_set);
}

static int
account_list(struct crm_ctx *c)
{
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, &crm_account_balance_entity, &f) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	return crm_cli_list_print(c, &crm_account_balance_entity, &f);
}

static int
account_show(struct crm_ctx *c)
{
	long long id;
	int rc = crm_cli_show_record(c, &crm_account_entity, c->argv[0], &id);

	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("balance"), crm_account_balance(&c->s, id,
	    &c->err));
	return 0;
}

const struct crm_verb account_verbs[] = {
	{ "add", account_add, NULL, N_("add a funds account; prints its id"),
	    add_opts, CRM_VERB_WRITES, NULL, 0, 0 },
	{ "list", account_list, NULL, N_("the accounts with their balances "
	    "(opening + received - spent)"), list_opts, 0, NULL, 0, 0 },
	{ "show", account_show, "ID|NAME", N_("one account, and its "
	    "balance"), NULL, 0, NULL, 1, 1 },
	{ "edit", account_edit, "ID|NAME", N_("change an account's fields "
	    "(--active 0 closes it to new expenses)"), edit_opts,
	    CRM_VERB_WRITES, NULL, 1, 1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
