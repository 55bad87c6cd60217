/* Reminders: each kind is one statement over the database, registered
 * in the table below; crm remind runs them all for a user and spells out
 * when each thing is due. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "customer-impl.h"
#include "crm/clock.h"
#include "crm/remind.h"
#include "crm/setting.h"
#include "crm/ytree.h"
#include "crm/banned.h"

/* Parameters every kind may use: ?1 today, ?2 the last day of "soon"
 * (remind.days_ahead), ?3 the day a follow-up becomes overdue enough for
 * the manager (remind.escalate_days), ?4 the dormant cutoff
 * (remind.dormant_days), ?5 the login (NULL: everyone), ?6..?10 today's
 * recycle cutoffs of tiers A..E, ?11 remind.recycle_warn_days. Each
 * yields login, entity, id, name, due. */
#define IDLE "coalesce(c.last_followup_at, c.claimed_at, c.created_at)"
#define CUT "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?6 WHEN 'B' THEN ?7 " \
	"WHEN 'C' THEN ?8 WHEN 'D' THEN ?9 ELSE ?10 END"

static const struct remind_kind {
	const char *kind;
	const char *title;
	const char *sql;
} kinds[] = {
	{ "followup_due", "Follow-ups due",
	    "SELECT c.owner, 'customer', c.id, c.name, c.next_followup_at "
	    "FROM customers c WHERE c.owner IS NOT NULL "
	    "AND c.next_followup_at BETWEEN ?1 AND ?2 "
	    "AND (?5 IS NULL OR c.owner = ?5)" },
	{ "followup_overdue", "Overdue follow-ups",
	    "SELECT c.owner, 'customer', c.id, c.name, c.next_followup_at "
	    "FROM customers c WHERE c.owner IS NOT NULL "
	    "AND c.next_followup_at < ?1 AND (?5 IS NULL OR c.owner = ?5) "
	    "UNION ALL SELECT u.manager, 'customer', c.id, c.name || ' (' || "
	    "c.owner || ')', c.next_followup_at FROM customers c "
	    "JOIN users u ON u.login = c.owner WHERE u.manager IS NOT NULL "
	    "AND c.next_followup_at <= ?3 AND (?5 IS NULL OR u.manager = ?5)" },
	/* those already past their limit go tonight: due today */
	{ "recycle_soon", "Back to the pool soon",
	    "SELECT c.owner, 'customer', c.id, c.name, "
	    "max(?1, date(julianday(substr(" IDLE ", 1, 10)) + julianday(?1) - "
	    "julianday(" CUT ") + 1)) FROM customers c "
	    "WHERE c.owner IS NOT NULL AND c.locked IS NULL "
	    "AND " IDLE " < date(" CUT ", '+' || ?11 || ' days') "
	    "AND (?5 IS NULL OR c.owner = ?5)" },
	{ "dormant", "Dormant customers (no order)",
	    "SELECT c.owner, 'customer', c.id, c.name, "
	    "substr(coalesce(c.last_order_at, c.created_at), 1, 10) "
	    "FROM customers c WHERE c.owner IS NOT NULL "
	    "AND coalesce(c.last_order_at, c.created_at) < ?4 "
	    "AND (?5 IS NULL OR c.owner = ?5)" },
};

static const struct crm_col cols[] = {
	{ "user", CRM_COL_TEXT }, { "kind", CRM_COL_TEXT },
	{ "entity", CRM_COL_TEXT }, { "id", CRM_COL_INT },
	{ "name", CRM_COL_TEXT }, { "due", CRM_COL_DATE },
	{ "note", CRM_COL_TEXT },
};

/* Today's recycle cutoffs, by tier. */
static int
bind_cutoffs(struct crm_session *s, sqlite3_stmt *st, struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc = crm_setting_json(s, "recycle.followup_days", &json, e);

	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, "recycle", &n, e);
	for (int t = 0; rc == 0 && t < 5; t++) {
		const char tier[2] = { (char)('A' + t), '\0' };
		char cut[CRM_DATE_LEN];
		long long days;

		if (crm_ytree_int(crm_ytree_get(n, tier), &days)) {
			crm_date_format(crm_today() - (crm_day)days, cut);
			crm_db_bind_text(st, 6 + t, cut);
		}
	}
	crm_ytree_free(n);
	crm_buf_free(&json);
	return rc;
}

