/* The filters of crm-customer list that are the customer's own: --stale
 * (no follow-up, claim or creation for N days) and --dormant (ordered
 * once, and not for N days). The rest is the generic list (crm/list.h). */
#include "customer-impl.h"
#include "crm/list.h"
#include "crm/banned.h"

static void
bind_days_ago(sqlite3_stmt *st, int i, int days)
{
	char date[CRM_DATE_LEN];

	if (days < 0)
		return;
	crm_date_format(crm_today() - days, date);
	crm_db_bind_text(st, i, date);
}

static int
bind_own(struct crm_session *s, sqlite3_stmt *st, int base, const void *own,
    struct crm_err *e)
{
	const struct crm_customer_filter *f = own;

	(void)s;
	(void)e;
	if (f != NULL) {
		bind_days_ago(st, base, f->stale);
		bind_days_ago(st, base + 1, f->dormant);
	}
	return 0;
}

const struct crm_list_def customer_list = {
	"AND (?own IS NULL OR coalesce(c.last_followup_at, c.claimed_at, "
	"c.created_at) < ?own) "
	"AND (?own+1 IS NULL OR c.last_order_at < ?own+1)",
	bind_own
};
