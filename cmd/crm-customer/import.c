/* crm-customer import */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "customer.h"
#include "crm/banned.h"

const struct crm_opt import_opts[] = {
	{ "on-duplicate", 1, "WHAT", "a record that duplicates a customer or "
	    "an earlier line: error (default), skip or update",
	    "error|skip|update" },
	{ "partial", 0, NULL, "import the good records; exit 65 if any was "
	    "rejected", NULL },
	{ "rejects", 1, "FILE", "with --partial: the rejected records, with "
	    "line and reason", "@file" },
	{ "map", 1, "MAP", "headers to fields: 'name=Company,phone=Tel' or a "
	    "yaml file", NULL },
	{ "extra", 0, NULL, "keep unknown columns as custom fields", NULL },
	{ "ignore-unknown", 0, NULL, "drop unknown columns", NULL },
	CRM_INPUT_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

static void
progress(void *arg, long records)
{
	(void)arg;
	fprintf(stderr, "\rcrm-customer: import: %ld records read", records);
}

static int
read_opts(struct crm_ctx *c, struct crm_import_opts *o,
    struct crm_in_opts *io)
{
	const char *dup = crm_opt(c, "on-duplicate");

	memset(o, 0, sizeof(*o));
	o->on_dup = CRM_DUP_ERROR;
	if (dup && strcmp(dup, "skip") == 0)
		o->on_dup = CRM_DUP_SKIP;
	else if (dup && strcmp(dup, "update") == 0)
		o->on_dup = CRM_DUP_UPDATE;
	else if (dup && strcmp(dup, "error") != 0)
		return crm_err_set(&c->err, CRM_EX_USAGE, "--on-duplicate: "
		    "'%s' is not error, skip or update", dup);
	o->partial = crm_flag(c, "partial");
	o->map = crm_opt(c, "map");
	o->extra = crm_flag(c, "extra");
	o->ignore_unknown = crm_flag(c, "ignore-unknown");
	if (crm_opt(c, "rejects") && !o->partial)
		return crm_err_set(&c->err, CRM_EX_USAGE, "--rejects needs "
		    "--partial");
	if (o->extra && o->ignore_unknown)
		return crm_err_set(&c->err, CRM_EX_USAGE, "--extra and "
		    "--ignore-unknown exclude each other");
	if (c->dry_run)
		o->plan = stdout;
	if (crm_ctx_progress(c)) {
		o->progress = progress;
		o->progress_arg = c;
	}
	return crm_cli_input_opts(c, io);
}

int
cmd_import(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_import_opts o;
	struct crm_in_opts io;
	struct crm_import_result r;
	struct crm_in *in;
	FILE *rejects = NULL;
	int rc;

	if (s == NULL || read_opts(c, &o, &io) < 0)
		return crm_fail(c);
	if (crm_opt(c, "rejects") && !c->dry_run) {
		rejects = fopen(crm_opt(c, "rejects"), "w");
		if (rejects == NULL) {
			crm_err_set(&c->err, CRM_EX_CANTCREAT, "cannot create "
			    "'%s': %s", crm_opt(c, "rejects"), strerror(errno));
			return crm_fail(c);
		}
		o.rejects = rejects;
	}
	if ((in = crm_in_open(c->argc ? c->argv[0] : "-", &io, &c->err)) == NULL)
		rc = -1;
	else
		rc = crm_customer_import(s, in, &o, &r, &c->err);
	crm_in_close(in);
	if (o.progress)
		fputc('\n', stderr);
	if (rejects && fclose(rejects) != 0 && rc == 0)
		rc = crm_err_set(&c->err, CRM_EX_IOERR, "cannot write '%s': %s",
		    crm_opt(c, "rejects"), strerror(errno));
	if (rc < 0)
		return crm_fail(c);
	crm_note(c, "%simported %ld, updated %ld, skipped %ld duplicate%s, "
	    "rejected %ld", c->dry_run ? "dry run: would have " : "",
	    r.created, r.updated, r.skipped, r.skipped == 1 ? "" : "s",
	    r.rejected);
	if (s->run && !c->dry_run)
		crm_note(c, "run %lld (crm undo %lld takes it back)", s->run,
		    s->run);
	return r.rejected > 0 ? CRM_EX_DATAERR : 0;
}
