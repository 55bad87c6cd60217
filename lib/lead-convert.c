/* Leads: conversion into a customer, its contact and a deal (线索转化),
 * and disqualification. What convert makes it makes through the
 * customers' and the deals' own library calls, so that their rules (撞单,
 * owners, stages) hold; one transaction around them makes it all or
 * nothing, and one run that crm undo reverts. */
#include <stdio.h>
#include <string.h>

#include "lead-impl.h"
#include "crm/audit.h"
#include "crm/customer.h"
#include "crm/deal.h"
#include "crm/find.h"
#include "crm/store.h"
#include "crm/banned.h"

static int
is(const char *v, const char *word)
{
	return v != NULL && strcmp(v, word) == 0;
}

/* A lead is converted once, from an owner: a disqualified one is dead, a
 * pool one is claimed (or assigned) first so that it has a rep. */
static int
may_convert(struct crm_session *s, const struct crm_record *l,
    struct crm_err *e)
{
	const char *name = l->f[CRM_LF_NAME];

	if (crm_scope_may_change(s, l, e) < 0)
		return -1;
	if (is(l->f[CRM_LF_STATUS], "converted"))
		return crm_err_set(e, CRM_EX_DATAERR, "lead %lld '%s' was "
		    "already converted (see: crm trace lead %lld)", l->id,
		    name, l->id);
	if (is(l->f[CRM_LF_STATUS], "disqualified"))
		return crm_err_set(e, CRM_EX_DATAERR, "lead %lld '%s' is "
		    "disqualified (%s): it cannot be converted", l->id, name,
		    l->f[CRM_LF_DISQUALIFY_REASON]);
	if (l->f[CRM_LF_OWNER] == NULL)
		return crm_err_set(e, CRM_EX_NOPERM, "lead %lld '%s' is in "
		    "the pool '%s': claim or assign it first", l->id, name,
		    l->f[CRM_LF_POOL] ? l->f[CRM_LF_POOL] : "public");
	return 0;
}

/* The customer a lead becomes: named by its company (else the person),
 * with the lead's contact data, owned by the lead's owner, and its
 * source the lead. crm_customer_add checks for a duplicate (撞单). */
static int
new_customer(struct crm_session *s, const struct crm_record *l,
    int allow_dup, long long *cid, struct crm_err *e)
{
	struct crm_input in = { 0 };
	char src[32];

	snprintf(src, sizeof(src), "%lld", l->id);
	in.f[CRM_CF_NAME] = l->f[CRM_LF_COMPANY] ? l->f[CRM_LF_COMPANY] :
	    l->f[CRM_LF_NAME];
	in.f[CRM_CF_CONTACT] = l->f[CRM_LF_NAME];
	in.f[CRM_CF_PHONE] = l->f[CRM_LF_PHONE];
	in.f[CRM_CF_EMAIL] = l->f[CRM_LF_EMAIL];
	in.f[CRM_CF_REGION] = l->f[CRM_LF_REGION];
	in.f[CRM_CF_INDUSTRY] = l->f[CRM_LF_INDUSTRY];
	in.f[CRM_CF_SIZE] = l->f[CRM_LF_SIZE];
	in.f[CRM_CF_SOURCE_TYPE] = "lead";
	in.f[CRM_CF_SOURCE_ID] = src;
	in.f[CRM_CF_OWNER] = l->f[CRM_LF_OWNER];
	return crm_customer_add(s, &in, allow_dup, cid, e);
}

/* An existing customer takes the lead if it is the lead owner's: one in
 * the pool or another rep's is refused naming where it is (data.md: the
 * owner of a duplicate may be named); one the user may not see is
 * unknown. */
static int
old_customer(struct crm_session *s, const struct crm_record *l,
    const char *which, long long *cid, struct crm_err *e)
{
	const char *lowner = l->f[CRM_LF_OWNER], *owner;
	struct crm_record c;
	int rc = -1;

	if (crm_find(s, &crm_customer_entity, which, cid, e) < 0)
		return -1;
	if (crm_scope_load(s, &crm_customer_entity, *cid, &c, e) < 0 ||
	    crm_scope_may_change(s, &c, e) < 0)
		goto out;
	owner = c.f[CRM_CF_OWNER];
	if (owner == NULL)
		crm_err_set(e, CRM_EX_NOPERM, "customer %lld '%s' is in the "
		    "pool '%s': claim or assign it first", *cid,
		    c.f[CRM_CF_NAME], c.f[CRM_CF_POOL] ? c.f[CRM_CF_POOL] :
		    "public");
	else if (strcmp(owner, lowner) != 0)
		crm_err_set(e, CRM_EX_NOPERM, "customer %lld '%s' belongs to "
		    "'%s', not to the lead's owner '%s'", *cid,
		    c.f[CRM_CF_NAME], owner, lowner);
	else
		rc = 0;
out:
	crm_record_free(&c);
	return rc;
}

