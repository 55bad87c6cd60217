/* The numerical tools of the forecasts: a Nelder–Mead minimizer (Nelder
 * and Mead 1965, with the usual coefficients 1, 2, 0.5, 0.5) and the
 * normal quantile. Written here: the methods need nothing more, and a
 * minimizer in a dozen dimensions at most needs no library. */
#include <math.h>
#include <string.h>

#include "crm/forecast.h"
#include "crm/banned.h"

#define NM_MAX 12	/* dimensions at most (ETS: 4 + 2 states) */

/* The simplex: d + 1 points and their values. */
struct simplex {
	double p[NM_MAX + 1][NM_MAX];
	double f[NM_MAX + 1];
	int d;
};

static void
order(struct simplex *s)
{
	/* insertion sort by value: d is small */
	for (int i = 1; i <= s->d; i++)
		for (int j = i; j > 0 && s->f[j] < s->f[j - 1]; j--) {
			double t[NM_MAX], ft = s->f[j];

			memcpy(t, s->p[j], sizeof(t));
			memcpy(s->p[j], s->p[j - 1], sizeof(t));
			memcpy(s->p[j - 1], t, sizeof(t));
			s->f[j] = s->f[j - 1];
			s->f[j - 1] = ft;
		}
}

/* x = c + t (c - worst), where c is the centroid of the best d. */
static double
along(struct simplex *s, const double *c, double t, double *x,
    double (*fn)(const double *, void *), void *arg)
{
	for (int j = 0; j < s->d; j++)
		x[j] = c[j] + t * (c[j] - s->p[s->d][j]);
	return fn(x, arg);
}

static void
shrink(struct simplex *s, double (*fn)(const double *, void *), void *arg)
{
	for (int i = 1; i <= s->d; i++) {
		for (int j = 0; j < s->d; j++)
			s->p[i][j] = s->p[0][j] + 0.5 * (s->p[i][j] -
			    s->p[0][j]);
		s->f[i] = fn(s->p[i], arg);
	}
}

/* One step: reflect, expand, contract or shrink. */
static void
step_once(struct simplex *s, double (*fn)(const double *, void *),
    void *arg)
{
	double c[NM_MAX] = { 0 }, r[NM_MAX], x[NM_MAX], fr, fx;
	int d = s->d;

	for (int i = 0; i < d; i++)
		for (int j = 0; j < d; j++)
			c[j] += s->p[i][j] / d;
	fr = along(s, c, 1.0, r, fn, arg);
	if (fr < s->f[0]) {
		fx = along(s, c, 2.0, x, fn, arg);
		if (fx < fr)
			memcpy(r, x, sizeof(r)), fr = fx;
	} else if (fr >= s->f[d - 1]) {
		fx = along(s, c, fr < s->f[d] ? 0.5 : -0.5, x, fn, arg);
		if (fx >= (fr < s->f[d] ? fr : s->f[d])) {
			shrink(s, fn, arg);
			return;
		}
		memcpy(r, x, sizeof(r)), fr = fx;
	}
	memcpy(s->p[d], r, sizeof(r));
	s->f[d] = fr;
}

double
crm_fc_nelder_mead(double (*fn)(const double *x, void *arg), void *arg,
    double *x, const double *step, int d, int maxiter)
{
	struct simplex s;

	if (d < 1 || d > NM_MAX)
		return fn(x, arg);
	s.d = d;
	for (int i = 0; i <= d; i++) {
		memset(s.p[i], 0, sizeof(s.p[i]));
		memcpy(s.p[i], x, (size_t)d * sizeof(*x));
		if (i > 0)
			s.p[i][i - 1] += step[i - 1];
		s.f[i] = fn(s.p[i], arg);
	}
	for (int it = 0; it < maxiter; it++) {
		order(&s);
		if (fabs(s.f[d] - s.f[0]) <= 1e-8 * (fabs(s.f[0]) + 1e-8))
			break;
		step_once(&s, fn, arg);
	}
	order(&s);
	memcpy(x, s.p[0], (size_t)d * sizeof(*x));
	return s.f[0];
}

/* By bisection on erfc: exact to the last digit that matters for an
 * interval, and no table of coefficients to get wrong. */
double
crm_fc_qnorm(double p)
{
	double lo = -40, hi = 40;

	if (!(p > 0 && p < 1))
		return p <= 0 ? -INFINITY : INFINITY;
	for (int i = 0; i < 100; i++) {
		double mid = (lo + hi) / 2;

		if (0.5 * erfc(-mid / sqrt(2.0)) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}
