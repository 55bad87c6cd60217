/* 离职交接 of customers, for crm user (lib/user.c): the generic pool's
 * handover (crm_pool_handover) of the customer entity. */
#include "customer-impl.h"
#include "crm/banned.h"

int
crm_customer_owned(struct crm_session *s, const char *login, long long *n,
    struct crm_err *e)
{
	return crm_pool_owned(s, &crm_customer_entity, login, n, e);
}

int
crm_customer_handover(struct crm_session *s, const char *from,
    const char *to, long *moved, struct crm_err *e)
{
	return crm_pool_handover(s, &crm_customer_entity, from, to, moved, e);
}
