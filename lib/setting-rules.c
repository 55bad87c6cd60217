/* The settings registry and the rule each value must keep. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setting-impl.h"
#include "crm/i18n.h"
#include "crm/mail.h"
#include "crm/money.h"
#include "crm/order.h"
#include "crm/report.h"
#include "crm/banned.h"

/* Why the value of key is bad, fmt marked with N_() and said in the
 * user's language. */
static int __attribute__((format(printf, 3, 4)))
bad(struct crm_err *e, const char *key, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), crm_tr(fmt), ap);
	va_end(ap);
	return crm_err_set(e, CRM_EX_CONFIG, "bad value for '%s': %s", key,
	    why);
}

static int
check_count(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	long long v;

	if (!crm_ytree_int(n, &v) || v < 0 || v > 1000000)
		return bad(e, key, N_("it must be a whole number from 0 to "
		    "1000000"));
	return 0;
}

static int
check_bool(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	int v;

	if (!crm_ytree_bool(n, &v))
		return bad(e, key, N_("it must be true or false"));
	return 0;
}

static int
check_tier_days(const struct crm_ynode *n, const char *key,
    struct crm_err *e)
{
	if (n->type == CRM_Y_NULL)
		return 0;
	if (n->type != CRM_Y_MAP)
		return bad(e, key, N_("it must map tiers A-E to days, e.g. {A: "
		    "30, B: 20}"));
	for (size_t i = 0; i < n->n; i++) {
		const char *t = n->keys[i];
		long long v;

		if (strlen(t) != 1 || t[0] < 'A' || t[0] > 'E')
			return bad(e, key, N_("tier '%s' is not one of A, B, "
			    "C, D, E"), t);
		if (!crm_ytree_int(n->items[i], &v) || v < 1 || v > 36500)
			return bad(e, key, N_("the days for tier %s must be a "
			    "whole number from 1 to 36500"), t);
	}
	return 0;
}

static const char *const customer_fields[] = { "name", "contact", "phone",
	"email", "address", "city", "region", "industry", "size", "tier",
	"owner", "source_type", "note", "tags" };

static int
check_fields(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	if (n->type != CRM_Y_SEQ)
		return bad(e, key, N_("it must be a list of customer fields, "
		    "e.g. [name, phone]"));
	for (size_t i = 0; i < n->n; i++) {
		const struct crm_ynode *f = n->items[i];
		size_t k;

		if (f->type != CRM_Y_SCALAR)
			return bad(e, key, N_("it must be a list of field "
			    "names"));
		for (k = 0; k < sizeof(customer_fields) /
		    sizeof(*customer_fields); k++)
			if (strcmp(f->s, customer_fields[k]) == 0)
				break;
		if (k == sizeof(customer_fields) / sizeof(*customer_fields))
			return bad(e, key, N_("'%s' is not a customer field "
			    "(use name, contact, phone, email, address, city, "
			    "region, industry, size, tier, owner, source_type, "
			    "note, tags)"), f->s);
	}
	return 0;
}

