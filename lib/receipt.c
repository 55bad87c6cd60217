/* Receipts (回款单): receive, allocate, reverse. A receipt pays the
 * oldest open instalments first; what it cannot place is the customer's
 * credit, applied at the customer's next receipt. Every allocation is a
 * row of `allocations` (the receipt's history: crm undo removes a run's)
 * and every instalment it pays an audited change of the instalment, so
 * that an instalment's paid is always the sum of its allocations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pay-impl.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/find.h"
#include "crm/order.h"
#include "crm/store.h"
#include "crm/banned.h"

#define REQUIRED (1ull << CRM_RF_CUSTOMER | 1ull << CRM_RF_AMOUNT | \
	1ull << CRM_RF_DATE | 1ull << CRM_RF_METHOD)

static long long
num(const char *text)
{
	return text ? strtoll(text, NULL, 10) : 0;
}

/* The customer, order or account in names (an id or a name) as an id in
 * buf, naming the field when it is not one. */
static int
resolve(struct crm_session *s, struct crm_input *in, int f, char buf[32],
    struct crm_err *e)
{
	const char *v = in->f[f];
	long long id;
	int rc;

	if (v == NULL)
		return 0;
	if (f == CRM_RF_ACCOUNT)
		rc = pay_account_for_expense(s, v, 0, &id, e);
	else
		rc = crm_find(s, f == CRM_RF_ORDER ? &crm_order_entity :
		    &crm_customer_entity, v, &id, e);
	if (rc < 0)
		return crm_err_prefix(e, "field '%s'",
		    crm_receipt_entity.fields[f].name);
	snprintf(buf, 32, "%lld", id);
	in->f[f] = buf;
	return 0;
}

static const char sql_order[] =
	"SELECT customer_id, status, number FROM orders WHERE id = ?";

int
pay_order_payable(struct crm_session *s, long long order, long long *customer,
    char number[64], struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_order, e);
	const char *status;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, order);
	if ((rc = crm_db_row(s->db, st, e)) != 1)
		return rc < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR,
		    "no order %lld", order);
	*customer = sqlite3_column_int64(st, 0);
	status = crm_db_col_text(st, 1);
	snprintf(number, 64, "%s", crm_db_col_text(st, 2));
	rc = 0;
	if (strcmp(status, "draft") == 0 || strcmp(status, "cancelled") == 0)
		rc = crm_err_set(e, CRM_EX_DATAERR, "order %s is %s: only a "
		    "confirmed order (or later) is paid", number, status);
	sqlite3_reset(st);
	return rc;
}

/* A receipt pays an order of its customer, confirmed or later. */
static int
order_ok(struct crm_session *s, long long order, long long customer,
    struct crm_err *e)
{
	char number[64];
	long long of;

	if (pay_order_payable(s, order, &of, number, e) < 0)
		return crm_err_prefix(e, "field '%s'", "order_id");
	if (of != customer)
		return crm_err_set(e, CRM_EX_DATAERR, "field 'order_id': "
		    "order %s is not customer %lld's", number, customer);
	return 0;
}

/* The open instalments a receipt may pay, oldest first: of the
 * customer's orders confirmed or later, of one order (?2), or one
 * instalment (?3). */
static const char sql_open[] =
	"SELECT i.id FROM instalments i JOIN orders o ON o.id = i.order_id "
	"WHERE o.customer_id = ?1 AND (?2 IS NULL OR o.id = ?2) "
	"AND (?3 IS NULL OR i.id = ?3) AND i.status = 'open' "
	"AND i.paid < i.amount AND o.status <> 'draft' "
	"AND o.status <> 'cancelled' "
	"ORDER BY i.due_date, o.order_date, o.id, i.seq";

static int
open_ids(struct crm_session *s, long long customer, long long order,
    long long inst, long long **ids, size_t *n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_open, e);
	int rc;

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, customer);
	if (order)
		sqlite3_bind_int64(st, 2, order);
	if (inst)
		sqlite3_bind_int64(st, 3, inst);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		*ids = crm_xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	return rc;
}

static const char sql_alloc[] =
	"INSERT INTO allocations (receipt_id, instalment_id, amount, date, "
	"run) VALUES (?1, ?2, ?3, ?4, ?5)";

/* Add delta to instalment inst's paid, with its allocation of receipt
 * rid dated date; paid in full is "paid", less again "open". */
