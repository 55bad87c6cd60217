/* crm-pay: funds accounts (资金账户), expenses (费用), payment plans
 * (回款计划), receipts (回款单), invoices (开票申请) and statements (对账单). */
#include "pay.h"
#include "crm/i18n.h"

static const struct crm_verb verbs[] = {
	{ "account", NULL, "VERB", N_("funds accounts (资金账户) and their "
	    "balances: add, list, show, edit"), NULL, 0, account_verbs, 0,
	    -1 },
	{ "expense", NULL, "VERB", N_("expenses (费用): add, list, show, edit, "
	    "import, export"), NULL, 0, expense_verbs, 0, -1 },
	{ "plan", plan_run, "ORDER|list", N_("plan ORDER --terms T: make an "
	    "order's payment plan (回款计划) anew; plan list: the plans"),
	    plan_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "receive", receipt_receive, NULL, N_("record a receipt (回款单) "
	    "and allocate it to the oldest open instalments; prints its id"),
	    receive_opts, CRM_VERB_WRITES, NULL, 0, 0 },
	{ "receipt", NULL, "VERB", N_("receipts: list, show, reverse, "
	    "import, export"), NULL,
	    0, receipt_verbs, 0, -1 },
	{ "due", pay_due, NULL, N_("open instalments due from today to "
	    "--within DAYS ahead"), due_opts, 0, NULL, 0, 0 },
	{ "overdue", pay_overdue, NULL, N_("open instalments past their due "
	    "date, with the days"), NULL, 0, NULL, 0, 0 },
	{ "aging", pay_aging, NULL, N_("receivables by days past due (账龄): "
	    "not yet due, 1-30, 31-60, 61-90, 91-180, over 180"), aging_opts,
	    0, NULL, 0, 0 },
	{ "invoice", NULL, "VERB", N_("invoices (开票申请): request, issue, "
	    "void, list, show"), NULL, 0, invoice_verbs, 0, -1 },
	{ "statement", pay_statement, "CUSTOMER", N_("a customer's statement "
	    "(对账单): orders, instalments, invoices, receipts, balance; "
	    "-f text|html to send"), statement_opts, CRM_VERB_DOC, NULL, 1,
	    1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm-pay", N_("crm-pay — funds accounts (资金账户), expenses (费用), "
	"payment plans (回款计划) and receipts (回款单)."),
	verbs, &crm_expense_entity
};

int
main(int argc, char **argv)
{
	account_opts_init();
	expense_opts_init();
	receipt_opts_init();
	invoice_opts_init();
	return crm_cli_main(&tool, argc, argv);
}
