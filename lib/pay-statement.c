/* The customer's statement (对账单): a document of crm/doc.h made of the
 * customer's account over a period — orders charged, receipts credited,
 * reversals charged back, with the running balance — then their
 * invoices of the period and their open instalments, and the totals.
 * Everything is integer cents until it is printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pay-impl.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/doc.h"
#include "crm/find.h"
#include "crm/money.h"
#include "crm/order.h"
#include "crm/setting.h"
#include "crm/statement.h"
#include "crm/banned.h"

/* The words a statement shows of its records, for the reader
 * (crm_cgettext at run time). */
static const char *const words[] __attribute__((unused)) = {
	NC_("receipt method", "bank"), NC_("receipt method", "cash"),
	NC_("receipt method", "card"), NC_("receipt method", "alipay"),
	NC_("receipt method", "wechat"), NC_("receipt method", "check"),
};

/* The customer's account: one row per order charged (k 0), receipt
 * (k 1) and reversal (k 2), on its day. ?1 the customer. */
#define LEDGER \
	"WITH ledger (day, k, id, doc, what, debit, credit) AS (" \
	"SELECT order_date, 0, id, number, status, total, 0 FROM orders " \
	"WHERE customer_id = ?1 AND status <> 'draft' " \
	"AND status <> 'cancelled' " \
	"UNION ALL SELECT date, 1, id, ref, method, 0, amount FROM receipts " \
	"WHERE customer_id = ?1 " \
	"UNION ALL SELECT substr(reversed_at, 1, 10), 2, id, ref, " \
	"reverse_reason, amount, 0 FROM receipts WHERE customer_id = ?1 " \
	"AND reversed_at IS NOT NULL) "

/* ?2 from, ?3 to (NULL: no bound) */
static const char sql_opening[] = LEDGER
	"SELECT coalesce(sum(debit - credit), 0) FROM ledger "
	"WHERE ?2 IS NOT NULL AND day < ?2";
static const char sql_ledger[] = LEDGER
	"SELECT day, k, id, doc, what, debit, credit FROM ledger "
	"WHERE (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3) "
	"ORDER BY day, k, id";
static const char sql_invoices[] =
	"SELECT coalesce(v.issue_date, substr(v.created_at, 1, 10)) AS day, "
	"v.number, o.number, v.status, v.amount FROM invoices v "
	"JOIN orders o ON o.id = v.order_id WHERE v.customer_id = ?1 "
	"AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3) "
	"ORDER BY day, v.id";
static const char sql_instalments[] =
	"SELECT o.number, i.seq, i.due_date, i.amount, i.paid FROM "
	"instalments i JOIN orders o ON o.id = i.order_id "
	"WHERE o.customer_id = ?1 AND i.status = 'open' AND i.paid < i.amount "
	"AND o.status <> 'draft' AND o.status <> 'cancelled' "
	"ORDER BY i.due_date, o.order_date, o.id, i.seq";
static const char sql_head[] =
	"SELECT c.name, c.contact, c.phone, c.address, c.city, "
	"coalesce(u.name, c.owner), c.owner, (SELECT coalesce(sum(r.amount - "
	"r.allocated), 0) FROM receipts r WHERE r.customer_id = c.id "
	"AND r.reversed_at IS NULL) FROM customers c LEFT JOIN users u "
	"ON u.login = c.owner WHERE c.id = ?1";
enum { H_NAME, H_CONTACT, H_PHONE, H_ADDRESS, H_CITY, H_REP, H_OWNER,
	H_CREDIT };

/* The period's bounds and the running sums. */
struct stmt {
	struct crm_session *s;
	struct crm_doc *d;
	long long id;
	const char *from, *to;
	long long opening, debit, credit, invoiced, open;
};

static void
money(long long cents, char out[CRM_MONEY_LEN])
{
	crm_money_format_grouped(cents, out);
}

static sqlite3_stmt *
prepare(struct stmt *t, const char *sql, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(t->s->db, sql, e);

	if (st != NULL) {
		sqlite3_bind_int64(st, 1, t->id);
		if (sqlite3_bind_parameter_count(st) >= 2)
			crm_db_bind_text(st, 2, t->from);
		if (sqlite3_bind_parameter_count(st) >= 3)
			crm_db_bind_text(st, 3, t->to);
	}
	return st;
}

