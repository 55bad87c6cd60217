/* The moves of a contract's status — draft → active, draft or active →
 * terminated; expired is read, never moved to (crm/contract.h) — its
 * renewal, its chain of renewals, and crm undo of what a run did to
 * one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contract-impl.h"
#include "crm/clock.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_renewal[] =
	"SELECT id FROM contracts WHERE renewed_from = ?1 "
	"AND (?2 OR status <> 'terminated') ORDER BY id DESC LIMIT 1";

int
contract_renewal_of(struct crm_session *s, long long id, int any,
    long long *next, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_renewal, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, any);
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		*next = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return rc;
}

/* The moves, and the statuses each starts from. */
enum move { ACTIVATE, TERMINATE, RENEW };

/* 0 if contract k, as it reads now, may make the move; else 65 naming
 * its status. */
static int
may_move(const struct crm_record *k, enum move m, struct crm_err *e)
{
	const char *now = crm_contract_status(k);

	switch (m) {
	case ACTIVATE:
		if (strcmp(now, "draft") == 0)
			return 0;
		return crm_err_set(e, CRM_EX_DATAERR, "contract %lld is %s, "
		    "not draft", k->id, now);
	case TERMINATE:
		if (strcmp(now, "draft") == 0 || strcmp(now, "active") == 0)
			return 0;
		return crm_err_set(e, CRM_EX_DATAERR, "contract %lld is %s, "
		    "not draft or active", k->id, now);
	default:
		if (strcmp(now, "active") == 0 || strcmp(now, "expired") == 0)
			return 0;
		return crm_err_set(e, CRM_EX_DATAERR, "contract %lld is %s, "
		    "not active or expired", k->id, now);
	}
}

/* Load contract id, one the user may change, that may make move m. */
static int
load_for(struct crm_session *s, long long id, enum move m,
    struct crm_record *k, struct crm_err *e)
{
	if (crm_scope_load(s, &crm_contract_entity, id, k, e) < 0 ||
	    crm_scope_may_change(s, k, e) < 0 || may_move(k, m, e) < 0)
		return -1;
	return 0;
}

static int
activate_locked(struct crm_session *s, long long id, const char *signed_at,
    struct crm_err *e)
{
	struct crm_record old, k = { 0 };
	int rc = -1;

	if (load_for(s, id, ACTIVATE, &old, e) < 0)
		goto out;
	crm_record_copy(&k, &old);
	crm_record_set(&k, CRM_KF_STATUS, "active");
	if (signed_at && crm_record_put(&k, CRM_KF_SIGNED_AT, signed_at, NULL,
	    e) < 0) {
		crm_err_prefix(e, "field 'signed_at'");
		goto out;
	}
	contract_signed_default(&k);
	if (contract_signed_ok(&k, e) == 0)
		rc = contract_store(s, &k, &old, e);
out:
	crm_record_free(&old);
	crm_record_free(&k);
	return rc;
}

