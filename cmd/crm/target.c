/* crm target set|list|import|export: sales targets (销售目标). */
#include <stdio.h>

#include "crm.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/report.h"
#include "crm/banned.h"

static const struct crm_opt key_opts[] = {
	{ "user", 1, "LOGIN", N_("the target of this user"), "@user" },
	{ "region", 1, "REGION", N_("the target of this region (战区)"),
	    NULL },
	{ "period", 1, "PERIOD", N_("a month, quarter or year: 2026-11, "
	    "2026-Q4, 2026"), NULL },
	{ "metric", 1, "METRIC", N_("revenue, collected, new_customers or "
	    "won_deals"), "revenue|collected|new_customers|won_deals" },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt import_opts[] = {
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

static void
key_of(struct crm_ctx *c, struct crm_target_key *k)
{
	k->user = crm_opt(c, "user");
	k->region = crm_opt(c, "region");
	k->period = crm_opt(c, "period");
	k->metric = crm_opt(c, "metric");
}

static int
target_set(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_target_key k;
	long long id;

	if (s == NULL)
		return crm_fail(c);
	key_of(c, &k);
	if (k.period == NULL || k.metric == NULL)
		return crm_usage(c, "target set needs --period and --metric");
	if ((k.user == NULL) == (k.region == NULL))
		return crm_usage(c, "target set needs --user or --region (one "
		    "of them)");
	if (crm_target_set(s, &k, c->argv[0], &id, &c->err) < 0)
		return crm_fail(c);
	printf("%lld\n", id);
	return 0;
}

static int
target_list(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_target_key k;

	if (s == NULL)
		return crm_fail(c);
	key_of(c, &k);
	return crm_print_rows(c, crm_cli_words(c, crm_target_list(s, &k,
	    &c->err), "metric", "metric"), 0, NULL);
}

static int
target_export(struct crm_ctx *c)
{
	if (!c->fmt_set)
		c->fmt = CRM_FMT_CSV;
	return target_list(c);
}

static int
target_import(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_in_opts o;
	long n;

	if (s == NULL || crm_cli_input_opts(c, &o) < 0)
		return crm_fail(c);
	if (crm_target_import(s, c->argc ? c->argv[0] : "-", &o, &n,
	    &c->err) < 0)
		return crm_fail(c);
	if (c->dry_run)
		crm_note(c, "dry run: %ld targets set", n);
	else
		crm_note(c, "%ld targets set", n);
	return 0;
}

const struct crm_verb crm_target_verbs[] = {
	{ "set", target_set, "VALUE", N_("set the target of a user or region "
	    "for a period and metric (an amount, or a count); prints its id"),
	    key_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "list", target_list, NULL, N_("the targets you may see"),
	    key_opts, 0, NULL, 0, 0 },
	{ "import", target_import, "[FILE|-]", N_("set the targets of a "
	    "file (the columns of list), all or none"), import_opts,
	    CRM_VERB_WRITES, NULL, 0, 1 },
	{ "export", target_export, NULL, N_("the targets you may see, for "
	    "import (csv unless -f says otherwise)"), key_opts, 0, NULL, 0,
	    0 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
