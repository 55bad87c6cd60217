/* crm-order import: sales orders, one row per line, grouped by number
 * (crm/order-import.h). The generic importer (lib/import*.c) stages one
 * record per row; an order is a group of rows, so this importer streams
 * the groups itself and reuses what is common: the reader (crm/in.h),
 * the field map (crm/fieldmap.h), the finding of records by id or name
 * (crm/find.h), the lines' money (crm/line.h), the adds of customers and
 * products, and the run's bulk undo (created_run). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "order-impl.h"
#include "crm/customer.h"
#include "crm/fieldmap.h"
#include "crm/i18n.h"
#include "crm/find.h"
#include "crm/keyset.h"
#include "crm/line.h"
#include "crm/money.h"
#include "crm/norm.h"
#include "crm/out.h"
#include "crm/number.h"
#include "crm/order-import.h"
#include "scope-sql.h"
#include "crm/audit.h"
#include "crm/import.h"
#include "crm/scope.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/banned.h"

enum { OI_NUMBER, OI_DATE, OI_CUSTOMER, OI_STATUS, OI_SKU, OI_NAME, OI_QTY,
	OI_PRICE, OI_DISCOUNT, OI_OWNER, OI_DELIVER_BY, OI_AMOUNT, OI_N };

static const struct crm_field_def defs[OI_N] = {
	{ "number", "订单号|单号|订单编号|order number|order_no|order_id|"
	    "orderid|invoice_no|invoiceno" },
	{ "date", "日期|下单日期|订单日期|order date|order_date|orderdate|"
	    "invoice_date|invoicedate" },
	{ "customer", "客户|客户名称|客户ID|customer_id|customerid|"
	    "customer name" },
	{ "status", "状态|订单状态" },
	{ "sku", "型号|产品编号|货号|product_id|productid|product code|"
	    "stockcode|stock_code" },
	{ "name", "产品名称|产品|product|product name|product_name|"
	    "description" },
	{ "qty", "数量|quantity" },
	{ "price", "单价|unit_price|unitprice|unit price" },
	{ "discount", "折扣" },
	{ "owner", "负责人|销售" },
	{ "deliver_by", "交货日期|交期|required_date" },
	/* the line's amount, for a file without unit prices (Superstore's
	 * Sales): the price is made from it */
	{ "amount", "金额|销售额|小计|sales|line_total|line amount" },
};

static const char *const statuses[] = { "draft", "confirmed", "shipped",
	"delivered", "completed", "cancelled" };

/* A record met before (a customer or a product), by the key of its
 * name in the file: its id (0: none, the rows that name it are bad) and
 * what the orders take of it, so that a million lines ask the database
 * once per customer and product. */
struct known {
	char *key;
	long long id;
	char *owner;		/* a customer's, or NULL */
	char *sku, *name;	/* a product's */
	int64_t price;
	int active;
	char *why;		/* none: why (the first time's words) */
	int code;
};

struct seen {
	struct crm_keyset set;	/* key -> index + 1 */
	struct known *v;
	size_t n, cap;
};

/* One line of the order being read: its product (an index in the known
 * products). */
struct oline {
	size_t product;
	long long qty;
	int64_t price, amount;
	int discount;
};

struct oimp {
	struct crm_session *s;
	const struct crm_order_import_opts *o;
	struct crm_order_import_result *r;
	struct crm_in *in;
	int col[OI_N];		/* the column of each field, or -1 */
	struct seen cust, prod;
	struct seen badnum;	/* the number keys of rejected orders */
	struct crm_buf fmt;	/* order.number_format */
	int empty;		/* no orders before: numbers checked here */
	struct crm_keyset numbers;	/* their keys, of this file */
	struct crm_buf key;
	/* the order being read */
	struct crm_buf number, date, customer, status, owner, deliver;
	struct crm_buf owner_ok;	/* the last owner given, allowed */
	long line0;
	char now[CRM_TIME_LEN];		/* the orders' created_at */
	size_t cust_at;		/* its customer, in cust */
	struct oline *l;
	size_t nl, capl;
	int bad;		/* a row of it was bad */
	struct crm_buf why;	/* the first problem */
	/* --rejects: the order's rows as read (each value NUL-terminated,
	 * a row's start and line in at/lines), the file's columns, and
	 * the writer (made at the first reject) */
	struct crm_buf rows;
	size_t *at, nrows, caprows;
	long *lines;
	char **cols;
	size_t ncols;
	struct crm_out *out;
	struct crm_col *outcols;
	struct crm_buf px;		/* a line's price */
	long long counter[10000];	/* each year's highest, imported */
	long nseq[10000];		/* and how many of them */
	unsigned char touched[10000];
};

static void
seen_free(struct seen *n)
{
	for (size_t i = 0; i < n->n; i++) {
		free(n->v[i].key);
		free(n->v[i].owner);
		free(n->v[i].sku);
		free(n->v[i].name);
		free(n->v[i].why);
	}
	free(n->v);
	crm_keyset_free(&n->set);
}

/* The index of key in n, or -1 (then the caller adds it next). */
static long
seen_find(struct seen *n, const char *key)
{
	long at = crm_keyset_add(&n->set, key, strlen(key), (long)n->n + 1);

	if (at == 0)
		return -1;
	if (at <= (long)n->n && strcmp(n->v[at - 1].key, key) == 0)
		return at - 1;
	for (size_t i = 0; i < n->n; i++)	/* a fingerprint collision */
		if (strcmp(n->v[i].key, key) == 0)
			return (long)i;
	return -1;
}

static struct known *
seen_add(struct seen *n, const char *key)
{
	struct known *k;

	if (n->n == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 64;
		n->v = crm_xrealloc(n->v, n->cap * sizeof(*n->v));
	}
	k = &n->v[n->n++];
	memset(k, 0, sizeof(*k));
	k->key = crm_xstrdup(key);
	return k;
}

/* The row's problem: the first one, naming file, line and field. */
static int
bad_row(struct oimp *im, long line, int f, struct crm_err *e)
{
	if (!im->bad)
		crm_buf_addf(&im->why, "%s:%ld: field '%s': %s",
		    crm_in_name(im->in), line, defs[f].name, e->msg);
	im->bad = 1;
	crm_err_clear(e);
	return 0;
}

static const char sql_customer_owner[] =
	"SELECT owner FROM customers WHERE id = ?";

/* A customer by id or exact name, as the user sees them; one not there
 * is added with --create-customers. A rep imports only their own
 * customers' orders. */
static const char sql_customer_named[] =
	"SELECT id FROM customers WHERE name_key = ?1 LIMIT 2";

/* A name of digits only (another system's customer code, 11000) is a
 * name before it is an id: what export writes comes back to the same
 * customer. 1 found (one the user sees), 0 none, -1 an error. */
