/* crm-lead convert, disqualify */
#include <stdio.h>

#include "lead.h"
#include "crm/column-names.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt convert_opts[] = {
	{ "customer", 1, "ID|NAME", N_("attach to this customer of the "
	    "lead's owner instead of making a new one"), NULL },
	{ "deal", 1, "NAME", N_("also make a deal of that name (商机)"),
	    NULL },
	{ "amount", 1, "MONEY", N_("the deal's amount"), NULL },
	{ "close", 1, "DATE", N_("the deal's expected close"), NULL },
	{ "allow-duplicate", 0, NULL, N_("managers: make the customer even "
	    "if one with its name or phone exists"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt disqualify_opts[] = {
	{ "reason", 1, "TEXT", N_("why the lead is no good (required)"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

int
cmd_convert(struct crm_ctx *c)
{
	struct crm_lead_conversion cv = { crm_opt(c, "customer"),
		crm_opt(c, "deal"), crm_opt(c, "amount"), crm_opt(c, "close"),
		crm_flag(c, "allow-duplicate") };
	long long id, customer, deal;

	if (cv.deal == NULL && (cv.amount || cv.close))
		return crm_usage(c, "--amount and --close are the deal's: "
		    "give its name with --deal NAME");
	if (cv.customer && cv.allow_dup)
		return crm_usage(c, "--allow-duplicate is for a new customer, "
		    "not with --customer");
	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, &crm_lead_entity, c->argv[0], &id, &c->err) < 0 ||
	    crm_lead_convert(&c->s, id, &cv, &customer, &deal, &c->err) < 0)
		return crm_fail(c);
	if (c->dry_run)
		return 0;
	printf("%lld\n", customer);
	if (deal)
		crm_note(c, "converted lead %lld into customer %lld and deal "
		    "%lld", id, customer, deal);
	else
		crm_note(c, "converted lead %lld into customer %lld", id,
		    customer);
	return 0;
}

static int
disqualify_one(struct crm_ctx *c, const char *text, const char *where,
    void *arg)
{
	long *done = arg;
	long long id;

	if (crm_find(&c->s, &crm_lead_entity, text, &id, &c->err) < 0 ||
	    crm_lead_disqualify(&c->s, id, crm_opt(c, "reason"),
	    &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	(*done)++;
	return 0;
}

int
cmd_disqualify(struct crm_ctx *c)
{
	const char *reason = crm_opt(c, "reason");
	long done = 0;

	if (reason == NULL || *reason == '\0')
		return crm_usage(c, "disqualify needs a reason (--reason TEXT)");
	if (crm_ctx_session(c) == NULL ||
	    crm_ids_each_tx(c, c->argc, c->argv, disqualify_one, &done) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		crm_note(c, "disqualified %ld %s", done, done == 1 ?
		    crm_entity_word(&crm_lead_entity) :
		    crm_entity_words(&crm_lead_entity));
	return 0;
}
