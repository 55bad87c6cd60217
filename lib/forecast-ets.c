/* Exponential smoothing state space models (Hyndman, Koehler, Ord and
 * Snyder, "Forecasting with Exponential Smoothing", 2008): error A or
 * M, trend N, A or damped A, season N, A or M. Both error types share
 * the state updates when written with the raw error y − ŷ; they differ
 * in the likelihood. The smoothing parameters and the initial level
 * and slope are fitted by maximum likelihood (Nelder–Mead over the
 * parameters mapped into their usual region); the initial seasonal
 * states come from a classical decomposition of the first years. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast-impl.h"
#include "crm/banned.h"

#define BAD 1e30	/* the objective of an inadmissible point */

/* One period: the forecast ŷ of y from the states, then the updates.
 * Returns ŷ. */
static double
ets_step(const struct crm_ets *mod, double y, double *l, double *b,
    double *s)
{
	double t = *l, mu, e;

	if (mod->trend == 'A')
		t += (mod->damped ? mod->phi : 1.0) * *b;
	mu = mod->season == 'A' ? t + *s : mod->season == 'M' ? t * *s : t;
	e = y - mu;
	if (mod->season == 'M') {
		*l = t + mod->alpha * e / *s;
		if (mod->trend == 'A')
			*b = (mod->damped ? mod->phi : 1.0) * *b +
			    mod->beta * e / *s;
		*s += mod->gamma * e / t;
	} else {
		*l = t + mod->alpha * e;
		if (mod->trend == 'A')
			*b = (mod->damped ? mod->phi : 1.0) * *b +
			    mod->beta * e;
		if (mod->season == 'A')
			*s += mod->gamma * e;
	}
	return mu;
}

/* −2 log L over y from the states (s: m states, changed), or BAD. */
static double
ets_m2ll(const double *y, size_t n, const struct crm_ets *mod, double *l,
    double *b, double *s, double *sse_out)
{
	double sse = 0, slog = 0;
	int m = mod->season == 'N' ? 1 : mod->m;

	for (size_t t = 0; t < n; t++) {
		double *st = mod->season == 'N' ? NULL : &s[t % (size_t)m];
		double dummy = 0;
		double mu = ets_step(mod, y[t], l, b, st ? st : &dummy);

		if (!isfinite(mu))
			return BAD;
		if (mod->error == 'M') {
			if (mu <= 0)
				return BAD;
			sse += (y[t] - mu) * (y[t] - mu) / (mu * mu);
			slog += log(mu);
		} else
			sse += (y[t] - mu) * (y[t] - mu);
	}
	if (!isfinite(sse))
		return BAD;
	*sse_out = sse;
	/* a perfect fit has no finite likelihood: a floor keeps it usable */
	if (sse < 1e-20 * (double)n)
		sse = 1e-20 * (double)n;
	return (double)n * (log(2 * M_PI * sse / (double)n) + 1) + 2 * slog;
}

/* The number of fitted parameters and states, σ included. */
static int
ets_k(const struct crm_ets *mod)
{
	int k = 1 + 1 + 1;	/* α, l0, σ */

	if (mod->trend == 'A')
		k += 2 + mod->damped;	/* β, b0, φ */
	if (mod->season != 'N')
		k += 1 + mod->m - 1;	/* γ, m − 1 free states */
	return k;
}

