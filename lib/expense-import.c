/* What expenses' import has of its own (the pipeline is lib/import*.c):
 * who imports them — anyone, their own —, the account, campaign and
 * customer by id or exact name, and why a field may not be set. */
#include <stdio.h>

#include "pay-impl.h"
#include "crm/customer.h"
#include "crm/find.h"
#include "crm/lead.h"
#include "crm/banned.h"

static const struct crm_import_why why[] = {
	{ "user", NULL, N_("an import does not change whose an expense is "
	    "(edit --user does)") },
	{ "id", NULL, N_("an import does not change ids") },
	{ "created_at", N_("set when an expense is added, not by an import"),
	    N_("set when an expense is added, not by an import") },
	{ "updated_at", N_("set when an expense changes, not by an import"),
	    N_("set when an expense changes, not by an import") },
};

/* An import's value of a field, before it is checked: an account, a
 * campaign or a customer by its id or exact name is its id (an account
 * only for finance and admins, and one in use). */
static int
expense_value(void *arg, int f, const char **v, struct crm_err *e)
{
	static char id[32];
	struct crm_session *s = arg;
	long long n;

	if (f == CRM_XF_ACCOUNT) {
		if (pay_account_for_expense(s, *v, 1, &n, e) < 0)
			return -1;
	} else if (f == CRM_XF_CAMPAIGN || f == CRM_XF_CUSTOMER) {
		if (crm_find_named(s, f == CRM_XF_CAMPAIGN ?
		    &crm_campaign_entity : &crm_customer_entity, *v, &n,
		    e) != 1)
			return -1;
	} else {
		return 0;
	}
	snprintf(id, sizeof(id), "%lld", n);
	*v = id;
	return 0;
}

const struct crm_import_def expense_import = {
	.roles = CRM_ROLES_ALL,
	.owner = CRM_IMPORT_OWNER_ANY | CRM_IMPORT_OWNER_SELF,
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
	.value = expense_value,
};
