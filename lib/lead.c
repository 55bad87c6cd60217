/* Leads: adding one, changing its fields, deleting it, and the duplicate
 * check (撞单) against leads and customers. Claims, releases and the
 * rest of the pool are the generic pool's (crm/pool.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lead-impl.h"
#include "pool-impl.h"
#include "crm/audit.h"
#include "crm/column-names.h"
#include "crm/customer.h"
#include "crm/find.h"
#include "crm/store.h"
#include "crm/banned.h"

/* The first lead with the phone or email key of l (other than l), and
 * the first customer with its phone, or whose name is its company; with
 * the key that says which of the two it was found by. */
static const char sql_dup_lead[] =
	"SELECT id, name, owner, pool, phone_key FROM leads WHERE (phone_key "
	"= ?1 OR email_key = ?2) AND id IS NOT ?3 ORDER BY id LIMIT 1";
static const char sql_dup_customer[] =
	"SELECT id, name, owner, pool, name_key FROM customers WHERE "
	"phone_key = ?1 OR name_key = ?2 ORDER BY id LIMIT 1";

/* The words of the key of ent made from field f. */
static const char *
key_words(const struct crm_entity *ent, int f)
{
	for (size_t k = 0; k < ent->nkeys; k++)
		if (ent->keys[k].field == f)
			return crm_cgettext("key", ent->keys[k].what);
	return ent->fields[f].name;
}

/* The refusal of a duplicate of ent found by field f: the record if the
 * user sees it in full, else only whom to ask (data.md: never its id,
 * name, phone or email) — a pool record found by a phone or email that
 * is masked for the user too, or naming it would unmask the value
 * (crm-customer's words for a customer). -1, or -2 when the user may
 * not see it (an import counts those toward import.max_probe). */
static int
dup_refusal(struct crm_session *s, const struct crm_entity *ent,
    sqlite3_stmt *st, int f, const char *what, struct crm_err *e)
{
	long long id = sqlite3_column_int64(st, 0);
	char *name = crm_xstrdup(crm_db_col_text(st, 1));
	const char *o = crm_db_col_text(st, 2), *p = crm_db_col_text(st, 3);
	char *owner = o ? crm_xstrdup(o) : NULL, *pool = crm_xstrdup(p ? p :
	    "");
	int masked, seen = 0;

	sqlite3_reset(st);
	if ((masked = crm_scope_found_masked(s, ent, f, owner, e)) < 0)
		goto out;
	seen = !masked && crm_scope_may_see(s, ent, id, NULL) == 0;
	if (seen && owner)
		crm_err_set(e, CRM_EX_DATAERR, "'%s' is a duplicate of %s %lld "
		    "'%s' (owner %s)", what, crm_entity_word(ent), id, name,
		    owner);
	else if (seen)
		crm_err_set(e, CRM_EX_DATAERR, "'%s' is a duplicate of %s %lld "
		    "'%s' (in the pool %s)", what, crm_entity_word(ent), id,
		    name, pool);
	else if (ent == &crm_customer_entity)
		crm_customer_dup_unseen(s, what, owner, pool,
		    key_words(ent, f), e);
	else if (owner)
		crm_err_set(e, CRM_EX_DATAERR, "'%s': a %s like it belongs to "
		    "'%s' (ask them)", what, crm_entity_word(ent), owner);
	else
		crm_err_set(e, CRM_EX_DATAERR, "'%s': a %s like it is in the "
		    "pool '%s'", what, crm_entity_word(ent), pool);
out:
	free(name);
	free(owner);
	free(pool);
	return masked < 0 || seen ? -1 : -2;
}

static int
same_key(const char *a, const unsigned char *b)
{
	return a != NULL && b != NULL && strcmp(a, (const char *)b) == 0;
}

int
lead_customer_dup(struct crm_session *s, const char *phone_key,
    const char *company_key, const char *what, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc, f;

	if (phone_key == NULL && company_key == NULL)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_dup_customer, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, phone_key);
	crm_db_bind_text(st, 2, company_key);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	/* by the name, which is never masked, if that is the same */
	f = same_key(company_key, sqlite3_column_text(st, 4)) ? CRM_CF_NAME :
	    CRM_CF_PHONE;
	return dup_refusal(s, &crm_customer_entity, st, f, what, e);
}

