/* crm-report commission (提成), from the setting commission.plan:
 *
 *   base     ordered, invoiced or collected (回款) in the period
 *   tier_by  amount: a tier is reached when the base reaches its from;
 *            attainment: when the attainment of the rep's target (of
 *            revenue for ordered, of collected for collected) reaches it
 *            — its from is then a percent, and the boundary in money is
 *            that percent of the target
 *   mode     whole (全额累进): the whole base at the rate of the highest
 *            tier reached; marginal (超额累进): each slice of the base
 *            between two boundaries at its own tier's rate
 *   factors  the commission times the factor of the lowest mark the
 *            attainment is below (业绩系数); none below: 1
 *
 * A base on a boundary reaches that tier (whole: 100000.00 earns 5% of
 * it; marginal: the slice above it is 0). Money is cents, rates
 * hundredths of a percent, factors ten-thousandths: each tier's amount
 * is rounded half away from zero to the cent, then the factor's product.
 * Without a target the attainment is unknown: no factor applies and by
 * attainment only the first tier is reached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "crm/db.h"
#include "crm/setting.h"
#include "crm/ytree.h"
#include "crm/banned.h"

#define MAXT 16

struct plan {
	enum crm_metric base;
	int by_att, marginal;
	size_t nt, nf;
	long long from[MAXT];	/* cents, or hundredths of a percent */
	long long rate[MAXT];	/* hundredths of a percent */
	long long below[MAXT];	/* hundredths of a percent */
	long long factor[MAXT];	/* ten-thousandths */
};

/* A decimal with at most places decimals, times 10^places, and a %
 * sign (pct: 1 must have it unless 0, 0 must not); -1 if bad. */
static long long
decimal(const struct crm_ynode *n, int places, int pct)
{
	const char *s = n && n->type == CRM_Y_SCALAR ? n->s : NULL;
	long long v = 0;
	int dec = -1, digits = 0;

	if (s == NULL)
		return -1;
	for (; *s && *s != '%'; s++) {
		if (*s == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || dec >= places || v > 1000000000000LL)
			return -1;
		v = v * 10 + (*s - '0');
		digits++;
		if (dec >= 0)
			dec++;
	}
	/* a percent needs its sign, but 0 is 0 either way */
	if (digits == 0 || ((*s == '%') != pct && (pct == 0 || v != 0)) ||
	    (*s && s[1]))
		return -1;
	for (dec = dec < 0 ? 0 : dec; dec < places; dec++)
		v *= 10;
	return v;
}

static int
bad(struct crm_err *e, const char *key, const char *why)
{
	return crm_err_set(e, CRM_EX_CONFIG, "bad value for '%s': %s", key,
	    crm_tr(why));
}

static int
word(const struct crm_ynode *map, const char *name, const char *a,
    const char *b, const char *c, int *v)
{
	const struct crm_ynode *n = crm_ytree_get(map, name);

	if (n == NULL || n->type != CRM_Y_SCALAR)
		return -1;
	*v = strcmp(n->s, a) == 0 ? 0 : strcmp(n->s, b) == 0 ? 1 :
	    c && strcmp(n->s, c) == 0 ? 2 : -1;
	return *v;
}

static int
plan_tiers(const struct crm_ynode *l, struct plan *p, const char *key,
    struct crm_err *e)
{
	if (l == NULL || l->type != CRM_Y_SEQ || l->n == 0 || l->n > MAXT)
		return bad(e, key, N_("tiers must be a list of 1 to 16 {from, "
		    "rate}"));
	for (size_t i = 0; i < l->n; i++) {
		const struct crm_ynode *t = l->items[i], *f;
		int64_t cents;

		f = crm_ytree_get(t, "from");
		if (p->by_att)
			p->from[i] = decimal(f, 2, 1);
		else if (f && f->type == CRM_Y_SCALAR &&
		    crm_money_parse(f->s, &cents, NULL) == 0)
			p->from[i] = cents;
		else
			p->from[i] = -1;
		p->rate[i] = decimal(crm_ytree_get(t, "rate"), 2, 1);
		if (p->from[i] < 0 || p->rate[i] < 0 || p->rate[i] > 10000)
			return bad(e, key, p->by_att ? N_("a tier is {from: "
			    "PERCENT, rate: PERCENT}, e.g. {from: 100%, rate: "
			    "5%}") : N_("a tier is {from: AMOUNT, rate: "
			    "PERCENT}, e.g. {from: 100000.00, rate: 5%}"));
		if ((i == 0 && p->from[0] != 0) ||
		    (i > 0 && p->from[i] <= p->from[i - 1]))
			return bad(e, key, N_("the tiers must start from 0 and "
			    "go up"));
	}
	p->nt = l->n;
	return 0;
}

