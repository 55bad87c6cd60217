/* The customer entity: its fields, their aliases (the header names of
 * Chinese and English spreadsheets), its duplicate keys, and the rules
 * of its own that hold after every change. */
#include <stdlib.h>

#include "customer-impl.h"
#include "crm/norm.h"
#include "crm/session.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define SEARCH CRM_F_SEARCH

/* A field's name is its column's header in a table too, said in the
 * user's language where the table is printed (NC_); the help of an
 * option is translated where --help prints it (N_). */
static const struct crm_field fields[] = {
	[CRM_CF_ID] = { NC_("column", "id"), "编号|客户编号|客户id",
	    CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_CF_NAME] = { NC_("column", "name"),
	    "客户名称|公司名称|名称|客户名|客户|company|company name|"
	    "customer|customer name|account", CRM_K_TEXT,
	    CRM_F_REQUIRED | SORT | SEARCH | TABLE | OPT, NULL, NULL, "NAME",
	    N_("the customer's name (客户名称)") },
	[CRM_CF_CONTACT] = { NC_("column", "contact"),
	    "联系人|contact name|contact person", CRM_K_TEXT,
	    SORT | SEARCH | TABLE | OPT, NULL, NULL, "NAME",
	    N_("the main contact person") },
	[CRM_CF_PHONE] = { NC_("column", "phone"),
	    "电话|手机|手机号|手机号码|联系电话|电话号码|"
	    "mobile|tel|telephone|phone number", CRM_K_PHONE,
	    SORT | SEARCH | TABLE | OPT | CRM_F_MASKED, NULL, NULL, "PHONE",
	    N_("phone or mobile number") },
	[CRM_CF_EMAIL] = { NC_("column", "email"),
	    "邮箱|电子邮件|电子邮箱|e-mail|mail", CRM_K_EMAIL,
	    SEARCH | OPT | CRM_F_MASKED, NULL, NULL, "EMAIL",
	    N_("email address") },
	[CRM_CF_ADDRESS] = { NC_("column", "address"), "地址|详细地址",
	    CRM_K_TEXT, CRM_F_LINES | OPT, NULL, NULL, "TEXT",
	    N_("address") },
	[CRM_CF_CITY] = { NC_("column", "city"), "城市", CRM_K_TEXT,
	    SORT | OPT, NULL, NULL, "CITY", N_("city") },
	[CRM_CF_REGION] = { NC_("column", "region"), "地区|区域|战区|大区",
	    CRM_K_TEXT, SORT | OPT | CRM_F_FILTER, NULL, NULL, "REGION",
	    N_("sales region (战区)") },
	[CRM_CF_INDUSTRY] = { NC_("column", "industry"),
	    "行业|所属行业|sector", CRM_K_TEXT, SORT | OPT, NULL, NULL,
	    "TEXT", N_("industry") },
	[CRM_CF_SIZE] = { NC_("column", "size"),
	    "规模|公司规模|company size|employees", CRM_K_TEXT, SORT | OPT,
	    NULL, NULL, "TEXT", N_("company size") },
	[CRM_CF_TIER] = { NC_("column", "tier"),
	    "级别|等级|客户等级|客户级别|grade|level", CRM_K_ENUM,
	    SORT | TABLE | OPT | CRM_F_FILTER, "A|B|C|D|E", NULL, "A-E",
	    N_("tier") },
	[CRM_CF_STATUS] = { NC_("column", "status"), "状态|客户状态",
	    CRM_K_ENUM, SORT | TABLE | OPT | CRM_F_FILTER,
	    "prospect|active|dormant|lost", NULL, "STATUS",
	    N_("prospect, active, dormant or lost") },
	[CRM_CF_OWNER] = { NC_("column", "owner"),
	    "负责人|跟进人|销售|销售员|所属销售", CRM_K_LOGIN,
	    CRM_F_OWNER | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_CF_POOL] = { NC_("column", "pool"), "公海", CRM_K_TEXT,
	    CRM_F_POOL | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_CF_SOURCE_TYPE] = { NC_("column", "source_type"),
	    "来源|客户来源|source", CRM_K_TEXT, OPT, NULL, "source", "TEXT",
	    N_("where the customer came from") },
	[CRM_CF_SOURCE_ID] = { NC_("column", "source_id"), "来源编号",
	    CRM_K_TEXT, 0, NULL, NULL, NULL, NULL },
	[CRM_CF_CLAIMED_AT] = { NC_("column", "claimed_at"), "领取时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_CF_LAST_FOLLOWUP_AT] = { NC_("column", "last_followup_at"),
	    "最后跟进时间|上次跟进时间|最近跟进", CRM_K_TIME,
	    CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_CF_NEXT_FOLLOWUP_AT] = { NC_("column", "next_followup_at"),
	    "下次跟进时间|下次跟进", CRM_K_DATE, SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	[CRM_CF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_CF_UPDATED_AT] = { NC_("column", "updated_at"),
	    "更新时间|修改时间", CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL,
	    NULL, NULL },
	[CRM_CF_NOTE] = { NC_("column", "note"),
	    "备注|说明|notes|remark|remarks", CRM_K_NOTE, OPT, NULL, NULL,
	    "TEXT", N_("a note") },
	[CRM_CF_TAGS] = { NC_("column", "tags"), "标签|tag", CRM_K_TAGS,
	    TABLE, NULL, NULL, NULL, NULL },
	[CRM_CF_LOCKED] = { NC_("column", "locked"), "锁定", CRM_K_BOOL,
	    CRM_F_MANAGER, NULL, NULL, NULL, NULL },
	[CRM_CF_LOCK_REASON] = { NC_("column", "lock_reason"), "锁定原因",
	    CRM_K_TEXT, CRM_F_MANAGER, NULL, NULL, NULL, NULL },
};

static int
core_key(const char *name, struct crm_buf *out)
{
	crm_norm_core(name, out);
	return out->len > 0 ? 0 : -1;
}

static int
phone_key(const char *phone, struct crm_buf *out)
{
	return crm_phone_check(phone, out, NULL);
}

static const struct crm_key keys[CUST_NKEYS] = {
	[CUST_KEY_NAME] = { "name_key", CRM_CF_NAME, crm_norm_name_key,
	    NC_("key", "name"), CRM_KEY_DUP },
	[CUST_KEY_CORE] = { "core_key", CRM_CF_NAME, core_key,
	    NC_("key", "name"), CRM_KEY_NEAR },
	[CUST_KEY_PHONE] = { "phone_key", CRM_CF_PHONE, phone_key,
	    NC_("key", "phone"), CRM_KEY_DUP },
};

/* A name is what duplicates are found by: one that normalizes to
 * nothing ("~", "（）") cannot be told from another. A customer has an
 * owner or is in a pool (its region's, else public), never both. */
static int
customer_finish(struct crm_record *c, const char **bad, struct crm_err *e)
{
	if (c->f[CRM_CF_NAME] != NULL && c->key[CUST_KEY_NAME] == NULL) {
		*bad = "name";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", c->f[CRM_CF_NAME]);
	}
	if (c->f[CRM_CF_OWNER] != NULL)
		crm_record_set(c, CRM_CF_POOL, NULL);
	else if (c->f[CRM_CF_POOL] == NULL)
		crm_record_set(c, CRM_CF_POOL, c->f[CRM_CF_REGION] ?
		    c->f[CRM_CF_REGION] : "public");
	if (c->f[CRM_CF_STATUS] == NULL)
		crm_record_set(c, CRM_CF_STATUS, "prospect");
	return 0;
}

/* Finance and marketing read every customer (data.md); reps, managers
 * and admins change those in their scope. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE | CRM_ROLE_MARKETING,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

/* The name and the table are the records' words in messages too (the
 * generic modules say them with crm_cgettext("entity", ...)). */
const struct crm_entity crm_customer_entity = {
	.name = NC_("entity", "customer"),
	.table = NC_("entity", "customers"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = CUST_NKEYS,
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_CF_NAME,
	.scope = &scope,
	.list = &customer_list,
	.import = &customer_import,
	.pool = &customer_pool,
	.undo = crm_customer_undo,
	/* the duplicates a manager allowed (lib/customer.c, crm check) */
	.history = "customer_dupes_allowed",
	.dupes_allowed = "customer_dupes_allowed",
	.dupes_allowed_id = "customer_id",
	.required_setting = "customer.required",
	.finish = customer_finish,
};
