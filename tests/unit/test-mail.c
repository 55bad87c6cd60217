/* Mail headers: names and addresses checked, display names quoted or
 * encoded, long ones folded, nothing from the data able to start a
 * header line. */
#include "unit.h"
#include "crm/clock.h"
#include "crm/mail.h"

static const char *
mailbox(const char *name, const char *addr)
{
	static char text[1024];
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	if (crm_mail_mailbox(&b, name, addr, &e) < 0)
		snprintf(text, sizeof(text), "error %d", e.code);
	else
		snprintf(text, sizeof(text), "%s", crm_buf_str(&b));
	crm_buf_free(&b);
	return text;
}

static void
names_checked(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(crm_mail_name_check("韩梅梅", &e), 0);
	assert_int_equal(crm_mail_name_check("Ma, \"Boss\" Lin", &e), 0);
	assert_int_equal(crm_mail_name_check("Eve\r\nBcc: x@evil.com", &e),
	    -1);
	assert_int_equal(e.code, 65);
	assert_int_equal(crm_mail_name_check("a\tb", &e), -1);
	assert_int_equal(crm_mail_name_check("a\x7f", &e), -1);
	assert_int_equal(crm_mail_name_check("a\xc2\x85", &e), -1); /* NEL */
	assert_int_equal(crm_mail_name_check("a\xe2\x80\xa8", &e), -1);
	assert_int_equal(crm_mail_name_check("a\xff", &e), -1);
}

static void
addresses_checked(void **state)
{
	static const char *const bad[] = { "a@example.com, b@example.com",
		"a@example.com,b@example.com", "<a@example.com>",
		"Eve <a@example.com>", "a b@example.com", "\"a\"@example.com",
		"a@example.com\r\nBcc: x@evil.com", "a\x7f@example.com",
		"a\xc2\x85@example.com", "a@example.com;b@example.com",
		"@example.com", "a@", "" };
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(crm_mail_address_check("li.lei+crm@example.com", &e),
	    0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		e.code = 0;
		assert_int_equal(crm_mail_address_check(bad[i], &e), -1);
		assert_int_equal(e.code, 65);
	}
}

static void
display_names(void **state)
{
	(void)state;
	assert_string_equal(mailbox("Li Lei", "li@example.com"),
	    "Li Lei <li@example.com>");
	assert_string_equal(mailbox(NULL, "li@example.com"),
	    "li@example.com");
	assert_string_equal(mailbox("Ma, \"Boss\" Lin", "m@example.com"),
	    "\"Ma, \\\"Boss\\\" Lin\" <m@example.com>");
	assert_string_equal(mailbox("a;b\\c", "m@example.com"),
	    "\"a;b\\\\c\" <m@example.com>");
	assert_string_equal(mailbox("=?UTF-8?B?QQ==?=", "m@example.com"),
	    "\"=?UTF-8?B?QQ==?=\" <m@example.com>");
	assert_string_equal(mailbox("李雷", "li@example.com"),
	    "=?UTF-8?B?5p2O6Zu3?= <li@example.com>");
}

/* Whatever the database holds, no line of a header starts with data:
 * every line after the first is a fold (starts with a space). */
static void
never_pasted(void **state)
{
	const char *out;

	(void)state;
	out = mailbox("Eve\r\nBcc: spy@evil.com", "e@example.com");
	assert_string_equal(out, "\"Eve  Bcc: spy@evil.com\" <e@example.com>");
	out = mailbox("李雷\nBcc: spy@evil.com", "e@example.com");
	assert_null(strstr(out, "\nB"));
	assert_string_equal(mailbox("Eve", "e@example.com\nBcc: x@evil.com"),
	    "error 65");
	assert_string_equal(mailbox("Eve", "a@example.com, x@evil.com"),
	    "error 65");
}

static void
long_names_fold(void **state)
{
	char name[200] = "";
	const char *out, *line;

	(void)state;
	for (int i = 0; i < 20; i++)	/* 120 bytes: three words */
		memcpy(name + 6 * i, "北京", 7);
	out = mailbox(name, "b@example.com");
	for (line = out; line; line = strchr(line + 1, '\n')) {
		const char *end = strchr(line + 1, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);

		assert_true(n <= 78);
		if (line != out)
			assert_int_equal(line[1], ' ');
	}
	assert_non_null(strstr(out, "?=\n =?UTF-8?B?"));
}

static void
rendered_message(void **state)
{
	struct crm_mail m = { "crm@example.com", "李雷", "li@example.com",
		"crm 提醒: 1 项", "Follow-ups due:\n" };
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	(void)state;
	setenv("CRM_NOW", "2026-11-24T09:05:07", 1);
	setenv("TZ", "CST-8", 1);	/* POSIX form: no zone files needed */
	crm_clock_init(&e);
	assert_int_equal(crm_mail_render(&b, &m, &e), 0);
	assert_non_null(strstr(b.s, "From: crm <crm@example.com>\n"
	    "To: =?UTF-8?B?5p2O6Zu3?= <li@example.com>\nSubject: "));
	assert_non_null(strstr(b.s, "\nDate: Tue, 24 Nov 2026 09:05:07 "
	    "+0800\nMessage-ID: <crm.20261124090507."));
	assert_non_null(strstr(b.s, "@example.com>\nMIME-Version: 1.0\n"));
	assert_non_null(strstr(b.s, "\n\nFollow-ups due:\n"));
	m.to = "li@example.com\nBcc: x@evil.com";
	assert_int_equal(crm_mail_render(&b, &m, &e), -1);
	crm_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_checked),
		cmocka_unit_test(addresses_checked),
		cmocka_unit_test(display_names),
		cmocka_unit_test(never_pasted),
		cmocka_unit_test(long_names_fold),
		cmocka_unit_test(rendered_message),
	};

	return RUN(tests);
}
