/* Numbers from the environment (CRM_BUSY_TIMEOUT_MS, CRM_SQL_PROFILE,
 * CRM_IMPORT_FILTER_BITS): one that is set must be a whole number in
 * its range, else a usage error naming the variable. */
#ifndef CRM_ENV_H
#define CRM_ENV_H

#include "crm/err.h"

/* The number in name (unit: what it counts, N_() marked) into *v, or
 * def when it is not set or empty. 0, or -1 and 64. */
int crm_env_number(const char *name, long lo, long hi, const char *unit,
    long def, long *v, struct crm_err *e);

#endif