/* A row of the account: its document and what it says, in words. */
static void
ledger_words(sqlite3_stmt *st, struct crm_buf *doc, struct crm_buf *what)
{
	int k = sqlite3_column_int(st, 1);
	long long id = sqlite3_column_int64(st, 2);
	const char *ref = crm_db_col_text(st, 3);
	const char *w = crm_db_col_text(st, 4);

	if (k == 0) {
		crm_buf_addf(doc, _("Order %s"), ref);
		crm_buf_adds(what, crm_cgettext("order", w));
		return;
	}
	crm_buf_addf(doc, k == 1 ? _("Receipt %lld") :
	    _("Reversal of receipt %lld"), id);
	if (k == 1)
		crm_buf_adds(what, crm_cgettext("receipt method", w));
	else if (w != NULL)
		crm_buf_adds(what, w);
	if (k == 1 && ref != NULL)
		crm_buf_addf(what, " %s", ref);
}

/* A table that is there only with rows: its caption and columns before
 * the first (*n counts them). */
static void
first_row(struct stmt *t, int *n, const char *caption,
    const struct crm_doc_col *c, size_t nc)
{
	if ((*n)++ == 0) {
		crm_doc_table(t->d, caption);
		crm_doc_columns(t->d, c, nc);
	}
}

static int
account(struct stmt *t, struct crm_err *e)
{
	static const struct crm_doc_col cols[] = {
		{ NULL, CRM_DOC_LEFT }, { NULL, CRM_DOC_LEFT },
		{ NULL, CRM_DOC_LEFT }, { NULL, CRM_DOC_RIGHT },
		{ NULL, CRM_DOC_RIGHT }, { NULL, CRM_DOC_RIGHT },
	};
	struct crm_doc_col c[6];
	struct crm_buf doc = { 0 }, what = { 0 };
	sqlite3_stmt *st = prepare(t, sql_ledger, e);
	long long balance = t->opening;
	int rc, n = 0;

	if (st == NULL)
		return -1;
	memcpy(c, cols, sizeof(c));
	c[0].label = C_("statement", "Date");
	c[1].label = C_("statement", "Document");
	c[2].label = C_("statement", "Details");
	c[3].label = C_("statement", "Charges");
	c[4].label = C_("statement", "Payments");
	c[5].label = C_("statement", "Balance");
	if (t->from != NULL) {
		char bm[CRM_MONEY_LEN];
		const char *cells[6] = { t->from,
		    C_("statement", "Opening balance"), NULL, NULL, NULL, bm };

		money(balance, bm);
		first_row(t, &n, _("Account"), c, 6);
		crm_doc_row(t->d, cells);
	}
	while ((rc = crm_db_row(t->s->db, st, e)) == 1) {
		char dm[CRM_MONEY_LEN] = "", cm[CRM_MONEY_LEN] = "";
		char bm[CRM_MONEY_LEN];
		long long debit = sqlite3_column_int64(st, 5);
		long long credit = sqlite3_column_int64(st, 6);
		const char *cells[6];

		first_row(t, &n, _("Account"), c, 6);
		crm_buf_reset(&doc);
		crm_buf_reset(&what);
		ledger_words(st, &doc, &what);
		if (debit)
			money(debit, dm);
		if (credit)
			money(credit, cm);
		balance += debit - credit;
		t->debit += debit;
		t->credit += credit;
		money(balance, bm);
		cells[0] = crm_db_col_text(st, 0);
		cells[1] = doc.s;
		cells[2] = what.s;
		cells[3] = dm;
		cells[4] = cm;
		cells[5] = bm;
		crm_doc_row(t->d, cells);
	}
	if (rc == 0 && n == 0)
		crm_doc_table(t->d, _("No orders nor receipts in this period."));
	crm_buf_free(&doc);
	crm_buf_free(&what);
	return rc;
}