static int
book(struct crm_session *s, long long rid, long long inst, long long delta,
    const char *date, struct crm_err *e)
{
	struct crm_record old, now = { 0 };
	sqlite3_stmt *st;
	long long paid;
	int rc = -1;

	if (crm_store_load(s, &crm_instalment_entity, inst, &old, e) < 0)
		goto out;
	if ((st = crm_db_prepare(s->db, sql_alloc, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, rid);
	sqlite3_bind_int64(st, 2, inst);
	sqlite3_bind_int64(st, 3, delta);
	crm_db_bind_text(st, 4, date);
	sqlite3_bind_int64(st, 5, s->run);
	if (crm_db_done(s->db, st, e) < 0)
		goto out;
	crm_record_copy(&now, &old);
	paid = num(old.f[CRM_IF_PAID]) + delta;
	crm_record_set_num(&now, CRM_IF_PAID, paid);
	if (strcmp(old.f[CRM_IF_STATUS], "cancelled") != 0)
		crm_record_set(&now, CRM_IF_STATUS,
		    paid == num(old.f[CRM_IF_AMOUNT]) ? "paid" : "open");
	rc = crm_store_save(s, &old, &now, e);
out:
	crm_record_free(&old);
	crm_record_free(&now);
	return rc;
}

/* Place what is left of receipt r on the open instalments of its
 * customer (of order, of the instalment inst: 0 for any), dated date;
 * its allocated grows by what was placed. */
static int
place(struct crm_session *s, struct crm_record *r, long long order,
    long long inst, const char *date, struct crm_err *e)
{
	long long customer = num(r->f[CRM_RF_CUSTOMER]), *ids;
	long long amount = num(r->f[CRM_RF_AMOUNT]);
	long long allocated = num(r->f[CRM_RF_ALLOCATED]);
	size_t n;
	int rc = open_ids(s, customer, order, inst, &ids, &n, e);

	for (size_t i = 0; rc == 0 && i < n && allocated < amount; i++) {
		char *v[2] = { NULL, NULL };
		long long take;

		if ((rc = crm_db_texts_of(s->db, "SELECT amount - paid FROM "
		    "instalments WHERE id = ?1", ids[i], v, 1, e)) < 0)
			break;
		take = num(v[0]);
		free(v[0]);
		if (take > amount - allocated)
			take = amount - allocated;
		if ((rc = book(s, r->id, ids[i], take, date, e)) == 0)
			allocated += take;
	}
	free(ids);
	if (rc < 0)
		return -1;
	crm_record_set_num(r, CRM_RF_ALLOCATED, allocated);
	return 0;
}

/* Save r (loaded as it was in the database) after place() changed it. */
static int
place_saved(struct crm_session *s, long long rid, long long order,
    long long inst, const char *date, struct crm_err *e)
{
	struct crm_record old, now = { 0 };
	int rc = -1;

	if (crm_store_load(s, &crm_receipt_entity, rid, &old, e) == 0) {
		crm_record_copy(&now, &old);
		if (place(s, &now, order, inst, date, e) == 0)
			rc = crm_store_save(s, &old, &now, e);
	}
	crm_record_free(&old);
	crm_record_free(&now);
	return rc;
}

/* The receipts of the customer with credit, oldest first (but the new
 * one), and their dates. */
static const char sql_credit[] =
	"SELECT id, date FROM receipts WHERE customer_id = ?1 AND id <> ?2 "
	"AND reversed_at IS NULL AND allocated < amount ORDER BY date, id";

/* The customer's credit from earlier receipts, on their oldest open
 * instalments, dated the later of the two receipts' dates. */
static int
apply_credit(struct crm_session *s, long long customer, long long rid,
    const char *date, struct crm_err *e)
{
	sqlite3_stmt *st;
	long long *ids = NULL;
	char (*dates)[CRM_DATE_LEN] = NULL;
	size_t n = 0;
	int rc;

	/* nothing open, nothing to place: a statement of a thousand
	 * receipts of one customer is not a million loads and saves */
	if ((rc = open_ids(s, customer, 0, 0, &ids, &n, e)) < 0 || n == 0) {
		free(ids);
		return rc;
	}
	free(ids);
	ids = NULL;
	n = 0;
	if ((st = crm_db_prepare(s->db, sql_credit, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, customer);
	sqlite3_bind_int64(st, 2, rid);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		ids = crm_xrealloc(ids, (n + 1) * sizeof(*ids));
		dates = crm_xrealloc(dates, (n + 1) * sizeof(*dates));
		ids[n] = sqlite3_column_int64(st, 0);
		snprintf(dates[n++], CRM_DATE_LEN, "%s",
		    crm_db_col_text(st, 1));
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = place_saved(s, ids[i], 0, 0, strcmp(dates[i], date) > 0 ?
		    dates[i] : date, e);
	free(ids);
	free(dates);
	return rc;
}

static const char sql_credit_sum[] =
	"SELECT coalesce(sum(amount - allocated), 0) FROM receipts "
	"WHERE customer_id = ?1 AND reversed_at IS NULL";

static int
credit_of(struct crm_session *s, long long customer, long long *credit,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_credit_sum, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, customer);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	*credit = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* --to: an open instalment of the customer's (and the order's) orders
 * confirmed or later. */
static int
target(struct crm_session *s, const char *to, long long customer,
    long long order, long long *inst, struct crm_err *e)
{
	long long *ids;
	size_t n;
	char *end;

	*inst = 0;
	if (to == NULL)
		return 0;
	*inst = strtoll(to, &end, 10);
	if (*end != '\0' || *inst <= 0)
		return crm_err_set(e, CRM_EX_USAGE, "--to: '%s' is not an "
		    "instalment id", to);
	if (open_ids(s, customer, order, *inst, &ids, &n, e) < 0)
		return -1;
	free(ids);
	if (n == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "--to: instalment %lld "
		    "is not an open instalment of customer %lld's confirmed "
		    "orders", *inst, customer);
	return 0;
}

int
pay_receipt_allocate(struct crm_session *s, long long id, long long customer,
    long long order, long long inst, const char *date, struct crm_err *e)
{
	if ((inst && place_saved(s, id, order, inst, date, e) < 0) ||
	    place_saved(s, id, order, 0, date, e) < 0)
		return -1;
	return apply_credit(s, customer, id, date, e);
}

static const char sql_by_ref[] =
	"SELECT id, date, crm_money(amount), reversed_at IS NOT NULL "
	"FROM receipts WHERE ref_key = ?1 AND id IS NOT ?2 ORDER BY id";

/* A reference (folded as names are) is one receipt's, as import holds
 * it: the same transfer typed after the statement was imported, or
 * typed twice, is refused, whether or not that receipt was reversed. */
static int
ref_check(struct crm_session *s, const struct crm_record *r,
    struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (r->key[0] == NULL)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_by_ref, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, r->key[0]);
	if (r->id > 0)
		sqlite3_bind_int64(st, 2, r->id);
	if ((rc = crm_db_row(s->db, st, e)) == 1 &&
	    sqlite3_column_int(st, 3))
		crm_err_set(e, CRM_EX_DATAERR, "field 'ref': '%s' is the "
		    "reference of receipt %lld (%s, %s, reversed): a reference "
		    "is recorded once", r->f[CRM_RF_REF],
		    sqlite3_column_int64(st, 0), crm_db_col_text(st, 1),
		    crm_db_col_text(st, 2));
	else if (rc == 1)
		crm_err_set(e, CRM_EX_DATAERR, "field 'ref': '%s' is the "
		    "reference of receipt %lld (%s, %s): a reference is "
		    "recorded once", r->f[CRM_RF_REF],
		    sqlite3_column_int64(st, 0), crm_db_col_text(st, 1),
		    crm_db_col_text(st, 2));
	sqlite3_reset(st);
	return rc == 0 ? 0 : -1;
}

static int
receive_locked(struct crm_session *s, const struct crm_input *given,
    const char *to, long long *id, long long *credit, struct crm_err *e)
{
	struct crm_store_rules rules = { NULL, REQUIRED, NULL, ref_check };
	struct crm_input in = *given;
	char today[CRM_DATE_LEN], ids[3][32];
	/* crm_store_load initializes it; free() of it as it is is safe */
	struct crm_record r = { 0 };
	long long customer, order, inst;
	int rc = -1;

	if (crm_session_require(s, PAY_FINANCE, _("record receipts"), e) < 0)
		goto out;
	if (in.f[CRM_RF_DATE] == NULL) {
		crm_today_text(today);
		in.f[CRM_RF_DATE] = today;
	}
	if (resolve(s, &in, CRM_RF_CUSTOMER, ids[0], e) < 0 ||
	    resolve(s, &in, CRM_RF_ORDER, ids[1], e) < 0 ||
	    resolve(s, &in, CRM_RF_ACCOUNT, ids[2], e) < 0)
		goto out;
	customer = num(in.f[CRM_RF_CUSTOMER]);
	order = num(in.f[CRM_RF_ORDER]);
	if ((order && order_ok(s, order, customer, e) < 0) ||
	    target(s, to, customer, order, &inst, e) < 0 ||
	    crm_store_add_input(s, &crm_receipt_entity, &in, &rules, id,
	    e) < 0 || crm_store_load(s, &crm_receipt_entity, *id, &r, e) < 0)
		goto out;
	if (pay_receipt_allocate(s, *id, customer, order, inst,
	    r.f[CRM_RF_DATE], e) < 0 || credit_of(s, customer, credit, e) < 0)
		goto out;
	rc = 0;
out:
	crm_record_free(&r);
	return rc;
}

int
crm_receipt_receive(struct crm_session *s, const struct crm_input *in,
    const char *to, long long *id, long long *credit, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = receive_locked(s, in, to, id, credit, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* What a receipt paid, per instalment: the reversal's negatives. */
static const char sql_paid_by[] =
	"SELECT instalment_id, sum(amount) FROM allocations "
	"WHERE receipt_id = ?1 GROUP BY instalment_id "
	"HAVING sum(amount) <> 0 ORDER BY instalment_id";

static int
unbook(struct crm_session *s, long long rid, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_paid_by, e);
	long long (*rows)[2] = NULL;
	char today[CRM_DATE_LEN];
	size_t n = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		rows = crm_xrealloc(rows, (n + 1) * sizeof(*rows));
		rows[n][0] = sqlite3_column_int64(st, 0);
		rows[n++][1] = sqlite3_column_int64(st, 1);
	}
	crm_today_text(today);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = book(s, rid, rows[i][0], -rows[i][1], today, e);
	free(rows);
	return rc;
}

/* Take amount (cents) off receipt rid's allocated: credit again. */
static int
unallocate(struct crm_session *s, long long rid, long long amount,
    struct crm_err *e)
{
	struct crm_record old, now = { 0 };
	int rc = -1;

	if (crm_store_load(s, &crm_receipt_entity, rid, &old, e) == 0) {
		crm_record_copy(&now, &old);
		crm_record_set_num(&now, CRM_RF_ALLOCATED,
		    num(old.f[CRM_RF_ALLOCATED]) - amount);
		rc = crm_store_save(s, &old, &now, e);
	}
	crm_record_free(&old);
	crm_record_free(&now);
	return rc;
}

/* What each receipt paid of each instalment of an order. */
static const char sql_order_paid[] =
	"SELECT a.receipt_id, a.instalment_id, sum(a.amount) "
	"FROM allocations a JOIN instalments i ON i.id = a.instalment_id "
	"WHERE i.order_id = ?1 GROUP BY a.receipt_id, a.instalment_id "
	"HAVING sum(a.amount) <> 0 ORDER BY 1, 2";

int
pay_order_release(struct crm_session *s, long long order, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_order_paid, e);
	long long (*rows)[3] = NULL, sum = 0;
	char today[CRM_DATE_LEN];
	size_t n = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, order);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		rows = crm_xrealloc(rows, (n + 1) * sizeof(*rows));
		for (int i = 0; i < 3; i++)
			rows[n][i] = sqlite3_column_int64(st, i);
		n++;
	}
	crm_today_text(today);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = book(s, rows[i][0], rows[i][1], -rows[i][2], today, e);
		sum += rows[i][2];
		/* one change of allocated per receipt (rows by receipt) */
		if (rc == 0 && (i + 1 == n || rows[i + 1][0] != rows[i][0])) {
			rc = unallocate(s, rows[i][0], sum, e);
			sum = 0;
		}
	}
	free(rows);
	return rc;
}

