/* Customer fields: the input of add and edit. The fields themselves are
 * the descriptor in lib/customer-entity.c. */
#include "customer-impl.h"
#include "crm/banned.h"

int
crm_customer_input_set(struct crm_input *in, const char *key,
    const char *value, struct crm_err *e)
{
	return crm_input_set(&crm_customer_entity, in, key, value, e);
}
