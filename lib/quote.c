/* Quotes (报价单): adding one with its lines, the exact money of a line,
 * and the lines of a quote. Submission and approval are
 * lib/quote-approve.c's. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote-impl.h"
#include "crm/clock.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/deal.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/order.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

#define MAX_QTY 1000000000LL

/* One line as it is quoted: the catalogue's sku and name at the time. */
struct qline {
	long long product;
	char *sku, *name;
	long long qty;
	int64_t price, amount;
	int discount;		/* hundredths of a percent */
};

int
crm_quote_amount(long long qty, int64_t price, int discount,
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

/* "12", "12.5", "12.50%" → 1250: a percent from 0 to 100, two
 * decimals at most. */
static int
percent_parse(const char *s, int *out, struct crm_err *e)
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
		return crm_err_set(e, CRM_EX_DATAERR, "discount '%s' is not a "
		    "percent from 0 to 100 (two decimals at most)", s);
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

/* The product of a line: on sale, and its price unless the line has
 * one. */
static int
line_product(struct crm_session *s, const char *sku, struct qline *l,
    int priced, struct crm_err *e)
{
	struct crm_record p;
	int rc = -1;

	if (crm_product_find(s, sku, &l->product, e) < 0)
		return -1;
	/* crm_store_load initializes p in any case */
	if (crm_store_load(s, &crm_product_entity, l->product, &p, e) < 0)
		goto out;
	if (p.f[CRM_PF_ACTIVE] && strcmp(p.f[CRM_PF_ACTIVE], "0") == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "product %s '%s' is retired "
		    "(下架) and cannot be quoted", p.f[CRM_PF_SKU],
		    p.f[CRM_PF_NAME]);
		goto out;
	}
	l->sku = crm_xstrdup(p.f[CRM_PF_SKU]);
	l->name = crm_xstrdup(p.f[CRM_PF_NAME]);
	if (!priced)
		l->price = strtoll(p.f[CRM_PF_PRICE], NULL, 10);
	rc = 0;
out:
	crm_record_free(&p);
	return rc;
}

/* SKU:QTY[:PRICE[:DISCOUNT%]] */
static int
line_parse(struct crm_session *s, const char *spec, struct qline *l,
    struct crm_err *e)
{
	char *copy = crm_xstrdup(spec), *part[4] = { copy, NULL, NULL, NULL };
	int n = 1, rc = -1;

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
	else if (part[3] && percent_parse(part[3], &l->discount, e) < 0)
		;
	else if (line_product(s, part[0], l, part[2] && *part[2], e) == 0)
		rc = crm_quote_amount(l->qty, l->price, l->discount,
		    &l->amount, e);
	free(copy);
	return rc;
}

static const char sql_customer_owner[] =
	"SELECT owner FROM customers WHERE id = ?";
static const char sql_deal[] =
	"SELECT customer_id, owner FROM deals WHERE id = ?";

/* One text column of the row id selects: 1 (a copy in *out), 0, -1. */
static int
column_of(struct crm_session *s, const char *sql, long long id, int col,
    char **out, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *v = crm_db_col_text(st, col);

		*out = v ? crm_xstrdup(v) : NULL;
		sqlite3_reset(st);
	}
	return rc;
}

/* The quote's deal, if any, is one the user sees, of its customer; its
 * owner is the deal's, else the customer's, else (a customer in the
 * pool, whom a rep must claim first) the user's. */
