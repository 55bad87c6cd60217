/* Contracts (合同): adding one — its customer, the deal or quote it
 * follows, its owner, its number — and changing its fields. The moves
 * of its status and its renewal are lib/contract-status.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contract-impl.h"
#include "pool-impl.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/deal.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/number.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_customer_owner[] =
	"SELECT owner FROM customers WHERE id = ?";
static const char sql_deal_owner[] = "SELECT owner FROM deals WHERE id = ?";
static const char sql_quote_owner[] =
	"SELECT owner FROM quotes WHERE id = ?";
static const char sql_deal[] =
	"SELECT customer_id FROM deals WHERE id = ?";
static const char sql_quote[] =
	"SELECT customer_id, deal_id, status, total FROM quotes WHERE id = ?";
static const char sql_by_number[] =
	"SELECT id FROM contracts WHERE number_key = ?1 AND id IS NOT ?2";

static void
free_row(char **row, int n)
{
	for (int i = 0; i < n; i++) {
		free(row[i]);
		row[i] = NULL;
	}
}

int
contract_not_here(int f, struct crm_err *e)
{
	const char *name = crm_contract_entity.fields[f].name;

	switch (f) {
	case CRM_KF_STATUS:
	case CRM_KF_TERMINATED_AT:
	case CRM_KF_TERMINATE_REASON:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(activate and terminate change the status)", name);
	case CRM_KF_RENEWED_FROM:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(renew makes the contract that continues another)", name);
	case CRM_KF_CUSTOMER:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(a contract stays with its customer)", name);
	case CRM_KF_START:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(a renewal starts the day after the end of the contract "
		    "it continues)", name);
	case CRM_KF_OWNER:
	case CRM_KF_DEAL:
	case CRM_KF_QUOTE:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(a renewal keeps its contract's: edit it after)", name);
	default:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(crm keeps it)", name);
	}
}

/* The input's fields that the verb does not set (a bit per field). */
int
contract_refuse(const struct crm_input *in, unsigned long long fixed,
    struct crm_err *e)
{
	for (int f = 0; f < CRM_CONTRACT_NFIELDS; f++)
		if ((fixed & 1ull << f) && in->f[f] != NULL)
			return contract_not_here(f, e);
	return 0;
}

int
contract_apply(struct crm_session *s, struct crm_record *k,
    const struct crm_input *given, struct crm_err *e)
{
	struct pool_owner_arg owner = { s, &crm_contract_entity };
	struct crm_record_checks ck = { pool_owner_ok, &owner };
	struct crm_input in = *given;
	const char *cust = in.f[CRM_KF_CUSTOMER];
	char idbuf[32];
	long long cid;

	if (cust && *cust) {
		if (crm_find(s, &crm_customer_entity, cust, &cid, e) < 0)
			return crm_err_prefix(e, "field 'customer_id'");
		snprintf(idbuf, sizeof(idbuf), "%lld", cid);
		in.f[CRM_KF_CUSTOMER] = idbuf;
	}
	return crm_input_apply(k, &in, &ck, e);
}

/* The deal a contract closes: one the user sees, of its customer. */
static int
deal_ok(struct crm_session *s, const struct crm_record *k,
    struct crm_err *e)
{
	long long did = strtoll(k->f[CRM_KF_DEAL], NULL, 10);
	char *cust = NULL;
	int rc;

	if (crm_scope_may_see(s, &crm_deal_entity, did, e) < 0 ||
	    crm_db_texts_of(s->db, sql_deal, did, &cust, 1, e) < 0)
		return crm_err_prefix(e, "field 'deal_id'");
	rc = strcmp(cust, k->f[CRM_KF_CUSTOMER]) == 0 ? 0 :
	    crm_err_set(e, CRM_EX_DATAERR, "field 'deal_id': deal %lld is "
	    "not customer %s's", did, k->f[CRM_KF_CUSTOMER]);
	free(cust);
	return rc;
}

/* The quote a contract follows: one the user sees, of its customer,
 * approved (or accepted: it made an order) — when it is new (fresh);
 * its deal is the contract's (the default of a fresh one), its total the
 * default amount. */
