#include "unit.h"
#include "crm/doc.h"

/* A small document: two header lines, a table with a wide name and a
 * right-aligned column, two totals and a paragraph. */
static struct crm_doc *
sample(const char *name)
{
	static const struct crm_doc_col cols[] = {
		{ "#", CRM_DOC_RIGHT }, { "名称", CRM_DOC_LEFT },
		{ "金额", CRM_DOC_RIGHT },
	};
	struct crm_doc *d = crm_doc_new("报价单", "报价单 7", "zh_CN");
	const char *r1[] = { "1", name, "1,299.50" };
	const char *r2[] = { "2", "Cable", "0.35" };

	crm_doc_field(d, "客户", "星河科技");
	crm_doc_field(d, "Owner", "li.lei");
	crm_doc_field(d, "Left out", NULL);
	crm_doc_columns(d, cols, 3);
	crm_doc_row(d, r1);
	crm_doc_row(d, r2);
	crm_doc_total(d, "合计", "1,299.85", 1);
	crm_doc_total(d, "Gross", "9.00", 0);
	crm_doc_para(d, "line one\nline two");
	return d;
}

static void
text(void **state)
{
	struct crm_doc *d = sample("工业路由器");
	struct crm_buf b = { 0 };

	(void)state;
	crm_doc_render(d, CRM_DOC_TEXT, &b);
	assert_string_equal(b.s,
	    "报价单\n"
	    "======\n"
	    "\n"
	    "客户   星河科技\n"
	    "Owner  li.lei\n"
	    "\n"
	    "#  名称            金额\n"
	    "-----------------------\n"
	    "1  工业路由器  1,299.50\n"
	    "2  Cable           0.35\n"
	    "-----------------------\n"
	    "         合计  1,299.85\n"
	    "        Gross      9.00\n"
	    "\n"
	    "line one\nline two\n");
	crm_buf_free(&b);
	crm_doc_free(d);
}

static void
html(void **state)
{
	struct crm_doc *d = sample("<b>&\"'</b>\x01");
	struct crm_buf b = { 0 };

	(void)state;
	crm_doc_render(d, CRM_DOC_HTML, &b);
	assert_non_null(strstr(b.s, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(b.s, "<title>报价单 7</title>"));
	assert_non_null(strstr(b.s,
	    "<td>&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt; </td>"));
	assert_null(strstr(b.s, "<b>"));
	assert_null(strstr(b.s, "<script"));
	assert_null(strstr(b.s, "Left out"));
	assert_non_null(strstr(b.s, "<tr class=\"strong\"><th>合计</th>"));
	assert_non_null(strstr(b.s, "<p>line one\nline two</p>"));
	crm_buf_free(&b);
	crm_doc_free(d);
}

/* Several tables (a statement's): each under its caption, a caption
 * alone for a table without rows, the totals at the widest one's edge;
 * columns after rows start another table. */
static void
tables(void **state)
{
	static const struct crm_doc_col one[] = { { "名称", CRM_DOC_LEFT } };
	static const struct crm_doc_col two[] = {
		{ "A", CRM_DOC_LEFT }, { "金额", CRM_DOC_RIGHT },
	};
	const char *r1[] = { "星河" };
	const char *r2[] = { "x", "1,000.00" };
	struct crm_doc *d = crm_doc_new("对账单", NULL, "zh_CN");
	struct crm_buf b = { 0 }, h = { 0 };

	(void)state;
	crm_doc_table(d, "往来");
	crm_doc_columns(d, one, 1);
	crm_doc_row(d, r1);
	crm_doc_table(d, "没有发票。");
	crm_doc_table(d, "回款");
	crm_doc_columns(d, two, 2);
	crm_doc_row(d, r2);
	crm_doc_total(d, "合计", "1.00", 1);
	crm_doc_render(d, CRM_DOC_TEXT, &b);
	assert_string_equal(b.s,
	    "对账单\n"
	    "======\n"
	    "\n往来\n"
	    "\n"
	    "名称\n"
	    "----\n"
	    "星河\n"
	    "----\n"
	    "\n没有发票。\n"
	    "\n回款\n"
	    "\n"
	    "A      金额\n"
	    "-----------\n"
	    "x  1,000.00\n"
	    "-----------\n"
	    " 合计  1.00\n");
	crm_doc_render(d, CRM_DOC_HTML, &h);
	assert_non_null(strstr(h.s, "<h2>往来</h2>\n<table class=\"lines\">"));
	assert_non_null(strstr(h.s, "<h2>没有发票。</h2>\n<h2>回款</h2>\n"
	    "<table"));
	crm_buf_free(&b);
	crm_buf_free(&h);
	crm_doc_free(d);
}

static void
formats(void **state)
{
	enum crm_doc_fmt f = CRM_DOC_NONE;

	(void)state;
	assert_int_equal(crm_doc_fmt_parse("text", &f), 0);
	assert_int_equal(f, CRM_DOC_TEXT);
	assert_int_equal(crm_doc_fmt_parse("html", &f), 0);
	assert_int_equal(f, CRM_DOC_HTML);
	assert_int_equal(crm_doc_fmt_parse("table", &f), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text),
		cmocka_unit_test(html),
		cmocka_unit_test(tables),
		cmocka_unit_test(formats),
	};

	return RUN(tests);
}
