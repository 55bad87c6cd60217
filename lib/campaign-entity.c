/* The campaign entity (市场活动): an expo, a web form, an ad, from which
 * leads come. */
#include <string.h>

#include "lead-impl.h"
#include "crm/column-names.h"
#include "crm/norm.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE

static const struct crm_field fields[] = {
	[CRM_MF_ID] = { NC_("column", "id"), "编号|活动编号", CRM_K_ID,
	    SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_MF_NAME] = { NC_("column", "name"), "活动名称|名称|campaign|"
	    "campaign name", CRM_K_TEXT, CRM_F_REQUIRED | SORT | TABLE |
	    CRM_F_SEARCH | OPT, NULL, NULL, "NAME",
	    N_("the campaign's name") },
	[CRM_MF_CHANNEL] = { NC_("column", "channel"), "渠道|类型|活动类型",
	    CRM_K_ENUM, SORT | TABLE | OPT | CRM_F_FILTER,
	    "expo|web|ads|referral|mail|phone|other", NULL, "CHANNEL",
	    N_("expo, web, ads, referral, mail, phone or other") },
	[CRM_MF_START] = { NC_("column", "start_date"), "开始日期|开始时间",
	    CRM_K_DATE, SORT | TABLE | OPT, NULL, "start", "DATE",
	    N_("the first day") },
	[CRM_MF_END] = { NC_("column", "end_date"), "结束日期|结束时间",
	    CRM_K_DATE, SORT | TABLE | OPT, NULL, "end", "DATE",
	    N_("the last day") },
	[CRM_MF_PLACE] = { NC_("column", "place"), "地点|举办地点|venue",
	    CRM_K_TEXT, SORT | TABLE | OPT, NULL, NULL, "TEXT",
	    N_("where it takes place") },
	[CRM_MF_BUDGET] = { NC_("column", "budget"), "预算", CRM_K_MONEY,
	    SORT | OPT, NULL, NULL, "MONEY", N_("the budget") },
	[CRM_MF_COST] = { NC_("column", "cost"), "费用|成本|实际费用",
	    CRM_K_MONEY, SORT | TABLE | OPT, NULL, NULL, "MONEY",
	    N_("what it cost") },
	[CRM_MF_OWNER] = { NC_("column", "owner"), "负责人", CRM_K_LOGIN,
	    CRM_F_OWNER | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_MF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_MF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_MF_NOTE] = { NC_("column", "note"), "备注|说明|notes",
	    CRM_K_NOTE, OPT, NULL, NULL, "TEXT", N_("a note") },
};

static const struct crm_key keys[] = {
	{ "name_key", CRM_MF_NAME, crm_norm_name_key, NC_("key", "name"), 0 },
};

static int
campaign_finish(struct crm_record *m, const char **bad, struct crm_err *e)
{
	const char *start = m->f[CRM_MF_START], *end = m->f[CRM_MF_END];

	if (m->f[CRM_MF_NAME] != NULL && m->key[0] == NULL) {
		*bad = "name";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", m->f[CRM_MF_NAME]);
	}
	if (start && end && strcmp(end, start) < 0) {
		*bad = "end_date";
		return crm_err_set(e, CRM_EX_DATAERR, "%s is before the start "
		    "%s", end, start);
	}
	if ((m->f[CRM_MF_BUDGET] && *m->f[CRM_MF_BUDGET] == '-') ||
	    (m->f[CRM_MF_COST] && *m->f[CRM_MF_COST] == '-')) {
		*bad = m->f[CRM_MF_COST] && *m->f[CRM_MF_COST] == '-' ? "cost" :
		    "budget";
		return crm_err_set(e, CRM_EX_DATAERR, "must not be negative");
	}
	if (m->f[CRM_MF_CHANNEL] == NULL)
		crm_record_set(m, CRM_MF_CHANNEL, "other");
	return 0;
}

/* The scope lets every role that changes campaigns change all it sees
 * (managers see every campaign): a manager changes only theirs and
 * those of the managers under them, not marketing's or another
 * team's. Marketing and admins never get here. */
static int
campaign_may_change(struct crm_session *s, const struct crm_record *m,
    struct crm_err *e)
{
	const char *owner = m->f[CRM_MF_OWNER];
	int ok = 0;

	if (s->role != CRM_ROLE_MANAGER)
		return 0;
	if (owner != NULL && (ok = crm_scope_in_team(s, owner, e)) < 0)
		return -1;
	if (ok)
		return 0;
	return crm_err_set(e, CRM_EX_NOPERM, "%s %lld '%s' belongs to '%s', "
	    "not to you or your team", crm_entity_word(m->ent), m->id,
	    m->f[CRM_MF_NAME], owner ? owner : "");
}

/* Everyone reads the campaigns (a rep sees where a lead came from);
 * marketing changes every one, managers and admins theirs. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP | CRM_ROLE_FINANCE |
	    CRM_ROLE_MARKETING,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_MARKETING
};

const struct crm_entity crm_campaign_entity = {
	.name = NC_("entity", "campaign"),
	.table = NC_("entity", "campaigns"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(*keys),
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_MF_NAME,
	.scope = &scope,
	.undo = crm_campaign_undo,
	.finish = campaign_finish,
	.may_change = campaign_may_change,
};
