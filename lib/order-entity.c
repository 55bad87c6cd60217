/* The order entity (销售订单) and crm-pay's instalments (回款计划): their
 * fields, keys, the rules that hold after every change, and the order's
 * own list filters. An order's lines are not fields: lib/order.c writes
 * them and the total they make. */
#include "crm/i18n.h"
#include "crm/list.h"
#include "crm/norm.h"
#include "crm/order.h"
#include "crm/record.h"
#include "crm/scope.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define FILTER CRM_F_FILTER
#define SYSTEM CRM_F_SYSTEM

static const struct crm_field fields[] = {
	[CRM_OF_ID] = { NC_("column", "id"), "编号|order id|order_id",
	    CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_OF_NUMBER] = { NC_("column", "number"), "订单号|订单编号|单号|"
	    "order number|order no", CRM_K_TEXT, SYSTEM | SORT | TABLE |
	    CRM_F_SEARCH, NULL, NULL, NULL, NULL },
	/* the next four: options of add only (cmd/crm-order/sales.c) */
	[CRM_OF_CUSTOMER] = { NC_("column", "customer_id"),
	    "customer|客户|客户名称", CRM_K_ID,
	    CRM_F_REQUIRED | SORT | TABLE | FILTER, NULL, "customer",
	    "ID|NAME", N_("the customer (id or name)") },
	[CRM_OF_DEAL] = { NC_("column", "deal_id"), "deal|商机", CRM_K_ID,
	    SORT, NULL, "deal", "ID", NULL },
	[CRM_OF_QUOTE] = { NC_("column", "quote_id"), "quote|报价单",
	    CRM_K_ID, SORT, NULL, "quote", "ID", NULL },
	[CRM_OF_CONTRACT] = { NC_("column", "contract_id"), "contract|合同",
	    CRM_K_ID, SORT, NULL, "contract", "ID", NULL },
	[CRM_OF_OWNER] = { NC_("column", "owner"), "负责人|销售",
	    CRM_K_LOGIN, CRM_F_OWNER | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_OF_STATUS] = { NC_("column", "status"), "状态|订单状态",
	    CRM_K_ENUM, SYSTEM | SORT | TABLE | FILTER,
	    "draft|confirmed|shipped|delivered|completed|cancelled", NULL,
	    "STATUS", N_("draft, confirmed, shipped, delivered, completed or "
	    "cancelled") },
	[CRM_OF_DATE] = { NC_("column", "order_date"), "date|日期|订单日期|"
	    "下单日期|order date", CRM_K_DATE, SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	[CRM_OF_DELIVER_BY] = { NC_("column", "deliver_by"), "交货日期|交期|"
	    "deliver by|required date", CRM_K_DATE, SORT | TABLE | OPT, NULL,
	    "deliver-by", "DATE", N_("the day it is to be delivered by") },
	[CRM_OF_TERMS] = { NC_("column", "terms"), "付款条件|付款方式|"
	    "payment terms", CRM_K_TEXT, OPT, NULL, NULL, "TERMS",
	    N_("payment terms, percent:days after the order date "
	    "('30%:0,70%:30'; default: pay.default_terms)") },
	[CRM_OF_TOTAL] = { NC_("column", "total"), "合计|总价|金额|订单金额",
	    CRM_K_MONEY, SYSTEM | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_OF_CANCEL_REASON] = { NC_("column", "cancel_reason"),
	    "取消原因", CRM_K_TEXT, SYSTEM, NULL, NULL, NULL, NULL },
	/* the number's place in its year's counter */
	[CRM_OF_SEQ] = { NC_("column", "seq"), NULL, CRM_K_INT, SYSTEM,
	    NULL, NULL, NULL, NULL },
	[CRM_OF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_OF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_OF_NOTE] = { NC_("column", "note"), "备注|说明",
	    CRM_K_NOTE, OPT, NULL, NULL, "TEXT", N_("a note") },
};

/* A number is found as a name is: SO-2026-000001, so2026000001 and
 * 2026-000001 (a unique part) name the same order. */
static int
number_key(const char *number, struct crm_buf *out)
{
	size_t from = out->len;

	crm_norm_name(number, out);
	return out->len > from ? 0 : -1;
}

static const struct crm_key keys[] = {
	{ "number_key", CRM_OF_NUMBER, number_key, NC_("key", "number"),
	    CRM_KEY_DUP },
};

static int
order_finish(struct crm_record *o, const char **bad, struct crm_err *e)
{
	if (o->f[CRM_OF_NUMBER] != NULL && o->key[0] == NULL) {
		*bad = "number";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", o->f[CRM_OF_NUMBER]);
	}
	if (o->f[CRM_OF_STATUS] == NULL)
		crm_record_set(o, CRM_OF_STATUS, "draft");
	if (o->f[CRM_OF_TOTAL] == NULL)
		crm_record_set(o, CRM_OF_TOTAL, "0");
	return 0;
}

/* --from and --to: dates, both days included (orders', shipments'). */
int
crm_order_bind_dates(struct crm_session *s, sqlite3_stmt *st, int base,
    const void *own, struct crm_err *e)
{
	const struct crm_order_filter *f = own;

	(void)s;
	(void)e;
	if (f != NULL) {
		crm_db_bind_text(st, base, f->from);
		crm_db_bind_text(st, base + 1, f->to);
	}
	return 0;
}

static const struct crm_list_def order_list = {
	"AND (?own IS NULL OR c.order_date >= ?own) "
	"AND (?own+1 IS NULL OR c.order_date <= ?own+1)",
	crm_order_bind_dates
};

int
crm_order_filter_dates(struct crm_order_filter *f, char from[CRM_DATE_LEN],
    char to[CRM_DATE_LEN], struct crm_err *e)
{
	const char *opt[2] = { "--from", "--to" };
	const char **val[2] = { &f->from, &f->to };
	char *out[2] = { from, to };
	crm_day d;

	for (int i = 0; i < 2; i++) {
		if (*val[i] == NULL)
			continue;
		if (crm_date_parse(*val[i], &d, e) < 0) {
			e->code = CRM_EX_USAGE;
			return crm_err_prefix(e, "%s", opt[i]);
		}
		crm_date_format(d, out[i]);
		*val[i] = out[i];
	}
	return 0;
}

/* As deals and quotes (data.md): the owner and the owner's managers;
 * finance reads every order; marketing none. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

const struct crm_entity crm_order_entity = {
	.name = NC_("entity", "order"),
	.table = NC_("entity", "orders"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(*keys),
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_OF_NUMBER,
	.scope = &scope,
	.list = &order_list,
	.undo = crm_order_undo,
	.finish = order_finish,
};

static const struct crm_field instalment_fields[] = {
	[CRM_IF_ID] = { NC_("column", "id"), NULL, CRM_K_ID, SORT | TABLE,
	    NULL, NULL, NULL, NULL },
	[CRM_IF_ORDER] = { NC_("column", "order_id"), "order|订单", CRM_K_ID,
	    CRM_F_REQUIRED | SORT | TABLE | FILTER, NULL, NULL, NULL, NULL },
	[CRM_IF_SEQ] = { NC_("column", "seq"), "期数|期次", CRM_K_INT,
	    CRM_F_REQUIRED | SORT | TABLE, NULL, NULL, NULL, NULL },
	/* hundredths of a percent, which print as money does: 30.00 */
	[CRM_IF_PERCENT] = { NC_("column", "percent"), "比例", CRM_K_MONEY,
	    SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_IF_DUE] = { NC_("column", "due_date"), "到期日|应收日期",
	    CRM_K_DATE, CRM_F_REQUIRED | SORT | TABLE, NULL, NULL, NULL,
	    NULL },
	[CRM_IF_AMOUNT] = { NC_("column", "amount"), "金额|应收金额",
	    CRM_K_MONEY, CRM_F_REQUIRED | SORT | TABLE, NULL, NULL, NULL,
	    NULL },
	[CRM_IF_PAID] = { NC_("column", "paid"), "已收|已回款", CRM_K_MONEY,
	    SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_IF_STATUS] = { NC_("column", "status"), "状态", CRM_K_ENUM,
	    SYSTEM | SORT | TABLE | FILTER, "open|paid|cancelled", NULL, NULL,
	    NULL },
	[CRM_IF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_IF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_IF_NOTE] = { NC_("column", "note"), "备注|说明", CRM_K_NOTE, 0,
	    NULL, NULL, NULL, NULL },
};

static int
instalment_finish(struct crm_record *r, const char **bad, struct crm_err *e)
{
	(void)bad;
	(void)e;
	if (r->f[CRM_IF_PAID] == NULL)
		crm_record_set(r, CRM_IF_PAID, "0");
	if (r->f[CRM_IF_STATUS] == NULL)
		crm_record_set(r, CRM_IF_STATUS, "open");
	if (r->f[CRM_IF_PERCENT] == NULL)
		crm_record_set(r, CRM_IF_PERCENT, "0");
	return 0;
}

/* Who sees an instalment is who sees its order: the order's verbs show
 * them (crm-pay will have its own). Alone, only the roles that see all
 * payments. */
static const struct crm_scope_def instalment_scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE
};

const struct crm_entity crm_instalment_entity = {
	.name = NC_("entity", "instalment"),
	.table = NC_("entity", "instalments"),
	.fields = instalment_fields,
	.nfields = sizeof(instalment_fields) / sizeof(*instalment_fields),
	.features = CRM_E_RUNS,
	.title = CRM_IF_DUE,
	.scope = &instalment_scope,
	.undo = crm_instalment_undo,
	.finish = instalment_finish,
};
