/* crm-lead: campaigns (市场活动), leads (线索) and the lead pool (线索池). */
#include "lead.h"
#include "crm/cli-entity.h"
#include "crm/cli-pool.h"
#include "crm/i18n.h"

static const struct crm_verb verbs[] = {
	{ "add", cmd_add, NULL, N_("add a lead; prints its id"), add_opts,
	    CRM_VERB_WRITES, NULL, 0, 0 },
	{ "show", cmd_show, "ID|NAME", N_("one lead with its recent "
	    "follow-ups and owners"), NULL, 0, NULL, 1, 1 },
	{ "list", cmd_list, NULL, N_("the leads you may see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "edit", cmd_edit, "ID|NAME", N_("change fields: --name, --phone, "
	    "--status contacted|qualified, ..."), edit_opts, CRM_VERB_WRITES,
	    NULL, 1, 1 },
	{ "set", cmd_set, "ID|NAME KEY=VALUE...", N_("change fields by name; "
	    "other keys become custom fields"), NULL, CRM_VERB_WRITES, NULL,
	    2, -1 },
	{ "delete", cmd_delete, "ID...|-", N_("delete leads that were not "
	    "converted"), NULL, CRM_VERB_WRITES, NULL, 1, -1 },
	{ "export", cmd_export, NULL, N_("every lead you may see, as csv (or "
	    "-f FMT)"), NULL, 0, NULL, 0, 0 },
	{ "import", cmd_import, "[FILE|-]", N_("add (and update) leads from "
	    "csv, tsv, yaml or json"), import_opts, CRM_VERB_WRITES |
	    CRM_VERB_EXCEL_INPUT, NULL, 0, 1 },
	{ "follow", cmd_follow, "ID|NAME", N_("record a follow-up (跟进); the "
	    "first makes a lead contacted"), crm_cli_follow_opts,
	    CRM_VERB_WRITES, NULL, 1, 1 },
	{ "history", cmd_history, "ID|NAME", N_("the follow-ups of a lead, "
	    "newest first"), crm_cli_history_opts, 0, NULL, 1, 1 },
	{ "score", cmd_score, "[ID...|-]", N_("score leads 0-100: rule points "
	    "and the chance of conversion (default: every open lead you may "
	    "change)"), score_opts, CRM_VERB_WRITES, NULL, 0, -1 },
	{ "convert", cmd_convert, "ID|NAME", N_("make a lead a customer "
	    "with its contact, and a deal (线索转化); prints the customer's "
	    "id"), convert_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "disqualify", cmd_disqualify, "ID...|-", N_("mark leads as no "
	    "good (无效线索), with a reason"), disqualify_opts,
	    CRM_VERB_WRITES, NULL, 1, -1 },
	CRM_POOL_VERBS("leads", "线索池"),
	{ "campaign", NULL, "VERB", N_("campaigns (市场活动): add, list, "
	    "show, edit"), NULL, 0, campaign_verbs, 0, -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

/* The summaries CRM_POOL_VERBS("leads", "线索池") makes, word for word, for
 * xgettext, which does not expand macros: --help translates them. */
static const char *const pool_summaries[] __attribute__((unused)) = {
	N_("take leads from the pool (线索池)"),
	N_("deal a pool out to reps, evenly (线索池分配)"),
	N_("give leads back to the pool"),
	N_("managers: hand leads to a user"),
	N_("the cron job: leads past their limit go back to the pool"),
	N_("managers: exempt leads from recycling"),
	N_("make leads recyclable again"),
};

static const struct crm_tool tool = {
	"crm-lead", N_("crm-lead — campaigns (市场活动), leads (线索) and the "
	"lead pool (线索池)."), verbs, &crm_lead_entity
};

int
main(int argc, char **argv)
{
	record_opts_init();
	view_opts_init();
	campaign_opts_init();
	crm_cli_pool_opts(&crm_lead_entity);
	return crm_cli_main(&tool, argc, argv);
}
