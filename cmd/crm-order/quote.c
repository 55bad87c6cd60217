/* crm-order quote add, list, show, submit, approve, reject, edit
 * (accept is sales.c's) */
#include <stdio.h>

#include "order.h"
#include "crm/cli-entity.h"
#include "crm/customer.h"
#include "crm/doc.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/quote.h"
#include "crm/banned.h"

static const struct crm_opt more[] = {
	{ "line", 1, "SKU:QTY[:PRICE[:DISCOUNT%]]", N_("a product, how many, "
	    "and its price (default: the catalogue's) and discount "
	    "(repeatable)"), NULL },
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt reject_opts[] = {
	{ "reason", 1, "TEXT", N_("why (required)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt list_more[] = {
	{ "expired", 0, NULL, N_("only quotes past their valid_until "
	    "(submitted or approved ones)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static struct crm_opt add_opts[CRM_OPT_MAX], list_opts[CRM_OPT_MAX];

void
quote_opts_init(void)
{
	crm_cli_field_opts(&crm_quote_entity, more, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_list_opts(&crm_quote_entity, list_more, list_opts,
	    CRM_OPT_MAX - 1);
}

static int
quote_add(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	const char *const *lines;
	struct crm_input in;
	int n;
	long long id;

	lines = crm_opt_all(c, "line", &n);
	if (s == NULL || crm_cli_read_fields(c, &crm_quote_entity, add_opts,
	    &in) < 0 ||
	    crm_quote_add(s, &in, lines, (size_t)n, &id, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}

/* list: --customer by id or name, --expired */
static int
quote_list(struct crm_ctx *c)
{
	struct crm_quote_filter own = { 0 };
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, &crm_quote_entity, &f) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	own.expired = crm_flag(c, "expired");
	f.own = &own;
	return crm_cli_list_print(c, &crm_quote_entity, &f);
}

static int
quote_show(struct crm_ctx *c)
{
	long long id;
	int rc;

	/* -f text|html: the printable quote */
	if (c->doc != CRM_DOC_NONE)
		return crm_cli_show_doc(c, &crm_quote_entity, c->argv[0],
		    crm_quote_doc);
	rc = crm_cli_show_record(c, &crm_quote_entity, c->argv[0], &id);
	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("lines"), crm_quote_lines(&c->s, id, &c->err));
	crm_cli_section(c, _("approvals"), crm_quote_approvals(&c->s, id,
	    &c->err));
	return 0;
}

/* Submit, approve (reason NULL) or reject one quote. */
static int
decide_one(struct crm_ctx *c, const char *text, const char *where,
    void *arg)
{
	const char *verb = arg, *reason = crm_opt(c, "reason");
	long long id;
	int rc;

	if (crm_find(&c->s, &crm_quote_entity, text, &id, &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	if (*verb == 's')
		rc = crm_quote_submit(&c->s, id, &c->err);
	else if (*verb == 'a')
		rc = crm_quote_approve(&c->s, id, &c->err);
	else
		rc = crm_quote_reject(&c->s, id, reason, &c->err);
	return rc < 0 ? crm_err_prefix(&c->err, "%s", where) : 0;
}

/* verb ID...|-: each quote, all or none. */
static int
decide(struct crm_ctx *c, const char *verb)
{
	if (crm_ctx_session(c) == NULL || crm_ids_each_tx(c, c->argc,
	    c->argv, decide_one, (void *)verb) < 0)
		return crm_fail(c);
	return 0;
}

static int
quote_submit(struct crm_ctx *c)
{
	return decide(c, "submit");
}

static int
quote_approve(struct crm_ctx *c)
{
	return decide(c, "approve");
}

static int
quote_reject(struct crm_ctx *c)
{
	const char *reason = crm_opt(c, "reason");

	if (reason == NULL || *reason == '\0')
		return crm_usage(c, "reject needs a reason (--reason TEXT)");
	return decide(c, "reject");
}

/* edit ID: fields, and --line replacing every line */
static int
quote_edit(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	const char *const *lines;
	struct crm_input in;
	long long id;
	int n;

	lines = crm_opt_all(c, "line", &n);
	if (s == NULL || crm_find(s, &crm_quote_entity, c->argv[0], &id,
	    &c->err) < 0 || crm_cli_read_fields(c, &crm_quote_entity,
	    add_opts, &in) < 0 ||
	    crm_quote_edit(s, id, &in, lines, (size_t)n, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

const struct crm_verb quote_verbs[] = {
	{ "add", quote_add, NULL, N_("add a draft quote of a customer's "
	    "products; prints its id"), add_opts, CRM_VERB_WRITES, NULL, 0,
	    0 },
	{ "list", quote_list, NULL, N_("the quotes you see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "show", quote_show, "ID", N_("one quote, its lines and totals, and "
	    "its approvals; -f text or -f html prints it for the customer"),
	    NULL, CRM_VERB_DOC, NULL, 1, 1 },
	{ "submit", quote_submit, "ID...", N_("submit drafts: approved at "
	    "once within quote.approval, else they await approval"), NULL,
	    CRM_VERB_WRITES, NULL, 1, -1 },
	{ "approve", quote_approve, "ID...", N_("approve submitted quotes, "
	    "as their owner's manager or as finance"), NULL,
	    CRM_VERB_WRITES, NULL, 1, -1 },
	{ "reject", quote_reject, "ID...", N_("reject submitted quotes, "
	    "with the reason"), reject_opts, CRM_VERB_WRITES, NULL, 1, -1 },
	{ "edit", quote_edit, "ID", N_("change a draft or a rejected quote "
	    "(which becomes a draft); --line replaces all its lines"),
	    add_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	/* an order of the quote (sales.c) */
	{ "accept", quote_accept, "ID", N_("the order of an approved quote, "
	    "not past valid-until: the quote becomes accepted; prints the "
	    "order's id"), order_accept_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
