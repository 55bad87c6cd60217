/* The user entity on the layer, on a real database: its fields through
 * crm_record_put, its rules, stored and loaded with crm_store_*, and
 * audited field by field without its times. */
#include "unit-db.h"
#include "crm/store.h"
#include "crm/user.h"

static int
put(struct crm_record *u, int f, const char *v, struct crm_err *e)
{
	memset(e, 0, sizeof(*e));
	return crm_record_put(u, f, v, NULL, e);
}

static void
descriptor(void **state)
{
	const struct crm_entity *ent = &crm_user_entity;

	(void)state;
	assert_string_equal(ent->table, "users");
	assert_int_equal(ent->nfields, CRM_USER_NFIELDS);
	assert_int_equal(ent->fields[CRM_UF_LOGIN].kind, CRM_K_KEY);
	assert_int_equal(crm_entity_field(ent, "账号"), CRM_UF_LOGIN);
	assert_int_equal(crm_entity_field(ent, "战区"), CRM_UF_REGION);
	assert_int_equal(crm_entity_field(ent, "上级"), CRM_UF_MANAGER);
	assert_int_equal(crm_entity_field(ent, "E-Mail"), CRM_UF_EMAIL);
	assert_int_equal(crm_entity_field(ent, "在职"), CRM_UF_ACTIVE);
	assert_int_equal(crm_entity_field(ent, "phone"), -1);
}

/* A record of the user entity, its login and name given. */
static void
user_init(struct crm_record *u)
{
	struct crm_err e = { 0 };

	crm_record_init(u, &crm_user_entity);
	assert_int_equal(crm_record_put(u, CRM_UF_LOGIN, "li.lei", NULL, &e),
	    0);
	assert_int_equal(crm_record_put(u, CRM_UF_NAME, "李雷", NULL, &e), 0);
}

static void
kinds(void **state)
{
	struct crm_record u;
	struct crm_err e;

	(void)state;
	user_init(&u);
	assert_int_equal(put(&u, CRM_UF_LOGIN, "bad login", &e), -1);
	assert_int_equal(e.code, 65);
	assert_non_null(strstr(e.msg, "is not a login"));
	assert_int_equal(put(&u, CRM_UF_LOGIN, " li.lei ", &e), 0);
	assert_string_equal(u.f[CRM_UF_LOGIN], "li.lei");
	assert_int_equal(put(&u, CRM_UF_ROLE, "boss", &e), -1);
	assert_string_equal(e.msg, "'boss' is not a role (use admin, manager, "
	    "rep, finance or marketing)");
	assert_int_equal(put(&u, CRM_UF_ROLE, "Rep", &e), 0);
	assert_string_equal(u.f[CRM_UF_ROLE], "rep");
	assert_int_equal(put(&u, CRM_UF_ACTIVE, "yes", &e), 0);
	assert_string_equal(u.f[CRM_UF_ACTIVE], "1");
	assert_int_equal(put(&u, CRM_UF_ACTIVE, "no", &e), 0);
	assert_string_equal(u.f[CRM_UF_ACTIVE], "0");	/* CRM_F_ZERO */
	assert_int_equal(put(&u, CRM_UF_ACTIVE, "maybe", &e), -1);
	assert_int_equal(e.code, 65);
	crm_record_free(&u);
}

/* The name and the email go into mail headers: crm/mail.h's rules, with
 * its messages, before the generic ones. */
static void
mail_rules(void **state)
{
	struct crm_record u;
	struct crm_err e;

	(void)state;
	user_init(&u);
	assert_int_equal(put(&u, CRM_UF_NAME, "Eve\r\nBcc: x@evil.com", &e),
	    -1);
	assert_non_null(strstr(e.msg, "control characters"));
	assert_int_equal(put(&u, CRM_UF_NAME, "Li\xc2\x85Lei", &e), -1);
	assert_int_equal(put(&u, CRM_UF_NAME, "Li\xffLei", &e), -1);
	assert_int_equal(put(&u, CRM_UF_EMAIL, "a@example.com\nBcc: x@evil.com",
	    &e), -1);
	assert_string_equal(e.msg, "an email address may not hold control "
	    "characters");
	assert_int_equal(put(&u, CRM_UF_EMAIL, "a b@example.com", &e), -1);
	assert_int_equal(put(&u, CRM_UF_EMAIL, "li@example.com", &e), 0);
	assert_string_equal(u.f[CRM_UF_EMAIL], "li@example.com");
	crm_record_free(&u);
}

