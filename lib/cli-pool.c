/* The pool's verbs on the command line, for the entity of the tool
 * (crm/cli-pool.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/cli-pool.h"
#include "crm/buf.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/joblock.h"
#include "crm/pool.h"
#include "crm/user.h"
#include "crm/banned.h"

const struct crm_opt crm_release_opts[] = {
	{ "reason", 1, "TEXT", N_("why (kept in the ownership history)"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
const struct crm_opt crm_assign_opts[] = {
	{ "to", 1, "LOGIN", N_("the user who gets them"), "@user" },
	{ NULL, 0, NULL, NULL, NULL }
};
const struct crm_opt crm_lock_opts[] = {
	{ "reason", 1, "TEXT", N_("why it must not be recycled"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
/* --pool's text is the entity's (crm_cli_pool_opts) */
struct crm_opt crm_distribute_opts[] = {
	{ "pool", 1, "NAME", NULL, NULL },
	{ "to", 1, "L1,L2,...", N_("the users to deal to"), NULL },
	{ "region", 1, "REGION", N_("or: the active reps of this region"),
	    NULL },
	{ "per-rep", 1, "N", N_("at most N for each"), NULL },
	{ "method", 1, "METHOD", N_("round-robin (default), random or "
	    "least-loaded"), "round-robin|random|least-loaded" },
	{ "seed", 1, "S", N_("the seed of --method random (reproducible)"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
const struct crm_opt crm_recycle_opts[] = {
	{ "warn", 1, "DAYS", N_("list those that will go within DAYS days; "
	    "move nothing"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

void
crm_cli_pool_opts(const struct crm_entity *ent)
{
	struct crm_buf t = { 0 };
	const char *word = ent->pool && ent->pool->word ? ent->pool->word :
	    "pool";

	/* made before crm_cli_main: the language is needed already */
	crm_i18n_init();
	crm_buf_addf(&t, _("the %s to deal out"),
	    crm_cgettext("entity", word));
	crm_distribute_opts[0].help = crm_buf_detach(&t);
}

/* A record argument: an id as it is (the pool verbs check what the user
 * may see, and a claim refused by a rule says which), or a name. */
static int
id_arg(struct crm_ctx *c, const char *text, long long *id)
{
	struct crm_session *s;

	if (crm_id_word(text, id))
		return 0;
	if ((s = crm_ctx_session(c)) == NULL)
		return -1;
	return crm_find(s, c->ent, text, id, &c->err);
}

struct batch {
	int (*fn)(struct crm_ctx *c, long long id, void *arg);
	void *arg;
	long done;
};

/* What a verb did, said once it is done: "claimed 3 customers" (the
 * entity's name, a plural s; the Chinese swallows the s). */
static const char *const done_claim = N_("claimed %ld %s%s");
static const char *const done_release = N_("released %ld %s%s");
static const char *const done_assign = N_("assigned %ld %s%s");
static const char *const done_lock = N_("locked %ld %s%s");
static const char *const done_unlock = N_("unlocked %ld %s%s");

static int
batch_one(struct crm_ctx *c, const char *text, const char *where, void *arg)
{
	struct batch *b = arg;
	long long id;

	if (id_arg(c, text, &id) < 0 || b->fn(c, id, b->arg) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	b->done++;
	return 0;
}

/* Every id of the command in one transaction: all or none; done says
 * what happened (done_claim ...). */
static int
batch(struct crm_ctx *c, int (*fn)(struct crm_ctx *, long long, void *),
    void *arg, const char *done)
{
	struct crm_session *s = crm_ctx_session(c);
	struct batch b = { fn, arg, 0 };
	int rc;

	if (s == NULL || crm_session_begin(s, &c->err) < 0)
		return crm_fail(c);
	rc = crm_ids_each(c, c->argc, c->argv, batch_one, &b);
	if (crm_session_end(s, rc == 0, &c->err) < 0 || rc < 0)
		return crm_fail(c);
	if (!c->dry_run)
		crm_note(c, done, b.done, crm_cgettext("entity", c->ent->name),
		    b.done == 1 ? "" : "s");
	return 0;
}

static int
claim_one(struct crm_ctx *c, long long id, void *arg)
{
	(void)arg;
	return crm_pool_claim(&c->s, c->ent, id, &c->err);
}

int
crm_verb_claim(struct crm_ctx *c)
{
	return batch(c, claim_one, NULL, done_claim);
}

static int
release_one(struct crm_ctx *c, long long id, void *arg)
{
	return crm_pool_release(&c->s, c->ent, id, arg, &c->err);
}

int
crm_verb_release(struct crm_ctx *c)
{
	if (crm_opt(c, "reason") == NULL)
		return crm_usage(c, "missing --reason (why they go back to the "
		    "pool)");
	return batch(c, release_one, (void *)crm_opt(c, "reason"),
	    done_release);
}

static int
assign_one(struct crm_ctx *c, long long id, void *arg)
{
	return crm_pool_assign(&c->s, c->ent, id, arg, &c->err);
}

/* --to is the same for every id: a user who may assign hears once that
 * it is wrong, about --to, not about the first id. The role comes first,
 * so that a rep learns nothing of the team from it. */
static int
assign_target(struct crm_ctx *c, const char *to)
{
	struct crm_session *s = crm_ctx_session(c);
	char action[64];
	int state;

	snprintf(action, sizeof(action), _("assign %s"),
	    crm_cgettext("entity", c->ent->table));
	if (s == NULL || crm_session_require(s, CRM_ROLE_ADMIN |
	    CRM_ROLE_MANAGER, action, &c->err) < 0 ||
	    (state = crm_user_state(s, to, &c->err)) < 0)
		return -1;
	if (state != 2)
		return crm_err_set(&c->err, CRM_EX_DATAERR, "--to: '%s' is not "
		    "an active user (see: crm user list)", to);
	return 0;
}

int
crm_verb_assign(struct crm_ctx *c)
{
	const char *to = crm_opt(c, "to");

	if (to == NULL)
		return crm_usage(c, "missing --to LOGIN");
	if (assign_target(c, to) < 0)
		return crm_fail(c);
	return batch(c, assign_one, (void *)to, done_assign);
}

static int
lock_one(struct crm_ctx *c, long long id, void *arg)
{
	return crm_pool_lock(&c->s, c->ent, id, arg, 1, &c->err);
}

static int
unlock_one(struct crm_ctx *c, long long id, void *arg)
{
	(void)arg;
	return crm_pool_lock(&c->s, c->ent, id, NULL, 0, &c->err);
}

int
crm_verb_lock(struct crm_ctx *c)
{
	if (crm_opt(c, "reason") == NULL)
		return crm_usage(c, "missing --reason (why it must not be "
		    "recycled)");
	return batch(c, lock_one, (void *)crm_opt(c, "reason"), done_lock);
}

int
crm_verb_unlock(struct crm_ctx *c)
{
	return batch(c, unlock_one, NULL, done_unlock);
}

static int
parse_method(struct crm_ctx *c, struct crm_distribute *d)
{
	const char *m = crm_opt(c, "method");

	d->method = CRM_DIST_ROUND_ROBIN;
	if (m == NULL || strcmp(m, "round-robin") == 0)
		return 0;
	if (strcmp(m, "random") == 0)
		d->method = CRM_DIST_RANDOM;
	else if (strcmp(m, "least-loaded") == 0)
		d->method = CRM_DIST_LEAST_LOADED;
	else
		return crm_err_set(&c->err, CRM_EX_USAGE, "--method: '%s' is "
		    "not round-robin, random or least-loaded", m);
	return 0;
}

int
crm_verb_distribute(struct crm_ctx *c)
{
	struct crm_distribute d = { 0 };
	struct crm_session *s;
	char *list = NULL, *save = NULL, *tok;
	const char **to = NULL;
	long long per_rep, seed;
	int lock = -1, rc;

	d.pool = crm_opt(c, "pool");
	d.region = crm_opt(c, "region");
	if (d.pool == NULL ||
	    (crm_opt(c, "to") == NULL) == (d.region == NULL))
		return crm_usage(c, "usage: %s distribute --pool NAME (--to "
		    "L1,L2,... | --region R)", c->prog);
	if (parse_method(c, &d) < 0 ||
	    crm_opt_num(c, "per-rep", 1, LONG_MAX, 0, &per_rep) < 0 ||
	    crm_opt_num(c, "seed", 0, LLONG_MAX, 1, &seed) < 0)
		return crm_fail(c);
	d.per_rep = (long)per_rep;
	d.seed = (unsigned long long)seed;
	if (crm_opt(c, "to")) {
		list = crm_xstrdup(crm_opt(c, "to"));
		for (tok = strtok_r(list, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save)) {
			to = crm_xrealloc(to, (d.nto + 1) * sizeof(*to));
			to[d.nto++] = tok;
		}
		d.to = to;
	}
	if ((s = crm_ctx_session(c)) == NULL ||
	    crm_pool_job_allowed(s, c->ent, "distribute", &c->err) < 0 ||
	    crm_joblock(c->db_path, "distribute", &lock, &c->err) < 0)
		rc = crm_fail(c);
	else {
		s->show_dry_run = NULL;	/* the ledger says what would move */
		rc = crm_print_job(c, crm_pool_distribute(s, c->ent, &d,
		    &c->err), 0, NULL);
	}
	crm_joblock_release(lock);
	free(to);
	free(list);
	return rc;
}

int
crm_verb_recycle(struct crm_ctx *c)
{
	struct crm_session *s;
	long long warn;
	int lock = -1, rc;

	if (crm_opt_num(c, "warn", 0, 3650, -1, &warn) < 0 ||
	    (s = crm_ctx_session(c)) == NULL)
		return crm_fail(c);
	s->show_dry_run = NULL;	/* the list of what would move says it */
	if (warn >= 0)	/* a query: an empty one prints its header */
		return crm_print_rows(c, crm_pool_recycle(s, c->ent, (int)warn,
		    &c->err), 0, NULL);
	if (crm_pool_job_allowed(s, c->ent, "recycle", &c->err) < 0 ||
	    crm_joblock(c->db_path, "recycle", &lock, &c->err) < 0)
		return crm_fail(c);
	rc = crm_print_job(c, crm_pool_recycle(s, c->ent, -1, &c->err), 0,
	    NULL);
	crm_joblock_release(lock);
	return rc;
}
