#include <stdio.h>

#include "unit.h"
#include "crm/keyset.h"
#include "crm/norm.h"
#include "crm/text.h"

/* The filter of the direct load's copies: a key seen is always said to
 * be (a copy is never missed); a new one seldom is. */
static void
keyfilter(void **state)
{
	struct crm_keyfilter f = { 0 };
	char key[32];
	int maybe = 0;

	(void)state;
	assert_int_equal(crm_keyfilter_add(&f, "星河贸易", 12), 0);
	assert_int_equal(crm_keyfilter_add(&f, "星河贸易", 12), 1);
	for (int i = 0; i < 200000; i++) {
		int n = snprintf(key, sizeof(key), "%d", i);

		maybe += crm_keyfilter_add(&f, key, (size_t)n);
	}
	assert_true(maybe < 2000);	/* about 0.05% at 200 000 keys */
	for (int i = 0; i < 200000; i += 997) {
		int n = snprintf(key, sizeof(key), "%d", i);

		assert_int_equal(crm_keyfilter_add(&f, key, (size_t)n), 1);
	}
	crm_keyfilter_free(&f);
}

/* The fast paths of decoding and width: the same as the slow ones. */
static void
fast_paths(void **state)
{
	struct crm_buf b = { 0 };
	uint32_t cp;

	(void)state;
	assert_int_equal(crm_utf8_decode("中", 3, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(crm_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);		/* a surrogate: refused */
	assert_int_equal(crm_utf8_decode("\xE4\xB8", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);		/* cut short */
	assert_int_equal(crm_cp_width(0x4E2D), 2);
	assert_false(crm_cp_is_punct_or_space(0x4E2D));
	assert_true(crm_cp_is_punct_or_space(0x3002));	/* 。 */
	crm_norm_width("13800000001", &b);
	assert_string_equal(crm_buf_str(&b), "13800000001");
	crm_buf_reset(&b);
	crm_norm_width("１３８　x", &b);
	assert_string_equal(crm_buf_str(&b), "138 x");
	crm_buf_reset(&b);
	crm_norm_core("上海市星河贸易有限公司", &b);
	assert_string_equal(crm_buf_str(&b), "星河贸易");
	crm_buf_reset(&b);
	crm_norm_core("乌鲁木齐天山科技公司", &b);
	assert_string_equal(crm_buf_str(&b), "天山科技");
	crm_buf_reset(&b);
	assert_int_equal(crm_phone_check("138-0000-0001", &b, NULL), 0);
	assert_string_equal(crm_buf_str(&b), "13800000001");
	crm_buf_reset(&b);	/* again: the one kept */
	assert_int_equal(crm_phone_check("138-0000-0001", &b, NULL), 0);
	assert_string_equal(crm_buf_str(&b), "13800000001");
	crm_buf_reset(&b);
	assert_int_equal(crm_phone_check("12-34", &b, NULL), -1);
	crm_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keyfilter),
		cmocka_unit_test(fast_paths),
	};

	return RUN(tests);
}
