/* What deals' import has of its own (the pipeline is lib/import*.c):
 * the stages of another CRM mapped to ours (--stage-map), customers
 * named by id or name and owners by login or name resolved as the user
 * sees them, customers that are not there created with the import
 * (--create-customers), the defaults a new deal gets as add gives them
 * (its next step, and a won deal's customer active, as win makes it),
 * and each new deal's stage history (a closed one's two rows: made, then
 * closed), in the import's run so that the funnel sees it and crm undo
 * takes it back. The value step asks the database on a connection of its
 * own (value_alone), so that deals are read and checked on the reader
 * thread of lib/import-pipe.c while the caller's loads them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deal-impl.h"
#include "customer-impl.h"
#include "crm/find.h"
#include "crm/import.h"
#include "crm/keyset.h"
#include "crm/norm.h"
#include "crm/store.h"
#include "crm/banned.h"

/* The staging table of the import (lib/import-impl.h): a new customer
 * stands in it as -N, the N-th one made, until it is created. */
static const char sql_users[] = "SELECT login, name FROM users";
static const char sql_new_customers[] =
	"SELECT DISTINCT customer_id FROM temp.import_deals WHERE _action IN "
	"('create', 'update') AND customer_id LIKE '-%'";
/* The ids the new customers got, for their stand-ins (-N), put into the
 * staged deals by one statement. */
static const char sql_new_ids[] =
	"CREATE TEMP TABLE IF NOT EXISTS deal_new_ids (stand_in INTEGER "
	"PRIMARY KEY, id INTEGER NOT NULL); DELETE FROM temp.deal_new_ids";
static const char sql_new_id[] =
	"INSERT INTO temp.deal_new_ids (stand_in, id) VALUES (?1, ?2)";
static const char sql_new_customer_ids[] =
	"UPDATE temp.import_deals SET customer_id = (SELECT m.id FROM "
	"temp.deal_new_ids m WHERE m.stand_in = customer_id) "
	"WHERE customer_id LIKE '-%'";
/* A customer the file named, deleted while the file was read: the
 * staged deals name it still (looked up before the lock). */
static const char sql_customer_gone[] =
	"SELECT customer_id FROM temp.import_deals WHERE _action IN "
	"('create', 'update') AND customer_id IS NOT NULL AND customer_id "
	"NOT IN (SELECT id FROM main.customers) LIMIT 1";
/* A new deal's defaults, as add gives them (and load, below, to a deal
 * loaded directly): the owner the customer's
 * owner else the user (a rep's are theirs already), the first stage,
 * the times (?3 now), a won or lost deal's date the day (?4) when it
 * had no close date. It entered its stage when it was made, a closed
 * one when it closed (not before it was made). */
static const char sql_defaults[] =
	"UPDATE temp.import_deals SET owner = coalesce(owner, (SELECT c.owner "
	"FROM main.customers c WHERE c.id = customer_id), ?1), stage = "
	"coalesce(stage, ?2), created_at = coalesce(created_at, ?3), "
	"stage_at = coalesce(stage_at, CASE WHEN stage = 'won' OR stage = "
	"'lost' THEN max(coalesce(created_at, ?3), coalesce(won_at, lost_at, "
	"?4) || 'T00:00:00') ELSE coalesce(created_at, ?3) END), won_at = "
	"CASE WHEN stage = 'won' THEN coalesce(won_at, ?4) END, lost_at = "
	"CASE WHEN stage = 'lost' THEN coalesce(lost_at, ?4) END "
	"WHERE _action = 'create'";
/* A new open deal in a stage with follow-up days (?3) has the next step
 * add gives it, unless the file gave it one. */
static const char sql_next_step[] =
	"UPDATE temp.import_deals SET next_action = ?1, next_due = ?2 WHERE "
	"_action = 'create' AND stage = ?3 AND next_action IS NULL AND "
	"next_due IS NULL";
/* A customer's owner (the default of a new deal's). */
static const char sql_owner[] =
	"SELECT owner FROM main.customers WHERE id = ?1";
/* The customers of the new won deals: made active, as win does. */
static const char sql_last_customer[] =
	"SELECT coalesce(max(id), 0) FROM customers";
static const char sql_won_customers[] =
	"SELECT DISTINCT customer_id FROM main.deals WHERE created_run = ?1 "
	"AND stage = 'won' AND customer_id IS NOT NULL ORDER BY customer_id";
/* A deal closed, not in the first stage (?3). */
#define CLOSED "((d.stage = 'won' OR d.stage = 'lost') AND d.stage <> ?3)"
/* The stage history of each new deal: it entered its stage when it did
 * (stage_at), from none; a closed one (won or lost) entered the first
 * stage (?3) when it was made and closed from there, so that the funnel
 * sees how long it took (a sales cycle of imported history). One pass
 * over the deals, each joined to its row or two in order (CROSS JOIN
 * keeps the deals outside: the rows of a deal are written together, its
 * first first, without sorting them). */
