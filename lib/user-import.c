/* crm user import: users from csv/tsv/yaml/json, new ones created and
 * existing ones updated, all or nothing. Managers are set in a second
 * pass, so that a file may name a manager further down. */
#include <stdlib.h>
#include <string.h>

#include "user-impl.h"
#include "crm/buf.h"
#include "crm/fieldmap.h"
#include "crm/banned.h"

enum { U_LOGIN, U_NAME, U_ROLE, U_REGION, U_MANAGER, U_EMAIL, U_ACTIVE,
	U_CREATED, NCOLS };

static const struct crm_field_def user_fields[NCOLS] = {
	{ "login", "用户名|登录名|账号" },
	{ "name", "姓名|名字" },
	{ "role", "角色" },
	{ "region", "地区|区域|战区" },
	{ "manager", "上级|经理|主管" },
	{ "email", "邮箱|电子邮件|e-mail" },
	{ "active", "启用|在职" },
	{ "created_at", NULL },		/* ignored: a list reads back */
};

struct user_rec {
	long line;
	char *v[NCOLS];
	int has[NCOLS];
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
recs_free(struct user_rec *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < NCOLS; k++)
			free(r[i].v[k]);
		free(r[i].bad);
	}
	free(r);
}

/* Read every record (a team is small) and map its columns. */
static int
read_all(struct crm_in *in, struct user_rec **out, size_t *n,
    struct crm_err *e)
{
	struct crm_fieldmap map;
	struct crm_rec rec;
	struct user_rec *recs = NULL;
	size_t cap = 0;
	int rc;

	crm_fieldmap_init(&map, user_fields, NCOLS, NULL, e);
	*n = 0;
	while ((rc = crm_in_next(in, &rec, e)) == 1) {
		struct user_rec *u;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			recs = crm_xrealloc(recs, cap * sizeof(*recs));
		}
		u = &recs[(*n)++];
		memset(u, 0, sizeof(*u));
		u->line = rec.line;
		for (size_t i = 0; i < rec.n; i++) {
			int k = crm_fieldmap_lookup(&map, rec.names[i]);
			char names[256];

			if (k < 0) {
				crm_fieldmap_names(&map, names, sizeof(names));
				rc = crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: "
				    "unknown column '%s' (the user fields are "
				    "%s)", crm_in_name(in), rec.line,
				    rec.names[i], names);
				break;
			}
			u->has[k] = 1;
			if (rec.vals[i].type == CRM_V_TEXT)
				u->v[k] = crm_xstrdup(rec.vals[i].s);
		}
		if (rc < 0)
			break;
	}
	crm_fieldmap_free(&map);
	*out = recs;
	return rc;
}

static void
to_input(const struct user_rec *u, struct crm_user_input *in, int managers)
{
	const char **slot[] = { NULL, &in->name, &in->role, &in->region,
		&in->manager, &in->email, &in->active };

	memset(in, 0, sizeof(*in));
	for (int k = U_NAME; k <= U_ACTIVE; k++) {
		if (!u->has[k] || (k == U_MANAGER) != managers)
			continue;
		*slot[k] = u->v[k] ? u->v[k] : "";
	}
}

/* Note why a record is bad; told in line order once both passes ran. */
static void
mark_bad(struct import_run *run, struct user_rec *r, const char *field,
    const char *msg)
{
	struct crm_buf why = { 0 };

	if (field != NULL)
		crm_buf_addf(&why, "field '%s': ", field);
	crm_buf_adds(&why, msg);
	r->bad = crm_buf_detach(&why);
	run->bad++;
}

static void
report_bad(struct import_run *run, const struct user_rec *recs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (recs[i].bad != NULL)
			crm_report(run->rep, "%s:%ld: %s", run->file,
			    recs[i].line, recs[i].bad);
}

/* A record whose login an earlier record has: both would be one user,
 * the later silently winning. */
static int
login_twice(struct import_run *run, struct user_rec *recs, size_t i)
{
	char msg[CRM_ERR_MAX];

	for (size_t k = 0; k < i; k++) {
		if (recs[k].v[U_LOGIN] == NULL ||
		    strcmp(recs[k].v[U_LOGIN], recs[i].v[U_LOGIN]) != 0)
			continue;
		snprintf(msg, sizeof(msg), "'%.256s' appears twice (first on "
		    "line %ld)", recs[i].v[U_LOGIN], recs[k].line);
		mark_bad(run, &recs[i], "login", msg);
		return 1;
	}
	return 0;
}

/* The first pass (managers 0) creates and updates users without their
 * managers, so that a file may name a manager further down; the second
 * sets the managers of the records that passed. Each bad record is
 * reported once, with its own reason. */
static void
apply_pass(struct import_run *run, struct user_rec *recs, size_t n,
    int managers)
{
	for (size_t i = 0; i < n; i++) {
		struct user_rec *r = &recs[i];
		struct crm_user_input in;
		struct crm_err one = { 0 };
		enum user_change change;
		const char *bad = NULL;

		if (r->bad || (managers && !r->has[U_MANAGER]))
			continue;
		if (r->v[U_LOGIN] == NULL) {
			mark_bad(run, r, "login", "missing");
			continue;
		}
		if (!managers && login_twice(run, recs, i))
			continue;
		to_input(r, &in, managers);
		if (crm_user_apply(run->s, r->v[U_LOGIN], &in,
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
count_changes(const struct user_rec *recs, size_t n, long *count)
{
	count[USER_UNCHANGED] = count[USER_CREATED] = count[USER_UPDATED] = 0;
	for (size_t i = 0; i < n; i++)
		count[recs[i].change]++;
}

int
crm_user_import(struct crm_session *s, struct crm_in *in, long *created,
    long *updated, long *unchanged, struct crm_err *e)
{
	struct crm_report none = { 0 };
	struct import_run run = { s, s->report ? s->report : &none,
		crm_in_name(in), 0 };
	struct user_rec *recs = NULL;
	long count[3] = { 0, 0, 0 };
	size_t n = 0;
	int rc;

	*created = *updated = *unchanged = 0;
	if (crm_session_require(s, CRM_ROLE_ADMIN, "change the team", e) < 0)
		return -1;
	if (read_all(in, &recs, &n, e) < 0) {
		recs_free(recs, n);
		return -1;
	}
	run.rep->count = 0;
	if ((rc = crm_session_begin(s, e)) == 0) {
		apply_pass(&run, recs, n, 0);
		apply_pass(&run, recs, n, 1);
		report_bad(&run, recs, n);
		if (run.bad > 0)
			rc = crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s "
			    "in '%s'; nothing imported", run.bad,
			    run.bad == 1 ? "" : "s", run.file);
		rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	}
	if (rc == 0) {
		count_changes(recs, n, count);
		*created = count[USER_CREATED];
		*updated = count[USER_UPDATED];
		*unchanged = count[USER_UNCHANGED];
	}
	recs_free(recs, n);
	return rc;
}
