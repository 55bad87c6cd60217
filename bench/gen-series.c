/* gen-series: deterministic monthly series for the forecast benchmark,
 * one a line: "kind,v1,...,vL". The kinds, in turn: level, trend,
 * damped (trend), additive (season on a trend), multiplicative (season
 * on a trend), intermittent (demand in about one month in three); each
 * with noise of 3 to 12% of its level. --ets makes series of the known
 * model ETS(M,N,M), α = 0.3, γ = 0.15, σ = 0.04 from a level of 1000,
 * to see whether ets recovers its form and parameters.
 *
 *   gen-series N [--length L] [--seed S] [--ets]
 *
 * The same arguments always give the same bytes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static double
uniform(void)
{
	/* xorshift64*, 53 bits */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 0x2545F4914F6CDD1DULL) >> 11) /
	    9007199254740992.0;
}

static double
gauss(void)
{
	double u = uniform(), v = uniform();

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

static const char *const kinds[] = { "level", "trend", "damped",
	"additive", "multiplicative", "intermittent" };

/* The 12 seasonal factors: a smooth wave and a December peak. */
static void
season(double amp, double *s)
{
	double phase = uniform() * 2 * M_PI, mean = 0;

	for (int i = 0; i < 12; i++) {
		s[i] = amp * sin(2 * M_PI * i / 12 + phase) +
		    (i == 11 ? amp : 0);
		mean += s[i] / 12;
	}
	for (int i = 0; i < 12; i++)
		s[i] -= mean;
}

static void
series(int k, int len)
{
	double level = 100 + uniform() * 900, slope = level *
	    (uniform() - 0.3) * 0.012, phi = 0.85 + uniform() * 0.1,
	    sd = 0.03 + uniform() * 0.09, s[12], d = 0, pj = 1;

	season(0.1 + uniform() * 0.3, s);
	printf("%s", kinds[k]);
	for (int t = 0; t < len; t++) {
		double y, base;

		pj *= phi;
		d += pj;
		base = level + (k == 0 || k == 5 ? 0 : k == 2 ? d * slope :
		    t * slope);
		if (base < level * 0.2)
			base = level * 0.2;
		y = k == 3 ? base + level * s[t % 12] : k == 4 ?
		    base * (1 + s[t % 12]) : base;
		y += gauss() * sd * level;
		if (k == 5)
			y = uniform() < 0.33 ? level * (0.5 + uniform()) : 0;
		printf(",%.2f", y > 0 ? y : 0);
	}
	putchar('\n');
}

/* ETS(M,N,M): μ = ℓ s, y = μ (1 + ε), ℓ += α ℓ ε, s += γ s ε. */
static void
ets_series(int len)
{
	const double a = 0.3, g = 0.15, sigma = 0.04;
	double l = 1000, s[12];

	season(0.3, s);
	for (int i = 0; i < 12; i++)
		s[i] += 1;
	printf("ets");
	for (int t = 0; t < len; t++) {
		double e = gauss() * sigma, mu = l * s[t % 12];

		printf(",%.2f", mu * (1 + e));
		l *= 1 + a * e;
		s[t % 12] *= 1 + g * e;
	}
	putchar('\n');
}

int
main(int argc, char **argv)
{
	uint64_t seed = 17;
	int n = -1, len = 120, ets = 0;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--seed") && a + 1 < argc)
			seed = strtoull(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--length") && a + 1 < argc)
			len = atoi(argv[++a]);
		else if (!strcmp(argv[a], "--ets"))
			ets = 1;
		else if (argv[a][0] != '-' && n < 0)
			n = atoi(argv[a]);
		else {
			fprintf(stderr, "gen-series: bad argument '%s'\n",
			    argv[a]);
			return 64;
		}
	}
	if (n < 0 || len < 1) {
		fprintf(stderr, "usage: gen-series N [--length L] [--seed S] "
		    "[--ets]\n");
		return 64;
	}
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	for (int i = 0; i < n; i++)
		if (ets)
			ets_series(len);
		else
			series(i % 6, len);
	return 0;
}
