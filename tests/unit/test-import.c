/* The import pipeline on an entity of the test's own — a gadget, with a
 * table made here, one duplicate key and no code of its own but its
 * descriptor — through the generic API, on a real database file: the
 * proof that a new entity imports without a copy of customers' code. */
#include <ctype.h>

#include "unit.h"
#include "crm/import.h"
#include "crm/session.h"

static char dir[] = "/tmp/crm-unit-XXXXXX";
static char path[256];
static struct crm_session s;

static const char sql_table[] =
	"CREATE TABLE gadgets (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, "
	"name TEXT, price INTEGER, created_at TEXT NOT NULL, "
	"updated_at TEXT NOT NULL, sku_key TEXT); "
	"CREATE INDEX gadgets_sku_key ON gadgets (sku_key)";
static const char sql_one[] =
	"DELETE FROM gadgets; INSERT INTO gadgets VALUES (1, 'AB-1', "
	"'Widget', 5, '2026-01-01T00:00:00', '2026-01-01T00:00:00', 'ab1')";

static const char sql_none[] = "DELETE FROM gadgets";

/* Parts name their gadget: a foreign key that nothing but the database
 * checks. */
static const char sql_parts[] =
	"CREATE TABLE parts (id INTEGER PRIMARY KEY, gadget INTEGER NOT NULL "
	"REFERENCES gadgets (id), created_at TEXT NOT NULL, updated_at TEXT "
	"NOT NULL)";

static const struct crm_field fields[] = {
	{ "id", NULL, CRM_K_ID, 0, NULL, NULL, NULL, NULL },
	{ "sku", "code", CRM_K_TEXT, CRM_F_REQUIRED, NULL, NULL, NULL, NULL },
	{ "name", NULL, CRM_K_TEXT, 0, NULL, NULL, NULL, NULL },
	{ "price", NULL, CRM_K_INT, 0, NULL, NULL, NULL, NULL },
	{ "created_at", NULL, CRM_K_TIME, CRM_F_SYSTEM, NULL, NULL, NULL,
	    NULL },
	{ "updated_at", NULL, CRM_K_TIME, CRM_F_SYSTEM, NULL, NULL, NULL,
	    NULL },
};

/* "AB-1", "ab 1" and "ab1" are one sku. */
static int
sku_key(const char *sku, struct crm_buf *out)
{
	for (; *sku; sku++)
		if (isalnum((unsigned char)*sku))
			crm_buf_addc(out, (char)tolower((unsigned char)*sku));
	return out->len ? 0 : -1;
}

static const struct crm_key keys[] = {
	{ "sku_key", 1, sku_key, "sku", CRM_KEY_DUP },
};

static const struct crm_import_def gadget_import = {
	.roles = CRM_ROLES_ALL
};

static const struct crm_entity gadget = {
	.name = "gadget", .table = "gadgets", .fields = fields, .nfields = 6,
	.keys = keys, .nkeys = 1, .title = 1, .import = &gadget_import,
};

static const struct crm_field part_fields[] = {
	{ "id", NULL, CRM_K_ID, 0, NULL, NULL, NULL, NULL },
	{ "gadget", NULL, CRM_K_INT, CRM_F_REQUIRED, NULL, NULL, NULL, NULL },
	{ "created_at", NULL, CRM_K_TIME, CRM_F_SYSTEM, NULL, NULL, NULL,
	    NULL },
	{ "updated_at", NULL, CRM_K_TIME, CRM_F_SYSTEM, NULL, NULL, NULL,
	    NULL },
};

static const struct crm_entity part = {
	.name = "part", .table = "parts", .fields = part_fields, .nfields = 4,
	.title = 1, .import = &gadget_import,
};

static char reported[4096];

static void
report(void *arg, const char *msg)
{
	(void)arg;
	strncat(reported, msg, sizeof(reported) - strlen(reported) - 2);
	strcat(reported, "\n");
}

static struct crm_report rep = { report, NULL, 0 };

