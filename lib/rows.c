#include <stdlib.h>
#include <string.h>

#include "crm/rows.h"
#include "crm/buf.h"
#include "crm/db.h"
#include "crm/banned.h"

#define LIST_SEP '\x1f'

struct crm_rows {
	struct crm_db *db;
	sqlite3_stmt *st;
	int own_stmt;
	int own_names;
	struct crm_col *cols;
	size_t ncols;
	struct crm_val *vals;
	size_t *list_off;	/* where each list column's items start */
	struct crm_buf lists;	/* list items, NUL-separated */
	int done;
	/* memory rows: values kept as NUL-terminated copies */
	char **mem;		/* rows * ncols, NULL for null */
	size_t mem_rows, mem_cap, mem_pos;
};

static struct crm_rows *
rows_new(struct crm_db *db, sqlite3_stmt *st, const struct crm_col *cols,
    size_t ncols, int own_stmt, int copy_names)
{
	struct crm_rows *r = crm_xcalloc(1, sizeof(*r));

	r->db = db;
	r->st = st;
	r->own_stmt = own_stmt;
	r->own_names = copy_names;
	r->ncols = ncols;
	r->cols = crm_xcalloc(ncols, sizeof(*r->cols));
	memcpy(r->cols, cols, ncols * sizeof(*cols));
	if (copy_names)
		for (size_t i = 0; i < ncols; i++)
			r->cols[i].name = crm_xstrdup(cols[i].name);
	r->vals = crm_xcalloc(ncols, sizeof(*r->vals));
	r->list_off = crm_xcalloc(ncols, sizeof(*r->list_off));
	return r;
}

struct crm_rows *
crm_rows_from_stmt(struct crm_db *db, sqlite3_stmt *st,
    const struct crm_col *cols, size_t ncols, int own_stmt)
{
	return rows_new(db, st, cols, ncols, own_stmt, 0);
}

struct crm_rows *
crm_rows_from_stmt_dyn(struct crm_db *db, sqlite3_stmt *st,
    const struct crm_col *cols, size_t ncols, int own_stmt)
{
	return rows_new(db, st, cols, ncols, own_stmt, 1);
}

const struct crm_col *
crm_rows_cols(const struct crm_rows *r, size_t *n)
{
	*n = r->ncols;
	return r->cols;
}

/* Split a char(31)-joined list into NUL-separated items in r->lists;
 * returns the offset of the first item. */
static size_t
split_list(struct crm_rows *r, const char *s, size_t len, size_t *items)
{
	size_t start = r->lists.len;

	*items = 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == LIST_SEP) {
			crm_buf_addc(&r->lists, '\0');
			(*items)++;
		} else {
			crm_buf_addc(&r->lists, s[i]);
		}
	}
	crm_buf_addc(&r->lists, '\0');
	return start;
}

int
crm_rows_next(struct crm_rows *r, const struct crm_val **vals,
    struct crm_err *e)
{
	int rc;

	if (r->done)
		return 0;
	if (r->st == NULL) {
		if (r->mem_pos == r->mem_rows)
			return r->done = 1, 0;
		for (size_t i = 0; i < r->ncols; i++)
			r->vals[i] = crm_val_text(r->mem[r->mem_pos *
			    r->ncols + i]);
		r->mem_pos++;
		*vals = r->vals;
		return 1;
	}
	rc = crm_db_row(r->db, r->st, e);
	if (rc <= 0) {
		r->done = 1;
		return rc;
	}
	crm_buf_reset(&r->lists);
	for (size_t i = 0; i < r->ncols; i++) {
		struct crm_val *v = &r->vals[i];
		const char *s = crm_db_col_text(r->st, (int)i);
		size_t len = s ?
		    (size_t)sqlite3_column_bytes(r->st, (int)i) : 0;

		*v = crm_val_null();
		if (len == 0)
			continue;
		if (r->cols[i].kind == CRM_COL_LIST) {
			v->type = CRM_V_LIST;
			r->list_off[i] = split_list(r, s, len, &v->n);
			v->len = len;
		} else {
			v->type = CRM_V_TEXT;
			v->s = s;
			v->len = len;
		}
	}
	/* the arena may have moved while it grew: point into it now */
	for (size_t i = 0; i < r->ncols; i++)
		if (r->vals[i].type == CRM_V_LIST)
			r->vals[i].s = r->lists.s + r->list_off[i];
	*vals = r->vals;
	return 1;
}

void
crm_rows_close(struct crm_rows *r)
{
	if (r == NULL)
		return;
	if (r->st && r->own_stmt)
		sqlite3_finalize(r->st);
	else if (r->st)
		sqlite3_reset(r->st);
	for (size_t i = 0; i < r->mem_rows * r->ncols; i++)
		free(r->mem[i]);
	free(r->mem);
	if (r->own_names)
		for (size_t i = 0; i < r->ncols; i++)
			free((char *)r->cols[i].name);
	free(r->cols);
	free(r->vals);
	free(r->list_off);
	crm_buf_free(&r->lists);
	free(r);
}

struct crm_rows *
crm_rows_mem(const struct crm_col *cols, size_t ncols)
{
	return rows_new(NULL, NULL, cols, ncols, 0, 1);
}

void
crm_rows_mem_add(struct crm_rows *r, const struct crm_val *vals)
{
	if (r->mem_rows == r->mem_cap) {
		r->mem_cap = r->mem_cap ? r->mem_cap * 2 : 16;
		r->mem = crm_xrealloc(r->mem,
		    r->mem_cap * r->ncols * sizeof(char *));
	}
	for (size_t i = 0; i < r->ncols; i++)
		r->mem[r->mem_rows * r->ncols + i] =
		    vals[i].type == CRM_V_TEXT ? crm_xstrdup(vals[i].s) : NULL;
	r->mem_rows++;
}