static void
spell_due(const char *kind, const char *due, char *out, size_t cap)
{
	crm_day d, today = crm_today();
	long diff;

	if (due == NULL || crm_date_parse(due, &d, NULL) < 0) {
		out[0] = '\0';
		return;
	}
	diff = (long)(d - today);
	if (strcmp(kind, "dormant") == 0)
		snprintf(out, cap, "no order for %ld days", -diff);
	else if (strcmp(kind, "recycle_soon") == 0)
		snprintf(out, cap, diff == 0 ? "back to the pool today" :
		    "back to the pool in %ld day%s", diff, diff == 1 ? "" : "s");
	else if (diff < 0)
		snprintf(out, cap, "overdue by %ld day%s", -diff,
		    diff == -1 ? "" : "s");
	else if (diff == 0)
		snprintf(out, cap, "due today");
	else if (diff == 1)
		snprintf(out, cap, "due tomorrow");
	else
		snprintf(out, cap, "due in %ld days", diff);
}

static int
run_kind(struct crm_session *s, const struct remind_kind *k,
    const char *login, struct crm_rows *out, struct crm_err *e)
{
	long long ahead, escalate, dormant, warn;
	char today[CRM_DATE_LEN], until[CRM_DATE_LEN], esc[CRM_DATE_LEN];
	char dorm[CRM_DATE_LEN], note[64];
	sqlite3_stmt *st;
	int rc;

	if (crm_setting_int(s, "remind.days_ahead", &ahead, e) < 0 ||
	    crm_setting_int(s, "remind.escalate_days", &escalate, e) < 0 ||
	    crm_setting_int(s, "remind.dormant_days", &dormant, e) < 0 ||
	    crm_setting_int(s, "remind.recycle_warn_days", &warn, e) < 0 ||
	    (st = crm_db_prepare(s->db, k->sql, e)) == NULL)
		return -1;
	crm_today_text(today);
	crm_date_format(crm_today() + (crm_day)ahead, until);
	crm_date_format(crm_today() - (crm_day)escalate, esc);
	crm_date_format(crm_today() - (crm_day)dormant, dorm);
	crm_db_bind_text(st, 1, today);
	crm_db_bind_text(st, 2, until);
	crm_db_bind_text(st, 3, esc);
	crm_db_bind_text(st, 4, dorm);
	crm_db_bind_text(st, 5, login);
	sqlite3_bind_int64(st, 11, warn);
	if (bind_cutoffs(s, st, e) < 0)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct crm_val row[7];

		spell_due(k->kind, crm_db_col_text(st, 4), note, sizeof(note));
		row[0] = crm_val_text(crm_db_col_text(st, 0));
		row[1] = crm_val_text(k->kind);
		row[2] = crm_val_text(crm_db_col_text(st, 1));
		row[3] = crm_val_text(crm_db_col_text(st, 2));
		row[4] = crm_val_text(crm_db_col_text(st, 3));
		row[5] = crm_val_text(crm_db_col_text(st, 4));
		row[6] = crm_val_text(note);
		crm_rows_mem_add(out, row);
	}
	return rc;
}

struct crm_rows *
crm_remind(struct crm_session *s, int all, struct crm_err *e)
{
	struct crm_rows *out;

	if (all && crm_session_require(s, CRM_ROLE_ADMIN, "see everyone's "
	    "reminders (--all)", e) < 0)
		return NULL;
	out = crm_rows_mem(cols, sizeof(cols) / sizeof(*cols));
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++) {
		if (run_kind(s, &kinds[i], all ? NULL : s->user, out, e) < 0) {
			crm_rows_close(out);
			return NULL;
		}
	}
	return out;
}

/* The users of the reminders, in the order they first appear. */
static char **
users_of(struct crm_rows *rows, size_t *n)
{
	const struct crm_val *v;
	struct crm_err e = { 0 };
	char **users = NULL;

	*n = 0;
	crm_rows_rewind(rows);
	while (crm_rows_next(rows, &v, &e) == 1) {
		size_t i = 0;

		while (i < *n && strcmp(users[i], v[0].s) != 0)
			i++;
		if (i == *n) {
			users = crm_xrealloc(users, (*n + 1) * sizeof(char *));
			users[(*n)++] = crm_xstrdup(v[0].s);
		}
	}
	return users;
}

