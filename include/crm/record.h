/* A record of any entity (crm/entity.h) as checked, normalized text:
 * what every generic module passes around. Values go in through
 * crm_record_put, which applies the rule of the field's kind; then
 * crm_record_finish computes the duplicate keys and applies the
 * entity's own rules. */
#ifndef CRM_RECORD_H
#define CRM_RECORD_H

#include "crm/entity.h"

struct crm_record {
	const struct crm_entity *ent;
	long long id;		/* for entities numbered by CRM_K_ID */
	char **f;		/* ent->nfields values; NULL: empty */
	char **key;		/* ent->nkeys normalized keys; NULL: none */
	size_t nextra;		/* custom fields, sorted by key */
	char **ekeys, **evals;
	/* a record used for one value after another (an import's, whose
	 * records are a million): its values are copied into a block of
	 * its own rather than each malloc'd, and emptied all at once by
	 * crm_record_clear; NULL: each value is its own malloc */
	char *blk;
	size_t blk_used, blk_cap;
	struct crm_buf work;	/* with blk: the checks' scratch */
};

/* What checking a value needs from outside the record: whether a login
 * may be the value of a CRM_K_LOGIN field. */
struct crm_record_checks {
	int (*login_ok)(void *arg, const struct crm_field *f,
	    const char *login, struct crm_err *e);
	void *arg;
};

void crm_record_init(struct crm_record *r, const struct crm_entity *ent);
void crm_record_free(struct crm_record *r);
/* A record for many in turn (an import's): its values in a block of its
 * own; crm_record_clear empties it for the next, keeping its memory.
 * Nothing may free() one of its values: crm_record_set replaces one. */
void crm_record_init_reused(struct crm_record *r,
    const struct crm_entity *ent);
void crm_record_clear(struct crm_record *r);
void crm_record_copy(struct crm_record *dst, const struct crm_record *src);

/* Check and normalize value for field f (NULL or "" clears it). The
 * message does not name the field; the caller does. */
int crm_record_put(struct crm_record *r, int f, const char *value,
    const struct crm_record_checks *ck, struct crm_err *e);
/* Set a value as it is, unchecked (from the database, or crm's own). */
void crm_record_set(struct crm_record *r, int f, const char *value);
/* The same for a whole number (an integer, cents, an id). */
void crm_record_set_num(struct crm_record *r, int f, long long value);
/* Set (or with value NULL or "" remove) a custom field. */
int crm_record_put_extra(struct crm_record *r, const char *key,
    const char *value, struct crm_err *e);
/* The value of custom field key, or NULL. */
const char *crm_record_extra(const struct crm_record *r, const char *key);
/* Can name be a custom field of the entity? 64 if not. */
int crm_record_extra_name_ok(const struct crm_entity *ent, const char *name,
    struct crm_err *e);

/* Do a and b (of one entity) hold the same value of field f? */
int crm_record_same_field(const struct crm_record *a,
    const struct crm_record *b, int f);
/* ... of every field and custom field? */
int crm_record_same(const struct crm_record *a, const struct crm_record *b);

/* After the fields: the required ones (a bit per field), the keys, and
 * the entity's own rules. *bad gets the field an error is about. */
int crm_record_finish(struct crm_record *r, unsigned long long required,
    const char **bad, struct crm_err *e);

/* The custom fields as a JSON object (NULL when there are none). */
char *crm_record_extra_json(const struct crm_record *r);
/* A value as the audit trail and the writers show it (tags with ';');
 * the caller frees it. */
char *crm_record_show(const struct crm_record *r, int f);

/* Tags: the list (sep-separated) folded, sorted, without repeats, joined
 * by \x1f into out. */
int crm_tags_norm(const char *list, char sep, struct crm_buf *out,
    struct crm_err *e);

/* The opposite of a yes/no word, as "1" or "0"; v itself when it is
 * none (its check then names it). */
const char *crm_record_bool_not(const char *v);

#endif