static int
quote_owner(struct crm_session *s, struct crm_record *q, struct crm_err *e)
{
	long long cid = strtoll(q->f[CRM_QF_CUSTOMER], NULL, 10), did;
	char *dcust = NULL, *owner = NULL;
	int rc = -1;

	if (q->f[CRM_QF_DEAL]) {
		did = strtoll(q->f[CRM_QF_DEAL], NULL, 10);
		if (crm_scope_may_see(s, &crm_deal_entity, did, e) < 0 ||
		    column_of(s, sql_deal, did, 0, &dcust, e) < 0 ||
		    column_of(s, sql_deal, did, 1, &owner, e) < 0) {
			crm_err_prefix(e, "field 'deal_id'");
			goto out;
		}
		if (strtoll(dcust, NULL, 10) != cid) {
			crm_err_set(e, CRM_EX_DATAERR, "field 'deal_id': deal "
			    "%lld is not customer %lld's", did, cid);
			goto out;
		}
	} else if (column_of(s, sql_customer_owner, cid, 0, &owner, e) < 0) {
		goto out;
	} else if (owner == NULL && s->role == CRM_ROLE_REP) {
		crm_err_set(e, CRM_EX_NOPERM, "customer %lld is in the pool: "
		    "claim it first", cid);
		goto out;
	}
	crm_record_set(q, CRM_QF_OWNER, s->role == CRM_ROLE_REP || !owner ?
	    s->user : owner);
	rc = crm_scope_may_give(s, &crm_quote_entity, q->f[CRM_QF_OWNER], e);
out:
	free(dcust);
	free(owner);
	return rc;
}

/* The quote's fields from the input: its customer by id or name, among
 * those the user sees. */
static int
quote_fields(struct crm_session *s, struct crm_record *q,
    const struct crm_input *given, struct crm_err *e)
{
	struct crm_input in = *given;
	const char *bad;
	char idbuf[32];
	long long cid;

	if (quote_input_check(given, e) < 0)
		return -1;
	if (in.f[CRM_QF_CUSTOMER] == NULL || *in.f[CRM_QF_CUSTOMER] == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "a quote needs "
		    "--customer ID|NAME");
	if (crm_find(s, &crm_customer_entity, in.f[CRM_QF_CUSTOMER], &cid,
	    e) < 0)
		return crm_err_prefix(e, "field 'customer_id'");
	snprintf(idbuf, sizeof(idbuf), "%lld", cid);
	in.f[CRM_QF_CUSTOMER] = idbuf;
	if (crm_input_apply(q, &in, NULL, e) < 0)
		return -1;
	if (crm_record_finish(q, 1ull << CRM_QF_CUSTOMER, &bad, e) < 0)
		return bad ? crm_err_prefix(e, "field '%s'", bad) : -1;
	return 0;
}

static const char sql_line[] =
	"INSERT INTO quote_lines (quote_id, line, product_id, sku, name, qty, "
	"price, discount, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int
line_insert(struct crm_session *s, long long id, int n,
    const struct qline *l, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_line, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, n);
	sqlite3_bind_int64(st, 3, l->product);
	crm_db_bind_text(st, 4, l->sku);
	crm_db_bind_text(st, 5, l->name);
	sqlite3_bind_int64(st, 6, l->qty);
	sqlite3_bind_int64(st, 7, l->price);
	sqlite3_bind_int(st, 8, l->discount);
	sqlite3_bind_int64(st, 9, l->amount);
	return crm_db_done(s->db, st, e);
}

static void
set_cents(struct crm_record *q, int f, int64_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", (long long)v);
	crm_record_set(q, f, num);
}

/* Every line parsed and priced, and the totals they make. */
static int
lines_read(struct crm_session *s, struct crm_record *q,
    const char *const *specs, struct qline *l, size_t n, struct crm_err *e)
{
	int64_t gross = 0, total = 0, g;
	int most = 0;

	if (n == 0)
		return crm_err_set(e, CRM_EX_USAGE, "a quote needs at least "
		    "one --line SKU:QTY");
	for (size_t i = 0; i < n; i++) {
		if (line_parse(s, specs[i], &l[i], e) < 0)
			return crm_err_prefix(e, "--line %zu '%s'", i + 1,
			    specs[i]);
		if (__builtin_mul_overflow(l[i].qty, l[i].price, &g) ||
		    __builtin_add_overflow(gross, g, &gross) ||
		    __builtin_add_overflow(total, l[i].amount, &total))
			return crm_err_set(e, CRM_EX_DATAERR, "the total is "
			    "too large");
		if (l[i].discount > most)
			most = l[i].discount;
	}
	set_cents(q, CRM_QF_GROSS, gross);
	set_cents(q, CRM_QF_TOTAL, total);
	set_cents(q, CRM_QF_MAX_DISCOUNT, most);
	return 0;
}

static void
qlines_free(struct qline *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].sku);
		free(l[i].name);
	}
	free(l);
}