/* Rows grouped: by user, then kind in registration order. */
void
crm_remind_text(FILE *fp, struct crm_rows *rows, int show_user)
{
	const struct crm_val *v;
	struct crm_err e = { 0 };
	size_t nusers;
	char **users = users_of(rows, &nusers);

	for (size_t u = 0; u < nusers; u++) {
		if (show_user)
			fprintf(fp, "%s%s\n", u ? "\n" : "", users[u]);
		for (size_t k = 0; k < sizeof(kinds) / sizeof(*kinds); k++) {
			int first = 1;

			crm_rows_rewind(rows);
			while (crm_rows_next(rows, &v, &e) == 1) {
				if (strcmp(v[0].s, users[u]) ||
				    strcmp(v[1].s, kinds[k].kind))
					continue;
				if (first)
					fprintf(fp, "%s:\n", kinds[k].title);
				first = 0;
				fprintf(fp, "  %-8s %s — %s\n", v[3].s, v[4].s,
				    v[6].type == CRM_V_TEXT ? v[6].s : "");
			}
		}
		free(users[u]);
	}
	free(users);
}

static const char sql_email[] =
	"SELECT email, name FROM users WHERE login = ? AND active = 1";
static const char sql_was_sent[] =
	"SELECT 1 FROM reminders_sent WHERE login = ?1 AND kind = ?2 "
	"AND entity = ?3 AND entity_id = ?4 AND due = ?5";
static const char sql_sent[] =
	"INSERT OR IGNORE INTO reminders_sent (login, kind, entity, "
	"entity_id, due, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

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

/* A header value as RFC 2047 encoded-words when it is not plain ASCII. */
static void
header_text(struct crm_buf *out, const char *s)
{
	int ascii = 1;

	for (const char *p = s; *p; p++)
		ascii &= (unsigned char)*p < 0x80;
	if (ascii) {
		crm_buf_adds(out, s);
		return;
	}
	crm_buf_adds(out, "=?UTF-8?B?");
	base64(out, (const unsigned char *)s, strlen(s));
	crm_buf_adds(out, "?=");
}

/* A reminder's key in reminders_sent: login, kind, entity, id, due. */
static void
bind_key(sqlite3_stmt *st, const struct crm_val *v)
{
	crm_db_bind_text(st, 1, v[0].s);
	crm_db_bind_text(st, 2, v[1].s);
	crm_db_bind_text(st, 3, v[2].s);
	crm_db_bind_text(st, 4, v[3].s);
	crm_db_bind_text(st, 5, v[5].type == CRM_V_TEXT ? v[5].s : "");
}

static int
was_sent(struct crm_session *s, const struct crm_val *v, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_was_sent, e);
	int rc;

	if (st == NULL)
		return -1;
	bind_key(st, v);
	rc = crm_db_row(s->db, st, e);
	if (rc == 1)
		sqlite3_reset(st);
	return rc;
}

