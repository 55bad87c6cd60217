/* What receipts' import has of its own (the pipeline is lib/import*.c):
 * a bank statement's rows made receipts. The payer is a customer by its
 * id, its exact name, else its name as names are compared (case, full
 * width, spaces and punctuation folded); where no customer has that
 * name, an order number in the order column, the reference or the note
 * (摘要, 附言) names the order and so the customer. Each new receipt is
 * then paid out as crm-pay receive pays one (lib/receipt.c), in the
 * order of the receipts' dates, in the import's run: crm undo of the
 * import takes the receipts and what they paid back. A reference (交易
 * 流水号) already recorded is a duplicate: the same money, never
 * recorded twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pay-impl.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/find.h"
#include "crm/order.h"
#include "crm/banned.h"

static const struct crm_import_why why[] = {
	{ "id", NULL, N_("an import does not change ids") },
	{ "created_at", N_("set when a receipt is recorded, not by an "
	    "import"), NULL },
	{ "updated_at", N_("set when a receipt changes, not by an import"),
	    NULL },
	{ "reversed_at", N_("set by receipt reverse, not by an import"),
	    NULL },
	{ "reversed_by", N_("set by receipt reverse, not by an import"),
	    NULL },
	{ "reverse_reason", N_("set by receipt reverse, not by an import"),
	    NULL },
};

/* How banks and people write a method (付款方式). */
static const char *const methods[][2] = {
	{ "银行", "bank" }, { "转账", "bank" }, { "银行转账", "bank" },
	{ "网银", "bank" }, { "电汇", "bank" }, { "汇款", "bank" },
	{ "现金", "cash" }, { "刷卡", "card" }, { "银行卡", "card" },
	{ "信用卡", "card" }, { "支付宝", "alipay" }, { "微信", "wechat" },
	{ "微信支付", "wechat" }, { "支票", "check" },
};

/* A bank's 交易时间 is a time ("2026-11-03 14:05:09", or with a 'T'): its
 * day is the receipt's date. 0 (*v checked as a date). */
static int
day_of(const char **v)
{
	static char day[16];
	size_t n = strcspn(*v, " T");

	if (n >= 8 && n < sizeof(day) && (*v)[n] != '\0' &&
	    strspn(*v + n + 1, "0123456789:.") == strlen(*v + n + 1)) {
		memcpy(day, *v, n);
		day[n] = '\0';
		*v = day;
	}
	return 0;
}

static const char sql_user[] = "SELECT 1 FROM users WHERE login = ?1";

/* Who reversed a receipt (a restored history's): any user, finance
 * first of all, not only those who own records. 1, or -1 and e. */
static int
reverser(struct crm_session *s, const char *login, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_user, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	sqlite3_reset(st);
	return rc == 1 ? 1 : crm_err_set(e, CRM_EX_DATAERR, "no user '%s'",
	    login);
}

/* An import's value of a field, before it is checked: the customer and
 * the order are kept as written (receipt_record resolves them together);
 * allocated is what the allocation works out, never the file's (an
 * export read back has it); an account by id or exact name. */
static int
receipt_value(void *arg, int f, const char **v, struct crm_err *e)
{
	static char id[32];
	long long n;

	if (f == CRM_RF_CUSTOMER || f == CRM_RF_ORDER)
		return 1;
	if (f == CRM_RF_ALLOCATED) {
		*v = NULL;
		return 1;
	}
	if (f == CRM_RF_METHOD) {
		for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
			if (strcmp(*v, methods[i][0]) == 0)
				*v = methods[i][1];
		return 0;
	}
	if (f == CRM_RF_DATE)
		return day_of(v);
	if (f == CRM_RF_REVERSED_BY)
		return reverser(arg, *v, e);
	if (f != CRM_RF_ACCOUNT)
		return 0;
	if (pay_account_for_expense(arg, *v, 1, &n, e) < 0)
		return -1;
	snprintf(id, sizeof(id), "%lld", n);
	*v = id;
	return 0;
}

/* The exact name among those with its key (the index a name has). */
static const char sql_exact[] =
	"SELECT id FROM customers WHERE name_key = crm_key(?1) AND "
	"name = ?1 LIMIT 2";
static const char sql_order_key[] =
	"SELECT id FROM orders WHERE number_key = crm_key(?1) LIMIT 2";

/* The one id sql finds for text: 1, 0 none (or several), -1 error. */
static int
one_id(struct crm_session *s, const char *sql, const char *text,
    long long *id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc, n = 0;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, text);
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
	return rc < 0 ? -1 : n == 1;
}

/* The payer as a customer: the exact name, else crm_find_named's id or
 * name key. 1 found, 0 not (e says why), -1 error. */
static int
payer(struct crm_session *s, const char *name, long long *id,
    struct crm_err *e)
{
	int rc = one_id(s, sql_exact, name, id, e);

	if (rc != 0)
		return rc;
	rc = crm_find_named(s, &crm_customer_entity, name, id, e);
	return rc < 0 ? -1 : rc;
}

/* An order number in text (a memo: "SO-2026-000123 货款"): the first
 * word of letters, digits, '-', '_' and '/' with a digit that is an
 * order's number. 1 found, 0 none, -1 error. */
