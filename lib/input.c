/* The values of add, edit and set, before they go into a record. */
#include <string.h>

#include "crm/input.h"
#include "crm/banned.h"

int
crm_input_set(const struct crm_entity *ent, struct crm_input *in,
    const char *key, const char *value, struct crm_err *e)
{
	int negated;
	int f = crm_entity_field_sign(ent, key, &negated);

	if (f >= 0) {
		/* --set discontinued=1 is active 0 */
		in->f[f] = negated ? crm_record_bool_not(value) : value;
		return 0;
	}
	if (crm_record_extra_name_ok(ent, key, e) < 0)
		return -1;
	for (size_t i = 0; i < in->nextra; i++) {
		if (strcmp(in->ekeys[i], key) == 0) {
			in->evals[i] = value;
			return 0;
		}
	}
	if (in->nextra == CRM_INPUT_MAXEXTRA)
		return crm_err_set(e, CRM_EX_USAGE, "too many custom fields "
		    "at once");
	in->ekeys[in->nextra] = key;
	in->evals[in->nextra++] = value;
	return 0;
}

int
crm_input_apply(struct crm_record *r, const struct crm_input *in,
    const struct crm_record_checks *ck, struct crm_err *e)
{
	const struct crm_entity *ent = r->ent;

	for (int f = 0; f < (int)ent->nfields; f++)
		if (in->f[f] && crm_record_put(r, f, in->f[f], ck, e) < 0)
			return crm_err_prefix(e, "field '%s'",
			    ent->fields[f].name);
	for (size_t i = 0; i < in->nextra; i++)
		if (crm_record_extra_name_ok(ent, in->ekeys[i], e) < 0 ||
		    crm_record_put_extra(r, in->ekeys[i], in->evals[i], e) < 0)
			return crm_err_prefix(e, "field '%s'", in->ekeys[i]);
	return 0;
}

int
crm_input_no_system(const struct crm_entity *ent, const struct crm_input *in,
    struct crm_err *e)
{
	for (size_t f = 0; f < ent->nfields; f++)
		if (in->f[f] && (ent->fields[f].flags & CRM_F_SYSTEM))
			return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set "
			    "here (crm keeps it)", ent->fields[f].name);
	return 0;
}