static int
customer_digits(struct oimp *im, const char *text, long long *id,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_customer_named, e);
	struct crm_buf key = { 0 };
	int rc, n = 0;

	if (st == NULL)
		return -1;
	crm_norm_name_key(text, &key);
	crm_db_bind_text(st, 1, crm_buf_str(&key));
	while ((rc = crm_db_row(im->s->db, st, e)) == 1 && ++n == 1)
		*id = sqlite3_column_int64(st, 0);
	if (rc == 1)
		sqlite3_reset(st);
	crm_buf_free(&key);
	if (rc < 0)
		return -1;
	if (n > 1)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is the name of "
		    "several customers (use their id)", text);
	if (n == 1 && crm_scope_may_see(im->s, &crm_customer_entity, *id,
	    e) == 0)
		return 1;
	crm_err_clear(e);
	/* else an id, if it is one the user sees */
	rc = crm_find_named(im->s, &crm_customer_entity, text, id, e);
	return rc < 0 && e->code == CRM_EX_DATAERR ? 0 : rc;
}

static int
customer_find(struct oimp *im, const char *text, struct known *k,
    struct crm_err *e)
{
	int rc = text[strspn(text, "0123456789")] == '\0' ?
	    customer_digits(im, text, &k->id, e) :
	    crm_find_named(im->s, &crm_customer_entity, text, &k->id, e);

	if (rc == 0 && im->o->create_customers) {
		struct crm_input in = { 0 };

		crm_err_clear(e);
		in.f[CRM_CF_NAME] = text;
		rc = crm_customer_add(im->s, &in, 0, &k->id, e) < 0 ? -1 : 1;
		im->r->customers += rc == 1;
	}
	if (rc == 1 && crm_db_texts_of(im->s->db, sql_customer_owner, k->id,
	    &k->owner, 1, e) < 0)
		rc = -1;
	if (rc == 1 && im->s->role == CRM_ROLE_REP && (k->owner == NULL ||
	    strcmp(k->owner, im->s->user) != 0))
		rc = crm_err_set(e, CRM_EX_NOPERM, "customer '%s' is not yours "
		    "(a rep imports the orders of their own customers)", text);
	if (rc != 1) {
		k->id = 0;
		k->why = crm_xstrdup(e->msg);
		k->code = e->code;
	}
	return rc == 1 ? 0 : -1;
}

static int
customer_id(struct oimp *im, const char *text, struct crm_err *e)
{
	long at;

	crm_buf_reset(&im->key);
	crm_norm_name(text, &im->key);
	if ((at = seen_find(&im->cust, crm_buf_str(&im->key))) < 0) {
		at = (long)im->cust.n;
		if (customer_find(im, text, seen_add(&im->cust,
		    crm_buf_str(&im->key)), e) < 0)
			return -1;
	}
	im->cust_at = (size_t)at;
	return im->cust.v[at].id > 0 ? 0 : crm_err_set(e,
	    im->cust.v[at].code, "%s", im->cust.v[at].why);
}

static const char sql_product_sku[] =
	"SELECT id, sku, name, price, active FROM products WHERE sku_key = ?1";
static const char sql_product_name[] =
	"SELECT id, sku, name, price, active FROM products WHERE name = ?1 "
	"ORDER BY active DESC, id LIMIT 1";

/* k from the product row of st: 0, or 1 when there is none. */
static int
product_row(struct crm_session *s, sqlite3_stmt *st, struct known *k,
    struct crm_err *e)
{
	int rc = crm_db_row(s->db, st, e);

	if (rc != 1)
		return rc < 0 ? -1 : 1;
	k->id = sqlite3_column_int64(st, 0);
	k->sku = crm_xstrdup(crm_db_col_text(st, 1));
	k->name = crm_xstrdup(crm_db_col_text(st, 2));
	k->price = sqlite3_column_int64(st, 3);
	k->active = sqlite3_column_int(st, 4);
	sqlite3_reset(st);
	return 0;
}

/* A product not there, added with --create-products: its sku, else its
 * name as the sku; the line's price as the catalogue's. */
static int
product_add(struct oimp *im, const char *sku, const char *name,
    const char *price, struct crm_err *e)
{
	struct crm_input in = { 0 };
	long long id;

	in.f[CRM_PF_SKU] = sku && *sku ? sku : name;
	in.f[CRM_PF_NAME] = name && *name ? name : sku;
	in.f[CRM_PF_PRICE] = price && *price ? price : "0";
	if (crm_product_add(im->s, &in, &id, e) < 0)
		return -1;
	im->r->products++;
	return 0;
}

static int
product_find(struct oimp *im, const char *sku, const char *name,
    const char *price, struct known *k, struct crm_err *e)
{
	const char *by = sku && *sku ? sku : name;
	const char *sql = sku && *sku ? sql_product_sku : sql_product_name;
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql, e);
	int rc;

	struct crm_buf key = { 0 };

	if (st == NULL)
		return -1;
	/* a sku by its key, as the catalogue makes it (crm-order(1)) */
	if (sku && *sku)
		crm_product_entity.keys[0].make(sku, &key);
	crm_db_bind_text(st, 1, sku && *sku ? crm_buf_str(&key) : by);
	rc = product_row(im->s, st, k, e);
	if (rc == 1 && im->o->create_products) {
		if (product_add(im, sku, name, price, e) < 0 ||
		    (st = crm_db_prepare(im->s->db, sql, e)) == NULL)
			rc = -1;
		else {
			crm_db_bind_text(st, 1, sku && *sku ?
			    crm_buf_str(&key) : by);
			rc = product_row(im->s, st, k, e);
		}
	}
	crm_buf_free(&key);
	if (rc == 1)
		return crm_err_set(e, CRM_EX_DATAERR, "no product '%s' (neither "
		    "a sku nor a product's name; --create-products adds it)",
		    by);
	return rc;
}

/* A product by sku (case-folded), else by its exact name, on sale. */
static int
product_of(struct oimp *im, const char *sku, const char *name,
    const char *price, struct oline *l, struct crm_err *e)
{
	const char *by = sku && *sku ? sku : name;
	struct known *k;
	long at;

	crm_buf_reset(&im->key);
	crm_buf_addc(&im->key, sku && *sku ? 's' : 'n');
	crm_buf_adds(&im->key, by);
	if ((at = seen_find(&im->prod, crm_buf_str(&im->key))) < 0) {
		at = (long)im->prod.n;
		k = seen_add(&im->prod, crm_buf_str(&im->key));
		if (product_find(im, sku, name, price, k, e) < 0) {
			k->id = 0;
			k->why = crm_xstrdup(e->msg);
			k->code = e->code;
			return -1;
		}
	}
	k = &im->prod.v[at];
	if (k->id == 0)
		return crm_err_set(e, k->code, "%s", k->why);
	if (!k->active)
		return crm_err_set(e, CRM_EX_DATAERR, "product %s is retired",
		    k->sku);
	l->product = (size_t)at;
	l->price = k->price;
	return 0;
}

