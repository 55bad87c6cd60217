/* Import and export of sales orders, one row per order line
 * (design/commands.md: number,date,customer,status,sku,qty,price,
 * discount), the shape of real exports. The rows of one order follow
 * each other and share its number; they are read as a stream, one order
 * at a time, so memory does not grow with the file. The columns are
 * mapped as every import maps them (crm/fieldmap.h: English and Chinese
 * names, --map), the file read by crm/in.h, bad rows told as FILE:LINE:
 * field 'x': why. See crm-order(1), import, for the rules. */
#ifndef CRM_ORDER_IMPORT_H
#define CRM_ORDER_IMPORT_H

#include <stdio.h>

#include "crm/in.h"
#include "crm/out.h"
#include "crm/rows.h"
#include "crm/session.h"

struct crm_order_import_opts {
	int partial;		/* commit the good orders, reject the bad */
	int create_customers;	/* add the customers that are not there */
	int create_products;	/* and the products */
	const char *map;	/* --map */
	const char *terms;	/* a payment plan for each order not
				   cancelled ("30%:0,70%:30"), or NULL */
	FILE *rejects;		/* with partial: the rows of bad orders */
	enum crm_fmt rejects_fmt;	/* and their format */
};

struct crm_order_import_result {
	long rows, orders, lines, rejected;	/* rejected: orders */
	long customers, products;		/* created */
	long long total;			/* cents, of the orders in */
};

/* Import the orders of in: all or nothing (-1 and e, 65, when an order
 * was rejected), or with o->partial the good ones (0, r->rejected says
 * how many were not); a dry run (s->dry_run) decides everything and
 * rolls back. */
int crm_order_import(struct crm_session *s, struct crm_in *in,
    const struct crm_order_import_opts *o, struct crm_order_import_result *r,
    struct crm_err *e);

/* The lines of the orders the user sees, one row per line, in the
 * columns the import reads (and the order's owner, terms, deliver_by
 * and note, which it reads too). */
struct crm_rows *crm_order_export(struct crm_session *s, struct crm_err *e);

/* crm undo of an import's numbers: each year's counter back to what it
 * was before the run (refused when later adds took numbers after it). */
int order_import_undo(struct crm_session *s, const char *old,
    const char *now, struct crm_err *e);

#endif
