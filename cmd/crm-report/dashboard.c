/* crm-report dashboard [--html FILE] [--ascii]: the manager's one
 * screen (lib/dashboard*.c), on the terminal or as one web page. */
#include <stdio.h>

#include "report.h"
#include "crm/dashboard.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt dashboard_opts[] = {
	{ "html", 1, "FILE", N_("write it to FILE as one self-contained web "
	    "page instead"), "@file" },
	{ "ascii", 0, NULL, N_("draw with # and plain characters"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

/* Made as the chart files are: never through a link, complete or not
 * at all, with the database's mode. */
static int
write_html(struct crm_ctx *c, const char *path, const struct crm_buf *b)
{
	struct crm_chart_file f;
	int rc;

	if (crm_chart_file_open(&f, path, c->db_path, &c->err) < 0)
		return -1;
	rc = crm_chart_file_write(f.fd, path, b->s, b->len, &c->err);
	return crm_chart_file_close(&f, rc == 0, &c->err) < 0 ? -1 : rc;
}

int
report_dashboard(struct crm_ctx *c)
{
	const char *html = crm_opt(c, "html");
	struct crm_dashboard d;
	struct crm_buf b = { 0 };
	int rc = 0;

	if (c->fmt_set && c->fmt != CRM_FMT_TABLE)
		return crm_usage(c, "the dashboard is a screen or a page "
		    "(--html): it has no -f csv, tsv, yaml or json");
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	if (crm_dashboard_load(&c->s, &d, &c->err) < 0) {
		crm_dashboard_free(&d);
		return crm_fail(c);
	}
	if (html != NULL) {
		crm_dashboard_html(&b, &d);
		rc = write_html(c, html, &b);
	} else {
		crm_dashboard_text(&b, &d, crm_chart_width(),
		    crm_flag(c, "ascii"));
		fputs(crm_buf_str(&b), stdout);
	}
	crm_buf_free(&b);
	crm_dashboard_free(&d);
	return rc < 0 ? crm_fail(c) : 0;
}