/* 撞单: a lead with the phone or email of another lead, or the phone or
 * company of a customer, is refused naming who holds it (if the user
 * may see it). -1, or -2 for one they may not see. */
static int
check_dup(struct crm_session *s, const struct crm_record *l,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_dup_lead, e);
	int rc, f;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, l->key[CRM_LEAD_KEY_PHONE]);
	crm_db_bind_text(st, 2, l->key[CRM_LEAD_KEY_EMAIL]);
	if (l->id)
		sqlite3_bind_int64(st, 3, l->id);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc == 1) {
		f = same_key(l->key[CRM_LEAD_KEY_PHONE],
		    sqlite3_column_text(st, 4)) ? CRM_LF_PHONE : CRM_LF_EMAIL;
		return dup_refusal(s, &crm_lead_entity, st, f,
		    l->f[CRM_LF_NAME], e);
	}
	return lead_customer_dup(s, l->key[CRM_LEAD_KEY_PHONE],
	    l->key[CRM_LEAD_KEY_COMPANY], l->f[CRM_LF_NAME], e);
}

/* The input with its campaign, given by id or name, as its id. */
static int
apply_input(struct crm_session *s, struct crm_record *l,
    const struct crm_input *given, struct crm_err *e)
{
	struct pool_owner_arg owner = { s, &crm_lead_entity };
	struct crm_record_checks ck = { pool_owner_ok, &owner };
	struct crm_input in = *given;
	const char *v = in.f[CRM_LF_CAMPAIGN];
	char idbuf[32];
	long long id;

	if (v != NULL && *v != '\0') {
		if (crm_find(s, &crm_campaign_entity, v, &id, e) < 0)
			return crm_err_prefix(e, "field 'campaign_id'");
		snprintf(idbuf, sizeof(idbuf), "%lld", id);
		in.f[CRM_LF_CAMPAIGN] = idbuf;
	}
	return crm_input_apply(l, &in, &ck, e);
}

/* Statuses a user sets by edit: the others are the pool's (new,
 * assigned), convert's and disqualify's. */
static int
status_ok(const char *status, struct crm_err *e)
{
	if (status == NULL || strcmp(status, "contacted") == 0 ||
	    strcmp(status, "qualified") == 0)
		return 0;
	return crm_err_set(e, CRM_EX_USAGE, "field 'status': '%s' is not set "
	    "here (claims and assign make a lead assigned, convert converts "
	    "it, disqualify disqualifies it)", status);
}

/* A converted lead's status is final: it is the record of what the lead
 * became (its customer_id and deal_id), and a reopened lead could be
 * released, disqualified or converted again over its links. The way
 * back is crm undo of the conversion's run. */
static int
status_final(const struct crm_record *old, const char *status,
    struct crm_err *e)
{
	const char *was = old->f[CRM_LF_STATUS];

	if (status == NULL || was == NULL || strcmp(was, "converted") != 0 ||
	    strcmp(status, was) == 0)
		return 0;
	return crm_err_set(e, CRM_EX_DATAERR, "field 'status': lead %lld "
	    "'%s' was converted: its status is final (crm undo of the "
	    "conversion's run gives it back its status; see: crm trace lead "
	    "%lld)", old->id, old->f[CRM_LF_NAME], old->id);
}

/* A duplicate the user may not see (rc -2) leaves the run in the log,
 * as crm-customer's does: probing for masked data leaves a trace. */
static int
end_traced(struct crm_session *s, int rc, struct crm_err *e)
{
	int unseen = rc == -2;

	rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	return unseen ? crm_audit_trace_rc(s, "refused", rc, e) : rc;
}

