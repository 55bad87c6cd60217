/* crm-customer import: records are read, checked and normalized one at a
 * time (customer-import-read.c) into a temporary staging table, without
 * the database's write lock; duplicates within the file are found here
 * with in-memory fingerprints, and everything that depends on the
 * database by set-based passes over the staging table
 * (customer-import-check.c); then one short transaction moves the good
 * records in with INSERT ... SELECT. Memory does not grow with the rows'
 * text, and a killed import leaves the database as it was. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import-impl.h"
#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/out.h"
#include "crm/banned.h"

#define STAGE_COLUMNS \
	"id, name, contact, phone, email, address, city, region, industry, " \
	"size, tier, status, owner, pool, source_type, source_id, " \
	"claimed_at, last_followup_at, next_followup_at, created_at, " \
	"updated_at, note, tags, locked, lock_reason, extra, name_key, " \
	"core_key, phone_key"

static const char sql_stage_create[] =
	"CREATE TEMP TABLE IF NOT EXISTS import_rows ("
	"seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, "
	"action TEXT NOT NULL, target INTEGER, reason TEXT, raw TEXT, "
	"given INTEGER, have INTEGER, refused TEXT, decided INTEGER, "
	"visible INTEGER, into_seq INTEGER, merged INTEGER, "
	"own_name_key TEXT, own_phone_key TEXT, " STAGE_COLUMNS "); "
	"CREATE TEMP TABLE IF NOT EXISTS import_notes ("
	"seq INTEGER PRIMARY KEY, reason TEXT); "
	"CREATE TEMP TABLE IF NOT EXISTS import_fields ("
	"bit INTEGER PRIMARY KEY, name TEXT)";
static const char sql_field_insert[] =
	"INSERT OR IGNORE INTO temp.import_fields (bit, name) VALUES (?, ?)";
static const char sql_stage_clear[] =
	"DELETE FROM temp.import_rows; DELETE FROM temp.import_notes";
static const char sql_stage_insert[] =
	"INSERT INTO temp.import_rows (seq, line, action, target, reason, raw, "
	"given, have, refused, " STAGE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
	"?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, "
	"?33, ?34, ?35, ?36, ?37, ?38)";
#define STAGE_FIELD0 10		/* the parameter of the first field */
/* Records are staged by their number in the file (seq), not by line:
 * json on one line has many records on a line. The keys a record came with (a merge may change its name and phone:
 * the keys it had are what the fingerprints point to), its line, and
 * for a record merged into another, that one. */
static const char sql_stage_keys[] =
	"SELECT CASE WHEN r.merged THEN r.own_name_key ELSE r.name_key END, "
	"CASE WHEN r.merged THEN r.own_phone_key ELSE r.phone_key END, r.id, "
	"coalesce(t.line, r.line), coalesce(r.into_seq, r.seq) "
	"FROM temp.import_rows r LEFT JOIN temp.import_rows t "
	"ON t.seq = r.into_seq WHERE r.seq = ?";
static const char sql_stage_into[] =
	"UPDATE temp.import_rows SET into_seq = ?2 WHERE seq = ?1";
/* A later row of the file with --on-duplicate update: the values it
 * gives win, and the keys follow the name and the phone. */
