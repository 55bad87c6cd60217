/* Reminders: each kind is one statement over the database, registered
 * in the table below; crm remind runs them all for a user and spells out
 * when each thing is due. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "customer-impl.h"
#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/mail.h"
#include "crm/quote.h"
#include "crm/remind.h"
#include "crm/setting.h"
#include "crm/user.h"
#include "crm/banned.h"

/* Parameters every kind may use: ?1 today, ?2 the last day of "soon"
 * (remind.days_ahead), ?3 the day a follow-up becomes overdue enough for
 * the manager (remind.escalate_days), ?4 the dormant cutoff
 * (remind.dormant_days; NULL when that is 0: off), ?5 the login (NULL:
 * everyone), ?6..?10 today's recycle cutoffs of tiers A..E, ?11
 * remind.recycle_warn_days, ?12 the setting deal.stages (json), ?13
 * lead.recycle_days (0: off), ?14 the last day of remind.payment_days.
 * Each yields login, entity, id, name, due,
 * owner. */
#define IDLE "coalesce(c.last_followup_at, c.claimed_at, c.created_at)"
#define DEAL_OPEN "d.stage <> 'won' AND d.stage <> 'lost'"
/* a deal's last stage change or follow-up, and its stage's follow-up
 * days */
#define DEAL_LAST "max(d.stage_at, coalesce(d.last_followup_at, ''))"
#define DEAL_DAYS "CAST(json_extract(s.value, '$.followup_days') AS INTEGER)"
#define CUT "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?6 WHEN 'B' THEN ?7 " \
	"WHEN 'C' THEN ?8 WHEN 'D' THEN ?9 ELSE ?10 END"

/* An instalment to collect (crm-pay): the order's number, the customer
 * and what is outstanding, to the order's owner and to finance. */
#define PAY_OPEN(when) "i.status = 'open' AND o.status <> 'draft' " \
	"AND o.status <> 'cancelled' AND " when
#define PAY_REMIND(when) \
	"SELECT o.owner, 'instalment', i.id, o.number || ' ' || c.name || " \
	"' ' || crm_money(i.amount - i.paid), i.due_date, o.owner " \
	"FROM instalments i JOIN orders o ON o.id = i.order_id " \
	"JOIN customers c ON c.id = o.customer_id WHERE " PAY_OPEN(when) \
	" AND (?5 IS NULL OR o.owner = ?5) UNION ALL " \
	"SELECT u.login, 'instalment', i.id, o.number || ' ' || c.name || " \
	"' ' || crm_money(i.amount - i.paid), i.due_date, o.owner " \
	"FROM instalments i JOIN orders o ON o.id = i.order_id " \
	"JOIN customers c ON c.id = o.customer_id JOIN users u " \
	"ON u.role = 'finance' AND u.active = 1 AND u.login <> o.owner " \
	"AND (?5 IS NULL OR u.login = ?5) WHERE " PAY_OPEN(when)

