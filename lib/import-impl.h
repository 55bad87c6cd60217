/* Shared by lib/customer-import*.c: the importer and its staging table
 * (temp.import_rows, one row per record read: seq, line, action, target,
 * reason, the masks given and have, refused, decided, visible, and the
 * record's fields and keys). */
#ifndef CRM_IMPORT_IMPL_H
#define CRM_IMPORT_IMPL_H

#include "customer-impl.h"
#include "crm/keyset.h"

/* A key whose fingerprint another key had first: kept exactly (they are
 * about one in 10^8), so that its later copies are still found. */
struct collision {
	int col;
	char *key;
	long seq;
};

struct importer {
	struct crm_session *s;
	const struct crm_import_opts *o;
	struct crm_in *in;
	struct crm_fieldmap map;
	unsigned char *map_seen;	/* a flag per --map pair */
	struct crm_keyset names, phones, ids;
	struct collision *coll;
	size_t ncoll;
	char **users;		/* active logins, sorted */
	size_t nusers;
	char **custom;		/* custom fields in use */
	size_t ncustom;
	unsigned required;	/* customer.required, a bit per field */
	struct crm_buf why;	/* the current record's problem */
	struct crm_buf refused;	/* why it may not be created as it is */
	unsigned given;		/* its fields that the input gave */
	unsigned have;		/* its fields with a value (owner defaults) */
	struct crm_buf raw;
	char **reject_cols;	/* the input's columns, for --rejects */
	size_t nreject_cols;
	long records;
	long held;		/* records staged with refused or missing */
	long long hidden;	/* duplicates of customers the user may not
				   see */
};

/* The field each column name maps to: a standard field (>= 0), a custom
 * field (COL_CUSTOM), a dropped column (COL_IGNORE). Kept for the last
 * list of names seen: a csv's header, or yaml records with the same
 * keys in the same order (each yaml record is mapped by its own keys). */
enum { COL_CUSTOM = -1, COL_IGNORE = -2 };

struct colmap {
	char **names;
	int *field;
	const char **key;	/* a custom field's name, as registered */
	size_t n;
	int fixed;		/* csv/tsv: every record has the header's names */
};

void import_colmap_free(struct colmap *m);
/* The users and custom fields an import checks columns and owners
 * against (after the field map is made). */
void import_read_init(struct importer *im);
/* Check and normalize a record into c. 0: good (it may still be one
 * that cannot be created as it is: im->have lacks a required field, or
 * im->refused says why; that matters only if it does not turn out to
 * update an existing customer); 1: bad, and im->why says why (c has the
 * id and keys it could make, for later copies of it); -1: the import
 * cannot go on (e). */
int import_take(struct importer *im, struct colmap *m,
    const struct crm_rec *rec, struct crm_record *c, struct crm_err *e);
/* Keep the record's values, in the order of the --rejects columns, in
 * im->raw. */
void import_keep_raw(struct importer *im, const struct crm_rec *rec);
/* After the last record: a --map column the file does not have. */
int import_map_check_end(struct importer *im, struct crm_err *e);

/* Decide what each staged record does against the database: duplicates
 * of existing customers (and whether the user may see them), records
 * that may not be created, update rights, pool.max_owned, and the
 * import.max_probe refusal (77). again: the database changed since the
 * last decision, which is undone first. */
int import_decide(struct importer *im, int again, struct crm_err *e);
/* Apply the update rows (inside the write transaction). */
int import_apply_updates(struct importer *im, struct crm_err *e);
/* Run sql with one optional text parameter. */
int import_exec(struct importer *im, const char *sql, const char *arg,
    struct crm_err *e);
/* The first column of sql's first row. */
int import_int(struct importer *im, const char *sql, long long *v,
    struct crm_err *e);

#endif
