/* Which fields an import may set, by whom, from the field flags: what
 * crm keeps (CRM_F_SYSTEM) only an admin restoring history, what
 * managers set (CRM_F_MANAGER) managers and admins, the key, the owner
 * and the pool never on an update, and a rep's new records are their own
 * (not in a pool). The words are the entity's where it has them
 * (struct crm_import_why: what does it instead), else generic. */
#include <stdio.h>
#include <string.h>

#include "import-impl.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* The entity's words for field f, on a new record or an update (marked
 * N_() where they are defined). */
static const char *
entity_words(const struct crm_entity *ent, int f, int is_new)
{
	const struct crm_import_def *d = ent->import;

	for (size_t i = 0; d && i < d->nwhy; i++)
		if (strcmp(d->why[i].field, ent->fields[f].name) == 0)
			return is_new ? d->why[i].on_new : d->why[i].on_update;
	return NULL;
}

static int
refuse(const struct importer *im, int f, int is_new, const char *generic,
    int history, struct crm_err *e)
{
	const char *words = entity_words(im->ent, f, is_new);

	words = words ? crm_tr(words) : generic;
	if (history)
		return crm_err_set(e, CRM_EX_NOPERM, "%s (an admin restoring "
		    "history uses --historical)", words);
	return crm_err_set(e, CRM_EX_NOPERM, "%s", words);
}

int
import_may_set(const struct importer *im, int f, int is_new,
    struct crm_err *e)
{
	unsigned flags = im->ent->fields[f].flags;
	unsigned boss = CRM_ROLE_ADMIN | CRM_ROLE_MANAGER;
	char what[160];

	if (!is_new && (f == 0 || (flags & (CRM_F_OWNER | CRM_F_POOL)))) {
		snprintf(what, sizeof(what), _("an import does not change the "
		    "%s"), im->ent->fields[f].name);
		return refuse(im, f, 0, what, 0, e);
	}
	if (flags & CRM_F_SYSTEM)
		return im->o->historical && im->s->role == CRM_ROLE_ADMIN ? 0 :
		    refuse(im, f, is_new, _("set by crm, not by an import"), 1,
		    e);
	if ((flags & CRM_F_MANAGER) && !(im->s->role & boss))
		return refuse(im, f, is_new, _("only a manager or an admin may "
		    "set it"), 0, e);
	if (is_new && (flags & CRM_F_POOL) && !(im->s->role & boss)) {
		snprintf(what, sizeof(what), _("a rep's new %s are their own"),
		    crm_entity_words(im->ent));
		return refuse(im, f, 1, what, 0, e);
	}
	return 0;
}
