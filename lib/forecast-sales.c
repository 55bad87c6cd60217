/* crm-forecast sales and backtest: each series of the order history
 * (lib/forecast-load.c) forecast by the methods of lib/forecast*.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast-report.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/banned.h"

/* The first column: the --by key ("series" for the total). */
static const char *
key_col(const struct fc_parsed *p)
{
	return p->by == 0 ? "series" : fc_by_word(p->by);
}

/* The series' key; the total's is "total" in the rows, the same in
 * every csv (a table says it in the reader's words: crm-forecast), and
 * in the reader's words in messages (words). */
static const char *
key_text(const struct fc_parsed *p, const struct fc_series *s, int words)
{
	return p->by == 0 ? T_(words, "total") : s->key;
}

static void
money(double cents, char out[CRM_MONEY_LEN])
{
	crm_money_format(isfinite(cents) ? llround(cents) : 0, out);
}

/* The columns: key, period, method, model, forecast, lo_L and hi_L. */
static struct crm_rows *
sales_rows(const struct fc_parsed *p)
{
	struct crm_col cols[5 + 2 * FC_MAXLEVELS];
	char names[2 * FC_MAXLEVELS][16];
	struct crm_rows *r;
	size_t n = 0;

	cols[n++] = (struct crm_col){ key_col(p), CRM_COL_TEXT };
	cols[n++] = (struct crm_col){ "period", CRM_COL_TEXT };
	cols[n++] = (struct crm_col){ "method", CRM_COL_TEXT };
	cols[n++] = (struct crm_col){ "model", CRM_COL_TEXT };
	cols[n++] = (struct crm_col){ "forecast", CRM_COL_MONEY };
	for (size_t l = 0; l < p->nl; l++) {
		snprintf(names[2 * l], 16, "lo_%g", p->lv[l]);
		snprintf(names[2 * l + 1], 16, "hi_%g", p->lv[l]);
		cols[n++] = (struct crm_col){ names[2 * l], CRM_COL_MONEY };
		cols[n++] = (struct crm_col){ names[2 * l + 1], CRM_COL_MONEY };
	}
	r = crm_rows_mem(cols, n);
	return r;
}

static void
add_forecast(struct crm_rows *r, const struct fc_parsed *p,
    const struct fc_series *s, long last, const struct crm_fc *f)
{
	char per[16], num[1 + 2 * FC_MAXLEVELS][CRM_MONEY_LEN];
	struct crm_val v[5 + 2 * FC_MAXLEVELS];

	for (size_t i = 0; i < f->h; i++) {
		size_t n = 0;

		fc_period_label(last + 1 + (long)i, p->week, per);
		v[n++] = crm_val_text(key_text(p, s, 0));
		v[n++] = crm_val_text(per);
		v[n++] = crm_val_text(crm_fc_method_name(f->method));
		v[n++] = crm_val_text(f->model);
		money(f->mean[i] < 0 && s->min >= 0 ? 0 : f->mean[i], num[0]);
		v[n++] = crm_val_text(num[0]);
		for (size_t l = 0; l < p->nl; l++) {
			double lo = f->lo[l * f->h + i];

			/* sales are never below zero: nor is a bound */
			money(lo < 0 && s->min >= 0 ? 0 : lo, num[1 + 2 * l]);
			money(f->hi[l * f->h + i], num[2 + 2 * l]);
			/* bounds without a spread to estimate are empty */
			v[n++] = isnan(lo) ? crm_val_null() :
			    crm_val_text(num[1 + 2 * l]);
			v[n++] = isnan(lo) ? crm_val_null() :
			    crm_val_text(num[2 + 2 * l]);
		}
		crm_rows_mem_add(r, v);
	}
}

/* The last periods of the history, as rows of method "history": the
 * amount in the forecast column, no model and no bounds (a chart draws
 * them as the line the forecast goes on from). */
static void
add_history(struct crm_rows *r, const struct fc_parsed *p,
    const struct fc_series *s)
{
	char per[16], num[CRM_MONEY_LEN];
	struct crm_val v[5 + 2 * FC_MAXLEVELS];
	size_t from = s->n > p->history ? s->n - p->history : 0;

	for (size_t j = from; j < s->n; j++) {
		size_t n = 0;

		fc_period_label(s->first + (long)j, p->week, per);
		money(s->y[j], num);
		v[n++] = crm_val_text(key_text(p, s, 0));
		v[n++] = crm_val_text(per);
		v[n++] = crm_val_text("history");
		v[n++] = crm_val_null();
		v[n++] = crm_val_text(num);
		while (n < 5 + 2 * p->nl)
			v[n++] = crm_val_null();
		crm_rows_mem_add(r, v);
	}
}