static int
is_word(const char *s)
{
	if (*s == '\0' || strlen(s) > 40)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) &&
		    !isdigit((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

static int
check_words(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	if (n->type != CRM_Y_SEQ || n->n == 0)
		return bad(e, key, N_("it must be a non-empty list of words"));
	for (size_t i = 0; i < n->n; i++) {
		if (n->items[i]->type != CRM_Y_SCALAR ||
		    !is_word(n->items[i]->s))
			return bad(e, key, N_("it: each entry must be a word "
			    "of a-z, 0-9 and _"));
		for (size_t k = 0; k < i; k++)
			if (strcmp(n->items[k]->s, n->items[i]->s) == 0)
				return bad(e, key, N_("'%s' appears twice"),
				    n->items[i]->s);
	}
	return 0;
}

static int
check_stage(const struct crm_ynode *st, const char *key, int *won, int *lost,
    struct crm_err *e)
{
	const struct crm_ynode *k = crm_ytree_get(st, "key");
	const struct crm_ynode *label = crm_ytree_get(st, "label");
	const struct crm_ynode *p = crm_ytree_get(st, "probability");
	const struct crm_ynode *f = crm_ytree_get(st, "followup_days");
	long long v;

	if (st->type != CRM_Y_MAP || k == NULL || k->type != CRM_Y_SCALAR ||
	    !is_word(k->s))
		return bad(e, key, N_("it: each stage needs a key (a word), "
		    "e.g. {key: proposal, label: 方案报价, probability: 50}"));
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->keys[i], "key") &&
		    strcmp(st->keys[i], "label") &&
		    strcmp(st->keys[i], "probability") &&
		    strcmp(st->keys[i], "followup_days"))
			return bad(e, key, N_("unknown stage field '%s' (use "
			    "key, label, probability, followup_days)"),
			    st->keys[i]);
	if (label != NULL && label->type != CRM_Y_SCALAR)
		return bad(e, key, N_("the label of stage '%s' must be text"),
		    k->s);
	if (p == NULL || !crm_ytree_int(p, &v) || v < 0 || v > 100)
		return bad(e, key, N_("stage '%s' needs a probability from 0 "
		    "to 100"), k->s);
	if (strcmp(k->s, "won") == 0 && (*won = 1) && v != 100)
		return bad(e, key, N_("stage '%s' must have probability 100"),
		    k->s);
	if (strcmp(k->s, "lost") == 0 && (*lost = 1) && v != 0)
		return bad(e, key, N_("stage '%s' must have probability 0"),
		    k->s);
	if (f != NULL && (!crm_ytree_int(f, &v) || v < 0 || v > 365))
		return bad(e, key, N_("followup_days of stage '%s' must be 0 "
		    "to 365"), k->s);
	return 0;
}

static int
check_stages(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	int won = 0, lost = 0;

	if (n->type != CRM_Y_SEQ || n->n < 3)
		return bad(e, key, N_("it must be a list of at least three "
		    "stages ending in won and lost"));
	for (size_t i = 0; i < n->n; i++) {
		if (check_stage(n->items[i], key, &won, &lost, e) < 0)
			return -1;
		for (size_t k = 0; k < i; k++)
			if (strcmp(crm_ytree_get(n->items[k], "key")->s,
			    crm_ytree_get(n->items[i], "key")->s) == 0)
				return bad(e, key, N_("stage '%s' appears "
				    "twice"), crm_ytree_get(n->items[i],
				    "key")->s);
	}
	if (!won || !lost)
		return bad(e, key, N_("it must include the stages won and "
		    "lost"));
	return 0;
}

static int
check_approval(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	if (n->type != CRM_Y_MAP)
		return bad(e, key, N_("it must map manager and finance to "
		    "limits, e.g. {manager: {discount: 10, total: "
		    "100000.00}}"));
	for (size_t i = 0; i < n->n; i++) {
		const struct crm_ynode *lim = n->items[i];

		if (strcmp(n->keys[i], "manager") && strcmp(n->keys[i],
		    "finance"))
			return bad(e, key, N_("'%s' is not an approver (use "
			    "manager or finance)"), n->keys[i]);
		if (lim->type != CRM_Y_MAP)
			return bad(e, key, N_("the limits of '%s' must be a "
			    "mapping of discount and total"), n->keys[i]);
		for (size_t k = 0; k < lim->n; k++) {
			const struct crm_ynode *v = lim->items[k];
			long long pct;
			int64_t cents;

			if (strcmp(lim->keys[k], "discount") == 0) {
				if (!crm_ytree_int(v, &pct) || pct < 0 ||
				    pct > 100)
					return bad(e, key, N_("discount of "
					    "'%s' must be a percent from 0 to "
					    "100"), n->keys[i]);
			} else if (strcmp(lim->keys[k], "total") == 0) {
				if (v->type != CRM_Y_SCALAR ||
				    crm_money_parse(v->s, &cents, NULL) < 0 ||
				    cents < 0)
					return bad(e, key, N_("total of '%s' "
					    "must be an amount"), n->keys[i]);
			} else {
				return bad(e, key, N_("unknown limit '%s' (use "
				    "discount or total)"), lim->keys[k]);
			}
		}
	}
	return 0;
}

static int
check_number_format(const struct crm_ynode *n, const char *key,
    struct crm_err *e)
{
	int counters = 0, years = 0;