static int
order_in(struct crm_session *s, const char *text, long long *id,
    struct crm_err *e)
{
	static const char word[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_/";
	char buf[64];
	int rc;

	for (const char *p = text; p && *p; ) {
		size_t n = strspn(p, word);

		if (n >= 4 && n < sizeof(buf) && strpbrk(p, "0123456789") &&
		    (size_t)(strpbrk(p, "0123456789") - p) < n) {
			memcpy(buf, p, n);
			buf[n] = '\0';
			if ((rc = one_id(s, sql_order_key, buf, id, e)) != 0)
				return rc;
		}
		p += n ? n : 1;
	}
	return 0;
}

/* The order named by the order column (an id or its number), else in
 * the reference or the note: 0 with *id (0: none), or -1 and e. */
static int
named_order(struct crm_session *s, struct crm_record *c, long long *id,
    struct crm_err *e)
{
	const char *v = c->f[CRM_RF_ORDER];
	int rc;

	*id = 0;
	if (v != NULL)
		return crm_find_named(s, &crm_order_entity, v, id, e) == 1 ?
		    0 : -1;
	rc = order_in(s, c->f[CRM_RF_REF], id, e);
	if (rc == 0)
		rc = order_in(s, c->f[CRM_RF_NOTE], id, e);
	return rc < 0 ? -1 : 0;
}

/* A receipt's customer and order from what the row says (see the top):
 * the payer's name first, the order's customer where no customer has
 * it; both must agree. A row without a method is a bank's. */
static int
receipt_record(void *arg, struct crm_record *c, const char **bad,
    struct crm_err *e)
{
	struct crm_session *s = arg;
	const char *name = c->f[CRM_RF_CUSTOMER];
	long long customer = 0, order, of = 0;
	char number[64];
	int found = 0;

	if (c->f[CRM_RF_METHOD] == NULL)
		crm_record_set(c, CRM_RF_METHOD, "bank");
	/* a statement's row of money paid out (支出) has no amount in */
	if (c->f[CRM_RF_AMOUNT] == NULL)
		return 1;
	*bad = "customer_id";
	if (name && (found = payer(s, name, &customer, e)) < 0)
		return -1;
	crm_err_clear(e);
	*bad = "order_id";
	if (named_order(s, c, &order, e) < 0 ||
	    (order && pay_order_payable(s, order, &of, number, e) < 0))
		return -1;
	*bad = "customer_id";
	if (!found && order == 0 && name)
		return crm_err_set(e, CRM_EX_DATAERR, "no customer named '%s', "
		    "and no order number in the reference or the note", name);
	if (found && order && of != customer) {
		*bad = "order_id";
		return crm_err_set(e, CRM_EX_DATAERR, "order %s is not "
		    "customer %lld's (the payer '%s')", number, customer, name);
	}
	if (found || order)
		crm_record_set_num(c, CRM_RF_CUSTOMER, found ? customer : of);
	if (order)
		crm_record_set_num(c, CRM_RF_ORDER, order);
	*bad = NULL;
	return 0;
}

/* The receipts the import made, by date: paid out as receive does. */
static const char sql_new[] =
	"SELECT id, customer_id, order_id, date, updated_at FROM receipts "
	"WHERE created_run = ?1 AND reversed_at IS NULL ORDER BY date, id";

/* Paying them out is no change of theirs: each keeps the updated_at it
 * came in with (--historical: the file's), so that an export imported
 * into a new database exports the same. */
static const char sql_keep_time[] =
	"UPDATE receipts SET updated_at = ?2 WHERE id = ?1 "
	"AND updated_at IS NOT ?2";

/* Their allocated as events of the run: a record the run made in bulk
 * stands for all it had when the run ended (crm undo removes it whole,
 * and leaves a record with events of the run to them). */
static const char sql_unevent[] =
	"DELETE FROM events WHERE run = ?1 AND entity = 'receipt' AND "
	"entity_id IN (SELECT CAST(id AS TEXT) FROM receipts WHERE "
	"created_run = ?1)";

struct new_receipt {
	long long id, customer, order;
	char date[CRM_DATE_LEN], at[32];
};

static int
keep_times(struct crm_session *s, const struct new_receipt *r, size_t n,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_keep_time, e);
	int rc = st == NULL ? -1 : 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		sqlite3_bind_int64(st, 1, r[i].id);
		crm_db_bind_text(st, 2, r[i].at);
		rc = crm_db_done(s->db, st, e);
	}
	return rc;
}

static int
receipt_after(void *arg, struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_new, e);
	struct new_receipt *r = NULL;
	size_t n = 0;
	int rc;

	(void)arg;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		r = crm_xrealloc(r, (n + 1) * sizeof(*r));
		r[n].id = sqlite3_column_int64(st, 0);
		r[n].customer = sqlite3_column_int64(st, 1);
		r[n].order = sqlite3_column_int64(st, 2);
		snprintf(r[n].date, CRM_DATE_LEN, "%s", crm_db_col_text(st, 3));
		snprintf(r[n++].at, sizeof(r->at), "%s",
		    crm_db_col_text(st, 4));
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = pay_receipt_allocate(s, r[i].id, r[i].customer,
		    r[i].order, 0, r[i].date, e);
	if (rc == 0)
		rc = keep_times(s, r, n, e);
	free(r);
	if (rc == 0 && (st = crm_db_prepare(s->db, sql_unevent, e)) != NULL) {
		sqlite3_bind_int64(st, 1, s->run);
		rc = crm_db_done(s->db, st, e);
	}
	return st == NULL ? -1 : rc;
}

const struct crm_import_def receipt_import = {
	.roles = PAY_FINANCE,
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
	.value = receipt_value,
	.record = receipt_record,
	.after_move = receipt_after,
};