int
crm_contract_activate(struct crm_session *s, long long id,
    const char *signed_at, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = activate_locked(s, id, signed_at, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

static int
terminate_locked(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	struct crm_record old, k = { 0 };
	char today[CRM_DATE_LEN];
	int rc = -1;

	if (load_for(s, id, TERMINATE, &old, e) < 0)
		goto out;
	crm_record_copy(&k, &old);
	crm_today_text(today);
	crm_record_set(&k, CRM_KF_STATUS, "terminated");
	crm_record_set(&k, CRM_KF_TERMINATED_AT, today);
	if (crm_record_put(&k, CRM_KF_TERMINATE_REASON, reason, NULL, e) < 0)
		crm_err_prefix(e, "--reason");
	else
		rc = contract_store(s, &k, &old, e);
out:
	crm_record_free(&old);
	crm_record_free(&k);
	return rc;
}

int
crm_contract_terminate(struct crm_session *s, long long id,
    const char *reason, struct crm_err *e)
{
	int rc;

	if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "terminate needs --reason "
		    "TEXT");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = terminate_locked(s, id, reason, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The end of a renewal that starts on start with as long a term as
 * old's: as many whole months when old ran whole months (2026-01-01 to
 * 2026-12-31 is 12), else as many days. */
static void
same_term(const struct crm_record *old, crm_day start,
    char out[CRM_DATE_LEN])
{
	crm_day first, last;

	if (crm_date_parse(old->f[CRM_KF_START], &first, NULL) < 0 ||
	    crm_date_parse(old->f[CRM_KF_END], &last, NULL) < 0)
		first = last = 0;
	for (int m = 1; m <= 1200; m++) {
		crm_day d = crm_day_add_months(first, m) - 1;

		if (d == last) {
			crm_date_format(crm_day_add_months(start, m) - 1, out);
			return;
		}
		if (d > last)
			break;
	}
	crm_date_format(start + (last - first), out);
}

/* A renewal is old's customer's, its owner's, of its name, from the
 * day after its end; the input may give its end, amount, number, signed
 * date, status (draft or active), name and note. */
static int
renewal_fields(struct crm_session *s, const struct crm_record *old,
    const struct crm_input *in, struct crm_record *k, struct crm_err *e)
{
	static const int kept[] = { CRM_KF_CUSTOMER, CRM_KF_OWNER,
		CRM_KF_NAME, CRM_KF_AMOUNT };
	const char *st = in->f[CRM_KF_STATUS];
	char date[CRM_DATE_LEN], id[32];
	crm_day end;

	if (st && strcasecmp(st, "draft") != 0 && strcasecmp(st, "active") != 0)
		return crm_err_set(e, CRM_EX_USAGE, "field 'status': a renewal "
		    "is draft or active, not '%s'", st);
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++)
		crm_record_set(k, kept[i], old->f[kept[i]]);
	if (crm_date_parse(old->f[CRM_KF_END], &end, e) < 0)
		return -1;
	crm_date_format(end + 1, date);
	crm_record_set(k, CRM_KF_START, date);
	snprintf(id, sizeof(id), "%lld", old->id);
	crm_record_set(k, CRM_KF_RENEWED_FROM, id);
	if (contract_apply(s, k, in, e) < 0)
		return -1;
	if (k->f[CRM_KF_END] == NULL) {
		same_term(old, end + 1, date);
		crm_record_set(k, CRM_KF_END, date);
	}
	if (k->f[CRM_KF_STATUS] == NULL)
		crm_record_set(k, CRM_KF_STATUS, "active");
	contract_signed_default(k);
	return contract_signed_ok(k, e);
}

/* Renewed already: by a renewal not terminated, named to a user who
 * sees it. */
static int
not_renewed(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_err hidden = { 0 };
	long long next;
	int rc = contract_renewal_of(s, id, 0, &next, e);

	if (rc <= 0)
		return rc;
	if (crm_scope_may_see(s, &crm_contract_entity, next, &hidden) == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "contract %lld is "
		    "renewed already by contract %lld", id, next);
	return crm_err_set(e, CRM_EX_DATAERR, "contract %lld is renewed "
	    "already", id);
}

static int
renew_locked(struct crm_session *s, long long id, const struct crm_input *in,
    long long *renewal, struct crm_err *e)
{
	struct crm_record old, k;
	int rc = -1;

	if (contract_refuse(in, ~(1ull << CRM_KF_END | 1ull << CRM_KF_AMOUNT |
	    1ull << CRM_KF_NUMBER | 1ull << CRM_KF_SIGNED_AT |
	    1ull << CRM_KF_STATUS | 1ull << CRM_KF_NAME |
	    1ull << CRM_KF_NOTE), e) < 0)
		return -1;
	crm_record_init(&k, &crm_contract_entity);
	if (load_for(s, id, RENEW, &old, e) < 0 ||
	    not_renewed(s, id, e) < 0 ||
	    renewal_fields(s, &old, in, &k, e) < 0 ||
	    crm_scope_may_give(s, &crm_contract_entity, k.f[CRM_KF_OWNER],
	    e) < 0 || contract_store(s, &k, NULL, e) < 0)
		goto out;
	*renewal = k.id;
	rc = 0;
out:
	crm_record_free(&old);
	crm_record_free(&k);
	return rc;
}

int
crm_contract_renew(struct crm_session *s, long long id,
    const struct crm_input *in, long long *renewal, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = renew_locked(s, id, in, renewal, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The chain of id: the contracts it continues, back to the first, and
 * those that continue it, in the order they run. */
static const char sql_chain[] =
	"WITH RECURSIVE up (id) AS (SELECT renewed_from FROM contracts "
	"WHERE id = ?1 UNION SELECT k.renewed_from FROM contracts k "
	"JOIN up ON k.id = up.id WHERE k.renewed_from IS NOT NULL), "
	"down (id) AS (SELECT id FROM contracts WHERE renewed_from = ?1 "
	"UNION SELECT k.id FROM contracts k JOIN down "
	"ON k.renewed_from = down.id) "
	"SELECT c.id, c.number, c.start_date, c.end_date, "
	"crm_money(c.amount), " CRM_CONTRACT_STATUS("c") " FROM contracts c "
	"WHERE c.id IN (SELECT id FROM up UNION SELECT id FROM down) "
	"ORDER BY c.start_date, c.id";
static const struct crm_col chain_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "number"), CRM_COL_TEXT },
	{ NC_("column", "start_date"), CRM_COL_DATE },
	{ NC_("column", "end_date"), CRM_COL_DATE },
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "status"), CRM_COL_TEXT },
};
#define NCHAIN (sizeof(chain_cols) / sizeof(*chain_cols))