static int
invoices(struct stmt *t, struct crm_err *e)
{
	static const struct crm_doc_col cols[] = {
		{ NULL, CRM_DOC_LEFT }, { NULL, CRM_DOC_LEFT },
		{ NULL, CRM_DOC_LEFT }, { NULL, CRM_DOC_LEFT },
		{ NULL, CRM_DOC_RIGHT },
	};
	struct crm_doc_col c[5];
	sqlite3_stmt *st = prepare(t, sql_invoices, e);
	int rc, n = 0;

	if (st == NULL)
		return -1;
	memcpy(c, cols, sizeof(c));
	c[0].label = C_("statement", "Date");
	c[1].label = C_("statement", "Invoice no.");
	c[2].label = C_("statement", "Order");
	c[3].label = C_("statement", "Status");
	c[4].label = C_("statement", "Amount");
	while ((rc = crm_db_row(t->s->db, st, e)) == 1) {
		char m[CRM_MONEY_LEN];
		const char *status = crm_db_col_text(st, 3);
		const char *cells[5];

		first_row(t, &n, _("Invoices"), c, 5);
		money(sqlite3_column_int64(st, 4), m);
		if (strcmp(status, "void") != 0)
			t->invoiced += sqlite3_column_int64(st, 4);
		cells[0] = crm_db_col_text(st, 0);
		cells[1] = crm_db_col_text(st, 1);
		cells[2] = crm_db_col_text(st, 2);
		cells[3] = crm_cgettext("invoice", status);
		cells[4] = m;
		crm_doc_row(t->d, cells);
	}
	if (rc == 0 && n == 0)
		crm_doc_table(t->d, _("No invoices in this period."));
	return rc;
}

static int
instalments(struct stmt *t, struct crm_err *e)
{
	static const struct crm_doc_col cols[] = {
		{ NULL, CRM_DOC_LEFT }, { "#", CRM_DOC_RIGHT },
		{ NULL, CRM_DOC_LEFT }, { NULL, CRM_DOC_RIGHT },
		{ NULL, CRM_DOC_RIGHT }, { NULL, CRM_DOC_RIGHT },
	};
	struct crm_doc_col c[6];
	sqlite3_stmt *st = prepare(t, sql_instalments, e);
	int rc, n = 0;

	if (st == NULL)
		return -1;
	memcpy(c, cols, sizeof(c));
	c[0].label = C_("statement", "Order");
	c[2].label = C_("statement", "Due date");
	c[3].label = C_("statement", "Amount");
	c[4].label = C_("statement", "Paid");
	c[5].label = C_("statement", "Outstanding");
	while ((rc = crm_db_row(t->s->db, st, e)) == 1) {
		char m[3][CRM_MONEY_LEN];
		long long amount = sqlite3_column_int64(st, 3);
		long long paid = sqlite3_column_int64(st, 4);
		const char *cells[6];

		first_row(t, &n, _("Open instalments (today)"), c, 6);
		money(amount, m[0]);
		money(paid, m[1]);
		money(amount - paid, m[2]);
		t->open += amount - paid;
		for (int i = 0; i < 3; i++)
			cells[i] = crm_db_col_text(st, i);
		cells[3] = m[0];
		cells[4] = m[1];
		cells[5] = m[2];
		crm_doc_row(t->d, cells);
	}
	if (rc == 0 && n == 0)
		crm_doc_table(t->d, _("No open instalments."));
	return rc;
}

