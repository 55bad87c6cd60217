/* Priced lines of quotes and orders (crm/line.h): reading
 * "SKU:QTY[:PRICE[:DISCOUNT%]]" against the catalogue, the exact money
 * of a line, writing the lines of a record and showing them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "crm/line.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/order.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

#define MAX_QTY 1000000000LL

int
crm_line_amount(long long qty, int64_t price, int discount,
    int64_t *amount, struct crm_err *e)
{
	int64_t gross, scaled;

	/* (gross × (10000 − d) + 5000) / 10000: half-up, in integers */
	if (__builtin_mul_overflow(qty, price, &gross) ||
	    __builtin_mul_overflow(gross, (int64_t)(10000 - discount),
	    &scaled) || scaled > INT64_MAX - 5000)
		return crm_err_set(e, CRM_EX_DATAERR, "the amount is too "
		    "large");
	*amount = (scaled + 5000) / 10000;
	return 0;
}

int
crm_percent_parse(const char *s, int *out)
{
	long v = 0;
	int dec = -1;
	const char *p;

	for (p = s; *p && *p != '%'; p++) {
		if (*p == '.' && dec < 0 && p > s) {
			dec = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p) || dec >= 2 || v > 10000)
			break;
		v = v * 10 + (*p - '0');
		if (dec >= 0)
			dec++;
	}
	for (dec = dec < 0 ? 0 : dec; dec < 2 && v <= 10000; dec++)
		v *= 10;
	if (p == s || (*p == '%' ? p[1] != '\0' : *p != '\0') || v > 10000)
		return -1;
	*out = (int)v;
	return 0;
}

static int
qty_parse(const char *s, long long *out, struct crm_err *e)
{
	long long v = 0;
	const char *p;

	for (p = s; isdigit((unsigned char)*p) && v <= MAX_QTY; p++)
		v = v * 10 + (*p - '0');
	if (p == s || *p != '\0' || v < 1 || v > MAX_QTY)
		return crm_err_set(e, CRM_EX_DATAERR, "quantity '%s' is not a "
		    "whole number from 1 to %lld", s, MAX_QTY);
	*out = v;
	return 0;
}

static int
retired(const struct crm_record *p, enum crm_line_of of, struct crm_err *e)
{
	if (of == CRM_LINES_QUOTE)
		return crm_err_set(e, CRM_EX_DATAERR, "product %s '%s' is "
		    "retired (下架) and cannot be quoted", p->f[CRM_PF_SKU],
		    p->f[CRM_PF_NAME]);
	return crm_err_set(e, CRM_EX_DATAERR, "product %s '%s' is retired "
	    "(下架) and cannot be ordered", p->f[CRM_PF_SKU],
	    p->f[CRM_PF_NAME]);
}

/* The product of a line, on sale (else -1), loaded into p. */
static int
load_on_sale(struct crm_session *s, enum crm_line_of of, long long product,
    struct crm_record *p, struct crm_err *e)
{
	/* crm_store_load initializes p in any case */
	if (crm_store_load(s, &crm_product_entity, product, p, e) < 0)
		return -1;
	if (p->f[CRM_PF_ACTIVE] && strcmp(p->f[CRM_PF_ACTIVE], "0") == 0)
		return retired(p, of, e);
	return 0;
}

int
crm_line_on_sale(struct crm_session *s, enum crm_line_of of,
    long long product, struct crm_err *e)
{
	struct crm_record p;
	int rc = load_on_sale(s, of, product, &p, e);

	crm_record_free(&p);
	return rc;
}

/* The product of a line: on sale, and its price unless the line has
 * one; *list the catalogue's price. */
static int
line_product(struct crm_session *s, enum crm_line_of of, const char *sku,
    struct crm_line *l, int priced, int64_t *list, struct crm_err *e)
{
	struct crm_record p;
	int rc = -1;

	if (crm_product_find(s, sku, &l->product, e) < 0)
		return -1;
	if (load_on_sale(s, of, l->product, &p, e) == 0) {
		l->sku = crm_xstrdup(p.f[CRM_PF_SKU]);
		l->name = crm_xstrdup(p.f[CRM_PF_NAME]);
		*list = strtoll(p.f[CRM_PF_PRICE], NULL, 10);
		if (!priced)
			l->price = *list;
		rc = 0;
	}
	crm_record_free(&p);
	return rc;
}

/* The line's cut: its discount, and a price typed below the
 * catalogue's is a discount too: what the price and discount together
 * take off the catalogue's price, rounded up so that any cut counts
 * (0.01 for 100000.00 is 100.00). Measured on the unit prices, so that
 * the rounding of an amount to the cent never adds to it. */
static void
line_cut(struct crm_line *l, int64_t list)
{
	__int128 left;

	l->cut = l->discount;
	if (l->price >= list)
		return;
	left = (__int128)l->price * (10000 - l->discount);
	l->cut = (int)(((__int128)list * 10000 - left + list - 1) / list);
}

/* SKU:QTY[:PRICE[:DISCOUNT%]] */
static int
line_parse(struct crm_session *s, enum crm_line_of of, const char *spec,
    struct crm_line *l, struct crm_err *e)
{
	char *copy = crm_xstrdup(spec), *part[4] = { copy, NULL, NULL, NULL };
	int n = 1, rc = -1;
	int64_t list = 0;