static int
plan_factors(const struct crm_ynode *l, struct plan *p, const char *key,
    struct crm_err *e)
{
	p->nf = 0;
	if (l == NULL)
		return 0;
	if (l->type != CRM_Y_SEQ || l->n > MAXT)
		return bad(e, key, N_("factors must be a list of {below, "
		    "factor}"));
	for (size_t i = 0; i < l->n; i++) {
		p->below[i] = decimal(crm_ytree_get(l->items[i], "below"), 2, 1);
		p->factor[i] = decimal(crm_ytree_get(l->items[i], "factor"), 4,
		    0);
		if (p->below[i] < 0 || p->factor[i] < 0 ||
		    p->factor[i] > 100000)
			return bad(e, key, N_("a factor is {below: PERCENT, "
			    "factor: NUMBER}, e.g. {below: 80%, factor: 0.8}"));
		if (i > 0 && p->below[i] <= p->below[i - 1])
			return bad(e, key, N_("the factors' marks must go up"));
	}
	p->nf = l->n;
	return 0;
}

static int
plan_read(const struct crm_ynode *n, struct plan *p, const char *key,
    struct crm_err *e)
{
	int base, v;

	memset(p, 0, sizeof(*p));
	if (n == NULL || n->type != CRM_Y_MAP)
		return bad(e, key, N_("it must be a mapping {base, tier_by, "
		    "mode, tiers, factors}"));
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->keys[i], "base") && strcmp(n->keys[i],
		    "tier_by") && strcmp(n->keys[i], "mode") &&
		    strcmp(n->keys[i], "tiers") && strcmp(n->keys[i],
		    "factors"))
			return bad(e, key, N_("the keys are base, tier_by, "
			    "mode, tiers and factors"));
	if (word(n, "base", "ordered", "invoiced", "collected", &base) < 0)
		return bad(e, key, N_("base must be ordered, invoiced or "
		    "collected"));
	p->base = base == 0 ? CRM_M_REVENUE : base == 1 ? CRM_M_INVOICED :
	    CRM_M_COLLECTED;
	if (word(n, "tier_by", "amount", "attainment", NULL, &v) < 0)
		return bad(e, key, N_("tier_by must be amount or attainment"));
	p->by_att = v;
	if (word(n, "mode", "whole", "marginal", NULL, &v) < 0)
		return bad(e, key, N_("mode must be whole or marginal"));
	p->marginal = v;
	if (plan_tiers(crm_ytree_get(n, "tiers"), p, key, e) < 0)
		return -1;
	return plan_factors(crm_ytree_get(n, "factors"), p, key, e);
}

int
crm_commission_plan_check(const struct crm_ynode *n, const char *key,
    struct crm_err *e)
{
	struct plan p;

	return plan_read(n, &p, key, e);
}

/* x * num / den rounded half away from zero (den > 0). */
static long long
mul_div(long long x, long long num, long long den)
{
	long long p = x * num, q = p / den, r = p % den;

	if (2 * (r < 0 ? -r : r) >= den)
		q += p < 0 ? -1 : 1;
	return q;
}

static void
pct_text(long long hundredths, char out[32])
{
	snprintf(out, 32, "%lld.%02lld%%", hundredths / 100,
	    hundredths % 100);
	/* 3.00% reads 3% */
	if (strcmp(out + strlen(out) - 4, ".00%") == 0)
		snprintf(out + strlen(out) - 4, 5, "%%");
}

static void
factor_text(long long f, char out[32])
{
	int len;

	len = snprintf(out, 32, "%lld.%04lld", f / 10000, f % 10000);
	while (len > 3 && out[len - 1] == '0' && out[len - 2] != '.')
		out[--len] = '\0';
}

