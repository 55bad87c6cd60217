/* Deals: adding one, changing its fields, deleting it. Its stage moves
 * by lib/deal-stage.c's verbs only, so that every move is in the stage
 * history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deal-impl.h"
#include "pool-impl.h"
#include "crm/customer.h"
#include "crm/find.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_customer_owner[] =
	"SELECT owner FROM customers WHERE id = ?";
static const char sql_stage_insert[] =
	"INSERT INTO deal_stages (deal_id, from_stage, to_stage, at, "
	"by_login, note, run) VALUES (?, ?, ?, ?, ?, ?, ?)";

int
deal_stage_record(struct crm_session *s, long long id, const char *from,
    const char *to, const char *at, const char *note, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_stage_insert, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	crm_db_bind_text(st, 2, from);
	crm_db_bind_text(st, 3, to);
	crm_db_bind_text(st, 4, at);
	crm_db_bind_text(st, 5, s->user);
	crm_db_bind_text(st, 6, note);
	sqlite3_bind_int64(st, 7, s->run);
	return crm_db_done(s->db, st, e);
}

/* The input with its customer, given by id or name, as the id of one
 * the user sees: "no customer X" otherwise. */
static int
resolve_customer(struct crm_session *s, struct crm_input *in, char *idbuf,
    size_t size, struct crm_err *e)
{
	long long id;

	if (in->f[CRM_DF_CUSTOMER] == NULL || *in->f[CRM_DF_CUSTOMER] == '\0')
		return 0;
	if (crm_find(s, &crm_customer_entity, in->f[CRM_DF_CUSTOMER], &id,
	    e) < 0)
		return crm_err_prefix(e, "field 'customer_id'");
	snprintf(idbuf, size, "%lld", id);
	in->f[CRM_DF_CUSTOMER] = idbuf;
	return 0;
}

static int
apply_input(struct crm_session *s, struct crm_record *d,
    const struct crm_input *given, struct crm_err *e)
{
	struct pool_owner_arg owner = { s, &crm_deal_entity };
	struct crm_record_checks ck = { pool_owner_ok, &owner };
	struct crm_input in = *given;
	char idbuf[32];

	if (resolve_customer(s, &in, idbuf, sizeof(idbuf), e) < 0)
		return -1;
	return crm_input_apply(d, &in, &ck, e);
}

/* A new deal's owner: a rep's own (on a customer they hold: one in the
 * pool is claimed first, as a lead's convert asks); else the customer's
 * owner; else the user who adds it. */
