/* The readers' bad-input catalogue (design/cli.md, Input): each case
 * ends in the right records or a clear error naming the line. */
#include "unit.h"
#include "crm/buf.h"
#include "crm/in.h"

struct result {
	int rc;			/* of the last crm_in_next */
	int nrecs;
	char dump[8192];	/* records as "name=value|..." lines */
	char err[1024];
	int code;
};

static void
dump_val(struct crm_buf *b, const struct crm_val *v)
{
	if (v->type == CRM_V_NULL) {
		crm_buf_adds(b, "<null>");
	} else if (v->type == CRM_V_TEXT) {
		crm_buf_add(b, v->s, v->len);
	} else {
		const char *p = v->s;

		crm_buf_addc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			crm_buf_addf(b, "%s%s", i ? "," : "", p);
			p += strlen(p) + 1;
		}
		crm_buf_addc(b, ']');
	}
}

/* Read all records of text (len bytes) as fmt. */
static struct result
read_text(const char *text, size_t len, int fmt, const char *encoding)
{
	struct crm_in_opts o = { fmt, encoding };
	FILE *fp = tmpfile();
	struct crm_err e = { 0 };
	struct crm_buf b = { 0 };
	struct result r = { 0 };
	struct crm_in *in;
	struct crm_rec rec;

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	rewind(fp);
	in = crm_in_open_fp(fp, "t.in", &o, &e);
	if (in == NULL) {
		r.rc = -1;
	} else {
		while ((r.rc = crm_in_next(in, &rec, &e)) == 1) {
			r.nrecs++;
			crm_buf_addf(&b, "%ld:", rec.line);
			for (size_t i = 0; i < rec.n; i++) {
				crm_buf_addf(&b, "%s%s=", i ? "|" : "",
				    rec.names[i]);
				dump_val(&b, &rec.vals[i]);
			}
			crm_buf_addc(&b, '\n');
		}
		crm_in_close(in);
	}
	fclose(fp);
	snprintf(r.dump, sizeof(r.dump), "%s", crm_buf_str(&b));
	snprintf(r.err, sizeof(r.err), "%s", e.msg);
	r.code = e.code;
	crm_buf_free(&b);
	return r;
}

static struct result
csv(const char *text)
{
	return read_text(text, strlen(text), CRM_FMT_CSV, NULL);
}

static void
expect_records(struct result r, const char *dump)
{
	if (r.rc != 0)
		fail_msg("unexpected error: %s", r.err);
	assert_string_equal(r.dump, dump);
}

static void
expect_error(struct result r, const char *msg)
{
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.code, 65);
	if (strstr(r.err, msg) == NULL)
		fail_msg("error '%s' lacks '%s'", r.err, msg);
}

static void
plain(void **state)
{
	(void)state;
	expect_records(csv("id,name\n1,ACME\n2,Beta\n"),
	    "2:id=1|name=ACME\n3:id=2|name=Beta\n");
}

static void
bom_is_stripped(void **state)
{
	(void)state;
	expect_records(csv("\xEF\xBB\xBFname,phone\nA,1\n"),
	    "2:name=A|phone=1\n");
}

static void
crlf_line_ends(void **state)
{
	(void)state;
	expect_records(csv("a,b\r\n1,2\r\n3,4\r\n"), "2:a=1|b=2\n3:a=3|b=4\n");
}

static void
bare_cr_line_ends(void **state)
{
	(void)state;
	expect_records(csv("a,b\r1,2\r3,4\r"), "2:a=1|b=2\n3:a=3|b=4\n");
}

static void
no_final_newline(void **state)
{
	(void)state;
	expect_records(csv("a,b\n1,2"), "2:a=1|b=2\n");
}

static void
embedded_newline_and_quotes(void **state)
{
	(void)state;
	expect_records(csv("a,b\n\"line1\nline2\",\"say \"\"hi\"\"\"\n5,6\n"),
	    "2:a=line1\nline2|b=say \"hi\"\n4:a=5|b=6\n");
}

static void
spaces_are_kept(void **state)
{
	(void)state;
	expect_records(csv("a,b\n  x , y\n"), "2:a=  x |b= y\n");
}

