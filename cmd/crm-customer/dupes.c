/* crm-customer dupes, merge */
#include "customer.h"
#include "crm/dupes.h"
#include "crm/i18n.h"
#include "crm/banned.h"

int
cmd_dupes(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_dupes(s, &crm_customer_entity,
	    crm_flag(c, "allowed"), &c->err), 0, NULL);
}

int
cmd_merge(struct crm_ctx *c)
{
	long long keep, drop;

	if (customer_arg(c, c->argv[0], &keep) < 0 ||
	    customer_arg(c, c->argv[1], &drop) < 0)
		return crm_fail(c);
	if (keep == drop)
		return crm_usage(c, "KEEP and DROP are the same customer");
	if (crm_customer_merge(&c->s, keep, drop, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		crm_note(c, "merged customer %lld into %lld (run %lld)", drop,
		    keep, c->s.run);
	return 0;
}
