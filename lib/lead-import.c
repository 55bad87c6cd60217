/* What leads' import has of its own (the pipeline is lib/import*.c):
 * who imports them — marketing too, an expo's sign-up sheet — the claim
 * time of an owned one, and why a field may not be set. */
#include <stdio.h>
#include <string.h>

#include "lead-impl.h"
#include "crm/find.h"
#include "crm/norm.h"
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

/* An import's value of a field, before it is checked: a campaign by its
 * exact name is its id; a phone or a company a customer has already is
 * a rejected record naming the customer (撞单), as add refuses it. */
static int
lead_value(void *arg, int f, const char **v, struct crm_err *e)
{
	static char id[32];
	struct crm_session *s = ((struct crm_lead_import_arg *)arg)->s;
	struct crm_buf key = { 0 };
	long long n;
	int rc = 0;

	if (f == CRM_LF_CAMPAIGN) {
		/* an id must be a campaign's, a name one's exactly */
		if (crm_find_named(s, &crm_campaign_entity, *v, &n, e) != 1)
			return -1;
		snprintf(id, sizeof(id), "%lld", n);
		*v = id;
		return 0;
	}
	if (f == CRM_LF_PHONE && crm_phone_check(*v, &key, NULL) == 0)
		rc = lead_customer_dup(s, key.s, NULL, *v, e);
	else if (f == CRM_LF_COMPANY && (crm_norm_name(*v, &key), key.len))
		rc = lead_customer_dup(s, NULL, key.s, *v, e);
	crm_buf_free(&key);
	return rc < 0 ? rc : 0;
}

/* A status as add takes it, and closed ones for history: converted is
 * what convert makes, with a customer, so an import sets it only for an
 * admin restoring history (who may give its customer_id too): else a
 * rep's file would make conversions of nothing, in reports and in the
 * team's scoring model. A disqualified lead needs only its reason. */
static int
lead_record(void *arg, struct crm_record *l, const char **bad,
    struct crm_err *e)
{
	const struct crm_lead_import_arg *a = arg;
	const char *status = l->f[CRM_LF_STATUS];

	if (status == NULL || strcmp(status, "converted") != 0 ||
	    (a != NULL && a->historical))
		return 0;
	*bad = "status";
	return crm_err_set(e, CRM_EX_DATAERR, "'converted' is set by "
	    "crm-lead convert, with the customer the lead became (an admin "
	    "restoring history uses --historical)");
}

const struct crm_import_def lead_import = {
	.roles = CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP |
	    CRM_ROLE_MARKETING,
	.owned_since = "claimed_at",
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
	.value = lead_value,
	.record = lead_record,
};
