/* crm-deal: deals (商机), their stages, and the sales funnel. */
#include "deal.h"
#include "crm/i18n.h"

static const struct crm_verb verbs[] = {
	{ "add", cmd_add, NULL, N_("add a deal; prints its id"), add_opts,
	    CRM_VERB_WRITES, NULL, 0, 0 },
	{ "show", cmd_show, "ID|NAME", N_("one deal with its stages and "
	    "recent follow-ups"), NULL, 0, NULL, 1, 1 },
	{ "list", cmd_list, NULL, N_("the deals you may see, filtered"),
	    list_opts, 0, NULL, 0, 0 },
	{ "edit", cmd_edit, "ID|NAME", N_("change fields: --name, --amount, "
	    "..."), edit_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "set", cmd_set, "ID|NAME KEY=VALUE...", N_("change fields by name; "
	    "other keys become custom fields"), NULL, CRM_VERB_WRITES, NULL,
	    2, -1 },
	{ "delete", cmd_delete, "ID...|-", N_("delete deals"), NULL,
	    CRM_VERB_WRITES, NULL, 1, -1 },
	{ "export", cmd_export, NULL, N_("every deal you may see, as csv (or "
	    "-f FMT)"), NULL, 0, NULL, 0, 0 },
	{ "import", cmd_import, "[FILE|-]", N_("import deals (csv, tsv, "
	    "yaml, json): all or nothing, or --partial"), import_opts,
	    CRM_VERB_WRITES | CRM_VERB_EXCEL_INPUT, NULL, 0, 1 },
	{ "stages", cmd_stages, NULL, N_("the stages of deal.stages, in "
	    "order"), NULL, 0, NULL, 0, 0 },
	{ "move", cmd_move, "ID|NAME STAGE", N_("move a deal to a stage "
	    "(back too; a won or lost deal is reopened)"), move_opts,
	    CRM_VERB_WRITES, NULL, 2, 2 },
	{ "win", cmd_win, "ID|NAME", N_("the deal is won (赢单); its "
	    "customer becomes active"), win_opts, CRM_VERB_WRITES, NULL, 1,
	    1 },
	{ "lose", cmd_lose, "ID|NAME", N_("the deal is lost (输单), for a "
	    "reason"), lose_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "next", cmd_next, "ID|NAME", N_("set the next step and its due "
	    "date"), next_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "follow", cmd_deal_follow, "ID|NAME", N_("record a follow-up (跟进) "
	    "of a deal, and of its customer"), deal_follow_opts,
	    CRM_VERB_WRITES, NULL, 1, 1 },
	{ "history", cmd_deal_history, "ID|NAME", N_("the follow-ups of a "
	    "deal"), deal_history_opts, 0, NULL, 1, 1 },
	{ "pipeline", cmd_pipeline, NULL, N_("open deals by stage, owner, "
	    "region, month or kind: count, amount, weighted"), pipeline_opts,
	    0, NULL, 0, 0 },
	{ "funnel", cmd_funnel, NULL, N_("the funnel from the stage "
	    "history: reached, conversion, days, win rate, velocity"),
	    funnel_opts, 0, NULL, 0, 0 },
	{ "score", cmd_score, "[ID...|-]", N_("score open deals 0-100 and "
	    "store it (机会评估); none given: all you may change"), score_opts,
	    CRM_VERB_WRITES, NULL, 0, -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm-deal", N_("crm-deal — deals (商机), their stages and the sales "
	"funnel (销售漏斗)."), verbs, &crm_deal_entity
};

int
main(int argc, char **argv)
{
	record_opts_init();
	view_opts_init();
	return crm_cli_main(&tool, argc, argv);
}
