/* The writers: csv, tsv, json, yaml, table. */
#include "unit.h"
#include "crm/out.h"
#include "crm/text.h"

static const struct crm_col cols[] = {
	{ "id", CRM_COL_INT }, { "name", CRM_COL_TEXT },
	{ "phone", CRM_COL_PHONE }, { "amount", CRM_COL_MONEY },
	{ "tags", CRM_COL_LIST },
};

/* Write rows and return what came out (static buffer). */
static const char *
render(enum crm_fmt fmt, unsigned flags, int width, size_t nrows,
    const struct crm_val (*rows)[5])
{
	static char text[8192];
	struct crm_err e = { 0 };
	FILE *fp = tmpfile();
	struct crm_out *out = crm_out_new(fp, fmt, cols, 5, flags, width);
	size_t n;

	for (size_t i = 0; i < nrows; i++)
		assert_int_equal(crm_out_row(out, rows[i], &e), 0);
	assert_int_equal(crm_out_end(out, &e), 0);
	rewind(fp);
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	fclose(fp);
	return text;
}

static struct crm_val
list2(void)
{
	struct crm_val v = { CRM_V_LIST, "vip\0key", 7, 2 };

	return v;
}

static struct crm_val
t(const char *s)
{
	return crm_val_text(s);
}

static void
csv_quoting(void **state)
{
	const struct crm_val rows[2][5] = {
		{ t("1"), t("ACME, \"Inc\""), t("0138"), t("1234.50"),
		    list2() },
		{ t("2"), t("line\nbreak"), crm_val_null(), crm_val_null(),
		    crm_val_null() },
	};

	(void)state;
	assert_string_equal(render(CRM_FMT_CSV, 0, 0, 2, rows),
	    "id,name,phone,amount,tags\n"
	    "1,\"ACME, \"\"Inc\"\"\",0138,1234.50,vip;key\n"
	    "2,\"line\nbreak\",,,\n");
	assert_string_equal(render(CRM_FMT_CSV, CRM_OUT_NO_HEADER, 0, 0, rows),
	    "");
}

static void
csv_excel(void **state)
{
	const struct crm_val rows[1][5] = {
		{ t("1"), t("=HYPERLINK(1)"), t("+8613800138000"), t("-5.00"),
		    crm_val_null() },
	};

	(void)state;
	assert_string_equal(render(CRM_FMT_CSV, CRM_OUT_EXCEL, 0, 1, rows),
	    "\xEF\xBB\xBFid,name,phone,amount,tags\r\n"
	    "1,'=HYPERLINK(1),'+8613800138000,-5.00,\r\n");
}

/* A list cell that needs the formula guard: the guard must not read the
 * joined list from the buffer it is writing (a use after free once the
 * buffer grows past its first allocation). */
static void
csv_excel_guarded_list(void **state)
{
	char items[200], want[400];

	(void)state;
	memset(items, 'A', 150);
	items[0] = '=';
	memcpy(items + 150, "\0vip", 5);
	const struct crm_val rows[1][5] = {
		{ t("1"), t("x"), crm_val_null(), crm_val_null(),
		    { CRM_V_LIST, items, 154, 2 } },
	};

	snprintf(want, sizeof(want), "\xEF\xBB\xBFid,name,phone,amount,"
	    "tags\r\n1,x,,,'%.150s;vip\r\n", items);
	assert_string_equal(render(CRM_FMT_CSV, CRM_OUT_EXCEL, 0, 1, rows),
	    want);
}

static void
tsv_escapes(void **state)
{
	const struct crm_val rows[1][5] = {
		{ t("1"), t("a\tb\\c\nd"), t("x"), t("1.00"), list2() },
	};

	(void)state;
	assert_string_equal(render(CRM_FMT_TSV, 0, 0, 1, rows),
	    "id\tname\tphone\tamount\ttags\n"
	    "1\ta\\tb\\\\c\\nd\tx\t1.00\tvip;key\n");
}

