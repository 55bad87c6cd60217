/* The lead entity: its fields, their aliases (the header names of expo
 * sign-up sheets and web forms, Chinese and English), its duplicate keys,
 * and the rules of its own that hold after every change. */
#include <ctype.h>
#include <string.h>

#include "lead-impl.h"
#include "crm/norm.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define SEARCH CRM_F_SEARCH
#define FILTER CRM_F_FILTER
#define SYSTEM CRM_F_SYSTEM

static const struct crm_field fields[] = {
	[CRM_LF_ID] = { NC_("column", "id"), "编号|线索编号|lead id|lead_id",
	    CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_LF_NAME] = { NC_("column", "name"), "姓名|联系人|名字|客户姓名|"
	    "full name|contact|contact name", CRM_K_TEXT,
	    CRM_F_REQUIRED | SORT | SEARCH | TABLE | OPT, NULL, NULL, "NAME",
	    N_("the person's name") },
	[CRM_LF_COMPANY] = { NC_("column", "company"), "公司|公司名称|单位|"
	    "单位名称|企业|企业名称|company name|organization|account",
	    CRM_K_TEXT, SORT | SEARCH | TABLE | OPT, NULL, NULL, "NAME",
	    N_("the company (公司)") },
	[CRM_LF_TITLE] = { NC_("column", "title"), "职位|职务|头衔|job title|"
	    "position", CRM_K_TEXT, OPT, NULL, NULL, "TEXT",
	    N_("job title") },
	[CRM_LF_PHONE] = { NC_("column", "phone"), "手机|电话|手机号|手机号码|"
	    "联系电话|电话号码|mobile|tel|telephone|phone number",
	    CRM_K_PHONE, SORT | SEARCH | TABLE | OPT | CRM_F_MASKED, NULL,
	    NULL, "PHONE", N_("phone or mobile number") },
	[CRM_LF_EMAIL] = { NC_("column", "email"), "邮箱|电子邮件|电子邮箱|"
	    "e-mail|mail", CRM_K_EMAIL, SEARCH | OPT | CRM_F_MASKED, NULL,
	    NULL, "EMAIL", N_("email address") },
	[CRM_LF_REGION] = { NC_("column", "region"), "地区|区域|战区|大区|"
	    "省份|城市", CRM_K_TEXT, SORT | OPT | FILTER, NULL, NULL,
	    "REGION", N_("sales region: the lead pool it goes to") },
	[CRM_LF_INDUSTRY] = { NC_("column", "industry"), "行业|所属行业|"
	    "sector", CRM_K_TEXT, SORT | OPT, NULL, NULL, "TEXT",
	    N_("industry") },
	[CRM_LF_SIZE] = { NC_("column", "size"), "规模|公司规模|company size|"
	    "employees", CRM_K_TEXT, SORT | OPT, NULL, NULL, "TEXT",
	    N_("company size (small, medium, large ...)") },
	[CRM_LF_SOURCE] = { NC_("column", "source"), "来源|渠道|线索来源|"
	    "lead source|channel", CRM_K_TEXT, SORT | OPT | FILTER, NULL,
	    NULL, "SOURCE", N_("where the lead came from (expo, web ...)") },
	[CRM_LF_CAMPAIGN] = { NC_("column", "campaign_id"), "campaign|活动|"
	    "市场活动|活动名称", CRM_K_ID, SORT | OPT | FILTER, NULL,
	    "campaign", "ID|NAME", N_("the campaign (id or name)") },
	[CRM_LF_STATUS] = { NC_("column", "status"), "状态|线索状态",
	    CRM_K_ENUM, SORT | TABLE | OPT | FILTER, "new|assigned|contacted|"
	    "qualified|converted|disqualified", NULL, "STATUS",
	    N_("contacted or qualified (the others are set by claims, "
	    "convert and disqualify)") },
	[CRM_LF_DISQUALIFY_REASON] = { NC_("column", "disqualify_reason"),
	    "无效原因", CRM_K_TEXT, 0, NULL, NULL, NULL, NULL },
	[CRM_LF_OWNER] = { NC_("column", "owner"), "负责人|跟进人|销售|"
	    "销售员|所属销售", CRM_K_LOGIN, CRM_F_OWNER | SORT | TABLE, NULL,
	    NULL, NULL, NULL },
	[CRM_LF_POOL] = { NC_("column", "pool"), "线索池", CRM_K_TEXT,
	    CRM_F_POOL | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_LF_SCORE] = { NC_("column", "score"), "评分|线索评分",
	    CRM_K_INT, SYSTEM | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_LF_CLAIMED_AT] = { NC_("column", "claimed_at"), "领取时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_LF_LAST_FOLLOWUP_AT] = { NC_("column", "last_followup_at"),
	    "最后跟进时间|最近跟进", CRM_K_TIME, SYSTEM | SORT, NULL, NULL,
	    NULL, NULL },
	[CRM_LF_NEXT_FOLLOWUP_AT] = { NC_("column", "next_followup_at"),
	    "下次跟进时间|下次跟进", CRM_K_DATE, SORT, NULL, NULL, NULL,
	    NULL },
	[CRM_LF_CREATED_AT] = { NC_("column", "created_at"), "创建时间|"
	    "登记时间|报名时间", CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL,
	    NULL },
	[CRM_LF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间|"
	    "修改时间", CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_LF_NOTE] = { NC_("column", "note"), "备注|说明|留言|notes|"
	    "remark|remarks|comment|comments", CRM_K_NOTE, OPT, NULL, NULL,
	    "TEXT", N_("a note") },
	[CRM_LF_LOCKED] = { NC_("column", "locked"), "锁定", CRM_K_BOOL,
	    CRM_F_MANAGER, NULL, NULL, NULL, NULL },
	[CRM_LF_LOCK_REASON] = { NC_("column", "lock_reason"), "锁定原因",
	    CRM_K_TEXT, CRM_F_MANAGER, NULL, NULL, NULL, NULL },
	[CRM_LF_CUSTOMER] = { NC_("column", "customer_id"), NULL, CRM_K_ID,
	    SYSTEM, NULL, NULL, NULL, NULL },
	[CRM_LF_DEAL] = { NC_("column", "deal_id"), NULL, CRM_K_ID, SYSTEM,
	    NULL, NULL, NULL, NULL },
};