static int
mark_sent(struct crm_session *s, struct crm_rows *items, struct crm_err *e)
{
	const struct crm_val *v;
	char now[CRM_TIME_LEN];

	crm_now_text(now);
	crm_rows_rewind(items);
	while (crm_rows_next(items, &v, e) == 1) {
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_sent, e);

		if (st == NULL)
			return -1;
		bind_key(st, v);
		crm_db_bind_text(st, 6, now);
		if (crm_db_done(s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

static const char *
sendmail_program(void)
{
	const char *p = getenv("CRM_SENDMAIL");

	return p && *p ? p : "/usr/sbin/sendmail";
}

/* Is the program there? Its first word, when it is a path. */
static int
sendmail_ok(struct crm_err *e)
{
	const char *p = sendmail_program();
	size_t n = strcspn(p, " \t");
	char *prog = crm_xstrndup(p, n);
	int ok = strchr(prog, '/') == NULL || access(prog, X_OK) == 0;

	if (!ok)
		crm_err_set(e, CRM_EX_UNAVAILABLE, "cannot mail reminders: "
		    "'%s' is missing (install a mail transfer agent, or set "
		    "CRM_SENDMAIL)", prog);
	free(prog);
	return ok ? 0 : -1;
}

static int
send_one(const char *to, const char *name, long n, struct crm_rows *items,
    struct crm_err *e)
{
	struct crm_buf cmd = { 0 }, head = { 0 }, subject = { 0 };
	char today[CRM_DATE_LEN];
	FILE *fp;
	int status;

	crm_today_text(today);
	crm_buf_addf(&cmd, "%s -t -oi", sendmail_program());
	crm_buf_adds(&head, "To: ");
	if (name) {
		header_text(&head, name);
		crm_buf_addf(&head, " <%s>\n", to);
	} else {
		crm_buf_addf(&head, "%s\n", to);
	}
	crm_buf_addf(&subject, "crm 提醒: %ld 项 (%s)", n, today);
	crm_buf_adds(&head, "Subject: ");
	header_text(&head, subject.s);
	crm_buf_adds(&head, "\nMIME-Version: 1.0\nContent-Type: text/plain; "
	    "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n");
	fp = popen(cmd.s, "w");
	if (fp != NULL) {
		fputs(head.s, fp);
		crm_rows_rewind(items);
		crm_remind_text(fp, items, 0);
	}
	status = fp ? pclose(fp) : -1;
	crm_buf_free(&cmd);
	crm_buf_free(&head);
	crm_buf_free(&subject);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return crm_err_set(e, WIFEXITED(status) &&
		    WEXITSTATUS(status) == 127 ? CRM_EX_UNAVAILABLE :
		    CRM_EX_IOERR, "cannot mail reminders to '%s': %s exited "
		    "with %d", to, sendmail_program(), WIFEXITED(status) ?
		    WEXITSTATUS(status) : -1);
	return 0;
}

/* The reminders of one user not mailed before. */
static struct crm_rows *
unsent_of(struct crm_session *s, struct crm_rows *all, const char *login,
    struct crm_err *e)
{
	struct crm_rows *mine = crm_rows_mem(cols, sizeof(cols) / sizeof(*cols));
	const struct crm_val *v;
	int rc;

	crm_rows_rewind(all);
	while (crm_rows_next(all, &v, e) == 1) {
		if (strcmp(v[0].s, login) != 0)
			continue;
		if ((rc = was_sent(s, v, e)) < 0) {
			crm_rows_close(mine);
			return NULL;
		}
		if (rc == 0)
			crm_rows_mem_add(mine, v);
	}
	return mine;
}

static int
mail_user(struct crm_session *s, struct crm_rows *all, const char *login,
    long *sent, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_email, e);
	struct crm_rows *mine;
	char *email = NULL, *name = NULL;
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc == 1 && crm_db_col_text(st, 0)) {
		email = crm_xstrdup(crm_db_col_text(st, 0));
		name = crm_xstrdup(crm_db_col_text(st, 1));
	}
	if (rc == 1)
		sqlite3_reset(st);
	if (email == NULL)
		return 0;	/* no address: nothing to send to */
	rc = -1;
	if ((mine = unsent_of(s, all, login, e)) != NULL) {
		rc = 0;
		if (crm_rows_count(mine) > 0 &&
		    (rc = send_one(email, name, (long)crm_rows_count(mine),
		    mine, e)) == 0 && (rc = mark_sent(s, mine, e)) == 0)
			(*sent)++;
	}
	crm_rows_close(mine);
	free(email);
	free(name);
	return rc;
}

int
crm_remind_mail(struct crm_session *s, int all, long *sent,
    struct crm_err *e)
{
	struct crm_rows *rows;
	char **users;
	size_t n;
	int rc = 0;

	*sent = 0;
	if (sendmail_ok(e) < 0 || (rows = crm_remind(s, all, e)) == NULL)
		return -1;
	users = users_of(rows, &n);
	/* each user's mail and its record commit together: a failed send
	 * is tried again next time, a sent one is not sent twice */
	for (size_t i = 0; i < n && rc == 0; i++) {
		if ((rc = crm_session_begin(s, e)) < 0)
			break;
		rc = mail_user(s, rows, users[i], sent, e);
		rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	}
	for (size_t i = 0; i < n; i++)
		free(users[i]);
	free(users);
	crm_rows_close(rows);
	return rc;
}
