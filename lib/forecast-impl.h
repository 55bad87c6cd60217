/* Shared by the forecast methods of lib/forecast-*.c. */
#ifndef FORECAST_IMPL_H
#define FORECAST_IMPL_H

#include "crm/forecast.h"

/* Classical decomposition (moving average of order m, centred): the
 * seasonal indices si[0..m) by t mod m, averaging 1 (mult) or 0. Needs
 * n >= 2m. */
void fc_decompose(const double *y, size_t n, int m, int mult, double *si);
/* Least squares line through y[0..n) at t = 0..n-1. */
void fc_line(const double *y, size_t n, double *a, double *b);
/* Is every y[t] > 0? */
int fc_positive(const double *y, size_t n);
/* The autocorrelation of y at lag k. */
double fc_acf(const double *y, size_t n, size_t k);
/* Does y look seasonal with period m: |r_m| above its 90% bound? */
int fc_seasonal(const double *y, size_t n, int m);

/* Point forecasts and h-step variances of a fitted ETS model after n
 * periods. */
void fc_ets_forecast(const struct crm_ets *mod, size_t n, size_t h,
    double *mean, double *var);

/* A forecast's arrays for h periods at nl levels; -1 and *e. */
int fc_alloc(struct crm_fc *f, size_t h, size_t nl, struct crm_err *e);
/* The intervals from the variances: mean ± z σ_h at each level. */
void fc_intervals(struct crm_fc *f, const double *var, const double *lv);

/* One method on y (not auto, not combo): mean[0..h) and var[0..h). */
int fc_method(const double *y, size_t n, int m, int method, size_t h,
    double *mean, double *var, struct crm_fc *info, struct crm_err *e);
int fc_theta(const double *y, size_t n, int m, size_t h, double *mean,
    double *var, struct crm_fc *info, struct crm_err *e);
int fc_croston(const double *y, size_t n, size_t h, double *mean,
    double *var, struct crm_fc *info);

#endif
