/* Removing one record with its audit, and crm undo of what a run did to
 * one record, for entities whose records need nothing more than their
 * fields back (crm/store.h). */
#include <stdlib.h>
#include <string.h>

#include "crm/store.h"
#include "crm/audit.h"
#include "crm/column-names.h"
#include "crm/scope.h"
#include "crm/banned.h"

static int
remove_locked(struct crm_session *s, const struct crm_entity *ent,
    long long id, int (*keep)(struct crm_session *s,
    const struct crm_record *r, struct crm_err *e),
    struct crm_err *e)
{
	struct crm_record r;
	int rc = -1;

	if (crm_scope_load(s, ent, id, &r, e) == 0 &&
	    crm_scope_may_change(s, &r, e) == 0 &&
	    (keep == NULL || keep(s, &r, e) == 0) &&
	    crm_store_audit(s, "delete", &r, NULL, e) == 0)
		rc = crm_store_delete(s, &r, e);
	crm_record_free(&r);
	return rc;
}

int
crm_store_remove(struct crm_session *s, const struct crm_entity *ent,
    long long id, int (*keep)(struct crm_session *s,
    const struct crm_record *r, struct crm_err *e),
    struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = remove_locked(s, ent, id, keep, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* Bring back a deleted record as it was, with its id. */
static int
undo_delete(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_undo_group *g, struct crm_err *e)
{
	struct crm_record r;
	const char *bad;
	int rc = -1;

	crm_record_init(&r, ent);
	if (crm_store_from_events(&r, g->n, g->fields, g->olds, e) == 0 &&
	    crm_record_finish(&r, 0, &bad, e) == 0) {
		crm_record_set(&r, 0, g->id);
		r.id = strtoll(g->id, NULL, 10);
		if (crm_store_insert(s, &r, e) == 0)
			rc = crm_store_audit(s, "create", NULL, &r, e);
	}
	crm_record_free(&r);
	return rc;
}

int
crm_store_undo(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_undo_group *g, struct crm_err *e)
{
	struct crm_record old, r = { 0 };
	const char *bad;
	int rc = -1;

	if (strcmp(g->id, "*") == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "the %s of an undone "
		    "import cannot be brought back this way: import the file "
		    "again", crm_entity_words(ent));
	if (strcmp(g->action, "delete") == 0)
		return undo_delete(s, ent, g, e);
	if (crm_store_load(s, ent, strtoll(g->id, NULL, 10), &old, e) < 0)
		goto out;
	if (strcmp(g->action, "create") == 0) {
		if (crm_store_audit(s, "delete", &old, NULL, e) == 0)
			rc = crm_store_delete(s, &old, e);
		if (rc < 0)
			crm_err_set(e, CRM_EX_DATAERR, "%s %s has records "
			    "added since: it cannot be removed",
			    crm_entity_word(ent), g->id);
		goto out;
	}
	crm_record_copy(&r, &old);
	if (crm_store_from_events(&r, g->n, g->fields, g->olds, e) < 0 ||
	    crm_record_finish(&r, 0, &bad, e) < 0 ||
	    crm_store_update(s, &r, e) < 0)
		goto out;
	rc = crm_store_audit(s, "update", &old, &r, e);
out:
	crm_record_free(&old);
	crm_record_free(&r);
	return rc;
}