static const char sql_first_stages[] =
	"INSERT INTO main.deal_stages (deal_id, from_stage, to_stage, at, "
	"by_login, run) SELECT d.id, CASE WHEN k.n THEN ?3 END, CASE WHEN "
	"k.n = 0 AND " CLOSED " THEN ?3 ELSE d.stage END, CASE WHEN k.n = 0 "
	"AND " CLOSED " THEN d.created_at ELSE d.stage_at END, ?1, ?2 FROM "
	"main.deals d CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) k WHERE "
	"d.created_run = ?2 AND (k.n = 0 OR " CLOSED ")";

/* The deals an update row moved to another stage (--on-duplicate update):
 * each entered it now, as a move would have it — a stage row, and a new
 * stage_at, audited so that crm undo puts it back. The deals are found
 * by the run's events of their stage (events_run), not by a scan of the
 * stage rows of the run (deal_stages has no index on run: at 1,000,000
 * new deals, two scans of 1,760,000 rows, 0.47 s, finding none). */
#define STAGE_UPDATED "(SELECT CAST(entity_id AS INTEGER) FROM " \
	"main.events WHERE run = ?2 AND entity = 'deal' AND action = " \
	"'update' AND field = 'stage')"
static const char sql_updated_stages[] =
	"INSERT INTO main.deal_stages (deal_id, from_stage, to_stage, at, "
	"by_login, run) SELECT CAST(entity_id AS INTEGER), old, new, ?3, ?1, "
	"?2 FROM main.events WHERE run = ?2 AND entity = 'deal' AND action = "
	"'update' AND field = 'stage' ORDER BY id";
static const char sql_updated_stage_event[] =
	"INSERT INTO main.events (run, entity, entity_id, action, field, old, "
	"new) SELECT ?2, 'deal', d.id, 'update', 'stage_at', d.stage_at, ?3 "
	"FROM main.deals d WHERE d.id IN " STAGE_UPDATED " AND "
	"d.created_run IS NOT ?2";
static const char sql_updated_stage_at[] =
	"UPDATE main.deals SET stage_at = ?3 WHERE id IN " STAGE_UPDATED
	" AND created_run IS NOT ?2";

/* A customer named in the file: by its name key, the id it has, or -N
 * for the N-th one to create (name: as first written). */
struct named {
	char *key, *name;
	long long id;
};

/* What the values of a column became (a file names the same few owners
 * and customers a million times): a table by the value's hash, a value
 * to a slot (at 64 slots, 40 customers pushed each other out: one look
 * up in 5 was made again). */
#define MEMO 512
struct memo {
	char *raw[MEMO], *val[MEMO];
	int rc[MEMO];
};

struct crm_deal_import {
	struct crm_session *s;
	/* the value step's session: the session's user on a connection
	 * of its own (reader_session), opened at its first look-up of a
	 * customer and closed once the file is read */
	struct crm_session rs;
	/* named, newat, made, made_text and nnew: the value step (on the
	 * reader thread) adds the customers to create, load (on the
	 * caller's) promises or makes them */
	pthread_mutex_t mu;
	struct memo memo[3];	/* of stages, owners, customers */
	struct crm_stages stages;
	char **from;		/* --stage-map: external names */
	const char **to;	/* and our stage keys */
	size_t nmap;
	int create;		/* --create-customers */
	char **logins, **names;	/* every user */
	size_t nusers;
	struct crm_keyset seen;	/* name key -> index in named + 1 */
	struct named *named;
	size_t nnamed;
	size_t *newat;		/* the N-th to create: its index in named */
	long long *made;	/* and the id it got, or 0 */
	char (*made_text)[24];	/* that id as text */
	long long nnew, created;
	/* a load through the bulk database (lib/import-bulk.c): the
	 * customers to make are promised the ids after base, in the order
	 * of their first deal loaded (order: their numbers, -1 ..), and
	 * made under the write lock (bulk_end) */
	int bulk;
	long long base, *order, norder;
	/* load's own copy of made_text (the caller's thread), read without
	 * the lock once set: a stand-in's id never changes */
	char (*known)[24];
	size_t nknown;
	unsigned long long required;	/* of a customer */
	struct crm_buf val;	/* a value made */
	/* the defaults of a new deal, made once: the time, the day, and
	 * the next step of each stage (an empty action: none) */
	int timed;
	char now[CRM_TIME_LEN], today[CRM_DATE_LEN];
	/* the deals loaded directly (lib/import.c), and the customers of
	 * the won ones, each once */
	long long loaded;
	long long *won;
	size_t nwon;
	struct crm_keyset won_seen;
	struct crm_buf *action;
	char (*due)[CRM_DATE_LEN];
};

static void
trimmed(struct crm_buf *b, const char *v)
{
	size_t n;

	v += strspn(v, " \t");
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	crm_buf_reset(b);
	crm_buf_add(b, v, n);
}

/* A stage of the file: mapped (names are case-insensitive), else one of
 * ours by its key (so too) or its label. */
