#include "unit.h"
#include "crm/money.h"

static int64_t
parse_ok(const char *s)
{
	struct crm_err e = { 0 };
	int64_t v = -999;

	if (crm_money_parse(s, &v, &e) != 0)
		fail_msg("'%s' did not parse: %s", s, e.msg);
	return v;
}

static void
parse_bad(const char *s, const char *why)
{
	struct crm_err e = { 0 };
	int64_t v;

	assert_int_equal(crm_money_parse(s, &v, &e), -1);
	assert_int_equal(e.code, 65);
	if (why && !strstr(e.msg, why))
		fail_msg("'%s': message '%s' lacks '%s'", s, e.msg, why);
}

static void
input_forms(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1234"), 123400);
	assert_int_equal(parse_ok("1234.5"), 123450);
	assert_int_equal(parse_ok("1,234.50"), 123450);
	assert_int_equal(parse_ok("¥1234.50"), 123450);
	assert_int_equal(parse_ok("￥1,234.50"), 123450);
	assert_int_equal(parse_ok("1234.50元"), 123450);
	assert_int_equal(parse_ok(" 12.3 "), 1230);
	assert_int_equal(parse_ok("-12.30"), -1230);
	assert_int_equal(parse_ok("¥-0.05"), -5);
	assert_int_equal(parse_ok("CNY 100"), 10000);
	assert_int_equal(parse_ok("0.1"), 10);
	assert_int_equal(parse_ok("7."), 700);
	assert_int_equal(parse_ok("1,000,000"), 100000000);
	assert_int_equal(parse_ok("92233720368547758.07"), INT64_MAX);
}

static void
bad_amounts(void **state)
{
	(void)state;
	parse_bad("", NULL);
	parse_bad("abc", NULL);
	parse_bad("1.234", "more than two decimal places");
	parse_bad("1.2E+5", "scientific notation");
	parse_bad("1,23", NULL);
	parse_bad("12,345,67", NULL);
	parse_bad("1,2345", NULL);
	parse_bad(",123", NULL);
	parse_bad("--1", NULL);
	parse_bad("92233720368547758.08", "too large");
	parse_bad("99999999999999999999", "too large");
}

static void
formats(void **state)
{
	char out[CRM_MONEY_LEN];

	(void)state;
	crm_money_format(123450, out);
	assert_string_equal(out, "1234.50");
	crm_money_format(-5, out);
	assert_string_equal(out, "-0.05");
	crm_money_format(0, out);
	assert_string_equal(out, "0.00");
	crm_money_format_grouped(123456789, out);
	assert_string_equal(out, "1,234,567.89");
	crm_money_format_grouped(-100000, out);
	assert_string_equal(out, "-1,000.00");
	crm_money_format_grouped(99, out);
	assert_string_equal(out, "0.99");
	crm_money_format(INT64_MIN, out);
	assert_string_equal(out, "-92233720368547758.08");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(input_forms),
		cmocka_unit_test(bad_amounts),
		cmocka_unit_test(formats),
	};

	return RUN(tests);
}
