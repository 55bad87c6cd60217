/* Orders (销售订单): adding one — its customer and the deal, quote or
 * contract it follows, its owner, date, number, lines, terms and
 * instalments — and accepting a quote, which is adding its order.
 * Editing and the status moves are lib/order-status.c's, the payment
 * plan lib/order-plan.c's, crm undo lib/order-undo.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order-impl.h"
#include "pool-impl.h"
#include "crm/contract.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/deal.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/line.h"
#include "crm/number.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/banned.h"

/* What an add works from: its lines, and the quote it accepts. */
struct adding {
	struct crm_line *l;
	size_t n;
	struct crm_line_sum sum;
	struct crm_record quote;	/* loaded: an order of a quote */
	char cid[32];
};

static const char sql_quote_lines[] =
	"SELECT product_id, sku, name, qty, price, discount, amount "
	"FROM quote_lines WHERE quote_id = ? ORDER BY line";

/* The quote's lines, each of a product still on sale. */
static int
quote_lines(struct crm_session *s, long long quote, struct adding *a,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_quote_lines, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, quote);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct crm_line *l;

		a->l = crm_xrealloc(a->l, (a->n + 1) * sizeof(*a->l));
		l = &a->l[a->n++];
		l->product = sqlite3_column_int64(st, 0);
		l->sku = crm_xstrdup(crm_db_col_text(st, 1));
		l->name = crm_xstrdup(crm_db_col_text(st, 2));
		l->qty = sqlite3_column_int64(st, 3);
		l->price = sqlite3_column_int64(st, 4);
		l->discount = sqlite3_column_int(st, 5);
		l->amount = sqlite3_column_int64(st, 6);
		a->sum.total += l->amount;
	}
	for (size_t i = 0; rc == 0 && i < a->n; i++)
		if (crm_line_on_sale(s, CRM_LINES_ORDER, a->l[i].product,
		    e) < 0)
			return crm_err_prefix(e, "quote %lld line %zu", quote,
			    i + 1);
	return rc;
}

/* An order of a quote: one the user may change, approved and not past
 * valid_until; its customer (the one given must be it) and deal. */
static int
from_quote(struct crm_session *s, struct crm_input *in, struct adding *a,
    struct crm_err *e)
{
	struct crm_record *q = &a->quote;
	char today[CRM_DATE_LEN];
	long long qid, cid;

	if (in->f[CRM_OF_DEAL] != NULL)
		return crm_err_set(e, CRM_EX_USAGE, "an order of a quote is of "
		    "the quote's deal (no --deal)");
	if (crm_find(s, &crm_quote_entity, in->f[CRM_OF_QUOTE], &qid, e) < 0)
		return crm_err_prefix(e, "field 'quote_id'");
	if (crm_scope_load(s, &crm_quote_entity, qid, q, e) < 0 ||
	    crm_scope_may_change(s, q, e) < 0)
		return -1;
	crm_today_text(today);
	if (strcmp(q->f[CRM_QF_STATUS], "approved") != 0)
		return crm_err_set(e, CRM_EX_DATAERR, "quote %lld is %s, not "
		    "%s", qid, q->f[CRM_QF_STATUS], "approved");
	if (q->f[CRM_QF_VALID_UNTIL] &&
	    strcmp(q->f[CRM_QF_VALID_UNTIL], today) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "quote %lld was valid "
		    "until %s", qid, q->f[CRM_QF_VALID_UNTIL]);
	if (in->f[CRM_OF_CUSTOMER] && *in->f[CRM_OF_CUSTOMER]) {
		if (crm_find(s, &crm_customer_entity, in->f[CRM_OF_CUSTOMER],
		    &cid, e) < 0)
			return crm_err_prefix(e, "field 'customer_id'");
		if (cid != strtoll(q->f[CRM_QF_CUSTOMER], NULL, 10))
			return crm_err_set(e, CRM_EX_DATAERR, "field "
			    "'customer_id': quote %lld is not customer %lld's",
			    qid, cid);
	}
	in->f[CRM_OF_CUSTOMER] = q->f[CRM_QF_CUSTOMER];
	in->f[CRM_OF_DEAL] = q->f[CRM_QF_DEAL];
	return quote_lines(s, qid, a, e);
}

/* The input with its customer, given by id or name, as the id of one
 * the user sees. */
static int
customer_of(struct crm_session *s, struct crm_input *in, struct adding *a,
    struct crm_err *e)
{
	long long id;

	if (in->f[CRM_OF_CUSTOMER] == NULL || *in->f[CRM_OF_CUSTOMER] == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "an order needs "
		    "--customer ID|NAME");
	if (crm_find(s, &crm_customer_entity, in->f[CRM_OF_CUSTOMER], &id,
	    e) < 0)
		return crm_err_prefix(e, "field 'customer_id'");
	snprintf(a->cid, sizeof(a->cid), "%lld", id);
	in->f[CRM_OF_CUSTOMER] = a->cid;
	return 0;
}

static const char sql_deal_customer[] =
	"SELECT customer_id FROM deals WHERE id = ?";
