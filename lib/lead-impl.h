/* Shared by lib/lead*.c and lib/campaign*.c. */
#ifndef CRM_LEAD_IMPL_H
#define CRM_LEAD_IMPL_H

#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/import.h"
#include "crm/lead.h"
#include "crm/pool.h"
#include "crm/record.h"
#include "crm/scope.h"

/* The lead pool's rules (lib/lead-pool.c) and the import's own
 * (lib/lead-import.c). */
extern const struct crm_pool_def lead_pool;
extern const struct crm_import_def lead_import;

/* 撞单 with a customer: 65 naming the customer with this phone key or
 * whose name key is this company key (or, one the user may not see,
 * only whom to ask: then -2, else -1); what is the lead's words in the
 * message. */
int lead_customer_dup(struct crm_session *s, const char *phone_key,
    const char *company_key, const char *what, struct crm_err *e);

#endif
