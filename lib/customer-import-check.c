/* crm-customer import, against the database: which staged records
 * duplicate existing customers, and whether the user may see those; what
 * --on-duplicate does with them; records that may not be created as
 * they are (a field the user may not set, a required field missing);
 * update rows the user may not make (the may-change check of edit);
 * pool.max_owned; and the import.max_probe refusal. Every step is one
 * statement over the staging table, except the update rows, which are
 * checked one by one as edit checks them. */
#include <stdlib.h>
#include <string.h>

#include "import-impl.h"
#include "crm/store.h"
#include "crm/setting.h"
#include "scope-sql.h"
#include "crm/banned.h"

static const char sql_any_customer[] =
	"SELECT EXISTS (SELECT 1 FROM customers)";
/* Undo a decision taken before the database changed. */
static const char sql_reset[] =
	"UPDATE temp.import_rows SET action = 'create', target = NULL, "
	"reason = NULL, visible = NULL, decided = NULL "
	"WHERE decided";
/* Against the database: an id that exists, then the same name, then
 * the same phone. reason holds what was the same, for a moment. */
static const char sql_dup_id[] =
	"UPDATE temp.import_rows SET target = id, reason = 'id', decided = 1 "
	"WHERE action = 'create' AND id IS NOT NULL AND EXISTS "
	"(SELECT 1 FROM main.customers c WHERE c.id = import_rows.id)";
static const char sql_dup_name[] =
	"UPDATE temp.import_rows SET target = (SELECT min(c.id) "
	"FROM main.customers c WHERE c.name_key = import_rows.name_key), "
	"reason = 'name', decided = 1 WHERE action = 'create' "
	"AND target IS NULL AND EXISTS (SELECT 1 FROM main.customers c "
	"WHERE c.name_key = import_rows.name_key)";
static const char sql_dup_phone[] =
	"UPDATE temp.import_rows SET target = (SELECT min(c.id) "
	"FROM main.customers c WHERE c.phone_key = import_rows.phone_key), "
	"reason = 'phone', decided = 1 WHERE action = 'create' "
	"AND target IS NULL AND phone_key IS NOT NULL AND EXISTS "
	"(SELECT 1 FROM main.customers c "
	"WHERE c.phone_key = import_rows.phone_key)";
/* Whether the user may see the customers duplicated (design/data.md),
 * and see them in full: a duplicate by a phone that is masked for the
 * user (?6: a pool customer's, for a rep while pool.mask_contacts) is
 * one they may not see, or naming it would unmask the phone. */
static const char sql_visible[] =
	SCOPE_TEAM "UPDATE temp.import_rows SET visible = EXISTS (SELECT 1 "
	"FROM main.customers c WHERE c.id = import_rows.target AND "
	SCOPE_VISIBLE "AND NOT (?6 AND c.owner IS NULL AND "
	"import_rows.reason = 'phone')) WHERE decided AND target IS NOT NULL";
static const char sql_hidden[] =
	"SELECT count(*) FROM temp.import_rows WHERE decided "
	"AND target IS NOT NULL AND visible = 0";
/* What --on-duplicate (?1: error, skip or update) does with them. A
 * customer the user may not see is never updated nor named: the reason
 * says only that one exists, and whom to ask. */
static const char sql_dup_decide[] =
	"UPDATE temp.import_rows SET action = CASE WHEN coalesce(visible, 1) "
	"THEN CASE ?1 WHEN 'error' THEN 'reject' WHEN 'skip' THEN "
	"'duplicate' ELSE 'update' END WHEN ?1 = 'skip' THEN 'duplicate' "
	"ELSE 'reject' END, reason = (SELECT CASE "
	"WHEN coalesce(import_rows.visible, 1) THEN printf('duplicate of "
	"customer %d ''%s'' (%s): same %s', c.id, c.name, "
	"coalesce('owner ' || c.owner, 'in the pool ' || c.pool), "
	"import_rows.reason) "
	"WHEN c.owner IS NULL THEN printf('a customer with the same %s "
	"exists in the pool ''%s''', import_rows.reason, c.pool) "
	"ELSE printf('a customer with the same %s exists (ask %s)', "
	"import_rows.reason, coalesce((SELECT printf('''%s'', its owner''s "
	"manager', u.manager) FROM main.users u WHERE u.login = c.owner "
	"AND u.manager IS NOT NULL), 'an admin')) END "
	"FROM main.customers c WHERE c.id = import_rows.target) "
	"WHERE decided AND action = 'create' AND target IS NOT NULL";
/* New records that may not be created as they are: a field the user
 * may not set, or a required field (?1: the bits of customer.required)
 * missing; the first such field is named. */
