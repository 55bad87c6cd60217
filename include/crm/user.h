/* The team: users with a role, a region (战区), a manager and an email.
 * Only admins change the team; reps see themselves, the others see all. */
#ifndef CRM_USER_H
#define CRM_USER_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/in.h"
#include "crm/rows.h"
#include "crm/session.h"

/* The fields of a user, in the order of the descriptor. */
enum crm_user_field {
	CRM_UF_LOGIN, CRM_UF_NAME, CRM_UF_ROLE, CRM_UF_REGION,
	CRM_UF_MANAGER, CRM_UF_EMAIL, CRM_UF_ACTIVE, CRM_UF_CREATED_AT,
	CRM_UF_LANG, CRM_UF_UPDATED_AT,
	CRM_USER_NFIELDS
};

/* The user entity's descriptor (lib/user-entity.c): table users, keyed
 * by login. */
extern const struct crm_entity crm_user_entity;

/* The fields of a user to set, by enum crm_user_field: NULL leaves a
 * field as it is (or at its default for a new user); "" clears it.
 * active: yes/no/true/false/1/0. The login and the times are not set
 * this way. */
struct crm_user_input {
	const char *f[CRM_USER_NFIELDS];
};

/* The language login reads their mail in: their own lang, else the
 * setting ui.lang ("en", "zh_CN"), into out. */
int crm_user_lang(struct crm_session *s, const char *login,
    struct crm_buf *out, struct crm_err *e);
int crm_user_add(struct crm_session *s, const char *login,
    const struct crm_user_input *in, struct crm_err *e);
int crm_user_set(struct crm_session *s, const char *login,
    const struct crm_user_input *in, struct crm_err *e);
/* What a handover moved. */
struct crm_handed {
	long customers, leads, deals;
};
/* A user who stops being able to own records — a finance or marketing
 * role, or inactive, by set, import or deactivate — is refused (65)
 * while they own customers, leads or open deals. set_handover hands
 * the customers, leads and open deals over to handover_to, or (to_pool)
 * releases the customers and leads to their pools (open deals have no
 * pool: they are refused), first, in the same run (64 with a change
 * that leaves the user able to own); *h gets how many moved.
 * deactivate is set_handover of --active no. */
int crm_user_set_handover(struct crm_session *s, const char *login,
    const struct crm_user_input *in, const char *handover_to, int to_pool,
    struct crm_handed *h, struct crm_err *e);
int crm_user_deactivate(struct crm_session *s, const char *login,
    const char *handover_to, int to_pool, struct crm_handed *h,
    struct crm_err *e);
/* Create new users and update existing ones from records (login, name,
 * role, region, manager, email, active; Chinese header aliases too),
 * all or nothing; each bad record goes to s->report once, and the error
 * counts the bad records. A record that changes nothing is unchanged,
 * and writes nothing. */
int crm_user_import(struct crm_session *s, struct crm_in *in,
    long *created, long *updated, long *unchanged, struct crm_err *e);
/* login, name, role, region, manager, email, active, created_at. */
struct crm_rows *crm_user_list(struct crm_session *s, int all,
    struct crm_err *e);

/* For crm init: the first admin, inside the creating transaction. */
int crm_user_add_first_admin(struct crm_session *s, const char *login,
    const char *name, struct crm_err *e);
/* 2: an active user, 1: a deactivated one, 0: no such user; -1. */
int crm_user_state(struct crm_session *s, const char *login,
    struct crm_err *e);
/* A crm_record_checks login check (its arg the session): login is an
 * active user, whatever the role (a campaign's owner, whoever spent an
 * expense); 65 "'x' is not an active user" otherwise. */
struct crm_field;
int crm_user_active_ok(void *session, const struct crm_field *fd,
    const char *login, struct crm_err *e);
/* A login's shape: letters, digits, '.', '_', '-', at most 64. */
int crm_login_check(const char *login, struct crm_err *e);

/* For crm undo (lib/undo.c). */
int crm_user_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
