/* Mail: checking names and addresses on the way in, building headers
 * (RFC 5322 quoting, RFC 2047 encoded words) on the way out, and handing
 * a message to sendmail. The header builder never pastes data: whatever
 * a database holds, no control character from it reaches a header. */
#ifndef CRM_MAIL_H
#define CRM_MAIL_H

#include <stdio.h>
#include "crm/buf.h"
#include "crm/err.h"

/* A person's name: valid UTF-8 without control characters (C0, DEL,
 * C1, line and paragraph separators). 65 otherwise, naming the name. */
int crm_mail_name_check(const char *name, struct crm_err *e);
/* An email address: exactly one addr-spec (crm_email_check), and none of
 * the characters that would end or split it in a header. 65 otherwise. */
int crm_mail_address_check(const char *addr, struct crm_err *e);

struct crm_mail {
	const char *from;	/* an address (the display name is "crm") */
	const char *to_name;	/* may be NULL */
	const char *to;		/* an address */
	const char *subject;
	const char *body;	/* UTF-8 text, LF line ends */
};

/* The whole message as sendmail -t reads it: From, To, Subject, Date
 * (from the crm clock), Message-ID, the MIME headers, a blank line and
 * the body. -1 (65) when an address is not one plain address. */
int crm_mail_render(struct crm_buf *out, const struct crm_mail *m,
    struct crm_err *e);
/* The same message for people (a dry run): From, To and Subject as
 * text (quoted as in the header, not encoded), a blank line and the
 * body. The same checks as crm_mail_render. */
int crm_mail_show(FILE *fp, const struct crm_mail *m, struct crm_err *e);

/* Append "name <addr>" as a header value: the name as it is when it is
 * plain words, else quoted, else RFC 2047 encoded; control characters
 * become spaces. -1 (65) when addr is not one plain address. */
int crm_mail_mailbox(struct crm_buf *b, const char *name, const char *addr,
    struct crm_err *e);
/* Append unstructured text (a Subject) as a header value. */
void crm_mail_text(struct crm_buf *b, const char *text);
/* Append the crm clock's now in RFC 5322 form: "Tue, 24 Nov 2026
 * 09:00:00 +0800", the offset of the local time zone. */
void crm_mail_date(struct crm_buf *b);

/* The sendmail program: $CRM_SENDMAIL, else /usr/sbin/sendmail. 69 when
 * it is a path and not there. */
int crm_mail_ready(struct crm_err *e);
/* Pipe a rendered message to `sendmail -t -oi`; 74 (69 for exit 127)
 * when it fails. to names the recipient in the message. */
int crm_mail_send(const struct crm_buf *msg, const char *to,
    struct crm_err *e);

#endif