	if (n->type != CRM_Y_SCALAR || strlen(n->s) > 40)
		return bad(e, key, N_("it must be text such as SO-%%Y-%%06n"));
	for (const char *p = n->s; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == 'n')
			counters++;
		else if (*p == 'Y')
			years++;
		else if (*p != 'm' && *p != '%')
			return bad(e, key, N_("it may use only %%Y, %%m, %%n "
			    "(or %%06n) and %%%%"));
	}
	if (counters != 1)
		return bad(e, key, N_("it must hold the counter %%n exactly "
		    "once"));
	/* the counter starts again each year: without the year, numbers
	 * would come back */
	if (years == 0)
		return bad(e, key, N_("it must hold the year %%Y (the counter "
		    "starts again each year)"));
	return 0;
}

/* The rule of crm-order's --terms (lib/order-plan.c). */
static int
check_terms(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	struct crm_term t[CRM_TERMS_MAX];
	struct crm_err why = { 0 };
	size_t cnt;

	if (n->type != CRM_Y_SCALAR)
		return bad(e, key, N_("it must be text such as "
		    "30%%:0,70%%:30"));
	if (crm_terms_parse(n->s, t, &cnt, NULL, &why) < 0)
		return crm_err_set(e, CRM_EX_CONFIG, "bad value for '%s': %s",
		    key, why.msg);
	return 0;
}

static int
check_score_rules(const struct crm_ynode *n, const char *key,
    struct crm_err *e)
{
	static const char *const flat[] = { "has_phone", "has_email",
		"has_company" };
	static const char *const by_value[] = { "source", "size", "industry",
		"region", "channel" };
	long long v;

	if (n->type != CRM_Y_MAP)
		return bad(e, key, N_("it must be a mapping such as "
		    "{has_phone: 20, source: {referral: 30}}"));
	for (size_t i = 0; i < n->n; i++) {
		const struct crm_ynode *r = n->items[i];
		int known = 0;

		for (size_t k = 0; k < 3; k++)
			if (strcmp(n->keys[i], flat[k]) == 0) {
				if (!crm_ytree_int(r, &v) || v < -1000 ||
				    v > 1000)
					return bad(e, key, N_("points for '%s' "
					    "must be a whole number from -1000 "
					    "to 1000"), n->keys[i]);
				known = 1;
			}
		for (size_t k = 0; k < 5; k++)
			if (strcmp(n->keys[i], by_value[k]) == 0) {
				if (r->type != CRM_Y_MAP)
					return bad(e, key, N_("'%s' must map "
					    "values to points"), n->keys[i]);
				for (size_t j = 0; j < r->n; j++)
					if (!crm_ytree_int(r->items[j], &v) ||
					    v < -1000 || v > 1000)
						return bad(e, key, N_("points "
						    "for '%s' must be whole "
						    "numbers"), n->keys[i]);
				known = 1;
			}
		if (!known)
			return bad(e, key, N_("unknown rule '%s' (use "
			    "has_phone, has_email, has_company, source, size, "
			    "industry, region, channel)"), n->keys[i]);
	}
	return 0;
}

static int
check_currency(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	if (n->type != CRM_Y_SCALAR || strlen(n->s) != 3 ||
	    !isupper((unsigned char)n->s[0]) ||
	    !isupper((unsigned char)n->s[1]) ||
	    !isupper((unsigned char)n->s[2]))
		return bad(e, key, N_("it must be a three-letter currency code "
		    "such as CNY"));
	return 0;
}

/* A language crm has messages in. */
static int
check_lang(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	if (n->type != CRM_Y_SCALAR || (strcmp(n->s, "en") != 0 &&
	    strcmp(n->s, "zh_CN") != 0))
		return bad(e, key, N_("it must be en or zh_CN"));
	return 0;
}

/* Empty (null) picks the sender at send time; else exactly one address,
 * checked as users' emails are (no display name: it goes into a header). */
static int
check_mail_from(const struct crm_ynode *n, const char *key, struct crm_err *e)
{
	struct crm_err why = { 0 };

	if (n->type == CRM_Y_NULL || (n->type == CRM_Y_SCALAR && *n->s == '\0'))
		return 0;
	if (n->type != CRM_Y_SCALAR ||
	    crm_mail_address_check(n->s, &why) < 0)
		return bad(e, key, N_("it must be one email address such as "
		    "crm@example.com, or empty for the first admin's"));
	return 0;
}

