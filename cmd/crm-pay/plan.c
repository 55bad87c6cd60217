/* crm-pay plan ORDER --terms T, plan list: payment plans (回款计划) */
#include <string.h>

#include "pay.h"
#include "crm/cli-entity.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/order.h"
#include "crm/banned.h"

/* One verb, two uses: "plan list" and "plan ORDER" (an order's number
 * is never "list"). The options of each are refused with the other. */
const struct crm_opt plan_opts[] = {
	{ "terms", 1, "TERMS", N_("plan ORDER: the new terms, percent:days "
	    "after the order date ('30%:0,60%:30,10%:90')"), NULL },
	{ "customer", 1, "ID|NAME", N_("plan list: the orders of this "
	    "customer"), NULL },
	{ "owner", 1, "LOGIN", N_("plan list: the orders of this owner"),
	    "@user" },
	{ "status", 1, "STATUS", N_("plan list: open, paid, overdue (open "
	    "past its due date) or cancelled"),
	    "open|paid|overdue|cancelled" },
	{ NULL, 0, NULL, NULL, NULL }
};

static int
plan_list(struct crm_ctx *c)
{
	struct crm_plan_filter f = { 0 };

	if (crm_opt(c, "terms"))
		return crm_usage(c, "--terms is for plan ORDER, not plan list");
	f.customer = crm_opt(c, "customer");
	f.owner = crm_opt(c, "owner");
	f.status = crm_opt(c, "status");
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_cli_words(c, crm_pay_plan_list(&c->s,
	    &f, &c->err), "status", "instalment"), 0, NULL);
}

int
plan_run(struct crm_ctx *c)
{
	long long id;

	if (strcmp(c->argv[0], "list") == 0)
		return plan_list(c);
	if (crm_opt(c, "customer") || crm_opt(c, "owner") ||
	    crm_opt(c, "status"))
		return crm_usage(c, "--customer, --owner and --status are for "
		    "plan list");
	if (crm_opt(c, "terms") == NULL)
		return crm_usage(c, "plan ORDER needs --terms "
		    "('30%%:0,70%%:30'); plan list shows the plans");
	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, &crm_order_entity, c->argv[0], &id, &c->err) < 0 ||
	    crm_pay_plan(&c->s, id, crm_opt(c, "terms"), &c->err) < 0)
		return crm_fail(c);
	if (c->dry_run)
		return 0;
	return crm_print_rows(c, crm_cli_words(c, crm_order_instalments(
	    &c->s, id, &c->err), "status", "instalment"), 0, NULL);
}
