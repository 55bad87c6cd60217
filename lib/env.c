/* Numbers from the environment (crm/env.h). */
#include <errno.h>
#include <stdlib.h>

#include "crm/env.h"
#include "crm/i18n.h"
#include "crm/banned.h"

int
crm_env_number(const char *name, long lo, long hi, const char *unit,
    long def, long *v, struct crm_err *e)
{
	const char *env = getenv(name);
	char *end;

	*v = def;
	if (env == NULL || *env == '\0')
		return 0;
	errno = 0;
	*v = strtol(env, &end, 10);
	if (errno || end == env || *end != '\0' || *v < lo || *v > hi)
		return crm_err_set(e, CRM_EX_USAGE, "%s: '%s' is not a number "
		    "of %s (%ld to %ld)", name, env, crm_tr(unit), lo, hi);
	return 0;
}
