#include "unit.h"
#include "crm/norm.h"

static void
expect_name(const char *in, const char *want)
{
	struct crm_buf b = { 0 };

	crm_norm_name(in, &b);
	assert_string_equal(crm_buf_str(&b), want);
	crm_buf_free(&b);
}

static void
names(void **state)
{
	(void)state;
	expect_name("ACME, Inc.", "acmeinc");
	expect_name("ａｃｍｅ　inc", "acmeinc");
	expect_name("北京（东方）科技有限公司", "北京东方科技有限公司");
	expect_name("  Li  Lei ", "lilei");
	expect_name("《星辰》·贸易", "星辰贸易");
	expect_name("", "");
}

static void
expect_core(const char *in, const char *want)
{
	struct crm_buf b = { 0 };

	crm_norm_core(in, &b);
	assert_string_equal(crm_buf_str(&b), want);
	crm_buf_free(&b);
}

static void
cores(void **state)
{
	(void)state;
	expect_core("深圳市华为技术有限公司", "华为技术");
	expect_core("华为技术(深圳)有限公司", "华为技术");
	expect_core("华为技术有限责任公司", "华为技术");
	expect_core("广东省美的集团股份有限公司", "美的");
	expect_core("北京（东方）科技有限公司", "科技");
	expect_core("ACME Co., Ltd.", "acme");
	expect_core("Acme Inc", "acme");
	expect_core("Zinc Mining", "zincmining");
	expect_core("有限公司", "有限");
	expect_core("北京", "北京");
	expect_core("北京大学", "大学");
}

static const char *
phone(const char *in)
{
	static char out[64];
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	if (crm_phone_check(in, &b, &e) != 0)
		fail_msg("'%s': %s", in, e.msg);
	snprintf(out, sizeof(out), "%s", crm_buf_str(&b));
	crm_buf_free(&b);
	return out;
}

static void
phone_bad(const char *in, const char *why)
{
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	assert_int_equal(crm_phone_check(in, &b, &e), -1);
	assert_int_equal(e.code, 65);
	assert_int_equal(b.len, 0);
	if (why && !strstr(e.msg, why))
		fail_msg("'%s': '%s' lacks '%s'", in, e.msg, why);
	crm_buf_free(&b);
}

static void
phones(void **state)
{
	(void)state;
	assert_string_equal(phone("13800138000"), "13800138000");
	assert_string_equal(phone("+86 138-0013-8000"), "13800138000");
	assert_string_equal(phone("0086 13800138000"), "13800138000");
	assert_string_equal(phone("(010) 6552-1234"), "01065521234");
	assert_string_equal(phone("0755 8888 1234"), "075588881234");
	assert_string_equal(phone("+1 415 555 0100"), "0014155550100");
	assert_string_equal(phone("400-820-8820"), "4008208820");
	phone_bad("1.38E+10", "scientific notation");
	phone_bad("12x", "is not a phone number");
	phone_bad("123", NULL);
	phone_bad("12345678901", "a mobile number starts with 13 to 19");
	/* a London number in a real customer list: 10 digits from 1 */
	assert_string_equal(phone("(171) 555-7788"), "1715557788");
	assert_string_equal(phone("1380013800"), "1380013800");
	assert_string_equal(phone("１３８００１３８０００"), "13800138000");
	assert_string_equal(phone("＋８６ １３８-００１３-８０００"),
	    "13800138000");
	assert_string_equal(phone("010-62345678 ext 12"), "01062345678x12");
	assert_string_equal(phone("010-62345678转8001"), "01062345678x8001");
	assert_string_equal(phone("010 6234 5678 分机 8001"),
	    "01062345678x8001");
	assert_string_equal(phone("010-62345678-801"), "01062345678x801");
	assert_string_equal(phone("(555) 123-4567 x89"), "5551234567x89");
	assert_string_equal(phone("138-0013-8000"), "13800138000");
	assert_string_equal(phone("0086-138-0013-8000"), "13800138000");
	assert_string_equal(phone("13800138000-12"), "13800138000x12");
	phone_bad("010-62345678 ext", NULL);
	phone_bad("call me", NULL);
	phone_bad("1234567890123456", NULL);
	phone_bad("13800+138000", NULL);
}

static void
emails(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(crm_email_check("li.lei@example.com", &e), 0);
	assert_int_equal(crm_email_check("a+b@mail.example.cn", &e), 0);
	assert_int_equal(crm_email_check("李雷@例子.中国", &e), 0);
	assert_int_equal(crm_email_check("nope", &e), -1);
	assert_int_equal(crm_email_check("a@b", &e), -1);
	assert_int_equal(crm_email_check("a@@b.com", &e), -1);
	assert_int_equal(crm_email_check("a b@c.com", &e), -1);
	assert_int_equal(crm_email_check("@c.com", &e), -1);
	assert_int_equal(crm_email_check("a@c..com", &e), -1);
	assert_int_equal(crm_email_check("a@-c.com", &e), -1);
	assert_int_equal(crm_email_check("a@c.c", &e), -1);
	assert_int_equal(e.code, 65);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(cores),
		cmocka_unit_test(phones),
		cmocka_unit_test(emails),
	};

	return RUN(tests);
}
