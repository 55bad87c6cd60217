/* What a user asked to set on a record of any entity (crm/entity.h),
 * before it is checked: the values of add, edit and set, by field, and
 * custom fields by name. NULL leaves a field as it is, "" clears it. */
#ifndef CRM_INPUT_H
#define CRM_INPUT_H

#include "crm/record.h"

/* The most fields a descriptor may have, and custom fields at once. */
#define CRM_INPUT_MAXFIELDS 64
#define CRM_INPUT_MAXEXTRA 64

struct crm_input {
	const char *f[CRM_INPUT_MAXFIELDS];
	size_t nextra;
	const char *ekeys[CRM_INPUT_MAXEXTRA];
	const char *evals[CRM_INPUT_MAXEXTRA];
};

/* Put key=value into in: a field of ent (by name or alias) or a custom
 * field; 64 on a name that cannot be a custom field. */
int crm_input_set(const struct crm_entity *ent, struct crm_input *in,
    const char *key, const char *value, struct crm_err *e);
/* Apply in to r, each value checked by its field's kind; an error names
 * the field. */
int crm_input_apply(struct crm_record *r, const struct crm_input *in,
    const struct crm_record_checks *ck, struct crm_err *e);

/* 64 naming the first field crm keeps (CRM_F_SYSTEM: a status, a
 * total, the times) that in sets: what an add may not set. */
int crm_input_no_system(const struct crm_entity *ent,
    const struct crm_input *in, struct crm_err *e);

#endif
