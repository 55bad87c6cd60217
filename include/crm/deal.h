/* Deals (商机, design/data.md): a sale in progress with a customer, its
 * stage among the configured ones (the setting deal.stages), and the
 * history of its stages, from which the funnel is computed. Deals are
 * an entity (crm/entity.h); who sees them is crm/scope.h's rule for
 * records without a pool: their owners, the owners' managers, and the
 * roles that see all. */
#ifndef CRM_DEAL_H
#define CRM_DEAL_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/input.h"
#include "crm/rows.h"
#include "crm/session.h"

/* The fields, in output column order (lib/deal-entity.c). */
enum crm_deal_field {
	CRM_DF_ID, CRM_DF_CUSTOMER, CRM_DF_NAME, CRM_DF_KIND, CRM_DF_STAGE,
	CRM_DF_AMOUNT, CRM_DF_PROBABILITY, CRM_DF_CLOSE_DATE, CRM_DF_OWNER,
	CRM_DF_NEXT_ACTION, CRM_DF_NEXT_DUE, CRM_DF_URGENCY, CRM_DF_BUDGET,
	CRM_DF_COMPETITION, CRM_DF_SCORE, CRM_DF_SOURCE_TYPE,
	CRM_DF_SOURCE_ID, CRM_DF_WON_AT, CRM_DF_LOST_AT, CRM_DF_LOST_REASON,
	CRM_DF_STAGE_AT, CRM_DF_LAST_FOLLOWUP_AT, CRM_DF_CREATED_AT,
	CRM_DF_UPDATED_AT, CRM_DF_NOTE,
	CRM_DEAL_NFIELDS
};

extern const struct crm_entity crm_deal_entity;

/* The deal's own filters of crm_list (crm/list.h). */
struct crm_deal_filter {
	const char *closing_before;	/* a date, or NULL */
	const char *state;	/* "open", "won", "lost", or NULL: any */
	int idle;		/* days with no stage change nor follow-up;
				   -1: off */
	char stage_key[64];	/* --stage given by its label: its key */
};

/* Check list's filters before the query: --closing-before a date, and
 * --stage a stage (by key, or label: *stage becomes its key, kept in
 * buf); 64 naming the option otherwise. */
int crm_deal_list_check(struct crm_session *s, const char **stage,
    const char *closing_before, char *buf, size_t size, struct crm_err *e);

/* A stage of the setting deal.stages. */
struct crm_stage {
	char *key, *label;
	int probability;
	int followup_days;	/* 0: none */
};

struct crm_stages {
	size_t n;
	struct crm_stage *v;
};

/* The configured stages, in order. */
int crm_stages_load(struct crm_session *s, struct crm_stages *st,
    struct crm_err *e);
void crm_stages_free(struct crm_stages *st);
/* The stage of that key, or NULL. */
const struct crm_stage *crm_stages_find(const struct crm_stages *st,
    const char *key);
/* The stages as rows: key, label, probability, followup_days. */
struct crm_rows *crm_stages_list(struct crm_session *s, struct crm_err *e);

/* The stages deal id entered, oldest first: at, from, to, by, note
 * (65 "no deal N" for one the user may not see). */
struct crm_rows *crm_deal_stage_history(struct crm_session *s, long long id,
    struct crm_err *e);

/* Add a deal of a customer the user may see (in->f[CRM_DF_CUSTOMER] is
 * its id). The owner is the rep who adds it, else the customer's owner,
 * else the user; the stage the first one unless given. *id gets its
 * id. */
int crm_deal_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e);
/* Change fields of a deal the user may change. Its stage, and whether
 * it is won or lost, change by crm_deal_move, _win and _lose only. */
int crm_deal_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e);
/* Remove a deal (its stage history stays in the audit's keeping). */
int crm_deal_delete(struct crm_session *s, long long id, struct crm_err *e);

/* An import's own options (crm-deal(1) import), for crm_import
 * (crm/import.h) as its arg: the stage map ("Prospecting=qualify,
 * Won=won": names of another CRM, case-insensitive, to keys of
 * deal.stages; NULL: none; 64 when it is not one), and whether
 * customers that are not there are created. */
struct crm_deal_import;
int crm_deal_import_new(struct crm_session *s, const char *stage_map,
    int create_customers, struct crm_deal_import **di, struct crm_err *e);
/* The customers it created. */
long long crm_deal_import_created(const struct crm_deal_import *di);
void crm_deal_import_free(struct crm_deal_import *di);

/* For crm undo (lib/undo.c). */
int crm_deal_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
