/* crm-pay statement CUSTOMER: the customer's statement (对账单), a
 * document (-f text, the default, or html) to send them. */
#include "pay.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/statement.h"
#include "crm/banned.h"

const struct crm_opt statement_opts[] = {
	{ "from", 1, "DATE", N_("the first day of the period (the opening "
	    "balance is everything before it)"), NULL },
	{ "to", 1, "DATE", N_("the last day of the period"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

int
pay_statement(struct crm_ctx *c)
{
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_cli_print_doc(c, crm_pay_statement(&c->s, c->argv[0],
	    crm_opt(c, "from"), crm_opt(c, "to"), &c->err),
	    c->doc == CRM_DOC_NONE ? CRM_DOC_TEXT : c->doc);
}