/* One rep's figures and, with explain, each step of the arithmetic. */
struct calc {
	long long base, target, att;	/* att: -1 unknown */
	int has_target;
	size_t tier;			/* the highest reached, from 0 */
	long long raw, factor, total;
	long long slice[MAXT], amount[MAXT], lo[MAXT];
};

/* The boundary of tier i in money, -1 if unknown (no target). */
static long long
boundary(const struct plan *p, const struct calc *c, size_t i)
{
	if (!p->by_att)
		return p->from[i];
	if (i == 0)
		return 0;
	return c->has_target ? mul_div(c->target, p->from[i], 10000) : -1;
}

static void
compute(const struct plan *p, struct calc *c)
{
	c->att = c->has_target && c->target > 0 ?
	    mul_div(c->base, 10000, c->target) : -1;
	c->tier = 0;
	for (size_t i = 1; i < p->nt; i++)
		if (boundary(p, c, i) >= 0 && c->base >= boundary(p, c, i))
			c->tier = i;
	c->raw = 0;
	for (size_t i = 0; i < p->nt; i++) {
		long long lo = boundary(p, c, i), hi = i + 1 < p->nt ?
		    boundary(p, c, i + 1) : -1;

		c->lo[i] = lo;
		c->slice[i] = 0;
		if (!p->marginal)
			c->slice[i] = i == c->tier ? c->base : 0;
		else if (i <= c->tier)
			c->slice[i] = (hi < 0 || i == c->tier ? c->base : hi) -
			    lo;
		c->amount[i] = mul_div(c->slice[i], p->rate[i], 10000);
		c->raw += c->amount[i];
	}
	c->factor = 10000;
	for (size_t i = 0; c->att >= 0 && i < p->nf; i++)
		if (c->att < p->below[i]) {
			c->factor = p->factor[i];
			break;
		}
	c->total = mul_div(c->raw, c->factor, 10000);
}

static const struct crm_col cols[] = {
	{ NC_("column", "user"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "base"), CRM_COL_MONEY },
	{ NC_("column", "target"), CRM_COL_MONEY },
	{ NC_("column", "attainment_pct"), CRM_COL_INT },
	{ NC_("column", "tier"), CRM_COL_INT },
	{ NC_("column", "rate"), CRM_COL_TEXT },
	{ NC_("column", "factor"), CRM_COL_INT },
	{ NC_("column", "commission"), CRM_COL_MONEY },
};
static const struct crm_col explain_cols[] = {
	{ NC_("column", "user"), CRM_COL_TEXT },
	{ NC_("column", "step"), CRM_COL_TEXT },
	{ NC_("column", "basis"), CRM_COL_MONEY },
	{ NC_("column", "rate"), CRM_COL_TEXT },
	{ NC_("column", "result"), CRM_COL_MONEY },
	{ NC_("column", "formula"), CRM_COL_TEXT },
};

static void
summary_row(struct crm_rows *out, const char *login, const char *name,
    const struct plan *p, const struct calc *c)
{
	char m[4][CRM_MONEY_LEN], att[32], tier[16], rate[32], f[32];
	struct crm_val row[9];

	crm_money_format(c->base, m[0]);
	crm_money_format(c->target, m[1]);
	crm_money_format(c->total, m[2]);
	att[0] = '\0';
	if (c->att >= 0)
		report_share(c->base, c->target, att);
	snprintf(tier, sizeof(tier), "%zu", c->tier + 1);
	pct_text(p->rate[c->tier], rate);
	factor_text(c->factor, f);
	row[0] = crm_val_text(login);
	row[1] = crm_val_text(name);
	row[2] = crm_val_text(m[0]);
	row[3] = c->has_target ? crm_val_text(m[1]) : crm_val_null();
	row[4] = crm_val_text(att);
	row[5] = crm_val_text(tier);
	row[6] = crm_val_text(rate);
	row[7] = crm_val_text(f);
	row[8] = crm_val_text(m[2]);
	crm_rows_mem_add(out, row);
}

