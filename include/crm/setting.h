/* Team-wide settings (design/data.md, "Settings and defaults"): a fixed
 * registry of keys, each with a default and a rule. Values are YAML on
 * the way in (`{A: 40}`), checked against the rule, and stored as JSON
 * only when they differ from the default. A bad value names the key and
 * the rule and exits 78. */
#ifndef CRM_SETTING_H
#define CRM_SETTING_H

#include <stdio.h>
#include "crm/audit.h"
#include "crm/buf.h"
#include "crm/rows.h"
#include "crm/session.h"

struct crm_setting_info {
	const char *key;
	const char *def;	/* the default, as flow YAML */
	const char *rule;	/* what a value must be, for messages */
};

size_t crm_setting_count(void);
const struct crm_setting_info *crm_setting_at(size_t i);

/* Check yaml against key's rule; the canonical JSON goes to json. */
int crm_setting_check(const char *key, const char *yaml,
    struct crm_buf *json, struct crm_err *e);

/* The effective value (stored, else default) as JSON. KEY.SUBKEY is
 * one entry of a mapping setting, null when it has none. */
int crm_setting_json(struct crm_session *s, const char *key,
    struct crm_buf *json, struct crm_err *e);
/* ... as one-line flow YAML, for people. */
int crm_setting_yaml(struct crm_session *s, const char *key,
    struct crm_buf *yaml, struct crm_err *e);
/* An integer or boolean setting's value. */
int crm_setting_int(struct crm_session *s, const char *key, long long *v,
    struct crm_err *e);

/* A text setting's value; empty when it is null. */
int crm_setting_text(struct crm_session *s, const char *key,
    struct crm_buf *out, struct crm_err *e);

/* Admins only; recorded in the audit trail. Both accept KEY.SUBKEY for
 * one entry of a mapping (recycle.followup_days.A); unset returns it to
 * the default's entry, or drops it when the default has none. */
int crm_setting_set(struct crm_session *s, const char *key,
    const char *yaml, struct crm_err *e);
int crm_setting_unset(struct crm_session *s, const char *key,
    struct crm_err *e);
/* set (yaml NULL: unset) where the change of deal.stages drops a stage
 * deals are in: they are moved into move_to (NULL: refused, 65, as set
 * and unset and import do); move_to with another key is 64. */
int crm_setting_set_moving(struct crm_session *s, const char *key,
    const char *yaml, const char *move_to, struct crm_err *e);
/* key, value, default: every setting. */
struct crm_rows *crm_setting_list(struct crm_session *s, struct crm_err *e);
/* Every setting as one YAML mapping; import reads the same shape (any
 * subset of keys), checks every value first and sets all or none. */
int crm_setting_export(struct crm_session *s, FILE *fp, struct crm_err *e);
int crm_setting_import(struct crm_session *s, const char *path,
    int *changed, struct crm_err *e);

/* For crm undo (lib/undo.c). */
int crm_setting_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
