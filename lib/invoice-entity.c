/* The invoice entity (开票申请): an order's invoice, asked for, issued
 * with the printed invoice's number and date, or voided. Its customer
 * and owner are its order's, so that it is seen as the order is
 * (schema/018-invoice.sql); lib/invoice.c has the rules of its states. */
#include <string.h>

#include "crm/i18n.h"
#include "crm/invoice.h"
#include "crm/record.h"
#include "crm/scope.h"
#include "crm/banned.h"

#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define FILTER CRM_F_FILTER
#define SYSTEM CRM_F_SYSTEM

static const struct crm_field fields[] = {
	[CRM_VF_ID] = { NC_("column", "id"), "编号|开票申请号", CRM_K_ID,
	    SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_VF_ORDER] = { NC_("column", "order_id"), "订单|订单号", CRM_K_ID,
	    CRM_F_REQUIRED | SYSTEM | SORT | TABLE | FILTER, NULL, "order",
	    "ID|NUMBER", NULL },
	[CRM_VF_CUSTOMER] = { NC_("column", "customer_id"), "客户",
	    CRM_K_ID, CRM_F_REQUIRED | SYSTEM | SORT | TABLE | FILTER, NULL,
	    "customer", "ID|NAME", NULL },
	[CRM_VF_OWNER] = { NC_("column", "owner"), "负责人|销售",
	    CRM_K_LOGIN, CRM_F_OWNER | SYSTEM | SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	[CRM_VF_AMOUNT] = { NC_("column", "amount"), "金额|开票金额",
	    CRM_K_MONEY, CRM_F_REQUIRED | SORT | TABLE, NULL, NULL, NULL,
	    NULL },
	[CRM_VF_STATUS] = { NC_("column", "status"), "状态", CRM_K_ENUM,
	    SYSTEM | SORT | TABLE | FILTER, "requested|issued|void", NULL,
	    "STATUS", NULL },
	[CRM_VF_TITLE] = { NC_("column", "bill_to"), "title|抬头|发票抬头",
	    CRM_K_TEXT, SORT | TABLE | CRM_F_SEARCH, NULL, NULL, NULL, NULL },
	[CRM_VF_TAX_ID] = { NC_("column", "tax_id"), "税号|纳税人识别号",
	    CRM_K_TEXT, SORT | CRM_F_SEARCH, NULL, NULL, NULL, NULL },
	[CRM_VF_NUMBER] = { NC_("column", "number"), "发票号|发票号码",
	    CRM_K_TEXT, SYSTEM | SORT | TABLE | CRM_F_SEARCH, NULL, NULL,
	    NULL, NULL },
	[CRM_VF_ISSUE_DATE] = { NC_("column", "issue_date"), "开票日期",
	    CRM_K_DATE, SYSTEM | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_VF_REQUESTED_BY] = { NC_("column", "requested_by"), "申请人",
	    CRM_K_LOGIN, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_VF_ISSUED_BY] = { NC_("column", "issued_by"), "开票人",
	    CRM_K_LOGIN, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_VF_VOIDED_AT] = { NC_("column", "voided_at"), "作废时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_VF_VOIDED_BY] = { NC_("column", "voided_by"), "作废人",
	    CRM_K_LOGIN, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_VF_REASON] = { NC_("column", "void_reason"), "作废原因",
	    CRM_K_TEXT, SYSTEM, NULL, NULL, NULL, NULL },
	[CRM_VF_CREATED_AT] = { NC_("column", "created_at"), "创建时间|申请时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_VF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_VF_NOTE] = { NC_("column", "note"), "备注|说明", CRM_K_NOTE,
	    CRM_F_SEARCH, NULL, NULL, NULL, NULL },
};

static int
invoice_finish(struct crm_record *r, const char **bad, struct crm_err *e)
{
	const char *amount = r->f[CRM_VF_AMOUNT];

	if (amount && (*amount == '-' || amount[strspn(amount, "0")] ==
	    '\0')) {
		*bad = "amount";
		return crm_err_set(e, CRM_EX_DATAERR, "must be more than 0");
	}
	if (r->f[CRM_VF_STATUS] == NULL)
		crm_record_set(r, CRM_VF_STATUS, "requested");
	return 0;
}

/* As orders (data.md): the owner and the owner's managers; finance and
 * admins every invoice; marketing none. Issue and void are finance's
 * (lib/invoice.c), a request whoever may change the order. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

const struct crm_entity crm_invoice_entity = {
	.name = NC_("entity", "invoice"),
	.table = NC_("entity", "invoices"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.features = CRM_E_RUNS,
	.title = CRM_VF_NUMBER,
	.scope = &scope,
	.undo = crm_invoice_undo,
	.finish = invoice_finish,
};
