/* crm-pay invoice request, issue, void, list, show: invoices (开票申请) */
#include <stdio.h>
#include <stdlib.h>

#include "pay.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/invoice.h"
#include "crm/banned.h"

static const struct crm_opt request_opts[] = {
	{ "amount", 1, "MONEY", N_("how much (default: what is not yet "
	    "invoiced of the order)"), NULL },
	{ "title", 1, "TEXT", N_("whom the invoice is made out to (发票抬头; "
	    "default: the customer's name)"), NULL },
	{ "tax-id", 1, "ID", N_("the buyer's taxpayer id (纳税人识别号)"),
	    NULL },
	{ "note", 1, "TEXT", N_("a note for finance"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt issue_opts[] = {
	{ "number", 1, "N", N_("the printed invoice's number (发票号码), "
	    "unique"), NULL },
	{ "date", 1, "DATE", N_("the day it was issued (default today)"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt void_opts[] = {
	{ "reason", 1, "TEXT", N_("why (required)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static struct crm_opt list_opts[CRM_OPT_MAX];

void
invoice_opts_init(void)
{
	crm_cli_list_opts(&crm_invoice_entity, NULL, list_opts,
	    CRM_OPT_MAX - 1);
}

static int
invoice_request(struct crm_ctx *c)
{
	struct crm_invoice_request rq;
	long long id;

	rq.amount = crm_opt(c, "amount");
	rq.title = crm_opt(c, "title");
	rq.tax_id = crm_opt(c, "tax-id");
	rq.note = crm_opt(c, "note");
	if (crm_ctx_session(c) == NULL || crm_invoice_request(&c->s,
	    c->argv[0], &rq, &id, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}

static int
invoice_id(struct crm_ctx *c, long long *id)
{
	char *end;

	*id = strtoll(c->argv[0], &end, 10);
	if (*end != '\0' || *id <= 0)
		return crm_usage(c, "'%s' is not an invoice id", c->argv[0]);
	return 0;
}

static int
invoice_issue(struct crm_ctx *c)
{
	long long id;

	if (invoice_id(c, &id) != 0)
		return CRM_EX_USAGE;
	if (crm_ctx_session(c) == NULL || crm_invoice_issue(&c->s, id,
	    crm_opt(c, "number"), crm_opt(c, "date"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static int
invoice_void(struct crm_ctx *c)
{
	long long id;

	if (invoice_id(c, &id) != 0)
		return CRM_EX_USAGE;
	if (crm_ctx_session(c) == NULL || crm_invoice_void(&c->s, id,
	    crm_opt(c, "reason"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static int
invoice_list(struct crm_ctx *c)
{
	return crm_cli_list(c, &crm_invoice_entity);
}

static int
invoice_show(struct crm_ctx *c)
{
	long long id;

	if (invoice_id(c, &id) != 0)
		return CRM_EX_USAGE;
	return crm_cli_show_record(c, &crm_invoice_entity, c->argv[0], &id);
}

const struct crm_verb invoice_verbs[] = {
	{ "request", invoice_request, "ORDER", N_("ask finance for an "
	    "invoice of an order; prints its id"), request_opts,
	    CRM_VERB_WRITES, NULL, 1, 1 },
	{ "issue", invoice_issue, "ID", N_("finance: the invoice is issued, "
	    "with its number and date"), issue_opts, CRM_VERB_WRITES, NULL,
	    1, 1 },
	{ "void", invoice_void, "ID", N_("finance: void an invoice "
	    "(--reason); it no longer counts"), void_opts, CRM_VERB_WRITES,
	    NULL, 1, 1 },
	{ "list", invoice_list, NULL, N_("the invoices you see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "show", invoice_show, "ID", N_("one invoice"), NULL, 0, NULL, 1,
	    1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
