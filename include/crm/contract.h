/* crm-order contracts (合同, design/commands.md "crm-order"): what a
 * customer signed — a number, the deal or quote it follows, the days it
 * runs (start_date through end_date), its amount and status. A contract
 * is an entity with an owner, seen as deals are (its owner and the
 * owner's managers; finance reads all; marketing none)
 * (schema/010-contract.sql).
 *
 * Status: add makes an active contract (a draft with --status draft);
 * activate makes a draft active; terminate ends a draft or active one
 * early, with the day and the reason. expired is never stored: an
 * active contract whose end_date has passed is expired when it is read
 * (crm_contract_status, CRM_CONTRACT_STATUS). renew adds the contract
 * that continues an active or expired one from the day after its end. */
#ifndef CRM_CONTRACT_H
#define CRM_CONTRACT_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/input.h"
#include "crm/record.h"
#include "crm/rows.h"
#include "crm/session.h"

/* The fields code names, in output column order
 * (lib/contract-entity.c). */
enum crm_contract_field {
	CRM_KF_ID, CRM_KF_NUMBER, CRM_KF_CUSTOMER, CRM_KF_DEAL, CRM_KF_QUOTE,
	CRM_KF_OWNER, CRM_KF_NAME, CRM_KF_START, CRM_KF_END, CRM_KF_AMOUNT,
	CRM_KF_STATUS, CRM_KF_SIGNED_AT, CRM_KF_TERMINATED_AT,
	CRM_KF_TERMINATE_REASON, CRM_KF_RENEWED_FROM, CRM_KF_CREATED_AT,
	CRM_KF_UPDATED_AT, CRM_KF_NOTE,
	CRM_CONTRACT_NFIELDS
};

extern const struct crm_entity crm_contract_entity;

/* The status of the contracts row under alias a as it reads: its
 * stored status, or expired for an active one past its end_date — for
 * the SQL of other modules (an order of a contract). a is a string
 * literal: CRM_CONTRACT_STATUS("k"). */
#define CRM_CONTRACT_STATUS(a) \
	"CASE WHEN " a ".status = 'active' AND " a ".end_date < crm_today() " \
	"THEN 'expired' ELSE " a ".status END"

/* The status of a loaded contract as it reads now (the same rule). */
const char *crm_contract_status(const struct crm_record *k);

/* Add a contract of in's customer (id or name): its number given or
 * made by contract.number_format; its owner given, else its quote's or
 * deal's, else its customer's;
 * its amount given, else its quote's total. Active unless in's status
 * is draft. */
int crm_contract_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e);
/* Change fields of a contract (not its status, customer or renewal,
 * which have their verbs). */
int crm_contract_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e);
/* draft → active; signed (a date, or NULL: the one it has, else today). */
int crm_contract_activate(struct crm_session *s, long long id,
    const char *signed_at, struct crm_err *e);
/* draft or active → terminated today, for the reason. */
int crm_contract_terminate(struct crm_session *s, long long id,
    const char *reason, struct crm_err *e);
/* Add the contract that continues active or expired contract id from
 * the day after its end, to in's end_date (default: as long a term) for
 * in's amount (default: the same), with in's number, signed_at, status
 * and note; *renewal gets its id. */
int crm_contract_renew(struct crm_session *s, long long id,
    const struct crm_input *in, long long *renewal, struct crm_err *e);

/* The contracts of id's chain of renewals that the user sees — those
 * it continues and those that continue it — first to last. */
struct crm_rows *crm_contract_chain(struct crm_session *s, long long id,
    struct crm_err *e);

/* The filters of list that are the contract's own. */
struct crm_contract_filter {
	long ending_within;	/* active, ending within this many days;
				   -1: any */
};

/* crm undo of a contract's events of a run: not the create, nor the
 * end date, of one a renewal continues (its chain would break). */
int crm_contract_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
