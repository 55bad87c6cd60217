/* Shared by lib/user*.c. */
#ifndef CRM_USER_IMPL_H
#define CRM_USER_IMPL_H

#include "crm/user.h"

int crm_user_apply(struct crm_session *s, const char *login,
    const struct crm_user_input *in, int create, const char **bad,
    int *created, struct crm_err *e);

#endif