static void
json_values(void **state)
{
	const struct crm_val rows[2][5] = {
		{ t("1"), t("李\"雷\"\n"), t("0138"), t("1234.50"), list2() },
		{ t("2"), crm_val_null(), crm_val_null(), t("x"),
		    crm_val_null() },
	};

	(void)state;
	assert_string_equal(render(CRM_FMT_JSON, 0, 0, 0, rows), "[]\n");
	assert_string_equal(render(CRM_FMT_JSON, 0, 0, 2, rows),
	    "[\n{\"id\":1,\"name\":\"李\\\"雷\\\"\\n\",\"phone\":\"0138\","
	    "\"amount\":1234.50,\"tags\":[\"vip\",\"key\"]},\n"
	    "{\"id\":2,\"name\":null,\"phone\":null,\"amount\":\"x\","
	    "\"tags\":null}\n]\n");
	assert_string_equal(render(CRM_FMT_JSONL, 0, 0, 1, rows),
	    "{\"id\":1,\"name\":\"李\\\"雷\\\"\\n\",\"phone\":\"0138\","
	    "\"amount\":1234.50,\"tags\":[\"vip\",\"key\"]}\n");
}

static void
yaml_values(void **state)
{
	const struct crm_val rows[1][5] = {
		{ t("1"), t("yes"), t("0138"), t("1234.50"), list2() },
	};

	(void)state;
	assert_string_equal(render(CRM_FMT_YAML, 0, 0, 0, rows), "[]\n");
	assert_string_equal(render(CRM_FMT_YAML, 0, 0, 1, rows),
	    "- id: 1\n  name: \"yes\"\n  phone: \"0138\"\n  amount: 1234.50\n"
	    "  tags:\n  - vip\n  - key\n");
}

static void
table_alignment(void **state)
{
	const struct crm_val rows[2][5] = {
		{ t("1"), t("北京科技"), t("138"), t("1234567.5"),
		    crm_val_null() },
		{ t("22"), t("ACME"), crm_val_null(), t("-3"), list2() },
	};

	(void)state;
	assert_string_equal(render(CRM_FMT_TABLE, 0, 0, 0, rows), "");
	assert_string_equal(render(CRM_FMT_TABLE, 0, 0, 2, rows),
	    "id  name      phone        amount  tags\n"
	    " 1  北京科技  138    1,234,567.50\n"
	    "22  ACME                    -3.00  vip, key\n");
}

static void
table_cut_to_width(void **state)
{
	const struct crm_val rows[1][5] = {
		{ t("1"), t("北京东方明珠科技发展有限公司"), t("13800138000"),
		    t("1.00"), crm_val_null() },
	};
	const char *out;

	(void)state;
	out = render(CRM_FMT_TABLE, 0, 40, 1, rows);
	assert_non_null(strstr(out, "…"));
	for (const char *line = out; *line;) {
		const char *nl = strchr(line, '\n');
		char buf[512];

		snprintf(buf, sizeof(buf), "%.*s", (int)(nl - line), line);
		assert_true(crm_text_width(buf) <= 40);
		line = nl + 1;
	}
}

static void
table_vertical(void **state)
{
	const struct crm_val rows[1][5] = {
		{ t("7"), t("ACME"), crm_val_null(), t("10"), list2() },
	};

	(void)state;
	assert_string_equal(render(CRM_FMT_TABLE, CRM_OUT_VERTICAL, 0, 1, rows),
	    "id      7\nname    ACME\namount  10.00\ntags    vip, key\n");
}

static void
format_names(void **state)
{
	enum crm_fmt f;
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(crm_fmt_parse("yaml", &f, &e), 0);
	assert_int_equal(f, CRM_FMT_YAML);
	assert_int_equal(crm_fmt_parse("xml", &f, &e), -1);
	assert_int_equal(e.code, 64);
	assert_string_equal(crm_fmt_name(CRM_FMT_JSONL), "jsonl");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_quoting),
		cmocka_unit_test(csv_excel),
		cmocka_unit_test(csv_excel_guarded_list),
		cmocka_unit_test(tsv_escapes),
		cmocka_unit_test(json_values),
		cmocka_unit_test(yaml_values),
		cmocka_unit_test(table_alignment),
		cmocka_unit_test(table_cut_to_width),
		cmocka_unit_test(table_vertical),
		cmocka_unit_test(format_names),
	};

	return RUN(tests);
}