static const char sql_stage_merge[] =
	"UPDATE temp.import_rows SET "
	"given = given | ?30, have = have | ?31, "
	"refused = coalesce(refused, ?32), "
	"merged = 1, own_name_key = CASE WHEN merged THEN own_name_key "
	"ELSE name_key END, own_phone_key = CASE WHEN merged THEN "
	"own_phone_key ELSE phone_key END, "
	"name_key = CASE WHEN ?2 IS NULL THEN name_key ELSE ?27 END, "
	"core_key = CASE WHEN ?2 IS NULL THEN core_key ELSE ?28 END, "
	"phone_key = CASE WHEN ?4 IS NULL THEN phone_key ELSE ?29 END, "
	"name = coalesce(?2, name), contact = coalesce(?3, contact), "
	"phone = coalesce(?4, phone), email = coalesce(?5, email), "
	"address = coalesce(?6, address), city = coalesce(?7, city), "
	"region = coalesce(?8, region), industry = coalesce(?9, industry), "
	"size = coalesce(?10, size), tier = coalesce(?11, tier), "
	"status = coalesce(?12, status), source_type = coalesce(?15, "
	"source_type), source_id = coalesce(?16, source_id), "
	"last_followup_at = coalesce(?18, last_followup_at), "
	"next_followup_at = coalesce(?19, next_followup_at), "
	"note = coalesce(?22, note), tags = coalesce(?23, tags), "
	"locked = coalesce(?24, locked), "
	"lock_reason = coalesce(?25, lock_reason), "
	"extra = CASE WHEN ?26 IS NULL THEN extra WHEN extra IS NULL THEN ?26 "
	"ELSE json_patch(extra, ?26) END WHERE seq = ?1";
static const char sql_data_version[] = "PRAGMA data_version";
static const char sql_any_customer[] =
	"SELECT EXISTS (SELECT 1 FROM customers)";
static const char sql_counts[] =
	"SELECT count(*) FILTER (WHERE action = 'create'), "
	"count(*) FILTER (WHERE action = 'update'), "
	"count(*) FILTER (WHERE action = 'duplicate'), "
	"count(*) FILTER (WHERE action = 'reject') FROM temp.import_rows";
static const char sql_rejects[] =
	"SELECT line, reason, raw FROM temp.import_rows "
	"WHERE action = 'reject' ORDER BY seq";
/* The plan of a dry run (commands.md): create, update (a record merged
 * into an earlier one too), duplicate — of an existing customer or of an
 * earlier record, whether --on-duplicate error rejects it or skip leaves
 * it out; the reason says which — or reject, with the id of the existing
 * customer it duplicates or updates, if the user may see it. */
static const char sql_plan[] =
	"SELECT line, CASE WHEN action = 'merged' THEN 'update' "
	"WHEN action = 'reject' AND (reason LIKE 'duplicate of %' OR "
	"reason LIKE 'a customer with the same %') THEN 'duplicate' "
	"ELSE action END, CASE WHEN coalesce(visible, 1) THEN target END, "
	"reason FROM temp.import_rows ORDER BY seq";
static const struct crm_col plan_cols[] = {
	{ "line", CRM_COL_INT }, { "action", CRM_COL_TEXT },
	{ "id", CRM_COL_INT }, { "reason", CRM_COL_TEXT },
};
static const char sql_move[] =
	"INSERT INTO main.customers (" STAGE_COLUMNS ", created_run, "
	"updated_run) SELECT id, name, contact, phone, email, address, city, "
	"region, industry, size, tier, status, owner, pool, source_type, "
	"source_id, CASE WHEN owner IS NULL THEN claimed_at "
	"ELSE coalesce(claimed_at, ?2) END, last_followup_at, "
	"next_followup_at, coalesce(created_at, ?2), coalesce(updated_at, ?2), "
	"note, tags, locked, lock_reason, extra, name_key, core_key, "
	"phone_key, ?1, ?1 "
	"FROM temp.import_rows WHERE action = 'create' ORDER BY seq";
static const char sql_register_all[] =
	"INSERT OR IGNORE INTO main.custom_fields (entity, name) "
	"SELECT DISTINCT 'customer', j.key FROM temp.import_rows r, "
	"json_each(r.extra) j WHERE r.action IN ('create', 'update')";

/* The indexes of customers, dropped before a bulk load into an empty
 * table and built after it: one sort each instead of a million inserts
 * into a b-tree. Kept in step with schema/002-customer.sql. */
static const char sql_drop_indexes[] =
	"DROP INDEX customers_name_key; DROP INDEX customers_core_key; "
	"DROP INDEX customers_phone_key; DROP INDEX customers_owner; "
	"DROP INDEX customers_pool";