static int
stage_value(struct crm_deal_import *di, const char **v, struct crm_err *e)
{
	struct crm_buf keys = { 0 };
	const char *name;

	trimmed(&di->val, *v);
	name = crm_buf_str(&di->val);
	for (size_t i = 0; i < di->nmap; i++)
		if (strcasecmp(di->from[i], name) == 0) {
			*v = di->to[i];
			return 0;
		}
	for (size_t i = 0; i < di->stages.n; i++)
		if (strcasecmp(di->stages.v[i].key, name) == 0 ||
		    strcmp(di->stages.v[i].label, name) == 0) {
			*v = di->stages.v[i].key;
			return 0;
		}
	for (size_t i = 0; i < di->stages.n; i++) {
		if (i)
			crm_buf_adds(&keys, C_("list", ", "));
		crm_buf_adds(&keys, di->stages.v[i].key);
	}
	crm_err_set(e, CRM_EX_DATAERR, "no stage '%s' (the stages: %s; "
	    "--stage-map maps others to them)", name, keys.s);
	crm_buf_free(&keys);
	return -1;
}

/* An owner: a login, else the name of one user. */
static int
owner_value(struct crm_deal_import *di, const char **v, struct crm_err *e)
{
	const char *name, *login = NULL;
	int n = 0;

	trimmed(&di->val, *v);
	name = crm_buf_str(&di->val);
	for (size_t i = 0; i < di->nusers; i++)
		if (strcmp(di->logins[i], name) == 0)
			return 0;
	for (size_t i = 0; i < di->nusers; i++)
		if (di->names[i] && strcasecmp(di->names[i], name) == 0) {
			login = di->logins[i];
			n++;
		}
	if (n == 1) {
		*v = login;
		return 0;
	}
	if (n > 1)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is the name of "
		    "%d users (use their login)", name, n);
	return crm_err_set(e, CRM_EX_DATAERR, "no user '%s' (neither a "
	    "login nor a user's name)", name);
}

/* The customer of that name key met before, or NULL. */
static struct named *
named_find(struct crm_deal_import *di, const char *key)
{
	long at = crm_keyset_add(&di->seen, key, strlen(key),
	    (long)di->nnamed + 1);

	if (at == 0)
		return NULL;
	if (at <= (long)di->nnamed && strcmp(di->named[at - 1].key, key) == 0)
		return &di->named[at - 1];
	/* a fingerprint's collision (crm/keyset.h): look at them all */
	for (size_t i = 0; i < di->nnamed; i++)
		if (strcmp(di->named[i].key, key) == 0)
			return &di->named[i];
	return NULL;
}

/* A customer named: id, or 0 for the next one to create (-N). */
static struct named *
named_add(struct crm_deal_import *di, const char *key, const char *name,
    long long id)
{
	struct named *n;

	pthread_mutex_lock(&di->mu);
	if (id == 0)
		id = -++di->nnew;
	di->named = crm_xrealloc(di->named, (di->nnamed + 1) *
	    sizeof(*di->named));
	n = &di->named[di->nnamed++];
	n->key = crm_xstrdup(key);
	n->name = crm_xstrdup(name);
	n->id = id;
	if (id < 0) {
		di->newat = crm_xrealloc(di->newat, (size_t)-id *
		    sizeof(*di->newat));
		di->newat[-id - 1] = di->nnamed - 1;
		di->made = crm_xrealloc(di->made, (size_t)-id *
		    sizeof(*di->made));
		di->made[-id - 1] = 0;
		di->made_text = crm_xrealloc(di->made_text, (size_t)-id *
		    sizeof(*di->made_text));
	}
	pthread_mutex_unlock(&di->mu);
	return n;
}

/* The value step's session (struct crm_deal_import, rs), or NULL. Its
 * look-ups see one state of the database, as the session's would in
 * the transaction of a load (a read transaction: no lock that a writer
 * waits for). */
static struct crm_session *
reader_session(struct crm_deal_import *di, struct crm_err *e)
{
	struct crm_db *db;

	if (di->rs.db != NULL)
		return &di->rs;
	if (crm_db_open(&db, crm_db_path(di->s->db), 0, e) < 0)
		return NULL;
	if (crm_db_exec(db, "BEGIN", e) < 0) {
		crm_db_close(db);
		return NULL;
	}
	di->rs = *di->s;
	di->rs.db = db;
	return &di->rs;
}

/* The file read: no more look-ups. */
static void
reader_close(struct crm_deal_import *di)
{
	if (di->rs.db == NULL)
		return;
	crm_db_exec(di->rs.db, "COMMIT", NULL);
	crm_db_close(di->rs.db);
	di->rs.db = NULL;
}

/* May a customer of that name be created: its required fields (it has
 * only a name) and the duplicate check (撞单), with their words. */
