/* crm-customer contact add|list, follow, history */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "customer.h"
#include "crm/cli-entity.h"
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
	return crm_cli_follow(c, &crm_customer_entity);
}

int
cmd_history(struct crm_ctx *c)
{
	return crm_cli_history(c, &crm_customer_entity);
}
