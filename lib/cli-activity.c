/* The follow and history verbs of every entity with follow-ups
 * (crm/activity.h): crm-customer's, crm-lead's, crm-deal's. */
#include <limits.h>

#include "crm/cli-entity.h"
#include "crm/activity.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/pool.h"
#include "crm/banned.h"

const struct crm_opt crm_cli_follow_opts[] = {
	{ "kind", 1, "KIND", N_("call, visit, email, im, meeting or note"),
	    "call|visit|email|im|meeting|note" },
	{ "note", 1, "TEXT", N_("what happened"), NULL },
	{ "at", 1, "TIME", N_("when (default: now)"), NULL },
	{ "next", 1, "DATE", N_("the next follow-up (e.g. +3d)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

const struct crm_opt crm_cli_history_opts[] = {
	{ "limit", 1, "N", N_("at most N follow-ups (default 100)"), NULL },
	{ "owners", 0, NULL, N_("the changes of owner instead: who had it, "
	    "who got it, why (a recycle names its rule and days)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

int
crm_cli_follow(struct crm_ctx *c, const struct crm_entity *ent)
{
	long long id;

	if (crm_opt(c, "kind") == NULL)
		return crm_usage(c, "missing --kind (call, visit, email, im, "
		    "meeting or note)");
	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, ent, c->argv[0], &id, &c->err) < 0 ||
	    crm_activity_follow(&c->s, ent, id, crm_opt(c, "kind"),
	    crm_opt(c, "note"), crm_opt(c, "at"), crm_opt(c, "next"),
	    &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
crm_cli_history(struct crm_ctx *c, const struct crm_entity *ent)
{
	long long id, limit;

	if (crm_opt_num(c, "limit", 0, LONG_MAX, 100, &limit) < 0 ||
	    crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, ent, c->argv[0], &id, &c->err) < 0)
		return crm_fail(c);
	if (ent->pool && crm_flag(c, "owners"))
		return crm_print_rows(c, crm_pool_owners(&c->s, ent, id,
		    &c->err), 0, NULL);
	return crm_print_rows(c, crm_cli_follow_ups(c, ent, id, (long)limit),
	    0, NULL);
}

struct crm_rows *
crm_cli_follow_ups(struct crm_ctx *c, const struct crm_entity *ent,
    long long id, long limit)
{
	return crm_cli_words(c, crm_activity_history(&c->s, ent, id, limit,
	    &c->err), "kind", "follow-up");
}
