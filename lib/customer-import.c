/* What customers' import has of its own (the pipeline is lib/import*.c):
 * who imports them, the claim time of an owned one, and why a field may
 * not be set, in words that name what sets it instead. */
#include "customer-impl.h"
#include "crm/banned.h"

/* Said in the user's language where a refusal is made (N_). */
#define LOCK N_("only a manager or an admin may lock customers " \
	"(crm-customer lock)")

static const struct crm_import_why why[] = {
	{ "owner", NULL, N_("an import does not change the owner "
	    "(crm-customer assign does)") },
	{ "pool", N_("a rep's new customers are their own (crm-customer "
	    "release puts one in the pool)"), N_("an import does not change "
	    "the pool (crm-customer release and assign do)") },
	{ "id", NULL, N_("an import does not change ids") },
	{ "locked", LOCK, LOCK },
	{ "lock_reason", LOCK, LOCK },
	{ "claimed_at", N_("set by claims, not by an import"),
	    N_("set by claims, not by an import") },
	{ "last_followup_at", N_("set by follow-ups, not by an import"),
	    N_("set by follow-ups, not by an import") },
	{ "created_at", N_("set when a customer is added, not by an "
	    "import"), N_("set when a customer is added, not by an import") },
	{ "updated_at", N_("set when a customer changes, not by an "
	    "import"), N_("set when a customer changes, not by an import") },
};

const struct crm_import_def customer_import = {
	.roles = CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP,
	.owned_since = "claimed_at",
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
	.allowed = customer_import_allowed,
};
