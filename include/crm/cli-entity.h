/* The command line of an entity, made from its descriptor
 * (crm/entity.h): the field options of add and edit, the options of
 * list, reading them back, and the columns of a table view — so that a
 * field added to the descriptor is an option, a filter and a completion
 * without another line in cmd/. */
#ifndef CRM_CLI_ENTITY_H
#define CRM_CLI_ENTITY_H

#include "crm/cli.h"
#include "crm/list.h"

/* Fill opts (room for cap options and the terminator) with an option for
 * each field flagged CRM_F_OPTION, then the options of more. */
void crm_cli_field_opts(const struct crm_entity *ent,
    const struct crm_opt *more, struct crm_opt *opts, size_t cap);
/* Fill opts with the options of list: --owner, --mine and --pool (an
 * entity with an owner and a pool), one for each field flagged
 * CRM_F_FILTER, --tag, --search, --sort, --limit, --all-columns, then
 * more (the entity's own filters). */
void crm_cli_list_opts(const struct crm_entity *ent,
    const struct crm_opt *more, struct crm_opt *opts, size_t cap);

/* The field an option of crm_cli_field_opts stands for, or -1. */
int crm_cli_option_field(const struct crm_entity *ent, const char *option);
/* The list filter from the options of crm_cli_list_opts (f is
 * initialized here; free it with crm_list_filter_free). */
int crm_cli_list_filter(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_list_filter *f);
/* Show in a table only the fields flagged CRM_F_TABLE, unless
 * --all-columns (and not for csv, tsv, yaml or json). */
int crm_cli_table_view(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_rows *rows);

#endif
