/* Reminders (crm remind): what is due for a user today, gathered from
 * every kind registered in lib/remind.c — the one place later tools add
 * theirs (deals, payments, quotes, orders, contracts). */
#ifndef CRM_REMIND_H
#define CRM_REMIND_H

#include <stdio.h>
#include "crm/rows.h"
#include "crm/session.h"

/* Columns: user, kind, entity, id, name, due, note ("overdue by 3
 * days", "due tomorrow"), owner (the user, or for a manager's escalation
 * the rep whose customer it is). For the acting user, or every active
 * user (admins only). */
struct crm_rows *crm_remind(struct crm_session *s, int all,
    struct crm_err *e);

/* Write the reminders as text for people, grouped by user and kind. */
void crm_remind_text(FILE *fp, struct crm_rows *rows, int show_user);

/* Mail each user their reminders not mailed before, through
 * `$CRM_SENDMAIL -t -oi` (default /usr/sbin/sendmail); a missing program
 * is 69. The sender is mail.from, else the first active admin's email,
 * else crm@HOSTNAME. A user with reminders and no email, or an address
 * that cannot be used, goes to s->report and the run goes on. *sent gets
 * the number of messages. With show (a dry run), each message that
 * would go is written there for people instead, and nothing is sent or
 * recorded. */
int crm_remind_mail(struct crm_session *s, int all, FILE *show, long *sent,
    struct crm_err *e);
/* 0 when the acting user may mail reminders, else 77: it is the cron
 * job's (an admin's), since mailing marks reminders sent and a user who
 * mailed their own would silence the job's mail to them. crm_remind_mail
 * checks it; a command checks it before it takes the job's lock file. */
int crm_remind_mail_allowed(const struct crm_session *s, struct crm_err *e);

#endif