static const char sql_contract_customer[] =
	"SELECT customer_id FROM contracts WHERE id = ?";

/* A link (deal, contract) is to a record the user sees, of the order's
 * customer. */
static int
link_ok(struct crm_session *s, const struct crm_record *o, int f,
    struct crm_err *e)
{
	const struct crm_entity *ent = f == CRM_OF_DEAL ? &crm_deal_entity :
	    &crm_contract_entity;
	const char *name = crm_order_entity.fields[f].name;
	long long id, cid = strtoll(o->f[CRM_OF_CUSTOMER], NULL, 10);
	char *owner_cid = NULL;
	int rc;

	if (o->f[f] == NULL)
		return 0;
	id = strtoll(o->f[f], NULL, 10);
	if (crm_scope_may_see(s, ent, id, e) < 0 || crm_db_texts_of(s->db,
	    f == CRM_OF_DEAL ? sql_deal_customer : sql_contract_customer, id,
	    &owner_cid, 1, e) < 0)
		return crm_err_prefix(e, "field '%s'", name);
	rc = owner_cid && strtoll(owner_cid, NULL, 10) == cid ? 0 :
	    f == CRM_OF_DEAL ? crm_err_set(e, CRM_EX_DATAERR, "field "
	    "'deal_id': deal %lld is not customer %lld's", id, cid) :
	    crm_err_set(e, CRM_EX_DATAERR, "field 'contract_id': contract "
	    "%lld is not customer %lld's", id, cid);
	free(owner_cid);
	return rc;
}

static const char sql_customer_owner[] =
	"SELECT owner FROM customers WHERE id = ?";

/* The owner given (one the user may give orders to), else the
 * customer's, else (a customer in the pool, whom a rep claims first)
 * the user's. */
static int
order_owner(struct crm_session *s, struct crm_record *o, struct crm_err *e)
{
	char *owner = NULL;

	if (o->f[CRM_OF_OWNER] == NULL) {
		if (crm_db_texts_of(s->db, sql_customer_owner,
		    strtoll(o->f[CRM_OF_CUSTOMER], NULL, 10), &owner, 1, e) < 0)
			return -1;
		if (owner == NULL && s->role == CRM_ROLE_REP)
			return crm_err_set(e, CRM_EX_NOPERM, "customer %s is in "
			    "the pool: claim it first", o->f[CRM_OF_CUSTOMER]);
		crm_record_set(o, CRM_OF_OWNER, owner ? owner : s->user);
		free(owner);
	}
	return crm_scope_may_give(s, &crm_order_entity, o->f[CRM_OF_OWNER], e);
}

/* The date (today unless given), the delivery date not before it, and
 * the terms (pay.default_terms unless given) in their normal form. */
static int
date_and_terms(struct crm_session *s, struct crm_record *o,
    struct crm_err *e)
{
	struct crm_term t[CRM_TERMS_MAX];
	struct crm_buf dflt = { 0 }, norm = { 0 };
	char today[CRM_DATE_LEN];
	size_t n;
	int rc = -1;

	if (o->f[CRM_OF_DATE] == NULL) {
		crm_today_text(today);
		crm_record_set(o, CRM_OF_DATE, today);
	}
	if (order_deliver_by_ok(o, e) < 0)
		return -1;
	if (o->f[CRM_OF_TERMS] == NULL &&
	    crm_setting_text(s, "pay.default_terms", &dflt, e) < 0)
		goto out;
	if (crm_terms_parse(o->f[CRM_OF_TERMS] ? o->f[CRM_OF_TERMS] : dflt.s,
	    t, &n, &norm, e) < 0) {
		crm_err_prefix(e, "field 'terms'");
		goto out;
	}
	crm_record_set(o, CRM_OF_TERMS, norm.s);
	rc = 0;
out:
	crm_buf_free(&dflt);
	crm_buf_free(&norm);
	return rc;
}

/* The next counter of the order date's year, taken in this write
 * transaction: adds one after the other get 1, 2, 3 ... */
static const char sql_next[] =
	"INSERT INTO order_numbers (year, seq) VALUES (?1, 1) "
	"ON CONFLICT (year) DO UPDATE SET seq = seq + 1 RETURNING seq";
static const char sql_number_taken[] =
	"SELECT 1 FROM orders WHERE number_key = crm_key(?1)";

static int
number_order(struct crm_session *s, struct crm_record *o, struct crm_err *e)
{
	struct crm_buf seqtext = { 0 }, num = { 0 };
	sqlite3_stmt *st;
	long long seq;
	crm_day day;
	int y, m, d, rc = -1;

	if (crm_date_parse(o->f[CRM_OF_DATE], &day, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_next, e)) == NULL)
		goto out;
	crm_day_to_ymd(day, &y, &m, &d);
	sqlite3_bind_int(st, 1, y);
	if (crm_db_row(s->db, st, e) != 1)
		goto out;
	seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (crm_number_format(s, "order.number_format", day, seq, &num,
	    e) < 0 || (st = crm_db_prepare(s->db, sql_number_taken,
	    e)) == NULL)
		goto out;
	crm_db_bind_text(st, 1, num.s);
	if ((rc = crm_db_row(s->db, st, e)) != 0) {
		if (rc == 1) {
			sqlite3_reset(st);
			rc = crm_err_set(e, CRM_EX_DATAERR, "order number %s is "
			    "taken already (see order.number_format)", num.s);
		}
		goto out;
	}
	crm_record_set(o, CRM_OF_NUMBER, num.s);
	crm_buf_addf(&seqtext, "%lld", seq);
	crm_record_set(o, CRM_OF_SEQ, seqtext.s);
