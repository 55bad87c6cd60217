/* 离职交接: when a user leaves, their records of an entity with a pool go
 * to another user or back to their pools, each move an ordinary assign
 * or release (so the ownership history, the cool-down and crm undo work
 * as for any). */
#include <stdio.h>
#include <stdlib.h>

#include "pool-impl.h"
#include "crm/banned.h"

int
crm_pool_owned(struct crm_session *s, const struct crm_entity *ent,
    const char *login, long long *n, struct crm_err *e)
{
	const struct pool_ent *p = pool_of(ent, e);

	return p ? pool_count(s, p->owned, login, NULL, NULL, n, e) : -1;
}

int
crm_pool_handover(struct crm_session *s, const struct crm_entity *ent,
    const char *from, const char *to, long *moved, struct crm_err *e)
{
	const struct pool_ent *p = pool_of(ent, e);
	char reason[128];
	long long *ids;
	size_t n;
	int rc = 0;

	*moved = 0;
	if (p == NULL || pool_ids(s, p->owned_ids, from, &ids, &n, e) < 0)
		return -1;
	snprintf(reason, sizeof(reason), "handover: '%s' left", from);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = pool_hand_one(s, ent, ids[i], to, reason, e);
		*moved += rc == 0;
	}
	free(ids);
	return rc;
}
