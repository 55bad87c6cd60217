/* Storage of records of any entity (crm/entity.h) with their audit: the
 * SQL of each entity's table is built once from its descriptor — column
 * names from the descriptor only, every value bound — and kept for the
 * life of the process (design/style.md: the one sanctioned kind of
 * built SQL). Inside the caller's transaction. */
#ifndef CRM_STORE_H
#define CRM_STORE_H

#include "crm/input.h"
#include "crm/record.h"
#include "crm/session.h"

/* Load the record whose key field (field 0) is key into r (which this
 * initializes): 1 found, 0 not (r empty), -1 error. */
int crm_store_get(struct crm_session *s, const struct crm_entity *ent,
    const char *key, struct crm_record *r, struct crm_err *e);
/* The same by number, for entities numbered by CRM_K_ID: 65 "no ENTITY
 * N" when there is none. */
int crm_store_load(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_record *r, struct crm_err *e);

/* The id a new numbered record of ent gets: 0, SQLite's (the one after
 * the highest) while that is at most CRM_ID_MAX; else the highest free
 * one below the cap, or 65 when none is (for a writer of its own rows,
 * as order import is). */
int crm_store_new_id(struct crm_session *s, const struct crm_entity *ent,
    long long *id, struct crm_err *e);
/* 65: every id from 1 to CRM_ID_MAX is a record's. -1. */
int crm_store_no_id_left(const struct crm_entity *ent, struct crm_err *e);
/* Insert a new record; a numbered one without an id gets the next, in
 * r->id and field 0 (past CRM_ID_MAX: crm_store_new_id). Registers its
 * custom fields. */
int crm_store_insert(struct crm_session *s, struct crm_record *r,
    struct crm_err *e);
/* Write every field of an existing record. */
int crm_store_update(struct crm_session *s, struct crm_record *r,
    struct crm_err *e);
/* Remove a record's row (its audit is the caller's: crm_store_audit
 * with now NULL). */
int crm_store_delete(struct crm_session *s, const struct crm_record *r,
    struct crm_err *e);

/* Record in the current run what changed from old to now, field by
 * field (custom fields too): action "create" (old NULL), "update", or
 * "delete" (now NULL). Fields flagged CRM_F_UNAUDITED are left out. */
int crm_store_audit(struct crm_session *s, const char *action,
    const struct crm_record *old, const struct crm_record *now,
    struct crm_err *e);
/* Store a new record: its created_at and updated_at (if it has them)
 * now unless set, the required fields (a bit per field) and the
 * entity's rules (an error names the field), the row and the audit of
 * its creation; r->id gets its id. */
int crm_store_create(struct crm_session *s, struct crm_record *r,
    unsigned long long required, struct crm_err *e);
/* Save a changed record: its updated_at (if it has one) now, the row,
 * and the audit of what changed from old. A record the same as old in
 * every value is not written at all (no event, so no run). */
int crm_store_save(struct crm_session *s, const struct crm_record *old,
    struct crm_record *r, struct crm_err *e);

/* The field values an audit trail recorded (a group of crm undo) put
 * back into r: from the olds or the news. */
int crm_store_from_events(struct crm_record *r, size_t n,
    const char *const *fields, const char *const *vals, struct crm_err *e);

/* Delete record id of ent, one the acting user may see (else 65 "no
 * ENTITY N") and change (else 77), unless keep refuses it; audited, in
 * a transaction of its own (nested in the caller's). */
int crm_store_remove(struct crm_session *s, const struct crm_entity *ent,
    long long id, int (*keep)(struct crm_session *s,
    const struct crm_record *r, struct crm_err *e),
    struct crm_err *e);
/* crm undo of one record's events of one run (crm/audit.h), for an
 * entity whose rules hold for any values its audit held: a create is
 * removed, an update's fields put back, a delete brought back with its
 * id. */
int crm_store_undo(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_undo_group *g, struct crm_err *e);
/* The fields a new record of ent must have, a bit per field: those
 * flagged CRM_F_REQUIRED and those the entity's required setting names. */
int crm_store_required(struct crm_session *s, const struct crm_entity *ent,
    unsigned long long *mask, struct crm_err *e);

/* Undo what run created in bulk (an import: the records whose
 * created_run it is, for entities with CRM_E_RUNS): with check_only,
 * whether there is any (1, 0); else remove them — 65 naming a record a
 * later run changed. -1 on error. */
int crm_store_undo_bulk(struct crm_session *s, const struct crm_entity *ent,
    long long run, int check_only, struct crm_err *e);

/* The entity's custom fields in use, in name order (the caller frees
 * each and the array). */
char **crm_store_custom_fields(struct crm_session *s,
    const struct crm_entity *ent, size_t *n, struct crm_err *e);

/* The add and the edit of a record from what the user gave (crm/input.h,
 * lib/store-input.c), each in a transaction of its own (nested in the
 * caller's), with the checks they share: who may (ent->scope's change
 * roles, for action, marked N_(): "add accounts"; and
 * crm_scope_may_change), the values by their kinds (ck checks logins),
 * the owner (the acting user's unless given; another one only as
 * crm_scope_may_give allows; never none), the required fields and the
 * entity's rules, then the entity's own check (a name another record
 * has), each error naming its field; then the row and its audit. */
struct crm_store_rules {
	const char *action;
	unsigned long long required;	/* a bit per field */
	const struct crm_record_checks *ck;	/* or NULL */
	int (*check)(struct crm_session *s, const struct crm_record *r,
	    struct crm_err *e);		/* or NULL */
};
int crm_store_add_input(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_input *in, const struct crm_store_rules *rules,
    long long *id, struct crm_err *e);
/* Ids and the fields crm keeps (CRM_F_SYSTEM) are not set here (64). */
int crm_store_edit_input(struct crm_session *s, const struct crm_entity *ent,
    long long id, const struct crm_input *in,
    const struct crm_store_rules *rules, struct crm_err *e);

#endif
