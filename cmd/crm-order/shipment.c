/* crm-order ship, and shipment list, show, deliver: shipments (出货单)
 * of sales orders. */
#include <stdio.h>

#include "order.h"
#include "crm/cli-entity.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/shipment.h"
#include "crm/banned.h"

const struct crm_opt order_ship_opts[] = {
	{ "line", 1, "SKU:QTY", N_("a product of the order and how many go "
	    "(repeatable)"), NULL },
	{ "date", 1, "DATE", N_("the day it goes out (default: today)"),
	    NULL },
	{ "warehouse", 1, "TEXT", N_("the warehouse it leaves"), NULL },
	{ "carrier", 1, "TEXT", N_("who carries it"), NULL },
	{ "tracking", 1, "TEXT", N_("the carrier's tracking number"), NULL },
	{ "note", 1, "TEXT", N_("a note"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt deliver_opts[] = {
	{ "date", 1, "DATE", N_("the day it arrived (default: today)"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt list_more[] = {
	{ "from", 1, "DATE", N_("shipments of this day or later"), NULL },
	{ "to", 1, "DATE", N_("shipments of this day or earlier"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static struct crm_opt list_opts[CRM_OPT_MAX];

void
shipment_opts_init(void)
{
	crm_cli_list_opts(&crm_shipment_entity, list_more, list_opts,
	    CRM_OPT_MAX - 1);
}

int
order_ship(struct crm_ctx *c)
{
	struct crm_ship_info in = { crm_opt(c, "date"),
		crm_opt(c, "warehouse"), crm_opt(c, "carrier"),
		crm_opt(c, "tracking"), crm_opt(c, "note") };
	const char *const *lines;
	long long id, ship;
	int n;

	lines = crm_opt_all(c, "line", &n);
	if (n == 0)
		return crm_usage(c, "ship needs --line SKU:QTY");
	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, &crm_order_entity, c->argv[0], &id, &c->err) < 0 ||
	    crm_order_ship(&c->s, id, lines, (size_t)n, &in, &ship,
	    &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", ship);
	return 0;
}

static int
shipment_list(struct crm_ctx *c)
{
	struct crm_order_filter own = { crm_opt(c, "from"), crm_opt(c, "to") };
	char from[CRM_DATE_LEN], to[CRM_DATE_LEN];
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, &crm_shipment_entity, &f) < 0 ||
	    crm_order_filter_dates(&own, from, to, &c->err) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	f.own = &own;
	return crm_cli_list_print(c, &crm_shipment_entity, &f);
}

static int
shipment_show(struct crm_ctx *c)
{
	long long id;
	int rc;

	/* -f text|html: the printable delivery note */
	if (c->doc != CRM_DOC_NONE)
		return crm_cli_show_doc(c, &crm_shipment_entity, c->argv[0],
		    crm_shipment_doc);
	rc = crm_cli_show_record(c, &crm_shipment_entity, c->argv[0], &id);
	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	crm_cli_section(c, _("lines"), crm_shipment_lines(&c->s, id,
	    &c->err));
	return 0;
}

static int
deliver_one(struct crm_ctx *c, const char *text, const char *where,
    void *arg)
{
	long long id;

	(void)arg;
	if (crm_find(&c->s, &crm_shipment_entity, text, &id, &c->err) < 0 ||
	    crm_shipment_deliver(&c->s, id, crm_opt(c, "date"), &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	return 0;
}

static int
shipment_deliver(struct crm_ctx *c)
{
	if (crm_ctx_session(c) == NULL || crm_ids_each_tx(c, c->argc,
	    c->argv, deliver_one, NULL) < 0)
		return crm_fail(c);
	return 0;
}

const struct crm_verb shipment_verbs[] = {
	{ "list", shipment_list, NULL, N_("the shipments you see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "show", shipment_show, "ID", N_("one shipment and its lines; -f "
	    "text or -f html prints the delivery note"), NULL, CRM_VERB_DOC,
	    NULL, 1, 1 },
	{ "deliver", shipment_deliver, "ID...", N_("mark shipments "
	    "delivered; an order all shipped and delivered becomes "
	    "delivered"), deliver_opts, CRM_VERB_WRITES, NULL, 1, -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