static int
setup(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	if (unit_db_make(dir, path, sizeof(path)) < 0 ||
	    crm_session_open(&s, path, "boss", NULL, 0, &e) < 0)
		return -1;
	s.command = strdup("test import");
	s.report = &rep;
	return crm_db_exec(s.db, sql_table, &e) < 0 ? -1 :
	    crm_db_exec(s.db, sql_parts, &e);
}

static int
teardown(void **state)
{
	(void)state;
	crm_session_close(&s);
	return unit_db_remove(dir);
}

/* Import csv text into ent's table, gadgets holding the gadget AB-1
 * first, or (empty 1) nothing, or (-1) what they hold; partial:
 * --partial. */
static int
import_into(const struct crm_entity *ent, const char *csv, int empty,
    enum crm_on_dup on_dup, int partial, struct crm_import_result *r,
    struct crm_err *e)
{
	struct crm_import_opts o = { 0 };
	struct crm_in_opts io = { CRM_FMT_CSV, NULL };
	FILE *fp = tmpfile();
	struct crm_in *in;
	int rc;

	assert_non_null(fp);
	fputs(csv, fp);
	rewind(fp);
	if (empty >= 0)
		assert_int_equal(crm_db_exec(s.db, empty ? sql_none : sql_one,
		    e), 0);
	reported[0] = '\0';
	s.run = 0;
	in = crm_in_open_fp(fp, "g.csv", &io, e);
	assert_non_null(in);
	o.on_dup = on_dup;
	o.partial = partial;
	rc = crm_import(&s, ent, in, &o, r, e);
	crm_in_close(in);
	fclose(fp);
	return rc;
}

static int
import(const char *csv, int empty, enum crm_on_dup on_dup, int partial,
    struct crm_import_result *r, struct crm_err *e)
{
	return import_into(&gadget, csv, empty, on_dup, partial, r, e);
}

/* What the import did: created, updated, skipped and rejected, as
 * "c/u/s/r". */
static const char *
did(const struct crm_import_result *r)
{
	static char out[64];

	snprintf(out, sizeof(out), "%ld/%ld/%ld/%ld", r->created, r->updated,
	    r->skipped, r->rejected);
	return out;
}

