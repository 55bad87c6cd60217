/* What customers' import has of its own (the pipeline is lib/import*.c):
 * who imports them, the claim time of an owned one, and why a field may
 * not be set, in words that name what sets it instead. */
#include "customer-impl.h"
#include "crm/banned.h"

#define LOCK "only a manager or an admin may lock customers " \
	"(crm-customer lock)"

static const struct crm_import_why why[] = {
	{ "owner", NULL, "an import does not change the owner "
	    "(crm-customer assign does)" },
	{ "pool", "a rep's new customers are their own (crm-customer "
	    "release puts one in the pool)", "an import does not change the "
	    "pool (crm-customer release and assign do)" },
	{ "id", NULL, "an import does not change ids" },
	{ "locked", LOCK, LOCK },
	{ "lock_reason", LOCK, LOCK },
	{ "claimed_at", "set by claims, not by an import",
	    "set by claims, not by an import" },
	{ "last_followup_at", "set by follow-ups, not by an import",
	    "set by follow-ups, not by an import" },
	{ "created_at", "set when a customer is added, not by an import",
	    "set when a customer is added, not by an import" },
	{ "updated_at", "set when a customer changes, not by an import",
	    "set when a customer changes, not by an import" },
};

const struct crm_import_def customer_import = {
	.roles = CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP,
	.owned_since = "claimed_at",
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
};
