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
	/* custom fields: the statement's last column holds key\x1evalue
	 * pairs joined by \x1f, spread over columns nbase.. */
	size_t nbase;
	struct crm_buf kv;
	/* projection: the columns shown, as indexes of cols */
	size_t *proj, nproj;
	struct crm_col *proj_cols;
	struct crm_val *proj_vals;
	/* columns shown through a function (crm_rows_map) */
	struct rows_map {
		size_t col;
		int (*fn)(void *arg, const char *in, struct crm_buf *out);
		void *arg;
		struct crm_buf out;
	} maps[CRM_ROWS_MAPS];
	size_t nmaps;
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
	r->nbase = ncols;
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
	if (r->proj != NULL) {
		*n = r->nproj;
		return r->proj_cols;
	}
	*n = r->ncols;
	return r->cols;
}

void
crm_rows_expand(struct crm_rows *r, char **names, size_t n)
{
	r->cols = crm_xrealloc(r->cols, (r->nbase + n) * sizeof(*r->cols));
	r->vals = crm_xrealloc(r->vals, (r->nbase + n) * sizeof(*r->vals));
	r->list_off = crm_xrealloc(r->list_off,
	    (r->nbase + n) * sizeof(*r->list_off));
	for (size_t i = 0; i < n; i++) {
		r->cols[r->nbase + i].name = r->own_names ?
		    crm_xstrdup(names[i]) : names[i];
		r->cols[r->nbase + i].kind = CRM_COL_TEXT;
	}
	r->ncols = r->nbase + n;
}

int
crm_rows_map(struct crm_rows *r, const char *col, const char *name,
    int (*fn)(void *arg, const char *in, struct crm_buf *out), void *arg,
    struct crm_err *e)
{
	size_t k = 0;

	while (k < r->ncols && strcmp(r->cols[k].name, col) != 0)
		k++;
	if (k == r->ncols)
		return crm_err_set(e, CRM_EX_USAGE, "no column '%s'", col);
	if (r->nmaps == CRM_ROWS_MAPS)
		return crm_err_set(e, CRM_EX_SOFTWARE, "too many mapped "
		    "columns");
	r->maps[r->nmaps].col = k;
	r->maps[r->nmaps].fn = fn;
	r->maps[r->nmaps++].arg = arg;
	if (r->own_names)
		free((char *)r->cols[k].name);
	r->cols[k].name = r->own_names ? crm_xstrdup(name) : name;
	r->cols[k].kind = CRM_COL_TEXT;
	return 0;
}

/* The values of the mapped columns, as their functions show them. */
static void
apply_maps(struct crm_rows *r)
{
	for (size_t i = 0; i < r->nmaps; i++) {
		struct rows_map *m = &r->maps[i];
		struct crm_val *v = &r->vals[m->col];

		if (v->type != CRM_V_TEXT)
			continue;
		crm_buf_reset(&m->out);
		if (m->fn(m->arg, v->s, &m->out) == 1) {
			*v = crm_val_text(crm_buf_str(&m->out));
			v->len = m->out.len;
		}
	}
}

int
crm_rows_project(struct crm_rows *r, const char *const *names, size_t n,
    struct crm_err *e)
{
	r->proj = crm_xcalloc(n, sizeof(*r->proj));
	r->proj_cols = crm_xcalloc(n, sizeof(*r->proj_cols));
	r->proj_vals = crm_xcalloc(n, sizeof(*r->proj_vals));
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		while (k < r->ncols && strcmp(r->cols[k].name, names[i]) != 0)
			k++;
		if (k == r->ncols)
			return crm_err_set(e, CRM_EX_USAGE, "no column '%s'",
			    names[i]);
		r->proj[i] = k;
		r->proj_cols[i] = r->cols[k];
	}
	r->nproj = n;
	return 0;
}

/* Spread the key\x1evalue pairs of the custom-fields column over their
 * columns. */
static void
expand_kv(struct crm_rows *r, const char *s, size_t len)
{
	char *p, *end;

	crm_buf_reset(&r->kv);
	crm_buf_add(&r->kv, s, len);
	p = r->kv.s;
	end = p + r->kv.len;
	while (p < end) {
		char *pair_end = memchr(p, '\x1f', (size_t)(end - p));
		char *sep;

		if (pair_end == NULL)
			pair_end = end;
		*pair_end = '\0';
		sep = strchr(p, '\x1e');
		if (sep != NULL) {
			*sep = '\0';
			for (size_t i = r->nbase; i < r->ncols; i++)
				if (strcmp(r->cols[i].name, p) == 0)
					r->vals[i] = crm_val_text(sep + 1);
		}
		p = pair_end + 1;
	}
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
		apply_maps(r);
		*vals = r->vals;
		if (r->proj != NULL) {
			for (size_t i = 0; i < r->nproj; i++)
				r->proj_vals[i] = r->vals[r->proj[i]];
			*vals = r->proj_vals;
		}
		return 1;
	}
	rc = crm_db_row(r->db, r->st, e);
	if (rc <= 0) {
		r->done = 1;
		return rc;
	}
	crm_buf_reset(&r->lists);
	for (size_t i = r->nbase; i < r->ncols; i++)
		r->vals[i] = crm_val_null();
	if (r->ncols > r->nbase) {
		const char *kv = crm_db_col_text(r->st, (int)r->nbase);

		if (kv != NULL)
			expand_kv(r, kv, (size_t)sqlite3_column_bytes(r->st,
			    (int)r->nbase));
	}
	for (size_t i = 0; i < r->nbase; i++) {
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
	for (size_t i = 0; i < r->nbase; i++)
		if (r->vals[i].type == CRM_V_LIST)
			r->vals[i].s = r->lists.s + r->list_off[i];
	apply_maps(r);
	*vals = r->vals;
	if (r->proj != NULL) {
		for (size_t i = 0; i < r->nproj; i++)
			r->proj_vals[i] = r->vals[r->proj[i]];
		*vals = r->proj_vals;
	}
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
	free(r->proj);
	free(r->proj_cols);
	free(r->proj_vals);
	for (size_t i = 0; i < r->nmaps; i++)
		crm_buf_free(&r->maps[i].out);
	crm_buf_free(&r->kv);
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

size_t
crm_rows_count(const struct crm_rows *r)
{
	return r ? r->mem_rows : 0;
}

void
crm_rows_rewind(struct crm_rows *r)
{
	r->mem_pos = 0;
	r->done = 0;
}