static void
empty_field_is_null(void **state)
{
	(void)state;
	expect_records(csv("a,b,c\n,\"\",z\n"), "2:a=<null>|b=<null>|c=z\n");
}

static void
stray_quote(void **state)
{
	(void)state;
	expect_error(csv("a,b\n1,2\nab\"c,3\n"), "t.in:3: malformed quotes "
	    "in field 1");
}

static void
text_after_closing_quote(void **state)
{
	(void)state;
	expect_error(csv("a,b\n\"x\"y,3\n"), "t.in:2: malformed quotes");
}

static void
unterminated_quote(void **state)
{
	(void)state;
	expect_error(csv("a,b\n1,2\n3,\"open\nmore\n"), "opened on line 3 is "
	    "never closed");
}

static void
ragged_row(void **state)
{
	(void)state;
	expect_error(csv("a,b,c\n1,2,3\n4,5\n"), "t.in:3: 2 fields, but the "
	    "header has 3");
	expect_error(csv("a,b\n1,2,3\n"), "t.in:2: 3 fields");
}

static void
empty_file(void **state)
{
	(void)state;
	expect_error(csv(""), "t.in: empty input, expected a header row");
	expect_error(csv("\n\n"), "empty input");
}

static void
header_only(void **state)
{
	(void)state;
	expect_records(csv("a,b\n"), "");
}

static void
blank_header(void **state)
{
	(void)state;
	expect_error(csv("a,,c\n1,2,3\n"), "t.in:1: column 2 of the header "
	    "has no name");
	expect_error(csv("a, ,c\n1,2,3\n"), "column 2");
}

static void
duplicate_header(void **state)
{
	(void)state;
	expect_error(csv("phone,name,Phone\n1,2,3\n"), "t.in:1: column 'Phone' "
	    "appears twice in the header (columns 1 and 3: 'phone' and "
	    "'Phone'; names are case-insensitive)");
	expect_error(csv("name,x,x\n1,2,3\n"), "t.in:1: column 'x' appears "
	    "twice in the header (columns 2 and 3)");
}

/* Is text (as csv) of the shape crm's --excel writes? */
static int
excel_shape(const char *text)
{
	struct crm_in_opts o = { CRM_FMT_CSV, NULL };
	FILE *fp = tmpfile();
	struct crm_err e = { 0 };
	struct crm_rec rec;
	struct crm_in *in;
	int shape;

	assert_non_null(fp);
	fputs(text, fp);
	rewind(fp);
	in = crm_in_open_fp(fp, "t.in", &o, &e);
	assert_non_null(in);
	while (crm_in_next(in, &rec, &e) == 1)
		;
	shape = crm_in_excel_shape(in);
	crm_in_close(in);
	fclose(fp);
	return shape;
}

static void
excel_shaped_input(void **state)
{
	(void)state;
	assert_true(excel_shape("\xef\xbb\xbfname,note\r\nA,'=1\r\n"));
	assert_false(excel_shape("\xef\xbb\xbfname,note\nA,'=1\n"));
	assert_false(excel_shape("name,note\r\nA,'=1\r\n"));
	assert_false(excel_shape("\xef\xbb\xbfname,note\nA,\"x\r\ny\"\n"));
}

static void
nul_byte(void **state)
{
	(void)state;
	expect_error(read_text("a,b\n1,2\nx\0y,3\n", 13, CRM_FMT_CSV, NULL),
	    "t.in:3: NUL byte");
}

static void
invalid_utf8(void **state)
{
	(void)state;
	expect_error(csv("a,b\n1,2\n3,\xff\xfe\n"), "t.in:3: not valid UTF-8 "
	    "(for a file saved by Excel on Chinese Windows, use --encoding "
	    "gbk)");
	expect_error(csv("a\n\xC0\xAF\n"), "t.in:2: not valid UTF-8");
	expect_error(csv("a\n\xED\xA0\x80\n"), "not valid UTF-8");
}

