/* Customers (design/data.md): fields and rules, the duplicate (撞单)
 * check, visibility by role, contacts, tags, follow-ups, export,
 * near-duplicate pairs and merging; import is crm/import.h's. */
#ifndef CRM_CUSTOMER_H
#define CRM_CUSTOMER_H

#include <stdio.h>
#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/fieldmap.h"
#include "crm/input.h"
#include "crm/in.h"
#include "crm/rows.h"
#include "crm/session.h"

/* The fields code names, in output column order. The descriptor
 * (lib/customer-entity.c) may list more after these: a field no code
 * needs by name is one line there. */
enum crm_customer_field {
	CRM_CF_ID, CRM_CF_NAME, CRM_CF_CONTACT, CRM_CF_PHONE, CRM_CF_EMAIL,
	CRM_CF_ADDRESS, CRM_CF_CITY, CRM_CF_REGION, CRM_CF_INDUSTRY,
	CRM_CF_SIZE, CRM_CF_TIER, CRM_CF_STATUS, CRM_CF_OWNER, CRM_CF_POOL,
	CRM_CF_SOURCE_TYPE, CRM_CF_SOURCE_ID, CRM_CF_CLAIMED_AT,
	CRM_CF_LAST_FOLLOWUP_AT, CRM_CF_NEXT_FOLLOWUP_AT, CRM_CF_CREATED_AT,
	CRM_CF_UPDATED_AT, CRM_CF_NOTE, CRM_CF_TAGS, CRM_CF_LOCKED,
	CRM_CF_LOCK_REASON,
	CRM_CUST_NFIELDS
};

/* The customer entity's descriptor: fields, aliases (Chinese and
 * English header names), kinds, flags and duplicate keys. */
extern const struct crm_entity crm_customer_entity;

/* Values to set (crm/input.h); tags are ';'-joined. */
#define CRM_CUST_MAXFIELDS CRM_INPUT_MAXFIELDS
#define crm_customer_input crm_input
/* Put a key=value into in: a standard field or a custom one. 64 on a
 * name that cannot be a custom field. */
int crm_customer_input_set(struct crm_input *in, const char *key,
    const char *value, struct crm_err *e);

/* Add a customer; *id gets its id. A rep's new customer is theirs; a
 * manager's or admin's goes to the pool unless it has an owner. The
 * duplicate check (same normalized name or phone) refuses with 65,
 * naming the existing record and its owner, unless allow_dup. */
int crm_customer_add(struct crm_session *s, const struct crm_customer_input *in,
    int allow_dup, long long *id, struct crm_err *e);
/* The refusal (65) of what duplicates a customer the user may not see,
 * or found by a value masked for them (crm_scope_found_masked): that
 * one exists, with the same `same` (a key's words), and whom to ask —
 * never its id, name, phone or email (data.md). what: the new record's
 * name. Always -1. */
int crm_customer_dup_unseen(struct crm_session *s, const char *what,
    const char *owner, const char *pool, const char *same, struct crm_err *e);
/* Change fields of a customer the acting user may change. The owner and
 * the pool are not changed here (claim, release, assign do that). */
int crm_customer_set(struct crm_session *s, long long id,
    const struct crm_customer_input *in, int allow_dup, struct crm_err *e);
/* Remove customers with no deals, orders or payments (else 65). */
int crm_customer_delete(struct crm_session *s, long long id,
    struct crm_err *e);
/* Add and remove tags. */
int crm_customer_tag(struct crm_session *s, long long id,
    const char *const *add, size_t nadd, const char *const *del,
    size_t ndel, struct crm_err *e);


/* The customer's own filters of crm_list (crm/list.h): -1 is off. */
struct crm_customer_filter {
	int stale;		/* days with no follow-up, claim or creation */
	int dormant;		/* ordered once, and not for these days */
};

/* Contacts of a customer. */
int crm_contact_add(struct crm_session *s, long long customer,
    const char *name, const char *title, const char *phone,
    const char *email, const char *birthday, long long *id,
    struct crm_err *e);
struct crm_rows *crm_contact_list(struct crm_session *s, long long customer,
    struct crm_err *e);


/* Move everything of drop to keep, fill keep's empty fields from drop,
 * delete drop; audited and undoable. */
int crm_customer_merge(struct crm_session *s, long long keep, long long drop,
    struct crm_err *e);


/* For crm undo and crm log (lib/undo.c, lib/audit.c). */
int crm_customer_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);
int crm_contact_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
