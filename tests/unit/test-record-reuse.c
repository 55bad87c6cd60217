/* A record reused from one value to the next (an import's): its values
 * in its block, the same as a record's whose values are each malloc'd;
 * and the keys made into a buffer that already holds something. */
#include "unit.h"
#include "crm/norm.h"
#include "crm/record.h"
#include "crm/text.h"

#define FIELD(name, kind, values) { name, NULL, kind, 0, values, NULL, \
	NULL, NULL }

static const struct crm_field fields[] = {
	FIELD("id", CRM_K_ID, NULL),
	FIELD("name", CRM_K_TEXT, NULL),
	FIELD("phone", CRM_K_PHONE, NULL),
	FIELD("tier", CRM_K_ENUM, "A|B|C"),
	FIELD("due", CRM_K_DATE, NULL),
	FIELD("price", CRM_K_MONEY, NULL),
	FIELD("vip", CRM_K_BOOL, NULL),
	FIELD("tags", CRM_K_TAGS, NULL),
	FIELD("note", CRM_K_NOTE, NULL),
};

static int
name_key(const char *v, struct crm_buf *out)
{
	return crm_norm_name_key(v, out);
}

static int
phone_key(const char *v, struct crm_buf *out)
{
	return crm_phone_check(v, out, NULL);
}

static const struct crm_key keys[] = {
	{ "name_key", 1, name_key, "name", CRM_KEY_DUP },
	{ "phone_key", 2, phone_key, "phone", CRM_KEY_DUP },
};

static const struct crm_entity thing = {
	.name = "thing", .table = "things", .fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields), .keys = keys, .nkeys = 2,
	.title = 1,
};

/* One input record: a value a field, NULL for none. */
static const char *const inputs[][9] = {
	{ "7", " Acme  Co ", "138-0013-8000", "b", "2026-1-5", "12.5", "yes",
	  "VIP; ｖｉｐ;new", "  a note\nof two lines " },
	{ NULL, "星河贸易", "＋８６ １３８００１３８０００", "Ｃ", "2026-11-24",
	  "3", "否", "", NULL },
	{ NULL, "  ", "", "", NULL, "0", "0", NULL, "" },
	{ "12", "Beta", "010-62345678-801", "A", "2026-02-03", "-1.05",
	  "true", "x", NULL },
};

static int
fill(struct crm_record *r, const char *const *in)
{
	struct crm_err e = { 0 };
	const char *bad;

	for (size_t f = 0; f < thing.nfields; f++)
		if (crm_record_put(r, (int)f, in[f], NULL, &e) < 0)
			return -1;
	return crm_record_finish(r, 0, &bad, &e);
}

static void
same_as_fresh(const struct crm_record *a, const struct crm_record *b)
{
	for (size_t f = 0; f < thing.nfields; f++)
		assert_true(crm_record_same_field(a, b, (int)f));
	for (size_t k = 0; k < thing.nkeys; k++) {
		if (a->key[k] == NULL || b->key[k] == NULL)
			assert_ptr_equal(a->key[k], b->key[k]);
		else
			assert_string_equal(a->key[k], b->key[k]);
	}
}

static void
reused_is_fresh(void **state)
{
	struct crm_record reused;

	(void)state;
	crm_record_init_reused(&reused, &thing);
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
			struct crm_record fresh;

			crm_record_init(&fresh, &thing);
			crm_record_clear(&reused);
			assert_int_equal(fill(&fresh, inputs[i]), 0);
			assert_int_equal(fill(&reused, inputs[i]), 0);
			same_as_fresh(&fresh, &reused);
			crm_record_free(&fresh);
		}
	}
	assert_string_equal(reused.f[5], "-105");
	crm_record_free(&reused);
}

/* Values that do not fit the block are malloc'd, replaced or not, and
 * given back as any: the sanitizer build finds a leak or a bad free. */
