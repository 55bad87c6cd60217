/* crm-customer show, list, export */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer.h"
#include "crm/pool.h"
#include "crm/banned.h"

const struct crm_opt list_opts[] = {
	{ "owner", 1, "LOGIN", "customers of this owner", "@user" },
	{ "mine", 0, NULL, "your own customers", NULL },
	{ "pool", 2, "NAME", "customers in a pool (--pool=NAME: that pool)",
	    NULL },
	{ "region", 1, "REGION", "customers of this region", NULL },
	{ "tier", 1, "A-E", "customers of this tier", "A|B|C|D|E" },
	{ "tag", 1, "TAG", "customers with this tag", NULL },
	{ "status", 1, "STATUS", "prospect, active, dormant or lost",
	    "prospect|active|dormant|lost" },
	{ "search", 1, "TEXT", "name, contact, phone or email contains TEXT "
	    "(case and width ignored)", NULL },
	{ "stale", 1, "DAYS", "no follow-up in DAYS days", NULL },
	{ "dormant", 1, "DAYS", "ordered once, but not in DAYS days", NULL },
	{ "sort", 1, "COLUMN", "sort by a column; -COLUMN for descending",
	    NULL },
	{ "limit", 1, "N", "at most N customers", NULL },
	{ "all-columns", 0, NULL, "every column in a table too", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

/* What a table shows unless --all-columns: the rest is for csv, yaml and
 * json, and show. */
static const char *const table_cols[] = { "id", "name", "contact", "phone",
	"tier", "status", "owner", "pool", "next_followup_at", "tags" };

static int
read_filter(struct crm_ctx *c, struct crm_cust_filter *f)
{
	long long stale, dormant, limit;
	const char *pool = crm_opt(c, "pool");

	crm_cust_filter_init(f);
	f->owner = crm_opt(c, "owner");
	f->mine = crm_flag(c, "mine");
	f->pool = pool != NULL;
	f->pool_name = pool && *pool ? pool : NULL;
	f->region = crm_opt(c, "region");
	f->tier = crm_opt(c, "tier");
	f->tag = crm_opt(c, "tag");
	f->status = crm_opt(c, "status");
	f->search = crm_opt(c, "search");
	f->sort = crm_opt(c, "sort");
	if (crm_opt_num(c, "stale", 0, 36500, -1, &stale) < 0 ||
	    crm_opt_num(c, "dormant", 0, 36500, -1, &dormant) < 0 ||
	    crm_opt_num(c, "limit", 0, LONG_MAX, -1, &limit) < 0)
		return -1;
	f->limit = (long)limit;
	f->stale = (int)stale;
	f->dormant = (int)dormant;
	return 0;
}

int
cmd_list(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_cust_filter f;
	struct crm_rows *rows;

	if (s == NULL || read_filter(c, &f) < 0)
		return crm_fail(c);
	rows = crm_customer_list(s, &f, &c->err);
	if (rows && c->fmt == CRM_FMT_TABLE && !crm_flag(c, "all-columns") &&
	    crm_rows_project(rows, table_cols, sizeof(table_cols) /
	    sizeof(*table_cols), &c->err) < 0) {
		crm_rows_close(rows);
		return crm_fail(c);
	}
	return crm_print_rows(c, rows, 0, NULL);
}

int
cmd_export(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_cust_filter f;

	if (s == NULL)
		return crm_fail(c);
	if (!c->fmt_set)
		c->fmt = CRM_FMT_CSV;
	crm_cust_filter_init(&f);
	return crm_print_rows(c, crm_customer_list(s, &f, &c->err), 0, NULL);
}

static void
section(struct crm_ctx *c, const char *title, struct crm_rows *rows)
{
	long n = 0;

	printf("\n%s:\n", title);
	fflush(stdout);
	crm_print_rows(c, rows, 0, &n);
	if (n == 0)
		printf("  (none)\n");
}

int
cmd_show(struct crm_ctx *c)
{
	const char *arg = c->argv[0];
	struct crm_cust_filter f;
	long long id;
	long n;
	int rc;

	/* an id needs no lookup first: the row query applies visibility */
	if (arg[strspn(arg, "0123456789")] == '\0' && *arg != '\0') {
		if (crm_ctx_session(c) == NULL)
			return crm_fail(c);
		id = strtoll(arg, NULL, 10);
	} else if (customer_arg(c, arg, &id) < 0) {
		return crm_fail(c);
	}
	crm_cust_filter_init(&f);
	f.id = id;
	/* nothing on stdout unless the customer is there for this user */
	rc = crm_print_job(c, crm_customer_list(&c->s, &f, &c->err),
	    c->fmt == CRM_FMT_TABLE ? CRM_OUT_VERTICAL : 0, &n);
	if (rc == 0 && n == 0) {
		crm_err_set(&c->err, CRM_EX_DATAERR, "no customer %lld", id);
		return crm_fail(c);
	}
	if (rc != 0 || c->fmt != CRM_FMT_TABLE)
		return rc;
	section(c, "contacts", crm_contact_list(&c->s, id, &c->err));
	section(c, "recent follow-ups", crm_customer_history(&c->s, id, 5,
	    &c->err));
	/* why it came or went: a recycle names its rule and days */
	section(c, "owners", crm_pool_owners(&c->s, &crm_customer_entity, id,
	    &c->err));
	return 0;
}
