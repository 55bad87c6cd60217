/* crm-deal move, win, lose, next, follow, history */
#include <limits.h>
#include <stdio.h>

#include "deal.h"
#include "crm/activity.h"
#include "crm/cli-entity.h"
#include "crm/deal-stage.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt move_opts[] = {
	{ "note", 1, "TEXT", N_("why, kept in the stage history"), NULL },
	{ "at", 1, "TIME", N_("when it happened (default: now; not in the "
	    "future)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt win_opts[] = {
	{ "amount", 1, "MONEY", N_("the amount won (default: the deal's)"),
	    NULL },
	{ "date", 1, "DATE", N_("the day it was won (default: today)"), NULL },
	{ "note", 1, "TEXT", N_("kept in the stage history"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt lose_opts[] = {
	{ "reason", 1, "REASON", N_("one of deal.lost_reasons (price, "
	    "competitor, no_budget, no_decision, timing, other)"),
	    "price|competitor|no_budget|no_decision|timing|other" },
	{ "note", 1, "TEXT", N_("kept in the stage history"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt next_opts[] = {
	{ "action", 1, "TEXT", N_("what is to be done"), NULL },
	{ "due", 1, "DATE", N_("by when (e.g. +3d; not in the past)"), NULL },
	{ "clear", 0, NULL, N_("the deal has no next step"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt deal_follow_opts[] = {
	{ "kind", 1, "KIND", N_("call, visit, email, im, meeting or note"),
	    "call|visit|email|im|meeting|note" },
	{ "note", 1, "TEXT", N_("what happened"), NULL },
	{ "at", 1, "TIME", N_("when (default: now)"), NULL },
	{ "next", 1, "DATE", N_("when the next step is due (default: the "
	    "deal has none)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt deal_history_opts[] = {
	{ "limit", 1, "N", N_("at most N follow-ups (default 100)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

int
cmd_move(struct crm_ctx *c)
{
	long long id;

	if (deal_arg(c, c->argv[0], &id) < 0 ||
	    crm_deal_move(&c->s, id, c->argv[1], crm_opt(c, "note"),
	    crm_opt(c, "at"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
cmd_win(struct crm_ctx *c)
{
	long long id;

	if (deal_arg(c, c->argv[0], &id) < 0 ||
	    crm_deal_win(&c->s, id, crm_opt(c, "amount"), crm_opt(c, "date"),
	    crm_opt(c, "note"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
cmd_lose(struct crm_ctx *c)
{
	long long id;

	if (crm_opt(c, "reason") == NULL)
		return crm_usage(c, "missing --reason (one of "
		    "deal.lost_reasons; see: crm config get "
		    "deal.lost_reasons)");
	if (deal_arg(c, c->argv[0], &id) < 0 ||
	    crm_deal_lose(&c->s, id, crm_opt(c, "reason"),
	    crm_opt(c, "note"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
cmd_next(struct crm_ctx *c)
{
	const char *action = crm_opt(c, "action"), *due = crm_opt(c, "due");
	long long id;

	if (crm_flag(c, "clear") && (action || due))
		return crm_usage(c, "--clear takes no --action nor --due");
	if (!crm_flag(c, "clear") && (action == NULL || due == NULL))
		return crm_usage(c, "give --action TEXT and --due DATE (or "
		    "--clear)");
	if (deal_arg(c, c->argv[0], &id) < 0 ||
	    crm_deal_next(&c->s, id, action, due, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
cmd_deal_follow(struct crm_ctx *c)
{
	long long id;

	if (crm_opt(c, "kind") == NULL)
		return crm_usage(c, "missing --kind (call, visit, email, im, "
		    "meeting or note)");
	if (deal_arg(c, c->argv[0], &id) < 0 ||
	    crm_deal_follow(&c->s, id, crm_opt(c, "kind"), crm_opt(c, "note"),
	    crm_opt(c, "at"), crm_opt(c, "next"), &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
cmd_deal_history(struct crm_ctx *c)
{
	long long id, limit;

	if (crm_opt_num(c, "limit", 0, LONG_MAX, 100, &limit) < 0 ||
	    deal_arg(c, c->argv[0], &id) < 0)
		return crm_fail(c);
	return crm_print_rows(c, crm_cli_follow_ups(c, &crm_deal_entity, id,
	    (long)limit), 0, NULL);
}
