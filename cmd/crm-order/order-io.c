/* crm-order import and export: sales orders, one row per order line
 * (crm/order-import.h). */
#include <stdio.h>

#include "order.h"
#include "crm/buf.h"
#include "crm/cli-import.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/order-import.h"
#include "crm/banned.h"

const struct crm_opt order_import_opts[] = {
	{ "partial", 0, NULL, N_("import the good orders; exit 65 if any was "
	    "rejected"), NULL },
	{ "rejects", 1, "FILE", N_("with --partial: the rows of the rejected "
	    "orders, with line and reason (a new file)"), "@file" },
	{ "force", 0, NULL, N_("with --rejects: replace an existing file"),
	    NULL },
	{ "map", 1, "MAP", N_("headers to fields: 'number=单据编号,qty=件数' "
	    "or a yaml file"), NULL },
	{ "create-customers", 0, NULL, N_("add the customers that are not "
	    "there (by name) instead of rejecting their orders"), NULL },
	{ "create-products", 0, NULL, N_("add the products that are not "
	    "there (sku, name, the line's price) instead of rejecting their "
	    "orders"), NULL },
	{ "terms", 1, "TERMS", N_("a payment plan for each order not "
	    "cancelled: '30%:0,70%:30' (percent:days after the order date; "
	    "default none)"), NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
order_import(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_order_import_opts o = { 0 };
	struct crm_order_import_result r;
	struct crm_cli_rejects rej = { 0 };
	struct crm_in_opts io;
	struct crm_buf maps = { 0 };
	char total[CRM_MONEY_LEN];
	struct crm_in *in;
	int rc;

	if (s == NULL || crm_cli_input_opts(c, &io) < 0)
		return crm_fail(c);
	if (crm_opt(c, "rejects") && !crm_flag(c, "partial"))
		return crm_usage(c, "--rejects needs --partial");
	if (crm_flag(c, "force") && !crm_opt(c, "rejects"))
		return crm_usage(c, "--force needs --rejects");
	o.partial = crm_flag(c, "partial");
	o.create_customers = crm_flag(c, "create-customers");
	o.create_products = crm_flag(c, "create-products");
	o.terms = crm_opt(c, "terms");
	if ((in = crm_in_open(c->argc ? c->argv[0] : "-", &io, &c->err)) ==
	    NULL)
		return crm_fail(c);
	rej.path = c->dry_run ? NULL : crm_opt(c, "rejects");
	rc = rej.path ? crm_cli_rejects_open(c, in, &rej) : 0;
	o.rejects = rej.fp;
	o.rejects_fmt = rej.path && crm_in_guess_format(rej.path) >= 0 ?
	    (enum crm_fmt)crm_in_guess_format(rej.path) : CRM_FMT_CSV;
	o.map = crm_cli_maps(c, &maps);
	if (rc == 0)
		rc = crm_order_import(s, in, &o, &r, &c->err);
	crm_buf_free(&maps);
	crm_in_close(in);
	if (crm_cli_rejects_close(c, &rej, rc == 0) < 0)
		rc = -1;
	if (rc < 0)
		return crm_fail(c);
	crm_money_format(r.total, total);
	if (c->dry_run)
		crm_note(c, "dry run: would have imported %ld orders (%ld "
		    "lines, total %s), created %ld customers and %ld "
		    "products, rejected %ld orders", r.orders, r.lines, total,
		    r.customers, r.products, r.rejected);
	else
		crm_note(c, "imported %ld orders (%ld lines, total %s), "
		    "created %ld customers and %ld products, rejected %ld "
		    "orders", r.orders, r.lines, total, r.customers,
		    r.products, r.rejected);
	if (s->run && !c->dry_run && r.orders > 0)
		crm_note(c, "run %lld (crm undo %lld takes it back)", s->run,
		    s->run);
	return r.rejected > 0 ? CRM_EX_DATAERR : 0;
}

int
order_export(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_order_export(s, &c->err), 0, NULL);
}
