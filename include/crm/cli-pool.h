/* The pool's verbs on the command line, for any tool whose entity has a
 * pool (crm_tool.entity): claim, release, assign, lock, unlock,
 * distribute and recycle, each over ids from the arguments or stdin in
 * one transaction. A tool puts CRM_POOL_VERBS in its verb table. */
#ifndef CRM_CLI_POOL_H
#define CRM_CLI_POOL_H

#include "crm/cli.h"

int crm_verb_claim(struct crm_ctx *c);
int crm_verb_release(struct crm_ctx *c);
int crm_verb_assign(struct crm_ctx *c);
int crm_verb_lock(struct crm_ctx *c);
int crm_verb_unlock(struct crm_ctx *c);
int crm_verb_distribute(struct crm_ctx *c);
int crm_verb_recycle(struct crm_ctx *c);

extern const struct crm_opt crm_release_opts[], crm_assign_opts[],
    crm_lock_opts[], crm_recycle_opts[];
extern struct crm_opt crm_distribute_opts[];

/* The option texts of the pool verbs in the words of ent's pool ("the
 * lead pool to deal out": 线索池), made once before crm_cli_main. */
void crm_cli_pool_opts(const struct crm_entity *ent);

/* The rows of a tool's verb table: `what` names the records in the
 * summaries ("customers"), `pool` the pool ("公海"). */
#define CRM_POOL_VERBS(what, pool) \
	{ "claim", crm_verb_claim, "ID...|-", "take " what " from the pool " \
	    "(" pool ")", NULL, CRM_VERB_WRITES, NULL, 1, -1 }, \
	{ "release", crm_verb_release, "ID...|-", "give " what " back to " \
	    "the pool", crm_release_opts, CRM_VERB_WRITES, NULL, 1, -1 }, \
	{ "assign", crm_verb_assign, "ID...|-", "managers: hand " what \
	    " to a user", crm_assign_opts, CRM_VERB_WRITES, NULL, 1, -1 }, \
	{ "distribute", crm_verb_distribute, NULL, "deal a pool out to " \
	    "reps, evenly (" pool "分配)", crm_distribute_opts, \
	    CRM_VERB_WRITES, \
	    NULL, 0, 0 }, \
	{ "recycle", crm_verb_recycle, NULL, "the cron job: " what " past " \
	    "their limit go back to the pool", crm_recycle_opts, \
	    CRM_VERB_WRITES, NULL, 0, 0 }, \
	{ "lock", crm_verb_lock, "ID...|-", "managers: exempt " what \
	    " from recycling", crm_lock_opts, CRM_VERB_WRITES, NULL, 1, -1 }, \
	{ "unlock", crm_verb_unlock, "ID...|-", "make " what " recyclable " \
	    "again", NULL, CRM_VERB_WRITES, NULL, 1, -1 }

#endif
