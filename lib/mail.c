/* Mail headers built, never pasted: a display name is written as plain
 * words, a quoted string or RFC 2047 encoded words; an address is
 * written only when it is one plain address; control characters from the
 * data become spaces. Then the message goes to sendmail -t. */
#include <ctype.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crm/mail.h"
#include "crm/clock.h"
#include "crm/norm.h"
#include "crm/text.h"
#include "crm/banned.h"

/* The longest text one encoded word carries: 45 bytes make 60 base64
 * characters, 72 with "=?UTF-8?B?" and "?=" (RFC 2047: at most 75). */
#define WORD_BYTES 45

static int
is_control(uint32_t cp)
{
	return crm_cp_is_control(cp) || cp == 0x2028 || cp == 0x2029;
}

int
crm_mail_name_check(const char *name, struct crm_err *e)
{
	size_t len = strlen(name);
	uint32_t cp;

	if (!crm_utf8_valid(name, len))
		return crm_err_set(e, CRM_EX_DATAERR, "a name must be UTF-8 "
		    "text");
	for (size_t i = 0; i < len;) {
		i += (size_t)crm_utf8_decode(name + i, len - i, &cp);
		if (is_control(cp))
			return crm_err_set(e, CRM_EX_DATAERR, "a name may not "
			    "hold control characters such as a line break or "
			    "a tab");
	}
	return 0;
}

/* One address, nothing around it: a single '@' inside, no space, no
 * control character, none of the specials that end or split it. */
static int
addr_plain(const char *a)
{
	const char *at = strchr(a, '@');
	size_t len = strlen(a);
	uint32_t cp;

	if (at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@') ||
	    !crm_utf8_valid(a, len))
		return 0;
	for (size_t i = 0; i < len;) {
		i += (size_t)crm_utf8_decode(a + i, len - i, &cp);
		if (cp <= ' ' || is_control(cp) || (cp < 0x80 &&
		    strchr("\"(),:;<>[\\]", (int)cp) != NULL))
			return 0;
	}
	return 1;
}

static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 1;
	return 0;
}

static int
not_one_address(const char *addr, struct crm_err *e)
{
	if (has_control(addr))
		return crm_err_set(e, CRM_EX_DATAERR, "an email address may "
		    "not hold control characters");
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not one email address "
	    "(no spaces, commas, angle brackets or quotes)", addr);
}

int
crm_mail_address_check(const char *addr, struct crm_err *e)
{
	if (has_control(addr))
		return not_one_address(addr, e);
	if (crm_email_check(addr, e) < 0)
		return -1;
	return addr_plain(addr) ? 0 : not_one_address(addr, e);
}

/* s as valid UTF-8 with each control character made a space. */
static void
clean(struct crm_buf *out, const char *s)
{
	size_t len = strlen(s);
	uint32_t cp;
	char u[4];

	for (size_t i = 0; i < len;) {
		i += (size_t)crm_utf8_decode(s + i, len - i, &cp);
		if (is_control(cp))
			cp = ' ';
		crm_buf_add(out, u, (size_t)crm_utf8_encode(cp, u));
	}
}

static void
base64(struct crm_buf *out, const unsigned char *s, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ?
		    (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);

		crm_buf_addc(out, tab[v >> 18 & 63]);
		crm_buf_addc(out, tab[v >> 12 & 63]);
		crm_buf_addc(out, i + 1 < n ? tab[v >> 6 & 63] : '=');
		crm_buf_addc(out, i + 2 < n ? tab[v & 63] : '=');
	}
}

/* Valid UTF-8 as encoded words of whole characters, folded apart. */
static void
encoded_words(struct crm_buf *b, const char *s)
{
	size_t len = strlen(s);
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n) {
		n = 0;
		while (i + n < len) {
			size_t k = (size_t)crm_utf8_decode(s + i + n,
			    len - i - n, &cp);

			if (n + k > WORD_BYTES)
				break;
			n += k;
		}
		if (i > 0)
			crm_buf_adds(b, "\n ");
		crm_buf_adds(b, "=?UTF-8?B?");
		base64(b, (const unsigned char *)s + i, n);
		crm_buf_adds(b, "?=");
	}
}

enum form { AS_IS, QUOTED, ENCODED };

/* How a cleaned display name or subject must be written. phrase: the
 * RFC 5322 specials need quoting (a name); encode: non-ASCII text is
 * encoded (a header, not a dry run shown to people). */
static enum form
form_of(const char *s, int phrase, int encode)
{
	enum form f = AS_IS;
	size_t n = strlen(s);

	if (strstr(s, "=?") != NULL)	/* would read as an encoded word */
		f = QUOTED;
	if (phrase && n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		f = QUOTED;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 && encode)
			return ENCODED;
		if (phrase && *p < 0x80 && !isalnum(*p) && *p != ' ' &&
		    strchr("!#$%&'*+-/=?^_`{|}~", *p) == NULL)
			f = QUOTED;
	}
	return f;
}

static void
put_text(struct crm_buf *b, const char *raw, int phrase, int encode)
{
	struct crm_buf c = { 0 };

	clean(&c, raw);
	switch (form_of(crm_buf_str(&c), phrase, encode)) {
	case AS_IS:
		crm_buf_adds(b, crm_buf_str(&c));
		break;
	case QUOTED:
		crm_buf_addc(b, '"');
		for (const char *p = crm_buf_str(&c); *p; p++) {
			if (*p == '"' || *p == '\\')
				crm_buf_addc(b, '\\');
			crm_buf_addc(b, *p);
		}
		crm_buf_addc(b, '"');
		break;
	case ENCODED:
		encoded_words(b, crm_buf_str(&c));
		break;
	}
	crm_buf_free(&c);
}

