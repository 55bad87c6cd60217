/* Who sees and changes what (design/data.md), for every entity with an
 * owner and a pool: a record is seen by the roles that see all, by its
 * owner and (for a manager) the owner's team, and — in a pool — by those
 * whose pools it is in: a rep's region's and public (every pool when
 * pool.same_region is false), a manager's team's regions. The SQL of it
 * is lib/scope-sql.h, one piece used by every statement that selects. */
#ifndef CRM_SCOPE_H
#define CRM_SCOPE_H

#include "crm/buf.h"
#include "crm/record.h"
#include "crm/session.h"

/* Bind the scope parameters ?1..?5 of a statement that uses SCOPE_TEAM
 * and SCOPE_VISIBLE, for the acting user and an entity. */
int crm_scope_bind(struct crm_session *s, const struct crm_entity *ent,
    sqlite3_stmt *st, struct crm_err *e);
/* Is login the acting user, or (for a manager) one of their team?
 * 1, 0, or -1. */
int crm_scope_in_team(struct crm_session *s, const char *login,
    struct crm_err *e);
/* The same for any manager: is login the manager or someone under them
 * (their reports, and theirs, ...)? 1, 0, or -1. */
int crm_scope_team_has(struct crm_session *s, const char *manager,
    const char *login, struct crm_err *e);
/* Are masked fields (CRM_F_MASKED) of pool records masked for the
 * acting user? (reps, while pool.mask_contacts) */
int crm_scope_masked(struct crm_session *s, int *mask, struct crm_err *e);
/* Would naming a record of ent found by field f (a duplicate's key),
 * with this owner, tell the acting user a value masked for them (the
 * phone of a pool record, for a rep)? Then it counts as a record they
 * may not see. 1, 0, or -1. */
int crm_scope_found_masked(struct crm_session *s, const struct crm_entity *ent,
    int f, const char *owner, struct crm_err *e);
/* Append the condition "the record under alias is one the acting user
 * sees" for ent, in the parameters of lib/scope-sql.h (after its
 * SCOPE_TEAM): an entity with a pool field counts the pools the user
 * sees, one without (deals) only owners. */
void crm_scope_visible_sql(struct crm_buf *b, const struct crm_entity *ent,
    const char *alias);
/* 0 if the acting user may see record id of ent; else 65 "no ENTITY N"
 * and nothing more. */
int crm_scope_may_see(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_err *e);
/* The title (name) of record id of ent into out, and 1, if the acting
 * user may see it; 0 (nothing in out) if not, or if it has none. */
int crm_scope_title(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_buf *out, struct crm_err *e);
/* Load record id of ent into r (initialized in any case) if the acting
 * user may see it; else 65 "no ENTITY N" and nothing more. */
int crm_scope_load(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_record *r, struct crm_err *e);
/* 0 if the acting user may change the record; 77 naming why (a pool
 * record must be claimed first; another's belongs to them; the
 * entity's own may_change hook). */
int crm_scope_may_change(struct crm_session *s, const struct crm_record *r,
    struct crm_err *e);

/* 0 if the acting user may make owner the owner of a record of ent: an
 * admin anyone, a rep themselves, a manager their team; 77 otherwise. */
int crm_scope_may_give(struct crm_session *s, const struct crm_entity *ent,
    const char *owner, struct crm_err *e);
/* Read the acting manager's team once (themselves and those under them
 * at any depth): crm_scope_in_team, and so crm_scope_may_give, answer
 * from it from then on, without a query (an import's reader thread asks
 * them). Nothing for other roles. */
int crm_scope_team_load(struct crm_session *s, struct crm_err *e);

#endif