struct crm_rows *
crm_contract_chain(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_rows *out;
	sqlite3_stmt *st;
	int rc;

	if (crm_scope_may_see(s, &crm_contract_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_chain, e)) == NULL)
		return NULL;
	out = crm_rows_mem(chain_cols, NCHAIN);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct crm_err hidden = { 0 };
		struct crm_val row[NCHAIN];

		/* one whose owner the user does not see is not there */
		if (crm_scope_may_see(s, &crm_contract_entity,
		    sqlite3_column_int64(st, 0), &hidden) < 0)
			continue;
		for (size_t i = 0; i < NCHAIN; i++)
			row[i] = crm_val_text(crm_db_col_text(st, (int)i));
		crm_rows_mem_add(out, row);
	}
	if (rc < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}

/* Undoing a termination brings a renewal back: not when the contract
 * it renews has another renewal since. */
static int
revival_ok(struct crm_session *s, long long id,
    const struct crm_undo_group *g, struct crm_err *e)
{
	struct crm_record k;
	long long from, next;
	int revives = 0, rc = 0;

	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->fields[i], "status") == 0 && g->olds[i] &&
		    strcmp(g->olds[i], "terminated") != 0)
			revives = 1;
	if (!revives || strcmp(g->action, "update") != 0)
		return 0;
	if (crm_store_load(s, &crm_contract_entity, id, &k, e) < 0) {
		crm_record_free(&k);
		return -1;
	}
	from = k.f[CRM_KF_RENEWED_FROM] ? strtoll(k.f[CRM_KF_RENEWED_FROM],
	    NULL, 10) : 0;
	if (from > 0 && (rc = contract_renewal_of(s, from, 0, &next, e)) > 0)
		rc = next == id ? 0 : crm_err_set(e, CRM_EX_DATAERR, "contract "
		    "%lld is renewed by contract %lld since: undo that first",
		    from, next);
	crm_record_free(&k);
	return rc;
}

int
crm_contract_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	long long id = strtoll(g->id, NULL, 10), next;
	int touches_end = strcmp(g->action, "create") == 0, rc;

	for (size_t i = 0; i < g->n && !touches_end; i++)
		touches_end = strcmp(g->fields[i], "end_date") == 0;
	if (touches_end && strcmp(g->action, "delete") != 0 &&
	    (rc = contract_renewal_of(s, id, 1, &next, e)) != 0)
		return rc < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR, "contract "
		    "%lld is continued by contract %lld since: undo its "
		    "renewal first", id, next);
	if (revival_ok(s, id, g, e) < 0)
		return -1;
	return crm_store_undo(s, &crm_contract_entity, g, e);
}