static const struct remind_kind {
	const char *kind;
	const char *title;
	const char *sql;
} kinds[] = {
	/* customers' and leads' next follow-ups */
	{ "followup_due", N_("Follow-ups due"),
	    "SELECT c.owner, 'customer', c.id, c.name, c.next_followup_at, "
	    "c.owner FROM customers c WHERE c.owner IS NOT NULL "
	    "AND c.next_followup_at BETWEEN ?1 AND ?2 "
	    "AND (?5 IS NULL OR c.owner = ?5) UNION ALL "
	    "SELECT l.owner, 'lead', l.id, l.name, l.next_followup_at, "
	    "l.owner FROM leads l WHERE l.owner IS NOT NULL "
	    "AND l.next_followup_at BETWEEN ?1 AND ?2 AND l.status <> "
	    "'converted' AND l.status <> 'disqualified' "
	    "AND (?5 IS NULL OR l.owner = ?5)" },
	{ "followup_overdue", N_("Overdue follow-ups"),
	    "SELECT c.owner, 'customer', c.id, c.name, c.next_followup_at, "
	    "c.owner FROM customers c WHERE c.owner IS NOT NULL "
	    "AND c.next_followup_at < ?1 AND (?5 IS NULL OR c.owner = ?5) "
	    "UNION ALL SELECT u.manager, 'customer', c.id, c.name, "
	    "c.next_followup_at, c.owner FROM customers c "
	    "JOIN users u ON u.login = c.owner WHERE u.manager IS NOT NULL "
	    "AND c.next_followup_at <= ?3 AND (?5 IS NULL OR u.manager = ?5) "
	    "UNION ALL SELECT l.owner, 'lead', l.id, l.name, "
	    "l.next_followup_at, l.owner FROM leads l WHERE l.owner IS NOT "
	    "NULL AND l.next_followup_at < ?1 AND l.status <> 'converted' "
	    "AND l.status <> 'disqualified' AND (?5 IS NULL OR l.owner = ?5)" },
	/* those already past their limit go tonight: due today */
	{ "recycle_soon", N_("Back to the pool soon"),
	    "SELECT c.owner, 'customer', c.id, c.name, "
	    "max(?1, date(julianday(substr(" IDLE ", 1, 10)) + julianday(?1) - "
	    "julianday(" CUT ") + 1)), c.owner FROM customers c "
	    "WHERE c.owner IS NOT NULL AND c.locked IS NULL "
	    "AND " IDLE " < date(" CUT ", '+' || ?11 || ' days') "
	    "AND (?5 IS NULL OR c.owner = ?5)" },
	/* dormant: ordered once, not since ?4 (NULL: the reminder is off) */
	{ "dormant", N_("Dormant customers (no order)"),
	    "SELECT c.owner, 'customer', c.id, c.name, "
	    "substr(c.last_order_at, 1, 10), c.owner "
	    "FROM customers c WHERE c.owner IS NOT NULL "
	    "AND c.last_order_at < ?4 "
	    "AND (?5 IS NULL OR c.owner = ?5)" },
	/* deals: their next steps, escalated as customers' follow-ups */
	{ "deal_next_due", N_("Deal next steps due"),
	    "SELECT d.owner, 'deal', d.id, d.name, d.next_due, d.owner "
	    "FROM deals d WHERE " DEAL_OPEN " AND d.next_due BETWEEN ?1 AND ?2 "
	    "AND (?5 IS NULL OR d.owner = ?5)" },
	{ "deal_next_overdue", N_("Overdue deal next steps"),
	    "SELECT d.owner, 'deal', d.id, d.name, d.next_due, d.owner "
	    "FROM deals d WHERE " DEAL_OPEN " AND d.next_due < ?1 "
	    "AND (?5 IS NULL OR d.owner = ?5) UNION ALL SELECT u.manager, "
	    "'deal', d.id, d.name, d.next_due, d.owner FROM deals d "
	    "JOIN users u ON u.login = d.owner WHERE u.manager IS NOT NULL "
	    "AND " DEAL_OPEN " AND d.next_due <= ?3 "
	    "AND (?5 IS NULL OR u.manager = ?5)" },
	/* idle longer than its stage's follow-up days, the day of its last
	 * change as due; one with a next step planned is not idle: the
	 * kinds above remind of it when it comes due */
	{ "deal_idle", N_("Deals idle in their stage"),
	    "SELECT d.owner, 'deal', d.id, d.name, substr(" DEAL_LAST ", 1, "
	    "10), d.owner FROM deals d JOIN json_each(?12) s "
	    "ON json_extract(s.value, '$.key') = d.stage "
	    "WHERE " DEAL_OPEN " AND " DEAL_DAYS " > 0 "
	    "AND " DEAL_LAST " < date(?1, '-' || " DEAL_DAYS " || ' days') "
	    "AND d.next_due IS NULL "
	    "AND (?5 IS NULL OR d.owner = ?5)" },
	/* leads: new ones waiting in the pool of a rep's region (since
	 * they came: to claim), and assigned ones nobody contacted (due
	 * the day they go back to the pool) */
	{ "lead_pool_new", N_("New leads in your region's pool"),
	    "SELECT u.login, 'lead', l.id, l.name, substr(l.created_at, 1, "
	    "10), NULL FROM leads l JOIN users u ON u.region = l.pool "
	    "AND u.role = 'rep' AND u.active WHERE l.owner IS NULL "
	    "AND l.status = 'new' AND (?5 IS NULL OR u.login = ?5)" },
	{ "lead_uncontacted", N_("Leads to contact"),
	    "SELECT l.owner, 'lead', l.id, l.name, CASE WHEN ?13 > 0 THEN "
	    "date(substr(coalesce(l.last_followup_at, l.claimed_at, "
	    "l.created_at), 1, 10), '+' || ?13 || ' days') END, l.owner "
	    "FROM leads l WHERE l.owner IS NOT NULL AND l.status = 'assigned' "
	    "AND (?5 IS NULL OR l.owner = ?5)" },
	/* quotes awaiting the user's approval, since they were submitted:
	 * as a manager in the owner's line or as finance, by the rule of
	 * quote approve (crm_quote_awaits, lib/quote-approve.c); one
	 * expired can no longer be approved. Admins may approve any quote
	 * but are not reminded of every one. */
	{ "quote_approval", N_("Quotes awaiting your approval"),
	    "SELECT u.login, 'quote', q.id, c.name, substr(q.submitted_at, 1, "
	    "10), q.owner FROM quotes q JOIN customers c ON c.id = "
	    "q.customer_id JOIN users u ON u.active = 1 AND (u.role = "
	    "'manager' OR u.role = 'finance') AND (?5 IS NULL OR u.login = ?5) "
	    "WHERE " CRM_QUOTE_STATUS_SQL("q") " = 'submitted' "
	    "AND crm_quote_awaits(q.id, u.login, u.role) IS NOT NULL" },
	/* contracts: active ones that end within 30 days (the end their
	 * due) and that no renewal continues yet */
	{ "contract_ending", N_("Contracts ending"),
	    "SELECT k.owner, 'contract', k.id, k.number || coalesce(' ' || "
	    "k.name, ''), k.end_date, k.owner FROM contracts k "
	    "WHERE k.status = 'active' AND k.end_date BETWEEN ?1 AND "
	    "date(?1, '+30 days') AND NOT EXISTS (SELECT 1 FROM contracts r "
	    "WHERE r.renewed_from = k.id AND r.status <> 'terminated') "
	    "AND (?5 IS NULL OR k.owner = ?5)" },
	/* orders past their deliver_by and not delivered yet (crm-order
	 * ship, shipment deliver): overdue since that day */
	{ "order_late", N_("Orders late for delivery"),
	    "SELECT o.owner, 'order', o.id, o.number || ' ' || c.name, "
	    "o.deliver_by, o.owner FROM orders o JOIN customers c "
	    "ON c.id = o.customer_id WHERE o.deliver_by < ?1 "
	    "AND (o.status = 'draft' OR o.status = 'confirmed' OR "
	    "o.status = 'shipped') AND (?5 IS NULL OR o.owner = ?5)" },
	/* crm-pay: open instalments of orders confirmed or later, due
	 * within ?14 (remind.payment_days) or past due, to the order's
	 * owner and to every active finance user */
	{ "payment_due", N_("Payments due"),
	    PAY_REMIND("i.due_date BETWEEN ?1 AND ?14") },
	{ "payment_overdue", N_("Overdue payments"),
	    PAY_REMIND("i.due_date < ?1") },
	/* crm-pay: invoices requested and not yet issued, to every active
	 * finance user, since the day they were asked for */
	{ "invoice_request", N_("Invoices to issue"),
	    "SELECT u.login, 'invoice', v.id, o.number || ' ' || c.name || "
	    "' ' || crm_money(v.amount), substr(v.created_at, 1, 10), "
	    "v.owner FROM invoices v JOIN orders o ON o.id = v.order_id "
	    "JOIN customers c ON c.id = v.customer_id JOIN users u "
	    "ON u.role = 'finance' AND u.active = 1 "
	    "AND (?5 IS NULL OR u.login = ?5) WHERE v.status = 'requested'" },
};

