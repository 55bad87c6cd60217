/* Candidate duplicate pairs among the records of any entity the acting
 * user may see: records that share a key flagged CRM_KEY_DUP (the reason
 * is the key's `what`: "name", "phone"), or one flagged CRM_KEY_NEAR
 * while their duplicate keys differ ("similar"). A pair by a key whose
 * field is masked for the user would tell them the masked value: left
 * out; so is a pair a manager allowed (the entity's dupes_allowed)
 * unless with_allowed. */
#ifndef CRM_DUPES_H
#define CRM_DUPES_H

#include "crm/entity.h"
#include "crm/rows.h"
#include "crm/session.h"

/* id_a, name_a, id_b, name_b, reason (several joined by ','). */
struct crm_rows *crm_dupes(struct crm_session *s,
    const struct crm_entity *ent, int with_allowed, struct crm_err *e);

#endif