static int
quote_ok(struct crm_session *s, struct crm_record *k, int fresh,
    struct crm_err *e)
{
	enum { CUST, DEAL, STATUS, TOTAL, N };
	long long qid = strtoll(k->f[CRM_KF_QUOTE], NULL, 10);
	char *q[N] = { NULL };
	int rc = -1;

	if ((fresh && crm_scope_may_see(s, &crm_quote_entity, qid, e) < 0) ||
	    crm_db_texts_of(s->db, sql_quote, qid, q, N, e) < 0)
		crm_err_prefix(e, "field 'quote_id'");
	else if (strcmp(q[CUST], k->f[CRM_KF_CUSTOMER]) != 0)
		crm_err_set(e, CRM_EX_DATAERR, "field 'quote_id': quote %lld "
		    "is not customer %s's", qid, k->f[CRM_KF_CUSTOMER]);
	else if (fresh && strcmp(q[STATUS], "approved") != 0 &&
	    strcmp(q[STATUS], "accepted") != 0)
		crm_err_set(e, CRM_EX_DATAERR, "field 'quote_id': quote %lld "
		    "is %s, not approved", qid, q[STATUS]);
	else if (q[DEAL] && k->f[CRM_KF_DEAL] &&
	    strcmp(q[DEAL], k->f[CRM_KF_DEAL]) != 0)
		crm_err_set(e, CRM_EX_DATAERR, "field 'quote_id': quote %lld "
		    "prices deal %s, not deal %s", qid, q[DEAL],
		    k->f[CRM_KF_DEAL]);
	else
		rc = 0;
	if (rc == 0 && fresh && k->f[CRM_KF_DEAL] == NULL)
		crm_record_set(k, CRM_KF_DEAL, q[DEAL]);
	if (rc == 0 && k->f[CRM_KF_AMOUNT] == NULL)
		crm_record_set(k, CRM_KF_AMOUNT, q[TOTAL]);
	free_row(q, N);
	return rc;
}

int
contract_links(struct crm_session *s, struct crm_record *k,
    const struct crm_record *old, struct crm_err *e)
{
	int fresh = old == NULL || !crm_record_same_field(old, k,
	    CRM_KF_QUOTE);

	/* a new deal is the quote's deal too */
	if (k->f[CRM_KF_QUOTE] && (fresh || !crm_record_same_field(old, k,
	    CRM_KF_DEAL)) && quote_ok(s, k, fresh, e) < 0)
		return -1;
	if (k->f[CRM_KF_DEAL] && (old == NULL ||
	    !crm_record_same_field(old, k, CRM_KF_DEAL)) &&
	    deal_ok(s, k, e) < 0)
		return -1;
	return 0;
}

/* A new contract's owner, unless given: its quote's, else its deal's,
 * else its customer's; one of a customer in the pool and of no deal is
 * the user's own (a rep claims the customer first). */
static int
new_owner(struct crm_session *s, struct crm_record *k, struct crm_err *e)
{
	int by = k->f[CRM_KF_QUOTE] ? CRM_KF_QUOTE : k->f[CRM_KF_DEAL] ?
	    CRM_KF_DEAL : CRM_KF_CUSTOMER;
	long long ref = strtoll(k->f[by], NULL, 10);
	char *owner = NULL;
	int rc = 0;

	if (k->f[CRM_KF_OWNER] == NULL) {
		if (crm_db_texts_of(s->db, by == CRM_KF_QUOTE ? sql_quote_owner :
		    by == CRM_KF_DEAL ? sql_deal_owner : sql_customer_owner,
		    ref, &owner, 1, e) < 0)
			return -1;
		if (owner == NULL && s->role == CRM_ROLE_REP)
			rc = crm_err_set(e, CRM_EX_NOPERM, "customer %lld is in "
			    "the pool: claim it first", ref);
		crm_record_set(k, CRM_KF_OWNER, owner ? owner : s->user);
		free(owner);
	}
	if (rc == 0)
		rc = crm_scope_may_give(s, &crm_contract_entity,
		    k->f[CRM_KF_OWNER], e);
	return rc;
}