static const struct crm_col cols[] = {
	{ "user", CRM_COL_TEXT }, { "kind", CRM_COL_TEXT },
	{ "entity", CRM_COL_TEXT }, { "id", CRM_COL_INT },
	{ "name", CRM_COL_TEXT }, { "due", CRM_COL_DATE },
	{ "note", CRM_COL_TEXT }, { "owner", CRM_COL_TEXT },
};

/* When a reminder is due, in words: in the user's language when tr,
 * else in English (the note column of csv, yaml and json). */
static void
spell_due(const char *kind, const char *due, int tr, char *out, size_t cap)
{
	crm_day d, today = crm_today();
	long diff;

	if (due == NULL || crm_date_parse(due, &d, NULL) < 0) {
		out[0] = '\0';
		return;
	}
	diff = (long)(d - today);
	if (strcmp(kind, "quote_approval") == 0 && diff == 0)
		snprintf(out, cap, "%s", T_(tr, "submitted today"));
	else if (strcmp(kind, "invoice_request") == 0 && diff == 0)
		snprintf(out, cap, "%s", T_(tr, "requested today"));
	else if (strcmp(kind, "lead_pool_new") == 0 ||
	    strcmp(kind, "quote_approval") == 0 ||
	    strcmp(kind, "invoice_request") == 0)
		snprintf(out, cap, TP_(tr, "waiting for %ld day",
		    "waiting for %ld days", -diff), -diff);
	else if (strcmp(kind, "dormant") == 0)
		snprintf(out, cap, TP_(tr, "no order for %ld day",
		    "no order for %ld days", -diff), -diff);
	else if (strcmp(kind, "deal_idle") == 0)
		snprintf(out, cap, TP_(tr, "no stage change nor follow-up for "
		    "%ld day", "no stage change nor follow-up for %ld days",
		    -diff), -diff);
	else if (strcmp(kind, "contract_ending") == 0 && diff == 0)
		snprintf(out, cap, "%s", T_(tr, "ends today"));
	else if (strcmp(kind, "contract_ending") == 0)
		snprintf(out, cap, TP_(tr, "ends in %ld day",
		    "ends in %ld days", diff), diff);
	else if (strcmp(kind, "recycle_soon") == 0 && diff == 0)
		snprintf(out, cap, "%s", T_(tr, "back to the pool today"));
	else if (strcmp(kind, "recycle_soon") == 0)
		snprintf(out, cap, TP_(tr, "back to the pool in %ld day",
		    "back to the pool in %ld days", diff), diff);
	else if (diff < 0)
		snprintf(out, cap, TP_(tr, "overdue by %ld day",
		    "overdue by %ld days", -diff), -diff);
	else if (diff == 0)
		snprintf(out, cap, "%s", T_(tr, "due today"));
	else if (diff == 1)
		snprintf(out, cap, "%s", T_(tr, "due tomorrow"));
	else
		snprintf(out, cap, TP_(tr, "due in %ld day", "due in %ld days",
		    diff), diff);
}

