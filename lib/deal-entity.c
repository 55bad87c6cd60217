/* The deal entity: its fields, their aliases (the header names of
 * Chinese and English spreadsheets, and of the usual CRM exports), and
 * the rules of its own that hold after every change. */
#include <stdlib.h>
#include <string.h>

#include "deal-impl.h"
#include "crm/money.h"
#include "crm/norm.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define SEARCH CRM_F_SEARCH
#define FILTER CRM_F_FILTER
#define SYSTEM CRM_F_SYSTEM

static const struct crm_field fields[] = {
	[CRM_DF_ID] = { NC_("column", "id"), "编号|商机编号|"
	    "deal id|deal_id", CRM_K_ID, SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	[CRM_DF_CUSTOMER] = { NC_("column", "customer_id"),
	    "customer|客户|客户名称|客户编号|account|account name|company",
	    CRM_K_ID, CRM_F_REQUIRED | SORT | TABLE | OPT | FILTER, NULL,
	    "customer", "ID|NAME", N_("the customer (id or name)") },
	[CRM_DF_NAME] = { NC_("column", "name"), "商机名称|机会名称|商机|"
	    "项目名称|opportunity|opportunity name|deal|deal name|product",
	    CRM_K_TEXT, CRM_F_REQUIRED | SORT | SEARCH | TABLE | OPT, NULL,
	    NULL, "NAME", N_("what is being sold") },
	[CRM_DF_KIND] = { NC_("column", "kind"), "类型|商机类型|type",
	    CRM_K_ENUM, SORT | OPT | FILTER, "standard|project", NULL,
	    "KIND", N_("standard, or project for a big multi-team sale") },
	[CRM_DF_STAGE] = { NC_("column", "stage"), "阶段|销售阶段|商机阶段|"
	    "deal_stage|deal stage", CRM_K_TEXT, SORT | TABLE | FILTER,
	    "@stage", NULL, "STAGE",
	    N_("a stage of deal.stages (see: stages)") },
	[CRM_DF_AMOUNT] = { NC_("column", "amount"), "金额|商机金额|"
	    "预计金额|预计成交金额|value|close_value|close value|deal value",
	    CRM_K_MONEY, SORT | TABLE | OPT, NULL, NULL, "MONEY",
	    N_("the amount (1234.50, ¥1,234.50)") },
	[CRM_DF_PROBABILITY] = { NC_("column", "probability"),
	    "概率|赢率|赢单率|成交概率|win probability", CRM_K_INT,
	    SORT | OPT, NULL, NULL, "PERCENT",
	    N_("0 to 100 (default: the stage's)") },
	[CRM_DF_CLOSE_DATE] = { NC_("column", "close_date"),
	    "预计成交日期|预计签单日期|成交日期|结单日期|close date|"
	    "expected close|close", CRM_K_DATE, SORT | TABLE | OPT, NULL,
	    "close", "DATE", N_("the expected close") },
	[CRM_DF_OWNER] = { NC_("column", "owner"), "负责人|销售|销售员|"
	    "跟进人|sales_agent|sales agent|agent", CRM_K_LOGIN,
	    CRM_F_OWNER | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_DF_NEXT_ACTION] = { NC_("column", "next_action"),
	    "下一步|下一步行动|next step", CRM_K_TEXT, SEARCH, NULL, NULL,
	    NULL, NULL },
	[CRM_DF_NEXT_DUE] = { NC_("column", "next_due"),
	    "下一步日期|下次跟进时间", CRM_K_DATE, SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	[CRM_DF_URGENCY] = { NC_("column", "urgency"), "紧迫度|紧急程度",
	    CRM_K_INT, SORT | OPT, NULL, NULL, "1-5",
	    N_("how urgent the customer's need is, 1 to 5") },
	[CRM_DF_BUDGET] = { NC_("column", "budget"), "预算|预算情况",
	    CRM_K_INT, SORT | OPT, NULL, NULL, "1-5",
	    N_("how sure the budget is, 1 to 5") },
	[CRM_DF_COMPETITION] = { NC_("column", "competition"),
	    "竞争|竞争程度|竞争情况", CRM_K_INT, SORT | OPT, NULL, NULL,
	    "1-5", N_("how strong the competition is, 1 to 5") },
	[CRM_DF_SCORE] = { NC_("column", "score"), "评分|商机评分",
	    CRM_K_INT, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_DF_SOURCE_TYPE] = { NC_("column", "source_type"),
	    "来源|商机来源|source", CRM_K_TEXT, OPT, NULL, "source", "TEXT",
	    N_("where the deal came from (lead, campaign ...)") },
	[CRM_DF_SOURCE_ID] = { NC_("column", "source_id"), "来源编号",
	    CRM_K_TEXT, 0, NULL, NULL, NULL, NULL },
	[CRM_DF_WON_AT] = { NC_("column", "won_at"), "赢单日期",
	    CRM_K_DATE, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_DF_LOST_AT] = { NC_("column", "lost_at"), "输单日期|丢单日期",
	    CRM_K_DATE, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_DF_LOST_REASON] = { NC_("column", "lost_reason"),
	    "输单原因|丢单原因|lost reason", CRM_K_TEXT, 0, "@lost_reason",
	    NULL, NULL, NULL },
	[CRM_DF_STAGE_AT] = { NC_("column", "stage_at"), "阶段时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_DF_LAST_FOLLOWUP_AT] = { NC_("column", "last_followup_at"),
	    "最后跟进时间|最近跟进", CRM_K_TIME, SYSTEM | SORT, NULL, NULL,
	    NULL, NULL },
	[CRM_DF_CREATED_AT] = { NC_("column", "created_at"),
	    "创建时间|engage_date|engage date", CRM_K_TIME, SYSTEM | SORT,
	    NULL, NULL, NULL, NULL },
	[CRM_DF_UPDATED_AT] = { NC_("column", "updated_at"),
	    "更新时间|修改时间", CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL,
	    NULL },
	[CRM_DF_NOTE] = { NC_("column", "note"),
	    "备注|说明|notes|remark|remarks", CRM_K_NOTE, OPT, NULL, NULL,
	    "TEXT", N_("a note") },
};

/* Deals are found by name (show "官网改版"), never held duplicates of
 * each other by it: one customer buys the same product twice. */
static const struct crm_key keys[] = {
	{ "name_key", CRM_DF_NAME, crm_norm_name_key, NC_("key", "name"), 0 },
};

/* A whole number field within its range; *bad names it. */
static int
in_range(struct crm_record *d, int f, int lo, int hi, const char **bad,
    struct crm_err *e)
{
	long v;

	if (d->f[f] == NULL)
		return 0;
	v = strtol(d->f[f], NULL, 10);
	if (v >= lo && v <= hi)
		return 0;
	*bad = crm_deal_entity.fields[f].name;
	return crm_err_set(e, CRM_EX_DATAERR, "%ld is not from %d to %d", v,
	    lo, hi);
}

/* An amount is not negative, and not so large that a sum of a million
 * of them leaves 64 bits (cents up to 10^13: a hundred billion). */
static int
amount_ok(struct crm_record *d, const char **bad, struct crm_err *e)
{
	long long v;

	if (d->f[CRM_DF_AMOUNT] == NULL)
		return 0;
	v = strtoll(d->f[CRM_DF_AMOUNT], NULL, 10);
	if (v >= 0 && v <= CRM_MONEY_MAX)
		return 0;
	*bad = "amount";
	return crm_err_set(e, CRM_EX_DATAERR, "must be from 0 to "
	    "100000000000.00");
}

/* The ranges, the default kind, and data.md's invariants of a closed
 * deal: a won one has a date and no lost reason, a lost one a reason
 * ("other" when an import brings none) and a date. The date of a close
 * is its close date when it has one: a deal imported as won closed
 * then. */
static int
deal_finish(struct crm_record *d, const char **bad, struct crm_err *e)
{
	const char *stage = d->f[CRM_DF_STAGE];

	if (d->f[CRM_DF_NAME] != NULL && d->key[0] == NULL) {
		*bad = "name";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", d->f[CRM_DF_NAME]);
	}
	if (in_range(d, CRM_DF_PROBABILITY, 0, 100, bad, e) < 0 ||
	    in_range(d, CRM_DF_URGENCY, 1, 5, bad, e) < 0 ||
	    in_range(d, CRM_DF_BUDGET, 1, 5, bad, e) < 0 ||
	    in_range(d, CRM_DF_COMPETITION, 1, 5, bad, e) < 0 ||
	    in_range(d, CRM_DF_SCORE, 0, 100, bad, e) < 0 ||
	    amount_ok(d, bad, e) < 0)
		return -1;
	if (d->f[CRM_DF_KIND] == NULL)
		crm_record_set(d, CRM_DF_KIND, "standard");
	if (stage == NULL || strcmp(stage, "won") != 0)
		crm_record_set(d, CRM_DF_WON_AT, NULL);
	if (stage == NULL || strcmp(stage, "lost") != 0) {
		crm_record_set(d, CRM_DF_LOST_AT, NULL);
		crm_record_set(d, CRM_DF_LOST_REASON, NULL);
	}
	if (stage && strcmp(stage, "won") == 0 && d->f[CRM_DF_WON_AT] == NULL)
		crm_record_set(d, CRM_DF_WON_AT, d->f[CRM_DF_CLOSE_DATE]);
	if (stage && strcmp(stage, "lost") == 0) {
		if (d->f[CRM_DF_LOST_REASON] == NULL)
			crm_record_set(d, CRM_DF_LOST_REASON, "other");
		if (d->f[CRM_DF_LOST_AT] == NULL)
			crm_record_set(d, CRM_DF_LOST_AT,
			    d->f[CRM_DF_CLOSE_DATE]);
	}
	return 0;
}

/* Finance reads every deal; marketing none (data.md): a deal is seen by
 * its owner and the owner's managers. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

/* Whether the reader reads the label: deal.stages' default labels are
 * Chinese, and a reader whose interface is not translated reads the key
 * — unless the team wrote its labels in plain ASCII. */
static int
readable(const char *label)
{
	for (const unsigned char *p = (const unsigned char *)label; *p; p++)
		if (*p >= 0x80)
			return strcmp(C_("column", "stage"), "stage") != 0;
	return 1;
}

/* A stage by its label in tables (初步接洽, not qualify): the stages are
 * read once per process; a lost reason in the user's words. */
static int
deal_shown(struct crm_session *s, int field, const char *in,
    struct crm_buf *out)
{
	static struct crm_stages st;
	static int loaded;
	const struct crm_stage *stage;

	if (field == CRM_DF_LOST_REASON) {	/* 价格, not price */
		const char *w = crm_cgettext("lost reason", in);

		if (w == in)
			return 0;
		crm_buf_adds(out, w);
		return 1;
	}
	if (field != CRM_DF_STAGE)
		return 0;
	if (loaded == 0) {
		struct crm_err e = { 0 };

		loaded = crm_stages_load(s, &st, &e) == 0 ? 1 : -1;
	}
	if (loaded < 0 || (stage = crm_stages_find(&st, in)) == NULL ||
	    stage->label == NULL || stage->label[0] == '\0' ||
	    !readable(stage->label))
		return 0;
	crm_buf_adds(out, stage->label);
	return 1;
}

const struct crm_entity crm_deal_entity = {
	.name = NC_("entity", "deal"),
	.table = NC_("entity", "deals"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(*keys),
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_DF_NAME,
	.scope = &scope,
	.import = &deal_import,
	.list = &deal_list,
	.undo = crm_deal_undo,
	.history = "deal_stages",
	.finish = deal_finish,
	.shown = deal_shown,
};
