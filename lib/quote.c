/* Quotes (报价单): adding one with its lines (crm/line.h prices them),
 * and the lines of a quote. Submission and approval are
 * lib/quote-approve.c's. */
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
#include "crm/line.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_customer_owner[] =
	"SELECT owner FROM customers WHERE id = ?";
static const char sql_deal[] =
	"SELECT customer_id, owner FROM deals WHERE id = ?";

/* The quote's deal, if any, is one the user sees, of its customer; its
 * owner is the deal's, else the customer's, else (a customer in the
 * pool, whom a rep must claim first) the user's. */
static int
quote_owner(struct crm_session *s, struct crm_record *q, struct crm_err *e)
{
	long long cid = strtoll(q->f[CRM_QF_CUSTOMER], NULL, 10), did;
	char *deal[2] = { NULL, NULL }, *owner = NULL;
	char *dcust = NULL;
	int rc = -1;

	if (q->f[CRM_QF_DEAL]) {
		did = strtoll(q->f[CRM_QF_DEAL], NULL, 10);
		if (crm_scope_may_see(s, &crm_deal_entity, did, e) < 0 ||
		    crm_db_texts_of(s->db, sql_deal, did, deal, 2, e) < 0) {
			crm_err_prefix(e, "field 'deal_id'");
			goto out;
		}
		dcust = deal[0];
		owner = deal[1];
		if (strtoll(dcust, NULL, 10) != cid) {
			crm_err_set(e, CRM_EX_DATAERR, "field 'deal_id': deal "
			    "%lld is not customer %lld's", did, cid);
			goto out;
		}
	} else if (crm_db_texts_of(s->db, sql_customer_owner, cid, &owner, 1,
	    e) < 0) {
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
    const char *const *specs, struct crm_line *l, size_t n,
    struct crm_err *e)
{
	struct crm_line_sum sum;

	if (crm_lines_read(s, CRM_LINES_QUOTE, specs, n, l, &sum, e) < 0)
		return -1;
	set_cents(q, CRM_QF_GROSS, sum.gross);
	set_cents(q, CRM_QF_TOTAL, sum.total);
	set_cents(q, CRM_QF_MAX_DISCOUNT, sum.max_discount);
	return 0;
}

static int
add_locked(struct crm_session *s, const struct crm_input *in,
    const char *const *specs, struct crm_line *l, size_t n, long long *id,
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
	if (crm_lines_insert(s, CRM_LINES_QUOTE, q.id, l, n, e) < 0)
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
	struct crm_line *l = crm_xcalloc(nlines ? nlines : 1, sizeof(*l));
	int rc = -1;

	if (crm_session_begin(s, e) == 0) {
		rc = add_locked(s, in, lines, l, nlines, id, e);
		if (crm_session_end(s, rc == 0, e) < 0)
			rc = -1;
	}
	crm_lines_free(l, nlines);
	return rc;
}

struct crm_rows *
crm_quote_lines(struct crm_session *s, long long id, struct crm_err *e)
{
	return crm_lines_rows(s, CRM_LINES_QUOTE, id, e);
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
	struct crm_line *l = crm_xcalloc(n ? n : 1, sizeof(*l));
	sqlite3_stmt *st;
	int rc = -1;

	if (lines_read(s, q, specs, l, n, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_lines_clear, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, q->id);
	if (crm_db_done(s->db, st, e) == 0)
		rc = crm_lines_insert(s, CRM_LINES_QUOTE, q->id, l, n, e);
out:
	crm_lines_free(l, n);
	return rc;
}

int
crm_quote_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_quote_entity, g, e);
}
