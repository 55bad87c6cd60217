/* crm log's parts (lib/audit.c, lib/log-scope.c). */
#ifndef CRM_LOG_IMPL_H
#define CRM_LOG_IMPL_H

#include "crm/db.h"
#include "crm/err.h"
#include "crm/session.h"

/* The SQL function crm_sees(entity, id) for the acting user of s: 1
 * when their scope of that entity shows the record (or the log's own
 * clauses place it), else 0. */
int crm_log_scope_register(struct crm_session *s, struct crm_err *e);

#endif
