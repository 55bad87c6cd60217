/* crm remind */
#include <stdio.h>

#include "crm.h"
#include "crm/pool.h"
#include "crm/remind.h"
#include "crm/banned.h"

const struct crm_opt remind_opts[] = {
	{ "all", 0, NULL, "every user's reminders (admins)", NULL },
	{ "mail", 0, NULL, "mail each user what is new for them, through "
	    "sendmail", NULL },
	{ "fail-if-any", 0, NULL, "exit 1 if anything is due", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static int
remind_mail(struct crm_ctx *c, struct crm_session *s)
{
	int lock = -1, rc = 0;
	long sent;

	if (crm_joblock(c->db_path, "remind", &lock, &c->err) < 0)
		return crm_fail(c);
	if (crm_remind_mail(s, crm_flag(c, "all"), &sent, &c->err) < 0)
		rc = crm_fail(c);
	else if (sent > 0)
		crm_note(c, "mailed %ld message%s", sent, sent == 1 ? "" : "s");
	crm_joblock_release(lock);
	return rc;
}

int
cmd_remind(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_rows *rows;
	size_t n;

	if (s == NULL)
		return crm_fail(c);
	if (crm_flag(c, "mail") && !c->dry_run)
		return remind_mail(c, s);
	if ((rows = crm_remind(s, crm_flag(c, "all"), &c->err)) == NULL)
		return crm_fail(c);
	n = crm_rows_count(rows);
	if (n == 0) {
		/* nothing due: nothing at all is printed */
		crm_rows_close(rows);
		return 0;
	}
	if (c->fmt == CRM_FMT_TABLE || crm_flag(c, "mail")) {
		crm_remind_text(stdout, rows, crm_flag(c, "all"));
		crm_rows_close(rows);
	} else if (crm_print_rows(c, rows, 0, NULL) != 0) {
		return c->err.code;
	}
	return crm_flag(c, "fail-if-any") ? CRM_EX_FOUND : 0;
}
