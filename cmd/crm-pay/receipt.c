/* crm-pay receive; receipt list, show, reverse: receipts (回款单) */
#include <stdio.h>
#include <stdlib.h>

#include "pay.h"
#include "crm/cli-entity.h"
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
	long long id, credit;
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

static int
receipt_list(struct crm_ctx *c)
{
	struct crm_receipt_filter f = { 0 };
	char from[CRM_DATE_LEN], to[CRM_DATE_LEN];

	f.customer = crm_opt(c, "customer");
	if (day_opt(c, "from", from, &f.from) < 0 ||
	    day_opt(c, "to", to, &f.to) < 0 || crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_receipt_list(&c->s, &f, 0, &c->err), 0,
	    NULL);
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
	if (crm_print_rows(c, crm_receipt_list(&c->s, NULL, id, &c->err),
	    c->fmt == CRM_FMT_TABLE ? CRM_OUT_VERTICAL : 0, NULL) != 0)
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

const struct crm_verb receipt_verbs[] = {
	{ "list", receipt_list, NULL, N_("the receipts you see, newest "
	    "first, with what each paid and the credit it left"), list_opts,
	    0, NULL, 0, 0 },
	{ "show", receipt_show, "ID", N_("one receipt, and its allocations"),
	    NULL, 0, NULL, 1, 1 },
	{ "reverse", receipt_reverse, "ID", N_("reverse a receipt "
	    "(--reason): it stays, and what it paid is open again"),
	    reverse_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
