/* crm-order add, list, show, edit, confirm, cancel, complete: sales
 * orders (销售订单); and the options of quote accept, which makes one. */
#include <stdio.h>
#include <string.h>

#include "order.h"
#include "crm/cli-entity.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/shipment.h"
#include "crm/banned.h"

#define LINE_OPT { "line", 1, "SKU:QTY[:PRICE[:DISCOUNT%]]", N_("a product, " \
	"how many, and its price (default: the catalogue's) and discount " \
	"(repeatable)"), NULL }
#define OWNER_OPT { "owner", 1, "LOGIN", N_("who owns it (default: the " \
	"customer's owner)"), "@user" }
#define DATE_OPT { "date", 1, "DATE", N_("the order date (default: today); " \
	"its year numbers the order"), NULL }
#define SET_OPT { "set", 1, "KEY=VALUE", N_("any field, or a custom field " \
	"(repeatable)"), NULL }

static const struct crm_opt add_more[] = {
	{ "customer", 1, "ID|NAME", N_("the customer (id or name)"), NULL },
	{ "quote", 1, "ID", N_("the approved quote it accepts: its customer, "
	    "deal and lines"), NULL },
	{ "deal", 1, "ID", N_("the customer's deal it closes"), NULL },
	{ "contract", 1, "ID", N_("the customer's contract it is under"),
	    NULL },
	DATE_OPT, OWNER_OPT, LINE_OPT, SET_OPT,
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt edit_more[] = {
	OWNER_OPT,
	{ "line", 1, "SKU:QTY[:PRICE[:DISCOUNT%]]", N_("a draft's lines, all "
	    "of them anew (repeatable)"), NULL },
	SET_OPT,
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt list_more[] = {
	{ "from", 1, "DATE", N_("orders of this date or later"), NULL },
	{ "to", 1, "DATE", N_("orders of this date or earlier"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt order_cancel_opts[] = {
	{ "reason", 1, "TEXT", N_("why (required)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt accept_more[] = {
	DATE_OPT, OWNER_OPT, SET_OPT,
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt order_add_opts[CRM_OPT_MAX], order_edit_opts[CRM_OPT_MAX],
    order_list_opts[CRM_OPT_MAX], order_accept_opts[CRM_OPT_MAX];

void
sales_opts_init(void)
{
	crm_cli_field_opts(&crm_order_entity, add_more, order_add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_order_entity, edit_more, order_edit_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_order_entity, accept_more, order_accept_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_list_opts(&crm_order_entity, list_more, order_list_opts,
	    CRM_OPT_MAX - 1);
}

int
order_add(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	const char *const *lines;
	struct crm_input in;
	long long id;
	int n;

	lines = crm_opt_all(c, "line", &n);
	if (s == NULL || crm_cli_read_fields(c, &crm_order_entity, order_add_opts,
	    &in) < 0 ||
	    crm_order_add(s, &in, lines, (size_t)n, &id, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}

int
order_edit(struct crm_ctx *c)
{
	const char *const *lines;
	struct crm_input in;
	long long id;
	int n;

	lines = crm_opt_all(c, "line", &n);
	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, &crm_order_entity, c->argv[0], &id, &c->err) < 0 ||
	    crm_cli_read_fields(c, &crm_order_entity, order_edit_opts, &in) < 0 ||
	    crm_order_set(&c->s, id, &in, lines, (size_t)n, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

/* list: --from and --to as dates (--customer by id or name is the
 * generic filter's). */
int
order_list(struct crm_ctx *c)
{
	struct crm_order_filter own = { crm_opt(c, "from"), crm_opt(c, "to") };
	char from[CRM_DATE_LEN], to[CRM_DATE_LEN];
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, &crm_order_entity, &f) < 0 ||
	    crm_order_filter_dates(&own, from, to, &c->err) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	f.own = &own;
	return crm_cli_list_print(c, &crm_order_entity, &f);
}

int
order_show(struct crm_ctx *c)
{
	long long id;
	int rc = crm_cli_show_record(c, &crm_order_entity, c->argv[0], &id);

	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("lines"), crm_order_lines(&c->s, id, &c->err));
	crm_cli_section(c, _("instalments"), crm_cli_words(c,
	    crm_order_instalments(&c->s, id, &c->err), "status",
	    "instalment"));
	crm_cli_section(c, _("shipments"), crm_order_shipments(&c->s, id,
	    &c->err));
	return 0;
}

/* Confirm, cancel or complete one order. */
static int
move_one(struct crm_ctx *c, const char *text, const char *where, void *arg)
{
	const char *verb = arg;
	long long id;
	int rc;

	if (crm_find(&c->s, &crm_order_entity, text, &id, &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	if (strcmp(verb, "confirm") == 0)
		rc = crm_order_confirm(&c->s, id, &c->err);
	else if (strcmp(verb, "cancel") == 0)
		rc = crm_order_cancel(&c->s, id, crm_opt(c, "reason"),
		    &c->err);
	else
		rc = crm_order_complete(&c->s, id, &c->err);
	return rc < 0 ? crm_err_prefix(&c->err, "%s", where) : 0;
}

/* verb ID...|-: each order, all or none. */
static int
move(struct crm_ctx *c, const char *verb)
{
	if (crm_ctx_session(c) == NULL || crm_ids_each_tx(c, c->argc,
	    c->argv, move_one, (void *)verb) < 0)
		return crm_fail(c);
	return 0;
}

int
order_confirm(struct crm_ctx *c)
{
	return move(c, "confirm");
}

int
order_cancel(struct crm_ctx *c)
{
	const char *reason = crm_opt(c, "reason");

	if (reason == NULL || *reason == '\0')
		return crm_usage(c, "cancel needs a reason (--reason TEXT)");
	return move(c, "cancel");
}

int
order_complete(struct crm_ctx *c)
{
	return move(c, "complete");
}

int
quote_accept(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_input in;
	long long quote, id;

	if (s == NULL || crm_cli_read_fields(c, &crm_order_entity,
	    order_accept_opts, &in) < 0 ||
	    crm_find(s, &crm_quote_entity, c->argv[0], &quote, &c->err) < 0 ||
	    crm_quote_accept(s, quote, &in, &id, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}
