/* Invoices (开票申请): request, issue, void, and their undo. What is
 * invoiced of an order — its invoices not void — never exceeds its
 * total: a request is refused naming the amounts, and so is the undo of
 * a void that a later request has used the room of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pay-impl.h"
#include "crm/clock.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/find.h"
#include "crm/invoice.h"
#include "crm/money.h"
#include "crm/order.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_invoiced[] =
	"SELECT coalesce(sum(amount), 0) FROM invoices "
	"WHERE order_id = ? AND status <> 'void'";

/* What is invoiced of order id (cents), or -1. */
static long long
invoiced(struct crm_session *s, long long order, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_invoiced, e);
	long long n;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, order);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* 0 if amount more may be invoiced of order o, else 65 with the sums. */
static int
room_for(struct crm_session *s, const struct crm_record *o, long long amount,
    struct crm_err *e)
{
	long long total = strtoll(o->f[CRM_OF_TOTAL], NULL, 10);
	long long done = invoiced(s, o->id, e);
	char a[CRM_MONEY_LEN], t[CRM_MONEY_LEN], d[CRM_MONEY_LEN];
	char r[CRM_MONEY_LEN];

	if (done < 0)
		return -1;
	if (amount <= total - done)
		return 0;
	crm_money_format(amount, a);
	crm_money_format(total, t);
	crm_money_format(done, d);
	crm_money_format(total - done, r);
	return crm_err_set(e, CRM_EX_DATAERR, "order %s: an invoice of %s "
	    "is more than is left to invoice (total %s, invoiced %s, left %s)",
	    o->f[CRM_OF_NUMBER], a, t, d, r);
}

/* An order is invoiced once confirmed, never cancelled. */
static int
invoicable(const struct crm_record *o, struct crm_err *e)
{
	const char *status = o->f[CRM_OF_STATUS];

	if (strcmp(status, "draft") == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "order %s is a draft: "
		    "confirm it before invoicing it", o->f[CRM_OF_NUMBER]);
	if (strcmp(status, "cancelled") == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "order %s is cancelled: "
		    "it is not invoiced", o->f[CRM_OF_NUMBER]);
	return 0;
}

/* The amount asked for, or what is left of the order. */
static int
amount_of(struct crm_session *s, const struct crm_record *o,
    const char *text, long long *amount, struct crm_err *e)
{
	int64_t cents;
	long long done;

	if (text != NULL) {
		if (crm_money_parse(text, &cents, e) < 0)
			return crm_err_prefix(e, "--amount");
		if (cents <= 0)
			return crm_err_set(e, CRM_EX_DATAERR, "--amount: must "
			    "be more than 0");
		*amount = cents;
		return room_for(s, o, cents, e);
	}
	if ((done = invoiced(s, o->id, e)) < 0)
		return -1;
	*amount = strtoll(o->f[CRM_OF_TOTAL], NULL, 10) - done;
	if (*amount <= 0)
		return crm_err_set(e, CRM_EX_DATAERR, "order %s is invoiced in "
		    "full already", o->f[CRM_OF_NUMBER]);
	return 0;
}

/* The title by default: the customer's name. */
static int
customer_name(struct crm_session *s, const char *customer, char **name,
    struct crm_err *e)
{
	*name = NULL;
	return crm_db_texts_of(s->db, "SELECT name FROM customers "
	    "WHERE id = ?1", strtoll(customer, NULL, 10), name, 1, e) < 0 ?
	    -1 : 0;
}

static int
request_locked(struct crm_session *s, const char *order,
    const struct crm_invoice_request *rq, long long *id, struct crm_err *e)
{
	struct crm_record o = { 0 }, r = { 0 };
	long long oid = 0, amount = 0;
	char *title = NULL;
	int rc = -1;

	crm_record_init(&r, &crm_invoice_entity);
	if (crm_find(s, &crm_order_entity, order, &oid, e) < 0 ||
	    crm_scope_load(s, &crm_order_entity, oid, &o, e) < 0)
		goto out;
	if (!(s->role & PAY_FINANCE) && crm_scope_may_change(s, &o, e) < 0)
		goto out;
	if (invoicable(&o, e) < 0 || amount_of(s, &o, rq->amount, &amount,
	    e) < 0 || customer_name(s, o.f[CRM_OF_CUSTOMER], &title, e) < 0)
		goto out;
	crm_record_set_num(&r, CRM_VF_ORDER, oid);
	crm_record_set(&r, CRM_VF_CUSTOMER, o.f[CRM_OF_CUSTOMER]);
	crm_record_set(&r, CRM_VF_OWNER, o.f[CRM_OF_OWNER]);
	crm_record_set_num(&r, CRM_VF_AMOUNT, amount);
	crm_record_set(&r, CRM_VF_REQUESTED_BY, s->user);
	if (crm_record_put(&r, CRM_VF_TITLE, rq->title && *rq->title ?
	    rq->title : title, NULL, e) < 0 ||
	    crm_record_put(&r, CRM_VF_TAX_ID, rq->tax_id, NULL, e) < 0 ||
	    crm_record_put(&r, CRM_VF_NOTE, rq->note, NULL, e) < 0)
		goto out;
	if (crm_store_create(s, &r, 0, e) == 0) {
		*id = r.id;
		rc = 0;
	}
out:
	free(title);
	crm_record_free(&o);
	crm_record_free(&r);
	return rc;
}