/* The finish hook: a name, a role, and active or not. */
static void
finish_rules(void **state)
{
	struct crm_record u;
	struct crm_err e;
	const char *bad;

	(void)state;
	user_init(&u);
	assert_int_equal(put(&u, CRM_UF_ROLE, "rep", &e), 0);
	assert_int_equal(put(&u, CRM_UF_ACTIVE, "true", &e), 0);
	assert_int_equal(crm_record_finish(&u, 0, &bad, &e), 0);
	assert_null(bad);
	assert_int_equal(put(&u, CRM_UF_NAME, " ", &e), 0);
	assert_int_equal(crm_record_finish(&u, 0, &bad, &e), -1);
	assert_string_equal(bad, "name");
	assert_non_null(strstr(e.msg, "needs a name"));
	assert_int_equal(put(&u, CRM_UF_NAME, "李雷", &e), 0);
	crm_record_set(&u, CRM_UF_ROLE, NULL);
	assert_int_equal(crm_record_finish(&u, 0, &bad, &e), -1);
	assert_string_equal(bad, "role");
	assert_int_equal(put(&u, CRM_UF_ROLE, "rep", &e), 0);
	assert_int_equal(put(&u, CRM_UF_ACTIVE, "", &e), 0);
	assert_int_equal(crm_record_finish(&u, 0, &bad, &e), -1);
	assert_string_equal(bad, "active");
	crm_record_free(&u);
}