static int
reverse_locked(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	struct crm_record old = { 0 }, now = { 0 };
	char at[CRM_TIME_LEN];
	int rc = -1;

	if (crm_session_require(s, PAY_FINANCE, _("reverse receipts"),
	    e) < 0 || crm_scope_load(s, &crm_receipt_entity, id, &old, e) < 0)
		goto out;
	if (old.f[CRM_RF_REVERSED_AT] != NULL) {
		crm_err_set(e, CRM_EX_DATAERR, "receipt %lld was reversed "
		    "already (%s)", id, old.f[CRM_RF_REVERSED_AT]);
		goto out;
	}
	crm_record_copy(&now, &old);
	crm_now_text(at);
	crm_record_set(&now, CRM_RF_REVERSED_AT, at);
	crm_record_set(&now, CRM_RF_REVERSED_BY, s->user);
	crm_record_set(&now, CRM_RF_REASON, reason);
	crm_record_set(&now, CRM_RF_ALLOCATED, "0");
	rc = crm_store_save(s, &old, &now, e) < 0 || unbook(s, id, e) < 0 ?
	    -1 : 0;
out:
	crm_record_free(&old);
	crm_record_free(&now);
	return rc;
}

int
crm_receipt_reverse(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	int rc;

	if (reason == NULL || *reason == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "reverse needs a reason "
		    "(--reason TEXT)");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = reverse_locked(s, id, reason, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_receipt_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_receipt_entity, g, e);
}