out:
	crm_buf_free(&seqtext);
	crm_buf_free(&num);
	return rc;
}

/* The fields of a new order from the input, its links and owner. */
static int
order_fields(struct crm_session *s, struct crm_record *o,
    const struct crm_input *given, const char *const *specs, size_t nspecs,
    struct adding *a, struct crm_err *e)
{
	struct pool_owner_arg owner = { s, &crm_order_entity };
	struct crm_record_checks ck = { pool_owner_ok, &owner };
	struct crm_input in = *given;

	if (crm_input_no_system(&crm_order_entity, given, e) < 0)
		return -1;
	if (in.f[CRM_OF_QUOTE] != NULL) {
		if (nspecs > 0)
			return crm_err_set(e, CRM_EX_USAGE, "an order of a "
			    "quote has the quote's lines (no --line)");
		if (from_quote(s, &in, a, e) < 0)
			return -1;
	} else if (customer_of(s, &in, a, e) < 0) {
		return -1;
	}
	if (crm_input_apply(o, &in, &ck, e) < 0 ||
	    link_ok(s, o, CRM_OF_DEAL, e) < 0 ||
	    link_ok(s, o, CRM_OF_CONTRACT, e) < 0 ||
	    order_owner(s, o, e) < 0 || date_and_terms(s, o, e) < 0)
		return -1;
	if (a->n == 0) {
		a->l = crm_xcalloc(nspecs ? nspecs : 1, sizeof(*a->l));
		a->n = nspecs;
		if (crm_lines_read(s, CRM_LINES_ORDER, specs, nspecs, a->l,
		    &a->sum, e) < 0)
			return -1;
	}
	order_set_total(o, a->sum.total);
	return number_order(s, o, e);
}

/* The quote an order accepts becomes accepted. */
static int
accept_quote(struct crm_session *s, const struct crm_record *q,
    struct crm_err *e)
{
	struct crm_record now = { 0 };
	int rc;

	crm_record_copy(&now, q);
	crm_record_set(&now, CRM_QF_STATUS, "accepted");
	rc = crm_store_save(s, q, &now, e);
	crm_record_free(&now);
	return rc;
}

static int
add_locked(struct crm_session *s, const struct crm_input *in,
    const char *const *specs, size_t nspecs, struct adding *a, long long *id,
    struct crm_err *e)
{
	unsigned long long required;
	struct crm_record o;
	char *json = NULL;
	int rc = -1;

	crm_record_init(&o, &crm_order_entity);
	if (crm_session_require(s, crm_order_entity.scope->change,
	    _("add orders"), e) < 0 ||
	    order_fields(s, &o, in, specs, nspecs, a, e) < 0 ||
	    crm_store_required(s, &crm_order_entity, &required, e) < 0 ||
	    crm_store_create(s, &o, required, e) < 0 ||
	    crm_lines_insert(s, CRM_LINES_ORDER, o.id, a->l, a->n, e) < 0 ||
	    order_lines_json(s, o.id, &json, e) < 0 ||
	    order_lines_audit(s, "create", o.id, NULL, json, e) < 0 ||
	    order_plan_make(s, &o, e) < 0 ||
	    (a->quote.ent && accept_quote(s, &a->quote, e) < 0) ||
	    order_last_order_at(s, o.f[CRM_OF_CUSTOMER], e) < 0)
		goto out;
	*id = o.id;
	rc = 0;
out:
	free(json);
	crm_record_free(&o);
	return rc;
}

int
crm_order_add(struct crm_session *s, const struct crm_input *in,
    const char *const *lines, size_t nlines, long long *id,
    struct crm_err *e)
{
	struct adding a;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (crm_session_begin(s, e) == 0) {
		rc = add_locked(s, in, lines, nlines, &a, id, e);
		if (crm_session_end(s, rc == 0, e) < 0)
			rc = -1;
	}
	crm_lines_free(a.l, a.n);
	if (a.quote.ent)
		crm_record_free(&a.quote);
	return rc;
}

int
crm_quote_accept(struct crm_session *s, long long quote,
    const struct crm_input *given, long long *id, struct crm_err *e)
{
	struct crm_input in = *given;
	char qid[32];

	snprintf(qid, sizeof(qid), "%lld", quote);
	in.f[CRM_OF_QUOTE] = qid;
	return crm_order_add(s, &in, NULL, 0, id, e);
}
