/* What leads' import has of its own (the pipeline is lib/import*.c):
 * who imports them — marketing too, an expo's sign-up sheet — the claim
 * time of an owned one, and why a field may not be set. */
#include "lead-impl.h"
#include "crm/banned.h"

#define LOCK N_("only a manager or an admin may lock leads " \
	"(crm-lead lock)")

static const struct crm_import_why why[] = {
	{ "owner", NULL, N_("an import does not change the owner "
	    "(crm-lead assign does)") },
	{ "pool", N_("a rep's new leads are their own (crm-lead release puts "
	    "one in the pool)"), N_("an import does not change the pool "
	    "(crm-lead release and assign do)") },
	{ "id", NULL, N_("an import does not change ids") },
	{ "locked", LOCK, LOCK },
	{ "lock_reason", LOCK, LOCK },
	{ "score", N_("set by crm-lead score, not by an import"),
	    N_("set by crm-lead score, not by an import") },
	{ "customer_id", N_("set by crm-lead convert, not by an import"),
	    N_("set by crm-lead convert, not by an import") },
	{ "deal_id", N_("set by crm-lead convert, not by an import"),
	    N_("set by crm-lead convert, not by an import") },
	{ "claimed_at", N_("set by claims, not by an import"),
	    N_("set by claims, not by an import") },
	{ "last_followup_at", N_("set by follow-ups, not by an import"),
	    N_("set by follow-ups, not by an import") },
	{ "created_at", N_("set when a lead is added, not by an import"),
	    N_("set when a lead is added, not by an import") },
	{ "updated_at", N_("set when a lead changes, not by an import"),
	    N_("set when a lead changes, not by an import") },
};

const struct crm_import_def lead_import = {
	.roles = CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP |
	    CRM_ROLE_MARKETING,
	.owned_since = "claimed_at",
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
};
