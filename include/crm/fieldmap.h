/* Header names to fields: canonical names, built-in aliases (English and
 * Chinese), and a user map (--map 'name=Company,phone=Tel' or --map
 * FILE.yaml with `name: Company` lines). Case-insensitive; surrounding
 * spaces ignored. */
#ifndef CRM_FIELDMAP_H
#define CRM_FIELDMAP_H

#include <stddef.h>
#include "crm/err.h"

struct crm_field_def {
	const char *name;	/* canonical: the csv/yaml/json key */
	const char *aliases;	/* "|"-separated, or NULL */
};

struct crm_fieldmap {
	const struct crm_field_def *defs;
	size_t ndefs;
	size_t nuser;
	char **user_from;	/* header names given by --map */
	int *user_to;		/* their field indexes */
};

/* user_map: NULL, "field=Header,…", or the path of a yaml file mapping
 * field names to header names. An unknown field name is 64. */
int crm_fieldmap_init(struct crm_fieldmap *m, const struct crm_field_def *defs,
    size_t ndefs, const char *user_map, struct crm_err *e);
/* The field a header name maps to, or -1. */
int crm_fieldmap_lookup(const struct crm_fieldmap *m, const char *header);
/* The same, and *negated 1 when the header is an alias written "!name"
 * in the descriptor: a yes/no column that says the opposite of the
 * field (discontinued, 下架 for a product's active). */
int crm_fieldmap_lookup_sign(const struct crm_fieldmap *m,
    const char *header, int *negated);
/* Which pair of the user map (0 .. nuser-1) names this header, or -1. */
int crm_fieldmap_user_pair(const struct crm_fieldmap *m, const char *header);
/* "login, name, role, …" (in the user's words between them, "、"): for
 * messages. */
void crm_fieldmap_names(const struct crm_fieldmap *m, char *out, size_t cap);
void crm_fieldmap_free(struct crm_fieldmap *m);
/* Are a and b the same column name, as headers are matched (case,
 * surrounding blanks and how words are joined aside)? */
int crm_fieldmap_same_header(const char *a, const char *b);

#endif
