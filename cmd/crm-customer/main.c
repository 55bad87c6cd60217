/* crm-customer: customers, contacts, tags, follow-ups, import, export. */
#include "customer.h"
#include "crm/cli-entity.h"
#include "crm/cli-pool.h"
#include "crm/i18n.h"

static const struct crm_opt dupes_opts[] = {
	{ "allowed", 0, NULL, N_("also the pairs a manager allowed "
	    "(--allow-duplicate)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct crm_verb verbs[] = {
	{ "add", cmd_add, NULL, N_("add a customer; prints its id"), add_opts,
	    CRM_VERB_WRITES, NULL, 0, 0 },
	{ "show", cmd_show, "ID|NAME", N_("one customer with its contacts and "
	    "recent follow-ups"), NULL, 0, NULL, 1, 1 },
	{ "list", cmd_list, NULL, N_("the customers you may see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "edit", cmd_edit, "ID|NAME", N_("change fields: --name, --phone, "
	    "..."), edit_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "set", cmd_set, "ID|NAME KEY=VALUE...", N_("change fields by name; "
	    "other keys become custom fields"), set_opts, CRM_VERB_WRITES,
	    NULL, 2, -1 },
	{ "delete", cmd_delete, "ID...|-", N_("delete customers that have no "
	    "deals, orders or payments"), NULL, CRM_VERB_WRITES, NULL, 1, -1 },
	{ "export", cmd_export, NULL, N_("every customer you may see, as csv "
	    "(or -f FMT)"), NULL, 0, NULL, 0, 0 },
	{ "import", cmd_import, "[FILE|-]", N_("add (and update) customers "
	    "from csv, tsv, yaml or json"), import_opts, CRM_VERB_WRITES |
	    CRM_VERB_EXCEL_INPUT, NULL, 0, 1 },
	{ "contact", NULL, "VERB", N_("a customer's contacts: add, list"),
	    NULL, 0, contact_verbs, 0, -1 },
	{ "tag", cmd_tag, "ID...|- +TAG -TAG...", N_("add (+) and remove (-) "
	    "tags"), NULL, CRM_VERB_WRITES | CRM_VERB_SIGNED_ARGS, NULL, 2,
	    -1 },
	{ "follow", cmd_follow, "ID|NAME", N_("record a follow-up (跟进)"),
	    crm_cli_follow_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "history", cmd_history, "ID|NAME", N_("the follow-ups of a "
	    "customer, newest first"), crm_cli_history_opts, 0, NULL, 1, 1 },
	CRM_POOL_VERBS("customers", "公海"),
	{ "dupes", cmd_dupes, NULL, N_("candidate duplicate pairs (same "
	    "phone, same or near-identical name)"), dupes_opts, 0, NULL, 0,
	    0 },
	{ "merge", cmd_merge, "KEEP DROP", N_("move everything of DROP to "
	    "KEEP and delete DROP"), NULL, CRM_VERB_WRITES, NULL, 2, 2 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

/* The summaries CRM_POOL_VERBS("customers", "公海") makes, word for word, for
 * xgettext, which does not expand macros: --help translates them. */
static const char *const pool_summaries[] __attribute__((unused)) = {
	N_("take customers from the pool (公海)"),
	N_("give customers back to the pool"),
	N_("managers: hand customers to a user"),
	N_("deal a pool out to reps, evenly (公海分配)"),
	N_("the cron job: customers past their limit go back to the pool"),
	N_("managers: exempt customers from recycling"),
	N_("make customers recyclable again"),
};

static const struct crm_tool tool = {
	"crm-customer", N_("crm-customer — customers, contacts, tags, "
	"follow-ups (跟进), batch import and export."), verbs,
	&crm_customer_entity
};

int
main(int argc, char **argv)
{
	record_opts_init();
	view_opts_init();
	crm_cli_pool_opts(&crm_customer_entity);
	return crm_cli_main(&tool, argc, argv);
}
