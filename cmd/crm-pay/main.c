/* crm-pay: funds accounts (资金账户) and expenses (费用); payment plans,
 * invoices, receipts and receivables come after the orders. */
#include "pay.h"
#include "crm/i18n.h"

static const struct crm_verb verbs[] = {
	{ "account", NULL, "VERB", N_("funds accounts (资金账户) and their "
	    "balances: add, list, show, edit"), NULL, 0, account_verbs, 0,
	    -1 },
	{ "expense", NULL, "VERB", N_("expenses (费用): add, list, show, edit, "
	    "import, export"), NULL, 0, expense_verbs, 0, -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm-pay", N_("crm-pay — funds accounts (资金账户) and expenses (费用) "
	"and, to come, payment plans, invoices, receipts and receivables."),
	verbs, &crm_expense_entity
};

int
main(int argc, char **argv)
{
	account_opts_init();
	expense_opts_init();
	return crm_cli_main(&tool, argc, argv);
}
