/* crm-lead score */
#include <string.h>

#include "lead.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt score_opts[] = {
	{ "explain", 0, NULL, N_("a row for each factor: its points, or "
	    "its log-odds in the model"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static int
score_one(struct crm_ctx *c, const char *text, const char *where, void *arg)
{
	long long id;

	if (crm_find(&c->s, &crm_lead_entity, text, &id, &c->err) < 0 ||
	    crm_lead_score_id(arg, id, &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	return 0;
}

/* The rows, then what the scores rest on and what was done. */
static int
report(struct crm_ctx *c, struct crm_lead_scorer *sc)
{
	struct crm_lead_score_info in;
	int rc = crm_print_rows(c, crm_lead_scorer_rows(sc), 0, NULL);

	crm_lead_scorer_info(sc, &in);
	if (!in.model)
		crm_note(c, P_("the rule score alone: %ld closed lead, the "
		    "model needs %d", "the rule score alone: %ld closed leads, "
		    "the model needs %d", in.closed), in.closed,
		    CRM_LEAD_MIN_HISTORY);
	else if (crm_flag(c, "explain"))
		crm_note(c, "the model: %ld closed leads, %ld converted",
		    in.closed, in.converted);
	if (in.skipped > 0)
		crm_note(c, P_("left %ld converted or disqualified lead as it "
		    "was", "left %ld converted or disqualified leads as they "
		    "were", in.skipped), in.skipped);
	crm_note(c, c->dry_run ? P_("dry run: would have scored %ld lead",
	    "dry run: would have scored %ld leads", in.scored) :
	    P_("scored %ld lead", "scored %ld leads", in.scored), in.scored);
	if (c->s.run && !c->dry_run)
		crm_note(c, "run %lld (crm undo %lld takes it back)", c->s.run,
		    c->s.run);
	return rc;
}

int
cmd_score(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_lead_scorer *sc = NULL;
	unsigned flags = (crm_flag(c, "explain") ? CRM_LEAD_SCORE_EXPLAIN :
	    0) | (c->fmt == CRM_FMT_TABLE ? CRM_LEAD_SCORE_WORDS : 0);
	int rc;

	/* one transaction: the model and the scores of the same history */
	if (s == NULL || crm_session_begin(s, &c->err) < 0)
		return crm_fail(c);
	sc = crm_lead_scorer_new(s, flags, &c->err);
	if (sc == NULL)
		rc = -1;
	else if (c->argc > 0)
		rc = crm_ids_each(c, c->argc, c->argv, score_one, sc);
	else
		rc = crm_lead_score_all(sc, &c->err);
	if (crm_session_end(s, rc == 0, &c->err) < 0 || rc != 0) {
		crm_lead_scorer_free(sc);
		/* above 0: the id reader said why already */
		return rc > 0 ? rc : crm_fail(c);
	}
	rc = report(c, sc);
	crm_lead_scorer_free(sc);
	return rc;
}
