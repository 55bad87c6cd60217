/* A query's results as records for the writers: what every list, show
 * and log hands to cmd/. The library builds it from a statement and a
 * column list; cmd/ only reads it. */
#ifndef CRM_ROWS_H
#define CRM_ROWS_H

#include <sqlite3.h>
#include "crm/err.h"
#include "crm/rec.h"

struct crm_db;
struct crm_rows;

/* Columns of the result (valid until crm_rows_close). */
const struct crm_col *crm_rows_cols(const struct crm_rows *r, size_t *n);
/* The next row: 1 and *vals (ncols values, valid until the next call),
 * 0 at the end, -1 on error. */
int crm_rows_next(struct crm_rows *r, const struct crm_val **vals,
    struct crm_err *e);
void crm_rows_close(struct crm_rows *r);

/* For lib/: rows from a prepared (and bound) statement whose result
 * columns match cols one for one. A CRM_COL_LIST column holds its items
 * joined by char(31). cols are copied. With own_stmt the statement is
 * finalized on close, else reset (a cached one). */
struct crm_rows *crm_rows_from_stmt(struct crm_db *db, sqlite3_stmt *st,
    const struct crm_col *cols, size_t ncols, int own_stmt);
/* Column names are copied too, for columns made at run time. */
struct crm_rows *crm_rows_from_stmt_dyn(struct crm_db *db, sqlite3_stmt *st,
    const struct crm_col *cols, size_t ncols, int own_stmt);

/* For lib/: the statement has one more column than cols, holding custom
 * fields as key\x1evalue pairs joined by \x1f; they become the columns
 * names[0..n) (text), after the others. */
void crm_rows_expand(struct crm_rows *r, char **names, size_t n);
/* Show column col's values as fn makes them — 1: out holds the value
 * shown; 0: the value as it is — and name the column name (a record's
 * customer by name, not number, in a table). Before crm_rows_project;
 * at most CRM_ROWS_MAPS columns; 64 for an unknown column. */
#define CRM_ROWS_MAPS 6
struct crm_buf;
int crm_rows_map(struct crm_rows *r, const char *col, const char *name,
    int (*fn)(void *arg, const char *in, struct crm_buf *out), void *arg,
    struct crm_err *e);
/* Show only the named columns, in that order (64 for an unknown one). */
int crm_rows_project(struct crm_rows *r, const char *const *names, size_t n,
    struct crm_err *e);

/* Rows built in memory (results that are not one query): add rows of
 * ncols values (copied), then read them back with crm_rows_next. */
struct crm_rows *crm_rows_mem(const struct crm_col *cols, size_t ncols);
void crm_rows_mem_add(struct crm_rows *r, const struct crm_val *vals);
/* Read memory rows again from the first. */
void crm_rows_rewind(struct crm_rows *r);
/* How many rows memory rows hold. */
size_t crm_rows_count(const struct crm_rows *r);

#endif
