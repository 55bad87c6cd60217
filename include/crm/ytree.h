/* Small YAML documents as trees: setting values (`{A: 40}`), --map
 * files, crm config import. Same limits as the record reader: no
 * anchors or aliases, nesting at most 64 deep, at most 1 MiB. */
#ifndef CRM_YTREE_H
#define CRM_YTREE_H

#include <stdio.h>
#include "crm/buf.h"
#include "crm/err.h"

enum crm_ytype { CRM_Y_NULL, CRM_Y_SCALAR, CRM_Y_SEQ, CRM_Y_MAP };

struct crm_ynode {
	enum crm_ytype type;
	char *s;		/* scalar text */
	int quoted;		/* a quoted scalar is always text */
	size_t n;		/* items of a sequence or mapping */
	struct crm_ynode **items;	/* sequence items, mapping values */
	char **keys;		/* mapping keys */
	long line;
};

/* Parse one document; name is used in messages ("NAME:LINE: ..."). An
 * empty document is a CRM_Y_NULL node. Errors are 65 (78 is for the
 * caller to choose when the text is a setting). */
int crm_ytree_parse(const char *text, size_t len, const char *name,
    struct crm_ynode **out, struct crm_err *e);
/* Parse a file ("-": stdin). A missing file is 66. */
int crm_ytree_load(const char *path, struct crm_ynode **out,
    struct crm_err *e);
void crm_ytree_free(struct crm_ynode *n);

const struct crm_ynode *crm_ytree_get(const struct crm_ynode *map,
    const char *key);
/* A plain scalar that reads as an integer: 1 and *v, else 0. */
int crm_ytree_int(const struct crm_ynode *n, long long *v);
/* A plain scalar that reads as a boolean (true/false/yes/no/on/off). */
int crm_ytree_bool(const struct crm_ynode *n, int *v);

/* JSON text of a node: plain integers and booleans as such, every other
 * scalar as a string. */
void crm_ytree_json(const struct crm_ynode *n, struct crm_buf *out);
/* One-line YAML flow form: {A: 40, B: 20}, [name, phone]. */
void crm_ytree_flow(const struct crm_ynode *n, struct crm_buf *out);
/* A block-style YAML document of the mapping keys[i]: vals[i]. */
int crm_ytree_emit_map(FILE *fp, const char *const *keys,
    const struct crm_ynode *const *vals, size_t n, struct crm_err *e);

#endif
