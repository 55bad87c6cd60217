/* The import verb of an entity's tool (crm-customer import, and every
 * tool after it): the tool gives the options (their words are its own;
 * the names are these) and its entity. */
#ifndef CRM_CLI_IMPORT_H
#define CRM_CLI_IMPORT_H

#include "crm/cli.h"
#include "crm/entity.h"

/* The options it reads: on-duplicate, partial, rejects, force, map,
 * extra, ignore-unknown, historical, ignore-cap, and CRM_INPUT_OPTS.
 * Returns the exit code: 65 when records were rejected. */
int crm_cli_import(struct crm_ctx *c, const struct crm_entity *ent);
/* The same, with the entity's own options for its import's steps
 * (struct crm_import_opts, arg). */
int crm_cli_import_with(struct crm_ctx *c, const struct crm_entity *ent,
    void *arg);

#endif
