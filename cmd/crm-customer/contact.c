/* crm-customer contact add|list, follow, history */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "customer.h"
#include "crm/i18n.h"
#include "crm/pool.h"
#include "crm/banned.h"

static const struct crm_opt contact_add_opts[] = {
	{ "name", 1, "NAME", N_("the contact's name"), NULL },
	{ "title", 1, "TITLE", N_("job title"), NULL },
	{ "phone", 1, "PHONE", N_("phone or mobile number"), NULL },
	{ "email", 1, "EMAIL", N_("email address"), NULL },
	{ "birthday", 1, "DATE", N_("birthday"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt follow_opts[] = {
	{ "kind", 1, "KIND", N_("call, visit, email, im, meeting or note"),
	    "call|visit|email|im|meeting|note" },
	{ "note", 1, "TEXT", N_("what happened"), NULL },
	{ "at", 1, "TIME", N_("when (default: now)"), NULL },
	{ "next", 1, "DATE", N_("the next follow-up (e.g. +3d)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt history_opts[] = {
	{ "limit", 1, "N", N_("at most N follow-ups (default 100)"), NULL },
	{ "owners", 0, NULL, N_("the changes of owner instead: who had it, "
	    "who got it, why (a recycle names its rule and days)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static int
cmd_contact_add(struct crm_ctx *c)
{
	long long customer, id;

	if (customer_arg(c, c->argv[0], &customer) < 0 ||
	    crm_contact_add(&c->s, customer, crm_opt(c, "name"),
	    crm_opt(c, "title"), crm_opt(c, "phone"), crm_opt(c, "email"),
	    crm_opt(c, "birthday"), &id, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}

static int
cmd_contact_list(struct crm_ctx *c)
{
	long long customer;

	if (customer_arg(c, c->argv[0], &customer) < 0)
		return crm_fail(c);
	return crm_print_rows(c, crm_contact_list(&c->s, customer, &c->err),
	    0, NULL);
}

const struct crm_verb contact_verbs[] = {
	{ "add", cmd_contact_add, "ID|NAME", N_("add a contact to a customer; "
	    "prints its id"), contact_add_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "list", cmd_contact_list, "ID|NAME", N_("a customer's contacts"),
	    NULL, 0, NULL, 1, 1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

int
cmd_follow(struct crm_ctx *c)
{
	long long id;

	if (crm_opt(c, "kind") == NULL)
		return crm_usage(c, "missing --kind (call, visit, email, im, "
		    "meeting or note)");
	if (customer_arg(c, c->argv[0], &id) < 0 ||
	    crm_activity_follow(&c->s, &crm_customer_entity, id,
	    crm_opt(c, "kind"), crm_opt(c, "note"), crm_opt(c, "at"),
	    crm_opt(c, "next"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
cmd_history(struct crm_ctx *c)
{
	long long id, limit;

	if (crm_opt_num(c, "limit", 0, LONG_MAX, 100, &limit) < 0 ||
	    customer_arg(c, c->argv[0], &id) < 0)
		return crm_fail(c);
	if (crm_flag(c, "owners"))
		return crm_print_rows(c, crm_pool_owners(&c->s,
		    &crm_customer_entity, id, &c->err), 0, NULL);
	return crm_print_rows(c, crm_activity_history(&c->s,
	    &crm_customer_entity, id, (long)limit, &c->err), 0, NULL);
}
