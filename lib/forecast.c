/* The forecast methods by name, their combination, their errors, the
 * rolling-origin backtest and auto's choice by it (Tashman 2000; the
 * errors as in Hyndman and Koehler 2006: MASE scaled by the in-sample
 * seasonal naive error, sMAPE as in the M3 competition). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast-impl.h"
#include "crm/banned.h"

static const char *const names[CRM_FC_NMETHODS] = {
	"naive", "snaive", "ses", "ets", "theta", "combo", "croston", "auto"
};

/* auto's backtests: at most this many origins. */
#define AUTO_ORIGINS 6

const char *
crm_fc_method_name(int method)
{
	return method >= 0 && method < CRM_FC_NMETHODS ? names[method] : "?";
}

int
crm_fc_method_parse(const char *word)
{
	for (int i = 0; i < CRM_FC_NMETHODS; i++)
		if (strcmp(word, names[i]) == 0)
			return i;
	return -1;
}

int
fc_alloc(struct crm_fc *f, size_t h, size_t nl, struct crm_err *e)
{
	memset(f, 0, sizeof(*f));
	f->h = h;
	f->nlevels = nl;
	f->mean = calloc(h * (1 + 2 * nl) + 1, sizeof(double));
	if (f->mean == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
	f->lo = f->mean + h;
	f->hi = f->lo + h * nl;
	return 0;
}

void
crm_fc_free(struct crm_fc *f)
{
	free(f->mean);
	f->mean = f->lo = f->hi = NULL;
}

void
fc_intervals(struct crm_fc *f, const double *var, const double *lv)
{
	for (size_t l = 0; l < f->nlevels; l++) {
		double z = crm_fc_qnorm(0.5 + lv[l] / 200);

		for (size_t i = 0; i < f->h; i++) {
			/* no spread to estimate (one period): no bounds */
			double w = isnan(var[i]) ? NAN :
			    z * sqrt(var[i] > 0 ? var[i] : 0);

			f->lo[l * f->h + i] = f->mean[i] - w;
			f->hi[l * f->h + i] = f->mean[i] + w;
		}
	}
}

/* combo: the mean of ets and theta; its spread the mean of their
 * standard deviations (as if their errors went together: the wider,
 * safer band). */
static int
fc_combo(const double *y, size_t n, int m, size_t h, double *mean,
    double *var, struct crm_fc *info, struct crm_err *e)
{
	double *w = malloc(2 * h * sizeof(double) + 1);
	char ets[sizeof(info->model)];

	if (w == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
	if (fc_method(y, n, m, CRM_FC_ETS, h, mean, var, info, e) < 0 ||
	    !memcpy(ets, info->model, sizeof(ets)) ||
	    fc_method(y, n, m, CRM_FC_THETA, h, w, w + h, info, e) < 0) {
		free(w);
		return -1;
	}
	for (size_t i = 0; i < h; i++) {
		double s = (sqrt(var[i]) + sqrt(w[h + i])) / 2;

		mean[i] = (mean[i] + w[i]) / 2;
		var[i] = s * s;
	}
	snprintf(info->model, sizeof(info->model), "%.12s+theta", ets);
	free(w);
	return 0;
}

/* Any method but auto, into mean and var. Too short a history for a
 * model (under 5 periods) gets the naive forecast, said: croston and
 * snaive too — a seasonal naive without a season before the last
 * period would be naive under another name. */
static int
fc_any(const double *y, size_t n, int m, int method, size_t h,
    double *mean, double *var, struct crm_fc *info, struct crm_err *e)
{
	if ((n < 5 && method != CRM_FC_NAIVE) || (method == CRM_FC_SNAIVE &&
	    m > 1 && n <= (size_t)m)) {
		info->fell_back = 1;
		method = CRM_FC_NAIVE;
	}
	info->method = method;
	if (method == CRM_FC_COMBO)
		return fc_combo(y, n, m, h, mean, var, info, e);
	return fc_method(y, n, m, method, h, mean, var, info, e);
}

double
crm_fc_mase(const double *y, size_t n, int m, const double *f, size_t h)
{
	size_t lag = m > 1 && n > (size_t)m ? (size_t)m : 1;
	double scale = 0, err = 0;

	for (size_t t = lag; t < n; t++)
		scale += fabs(y[t] - y[t - lag]);
	if (n <= lag || scale == 0 || h == 0)
		return NAN;
	scale /= (double)(n - lag);
	for (size_t i = 0; i < h; i++)
		err += fabs(y[n + i] - f[i]);
	return err / (double)h / scale;
}

double
crm_fc_smape(const double *actual, const double *f, size_t h)
{
	double s = 0;

	for (size_t i = 0; i < h; i++) {
		double d = fabs(actual[i]) + fabs(f[i]);

		if (d > 0)
			s += 200 * fabs(actual[i] - f[i]) / d;
	}
	return h ? s / (double)h : NAN;
}

/* The backtest of the methods want[] at once, from each origin o in
 * [first, n): the means over origins of MASE and sMAPE (NAN where none
 * counted). combo reuses the ets and theta forecasts of the origin. */
struct bt {
	double sum[2][CRM_FC_NMETHODS];
	size_t cnt[2][CRM_FC_NMETHODS];
};

static void
bt_add(struct bt *b, int k, double mase, double smape)
{
	if (isfinite(mase))
		b->sum[0][k] += mase, b->cnt[0][k]++;
	if (isfinite(smape))
		b->sum[1][k] += smape, b->cnt[1][k]++;
}

static int
bt_origin(const double *y, size_t o, size_t hh, int m, const int *want,
    double *w, struct bt *b, struct crm_err *e)
{
	struct crm_fc info = { 0 };
	double *var = w + CRM_FC_NMETHODS * hh;

	for (int k = 0; k < CRM_FC_COMBO; k++)
		if ((want[k] || (want[CRM_FC_COMBO] && (k == CRM_FC_ETS ||
		    k == CRM_FC_THETA))) && fc_any(y, o, m, k, hh, w + k * hh,
		    var, &info, e) < 0)
			return -1;
	if (want[CRM_FC_CROSTON] &&
	    fc_croston(y, o, hh, w + CRM_FC_CROSTON * hh, var, &info) < 0)
		return -1;
	for (size_t i = 0; want[CRM_FC_COMBO] && i < hh; i++)
		w[CRM_FC_COMBO * hh + i] = (w[CRM_FC_ETS * hh + i] +
		    w[CRM_FC_THETA * hh + i]) / 2;
	for (int k = 0; k < CRM_FC_AUTO; k++)
		if (want[k])
			bt_add(b, k, crm_fc_mase(y, o, m, w + k * hh, hh),
			    crm_fc_smape(y + o, w + k * hh, hh));
	return 0;
}

static int
bt_all(const double *y, size_t n, int m, size_t h, size_t origins,
    const int *want, double *mase, double *smape, struct crm_err *e)
{
	struct bt b;
	double *w;
	size_t first = origins < n ? n - origins : 0;

	if (first < 2)
		first = 2;
	memset(&b, 0, sizeof(b));
	if ((w = malloc((CRM_FC_NMETHODS + 1) * h * sizeof(double) + 1)) ==
	    NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
	for (size_t o = first; o < n; o++)
		if (bt_origin(y, o, n - o < h ? n - o : h, m, want, w, &b,
		    e) < 0) {
			free(w);
			return -1;
		}
	free(w);
	for (int k = 0; k < CRM_FC_NMETHODS; k++) {
		mase[k] = b.cnt[0][k] ? b.sum[0][k] / b.cnt[0][k] : NAN;
		smape[k] = b.cnt[1][k] ? b.sum[1][k] / b.cnt[1][k] : NAN;
	}
	return 0;
}

int
crm_fc_backtest(const double *y, size_t n, int m, int method, size_t h,
    size_t origins, double *mase, double *smape, struct crm_err *e)
{
	int want[CRM_FC_NMETHODS] = { 0 };
	double ma[CRM_FC_NMETHODS], sm[CRM_FC_NMETHODS];

	if (method < 0 || method >= CRM_FC_AUTO)
		return crm_err_set(e, CRM_EX_USAGE, "no backtest of '%s'",
		    crm_fc_method_name(method));
	want[method] = 1;
	if (bt_all(y, n, m, h ? h : 1, origins, want, ma, sm, e) < 0)
		return -1;
	*mase = ma[method];
	*smape = sm[method];
	return 0;
}

/* auto's candidates for y: seasonal naive only with a season, Croston
 * only for a series with a quarter or more of zeros. */
static void
candidates(const double *y, size_t n, int m, int *want)
{
	size_t zeros = 0;

	for (size_t t = 0; t < n; t++)
		zeros += y[t] == 0;
	for (int k = 0; k < CRM_FC_AUTO; k++)
		want[k] = 1;
	want[CRM_FC_SNAIVE] = m > 1;
	want[CRM_FC_CROSTON] = zeros * 4 >= n;
	want[CRM_FC_AUTO] = 0;
}

int
crm_fc_backtest_all(const double *y, size_t n, int m, size_t h,
    size_t origins, double *mase, double *smape, int *pick,
    struct crm_err *e)
{
	int want[CRM_FC_NMETHODS], by_smape = 1;

	candidates(y, n, m, want);
	want[CRM_FC_SNAIVE] = 1;
	want[CRM_FC_CROSTON] = 1;
	if (bt_all(y, n, m, h ? h : 1, origins, want, mase, smape, e) < 0)
		return -1;
	candidates(y, n, m, want);
	for (int k = 0; k < CRM_FC_AUTO; k++)
		if (want[k] && isfinite(mase[k]))
			by_smape = 0;
	*pick = CRM_FC_NAIVE;
	for (int k = 0; k < CRM_FC_AUTO; k++) {
		const double *v = by_smape ? smape : mase;

		if (want[k] && isfinite(v[k]) && !(v[k] >= v[*pick]))
			*pick = k;
	}
	return 0;
}

int
crm_fc_auto_pick(const double *y, size_t n, int m, size_t h,
    int *short_history, struct crm_err *e)
{
	double mase[CRM_FC_NMETHODS], smape[CRM_FC_NMETHODS];
	int pick;

	*short_history = (m > 1 && n < 2 * (size_t)m) || n < 5;
	if (*short_history)
		return n >= 5 ? CRM_FC_SES : CRM_FC_NAIVE;
	if (crm_fc_backtest_all(y, n, m, h, AUTO_ORIGINS, mase, smape, &pick,
	    e) < 0)
		return -1;
	return pick;
}

int
crm_fc_run(const double *y, size_t n, int m, int method, size_t h,
    const double *levels, size_t nlevels, struct crm_fc *f,
    struct crm_err *e)
{
	double *var;
	int fell = 0;

	if (n == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "no history to forecast "
		    "from");
	if (fc_alloc(f, h, nlevels, e) < 0)
		return -1;
	if (method == CRM_FC_AUTO &&
	    (method = crm_fc_auto_pick(y, n, m, h, &fell, e)) < 0)
		goto fail;
	if ((var = malloc(h * sizeof(double) + 1)) == NULL) {
		crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
		goto fail;
	}
	if (fc_any(y, n, m, method, h, f->mean, var, f, e) < 0) {
		free(var);
		goto fail;
	}
	f->fell_back |= fell;
	fc_intervals(f, var, levels);
	free(var);
	return 0;
fail:
	crm_fc_free(f);
	return -1;
}