static int
default_owner(struct crm_session *s, struct crm_record *d, struct crm_err *e)
{
	const char *cid = d->f[CRM_DF_CUSTOMER];
	sqlite3_stmt *st;
	int rc, pool;

	if (cid == NULL) {
		if (d->f[CRM_DF_OWNER] == NULL)
			crm_record_set(d, CRM_DF_OWNER, s->user);
		return 0;
	}
	if ((st = crm_db_prepare(s->db, sql_customer_owner, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, strtoll(cid, NULL, 10));
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	pool = rc && crm_db_col_text(st, 0) == NULL;
	if (d->f[CRM_DF_OWNER] == NULL)
		crm_record_set(d, CRM_DF_OWNER, s->role != CRM_ROLE_REP && rc &&
		    !pool ? crm_db_col_text(st, 0) : s->user);
	if (rc)
		sqlite3_reset(st);
	if (pool && s->role == CRM_ROLE_REP)
		return crm_err_set(e, CRM_EX_NOPERM, "customer %s is in the "
		    "pool: claim it first", cid);
	return 0;
}

int
deal_stage_check(const struct crm_stages *stages, const char *key,
    const struct crm_stage **out, struct crm_err *e)
{
	struct crm_buf keys = { 0 };

	if ((*out = crm_stages_find(stages, key)) != NULL)
		return 0;
	/* Proposal, 方案报价: as a rep says it */
	for (size_t i = 0; key && i < stages->n; i++)
		if (strcasecmp(stages->v[i].key, key) == 0 ||
		    strcmp(stages->v[i].label, key) == 0) {
			*out = &stages->v[i];
			return 0;
		}
	for (size_t i = 0; i < stages->n; i++) {
		if (i)
			crm_buf_adds(&keys, C_("list", ", "));
		crm_buf_adds(&keys, stages->v[i].key);
	}
	crm_err_set(e, CRM_EX_DATAERR, "no stage '%s' (the stages: %s)", key,
	    keys.s);
	crm_buf_free(&keys);
	return -1;
}

void
deal_team_words(struct crm_session *s, const char *msgid, const char *arg,
    struct crm_buf *out)
{
	struct crm_buf lang = { 0 };

	if (crm_setting_text(s, "ui.lang", &lang, NULL) < 0)
		crm_buf_reset(&lang);
	crm_i18n_use(crm_buf_str(&lang));
	crm_buf_addf(out, _(msgid), arg);
	crm_i18n_use(NULL);
	crm_buf_free(&lang);
}

void
deal_next_step(struct crm_session *s, const struct crm_stage *stage,
    crm_day from, struct crm_buf *action, char due[CRM_DATE_LEN])
{
	/* 方案报价 → contact again within 3 days */
	crm_date_format(from + stage->followup_days, due);
	crm_buf_reset(action);
	deal_team_words(s, N_("follow up (%s)"), stage->label, action);
}

void
deal_enter_stage(struct crm_session *s, struct crm_record *d,
    const struct crm_stage *stage, const char *now)
{
	char due[CRM_DATE_LEN];
	struct crm_buf action = { 0 };

	crm_record_set(d, CRM_DF_STAGE, stage->key);
	crm_record_set(d, CRM_DF_STAGE_AT, now);
	if (stage->followup_days <= 0)
		return;
	deal_next_step(s, stage, crm_today(), &action, due);
	crm_record_set(d, CRM_DF_NEXT_ACTION, action.s);
	crm_record_set(d, CRM_DF_NEXT_DUE, due);
	crm_buf_free(&action);
}

/* The fields a new deal gets: its owner, its stage and the times. */
static int
new_deal(struct crm_session *s, struct crm_record *d, const char *now,
    struct crm_err *e)
{
	struct crm_stages stages;
	const struct crm_stage *stage;
	int rc = -1;

	if (crm_stages_load(s, &stages, e) < 0)
		return -1;
	if (default_owner(s, d, e) < 0 ||
	    crm_scope_may_give(s, &crm_deal_entity, d->f[CRM_DF_OWNER], e) < 0)
		goto out;
	if (d->f[CRM_DF_STAGE] == NULL)
		stage = &stages.v[0];
	else if (deal_stage_check(&stages, d->f[CRM_DF_STAGE], &stage, e) < 0)
		goto out;
	deal_enter_stage(s, d, stage, now);
	if (strcmp(stage->key, "won") == 0 && d->f[CRM_DF_CLOSE_DATE] == NULL)
		crm_record_set(d, CRM_DF_WON_AT, now);
	crm_record_set(d, CRM_DF_CREATED_AT, now);
	crm_record_set(d, CRM_DF_UPDATED_AT, now);
	rc = 0;
out:
	crm_stages_free(&stages);
	return rc;
}

static int
add_locked(struct crm_session *s, const struct crm_input *in, long long *id,
    struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	struct crm_record d;
	unsigned long long required;
	int rc = -1;

	crm_now_text(now);
	crm_record_init(&d, &crm_deal_entity);
	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_REP, _("add deals"), e) < 0 ||
	    apply_input(s, &d, in, e) < 0 || new_deal(s, &d, now, e) < 0 ||
	    crm_store_required(s, &crm_deal_entity, &required, e) < 0 ||
	    crm_store_create(s, &d, required, e) < 0 ||
	    deal_stage_record(s, d.id, NULL, d.f[CRM_DF_STAGE], now, NULL,
	    e) < 0)
		goto out;
	*id = d.id;
	rc = 0;
out:
	crm_record_free(&d);
	return rc;
}

