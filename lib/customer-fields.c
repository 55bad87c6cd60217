/* Customer fields: who may set which through an import, and the
 * input of add and edit. The fields themselves are the descriptor in
 * lib/customer-entity.c. */
#include <string.h>

#include "customer-impl.h"
#include "crm/banned.h"

/* What an import may not set, and what does it instead. */
static const struct {
	int field;
	unsigned roles;		/* who may give a new record a value */
	int history;		/* an admin's --historical may set it */
	const char *why;
} guarded[] = {
	{ CRM_CF_LOCKED, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, 0, "only a "
	    "manager or an admin may lock customers (crm-customer lock)" },
	{ CRM_CF_LOCK_REASON, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, 0, "only a "
	    "manager or an admin may lock customers (crm-customer lock)" },
	{ CRM_CF_POOL, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, 0, "a rep's new "
	    "customers are their own (crm-customer release puts one in the "
	    "pool)" },
	{ CRM_CF_CLAIMED_AT, 0, 1, "set by claims, not by an import" },
	{ CRM_CF_LAST_FOLLOWUP_AT, 0, 1, "set by follow-ups, not by an "
	    "import" },
	{ CRM_CF_CREATED_AT, 0, 1, "set when a customer is added, not by an "
	    "import" },
	{ CRM_CF_UPDATED_AT, 0, 1, "set when a customer changes, not by an "
	    "import" },
};

int
cust_may_set(const struct crm_session *s, int f, int is_new, int historical,
    struct crm_err *e)
{
	if (!is_new && f == CRM_CF_OWNER)
		return crm_err_set(e, CRM_EX_NOPERM, "an import does not "
		    "change the owner (crm-customer assign does)");
	if (!is_new && f == CRM_CF_POOL)
		return crm_err_set(e, CRM_EX_NOPERM, "an import does not "
		    "change the pool (crm-customer release and assign do)");
	if (!is_new && f == CRM_CF_ID)
		return crm_err_set(e, CRM_EX_NOPERM, "an import does not "
		    "change ids");
	for (size_t i = 0; i < sizeof(guarded) / sizeof(*guarded); i++) {
		if (guarded[i].field != f || (s->role & guarded[i].roles))
			continue;
		if (guarded[i].history && historical &&
		    s->role == CRM_ROLE_ADMIN)
			return 0;
		return crm_err_set(e, CRM_EX_NOPERM, "%s%s", guarded[i].why,
		    guarded[i].history ? " (an admin restoring history uses "
		    "--historical)" : "");
	}
	return 0;
}

int
crm_cust_input_set(struct crm_cust_input *in, const char *key,
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
