/* The expense entity (费用): money spent — a trip, a dinner with a
 * customer, an expo's booth — by a user, on a date, of a category; paid
 * from a funds account, and charged to a campaign (the cost side of its
 * ROI) or a customer when it is theirs. */
#include <stdlib.h>

#include "pay-impl.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define FILTER CRM_F_FILTER
#define SEARCH CRM_F_SEARCH

static const struct crm_field fields[] = {
	[CRM_XF_ID] = { NC_("column", "id"), "编号|费用编号|expense id",
	    CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_XF_DATE] = { NC_("column", "date"), "日期|费用日期|发生日期|"
	    "报销日期|expense date|spent on", CRM_K_DATE, CRM_F_REQUIRED |
	    SORT | TABLE | OPT, NULL, NULL, "DATE",
	    N_("the day it was spent (default today)") },
	[CRM_XF_CATEGORY] = { NC_("column", "category"), "类别|费用类别|"
	    "费用类型|类型|科目|费用科目|type|expense type", CRM_K_TEXT,
	    CRM_F_REQUIRED | SORT | TABLE | OPT | FILTER | SEARCH, NULL, NULL,
	    "TEXT", N_("what it was for (差旅, 招待, 展会 ...)") },
	[CRM_XF_AMOUNT] = { NC_("column", "amount"), "金额|费用金额|报销金额|"
	    "sum|total", CRM_K_MONEY, CRM_F_REQUIRED | SORT | TABLE | OPT,
	    NULL, NULL, "MONEY", N_("how much, more than 0") },
	[CRM_XF_USER] = { NC_("column", "user"), "经办人|报销人|员工|"
	    "spent by|employee", CRM_K_LOGIN, CRM_F_OWNER | SORT | TABLE | OPT,
	    NULL, NULL, "LOGIN", N_("who spent it (default: you)") },
	[CRM_XF_ACCOUNT] = { NC_("column", "account_id"), "账户|资金账户|"
	    "付款账户|account", CRM_K_ID, SORT | TABLE | OPT | FILTER, NULL,
	    "account", "ID|NAME", N_("the funds account it was paid from "
	    "(finance)") },
	[CRM_XF_CAMPAIGN] = { NC_("column", "campaign_id"), "活动|市场活动|"
	    "campaign", CRM_K_ID, SORT | TABLE | OPT | FILTER, NULL,
	    "campaign", "ID|NAME", N_("the campaign it is a cost of") },
	[CRM_XF_CUSTOMER] = { NC_("column", "customer_id"), "客户|客户名称|"
	    "customer", CRM_K_ID, SORT | OPT | FILTER, NULL, "customer",
	    "ID|NAME", N_("the customer it was spent on") },
	[CRM_XF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_XF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_XF_NOTE] = { NC_("column", "note"), "备注|说明|事由|摘要|"
	    "description|memo", CRM_K_NOTE, OPT | SEARCH, NULL, NULL, "TEXT",
	    N_("what it was, for whom") },
};

static int
expense_finish(struct crm_record *x, const char **bad, struct crm_err *e)
{
	const char *amount = x->f[CRM_XF_AMOUNT];

	if (amount && (*amount == '-' || strtoll(amount, NULL, 10) == 0)) {
		*bad = "amount";
		return crm_err_set(e, CRM_EX_DATAERR, "must be more than 0");
	}
	return 0;
}

/* An expense paid from an account (finance charged it) is finance's: its
 * user may no longer change it. */
static int
expense_may_change(struct crm_session *s, const struct crm_record *x,
    struct crm_err *e)
{
	if (x->f[CRM_XF_ACCOUNT] == NULL || (s->role & PAY_FINANCE))
		return 0;
	return crm_err_set(e, CRM_EX_NOPERM, "expense %lld is paid from "
	    "account %s: only finance or an admin may change it", x->id,
	    x->f[CRM_XF_ACCOUNT]);
}

/* Expenses are money: finance sees and changes all (data.md); everyone
 * else their own, a manager their team's. */
static const struct crm_scope_def scope = {
	PAY_FINANCE, CRM_ROLES_ALL
};

const struct crm_entity crm_expense_entity = {
	.name = NC_("entity", "expense"),
	.table = NC_("entity", "expenses"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_XF_CATEGORY,
	.scope = &scope,
	.import = &expense_import,
	.list = &expense_list,
	.undo = crm_expense_undo,
	.finish = expense_finish,
	.may_change = expense_may_change,
};
