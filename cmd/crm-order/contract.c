/* crm-order contract add, list, show, edit, renew, activate, terminate */
#include <stdio.h>
#include <string.h>

#include "order.h"
#include "crm/cli-entity.h"
#include "crm/contract.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const struct crm_opt add_more[] = {
	{ "status", 1, "STATUS", N_("draft, or active (the default)"),
	    "draft|active" },
	{ "owner", 1, "LOGIN", N_("who owns it (default: its quote's or "
	    "deal's owner, else its customer's)"), "@user" },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt edit_more[] = {
	{ "owner", 1, "LOGIN", N_("hand the contract to a user (managers: "
	    "within their team)"), "@user" },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt renew_more[] = {
	{ "status", 1, "STATUS", N_("draft, or active (the default)"),
	    "draft|active" },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt list_more[] = {
	{ "ending-within", 1, "DAYS", N_("active, ending from today to DAYS "
	    "days on"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt activate_opts[] = {
	{ "signed", 1, "DATE", N_("the day it was signed (default: the one "
	    "it has, else today or the start if earlier)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt terminate_opts[] = {
	{ "reason", 1, "TEXT", N_("why (required)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static struct crm_opt add_opts[CRM_OPT_MAX], edit_opts[CRM_OPT_MAX],
    renew_opts[CRM_OPT_MAX], list_opts[CRM_OPT_MAX];

/* Keep in opts only the options named in keep (a NULL-terminated
 * list), in their order. */
static void
keep_only(struct crm_opt *opts, const char *const *keep)
{
	size_t n = 0;

	for (size_t i = 0; opts[i].name; i++)
		for (size_t k = 0; keep[k]; k++)
			if (strcmp(opts[i].name, keep[k]) == 0) {
				opts[n++] = opts[i];
				break;
			}
	opts[n] = (struct crm_opt){ NULL, 0, NULL, NULL, NULL };
}

void
contract_opts_init(void)
{
	static const char *const edit_keep[] = { "number", "deal", "quote",
		"name", "start", "end", "amount", "signed", "note", "owner",
		"set", NULL };
	static const char *const renew_keep[] = { "end", "amount", "number",
		"signed", "name", "note", "status", "set", NULL };

	crm_cli_field_opts(&crm_contract_entity, add_more, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_contract_entity, edit_more, edit_opts,
	    CRM_OPT_MAX - 1);
	keep_only(edit_opts, edit_keep);
	crm_cli_field_opts(&crm_contract_entity, renew_more, renew_opts,
	    CRM_OPT_MAX - 1);
	keep_only(renew_opts, renew_keep);
	crm_cli_list_opts(&crm_contract_entity, list_more, list_opts,
	    CRM_OPT_MAX - 1);
}

static int
contract_add(struct crm_ctx *c)
{
	return crm_cli_add(c, &crm_contract_entity, add_opts,
	    crm_contract_add);
}

static int
contract_edit(struct crm_ctx *c)
{
	return crm_cli_edit(c, &crm_contract_entity, edit_opts,
	    crm_contract_set);
}

static int
contract_list(struct crm_ctx *c)
{
	struct crm_contract_filter own = { -1 };
	struct crm_list_filter f = { 0 };
	long long days;

	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, &crm_contract_entity, &f) < 0 ||
	    crm_opt_num(c, "ending-within", 0, 36500, -1, &days) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	own.ending_within = (long)days;
	f.own = &own;
	return crm_cli_list_print(c, &crm_contract_entity, &f);
}

static int
contract_show(struct crm_ctx *c)
{
	long long id;
	int rc = crm_cli_show_record(c, &crm_contract_entity, c->argv[0],
	    &id);

	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("renewals"), crm_contract_chain(&c->s, id,
	    &c->err));
	return 0;
}

static int
contract_renew(struct crm_ctx *c)
{
	struct crm_input in;
	long long id, renewal;

	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, &crm_contract_entity, c->argv[0], &id,
	    &c->err) < 0 ||
	    crm_cli_read_fields(c, &crm_contract_entity, renew_opts, &in) < 0 ||
	    crm_contract_renew(&c->s, id, &in, &renewal, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", renewal);
	return 0;
}

/* Activate or terminate one contract. */
static int
move_one(struct crm_ctx *c, const char *text, const char *where, void *arg)
{
	const char *verb = arg;
	long long id;
	int rc;

	if (crm_find(&c->s, &crm_contract_entity, text, &id, &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	if (*verb == 'a')
		rc = crm_contract_activate(&c->s, id, crm_opt(c, "signed"),
		    &c->err);
	else
		rc = crm_contract_terminate(&c->s, id, crm_opt(c, "reason"),
		    &c->err);
	return rc < 0 ? crm_err_prefix(&c->err, "%s", where) : 0;
}

/* verb ID...|-: each contract, all or none. */
static int
move(struct crm_ctx *c, const char *verb)
{
	if (crm_ctx_session(c) == NULL || crm_ids_each_tx(c, c->argc,
	    c->argv, move_one, (void *)verb) < 0)
		return crm_fail(c);
	return 0;
}

static int
contract_activate(struct crm_ctx *c)
{
	return move(c, "activate");
}

static int
contract_terminate(struct crm_ctx *c)
{
	const char *reason = crm_opt(c, "reason");

	if (reason == NULL || *reason == '\0')
		return crm_usage(c, "terminate needs a reason (--reason TEXT)");
	return move(c, "terminate");
}

const struct crm_verb contract_verbs[] = {
	{ "add", contract_add, NULL, N_("add a contract (active unless "
	    "--status draft); prints its id"), add_opts, CRM_VERB_WRITES,
	    NULL, 0, 0 },
	{ "list", contract_list, NULL, N_("the contracts you see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "show", contract_show, "ID|NUMBER", N_("one contract, and the "
	    "contracts it renews and that renew it"), NULL, 0, NULL, 1, 1 },
	{ "edit", contract_edit, "ID|NUMBER", N_("change a contract's "
	    "fields"), edit_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "renew", contract_renew, "ID|NUMBER", N_("add the contract that "
	    "continues one from the day after its end; prints its id"),
	    renew_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "activate", contract_activate, "ID...", N_("make drafts active "
	    "(signed)"), activate_opts, CRM_VERB_WRITES, NULL, 1, -1 },
	{ "terminate", contract_terminate, "ID...", N_("end draft or active "
	    "contracts early, with the reason"), terminate_opts,
	    CRM_VERB_WRITES, NULL, 1, -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