static int
add_locked(struct crm_session *s, const struct crm_input *in,
    const char *const *specs, struct qline *l, size_t n, long long *id,
    struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	struct crm_record q;
	int rc = -1;

	crm_now_text(now);
	crm_record_init(&q, &crm_quote_entity);
	if (crm_session_require(s, crm_quote_entity.scope->change,
	    _("add quotes"), e) < 0 || quote_fields(s, &q, in, e) < 0 ||
	    quote_valid_default(s, &q, e) < 0 ||
	    quote_owner(s, &q, e) < 0 || lines_read(s, &q, specs, l, n, e) < 0)
		goto out;
	crm_record_set(&q, CRM_QF_CREATED_AT, now);
	crm_record_set(&q, CRM_QF_UPDATED_AT, now);
	if (crm_store_insert(s, &q, e) < 0 ||
	    crm_store_audit(s, "create", NULL, &q, e) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (line_insert(s, q.id, (int)i + 1, &l[i], e) < 0)
			goto out;
	*id = q.id;
	rc = 0;
out:
	crm_record_free(&q);
	return rc;
}

int
crm_quote_add(struct crm_session *s, const struct crm_input *in,
    const char *const *lines, size_t nlines, long long *id,
    struct crm_err *e)
{
	struct qline *l = crm_xcalloc(nlines ? nlines : 1, sizeof(*l));
	int rc = -1;

	if (crm_session_begin(s, e) == 0) {
		rc = add_locked(s, in, lines, l, nlines, id, e);
		if (crm_session_end(s, rc == 0, e) < 0)
			rc = -1;
	}
	qlines_free(l, nlines);
	return rc;
}

/* The lines, then the gross, the discount and the total. */
static const char sql_lines[] =
	"SELECT line, sku, name, qty, crm_money(price), crm_money(discount), "
	"crm_money(amount) FROM ("
	"SELECT line, sku, name, qty, price, discount, amount, 0 AS k "
	"FROM quote_lines WHERE quote_id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?2, NULL, NULL, NULL, gross, 1 "
	"FROM quotes WHERE id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?3, NULL, NULL, NULL, gross - total, 2 "
	"FROM quotes WHERE id = ?1 "
	"UNION ALL SELECT NULL, NULL, ?4, NULL, NULL, NULL, total, 3 "
	"FROM quotes WHERE id = ?1) ORDER BY k, line";
static const struct crm_col line_cols[] = {
	{ NC_("column", "line"), CRM_COL_INT },
	{ NC_("column", "sku"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "qty"), CRM_COL_INT },
	{ NC_("column", "price"), CRM_COL_MONEY },
	/* hundredths of a percent print as money does: 12.50 */
	{ NC_("column", "discount"), CRM_COL_MONEY },
	{ NC_("column", "amount"), CRM_COL_MONEY },
};

struct crm_rows *
crm_quote_lines(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_quote_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_lines, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	crm_db_bind_text(st, 2, _("gross"));
	crm_db_bind_text(st, 3, _("discount"));
	crm_db_bind_text(st, 4, _("total"));
	return crm_rows_from_stmt(s->db, st, line_cols,
	    sizeof(line_cols) / sizeof(*line_cols), 0);
}

/* For quote edit (lib/quote-edit.c): add's rules again. */
int
quote_owner_set(struct crm_session *s, struct crm_record *q,
    struct crm_err *e)
{
	return quote_owner(s, q, e);
}

static const char sql_lines_clear[] =
	"DELETE FROM quote_lines WHERE quote_id = ?";

int
quote_lines_set(struct crm_session *s, struct crm_record *q,
    const char *const *specs, size_t n, struct crm_err *e)
{
	struct qline *l = crm_xcalloc(n ? n : 1, sizeof(*l));
	sqlite3_stmt *st;
	int rc = -1;

	if (lines_read(s, q, specs, l, n, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_lines_clear, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, q->id);
	if (crm_db_done(s->db, st, e) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (line_insert(s, q->id, (int)i + 1, &l[i], e) < 0)
			goto out;
	rc = 0;
out:
	qlines_free(l, n);
	return rc;
}

int
crm_quote_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_quote_entity, g, e);
}
