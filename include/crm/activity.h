/* Follow-ups (跟进记录) of any record with a subject type — a customer,
 * a lead, a deal: what happened (call, visit, email, im, meeting, note),
 * when, by whom, and when the next one is due. A follow-up moves the
 * record's last_followup_at and next_followup_at, when its entity has
 * fields by these names. */
#ifndef CRM_ACTIVITY_H
#define CRM_ACTIVITY_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/rows.h"
#include "crm/session.h"

/* Record a follow-up of record id of ent: kind, a note, at (NULL: now;
 * never in the future), next (NULL: none; never before today). The
 * acting user must be one who may change the record. */
int crm_activity_follow(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *kind, const char *note, const char *at,
    const char *next, struct crm_err *e);
/* The follow-ups of a record the user may see, newest first: id, at,
 * kind, by, note, next_at. */
struct crm_rows *crm_activity_history(struct crm_session *s,
    const struct crm_entity *ent, long long id, long limit,
    struct crm_err *e);

/* For crm undo (lib/undo.c). */
int crm_activity_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