/* The deal, through crm-deal's rules: of the customer, from the lead. */
static int
new_deal(struct crm_session *s, const struct crm_record *l, long long cid,
    const struct crm_lead_conversion *cv, long long *did, struct crm_err *e)
{
	struct crm_input in = { 0 };
	char cust[32], src[32];

	snprintf(cust, sizeof(cust), "%lld", cid);
	snprintf(src, sizeof(src), "%lld", l->id);
	in.f[CRM_DF_CUSTOMER] = cust;
	in.f[CRM_DF_NAME] = cv->deal;
	in.f[CRM_DF_AMOUNT] = cv->amount;
	in.f[CRM_DF_CLOSE_DATE] = cv->close;
	in.f[CRM_DF_SOURCE_TYPE] = "lead";
	in.f[CRM_DF_SOURCE_ID] = src;
	if (crm_deal_add(s, &in, did, e) < 0)
		return crm_err_prefix(e, "the deal");
	return 0;
}

/* The lead, converted, keeps its links to what it became. */
static int
mark_converted(struct crm_session *s, const struct crm_record *old,
    long long cid, long long did, struct crm_err *e)
{
	struct crm_record l = { 0 };
	char cbuf[32], dbuf[32];
	const char *bad;
	int rc = -1;

	snprintf(cbuf, sizeof(cbuf), "%lld", cid);
	snprintf(dbuf, sizeof(dbuf), "%lld", did);
	crm_record_copy(&l, old);
	crm_record_set(&l, CRM_LF_STATUS, "converted");
	crm_record_set(&l, CRM_LF_CUSTOMER, cbuf);
	crm_record_set(&l, CRM_LF_DEAL, did ? dbuf : NULL);
	if (crm_record_finish(&l, 0, &bad, e) == 0)
		rc = crm_store_save(s, old, &l, e);
	crm_record_free(&l);
	return rc;
}

/* *refused: the new customer was refused as bad data (a duplicate,
 * perhaps of one the user may not see), which leaves a trace in the
 * audit as crm-customer add's refusals do (crm_audit_trace_rc). */
static int
convert_locked(struct crm_session *s, long long id,
    const struct crm_lead_conversion *cv, long long *cid, long long *did,
    int *refused, struct crm_err *e)
{
	struct crm_record l;
	long long contact;
	int rc = -1;

	*cid = *did = 0;
	if (crm_scope_load(s, &crm_lead_entity, id, &l, e) < 0 ||
	    may_convert(s, &l, e) < 0)
		goto out;
	if (cv->customer ? old_customer(s, &l, cv->customer, cid, e) < 0 :
	    new_customer(s, &l, cv->allow_dup, cid, e) < 0) {
		*refused = cv->customer == NULL && e->code == CRM_EX_DATAERR;
		goto out;
	}
	if (crm_contact_add(s, *cid, l.f[CRM_LF_NAME], l.f[CRM_LF_TITLE],
	    l.f[CRM_LF_PHONE], l.f[CRM_LF_EMAIL], NULL, &contact, e) < 0 ||
	    (cv->deal && new_deal(s, &l, *cid, cv, did, e) < 0))
		goto out;
	rc = mark_converted(s, &l, *cid, *did, e);
out:
	crm_record_free(&l);
	return rc;
}

int
crm_lead_convert(struct crm_session *s, long long id,
    const struct crm_lead_conversion *cv, long long *customer,
    long long *deal, struct crm_err *e)
{
	int refused = 0, rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = convert_locked(s, id, cv, customer, deal, &refused, e);
	rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	return refused ? crm_audit_trace_rc(s, "refused", rc, e) : rc;
}

static int
disqualify_locked(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	struct crm_record old, l = { 0 };
	const char *name, *bad;
	int rc = -1;

	if (crm_scope_load(s, &crm_lead_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	name = old.f[CRM_LF_NAME];
	if (is(old.f[CRM_LF_STATUS], "converted"))
		crm_err_set(e, CRM_EX_DATAERR, "lead %lld '%s' was converted: "
		    "it cannot be disqualified", id, name);
	else if (is(old.f[CRM_LF_STATUS], "disqualified"))
		crm_err_set(e, CRM_EX_DATAERR, "lead %lld '%s' is already "
		    "disqualified (%s)", id, name,
		    old.f[CRM_LF_DISQUALIFY_REASON]);
	else {
		crm_record_copy(&l, &old);
		crm_record_set(&l, CRM_LF_STATUS, "disqualified");
		crm_record_set(&l, CRM_LF_DISQUALIFY_REASON, reason);
		if (crm_record_finish(&l, 0, &bad, e) == 0)
			rc = crm_store_save(s, &old, &l, e);
	}
out:
	crm_record_free(&old);
	crm_record_free(&l);
	return rc;
}

int
crm_lead_disqualify(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	int rc;

	if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "disqualify needs a reason "
		    "(--reason TEXT)");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = disqualify_locked(s, id, reason, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}
