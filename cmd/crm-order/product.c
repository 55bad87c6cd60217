/* crm-order product add, list, show, edit, import, export, retire */
#include <stdio.h>
#include <string.h>

#include "order.h"
#include "crm/cli-entity.h"
#include "crm/cli-import.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const struct crm_opt more[] = {
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt import_opts[] = {
	{ "on-duplicate", 1, "WHAT", N_("a record with the sku of a product "
	    "or of an earlier line: error (default), skip or update"),
	    "error|skip|update" },
	CRM_IMPORT_REJECT_OPTS,
	{ "map", 1, "MAP", N_("headers to fields: 'sku=货号,price=单价' or a "
	    "yaml file"), NULL },
	CRM_IMPORT_COLUMN_OPTS,
	{ "historical", 0, NULL, N_("admins: keep the times a restored "
	    "catalogue gives (created_at, updated_at)"), NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

static struct crm_opt add_opts[CRM_OPT_MAX], edit_opts[CRM_OPT_MAX],
    list_opts[CRM_OPT_MAX];

void
product_opts_init(void)
{
	crm_cli_field_opts(&crm_product_entity, more, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_product_entity, more, edit_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_list_opts(&crm_product_entity, NULL, list_opts,
	    CRM_OPT_MAX - 1);
}

static int
product_add(struct crm_ctx *c)
{
	return crm_cli_add(c, &crm_product_entity, add_opts, crm_product_add);
}

static int
product_edit(struct crm_ctx *c)
{
	struct crm_input in;
	long long id;

	if (crm_ctx_session(c) == NULL ||
	    crm_product_find(&c->s, c->argv[0], &id, &c->err) < 0 ||
	    crm_cli_read_fields(c, &crm_product_entity, edit_opts, &in) < 0 ||
	    crm_product_set(&c->s, id, &in, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static int
product_retire(struct crm_ctx *c)
{
	long long id;

	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	for (int i = 0; i < c->argc; i++)
		if (crm_product_find(&c->s, c->argv[i], &id, &c->err) < 0 ||
		    crm_product_retire(&c->s, id, &c->err) < 0)
			return crm_fail(c);
	return 0;
}

static int
product_list(struct crm_ctx *c)
{
	return crm_cli_list(c, &crm_product_entity);
}

/* A sku names its product before an id does: "1001" may be either. */
static int
product_show(struct crm_ctx *c)
{
	char arg[32];
	long long id;

	if (crm_ctx_session(c) == NULL ||
	    crm_product_find(&c->s, c->argv[0], &id, &c->err) < 0)
		return crm_fail(c);
	snprintf(arg, sizeof(arg), "%lld", id);
	return crm_cli_show_record(c, &crm_product_entity, arg, &id);
}

/* A sku is one product's: no duplicate may be added anyway. */
static int
product_import(struct crm_ctx *c)
{
	const char *dup = crm_opt(c, "on-duplicate");

	if (dup && strcmp(dup, "allow") == 0) {
		crm_err_set(&c->err, CRM_EX_USAGE, "--on-duplicate allow: a "
		    "sku is one product's (use update or skip)");
		return crm_fail(c);
	}
	return crm_cli_import(c, &crm_product_entity);
}

static int
product_export(struct crm_ctx *c)
{
	return crm_cli_export(c, &crm_product_entity);
}

const struct crm_verb product_verbs[] = {
	{ "add", product_add, NULL, N_("add a product (on sale); prints its "
	    "id"), add_opts, CRM_VERB_WRITES, NULL, 0, 0 },
	{ "list", product_list, NULL, N_("the catalogue, filtered (--active "
	    "1: what is on sale)"), list_opts, 0, NULL, 0, 0 },
	{ "show", product_show, "SKU|ID|NAME", N_("one product"), NULL, 0,
	    NULL, 1, 1 },
	{ "edit", product_edit, "SKU|ID|NAME", N_("change a product's fields "
	    "(--active 1 puts a retired one back on sale)"), edit_opts,
	    CRM_VERB_WRITES, NULL, 1, 1 },
	{ "import", product_import, "[FILE|-]", N_("add (and update) "
	    "products from csv, tsv, yaml or json"), import_opts,
	    CRM_VERB_WRITES | CRM_VERB_EXCEL_INPUT, NULL, 0, 1 },
	{ "export", product_export, NULL, N_("the catalogue as csv (or -f "
	    "FMT)"), NULL, 0, NULL, 0, 0 },
	{ "retire", product_retire, "SKU|ID|NAME...", N_("take products off "
	    "sale (下架): they stay for the records that name them"), NULL,
	    CRM_VERB_WRITES, NULL, 1, -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
