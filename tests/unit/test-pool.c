/* The pool is generic: a second entity with a pool, described here and
 * stored in a table of its own in a real database, is claimed, released,
 * assigned, locked, dealt out and handed over through crm/pool.h —
 * what leads (线索池) will need, without a copy of the customers' code. */
#include "unit.h"
#include "crm/dbinit.h"
#include "crm/pool.h"
#include "crm/session.h"

static char dir[] = "/tmp/crm-unit-XXXXXX";
static char path[256];

/* A lead in its pool: the fields of the pool's convention (crm/pool.h)
 * and a name. The history calls it 'lead', which the schema allows. */
enum { L_ID, L_NAME, L_REGION, L_OWNER, L_POOL, L_CLAIMED_AT, L_LOCKED,
	L_LOCK_REASON, L_UPDATED_AT, L_NFIELDS };

static const struct crm_field fields[L_NFIELDS] = {
	[L_ID] = { "id", NULL, CRM_K_ID, 0, NULL, NULL, NULL, NULL },
	[L_NAME] = { "name", NULL, CRM_K_TEXT, CRM_F_REQUIRED, NULL, NULL,
	    NULL, NULL },
	[L_REGION] = { "region", NULL, CRM_K_TEXT, 0, NULL, NULL, NULL, NULL },
	[L_OWNER] = { "owner", NULL, CRM_K_LOGIN, CRM_F_OWNER, NULL, NULL,
	    NULL, NULL },
	[L_POOL] = { "pool", NULL, CRM_K_TEXT, CRM_F_POOL, NULL, NULL, NULL,
	    NULL },
	[L_CLAIMED_AT] = { "claimed_at", NULL, CRM_K_TIME, CRM_F_SYSTEM, NULL,
	    NULL, NULL, NULL },
	[L_LOCKED] = { "locked", NULL, CRM_K_BOOL, CRM_F_MANAGER, NULL, NULL,
	    NULL, NULL },
	[L_LOCK_REASON] = { "lock_reason", NULL, CRM_K_TEXT, CRM_F_MANAGER,
	    NULL, NULL, NULL, NULL },
	[L_UPDATED_AT] = { "updated_at", NULL, CRM_K_TIME, CRM_F_SYSTEM, NULL,
	    NULL, NULL, NULL },
};

static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

/* no recycle rule of its own */
static const struct crm_pool_def lead_pool = {
	.settings = "pool",
	.plural = "leads",
};

static const struct crm_entity lead = {
	.name = "lead",
	.table = "t_leads",
	.fields = fields,
	.nfields = L_NFIELDS,
	.title = L_NAME,
	.scope = &scope,
	.pool = &lead_pool,
};

static const char setup_sql[] =
	"CREATE TABLE t_leads (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	"region TEXT, owner TEXT REFERENCES users (login), pool TEXT, "
	"claimed_at TEXT, locked INTEGER, lock_reason TEXT, updated_at TEXT, "
	"CHECK ((owner IS NULL) <> (pool IS NULL)));"
	"INSERT INTO users (login, name, role, region, created_at, updated_at) "
	"VALUES ('li.lei', 'Li Lei', 'rep', '华东', '2026-01-01', "
	"'2026-01-01'), ('han.mei', 'Han Mei', 'rep', '华北', '2026-01-01', "
	"'2026-01-01'), ('qian.cai', 'Qian Cai', 'finance', NULL, "
	"'2026-01-01', '2026-01-01');"
	"INSERT INTO t_leads (id, name, region, pool) VALUES "
	"(1, '甲线索', '华东', '华东'), (2, '乙线索', '华北', '华北'), "
	"(3, '丙线索', NULL, 'public')";

static int
setup(void **state)
{
	struct crm_err e = { 0 };
	sqlite3 *db;
	int rc;

	(void)state;
	setenv("CRM_NOW", "2026-11-24T09:00:00", 1);
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/crm.db", dir);
	if (crm_init_database(path, "boss", "The Boss", "test init", NULL,
	    &e) < 0 || sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, setup_sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	return unit_remove_dir(dir);
}

static void
open_as(struct crm_session *s, const char *login)
{
	struct crm_err e = { 0 };

	memset(s, 0, sizeof(*s));
	if (crm_session_open(s, path, "boss", strcmp(login, "boss") ? login :
	    NULL, 0, &e) < 0)
		fail_msg("open as %s: %s", login, e.msg);
	s->command = strdup("test-pool");
}

/* The one value of a query on the database, as text ("" for NULL). */
static const char *
value(const char *sql)
{
	static char out[256];
	sqlite3 *db;
	sqlite3_stmt *st;

	out[0] = '\0';
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/* Make call as login (its session is as_), in one transaction: its
 * result in rc (0 or -1), its error in e. */
#define AS(login, call) do { \
	struct crm_session as_; \
	open_as(&as_, (login)); \
	assert_int_equal(crm_session_begin(&as_, &e), 0); \
	rc = (call); \
	assert_int_equal(crm_session_end(&as_, rc == 0, &e2), rc); \
	crm_session_close(&as_); \
} while (0)

static void
claim_release(void **state)
{
	struct crm_err e = { 0 }, e2 = { 0 };
	int rc;

	(void)state;
	AS("li.lei", crm_pool_claim(&as_, &lead, 1, &e));
	assert_int_equal(rc, 0);
	assert_string_equal(value("SELECT owner || '|' || coalesce(pool, '-') "
	    "|| '|' || claimed_at FROM t_leads WHERE id = 1"),
	    "li.lei|-|2026-11-24T09:00:00");
	assert_string_equal(value("SELECT subject_type || ' ' || reason || "
	    "' ' || to_owner FROM ownership WHERE subject_id = 1"),
	    "lead claim li.lei");
	assert_string_equal(value("SELECT count(*) FROM events WHERE "
	    "entity = 'lead' AND entity_id = '1' AND field = 'owner'"), "1");

	AS("li.lei", crm_pool_claim(&as_, &lead, 1, &e));
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, 65);
	assert_string_equal(e.msg, "lead 1 '甲线索' is already yours");
	/* another region's pool holds nothing for a rep */
	AS("li.lei", crm_pool_claim(&as_, &lead, 2, &e));
	assert_int_equal(e.code, 65);
	assert_string_equal(e.msg, "no lead 2");

	AS("li.lei", crm_pool_release(&as_, &lead, 1, "no budget", &e));
	assert_int_equal(rc, 0);
	assert_string_equal(value("SELECT coalesce(owner, '-') || '|' || pool "
	    "FROM t_leads WHERE id = 1"), "-|华东");
	/* the cool-down, by the lead pool's settings and words */
	AS("li.lei", crm_pool_claim(&as_, &lead, 1, &e));
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, 77);
	assert_non_null(strstr(e.msg, "cannot claim '甲线索': it left you on "
	    "2026-11-24"));
	assert_non_null(strstr(e.msg, "(pool.reclaim_cooldown_days is 7)"));
}

