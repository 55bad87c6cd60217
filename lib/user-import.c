/* crm user import: users from csv/tsv/yaml/json, new ones created and
 * existing ones updated, all or nothing. Managers are set in a second
 * pass, so that a file may name a manager further down. */
#include <stdlib.h>
#include <string.h>

#include "user-impl.h"
#include "crm/buf.h"
#include "crm/fieldmap.h"
#include "crm/i18n.h"
#include "crm/banned.h"

/* One record of the file: its values as read, checked as they are
 * applied (crm_user_apply). */
struct item {
	struct crm_record r;
	unsigned long long has;	/* a bit per field the record has */
	long line;
	char *bad;		/* why it is bad: the manager pass skips it */
	enum user_change change;	/* of either pass */
};

/* What an import did, and where it reports. */
struct import_run {
	struct crm_session *s;
	struct crm_report *rep;
	const char *file;
	long bad;		/* records, not messages */
};

static void
items_free(struct item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		crm_record_free(&items[i].r);
		free(items[i].bad);
	}
	free(items);
}

static int
unknown_column(struct crm_in *in, const struct crm_rec *rec,
    const char *name, struct crm_err *e)
{
	const struct crm_entity *ent = &crm_user_entity;
	struct crm_fieldmap map;
	char names[256];

	crm_fieldmap_init(&map, crm_entity_defs(ent), ent->nfields, NULL, e);
	crm_fieldmap_names(&map, names, sizeof(names));
	crm_fieldmap_free(&map);
	return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: unknown column '%s' "
	    "(the user fields are %s)", crm_in_name(in), rec->line, name,
	    names);
}

/* Read every record (a team is small), its columns mapped to the
 * fields of the descriptor. */
static int
read_all(struct crm_in *in, struct item **out, size_t *n, struct crm_err *e)
{
	struct crm_rec rec;
	struct item *items = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	while ((rc = crm_in_next(in, &rec, e)) == 1) {
		struct item *u;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			items = crm_xrealloc(items, cap * sizeof(*items));
		}
		u = &items[(*n)++];
		memset(u, 0, sizeof(*u));
		crm_record_init(&u->r, &crm_user_entity);
		u->line = rec.line;
		for (size_t i = 0; i < rec.n && rc == 1; i++) {
			int f = crm_entity_field(&crm_user_entity,
			    rec.names[i]);

			if (f < 0) {
				rc = unknown_column(in, &rec, rec.names[i], e);
				break;
			}
			u->has |= 1ull << f;
			if (rec.vals[i].type == CRM_V_TEXT)
				crm_record_set(&u->r, f, rec.vals[i].s);
		}
		if (rc < 0)
			break;
	}
	*out = items;
	return rc;
}

/* Note why a record is bad; told in line order once both passes ran. */
static void
mark_bad(struct import_run *run, struct item *r, const char *field,
    const char *msg)
{
	struct crm_buf why = { 0 };

	if (field != NULL)
		crm_buf_addf(&why, _("field '%s': "), field);
	crm_buf_adds(&why, msg);
	r->bad = crm_buf_detach(&why);
	run->bad++;
}

static void
report_bad(struct import_run *run, const struct item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (items[i].bad != NULL)
			crm_report(run->rep, "%s:%ld: %s", run->file,
			    items[i].line, items[i].bad);
}

/* A record whose login an earlier record has: both would be one user,
 * the later silently winning. */
static int
login_twice(struct import_run *run, struct item *items, size_t i)
{
	const char *login = items[i].r.f[CRM_UF_LOGIN];
	char msg[CRM_ERR_MAX];

	for (size_t k = 0; k < i; k++) {
		if (items[k].r.f[CRM_UF_LOGIN] == NULL ||
		    strcmp(items[k].r.f[CRM_UF_LOGIN], login) != 0)
			continue;
		snprintf(msg, sizeof(msg), _("'%.256s' appears twice (first "
		    "on line %ld)"), login, items[k].line);
		mark_bad(run, &items[i], "login", msg);
		return 1;
	}
	return 0;
}

/* The first pass (managers 0) creates and updates users without their
 * managers, so that a file may name a manager further down; the second
 * sets the managers of the records that passed. Each bad record is
 * reported once, with its own reason. */
static void
apply_pass(struct import_run *run, struct item *items, size_t n,
    int managers)
{
	const unsigned long long manager = 1ull << CRM_UF_MANAGER;

	for (size_t i = 0; i < n; i++) {
		struct item *r = &items[i];
		struct crm_user_input in;
		struct crm_err one = { 0 };
		enum user_change change;
		const char *bad = NULL;

		if (r->bad || (managers && !(r->has & manager)))
			continue;
		if (r->r.f[CRM_UF_LOGIN] == NULL) {
			mark_bad(run, r, "login", _("missing"));
			continue;
		}
		if (!managers && login_twice(run, items, i))
			continue;
		crm_user_input_of(&in, &r->r, managers ? manager :
		    r->has & ~manager);
		if (crm_user_apply(run->s, r->r.f[CRM_UF_LOGIN], &in,
		    managers ? 0 : -1, &bad, &change, &one) < 0) {
			mark_bad(run, r, bad, one.msg);
			continue;
		}
		if (r->change == USER_UNCHANGED)
			r->change = change;
	}
}

/* created, updated and unchanged records of a run with no bad one. */
static void
count_changes(const struct item *items, size_t n, long *count)
{
	count[USER_UNCHANGED] = count[USER_CREATED] = count[USER_UPDATED] = 0;
	for (size_t i = 0; i < n; i++)
		count[items[i].change]++;
}

int
crm_user_import(struct crm_session *s, struct crm_in *in, long *created,
    long *updated, long *unchanged, struct crm_err *e)
{
	struct crm_report none = { 0 };
	struct import_run run = { s, s->report ? s->report : &none,
		crm_in_name(in), 0 };
	struct item *items = NULL;
	long count[3] = { 0, 0, 0 };
	size_t n = 0;
	int rc;

	*created = *updated = *unchanged = 0;
	if (crm_session_require(s, CRM_ROLE_ADMIN, N_("change the team"),
	    e) < 0)
		return -1;
	if (read_all(in, &items, &n, e) < 0) {
		items_free(items, n);
		return -1;
	}
	run.rep->count = 0;
	if ((rc = crm_session_begin(s, e)) == 0) {
		apply_pass(&run, items, n, 0);
		apply_pass(&run, items, n, 1);
		report_bad(&run, items, n);
		if (run.bad > 0)
			rc = crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s "
			    "in '%s'; nothing imported", run.bad,
			    run.bad == 1 ? "" : "s", run.file);
		rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	}
	if (rc == 0) {
		count_changes(items, n, count);
		*created = count[USER_CREATED];
		*updated = count[USER_UPDATED];
		*unchanged = count[USER_UNCHANGED];
	}
	items_free(items, n);
	return rc;
}
