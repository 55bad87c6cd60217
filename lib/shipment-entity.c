/* The shipment entity (出货单): its fields, its rules and its list's own
 * filters. Its lines are not fields: lib/shipment.c writes them. */
#include "crm/i18n.h"
#include "crm/list.h"
#include "crm/order.h"
#include "crm/record.h"
#include "crm/shipment.h"
#include "crm/banned.h"

#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define FILTER CRM_F_FILTER
#define SYSTEM CRM_F_SYSTEM

static const struct crm_field fields[] = {
	[CRM_SF_ID] = { NC_("column", "id"), "编号|出货单号", CRM_K_ID,
	    SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_SF_ORDER] = { NC_("column", "order_id"), "order|订单",
	    CRM_K_ID, CRM_F_REQUIRED | SYSTEM | SORT | TABLE | FILTER, NULL,
	    "order", "ID|NUMBER", N_("the order (id or number)") },
	[CRM_SF_CUSTOMER] = { NC_("column", "customer_id"), "customer|客户",
	    CRM_K_ID, CRM_F_REQUIRED | SYSTEM | SORT | TABLE | FILTER, NULL,
	    "customer", "ID|NAME", N_("the customer (id or name)") },
	/* the order's owner (schema/014's trigger keeps it so) */
	[CRM_SF_OWNER] = { NC_("column", "owner"), "负责人|销售",
	    CRM_K_LOGIN, CRM_F_OWNER | SYSTEM | SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	[CRM_SF_STATUS] = { NC_("column", "status"), "状态", CRM_K_ENUM,
	    SYSTEM | SORT | TABLE | FILTER, "shipped|delivered", NULL,
	    "STATUS", N_("shipped or delivered") },
	[CRM_SF_DATE] = { NC_("column", "ship_date"), "发货日期|出货日期",
	    CRM_K_DATE, CRM_F_REQUIRED | SORT | TABLE, NULL, NULL, NULL,
	    NULL },
	[CRM_SF_DELIVERED] = { NC_("column", "delivered_date"), "签收日期|"
	    "送达日期", CRM_K_DATE, SYSTEM | SORT | TABLE, NULL, NULL, NULL,
	    NULL },
	[CRM_SF_WAREHOUSE] = { NC_("column", "warehouse"), "仓库|发货仓库",
	    CRM_K_TEXT, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_SF_CARRIER] = { NC_("column", "carrier"), "承运商|物流公司|快递",
	    CRM_K_TEXT, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_SF_TRACKING] = { NC_("column", "tracking"), "运单号|快递单号",
	    CRM_K_TEXT, CRM_F_SEARCH, NULL, NULL, NULL, NULL },
	[CRM_SF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_SF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_SF_NOTE] = { NC_("column", "note"), "备注|说明", CRM_K_NOTE, 0,
	    NULL, NULL, NULL, NULL },
};

static int
shipment_finish(struct crm_record *r, const char **bad, struct crm_err *e)
{
	(void)bad;
	(void)e;
	if (r->f[CRM_SF_STATUS] == NULL)
		crm_record_set(r, CRM_SF_STATUS, "shipped");
	return 0;
}

/* --from and --to: ship dates, both days included. */
static const struct crm_list_def shipment_list = {
	"AND (?own IS NULL OR c.ship_date >= ?own) "
	"AND (?own+1 IS NULL OR c.ship_date <= ?own+1)",
	crm_order_bind_dates
};

/* As their order's (crm/shipment.h). */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

const struct crm_entity crm_shipment_entity = {
	.name = NC_("entity", "shipment"),
	.table = NC_("entity", "shipments"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.features = CRM_E_RUNS,
	.title = CRM_SF_DATE,
	.scope = &scope,
	.list = &shipment_list,
	.undo = crm_shipment_undo,
	.finish = shipment_finish,
};