const struct setting_def crm_setting_defs[] = {
	{ { "clock.allow_override", "false", "true or false" }, check_bool },
	{ { "contract.number_format", "CT-%Y-%04n",
	    "text with %Y, %m and one %n" }, check_number_format },
	{ { "commission.plan", "{base: collected, tier_by: amount, mode: "
	    "marginal, tiers: [{from: 0, rate: 3%}, {from: 100000.00, rate: "
	    "5%}], factors: [{below: 100%, factor: 1.0}]}",
	    "{base, tier_by, mode, tiers, factors}" },
	    crm_commission_plan_check },
	{ { "currency", "CNY", "a three-letter currency code" },
	    check_currency },
	{ { "customer.required", "[name]",
	    "a list of customer fields" }, check_fields },
	{ { "deal.lost_reasons",
	    "[price, competitor, no_budget, no_decision, timing, other]",
	    "a list of words" }, check_words },
	{ { "deal.stages",
	    "[{key: qualify, label: 初步接洽, probability: 10}, "
	    "{key: needs, label: 需求确认, probability: 25}, "
	    "{key: proposal, label: 方案报价, probability: 50, "
	    "followup_days: 3}, "
	    "{key: negotiation, label: 商务谈判, probability: 75}, "
	    "{key: won, label: 赢单, probability: 100}, "
	    "{key: lost, label: 输单, probability: 0}]",
	    "a list of stages {key, label, probability, followup_days}" },
	    check_stages },
	{ { "import.max_probe", "100", "a count, 0 or more" }, check_count },
	{ { "lead.claims_per_day", "50", "a count, 0 for no limit" },
	    check_count },
	{ { "lead.max_owned", "500", "a count, 0 for no cap" }, check_count },
	{ { "lead.reclaim_cooldown_days", "7", "days, 0 for none" },
	    check_count },
	{ { "lead.recycle_days", "3", "days, 0 or more" }, check_count },
	{ { "lead.score_rules", "{has_phone: 20, has_email: 10, "
	    "source: {referral: 30, expo: 20, web: 10}, size: {large: 20}}",
	    "points per field value" }, check_score_rules },
	{ { "mail.from", "null", "an email address; empty: the first active "
	    "admin's, else crm@HOSTNAME" }, check_mail_from },
	{ { "order.number_format", "SO-%Y-%06n",
	    "text with %Y, %m and one %n" }, check_number_format },
	{ { "pay.default_terms", "100%:30",
	    "percent:days terms adding up to 100%" }, check_terms },
	{ { "pool.cap_counts_won", "false", "true or false" }, check_bool },
	{ { "pool.claims_per_day", "20", "a count, 0 for no limit" },
	    check_count },
	{ { "pool.mask_contacts", "true", "true or false" }, check_bool },
	{ { "pool.max_owned", "200", "a count, 0 for no cap" }, check_count },
	{ { "pool.reclaim_cooldown_days", "7", "days, 0 for none" },
	    check_count },
	{ { "pool.same_region", "true", "true or false" }, check_bool },
	{ { "quote.approval", "{manager: {discount: 10, total: 100000.00}, "
	    "finance: {total: 500000.00}}",
	    "limits per approver" }, check_approval },
	{ { "quote.valid_days", "30", "days, 0 for no default" },
	    check_count },
	{ { "recycle.deal_days", "{}", "days per tier A-E" },
	    check_tier_days },
	{ { "recycle.followup_days", "{A: 30, B: 20, C: 15, D: 10, E: 7}",
	    "days per tier A-E" }, check_tier_days },
	{ { "remind.days_ahead", "1", "days, 0 or more" }, check_count },
	{ { "remind.dormant_days", "90", "days, 0 or more" }, check_count },
	{ { "remind.escalate_days", "2", "days, 0 or more" }, check_count },
	{ { "remind.payment_days", "3", "days, 0 or more" }, check_count },
	{ { "remind.recycle_warn_days", "3", "days, 0 or more" },
	    check_count },
	{ { "ui.lang", "en", "en or zh_CN" }, check_lang },
};
const size_t crm_setting_ndefs = sizeof(crm_setting_defs) /
    sizeof(*crm_setting_defs);