static int
may_create(struct crm_deal_import *di, struct crm_session *rs,
    const char *name, struct crm_err *e)
{
	struct crm_record c;
	const char *bad = NULL;
	int unseen = 0, rc;

	customer_init(&c);
	rc = crm_record_put(&c, CRM_CF_NAME, name, NULL, e);
	if (rc == 0 && crm_record_finish(&c, di->required, &bad, e) < 0)
		rc = bad ? crm_err_prefix(e, "a new customer '%s': field '%s'",
		    name, bad) : -1;
	if (rc == 0)
		rc = customer_check_dup(rs, &c, &unseen, e);
	crm_record_free(&c);
	return rc < 0 && unseen ? -2 : rc;
}

/* A customer: by id or by its name among those the user sees; one not
 * there is made (-N) with --create-customers. */
static int
customer_value(struct crm_deal_import *di, const char **v, struct crm_err *e)
{
	struct crm_buf key = { 0 };
	const struct named *n;
	long long id;
	int rc;

	crm_norm_name(*v, &key);
	n = key.len > 0 ? named_find(di, key.s) : NULL;
	if (n == NULL) {
		struct crm_session *rs = reader_session(di, e);

		rc = rs == NULL ? -1 : crm_find_named(rs, &crm_customer_entity,
		    *v, &id, e);
		if (rc == 0 && di->create && key.len > 0 &&
		    (rc = may_create(di, rs, *v, e)) == 0)
			id = 0;	/* one to create: named_add numbers it */
		else if (rc == 0)
			rc = -1;
		else if (rc == 1)
			rc = 0;
		if (rc == 0 && key.len > 0)
			id = named_add(di, key.s, *v, id)->id;
	} else {
		id = n->id;
		rc = 0;
	}
	crm_buf_free(&key);
	if (rc < 0)
		return rc == -2 ? -2 : -1;
	crm_buf_reset(&di->val);
	crm_buf_addf(&di->val, "%lld", id);
	*v = crm_buf_str(&di->val);
	return id < 0;	/* a new one stands as it is until made */
}

static unsigned
memo_slot(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % MEMO;
}

/* What the value *v became the last time, into *v and *rc: 1, else 0. */
static int
memo_get(struct memo *m, const char **v, int *rc)
{
	unsigned i = memo_slot(*v);

	if (m->raw[i] == NULL || strcmp(m->raw[i], *v) != 0)
		return 0;
	*v = m->val[i];
	*rc = m->rc[i];
	return 1;
}

static void
memo_put(struct memo *m, const char *raw, const char *val, int rc)
{
	unsigned i = memo_slot(raw);

	free(m->raw[i]);
	free(m->val[i]);
	m->raw[i] = crm_xstrdup(raw);
	m->val[i] = crm_xstrdup(val);
	m->rc[i] = rc;
}

static void
memo_free(struct memo *m)
{
	for (size_t i = 0; i < MEMO; i++) {
		free(m->raw[i]);
		free(m->val[i]);
	}
}

static int
blank(const char *v)
{
	return (*v == ' ' || *v == '\t' || *v == '\0') &&
	    v[strspn(v, " \t")] == '\0';
}

/* A stage, an owner or a customer: what it became the last time, if it
 * is met again (a bad one is not kept: its error is made again). */
static int
deal_value(void *arg, int f, const char **v, struct crm_err *e)
{
	struct crm_deal_import *di = arg;
	const char *raw = *v;
	struct memo *m;
	int rc;

	if (di == NULL || (f != CRM_DF_STAGE && f != CRM_DF_OWNER &&
	    f != CRM_DF_CUSTOMER) || blank(*v))
		return 0;
	m = &di->memo[f == CRM_DF_STAGE ? 0 : f == CRM_DF_OWNER ? 1 : 2];
	if (memo_get(m, v, &rc))
		return rc;
	rc = f == CRM_DF_STAGE ? stage_value(di, v, e) : f == CRM_DF_OWNER ?
	    owner_value(di, v, e) : customer_value(di, v, e);
	if (rc >= 0)
		memo_put(m, raw, *v, rc);
	return rc;
}

/* The customer that stands in as n (-N) made (a rep's are theirs, a
 * manager's and an admin's go to the pool), once: its id. */
static int
make_customer(struct crm_deal_import *di, long long n, long long *id,
    struct crm_err *e)
{
	struct crm_input in = { 0 };

	if (n >= 0 || -n > di->nnew)
		return crm_err_set(e, CRM_EX_SOFTWARE, "no customer stands "
		    "for %lld", n);
	if (di->made[-n - 1] == 0) {
		in.f[CRM_CF_NAME] = di->named[di->newat[-n - 1]].name;
		if (crm_customer_add(di->s, &in, 0, &di->made[-n - 1], e) < 0)
			return -1;
		snprintf(di->made_text[-n - 1], sizeof(*di->made_text), "%lld",
		    di->made[-n - 1]);
		di->created++;
	}
	*id = di->made[-n - 1];
	return 0;
}

