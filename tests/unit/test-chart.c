/* Charts: the bar arithmetic (eighths, zero, negative values, all
 * zeros), sparkline levels, the terminal drawing with Chinese labels
 * exactly, and the SVG's elements and escaping. */
#include "unit.h"
#include "crm/chart.h"

static void
eighths(void **state)
{
	(void)state;
	assert_int_equal(crm_chart_eighths(100, 100, 10), 80);
	assert_int_equal(crm_chart_eighths(150, 100, 10), 80);	/* capped */
	assert_int_equal(crm_chart_eighths(50, 100, 10), 40);
	assert_int_equal(crm_chart_eighths(100.0 / 3, 100, 10), 27);
	assert_int_equal(crm_chart_eighths(0.001, 100, 10), 1); /* not 0 */
	assert_int_equal(crm_chart_eighths(0, 100, 10), 0);
	assert_int_equal(crm_chart_eighths(-5, 100, 10), 0);	/* negative */
	assert_int_equal(crm_chart_eighths(0, 0, 10), 0);	/* all zero */
	assert_int_equal(crm_chart_eighths(-1, -1, 10), 0);
	assert_int_equal(crm_chart_eighths(5, 10, 0), 0);
}

static char *
bar(long e, int ascii)
{
	static char out[256];
	struct crm_buf b = { 0 };

	crm_chart_bar(&b, e, ascii);
	snprintf(out, sizeof(out), "%s", crm_buf_str(&b));
	crm_buf_free(&b);
	return out;
}

static void
bars(void **state)
{
	(void)state;
	assert_string_equal(bar(0, 0), "");
	assert_string_equal(bar(1, 0), "▏");
	assert_string_equal(bar(4, 0), "▌");
	assert_string_equal(bar(7, 0), "▉");
	assert_string_equal(bar(8, 0), "█");
	assert_string_equal(bar(19, 0), "██▍");
	assert_string_equal(bar(0, 1), "");
	assert_string_equal(bar(1, 1), "#");	/* a positive value shows */
	assert_string_equal(bar(11, 1), "#");
	assert_string_equal(bar(12, 1), "##");
	assert_string_equal(bar(16, 1), "##");
}

static void
sparks(void **state)
{
	(void)state;
	assert_string_equal(crm_chart_spark(0, 0, 7, 0), "▁");
	assert_string_equal(crm_chart_spark(7, 0, 7, 0), "█");
	assert_string_equal(crm_chart_spark(3, 0, 7, 0), "▄");
	assert_string_equal(crm_chart_spark(5, 5, 5, 0), "▄"); /* flat */
	assert_string_equal(crm_chart_spark(0, 0, 7, 1), "_");
	assert_string_equal(crm_chart_spark(7, 0, 7, 1), "#");
}

static const struct crm_col cols[] = {
	{ "name", CRM_COL_TEXT },
	{ "amount", CRM_COL_MONEY },
	{ "low", CRM_COL_MONEY },
	{ "high", CRM_COL_MONEY },
};

static struct crm_rows *
sample(void)
{
	static const char *const data[][4] = {
		{ "星河科技", "100.00", "90.00", "110.00" },
		{ "ABC", "50.00", "40.00", "60.00" },
		{ "南方", "0", "0", "0" },
		{ "某某", "-10.00", "-20.00", "0" },
	};
	struct crm_rows *r = crm_rows_mem(cols, 4);

	for (size_t i = 0; i < 4; i++) {
		struct crm_val v[4];

		for (size_t j = 0; j < 4; j++)
			v[j] = crm_val_text(data[i][j]);
		crm_rows_mem_add(r, v);
	}
	return r;
}

static char *
draw(enum crm_chart_kind kind, int width, int ascii, int svg)
{
	struct crm_chart_spec spec = { .kind = kind, .label = "name",
		.value = "amount", .lower = "low", .upper = "high" };
	struct crm_rows *r = sample();
	struct crm_chart ch;
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	assert_int_equal(crm_chart_load(&ch, r, &spec, &e), 0);
	if (svg)
		crm_chart_svg(&b, &ch);
	else
		crm_chart_text(&b, &ch, width, ascii);
	crm_chart_free(&ch);
	crm_rows_close(r);
	return crm_buf_detach(&b);
}

