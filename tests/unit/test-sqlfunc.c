#include "unit.h"
#include "crm/db.h"

/* fn(arg) through SQL, as list and show call it; NULL for NULL. */
static char *
call(const char *fn, const char *arg)
{
	static char out[128];
	sqlite3 *db;
	sqlite3_stmt *st;
	char sql[64];
	const unsigned char *v;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(crm_sql_functions(db), 0);
	snprintf(sql, sizeof(sql), "SELECT %s(?)", fn);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_text(st, 0);
	if (v)
		snprintf(out, sizeof(out), "%s", (const char *)v);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v ? out : NULL;
}

/* Each pair: a value and its mask (NULL: the mask of NULL is NULL). */
static void
expect_masks(const char *fn, const char *const (*cases)[2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *got = call(fn, cases[i][0]);

		if (cases[i][1] == NULL)
			assert_null(got);
		else
			assert_string_equal(got, cases[i][1]);
	}
}

/* At most half of the digits show, except a mobile's 3 + 4. */
static void
mask_phone(void **state)
{
	static const char *const cases[][2] = {
		{ "13812345678", "138****5678" },
		{ "+86 138 1234 5678", "138****5678" },
		{ "0086-13812345678", "138****5678" },
		{ "0571-88881234", "057****1234" },
		{ "0571-88881234-801", "057****1234" },
		{ "+86 571 8888 1234", "057****1234" },
		{ "+1 415 555 0100", "+141****0100" },
		{ "00852 2345 6789", "+852****6789" },
		{ "62345678", "62****78" },
		{ "(5) 555-3932", "55****32" },
		{ "0571888812", "05****12" },
		{ "5553932", "****32" },
		{ "55532", "****32" },
		{ "123", "****" },
		{ "", "****" },
		{ NULL, NULL },
	};

	(void)state;
	expect_masks("crm_mask_phone", cases, sizeof(cases) / sizeof(*cases));
}

/* The first character of a local part of two or more, and the domain. */
static void
mask_email(void **state)
{
	static const char *const cases[][2] = {
		{ "pool@east.cn", "p***@east.cn" },
		{ "ab@short.cn", "a***@short.cn" },
		{ "x@paren.cn", "***@paren.cn" },
		{ "李雷@例子.中国", "李***@例子.中国" },
		{ "李@例子.中国", "***@例子.中国" },
		{ "nope", "***" },
		{ "@x.cn", "***@x.cn" },
		{ NULL, NULL },
	};

	(void)state;
	expect_masks("crm_mask_email", cases, sizeof(cases) / sizeof(*cases));
}

static void
key(void **state)
{
	(void)state;
	assert_string_equal(call("crm_key", "ACME, Inc."), "acmeinc");
	assert_null(call("crm_key", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mask_phone),
		cmocka_unit_test(mask_email),
		cmocka_unit_test(key),
	};

	return RUN(tests);
}
