/* A report's table and its chart (crm/cli-chart.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "crm/cli-chart.h"
#include "crm/banned.h"

int
crm_chart_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (env != NULL && *env) {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n >= 20 && n <= 1000)
			return (int)n;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) ==
	    0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* The rows in memory: they are read once for each output. The source
 * stays open (it may own the column names) until the caller closes it. */
static struct crm_rows *
to_memory(struct crm_ctx *c, struct crm_rows *rows)
{
	const struct crm_val *vals;
	const struct crm_col *cols = NULL;
	struct crm_rows *mem;
	size_t n;
	int rc;

	cols = crm_rows_cols(rows, &n);
	mem = crm_rows_mem(cols, n);
	while ((rc = crm_rows_next(rows, &vals, &c->err)) == 1)
		crm_rows_mem_add(mem, vals);
	if (rc < 0) {
		crm_rows_close(mem);
		return NULL;
	}
	return mem;
}

static int
write_svg(struct crm_ctx *c, const char *path, const struct crm_chart *ch)
{
	struct crm_chart_file f;
	struct crm_buf b = { 0 };
	int rc;

	if (crm_chart_file_open(&f, path, c->db_path, &c->err) < 0)
		return -1;
	crm_chart_svg(&b, ch);
	rc = crm_chart_file_write(f.fd, path, b.s, b.len, &c->err);
	crm_buf_free(&b);
	return crm_chart_file_close(&f, rc == 0, &c->err) < 0 ? -1 : rc;
}

static int
write_xlsx(struct crm_ctx *c, const char *path, struct crm_rows *mem,
    const struct crm_chart *ch)
{
	struct crm_chart_file f;
	int rc;

	if (crm_chart_file_open(&f, path, c->db_path, &c->err) < 0)
		return -1;
	crm_rows_rewind(mem);
	rc = crm_chart_xlsx(f.fd, path, mem, ch, &c->err);
	return crm_chart_file_close(&f, rc == 0, &c->err) < 0 ? -1 : rc;
}

/* The files, and the chart for the terminal into text. */
static int
draw(struct crm_ctx *c, struct crm_rows *mem,
    const struct crm_chart_spec *spec, struct crm_buf *text)
{
	const char *svg = crm_opt(c, "svg"), *xlsx = crm_opt(c, "xlsx");
	struct crm_chart ch;
	int rc = 0;

	if (crm_chart_load(&ch, mem, spec, &c->err) < 0) {
		crm_chart_free(&ch);
		return -1;
	}
	if (svg != NULL)
		rc = write_svg(c, svg, &ch);
	if (rc == 0 && xlsx != NULL)
		rc = write_xlsx(c, xlsx, mem, &ch);
	if (rc == 0 && crm_flag(c, "chart"))
		crm_chart_text(text, &ch, crm_chart_width(),
		    crm_flag(c, "ascii"));
	crm_chart_free(&ch);
	return rc;
}

void
crm_chart_format(struct crm_ctx *c)
{
	/* a chart is for people: its table too, even into a pipe */
	if (crm_flag(c, "chart") && !c->fmt_set)
		c->fmt = CRM_FMT_TABLE;
}

int
crm_print_report(struct crm_ctx *c, struct crm_rows *rows,
    const struct crm_chart_spec *spec)
{
	int chart = crm_flag(c, "chart");
	struct crm_buf text = { 0 };
	struct crm_rows *mem;
	long n = 0;
	int rc;

	if (rows != NULL && crm_flag(c, "ascii") && !chart) {
		crm_rows_close(rows);
		return crm_usage(c, "--ascii goes with --chart");
	}
	crm_chart_format(c);
	if (rows != NULL && chart && c->fmt != CRM_FMT_TABLE) {
		crm_rows_close(rows);
		return crm_usage(c, "--chart draws under a table: it does not "
		    "go with -f csv, tsv, yaml or json");
	}
	if (rows == NULL || (!chart && crm_opt(c, "svg") == NULL &&
	    crm_opt(c, "xlsx") == NULL))
		return crm_print_rows(c, rows, 0, NULL);
	mem = to_memory(c, rows);
	if (mem == NULL || draw(c, mem, spec, &text) < 0) {
		crm_rows_close(mem);
		crm_rows_close(rows);
		crm_buf_free(&text);
		return crm_fail(c);
	}
	crm_rows_rewind(mem);
	rc = crm_print_rows(c, mem, 0, &n);
	crm_rows_close(rows);
	if (rc == 0 && text.len > 0)
		printf("%s%s", n > 0 ? "\n" : "", text.s);
	crm_buf_free(&text);
	return rc;
}
