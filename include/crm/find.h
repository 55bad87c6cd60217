/* A record named on the command line: by its id, or by a name that
 * matches one the user may see (the title field's duplicate key: the
 * name itself, else a unique part of one). */
#ifndef CRM_FIND_H
#define CRM_FIND_H

#include "crm/entity.h"
#include "crm/session.h"

/* *id of the record text names: 65 for none (as for an unknown id: "no
 * customer named 'x'"), or for several (listing up to five). */
int crm_find(struct crm_session *s, const struct crm_entity *ent,
    const char *text, long long *id, struct crm_err *e);
/* The same by id or by the name itself, never a part of one (what an
 * import resolves): 1 found; 0 no record of that name (e says so); -1
 * several of it, an id there is none of, or an error (e). */
int crm_find_named(struct crm_session *s, const struct crm_entity *ent,
    const char *text, long long *id, struct crm_err *e);
/* 1 and *id if text is an id: digits only, 1 to CRM_ID_MAX; else 0 and
 * *id 0 (0, 00, a number past the range: never clamped to another). */
int crm_id_word(const char *text, long long *id);

#endif
