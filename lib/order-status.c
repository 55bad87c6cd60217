/* Orders after they are made: edit (a draft's lines and terms; any
 * order's note, delivery date and owner), the moves of the status
 * machine, the lines as show prints them, and the customer's last order
 * date they all keep. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order-impl.h"
#include "pay-impl.h"
#include "pool-impl.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/line.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

int
order_deliver_by_ok(const struct crm_record *o, struct crm_err *e)
{
	const char *by = o->f[CRM_OF_DELIVER_BY], *date = o->f[CRM_OF_DATE];

	if (by && date && strcmp(by, date) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "field 'deliver_by': %s "
		    "is before the order date %s", by, date);
	return 0;
}

void
order_set_total(struct crm_record *o, int64_t total)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", (long long)total);
	crm_record_set(o, CRM_OF_TOTAL, num);
}

static const char sql_last_order[] =
	"UPDATE customers SET last_order_at = (SELECT max(order_date) || "
	"'T00:00:00' FROM orders WHERE customer_id = ?1 "
	"AND status <> 'cancelled') WHERE id = ?1";

int
order_last_order_at(struct crm_session *s, const char *cid,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_last_order, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, strtoll(cid, NULL, 10));
	return crm_db_done(s->db, st, e);
}

/* The refusal of a field that edit does not set: what sets it. */
static int
not_here(int f, struct crm_err *e)
{
	const char *name = crm_order_entity.fields[f].name;

	switch (f) {
	case CRM_OF_STATUS:
	case CRM_OF_CANCEL_REASON:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(confirm, cancel and complete move an order)", name);
	case CRM_OF_TOTAL:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(the lines make it)", name);
	case CRM_OF_NUMBER:
	case CRM_OF_CUSTOMER:
	case CRM_OF_DEAL:
	case CRM_OF_QUOTE:
	case CRM_OF_CONTRACT:
	case CRM_OF_DATE:
		return crm_err_set(e, CRM_EX_USAGE, "an order's '%s' does not "
		    "change once it is made", name);
	default:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(crm keeps it)", name);
	}
}

/* The fields edit changes, checked; lines (given) and terms are a
 * draft's only. */
static int
edit_fields(struct crm_session *s, const struct crm_record *old,
    struct crm_record *o, const struct crm_input *in, size_t nspecs,
    struct crm_err *e)
{
	struct pool_owner_arg owner = { s, &crm_order_entity };
	struct crm_record_checks ck = { pool_owner_ok, &owner };
	struct crm_term t[CRM_TERMS_MAX];
	struct crm_buf norm = { 0 };
	size_t n;
	int rc;

	if ((nspecs > 0 || in->f[CRM_OF_TERMS] != NULL) &&
	    strcmp(old->f[CRM_OF_STATUS], "draft") != 0)
		return crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' is %s: "
		    "only a draft's lines and terms change", old->id,
		    old->f[CRM_OF_NUMBER], old->f[CRM_OF_STATUS]);
	crm_record_copy(o, old);
	if (crm_input_apply(o, in, &ck, e) < 0)
		return -1;
	if (o->f[CRM_OF_OWNER] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "field 'owner': an order "
		    "has an owner");
	if (!crm_record_same_field(old, o, CRM_OF_OWNER) &&
	    crm_scope_may_give(s, &crm_order_entity, o->f[CRM_OF_OWNER],
	    e) < 0)
		return -1;
	if (order_deliver_by_ok(o, e) < 0)
		return -1;
	if (o->f[CRM_OF_TERMS] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "field 'terms': an order "
		    "has terms");
	rc = crm_terms_parse(o->f[CRM_OF_TERMS], t, &n, &norm, e);
	if (rc == 0)
		crm_record_set(o, CRM_OF_TERMS, norm.s);
	else
		crm_err_prefix(e, "field 'terms'");
	crm_buf_free(&norm);
	return rc;
}

static const char sql_drop_lines[] =
	"DELETE FROM order_lines WHERE order_id = ?";

/* A draft's lines anew, audited as one change of its field "lines". */
static int
new_lines(struct crm_session *s, long long id, const struct crm_line *l,
    size_t n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_drop_lines, e);
	char *old = NULL, *now = NULL;
	int rc = -1;

	if (st == NULL || order_lines_json(s, id, &old, e) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (crm_db_done(s->db, st, e) == 0 &&
	    crm_lines_insert(s, CRM_LINES_ORDER, id, l, n, e) == 0 &&
	    order_lines_json(s, id, &now, e) == 0)
		rc = order_lines_audit(s, "update", id, old, now, e);
out:
	free(old);
	free(now);
	return rc;
}