static const char gbk[] = "\xbf\xcd\xbb\xa7\xc3\xfb\xb3\xc6,\xb5\xe7\xbb\xb0"
	"\r\n\xd5\xc5\xc8\xfd,13800138000\r\n";

static void
gb18030_without_encoding(void **state)
{
	(void)state;
	expect_error(read_text(gbk, strlen(gbk), CRM_FMT_CSV, NULL),
	    "t.in:1: not valid UTF-8");
}

static void
gb18030_with_encoding(void **state)
{
	(void)state;
	expect_records(read_text(gbk, strlen(gbk), CRM_FMT_CSV, "gbk"),
	    "2:客户名称=张三|电话=13800138000\n");
	expect_records(read_text(gbk, strlen(gbk), CRM_FMT_CSV, "gb18030"),
	    "2:客户名称=张三|电话=13800138000\n");
}

static void
encoding_auto(void **state)
{
	const char utf8[] = "名称\n张三\n";

	(void)state;
	expect_records(read_text(gbk, strlen(gbk), CRM_FMT_CSV, "auto"),
	    "2:客户名称=张三|电话=13800138000\n");
	expect_records(read_text(utf8, strlen(utf8), CRM_FMT_CSV, "auto"),
	    "2:名称=张三\n");
}

static void
unknown_encoding(void **state)
{
	struct result r;

	(void)state;
	r = read_text("a\n1\n", 4, CRM_FMT_CSV, "klingon");
	assert_int_equal(r.code, 64);
	assert_non_null(strstr(r.err, "unknown encoding 'klingon'"));
}

static char *
big_field_csv(size_t n, size_t *len)
{
	char *s = malloc(n + 32);

	memcpy(s, "a,b\n1,", 6);
	memset(s + 6, 'x', n);
	memcpy(s + 6 + n, "\n", 2);
	*len = n + 7;
	return s;
}

static void
two_mib_field(void **state)
{
	size_t len;
	char *s = big_field_csv(2 * 1024 * 1024, &len);

	(void)state;
	expect_error(read_text(s, len, CRM_FMT_CSV, NULL), "t.in:2: field 2 is "
	    "longer than 1 MiB");
	free(s);
	s = big_field_csv(1000 * 1000, &len);	/* under the limit: fine */
	assert_int_equal(read_text(s, len, CRM_FMT_CSV, NULL).nrecs, 1);
	free(s);
}

static void
tsv_reader(void **state)
{
	const char t[] = "a\tb\n1\tx\\ty\\nz\n\"q\"\t\\\\\n";

	(void)state;
	expect_records(read_text(t, strlen(t), CRM_FMT_TSV, NULL),
	    "2:a=1|b=x\ty\nz\n3:a=\"q\"|b=\\\n");
	expect_error(read_text("a\tb\n1\n", 6, CRM_FMT_TSV, NULL),
	    "t.in:2: 1 field, but the header has 2");
}

static struct result
yaml(const char *text)
{
	return read_text(text, strlen(text), CRM_FMT_YAML, NULL);
}

static void
yaml_records(void **state)
{
	(void)state;
	expect_records(yaml("- name: ACME\n  phone: \"0138\"\n  tags: [a, b]\n"
	    "- name: 李雷\n  phone: null\n  tags: []\n"),
	    "1:name=ACME|phone=0138|tags=[a,b]\n"
	    "4:name=李雷|phone=<null>|tags=[]\n");
	expect_records(yaml("name: one\n"), "1:name=one\n");
	expect_records(yaml(""), "");
}

static void
json_records(void **state)
{
	const char j[] = "[\n{\"id\":1,\"name\":\"A \\\"q\\\"\",\"x\":null},\n"
		"{\"id\":2,\"name\":\"B\",\"x\":[\"t\"]}\n]\n";

	(void)state;
	expect_records(read_text(j, strlen(j), CRM_FMT_JSON, NULL),
	    "2:id=1|name=A \"q\"|x=<null>\n3:id=2|name=B|x=[t]\n");
}

