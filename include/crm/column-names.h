/* The names people read in their language: the header of every column a
 * table can show, the kinds of record ("customer") and their keys
 * ("phone") as words in a sentence. Each list is marked for translation
 * with a context (crm/i18n.h, NC_): "column" for headers, which the
 * table view shows as crm_cgettext("column", name) (csv, yaml and json
 * keep the names); "entity" for an entity's name and its table (the
 * plural: "customers"), "key" for what a duplicate key is ("same
 * phone"). A new field, entity or key gets its line here, or
 * tests/unit/test-column-names.c fails. */
#ifndef CRM_COLUMN_NAMES_H
#define CRM_COLUMN_NAMES_H

#include "crm/entity.h"

/* NULL-terminated. */
extern const char *const crm_column_names[];	/* NC_("column", ...) */
extern const char *const crm_entity_names[];	/* NC_("entity", ...) */
extern const char *const crm_entity_tables[];	/* NC_("entity", ...) */
extern const char *const crm_key_names[];	/* NC_("key", ...) */
extern const char *const crm_value_words[];	/* NC_(entity, ...) */

/* The key among values ("a|b|c") that in names: a key in any case, or
 * the word a table shows for one in the user's language
 * (crm_cgettext(ctx, key): 微信 for a receipt's wechat, 价格 for the lost
 * reason price) — what help and tables show is taken back as input.
 * Returns where the key starts in values, *n its length; NULL if none. */
const char *crm_value_key(const char *ctx, const char *values,
    const char *in, size_t *n);

/* The entity's name as a word of a sentence, in the user's language:
 * "customer" (English), 客户. */
const char *crm_entity_word(const struct crm_entity *ent);
/* Its records: "customers", 客户. */
const char *crm_entity_words(const struct crm_entity *ent);
/* What a duplicate key is: "phone", 电话. */
const char *crm_key_word(const struct crm_key *k);
/* A column's name as a word: "owner", 负责人; the header of every
 * table, chart and sheet. */
const char *crm_column_word(const char *name);
/* The tool and verb whose tables are shown from now on ("crm-forecast",
 * "sales"): where a name means another thing than elsewhere (a
 * forecast's method), its header is another word. */
void crm_column_where(const char *tool, const char *verb);

#endif
