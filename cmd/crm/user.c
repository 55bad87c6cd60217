/* crm user add|list|set|import|deactivate */
#include <stdio.h>

#include "crm.h"
#include "crm/i18n.h"
#include "crm/in.h"
#include "crm/user.h"
#include "crm/banned.h"

#define USER_FIELD_OPTS \
	{ "name", 1, "NAME", N_("full name"), NULL }, \
	{ "role", 1, "ROLE", N_("admin, manager, rep, finance or " \
	    "marketing"), "admin|manager|rep|finance|marketing" }, \
	{ "region", 1, "REGION", N_("sales region (战区), free text"), \
	    NULL }, \
	{ "manager", 1, "LOGIN", N_("the user's manager"), "@user" }, \
	{ "email", 1, "EMAIL", N_("where reminders are mailed"), NULL }, \
	{ "lang", 1, "LANG", N_("the language of their mail: en or zh_CN " \
	    "(default: the setting ui.lang)"), "en|zh_CN" }

static const struct crm_opt add_opts[] = {
	USER_FIELD_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

#define HANDOVER_OPTS \
	{ "handover", 1, "LOGIN", N_("hand the user's customers, leads and " \
	    "open deals over to LOGIN first (离职交接)"), "@user" }, \
	{ "to-pool", 0, NULL, N_("release the user's customers and leads " \
	    "to their pools first (open deals have none)"), NULL }

static const struct crm_opt set_opts[] = {
	USER_FIELD_OPTS,
	{ "active", 1, "yes|no", N_("reactivate or deactivate"), "yes|no" },
	HANDOVER_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt deactivate_opts[] = {
	HANDOVER_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt list_opts[] = {
	{ "all", 0, NULL, N_("include deactivated users"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt import_opts[] = {
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

/* Each field of a user that is an option of the verb. */
static void
read_fields(struct crm_ctx *c, struct crm_user_input *in)
{
	for (size_t f = 0; f < CRM_USER_NFIELDS; f++)
		in->f[f] = crm_opt(c, crm_user_entity.fields[f].name);
}

static int
cmd_user_add(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_user_input in;

	read_fields(c, &in);
	if (s == NULL || crm_user_add(s, c->argv[0], &in, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		crm_note(c, "added user '%s' (run %lld)", c->argv[0], s->run);
	return 0;
}

/* What a handover moved, "2 customers, 1 open deal": the kinds it moved
 * none of left out. */
static void
handed_text(const struct crm_handed *h, struct crm_buf *b)
{
	static const char *const what[] = { N_("%ld customer%s"),
		N_("%ld lead%s"), N_("%ld open deal%s") };
	const long n[] = { h->customers, h->leads, h->deals };

	for (size_t i = 0; i < 3; i++) {
		if (n[i] == 0)
			continue;
		if (b->len)
			crm_buf_adds(b, C_("list", ", "));
		crm_buf_addf(b, _(what[i]), n[i], n[i] == 1 ? "" : "s");
	}
}

static int
cmd_user_set(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_user_input in;
	struct crm_handed h;
	struct crm_buf moved = { 0 };

	read_fields(c, &in);
	if (crm_opt(c, "handover") && crm_flag(c, "to-pool"))
		return crm_usage(c, "--handover and --to-pool exclude each "
		    "other");
	if (s == NULL || crm_user_set_handover(s, c->argv[0], &in,
	    crm_opt(c, "handover"), crm_flag(c, "to-pool"), &h,
	    &c->err) < 0)
		return crm_fail(c);
	handed_text(&h, &moved);
	if (!c->dry_run && s->run && moved.len)
		crm_note(c, "changed user '%s' (run %lld); %s handed over",
		    c->argv[0], s->run, crm_buf_str(&moved));
	else if (!c->dry_run && s->run)
		crm_note(c, "changed user '%s' (run %lld)", c->argv[0], s->run);
	crm_buf_free(&moved);
	return 0;
}

struct leaving {
	long users;
	struct crm_handed h;
};

static int
deactivate_one(struct crm_ctx *c, const char *login, const char *where,
    void *arg)
{
	struct leaving *l = arg;
	struct crm_handed h;

	if (crm_user_deactivate(&c->s, login, crm_opt(c, "handover"),
	    crm_flag(c, "to-pool"), &h, &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	l->users++;
	l->h.customers += h.customers;
	l->h.leads += h.leads;
	l->h.deals += h.deals;
	return 0;
}

static int
cmd_user_deactivate(struct crm_ctx *c)
{
	struct leaving l = { 0, { 0, 0, 0 } };
	struct crm_buf moved = { 0 };

	if (crm_opt(c, "handover") && crm_flag(c, "to-pool"))
		return crm_usage(c, "--handover and --to-pool exclude each "
		    "other");
	if (crm_ids_each_tx(c, c->argc, c->argv, deactivate_one, &l) < 0)
		return crm_fail(c);
	if (c->dry_run)
		return 0;
	handed_text(&l.h, &moved);
	if (moved.len && crm_flag(c, "to-pool"))
		crm_note(c, "deactivated %ld user%s; %s back in the pool",
		    l.users, l.users == 1 ? "" : "s", crm_buf_str(&moved));
	else if (moved.len)
		crm_note(c, "deactivated %ld user%s; %s handed over to '%s'",
		    l.users, l.users == 1 ? "" : "s", crm_buf_str(&moved),
		    crm_opt(c, "handover"));
	else
		crm_note(c, "deactivated %ld user%s", l.users,
		    l.users == 1 ? "" : "s");
	crm_buf_free(&moved);
	return 0;
}

static int
cmd_user_list(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_user_list(s, crm_flag(c, "all"), &c->err),
	    0, NULL);
}

static int
cmd_user_import(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_in_opts o;
	struct crm_in *in;
	long created, updated, unchanged;
	int rc;

	if (s == NULL || crm_cli_input_opts(c, &o) < 0)
		return crm_fail(c);
	if ((in = crm_in_open(c->argc ? c->argv[0] : "-", &o, &c->err)) == NULL)
		return crm_fail(c);
	rc = crm_user_import(s, in, &created, &updated, &unchanged, &c->err);
	crm_in_close(in);
	if (rc < 0)
		return crm_fail(c);
	if (c->dry_run && unchanged > 0)
		crm_note(c, "dry run: %ld user%s added, %ld updated, %ld "
		    "unchanged", created, created == 1 ? "" : "s", updated,
		    unchanged);
	else if (c->dry_run)
		crm_note(c, "dry run: %ld user%s added, %ld updated", created,
		    created == 1 ? "" : "s", updated);
	else if (unchanged > 0)
		crm_note(c, "%ld user%s added, %ld updated, %ld unchanged",
		    created, created == 1 ? "" : "s", updated, unchanged);
	else
		crm_note(c, "%ld user%s added, %ld updated", created,
		    created == 1 ? "" : "s", updated);
	return 0;
}

const struct crm_verb crm_user_verbs[] = {
	{ "add", cmd_user_add, "LOGIN", N_("add a user (--name and --role "
	    "needed)"), add_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "list", cmd_user_list, NULL, N_("list the team (a rep sees only "
	    "themselves)"), list_opts, 0, NULL, 0, 0 },
	{ "set", cmd_user_set, "LOGIN", N_("change a user's fields"),
	    set_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "import", cmd_user_import, "[FILE|-]", N_("add and update users "
	    "from csv/tsv/yaml/json, all or nothing"), import_opts,
	    CRM_VERB_WRITES, NULL, 0, 1 },
	{ "deactivate", cmd_user_deactivate, "LOGIN...|-", N_("deactivate "
	    "users (their customers, leads and open deals handed over first; "
	    "crm user set --active yes reactivates)"), deactivate_opts, CRM_VERB_WRITES, NULL, 1,
	    -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