/* Labels padded to the widest (星河科技 is 8 columns), values after
 * the bars right-aligned; 24 columns of bar in 40. */
static void
text_ascii(void **state)
{
	char *s = draw(CRM_CHART_BARS, 40, 1, 0);

	(void)state;
	assert_string_equal(s,
	    "amount\n"
	    "星河科技 ######################## 100.00\n"
	    "ABC      ############              50.00\n"
	    "南方                                0.00\n"
	    "某某                              -10.00\n");
	free(s);
	s = draw(CRM_CHART_BARS, 40, 0, 0);
	assert_string_equal(s,
	    "amount\n"
	    "星河科技 ████████████████████████ 100.00\n"
	    "ABC      ████████████              50.00\n"
	    "南方                                0.00\n"
	    "某某                              -10.00\n");
	free(s);
}

static void
text_other_kinds(void **state)
{
	char *s = draw(CRM_CHART_FUNNEL, 40, 1, 0);

	(void)state;
	assert_string_equal(s,
	    "amount\n"
	    "星河科技 ######################## 100.00\n"
	    "ABC            ############        50.00\n"
	    "南方                                0.00\n"
	    "某某                              -10.00\n");
	free(s);
	s = draw(CRM_CHART_TREND, 40, 0, 0);
	assert_string_equal(s, "amount\n█▅▂▁\n"
	    "星河科技 to 某某: lowest -10.00, highest 100.00, last -10.00\n");
	free(s);
	/* a band: the value, then the interval up to its upper end */
	s = draw(CRM_CHART_BAND, 40, 1, 0);
	assert_non_null(strstr(s, "星河科技 #########- 100.00 [90.00, "
	    "110.00]\n"));
	free(s);
}

/* History and forecast in one band: the history's rows have no
 * interval, and show none. */
static void
band_history(void **state)
{
	struct crm_chart_spec spec = { .kind = CRM_CHART_BAND,
		.label = "name", .value = "amount", .lower = "low",
		.upper = "high" };
	struct crm_rows *r = crm_rows_mem(cols, 4);
	struct crm_val v[4] = { crm_val_text("2026-10"), crm_val_text("80"),
		crm_val_null(), crm_val_null() };
	struct crm_chart ch;
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	(void)state;
	crm_rows_mem_add(r, v);
	v[0] = crm_val_text("2026-11");
	v[2] = crm_val_text("60");
	v[3] = crm_val_text("100");
	crm_rows_mem_add(r, v);
	assert_int_equal(crm_chart_load(&ch, r, &spec, &e), 0);
	assert_int_equal(ch.p[0].band, 0);
	assert_true(ch.p[0].lo == 80 && ch.p[0].hi == 80);
	assert_int_equal(ch.p[1].band, 1);
	crm_chart_text(&b, &ch, 40, 1);
	assert_string_equal(b.s, "amount\n"
	    "2026-10 ########                   80.00\n"
	    "2026-11 ########-- 80.00 [60.00, 100.00]\n");
	crm_chart_free(&ch);
	crm_rows_close(r);
	crm_buf_free(&b);
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s++;
	}
	return n;
}

static void
svg(void **state)
{
	char *s = draw(CRM_CHART_BARS, 0, 0, 1);

	(void)state;
	assert_int_equal(count(s, "<rect class=\"bar\""), 4);
	assert_non_null(strstr(s, ">星河科技</text>"));
	free(s);
	s = draw(CRM_CHART_BAND, 0, 0, 1);
	assert_int_equal(count(s, "<circle class=\"point\""), 4);
	assert_int_equal(count(s, "<path class=\"band\""), 1);
	free(s);
}

