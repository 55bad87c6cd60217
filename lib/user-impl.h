/* Shared by lib/user*.c. */
#ifndef CRM_USER_IMPL_H
#define CRM_USER_IMPL_H

#include "crm/record.h"
#include "crm/user.h"

enum user_change { USER_UNCHANGED, USER_CREATED, USER_UPDATED };

/* Add or change one user inside the open transaction: the fields in
 * (checked here, through the descriptor), then the user's rules. create:
 * 1 must be new, 0 must exist, -1 either. *bad: the field an error is
 * about; *change (may be NULL): what was done. A refused change writes
 * nothing; one that changes nothing writes nothing either. */
int crm_user_apply(struct crm_session *s, const char *login,
    const struct crm_user_input *in, int create, const char **bad,
    enum user_change *change, struct crm_err *e);

/* The fields of r whose bit is in given, as input: one given without a
 * value clears. in points into r. */
void crm_user_input_of(struct crm_user_input *in, const struct crm_record *r,
    unsigned long long given);

#endif
