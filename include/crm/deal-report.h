/* What deals add up to (commands.md "crm-deal"): the pipeline of open
 * deals, the funnel from the stage history, and the evaluation of each
 * deal (机会评估) stored as its score. Each counts only the deals the
 * acting user sees (crm/scope.h). */
#ifndef CRM_DEAL_REPORT_H
#define CRM_DEAL_REPORT_H

#include "crm/rows.h"
#include "crm/session.h"

/* Open deals by stage (the default, every open stage in order, empty
 * ones too), owner, region (the customer's), month (of the expected
 * close) or kind: deals, amount, and the amount weighted by probability
 * (the deal's, else its stage's). by NULL: stage; another word is 64.
 * totals gets the count, the amount and the weighted amount (cents). */
struct crm_rows *crm_deal_pipeline(struct crm_session *s, const char *by,
    long long totals[3], struct crm_err *e);

/* The funnel as of the end of day asof (NULL: today), from the stage
 * history: per group (by: NULL for one, "owner", "region" or "kind")
 * and stage, the deals that reached it, the conversion from the stage
 * before, the deals in it then, and the median days spent in it;
 * *summary gets per group the deals, open, won, lost, win rate, average
 * won amount, median cycle days and velocity. */
struct crm_rows *crm_deal_funnel(struct crm_session *s, const char *by,
    const char *asof, struct crm_rows **summary, struct crm_err *e);

/* Score the deals ids[0..n) — every open deal the user may change when
 * n is 0 — and store each score (one run, in the audit; crm undo takes
 * it back). The rows: id, name, old score and score; with explain,
 * each deal's factors: id, factor, value, weight and points, the words
 * in the user's language when tr (a table), else in English. */
struct crm_rows *crm_deal_score(struct crm_session *s, const long long *ids,
    size_t n, int explain, int tr, struct crm_err *e);

#endif
