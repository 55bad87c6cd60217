/* The entity layer: a descriptor per kind of record (customers, users,
 * and every entity after them), declared once as data — its table, its
 * fields with their kinds, aliases and flags, its duplicate keys — from
 * which the generic modules work: records (crm/record.h: parse, check,
 * normalize), storage with audit (crm/store.h), import, list and the
 * pool. The model is GNU recutils' record descriptors (%rec, %key,
 * %type, %mandatory): the shape of a record set is written once and every
 * tool obeys it.
 *
 * A new entity is its descriptor (a table of fields like the one in
 * lib/customer-entity.c), the hooks for rules of its own, and a verb
 * table; see lib/README. */
#ifndef CRM_ENTITY_H
#define CRM_ENTITY_H

#include <stddef.h>
#include "crm/buf.h"
#include "crm/err.h"
#include "crm/fieldmap.h"
#include "crm/rec.h"

/* The highest id a record may have or be given: 2^53 - 1, what a json
 * reader keeps exact. A new record whose next id would pass it gets the
 * highest free id below it (lib/store.c, lib/import-ids.c). */
#define CRM_ID_MAX 9007199254740991LL

/* What a field holds, and so how its values are checked and written. */
enum crm_kind {
	CRM_K_ID,	/* the record's number: a positive integer < 2^53 */
	CRM_K_TEXT,	/* one line, blanks around it trimmed */
	CRM_K_NOTE,	/* several lines, kept as typed */
	CRM_K_PHONE,	/* checked (crm/norm.h), kept as written */
	CRM_K_EMAIL,	/* one address */
	CRM_K_ENUM,	/* one of `values` ("A|B|C"), case folded */
	CRM_K_LOGIN,	/* a user (who may own records: crm_record_checks) */
	CRM_K_DATE,	/* YYYY-MM-DD, or what the clock module reads */
	CRM_K_TIME,	/* YYYY-MM-DDTHH:MM:SS */
	CRM_K_BOOL,	/* stored 1, and false as NULL (or 0: CRM_F_ZERO) */
	CRM_K_TAGS,	/* a set of words, folded, sorted, joined by \x1f */
	CRM_K_MONEY,	/* integer cents in the database */
	CRM_K_INT,	/* a whole number */
	CRM_K_KEY	/* the record's key when it is text: a login */
};

/* Field flags. */
enum {
	CRM_F_REQUIRED = 1 << 0,	/* every record has it */
	CRM_F_SYSTEM = 1 << 1,		/* crm keeps it (created_at ...):
					   an admin's --historical import
					   sets it */
	CRM_F_MANAGER = 1 << 2,		/* managers' and admins' verbs set it
					   (locked, lock_reason) */
	CRM_F_OWNER = 1 << 3,		/* who owns the record (its column
					   is `owner` in an entity with a
					   pool; any name without one) */
	CRM_F_POOL = 1 << 4,		/* the pool it is in, when no owner */
	CRM_F_SORT = 1 << 5,		/* list --sort takes it */
	CRM_F_SEARCH = 1 << 6,		/* list --search looks in it */
	CRM_F_TABLE = 1 << 7,		/* shown in a table view */
	CRM_F_OPTION = 1 << 8,		/* an option of add and edit */
	CRM_F_MASKED = 1 << 9,		/* masked in the pool for reps */
	CRM_F_LINES = 1 << 10,		/* text that may hold line ends */
	CRM_F_ZERO = 1 << 11,		/* BOOL: false is stored as 0 */
	CRM_F_UNAUDITED = 1 << 12,	/* not in the audit trail (a user's
					   created_at and updated_at) */
	CRM_F_FILTER = 1 << 13,		/* list --FIELD VALUE selects by it */
	CRM_F_MAIL = 1 << 14		/* goes into mail headers (a user's
					   name and email): crm/mail.h's
					   checks come first */
};

struct crm_field {
	const char *name;	/* the column and the csv/yaml/json key */
	/* header names, '|'-separated, or NULL; "!name" for a yes/no
	 * column that says the field's opposite (imports turn it round) */
	const char *aliases;
	enum crm_kind kind;
	unsigned flags;
	const char *values;	/* ENUM: "a|b|c"; another kind: how its
				   values complete ("@stage") */
	const char *option;	/* the option's name when not `name` */
	const char *arg;	/* the option's value in --help ("A-E") */
	const char *help;	/* the option's help */
};

/* A duplicate key: the normalized form of a field, kept in its own
 * column, for the 撞单 check and dupes. */
enum {
	CRM_KEY_DUP = 1 << 0,	/* two records with it are duplicates */
	CRM_KEY_NEAR = 1 << 1	/* a near-duplicate (dupes: "similar") */
};

struct crm_key {
	const char *column;	/* "name_key" */
	int field;		/* the field it is made from */
	/* append the key of value to out; 0, or -1 when value has none
	 * (an invalid phone has no key) */
	int (*make)(const char *value, struct crm_buf *out);
	const char *what;	/* "name", "phone": for messages */
	unsigned flags;
};

