/* The dashboard (commands.md "crm-report dashboard"): one screen for a
 * manager — this month against target, the pipeline by stage, the
 * collections due and overdue, the top reps, the funnel and twelve
 * months of sales — made of the reports' own library functions, so
 * scoped by role as each of them is: a rep sees their own figures. The
 * same data and clock give the same text and the same page. */
#ifndef CRM_DASHBOARD_H
#define CRM_DASHBOARD_H

#include "crm/buf.h"
#include "crm/chart.h"
#include "crm/clock.h"
#include "crm/money.h"
#include "crm/session.h"

/* A target of this month (crm target) and how far it got. */
struct crm_dash_target {
	char *who, *metric;	/* a person's name (or login), the metric */
	char *target, *actual;	/* as a table shows them: 1,234.00 or 12 */
	double pct;		/* attainment in % */
	char *pct_text;
};

struct crm_dashboard {
	char month[8], today[CRM_DATE_LEN];
	char ordered[CRM_MONEY_LEN], previous[CRM_MONEY_LEN];
	char collected[CRM_MONEY_LEN];
	char *change;		/* against last month: "+12.5%", or "-" */
	struct crm_dash_target *targets;
	size_t ntargets;
	struct crm_chart pipeline;
	long long open_deals;
	char open_amount[CRM_MONEY_LEN], weighted[CRM_MONEY_LEN];
	long long due_days, due_n, overdue_n;
	char due_sum[CRM_MONEY_LEN], overdue_sum[CRM_MONEY_LEN];
	struct crm_chart overdue;	/* the first few past due */
	struct crm_chart reps;		/* "1 李雷": the places whose figures
					   the user sees */
	char *others;		/* the other places ("2 王芳, 3 韩梅梅": a
				   rep's peers), or "" */
	struct crm_chart funnel;
	char *win_rate;		/* "50.0%", "-" without closed deals */
	char *velocity;
	struct crm_chart sales;		/* ordered, the last 12 months */
};

/* Gather it as the session's user sees it (every figure through the
 * report that makes it). On error d is still to be freed. */
int crm_dashboard_load(struct crm_session *s, struct crm_dashboard *d,
    struct crm_err *e);
void crm_dashboard_free(struct crm_dashboard *d);

/* For a terminal width columns wide: a section each, with bars and a
 * sparkline (ascii: plain characters). */
void crm_dashboard_text(struct crm_buf *out, const struct crm_dashboard *d,
    int width, int ascii);
/* One self-contained HTML page: inline CSS and SVG, no script, nothing
 * fetched from anywhere; one column on a phone's width. */
void crm_dashboard_html(struct crm_buf *out, const struct crm_dashboard *d);
/* A metric's word (revenue ...) in the user's language. */
const char *crm_dash_metric(const char *metric);

#endif
