/* crm-customer add, edit, set, delete, tag */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "crm/cli-entity.h"
#include "crm/find.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The options of add, edit and set: the fields flagged as options in
 * the descriptor (lib/customer-entity.c), then these. */
static const struct crm_opt add_more[] = {
	{ "owner", 1, "LOGIN", N_("the rep who owns it (default: you if you "
	    "are a rep, else the pool)"), "@user" },
	{ "tag", 1, "TAG", N_("a tag (repeat for more)"), NULL },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ "allow-duplicate", 0, NULL, N_("managers: add it even if a customer "
	    "has the same name or phone"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
const struct crm_opt set_opts[] = {
	{ "allow-duplicate", 0, NULL, N_("managers: change it even if it "
	    "then duplicates another customer"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt add_opts[CRM_OPT_MAX], edit_opts[CRM_OPT_MAX];

void
record_opts_init(void)
{
	crm_cli_field_opts(&crm_customer_entity, add_more, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_customer_entity, set_opts, edit_opts,
	    CRM_OPT_MAX - 1);
}

int
customer_arg(struct crm_ctx *c, const char *text, long long *id)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL ||
	    crm_find(s, &crm_customer_entity, text, id, &c->err) < 0)
		return -1;
	return 0;
}

/* Fill in from the field options, --set KEY=VALUE and --tag. */
static int
read_fields(struct crm_ctx *c, const struct crm_opt *opts,
    struct crm_customer_input *in, struct crm_buf *tags)
{
	const char *const *sets;
	int n;

	if (crm_cli_read_fields(c, &crm_customer_entity, opts, in) < 0)
		return -1;
	sets = crm_opt_all(c, "tag", &n);
	for (int i = 0; i < n; i++) {
		if (tags->len)
			crm_buf_addc(tags, ';');
		crm_buf_adds(tags, sets[i]);
	}
	if (n > 0)
		in->f[CRM_CF_TAGS] = crm_buf_str(tags);
	return 0;
}

int
cmd_add(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_buf tags = { 0 };
	struct crm_customer_input in;
	long long id;
	int rc = -1;

	if (s != NULL && read_fields(c, add_opts, &in, &tags) == 0)
		rc = crm_customer_add(s, &in, crm_flag(c, "allow-duplicate"),
		    &id, &c->err);
	crm_buf_free(&tags);
	if (rc < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}

int
cmd_edit(struct crm_ctx *c)
{
	struct crm_buf tags = { 0 };
	struct crm_customer_input in;
	long long id;
	int rc = -1;

	if (customer_arg(c, c->argv[0], &id) == 0 &&
	    read_fields(c, edit_opts, &in, &tags) == 0)
		rc = crm_customer_set(&c->s, id, &in,
		    crm_flag(c, "allow-duplicate"), &c->err);
	crm_buf_free(&tags);
	return rc < 0 ? crm_fail(c) : 0;
}

int
cmd_set(struct crm_ctx *c)
{
	struct crm_customer_input in;
	long long id;

	if (customer_arg(c, c->argv[0], &id) < 0)
		return crm_fail(c);
	if (crm_cli_read_pairs(c, &crm_customer_entity, c->argc - 1,
	    c->argv + 1, &in) < 0)
		return -1;
	if (crm_customer_set(&c->s, id, &in, crm_flag(c, "allow-duplicate"),
	    &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
cmd_delete(struct crm_ctx *c)
{
	return crm_cli_delete(c, &crm_customer_entity, crm_customer_delete);
}

struct tag_change {
	const char **add, **del;
	size_t nadd, ndel;
	long done;
};

static int
tag_one(struct crm_ctx *c, const char *text, const char *where, void *arg)
{
	struct tag_change *t = arg;
	long long id;

	if (customer_arg(c, text, &id) < 0 ||
	    crm_customer_tag(&c->s, id, t->add, t->nadd, t->del, t->ndel,
	    &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	t->done++;
	return 0;
}

int
cmd_tag(struct crm_ctx *c)
{
	struct tag_change t = { 0 };
	int nids = 0, rc;

	t.add = crm_xcalloc((size_t)c->argc, sizeof(char *));
	t.del = crm_xcalloc((size_t)c->argc, sizeof(char *));
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];

		if (a[0] == '+' && a[1])
			t.add[t.nadd++] = a + 1;
		else if (a[0] == '-' && a[1])
			t.del[t.ndel++] = a + 1;
		else
			c->argv[nids++] = c->argv[i];
	}
	rc = 0;
	if (nids == 0 || t.nadd + t.ndel == 0)
		rc = crm_usage(c, "usage: crm-customer tag ID...|- +TAG "
		    "-TAG...");
	else if (crm_ids_each_tx(c, nids, c->argv, tag_one, &t) < 0)
		rc = crm_fail(c);
	else if (!c->dry_run)
		crm_note(c, "tagged %ld customer%s", t.done, t.done == 1 ? "" :
		    "s");
	free(t.add);
	free(t.del);
	return rc;
}
