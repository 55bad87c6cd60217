/* A deal's way through its stages: move, win, lose, its next step and
 * its follow-ups. Every stage a deal enters is a row of its stage
 * history (deal_stage_record), written in the same run as the deal's
 * change, so that crm undo takes both back and the funnel is computed
 * from the history alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal-impl.h"
#include "crm/activity.h"
#include "crm/customer.h"
#include "crm/deal-stage.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/ytree.h"
#include "crm/banned.h"

static int
is_stage(const struct crm_record *d, const char *key)
{
	return d->f[CRM_DF_STAGE] && strcmp(d->f[CRM_DF_STAGE], key) == 0;
}

/* The deal the user may change into old, and its copy to change into
 * d: one they may not see is "no deal N", one they may only see 77. */
static int
load_deal(struct crm_session *s, long long id, struct crm_record *old,
    struct crm_record *d, struct crm_err *e)
{
	if (crm_scope_load(s, &crm_deal_entity, id, old, e) < 0 ||
	    crm_scope_may_change(s, old, e) < 0)
		return -1;
	crm_record_copy(d, old);
	return 0;
}

/* Write the changed deal, and — when it entered a stage — the row of
 * its stage history. */
static int
save_deal(struct crm_session *s, const struct crm_record *old,
    struct crm_record *d, const char *note, struct crm_err *e)
{
	const char *bad = NULL;

	if (crm_record_finish(d, 0, &bad, e) < 0)
		return bad ? crm_err_prefix(e, "field '%s'", bad) : -1;
	if (crm_store_save(s, old, d, e) < 0)
		return -1;
	if (crm_record_same_field(old, d, CRM_DF_STAGE))
		return 0;
	return deal_stage_record(s, d->id, old->f[CRM_DF_STAGE],
	    d->f[CRM_DF_STAGE], d->f[CRM_DF_STAGE_AT], note, e);
}

int
deal_touch_customer(struct crm_session *s, const char *cid,
    const char *status, const char *followup, struct crm_err *e)
{
	const char *last;
	struct crm_record old = { 0 }, c = { 0 };
	int rc = -1;

	if (cid == NULL)
		return 0;
	if (crm_store_load(s, &crm_customer_entity, strtoll(cid, NULL, 10),
	    &old, e) < 0)
		goto out;
	crm_record_copy(&c, &old);
	last = c.f[CRM_CF_LAST_FOLLOWUP_AT];
	if (status != NULL)
		crm_record_set(&c, CRM_CF_STATUS, status);
	if (followup != NULL && (last == NULL || strcmp(followup, last) > 0))
		crm_record_set(&c, CRM_CF_LAST_FOLLOWUP_AT, followup);
	rc = crm_record_same_field(&old, &c, CRM_CF_STATUS) &&
	    crm_record_same_field(&old, &c, CRM_CF_LAST_FOLLOWUP_AT) ? 0 :
	    crm_store_save(s, &old, &c, e);
out:
	crm_record_free(&old);
	crm_record_free(&c);
	return rc;
}

/* When a stage change happened: --at (NULL: now), never in the future
 * (the history would hold what has not happened) nor before the deal
 * entered its current stage (the history would go back in time). */
static int
stage_time(const char *text, const struct crm_record *d,
    char at[CRM_TIME_LEN], struct crm_err *e)
{
	const char *since = d->f[CRM_DF_STAGE_AT];
	char now[CRM_TIME_LEN];
	struct crm_time t;

	crm_now_text(now);
	if (text == NULL) {
		snprintf(at, CRM_TIME_LEN, "%s", now);
		return 0;
	}
	if (crm_time_parse(text, &t, e) < 0)
		return crm_err_option(e, "--at");
	crm_time_format(&t, at);
	if (strcmp(at, now) > 0)
		return crm_err_set(e, CRM_EX_DATAERR, "--at: '%s' is in the "
		    "future (now is %s)", at, now);
	if (since != NULL && strcmp(at, since) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "--at: '%s' is before "
		    "the deal entered its stage '%s' (%s)", at,
		    d->f[CRM_DF_STAGE], since);
	return 0;
}