static const char sql_refused[] =
	"UPDATE temp.import_rows SET action = 'reject', decided = 1, "
	"reason = refused WHERE action = 'create' AND refused IS NOT NULL";
static const char sql_missing[] =
	"UPDATE temp.import_rows SET action = 'reject', decided = 1, "
	"reason = (SELECT printf('field ''%s'': missing%s', f.name, "
	"CASE f.bit WHEN ?2 THEN '' ELSE ' (the setting customer.required "
	"asks for it)' END) FROM temp.import_fields f WHERE (?1 & ~have) "
	"& (1 << f.bit) ORDER BY f.bit LIMIT 1) "
	"WHERE action = 'create' AND (have & ?1) != ?1";
/* The update rows, to check one by one; what is refused is noted, then
 * rejected in one go. */
static const char sql_update_rows[] =
	"SELECT seq, target, given, id, name, contact, phone, email, address, "
	"city, region, industry, size, tier, status, owner, pool, "
	"source_type, source_id, claimed_at, last_followup_at, "
	"next_followup_at, created_at, updated_at, note, tags, locked, "
	"lock_reason, (SELECT group_concat(j.key || char(30) || j.value, "
	"char(31)) FROM json_each(extra) j), name_key, phone_key "
	"FROM temp.import_rows WHERE action = 'update' ORDER BY seq";
#define UPDATE_FIELD0 3		/* the column of the first field */
#define UPDATE_KEYS (UPDATE_FIELD0 + CRM_CUST_NFIELDS + 1)
/* Would a new name or phone (?1, ?2) be another customer's than ?3? As
 * edit refuses it; the other is not named (the user may not see it). */
static const char sql_taken[] =
	"SELECT CASE WHEN EXISTS (SELECT 1 FROM main.customers "
	"WHERE name_key = ?1 AND id != ?3) THEN 'name' "
	"WHEN EXISTS (SELECT 1 FROM main.customers "
	"WHERE phone_key = ?2 AND id != ?3) THEN 'phone' END";
static const char sql_note[] =
	"INSERT INTO temp.import_notes (seq, reason) VALUES (?, ?)";
static const char sql_notes_apply[] =
	"UPDATE temp.import_rows SET action = 'reject', decided = 1, "
	"reason = n.reason FROM temp.import_notes n "
	"WHERE n.seq = import_rows.seq";
static const char sql_notes_clear[] = "DELETE FROM temp.import_notes";
/* pool.max_owned (?1): the customers each owner holds, counted once per
 * owner, and the new ones in the order of the file. */
static const char sql_cap[] =
	"WITH owners AS (SELECT DISTINCT owner AS o FROM temp.import_rows "
	"WHERE action = 'create' AND owner IS NOT NULL), "
	"held AS (SELECT o, (SELECT count(*) FROM main.customers c "
	"WHERE c.owner = owners.o) AS n FROM owners), "
	"w AS (SELECT r.seq AS s, h.o AS o, h.n + row_number() OVER "
	"(PARTITION BY r.owner ORDER BY r.seq) AS n FROM temp.import_rows r "
	"JOIN held h ON h.o = r.owner WHERE r.action = 'create') "
	"UPDATE temp.import_rows SET action = 'reject', decided = 1, "
	"reason = printf('owner ''%s'' would hold %d customers, the cap is %d "
	"(pool.max_owned)', w.o, w.n, ?1) FROM w "
	"WHERE import_rows.seq = w.s AND w.n > ?1";
static const char sql_any_owned[] =
	"SELECT EXISTS (SELECT 1 FROM temp.import_rows WHERE action = "
	"'create' AND owner IS NOT NULL)";

int
import_exec(struct importer *im, const char *sql, const char *arg,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql, e);

	if (st == NULL)
		return -1;
	if (arg)
		crm_db_bind_text(st, 1, arg);
	return crm_db_done(im->s->db, st, e);
}

int
import_int(struct importer *im, const char *sql, long long *v,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql, e);

	if (st == NULL || crm_db_row(im->s->db, st, e) != 1)
		return -1;
	*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Duplicates of existing customers, and for those who do not see all,
 * whether they may see them. */