static const char sql_make_indexes[] =
	"CREATE INDEX customers_name_key ON customers (name_key); "
	"CREATE INDEX customers_core_key ON customers (core_key); "
	"CREATE INDEX customers_phone_key ON customers (phone_key) "
	"WHERE phone_key IS NOT NULL; "
	"CREATE INDEX customers_owner ON customers (owner) "
	"WHERE owner IS NOT NULL; "
	"CREATE INDEX customers_pool ON customers (pool) "
	"WHERE pool IS NOT NULL; "
	"PRAGMA analysis_limit = 1000; ANALYZE customers";

/* The raw record is kept for --rejects, for every record: any may be
 * rejected once the database is consulted (a duplicate, the cap, a
 * field the user may not set). */
static int
needs_raw(const struct importer *im)
{
	return im->o->rejects != NULL;
}

/* Stage the current record (number im->records, from line). */
static int
stage(struct importer *im, long line, const char *action, const char *reason,
    const struct crm_record *c, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_stage_insert, e);
	char *extra;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->records);
	sqlite3_bind_int64(st, 2, line);
	crm_db_bind_text(st, 3, action);
	crm_db_bind_text(st, 5, reason);
	if (needs_raw(im))
		crm_db_bind_text(st, 6, im->raw.s);
	if (c != NULL) {
		sqlite3_bind_int64(st, 7, im->given);
		sqlite3_bind_int64(st, 8, im->have);
		crm_db_bind_text(st, 9, im->refused.s);
		for (int f = 0; f < CRM_CUST_NFIELDS; f++)
			crm_db_bind_text(st, STAGE_FIELD0 + f, c->f[f]);
		extra = crm_record_extra_json(c);
		crm_db_bind_text(st, STAGE_FIELD0 + CRM_CUST_NFIELDS, extra);
		free(extra);
		crm_db_bind_text(st, STAGE_FIELD0 + CRM_CUST_NFIELDS + 1,
		    c->key[CUST_KEY_NAME]);
		crm_db_bind_text(st, STAGE_FIELD0 + CRM_CUST_NFIELDS + 2,
		    c->key[CUST_KEY_CORE]);
		crm_db_bind_text(st, STAGE_FIELD0 + CRM_CUST_NFIELDS + 3,
		    c->key[CUST_KEY_PHONE]);
	}
	return crm_db_done(im->s->db, st, e);
}

/* The staged key of record seq, to confirm a fingerprint hit: 1 (and
 * *line the line, *into the record it stands for), 0 if it differs. */
static int
staged_key_is(struct importer *im, long seq, int col, const char *key,
    long *line, long *into, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_stage_keys, e);
	int rc, same;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	if ((rc = crm_db_row(im->s->db, st, e)) <= 0)
		return rc;
	same = crm_db_col_text(st, col) && strcmp(crm_db_col_text(st, col),
	    key) == 0;
	*line = (long)sqlite3_column_int64(st, 3);
	*into = (long)sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	return same;
}

/* A key whose fingerprint belongs to another key: the record that had
 * it first, or 0 (and it is kept for later copies). */
static long
collided(struct importer *im, int col, const char *key)
{
	for (size_t i = 0; i < im->ncoll; i++)
		if (im->coll[i].col == col && strcmp(im->coll[i].key, key) == 0)
			return im->coll[i].seq;
	im->coll = crm_xrealloc(im->coll, (im->ncoll + 1) *
	    sizeof(*im->coll));
	im->coll[im->ncoll].col = col;
	im->coll[im->ncoll].key = crm_xstrdup(key);
	im->coll[im->ncoll++].seq = im->records;
	return 0;
}

/* Has the file a record before this one with the same key? The record
 * it counts as (for one merged into another, that one) and *line its
 * line, or 0. Every good record is staged with its keys, whatever is
 * done with it, so that any later copy is found. */
