#include "unit.h"
#include "crm/clock.h"

static crm_day
date(const char *s)
{
	struct crm_err e = { 0 };
	crm_day d;

	if (crm_date_parse(s, &d, &e) != 0)
		fail_msg("'%s': %s", s, e.msg);
	return d;
}

static void
civil_round_trip(void **state)
{
	(void)state;
	assert_int_equal(crm_day_from_ymd(1970, 1, 1), 0);
	assert_int_equal(crm_day_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(crm_day_from_ymd(1969, 12, 31), -1);
	for (crm_day d = -719000; d < 2900000; d += 37) {
		int y, m, dd;

		crm_day_to_ymd(d, &y, &m, &dd);
		assert_int_equal(crm_day_from_ymd(y, m, dd), d);
		assert_true(crm_ymd_valid(y, m, dd));
	}
}

static void
validity(void **state)
{
	(void)state;
	assert_true(crm_ymd_valid(2024, 2, 29));
	assert_false(crm_ymd_valid(2026, 2, 29));
	assert_false(crm_ymd_valid(1900, 2, 29));
	assert_true(crm_ymd_valid(2000, 2, 29));
	assert_false(crm_ymd_valid(2026, 13, 1));
	assert_false(crm_ymd_valid(2026, 4, 31));
}

static void
date_forms(void **state)
{
	struct crm_err e = { 0 };
	crm_day d;
	char out[CRM_DATE_LEN];

	(void)state;
	setenv("CRM_NOW", "2026-11-24T09:30:00", 1);
	assert_int_equal(crm_clock_init(&e), 0);
	assert_int_equal(date("2026-11-24"), crm_today());
	assert_int_equal(date("2026/11/24"), crm_today());
	assert_int_equal(date("2026/1/5"), crm_day_from_ymd(2026, 1, 5));
	assert_int_equal(date("2026.1.5"), crm_day_from_ymd(2026, 1, 5));
	assert_int_equal(date("2026年1月5日"), crm_day_from_ymd(2026, 1, 5));
	assert_int_equal(date("today"), crm_today());
	assert_int_equal(date("tomorrow"), crm_today() + 1);
	assert_int_equal(date("yesterday"), crm_today() - 1);
	assert_int_equal(date("+3d"), crm_today() + 3);
	assert_int_equal(date("-2w"), crm_today() - 14);
	assert_int_equal(date("+1m"), crm_day_from_ymd(2026, 12, 24));
	assert_int_equal(date("-1y"), crm_day_from_ymd(2025, 11, 24));
	crm_date_format(date("+3m"), out);
	assert_string_equal(out, "2027-02-24");
	/* a month offset clamps to the month's last day */
	assert_int_equal(crm_day_add_months(crm_day_from_ymd(2026, 1, 31), 1),
	    crm_day_from_ymd(2026, 2, 28));
	assert_int_equal(crm_date_parse("2026-02-30", &d, &e), -1);
	assert_int_equal(e.code, 65);
	assert_int_equal(crm_date_parse("24/11/2026", &d, &e), -1);
	assert_int_equal(crm_date_parse("+3x", &d, &e), -1);
	assert_int_equal(crm_date_parse("2026-11-24x", &d, &e), -1);
	assert_int_equal(crm_date_parse("", &d, &e), -1);
}

static void
times(void **state)
{
	struct crm_err e = { 0 };
	struct crm_time t;
	char out[CRM_TIME_LEN];

	(void)state;
	setenv("CRM_NOW", "2026-11-24T09:30:05", 1);
	assert_int_equal(crm_clock_init(&e), 0);
	crm_now_text(out);
	assert_string_equal(out, "2026-11-24T09:30:05");
	assert_int_equal(crm_time_parse("2026-11-20 14:05", &t, &e), 0);
	crm_time_format(&t, out);
	assert_string_equal(out, "2026-11-20T14:05:00");
	assert_int_equal(crm_time_parse("2026-11-20", &t, &e), 0);
	crm_time_format(&t, out);
	assert_string_equal(out, "2026-11-20T00:00:00");
	assert_int_equal(crm_time_parse("2026-11-20T25:00", &t, &e), -1);
	assert_int_equal(crm_time_parse("now", &t, &e), 0);
	assert_int_equal(t.sec, 9 * 3600 + 30 * 60 + 5);
}

static void
bad_crm_now(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	setenv("CRM_NOW", "soon", 1);
	assert_int_equal(crm_clock_init(&e), -1);
	assert_int_equal(e.code, 78);
	setenv("CRM_NOW", "2026-11-24", 1);
	assert_int_equal(crm_clock_init(&e), 0);
	unsetenv("CRM_NOW");
	assert_int_equal(crm_clock_init(&e), 0);
	assert_true(crm_today() > crm_day_from_ymd(2020, 1, 1));
}

/* A CRM_NOW that the session refuses is dropped: the clock is the
 * system's again, and says so. */
static void
override_dropped(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	setenv("CRM_NOW", "2030-01-01", 1);
	assert_int_equal(crm_clock_init(&e), 0);
	assert_true(crm_clock_overridden());
	assert_int_equal(crm_today(), crm_day_from_ymd(2030, 1, 1));
	crm_clock_use_system();
	assert_false(crm_clock_overridden());
	assert_true(crm_today() != crm_day_from_ymd(2030, 1, 1));
	unsetenv("CRM_NOW");
	assert_int_equal(crm_clock_init(&e), 0);
	assert_false(crm_clock_overridden());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(civil_round_trip),
		cmocka_unit_test(validity),
		cmocka_unit_test(date_forms),
		cmocka_unit_test(times),
		cmocka_unit_test(bad_crm_now),
		cmocka_unit_test(override_dropped),
	};

	return RUN(tests);
}