static int
find_duplicates(struct importer *im, struct crm_err *e)
{
	static const char *const policy[] = { "error", "skip", "update",
		"error" };
	sqlite3_stmt *st;
	long long any;
	int mask;

	im->hidden = 0;
	if (import_int(im, sql_any_customer, &any, e) < 0)
		return -1;
	if (!any)
		return 0;
	/* allowed duplicates are added; an id stays unique */
	if (import_exec(im, sql_dup_id, NULL, e) < 0 ||
	    (im->o->on_dup != CRM_DUP_ALLOW &&
	    (import_exec(im, sql_dup_name, NULL, e) < 0 ||
	    import_exec(im, sql_dup_phone, NULL, e) < 0)))
		return -1;
	if (im->s->role != CRM_ROLE_ADMIN) {
		if ((st = crm_db_prepare(im->s->db, sql_visible, e)) == NULL ||
		    crm_scope_bind(im->s, &crm_customer_entity, st, e) < 0 ||
		    crm_scope_masked(im->s, &mask, e) < 0)
			return -1;
		sqlite3_bind_int(st, 6, mask);
		if (crm_db_done(im->s->db, st, e) < 0 ||
		    import_int(im, sql_hidden, &im->hidden, e) < 0)
			return -1;
	}
	return import_exec(im, sql_dup_decide, policy[im->o->on_dup], e);
}

/* New records with a field the user may not set or a required field
 * missing. */
