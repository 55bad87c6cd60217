#include "unit.h"
#include "crm/text.h"

static void
utf8_validation(void **state)
{
	(void)state;
	assert_true(crm_utf8_valid("abc 中文 😀", strlen("abc 中文 😀")));
	assert_false(crm_utf8_valid("\xC0\xAF", 2));		/* overlong */
	assert_false(crm_utf8_valid("\xE0\x80\xAF", 3));	/* overlong */
	assert_false(crm_utf8_valid("\xED\xA0\x80", 3));	/* surrogate */
	assert_false(crm_utf8_valid("\xF4\x90\x80\x80", 4));	/* > 10FFFF */
	assert_false(crm_utf8_valid("\xE4\xB8", 2));		/* cut short */
	assert_false(crm_utf8_valid("\x80", 1));
	assert_int_equal(crm_utf8_valid_prefix("ab\xFF" "c", 4), 2);
}

static void
decode_encode(void **state)
{
	uint32_t cp;
	char buf[4];

	(void)state;
	assert_int_equal(crm_utf8_decode("中", 3, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(crm_utf8_decode("\xFF", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(crm_utf8_encode(0x1F600, buf), 4);
	assert_memory_equal(buf, "😀", 4);
}

static void
display_width(void **state)
{
	(void)state;
	assert_int_equal(crm_text_width("abc"), 3);
	assert_int_equal(crm_text_width("中文"), 4);
	assert_int_equal(crm_text_width("ＡＢ"), 4);		/* full-width */
	assert_int_equal(crm_text_width("한국"), 4);
	assert_int_equal(crm_text_width("カナ"), 4);
	assert_int_equal(crm_text_width("e\xCC\x81"), 1);	/* combining */
	assert_int_equal(crm_text_width("😀"), 2);
	assert_int_equal(crm_text_width("a\xE2\x80\x8B" "b"), 2); /* ZWSP */
	assert_int_equal(crm_text_width(""), 0);
}

static void
fit(void **state)
{
	struct crm_buf b = { 0 };

	(void)state;
	assert_int_equal(crm_text_fit(&b, "北京科技有限公司", 7), 7);
	assert_string_equal(b.s, "北京科…");
	crm_buf_reset(&b);
	assert_int_equal(crm_text_fit(&b, "short", 10), 5);
	assert_string_equal(b.s, "short");
	crm_buf_reset(&b);
	crm_text_fit(&b, "a\nb", 10);
	assert_string_equal(b.s, "a↵b");
	crm_buf_reset(&b);
	assert_int_equal(crm_text_fit(&b, "中文", 3), 3);
	assert_string_equal(b.s, "中…");
	crm_buf_free(&b);
}

static void
folding(void **state)
{
	(void)state;
	assert_int_equal(crm_cp_fold('A'), 'a');
	assert_int_equal(crm_cp_fold(0xFF21), 'a');	/* Ａ */
	assert_int_equal(crm_cp_fold(0xFF11), '1');	/* １ */
	assert_int_equal(crm_cp_fold(0x3000), ' ');
	assert_int_equal(crm_cp_fold(0xC9), 0xE9);	/* É */
	assert_int_equal(crm_cp_fold(0x4E2D), 0x4E2D);
	assert_true(crm_cp_is_punct_or_space(0x3001));	/* 、 */
	assert_true(crm_cp_is_punct_or_space(0xFF08));	/* （ */
	assert_true(crm_cp_is_punct_or_space('-'));
	assert_false(crm_cp_is_punct_or_space(0x4E2D));
	assert_false(crm_cp_is_punct_or_space('a'));
}

/* Control characters never reach an HTML or SVG file: C0, DEL and C1
 * (U+009B, the terminal's CSI) are spaces; other text is kept. */
static void
xml_controls(void **state)
{
	struct crm_buf b = { 0 };

	(void)state;
	crm_text_escape_xml(&b, "a\x1b[31m\xC2\x9B" "1m<\xC2\xA0中\n", 0);
	assert_string_equal(crm_buf_str(&b), "a [31m 1m&lt;\xC2\xA0中 ");
	crm_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validation),
		cmocka_unit_test(decode_encode),
		cmocka_unit_test(display_width),
		cmocka_unit_test(fit),
		cmocka_unit_test(folding),
		cmocka_unit_test(xml_controls),
	};

	return RUN(tests);
}