static void
step_row(struct crm_rows *out, const char *login, const char *step,
    long long basis, const char *rate, long long result,
    const char *formula)
{
	char b[CRM_MONEY_LEN], r[CRM_MONEY_LEN];
	struct crm_val row[6];

	crm_money_format(basis, b);
	crm_money_format(result, r);
	row[0] = crm_val_text(login);
	row[1] = crm_val_text(step);
	row[2] = crm_val_text(b);
	row[3] = crm_val_text(rate);
	row[4] = crm_val_text(r);
	row[5] = crm_val_text(formula);
	crm_rows_mem_add(out, row);
}

/* tier N: the slice (marginal: from its boundary) times its rate; then
 * the factor, then the commission. */
static void
explain_rows(struct crm_rows *out, const char *login, const struct plan *p,
    const struct calc *c)
{
	char step[32], rate[32], f[256], m[3][CRM_MONEY_LEN];

	for (size_t i = 0; i < p->nt; i++) {
		if (!p->marginal && i != c->tier)
			continue;
		if (p->marginal && i > c->tier)
			break;
		snprintf(step, sizeof(step), "tier %zu", i + 1);
		pct_text(p->rate[i], rate);
		crm_money_format(c->slice[i], m[0]);
		crm_money_format(c->amount[i], m[1]);
		crm_money_format(c->lo[i], m[2]);
		if (p->marginal) {
			char top[CRM_MONEY_LEN];

			crm_money_format(c->lo[i] + c->slice[i], top);
			snprintf(f, sizeof(f), "(%s - %s) x %s = %s", top,
			    m[2], rate, m[1]);
		} else
			snprintf(f, sizeof(f), "%s x %s = %s", m[0], rate,
			    m[1]);
		step_row(out, login, step, c->slice[i], rate, c->amount[i], f);
	}
	factor_text(c->factor, rate);
	crm_money_format(c->raw, m[0]);
	crm_money_format(c->total, m[1]);
	snprintf(f, sizeof(f), "%s x %s = %s", m[0], rate, m[1]);
	step_row(out, login, "factor", c->raw, rate, c->total, f);
}

static int
plan_load(struct crm_session *s, struct plan *p, struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc = crm_setting_json(s, "commission.plan", &json, e);

	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, "commission.plan", &n, e);
	if (rc == 0)
		rc = plan_read(n, p, "commission.plan", e);
	crm_ytree_free(n);
	crm_buf_free(&json);
	return rc;
}

/* One rep: the base, the target of the same metric, the arithmetic;
 * one who left before the range only with a base in it or when named. */
static int
one(struct crm_session *s, const struct plan *p, const struct crm_range *r,
    sqlite3_stmt *st, struct crm_rows *out, int explain,
    int named, struct crm_err *e)
{
	const char *login = crm_db_col_text(st, 0);
	struct calc c;
	int rc;

	memset(&c, 0, sizeof(c));
	if (report_actual_of(s, p->base, 0, r, login, &c.base, e) < 0 ||
	    (rc = report_target_of(s, login, NULL, p->base, r, &c.target,
	    e)) < 0)
		return -1;
	c.has_target = rc == 1;
	if (!named && !sqlite3_column_int(st, 2) && c.base == 0)
		return 0;
	compute(p, &c);
	if (explain)
		explain_rows(out, login, p, &c);
	else
		summary_row(out, login, crm_db_col_text(st, 1), p, &c);
	return 0;
}

struct crm_rows *
crm_report_commission(struct crm_session *s, const struct crm_range *r,
    const char *user, int explain, struct crm_err *e)
{
	sqlite3_stmt *st;
	struct crm_rows *out;
	struct plan p;
	int rc, seen = 0;

	if (plan_load(s, &p, e) < 0 ||
	    (st = crm_db_prepare(s->db, report_sellers_sql, e)) == NULL ||
	    report_sellers_bind(s, st, 0, r, e) < 0)
		return NULL;
	out = explain ? crm_rows_mem(explain_cols, 6) : crm_rows_mem(cols, 9);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		if (user && strcmp(user, crm_db_col_text(st, 0)) != 0)
			continue;
		seen = 1;
		if (one(s, &p, r, st, out, explain, user != NULL, e) < 0) {
			sqlite3_reset(st);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && user && !seen)
		rc = crm_err_set(e, CRM_EX_DATAERR, "no user %s", user);
	if (rc < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