static int
run_kind(struct crm_session *s, const struct remind_kind *k,
    const char *login, struct crm_rows *out, struct crm_err *e)
{
	long long ahead, escalate, dormant, warn, lead_days, pay_days;
	struct crm_buf stages = { 0 };
	char today[CRM_DATE_LEN], until[CRM_DATE_LEN], esc[CRM_DATE_LEN];
	char dorm[CRM_DATE_LEN], pay[CRM_DATE_LEN], note[64];
	sqlite3_stmt *st;
	int rc;

	if (crm_setting_int(s, "remind.days_ahead", &ahead, e) < 0 ||
	    crm_setting_int(s, "remind.escalate_days", &escalate, e) < 0 ||
	    crm_setting_int(s, "remind.dormant_days", &dormant, e) < 0 ||
	    crm_setting_int(s, "remind.recycle_warn_days", &warn, e) < 0 ||
	    crm_setting_int(s, "lead.recycle_days", &lead_days, e) < 0 ||
	    crm_setting_int(s, "remind.payment_days", &pay_days, e) < 0 ||
	    crm_setting_json(s, "deal.stages", &stages, e) < 0 ||
	    (st = crm_db_prepare(s->db, k->sql, e)) == NULL) {
		crm_buf_free(&stages);
		return -1;
	}
	crm_today_text(today);
	crm_date_format(crm_today() + (crm_day)ahead, until);
	crm_date_format(crm_today() - (crm_day)escalate, esc);
	crm_date_format(crm_today() - (crm_day)dormant, dorm);
	crm_db_bind_text(st, 1, today);
	crm_db_bind_text(st, 2, until);
	crm_db_bind_text(st, 3, esc);
	crm_db_bind_text(st, 4, dormant > 0 ? dorm : NULL);
	crm_db_bind_text(st, 5, login);
	crm_date_format(crm_today() + (crm_day)pay_days, pay);
	crm_db_bind_text(st, 14, pay);
	sqlite3_bind_int64(st, 11, warn);
	sqlite3_bind_int64(st, 13, lead_days);
	sqlite3_bind_text(st, 12, crm_buf_str(&stages), -1, SQLITE_TRANSIENT);
	crm_buf_free(&stages);
	if (customer_bind_cutoffs(s, "recycle.followup_days", st, 6, e) < 0)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct crm_val row[8];

		spell_due(k->kind, crm_db_col_text(st, 4), 0, note,
		    sizeof(note));
		row[0] = crm_val_text(crm_db_col_text(st, 0));
		row[1] = crm_val_text(k->kind);
		row[2] = crm_val_text(crm_db_col_text(st, 1));
		row[3] = crm_val_text(crm_db_col_text(st, 2));
		row[4] = crm_val_text(crm_db_col_text(st, 3));
		row[5] = crm_val_text(crm_db_col_text(st, 4));
		row[6] = crm_val_text(note);
		row[7] = crm_val_text(crm_db_col_text(st, 5));
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
	if (crm_quote_sql(s, e) < 0)
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

/* One reminder for people, in their language: a customer of someone
 * else (a manager's escalation) names its owner after its name. */
static void
print_item(FILE *fp, const struct crm_val *v)
{
	int other = v[7].type == CRM_V_TEXT && strcmp(v[7].s, v[0].s) != 0;
	char note[128];

	spell_due(v[1].s, v[5].type == CRM_V_TEXT ? v[5].s : NULL, 1, note,
	    sizeof(note));
	fprintf(fp, "  %-8s %s%s%s%s — %s\n", v[3].s, v[4].s,
	    other ? " (" : "", other ? v[7].s : "", other ? ")" : "", note);
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
					fprintf(fp, _("%s:\n"),
					    crm_tr(kinds[k].title));
				first = 0;
				print_item(fp, v);
			}
		}
		free(users[u]);
	}
	free(users);
}

