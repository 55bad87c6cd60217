/* crm-pay receive; receipt list, show, reverse, import, export:
 * receipts (回款单) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pay.h"
#include "crm/cli-entity.h"
#include "crm/cli-import.h"
#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/banned.h"

static const struct crm_opt more[] = {
	{ "to", 1, "INSTALMENT", N_("the instalment (its id) it pays "
	    "first"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt list_opts[] = {
	{ "customer", 1, "ID|NAME", N_("the receipts of this customer"),
	    NULL },
	{ "from", 1, "DATE", N_("received on or after DATE"), NULL },
	{ "to", 1, "DATE", N_("received on or before DATE"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt reverse_opts[] = {
	{ "reason", 1, "TEXT", N_("why (required): a bounced check, a "
	    "wrong customer ..."), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt import_opts[] = {
	{ "on-duplicate", 1, "WHAT", N_("a receipt with the reference (or "
	    "the id) of one recorded: error (default) or skip"),
	    "error|skip" },
	CRM_IMPORT_REJECT_OPTS,
	{ "map", 1, "MAP", N_("headers to fields: 'customer_id=付款人,"
	    "ref=凭证号' or a yaml file"), NULL },
	CRM_IMPORT_COLUMN_OPTS,
	{ "historical", 0, NULL, N_("admins: keep the times and reversals "
	    "a restored history gives"), NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

struct crm_opt receive_opts[CRM_OPT_MAX];

void
receipt_opts_init(void)
{
	crm_cli_field_opts(&crm_receipt_entity, more, receive_opts,
	    CRM_OPT_MAX - 1);
}

int
receipt_receive(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	char money[CRM_MONEY_LEN];
	long long id = 0, credit = 0;
	struct crm_input in;

	if (s == NULL || crm_cli_read_fields(c, &crm_receipt_entity,
	    receive_opts, &in) < 0 || crm_receipt_receive(s, &in,
	    crm_opt(c, "to"), &id, &credit, &c->err) < 0)
		return crm_fail(c);
	if (c->dry_run)
		return 0;
	printf("%lld\n", id);
	if (credit) {
		crm_money_format(credit, money);
		crm_note(c, "the customer's credit is now %s", money);
	}
	return 0;
}

/* A date of --from or --to, as YYYY-MM-DD in buf; 64 naming it. */
static int
day_opt(struct crm_ctx *c, const char *name, char buf[CRM_DATE_LEN],
    const char **out)
{
	const char *v = crm_opt(c, name);
	crm_day day;

	*out = NULL;
	if (v == NULL)
		return 0;
	if (crm_date_parse(v, &day, &c->err) < 0) {
		c->err.code = CRM_EX_USAGE;
		return crm_err_prefix(&c->err, "--%s", name);
	}
	crm_date_format(day, buf);
	*out = buf;
	return 0;
}

/* In a table, the method and status in the reader's words. */
static struct crm_rows *
words(struct crm_ctx *c, struct crm_rows *rows)
{
	return crm_cli_words(c, crm_cli_words(c, rows, "method",
	    "receipt method"), "status", "receipt");
}

static int
receipt_list(struct crm_ctx *c)
{
	struct crm_receipt_filter f = { 0 };
	char from[CRM_DATE_LEN], to[CRM_DATE_LEN];

	f.customer = crm_opt(c, "customer");
	if (day_opt(c, "from", from, &f.from) < 0 ||
	    day_opt(c, "to", to, &f.to) < 0 || crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_print_rows(c, words(c, crm_receipt_list(&c->s, &f, 0,
	    &c->err)), 0, NULL);
}

static int
receipt_id(struct crm_ctx *c, long long *id)
{
	char *end;

	*id = strtoll(c->argv[0], &end, 10);
	if (*end != '\0' || *id <= 0)
		return crm_usage(c, "'%s' is not a receipt id", c->argv[0]);
	return 0;
}

static int
receipt_show(struct crm_ctx *c)
{
	long long id;

	if (receipt_id(c, &id) != 0)
		return CRM_EX_USAGE;
	if (crm_ctx_session(c) == NULL || crm_receipt_seen(&c->s, id,
	    &c->err) < 0)
		return crm_fail(c);
	if (crm_print_rows(c, words(c, crm_receipt_list(&c->s, NULL, id,
	    &c->err)), c->fmt == CRM_FMT_TABLE ? CRM_OUT_VERTICAL : 0,
	    NULL) != 0)
		return crm_fail(c);
	if (c->fmt == CRM_FMT_TABLE)
		crm_cli_section(c, _("allocations"),
		    crm_receipt_allocations(&c->s, id, &c->err));
	return 0;
}

static int
receipt_reverse(struct crm_ctx *c)
{
	long long id;

	if (receipt_id(c, &id) != 0)
		return CRM_EX_USAGE;
	if (crm_ctx_session(c) == NULL || crm_receipt_reverse(&c->s, id,
	    crm_opt(c, "reason"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

/* A receipt is money once: a duplicate is never updated by an import
 * (that would pay out again) nor added twice. */
static int
receipt_import(struct crm_ctx *c)
{
	const char *dup = crm_opt(c, "on-duplicate");

	if (dup && (strcmp(dup, "allow") == 0 || strcmp(dup, "update") == 0)) {
		crm_err_set(&c->err, CRM_EX_USAGE, "--on-duplicate %s: a "
		    "receipt is recorded once (use skip or error)", dup);
		return crm_fail(c);
	}
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_cli_import_with(c, &crm_receipt_entity, &c->s);
}

static int
receipt_export(struct crm_ctx *c)
{
	return crm_cli_export(c, &crm_receipt_entity);
}

const struct crm_verb receipt_verbs[] = {
	{ "list", receipt_list, NULL, N_("the receipts you see, newest "
	    "first, with what each paid and the credit it left"), list_opts,
	    0, NULL, 0, 0 },
	{ "show", receipt_show, "ID", N_("one receipt, and its allocations"),
	    NULL, 0, NULL, 1, 1 },
	{ "reverse", receipt_reverse, "ID", N_("reverse a receipt "
	    "(--reason): it stays, and what it paid is open again"),
	    reverse_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "import", receipt_import, "[FILE|-]", N_("record receipts from a "
	    "bank statement (csv, tsv, yaml or json), each paid out as "
	    "receive does"), import_opts,
	    CRM_VERB_WRITES | CRM_VERB_EXCEL_INPUT, NULL, 0, 1 },
	{ "export", receipt_export, NULL, N_("the receipts as csv (or -f "
	    "FMT), as import reads them"), NULL, 0, NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