struct crm_rows *
crm_forecast_sales(struct crm_session *s, const struct crm_forecast_opts *o,
    struct crm_err *e)
{
	struct fc_parsed p;
	struct fc_set set;
	struct crm_rows *r;

	if (fc_parse(o, &p, e) < 0 || fc_load(s, &p, &set, e) < 0)
		return NULL;
	r = sales_rows(&p);
	for (size_t i = 0; i < set.n; i++) {
		struct fc_series *x = &set.v[i];
		struct crm_fc f;

		if (crm_fc_run(x->y, x->n, p.m, p.method, p.h, p.lv, p.nl, &f,
		    e) < 0) {
			crm_err_prefix(e, "%s", key_text(&p, x, 1));
			crm_rows_close(r);
			fc_set_free(&set);
			return NULL;
		}
		if (f.fell_back && o->short_history)
			o->short_history(o->arg, key_text(&p, x, 1), x->n,
			    crm_fc_method_name(f.method));
		add_history(r, &p, x);
		add_forecast(r, &p, x, set.last, &f);
		crm_fc_free(&f);
	}
	fc_set_free(&set);
	return r;
}

/* A number of the backtest, or empty when undefined (MASE of a series
 * that never changed). */
static struct crm_val
num(double x, int prec, char out[32])
{
	if (!isfinite(x))
		return crm_val_null();
	snprintf(out, 32, "%.*f", prec, x);
	return crm_val_text(out);
}

static void
add_score(struct crm_rows *r, const char *key, int k, double mase,
    double smape, int picked)
{
	char a[32], b[32];
	struct crm_val v[5];

	v[0] = crm_val_text(key);
	v[1] = crm_val_text(crm_fc_method_name(k));
	v[2] = num(mase, 3, a);
	v[3] = num(smape, 2, b);
	v[4] = picked ? crm_val_text("yes") : crm_val_null();
	crm_rows_mem_add(r, v);
}

/* One series: its scores, and what auto picks (a short history:
 * what auto falls back to, told). */
static int
score_series(struct crm_rows *r, const struct fc_parsed *p,
    const struct crm_forecast_opts *o, const struct fc_series *x,
    double sum[2][CRM_FC_NMETHODS], size_t cnt[2][CRM_FC_NMETHODS],
    struct crm_err *e)
{
	double mase[CRM_FC_NMETHODS], smape[CRM_FC_NMETHODS];
	int pick, shrt = (x->n < 2 * (size_t)p->m) || x->n < 5;

	if (crm_fc_backtest_all(x->y, x->n, p->m, p->h, p->origins, mase,
	    smape, &pick, e) < 0)
		return crm_err_prefix(e, "%s", key_text(p, x, 1));
	if (shrt) {
		pick = x->n >= 5 ? CRM_FC_SES : CRM_FC_NAIVE;
		if (o->short_history)
			o->short_history(o->arg, key_text(p, x, 1), x->n,
			    crm_fc_method_name(pick));
	}
	for (int k = 0; k < CRM_FC_AUTO; k++) {
		add_score(r, key_text(p, x, 0), k, mase[k], smape[k],
		    k == pick);
		for (int j = 0; j < 2; j++) {
			double v = j ? smape[k] : mase[k];

			if (isfinite(v))
				sum[j][k] += v, cnt[j][k]++;
		}
	}
	return 0;
}

struct crm_rows *
crm_forecast_backtest(struct crm_session *s,
    const struct crm_forecast_opts *o, struct crm_err *e)
{
	double sum[2][CRM_FC_NMETHODS] = { { 0 } };
	size_t cnt[2][CRM_FC_NMETHODS] = { { 0 } };
	struct crm_col cols[5] = {
		{ NULL, CRM_COL_TEXT }, { "method", CRM_COL_TEXT },
		{ "mase", CRM_COL_INT }, { "smape", CRM_COL_INT },
		{ "auto", CRM_COL_TEXT },
	};
	struct fc_parsed p;
	struct fc_set set;
	struct crm_rows *r;

	if (fc_parse(o, &p, e) < 0 || fc_load(s, &p, &set, e) < 0)
		return NULL;
	cols[0].name = key_col(&p);
	r = crm_rows_mem(cols, 5);
	for (size_t i = 0; i < set.n; i++)
		if (score_series(r, &p, o, &set.v[i], sum, cnt, e) < 0) {
			crm_rows_close(r);
			fc_set_free(&set);
			return NULL;
		}
	for (int k = 0; set.n > 1 && k < CRM_FC_AUTO; k++)
		add_score(r, "mean", k, cnt[0][k] ? sum[0][k] / cnt[0][k] :
		    NAN, cnt[1][k] ? sum[1][k] / cnt[1][k] : NAN, 0);
	fc_set_free(&set);
	return r;
}