static long
seen_before(struct importer *im, struct crm_keyset *ks, int col,
    const char *key, long *line, struct crm_err *e)
{
	long first, into = 0;
	int same;

	if (key == NULL || *key == '\0')
		return 0;
	first = crm_keyset_add(ks, key, strlen(key), im->records);
	if (first == 0)
		return 0;
	same = staged_key_is(im, first, col, key, line, &into, e);
	if (same == 0 && (first = collided(im, col, key)) != 0)
		same = staged_key_is(im, first, col, key, line, &into, e);
	return same < 0 ? -1 : same ? into : 0;
}

static int
merge_into(struct importer *im, long first, const struct crm_record *c,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_stage_merge, e);
	char *extra;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, first);
	for (int f = 1; f < CRM_CUST_NFIELDS; f++)
		if (im->given & (1u << f))
			crm_db_bind_text(st, f + 1, c->f[f]);
	extra = crm_record_extra_json(c);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 1, extra);
	free(extra);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 2, c->key[CUST_KEY_NAME]);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 3, c->key[CUST_KEY_CORE]);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 4, c->key[CUST_KEY_PHONE]);
	sqlite3_bind_int64(st, CRM_CUST_NFIELDS + 5, im->given);
	sqlite3_bind_int64(st, CRM_CUST_NFIELDS + 6, im->have);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 7, im->refused.s);
	if (crm_db_done(im->s->db, st, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, sql_stage_into, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->records);
	sqlite3_bind_int64(st, 2, first);
	return crm_db_done(im->s->db, st, e);
}

static const char sql_stage_rejected[] =
	"SELECT action = 'reject' FROM temp.import_rows WHERE seq = ?";

/* Is staged record seq one that is rejected? 1, 0, -1. */
static int
staged_rejected(struct importer *im, long seq, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_stage_rejected, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	if ((rc = crm_db_row(im->s->db, st, e)) <= 0)
		return rc;
	rc = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* Stage a record: a bad one (why) as rejected, a good one as created or
 * as a duplicate of an earlier one. The keys of both are kept, so that a
 * later copy of a bad record is a duplicate of it: fixed and imported
 * again, the two would collide. */
static int
stage_record(struct importer *im, long line, const struct crm_record *c,
    const char *why, struct crm_err *e)
{
	long by_id, by_name, by_phone, first, lid = 0, lname = 0, lphone = 0;
	long first_line;
	const char *what;
	char reason[160];
	int rejected;

	by_id = seen_before(im, &im->ids, 2, c->f[CRM_CF_ID], &lid, e);
	by_name = seen_before(im, &im->names, 0, c->key[CUST_KEY_NAME], &lname, e);
	by_phone = seen_before(im, &im->phones, 1, c->key[CUST_KEY_PHONE], &lphone, e);
	if (by_id < 0 || by_name < 0 || by_phone < 0)
		return -1;
	if (why != NULL)
		return stage(im, line, "reject", why, c, e);
	if (im->o->on_dup == CRM_DUP_ALLOW && !by_id)
		by_name = by_phone = 0;	/* allowed: only an id is unique */
	first = by_id ? by_id : by_name ? by_name : by_phone;
	first_line = by_id ? lid : by_name ? lname : lphone;
	what = by_id ? "id" : by_name ? "name" : "phone";
	if (first == 0)
		return stage(im, line, "create", NULL, c, e);
	snprintf(reason, sizeof(reason), "duplicate of line %ld (same %s)",
	    first_line, what);
	switch (im->o->on_dup) {
	case CRM_DUP_ALLOW:	/* the same id twice: that cannot be */
		return stage(im, line, "reject", reason, c, e);
	case CRM_DUP_SKIP:
		return stage(im, line, "duplicate", reason, c, e);
	case CRM_DUP_UPDATE:
		if ((rejected = staged_rejected(im, first, e)) < 0)
			return -1;
		if (rejected) {
			snprintf(reason, sizeof(reason), "duplicate of "
			    "rejected line %ld (same %s)", first_line, what);
			return stage(im, line, "reject", reason, c, e);
		}
		snprintf(reason, sizeof(reason), "merged into line %ld (same "
		    "%s)", first_line, what);
		if (stage(im, line, "merged", reason, c, e) < 0)
			return -1;
		return merge_into(im, first, c, e);
	default:
		return stage(im, line, "reject", reason, c, e);
	}
}

/* A row of empty cells (Excel saves them as ",,,"): a blank line. */
static int
empty_row(const struct crm_rec *rec)
{
	for (size_t i = 0; i < rec->n; i++) {
		const struct crm_val *v = &rec->vals[i];

		if (v->type == CRM_V_LIST && v->n > 0)
			return 0;
		if (v->type == CRM_V_TEXT && strspn(v->s, " \t") != v->len)
			return 0;
	}
	return 1;
}

/* Read, check and stage every record. */
static int
stage_all(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	struct colmap m = { 0 };
	struct crm_rec rec;
	int rc;

	while ((rc = crm_in_next(im->in, &rec, e)) == 1) {
		struct crm_record c;
		int bad;

		cust_init(&c);
		if (empty_row(&rec)) {
			crm_record_free(&c);
			r->empty++;
			continue;
		}
		im->records++;
		bad = import_take(im, &m, &rec, &c, e);
		if (bad >= 0 && needs_raw(im))
			import_keep_raw(im, &rec);
		if (bad < 0)
			rc = -1;
		else
			rc = stage_record(im, rec.line, &c, bad ? im->why.s :
			    NULL, e);
		crm_record_free(&c);
		if (rc < 0)
			break;
		if (im->records % 10000 == 0 && im->o->progress)
			im->o->progress(im->o->progress_arg, im->records);
	}
	import_colmap_free(&m);
	return rc < 0 ? -1 : import_map_check_end(im, e);
}

static int
count(struct importer *im, struct crm_import_result *r, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_counts, e);

	if (st == NULL || crm_db_row(im->s->db, st, e) != 1)
		return -1;
	r->records = im->records;
	r->created = sqlite3_column_int64(st, 0);
	r->updated = sqlite3_column_int64(st, 1);
	r->skipped = sqlite3_column_int64(st, 2);
	r->rejected = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return 0;
}

