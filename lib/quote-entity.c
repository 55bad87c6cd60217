/* The quote entity (报价单): its fields and the rules that hold after
 * every change. Its lines are not fields: crm_quote_add writes them and
 * the totals they make (lib/quote.c). */
#include "quote-impl.h"
#include "crm/i18n.h"
#include "crm/quote.h"
#include "crm/record.h"
#include "crm/scope.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define FILTER CRM_F_FILTER
#define SYSTEM CRM_F_SYSTEM

static const struct crm_field fields[] = {
	[CRM_QF_ID] = { NC_("column", "id"), "编号|报价单号|quote id|"
	    "quote_id", CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_QF_CUSTOMER] = { NC_("column", "customer_id"),
	    "customer|客户|客户名称", CRM_K_ID,
	    CRM_F_REQUIRED | SORT | TABLE | OPT | FILTER, NULL, "customer",
	    "ID|NAME", N_("the customer (id or name)") },
	[CRM_QF_DEAL] = { NC_("column", "deal_id"), "deal|商机", CRM_K_ID,
	    SORT | TABLE | OPT | FILTER, NULL, "deal", "ID",
	    N_("the customer's deal it prices") },
	[CRM_QF_OWNER] = { NC_("column", "owner"), "负责人|销售",
	    CRM_K_LOGIN, CRM_F_OWNER | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_QF_STATUS] = { NC_("column", "status"), "状态", CRM_K_ENUM,
	    SYSTEM | SORT | TABLE | FILTER,
	    "draft|submitted|approved|rejected|accepted|expired", NULL,
	    "STATUS", N_("draft, submitted, approved, rejected, accepted or "
	    "expired") },
	[CRM_QF_VALID_UNTIL] = { NC_("column", "valid_until"), "有效期|"
	    "有效期至|valid until", CRM_K_DATE, SORT | TABLE | OPT, NULL,
	    "valid-until", "DATE", N_("the last day the prices hold") },
	[CRM_QF_GROSS] = { NC_("column", "gross"), "原价合计", CRM_K_MONEY,
	    SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_QF_TOTAL] = { NC_("column", "total"), "合计|总价|金额",
	    CRM_K_MONEY, SYSTEM | SORT | TABLE, NULL, NULL, NULL, NULL },
	/* hundredths of a percent, which print as money does: 12.50 */
	[CRM_QF_MAX_DISCOUNT] = { NC_("column", "max_discount"),
	    "最大折扣", CRM_K_MONEY, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_QF_SUBMITTED_AT] = { NC_("column", "submitted_at"), "提交时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	/* so that every approval is an audited change of the quote */
	[CRM_QF_APPROVED_BY] = { NC_("column", "approved_by"), "审批人",
	    CRM_K_TEXT, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_QF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_QF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_QF_NOTE] = { NC_("column", "note"), "备注|说明",
	    CRM_K_NOTE, OPT, NULL, NULL, "TEXT", N_("a note") },
};

static int
quote_finish(struct crm_record *q, const char **bad, struct crm_err *e)
{
	(void)bad;
	(void)e;
	if (q->f[CRM_QF_STATUS] == NULL)
		crm_record_set(q, CRM_QF_STATUS, "draft");
	return 0;
}

/* As deals (data.md): the owner and the owner's managers; finance reads
 * every quote; marketing none. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

/* A submitted or approved quote past its valid_until reads as expired
 * (crm/quote.h): nothing stores it, no job has to run. */
static const struct crm_derived derived[] = {
	{ CRM_QF_STATUS, CRM_QUOTE_STATUS_SQL("c") },
};

const struct crm_entity crm_quote_entity = {
	.name = NC_("entity", "quote"),
	.table = NC_("entity", "quotes"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_QF_ID,
	.scope = &scope,
	.list = &quote_list,
	.derived = derived,
	.nderived = sizeof(derived) / sizeof(*derived),
	.undo = crm_quote_undo,
	.history = "quote_approvals",
	.finish = quote_finish,
};