void
contract_signed_default(struct crm_record *k)
{
	char today[CRM_DATE_LEN];
	const char *start = k->f[CRM_KF_START];

	if (k->f[CRM_KF_SIGNED_AT] != NULL ||
	    strcmp(k->f[CRM_KF_STATUS], "active") != 0)
		return;
	crm_today_text(today);
	crm_record_set(k, CRM_KF_SIGNED_AT, start && strcmp(start, today) < 0 ?
	    start : today);
}

int
contract_signed_ok(const struct crm_record *k, struct crm_err *e)
{
	char today[CRM_DATE_LEN];

	crm_today_text(today);
	if (k->f[CRM_KF_SIGNED_AT] && strcmp(k->f[CRM_KF_SIGNED_AT],
	    today) > 0)
		return crm_err_set(e, CRM_EX_DATAERR, "field 'signed_at': %s "
		    "is after today", k->f[CRM_KF_SIGNED_AT]);
	return 0;
}

/* A number another contract has is refused, naming that one to a user
 * who sees it. */
static int
number_free(struct crm_session *s, const struct crm_record *k,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_by_number, e);
	struct crm_err hidden = { 0 };
	long long other;
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, k->key[0]);
	if (k->id > 0)
		sqlite3_bind_int64(st, 2, k->id);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	other = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (crm_scope_may_see(s, &crm_contract_entity, other, &hidden) == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "field 'number': '%s' is "
		    "the number of contract %lld", k->f[CRM_KF_NUMBER], other);
	return crm_err_set(e, CRM_EX_DATAERR, "field 'number': '%s' is "
	    "another contract's number", k->f[CRM_KF_NUMBER]);
}

int
contract_store(struct crm_session *s, struct crm_record *k,
    const struct crm_record *old, struct crm_err *e)
{
	struct crm_buf number = { 0 };
	unsigned long long required = 0;
	const char *bad;
	int rc = -1;

	if (k->f[CRM_KF_NUMBER] == NULL && old == NULL) {
		if (crm_number_next(s, &crm_contract_entity, CRM_KF_NUMBER,
		    "contract.number_format", crm_today(), &number, e) < 0)
			goto out;
		crm_record_set(k, CRM_KF_NUMBER, crm_buf_str(&number));
	}
	for (int f = 0; f < CRM_CONTRACT_NFIELDS; f++)
		if (crm_contract_entity.fields[f].flags & CRM_F_REQUIRED)
			required |= 1ull << f;
	required |= 1ull << CRM_KF_NUMBER | 1ull << CRM_KF_AMOUNT |
	    1ull << CRM_KF_OWNER;
	/* the keys first, for the number's own message before the index's */
	if (crm_record_finish(k, required, &bad, e) < 0) {
		if (bad)
			crm_err_prefix(e, "field '%s'", bad);
	} else if (number_free(s, k, e) == 0) {
		rc = old ? crm_store_save(s, old, k, e) :
		    crm_store_create(s, k, required, e);
	}
out:
	crm_buf_free(&number);
	return rc;
}

/* What add needs: the customer and the days; an amount unless a quote
 * gives it; a draft or active status. */
static int
add_input_ok(const struct crm_input *in, struct crm_err *e)
{
	const char *st = in->f[CRM_KF_STATUS];

	if (contract_refuse(in, 1ull << CRM_KF_ID | 1ull << CRM_KF_TERMINATED_AT |
	    1ull << CRM_KF_TERMINATE_REASON | 1ull << CRM_KF_RENEWED_FROM |
	    1ull << CRM_KF_CREATED_AT | 1ull << CRM_KF_UPDATED_AT, e) < 0)
		return -1;
	if (in->f[CRM_KF_CUSTOMER] == NULL || *in->f[CRM_KF_CUSTOMER] == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "a contract needs "
		    "--customer ID|NAME");
	if (in->f[CRM_KF_START] == NULL || in->f[CRM_KF_END] == NULL)
		return crm_err_set(e, CRM_EX_USAGE, "a contract needs --start "
		    "DATE and --end DATE");
	if (in->f[CRM_KF_AMOUNT] == NULL && in->f[CRM_KF_QUOTE] == NULL)
		return crm_err_set(e, CRM_EX_USAGE, "a contract needs --amount "
		    "MONEY (or --quote ID: its total)");
	if (st && strcasecmp(st, "draft") != 0 && strcasecmp(st, "active") != 0)
		return crm_err_set(e, CRM_EX_USAGE, "field 'status': a new "
		    "contract is draft or active, not '%s' (activate and "
		    "terminate change it later)", st);
	return 0;
}