static int
mailbox(struct crm_buf *b, const char *name, const char *addr, int encode,
    struct crm_err *e)
{
	if (addr == NULL || !addr_plain(addr))
		return not_one_address(addr ? addr : "", e);
	if (name == NULL || *name == '\0') {
		crm_buf_adds(b, addr);
		return 0;
	}
	put_text(b, name, 1, encode);
	crm_buf_addf(b, " <%s>", addr);
	return 0;
}

int
crm_mail_mailbox(struct crm_buf *b, const char *name, const char *addr,
    struct crm_err *e)
{
	return mailbox(b, name, addr, 1, e);
}

void
crm_mail_text(struct crm_buf *b, const char *text)
{
	put_text(b, text, 0, 1);
}

void
crm_mail_date(struct crm_buf *b)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct crm_time t;
	struct tm tm = { 0 };
	int y, m, d;
	long off;

	crm_now(&t);
	crm_day_to_ymd(t.day, &y, &m, &d);
	/* the zone's offset at that local time, summer time included */
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = t.sec / 3600;
	tm.tm_min = t.sec / 60 % 60;
	tm.tm_sec = t.sec % 60;
	tm.tm_isdst = -1;
	off = mktime(&tm) == (time_t)-1 ? 0 : tm.tm_gmtoff / 60;
	/* 1970-01-01, day 0, was a Thursday */
	crm_buf_addf(b, "%s, %d %s %04d %02d:%02d:%02d %c%02ld%02ld",
	    days[((t.day % 7) + 11) % 7], d, months[m - 1], y, t.sec / 3600,
	    t.sec / 60 % 60, t.sec % 60, off < 0 ? '-' : '+', labs(off) / 60,
	    labs(off) % 60);
}

/* Unique without coordination: the time, the process, a count within
 * it and random bits, at the sender's domain. */
static void
message_id(struct crm_buf *b, const char *from)
{
	static unsigned long count;
	unsigned char r[8] = { 0 };
	char now[CRM_TIME_LEN];

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		memset(r, 0, sizeof(r));	/* pid and count still differ */
	crm_now_text(now);
	crm_buf_adds(b, "<crm.");
	for (const char *p = now; *p; p++)
		if (isdigit((unsigned char)*p))
			crm_buf_addc(b, *p);
	crm_buf_addf(b, ".%ld.%lu.", (long)getpid(), ++count);
	for (size_t i = 0; i < sizeof(r); i++)
		crm_buf_addf(b, "%02x", r[i]);
	crm_buf_addf(b, "%s>", strchr(from, '@'));
}

/* From, To and Subject: shared by the message and the dry run. */
static int
address_headers(struct crm_buf *b, const struct crm_mail *m, int encode,
    struct crm_err *e)
{
	crm_buf_adds(b, "From: ");
	if (mailbox(b, "crm", m->from, encode, e) < 0)
		return -1;
	crm_buf_adds(b, "\nTo: ");
	if (mailbox(b, m->to_name, m->to, encode, e) < 0)
		return -1;
	crm_buf_adds(b, "\nSubject: ");
	put_text(b, m->subject, 0, encode);
	crm_buf_addc(b, '\n');
	return 0;
}

int
crm_mail_render(struct crm_buf *out, const struct crm_mail *m,
    struct crm_err *e)
{
	crm_buf_reset(out);
	if (address_headers(out, m, 1, e) < 0)
		return -1;
	crm_buf_adds(out, "Date: ");
	crm_mail_date(out);
	crm_buf_adds(out, "\nMessage-ID: ");
	message_id(out, m->from);
	crm_buf_adds(out, "\nMIME-Version: 1.0\nContent-Type: text/plain; "
	    "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n");
	crm_buf_adds(out, m->body);
	return 0;
}

int
crm_mail_show(FILE *fp, const struct crm_mail *m, struct crm_err *e)
{
	struct crm_buf b = { 0 };
	int rc = address_headers(&b, m, 0, e);

	if (rc == 0)
		fprintf(fp, "%s\n%s", crm_buf_str(&b), m->body);
	crm_buf_free(&b);
	return rc;
}

static const char *
sendmail_program(void)
{
	const char *p = getenv("CRM_SENDMAIL");

	return p && *p ? p : "/usr/sbin/sendmail";
}

int
crm_mail_ready(struct crm_err *e)
{
	const char *p = sendmail_program();
	char *prog = crm_xstrndup(p, strcspn(p, " \t"));
	int ok = strchr(prog, '/') == NULL || access(prog, X_OK) == 0;

	if (!ok)
		crm_err_set(e, CRM_EX_UNAVAILABLE, "cannot mail reminders: "
		    "'%s' is missing (install a mail transfer agent, or set "
		    "CRM_SENDMAIL)", prog);
	free(prog);
	return ok ? 0 : -1;
}

int
crm_mail_send(const struct crm_buf *msg, const char *to, struct crm_err *e)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	struct crm_buf cmd = { 0 };
	FILE *fp;
	int status, wrote = 0;

	/* a sendmail that exits before reading is a failed send (74), not
	 * a SIGPIPE that ends the whole run */
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	crm_buf_addf(&cmd, "%s -t -oi", sendmail_program());
	fp = popen(cmd.s, "w");
	if (fp != NULL)
		wrote = fwrite(msg->s, 1, msg->len, fp) == msg->len &&
		    fflush(fp) == 0;
	status = fp ? pclose(fp) : -1;
	sigaction(SIGPIPE, &old, NULL);
	crm_buf_free(&cmd);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    !wrote)
		return crm_err_set(e, status != -1 && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 127 ? CRM_EX_UNAVAILABLE :
		    CRM_EX_IOERR, "cannot mail reminders to '%s': %s exited "
		    "with %d", to, sendmail_program(), status != -1 &&
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
