/* Every entity crm knows, in one registry: what loops over the kinds of
 * record (a leaver's handover, crm undo, crm log) finds them here, so a
 * new entity is one line in lib/entities.c. */
#ifndef CRM_ENTITIES_H
#define CRM_ENTITIES_H

#include "crm/entity.h"

/* NULL-terminated. */
extern const struct crm_entity *const crm_entities[];

/* The entity of that name ("customer"), or NULL. */
const struct crm_entity *crm_entity_named(const char *name);

#endif
