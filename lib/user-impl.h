/* Shared by lib/user*.c. */
#ifndef CRM_USER_IMPL_H
#define CRM_USER_IMPL_H

#include "crm/user.h"

enum user_change { USER_UNCHANGED, USER_CREATED, USER_UPDATED };

/* Add or change one user inside the open transaction. create: 1 must be
 * new, 0 must exist, -1 either. *bad: the field an error is about;
 * *change (may be NULL): what was done. A refused change writes
 * nothing. */
int crm_user_apply(struct crm_session *s, const char *login,
    const struct crm_user_input *in, int create, const char **bad,
    enum user_change *change, struct crm_err *e);

#endif