static int
phone_key(const char *phone, struct crm_buf *out)
{
	return crm_phone_check(phone, out, NULL);
}

/* An address is one whatever its case and width (Ａ@b.CN). */
static int
email_key(const char *email, struct crm_buf *out)
{
	crm_norm_width(email, out);
	for (size_t i = 0; i < out->len; i++)
		out->s[i] = (char)tolower((unsigned char)out->s[i]);
	return out->len > 0 ? 0 : -1;
}

/* Two people of one company are two leads: the company is a near
 * duplicate (dupes lists them), never a refusal. */
static const struct crm_key keys[CRM_LEAD_NKEYS] = {
	[CRM_LEAD_KEY_NAME] = { "name_key", CRM_LF_NAME, crm_norm_name_key,
	    NC_("key", "name"), 0 },
	[CRM_LEAD_KEY_PHONE] = { "phone_key", CRM_LF_PHONE, phone_key,
	    NC_("key", "phone"), CRM_KEY_DUP },
	[CRM_LEAD_KEY_EMAIL] = { "email_key", CRM_LF_EMAIL, email_key,
	    NC_("key", "email"), CRM_KEY_DUP },
	[CRM_LEAD_KEY_COMPANY] = { "company_key", CRM_LF_COMPANY,
	    crm_norm_name_key, NC_("key", "company"), CRM_KEY_NEAR },
};

static int
is(const char *v, const char *word)
{
	return v != NULL && strcmp(v, word) == 0;
}

/* A lead with the customer it became is converted for good: one that
 * said otherwise could be released, disqualified or converted again
 * over its links (set and edit refuse it first; an import's update
 * meets this). Undo of the conversion clears both together. */
static int
converted_ok(const struct crm_record *l, const char **bad,
    struct crm_err *e)
{
	if (l->f[CRM_LF_CUSTOMER] == NULL ||
	    is(l->f[CRM_LF_STATUS], "converted"))
		return 0;
	*bad = "status";
	return crm_err_set(e, CRM_EX_DATAERR, "the lead was converted into "
	    "customer %s: its status is final", l->f[CRM_LF_CUSTOMER]);
}

/* A lead has an owner or is in a pool (its region's, else public), as a
 * customer; in a pool it is new, owned it is at least assigned; only a
 * disqualified one has a reason. */
static int
lead_finish(struct crm_record *l, const char **bad, struct crm_err *e)
{
	const char *status = l->f[CRM_LF_STATUS];
	int rc;

	if (l->f[CRM_LF_NAME] != NULL && l->key[CRM_LEAD_KEY_NAME] == NULL) {
		*bad = "name";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", l->f[CRM_LF_NAME]);
	}
	if (l->f[CRM_LF_OWNER] != NULL)
		crm_record_set(l, CRM_LF_POOL, NULL);
	else if (l->f[CRM_LF_POOL] == NULL)
		crm_record_set(l, CRM_LF_POOL, l->f[CRM_LF_REGION] ?
		    l->f[CRM_LF_REGION] : "public");
	if (status == NULL || is(status, "new") || is(status, "assigned"))
		crm_record_set(l, CRM_LF_STATUS, l->f[CRM_LF_OWNER] ?
		    "assigned" : "new");
	if ((rc = converted_ok(l, bad, e)) < 0)
		return rc;
	if (!is(l->f[CRM_LF_STATUS], "disqualified"))
		crm_record_set(l, CRM_LF_DISQUALIFY_REASON, NULL);
	else if (l->f[CRM_LF_DISQUALIFY_REASON] == NULL) {
		*bad = "disqualify_reason";
		return crm_err_set(e, CRM_EX_DATAERR, "a disqualified lead "
		    "has a reason");
	}
	return 0;
}

/* The first follow-up of a new or assigned lead makes it contacted. */
static void
lead_followed(struct crm_record *l)
{
	if (is(l->f[CRM_LF_STATUS], "new") ||
	    is(l->f[CRM_LF_STATUS], "assigned"))
		crm_record_set(l, CRM_LF_STATUS, "contacted");
}

/* Marketing reads and changes every lead, finance reads them (data.md);
 * reps, managers and admins change those in their scope. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_MARKETING | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP | CRM_ROLE_MARKETING
};

const struct crm_entity crm_lead_entity = {
	.name = NC_("entity", "lead"),
	.table = NC_("entity", "leads"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = CRM_LEAD_NKEYS,
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_LF_NAME,
	.scope = &scope,
	.pool = &lead_pool,
	.import = &lead_import,
	.undo = crm_lead_undo,
	.finish = lead_finish,
	.followed = lead_followed,
};
