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
	{ "stages", cmd_stages, NULL, N_("the stages of deal.stages, in "
	    "order"), NULL, 0, NULL, 0, 0 },
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
