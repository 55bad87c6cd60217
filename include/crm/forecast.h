/* Forecasts of a series of numbers (销售预测): pure functions over an
 * array of doubles — no database here; lib/forecast-sales.c makes the
 * series from the orders. The methods and their references are in
 * man/crm-forecast.1. A period's index t runs from 0 (the oldest) to
 * n - 1 (the last complete period); m is the season's length (12 for
 * months, 52 for weeks; 1 for none). */
#ifndef CRM_FORECAST_H
#define CRM_FORECAST_H

#include <stddef.h>
#include "crm/err.h"

enum crm_fc_method {
	CRM_FC_NAIVE,
	CRM_FC_SNAIVE,
	CRM_FC_SES,
	CRM_FC_ETS,
	CRM_FC_THETA,
	CRM_FC_COMBO,
	CRM_FC_CROSTON,
	CRM_FC_AUTO,
	CRM_FC_NMETHODS
};

/* The method's word ("ets"), and back: -1 for an unknown word. */
const char *crm_fc_method_name(int method);
int crm_fc_method_parse(const char *word);

/* An ETS model's form and fit (Hyndman et al. 2008): error, trend and
 * season as letters ('A', 'M', 'N'; damped: trend 'A' and damped 1).
 * loglik is the Gaussian log-likelihood with σ² = SSE/n, minus
 * Σ log|ŷ| for a multiplicative error; k counts the smoothing
 * parameters, the initial states and σ. */
struct crm_ets {
	char error, trend, season;
	int damped;
	int m;			/* the season's length used (1: none) */
	double alpha, beta, gamma, phi;
	double level, slope;	/* the last states */
	double *s;		/* m seasonal states, by t mod m */
	double loglik, aicc, sigma2;
	int k;
};

/* A forecast h periods ahead, at nlevels levels (percent). */
struct crm_fc {
	size_t h, nlevels;
	double *mean;		/* h points */
	double *lo, *hi;	/* nlevels × h: lo[l * h + i] */
	int method;		/* the method used (auto's pick) */
	int fell_back;		/* 1: the history was too short for it */
	char model[24];		/* ETS(MAdN), ses, ETS(AAN)+theta ... */
	double alpha;		/* ses, theta and croston: their α */
	double sigma2;		/* one-step error variance (naive, ses) */
};

/* Forecast y[0..n) h periods ahead by method at levels[0..nlevels).
 * 0, or -1 and *e (65: no history; 70: out of memory). crm_fc_free
 * frees what *f holds. */
int crm_fc_run(const double *y, size_t n, int m, int method, size_t h,
    const double *levels, size_t nlevels, struct crm_fc *f,
    struct crm_err *e);
void crm_fc_free(struct crm_fc *f);

/* Fit every admissible ETS model and keep the one of least AICc; or
 * fit only the form of *out when it is set (error != 0). 0 or -1. */
int crm_ets_fit(const double *y, size_t n, int m, struct crm_ets *out,
    struct crm_err *e);
/* The log-likelihood and states of y under the model's form and
 * parameters, from the initial states l0, b0 and s0[0..m) (s0 by t mod
 * m). Sets loglik, aicc, sigma2 and the last states; 0 or -1. */
int crm_ets_eval(const double *y, size_t n, double l0, double b0,
    const double *s0, struct crm_ets *mod, struct crm_err *e);
void crm_ets_free(struct crm_ets *mod);

/* A backtest of one method: over origins n - K .. n - 1, forecast up
 * to h periods (as far as the history goes) from each and compare.
 * mase: mean over origins of the mean absolute error scaled by the
 * in-sample seasonal naive mean absolute error (NAN when that is 0);
 * smape: mean over origins of the mean of 200|y - f| / (|y| + |f|)
 * (0 when both are 0). 0 or -1. */
int crm_fc_backtest(const double *y, size_t n, int m, int method,
    size_t h, size_t origins, double *mase, double *smape,
    struct crm_err *e);
/* The same for every method at once (mase[k], smape[k] by method; auto
 * NAN), and *pick: the one auto picks among its candidates (the lowest
 * MASE; the lowest sMAPE when no MASE is defined). */
int crm_fc_backtest_all(const double *y, size_t n, int m, size_t h,
    size_t origins, double *mase, double *smape, int *pick,
    struct crm_err *e);
/* The errors of a forecast f[0..h) of y[n..n+h) from y[0..n). */
double crm_fc_mase(const double *y, size_t n, int m, const double *f,
    size_t h);
double crm_fc_smape(const double *actual, const double *f, size_t h);

/* The method auto picks for y (its lowest backtest MASE), and whether
 * the history was too short (then naive or ses). */
int crm_fc_auto_pick(const double *y, size_t n, int m, size_t h,
    int *short_history, struct crm_err *e);

/* The standard normal quantile of p (0 < p < 1). */
double crm_fc_qnorm(double p);
/* Minimize fn over x[0..d) by Nelder–Mead from x with first steps
 * step[0..d); x gets the minimum. Returns the value there. */
double crm_fc_nelder_mead(double (*fn)(const double *x, void *arg),
    void *arg, double *x, const double *step, int d, int maxiter);

#endif