static void
jsonl_records(void **state)
{
	const char j[] = "{\"id\":1}\n\n{\"id\":2,\"n\":\"x\"}\n{bad\n";

	(void)state;
	expect_error(read_text(j, strlen(j), CRM_FMT_JSONL, NULL), "t.in:4:");
	expect_records(read_text(j, 27, CRM_FMT_JSONL, NULL),
	    "1:id=1\n3:id=2|n=x\n");
}

static void
yaml_aliases(void **state)
{
	(void)state;
	expect_error(yaml("- &a {name: x}\n- *a\n"), "anchors and aliases are "
	    "not supported");
	expect_error(yaml("- name: &n x\n"), "t.in:1: yaml anchors");
}

static void
yaml_deep_nesting(void **state)
{
	size_t n = 100000;
	char *s = malloc(n + 2);

	(void)state;
	memset(s, '[', n);
	s[n] = '\0';
	expect_error(read_text(s, n, CRM_FMT_YAML, NULL), "t.in:1:");
	memset(s, '{', n);
	expect_error(read_text(s, n, CRM_FMT_JSON, NULL), "t.in:1:");
	free(s);
}

static void
yaml_structure_errors(void **state)
{
	(void)state;
	expect_error(yaml("- 1\n- 2\n"), "expected a record");
	expect_error(yaml("- name: {a: 1}\n"), "field 'name': nested mappings");
	expect_error(yaml("- tags: [[a]]\n"), "field 'tags': a list may hold "
	    "only plain values");
	expect_error(yaml("- a: 1\n  a: 2\n"), "t.in:2: field 'a' appears "
	    "twice");
	expect_error(yaml("- a: [1,\n"), "t.in:");
}

static void
yaml_big_value(void **state)
{
	size_t n = 3 * 1024 * 1024;
	char *s = malloc(n + 16);

	(void)state;
	memcpy(s, "- a: ", 5);
	memset(s + 5, 'x', n);
	memcpy(s + 5 + n, "\n", 2);
	expect_error(read_text(s, n + 6, CRM_FMT_YAML, NULL), "value longer "
	    "than 1 MiB");
	free(s);
}

static void
guess_format(void **state)
{
	(void)state;
	assert_int_equal(crm_in_guess_format("x.CSV"), CRM_FMT_CSV);
	assert_int_equal(crm_in_guess_format("x.yml"), CRM_FMT_YAML);
	assert_int_equal(crm_in_guess_format("x.ndjson"), CRM_FMT_JSONL);
	assert_int_equal(crm_in_guess_format("x"), -1);
}

static void
missing_file(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	assert_null(crm_in_open("/nonexistent/x.csv", NULL, &e));
	assert_int_equal(e.code, 66);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain),
		cmocka_unit_test(bom_is_stripped),
		cmocka_unit_test(crlf_line_ends),
		cmocka_unit_test(bare_cr_line_ends),
		cmocka_unit_test(no_final_newline),
		cmocka_unit_test(embedded_newline_and_quotes),
		cmocka_unit_test(spaces_are_kept),
		cmocka_unit_test(empty_field_is_null),
		cmocka_unit_test(stray_quote),
		cmocka_unit_test(text_after_closing_quote),
		cmocka_unit_test(unterminated_quote),
		cmocka_unit_test(ragged_row),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(header_only),
		cmocka_unit_test(blank_header),
		cmocka_unit_test(duplicate_header),
		cmocka_unit_test(excel_shaped_input),
		cmocka_unit_test(nul_byte),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(gb18030_without_encoding),
		cmocka_unit_test(gb18030_with_encoding),
		cmocka_unit_test(encoding_auto),
		cmocka_unit_test(unknown_encoding),
		cmocka_unit_test(two_mib_field),
		cmocka_unit_test(tsv_reader),
		cmocka_unit_test(yaml_records),
		cmocka_unit_test(json_records),
		cmocka_unit_test(jsonl_records),
		cmocka_unit_test(yaml_aliases),
		cmocka_unit_test(yaml_deep_nesting),
		cmocka_unit_test(yaml_structure_errors),
		cmocka_unit_test(yaml_big_value),
		cmocka_unit_test(guess_format),
		cmocka_unit_test(missing_file),
	};

	return RUN(tests);
}
