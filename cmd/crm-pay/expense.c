/* crm-pay expense add, list, show, edit, import, export */
#include <stdio.h>
#include <string.h>

#include "pay.h"
#include "crm/cli-entity.h"
#include "crm/cli-import.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const struct crm_opt more[] = {
	{ "set", 1, "KEY=VALUE", N_("any field, or a custom field "
	    "(repeatable)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

/* The options of list: the generic ones (--user, --mine, --category,
 * --account, --campaign, --customer ...), then the expense's own. */
static const struct crm_opt list_more[] = {
	{ "from", 1, "DATE", N_("spent on or after DATE"), NULL },
	{ "to", 1, "DATE", N_("spent on or before DATE"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_opt import_opts[] = {
	{ "on-duplicate", 1, "WHAT", N_("a record with the id of an expense: "
	    "error (default), skip or update"), "error|skip|update" },
	CRM_IMPORT_REJECT_OPTS,
	{ "map", 1, "MAP", N_("headers to fields: 'amount=报销金额,user=姓名' "
	    "or a yaml file"), NULL },
	CRM_IMPORT_COLUMN_OPTS,
	{ "historical", 0, NULL, N_("admins: keep the times a restored "
	    "history gives (created_at, updated_at)"), NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

static struct crm_opt add_opts[CRM_OPT_MAX], edit_opts[CRM_OPT_MAX],
    list_opts[CRM_OPT_MAX];

void
expense_opts_init(void)
{
	crm_cli_field_opts(&crm_expense_entity, more, add_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_field_opts(&crm_expense_entity, more, edit_opts,
	    CRM_OPT_MAX - 1);
	crm_cli_list_opts(&crm_expense_entity, list_more, list_opts,
	    CRM_OPT_MAX - 1);
}

static int
expense_add(struct crm_ctx *c)
{
	return crm_cli_add(c, &crm_expense_entity, add_opts, crm_expense_add);
}

static int
expense_edit(struct crm_ctx *c)
{
	return crm_cli_edit(c, &crm_expense_entity, edit_opts,
	    crm_expense_set);
}

static int
expense_list(struct crm_ctx *c)
{
	struct crm_expense_filter own = { 0 };
	struct crm_list_filter f = { 0 };

	own.from = crm_opt(c, "from");
	own.to = crm_opt(c, "to");
	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, &crm_expense_entity, &f) < 0 ||
	    crm_expense_list_check(&own, &c->err) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	f.own = &own;
	return crm_cli_list_print(c, &crm_expense_entity, &f);
}

static int
expense_show(struct crm_ctx *c)
{
	long long id;

	return crm_cli_show_record(c, &crm_expense_entity, c->argv[0], &id);
}

/* An expense has no key but its id: a record with the id of another is
 * that one, to skip or update, never a second. */
static int
expense_import(struct crm_ctx *c)
{
	const char *dup = crm_opt(c, "on-duplicate");

	if (dup && strcmp(dup, "allow") == 0) {
		crm_err_set(&c->err, CRM_EX_USAGE, "--on-duplicate allow: an "
		    "id is one expense's (use update or skip)");
		return crm_fail(c);
	}
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_cli_import_with(c, &crm_expense_entity, &c->s);
}

static int
expense_export(struct crm_ctx *c)
{
	return crm_cli_export(c, &crm_expense_entity);
}

const struct crm_verb expense_verbs[] = {
	{ "add", expense_add, NULL, N_("add an expense (yours unless --user); "
	    "prints its id"), add_opts, CRM_VERB_WRITES, NULL, 0, 0 },
	{ "list", expense_list, NULL, N_("the expenses you see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "show", expense_show, "ID", N_("one expense"), NULL, 0, NULL, 1,
	    1 },
	{ "edit", expense_edit, "ID", N_("change an expense's fields"),
	    edit_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "import", expense_import, "[FILE|-]", N_("add (and update) "
	    "expenses from csv, tsv, yaml or json"), import_opts,
	    CRM_VERB_WRITES | CRM_VERB_EXCEL_INPUT, NULL, 0, 1 },
	{ "export", expense_export, NULL, N_("the expenses you see as csv (or "
	    "-f FMT)"), NULL, 0, NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};
