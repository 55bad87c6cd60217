/* Leads (线索) and the campaigns (市场活动) they come from (design/
 * data.md, commands.md "crm-lead"). A lead is an entity with a pool (the
 * lead pool, 线索池: crm/pool.h) — claimed, released, assigned,
 * distributed and recycled as customers are; marketing sees every lead
 * and campaign, reps their own and their region's lead pool, managers
 * their team's. */
#ifndef CRM_LEAD_H
#define CRM_LEAD_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/input.h"
#include "crm/session.h"

/* The fields code names, in output column order (lib/lead-entity.c). */
enum crm_lead_field {
	CRM_LF_ID, CRM_LF_NAME, CRM_LF_COMPANY, CRM_LF_TITLE, CRM_LF_PHONE,
	CRM_LF_EMAIL, CRM_LF_REGION, CRM_LF_INDUSTRY, CRM_LF_SIZE,
	CRM_LF_SOURCE, CRM_LF_CAMPAIGN, CRM_LF_STATUS,
	CRM_LF_DISQUALIFY_REASON, CRM_LF_OWNER, CRM_LF_POOL, CRM_LF_SCORE,
	CRM_LF_CLAIMED_AT, CRM_LF_LAST_FOLLOWUP_AT, CRM_LF_NEXT_FOLLOWUP_AT,
	CRM_LF_CREATED_AT, CRM_LF_UPDATED_AT, CRM_LF_NOTE, CRM_LF_LOCKED,
	CRM_LF_LOCK_REASON, CRM_LF_CUSTOMER, CRM_LF_DEAL,
	CRM_LEAD_NFIELDS
};

/* The duplicate keys of a lead, in the descriptor's order. */
enum { CRM_LEAD_KEY_NAME, CRM_LEAD_KEY_PHONE, CRM_LEAD_KEY_EMAIL,
	CRM_LEAD_KEY_COMPANY, CRM_LEAD_NKEYS };

enum crm_campaign_field {
	CRM_MF_ID, CRM_MF_NAME, CRM_MF_CHANNEL, CRM_MF_START, CRM_MF_END,
	CRM_MF_PLACE, CRM_MF_BUDGET, CRM_MF_COST, CRM_MF_OWNER,
	CRM_MF_CREATED_AT, CRM_MF_UPDATED_AT, CRM_MF_NOTE,
	CRM_CAMPAIGN_NFIELDS
};

extern const struct crm_entity crm_lead_entity;
extern const struct crm_entity crm_campaign_entity;

/* Add a lead: a rep's is their own (assigned); a manager's, admin's or
 * marketing's without an owner goes to its region's lead pool (or
 * public) as new. The campaign is given by id or exact name. */
/* What crm-lead import gives leads' import steps (the import's arg):
 * the importer's session, and whether an admin restores history
 * (--historical: converted leads, a history from another system). */
struct crm_lead_import_arg {
	struct crm_session *s;
	int historical;
};

int crm_lead_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e);
/* Change fields of a lead the user may change; the owner, pool and
 * status move by the pool verbs, follow, convert and disqualify. */
int crm_lead_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e);
int crm_lead_delete(struct crm_session *s, long long id, struct crm_err *e);

/* Campaigns: marketing, managers and admins add and change them;
 * everyone reads them. */
int crm_campaign_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e);
int crm_campaign_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e);

int crm_lead_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);
int crm_campaign_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

/* Lead scores (lib/lead-score.c): the rule points of lead.score_rules
 * and, with enough history, a naive Bayes probability of conversion
 * learned from every converted and disqualified lead of the database
 * (counts only: no record is shown), blended into the stored 0-100
 * score. A scorer is made once per command, inside its session; each
 * lead it scores is saved with its audit in the session's run. */
#define CRM_LEAD_MIN_HISTORY 30	/* closed leads a model needs */

struct crm_lead_scorer;
struct crm_rows;

enum {
	CRM_LEAD_SCORE_EXPLAIN = 1 << 0,	/* a row for each factor's
						   points or log-odds, not
						   one a lead */
	CRM_LEAD_SCORE_WORDS = 1 << 1	/* factors named in the user's
					   language (a table) */
};
/* Read the rules and train the model; flags: CRM_LEAD_SCORE_*. */
struct crm_lead_scorer *crm_lead_scorer_new(struct crm_session *s,
    unsigned flags, struct crm_err *e);
/* Score lead id, which the user must see and may change; a converted
 * or disqualified one is left as it is (counted as skipped). */
int crm_lead_score_id(struct crm_lead_scorer *sc, long long id,
    struct crm_err *e);
/* Score every lead the user may change that is not closed. */
int crm_lead_score_all(struct crm_lead_scorer *sc, struct crm_err *e);
/* What was done: leads scored and skipped; the closed leads of the
 * history and how many converted; whether a model was used. */
struct crm_lead_score_info {
	long scored, skipped, closed, converted;
	int model;
};
void crm_lead_scorer_info(const struct crm_lead_scorer *sc,
    struct crm_lead_score_info *info);
/* The rows scored so far (the caller closes them; once). */
struct crm_rows *crm_lead_scorer_rows(struct crm_lead_scorer *sc);
void crm_lead_scorer_free(struct crm_lead_scorer *sc);

/* What convert makes of a lead besides its customer and contact: the
 * existing customer to attach to (id or name; NULL: a new one from the
 * lead), and a deal (NULL name: none). allow_dup: a manager's call that
 * the new customer is not a duplicate (crm_customer_add). */
struct crm_lead_conversion {
	const char *customer;
	const char *deal, *amount, *close;
	int allow_dup;
};
/* Convert a lead the user may change, in one transaction: a new customer
 * (name = company, else the person; source lead + id; the 撞单 check) or
 * the given one (the lead owner's: 77 naming another owner), the person
 * as its contact, the deal through crm_deal_add, and the lead converted
 * with its links. *customer and *deal (0: none) get the ids. A lead in
 * the pool is claimed first (77); a converted or disqualified one is
 * refused (65). */
int crm_lead_convert(struct crm_session *s, long long id,
    const struct crm_lead_conversion *cv, long long *customer,
    long long *deal, struct crm_err *e);
/* Disqualify a lead with a reason (64 without); not a converted one. */
int crm_lead_disqualify(struct crm_session *s, long long id,
    const char *reason, struct crm_err *e);

#endif