static const char sql_email[] =
	"SELECT email, name FROM users WHERE login = ? AND active = 1";
static const char sql_first_admin[] =
	"SELECT email FROM users WHERE role = 'admin' AND active = 1 "
	"AND email IS NOT NULL AND email <> '' ORDER BY created_at, login "
	"LIMIT 1";
static const char sql_was_sent[] =
	"SELECT 1 FROM reminders_sent WHERE login = ?1 AND kind = ?2 "
	"AND entity = ?3 AND entity_id = ?4 AND due = ?5";
static const char sql_sent[] =
	"INSERT OR IGNORE INTO reminders_sent (login, kind, entity, "
	"entity_id, due, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

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

/* The sender: mail.from, else the first active admin's email, else
 * crm@ this host (localhost when its name would not make an address). */
static int
mail_from(struct crm_session *s, struct crm_buf *from, struct crm_err *e)
{
	sqlite3_stmt *st;
	char host[256] = "";
	int rc;

	if (crm_setting_text(s, "mail.from", from, e) < 0)
		return -1;
	if (from->len > 0)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_first_admin, e)) == NULL ||
	    (rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc == 1) {
		crm_buf_adds(from, crm_db_col_text(st, 0));
		sqlite3_reset(st);
		return 0;
	}
	if (gethostname(host, sizeof(host) - 1) < 0 || host[0] == '\0' ||
	    host[strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")] != '\0')
		snprintf(host, sizeof(host), "localhost");
	crm_buf_addf(from, "crm@%s", host);
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

/* The mail a run sends one user, and where it goes. */
struct outbox {
	const char *from;
	FILE *show;		/* a dry run: the messages go here */
	long sent;
};

/* Send (or show) one user's message; mark its reminders sent. A message
 * that cannot be addressed is reported, and the run goes on. */
static int
deliver(struct crm_session *s, struct outbox *box, const char *login,
    const struct crm_mail *m, struct crm_rows *mine, struct crm_err *e)
{
	struct crm_buf msg = { 0 };
	struct crm_err why = { 0 };
	int rc = 0;

	if (box->show != NULL) {
		if (box->sent > 0)
			putc('\n', box->show);
		rc = crm_mail_show(box->show, m, &why);
	} else if ((rc = crm_mail_render(&msg, m, &why)) == 0) {
		rc = crm_mail_send(&msg, m->to, e) < 0 || mark_sent(s, mine,
		    e) < 0 ? -2 : 0;
	}
	crm_buf_free(&msg);
	if (rc == -1)
		crm_report(s->report, "cannot mail user '%s': %s", login,
		    why.msg);
	if (rc == 0)
		box->sent++;
	return rc == -2 ? -1 : 0;
}

/* An active user's email (NULL when none) and name: 1; 0 for a user
 * who is not active (their customers wait for a handover). */
static int
recipient(struct crm_session *s, const char *login, char **email,
    char **name, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_email, e);
	int rc;

	*email = *name = NULL;
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	if (crm_db_col_text(st, 0))
		*email = crm_xstrdup(crm_db_col_text(st, 0));
	if (crm_db_col_text(st, 1))
		*name = crm_xstrdup(crm_db_col_text(st, 1));
	sqlite3_reset(st);
	return 1;
}

/* The text of a user's message: their reminders grouped by kind. */
static char *
message_body(struct crm_rows *mine, struct crm_err *e)
{
	char *body = NULL;
	size_t len;
	FILE *fp = open_memstream(&body, &len);

	if (fp == NULL) {
		crm_err_set(e, CRM_EX_SOFTWARE, "cannot build a message: "
		    "out of memory");
		return NULL;
	}
	crm_remind_text(fp, mine, 0);
	fclose(fp);
	return body;
}

static int
mail_user(struct crm_session *s, struct outbox *box, struct crm_rows *all,
    const char *login, struct crm_err *e)
{
	char *email, *name, *body = NULL, today[CRM_DATE_LEN];
	struct crm_buf subject = { 0 }, lang = { 0 };
	struct crm_rows *mine = NULL;
	size_t n;
	int rc;

	if ((rc = recipient(s, login, &email, &name, e)) <= 0)
		return rc;
	rc = -1;
	if ((mine = unsent_of(s, all, login, e)) == NULL)
		goto out;
	rc = 0;
	if ((n = crm_rows_count(mine)) == 0)
		goto out;
	if (email == NULL) {
		crm_report(s->report, "no email for user '%s': %zu reminder%s "
		    "not mailed (set one: crm user set %s --email ADDRESS)",
		    login, n, n == 1 ? "" : "s", login);
		goto out;
	}
	rc = -1;
	/* cron has no language: the user's own, else the team's */
	if (crm_user_lang(s, login, &lang, e) < 0)
		goto out;
	crm_i18n_use(crm_buf_str(&lang));
	body = message_body(mine, e);
	crm_today_text(today);
	crm_buf_addf(&subject, P_("crm: %zu reminder (%s)",
	    "crm: %zu reminders (%s)", n), n, today);
	crm_i18n_use(NULL);
	if (body == NULL)
		goto out;
	rc = deliver(s, box, login, &(struct crm_mail){ box->from, name,
	    email, subject.s, body }, mine, e);
out:
	crm_buf_free(&lang);
	crm_rows_close(mine);
	crm_buf_free(&subject);
	free(body);
	free(email);
	free(name);
	return rc;
}

int
crm_remind_mail_allowed(const struct crm_session *s, struct crm_err *e)
{
	return crm_session_require(s, CRM_ROLE_ADMIN, "mail reminders "
	    "(--mail is the cron job's; see your own with: crm remind)", e);
}

int
crm_remind_mail(struct crm_session *s, int all, FILE *show, long *sent,
    struct crm_err *e)
{
	struct crm_buf from = { 0 };
	struct outbox box = { NULL, show, 0 };
	struct crm_rows *rows = NULL;
	char **users = NULL;
	size_t n = 0;
	int rc = -1;

	*sent = 0;
	if (crm_remind_mail_allowed(s, e) < 0 ||
	    (show == NULL && crm_mail_ready(e) < 0) ||
	    (rows = crm_remind(s, all, e)) == NULL || mail_from(s, &from,
	    e) < 0)
		goto out;
	box.from = crm_buf_str(&from);
	users = users_of(rows, &n);
	/* each user's mail and its record commit together: a failed send
	 * is tried again next time, a sent one is not sent twice; a dry
	 * run only reads */
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (show == NULL && (rc = crm_session_begin(s, e)) < 0)
			break;
		rc = mail_user(s, &box, rows, users[i], e);
		if (show == NULL)
			rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	}
	*sent = box.sent;
out:
	for (size_t i = 0; i < n; i++)
		free(users[i]);
	free(users);
	crm_rows_close(rows);
	crm_buf_free(&from);
	return rc;
}
