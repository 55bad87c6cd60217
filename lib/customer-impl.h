/* Shared by lib/customer*.c. */
#ifndef CRM_CUSTOMER_IMPL_H
#define CRM_CUSTOMER_IMPL_H

#include "crm/buf.h"
#include "crm/clock.h"
#include "crm/customer.h"
#include "crm/i18n.h"
#include "crm/import.h"
#include "crm/record.h"
#include "crm/scope.h"
#include "pool-impl.h"
#include "scope-sql.h"

/* A customer is a crm_record of crm_customer_entity (its descriptor is
 * lib/customer-entity.c); its duplicate keys, in the descriptor's order. */
enum { CUST_KEY_NAME, CUST_KEY_CORE, CUST_KEY_PHONE, CUST_NKEYS };

/* The customer's own list filters (lib/customer-list.c). */
extern const struct crm_list_def customer_list;

/* An empty record of the customer entity. */
#define customer_init(r) crm_record_init((r), &crm_customer_entity)

/* What customers' import has of its own (lib/customer-import.c). */
extern const struct crm_import_def customer_import;


/* Who sees and changes what: crm/scope.h. */

/* The duplicate check: 65 naming the first customer with the same name
 * key or phone key (other than c itself) — or, when the user may not see
 * it or the key's field is masked for them (*unseen set), saying only
 * that one exists and whom to ask. */
int customer_check_dup(struct crm_session *s, const struct crm_record *c,
    int *unseen, struct crm_err *e);
/* Import --on-duplicate allow (crm_import_def's allowed): each group of
 * customers that share a name or phone key and holds one the run
 * created, allowed as add --allow-duplicate allows (lib/customer.c). */
int customer_import_allowed(struct crm_session *s, struct crm_err *e);
/* A CRM_K_LOGIN check: login may own customers (a crm_record_checks). */
int customer_owner_ok(void *arg, const struct crm_field *fd,
    const char *login, struct crm_err *e);

/* Add a contact inside the caller's transaction: v is name, title,
 * phone, email, birthday (NULL: none); checked as contact add checks. */
int contact_add_locked(struct crm_session *s, long long customer,
    const char *const v[5], long long *id, struct crm_err *e);
/* Remove a contact, recording it for undo (delete, merge). */
int contact_delete(struct crm_session *s, long long id, struct crm_err *e);
/* Whether pool contacts are masked for the acting user (reps, while
 * pool.mask_contacts). */
int crm_scope_masked(struct crm_session *s, int *mask, struct crm_err *e);
/* The customers' pool rules (lib/customer-pool-rules.c) under the
 * generic pool (crm/pool.h, lib/pool-impl.h). */
extern const struct crm_pool_def customer_pool;
/* Bind today's cutoff date of each tier for the setting key
 * (recycle.followup_days, recycle.deal_days) to ?first and the four
 * after it: tiers A..E, none for a tier without a limit. */
int customer_bind_cutoffs(struct crm_session *s, const char *key,
    sqlite3_stmt *st, int first, struct crm_err *e);

#endif
