/* Merging two customers into one (the pairs to look at are crm_dupes,
 * crm/dupes.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "customer-impl.h"
#include "crm/store.h"
#include "crm/clock.h"
#include "crm/entities.h"
#include "scope-sql.h"
#include "crm/banned.h"

static const char sql_contacts_of[] =
	"SELECT id FROM contacts WHERE customer_id = ?";
static const char sql_move_contact[] =
	"UPDATE contacts SET customer_id = ?1 WHERE id = ?2";
static const char sql_activities_of[] =
	"SELECT id FROM activities WHERE subject_type = 'customer' "
	"AND subject_id = ?";
static const char sql_move_activity[] =
	"UPDATE activities SET subject_id = ?1 WHERE id = ?2";
static const char sql_move_ownership[] =
	"UPDATE ownership SET subject_id = ?1 WHERE subject_type = 'customer' "
	"AND subject_id = ?2";
static const char sql_delete[] = "DELETE FROM customers WHERE id = ?";

/* Move the rows of `what` (contacts or activities) from drop to keep,
 * one audit event each so that undo can move them back. */
static int
move_rows(struct crm_session *s, const char *list_sql, const char *move_sql,
    const char *entity, const char *field, long long keep, long long drop,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, list_sql, e);
	long long *ids = NULL;
	size_t n = 0;
	char from[32], to[32], id[32];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, drop);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		ids = crm_xrealloc(ids, (n + 1) * sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	snprintf(from, sizeof(from), "%lld", drop);
	snprintf(to, sizeof(to), "%lld", keep);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if ((st = crm_db_prepare(s->db, move_sql, e)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, keep);
		sqlite3_bind_int64(st, 2, ids[i]);
		snprintf(id, sizeof(id), "%lld", ids[i]);
		rc = crm_db_done(s->db, st, e) < 0 ||
		    crm_audit_event(s, entity, id, "update", field, from, to,
		    e) < 0 ? -1 : 0;
	}
	free(ids);
	return rc;
}

/* The ids of ent's records whose field f names customer drop. The
 * statement is made here, once a merge: crm_db_prepare caches by the
 * address of static SQL. */
static int
records_of(struct crm_session *s, const struct crm_entity *ent, int f,
    long long drop, long long **out, size_t *n, struct crm_err *e)
{
	struct crm_buf sql = { 0 };
	sqlite3_stmt *st = NULL;
	long long *ids = NULL;
	int rc;

	*n = 0;
	crm_buf_addf(&sql, "SELECT %s FROM %s WHERE %s = ?",
	    ent->fields[0].name, ent->table, ent->fields[f].name);
	rc = sqlite3_prepare_v2(crm_db_sqlite(s->db), crm_buf_str(&sql), -1,
	    &st, NULL);
	crm_buf_free(&sql);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, drop);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			ids = crm_xrealloc(ids, (*n + 1) * sizeof(*ids));
			ids[(*n)++] = sqlite3_column_int64(st, 0);
		}
	}
	sqlite3_finalize(st);
	*out = ids;
	if (rc == SQLITE_DONE)
		return 0;
	free(ids);
	*out = NULL;
	return crm_err_set(e, CRM_EX_SOFTWARE, "reading the %s of customer "
	    "%lld: %s", ent->table, drop,
	    sqlite3_errmsg(crm_db_sqlite(s->db)));
}

/* The records of every other kind that name the dropped customer (its
 * deals, quotes, contracts, orders, expenses, the lead it came from)
 * name the kept one, each change audited so that crm undo moves them
 * back; they belong to whoever owned them. */
static int
move_refs(struct crm_session *s, long long keep, long long drop,
    struct crm_err *e)
{
	char to[32];

