/* The Theta method (Assimakopoulos and Nikolopoulos 2000, best of the
 * M3 competition), in the form Hyndman and Billah (2003) showed it to
 * be: simple exponential smoothing with a drift of half the slope of
 * the series' least squares line. A series that the autocorrelation at
 * lag m finds seasonal (90%) is first divided by its classical
 * multiplicative seasonal indices, and its forecast multiplied back. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "forecast-impl.h"
#include "crm/banned.h"

int
fc_theta(const double *y, size_t n, int m, size_t h, double *mean,
    double *var, struct crm_fc *info, struct crm_err *e)
{
	struct crm_ets mod = { .error = 'A', .trend = 'N', .season = 'N' };
	int seas = fc_seasonal(y, n, m) && fc_positive(y, n);
	size_t mm = seas ? (size_t)m : 1;
	double *x, *si, a, b, drift;

	if ((x = malloc((n + mm) * sizeof(double))) == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
	si = x + n;
	si[0] = 1;
	if (seas)
		fc_decompose(y, n, m, 1, si);
	for (size_t t = 0; t < n; t++)
		x[t] = y[t] / si[t % mm];
	if (crm_ets_fit(x, n, 1, &mod, e) < 0) {
		free(x);
		return -1;
	}
	fc_ets_forecast(&mod, n, h, mean, var);
	fc_line(x, n, &a, &b);
	drift = (1 - pow(1 - mod.alpha, (double)n)) / mod.alpha;
	for (size_t i = 0; i < h; i++) {
		double s = si[(n + i) % mm];

		mean[i] = (mean[i] + b / 2 * ((double)i + drift)) * s;
		var[i] *= s * s;
	}
	info->alpha = mod.alpha;
	info->sigma2 = mod.sigma2;
	snprintf(info->model, sizeof(info->model), seas ? "seasonal theta" :
	    "theta");
	crm_ets_free(&mod);
	free(x);
	return 0;
}