/* The balance of everything before the period into t->opening. */
static int
opening(struct stmt *t, struct crm_err *e)
{
	sqlite3_stmt *st = prepare(t, sql_opening, e);

	if (st == NULL || crm_db_row(t->s->db, st, e) != 1)
		return -1;
	t->opening = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* The period in words. */
static void
period(const struct stmt *t, struct crm_buf *b)
{
	if (t->from && t->to)
		crm_buf_addf(b, _("%s to %s"), t->from, t->to);
	else if (t->from)
		crm_buf_addf(b, _("from %s"), t->from);
	else if (t->to)
		crm_buf_addf(b, _("up to %s"), t->to);
	else
		crm_buf_adds(b, _("all records"));
}

static void
header(struct stmt *t, sqlite3_stmt *st, const char *currency)
{
	struct crm_buf where = { 0 }, when = { 0 };
	char today[CRM_DATE_LEN];
	const char *city = crm_db_col_text(st, H_CITY);

	crm_buf_adds(&where, crm_db_col_text(st, H_ADDRESS) ?
	    crm_db_col_text(st, H_ADDRESS) : "");
	if (city != NULL)
		crm_buf_addf(&where, where.len ? " %s" : "%s", city);
	period(t, &when);
	crm_today_text(today);
	crm_doc_field(t->d, C_("statement", "Customer"),
	    crm_db_col_text(st, H_NAME));
	crm_doc_field(t->d, C_("statement", "Contact"),
	    crm_db_col_text(st, H_CONTACT));
	crm_doc_field(t->d, C_("statement", "Phone"),
	    crm_db_col_text(st, H_PHONE));
	crm_doc_field(t->d, C_("statement", "Address"), where.s);
	crm_doc_field(t->d, C_("statement", "Sales rep"),
	    crm_db_col_text(st, H_REP));
	crm_doc_field(t->d, C_("statement", "Period"), when.s);
	crm_doc_field(t->d, C_("statement", "Date"), today);
	crm_doc_field(t->d, C_("statement", "Currency"), currency);
	crm_buf_free(&where);
	crm_buf_free(&when);
}

static void
totals(struct stmt *t, long long credit)
{
	char m[CRM_MONEY_LEN];
	long long closing = t->opening + t->debit - t->credit;

	money(t->opening, m);
	crm_doc_total(t->d, C_("statement", "Opening balance"), m, 0);
	money(t->debit, m);
	crm_doc_total(t->d, C_("statement", "Charges"), m, 0);
	money(t->credit, m);
	crm_doc_total(t->d, C_("statement", "Payments"), m, 0);
	money(closing, m);
	crm_doc_total(t->d, C_("statement", "Closing balance"), m, 1);
	money(t->invoiced, m);
	crm_doc_total(t->d, C_("statement", "Invoiced in the period"), m, 0);
	money(t->open, m);
	crm_doc_total(t->d, C_("statement", "Open instalments"), m, 0);
	money(credit, m);
	crm_doc_total(t->d, C_("statement", "Unapplied credit"), m, 0);
	crm_doc_para(t->d, _("A positive balance is what is owed to us; a "
	    "negative one is the customer's credit. Instalments and credit "
	    "are as of today."));
	crm_doc_para(t->d, _("Please check this statement and tell us of "
	    "any difference."));
}

/* finance and admins: every customer; anyone else the customers they
 * or their team own (not those of a pool they see) — else, as for a
 * customer they do not see, "no customer N". */
static int
may_read(struct crm_session *s, long long id, struct crm_err *e)
{
	char *owner = NULL;
	int rc;

	if (s->role & PAY_FINANCE)
		return 0;
	if (s->role & CRM_ROLE_MARKETING)
		return crm_err_set(e, CRM_EX_DATAERR, "no customer %lld", id);
	if (crm_db_texts_of(s->db, "SELECT owner FROM customers WHERE id = ?1",
	    id, &owner, 1, e) < 0)
		return -1;
	rc = crm_scope_in_team(s, owner, e);
	free(owner);
	if (rc < 0)
		return -1;
	return rc ? 0 : crm_err_set(e, CRM_EX_DATAERR, "no customer %lld",
	    id);
}

static int
build(struct stmt *t, struct crm_err *e)
{
	struct crm_buf currency = { 0 };
	sqlite3_stmt *st;
	char title[160];
	int rc = -1;

	if (crm_setting_text(t->s, "currency", &currency, e) < 0 ||
	    opening(t, e) < 0 || (st = prepare(t, sql_head, e)) == NULL)
		goto out;
	if (crm_db_row(t->s->db, st, e) != 1)
		goto out;
	snprintf(title, sizeof(title), _("Statement of account: %s"),
	    crm_db_col_text(st, H_NAME));
	t->d = crm_doc_new(_("Statement of account"), title,
	    crm_i18n_lang());
	header(t, st, currency.s);
	if (account(t, e) == 0 && invoices(t, e) == 0 &&
	    instalments(t, e) == 0) {
		totals(t, sqlite3_column_int64(st, H_CREDIT));
		rc = 0;
	}
	sqlite3_reset(st);
out:
	crm_buf_free(&currency);
	return rc;
}

struct crm_doc *
crm_pay_statement(struct crm_session *s, const char *customer,
    const char *from, const char *to, struct crm_err *e)
{
	struct stmt t = { s, NULL, 0, NULL, NULL, 0, 0, 0, 0, 0 };
	struct crm_order_filter f = { from, to };
	char fd[CRM_DATE_LEN], td[CRM_DATE_LEN];

	/* --from and --to as orders' list reads them */
	if (crm_order_filter_dates(&f, fd, td, e) < 0)
		return NULL;
	t.from = f.from;
	t.to = f.to;
	if (t.from && t.to && strcmp(t.from, t.to) > 0) {
		crm_err_set(e, CRM_EX_USAGE, "--from %s is after --to %s",
		    t.from, t.to);
		return NULL;
	}
	if (crm_find(s, &crm_customer_entity, customer, &t.id, e) < 0 ||
	    may_read(s, t.id, e) < 0)
		return NULL;
	if (build(&t, e) < 0) {
		crm_doc_free(t.d);
		return NULL;
	}
	return t.d;
}