static void
svg_escapes(void **state)
{
	struct crm_rows *r = crm_rows_mem(cols, 2);
	struct crm_chart_spec spec = { .kind = CRM_CHART_BARS,
		.label = "name", .value = "amount" };
	struct crm_val v[2] = { crm_val_text("A&B <x> \"q\" 'a'\001"),
		crm_val_text("1") };
	struct crm_chart ch;
	struct crm_buf b = { 0 };
	struct crm_err e = { 0 };

	(void)state;
	crm_rows_mem_add(r, v);
	assert_int_equal(crm_chart_load(&ch, r, &spec, &e), 0);
	crm_chart_svg(&b, &ch);
	assert_non_null(strstr(b.s, ">A&amp;B &lt;x&gt; &quot;q&quot; "
	    "&#39;a&#39;?</text>"));
	crm_chart_free(&ch);
	crm_rows_close(r);
	crm_buf_free(&b);
}

/* A forecast's band in a workbook: a line chart of the value, the lower
 * and the upper ends (three series of four points). */
static void
xlsx_band(void **state)
{
	char dir[] = "/tmp/crm-test-chart.XXXXXX", path[64], cmd[160];
	struct crm_chart_spec spec = { .kind = CRM_CHART_BAND,
		.label = "name", .value = "amount", .lower = "low",
		.upper = "high" };
	struct crm_rows *r = sample();
	struct crm_chart ch;
	struct crm_err e = { 0 };
	struct crm_chart_file f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/band.xlsx", dir);
	assert_int_equal(crm_chart_load(&ch, r, &spec, &e), 0);
	assert_int_equal(crm_chart_file_open(&f, path, NULL, &e), 0);
	crm_rows_rewind(r);
	assert_int_equal(crm_chart_xlsx(f.fd, path, r, &ch, &e), 0);
	assert_int_equal(crm_chart_file_close(&f, 1, &e), 0);
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/charts/chart1.xml | "
	    "grep -o '<c:ser>' | wc -l | grep -qx 3", path);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/worksheets/sheet2.xml | "
	    "grep -q '<c r=\"D2\" s=\"[0-9]*\"><v>110</v>'", path);
	assert_int_equal(system(cmd), 0);
	crm_chart_free(&ch);
	crm_rows_close(r);
	unit_remove_dir(dir);
}

static void
load_errors(void **state)
{
	struct crm_rows *r = sample();
	struct crm_chart_spec spec = { .kind = CRM_CHART_BARS,
		.label = "name", .value = "nope" };
	struct crm_chart ch;
	struct crm_err e = { 0 };

	(void)state;
	assert_int_equal(crm_chart_load(&ch, r, &spec, &e), -1);
	assert_int_equal(e.code, 70);
	crm_chart_free(&ch);
	crm_rows_close(r);
	r = crm_rows_mem(cols, 2);
	{
		struct crm_val v[2] = { crm_val_text("x"),
			crm_val_text("abc") };

		crm_rows_mem_add(r, v);
	}
	spec.value = "amount";
	assert_int_equal(crm_chart_load(&ch, r, &spec, &e), -1);
	assert_int_equal(e.code, 65);
	crm_chart_free(&ch);
	crm_rows_close(r);
	/* a total row is not drawn */
	r = sample();
	spec.total = 1;
	assert_int_equal(crm_chart_load(&ch, r, &spec, &e), 0);
	assert_int_equal(ch.n, 3);
	assert_string_equal(ch.p[2].label, "南方");
	crm_chart_free(&ch);
	crm_rows_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eighths),
		cmocka_unit_test(bars),
		cmocka_unit_test(sparks),
		cmocka_unit_test(text_ascii),
		cmocka_unit_test(text_other_kinds),
		cmocka_unit_test(band_history),
		cmocka_unit_test(svg),
		cmocka_unit_test(svg_escapes),
		cmocka_unit_test(xlsx_band),
		cmocka_unit_test(load_errors),
	};

	return RUN(tests);
}