static int
hold_creates(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (im->held == 0)
		return 0;
	if (import_exec(im, sql_refused, NULL, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, sql_missing, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->required);
	sqlite3_bind_int(st, 2, CRM_CF_NAME);
	return crm_db_done(im->s->db, st, e);
}

static int
same_value(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* A name or phone the update gives that another customer has: 1 (and
 * why says so), 0, -1. The other is not named, as one the user may not
 * see is not: so it counts toward import.max_probe as those do. */
static int
update_taken(struct importer *im, sqlite3_stmt *row, const struct crm_record *old,
    struct crm_buf *why, struct crm_err *e)
{
	const char *name = crm_db_col_text(row, UPDATE_KEYS);
	const char *phone = crm_db_col_text(row, UPDATE_KEYS + 1);
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_taken, e);
	const char *what;

	if (st == NULL)
		return -1;
	if (!same_value(name, old->key[CUST_KEY_NAME]))
		crm_db_bind_text(st, 1, name);
	if (!same_value(phone, old->key[CUST_KEY_PHONE]))
		crm_db_bind_text(st, 2, phone);
	sqlite3_bind_int64(st, 3, old->id);
	if (crm_db_row(im->s->db, st, e) != 1)
		return -1;
	if ((what = crm_db_col_text(st, 0)) != NULL) {
		crm_buf_addf(why, "field '%s': another customer has the same "
		    "%s", what, what);
		im->hidden++;
	}
	sqlite3_reset(st);
	return why->len > 0;
}

/* Why the user may not make this update (into why), or nothing: the
 * may-change check of edit, then each field given that would change
 * and that the user may not set, then a name or phone that another
 * customer has (edit refuses it too). */
static int
update_refusal(struct importer *im, sqlite3_stmt *row, struct crm_buf *why,
    struct crm_err *e)
{
	unsigned given = (unsigned)sqlite3_column_int64(row, 2);
	struct crm_err one = { 0 };
	struct crm_record old;
	int rc = 0;

	crm_buf_reset(why);
	if (crm_store_load(im->s, &crm_customer_entity, sqlite3_column_int64(row, 1), &old, e) < 0)
		return -1;
	if (crm_scope_may_change(im->s, &old, &one) < 0) {
		if (one.code != CRM_EX_NOPERM && one.code != CRM_EX_DATAERR)
			rc = crm_err_set(e, one.code, "%s", one.msg);
		else
			crm_buf_adds(why, one.msg);
	}
	for (int f = 0; rc == 0 && why->len == 0 && f < CRM_CUST_NFIELDS;
	    f++) {
		const char *v = crm_db_col_text(row, UPDATE_FIELD0 + f);

		if (!(given & (1u << f)) || same_value(v, old.f[f]) ||
		    cust_may_set(im->s, f, 0, im->o->historical, &one) == 0)
			continue;
		crm_buf_addf(why, "field '%s': %s",
		    crm_customer_entity.fields[f].name, one.msg);
	}
	if (rc == 0 && why->len == 0 && update_taken(im, row, &old, why, e) < 0)
		rc = -1;
	crm_record_free(&old);
	return rc;
}

/* Update rows the user may not make are rejected. */
static int
check_updates(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st, *note;
	struct crm_buf why = { 0 };
	int rc;

	if (im->o->on_dup != CRM_DUP_UPDATE ||
	    (st = crm_db_prepare(im->s->db, sql_update_rows, e)) == NULL)
		return im->o->on_dup != CRM_DUP_UPDATE ? 0 : -1;
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		if (update_refusal(im, st, &why, e) < 0) {
			rc = -1;
			break;
		}
		if (why.len == 0)
			continue;
		if ((note = crm_db_prepare(im->s->db, sql_note, e)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(note, 1, sqlite3_column_int64(st, 0));
		crm_db_bind_text(note, 2, why.s);
		if ((rc = crm_db_done(im->s->db, note, e)) < 0)
			break;
	}
	if (rc != 0)
		sqlite3_reset(st);
	crm_buf_free(&why);
	if (rc < 0 || import_exec(im, sql_notes_apply, NULL, e) < 0)
		return -1;
	return import_exec(im, sql_notes_clear, NULL, e);
}

/* New records past their owner's pool.max_owned, unless --ignore-cap. */
static int
check_cap(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st;
	long long cap, any;

	if (im->o->ignore_cap)
		return 0;
	if (crm_setting_int(im->s, "pool.max_owned", &cap, e) < 0 ||
	    import_int(im, sql_any_owned, &any, e) < 0)
		return -1;
	if (cap <= 0 || !any)
		return 0;
	if ((st = crm_db_prepare(im->s->db, sql_cap, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cap);
	return crm_db_done(im->s->db, st, e);
}

/* Many duplicates of customers the user may not see look like someone
 * probing for phones and names: refused (77). */
static int
check_probe(struct importer *im, struct crm_err *e)
{
	long long max;

	if (im->hidden == 0)
		return 0;
	if (crm_setting_int(im->s, "import.max_probe", &max, e) < 0)
		return -1;
	if (im->hidden <= max)
		return 0;
	return crm_err_set(e, CRM_EX_NOPERM, "%lld records duplicate "
	    "customers you may not see, more than import.max_probe (%lld) "
	    "allows: nothing imported (ask an admin)", im->hidden, max);
}

int
import_decide(struct importer *im, int again, struct crm_err *e)
{
	if (again && import_exec(im, sql_reset, NULL, e) < 0)
		return -1;
	if (find_duplicates(im, e) < 0 || hold_creates(im, e) < 0 ||
	    check_updates(im, e) < 0 || check_cap(im, e) < 0)
		return -1;
	return check_probe(im, e);
}

/* Custom fields given as key\x1evalue pairs joined by \x1f: added or
 * changed; the others stay. */
static void
put_pairs(struct crm_record *c, const char *pairs)
{
	char *copy, *p;

	if (pairs == NULL)
		return;
	copy = crm_xstrdup(pairs);
	for (p = copy; p && *p;) {
		char *next = strchr(p, '\x1f'), *sep;

		if (next)
			*next++ = '\0';
		if ((sep = strchr(p, '\x1e')) != NULL) {
			*sep = '\0';
			crm_record_put_extra(c, p, sep + 1, NULL);
		}
		p = next;
	}
	free(copy);
}

/* Does an update row write field f? Only what the input gave; never the
 * id, the owner or the pool (checked before: they may not change), nor
 * updated_at (the save sets it); the creation and claim times only for
 * --historical. */
static int
writes_field(const struct importer *im, unsigned given, int f)
{
	if (!(given & (1u << f)) || f == CRM_CF_ID || f == CRM_CF_OWNER ||
	    f == CRM_CF_POOL || f == CRM_CF_UPDATED_AT)
		return 0;
	return im->o->historical || (f != CRM_CF_CREATED_AT &&
	    f != CRM_CF_CLAIMED_AT);
}

static int
apply_one(struct importer *im, sqlite3_stmt *st, struct crm_err *e)
{
	unsigned given = (unsigned)sqlite3_column_int64(st, 2);
	struct crm_record old, c = { 0 };
	const char *bad;
	int rc;

	if (crm_store_load(im->s, &crm_customer_entity, sqlite3_column_int64(st, 1), &old, e) < 0)
		return -1;
	crm_record_copy(&c, &old);
	for (int f = 0; f < CRM_CUST_NFIELDS; f++) {
		if (!writes_field(im, given, f))
			continue;
		free(c.f[f]);
		c.f[f] = crm_db_col_text(st, UPDATE_FIELD0 + f) ?
		    crm_xstrdup(crm_db_col_text(st, UPDATE_FIELD0 + f)) : NULL;
	}
	put_pairs(&c, crm_db_col_text(st, UPDATE_FIELD0 + CRM_CUST_NFIELDS));
	rc = crm_record_finish(&c, 0, &bad, e);
	if (rc == 0 && !crm_record_same(&old, &c))
		rc = crm_store_save(im->s, &old, &c, e);
	crm_record_free(&old);
	crm_record_free(&c);
	return rc;
}

/* The update rows one by one: they are few, and each is audited field
 * by field. One that changes nothing is not written. */
int
import_apply_updates(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_update_rows, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		if (apply_one(im, st, e) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	return rc;
}