/* A discount: "5" and "5%" are 5%; a fraction below 1 written "0.05"
 * (Northwind's order_details) is 5% too; "0.5%" is half a percent. */
static int
discount_parse(const char *v, int *out, struct crm_err *e)
{
	if (v[0] == '0' && v[1] == '.' && strchr(v, '%') == NULL) {
		long x = 0;
		int n = 0;

		for (const char *p = v + 2; *p; p++, n++)
			if (!isdigit((unsigned char)*p) || n >= 4)
				goto bad;
			else
				x = x * 10 + (*p - '0');
		for (; n < 4; n++)
			x *= 10;
		*out = (int)x;
		return 0;
	}
	if (crm_percent_parse(v, out) == 0)
		return 0;
bad:
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a discount (5 or "
	    "5%% is 5%%, and so is 0.05)", v);
}

/* A line's price from its amount (qty and discount read): the amount
 * may have more decimals than cents (16.448), as spreadsheets keep it;
 * the price is rounded to the cent, and the amount made again from it. */
static int
price_of_amount(const char *v, struct oline *l, struct crm_err *e)
{
	char *end;
	double a = strtod(v, &end), p;

	if (end == v || *end != '\0' || !(a >= 0 && a < 1e13))
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an amount",
		    v);
	if (l->discount >= 10000)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' at a discount of "
		    "100%% says no price", v);
	p = a * 100.0 / (double)l->qty / (1.0 - l->discount / 10000.0);
	l->price = (int64_t)(p + 0.5);
	return 0;
}

static int
qty_parse(const char *v, long long *out, struct crm_err *e)
{
	char *end;
	long long q = strtoll(v, &end, 10);

	if (!isdigit((unsigned char)*v) || *end != '\0' || q < 1 ||
	    q > 1000000000LL)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a quantity "
		    "(a whole number from 1)", v);
	*out = q;
	return 0;
}

static const char sql_taken[] =
	"SELECT created_run IS ?2 FROM orders WHERE number_key = ?1";
static const char sql_insert[] =
	"INSERT INTO orders (id, number, seq, customer_id, owner, status, "
	"order_date, deliver_by, total, created_at, updated_at, number_key, "
	"created_run, updated_run) VALUES (?12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?9, ?11, ?10, ?10)";
/* The number (its key in im->key) is new: not in the database, not
 * earlier in the file (0); or this import wrote it at an earlier line
 * (1). Into a table that had no orders, only a number
 * whose key's fingerprint was met before is looked for (crm/keyset.h). */
