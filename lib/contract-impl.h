/* What lib/contract.c and lib/contract-status.c share. */
#ifndef CONTRACT_IMPL_H
#define CONTRACT_IMPL_H

#include "crm/contract.h"

/* The refusal of field f, which the verb does not set: what does. */
int contract_not_here(int f, struct crm_err *e);
/* That refusal for the first field of the input in fixed (a bit per
 * field). */
int contract_refuse(const struct crm_input *in, unsigned long long fixed,
    struct crm_err *e);
/* Apply the input to k: its customer by id or name among those the
 * user sees, an owner who may own contracts. */
int contract_apply(struct crm_session *s, struct crm_record *k,
    const struct crm_input *in, struct crm_err *e);
/* The deal and quote of k, when new or changed from old (NULL): ones
 * the user sees, of k's customer, an approved quote; the quote's deal
 * and total fill k's when k has none. */
int contract_links(struct crm_session *s, struct crm_record *k,
    const struct crm_record *old, struct crm_err *e);
/* An active contract signed on no given day was signed today, or on its
 * start when that is earlier (one entered after it began). */
void contract_signed_default(struct crm_record *k);
/* k's signed_at is not after today. */
int contract_signed_ok(const struct crm_record *k, struct crm_err *e);
/* Store k, new (old NULL: its number made unless given) or changed from
 * old: the required fields, the rules, a number no other contract has. */
int contract_store(struct crm_session *s, struct crm_record *k,
    const struct crm_record *old, struct crm_err *e);
/* The last renewal of contract id (any: terminated ones too): 1 and
 * *next, 0 none, -1. */
int contract_renewal_of(struct crm_session *s, long long id, int any,
    long long *next, struct crm_err *e);

#endif
