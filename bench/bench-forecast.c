/* bench-forecast: the accuracy and speed of the forecast methods of
 * lib/forecast*.c on the series of bench/gen-series (stdin): each
 * series' last H months held out (default 18), forecast from the rest
 * by each method; per method the mean sMAPE and MASE and the time, per
 * kind of series too with --kinds. With --ets, the fit of ets on series
 * of a known model: how often its form is found, and the median of the
 * parameters. Prints the bars of issue 16 as "ok" or "MISSED".
 *
 *   bench-forecast [--horizon H] [--methods m,m,...] [--kinds] < series
 *   bench-forecast --ets < series */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm/forecast.h"

#define MAXS 20000
#define MAXN 1000

struct series {
	char kind[24];
	size_t n;
	double y[MAXN];
};

static struct series *all;
static size_t nseries;

static int
read_all(void)
{
	static char line[MAXN * 16];

	all = calloc(MAXS, sizeof(*all));
	if (all == NULL)
		return -1;
	while (nseries < MAXS && fgets(line, sizeof(line), stdin)) {
		struct series *s = &all[nseries++];
		char *p = strchr(line, ',');

		if (p == NULL)
			return -1;
		snprintf(s->kind, sizeof(s->kind), "%.*s", (int)(p - line),
		    line);
		while (p && *p == ',' && s->n < MAXN) {
			s->y[s->n++] = strtod(p + 1, &p);
		}
	}
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define MAXK 8

/* Per method: the sums of sMAPE and MASE over the series, by kind (the
 * last slot: all), and the seconds. */
struct score {
	double smape[MAXK + 1], mase[MAXK + 1], secs;
	size_t n[MAXK + 1], nm[MAXK + 1];
};

static const char *kinds[MAXK];
static int nkinds;

static int
kind_of(const char *k)
{
	for (int i = 0; i < nkinds; i++)
		if (strcmp(kinds[i], k) == 0)
			return i;
	if (nkinds == MAXK)
		return MAXK;
	kinds[nkinds] = k;
	return nkinds++;
}

static int
evaluate(int method, size_t h, struct score *sc)
{
	static const double lv[] = { 80, 95 };
	double t0 = now();

	memset(sc, 0, sizeof(*sc));
	for (size_t i = 0; i < nseries; i++) {
		struct series *s = &all[i];
		struct crm_err e = { 0 };
		struct crm_fc f;
		int k = kind_of(s->kind);
		double sm, ma;

		if (s->n <= h + 2)
			continue;
		if (crm_fc_run(s->y, s->n - h, 12, method, h, lv, 2, &f,
		    &e) < 0) {
			fprintf(stderr, "bench-forecast: %s: series %zu: %s\n",
			    crm_fc_method_name(method), i + 1, e.msg);
			return -1;
		}
		sm = crm_fc_smape(s->y + s->n - h, f.mean, h);
		ma = crm_fc_mase(s->y, s->n - h, 12, f.mean, h);
		for (int j = 0; j < 2; j++) {
			int slot = j ? MAXK : k;

			sc->smape[slot] += sm, sc->n[slot]++;
			if (isfinite(ma))
				sc->mase[slot] += ma, sc->nm[slot]++;
		}
		crm_fc_free(&f);
	}
	sc->secs = now() - t0;
	return 0;
}

static void
print_score(const char *name, const struct score *sc, int by_kind)
{
	printf("%-10s %-14s %8.2f %8.3f %9.2fs\n", name, "all",
	    sc->smape[MAXK] / sc->n[MAXK], sc->mase[MAXK] / sc->nm[MAXK],
	    sc->secs);
	for (int k = 0; by_kind && k < nkinds; k++)
		if (sc->n[k])
			printf("%-10s %-14s %8.2f %8.3f\n", "", kinds[k],
			    sc->smape[k] / sc->n[k], sc->nm[k] ?
			    sc->mase[k] / sc->nm[k] : NAN);
}

static double
mase_of(const struct score *sc)
{
	return sc->mase[MAXK] / sc->nm[MAXK];
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The known model of gen-series --ets: ETS(M,N,M), α 0.3, γ 0.15. */
static int
ets_check(void)
{
	double *al = calloc(nseries + 1, sizeof(double)),
	    *ga = calloc(nseries + 1, sizeof(double)), t0 = now();
	size_t exact = 0, shape = 0;

	if (al == NULL || ga == NULL)
		return 1;
	for (size_t i = 0; i < nseries; i++) {
		struct crm_ets mod = { 0 };
		struct crm_err e = { 0 };

		if (crm_ets_fit(all[i].y, all[i].n, 12, &mod, &e) < 0) {
			fprintf(stderr, "bench-forecast: %s\n", e.msg);
			return 1;
		}
		shape += mod.trend == 'N' && mod.season == 'M';
		exact += mod.error == 'M' && mod.trend == 'N' &&
		    mod.season == 'M';
		al[i] = mod.alpha;
		ga[i] = mod.gamma;
		crm_ets_free(&mod);
	}
	qsort(al, nseries, sizeof(double), cmp_double);
	qsort(ga, nseries, sizeof(double), cmp_double);
	printf("ets on %zu series of ETS(M,N,M) α 0.30 γ 0.15: form %zu%% "
	    "exact, %zu%% trend and season; median α %.2f γ %.2f (%.1fs)\n",
	    nseries, 100 * exact / nseries, 100 * shape / nseries,
	    al[nseries / 2], ga[nseries / 2], now() - t0);
	printf("  bar: trend and season found in >= 70%%, median α and γ "
	    "within 0.1: %s\n", shape * 10 >= nseries * 7 &&
	    fabs(al[nseries / 2] - 0.3) <= 0.1 &&
	    fabs(ga[nseries / 2] - 0.15) <= 0.1 ? "ok" : "MISSED");
	free(al);
	free(ga);
	return 0;
}

static void
bars(const struct score *sc, const int *done)
{
	double base = mase_of(&sc[CRM_FC_SNAIVE]), per = nseries / 1000.0;

	if (!done[CRM_FC_SNAIVE])
		return;
	for (int k = CRM_FC_COMBO; k <= CRM_FC_AUTO; k += CRM_FC_AUTO -
	    CRM_FC_COMBO)
		if (done[k])
			printf("  bar: %s MASE %.3f <= 0.9 x snaive's %.3f: %s\n",
			    crm_fc_method_name(k), mase_of(&sc[k]), base,
			    mase_of(&sc[k]) <= 0.9 * base ? "ok" : "MISSED");
	if (done[CRM_FC_ETS])
		printf("  bar: ets %.1fs < %.0fs (60s per 1000 series): %s\n",
		    sc[CRM_FC_ETS].secs, 60 * per, sc[CRM_FC_ETS].secs <
		    60 * per ? "ok" : "MISSED");
	if (done[CRM_FC_AUTO])
		printf("  bar: auto %.1fs < %.0fs (300s per 1000 series): "
		    "%s\n", sc[CRM_FC_AUTO].secs, 300 * per,
		    sc[CRM_FC_AUTO].secs < 300 * per ? "ok" : "MISSED");
}

int
main(int argc, char **argv)
{
	static struct score sc[CRM_FC_NMETHODS];
	int done[CRM_FC_NMETHODS] = { 0 }, by_kind = 0, ets = 0;
	const char *methods = NULL;
	size_t h = 18;

	for (int a = 1; a < argc; a++)
		if (!strcmp(argv[a], "--horizon") && a + 1 < argc)
			h = (size_t)atoi(argv[++a]);
		else if (!strcmp(argv[a], "--methods") && a + 1 < argc)
			methods = argv[++a];
		else if (!strcmp(argv[a], "--kinds"))
			by_kind = 1;
		else if (!strcmp(argv[a], "--ets"))
			ets = 1;
		else {
			fprintf(stderr, "bench-forecast: bad argument '%s'\n",
			    argv[a]);
			return 64;
		}
	if (read_all() < 0 || nseries == 0) {
		fprintf(stderr, "bench-forecast: no series on stdin\n");
		return 65;
	}
	if (ets)
		return ets_check();
	printf("%zu series, horizon %zu\n%-10s %-14s %8s %8s %10s\n", nseries,
	    h, "method", "series", "sMAPE", "MASE", "time");
	for (int k = 0; k < CRM_FC_NMETHODS; k++) {
		char want[32];

		snprintf(want, sizeof(want), ",%s,", crm_fc_method_name(k));
		if (methods) {
			char list[256];

			snprintf(list, sizeof(list), ",%s,", methods);
			if (strstr(list, want) == NULL)
				continue;
		}
		if (evaluate(k, h, &sc[k]) < 0)
			return 1;
		done[k] = 1;
		print_score(crm_fc_method_name(k), &sc[k], by_kind);
		fflush(stdout);
	}
	bars(sc, done);
	return 0;
}