/* A stage entered at a past time schedules its follow-up from then. */
static void
enter_stage(struct crm_session *s, struct crm_record *d,
    const struct crm_stage *stage, const char *at)
{
	char due[CRM_DATE_LEN];
	struct crm_time t;

	deal_enter_stage(s, d, stage, at);
	if (stage->followup_days <= 0 ||
	    crm_time_parse(at, &t, NULL) < 0)
		return;
	crm_date_format(t.day + stage->followup_days, due);
	crm_record_set(d, CRM_DF_NEXT_DUE, due);
}

/* A closed deal has no next step. */
static void
close_deal(struct crm_record *d)
{
	crm_record_set(d, CRM_DF_NEXT_ACTION, NULL);
	crm_record_set(d, CRM_DF_NEXT_DUE, NULL);
}

/* The stage of key among the configured ones, or of that label: a rep
 * says 方案报价 as often as proposal (65 naming them otherwise). */
static int
find_stage(struct crm_session *s, const char *key, struct crm_stages *st,
    const struct crm_stage **stage, struct crm_err *e)
{
	if (crm_stages_load(s, st, e) < 0)
		return -1;
	for (size_t i = 0; crm_stages_find(st, key) == NULL && i < st->n; i++)
		if (strcmp(st->v[i].label, key) == 0) {
			*stage = &st->v[i];
			return 0;
		}
	return deal_stage_check(st, key, stage, e);
}

/* The date of a win: --date (NULL: today), not in the future nor before
 * the deal entered its stage; its stage history row is dated then (now,
 * for today). */
static int
win_date(const char *text, const struct crm_record *d,
    char date[CRM_DATE_LEN], char at[CRM_TIME_LEN], struct crm_err *e)
{
	const char *since = d->f[CRM_DF_STAGE_AT];
	char today[CRM_DATE_LEN];
	crm_day day = crm_today();

	crm_today_text(today);
	crm_now_text(at);
	if (text != NULL && crm_date_parse(text, &day, e) < 0)
		return crm_err_option(e, "--date");
	crm_date_format(day, date);
	if (strcmp(date, today) > 0)
		return crm_err_set(e, CRM_EX_DATAERR, "--date: '%s' is in the "
		    "future (today is %s)", date, today);
	if (since != NULL && strncmp(date, since, 10) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "--date: '%s' is before "
		    "the deal entered its stage '%s' (%s)", date,
		    d->f[CRM_DF_STAGE], since);
	if (strcmp(date, today) < 0)
		snprintf(at, CRM_TIME_LEN, "%sT00:00:00", date);
	if (since != NULL && strcmp(at, since) < 0)
		snprintf(at, CRM_TIME_LEN, "%s", since);
	return 0;
}

/* Why a closed deal cannot be won or lost again as it is. */
static int
check_open(const struct crm_record *d, const char *to, struct crm_err *e)
{
	int won = is_stage(d, "won");

	if (is_stage(d, to))
		return won ? crm_err_set(e, CRM_EX_DATAERR, "deal %lld is "
		    "already won", d->id) : crm_err_set(e, CRM_EX_DATAERR,
		    "deal %lld is already lost", d->id);
	if (won)
		return crm_err_set(e, CRM_EX_DATAERR, "deal %lld is won: "
		    "reopen it with move first (crm-deal move %lld STAGE)",
		    d->id, d->id);
	if (is_stage(d, "lost"))
		return crm_err_set(e, CRM_EX_DATAERR, "deal %lld is lost: "
		    "reopen it with move first (crm-deal move %lld STAGE)",
		    d->id, d->id);
	return 0;
}

static int
win_locked(struct crm_session *s, long long id, const char *amount,
    const char *date_text, const char *at_text, const char *note,
    struct crm_err *e)
{
	struct crm_record old = { 0 }, d = { 0 };
	char date[CRM_DATE_LEN], at[CRM_TIME_LEN];
	struct crm_stages st = { 0 };
	const struct crm_stage *won;
	int rc = -1;