/* The first column of the first row of sql, as text (static storage). */
static const char *
one(const char *sql)
{
	static char out[256];
	sqlite3_stmt *st;

	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(crm_db_sqlite(s.db), sql, -1, &st,
	    NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Line 2 duplicates the gadget in the table, line 4 line 3 (the same
 * sku, written otherwise); line 5 has no sku, line 6 a bad price. */
static const char file[] =
	"code,name,price\n"
	"AB-1,Widget again,6\n"
	"XY-9,Gizmo,7\n"
	"xy 9,Gizmo copy,8\n"
	",Nameless,1\n"
	"ZZ-1,Thing,abc\n";

static void
duplicates_are_refused(void **state)
{
	struct crm_import_result r;
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(import(file, 0, CRM_DUP_ERROR, 0, &r, &e), -1);
	assert_int_equal(e.code, 65);
	assert_string_equal(e.msg, "4 bad records in 'g.csv'; nothing "
	    "imported");
	assert_non_null(strstr(reported, "g.csv:2: duplicate of gadget 1 "
	    "'AB-1': same sku\n"));
	assert_non_null(strstr(reported, "g.csv:4: duplicate of line 3 "
	    "(same sku)\n"));
	assert_non_null(strstr(reported, "g.csv:5: field 'sku': missing\n"));
	assert_non_null(strstr(reported, "g.csv:6: field 'price': "));
	assert_string_equal(one("SELECT count(*) FROM gadgets"), "1");
}

static void
skip_and_partial(void **state)
{
	struct crm_import_result r;
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(import(file, 0, CRM_DUP_SKIP, 1, &r, &e), 0);
	assert_int_equal(r.records, 5);
	assert_string_equal(did(&r), "1/0/2/2");
	assert_string_equal(one("SELECT group_concat(id || ':' || sku || ':' "
	    "|| sku_key || ':' || price || ':' || created_at, ' ') FROM "
	    "(SELECT * FROM gadgets ORDER BY id)"), "1:AB-1:ab1:5:"
	    "2026-01-01T00:00:00 2:XY-9:xy9:7:2026-11-24T09:00:00");
}

static void
update_merges_and_audits(void **state)
{
	struct crm_import_result r;
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(import(file, 0, CRM_DUP_UPDATE, 1, &r, &e), 0);
	assert_string_equal(did(&r), "1/1/0/2");
	assert_string_equal(one("SELECT name || ':' || price FROM gadgets "
	    "WHERE id = 1"), "Widget again:6");
	assert_string_equal(one("SELECT name || ':' || price FROM gadgets "
	    "WHERE sku_key = 'xy9'"), "Gizmo copy:8");
	assert_string_equal(one("SELECT old || '>' || new FROM events WHERE "
	    "entity = 'gadget' AND entity_id = '1' AND field = 'name'"),
	    "Widget>Widget again");
}

/* Many into an empty table: loaded without its indexes, which are made
 * again as the schema has them. */
static void
bulk_keeps_the_indexes(void **state)
{
	struct crm_buf csv = { 0 };
	struct crm_import_result r;
	struct crm_err e = { 0 };

	(void)state;
	crm_buf_adds(&csv, "sku,name\n");
	for (int i = 0; i < 10050; i++)
		crm_buf_addf(&csv, "B-%d,Bulk %d\n", i, i);
	crm_buf_adds(&csv, "b 7,again\n");
	assert_int_equal(import(csv.s, 1, CRM_DUP_SKIP, 0, &r, &e), 0);
	assert_string_equal(did(&r), "10050/0/1/0");
	assert_string_equal(one("SELECT sql FROM sqlite_master WHERE name = "
	    "'gadgets_sku_key'"), "CREATE INDEX gadgets_sku_key ON gadgets "
	    "(sku_key)");
	assert_string_equal(one("SELECT count(*) FROM gadgets"), "10050");
	assert_string_equal(one("SELECT count(*) FROM sqlite_stat1 WHERE "
	    "idx = 'gadgets_sku_key'"), "1");	/* analyzed: built after */
	crm_buf_free(&csv);
}

/* A direct load (parts is empty) checks the foreign keys once for the
 * whole table, instead of at each insert: a part of a gadget that is
 * not there is refused all the same, and nothing is written; the checks
 * are on again after. Into a table not empty (staged), the same. */
static void
foreign_keys_checked(void **state)
{
	struct crm_import_result r;
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(import_into(&part, "gadget\n1\n1\n", 0,
	    CRM_DUP_ERROR, 0, &r, &e), 0);
	assert_string_equal(did(&r), "2/0/0/0");
	assert_int_equal(crm_db_exec(s.db, "DELETE FROM parts", &e), 0);
	assert_int_equal(import_into(&part, "gadget\n1\n7\n1\n", 0,
	    CRM_DUP_ERROR, 1, &r, &e), -1);
	assert_int_equal(e.code, 65);
	assert_non_null(strstr(e.msg, "1 parts name records that are not "
	    "there (FOREIGN KEY"));
	assert_string_equal(one("SELECT count(*) FROM parts"), "0");
	assert_string_equal(one("PRAGMA foreign_keys"), "1");
	assert_int_equal(crm_db_exec(s.db, "INSERT INTO parts VALUES (1, 1, "
	    "'x', 'x')", &e), 0);
	assert_int_equal(import_into(&part, "gadget\n7\n", -1,
	    CRM_DUP_ERROR, 1, &r, &e), -1);
	assert_int_equal(e.code, 65);
	assert_non_null(strstr(e.msg, "FOREIGN KEY"));
	assert_string_equal(one("SELECT count(*) FROM parts"), "1");
	assert_int_equal(crm_db_exec(s.db, "DELETE FROM parts", &e), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(duplicates_are_refused),
		cmocka_unit_test(skip_and_partial),
		cmocka_unit_test(update_merges_and_audits),
		cmocka_unit_test(bulk_keeps_the_indexes),
		cmocka_unit_test(foreign_keys_checked),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
