/* The simple methods — naive, seasonal naive (Hyndman and
 * Athanasopoulos, "Forecasting: Principles and Practice", ch. 5) and
 * Croston's (1972) for intermittent demand — and the tools the others
 * share: decomposition, a least squares line, the autocorrelation. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "forecast-impl.h"
#include "crm/banned.h"

int
fc_positive(const double *y, size_t n)
{
	for (size_t t = 0; t < n; t++)
		if (!(y[t] > 0))
			return 0;
	return 1;
}

void
fc_line(const double *y, size_t n, double *a, double *b)
{
	double st = 0, sy = 0, stt = 0, sty = 0;

	for (size_t t = 0; t < n; t++) {
		st += (double)t, sy += y[t];
		stt += (double)t * (double)t, sty += (double)t * y[t];
	}
	*b = n > 1 ? (n * sty - st * sy) / (n * stt - st * st) : 0;
	*a = n ? (sy - *b * st) / (double)n : 0;
}

/* The centred moving average of order m at t (m/2 <= t < n - m/2). */
static double
centred_ma(const double *y, int m, size_t t)
{
	size_t half = (size_t)m / 2;
	double s = 0;

	if (m % 2) {
		for (size_t i = t - half; i <= t + half; i++)
			s += y[i];
		return s / m;
	}
	s = (y[t - half] + y[t + half]) / 2;
	for (size_t i = t - half + 1; i < t + half; i++)
		s += y[i];
	return s / m;
}

void
fc_decompose(const double *y, size_t n, int m, int mult, double *si)
{
	size_t half = (size_t)m / 2;
	double norm = 0;

	for (int p = 0; p < m; p++) {
		double s = 0;
		size_t c = 0;

		for (size_t t = (size_t)p; t < n; t += (size_t)m) {
			double ma;

			if (t < half || t + half >= n)
				continue;
			ma = centred_ma(y, m, t);
			s += mult ? (ma != 0 ? y[t] / ma : 1) : y[t] - ma;
			c++;
		}
		si[p] = c ? s / (double)c : (mult ? 1 : 0);
		norm += si[p] / m;
	}
	for (int p = 0; p < m; p++)
		si[p] = mult ? (norm != 0 ? si[p] / norm : 1) : si[p] - norm;
}

double
fc_acf(const double *y, size_t n, size_t k)
{
	double mean = 0, num = 0, den = 0;

	for (size_t t = 0; t < n; t++)
		mean += y[t] / (double)n;
	for (size_t t = 0; t < n; t++) {
		den += (y[t] - mean) * (y[t] - mean);
		if (t + k < n)
			num += (y[t] - mean) * (y[t + k] - mean);
	}
	return den > 0 ? num / den : 0;
}

/* As thetaf in R's forecast: r_m against 1.645 × its standard error
 * under Bartlett's formula, a test at 90%; three seasons at least. */
int
fc_seasonal(const double *y, size_t n, int m)
{
	double s = 0;

	if (m < 2 || n < 3 * (size_t)m)
		return 0;
	for (int k = 1; k < m; k++) {
		double r = fc_acf(y, n, (size_t)k);

		s += r * r;
	}
	return fabs(fc_acf(y, n, (size_t)m)) >
	    1.6448536 * sqrt((1 + 2 * s) / (double)n);
}

/* Naive: the last value; its h-step variance h σ², σ² the mean square
 * of the one-step changes. Seasonal naive: the value a season before;
 * variance (⌊(h − 1)/m⌋ + 1) σ², σ² of the changes over a season. */
static int
fc_naive(const double *y, size_t n, int m, size_t h, double *mean,
    double *var, struct crm_fc *info)
{
	double s2 = 0;
	size_t lag = m > 1 && n > (size_t)m ? (size_t)m : 1;

	for (size_t t = lag; t < n; t++)
		s2 += (y[t] - y[t - lag]) * (y[t] - y[t - lag]);
	s2 = n > lag ? s2 / (double)(n - lag) : NAN;	/* no change seen */
	for (size_t i = 0; i < h; i++) {
		mean[i] = y[n - lag + i % lag];
		var[i] = s2 * (double)(i / lag + 1);
	}
	info->sigma2 = s2;
	return 0;
}

/* Croston's method with α = 0.1 for both the sizes and the intervals
 * of the demands, started at the first demand; the forecast is their
 * ratio, flat. Its variance: the mean square of the one-step errors
 * (the method has no model; see Shenstone and Hyndman 2005). */
int
fc_croston(const double *y, size_t n, size_t h, double *mean,
    double *var, struct crm_fc *info)
{
	const double a = 0.1;
	double z = 0, p = 0, f = 0, s2 = 0;
	size_t q = 1, seen = 0, ns = 0;

	for (size_t t = 0; t < n; t++) {
		if (seen) {
			s2 += (y[t] - f) * (y[t] - f);
			ns++;
		}
		if (y[t] != 0) {
			if (!seen)
				z = y[t], p = (double)q;
			else
				z += a * (y[t] - z), p += a * ((double)q - p);
			seen = 1;
			q = 1;
			f = z / p;
		} else
			q++;
	}
	for (size_t i = 0; i < h; i++) {
		mean[i] = f;
		var[i] = ns ? s2 / (double)ns : 0;
	}
	info->alpha = a;
	info->sigma2 = ns ? s2 / (double)ns : 0;
	return 0;
}

/* ses: the ETS(A,N,N) model; ets: the best of the ETS family. */
static int
fc_ets(const double *y, size_t n, int m, int ses, size_t h, double *mean,
    double *var, struct crm_fc *info, struct crm_err *e)
{
	struct crm_ets mod = { 0 };

	if (ses)
		mod.error = 'A', mod.trend = 'N', mod.season = 'N';
	if (crm_ets_fit(y, n, m, &mod, e) < 0)
		return -1;
	fc_ets_forecast(&mod, n, h, mean, var);
	info->alpha = mod.alpha;
	info->sigma2 = mod.sigma2;
	if (ses)
		snprintf(info->model, sizeof(info->model), "ses");
	else
		snprintf(info->model, sizeof(info->model), "ETS(%c%s%c)",
		    mod.error, mod.trend == 'N' ? "N" : mod.damped ? "Ad" :
		    "A", mod.season);
	crm_ets_free(&mod);
	return 0;
}

int
fc_method(const double *y, size_t n, int m, int method, size_t h,
    double *mean, double *var, struct crm_fc *info, struct crm_err *e)
{
	info->model[0] = '\0';
	switch (method) {
	case CRM_FC_NAIVE:
		return fc_naive(y, n, 1, h, mean, var, info);
	case CRM_FC_SNAIVE:
		return fc_naive(y, n, m, h, mean, var, info);
	case CRM_FC_SES:
		return fc_ets(y, n, m, 1, h, mean, var, info, e);
	case CRM_FC_ETS:
		return fc_ets(y, n, m, 0, h, mean, var, info, e);
	case CRM_FC_THETA:
		return fc_theta(y, n, m, h, mean, var, info, e);
	case CRM_FC_CROSTON:
		return fc_croston(y, n, h, mean, var, info);
	}
	return crm_err_set(e, CRM_EX_SOFTWARE, "no method %d", method);
}