	if (find_stage(s, "won", &st, &won, e) < 0 ||
	    load_deal(s, id, &old, &d, e) < 0 || check_open(&d, "won", e) < 0)
		goto out;
	if (at_text != NULL) {
		/* move ID won --at TIME */
		if (stage_time(at_text, &d, at, e) < 0)
			goto out;
		snprintf(date, sizeof(date), "%.10s", at);
	} else if (win_date(date_text, &d, date, at, e) < 0) {
		goto out;
	}
	if (amount != NULL && crm_record_put(&d, CRM_DF_AMOUNT, amount, NULL,
	    e) < 0) {
		crm_err_prefix(e, "--amount");
		goto out;
	}
	enter_stage(s, &d, won, at);
	crm_record_set(&d, CRM_DF_WON_AT, date);
	close_deal(&d);
	if (save_deal(s, &old, &d, note, e) == 0)
		rc = deal_touch_customer(s, d.f[CRM_DF_CUSTOMER], "active",
		    NULL, e);
out:
	crm_stages_free(&st);
	crm_record_free(&old);
	crm_record_free(&d);
	return rc;
}

int
crm_deal_win(struct crm_session *s, long long id, const char *amount,
    const char *date, const char *note, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = win_locked(s, id, amount, date, NULL, note, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

static int
move_locked(struct crm_session *s, long long id, const char *key,
    const char *note, const char *at_text, struct crm_err *e)
{
	struct crm_record old = { 0 }, d = { 0 };
	struct crm_stages st = { 0 };
	const struct crm_stage *stage;
	char at[CRM_TIME_LEN];
	int rc = -1;

	if (find_stage(s, key, &st, &stage, e) < 0)
		goto out;
	key = stage->key;
	if (strcmp(key, "won") == 0) {
		rc = win_locked(s, id, NULL, NULL, at_text, note, e);
		goto out;
	}
	if (load_deal(s, id, &old, &d, e) < 0)
		goto out;
	if (strcmp(key, "lost") == 0 && !is_stage(&d, "lost")) {
		crm_err_set(e, CRM_EX_USAGE, "a lost deal has a reason: "
		    "crm-deal lose %lld --reason REASON", id);
		goto out;
	}
	if (is_stage(&d, key)) {
		crm_err_set(e, CRM_EX_DATAERR, "deal %lld is already at stage "
		    "'%s'", id, key);
		goto out;
	}
	if (stage_time(at_text, &d, at, e) < 0)
		goto out;
	/* a won or lost deal moved to an open stage is reopened: the
	 * entity's rules clear its won or lost fields */
	enter_stage(s, &d, stage, at);
	rc = save_deal(s, &old, &d, note, e);
out:
	crm_stages_free(&st);
	crm_record_free(&old);
	crm_record_free(&d);
	return rc;
}

int
crm_deal_move(struct crm_session *s, long long id, const char *stage,
    const char *note, const char *at, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = move_locked(s, id, stage, note, at, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* reason is one of the setting deal.lost_reasons, or the word a table
 * shows for one (价格 for price): key gets it (65 naming them if none). */
static int
check_reason(struct crm_session *s, const char *reason, struct crm_buf *key,
    struct crm_err *e)
{
	struct crm_buf json = { 0 }, list = { 0 };
	struct crm_ynode *n = NULL;
	int rc, found = 0;

	rc = crm_setting_json(s, "deal.lost_reasons", &json, e);
	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, "deal.lost_reasons",
		    &n, e);
	for (size_t i = 0; rc == 0 && i < n->n; i++) {
		const char *r = n->items[i]->s ? n->items[i]->s : "";

		if (!found && (strcmp(r, reason) == 0 ||
		    strcmp(crm_cgettext("lost reason", r), reason) == 0)) {
			found = 1;
			crm_buf_adds(key, r);
		}
		if (i)
			crm_buf_adds(&list, C_("list", ", "));
		crm_buf_adds(&list, r);
	}
	if (rc == 0 && !found)
		rc = crm_err_set(e, CRM_EX_DATAERR, "--reason: '%s' is not a "
		    "lost reason (deal.lost_reasons: %s)", reason,
		    crm_buf_str(&list));
	crm_ytree_free(n);
	crm_buf_free(&json);
	crm_buf_free(&list);
	return rc;
}

static int
lose_locked(struct crm_session *s, long long id, const char *reason,
    const char *note, struct crm_err *e)
{
	struct crm_record old = { 0 }, d = { 0 };
	struct crm_stages st = { 0 };
	struct crm_buf key = { 0 };
	const struct crm_stage *lost;
	char now[CRM_TIME_LEN], today[CRM_DATE_LEN];
	int rc = -1;

	crm_now_text(now);
	crm_today_text(today);
	if (check_reason(s, reason, &key, e) < 0 ||
	    find_stage(s, "lost", &st, &lost, e) < 0 ||
	    load_deal(s, id, &old, &d, e) < 0 ||
	    check_open(&d, "lost", e) < 0)
		goto out;
	enter_stage(s, &d, lost, now);
	crm_record_set(&d, CRM_DF_LOST_AT, today);
	crm_record_set(&d, CRM_DF_LOST_REASON, key.s);
	close_deal(&d);
	rc = save_deal(s, &old, &d, note, e);
out:
	crm_stages_free(&st);
	crm_record_free(&old);
	crm_record_free(&d);
	crm_buf_free(&key);
	return rc;
}

int
crm_deal_lose(struct crm_session *s, long long id, const char *reason,
    const char *note, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = lose_locked(s, id, reason, note, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* A next step's date: not before today (it would be overdue at once). */
static int
due_date(const char *text, char due[CRM_DATE_LEN], struct crm_err *e)
{
	char today[CRM_DATE_LEN];
	crm_day d;

	if (crm_date_parse(text, &d, e) < 0) {
		e->code = CRM_EX_USAGE;	/* a bad option value, not bad data */
		return -1;
	}
	crm_date_format(d, due);
	crm_today_text(today);
	if (strcmp(due, today) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is in the past "
		    "(today is %s)", due, today);
	return 0;
}

static int
next_locked(struct crm_session *s, long long id, const char *action,
    const char *due, struct crm_err *e)
{
	struct crm_record old = { 0 }, d = { 0 };
	int rc = -1;

	if (load_deal(s, id, &old, &d, e) == 0) {
		if (is_stage(&d, "won") || is_stage(&d, "lost"))
			rc = crm_err_set(e, CRM_EX_DATAERR, "deal %lld is "
			    "closed: it has no next step", id);
		else if (crm_record_put(&d, CRM_DF_NEXT_ACTION, action, NULL,
		    e) < 0)
			rc = crm_err_prefix(e, "--action");
		else {
			crm_record_set(&d, CRM_DF_NEXT_DUE, due);
			rc = save_deal(s, &old, &d, NULL, e);
		}
	}
	crm_record_free(&old);
	crm_record_free(&d);
	return rc;
}

int
crm_deal_next(struct crm_session *s, long long id, const char *action,
    const char *due_text, struct crm_err *e)
{
	char due[CRM_DATE_LEN];
	int rc;

	if (due_text != NULL && due_date(due_text, due, e) < 0)
		return crm_err_prefix(e, "--due");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = next_locked(s, id, action, due_text ? due : NULL, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* After a follow-up: the next step is done; --next is when the next one
 * is due (its action kept, or a plain follow-up). */
static int
followed(struct crm_session *s, long long id, const char *at,
    const char *next, struct crm_err *e)
{
	struct crm_record old = { 0 }, d = { 0 };
	int rc = -1;

	if (crm_store_load(s, &crm_deal_entity, id, &old, e) == 0) {
		crm_record_copy(&d, &old);
		if (is_stage(&d, "won") || is_stage(&d, "lost"))
			next = NULL;	/* a closed deal has no next step */
		if (next == NULL)
			crm_record_set(&d, CRM_DF_NEXT_ACTION, NULL);
		else if (d.f[CRM_DF_NEXT_ACTION] == NULL) {
			struct crm_buf words = { 0 };

			deal_team_words(s, N_("follow up"), NULL, &words);
			crm_record_set(&d, CRM_DF_NEXT_ACTION, words.s);
			crm_buf_free(&words);
		}
		crm_record_set(&d, CRM_DF_NEXT_DUE, next);
		rc = crm_record_same_field(&old, &d, CRM_DF_NEXT_ACTION) &&
		    crm_record_same_field(&old, &d, CRM_DF_NEXT_DUE) ? 0 :
		    save_deal(s, &old, &d, NULL, e);
		if (rc == 0)
			rc = deal_touch_customer(s, d.f[CRM_DF_CUSTOMER], NULL,
			    at, e);
	}
	crm_record_free(&old);
	crm_record_free(&d);
	return rc;
}

int
crm_deal_follow(struct crm_session *s, long long id, const char *kind,
    const char *note, const char *at_text, const char *next_text,
    struct crm_err *e)
{
	char at[CRM_TIME_LEN], next[CRM_DATE_LEN];
	struct crm_time t;
	int rc;

	/* crm_activity_follow checks them again, and says it the same */
	if (at_text == NULL)
		crm_now(&t);
	else if (crm_time_parse(at_text, &t, e) < 0)
		return crm_err_option(e, "--at");
	crm_time_format(&t, at);
	if (next_text != NULL && due_date(next_text, next, e) < 0)
		return crm_err_prefix(e, "--next");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = crm_activity_follow(s, &crm_deal_entity, id, kind, note, at_text,
	    next_text ? next : NULL, e);
	if (rc == 0)
		rc = followed(s, id, at, next_text ? next : NULL, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

struct crm_rows *
crm_deal_of_customer(struct crm_session *s, long long id, struct crm_err *e)
{
	static const char *const cols[] = { "id", "name", "stage", "amount",
		"close_date", "owner", "next_due" };
	struct crm_deal_filter own = { NULL, "open", -1, "" };
	struct crm_list_filter f;
	struct crm_rows *rows;
	char cid[32];

	snprintf(cid, sizeof(cid), "%lld", id);
	crm_list_filter_init(&f, &crm_deal_entity);
	f.eq[CRM_DF_CUSTOMER] = cid;
	f.sort = "close_date";
	f.limit = -1;
	f.own = &own;
	rows = crm_list(s, &crm_deal_entity, &f, e);
	f.eq[CRM_DF_CUSTOMER] = NULL;
	crm_list_filter_free(&f);
	if (rows != NULL && crm_rows_project(rows, cols,
	    sizeof(cols) / sizeof(*cols), e) < 0) {
		crm_rows_close(rows);
		return NULL;
	}
	return rows;
}

/* Deals in a stage deal.stages no longer has (?1: its json): the deals
 * the check counts (lib/check.c), with their stages named. */
#define DROPPED "FROM deals WHERE stage NOT IN (SELECT " \
	"json_extract(value, '$.key') FROM json_each(?1))"
static const char sql_dropped[] =
	"SELECT (SELECT group_concat(quote(stage), ', ') FROM (SELECT "
	"DISTINCT stage " DROPPED " ORDER BY stage)), (SELECT count(*) "
	DROPPED ")";
static const char sql_dropped_ids[] =
	"SELECT id " DROPPED " ORDER BY id";

/* Each deal of sql_dropped_ids moved into to, in the caller's run. */
static int
move_dropped(struct crm_session *s, const char *json, const char *to,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_dropped_ids, e);
	long long *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, json);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		if (n == cap)
			ids = crm_xrealloc(ids, (cap = cap ? 2 * cap : 16) *
			    sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = move_locked(s, ids[i], to, NULL, NULL, e);
	free(ids);
	return rc;
}

/* --move-to: an open stage of the new deal.stages. */
static int
open_stage(struct crm_session *s, const char *key, struct crm_err *e)
{
	struct crm_stages st = { 0 };
	const struct crm_stage *stage;
	int rc = find_stage(s, key, &st, &stage, e);

	if (rc == 0 && (strcmp(stage->key, "won") == 0 ||
	    strcmp(stage->key, "lost") == 0))
		rc = crm_err_set(e, CRM_EX_USAGE, "'%s' is not an open stage",
		    stage->key);
	crm_stages_free(&st);
	return rc < 0 ? crm_err_option(e, "--move-to") : 0;
}

int
crm_deal_stages_dropped(struct crm_session *s, const char *json,
    const char *move_to, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_dropped, e);
	long long deals;
	int rc;

	if (st == NULL || (move_to && open_stage(s, move_to, e) < 0))
		return -1;
	crm_db_bind_text(st, 1, json);
	if ((rc = crm_db_row(s->db, st, e)) != 1)
		return rc < 0 ? -1 : 0;
	deals = sqlite3_column_int64(st, 1);
	if (deals == 0 || move_to != NULL) {
		sqlite3_reset(st);
		return deals == 0 ? 0 : move_dropped(s, json, move_to, e);
	}
	rc = crm_err_set(e, CRM_EX_DATAERR, "deal.stages without %s leaves "
	    "%lld open deal%s in no stage: move them first (crm-deal move ID "
	    "STAGE), or give --move-to STAGE", crm_db_col_text(st, 0), deals,
	    deals == 1 ? "" : "s");
	sqlite3_reset(st);
	return rc;
}