	for (char *p = copy; *p && n < 4; p++)
		if (*p == ':') {
			*p = '\0';
			part[n++] = p + 1;
		}
	if (n < 2 || *part[0] == '\0')
		crm_err_set(e, CRM_EX_USAGE, "a line is SKU:QTY[:PRICE"
		    "[:DISCOUNT%%]]");
	else if (qty_parse(part[1], &l->qty, e) < 0)
		;
	else if (part[2] && *part[2] && (crm_money_parse(part[2], &l->price,
	    e) < 0 || (l->price < 0 && crm_err_set(e, CRM_EX_DATAERR,
	    "price '%s' is negative", part[2]))))
		;
	else if (part[3] && crm_percent_parse(part[3], &l->discount) < 0)
		crm_err_set(e, CRM_EX_DATAERR, "discount '%s' is not a "
		    "percent from 0 to 100 (two decimals at most)", part[3]);
	else if (line_product(s, of, part[0], l, part[2] && *part[2], &list,
	    e) == 0 && (rc = crm_line_amount(l->qty, l->price, l->discount,
	    &l->amount, e)) == 0)
		line_cut(l, list);
	free(copy);
	return rc;
}

int
crm_lines_read(struct crm_session *s, enum crm_line_of of,
    const char *const *specs, size_t n, struct crm_line *l,
    struct crm_line_sum *sum, struct crm_err *e)
{
	int64_t g;

	memset(sum, 0, sizeof(*sum));
	if (n == 0)
		return of == CRM_LINES_QUOTE ? crm_err_set(e, CRM_EX_USAGE,
		    "a quote needs at least one --line SKU:QTY") :
		    crm_err_set(e, CRM_EX_USAGE, "an order needs at least one "
		    "--line SKU:QTY");
	for (size_t i = 0; i < n; i++) {
		if (line_parse(s, of, specs[i], &l[i], e) < 0)
			return crm_err_prefix(e, "--line %zu '%s'", i + 1,
			    specs[i]);
		if (__builtin_mul_overflow(l[i].qty, l[i].price, &g) ||
		    __builtin_add_overflow(sum->gross, g, &sum->gross) ||
		    __builtin_add_overflow(sum->total, l[i].amount,
		    &sum->total))
			return crm_err_set(e, CRM_EX_DATAERR, "the total is "
			    "too large");
		if (l[i].cut > sum->max_discount)
			sum->max_discount = l[i].cut;
	}
	return 0;
}

static const char *const sql_insert[] = {
	[CRM_LINES_QUOTE] = "INSERT INTO quote_lines (quote_id, line, "
	    "product_id, sku, name, qty, price, discount, amount) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[CRM_LINES_ORDER] = "INSERT INTO order_lines (order_id, line, "
	    "product_id, sku, name, qty, price, discount, amount) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
};

int
crm_lines_insert(struct crm_session *s, enum crm_line_of of, long long id,
    const struct crm_line *l, size_t n, struct crm_err *e)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_insert[of], e);

		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (long long)i + 1);
		sqlite3_bind_int64(st, 3, l[i].product);
		crm_db_bind_text(st, 4, l[i].sku);
		crm_db_bind_text(st, 5, l[i].name);
		sqlite3_bind_int64(st, 6, l[i].qty);
		sqlite3_bind_int64(st, 7, l[i].price);
		sqlite3_bind_int(st, 8, l[i].discount);
		sqlite3_bind_int64(st, 9, l[i].amount);
		if (crm_db_done(s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

void
crm_lines_free(struct crm_line *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].sku);
		free(l[i].name);
	}
	free(l);
}

/* The lines, then the gross, the discount and the total; an order's
 * with what has shipped of each. */
static const char *const sql_rows[] = {
	[CRM_LINES_QUOTE] = "SELECT line, sku, name, qty, crm_money(price), "
	"crm_money(discount), crm_money(amount) FROM ("
	"SELECT line, sku, name, qty, price, discount, amount, 0 AS k "
	"FROM quote_lines WHERE quote_id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?2, NULL, NULL, NULL, gross, 1 "
	"FROM quotes WHERE id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?3, NULL, NULL, NULL, gross - total, 2 "
	"FROM quotes WHERE id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?4, NULL, NULL, NULL, total, 3 "
	"FROM quotes WHERE id = ?1) ORDER BY k, line",
	[CRM_LINES_ORDER] = "SELECT line, sku, name, qty, crm_money(price), "
	"crm_money(discount), crm_money(amount), shipped FROM ("
	"SELECT line, sku, name, qty, price, discount, amount, shipped, 0 AS k "
	"FROM order_lines WHERE order_id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?2, NULL, NULL, NULL, g, NULL, 1 "
	"FROM (SELECT sum(qty * price) AS g FROM order_lines "
	"WHERE order_id = ?1) "
	"UNION ALL SELECT NULL, NULL, ?3, NULL, NULL, NULL, g - total, NULL, 2 "
	"FROM orders, (SELECT sum(qty * price) AS g FROM order_lines "
	"WHERE order_id = ?1) WHERE id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?4, NULL, NULL, NULL, total, NULL, 3 "
	"FROM orders WHERE id = ?1) ORDER BY k, line",
};
static const struct crm_col line_cols[] = {
	{ NC_("column", "line"), CRM_COL_INT },
	{ NC_("column", "sku"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "qty"), CRM_COL_INT },
	{ NC_("column", "price"), CRM_COL_MONEY },
	/* hundredths of a percent print as money does: 12.50 */
	{ NC_("column", "discount"), CRM_COL_MONEY },
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "shipped"), CRM_COL_INT },
};

struct crm_rows *
crm_lines_rows(struct crm_session *s, enum crm_line_of of, long long id,
    struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, of == CRM_LINES_QUOTE ? &crm_quote_entity :
	    &crm_order_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_rows[of], e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	crm_db_bind_text(st, 2, _("gross"));
	crm_db_bind_text(st, 3, _("discount"));
	crm_db_bind_text(st, 4, _("total"));
	return crm_rows_from_stmt(s->db, st, line_cols,
	    of == CRM_LINES_QUOTE ? 7 : 8, 0);
}