int
crm_invoice_request(struct crm_session *s, const char *order,
    const struct crm_invoice_request *rq, long long *id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = request_locked(s, order, rq, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* Load invoice id for finance's verbs (action, for the refusal): 65 if
 * the user does not see it, 77 if they see it but are not finance or an
 * admin, 65 if it is void. */
static int
load_for(struct crm_session *s, long long id, const char *action,
    struct crm_record *r, struct crm_err *e)
{
	const char *status;

	if (crm_scope_load(s, &crm_invoice_entity, id, r, e) < 0 ||
	    crm_session_require(s, PAY_FINANCE, action, e) < 0)
		return -1;
	status = r->f[CRM_VF_STATUS];
	if (strcmp(status, "void") == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "invoice %lld is void",
		    id);
	return 0;
}

static const char sql_number[] =
	"SELECT id FROM invoices WHERE number = ?1";

/* An invoice number is one invoice's, a void one's too. */
static int
number_free(struct crm_session *s, const char *number, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_number, e);
	long long other;
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, number);
	if ((rc = crm_db_row(s->db, st, e)) != 1)
		return rc;
	other = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return crm_err_set(e, CRM_EX_DATAERR, "--number: '%s' is the number "
	    "of invoice %lld already", number, other);
}

static int
issue_locked(struct crm_session *s, long long id, const char *number,
    const char *date, struct crm_err *e)
{
	struct crm_record old = { 0 }, now = { 0 };
	int rc = -1;

	if (load_for(s, id, _("issue invoices"), &old, e) < 0)
		goto out;
	if (strcmp(old.f[CRM_VF_STATUS], "issued") == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "invoice %lld is issued already "
		    "(number %s)", id, old.f[CRM_VF_NUMBER]);
		goto out;
	}
	if (number_free(s, number, e) < 0)
		goto out;
	crm_record_copy(&now, &old);
	crm_record_set(&now, CRM_VF_STATUS, "issued");
	crm_record_set(&now, CRM_VF_NUMBER, number);
	crm_record_set(&now, CRM_VF_ISSUE_DATE, date);
	crm_record_set(&now, CRM_VF_ISSUED_BY, s->user);
	rc = crm_store_save(s, &old, &now, e);
out:
	crm_record_free(&old);
	crm_record_free(&now);
	return rc;
}

/* The number trimmed, non-empty; the date as YYYY-MM-DD (today if
 * NULL); 64 naming the option. */
static int
issue_args(const char *number, const char *date, struct crm_buf *num,
    char day[CRM_DATE_LEN], struct crm_err *e)
{
	crm_day d;
	size_t n;

	if (number != NULL) {
		number += strspn(number, " \t");
		n = strlen(number);
		while (n > 0 && (number[n - 1] == ' ' || number[n - 1] == '\t'))
			n--;
		crm_buf_add(num, number, n);
	}
	if (num->len == 0)
		return crm_err_set(e, CRM_EX_USAGE, "issue needs the invoice's "
		    "number (--number N)");
	if (date == NULL) {
		crm_today_text(day);
		return 0;
	}
	if (crm_date_parse(date, &d, e) < 0) {
		e->code = CRM_EX_USAGE;
		return crm_err_prefix(e, "--date");
	}
	crm_date_format(d, day);
	return 0;
}

int
crm_invoice_issue(struct crm_session *s, long long id, const char *number,
    const char *date, struct crm_err *e)
{
	struct crm_buf num = { 0 };
	char day[CRM_DATE_LEN];
	int rc = -1;

	if (issue_args(number, date, &num, day, e) == 0 &&
	    crm_session_begin(s, e) == 0) {
		rc = issue_locked(s, id, num.s, day, e);
		if (crm_session_end(s, rc == 0, e) < 0)
			rc = -1;
	}
	crm_buf_free(&num);
	return rc;
}

static int
void_locked(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	struct crm_record old = { 0 }, now = { 0 };
	char at[CRM_TIME_LEN];
	int rc = -1;

	if (load_for(s, id, _("void invoices"), &old, e) < 0)
		goto out;
	crm_record_copy(&now, &old);
	crm_now_text(at);
	crm_record_set(&now, CRM_VF_STATUS, "void");
	crm_record_set(&now, CRM_VF_VOIDED_AT, at);
	crm_record_set(&now, CRM_VF_VOIDED_BY, s->user);
	crm_record_set(&now, CRM_VF_REASON, reason);
	rc = crm_store_save(s, &old, &now, e);
out:
	crm_record_free(&old);
	crm_record_free(&now);
	return rc;
}

int
crm_invoice_void(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	int rc;

	if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "void needs a reason "
		    "(--reason TEXT)");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = void_locked(s, id, reason, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The undo of a void counts again: refused when later requests have
 * used what the void left (the order's total would be exceeded). */
int
crm_invoice_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	struct crm_record v = { 0 }, o = { 0 };
	long long total, done;
	int rc;

	if (crm_store_undo(s, &crm_invoice_entity, g, e) < 0)
		return -1;
	if (strcmp(g->action, "update") != 0)
		return 0;
	rc = crm_store_load(s, &crm_invoice_entity, strtoll(g->id, NULL, 10),
	    &v, e);
	if (rc == 0)
		rc = crm_store_load(s, &crm_order_entity,
		    strtoll(v.f[CRM_VF_ORDER], NULL, 10), &o, e);
	if (rc == 0 && (done = invoiced(s, o.id, e)) < 0)
		rc = -1;
	if (rc == 0) {
		total = strtoll(o.f[CRM_OF_TOTAL], NULL, 10);
		if (done > total)
			rc = crm_err_set(e, CRM_EX_DATAERR, "invoice %s: undoing "
			    "its void would invoice more than order %s's total "
			    "(void a later invoice first)", g->id,
			    o.f[CRM_OF_NUMBER]);
	}
	crm_record_free(&v);
	crm_record_free(&o);
	return rc;
}
