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
};

static void
recs_free(struct user_rec *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < NCOLS; k++)
			free(r[i].v[k]);
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

static void
report_bad(struct crm_report *rep, const char *file, long line,
    const char *bad, const struct crm_err *one)
{
	if (bad != NULL)
		crm_report(rep, "%s:%ld: field '%s': %s", file, line, bad,
		    one->msg);
	else
		crm_report(rep, "%s:%ld: %s", file, line, one->msg);
}

static void
apply_pass(struct crm_session *s, struct crm_report *rep, const char *file,
    struct user_rec *recs, size_t n, int managers, long *created,
    long *updated)
{
	for (size_t i = 0; i < n; i++) {
		struct crm_user_input in;
		struct crm_err one = { 0 };
		const char *bad = NULL;
		int was_new = 0;

		if (recs[i].v[U_LOGIN] == NULL) {
			if (!managers)
				crm_report(rep, "%s:%ld: field 'login': "
				    "missing", file, recs[i].line);
			continue;
		}
		if (managers && !recs[i].has[U_MANAGER])
			continue;
		to_input(&recs[i], &in, managers);
		if (crm_user_apply(s, recs[i].v[U_LOGIN], &in,
		    managers ? 0 : -1, &bad, &was_new, &one) < 0) {
			report_bad(rep, file, recs[i].line, bad, &one);
			continue;
		}
		if (!managers)
			*(was_new ? created : updated) += 1;
	}
}

int
crm_user_import(struct crm_session *s, struct crm_in *in, long *created,
    long *updated, struct crm_err *e)
{
	struct crm_report none = { 0 };
	struct crm_report *rep = s->report ? s->report : &none;
	struct user_rec *recs = NULL;
	size_t n = 0;
	int rc;

	*created = *updated = 0;
	if (crm_session_require(s, CRM_ROLE_ADMIN, "change the team", e) < 0)
		return -1;
	if (read_all(in, &recs, &n, e) < 0) {
		recs_free(recs, n);
		return -1;
	}
	rep->count = 0;
	if ((rc = crm_session_begin(s, e)) == 0) {
		apply_pass(s, rep, crm_in_name(in), recs, n, 0, created,
		    updated);
		apply_pass(s, rep, crm_in_name(in), recs, n, 1, created,
		    updated);
		if (rep->count > 0)
			rc = crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s "
			    "in '%s'; nothing imported", rep->count,
			    rep->count == 1 ? "" : "s", crm_in_name(in));
		rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	}
	recs_free(recs, n);
	return rc;
}
