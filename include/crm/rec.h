/* Records: what the input readers yield and the output writers take, so
 * that a `list` piped into an `import` is the identity. A record is a row
 * of values under named columns. */
#ifndef CRM_REC_H
#define CRM_REC_H

#include <stddef.h>

enum crm_vtype {
	CRM_V_NULL,	/* empty csv field, yaml/json null */
	CRM_V_TEXT,	/* s: NUL-terminated UTF-8, len bytes */
	CRM_V_LIST	/* n items, each NUL-terminated, back to back in s */
};

struct crm_val {
	enum crm_vtype type;
	const char *s;
	size_t len;		/* TEXT: strlen(s); LIST: bytes of all items */
	size_t n;		/* LIST: number of items */
};

/* How a writer treats a column: right-aligned money in tables, numbers
 * unquoted in json, no formula-guard quote for money or phones. */
enum crm_ckind {
	CRM_COL_TEXT,
	CRM_COL_INT,
	CRM_COL_MONEY,
	CRM_COL_DATE,
	CRM_COL_TIME,
	CRM_COL_BOOL,
	CRM_COL_PHONE,
	CRM_COL_LIST
};

struct crm_col {
	const char *name;	/* canonical lower-case ASCII key */
	enum crm_ckind kind;
};

/* One input record. names and vals have n entries and stay valid until
 * the next read from the same reader. */
struct crm_rec {
	size_t n;
	const char *const *names;
	const struct crm_val *vals;
	long line;		/* the input line the record starts on */
};

static inline struct crm_val
crm_val_text(const char *s)
{
	struct crm_val v = { CRM_V_NULL, NULL, 0, 0 };
	size_t len = 0;

	if (s != NULL)
		while (s[len])
			len++;
	if (len > 0) {
		v.type = CRM_V_TEXT;
		v.s = s;
		v.len = len;
	}
	return v;
}

static inline struct crm_val
crm_val_null(void)
{
	struct crm_val v = { CRM_V_NULL, NULL, 0, 0 };

	return v;
}

/* The value of field `name` in rec, or NULL when it has no such field. */
const struct crm_val *crm_rec_get(const struct crm_rec *rec,
    const char *name);

#endif