/* A field whose value is computed when read, not the column as stored:
 * sql is an expression over the record `c` (a contract's status is
 * "expired" once its end has passed). List, show, export, the filter
 * and the sort of the field use it; the row keeps what was decided. */
struct crm_derived {
	int field;
	const char *sql;
};

struct crm_record;
struct crm_session;
struct crm_pool_def;		/* crm/pool.h */
struct crm_import_def;		/* crm/import.h */
struct crm_list_def;		/* crm/list.h */
struct crm_undo_group;		/* crm/audit.h */

/* Who sees and changes what (data.md), for an entity whose records have
 * an owner and may be in a pool — columns `owner` and `pool` by these
 * names; an entity without a pool names its owner column as it likes:
 * the field flagged CRM_F_OWNER (crm/scope.h). */
struct crm_scope_def {
	unsigned see_all;	/* roles that see every record */
	unsigned change;	/* roles that change records in their scope */
};

/* Entity features. */
enum {
	CRM_E_EXTRA = 1 << 0,	/* custom fields in a JSON column `extra` */
	CRM_E_RUNS = 1 << 1	/* created_run and updated_run columns */
};

struct crm_entity {
	const char *name;	/* "customer": audit entity, subject type */
	const char *table;	/* "customers" */
	const struct crm_field *fields;
	size_t nfields;
	const struct crm_key *keys;
	size_t nkeys;
	unsigned features;
	int title;		/* the field that names a record in messages */
	const struct crm_scope_def *scope;	/* NULL: everyone sees all */
	const struct crm_pool_def *pool;	/* NULL: no pool */
	const struct crm_import_def *import;	/* NULL: no import */
	const struct crm_list_def *list;	/* its own list filters */
	const struct crm_derived *derived;	/* fields computed when read */
	size_t nderived;
	/* crm undo of one record's events of one run (crm/audit.h) */
	int (*undo)(struct crm_session *s, const struct crm_undo_group *g,
	    struct crm_err *e);
	/* a table of rows a run writes besides the events (a deal's stage
	 * history), with a column `run`: crm undo removes the run's; or
	 * NULL */
	const char *history;
	/* the duplicates a manager allowed: a table of (run, kind, grp,
	 * dupes_allowed_id), the rows of one (run, kind, grp) a group
	 * allowed to share the key whose what is kind; dupes leaves their
	 * pairs out. NULL: none. */
	const char *dupes_allowed;
	const char *dupes_allowed_id;
	const char *required_setting;	/* "customer.required", or NULL */
	/* Rules of its own after the fields are in (defaults, the pool of
	 * a record without an owner ...); *bad gets the field an error is
	 * about. NULL: none. */
	int (*finish)(struct crm_record *r, const char **bad,
	    struct crm_err *e);
	/* What a follow-up changes in the record besides its dates (a new
	 * lead becomes contacted). NULL: nothing. */
	void (*followed)(struct crm_record *r);
	/* Who may change a record beyond its scope, after
	 * crm_scope_may_change found them in it (an expense paid from an
	 * account is finance's): 0, or 77 naming why. NULL: the scope
	 * decides. */
	int (*may_change)(struct crm_session *s, const struct crm_record *r,
	    struct crm_err *e);
	/* A value of a field whose values complete from the database
	 * ("@stage") as a table shows it (a deal's stage key "qualify" by
	 * the team's label for it): 1, out holds it; 0, shown as it is.
	 * NULL: as they are. */
	int (*shown)(struct crm_session *s, int field, const char *in,
	    struct crm_buf *out);
};

/* The index of the field a name stands for (canonical, or an alias,
 * case-insensitively), or -1. */
int crm_entity_field(const struct crm_entity *ent, const char *name);
/* The same, and *negated 1 for a "!alias": a yes/no word for the
 * field's opposite (crm_record_bool_not turns a value round). */
int crm_entity_field_sign(const struct crm_entity *ent, const char *name,
    int *negated);
/* The first field with flag, or -1. */
int crm_entity_flagged(const struct crm_entity *ent, unsigned flag);
/* The output columns of the fields, in order (static storage, built
 * once per entity). */
const struct crm_col *crm_entity_cols(const struct crm_entity *ent);
/* The field definitions for crm/fieldmap.h (static storage). */
const struct crm_field_def *crm_entity_defs(const struct crm_entity *ent);

/* What a generic module derives from a descriptor (its built SQL), made
 * by make on first use and kept for the life of the process: one slot
 * per module. */
enum crm_entity_slot { CRM_SLOT_STORE, CRM_SLOT_SCOPE, CRM_SLOT_LIST,
	CRM_SLOT_IMPORT, CRM_SLOT_POOL, CRM_SLOT_DUPES, CRM_SLOT_BULK,
	CRM_SLOT_FIND, CRM_SLOT_NUMBER,
	CRM_NSLOTS };
void *crm_entity_cache(const struct crm_entity *ent, enum crm_entity_slot slot,
    void *(*make)(const struct crm_entity *ent));

#endif
