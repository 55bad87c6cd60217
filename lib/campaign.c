/* Campaigns (市场活动): adding and changing one. */
#include <stdlib.h>

#include "lead-impl.h"
#include "crm/store.h"
#include "crm/user.h"
#include "crm/banned.h"

static int
owner_ok(void *arg, const struct crm_field *fd, const char *login,
    struct crm_err *e)
{
	int rc = crm_user_state(arg, login, e);

	(void)fd;
	if (rc < 0)
		return -1;
	return rc == 2 ? 0 : crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an "
	    "active user", login);
}

static int
add_locked(struct crm_session *s, const struct crm_input *in, long long *id,
    struct crm_err *e)
{
	struct crm_record_checks ck = { owner_ok, s };
	struct crm_record m;
	int rc = -1;

	crm_record_init(&m, &crm_campaign_entity);
	if (crm_session_require(s, crm_campaign_entity.scope->change,
	    _("add campaigns"), e) < 0 || crm_input_apply(&m, in, &ck, e) < 0)
		goto out;
	if (m.f[CRM_MF_OWNER] == NULL)
		crm_record_set(&m, CRM_MF_OWNER, s->user);
	if (crm_scope_may_give(s, &crm_campaign_entity, m.f[CRM_MF_OWNER],
	    e) < 0)
		goto out;
	if (crm_store_create(s, &m, 1ull << CRM_MF_NAME, e) == 0) {
		*id = m.id;
		rc = 0;
	}
out:
	crm_record_free(&m);
	return rc;
}

int
crm_campaign_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = add_locked(s, in, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

static int
set_locked(struct crm_session *s, long long id, const struct crm_input *in,
    struct crm_err *e)
{
	struct crm_record_checks ck = { owner_ok, s };
	struct crm_record old, m = { 0 };
	const char *bad;
	int rc = -1;

	if (in->f[CRM_MF_ID] || in->f[CRM_MF_CREATED_AT] ||
	    in->f[CRM_MF_UPDATED_AT])
		return crm_err_set(e, CRM_EX_USAGE, "ids and times cannot be "
		    "set here (crm keeps them)");
	if (crm_scope_load(s, &crm_campaign_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	crm_record_copy(&m, &old);
	if (crm_input_apply(&m, in, &ck, e) < 0)
		goto out;
	if (m.f[CRM_MF_OWNER] == NULL)
		rc = crm_err_set(e, CRM_EX_DATAERR, "field 'owner': a campaign "
		    "has an owner");
	else if (!crm_record_same_field(&old, &m, CRM_MF_OWNER))
		rc = crm_scope_may_give(s, &crm_campaign_entity,
		    m.f[CRM_MF_OWNER], e);
	else
		rc = 0;
	if (rc == 0 && crm_record_finish(&m, 0, &bad, e) < 0)
		rc = bad ? crm_err_prefix(e, "field '%s'", bad) : -1;
	if (rc == 0)
		rc = crm_store_save(s, &old, &m, e);
out:
	crm_record_free(&old);
	crm_record_free(&m);
	return rc;
}

int
crm_campaign_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = set_locked(s, id, in, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_campaign_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_campaign_entity, g, e);
}
