/* The database layer, on real files: open checks, the statement cache,
 * transactions, busy handling, backup, the audit trail and undo. */
#include <unistd.h>

#include "unit.h"
#include "crm/audit.h"
#include "crm/dbinit.h"
#include "crm/migrate.h"
#include "crm/session.h"
#include "crm/setting.h"

static char dir[] = "/tmp/crm-unit-XXXXXX";
static char path[256];

static int
setup(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	setenv("CRM_NOW", "2026-11-24T09:00:00", 1);
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/crm.db", dir);
	return crm_init_database(path, "boss", "The Boss", "test init", NULL,
	    &e);
}

static int
teardown(void **state)
{
	(void)state;
	return unit_remove_dir(dir);
}

static void
open_checks(void **state)
{
	struct crm_db *db;
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(crm_db_open(&db, "/nonexistent/crm.db", 0, &e), -1);
	assert_int_equal(e.code, 66);
	assert_non_null(strstr(e.msg, "(run: crm init)"));
	assert_int_equal(crm_db_open(&db, path, 0, &e), 0);
	assert_int_equal(crm_db_version(db), crm_schema_version());
	crm_db_close(db);
	assert_int_equal(crm_init_database(path, "x", "X", "again", NULL, &e),
	    -1);
	assert_int_equal(e.code, 73);
}

static const char sql_count[] = "SELECT count(*) FROM users WHERE role = ?";

static void
statement_cache(void **state)
{
	struct crm_db *db;
	struct crm_err e = { 0 };
	sqlite3_stmt *a, *b;

	(void)state;
	assert_int_equal(crm_db_open(&db, path, 0, &e), 0);
	a = crm_db_prepare(db, sql_count, &e);
	sqlite3_bind_text(a, 1, "admin", -1, SQLITE_STATIC);
	assert_int_equal(crm_db_row(db, a, &e), 1);
	assert_int_equal(sqlite3_column_int(a, 0), 1);
	b = crm_db_prepare(db, sql_count, &e);
	assert_ptr_equal(a, b);		/* prepared once, reused */
	assert_int_equal(sqlite3_bind_parameter_count(b), 1);
	crm_db_close(db);
}

static void
busy_is_tempfail(void **state)
{
	struct crm_db *db;
	struct crm_err e = { 0 };
	sqlite3 *other;

	(void)state;
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", 0, 0, 0), 0);
	setenv("CRM_BUSY_TIMEOUT_MS", "50", 1);
	assert_int_equal(crm_db_open(&db, path, 0, &e), 0);
	assert_int_equal(crm_db_begin(db, &e), -1);
	assert_int_equal(e.code, 75);
	assert_non_null(strstr(e.msg, "busy"));
	unsetenv("CRM_BUSY_TIMEOUT_MS");
	crm_db_close(db);
	sqlite3_exec(other, "ROLLBACK", 0, 0, 0);
	sqlite3_close(other);
}

static void
audit_and_undo(void **state)
{
	struct crm_session s = { 0 };
	struct crm_err e = { 0 };
	struct crm_buf v = { 0 };
	long long run;

	(void)state;
	assert_int_equal(crm_session_open(&s, path, "boss", NULL, 0, &e), 0);
	s.command = strdup("test set");
	assert_int_equal(crm_setting_set(&s, "pool.max_owned", "99", &e), 0);
	run = s.run;
	assert_true(run > 1);
	crm_setting_yaml(&s, "pool.max_owned", &v, &e);
	assert_string_equal(v.s, "99");
	assert_int_equal(crm_undo(&s, run, &e), 0);
	crm_setting_yaml(&s, "pool.max_owned", &v, &e);
	assert_string_equal(v.s, "200");
	assert_int_equal(crm_undo(&s, run, &e), -1);
	assert_int_equal(e.code, 65);
	crm_buf_free(&v);
	crm_session_close(&s);
}

static void
unknown_user_is_refused(void **state)
{
	struct crm_session s = { 0 };
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(crm_session_open(&s, path, "stranger", NULL, 0, &e),
	    -1);
	assert_int_equal(e.code, 77);
	assert_non_null(strstr(e.msg, "crm user add stranger"));
	crm_session_close(&s);
}

static void
backup_copy(void **state)
{
	struct crm_db *db, *copy;
	struct crm_err e = { 0 };
	char to[300];

	(void)state;
	snprintf(to, sizeof(to), "%s/copy.db", dir);
	assert_int_equal(crm_db_open(&db, path, 0, &e), 0);
	assert_int_equal(crm_db_backup_to(db, to, &e), 0);
	assert_int_equal(crm_db_backup_to(db, to, &e), -1);
	assert_int_equal(e.code, 73);
	assert_int_equal(crm_db_open(&copy, to, 0, &e), 0);
	crm_db_close(copy);
	crm_db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_checks),
		cmocka_unit_test(statement_cache),
		cmocka_unit_test(busy_is_tempfail),
		cmocka_unit_test(audit_and_undo),
		cmocka_unit_test(unknown_user_is_refused),
		cmocka_unit_test(backup_copy),
	};

	return cmocka_set_message_output(CM_OUTPUT_TAP),
	    cmocka_run_group_tests(tests, setup, teardown);
}