static int
count_events(struct crm_session *s, const char *sql)
{
	sqlite3_stmt *st;
	int n;

	assert_int_equal(sqlite3_prepare_v2(crm_db_sqlite(s->db), sql, -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
stored_and_audited(void **state)
{
	struct crm_session s = { 0 };
	struct crm_record u, back, again;
	struct crm_err e = { 0 };
	const char *bad;

	(void)state;
	assert_int_equal(crm_session_open(&s, path, "boss", NULL, 0, &e), 0);
	s.command = strdup("test user");
	assert_int_equal(crm_session_begin(&s, &e), 0);
	crm_record_init(&u, &crm_user_entity);
	assert_int_equal(put(&u, CRM_UF_LOGIN, "han.mei", &e), 0);
	assert_int_equal(put(&u, CRM_UF_NAME, "韩梅梅", &e), 0);
	assert_int_equal(put(&u, CRM_UF_ROLE, "manager", &e), 0);
	assert_int_equal(put(&u, CRM_UF_ACTIVE, "no", &e), 0);
	assert_int_equal(put(&u, CRM_UF_CREATED_AT, "2026-11-24T09:00:00", &e),
	    0);
	assert_int_equal(put(&u, CRM_UF_UPDATED_AT, "2026-11-24T09:00:00", &e),
	    0);
	assert_int_equal(crm_record_finish(&u, 0, &bad, &e), 0);
	assert_int_equal(crm_store_insert(&s, &u, &e), 0);
	assert_int_equal(crm_store_audit(&s, "create", NULL, &u, &e), 0);

	assert_int_equal(crm_store_get(&s, &crm_user_entity, "han.mei", &back,
	    &e), 1);
	assert_true(crm_record_same(&u, &back));
	assert_string_equal(back.f[CRM_UF_ACTIVE], "0");
	assert_int_equal(count_events(&s, "SELECT count(*) FROM users WHERE "
	    "login = 'han.mei' AND active = 0 AND typeof(active) = "
	    "'integer'"), 1);
	/* name, role, active: no row for login, nor for the times */
	assert_int_equal(count_events(&s, "SELECT count(*) FROM events WHERE "
	    "entity = 'user' AND entity_id = 'han.mei' AND action = "
	    "'create'"), 3);
	assert_int_equal(count_events(&s, "SELECT count(*) FROM events WHERE "
	    "entity = 'user' AND field LIKE '%_at'"), 0);

	assert_int_equal(put(&back, CRM_UF_ACTIVE, "yes", &e), 0);
	assert_int_equal(crm_store_save(&s, &u, &back, &e), 0);
	assert_int_equal(count_events(&s, "SELECT count(*) FROM events WHERE "
	    "entity = 'user' AND action = 'update' AND field = 'active' AND "
	    "old = '0' AND new = '1'"), 1);
	assert_int_equal(crm_store_get(&s, &crm_user_entity, "han.mei", &again,
	    &e), 1);
	assert_non_null(again.f[CRM_UF_UPDATED_AT]);
	assert_string_equal(again.f[CRM_UF_CREATED_AT], "2026-11-24T09:00:00");
	crm_record_free(&u);
	assert_int_equal(crm_store_get(&s, &crm_user_entity, "nobody", &u,
	    &e), 0);
	assert_int_equal(crm_session_end(&s, 1, &e), 0);
	crm_record_free(&u);
	crm_record_free(&back);
	crm_record_free(&again);
	crm_session_close(&s);
}

static struct crm_session *
session(struct crm_session *s, const char *command)
{
	struct crm_err e = { 0 };

	memset(s, 0, sizeof(*s));
	assert_int_equal(crm_session_open(s, path, "boss", NULL, 0, &e), 0);
	s->command = strdup(command);
	return s;
}

/* Add a user in a session of its own: the run. */
static long long
add(const char *login, const struct crm_user_input *in)
{
	struct crm_session s;
	struct crm_err e = { 0 };
	long long run;

	if (crm_user_add(session(&s, "add"), login, in, &e) < 0)
		fail_msg("%s", e.msg);
	run = s.run;
	crm_session_close(&s);
	return run;
}

/* crm_user_set with the values a user has writes nothing, not even a
 * run; a manager's cycle is refused. */
static void
unchanged_writes_nothing(void **state)
{
	struct crm_session s;
	struct crm_user_input in = { .f[CRM_UF_NAME] = "李雷",
		.f[CRM_UF_ROLE] = "rep", .f[CRM_UF_MANAGER] = "han.mei" };
	struct crm_err e = { 0 };

	(void)state;
	assert_true(add("li.lei", &in) > 0);
	in.f[CRM_UF_ROLE] = "REP";
	assert_int_equal(crm_user_set(session(&s, "set"), "li.lei", &in, &e),
	    0);
	assert_int_equal(s.run, 0);
	assert_int_equal(crm_user_state(&s, "li.lei", &e), 2);
	in.f[CRM_UF_MANAGER] = "li.lei";
	assert_int_equal(crm_user_set(&s, "li.lei", &in, &e), -1);
	assert_non_null(strstr(e.msg, "reports to"));
	crm_session_close(&s);
}

static const struct crm_user_input temp = { .f[CRM_UF_NAME] = "T",
	.f[CRM_UF_ROLE] = "finance", .f[CRM_UF_EMAIL] = "t@example.com" };

/* Undo of an add removes the user, its fields logged as deleted. */
static void
undo_of_add(void **state)
{
	struct crm_err e = { 0 };
	struct crm_session s;

	(void)state;
	assert_int_equal(crm_undo(session(&s, "undo"), add("tmp", &temp), &e),
	    0);
	assert_int_equal(crm_user_state(&s, "tmp", &e), 0);
	assert_int_equal(count_events(&s, "SELECT count(*) FROM events WHERE "
	    "entity_id = 'tmp' AND action = 'delete'"), 4);
	assert_int_equal(count_events(&s, "SELECT count(*) FROM events WHERE "
	    "entity_id = 'tmp' AND action = 'delete' AND field = 'email' AND "
	    "old = 't@example.com' AND new IS NULL"), 1);
	crm_session_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(descriptor),
		cmocka_unit_test(kinds),
		cmocka_unit_test(mail_rules),
		cmocka_unit_test(finish_rules),
		cmocka_unit_test(stored_and_audited),
		cmocka_unit_test(unchanged_writes_nothing),
		cmocka_unit_test(undo_of_add),
	};

	return RUN_DB(tests);
}
