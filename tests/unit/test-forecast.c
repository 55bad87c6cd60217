/* The forecast methods on series whose forecasts are known in closed
 * form, the ETS likelihood by hand, the intervals by their formulas. */
#include <math.h>
#include "unit.h"
#include "crm/forecast.h"

static const double lv[] = { 80, 95 };

#define NEAR(a, b, tol) do { double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= (tol))) \
		fail_msg("%s = %.9g, not %.9g", #a, a_, b_); } while (0)

/* Forecast y by method, h ahead; the test fails on an error. */
static void
run(const double *y, size_t n, int m, int method, size_t h,
    struct crm_fc *f)
{
	struct crm_err e = { 0 };

	if (crm_fc_run(y, n, m, method, h, lv, 2, f, &e) < 0)
		fail_msg("%s: %s", crm_fc_method_name(method), e.msg);
}

static void
constant(void **state)
{
	double y[36];

	(void)state;
	for (int t = 0; t < 36; t++)
		y[t] = 100;
	for (int k = 0; k < CRM_FC_NMETHODS; k++) {
		struct crm_fc f;

		run(y, 36, 12, k, 6, &f);
		for (int i = 0; i < 6; i++)
			NEAR(f.mean[i], 100, 1e-3);
		crm_fc_free(&f);
	}
}

static void
straight_line(void **state)
{
	double y[24];
	struct crm_fc f;

	(void)state;
	for (int t = 0; t < 24; t++)
		y[t] = 10 + 2 * t;
	run(y, 24, 1, CRM_FC_NAIVE, 3, &f);
	NEAR(f.mean[2], 56, 1e-9);
	crm_fc_free(&f);
	run(y, 24, 1, CRM_FC_ETS, 5, &f);
	for (int i = 0; i < 5; i++)
		NEAR(f.mean[i], 10 + 2 * (24 + i), 1e-3);
	assert_string_equal(f.model, "ETS(AAN)");
	crm_fc_free(&f);
}

static void
pure_season(void **state)
{
	static const double pat[12] = { 5, 8, 12, 20, 25, 30, 28, 22, 15,
		10, 6, 4 };
	static const int methods[] = { CRM_FC_SNAIVE, CRM_FC_ETS,
		CRM_FC_THETA, CRM_FC_COMBO, CRM_FC_AUTO };
	double y[48];

	(void)state;
	for (int t = 0; t < 48; t++)
		y[t] = 100 + pat[t % 12];
	for (size_t k = 0; k < sizeof(methods) / sizeof(*methods); k++) {
		struct crm_fc f;

		run(y, 48, 12, methods[k], 18, &f);
		for (int i = 0; i < 18; i++)
			NEAR(f.mean[i], 100 + pat[i % 12], 0.05);
		crm_fc_free(&f);
	}
}

static void
intermittent(void **state)
{
	double y[30];
	struct crm_fc f;

	(void)state;
	for (int t = 0; t < 30; t++)
		y[t] = t % 3 == 2 ? 3 : 0;
	run(y, 30, 12, CRM_FC_CROSTON, 4, &f);
	for (int i = 0; i < 4; i++)
		NEAR(f.mean[i], 1, 1e-12);
	crm_fc_free(&f);
}

/* ETS(A,N,N) and ETS(M,N,N), α = 0.5 and ℓ0 = 1, on 1 2 3 2 4: the
 * one-step forecasts are 1, 1, 1.5, 2.25 and 2.125 (by hand). */
static void
ets_likelihood(void **state)
{
	static const double y[] = { 1, 2, 3, 2, 4 };
	static const double mu[] = { 1, 1, 1.5, 2.25, 2.125 };
	struct crm_ets a = { .error = 'A', .trend = 'N', .season = 'N',
		.m = 1, .alpha = 0.5 }, mm = a;
	struct crm_err e = { 0 };
	double sse = 0, rel = 0, logs = 0, ll;

	(void)state;
	for (int t = 0; t < 5; t++) {
		sse += (y[t] - mu[t]) * (y[t] - mu[t]);
		rel += (y[t] - mu[t]) * (y[t] - mu[t]) / (mu[t] * mu[t]);
		logs += log(mu[t]);
	}
	NEAR(sse, 6.828125, 1e-12);
	assert_int_equal(crm_ets_eval(y, 5, 1, 0, NULL, &a, &e), 0);
	ll = -2.5 * (log(2 * M_PI * 6.828125 / 5) + 1);
	NEAR(a.loglik, ll, 1e-9);
	assert_int_equal(a.k, 3);
	/* AICc = −2 log L + 2k + 2k(k + 1)/(n − k − 1), k = 3, n = 5 */
	NEAR(a.aicc, -2 * ll + 6 + 24, 1e-9);
	NEAR(a.level, 3.0625, 1e-12);
	mm.error = 'M';
	assert_int_equal(crm_ets_eval(y, 5, 1, 0, NULL, &mm, &e), 0);
	NEAR(mm.loglik, -2.5 * (log(2 * M_PI * rel / 5) + 1) - logs, 1e-9);
	crm_ets_free(&a);
	crm_ets_free(&mm);
}

/* naive: ŷ ± z σ √h, σ² the mean square change; ses: ŷ ± z σ
 * √(1 + α²(h − 1)). */
static void
interval_widths(void **state)
{
	static const double y[] = { 10, 12, 11, 15, 14, 13, 16, 18, 17, 19 };
	double s2 = 0, z95 = crm_fc_qnorm(0.975), z80 = crm_fc_qnorm(0.9);
	struct crm_fc f;

	(void)state;
	NEAR(z95, 1.959963985, 1e-8);
	NEAR(z80, 1.281551566, 1e-8);
	for (int t = 1; t < 10; t++)
		s2 += (y[t] - y[t - 1]) * (y[t] - y[t - 1]) / 9;
	run(y, 10, 1, CRM_FC_NAIVE, 4, &f);
	for (int i = 0; i < 4; i++) {
		NEAR(f.hi[4 + i] - f.lo[4 + i], 2 * z95 * sqrt(s2 * (i + 1)),
		    1e-9);
		NEAR(f.hi[i] - f.mean[i], z80 * sqrt(s2 * (i + 1)), 1e-9);
	}
	crm_fc_free(&f);
	run(y, 10, 1, CRM_FC_SES, 4, &f);
	for (int i = 0; i < 4; i++)
		NEAR(f.hi[4 + i] - f.lo[4 + i], 2 * z95 * sqrt(f.sigma2 *
		    (1 + f.alpha * f.alpha * i)), 1e-9);
	assert_true(f.alpha > 0 && f.alpha < 1);
	crm_fc_free(&f);
}

/* Origins 3 and 4 of 1 2 4 3 5, naive one step: errors 1 and 2,
 * scales 3/2 and 4/3, sMAPE 200/7 and 50. */
static void
backtest_by_hand(void **state)
{
	static const double y[] = { 1, 2, 4, 3, 5 };
	struct crm_err e = { 0 };
	double mase, smape;

	(void)state;
	assert_int_equal(crm_fc_backtest(y, 5, 1, CRM_FC_NAIVE, 1, 2, &mase,
	    &smape, &e), 0);
	NEAR(mase, (1 / 1.5 + 2 / (4.0 / 3)) / 2, 1e-12);
	NEAR(smape, (200.0 / 7 + 50) / 2, 1e-12);
}

static void
short_history(void **state)
{
	double y[15];
	struct crm_fc f;

	(void)state;
	for (int t = 0; t < 15; t++)
		y[t] = 50 + t % 4;
	run(y, 15, 12, CRM_FC_AUTO, 3, &f);
	assert_int_equal(f.fell_back, 1);
	assert_int_equal(f.method, CRM_FC_SES);
	crm_fc_free(&f);
	run(y, 3, 12, CRM_FC_AUTO, 3, &f);
	assert_int_equal(f.method, CRM_FC_NAIVE);
	NEAR(f.mean[0], 52, 1e-12);
	crm_fc_free(&f);
}

static double
rosenbrock(const double *x, void *arg)
{
	(void)arg;
	return 100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2);
}

static void
nelder_mead(void **state)
{
	double x[2] = { -1.2, 1 }, step[2] = { 0.5, 0.5 };

	(void)state;
	crm_fc_nelder_mead(rosenbrock, NULL, x, step, 2, 2000);
	NEAR(x[0], 1, 1e-3);
	NEAR(x[1], 1, 2e-3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(constant),
		cmocka_unit_test(straight_line),
		cmocka_unit_test(pure_season),
		cmocka_unit_test(intermittent),
		cmocka_unit_test(ets_likelihood),
		cmocka_unit_test(interval_widths),
		cmocka_unit_test(backtest_by_hand),
		cmocka_unit_test(short_history),
		cmocka_unit_test(nelder_mead),
	};

	return RUN(tests);
}
