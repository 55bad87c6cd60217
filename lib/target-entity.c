/* The target entity (销售目标): a value of a metric that a user or a
 * region should reach in a month, quarter or year. */
#include <string.h>

#include "report-impl.h"
#include "crm/banned.h"

#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE

static const struct crm_field fields[] = {
	[CRM_TF_ID] = { NC_("column", "id"), "编号", CRM_K_ID, SORT | TABLE,
	    NULL, NULL, NULL, NULL },
	[CRM_TF_USER] = { NC_("column", "user"), "销售|员工|负责人|rep",
	    CRM_K_LOGIN, CRM_F_OWNER | SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_TF_REGION] = { NC_("column", "region"), "区域|战区|大区",
	    CRM_K_TEXT, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_TF_PERIOD] = { NC_("column", "period"), "期间|周期|月份|季度|"
	    "年度", CRM_K_TEXT, CRM_F_REQUIRED | SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	[CRM_TF_METRIC] = { NC_("column", "metric"), "指标|考核指标",
	    CRM_K_ENUM, CRM_F_REQUIRED | SORT | TABLE,
	    "revenue|collected|new_customers|won_deals", NULL, NULL, NULL },
	[CRM_TF_VALUE] = { NC_("column", "value"), "目标|目标值|数值",
	    CRM_K_TEXT, CRM_F_REQUIRED | SORT | TABLE, NULL, NULL, NULL,
	    NULL },
	[CRM_TF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_TF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
};

/* Exactly one of user and region; the period as a month, quarter or
 * year in its canonical form; the value as the metric counts it. */
static int
target_finish(struct crm_record *t, const char **bad, struct crm_err *e)
{
	char key[REPORT_KEY_LEN], val[CRM_MONEY_LEN];
	struct crm_range r;
	enum crm_metric m;
	long long v;

	if ((t->f[CRM_TF_USER] == NULL) == (t->f[CRM_TF_REGION] == NULL)) {
		*bad = "user";
		return crm_err_set(e, CRM_EX_USAGE, "a target is a user's or a "
		    "region's: give one of them");
	}
	*bad = "period";
	if (crm_period_parse(t->f[CRM_TF_PERIOD], NULL, &r, e) < 0)
		return -1;
	if (r.unit != CRM_PU_MONTH && r.unit != CRM_PU_QUARTER &&
	    r.unit != CRM_PU_YEAR)
		return crm_err_set(e, CRM_EX_USAGE, "'%s' is not a month, "
		    "quarter or year", t->f[CRM_TF_PERIOD]);
	report_bucket(r.unit, r.from, key);
	crm_record_set(t, CRM_TF_PERIOD, key);
	*bad = "metric";
	if (crm_metric_parse(t->f[CRM_TF_METRIC], 0, &m, "metric", e) < 0)
		return -1;
	*bad = "value";
	if (report_target_value(m, t->f[CRM_TF_VALUE], &v, e) < 0)
		return -1;
	report_value_format(m, v, val);
	crm_record_set(t, CRM_TF_VALUE, val);
	*bad = NULL;
	return 0;
}

/* Admins and finance see every target; managers set them. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER
};

const struct crm_entity crm_target_entity = {
	.name = NC_("entity", "target"),
	.table = NC_("entity", "targets"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.features = CRM_E_RUNS,
	.title = CRM_TF_PERIOD,
	.scope = &scope,
	.undo = crm_target_undo,
	.finish = target_finish,
};
