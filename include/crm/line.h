/* Priced lines of products (design/commands.md "crm-order"), as quotes
 * and orders hold them: "SKU:QTY[:PRICE[:DISCOUNT%]]" read against the
 * catalogue, and their exact money. A line keeps the sku, name and
 * price it was made with: a later change of the catalogue does not
 * change a quote or an order. */
#ifndef CRM_LINE_H
#define CRM_LINE_H

#include <stddef.h>
#include <stdint.h>

#include "crm/rows.h"
#include "crm/session.h"

/* One line as it is quoted or ordered. */
struct crm_line {
	long long product;
	char *sku, *name;
	long long qty;
	int64_t price, amount;	/* cents */
	int discount;		/* hundredths of a percent */
	/* what the line takes off the catalogue's price, in hundredths
	 * of a percent, rounded up: its discount, or the cut of a price
	 * typed below the catalogue's if larger (quote approval) */
	int cut;
};

/* What the lines make: the sum before the discounts (gross), after
 * them (total), and the largest cut (a discount, or a price below the
 * catalogue's). */
struct crm_line_sum {
	int64_t gross, total;
	int max_discount;
};

/* The records lines belong to: their table, and their words. */
enum crm_line_of { CRM_LINES_QUOTE, CRM_LINES_ORDER };

/* One line's money, exact: amount = qty × price × (1 − discount), with
 * discount in hundredths of a percent, rounded half-up to the cent.
 * -1 (65) when it does not fit. */
int crm_line_amount(long long qty, int64_t price, int discount,
    int64_t *amount, struct crm_err *e);
/* "12", "12.5", "12.50%" → 1250: a percent from 0 to 100 with two
 * decimals at most, in hundredths; -1 (nothing said) if it is not. */
int crm_percent_parse(const char *s, int *out);

/* Read and price the n lines specs ("SKU:QTY[:PRICE[:DISCOUNT%]]"; the
 * price defaults to the catalogue's) into l (n zeroed lines) and their
 * sum; a bad, unknown or retired line is refused naming it. */
int crm_lines_read(struct crm_session *s, enum crm_line_of of,
    const char *const *specs, size_t n, struct crm_line *l,
    struct crm_line_sum *sum, struct crm_err *e);
/* The same check of a line made elsewhere (a quote's, to be ordered):
 * its product is still on sale. */
int crm_line_on_sale(struct crm_session *s, enum crm_line_of of,
    long long product, struct crm_err *e);
/* Write the lines of quote or order id, numbered from 1. */
int crm_lines_insert(struct crm_session *s, enum crm_line_of of,
    long long id, const struct crm_line *l, size_t n, struct crm_err *e);
void crm_lines_free(struct crm_line *l, size_t n);
/* The lines of quote or order id, one the user sees, then rows of the
 * gross, the discount and the total; an order's with what has shipped
 * of each line. */
struct crm_rows *crm_lines_rows(struct crm_session *s, enum crm_line_of of,
    long long id, struct crm_err *e);

#endif
