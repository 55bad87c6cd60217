/* crm-report (design/commands.md "crm-report"): the numbers, each a
 * query over what the other tools recorded, scoped by the acting user's
 * role (design/data.md) — a rep their own figures, a manager their
 * team's, admins and finance everyone's —, over a range of days, with
 * every period of the range shown, empty ones as zero; and the sales
 * targets (销售目标) of `crm target`. */
#ifndef CRM_REPORT_H
#define CRM_REPORT_H

#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/entity.h"
#include "crm/in.h"
#include "crm/input.h"
#include "crm/rows.h"
#include "crm/session.h"

/* A range of days, both ends included; unit is the period it was
 * named as (a month for --period 2026-11), or CRM_PU_DAY for --from and
 * --to. */
enum crm_unit {
	CRM_PU_DAY, CRM_PU_WEEK, CRM_PU_MONTH, CRM_PU_QUARTER, CRM_PU_YEAR
};
struct crm_range {
	crm_day from, to;
	enum crm_unit unit;
};

/* A named period: 2026-11, 2026-Q4, 2026, 2026-11-05, or relative to
 * today: this-month, last-month, this-quarter, last-quarter, this-year,
 * last-year, this-week, last-week, today, yesterday. 64 naming what
 * (--period) if it is none of these. */
int crm_period_parse(const char *text, const char *what,
    struct crm_range *r, struct crm_err *e);
/* The range of a report: --period, or --from and --to (either may be
 * missing: the start of the month of --to, or today), or this month.
 * --period with --from or --to, or --from after --to, is 64. */
int crm_report_range(const char *period, const char *from, const char *to,
    struct crm_range *r, struct crm_err *e);

/* sales: metric ordered (default), invoiced or collected; by up to two
 * of month, week, quarter, year, day, owner, region, customer, product
 * (ordered only); at most one of them a time. Rows: the --by columns,
 * amount, count, and the amount of the previous period (环比) and of the
 * same period a year before (同比), each with the change in %. */
struct crm_sales_opts {
	const char *metric;
	const char *const *by;
	int nby;
	struct crm_range range;
};
struct crm_rows *crm_report_sales(struct crm_session *s,
    const struct crm_sales_opts *o, struct crm_err *e);

/* The metrics of targets, ranks and commission. */
enum crm_metric {
	CRM_M_REVENUE, CRM_M_COLLECTED, CRM_M_NEW_CUSTOMERS, CRM_M_WON_DEALS,
	CRM_M_FOLLOWUPS, CRM_M_INVOICED
};
/* revenue, collected, new_customers, won_deals (targets: no more);
 * with all, also followups (rank). 64 naming what. */
int crm_metric_parse(const char *text, int all, enum crm_metric *m,
    const char *what, struct crm_err *e);

/* Targets (销售目标): one value per user or region, period (a month,
 * quarter or year) and metric — an amount for revenue and collected, a
 * count for new_customers and won_deals. */
enum crm_target_field {
	CRM_TF_ID, CRM_TF_USER, CRM_TF_REGION, CRM_TF_PERIOD, CRM_TF_METRIC,
	CRM_TF_VALUE, CRM_TF_CREATED_AT, CRM_TF_UPDATED_AT,
	CRM_TARGET_NFIELDS
};
extern const struct crm_entity crm_target_entity;
/* Set the target of a user (login) or a region (exactly one of them),
 * creating or changing it: admins any, managers their team's users and
 * regions (77 otherwise). *id gets its id. */
struct crm_target_key {
	const char *user, *region, *period, *metric;
};
int crm_target_set(struct crm_session *s, const struct crm_target_key *k,
    const char *value, long long *id, struct crm_err *e);
/* The targets the user sees, by period, user, region and metric:
 * admins and finance all, a manager their team's users and regions, a
 * rep their own. Each filter may be NULL. */
struct crm_rows *crm_target_list(struct crm_session *s,
    const struct crm_target_key *filter, struct crm_err *e);
/* Set every target of a file (user, region, period, metric, value —
 * the columns of list): all or none; a bad record is told as
 * FILE:LINE naming the field (65). *n gets how many were set. */
int crm_target_import(struct crm_session *s, const char *path,
    const struct crm_in_opts *o, long *n, struct crm_err *e);
int crm_target_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

/* targets: per user (by NULL or "user") or region, and metric, the
 * target of the period, the actual, attainment % and what is left. */
struct crm_rows *crm_report_targets(struct crm_session *s,
    const struct crm_range *r, const char *by, struct crm_err *e);
/* rank: the leaderboard of a metric over the range (limit 0: all). */
struct crm_rows *crm_report_rank(struct crm_session *s,
    const struct crm_range *r, const char *metric, long long limit,
    struct crm_err *e);
/* commission: per rep (or only user) from the setting commission.plan;
 * with explain the arithmetic, tier by tier. */
struct crm_rows *crm_report_commission(struct crm_session *s,
    const struct crm_range *r, const char *user, int explain,
    struct crm_err *e);
/* customers (客户画像): per region (by NULL), industry, tier, source or
 * status, the customers the user sees: how many, owned, in a pool, by
 * status, and how many were added in the range; every tier (A-E) and
 * status shown, 0 too. */
struct crm_rows *crm_report_customers(struct crm_session *s,
    const struct crm_range *r, const char *by, struct crm_err *e);
/* campaigns: those started in the range, with cost (their own and the
 * expenses charged to them), leads, customers converted, the revenue of
 * their orders the user sees, cost per lead and ROI. Marketing, managers,
 * finance and admins (77 otherwise); marketing sees no orders: its
 * revenue and ROI are empty. */
struct crm_rows *crm_report_campaigns(struct crm_session *s,
    const struct crm_range *r, struct crm_err *e);

/* leads: per source (by NULL), campaign, owner or region, the leads the
 * user sees added in the range: how many, contacted (or further),
 * qualified (or converted), converted, disqualified with the reasons,
 * the conversion rate and the median days to convert. */
struct crm_rows *crm_report_leads(struct crm_session *s,
    const struct crm_range *r, const char *by, struct crm_err *e);
/* activity: per person (by NULL or "owner": those whose figures the
 * user sees), day of the range (each, 0 too) or kind of follow-up: the
 * follow-ups, the customers they touched, customers added, claimed from
 * a pool and recycled. 64 for another by. */
struct crm_rows *crm_report_activity(struct crm_session *s,
    const struct crm_range *r, const char *by, struct crm_err *e);

/* The rule of the setting commission.plan (lib/setting-rules.c). */
struct crm_ynode;
int crm_commission_plan_check(const struct crm_ynode *n, const char *key,
    struct crm_err *e);

#endif