int
crm_deal_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = add_locked(s, in, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The refusal of a field that edit does not set: what sets it. */
static int
not_here(int f, struct crm_err *e)
{
	const char *name = crm_deal_entity.fields[f].name;

	switch (f) {
	case CRM_DF_STAGE:
	case CRM_DF_STAGE_AT:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(move changes the stage)", name);
	case CRM_DF_WON_AT:
	case CRM_DF_LOST_AT:
	case CRM_DF_LOST_REASON:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(win and lose close a deal)", name);
	case CRM_DF_SCORE:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(score computes it)", name);
	case CRM_DF_LAST_FOLLOWUP_AT:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(follow records a follow-up)", name);
	default:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(crm keeps it)", name);
	}
}

static int
set_locked(struct crm_session *s, long long id, const struct crm_input *in,
    struct crm_err *e)
{
	static const int fixed[] = { CRM_DF_ID, CRM_DF_STAGE, CRM_DF_STAGE_AT,
		CRM_DF_WON_AT, CRM_DF_LOST_AT, CRM_DF_LOST_REASON, CRM_DF_SCORE,
		CRM_DF_LAST_FOLLOWUP_AT, CRM_DF_CREATED_AT, CRM_DF_UPDATED_AT };
	struct crm_record old, d = { 0 };
	const char *bad;
	int rc = -1;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (in->f[fixed[i]] != NULL)
			return not_here(fixed[i], e);
	if (crm_scope_load(s, &crm_deal_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	crm_record_copy(&d, &old);
	if (apply_input(s, &d, in, e) < 0)
		goto out;
	if (d.f[CRM_DF_OWNER] == NULL)
		rc = crm_err_set(e, CRM_EX_DATAERR, "field 'owner': a deal "
		    "has an owner");
	else if (!crm_record_same_field(&old, &d, CRM_DF_OWNER))
		rc = crm_scope_may_give(s, &crm_deal_entity,
		    d.f[CRM_DF_OWNER], e);
	else
		rc = 0;
	if (rc < 0)
		goto out;
	rc = -1;
	if (crm_record_finish(&d, 0, &bad, e) < 0) {
		if (bad != NULL)
			crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	rc = crm_store_save(s, &old, &d, e);
out:
	crm_record_free(&old);
	crm_record_free(&d);
	return rc;
}

int
crm_deal_set(struct crm_session *s, long long id, const struct crm_input *in,
    struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = set_locked(s, id, in, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The records that name a deal, which keep it: what they are, marked
 * N_() for the message. */
static const struct {
	const char *what;
	const char *sql;
} deal_refs[] = {
	{ N_("quotes"), "SELECT 1 FROM quotes WHERE deal_id = ? LIMIT 1" },
	{ N_("contracts"), "SELECT 1 FROM contracts WHERE deal_id = ? "
	    "LIMIT 1" },
	{ N_("orders"), "SELECT 1 FROM orders WHERE deal_id = ? LIMIT 1" },
};

/* A deal that was quoted, contracted or ordered stays: the record names
 * it. */
static int
keep_quoted(struct crm_session *s, const struct crm_record *d,
    struct crm_err *e)
{
	for (size_t i = 0; i < sizeof(deal_refs) / sizeof(*deal_refs); i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, deal_refs[i].sql, e);
		int rc;

		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, d->id);
		if ((rc = crm_db_row(s->db, st, e)) < 0)
			return -1;
		if (rc == 0)
			continue;
		sqlite3_reset(st);
		return crm_err_set(e, CRM_EX_DATAERR, "deal %lld '%s' has %s: "
		    "it cannot be deleted", d->id, d->f[CRM_DF_NAME],
		    crm_tr(deal_refs[i].what));
	}
	return 0;
}

int
crm_deal_delete(struct crm_session *s, long long id, struct crm_err *e)
{
	return crm_store_remove(s, &crm_deal_entity, id, keep_quoted, e);
}

int
crm_deal_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_deal_entity, g, e);
}
