/* The command line of an entity, made from its descriptor
 * (crm/entity.h): the field options of add and edit, the options of
 * list, reading them back, and the columns of a table view — so that a
 * field added to the descriptor is an option, a filter and a completion
 * without another line in cmd/. */
#ifndef CRM_CLI_ENTITY_H
#define CRM_CLI_ENTITY_H

#include "crm/cli.h"
#include "crm/input.h"
#include "crm/list.h"

/* Fill opts (room for cap options and the terminator) with an option for
 * each field flagged CRM_F_OPTION, then the options of more. */
void crm_cli_field_opts(const struct crm_entity *ent,
    const struct crm_opt *more, struct crm_opt *opts, size_t cap);
/* Fill opts with the options of list: --owner (named as the owner
 * field's option: --user for expenses), --mine and --pool (an entity
 * with an owner and a pool), one for each field flagged
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
/* In a table, show a record's references ("customer_id") by the title
 * of the record they name ("customer": its name) when the user sees
 * it, else the number; names[field] gets the column's new name. */
int crm_cli_titles(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_rows *rows, const char **names);
/* In a table, column col's values in the user's words, ctx (a string
 * literal) their context: an instalment's status "open" as
 * NC_("instalment", "open") in crm_value_words says it. Returns rows, or
 * NULL (closing them) with c->err set for an unknown column. */
struct crm_rows *crm_cli_words(struct crm_ctx *c, struct crm_rows *rows,
    const char *col, const char *ctx);
/* In a table, column col's values as the entity shows its field
 * (ent->shown): the from_stage and to_stage of a deal's stage history
 * by their labels, as the deal's stage. Returns rows, or NULL (closing
 * them) with c->err set for an unknown column. */
struct crm_rows *crm_cli_shown(struct crm_ctx *c, struct crm_rows *rows,
    const struct crm_entity *ent, int field, const char *col);
/* Show in a table only the fields flagged CRM_F_TABLE, unless
 * --all-columns (and not for csv, tsv, yaml or json). */
int crm_cli_table_view(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_rows *rows);

/* The values of add and edit: the field options of opts (and --owner),
 * then --set KEY=VALUE (repeatable; other keys are custom fields). */
int crm_cli_read_fields(struct crm_ctx *c, const struct crm_entity *ent,
    const struct crm_opt *opts, struct crm_input *in);
/* The values of set: KEY=VALUE arguments. Fails (crm_fail) itself. */
int crm_cli_read_pairs(struct crm_ctx *c, const struct crm_entity *ent,
    int argc, char **argv, struct crm_input *in);
/* Every record of ent the user may see, or the one with this id. */
struct crm_rows *crm_cli_records(struct crm_ctx *c,
    const struct crm_entity *ent, long long id);
/* show ID|NAME: the record (vertical in a table), or "no ENTITY N";
 * *id gets its id for the sections that follow. */
int crm_cli_show_record(struct crm_ctx *c, const struct crm_entity *ent,
    const char *arg, long long *id);
/* show ID -f text|html (a verb flagged CRM_VERB_DOC): the document make
 * builds of the record arg names (crm/doc.h: a quote, a shipment note),
 * printed as c->doc says. */
int crm_cli_show_doc(struct crm_ctx *c, const struct crm_entity *ent,
    const char *arg, struct crm_doc *(*make)(struct crm_session *s,
    long long id, struct crm_err *e));
/* Print document d (NULL: fail with c->err) as how says (enum
 * crm_doc_fmt) and free it. */
int crm_cli_print_doc(struct crm_ctx *c, struct crm_doc *d,
    enum crm_doc_fmt how);
/* A titled section after show's record: its rows, or "(none)". */
void crm_cli_section(struct crm_ctx *c, const char *title,
    struct crm_rows *rows);
/* delete ID...|-: del on each record named, all or none (one
 * transaction), then "deleted N ENTITIES". */
int crm_cli_delete(struct crm_ctx *c, const struct crm_entity *ent,
    int (*del)(struct crm_session *s, long long id, struct crm_err *e));
/* follow ID|NAME --kind K [--note --at --next]: a follow-up of a record
 * (crm/activity.h), and history ID|NAME [--limit N] [--owners] (the
 * owner changes, for an entity with a pool); their options. */
extern const struct crm_opt crm_cli_follow_opts[], crm_cli_history_opts[];
int crm_cli_follow(struct crm_ctx *c, const struct crm_entity *ent);
int crm_cli_history(struct crm_ctx *c, const struct crm_entity *ent);
/* A record's follow-ups, newest first, at most limit; a table shows each
 * kind in the user's words (电话, not call), as help says them. */
struct crm_rows *crm_cli_follow_ups(struct crm_ctx *c,
    const struct crm_entity *ent, long long id, long limit);
/* add [field options]: the record, its id on stdout. */
int crm_cli_add(struct crm_ctx *c, const struct crm_entity *ent,
    const struct crm_opt *opts, int (*add)(struct crm_session *s,
    const struct crm_input *in, long long *id, struct crm_err *e));
/* edit ID|NAME [field options], and set ID|NAME KEY=VALUE...: the
 * record crm_find names, changed by set. */
int crm_cli_edit(struct crm_ctx *c, const struct crm_entity *ent,
    const struct crm_opt *opts, int (*set)(struct crm_session *s,
    long long id, const struct crm_input *in, struct crm_err *e));
int crm_cli_set(struct crm_ctx *c, const struct crm_entity *ent,
    int (*set)(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e));
/* list: the records of filter f (which this frees), in a table the
 * table view's columns; crm_cli_list reads the generic filter first. */
int crm_cli_list_print(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_list_filter *f);
int crm_cli_list(struct crm_ctx *c, const struct crm_entity *ent);
/* export: every record the user may see, csv unless -f. */
int crm_cli_export(struct crm_ctx *c, const struct crm_entity *ent);

#endif
