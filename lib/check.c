#include <stdlib.h>
#include <string.h>

#include "crm/check.h"
#include "crm/buf.h"
#include "crm/dbfile.h"
#include "crm/i18n.h"
#include "crm/setting.h"
#include "crm/banned.h"

/* The rows are data, in English whatever the language (a script reads
 * them); the headers of a table are said in the user's (NC_). */
static const struct crm_col cols[] = {
	{ NC_("column", "check"), CRM_COL_TEXT },
	{ NC_("column", "entity"), CRM_COL_TEXT },
	{ NC_("column", "id"), CRM_COL_TEXT },
	{ NC_("column", "problem"), CRM_COL_TEXT },
};

static void
problem(struct crm_rows *out, const char *check, const char *entity,
    const char *id, const char *what)
{
	struct crm_val row[4] = { crm_val_text(check), crm_val_text(entity),
		crm_val_text(id), crm_val_text(what) };

	crm_rows_mem_add(out, row);
}

static const char sql_integrity[] = "PRAGMA integrity_check";
static const char sql_foreign[] = "PRAGMA foreign_key_check";

static int
check_integrity(struct crm_session *s, struct crm_rows *out,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_integrity, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		if (strcmp(crm_db_col_text(st, 0), "ok") != 0)
			problem(out, "integrity", "database", NULL,
			    crm_db_col_text(st, 0));
	return rc;
}

static int
check_foreign_keys(struct crm_session *s, struct crm_rows *out,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_foreign, e);
	struct crm_buf what = { 0 };
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		crm_buf_reset(&what);
		crm_buf_addf(&what, "refers to a missing row of '%s'",
		    crm_db_col_text(st, 2));
		problem(out, "foreign_key", crm_db_col_text(st, 0),
		    crm_db_col_text(st, 1), crm_buf_str(&what));
	}
	crm_buf_free(&what);
	return rc;
}

static const char sql_settings[] = "SELECT key, value FROM settings";

static int
check_settings(struct crm_session *s, struct crm_rows *out,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_settings, e);
	struct crm_buf json = { 0 };
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct crm_err bad = { 0 };
		int ok;

		/* the problem is a row of data: in English */
		crm_i18n_use("en");
		ok = crm_setting_check(crm_db_col_text(st, 0),
		    crm_db_col_text(st, 1), &json, &bad);
		crm_i18n_use(NULL);
		if (ok < 0)
			problem(out, "setting", "setting",
			    crm_db_col_text(st, 0), bad.msg);
	}
	crm_buf_free(&json);
	return rc;
}

/* Users whose chain of managers comes back to them, and a team with no
 * active admin. */
static const char sql_manager_cycles[] =
	"WITH RECURSIVE up (start, cur, depth) AS ("
	" SELECT login, manager, 1 FROM users WHERE manager IS NOT NULL"
	" UNION ALL SELECT up.start, u.manager, up.depth + 1 FROM up"
	" JOIN users u ON u.login = up.cur"
	" WHERE u.manager IS NOT NULL AND up.cur <> up.start AND depth < 1000)"
	" SELECT DISTINCT start FROM up WHERE cur = start";
static const char sql_admins[] =
	"SELECT count(*) FROM users WHERE role = 'admin' AND active = 1";

static int
check_users(struct crm_session *s, struct crm_rows *out, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_manager_cycles, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		problem(out, "team", "user", crm_db_col_text(st, 0),
		    "is among their own managers");
	if (rc < 0 || (st = crm_db_prepare(s->db, sql_admins, e)) == NULL ||
	    crm_db_row(s->db, st, e) != 1)
		return -1;
	if (sqlite3_column_int(st, 0) == 0)
		problem(out, "team", "user", NULL, "no active admin");
	sqlite3_reset(st);
	return 0;
}

/* A customer has an owner or is in a pool, never both nor neither; its
 * normalized keys match its name and phone (a row changed behind crm's
 * back would escape the duplicate check). */
static const char sql_customers[] =
	"SELECT id, CASE WHEN (owner IS NULL) = (pool IS NULL) THEN "
	"'has ' || CASE WHEN owner IS NULL THEN 'neither an owner nor a pool' "
	"ELSE 'both an owner and a pool' END "
	"ELSE 'its name key does not match its name' END "
	"FROM customers WHERE (owner IS NULL) = (pool IS NULL) "
	"OR name_key IS NOT crm_key(name)";

/* Customers that share a normalized name or phone: the 撞单 check
 * missed them, or someone added them with --allow-duplicate. */
static const char sql_customer_dupes[] =
	"SELECT min(id), 'shares its name with customer' || "
	"CASE WHEN count(*) > 2 THEN 's ' ELSE ' ' END || "
	"substr(group_concat(id, ', '), length(min(id)) + 3) "
	"FROM (SELECT id, name_key FROM customers ORDER BY name_key, id) "
	"GROUP BY name_key HAVING count(*) > 1 UNION ALL "
	"SELECT min(id), 'shares its phone with customer' || "
	"CASE WHEN count(*) > 2 THEN 's ' ELSE ' ' END || "
	"substr(group_concat(id, ', '), length(min(id)) + 3) "
	"FROM (SELECT id, phone_key FROM customers "
	"WHERE phone_key IS NOT NULL ORDER BY phone_key, id) "
	"GROUP BY phone_key HAVING count(*) > 1";

static int
customer_problems(struct crm_session *s, const char *sql,
    struct crm_rows *out, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		problem(out, "customer", "customer", crm_db_col_text(st, 0),
		    crm_db_col_text(st, 1));
	return rc;
}

static int
check_customers(struct crm_session *s, struct crm_rows *out,
    struct crm_err *e)
{
	return customer_problems(s, sql_customers, out, e) < 0 ||
	    customer_problems(s, sql_customer_dupes, out, e) < 0 ? -1 : 0;
}

/* The database and its -wal and -shm files: customer data must not be
 * readable by every account on the machine (design/quality.md). */
static int
check_files(struct crm_session *s, struct crm_rows *out, struct crm_err *e)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	struct crm_buf path = { 0 }, what = { 0 };

	(void)e;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
		int mode;

		crm_buf_reset(&path);
		crm_buf_addf(&path, "%s%s", crm_db_path(s->db), suffix[i]);
		if ((mode = crm_file_world_mode(path.s)) < 0 ||
		    !(mode & 0007))
			continue;
		crm_buf_reset(&what);
		crm_buf_addf(&what, "'%s' can be read by every account on "
		    "this machine (mode %04o): chmod o-rwx, and see crm(7), "
		    "Security", path.s, mode);
		problem(out, "files", "database", NULL, what.s);
	}
	crm_buf_free(&path);
	crm_buf_free(&what);
	return 0;
}

static int (*const checks[])(struct crm_session *, struct crm_rows *,
    struct crm_err *) = {
	check_files,
	check_integrity,
	check_foreign_keys,
	check_settings,
	check_users,
	check_customers,
};

struct crm_rows *
crm_check(struct crm_session *s, struct crm_err *e)
{
	struct crm_rows *out;

	/* it reads every record, whoever may see it: a rep who learns that
	 * a hidden customer shares a phone they typed has probed it */
	if (crm_session_require(s, CRM_ROLE_ADMIN, _("check the database"),
	    e) < 0)
		return NULL;
	out = crm_rows_mem(cols, 4);

	for (size_t i = 0; i < sizeof(checks) / sizeof(*checks); i++) {
		if (checks[i](s, out, e) < 0) {
			crm_rows_close(out);
			return NULL;
		}
	}
	return out;
}
