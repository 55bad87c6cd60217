/* The phone key as a Chinese sales team reads a number: the forms of one
 * mainland number give one key, other countries' numbers stay apart,
 * and the SQL function crm_phone_key (the migration's) agrees. */
#include "unit.h"
#include "crm/db.h"
#include "crm/norm.h"

/* The key of in, or "" when it is refused. */
static const char *
key(const char *in)
{
	static char out[64];
	struct crm_buf b = { 0 };

	out[0] = '\0';
	if (crm_phone_check(in, &b, NULL) == 0)
		snprintf(out, sizeof(out), "%s", crm_buf_str(&b));
	crm_buf_free(&b);
	return out;
}

/* Each row: one number's key, then the forms it is written in. */
static const char *const same[][9] = {
	{ "02112345678", "021-12345678", "+86 21 1234 5678",
	    "+86-21-12345678", "0086 21 1234 5678", "(+86) 21 1234 5678",
	    "+86 (0)21 1234 5678", "86 21 12345678",
	    "（＋８６）２１－１２３４５６７８" },
	{ "13800138000", "13800138000", "+86 138 0013 8000",
	    "0086 138 0013 8000", "(+86) 138-0013-8000", "86-138-0013-8000",
	    "8613800138000", "＋８６ １３８ ００１３ ８０００",
	    "+0086 13800138000" },
	{ "01062345678", "(010) 6234-5678", "+86 10 6234 5678",
	    "86 010 62345678", "+86 (10) 62345678", NULL },
	{ "075588881234", "0755-8888-1234", "+86 755 8888 1234",
	    "86 0755 8888 1234", "0086-755-88881234", NULL },
	{ "01062345678x801", "010-62345678 转 801", "010-62345678转801",
	    "010-62345678-801", "+86 10 6234 5678 ext. 801",
	    "+86-10-62345678-801", "010-62345678(转801)",
	    "010 6234 5678 分机号：801", "010-62345678 x801" },
	{ "13800138000x12", "13800138000-12", "+86 138 0013 8000 转12",
	    NULL },
	{ "4008208820", "400-820-8820", "+86 400 820 8820", NULL },
	{ "95588", "95588", "+86 95588", NULL },
	{ "0014155550100", "+1 415 555 0100", "001 415 555 0100",
	    "+1 (415) 555-0100", NULL },
	{ "00442079460958", "+44 20 7946 0958", "+44 (0)20 7946 0958",
	    "0044 20 7946 0958", "0044 (0)20 7946 0958", NULL },
	{ "0085223456789", "+852 2345 6789", "00852-2345-6789",
	    "852 2345 6789", "(852) 2345-6789", NULL },
	{ "0085328881234", "+853 2888 1234", "853-2888-1234", NULL },
	{ "00886223456789", "+886 2 2345 6789", "886-2-2345-6789", NULL },
	{ "00886912345678", "+886 912 345 678", "886 912 345 678", NULL },
};

/* Pairs that are not the same number. */
static const char *const apart[][2] = {
	{ "+1 415 555 0100", "14155550100" },	/* US, a mainland mobile */
	{ "+852 2345 6789", "2345 6789" },	/* HK, a local landline */
	{ "+853 2888 1234", "2888 1234" },	/* Macau */
	{ "+886 2 2345 6789", "022 2345 6789" },	/* Taipei, Tianjin */
	{ "+44 20 7946 0958", "020 7946 0958" },	/* London, Guangzhou */
	{ "021-12345678", "12345678" },		/* no area code: any city */
	{ "010-62345678", "010-62345678 转 801" },	/* desk, switchboard */
	{ "010-62345678 转 801", "010-62345678 转 802" },
	{ "86123456", "123456" },		/* 8 digits: a local number */
	{ "+86 1380013800", "01380013800" },	/* not Beijing's 010 */
	{ "854 1234 5678", "+854 1234 5678" },	/* 854: not a code read bare */
};

static void
same_number(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(same) / sizeof(*same); i++)
		for (size_t j = 1; j < 9 && same[i][j]; j++)
			if (strcmp(key(same[i][j]), same[i][0]) != 0)
				fail_msg("'%s' gives '%s', not '%s'", same[i][j],
				    key(same[i][j]), same[i][0]);
}

static void
other_numbers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(apart) / sizeof(*apart); i++) {
		char a[64];

		snprintf(a, sizeof(a), "%s", key(apart[i][0]));
		if (*a == '\0' || *key(apart[i][1]) == '\0' ||
		    strcmp(a, key(apart[i][1])) == 0)
			fail_msg("'%s' and '%s': '%s', '%s'", apart[i][0],
			    apart[i][1], a, key(apart[i][1]));
	}
}

/* Still refused: no number left after the country code, a mainland
 * mobile that is not one, more than E.164's 15 digits. */
static void
refused(void **state)
{
	static const char *const bad[] = { "+86", "0086", "+86 (0)",
		"+86 12345678901", "86 12345678901x", "+1234567890123456",
		"001234567890123456", "+86 138 0013 8000 转" };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (*key(bad[i]) != '\0')
			fail_msg("'%s' gave '%s'", bad[i], key(bad[i]));
	assert_string_equal(key("+123456789012345"), "00123456789012345");
	/* 13 digits from 86 and an invalid mobile: a number as it is */
	assert_string_equal(key("8612345678901"), "8612345678901");
}

/* crm_phone_key(phone) in SQL is the C key, NULL where C refuses. */
static void
sql_agrees(void **state)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(crm_sql_functions(db), 0);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT crm_phone_key(?)",
	    -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof(same) / sizeof(*same); i++) {
		sqlite3_bind_text(st, 1, same[i][1], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal(sqlite3_column_text(st, 0), same[i][0]);
		sqlite3_reset(st);
	}
	sqlite3_bind_text(st, 1, "call me", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(st, 0), SQLITE_NULL);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_number),
		cmocka_unit_test(other_numbers),
		cmocka_unit_test(refused),
		cmocka_unit_test(sql_agrees),
	};

	return RUN(tests);
}
