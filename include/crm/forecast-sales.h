/* crm-forecast's reports over the database (commands.md
 * "crm-forecast"): forecasts of sales from the order history, their
 * backtests, and the pipeline's expected revenue. Each counts only the
 * records the acting user sees (crm/scope.h). */
#ifndef CRM_FORECAST_SALES_H
#define CRM_FORECAST_SALES_H

#include "crm/rows.h"
#include "crm/session.h"

/* The options as given (NULL: the default), checked by the library. */
struct crm_forecast_opts {
	const char *by;		/* total (default), region, category,
				   product, owner, customer */
	const char *unit;	/* month (default) or week */
	const char *horizon;	/* periods ahead: 12 months, 13 weeks */
	const char *method;	/* auto (default), naive, snaive, ... */
	const char *level;	/* "80,95" (default) */
	const char *origins;	/* backtest: the last K origins (6) */
	const char *history;	/* sales: the last N periods of history as
				   rows before the forecast (0) */
	/* told of each series whose history is too short for its method:
	 * its key, its periods and the method used instead */
	void (*short_history)(void *arg, const char *series, size_t n,
	    const char *method);
	void *arg;
};

/* Per series and period ahead: the point forecast and the bounds at
 * each level (columns lo_L, hi_L). */
struct crm_rows *crm_forecast_sales(struct crm_session *s,
    const struct crm_forecast_opts *o, struct crm_err *e);
/* Per series and method: MASE and sMAPE over the last K origins, and
 * auto's pick; then their means over the series. */
struct crm_rows *crm_forecast_backtest(struct crm_session *s,
    const struct crm_forecast_opts *o, struct crm_err *e);
/* Expected revenue by close month over the months ahead (months: NULL
 * for 3), by owner, region or stage (NULL: none), of standard or
 * project deals or all (NULL: all). */
struct crm_rows *crm_forecast_pipeline(struct crm_session *s,
    const char *months, const char *by, const char *scope,
    struct crm_err *e);

/* Per person the user sees in detail: the revenue target of the period
 * (NULL: this month), what was ordered so far, the open deals expected
 * to close in it, the forecast to its end (their sum), its attainment
 * and the shortfall. */
struct crm_rows *crm_forecast_targets(struct crm_session *s,
    const char *period, struct crm_err *e);

#endif
