/* Who runs the pool jobs that take a lock file: checked before the lock,
 * so that a refused run leaves no file behind. */
#include <string.h>

#include "pool-impl.h"
#include "crm/banned.h"

static const struct {
	const char *job;
	unsigned roles;
} jobs[] = {
	{ "recycle", CRM_ROLE_ADMIN },
	{ "distribute", CRM_ROLE_ADMIN | CRM_ROLE_MANAGER },
};

int
crm_pool_job_allowed(const struct crm_session *s,
    const struct crm_entity *ent, const char *job, struct crm_err *e)
{
	if (ent->pool == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "internal error: %s "
		    "records have no pool", ent->name);
	for (size_t i = 0; i < sizeof(jobs) / sizeof(*jobs); i++)
		if (strcmp(jobs[i].job, job) == 0)
			return pool_require(s, ent, jobs[i].roles, job, e);
	return crm_err_set(e, CRM_EX_SOFTWARE, "internal error: no job "
	    "'%s'", job);
}