static int
number_new(struct oimp *im, const char *number, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc, ours;

	int met = crm_keyset_add(&im->numbers, im->key.s, im->key.len, 1) != 0;

	if (met && seen_find(&im->badnum, im->key.s) >= 0)
		return crm_err_set(e, CRM_EX_DATAERR, "order %s was rejected "
		    "at an earlier line", number);
	if (im->empty && !met)
		return 0;
	if ((st = crm_db_prepare(im->s->db, sql_taken, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, im->key.s);
	sqlite3_bind_int64(st, 2, im->s->run);
	if ((rc = crm_db_row(im->s->db, st, e)) != 1)
		return rc;
	ours = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return ours ? 1 : crm_err_set(e, CRM_EX_DATAERR, "an order numbered %s "
	    "exists already", number);
}

/* The order's header fields: its date, status and owner (given, else
 * the customer's, else the user). */
static int
order_head(struct oimp *im, crm_day *day, const char **status,
    const char **owner, struct crm_err *e)
{
	const char *st = crm_buf_str(&im->status);
	const struct known *c = &im->cust.v[im->cust_at];
	size_t i;

	if (crm_date_parse(crm_buf_str(&im->date), day, e) < 0)
		return crm_err_prefix(e, "field 'date'");
	for (i = 0; *st && i < sizeof(statuses) / sizeof(*statuses); i++)
		if (strcasecmp(st, statuses[i]) == 0)
			break;
	if (i == sizeof(statuses) / sizeof(*statuses))
		return crm_err_set(e, CRM_EX_DATAERR, "field 'status': '%s' is "
		    "not draft, confirmed, shipped, delivered, completed or "
		    "cancelled", st);
	*status = *st ? statuses[i] : "draft";
	if (im->owner.len == 0) {
		*owner = c->owner ? c->owner : im->s->user;
		return 0;
	}
	*owner = im->owner.s;
	if (strcmp(*owner, crm_buf_str(&im->owner_ok)) == 0)
		return 0;
	if (crm_scope_may_give(im->s, &crm_order_entity, *owner, e) < 0)
		return crm_err_prefix(e, "field 'owner'");
	crm_buf_reset(&im->owner_ok);
	crm_buf_adds(&im->owner_ok, *owner);
	return 0;
}

/* Is status one whose lines went out (all of them, as far as an import
 * knows: an order is shipped when anything shipped, and no shipment
 * says what)? */
static int
went_out(const char *status)
{
	return strcmp(status, "shipped") == 0 ||
	    strcmp(status, "delivered") == 0 ||
	    strcmp(status, "completed") == 0;
}

/* The insert of n lines at once (1 .. LINES_AT_ONCE): one statement
 * for the lines of an order, not one per line. Built once each (their
 * addresses are the statement cache's keys). */
#define LINES_AT_ONCE 8
static const char *
lines_sql(size_t n)
{
	static char *sql[LINES_AT_ONCE + 1];
	struct crm_buf b = { 0 };

	if (sql[n] != NULL)
		return sql[n];
	crm_buf_adds(&b, "INSERT INTO order_lines (order_id, line, product_id, "
	    "sku, name, qty, price, discount, amount, shipped) VALUES ");
	for (size_t i = 0; i < n; i++)
		crm_buf_adds(&b, i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" :
		    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sql[n] = crm_buf_detach(&b);
	return sql[n];
}

static int
lines_write(struct oimp *im, long long id, long long first,
    const char *status, struct crm_err *e)
{
	int out = went_out(status);

	for (size_t at = 0; at < im->nl; at += LINES_AT_ONCE) {
		size_t n = im->nl - at < LINES_AT_ONCE ? im->nl - at :
		    LINES_AT_ONCE;
		sqlite3_stmt *st = crm_db_prepare(im->s->db, lines_sql(n), e);

		if (st == NULL)
			return -1;
		for (size_t i = 0; i < n; i++) {
			const struct oline *l = &im->l[at + i];
			const struct known *p = &im->prod.v[l->product];
			int k = (int)i * 10;

			sqlite3_bind_int64(st, k + 1, id);
			sqlite3_bind_int64(st, k + 2, first + (long long)(at +
			    i) + 1);
			sqlite3_bind_int64(st, k + 3, p->id);
			crm_db_bind_text(st, k + 4, p->sku);
			crm_db_bind_text(st, k + 5, p->name);
			sqlite3_bind_int64(st, k + 6, l->qty);
			sqlite3_bind_int64(st, k + 7, l->price);
			sqlite3_bind_int(st, k + 8, l->discount);
			sqlite3_bind_int64(st, k + 9, l->amount);
			sqlite3_bind_int64(st, k + 10, out ? l->qty : 0);
		}
		if (crm_db_done(im->s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

static const char sql_ours[] =
	"SELECT id, customer_id, order_date, status, owner, (SELECT max(line) "
	"FROM order_lines WHERE order_id = orders.id) FROM orders WHERE "
	"number_key = ?1 AND created_run = ?2";
static const char sql_more[] =
	"UPDATE orders SET total = total + ?2 WHERE id = ?1";

/* Whether the order row st holds is the one the rows read now say. */
static int
same_order(sqlite3_stmt *st, long long cid, const char *date,
    const char *status, const char *owner)
{
	const char *o = crm_db_col_text(st, 4);

	return sqlite3_column_int64(st, 1) == cid &&
	    strcmp(crm_db_col_text(st, 2), date) == 0 &&
	    strcmp(crm_db_col_text(st, 3), status) == 0 &&
	    ((o == NULL && owner == NULL) || (o && owner &&
	    strcmp(o, owner) == 0));
}

/* More lines of an order this import wrote at an earlier line (a file
 * sorted by date, not by order): they join it when they say the same
 * customer, date, status and owner. -1 rejects them; -2 stops. */
static int
order_more(struct oimp *im, const char *number, struct crm_err *e)
{
	long long cid = im->cust.v[im->cust_at].id, id, last;
	const char *status = NULL, *owner = NULL;
	char date[CRM_DATE_LEN];
	int64_t total = 0;
	sqlite3_stmt *st;
	crm_day day;
	int same;

	if (order_head(im, &day, &status, &owner, e) < 0)
		return -1;
	crm_date_format(day, date);
	if ((st = crm_db_prepare(im->s->db, sql_ours, e)) == NULL)
		return -2;
	crm_db_bind_text(st, 1, im->key.s);
	sqlite3_bind_int64(st, 2, im->s->run);
	if (crm_db_row(im->s->db, st, e) != 1)
		return -2;
	id = sqlite3_column_int64(st, 0);
	last = sqlite3_column_int64(st, 5);
	same = same_order(st, cid, date, status, owner);
	sqlite3_reset(st);
	if (!same)
		return crm_err_set(e, CRM_EX_DATAERR, "order %s was read at an "
		    "earlier line with another customer, date, status or "
		    "owner", number);
	if (lines_write(im, id, last, status, e) < 0)
		return -2;
	for (size_t i = 0; i < im->nl; i++)
		total += im->l[i].amount;
	if ((st = crm_db_prepare(im->s->db, sql_more, e)) == NULL)
		return -2;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, total);
	if (crm_db_done(im->s->db, st, e) < 0)
		return -2;
	im->r->lines += (long)im->nl;
	im->r->total += total;
	return 0;
}

/* Write the order read (its rows were good): -1, 65 or 77, rejects it;
 * -2 the import cannot go on. */
static int
order_write(struct oimp *im, struct crm_err *e)
{
	long long cid = im->cust.v[im->cust_at].id;
	const char *number = crm_buf_str(&im->number);
	const char *status = NULL, *owner = NULL;
	char date[CRM_DATE_LEN], deliver[CRM_DATE_LEN];
	crm_day day, by;
	long long seq, id;
	int64_t total = 0;
	sqlite3_stmt *st;
	int y, m, d, rc;

	crm_buf_reset(&im->key);
	crm_norm_name(number, &im->key);
	if ((rc = number_new(im, number, e)) == 1)
		return order_more(im, number, e);
	if (rc != 0 || order_head(im, &day, &status, &owner, e) < 0)
		return -1;
	if (im->deliver.len > 0 && crm_date_parse(im->deliver.s, &by, e) < 0)
		return crm_err_prefix(e, "field 'deliver_by'");
	if (im->deliver.len > 0 && by < day)
		return crm_err_set(e, CRM_EX_DATAERR, "field 'deliver_by': %s is "
		    "before the order date", im->deliver.s);
	crm_day_to_ymd(day, &y, &m, &d);
	if ((seq = crm_number_counter("order.number_format", im->fmt.s, day,
	    number, e)) < 0)
		return -2;
	crm_date_format(day, date);
	for (size_t i = 0; i < im->nl; i++)
		total += im->l[i].amount;
	/* none (SQLite's next) unless that would pass CRM_ID_MAX */
	if (crm_store_new_id(im->s, &crm_order_entity, &id, e) < 0)
		return -1;
	if ((st = crm_db_prepare(im->s->db, sql_insert, e)) == NULL)
		return -1;
	if (id > 0)
		sqlite3_bind_int64(st, 12, id);
	crm_db_bind_text(st, 1, number);
	if (seq > 0)
		sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_int64(st, 3, cid);
	crm_db_bind_text(st, 4, owner);
	crm_db_bind_text(st, 5, status);
	crm_db_bind_text(st, 6, date);
	if (im->deliver.len > 0) {
		crm_date_format(by, deliver);
		crm_db_bind_text(st, 7, deliver);
	}
	sqlite3_bind_int64(st, 8, total);
	crm_db_bind_text(st, 9, im->now);
	sqlite3_bind_int64(st, 10, im->s->run);
	crm_db_bind_text(st, 11, im->key.s);
	/* its id as the connection's last (RETURNING would write a
	 * statement journal for each order) */
	if (crm_db_done(im->s->db, st, e) < 0)
		return -2;
	id = sqlite3_last_insert_rowid(crm_db_sqlite(im->s->db));
	if (lines_write(im, id, 0, status, e) < 0)
		return -2;
	if (seq > 0 && y >= 1 && y < 10000) {
		im->touched[y] = 1;
		if (seq > im->counter[y])
			im->counter[y] = seq;
		im->nseq[y]++;
	}
	im->r->orders++;
	im->r->lines += (long)im->nl;
	im->r->total += total;
	return 0;
}

static void
lines_clear(struct oimp *im)
{
	im->nl = 0;
}

/* --rejects: the columns of the file (its first record's names). */
static void
rejects_cols(struct oimp *im, const struct crm_rec *rec)
{
	im->ncols = rec->n;
	im->cols = crm_xcalloc(rec->n + 1, sizeof(*im->cols));
	for (size_t i = 0; i < rec->n; i++)
		im->cols[i] = crm_xstrdup(rec->names[i]);
}

/* Keep the row as read, for --rejects should its order be rejected. */
static void
row_keep(struct oimp *im, const struct crm_rec *rec)
{
	if (im->cols == NULL)
		rejects_cols(im, rec);
	if (im->nrows == im->caprows) {
		im->caprows = im->caprows ? im->caprows * 2 : 16;
		im->at = crm_xrealloc(im->at, im->caprows * sizeof(*im->at));
		im->lines = crm_xrealloc(im->lines, im->caprows *
		    sizeof(*im->lines));
	}
	im->at[im->nrows] = im->rows.len;
	im->lines[im->nrows++] = rec->line;
	for (size_t i = 0; i < im->ncols; i++) {
		if (i < rec->n && rec->vals[i].type == CRM_V_TEXT)
			crm_buf_add(&im->rows, rec->vals[i].s, rec->vals[i].len);
		crm_buf_addc(&im->rows, '\0');
	}
}

/* The rows of the rejected order into the rejects file: the file's
 * columns, then line and reason. */
static int
rejects_write(struct oimp *im, struct crm_err *e)
{
	struct crm_val *vals = crm_xcalloc(im->ncols + 2, sizeof(*vals));
	char line[32];
	int rc = 0;

	if (im->out == NULL) {
		struct crm_col *cols = crm_xcalloc(im->ncols + 2,
		    sizeof(*cols));

		for (size_t i = 0; i < im->ncols; i++)
			cols[i] = (struct crm_col){ im->cols[i], CRM_COL_TEXT };
		cols[im->ncols] = (struct crm_col){ "line", CRM_COL_INT };
		cols[im->ncols + 1] = (struct crm_col){ "reason",
		    CRM_COL_TEXT };
		im->outcols = cols;	/* the writer reads them till its end */
		im->out = crm_out_new(im->o->rejects, im->o->rejects_fmt, cols,
		    im->ncols + 2, 0, 0);
	}
	for (size_t r = 0; rc == 0 && r < im->nrows; r++) {
		const char *p = im->rows.s + im->at[r];

		for (size_t i = 0; i < im->ncols; i++, p += strlen(p) + 1)
			vals[i] = crm_val_text(p);
		snprintf(line, sizeof(line), "%ld", im->lines[r]);
		vals[im->ncols] = crm_val_text(line);
		vals[im->ncols + 1] = crm_val_text(im->why.s);
		rc = crm_out_row(im->out, vals, e);
	}
	free(vals);
	return rc;
}

/* The order read so far is done: written, or rejected (told through
 * the report). -1: the import cannot go on. */
static int
order_end(struct oimp *im, struct crm_err *e)
{
	int rc = 0;

	if (im->number.len == 0)
		return 0;
	if (!im->bad && (rc = order_write(im, e)) < 0) {
		if (rc == -2 || (e->code != CRM_EX_DATAERR &&
		    e->code != CRM_EX_NOPERM))
			return -1;
		crm_buf_addf(&im->why, "%s:%ld: order %s: %s",
		    crm_in_name(im->in), im->line0, im->number.s, e->msg);
		crm_err_clear(e);
		im->bad = 1;
	}
	if (im->bad) {
		/* its number, for a later order of it */
		crm_buf_reset(&im->key);
		crm_norm_name(im->number.s, &im->key);
		crm_keyset_add(&im->numbers, im->key.s, im->key.len, 1);
		if (seen_find(&im->badnum, im->key.s) < 0)
			seen_add(&im->badnum, im->key.s);
		im->r->rejected++;
		crm_report(im->s->report, "%s", im->why.s);
		if (im->nrows > 0 && rejects_write(im, e) < 0)
			return -1;
	}
	lines_clear(im);
	crm_buf_reset(&im->why);
	crm_buf_reset(&im->rows);
	im->nrows = 0;
	crm_buf_reset(&im->number);
	im->bad = 0;
	return 0;
}

/* The value of field f in rec, trimmed ("" when none), into b. */
static const char *
value(struct oimp *im, const struct crm_rec *rec, int f, struct crm_buf *b)
{
	const char *v;
	size_t n;

	crm_buf_reset(b);
	if (im->col[f] < 0 || (size_t)im->col[f] >= rec->n ||
	    rec->vals[im->col[f]].type != CRM_V_TEXT)
		return crm_buf_str(b);
	v = rec->vals[im->col[f]].s;
	v += strspn(v, " \t");
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
	    v[n - 1] == '\r'))
		n--;
	crm_buf_add(b, v, n);
	return crm_buf_str(b);
}

/* The columns of rec's names: each field's (the first column of it). */
static int
columns(struct oimp *im, const struct crm_rec *rec, struct crm_fieldmap *m,
    struct crm_err *e)
{
	for (int f = 0; f < OI_N; f++)
		im->col[f] = -1;
	for (size_t i = 0; i < rec->n; i++) {
		int f = crm_fieldmap_lookup(m, rec->names[i]);

		if (f >= 0 && im->col[f] < 0)
			im->col[f] = (int)i;
	}
	if (im->col[OI_NUMBER] < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "%s: no column of order "
		    "numbers (number, 订单号): the rows cannot be grouped into "
		    "orders (--map number=COLUMN names one)", crm_in_name(im->in));
	if (im->col[OI_SKU] < 0 && im->col[OI_NAME] < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "%s: no column of "
		    "products (sku, 型号, or name, 产品名称)",
		    crm_in_name(im->in));
	for (int f = OI_DATE; f <= OI_QTY; f++)
		if (im->col[f] < 0 && f != OI_STATUS && f != OI_SKU &&
		    f != OI_NAME)
			return crm_err_set(e, CRM_EX_DATAERR, "%s: no column "
			    "'%s'", crm_in_name(im->in), defs[f].name);
	return 0;
}

/* A new order starts at rec: its header from its first row. */
static int
order_start(struct oimp *im, const struct crm_rec *rec, struct crm_buf *v,
    struct crm_err *e)
{
	crm_buf_adds(&im->number, value(im, rec, OI_NUMBER, v));
	crm_buf_reset(&im->date);
	crm_buf_adds(&im->date, value(im, rec, OI_DATE, v));
	crm_buf_reset(&im->status);
	crm_buf_adds(&im->status, value(im, rec, OI_STATUS, v));
	crm_buf_reset(&im->owner);
	crm_buf_adds(&im->owner, value(im, rec, OI_OWNER, v));
	crm_buf_reset(&im->deliver);
	crm_buf_adds(&im->deliver, value(im, rec, OI_DELIVER_BY, v));
	crm_buf_reset(&im->customer);
	crm_buf_adds(&im->customer, value(im, rec, OI_CUSTOMER, v));
	im->line0 = rec->line;
	if (im->date.len == 0)
		crm_err_set(e, CRM_EX_DATAERR, "empty");
	else if (im->customer.len == 0)
		return bad_row(im, rec->line, OI_CUSTOMER, (crm_err_set(e,
		    CRM_EX_DATAERR, "empty"), e));
	else if (customer_id(im, im->customer.s, e) == 0)
		return 0;
	else if (e->code != CRM_EX_DATAERR && e->code != CRM_EX_NOPERM)
		return -1;
	else
		return bad_row(im, rec->line, OI_CUSTOMER, e);
	return bad_row(im, rec->line, OI_DATE, e);
}

/* A later row of the order names its date and customer as the first
 * did, or leaves them empty. */
static int
same_head(struct oimp *im, const struct crm_rec *rec, struct crm_buf *v,
    struct crm_err *e)
{
	if (*value(im, rec, OI_DATE, v) && strcmp(v->s,
	    crm_buf_str(&im->date)) != 0)
		return bad_row(im, rec->line, OI_DATE, (crm_err_set(e,
		    CRM_EX_DATAERR, "'%s' is not the date of order %s's first "
		    "line (%s)", v->s, im->number.s, im->date.s), e));
	if (*value(im, rec, OI_CUSTOMER, v) && strcmp(v->s,
	    im->customer.s) != 0)
		return bad_row(im, rec->line, OI_CUSTOMER, (crm_err_set(e,
		    CRM_EX_DATAERR, "'%s' is not the customer of order %s's "
		    "first line (%s)", v->s, im->number.s, im->customer.s), e));
	return 0;
}

/* The line of rec: its product, quantity, price and discount. */
static int
line_take(struct oimp *im, const struct crm_rec *rec, struct crm_buf *v,
    struct crm_buf *w, struct crm_err *e)
{
	struct oline *l;
	int f = OI_SKU;

	if (im->nl == im->capl) {
		im->capl = im->capl ? im->capl * 2 : 8;
		im->l = crm_xrealloc(im->l, im->capl * sizeof(*im->l));
	}
	l = &im->l[im->nl];
	memset(l, 0, sizeof(*l));
	value(im, rec, OI_SKU, v);
	value(im, rec, OI_NAME, w);
	if (v->len == 0 && w->len == 0)
		crm_err_set(e, CRM_EX_DATAERR, "empty");
	else if (product_of(im, v->s, w->s, value(im, rec, OI_PRICE,
	    &im->px), l, e) < 0)
		f = v->len || im->col[OI_NAME] < 0 ? OI_SKU : OI_NAME;
	else if (f = OI_QTY, !*value(im, rec, OI_QTY, v))
		crm_err_set(e, CRM_EX_DATAERR, "empty");
	else if (qty_parse(v->s, &l->qty, e) < 0)
		;
	else if (f = OI_PRICE, *value(im, rec, OI_PRICE, v) &&
	    (crm_money_parse(v->s, &l->price, e) < 0 || (l->price < 0 &&
	    crm_err_set(e, CRM_EX_DATAERR, "'%s' is below 0", v->s) < 0)))
		;
	else if (f = OI_DISCOUNT, *value(im, rec, OI_DISCOUNT, v) &&
	    discount_parse(v->s, &l->discount, e) < 0)
		;
	else if (f = OI_AMOUNT, !*value(im, rec, OI_PRICE, &im->px) &&
	    *value(im, rec, OI_AMOUNT, v) && price_of_amount(v->s, l, e) < 0)
		;
	else if (f = OI_QTY, crm_line_amount(l->qty, l->price, l->discount,
	    &l->amount, e) == 0) {
		im->nl++;
		return 0;
	}
	if (e->code != CRM_EX_DATAERR && e->code != CRM_EX_NOPERM)
		return -1;
	return bad_row(im, rec->line, f, e);
}

static int
row_take(struct oimp *im, const struct crm_rec *rec, struct crm_buf *v,
    struct crm_buf *w, struct crm_err *e)
{
	value(im, rec, OI_NUMBER, v);
	if (v->len > 0 && (im->number.len == 0 ||
	    strcmp(v->s, im->number.s) != 0)) {
		if (order_end(im, e) < 0 || order_start(im, rec, v, e) < 0)
			return -1;
	} else if (im->number.len == 0) {
		/* no order to continue: a row of its own, rejected */
		crm_buf_adds(&im->number, "?");
		im->line0 = rec->line;
		return bad_row(im, rec->line, OI_NUMBER, (crm_err_set(e,
		    CRM_EX_DATAERR, "empty (and no order above to continue)"),
		    e));
	} else if (!im->bad && same_head(im, rec, v, e) < 0) {
		return -1;
	}
	return line_take(im, rec, v, w, e);
}

static const char sql_counter[] =
	"SELECT seq FROM order_numbers WHERE year = ?1";
static const char sql_year[] =
	"SELECT count(*), max(seq) FROM orders WHERE seq IS NOT NULL AND "
	"order_date >= printf('%04d-01-01', ?1) AND "
	"order_date < printf('%04d-01-01', ?1 + 1)";
static const char sql_set_counter[] =
	"INSERT INTO order_numbers (year, seq) VALUES (?1, ?2) "
	"ON CONFLICT (year) DO UPDATE SET seq = ?2";

/* Year y's numbers are 1..N without gaps with the imported ones among
 * them, and its counter N: the next add continues after them. The
 * change is audited for crm undo ("2026:0 2027:12" old and new). */
static int
year_counter(struct oimp *im, int y, struct crm_buf *old,
    struct crm_buf *now, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_counter, e);
	long long before = 0, n, top;
	char num[64];

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, y);
	if (crm_db_row(im->s->db, st, e) == 1) {
		before = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (e->code)
		return -1;
	if (im->empty) {
		/* the orders of the year are this file's */
		n = im->nseq[y];
		top = im->counter[y];
	} else {
		if ((st = crm_db_prepare(im->s->db, sql_year, e)) == NULL)
			return -1;
		sqlite3_bind_int(st, 1, y);
		if (crm_db_row(im->s->db, st, e) != 1)
			return -1;
		n = sqlite3_column_int64(st, 0);
		top = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
	}
	if (n != top)
		return crm_err_set(e, CRM_EX_DATAERR, "the order numbers of %d "
		    "would have gaps: the highest is number %lld of the year "
		    "(order.number_format), but %lld of them are there (import "
		    "the year's orders from its first, or give numbers of "
		    "another shape)", y, top, n);
	if ((st = crm_db_prepare(im->s->db, sql_set_counter, e)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, y);
	sqlite3_bind_int64(st, 2, top);
	if (crm_db_done(im->s->db, st, e) < 0)
		return -1;
	snprintf(num, sizeof(num), "%s%d:%lld", old->len ? " " : "", y,
	    before);
	crm_buf_adds(old, num);
	snprintf(num, sizeof(num), "%s%d:%lld", now->len ? " " : "", y, top);
	crm_buf_adds(now, num);
	return 0;
}

/* After the orders: the years' counters, and the last order date of
 * the customers the file names. */
/* The customers and products made for orders that were all rejected
 * (--partial): a rejected order changes nothing, so they go, with the
 * events that made them (this run's, never committed). */
#define UNUSED_CUSTOMER "SELECT CAST(id AS TEXT) FROM customers WHERE " \
	"created_run = ?1 AND id NOT IN (SELECT customer_id FROM orders " \
	"WHERE created_run = ?1)"
#define UNUSED_PRODUCT "SELECT CAST(id AS TEXT) FROM products WHERE " \
	"created_run = ?1 AND id NOT IN (SELECT l.product_id FROM " \
	"order_lines l JOIN orders o ON o.id = l.order_id WHERE " \
	"o.created_run = ?1)"
static const char *const sql_unused[] = {
	"DELETE FROM events WHERE run = ?1 AND entity = 'customer' AND "
	    "entity_id IN (" UNUSED_CUSTOMER ")",
	"DELETE FROM customers WHERE id IN (" UNUSED_CUSTOMER ")",
	"DELETE FROM events WHERE run = ?1 AND entity = 'product' AND "
	    "entity_id IN (" UNUSED_PRODUCT ")",
	"DELETE FROM products WHERE id IN (" UNUSED_PRODUCT ")",
};

static int
unused_made(struct oimp *im, struct crm_err *e)
{
	sqlite3 *db = crm_db_sqlite(im->s->db);

	if (im->r->rejected == 0 || im->r->customers + im->r->products == 0)
		return 0;
	for (size_t i = 0; i < sizeof(sql_unused) / sizeof(*sql_unused);
	    i++) {
		sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_unused[i], e);

		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, im->s->run);
		if (crm_db_done(im->s->db, st, e) < 0)
			return -1;
		if (i == 1)
			im->r->customers -= sqlite3_changes(db);
		if (i == 3)
			im->r->products -= sqlite3_changes(db);
	}
	return 0;
}

/* --terms: the orders of the run not cancelled get the payment plan of
 * the terms, made on their final totals (lines apart in the file joined
 * them after they were written), as add makes one. */
static const char sql_to_plan[] =
	"SELECT id, order_date, total FROM orders WHERE created_run = ?1 AND "
	"status <> 'cancelled' ORDER BY id";
static const char sql_terms[] =
	"UPDATE orders SET terms = ?2 WHERE created_run = ?1";
/* The instalments are the import's, as its orders are: known by their
 * created_run, not by events (crm undo removes them with the orders; an
 * instalment's events would outlive the orders' cascade). */
static const char sql_plan_events[] =
	"DELETE FROM events WHERE run = ?1 AND entity = 'instalment' AND "
	"action = 'create'";

static int
plans_made(struct oimp *im, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (im->o->terms == NULL)
		return 0;
	if ((st = crm_db_prepare(im->s->db, sql_terms, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->s->run);
	crm_db_bind_text(st, 2, im->o->terms);
	if (crm_db_done(im->s->db, st, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, sql_to_plan, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->s->run);
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		struct crm_record o;

		crm_record_init(&o, &crm_order_entity);
		crm_record_set(&o, CRM_OF_ID, crm_db_col_text(st, 0));
		crm_record_set(&o, CRM_OF_DATE, crm_db_col_text(st, 1));
		crm_record_set(&o, CRM_OF_TOTAL, crm_db_col_text(st, 2));
		crm_record_set(&o, CRM_OF_TERMS, im->o->terms);
		rc = order_plan_make(im->s, &o, e);
		crm_record_free(&o);
		if (rc < 0)
			break;
	}
	sqlite3_reset(st);
	if (rc < 0 || (st = crm_db_prepare(im->s->db, sql_plan_events, e)) ==
	    NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->s->run);
	return crm_db_done(im->s->db, st, e);
}

static int
import_end(struct oimp *im, struct crm_err *e)
{
	struct crm_buf old = { 0 }, now = { 0 };
	int rc = unused_made(im, e);

	if (rc == 0)
		rc = plans_made(im, e);
	for (int y = 1; rc == 0 && y < 10000; y++)
		if (im->touched[y])
			rc = year_counter(im, y, &old, &now, e);
	if (rc == 0 && now.len > 0)
		rc = crm_audit_event(im->s, "order", "import", "update",
		    "numbers", old.s, now.s, e);
	crm_buf_free(&old);
	crm_buf_free(&now);
	for (size_t i = 0; rc == 0 && i < im->cust.n; i++) {
		char cid[32];

		if (im->cust.v[i].id <= 0)
			continue;
		snprintf(cid, sizeof(cid), "%lld", im->cust.v[i].id);
		rc = order_last_order_at(im->s, cid, e);
	}
	return rc;
}

static void
oimp_free(struct oimp *im)
{
	lines_clear(im);
	free(im->l);
	seen_free(&im->cust);
	seen_free(&im->prod);
	seen_free(&im->badnum);
	crm_buf_free(&im->number);
	crm_buf_free(&im->date);
	crm_buf_free(&im->customer);
	crm_buf_free(&im->status);
	crm_buf_free(&im->owner);
	crm_buf_free(&im->deliver);
	crm_buf_free(&im->why);
	crm_buf_free(&im->rows);
	free(im->at);
	free(im->lines);
	for (size_t i = 0; i < im->ncols; i++)
		free(im->cols[i]);
	free(im->cols);
	crm_buf_free(&im->px);
	crm_buf_free(&im->fmt);
	crm_buf_free(&im->key);
	crm_buf_free(&im->owner_ok);
	crm_keyset_free(&im->numbers);
}

static const char sql_empty[] =
	"SELECT NOT EXISTS (SELECT 1 FROM orders)";

/* Into a table of orders that has none, the orders and their lines go
 * in without the tables' indexes, built after (crm/import.h). */
static int
import_start(struct oimp *im, struct crm_import_indexes *x,
    struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_setting_text(im->s, "order.number_format", &im->fmt, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, sql_empty, e)) == NULL ||
	    crm_db_row(im->s->db, st, e) != 1)
		return -1;
	im->empty = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!im->empty)
		return 0;
	return crm_import_indexes_drop(im->s, "orders", &x[0], e) < 0 ||
	    crm_import_indexes_drop(im->s, "order_lines", &x[1], e) < 0 ?
	    -1 : 0;
}

static int
import_rows(struct oimp *im, struct crm_fieldmap *m, struct crm_err *e)
{
	struct crm_buf v = { 0 }, w = { 0 };
	struct crm_rec rec;
	size_t nh;
	int rc, mapped = 0;

	while ((rc = crm_in_next(im->in, &rec, e)) == 1) {
		if (!mapped || crm_in_header(im->in, &nh, e) == NULL) {
			if (columns(im, &rec, m, e) < 0) {
				rc = -1;
				break;
			}
			mapped = 1;
		}
		im->r->rows++;
		if (im->o->rejects && im->o->partial)
			row_keep(im, &rec);
		if (row_take(im, &rec, &v, &w, e) < 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		rc = order_end(im, e);
	if (rc == 0 && im->r->rejected > 0 && !im->o->partial)
		rc = crm_err_set(e, CRM_EX_DATAERR, "%ld orders rejected, none "
		    "imported (--partial imports the good ones)",
		    im->r->rejected);
	crm_buf_free(&v);
	crm_buf_free(&w);
	return rc;
}

static int
import_locked(struct oimp *im, struct crm_fieldmap *m, struct crm_err *e)
{
	struct crm_import_indexes x[2];
	int rc;

	memset(x, 0, sizeof(x));
	rc = crm_audit_run(im->s, e) < 0 || import_start(im, x, e) < 0 ||
	    import_rows(im, m, e) < 0 ||
	    crm_import_indexes_make(im->s, &x[0], NULL, e) < 0 ||
	    crm_import_indexes_make(im->s, &x[1], NULL, e) < 0 ||
	    import_end(im, e) < 0 ? -1 : 0;
	crm_import_indexes_free(&x[0]);
	crm_import_indexes_free(&x[1]);
	return rc;
}

static const char sql_cache[] = "PRAGMA cache_size = -8192";
/* Every reference an imported row makes (its customer, products, owner)
 * is resolved by the import itself, in its transaction: SQLite's own
 * checks would look each up again, a lookup per line. */
static const char sql_fk_off[] = "PRAGMA foreign_keys = OFF";
static const char sql_fk_on[] = "PRAGMA foreign_keys = ON";

int
crm_order_import(struct crm_session *s, struct crm_in *in,
    const struct crm_order_import_opts *o, struct crm_order_import_result *r,
    struct crm_err *e)
{
	struct crm_term terms[CRM_TERMS_MAX];
	struct crm_fieldmap m;
	struct oimp *im;
	size_t nterms;
	int rc;

	memset(r, 0, sizeof(*r));
	if (o->terms && crm_terms_parse(o->terms, terms, &nterms, NULL,
	    e) < 0) {
		e->code = CRM_EX_USAGE;
		return crm_err_prefix(e, "--terms");
	}
	if (crm_session_require(s, crm_order_entity.scope->change,
	    _("import orders"), e) < 0 ||
	    crm_fieldmap_init(&m, defs, OI_N, o->map, e) < 0)
		return -1;
	im = crm_xcalloc(1, sizeof(*im));
	im->s = s;
	im->o = o;
	im->r = r;
	im->in = in;
	/* a cache that holds the indexes' pages that the orders of a big
	 * file touch (bounded: memory does not grow with the file) */
	crm_now_text(im->now);
	if ((rc = crm_db_exec(s->db, sql_cache, e)) == 0 &&
	    (rc = crm_db_exec(s->db, sql_fk_off, e)) == 0 &&
	    (rc = crm_session_begin(s, e)) == 0) {
		rc = import_locked(im, &m, e);
		if (crm_session_end(s, rc == 0, e) < 0)
			rc = -1;
	}
	if (crm_db_exec(s->db, sql_fk_on, rc < 0 ? NULL : e) < 0)
		rc = -1;
	if (im->out && crm_out_end(im->out, rc < 0 ? NULL : e) < 0)
		rc = -1;
	free(im->outcols);
	oimp_free(im);
	free(im);
	crm_fieldmap_free(&m);
	return rc;
}

/* Export: the columns the import reads, a row per line, the orders in
 * the order they were made. */
static const struct crm_col export_cols[] = {
	{ "number", CRM_COL_TEXT }, { "date", CRM_COL_DATE },
	{ "customer", CRM_COL_TEXT }, { "status", CRM_COL_TEXT },
	{ "sku", CRM_COL_TEXT }, { "name", CRM_COL_TEXT },
	{ "qty", CRM_COL_INT }, { "price", CRM_COL_MONEY },
	{ "discount", CRM_COL_TEXT }, { "owner", CRM_COL_TEXT },
	{ "deliver_by", CRM_COL_DATE },
};

static const char *
export_sql(void)
{
	static char *sql;
	struct crm_buf b = { 0 };

	if (sql != NULL)
		return sql;
	crm_buf_adds(&b, SCOPE_TEAM "SELECT c.number, c.order_date, cu.name, "
	    "c.status, l.sku, l.name, l.qty, printf('%d.%02d', l.price / 100, "
	    "l.price % 100), CASE WHEN l.discount = 0 THEN NULL ELSE "
	    "rtrim(rtrim(printf('%d.%02d', l.discount / 100, l.discount % "
	    "100), '0'), '.') || '%' END, c.owner, c.deliver_by FROM orders c "
	    "JOIN order_lines l ON l.order_id = c.id JOIN customers cu ON "
	    "cu.id = c.customer_id WHERE ");
	crm_scope_visible_sql(&b, &crm_order_entity, "c");
	crm_buf_adds(&b, "ORDER BY c.id, l.line");
	sql = crm_buf_detach(&b);
	return sql;
}

struct crm_rows *
crm_order_export(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, export_sql(), e);

	if (st == NULL || crm_scope_bind(s, &crm_order_entity, st, e) < 0)
		return NULL;
	return crm_rows_from_stmt(s->db, st, export_cols,
	    sizeof(export_cols) / sizeof(*export_cols), 0);
}

static const char sql_counter_back[] =
	"UPDATE order_numbers SET seq = ?3 WHERE year = ?1 AND seq = ?2";
static const char sql_last_orders[] =
	"UPDATE customers SET last_order_at = (SELECT max(order_date) || "
	"'T00:00:00' FROM orders WHERE customer_id = customers.id AND status "
	"<> 'cancelled') WHERE last_order_at IS NOT NULL";

int
order_import_undo(struct crm_session *s, const char *old, const char *now,
    struct crm_err *e)
{
	const char *p = now ? now : "", *q = old ? old : "";

	while (*p) {
		char *end;
		long y = strtol(p, &end, 10), y0;
		long long top = strtoll(end + 1, &end, 10), before;
		sqlite3_stmt *st;

		y0 = strtol(q, &end, 10);
		before = strtoll(*end ? end + 1 : end, &end, 10);
		q = end;
		if (y0 != y || (st = crm_db_prepare(s->db, sql_counter_back,
		    e)) == NULL)
			return y0 != y ? crm_err_set(e, CRM_EX_SOFTWARE, "bad "
			    "numbers of an import: '%s'", now) : -1;
		sqlite3_bind_int64(st, 1, y);
		sqlite3_bind_int64(st, 2, top);
		sqlite3_bind_int64(st, 3, before);
		if (crm_db_done(s->db, st, e) < 0)
			return -1;
		if (sqlite3_changes(crm_db_sqlite(s->db)) == 0)
			return crm_err_set(e, CRM_EX_DATAERR, "orders of %ld were "
			    "added after the import: undo them first", y);
		p = end + strspn(end, " ");
		q += strspn(q, " ");
	}
	return crm_db_exec(s->db, sql_last_orders, e);
}
