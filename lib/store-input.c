/* The add and the edit of a record of any entity from what the user gave
 * (crm/store.h): the checks every entity's add and edit make, in one
 * place, around the entity's own. */
#include "crm/store.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "crm/banned.h"

/* The owner field's bit, when the entity has one: a record is never
 * without its owner. */
static unsigned long long
owner_bit(const struct crm_entity *ent)
{
	int o = crm_entity_flagged(ent, CRM_F_OWNER);

	return o >= 0 ? 1ull << o : 0;
}

/* The keys and the rules, then the entity's check; an error names its
 * field. */
static int
finish(struct crm_session *s, struct crm_record *r,
    const struct crm_store_rules *rules, struct crm_err *e)
{
	const char *bad;

	if (crm_record_finish(r, rules->required | owner_bit(r->ent), &bad,
	    e) < 0)
		return bad ? crm_err_prefix(e, "field '%s'", bad) : -1;
	return rules->check ? rules->check(s, r, e) : 0;
}

static int
add_locked(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_input *in, const struct crm_store_rules *rules,
    long long *id, struct crm_err *e)
{
	int owner = crm_entity_flagged(ent, CRM_F_OWNER);
	struct crm_record r;
	int rc = -1;

	crm_record_init(&r, ent);
	if ((ent->scope && crm_session_require(s, ent->scope->change,
	    rules->action, e) < 0) ||
	    crm_input_apply(&r, in, rules->ck, e) < 0)
		goto out;
	if (owner >= 0 && r.f[owner] == NULL)
		crm_record_set(&r, owner, s->user);
	if (owner >= 0 && crm_scope_may_give(s, ent, r.f[owner], e) < 0)
		goto out;
	/* the keys first: the entity's check reads them */
	if (finish(s, &r, rules, e) == 0 &&
	    crm_store_create(s, &r, rules->required, e) == 0) {
		*id = r.id;
		rc = 0;
	}
out:
	crm_record_free(&r);
	return rc;
}

int
crm_store_add_input(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_input *in, const struct crm_store_rules *rules,
    long long *id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = add_locked(s, ent, in, rules, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

static int
edit_locked(struct crm_session *s, const struct crm_entity *ent,
    long long id, const struct crm_input *in,
    const struct crm_store_rules *rules, struct crm_err *e)
{
	int owner = crm_entity_flagged(ent, CRM_F_OWNER);
	struct crm_record old, r = { 0 };
	int rc = -1;

	for (size_t f = 0; f < ent->nfields; f++)
		if (in->f[f] && (f == 0 || (ent->fields[f].flags &
		    CRM_F_SYSTEM)))
			return crm_err_set(e, CRM_EX_USAGE, "ids and times "
			    "cannot be set here (crm keeps them)");
	if (crm_scope_load(s, ent, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	crm_record_copy(&r, &old);
	if (crm_input_apply(&r, in, rules->ck, e) < 0)
		goto out;
	if (owner >= 0 && r.f[owner] != NULL &&
	    !crm_record_same_field(&old, &r, owner) &&
	    crm_scope_may_give(s, ent, r.f[owner], e) < 0)
		goto out;
	if (finish(s, &r, rules, e) == 0)
		rc = crm_store_save(s, &old, &r, e);
out:
	crm_record_free(&old);
	crm_record_free(&r);
	return rc;
}

int
crm_store_edit_input(struct crm_session *s, const struct crm_entity *ent,
    long long id, const struct crm_input *in,
    const struct crm_store_rules *rules, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = edit_locked(s, ent, id, in, rules, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}