static void
long_values(void **state)
{
	struct crm_record r;
	char *big = malloc(5000);

	(void)state;
	memset(big, 'x', 4999);
	big[4999] = '\0';
	crm_record_init_reused(&r, &thing);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(crm_record_put(&r, 8, big, NULL, NULL), 0);
		assert_int_equal(crm_record_put(&r, 1, big, NULL, NULL), 0);
		crm_record_set(&r, 8, "short");
		crm_record_set(&r, 1, r.f[8]);
		assert_string_equal(r.f[1], "short");
		assert_int_equal(crm_record_put_extra(&r, "k", "v", NULL), 0);
		crm_record_set(&r, 3, "C");
		assert_int_equal(crm_record_put(&r, 1, big, NULL, NULL), 0);
		crm_record_clear(&r);
		assert_null(r.f[1]);
		assert_int_equal(r.nextra, 0);
	}
	crm_record_free(&r);
	free(big);
}

/* A bad value leaves the field empty, and the next record whole. */
static void
bad_values(void **state)
{
	struct crm_record r;
	struct crm_err e = { 0 };

	(void)state;
	crm_record_init_reused(&r, &thing);
	assert_int_equal(crm_record_put(&r, 3, "z", NULL, &e), -1);
	assert_null(r.f[3]);
	assert_int_equal(crm_record_put(&r, 4, "2026-13-40", NULL, &e), -1);
	assert_int_equal(crm_record_put(&r, 6, "maybe", NULL, &e), -1);
	assert_int_equal(crm_record_put(&r, 2, "12", NULL, &e), -1);
	crm_record_clear(&r);
	assert_int_equal(fill(&r, inputs[0]), 0);
	assert_string_equal(r.f[3], "B");
	assert_string_equal(r.f[4], "2026-01-05");
	assert_string_equal(r.f[6], "1");
	crm_record_free(&r);
}

/* crm_norm_core appends: what the buffer held stays, the key follows. */
static void
core_appends(void **state)
{
	static const char *const names[] = { "深圳市华为技术有限公司",
		"ACME Co., Ltd.", "Acme Inc", "公司", "(x) co ltd", "" };

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct crm_buf a = { 0 }, b = { 0 };

		crm_norm_core(names[i], &a);
		crm_buf_adds(&b, "x y ");
		crm_norm_core(names[i], &b);
		assert_int_equal(b.len, a.len + 4);
		assert_memory_equal(b.s, "x y ", 4);
		assert_string_equal(b.s + 4, crm_buf_str(&a));
		crm_buf_free(&a);
		crm_buf_free(&b);
	}
}

static void
ascii(void **state)
{
	(void)state;
	assert_true(crm_norm_ascii(""));
	assert_true(crm_norm_ascii("138-0013 x"));
	assert_false(crm_norm_ascii("１３８"));
	assert_false(crm_norm_ascii("a\x80"));
	assert_true(crm_norm_ascii("\x7f"));
}

/* The valid prefix by the definition, a byte at a time: the fast paths
 * (eight ASCII bytes, a three-byte character) must agree with it. */
static size_t
valid_slow(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t need = s[i] < 0x80 ? 0 : s[i] >= 0xC2 && s[i] <= 0xDF ?
		    1 : s[i] >= 0xE0 && s[i] <= 0xEF ? 2 :
		    s[i] >= 0xF0 && s[i] <= 0xF4 ? 3 : 9;
		uint32_t cp = s[i] & (0x7F >> need);
		static const uint32_t min[] = { 0, 0x80, 0x800, 0x10000 };

		if (need == 9 || i + need >= len)
			return i;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min[need] || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += need + 1;
	}
	return i;
}

static void
utf8_prefix(void **state)
{
	static const char *const bits[] = { "abcdefgh", "a", "中", "😀",
		"\xED\xA0\x80", "\xE0\x80\xAF", "\xC3\xA9", "\x80", "\xE4\xB8",
		"\xFF", "12345678901", "\xEF\xBF\xBD" };
	unsigned char buf[64];

	(void)state;
	srand(7);
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;

		while (len < 40) {
			const char *b = bits[rand() % 12];

			memcpy(buf + len, b, strlen(b));
			len += strlen(b);
		}
		len -= (size_t)(rand() % 4);
		assert_int_equal(crm_utf8_valid_prefix((const char *)buf, len),
		    valid_slow(buf, len));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reused_is_fresh),
		cmocka_unit_test(long_values),
		cmocka_unit_test(bad_values),
		cmocka_unit_test(core_appends),
		cmocka_unit_test(ascii),
		cmocka_unit_test(utf8_prefix),
	};

	return RUN(tests);
}