static int
set_locked(struct crm_session *s, long long id, const struct crm_input *in,
    const char *const *specs, size_t nspecs, struct crm_line *l,
    struct crm_err *e)
{
	static const int fixed[] = { CRM_OF_ID, CRM_OF_NUMBER,
		CRM_OF_CUSTOMER, CRM_OF_DEAL, CRM_OF_QUOTE, CRM_OF_CONTRACT,
		CRM_OF_STATUS, CRM_OF_DATE, CRM_OF_TOTAL, CRM_OF_CANCEL_REASON,
		CRM_OF_SEQ, CRM_OF_CREATED_AT, CRM_OF_UPDATED_AT };
	struct crm_record old, o = { 0 };
	struct crm_line_sum sum;
	const char *bad;
	int rc = -1;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (in->f[fixed[i]] != NULL)
			return not_here(fixed[i], e);
	if (crm_scope_load(s, &crm_order_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0 ||
	    edit_fields(s, &old, &o, in, nspecs, e) < 0)
		goto out;
	if (nspecs > 0) {
		if (crm_lines_read(s, CRM_LINES_ORDER, specs, nspecs, l, &sum,
		    e) < 0)
			goto out;
		order_set_total(&o, sum.total);
	}
	if (crm_record_finish(&o, 0, &bad, e) < 0) {
		if (bad != NULL)
			crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	if (crm_store_save(s, &old, &o, e) < 0 ||
	    (nspecs > 0 && new_lines(s, id, l, nspecs, e) < 0))
		goto out;
	/* the plan follows the total and the terms */
	if (!crm_record_same_field(&old, &o, CRM_OF_TOTAL) ||
	    !crm_record_same_field(&old, &o, CRM_OF_TERMS))
		rc = order_plan_drop(s, id, e) < 0 ? -1 :
		    order_plan_make(s, &o, e);
	else
		rc = 0;
out:
	crm_record_free(&old);
	crm_record_free(&o);
	return rc;
}

int
crm_order_set(struct crm_session *s, long long id,
    const struct crm_input *in, const char *const *lines, size_t nlines,
    struct crm_err *e)
{
	struct crm_line *l = crm_xcalloc(nlines ? nlines : 1, sizeof(*l));
	int rc = -1;

	if (crm_session_begin(s, e) == 0) {
		rc = set_locked(s, id, in, lines, nlines, l, e);
		if (crm_session_end(s, rc == 0, e) < 0)
			rc = -1;
	}
	crm_lines_free(l, nlines);
	return rc;
}

/* The moves of the status machine. shipped and delivered are the
 * shipments' (crm-order ship). */
enum move { CONFIRM, CANCEL, COMPLETE };

/* May order o make the move? 65 naming the status it is in. */
static int
may_move(const struct crm_record *o, enum move m, struct crm_err *e)
{
	const char *st = o->f[CRM_OF_STATUS], *num = o->f[CRM_OF_NUMBER];

	switch (m) {
	case CONFIRM:
		if (strcmp(st, "draft") == 0)
			return 0;
		return crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' is %s: "
		    "only a draft is confirmed", o->id, num, st);
	case CANCEL:
		if (strcmp(st, "draft") == 0 || strcmp(st, "confirmed") == 0)
			return 0;
		return crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' is %s: "
		    "only a draft or confirmed order is cancelled", o->id, num,
		    st);
	case COMPLETE:
		if (strcmp(st, "delivered") == 0)
			return 0;
		return crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' is %s: "
		    "only a delivered order is completed", o->id, num, st);
	}
	return -1;
}

static int
move_locked(struct crm_session *s, long long id, enum move m,
    const char *reason, struct crm_err *e)
{
	static const char *const to[] = { "confirmed", "cancelled",
		"completed" };
	struct crm_record old, o = { 0 };
	int rc = -1;

	if (crm_scope_load(s, &crm_order_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0 || may_move(&old, m, e) < 0)
		goto out;
	crm_record_copy(&o, &old);
	crm_record_set(&o, CRM_OF_STATUS, to[m]);
	if (m == CANCEL)
		crm_record_set(&o, CRM_OF_CANCEL_REASON, reason);
	if (crm_store_save(s, &old, &o, e) < 0)
		goto out;
	/* what receipts paid of it becomes the customer's credit */
	rc = m != CANCEL ? 0 : pay_order_release(s, id, e) < 0 ||
	    order_plan_cancel(s, id, e) < 0 ? -1 :
	    order_last_order_at(s, o.f[CRM_OF_CUSTOMER], e);
out:
	crm_record_free(&old);
	crm_record_free(&o);
	return rc;
}

static int
move(struct crm_session *s, long long id, enum move m, const char *reason,
    struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = move_locked(s, id, m, reason, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_order_confirm(struct crm_session *s, long long id, struct crm_err *e)
{
	return move(s, id, CONFIRM, NULL, e);
}

int
crm_order_cancel(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	if (reason == NULL || *reason == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "cancel needs --reason "
		    "TEXT");
	return move(s, id, CANCEL, reason, e);
}

int
crm_order_complete(struct crm_session *s, long long id, struct crm_err *e)
{
	return move(s, id, COMPLETE, NULL, e);
}

struct crm_rows *
crm_order_lines(struct crm_session *s, long long id, struct crm_err *e)
{
	return crm_lines_rows(s, CRM_LINES_ORDER, id, e);
}
