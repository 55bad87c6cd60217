/* Customer fields: the input of add and edit. The fields themselves are
 * the descriptor in lib/customer-entity.c. */
#include <string.h>

#include "customer-impl.h"
#include "crm/banned.h"

int
crm_customer_input_set(struct crm_customer_input *in, const char *key,
    const char *value, struct crm_err *e)
{
	int f = crm_entity_field(&crm_customer_entity, key);

	if (f >= 0) {
		in->f[f] = value;
		return 0;
	}
	if (crm_record_extra_name_ok(&crm_customer_entity, key, e) < 0)
		return -1;
	for (size_t i = 0; i < in->nextra; i++) {
		if (strcmp(in->ekeys[i], key) == 0) {
			in->evals[i] = value;
			return 0;
		}
	}
	if (in->nextra == sizeof(in->ekeys) / sizeof(*in->ekeys))
		return crm_err_set(e, CRM_EX_USAGE, "too many custom fields "
		    "at once");
	in->ekeys[in->nextra] = key;
	in->evals[in->nextra++] = value;
	return 0;
}
