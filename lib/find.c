/* Finding a record by id or by name, among those the user may see. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "crm/find.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/norm.h"
#include "crm/scope.h"
#include "scope-sql.h"
#include "crm/banned.h"

struct find_sql {
	char *exact, *part;
};

/* The key column of the title field, the record's name. */
static const char *
name_key(const struct crm_entity *ent)
{
	for (size_t k = 0; k < ent->nkeys; k++)
		if (ent->keys[k].field == ent->title)
			return ent->keys[k].column;
	return NULL;
}

static char *
find_sql(const struct crm_entity *ent, const char *match)
{
	struct crm_buf b = { 0 };

	if (ent->scope)
		crm_buf_adds(&b, SCOPE_TEAM);
	crm_buf_addf(&b, "SELECT c.%s, c.%s FROM %s c WHERE ",
	    ent->fields[0].name, ent->fields[ent->title].name, ent->table);
	crm_buf_addf(&b, match, name_key(ent), name_key(ent));
	if (ent->scope) {
		crm_buf_adds(&b, " AND ");
		crm_scope_visible_sql(&b, ent, "c");
	}
	crm_buf_addf(&b, " ORDER BY c.%s LIMIT 6", ent->fields[0].name);
	return crm_buf_detach(&b);
}

static void *
make_find(const struct crm_entity *ent)
{
	struct find_sql *f = crm_xcalloc(1, sizeof(*f));

	f->exact = find_sql(ent, "c.%s = ?6");
	f->part = find_sql(ent, "instr(c.%s, ?6) > 0");
	return f;
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* The records whose name key matches: the ids and names (up to 6). */
static int
find_by(struct crm_session *s, const struct crm_entity *ent, const char *sql,
    const char *key, long long *id, struct crm_buf *names, int *n,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc;

	*n = 0;
	crm_buf_reset(names);
	if (st == NULL || (ent->scope && crm_scope_bind(s, ent, st, e) < 0))
		return -1;
	crm_db_bind_text(st, 6, key);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		*id = sqlite3_column_int64(st, 0);
		if (*n)
			crm_buf_adds(names, C_("list", ", "));
		crm_buf_addf(names, _("%lld '%s'"), *id,
		    crm_db_col_text(st, 1));
		(*n)++;
	}
	return rc;
}

int
crm_id_word(const char *text, long long *id)
{
	long long v = 0;

	*id = 0;
	if (!all_digits(text))
		return 0;
	for (const char *p = text; *p; p++)
		if ((v = v * 10 + (*p - '0')) > CRM_ID_MAX)
			return 0;	/* no wrap, no clamp: not an id */
	*id = v;
	return v > 0;
}

/* None of that name either: the digits as typed, and, when they are no
 * id at all (0, 00, past CRM_ID_MAX), that they are not one. */
static int
no_digits(const struct crm_entity *ent, const char *text, int valid,
    struct crm_err *e)
{
	if (valid)
		return crm_err_set(e, CRM_EX_DATAERR, "no %s %s",
		    crm_cgettext("entity", ent->name), text);
	return crm_err_set(e, CRM_EX_DATAERR, "no %s %s: not a valid id "
	    "(ids are 1 to %lld)", crm_cgettext("entity", ent->name), text,
	    CRM_ID_MAX);
}

/* crm_find, and with part the unique part of a name. */
static int
find(struct crm_session *s, const struct crm_entity *ent, const char *text,
    int part, long long *id, struct crm_err *e)
{
	const struct find_sql *q;
	struct crm_buf key = { 0 }, names = { 0 };
	int rc, n = 0, valid;

	if (all_digits(text)) {
		valid = crm_id_word(text, id);
		if (valid && crm_scope_may_see(s, ent, *id, e) == 0)
			return 0;
		/* not an id: a name of digits (an imported order number,
		 * 10248), exactly, else "no order 10248" as before */
		if (valid && e->code != CRM_EX_DATAERR)
			return -1;
		if (name_key(ent) == NULL)
			return no_digits(ent, text, valid, e);
		q = crm_entity_cache(ent, CRM_SLOT_FIND, make_find);
		crm_norm_name(text, &key);
		rc = find_by(s, ent, q->exact, crm_buf_str(&key), id, &names,
		    &n, e);
		crm_buf_free(&key);
		crm_buf_free(&names);
		if (rc == 0 && n == 1) {
			crm_err_clear(e);
			return 0;
		}
		if (rc == 0)
			no_digits(ent, text, valid, e);
		return -1;
	}
	/* one the user may not see is not there: 客户不存在 */
	if (name_key(ent) == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "no %s %s",
		    crm_cgettext("entity", ent->name), text);
	q = crm_entity_cache(ent, CRM_SLOT_FIND, make_find);
	crm_norm_name(text, &key);
	/* the name itself, else a unique part of one */
	rc = find_by(s, ent, q->exact, crm_buf_str(&key), id, &names, &n, e);
	if (part && rc == 0 && n == 0 && key.len > 0)
		rc = find_by(s, ent, q->part, key.s, id, &names, &n, e);
	if (rc == 0 && n == 0)
		rc = crm_err_set(e, CRM_EX_DATAERR, "no %s named '%s'",
		    crm_cgettext("entity", ent->name), text);
	else if (rc == 0 && n > 1)
		rc = crm_err_set(e, CRM_EX_DATAERR, "'%s' is ambiguous: "
		    "%s %s%s (use the id)", text,
		    crm_cgettext("entity", ent->table), names.s,
		    n > 5 ? C_("list", ", ...") : "");
	crm_buf_free(&key);
	crm_buf_free(&names);
	return rc < 0 ? -1 : 0;
}

int
crm_find(struct crm_session *s, const struct crm_entity *ent,
    const char *text, long long *id, struct crm_err *e)
{
	return find(s, ent, text, 1, id, e);
}

int
crm_find_named(struct crm_session *s, const struct crm_entity *ent,
    const char *text, long long *id, struct crm_err *e)
{
	*id = 0;
	if (find(s, ent, text, 0, id, e) == 0)
		return 1;
	/* none found leaves *id alone; several set it */
	return e->code == CRM_EX_DATAERR && *id == 0 ? 0 : -1;
}