static void
assign_lock(void **state)
{
	struct crm_err e = { 0 }, e2 = { 0 };
	struct crm_rows *rows;
	const struct crm_val *v;
	int rc;

	(void)state;
	AS("li.lei", crm_pool_assign(&as_, &lead, 2, "han.mei", &e));
	assert_int_equal(e.code, 77);
	assert_non_null(strstr(e.msg, "assign leads"));
	AS("boss", crm_pool_assign(&as_, &lead, 2, "qian.cai", &e));
	assert_int_equal(e.code, 65);
	assert_string_equal(e.msg, "'qian.cai' is finance: only reps, "
	    "managers and admins own leads");
	AS("boss", crm_pool_assign(&as_, &lead, 2, "han.mei", &e));
	assert_int_equal(rc, 0);
	assert_string_equal(value("SELECT owner FROM t_leads WHERE id = 2"),
	    "han.mei");

	AS("boss", crm_pool_lock(&as_, &lead, 2, "key account", 1, &e));
	assert_int_equal(rc, 0);
	assert_string_equal(value("SELECT locked || ' ' || lock_reason FROM "
	    "t_leads WHERE id = 2"), "1 key account");
	AS("boss", crm_pool_lock(&as_, &lead, 2, NULL, 0, &e));
	assert_int_equal(rc, 0);
	assert_string_equal(value("SELECT coalesce(locked, '-') FROM t_leads "
	    "WHERE id = 2"), "-");

	/* the history, as show lists it */
	{
		struct crm_session s;

		open_as(&s, "boss");
		rows = crm_pool_owners(&s, &lead, 2, &e);
		assert_non_null(rows);
		assert_int_equal(crm_rows_next(rows, &v, &e), 1);
		assert_string_equal(v[2].s, "han.mei");
		assert_string_equal(v[4].s, "assign");
		crm_rows_close(rows);
		crm_session_close(&s);
	}
}

static void
distribute_handover(void **state)
{
	struct crm_err e = { 0 }, e2 = { 0 };
	const char *to[] = { "han.mei" };
	struct crm_distribute d = { "public", to, 1, NULL, 0,
		CRM_DIST_ROUND_ROBIN, 1 };
	struct crm_session s;
	struct crm_rows *ledger;
	const struct crm_val *v;
	long moved = 0;
	long long n = 0;
	int rc;

	(void)state;
	open_as(&s, "boss");
	ledger = crm_pool_distribute(&s, &lead, &d, &e);
	assert_non_null(ledger);
	assert_int_equal(crm_rows_next(ledger, &v, &e), 1);
	assert_string_equal(v[0].s, "3");
	assert_string_equal(v[1].s, "丙线索");
	assert_string_equal(v[2].s, "han.mei");
	crm_rows_close(ledger);
	assert_int_equal(crm_pool_owned(&s, &lead, "han.mei", &n, &e), 0);
	assert_int_equal(n, 2);
	/* no recycle rule: a bug to ask for one */
	assert_null(crm_pool_recycle(&s, &lead, -1, &e));
	assert_int_equal(e.code, 70);
	crm_session_close(&s);

	AS("boss", crm_pool_handover(&as_, &lead, "han.mei", NULL, &moved, &e));
	assert_int_equal(rc, 0);
	assert_int_equal(moved, 2);
	assert_string_equal(value("SELECT group_concat(pool, ',') FROM "
	    "(SELECT pool FROM t_leads WHERE id IN (2, 3) ORDER BY id)"),
	    "华北,public");
	assert_string_equal(value("SELECT count(*) FROM ownership WHERE "
	    "subject_type = 'lead' AND note = 'handover: ''han.mei'' left'"),
	    "2");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(claim_release),
		cmocka_unit_test(assign_lock),
		cmocka_unit_test(distribute_handover),
	};

	return cmocka_set_message_output(CM_OUTPUT_TAP),
	    cmocka_run_group_tests(tests, setup, teardown);
}