static int
add_locked(struct crm_session *s, const struct crm_input *in, long long *id,
    struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	struct crm_record l;
	const char *bad;
	unsigned long long required;
	int rc = -1;

	crm_now_text(now);
	crm_record_init(&l, &crm_lead_entity);
	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_REP | CRM_ROLE_MARKETING, _("add leads"), e) < 0 ||
	    status_ok(in->f[CRM_LF_STATUS], e) < 0 ||
	    apply_input(s, &l, in, e) < 0)
		goto out;
	if (s->role == CRM_ROLE_REP && l.f[CRM_LF_OWNER] == NULL)
		crm_record_set(&l, CRM_LF_OWNER, s->user);
	if ((l.f[CRM_LF_OWNER] && crm_scope_may_give(s, &crm_lead_entity,
	    l.f[CRM_LF_OWNER], e) < 0) ||
	    crm_store_required(s, &crm_lead_entity, &required, e) < 0)
		goto out;
	if (l.f[CRM_LF_OWNER])
		crm_record_set(&l, CRM_LF_CLAIMED_AT, now);
	/* the keys first: the 撞单 check reads them */
	if (crm_record_finish(&l, required, &bad, e) < 0) {
		crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	if ((rc = check_dup(s, &l, e)) < 0 ||
	    (rc = crm_store_create(s, &l, required, e)) < 0)
		goto out;
	*id = l.id;
out:
	crm_record_free(&l);
	return rc;
}

int
crm_lead_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = add_locked(s, in, id, e);
	return end_traced(s, rc, e);
}

static int
not_here(int f, struct crm_err *e)
{
	const char *name = crm_lead_entity.fields[f].name;

	switch (f) {
	case CRM_LF_OWNER:
	case CRM_LF_POOL:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(claim, release and assign change it)", name);
	case CRM_LF_LOCKED:
	case CRM_LF_LOCK_REASON:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(lock and unlock change it)", name);
	case CRM_LF_DISQUALIFY_REASON:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(disqualify sets it)", name);
	case CRM_LF_SCORE:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(score computes it)", name);
	default:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(crm keeps it)", name);
	}
}

static int
set_locked(struct crm_session *s, long long id, const struct crm_input *in,
    struct crm_err *e)
{
	static const int fixed[] = { CRM_LF_ID, CRM_LF_OWNER, CRM_LF_POOL,
		CRM_LF_LOCKED, CRM_LF_LOCK_REASON, CRM_LF_DISQUALIFY_REASON,
		CRM_LF_SCORE, CRM_LF_CLAIMED_AT, CRM_LF_LAST_FOLLOWUP_AT,
		CRM_LF_CREATED_AT, CRM_LF_UPDATED_AT, CRM_LF_CUSTOMER,
		CRM_LF_DEAL };
	struct crm_record old, l = { 0 };
	const char *bad;
	int rc = -1;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (in->f[fixed[i]] != NULL)
			return not_here(fixed[i], e);
	if (status_ok(in->f[CRM_LF_STATUS], e) < 0)
		return -1;
	if (crm_scope_load(s, &crm_lead_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0 ||
	    status_final(&old, in->f[CRM_LF_STATUS], e) < 0)
		goto out;
	crm_record_copy(&l, &old);
	if (apply_input(s, &l, in, e) < 0)
		goto out;
	if (crm_record_finish(&l, 0, &bad, e) < 0) {
		if (bad != NULL)
			crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	if ((!crm_record_same_field(&old, &l, CRM_LF_PHONE) ||
	    !crm_record_same_field(&old, &l, CRM_LF_EMAIL) ||
	    !crm_record_same_field(&old, &l, CRM_LF_COMPANY)) &&
	    (rc = check_dup(s, &l, e)) < 0)
		goto out;
	rc = crm_store_save(s, &old, &l, e);
out:
	crm_record_free(&old);
	crm_record_free(&l);
	return rc;
}

int
crm_lead_set(struct crm_session *s, long long id, const struct crm_input *in,
    struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = set_locked(s, id, in, e);
	return end_traced(s, rc, e);
}

/* A converted lead is the history of what it became. */
static int
keep_converted(struct crm_session *s, const struct crm_record *l,
    struct crm_err *e)
{
	(void)s;
	if (l->f[CRM_LF_CUSTOMER] == NULL)
		return 0;
	return crm_err_set(e, CRM_EX_DATAERR, "lead %lld '%s' was converted: "
	    "it cannot be deleted", l->id, l->f[CRM_LF_NAME]);
}

int
crm_lead_delete(struct crm_session *s, long long id, struct crm_err *e)
{
	return crm_store_remove(s, &crm_lead_entity, id, keep_converted, e);
}

int
crm_lead_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_lead_entity, g, e);
}