int
crm_ets_eval(const double *y, size_t n, double l0, double b0,
    const double *s0, struct crm_ets *mod, struct crm_err *e)
{
	double l = l0, b = b0, sse = 0, m2ll;
	int m = mod->season == 'N' ? 1 : mod->m;

	if (mod->s == NULL && (mod->s = malloc((size_t)m *
	    sizeof(double))) == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
	if (mod->season != 'N')
		memcpy(mod->s, s0, (size_t)m * sizeof(double));
	m2ll = ets_m2ll(y, n, mod, &l, &b, mod->s, &sse);
	mod->level = l;
	mod->slope = b;
	mod->k = ets_k(mod);
	mod->loglik = -m2ll / 2;
	mod->aicc = m2ll + 2.0 * mod->k;
	if ((double)n - mod->k - 1 > 0)
		mod->aicc += 2.0 * mod->k * (mod->k + 1) /
		    ((double)n - mod->k - 1);
	else
		mod->aicc = INFINITY;
	mod->sigma2 = sse / ((double)n > mod->k - 1 ? (double)n -
	    (mod->k - 1) : (double)n);
	return 0;
}

void
crm_ets_free(struct crm_ets *mod)
{
	free(mod->s);
	mod->s = NULL;
}

/* A fit in progress: the series, the form, the starting states. */
struct fit {
	const double *y;
	size_t n;
	struct crm_ets mod;
	double l0, b0, scale;
	const double *s0;
	double *ring;		/* m seasonal states, worked on */
};

static double
logistic(double u)
{
	return 1 / (1 + exp(-u));
}

static double
logit(double p)
{
	return log(p / (1 - p));
}

/* x → parameters in their usual region: 0 < α < 1, 0 < β < α,
 * 0 < γ < 1 − α, 0.8 < φ < 0.98; then the initial level and slope. */
static void
unpack(struct fit *f, const double *x, double *l0, double *b0)
{
	struct crm_ets *mod = &f->mod;
	int i = 0;

	mod->alpha = 1e-4 + (1 - 2e-4) * logistic(x[i++]);
	if (mod->trend == 'A')
		mod->beta = mod->alpha * logistic(x[i++]);
	if (mod->season != 'N')
		mod->gamma = (1 - mod->alpha) * logistic(x[i++]);
	mod->phi = 1;
	if (mod->damped)
		mod->phi = 0.8 + 0.18 * logistic(x[i++]);
	*l0 = f->l0 + x[i++] * f->scale;
	*b0 = 0;
	if (mod->trend == 'A')
		*b0 = f->b0 + x[i] * f->scale / 10;
}

static double
objective(const double *x, void *arg)
{
	struct fit *f = arg;
	double l, b, sse;

	unpack(f, x, &l, &b);
	if (f->mod.season != 'N')
		memcpy(f->ring, f->s0, (size_t)f->mod.m * sizeof(double));
	return ets_m2ll(f->y, f->n, &f->mod, &l, &b, f->ring, &sse);
}

/* Starting states: seasonal indices from the first years, and a line
 * through the first (seasonally adjusted) periods. */
static void
init_states(const double *y, size_t n, int m, char season, double *si,
    double *l0, double *b0)
{
	size_t k = season == 'N' ? (n < 10 ? n : 10) : 2 * (size_t)m;
	double st = 0, sx = 0, stt = 0, stx = 0, a, b;

	if (season != 'N')
		fc_decompose(y, n < 3 * (size_t)m ? n : 3 * (size_t)m, m,
		    season == 'M', si);
	for (size_t t = 0; t < k; t++) {
		double x = season == 'A' ? y[t] - si[t % (size_t)m] :
		    season == 'M' ? y[t] / si[t % (size_t)m] : y[t];

		st += (double)t, sx += x;
		stt += (double)t * (double)t, stx += (double)t * x;
	}
	b = k > 1 ? (k * stx - st * sx) / (k * stt - st * st) : 0;
	a = (sx - b * st) / (double)k;
	*b0 = b;
	*l0 = a - b;
}

/* Fit the form of f->mod; its parameters and fit in f->mod. */
static void
fit_form(struct fit *f)
{
	struct crm_ets *mod = &f->mod;
	double x[6], step[6], l0, b0;
	int d = 0;

	x[d] = logit(0.3), step[d++] = 1;
	if (mod->trend == 'A')
		x[d] = logit(0.1), step[d++] = 1;
	if (mod->season != 'N')
		x[d] = logit(0.1), step[d++] = 1;
	if (mod->damped)
		x[d] = logit(0.15 / 0.18), step[d++] = 1;
	x[d] = 0, step[d++] = 0.1;
	if (mod->trend == 'A')
		x[d] = 0, step[d++] = 0.1;
	crm_fc_nelder_mead(objective, f, x, step, d, 100 * d);
	unpack(f, x, &l0, &b0);
	f->l0 = l0;
	f->b0 = b0;
}

/* Is the form admissible for y: a multiplicative part needs positive
 * data, a season two of them, and AICc more periods than parameters
 * (additive error with multiplicative season is left out: unstable). */
static int
admissible(const struct crm_ets *mod, size_t n, int m, int pos)
{
	if ((mod->error == 'M' || mod->season == 'M') && !pos)
		return 0;
	if (mod->season != 'N' && (m < 2 || n < 2 * (size_t)m))
		return 0;
	if (mod->error == 'A' && mod->season == 'M')
		return 0;
	return (double)n - ets_k(mod) - 1 > 0;
}

/* Fit one form from its starting states; keep it in *best when its
 * AICc is lower. */
static int
try_form(struct fit *f, double *si, struct crm_ets *best,
    struct crm_err *e)
{
	struct crm_ets *mod = &f->mod;

	init_states(f->y, f->n, mod->m, mod->season, si, &f->l0,
	    &f->b0);
	f->s0 = si;
	f->scale = fabs(f->l0) / 10 + 1e-3;
	fit_form(f);
	mod->s = NULL;
	if (crm_ets_eval(f->y, f->n, f->l0, f->b0, si, mod, e) < 0)
		return -1;
	if (best->error == 0 || mod->aicc < best->aicc) {
		crm_ets_free(best);
		*best = *mod;
	} else
		crm_ets_free(mod);
	return 0;
}

static const char forms[][4] = {
	"ANN", "AAN", "ADN", "ANA", "AAA", "ADA",
	"MNN", "MAN", "MDN", "MNA", "MAA", "MDA", "MNM", "MAM", "MDM",
};

int
crm_ets_fit(const double *y, size_t n, int m, struct crm_ets *out,
    struct crm_err *e)
{
	struct crm_ets best = { 0 };
	struct fit f = { 0 };
	int pos = fc_positive(y, n), rc = 0;
	double *work;

	if (m < 1)
		m = 1;
	if ((work = malloc(2 * (size_t)m * sizeof(double))) == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "out of memory");
	f.y = y, f.n = n, f.ring = work + m;
	for (size_t i = 0; i < sizeof(forms) / sizeof(*forms) && rc == 0;
	    i++) {
		memset(&f.mod, 0, sizeof(f.mod));
		f.mod.error = forms[i][0];
		f.mod.trend = forms[i][1] == 'D' ? 'A' : forms[i][1];
		f.mod.damped = forms[i][1] == 'D';
		f.mod.season = forms[i][2];
		f.mod.m = f.mod.season == 'N' ? 1 : m;
		if (out->error != 0 && (out->error != f.mod.error ||
		    out->trend != f.mod.trend || out->damped != f.mod.damped ||
		    out->season != f.mod.season))
			continue;
		if (admissible(&f.mod, n, m, pos))
			rc = try_form(&f, work, &best, e);
	}
	free(work);
	if (rc == 0 && best.error == 0)
		rc = crm_err_set(e, CRM_EX_DATAERR, "too short a history for "
		    "an ETS model (%zu periods)", n);
	if (rc < 0) {
		crm_ets_free(&best);
		return -1;
	}
	*out = best;
	return 0;
}

void
fc_ets_forecast(const struct crm_ets *mod, size_t n, size_t h,
    double *mean, double *var)
{
	double damp = 0, pj = 1, sum = 0;

	for (size_t i = 0; i < h; i++) {
		double j = (double)(i + 1), t, c;

		pj *= mod->damped ? mod->phi : 1;
		damp += pj;
		t = mod->level + (mod->trend == 'A' ? damp * mod->slope : 0);
		if (mod->season == 'A')
			t += mod->s[(n + i) % (size_t)mod->m];
		else if (mod->season == 'M')
			t *= mod->s[(n + i) % (size_t)mod->m];
		mean[i] = t;
		/* Σ c_j² for j < h (Hyndman et al. 2008, ch. 6): exact for
		 * the linear models, scaled by ŷ² for a relative error */
		var[i] = mod->sigma2 * (1 + sum);
		if (mod->error == 'M')
			var[i] *= t * t;
		c = mod->alpha + (mod->trend == 'A' ? mod->beta *
		    (mod->damped ? damp : j) : 0);
		if (mod->season != 'N' && (i + 1) % (size_t)mod->m == 0)
			c += mod->gamma;
		sum += c * c;
	}
}
