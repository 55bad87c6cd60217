/* crm check: SQLite's integrity and foreign-key checks and the project's
 * own invariants (design/data.md, "Invariants"). Each module's check is
 * one entry of the table in lib/check.c. */
#ifndef CRM_CHECK_H
#define CRM_CHECK_H

#include "crm/rows.h"
#include "crm/session.h"

/* One row per problem found: check, entity, id, problem. No rows: all
 * is well. Admins only (77): the problems name records of everyone.
 * The problems are in English, data for a script, unless tr: then in
 * the user's language, for people (a table). */
struct crm_rows *crm_check(struct crm_session *s, int tr,
    struct crm_err *e);

/* The duplicates crm check leaves out because a manager allowed them
 * (--allow-duplicate): one row per group of customers that share a
 * key — its first id, the key (name or phone), the others' ids, the run
 * that allowed them and its user. Admins only, as crm_check. */
struct crm_rows *crm_check_allowed(struct crm_session *s, int tr,
    struct crm_err *e);

#endif