/* The customers to create that good records name, each once. */
static int
create_customers(struct crm_deal_import *di, struct crm_err *e)
{
	sqlite3_stmt *st, *up;
	long long n, id;
	int rc;

	if (di->nnew == 0)
		return 0;
	if (crm_db_exec(di->s->db, sql_new_ids, e) < 0 ||
	    (st = crm_db_prepare(di->s->db, sql_new_customers, e)) == NULL)
		return -1;
	while ((rc = crm_db_row(di->s->db, st, e)) == 1) {
		n = sqlite3_column_int64(st, 0);
		if (make_customer(di, n, &id, e) < 0 ||
		    (up = crm_db_prepare(di->s->db, sql_new_id, e)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(up, 1, n);
		sqlite3_bind_int64(up, 2, id);
		if ((rc = crm_db_done(di->s->db, up, e)) < 0)
			break;
	}
	if (rc != 0) {
		sqlite3_reset(st);
		return -1;
	}
	return crm_db_exec(di->s->db, sql_new_customer_ids, e);
}

static int
closed(const char *stage)
{
	return stage && (strcmp(stage, "won") == 0 ||
	    strcmp(stage, "lost") == 0);
}

/* What a new deal gets, once for the import: the time, the day, and the
 * next step of each open stage with follow-up days. */
static void
timed(struct crm_deal_import *di)
{
	if (di->timed++)
		return;
	crm_now_text(di->now);
	crm_date_format(crm_today(), di->today);
	di->action = crm_xcalloc(di->stages.n + 1, sizeof(*di->action));
	di->due = crm_xcalloc(di->stages.n + 1, sizeof(*di->due));
	for (size_t i = 0; i < di->stages.n; i++) {
		const struct crm_stage *stage = &di->stages.v[i];

		if (stage->followup_days > 0 && !closed(stage->key))
			deal_next_step(di->s, stage, crm_today(),
			    &di->action[i], di->due[i]);
	}
}

/* The next step of new deals in each stage with follow-up days. */
static int
next_steps(struct crm_deal_import *di, struct crm_err *e)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < di->stages.n; i++) {
		if (di->action[i].len == 0)
			continue;
		if ((st = crm_db_prepare(di->s->db, sql_next_step, e)) ==
		    NULL)
			return -1;
		crm_db_bind_text(st, 1, crm_buf_str(&di->action[i]));
		crm_db_bind_text(st, 2, di->due[i]);
		crm_db_bind_text(st, 3, di->stages.v[i].key);
		if (crm_db_done(di->s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

/* The customer of a won deal loaded directly, kept once. */
static void
won_add(struct crm_deal_import *di, const char *cid)
{
	long long id = strtoll(cid, NULL, 10);
	long at = crm_keyset_add(&di->won_seen, (const char *)&id,
	    sizeof(id), (long)di->nwon + 1);

	if (at != 0 && di->won[at - 1] == id)
		return;
	for (size_t i = 0; at != 0 && i < di->nwon; i++)
		if (di->won[i] == id)	/* a fingerprint's collision */
			return;
	di->won = crm_xrealloc(di->won, (di->nwon + 1) * sizeof(*di->won));
	di->won[di->nwon++] = id;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The customers of the new won deals, in order: those kept as the deals
 * were loaded, or those of the deals moved in (a scan of the table). */
static int
won_ids(struct crm_deal_import *di, struct crm_session *s, long long **ids,
    size_t *n, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (di->loaded > 0) {
		if (di->nwon > 1)
			qsort(di->won, di->nwon, sizeof(*di->won), cmp_id);
		*ids = di->won;
		*n = di->nwon;
		di->won = NULL;
		di->nwon = 0;
		return 0;
	}
	if ((st = crm_db_prepare(s->db, sql_won_customers, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		*ids = crm_xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	return rc;
}

/* The customers of the new won deals are active, each in its own audit
 * of this run (read first: the writes come after the reading). */
static int
won_customers(struct crm_deal_import *di, struct crm_session *s,
    struct crm_err *e)
{
	long long *ids = NULL;
	size_t n = 0;
	char id[32];
	int rc = won_ids(di, s, &ids, &n, e);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		snprintf(id, sizeof(id), "%lld", ids[i]);
		rc = deal_touch_customer(s, id, "active", NULL, e);
	}
	free(ids);
	return rc < 0 ? -1 : 0;
}

/* 75 when a customer the file named was deleted while it was read (as
 * when customers were added or an owner deactivated meanwhile), where
 * the deal's insert would fail on its foreign key. */
static int
customer_gone(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_customer_gone, e);
	int rc;

	if (st == NULL || (rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc == 0)
		return 0;
	sqlite3_reset(st);
	return crm_err_set(e, CRM_EX_TEMPFAIL, "a customer the file names was "
	    "deleted while it was read; nothing imported (import it again)");
}

static int
before_move(void *arg, struct crm_session *s, struct crm_err *e)
{
	struct crm_deal_import *di = arg;
	sqlite3_stmt *st;

	if (di == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "deals are imported "
		    "with their options (crm_deal_import_new)");
	reader_close(di);
	timed(di);
	if (create_customers(di, e) < 0 || customer_gone(s, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_defaults, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, s->user);
	crm_db_bind_text(st, 2, di->stages.v[0].key);
	crm_db_bind_text(st, 3, di->now);
	crm_db_bind_text(st, 4, di->today);
	if (crm_db_done(s->db, st, e) < 0)
		return -1;
	return next_steps(di, e);
}

/* A new deal's owner when the file gave none: its customer's, else the
 * user (sql_defaults). */
static int
default_owner(struct crm_session *s, struct crm_record *d,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_owner, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, strtoll(d->f[CRM_DF_CUSTOMER], NULL, 10));
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	crm_record_set(d, CRM_DF_OWNER, rc == 1 && crm_db_col_text(st, 0) ?
	    crm_db_col_text(st, 0) : s->user);
	if (rc == 1)
		sqlite3_reset(st);
	return 0;
}

/* The times of sql_defaults: made now, unless given; in its stage since
 * it was made, a closed one since it closed (not before it was made);
 * a won or lost deal's date the day when it had none. */
static void
default_times(struct crm_deal_import *di, struct crm_record *d)
{
	const char *stage = d->f[CRM_DF_STAGE];
	char at[CRM_TIME_LEN] = "YYYY-MM-DDT00:00:00";

	if (d->f[CRM_DF_CREATED_AT] == NULL)
		crm_record_set(d, CRM_DF_CREATED_AT, di->now);
	if (d->f[CRM_DF_STAGE_AT] == NULL && closed(stage)) {
		const char *day = d->f[CRM_DF_WON_AT] ? d->f[CRM_DF_WON_AT] :
		    d->f[CRM_DF_LOST_AT] ? d->f[CRM_DF_LOST_AT] : di->today;

		memcpy(at, day, strnlen(day, CRM_DATE_LEN - 1));
		crm_record_set(d, CRM_DF_STAGE_AT, strcmp(at,
		    d->f[CRM_DF_CREATED_AT]) > 0 ? at :
		    d->f[CRM_DF_CREATED_AT]);
	} else if (d->f[CRM_DF_STAGE_AT] == NULL) {
		crm_record_set(d, CRM_DF_STAGE_AT, d->f[CRM_DF_CREATED_AT]);
	}
	if (stage && strcmp(stage, "won") == 0 && !d->f[CRM_DF_WON_AT])
		crm_record_set(d, CRM_DF_WON_AT, di->today);
	if (stage && strcmp(stage, "lost") == 0 && !d->f[CRM_DF_LOST_AT])
		crm_record_set(d, CRM_DF_LOST_AT, di->today);
}

/* In a load through the bulk database, the customer that number n
 * stands for is promised the next id after the last customer's. */
static int
promise_customer(struct crm_deal_import *di, long long n, struct crm_err *e)
{
	if (n >= 0 || -n > di->nnew)
		return crm_err_set(e, CRM_EX_SOFTWARE, "no customer stands "
		    "for %lld", n);
	if (di->made[-n - 1] != 0)
		return 0;
	di->order = crm_xrealloc(di->order, (size_t)(di->norder + 1) *
	    sizeof(*di->order));
	di->order[di->norder++] = n;
	di->made[-n - 1] = di->base + di->norder;
	snprintf(di->made_text[-n - 1], sizeof(*di->made_text), "%lld",
	    di->made[-n - 1]);
	return 0;
}

static int
last_customer(struct crm_session *s, long long *id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_last_customer, e);

	if (st == NULL || crm_db_row(s->db, st, e) != 1)
		return -1;
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static void
read_end(void *arg)
{
	if (arg != NULL)
		reader_close(arg);
}

static int
bulk_begin(void *arg, struct crm_session *s, struct crm_err *e)
{
	struct crm_deal_import *di = arg;

	if (di == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "deals are imported "
		    "with their options (crm_deal_import_new)");
	di->bulk = 1;
	return last_customer(s, &di->base, e);
}

/* The customers promised, made in the order promised: their ids are
 * those promised unless someone added customers meanwhile (then 75:
 * the deals loaded name ids that are not theirs). */
static int
bulk_end(void *arg, struct crm_session *s, struct crm_err *e)
{
	struct crm_deal_import *di = arg;
	struct crm_input in = { 0 };
	long long last, id;

	reader_close(di);
	if (last_customer(s, &last, e) < 0)
		return -1;
	if (last != di->base)
		return crm_err_set(e, CRM_EX_TEMPFAIL, "customers were added "
		    "or deleted while the deals were read; nothing imported "
		    "(import it again)");
	for (long long k = 0; k < di->norder; k++) {
		in.f[CRM_CF_NAME] = di->named[di->newat[-di->order[k] - 1]].name;
		if (crm_customer_add(di->s, &in, 0, &id, e) < 0)
			return -1;
		if (id != di->base + k + 1)
			return crm_err_set(e, CRM_EX_SOFTWARE, "customer %lld "
			    "made as %lld", di->base + k + 1, id);
		di->created++;
	}
	return 0;
}

/* The customer that stands in as n (-N) for the deal d: promised (a
 * load through the bulk database) or made, once, under the lock (the
 * reader may be naming the next ones); then from load's own copy. */
static int
stand_in(struct crm_deal_import *di, long long n, struct crm_record *d,
    struct crm_err *e)
{
	size_t i = (size_t)(-n - 1);
	long long id;
	int rc;

	if (n < 0 && i < di->nknown && di->known[i][0] != '\0') {
		crm_record_set(d, CRM_DF_CUSTOMER, di->known[i]);
		return 0;
	}
	pthread_mutex_lock(&di->mu);
	rc = di->bulk ? promise_customer(di, n, e) :
	    make_customer(di, n, &id, e);
	if (rc == 0 && i >= di->nknown) {
		di->known = crm_xrealloc(di->known, (i + 1) *
		    sizeof(*di->known));
		memset(di->known + di->nknown, 0, (i + 1 - di->nknown) *
		    sizeof(*di->known));
		di->nknown = i + 1;
	}
	if (rc == 0)
		memcpy(di->known[i], di->made_text[i], sizeof(*di->known));
	pthread_mutex_unlock(&di->mu);
	if (rc == 0)
		crm_record_set(d, CRM_DF_CUSTOMER, di->known[i]);
	return rc;
}

/* A new deal loaded directly (lib/import.c): what before_move does to
 * the staged ones, done to it — its customer made if one stands in for
 * it, the defaults of sql_defaults, the next step of sql_next_step.
 * tests/cli/0033 imports a file both ways and compares the deals. */
static int
load(void *arg, struct crm_session *s, struct crm_record *d,
    struct crm_err *e)
{
	struct crm_deal_import *di = arg;
	const char *cid = d->f[CRM_DF_CUSTOMER];

	if (di == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "deals are imported "
		    "with their options (crm_deal_import_new)");
	timed(di);
	if (cid && cid[0] == '-' &&
	    stand_in(di, strtoll(cid, NULL, 10), d, e) < 0)
		return -1;
	if (d->f[CRM_DF_OWNER] == NULL && default_owner(s, d, e) < 0)
		return -1;
	default_times(di, d);
	if (d->f[CRM_DF_STAGE] == NULL)
		crm_record_set(d, CRM_DF_STAGE, di->stages.v[0].key);
	di->loaded++;
	if (strcmp(d->f[CRM_DF_STAGE], "won") == 0)
		won_add(di, d->f[CRM_DF_CUSTOMER]);
	for (size_t i = 0; i < di->stages.n; i++)
		if (di->action[i].len > 0 && !d->f[CRM_DF_NEXT_ACTION] &&
		    !d->f[CRM_DF_NEXT_DUE] &&
		    strcmp(d->f[CRM_DF_STAGE], di->stages.v[i].key) == 0) {
			crm_record_set(d, CRM_DF_NEXT_ACTION,
			    crm_buf_str(&di->action[i]));
			crm_record_set(d, CRM_DF_NEXT_DUE, di->due[i]);
		}
	return 0;
}

static int
updated_stages(struct crm_session *s, struct crm_err *e)
{
	static const char *const sql[] = { sql_updated_stages,
	    sql_updated_stage_event, sql_updated_stage_at };
	char now[CRM_TIME_LEN];

	crm_now_text(now);
	for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, sql[i], e);

		if (st == NULL)
			return -1;
		crm_db_bind_text(st, 1, s->user);
		sqlite3_bind_int64(st, 2, s->run);
		crm_db_bind_text(st, 3, now);
		if (crm_db_done(s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

static int
after_move(void *arg, struct crm_session *s, struct crm_err *e)
{
	struct crm_deal_import *di = arg;
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_first_stages, e);

	reader_close(di);
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, s->user);
	sqlite3_bind_int64(st, 2, s->run);
	crm_db_bind_text(st, 3, di->stages.v[0].key);
	if (crm_db_done(s->db, st, e) < 0 || updated_stages(s, e) < 0)
		return -1;
	return won_customers(di, s, e);
}

/* Why a field may not be set, in deals' words. */
static const struct crm_import_why why[] = {
	{ "id", NULL, N_("an import does not change ids") },
	{ "owner", NULL, N_("an import does not change the owner "
	    "(crm-deal edit --owner does)") },
};

const struct crm_import_def deal_import = {
	.roles = CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP,
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
	.value = deal_value,
	.before_move = before_move,
	.after_move = after_move,
	.load = load,
	.bulk_begin = bulk_begin,
	.bulk_end = bulk_end,
	.value_alone = 1,
	.read_end = read_end,
};

/* One pair of --stage-map, NAME=STAGE. */
static int
map_pair(struct crm_deal_import *di, const char *pair, size_t len,
    struct crm_err *e)
{
	const char *eq = memchr(pair, '=', len);
	const struct crm_stage *stage = NULL;
	struct crm_buf from = { 0 }, to = { 0 };
	int rc = 0;

	if (eq == NULL)
		return crm_err_set(e, CRM_EX_USAGE, "--stage-map: '%.*s' is "
		    "not NAME=STAGE", (int)len, pair);
	crm_buf_add(&from, pair, (size_t)(eq - pair));
	crm_buf_add(&to, eq + 1, len - (size_t)(eq - pair) - 1);
	trimmed(&di->val, crm_buf_str(&from));
	crm_buf_reset(&from);
	crm_buf_adds(&from, crm_buf_str(&di->val));
	trimmed(&di->val, crm_buf_str(&to));
	if (from.len == 0 || di->val.len == 0)
		rc = crm_err_set(e, CRM_EX_USAGE, "--stage-map: '%.*s' is not "
		    "NAME=STAGE", (int)len, pair);
	else if (deal_stage_check(&di->stages, di->val.s, &stage, e) < 0)
		rc = crm_err_prefix(e, "--stage-map: '%s'", from.s);
	for (size_t i = 0; rc == 0 && i < di->nmap; i++)
		if (strcasecmp(di->from[i], from.s) == 0)
			rc = crm_err_set(e, CRM_EX_USAGE, "--stage-map: '%s' is "
			    "mapped twice", from.s);
	if (rc == 0) {
		di->from = crm_xrealloc(di->from, (di->nmap + 1) *
		    sizeof(char *));
		di->to = crm_xrealloc(di->to, (di->nmap + 1) * sizeof(char *));
		di->from[di->nmap] = crm_buf_detach(&from);
		di->to[di->nmap++] = stage->key;
	}
	crm_buf_free(&from);
	crm_buf_free(&to);
	if (rc < 0)
		e->code = CRM_EX_USAGE;
	return rc;
}

static int
map_parse(struct crm_deal_import *di, const char *map, struct crm_err *e)
{
	const char *p = map;

	if (*map == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "--stage-map: empty (give "
		    "'Prospecting=qualify,Won=won,...')");
	for (;;) {
		size_t len = strcspn(p, ",");

		if (map_pair(di, p, len, e) < 0)
			return -1;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

int
crm_deal_import_new(struct crm_session *s, const char *stage_map,
    int create_customers, struct crm_deal_import **out, struct crm_err *e)
{
	struct crm_deal_import *di = crm_xcalloc(1, sizeof(*di));
	sqlite3_stmt *st;
	int rc;

	*out = di;
	di->s = s;
	pthread_mutex_init(&di->mu, NULL);
	/* what lib/entity.c derives from the customers' descriptor, made
	 * on this thread: it is built unguarded, and the value step looks
	 * customers up on the reader's */
	crm_entity_cols(&crm_customer_entity);
	di->create = create_customers;
	if (crm_stages_load(s, &di->stages, e) < 0 ||
	    (stage_map && map_parse(di, stage_map, e) < 0) ||
	    crm_store_required(s, &crm_customer_entity, &di->required, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_users, e)) == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *name = crm_db_col_text(st, 1);

		di->logins = crm_xrealloc(di->logins, (di->nusers + 1) *
		    sizeof(char *));
		di->names = crm_xrealloc(di->names, (di->nusers + 1) *
		    sizeof(char *));
		di->logins[di->nusers] = crm_xstrdup(crm_db_col_text(st, 0));
		di->names[di->nusers++] = name ? crm_xstrdup(name) : NULL;
	}
	return rc < 0 ? -1 : 0;
}

long long
crm_deal_import_created(const struct crm_deal_import *di)
{
	return di ? di->created : 0;
}

void
crm_deal_import_free(struct crm_deal_import *di)
{
	if (di == NULL)
		return;
	reader_close(di);
	pthread_mutex_destroy(&di->mu);
	for (size_t i = 0; di->action && i < di->stages.n; i++)
		crm_buf_free(&di->action[i]);
	free(di->action);
	free(di->due);
	crm_stages_free(&di->stages);
	for (size_t i = 0; i < di->nmap; i++)
		free(di->from[i]);
	free(di->from);
	free(di->to);
	for (size_t i = 0; i < di->nusers; i++) {
		free(di->logins[i]);
		free(di->names[i]);
	}
	free(di->logins);
	free(di->names);
	for (size_t i = 0; i < di->nnamed; i++) {
		free(di->named[i].key);
		free(di->named[i].name);
	}
	free(di->named);
	free(di->newat);
	free(di->made);
	free(di->made_text);
	free(di->order);
	free(di->known);
	crm_keyset_free(&di->seen);
	crm_buf_free(&di->val);
	free(di->won);
	crm_keyset_free(&di->won_seen);
	for (size_t i = 0; i < 3; i++)
		memo_free(&di->memo[i]);
	free(di);
}
