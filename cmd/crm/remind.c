/* crm remind */
#include <stdio.h>

#include "crm.h"
#include "crm/joblock.h"
#include "crm/pool.h"
#include "crm/remind.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt remind_opts[] = {
	{ "all", 0, NULL, N_("every user's reminders (admins)"), NULL },
	{ "mail", 0, NULL, N_("mail each user what is new for them, through "
	    "sendmail (admins: the cron job)"), NULL },
	{ "fail-if-any", 0, NULL, N_("exit 1 if anything is due"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

/* --mail: a job lock, then each user's message; with --dry-run the
 * messages on stdout instead, and nothing sent or recorded. */
static int
remind_mail(struct crm_ctx *c, struct crm_session *s)
{
	int lock = -1, rc = 0;
	long sent;

	if (crm_remind_mail_allowed(s, &c->err) < 0 ||
	    (!c->dry_run && crm_joblock(c->db_path, "remind", &lock,
	    &c->err) < 0))
		return crm_fail(c);
	if (crm_remind_mail(s, crm_flag(c, "all"), c->dry_run ? stdout : NULL,
	    &sent, &c->err) < 0)
		rc = crm_fail(c);
	else if (sent > 0)
		crm_note(c, c->dry_run ? P_("dry run: would mail %ld message",
		    "dry run: would mail %ld messages", sent) :
		    P_("mailed %ld message", "mailed %ld messages", sent),
		    sent);
	crm_joblock_release(lock);
	return rc;
}

int
cmd_remind(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_rows *rows;
	long n;

	if (s == NULL)
		return crm_fail(c);
	if (crm_flag(c, "mail"))
		return remind_mail(c, s);
	if ((rows = crm_remind(s, crm_flag(c, "all"), &c->err)) == NULL)
		return crm_fail(c);
	/* nothing due: nothing at all is printed, in any format */
	if (c->fmt == CRM_FMT_TABLE) {
		n = (long)crm_rows_count(rows);
		crm_remind_text(stdout, rows, crm_flag(c, "all"));
		crm_rows_close(rows);
	} else if (crm_print_job(c, rows, 0, &n) != 0) {
		return c->err.code;
	}
	return n > 0 && crm_flag(c, "fail-if-any") ? CRM_EX_FOUND : 0;
}
