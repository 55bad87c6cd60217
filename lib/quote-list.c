/* The list of quotes: a quote's status as it reads (expired when past
 * its valid_until, crm/quote.h), and the filter --expired. The rest is
 * the generic list (crm/list.h). */
#include "quote-impl.h"
#include "crm/banned.h"

static int
bind_own(struct crm_session *s, sqlite3_stmt *st, int base, const void *own,
    struct crm_err *e)
{
	const struct crm_quote_filter *f = own;

	(void)s;
	(void)e;
	sqlite3_bind_int(st, base, f != NULL && f->expired);
	return 0;
}

const struct crm_list_def quote_list = {
	.where = "AND (?own = 0 OR " CRM_QUOTE_STATUS_SQL("c") " = 'expired')",
	.bind = bind_own,
};
