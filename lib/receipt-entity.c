/* The receipt entity (回款单): money a customer paid — its amount, date,
 * method and reference, the order it was for and the funds account it
 * went into. Receipts are finance's to record; a rep reads those of their
 * own customers through crm-pay's own list and show (lib/receipt.c), not
 * through this descriptor's scope, which is finance's and admins'. */
#include <stdlib.h>

#include "pay-impl.h"
#include "crm/norm.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define SYSTEM CRM_F_SYSTEM

/* The headers of bank statements (a bank's export, often GBK) too:
 * 交易日期, 收入金额, 对方户名, 摘要 or 附言, 交易流水号. */
#define PAYER "客户|付款单位|对方户名|对方名称|对方账户名|付款人|" \
	"付款方|付款人名称"
#define AMOUNT "金额|回款金额|收入金额|收入|贷方金额|贷方发生额|入账金额"
#define DATE "日期|回款日期|到账日期|交易日期|记账日期|入账日期|交易时间"
#define REF "流水号|凭证号|参考号|交易流水号|交易参考号|银行流水号"
#define NOTE "备注|摘要|附言|用途|交易附言"

static const struct crm_field fields[] = {
	[CRM_RF_ID] = { NC_("column", "id"), "编号|回款单号", CRM_K_ID,
	    SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_RF_CUSTOMER] = { NC_("column", "customer_id"), PAYER, CRM_K_ID,
	    CRM_F_REQUIRED | SORT | TABLE | OPT, NULL, "customer", "ID|NAME",
	    N_("the customer who paid") },
	[CRM_RF_AMOUNT] = { NC_("column", "amount"), AMOUNT, CRM_K_MONEY,
	    CRM_F_REQUIRED | SORT | TABLE | OPT, NULL, NULL, "MONEY",
	    N_("how much, more than 0") },
	[CRM_RF_DATE] = { NC_("column", "date"), DATE, CRM_K_DATE,
	    CRM_F_REQUIRED | SORT | TABLE | OPT, NULL, NULL, "DATE",
	    N_("the day it was received (default today)") },
	[CRM_RF_METHOD] = { NC_("column", "method"), "方式|付款方式",
	    CRM_K_ENUM, CRM_F_REQUIRED | SORT | TABLE | OPT, RECEIPT_METHODS,
	    NULL, "METHOD", N_("bank, cash, card, alipay, wechat or check") },
	[CRM_RF_REF] = { NC_("column", "ref"), REF, CRM_K_TEXT,
	    SORT | TABLE | OPT | CRM_F_SEARCH, NULL, NULL, "REF",
	    N_("the bank's or the check's reference") },
	[CRM_RF_ORDER] = { NC_("column", "order_id"), "订单|订单号", CRM_K_ID,
	    SORT | TABLE | OPT, NULL, "order", "ID|NUMBER",
	    N_("the order it pays (its instalments first)") },
	[CRM_RF_ACCOUNT] = { NC_("column", "account_id"), "账户|收款账户",
	    CRM_K_ID, SORT | OPT, NULL, "account", "ID|NAME",
	    N_("the funds account it went into") },
	[CRM_RF_ALLOCATED] = { NC_("column", "allocated"), "已核销",
	    CRM_K_MONEY, SYSTEM | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_RF_REVERSED_AT] = { NC_("column", "reversed_at"), "冲销时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_RF_REVERSED_BY] = { NC_("column", "reversed_by"), "冲销人",
	    CRM_K_LOGIN, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_RF_REASON] = { NC_("column", "reverse_reason"), "冲销原因",
	    CRM_K_TEXT, SYSTEM, NULL, NULL, NULL, NULL },
	[CRM_RF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_RF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_RF_NOTE] = { NC_("column", "note"), NOTE, CRM_K_NOTE,
	    OPT | CRM_F_SEARCH, NULL, NULL, "TEXT", N_("a note") },
};

/* A reference is a duplicate key as a name is: "HX 2026-0001" and
 * "hx20260001" are one bank transaction (schema/021). */
static const struct crm_key keys[] = {
	{ "ref_key", CRM_RF_REF, crm_norm_name_key, NC_("key", "ref"),
	    CRM_KEY_DUP },
};

static int
receipt_finish(struct crm_record *r, const char **bad, struct crm_err *e)
{
	const char *amount = r->f[CRM_RF_AMOUNT];

	if (amount && (*amount == '-' || strtoll(amount, NULL, 10) == 0)) {
		*bad = "amount";
		return crm_err_set(e, CRM_EX_DATAERR, "must be more than 0");
	}
	if (r->f[CRM_RF_ALLOCATED] == NULL)
		crm_record_set(r, CRM_RF_ALLOCATED, "0");
	return 0;
}

static const struct crm_scope_def scope = { PAY_FINANCE, PAY_FINANCE };

const struct crm_entity crm_receipt_entity = {
	.name = NC_("entity", "receipt"),
	.table = NC_("entity", "receipts"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(*keys),
	.import = &receipt_import,
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_RF_REF,
	.scope = &scope,
	.undo = crm_receipt_undo,
	/* a receipt's allocations: crm undo of a run removes those it
	 * wrote (a reversal's negative ones) */
	.history = "allocations",
	.finish = receipt_finish,
};