/* The rejected records, with the input's columns, line and reason,
 * through the writer of o->rejects_fmt. */
static int
write_rejects(struct importer *im, FILE *fp, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_rejects, e);
	size_t n = im->nreject_cols + 2;
	struct crm_col *cols;
	struct crm_val *vals;
	struct crm_out *out;
	char line[32];
	int rc;

	if (st == NULL)
		return -1;
	cols = crm_xcalloc(n, sizeof(*cols));
	vals = crm_xcalloc(n, sizeof(*vals));
	for (size_t i = 0; i < im->nreject_cols; i++)
		cols[i] = (struct crm_col){ im->reject_cols[i], CRM_COL_TEXT };
	cols[n - 2] = (struct crm_col){ "line", CRM_COL_INT };
	cols[n - 1] = (struct crm_col){ "reason", CRM_COL_TEXT };
	out = crm_out_new(fp, im->o->rejects_fmt, cols, n, 0, 0);
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		char *raw = crm_xstrdup(crm_db_col_text(st, 2) ?
		    crm_db_col_text(st, 2) : ""), *p = raw;

		for (size_t i = 0; i < im->nreject_cols; i++) {
			char *sep = p ? strchr(p, '\x1f') : NULL;

			if (sep)
				*sep = '\0';
			vals[i] = crm_val_text(p);
			p = sep ? sep + 1 : NULL;
		}
		snprintf(line, sizeof(line), "%lld",
		    (long long)sqlite3_column_int64(st, 0));
		vals[n - 2] = crm_val_text(line);
		vals[n - 1] = crm_val_text(crm_db_col_text(st, 1));
		rc = crm_out_row(out, vals, e);
		free(raw);
		if (rc < 0) {
			sqlite3_reset(st);
			break;
		}
	}
	if (crm_out_end(out, rc < 0 ? NULL : e) < 0)
		rc = -1;
	free(cols);
	free(vals);
	return rc < 0 ? -1 : 0;
}