	snprintf(to, sizeof(to), "%lld", keep);
	for (size_t i = 0; crm_entities[i]; i++) {
		const struct crm_entity *ent = crm_entities[i];
		int f = crm_entity_field(ent, "customer_id");
		long long *ids;
		size_t n;
		int rc = 0;

		if (ent == &crm_customer_entity || f < 0 ||
		    strcmp(ent->fields[f].name, "customer_id") != 0)
			continue;
		if (records_of(s, ent, f, drop, &ids, &n, e) < 0)
			return -1;
		for (size_t k = 0; rc == 0 && k < n; k++) {
			struct crm_record old = { 0 }, now = { 0 };

			rc = crm_store_load(s, ent, ids[k], &old, e);
			if (rc == 0) {
				crm_record_copy(&now, &old);
				crm_record_set(&now, f, to);
				rc = crm_store_save(s, &old, &now, e);
			}
			crm_record_free(&old);
			crm_record_free(&now);
		}
		free(ids);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Keep's empty fields from drop — those a user gives, not crm's own,
 * the owner's or a manager's — and the tags and custom fields of both. */
static void
fill_from(struct crm_record *keep, const struct crm_record *drop)
{
	const unsigned never = CRM_F_SYSTEM | CRM_F_MANAGER | CRM_F_OWNER |
	    CRM_F_POOL;

	for (size_t f = 1; f < keep->ent->nfields; f++)
		if (!(keep->ent->fields[f].flags & never) &&
		    keep->f[f] == NULL && drop->f[f] != NULL)
			keep->f[f] = crm_xstrdup(drop->f[f]);
	/* the follow-ups move with it: the last is the later of both */
	if (drop->f[CRM_CF_LAST_FOLLOWUP_AT] != NULL &&
	    (keep->f[CRM_CF_LAST_FOLLOWUP_AT] == NULL ||
	    strcmp(drop->f[CRM_CF_LAST_FOLLOWUP_AT],
	    keep->f[CRM_CF_LAST_FOLLOWUP_AT]) > 0))
		crm_record_set(keep, CRM_CF_LAST_FOLLOWUP_AT,
		    drop->f[CRM_CF_LAST_FOLLOWUP_AT]);
	if (keep->f[CRM_CF_OWNER] == NULL && drop->f[CRM_CF_OWNER] != NULL) {
		/* a pool record kept: it takes the owner the other had */
		keep->f[CRM_CF_OWNER] = crm_xstrdup(drop->f[CRM_CF_OWNER]);
		free(keep->f[CRM_CF_POOL]);
		keep->f[CRM_CF_POOL] = NULL;
		free(keep->f[CRM_CF_CLAIMED_AT]);
		keep->f[CRM_CF_CLAIMED_AT] = drop->f[CRM_CF_CLAIMED_AT] ?
		    crm_xstrdup(drop->f[CRM_CF_CLAIMED_AT]) : NULL;
	}
	if (keep->f[CRM_CF_TAGS] && drop->f[CRM_CF_TAGS]) {
		struct crm_buf both = { 0 }, out = { 0 };

		crm_buf_addf(&both, "%s\x1f%s", keep->f[CRM_CF_TAGS],
		    drop->f[CRM_CF_TAGS]);
		crm_tags_norm(both.s, '\x1f', &out, NULL);
		free(keep->f[CRM_CF_TAGS]);
		keep->f[CRM_CF_TAGS] = crm_buf_detach(&out);
		crm_buf_free(&both);
	}
	for (size_t i = 0; i < drop->nextra; i++) {
		int have = 0;

		for (size_t k = 0; k < keep->nextra; k++)
			have |= strcmp(keep->ekeys[k], drop->ekeys[i]) == 0;
		if (!have)
			crm_record_put_extra(keep, drop->ekeys[i],
			    drop->evals[i], NULL);
	}
}

static int
ownership_row(struct crm_session *s, long long id, const char *from,
    const char *to, long long dropped, struct crm_err *e)
{
	char now[CRM_TIME_LEN], note[64];

	crm_now_text(now);
	snprintf(note, sizeof(note), "merged customer %lld", dropped);
	return pool_history_add(s, &crm_customer_entity, id, from, to, now,
	    "merge", note, e);
}

static int
same_owner(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* The ownership history of a merge: the kept record's owner if it
 * changed, and the dropped record's owner losing it (their cool-down
 * starts, as after a release). */
static int
note_owner_change(struct crm_session *s, const struct crm_record *keep,
    const struct crm_record *merged, const struct crm_record *drop,
    struct crm_err *e)
{
	const char *now = merged->f[CRM_CF_OWNER];

	if (!same_owner(keep->f[CRM_CF_OWNER], now) &&
	    ownership_row(s, keep->id, keep->f[CRM_CF_OWNER], now, drop->id,
	    e) < 0)
		return -1;
	if (drop->f[CRM_CF_OWNER] == NULL ||
	    same_owner(drop->f[CRM_CF_OWNER], now))
		return 0;
	return ownership_row(s, keep->id, drop->f[CRM_CF_OWNER], now,
	    drop->id, e);
}

/* The dropped record's phone and email, where the kept one has others,
 * stay reachable as a contact of the kept customer. */
static int
keep_contact(struct crm_session *s, const struct crm_record *merged,
    const struct crm_record *drop, struct crm_err *e)
{
	const char *phone = drop->f[CRM_CF_PHONE];
	const char *email = drop->f[CRM_CF_EMAIL];
	const char *v[5] = { NULL, NULL, NULL, NULL, NULL };
	char title[64];
	long long id;

	if (phone && same_owner(drop->key[CUST_KEY_PHONE],
	    merged->key[CUST_KEY_PHONE]))
		phone = NULL;
	if (email && merged->f[CRM_CF_EMAIL] &&
	    strcasecmp(email, merged->f[CRM_CF_EMAIL]) == 0)
		email = NULL;
	if (phone == NULL && email == NULL)
		return 0;
	snprintf(title, sizeof(title), "from merged customer %lld", drop->id);
	v[0] = drop->f[CRM_CF_CONTACT] ? drop->f[CRM_CF_CONTACT] :
	    drop->f[CRM_CF_NAME];
	v[1] = title;
	v[2] = phone;
	v[3] = email;
	return contact_add_locked(s, merged->id, v, &id, e);
}

static int
merge_locked(struct crm_session *s, long long keep_id, long long drop_id,
    struct crm_err *e)
{
	struct crm_record keep = { 0 }, drop = { 0 }, merged = { 0 };
	const char *bad;
	sqlite3_stmt *st;
	int rc = -1;

	if (crm_scope_load(s, &crm_customer_entity, keep_id, &keep, e) < 0 ||
	    crm_scope_load(s, &crm_customer_entity, drop_id, &drop, e) < 0 ||
	    crm_scope_may_change(s, &keep, e) < 0 ||
	    crm_scope_may_change(s, &drop, e) < 0)
		goto out;
	crm_record_copy(&merged, &keep);
	fill_from(&merged, &drop);
	if (crm_record_finish(&merged, 0, &bad, e) < 0 ||
	    crm_store_save(s, &keep, &merged, e) < 0 ||
	    move_rows(s, sql_contacts_of, sql_move_contact, "contact",
	    "customer_id", keep_id, drop_id, e) < 0 ||
	    move_rows(s, sql_activities_of, sql_move_activity, "activity",
	    "subject_id", keep_id, drop_id, e) < 0 ||
	    note_owner_change(s, &keep, &merged, &drop, e) < 0 ||
	    move_refs(s, keep_id, drop_id, e) < 0 ||
	    keep_contact(s, &merged, &drop, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_move_ownership, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, keep_id);
	sqlite3_bind_int64(st, 2, drop_id);
	if (crm_db_done(s->db, st, e) < 0 ||
	    crm_store_audit(s, "delete", &drop, NULL, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_delete, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, drop_id);
	rc = crm_db_done(s->db, st, e);
out:
	crm_record_free(&keep);
	crm_record_free(&drop);
	crm_record_free(&merged);
	return rc;
}

int
crm_customer_merge(struct crm_session *s, long long keep, long long drop,
    struct crm_err *e)
{
	int rc;

	if (keep == drop)
		return crm_err_set(e, CRM_EX_USAGE, "a customer cannot be "
		    "merged into itself");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = merge_locked(s, keep, drop, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}