static int
add_locked(struct crm_session *s, const struct crm_input *in, long long *id,
    struct crm_err *e)
{
	struct crm_record k;
	int rc = -1;

	crm_record_init(&k, &crm_contract_entity);
	if (add_input_ok(in, e) < 0 ||
	    crm_session_require(s, crm_contract_entity.scope->change,
	    _("add contracts"), e) < 0 || contract_apply(s, &k, in, e) < 0 ||
	    contract_links(s, &k, NULL, e) < 0 || new_owner(s, &k, e) < 0 ||
	    contract_signed_ok(&k, e) < 0)
		goto out;
	if (k.f[CRM_KF_STATUS] == NULL)
		crm_record_set(&k, CRM_KF_STATUS, "active");
	contract_signed_default(&k);
	if (contract_store(s, &k, NULL, e) == 0) {
		*id = k.id;
		rc = 0;
	}
out:
	crm_record_free(&k);
	return rc;
}

int
crm_contract_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = add_locked(s, in, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The days of a contract in a chain of renewals stay as the chain has
 * them: the end of one that a renewal continues, the start of a
 * renewal (the day after the end of the one it continues). */
static int
chain_kept(struct crm_session *s, const struct crm_record *old,
    const struct crm_record *k, struct crm_err *e)
{
	long long next;
	int rc;

	if (!crm_record_same_field(old, k, CRM_KF_START) &&
	    old->f[CRM_KF_RENEWED_FROM])
		return crm_err_set(e, CRM_EX_DATAERR, "field 'start_date': "
		    "contract %lld continues contract %s from the day after "
		    "its end", old->id, old->f[CRM_KF_RENEWED_FROM]);
	if (crm_record_same_field(old, k, CRM_KF_END))
		return 0;
	if ((rc = contract_renewal_of(s, old->id, 1, &next, e)) <= 0)
		return rc;
	return crm_err_set(e, CRM_EX_DATAERR, "field 'end_date': contract "
	    "%lld is continued by a renewal from the day after its end",
	    old->id);
}

static int
set_locked(struct crm_session *s, long long id, const struct crm_input *in,
    struct crm_err *e)
{
	struct crm_record old, k = { 0 };
	int rc = -1;

	if (contract_refuse(in, 1ull << CRM_KF_ID | 1ull << CRM_KF_CUSTOMER |
	    1ull << CRM_KF_STATUS | 1ull << CRM_KF_TERMINATED_AT |
	    1ull << CRM_KF_TERMINATE_REASON | 1ull << CRM_KF_RENEWED_FROM |
	    1ull << CRM_KF_CREATED_AT | 1ull << CRM_KF_UPDATED_AT, e) < 0)
		return -1;
	if (crm_scope_load(s, &crm_contract_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	crm_record_copy(&k, &old);
	if (contract_apply(s, &k, in, e) < 0 ||
	    contract_links(s, &k, &old, e) < 0 ||
	    contract_signed_ok(&k, e) < 0 || chain_kept(s, &old, &k, e) < 0)
		goto out;
	if (k.f[CRM_KF_OWNER] == NULL)
		crm_err_set(e, CRM_EX_DATAERR, "field 'owner': a contract has "
		    "an owner");
	else if (crm_record_same_field(&old, &k, CRM_KF_OWNER) ||
	    crm_scope_may_give(s, &crm_contract_entity, k.f[CRM_KF_OWNER],
	    e) == 0)
		rc = contract_store(s, &k, &old, e);
out:
	crm_record_free(&old);
	crm_record_free(&k);
	return rc;
}

int
crm_contract_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = set_locked(s, id, in, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}