static void
report_rejects(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_rejects, e);

	if (st == NULL)
		return;
	while (crm_db_row(im->s->db, st, e) == 1)
		crm_report(im->s->report, "%s:%lld: %s", crm_in_name(im->in),
		    (long long)sqlite3_column_int64(st, 0),
		    crm_db_col_text(st, 1));
}

struct crm_rows *
crm_customer_import_plan(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_plan, e);

	return st == NULL ? NULL : crm_rows_from_stmt(s->db, st, plan_cols,
	    sizeof(plan_cols) / sizeof(*plan_cols), 0);
}

static int
move_in(struct importer *im, long long creates, struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	sqlite3_stmt *st;
	long long any;
	int bulk;

	if (creates == 0)
		return 0;
	if (import_int(im, sql_any_customer, &any, e) < 0)
		return -1;
	bulk = !any && creates >= 10000;
	if (bulk && crm_db_exec(im->s->db, sql_drop_indexes, e) < 0)
		return -1;
	if ((st = crm_db_prepare(im->s->db, sql_move, e)) == NULL)
		return -1;
	crm_now_text(now);
	sqlite3_bind_int64(st, 1, im->s->run);
	crm_db_bind_text(st, 2, now);
	if (crm_db_done(im->s->db, st, e) < 0)
		return -1;
	return bulk ? crm_db_exec(im->s->db, sql_make_indexes, e) : 0;
}

/* The one write transaction. If someone else wrote since the records
 * were decided, they are decided again under the lock. */
static int
write_all(struct importer *im, long long version, struct crm_import_result *r,
    struct crm_err *e)
{
	long long now_version;

	if (crm_session_begin(im->s, e) < 0)
		return -1;
	if (import_int(im, sql_data_version, &now_version, e) < 0)
		goto fail;
	if (now_version != version && (import_decide(im, 1, e) < 0 ||
	    count(im, r, e) < 0))
		goto fail;
	if (r->rejected > 0 && !im->o->partial) {
		report_rejects(im, e);
		crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s in '%s'; "
		    "nothing imported", r->rejected, r->rejected == 1 ? "" :
		    "s", crm_in_name(im->in));
		goto fail;
	}
	if (r->created + r->updated == 0) {
		crm_db_rollback(im->s->db);
		return 0;
	}
	if (crm_audit_run(im->s, e) < 0 || move_in(im, r->created, e) < 0 ||
	    import_apply_updates(im, e) < 0 ||
	    import_exec(im, sql_register_all, NULL, e) < 0)
		goto fail;
	return crm_db_commit(im->s->db, e);
fail:
	crm_db_rollback(im->s->db);
	return -1;
}

static void
importer_free(struct importer *im)
{
	crm_fieldmap_free(&im->map);
	free(im->map_seen);
	crm_keyset_free(&im->names);
	crm_keyset_free(&im->phones);
	crm_keyset_free(&im->ids);
	for (size_t i = 0; i < im->ncoll; i++)
		free(im->coll[i].key);
	free(im->coll);
	for (size_t i = 0; i < im->nusers; i++)
		free(im->users[i]);
	free(im->users);
	for (size_t i = 0; i < im->ncustom; i++)
		free(im->custom[i]);
	free(im->custom);
	for (size_t i = 0; i < im->nreject_cols; i++)
		free(im->reject_cols[i]);
	free(im->reject_cols);
	crm_buf_free(&im->why);
	crm_buf_free(&im->refused);
	crm_buf_free(&im->raw);
}

