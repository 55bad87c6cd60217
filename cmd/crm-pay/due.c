/* crm-pay due [--within DAYS], overdue: what customers owe soon, and
 * what they owe past its due date. */
#include "pay.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt due_opts[] = {
	{ "within", 1, "DAYS", N_("due from today to DAYS days ahead "
	    "(default: the setting remind.payment_days)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

int
pay_due(struct crm_ctx *c)
{
	long long within;

	if (crm_opt_num(c, "within", 0, 3650, CRM_DUE_SETTING, &within) < 0)
		return crm_fail(c);
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_pay_due(&c->s, within, &c->err), 0,
	    NULL);
}

int
pay_overdue(struct crm_ctx *c)
{
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_pay_due(&c->s, CRM_DUE_OVERDUE, &c->err),
	    0, NULL);
}