/* The staging tables, empty, and the names of the fields by bit. */
static int
stage_init(struct importer *im, struct crm_err *e)
{
	if (crm_db_exec(im->s->db, sql_stage_create, e) < 0 ||
	    crm_db_exec(im->s->db, sql_stage_clear, e) < 0)
		return -1;
	for (int f = 0; f < CRM_CUST_NFIELDS; f++) {
		sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_field_insert,
		    e);

		if (st == NULL)
			return -1;
		sqlite3_bind_int(st, 1, f);
		crm_db_bind_text(st, 2, crm_customer_entity.fields[f].name);
		if (crm_db_done(im->s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

static int
importer_init(struct importer *im, struct crm_session *s, struct crm_in *in,
    const struct crm_import_opts *o, struct crm_err *e)
{
	memset(im, 0, sizeof(*im));
	im->s = s;
	im->o = o;
	im->in = in;
	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_REP, "import customers", e) < 0 ||
	    (o->historical && crm_session_require(s, CRM_ROLE_ADMIN,
	    "import history (--historical)", e) < 0) ||
	    (o->ignore_cap && crm_session_require(s, CRM_ROLE_ADMIN,
	    "import past pool.max_owned (--ignore-cap)", e) < 0) ||
	    (o->on_dup == CRM_DUP_ALLOW && crm_session_require(s,
	    CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, "import duplicates "
	    "(--on-duplicate allow)", e) < 0) ||
	    crm_fieldmap_init(&im->map, crm_entity_defs(&crm_customer_entity),
	    CRM_CUST_NFIELDS,
	    o->map, e) < 0 || cust_required(s, &im->required, e) < 0)
		return -1;
	/* the sorter of CREATE INDEX and the staging table spill less with
	 * a bigger cache: 32 MiB for this connection only */
	if (crm_db_exec(s->db, "PRAGMA cache_size = -32768", e) < 0)
		return -1;
	import_read_init(im);
	return stage_init(im, e);
}

/* Read and stage every record and decide what each does, without the
 * write lock: the staging tables are temporary, so their writes take no
 * lock on the database and others work on while the file is read; a
 * commit by anyone else from here on changes data_version. */
static int
read_and_decide(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	if (crm_db_exec(im->s->db, "BEGIN", e) < 0)
		return -1;
	if (stage_all(im, r, e) < 0 || import_decide(im, 0, e) < 0 ||
	    count(im, r, e) < 0 || crm_db_exec(im->s->db, "COMMIT", e) < 0) {
		crm_db_exec(im->s->db, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

/* A dry run, and an import that met customers the user may not see
 * and was refused or wrote nothing (no run of its own), leave a run in
 * the log: probing for masked data leaves a trace. */
static int
leave_trace(struct importer *im, int failed, struct crm_err *e)
{
	int rc = failed ? -1 : 0;

	if (im->o->dry_run)
		return cust_trace(im->s, "dry run", rc, e);
	if (im->hidden > 0 && (failed || im->s->run == 0))
		return cust_trace(im->s, failed ? "refused" : "no change", rc,
		    e);
	return rc;
}

int
crm_customer_import(struct crm_session *s, struct crm_in *in,
    const struct crm_import_opts *o, struct crm_import_result *r,
    struct crm_err *e)
{
	struct importer im;
	long long version;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (importer_init(&im, s, in, o, e) < 0 ||
	    import_int(&im, sql_data_version, &version, e) < 0)
		goto out;
	rc = read_and_decide(&im, r, e);
	if (rc == 0 && o->dry_run) {
		r->planned = 1;
		if (r->rejected > 0 && !o->partial)
			rc = crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s: "
			    "the import would write nothing (--partial imports "
			    "the good ones)", r->rejected, r->rejected == 1 ?
			    "" : "s");
	} else if (rc == 0) {
		rc = write_all(&im, version, r, e);
		if (rc == 0 && o->partial && o->rejects && r->rejected > 0)
			rc = write_rejects(&im, o->rejects, e);
	}
	rc = leave_trace(&im, rc < 0, e);
out:
	importer_free(&im);
	if (s->db && !r->planned)	/* else the plan is read from it */
		crm_db_exec(s->db, sql_stage_clear, NULL);
	return rc;
}
