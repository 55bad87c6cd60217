/* The SQL of an entity's import, built once from its descriptor: the
 * staging table temp.import_TABLE with a column per field and key, the
 * staging insert and merge, the duplicate passes against the table, the
 * move (INSERT ... SELECT) and the update rows. Identifiers come from the
 * descriptor only and every value is bound (design/style.md: the one
 * sanctioned kind of built SQL); kept for the life of the process. */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "import-impl.h"
#include "crm/pool.h"
#include "crm/scope.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* The staging table's own columns, before the entity's. */
#define OWN_COLUMNS \
	"_seq INTEGER PRIMARY KEY, _line INTEGER NOT NULL, " \
	"_action TEXT NOT NULL, _reason TEXT, _why TEXT, _raw TEXT, " \
	"_given INTEGER, _have INTEGER, _refused TEXT, _refused_why TEXT, " \
	"_dup INTEGER, _decided INTEGER, _visible INTEGER, _masked INTEGER, " \
	"_into INTEGER, _merged INTEGER, _held INTEGER"

/* The statements whose only name is the table's (%1$s): the staging
 * tables emptied, the names of the fields by bit, a record merged into
 * another, whether one is rejected, and whether the table has any. */
static const char sql_clear[] =
	"DELETE FROM temp.import_%1$s; DELETE FROM temp.import_%1$s_notes; "
	"DELETE FROM temp.import_%1$s_copies";
static const char sql_field[] =
	"INSERT OR IGNORE INTO temp.import_%1$s_fields (bit, name, always) "
	"VALUES (?, ?, ?)";
static const char sql_into[] =
	"UPDATE temp.import_%1$s SET _into = ?2 WHERE _seq = ?1";
static const char sql_is_rejected[] =
	"SELECT _action = 'reject' FROM temp.import_%1$s WHERE _seq = ?";
static const char sql_any[] = "SELECT EXISTS (SELECT 1 FROM main.%1$s)";
/* The counts, the rejects, and the plan of a dry run (commands.md):
 * create, update (a record merged into an earlier one too), duplicate —
 * of an existing record or of an earlier one, whether --on-duplicate
 * error rejects it or skip leaves it out; the reason says which — or
 * reject, with the id of the existing record it duplicates or updates,
 * if the user may see it. */
static const char sql_counts[] =
	"SELECT count(*) FILTER (WHERE _action = 'create'), count(*) FILTER "
	"(WHERE _action = 'update'), count(*) FILTER (WHERE _action = "
	"'duplicate'), count(*) FILTER (WHERE _action = 'reject'), "
	"count(*) FILTER (WHERE _action = 'merged') FROM temp.import_%1$s";
static const char sql_rejects[] =
	"SELECT _line, _reason, _raw, _why FROM temp.import_%1$s WHERE "
	"_action = 'reject' ORDER BY _seq";
/* The plan's reason: %2$s, _reason (English) or _why. */
static const char sql_plan[] =
	"SELECT _line, CASE WHEN _action = 'merged' THEN 'update' WHEN "
	"_action = 'reject' AND _dup THEN 'duplicate' ELSE _action END, CASE "
	"WHEN coalesce(_visible, 1) THEN _target END, %2$s FROM "
	"temp.import_%1$s ORDER BY _seq";
/* Undo a decision taken before the database changed. */
static const char sql_reset[] =
	"UPDATE temp.import_%1$s SET _action = 'create', _target = NULL, "
	"_reason = NULL, _why = NULL, _visible = NULL, _masked = NULL, "
	"_dup = NULL, _decided = NULL WHERE _decided";
static const char sql_hidden[] =
	"SELECT count(*) FROM temp.import_%1$s WHERE _decided AND _target IS "
	"NOT NULL AND _visible = 0";
/* New records that may not be created as they are: a field the user
 * may not set, or a required field (?1: their bits) missing — the
 * first such field is named, in the words ?2 (a field every record has)
 * or ?3 (one the setting ?4 asks for), and for people ?5 or ?6. */
static const char sql_refused[] =
	"UPDATE temp.import_%1$s SET _action = 'reject', _decided = 1, "
	"_reason = _refused, _why = _refused_why WHERE _action = 'create' "
	"AND _refused IS NOT NULL";
static const char sql_missing[] =
	"UPDATE temp.import_%1$s SET _action = 'reject', _decided = 1, "
	"(_reason, _why) = (SELECT printf(CASE WHEN f.always THEN ?2 ELSE ?3 "
	"END, f.name, ?4), printf(CASE WHEN f.always THEN ?5 ELSE ?6 END, "
	"f.name, ?4) FROM temp.import_%1$s_fields f WHERE (?1 & ~_have) & "
	"(1 << f.bit) ORDER BY f.bit LIMIT 1) WHERE _action = 'create' AND "
	"(_have & ?1) != ?1";
/* The update rows refused (import-update.c), noted then rejected. */
static const char sql_note[] =
	"INSERT INTO temp.import_%1$s_notes (seq, reason, why) "
	"VALUES (?, ?, ?)";
static const char sql_notes_apply[] =
	"UPDATE temp.import_%1$s AS r SET _action = 'reject', _decided = 1, "
	"_dup = NULL, _reason = n.reason, _why = n.why FROM "
	"temp.import_%1$s_notes n WHERE n.seq = r._seq";
static const char sql_notes_clear[] =
	"DELETE FROM temp.import_%1$s_notes";
/* After a bulk load into an empty table, with its indexes made again. */
static const char sql_analyze[] =
	"PRAGMA analysis_limit = 1000; ANALYZE main.%1$s";

/* The statement begun in b (if at all), ended by fmt: taken from b,
 * which is empty again, and kept for the life of the process. */
static char *
sqlf(struct crm_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	crm_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return crm_buf_detach(b);
}

static const char *
key_col(const struct crm_entity *ent, const struct import_sql *q, size_t j)
{
	return ent->keys[q->dup[j]].column;
}

/* The staged record's columns: "f0, f1, ..., extra, k0, k1 ...". */
static void
entity_cols(struct crm_buf *b, const struct crm_entity *ent)
{
	for (size_t f = 0; f < ent->nfields; f++)
		crm_buf_addf(b, "%s%s", f ? ", " : "", ent->fields[f].name);
	crm_buf_adds(b, ", extra");
	for (size_t k = 0; k < ent->nkeys; k++)
		crm_buf_addf(b, ", %s", ent->keys[k].column);
}

/* The records loaded by a direct load (their rowid in the table, number
 * and line, where they do not follow from the last), the copies the file
 * has of earlier records (import-dedup.c: the record, the key that was
 * the same (0 the id, 1 .. the duplicate keys), the earlier record and
 * its line), and the staged records by id, for the direct load's look-up
 * (%1$s the table, %2$s its key field). */
#define COPIES_TABLES \
	"CREATE TEMP TABLE IF NOT EXISTS import_%1$s_loaded (rid INTEGER " \
	"PRIMARY KEY, seq INTEGER NOT NULL, line INTEGER NOT NULL); " \
	"CREATE TEMP TABLE IF NOT EXISTS import_%1$s_copies (seq INTEGER " \
	"PRIMARY KEY, col INTEGER NOT NULL, first INTEGER NOT NULL, line " \
	"INTEGER NOT NULL); CREATE INDEX IF NOT EXISTS " \
	"temp.import_%1$s_id ON import_%1$s (%2$s) WHERE %2$s IS NOT NULL"

static void
build_create(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table;

	crm_buf_addf(&b, "CREATE TEMP TABLE IF NOT EXISTS import_%s ("
	    OWN_COLUMNS ", _target %s", t,
	    ent->fields[0].kind == CRM_K_ID ? "INTEGER" : "TEXT");
	for (size_t j = 0; j < q->ndup; j++)
		crm_buf_addf(&b, ", _own_%s", key_col(ent, q, j));
	crm_buf_adds(&b, ", ");
	entity_cols(&b, ent);
	q->create = sqlf(&b, "); CREATE TEMP TABLE IF NOT EXISTS "
	    "import_%1$s_notes (seq INTEGER PRIMARY KEY, reason TEXT, "
	    "why TEXT); "
	    "CREATE TEMP TABLE IF NOT EXISTS import_%1$s_fields (bit INTEGER "
	    "PRIMARY KEY, name TEXT, always INTEGER); " COPIES_TABLES,
	    t, ent->fields[0].name);
	q->clear = sqlf(&b, sql_clear, t);
	q->field = sqlf(&b, sql_field, t);
}

static void
build_insert(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	size_t n = STAGE_FIELD0 + ent->nfields + ent->nkeys;

	crm_buf_addf(&b, "INSERT INTO temp.import_%s (_seq, _line, _action, "
	    "_reason, _raw, _given, _have, _refused, _dup, _why, "
	    "_refused_why, _held, ", ent->table);
	entity_cols(&b, ent);
	crm_buf_adds(&b, ") VALUES (?1");
	for (size_t i = 2; i <= n; i++)
		crm_buf_addf(&b, ", ?%zu", i);
	q->insert = sqlf(&b, ")");
}

/* The keys a record came with (a merge may change the fields they are
 * made of: the keys it had are what the fingerprints point to): the id,
 * each duplicate key, then its line and, for a record merged into
 * another, that one. */
static void
build_keys(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };

	crm_buf_addf(&b, "SELECT r.%s", ent->fields[0].name);
	for (size_t j = 0; j < q->ndup; j++)
		crm_buf_addf(&b, ", CASE WHEN r._merged THEN r._own_%s ELSE "
		    "r.%s END", key_col(ent, q, j), key_col(ent, q, j));
	q->keys = sqlf(&b, ", coalesce(t._line, r._line), coalesce(r._into, "
	    "r._seq) FROM temp.import_%s r LEFT JOIN temp.import_%s t ON "
	    "t._seq = r._into WHERE r._seq = ?", ent->table, ent->table);
	q->into = sqlf(&b, sql_into, ent->table);
	q->is_rejected = sqlf(&b, sql_is_rejected, ent->table);
}

/* Does a later record merged into an earlier one give field f? Not the
 * id, owner or pool (an update does not change them), nor updated_at. */
static int
merges(const struct import_sql *q, const struct crm_entity *ent, size_t f)
{
	return f > 0 && (int)f != q->owner && (int)f != q->pool &&
	    (int)f != q->updated && ent->fields[f].kind != CRM_K_ID;
}

/* A later record of the file with --on-duplicate update: the values it
 * gives win (?f+1: field f, bound when given), and the keys follow their
 * fields; ?1 the earlier record. */
static void
build_merge(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	size_t nf = ent->nfields, x = nf + 1, k0 = nf + 2;
	size_t g = nf + ent->nkeys + 2;

	crm_buf_addf(&b, "UPDATE temp.import_%s SET _given = _given | ?%zu, "
	    "_have = _have | ?%zu, _refused = coalesce(_refused, ?%zu), "
	    "_refused_why = coalesce(_refused_why, ?%zu), _merged = 1",
	    ent->table, g, g + 1, g + 2, g + 3);
	for (size_t j = 0; j < q->ndup; j++)
		crm_buf_addf(&b, ", _own_%s = CASE WHEN _merged THEN _own_%s "
		    "ELSE %s END", key_col(ent, q, j), key_col(ent, q, j),
		    key_col(ent, q, j));
	for (size_t k = 0; k < ent->nkeys; k++)
		crm_buf_addf(&b, ", %s = CASE WHEN ?%d IS NULL THEN %s ELSE "
		    "?%zu END", ent->keys[k].column, ent->keys[k].field + 1,
		    ent->keys[k].column, k0 + k);
	for (size_t f = 1; f < nf; f++)
		if (merges(q, ent, f))
			crm_buf_addf(&b, ", %s = coalesce(?%zu, %s)",
			    ent->fields[f].name, f + 1, ent->fields[f].name);
	q->merge = sqlf(&b, ", extra = CASE WHEN ?%zu IS NULL THEN extra WHEN "
	    "extra IS NULL THEN ?%zu ELSE json_patch(extra, ?%zu) END "
	    "WHERE _seq = ?1", x, x, x);
}

static void
build_results(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };

	q->any = sqlf(&b, sql_any, ent->table);
	q->counts = sqlf(&b, sql_counts, ent->table);
	q->rejects = sqlf(&b, sql_rejects, ent->table);
	q->plan = sqlf(&b, sql_plan, ent->table, "_reason");
	q->plan_why = sqlf(&b, sql_plan, ent->table, "_why");
}

/* The value of field f in the move (direct 0: its staged column) or in
 * the direct insert (direct: its parameter, ?f+1). */
static void
field_ref(struct crm_buf *b, const struct crm_entity *ent, size_t f,
    int direct)
{
	if (direct)
		crm_buf_addf(b, "?%zu", f + 1);
	else
		crm_buf_adds(b, ent->fields[f].name);
}

/* What the move gives field f: as staged, or now (?now) for a new
 * record's created_at and updated_at, and for owned_since when it has an
 * owner. */
static void
move_value(struct crm_buf *b, const struct import_sql *q,
    const struct crm_entity *ent, size_t f, int direct, int now)
{
	const char *name = ent->fields[f].name;
	const char *since = ent->import ? ent->import->owned_since : NULL;

	if (strcmp(name, "created_at") == 0 || (int)f == q->updated) {
		crm_buf_adds(b, "coalesce(");
		field_ref(b, ent, f, direct);
		crm_buf_addf(b, ", ?%d)", now);
	} else if (since && q->owner >= 0 && strcmp(name, since) == 0) {
		crm_buf_adds(b, "CASE WHEN ");
		field_ref(b, ent, (size_t)q->owner, direct);
		crm_buf_adds(b, " IS NULL THEN ");
		field_ref(b, ent, f, direct);
		crm_buf_adds(b, " ELSE coalesce(");
		field_ref(b, ent, f, direct);
		crm_buf_addf(b, ", ?%d) END", now);
	} else {
		field_ref(b, ent, f, direct);
	}
}

/* The condition of a record whose owner is no longer one (deactivated
 * since it was read): who may own are the active users of the roles the
 * entity's owners have (the reader, import-read.c, checks the same). In
 * a static buffer, used at once by the statement made with it. */
static const char *
owner_gone(const struct import_sql *q, const struct crm_entity *ent)
{
	static char cond[256];
	const char *o = ent->fields[q->owner].name;

	snprintf(cond, sizeof(cond), "%s IS NOT NULL AND %s NOT IN (SELECT "
	    "login FROM main.users WHERE active = 1%s)", o, o, ent->import &&
	    (ent->import->owner & CRM_IMPORT_OWNER_ANY) ? "" :
	    " AND role IN ('admin', 'manager', 'rep')");
	return cond;
}

/* One new record straight into the table (import.c, the direct load)
 * of the schema db (main, or bulk: import-bulk.c): its fields, extra
 * and keys bound as the staging insert binds them from ?1
 * (bind_record), then the run and now. */
static char *
build_direct_into(struct import_sql *q, const struct crm_entity *ent,
    const char *db)
{
	struct crm_buf b = { 0 }, v = { 0 };
	size_t nf = ent->nfields, run = nf + ent->nkeys + 2;
	char *sql;

	crm_buf_addf(&b, "INSERT INTO %s.%s (", db, ent->table);
	for (size_t f = 0; f < nf; f++) {
		crm_buf_addf(&b, "%s%s", f ? ", " : "", ent->fields[f].name);
		crm_buf_adds(&v, f ? ", " : "");
		move_value(&v, q, ent, f, 1, (int)run + 1);
	}
	if (ent->features & CRM_E_EXTRA) {
		crm_buf_adds(&b, ", extra");
		crm_buf_addf(&v, ", ?%zu", nf + 1);
	}
	for (size_t k = 0; k < ent->nkeys; k++) {
		crm_buf_addf(&b, ", %s", ent->keys[k].column);
		crm_buf_addf(&v, ", ?%zu", nf + 2 + k);
	}
	if (ent->features & CRM_E_RUNS) {
		crm_buf_adds(&b, ", created_run, updated_run");
		crm_buf_addf(&v, ", ?%zu, ?%zu", run, run);
	}
	sql = sqlf(&b, ") VALUES (%s)", crm_buf_str(&v));
	q->direct_run = (int)run;
	crm_buf_free(&v);
	return sql;
}

static void
build_direct(struct import_sql *q, const struct crm_entity *ent)
{
	static const char *const db[2] = { "main", "bulk" };
	struct crm_buf b = { 0 };

	for (int i = 0; i < 2; i++) {
		q->direct[i] = build_direct_into(q, ent, db[i]);
		/* is the key field's value a record's already, loaded or
		 * staged? */
		q->taken_id[i] = sqlf(&b, "SELECT EXISTS (SELECT 1 FROM "
		    "%3$s.%1$s WHERE %2$s = ?1) OR EXISTS (SELECT 1 FROM "
		    "temp.import_%1$s WHERE %2$s = ?1)", ent->table,
		    ent->fields[0].name, db[i]);
	}
	q->loaded_init = sqlf(&b, "DELETE FROM temp.import_%1$s_loaded",
	    ent->table);
	q->loaded = sqlf(&b, "INSERT INTO temp.import_%s_loaded (rid, seq, "
	    "line) VALUES (?, ?, ?)", ent->table);
	q->loaded_extra = sqlf(&b, "INSERT OR IGNORE INTO main.custom_fields "
	    "(entity, name) VALUES (?1, ?2)");
	/* SQLite's transfer: the records and index entries copied as they
	 * are, in order, when the two tables are alike */
	q->bulk_copy = sqlf(&b, "INSERT INTO main.%1$s SELECT * FROM "
	    "bulk.%1$s", ent->table);
	if (ent->features & CRM_E_RUNS)
		q->bulk_run = sqlf(&b, "UPDATE bulk.%s SET created_run = ?1, "
		    "updated_run = ?1", ent->table);
	/* an owner no longer one (deactivated while the file was read) */
	if (q->owner >= 0)
		q->bulk_owners = sqlf(&b, "SELECT EXISTS (SELECT 1 FROM "
		    "bulk.%s WHERE %s)", ent->table, owner_gone(q, ent));
}

/* What moves the good new records into the table of db. */
static char *
move_into(const struct import_sql *q, const struct crm_entity *ent,
    const char *db)
{
	struct crm_buf b = { 0 }, v = { 0 };
	char *sql;

	crm_buf_addf(&b, "INSERT INTO %s.%s (", db, ent->table);
	for (size_t f = 0; f < ent->nfields; f++) {
		crm_buf_addf(&b, "%s%s", f ? ", " : "", ent->fields[f].name);
		crm_buf_adds(&v, f ? ", " : "");
		move_value(&v, q, ent, f, 0, 2);
	}
	if (ent->features & CRM_E_EXTRA) {
		crm_buf_adds(&b, ", extra");
		crm_buf_adds(&v, ", extra");
	}
	for (size_t k = 0; k < ent->nkeys; k++) {
		crm_buf_addf(&b, ", %s", ent->keys[k].column);
		crm_buf_addf(&v, ", %s", ent->keys[k].column);
	}
	if (ent->features & CRM_E_RUNS) {
		crm_buf_adds(&b, ", created_run, updated_run");
		crm_buf_adds(&v, ", ?1, ?1");
	}
	/* the records with ids of their own first: one without takes the
	 * next free id, never one that a later line of the file names */
	sql = sqlf(&b, ") SELECT %s FROM temp.import_%s WHERE _action = "
	    "'create' ORDER BY %s IS NULL, _seq", crm_buf_str(&v), ent->table,
	    ent->fields[0].name);
	crm_buf_free(&v);
	return sql;
}

/* The good new records into the table (?1 the run, ?2 now): the
 * database's, or the bulk database's (a direct load's records held back
 * by its filter, import-stage.c, hold), and the custom fields they use. */
static void
build_move(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };

	q->move = move_into(q, ent, "main");
	q->move_bulk = move_into(q, ent, "bulk");
	q->moved_out = sqlf(&b, "DELETE FROM temp.import_%s WHERE _action = "
	    "'create'", ent->table);
	if (ent->features & CRM_E_EXTRA)
		q->moved_extra = sqlf(&b, "SELECT DISTINCT j.key FROM "
		    "temp.import_%s r, json_each(r.extra) j WHERE r._action = "
		    "'create'", ent->table);
	if (ent->features & CRM_E_EXTRA)
		q->register_all = sqlf(&b, "INSERT OR IGNORE INTO "
		    "main.custom_fields (entity, name) SELECT DISTINCT ?1, "
		    "j.key FROM temp.import_%s r, json_each(r.extra) j WHERE "
		    "r._action IN ('create', 'update')", ent->table);
	q->analyze = sqlf(&b, sql_analyze, ent->table);
}

/* Against the table: a key field that exists (?1 its name), then each
 * duplicate key in turn (?1 what it is, ?2 whether its field is masked,
 * ?3 what it is for people). _reason and _why hold what was the same,
 * for a moment. */
static void
build_dups(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table, *id = ent->fields[0].name;

	q->dup_id = sqlf(&b, "UPDATE temp.import_%s AS r SET _target = %s, "
	    "_reason = ?1, _why = ?1, _masked = 0, _decided = 1 WHERE "
	    "_action = 'create' AND %s IS NOT NULL AND EXISTS (SELECT 1 FROM "
	    "main.%s c WHERE c.%s = r.%s)", t, id, id, t, id, id);
	q->dup_key = crm_xcalloc(q->ndup ? q->ndup : 1, sizeof(char *));
	for (size_t j = 0; j < q->ndup; j++) {
		const char *k = key_col(ent, q, j);

		q->dup_key[j] = sqlf(&b, "UPDATE temp.import_%s AS r SET "
		    "_target = (SELECT min(c.%s) FROM main.%s c WHERE c.%s = "
		    "r.%s), _reason = ?1, _why = ?3, _masked = ?2, "
		    "_decided = 1 WHERE _action = 'create' AND _target IS NULL "
		    "AND %s IS NOT NULL AND EXISTS (SELECT 1 FROM main.%s c "
		    "WHERE c.%s = r.%s)",
		    t, id, t, k, k, k, t, k, k);
	}
	q->reset = sqlf(&b, sql_reset, t);
	q->hidden = sqlf(&b, sql_hidden, t);
	q->refused = sqlf(&b, sql_refused, t);
	/* an owner deactivated since the record was read (?1 the words in
	 * English, ?2 for people) */
	if (q->owner >= 0)
		q->owner_gone = sqlf(&b, "UPDATE temp.import_%1$s SET _action "
		    "= 'reject', _decided = 1, _reason = printf(?1, %2$s), _why "
		    "= printf(?2, %2$s) WHERE (_action = 'create' OR _action = "
		    "'update') AND %3$s", t, ent->fields[q->owner].name,
		    owner_gone(q, ent));
	q->missing = sqlf(&b, sql_missing, t);
}

/* Whether the user may see the records duplicated (design/data.md), and
 * see them in full: a duplicate by a key whose field is masked for the
 * user (?6: a pool record's, for a rep while pool.mask_contacts) is one
 * they may not see, or naming it would unmask the field. */
static void
build_visible(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table;

	crm_buf_addf(&b, SCOPE_TEAM "UPDATE temp.import_%s AS r SET "
	    "_visible = EXISTS (SELECT 1 FROM main.%s c WHERE c.%s = r._target "
	    "AND ", t, t, ent->fields[0].name);
	crm_scope_visible_sql(&b, ent, "c");
	/* masked fields are a pool's, whose owner column is `owner` */
	if (crm_entity_flagged(ent, CRM_F_POOL) >= 0)
		crm_buf_adds(&b, "AND NOT (?6 AND c.owner IS NULL AND "
		    "r._masked)");
	q->visible = sqlf(&b, ") WHERE _decided AND _target IS NOT NULL");
}

/* Why a record duplicates the existing record c, in the words of the
 * formats from ?fmt (enum import_dup_words), the entity's name ?name
 * (with its article: ?article), what was the same in the column what: a
 * record the user may see is named, with its owner or its pool; one they
 * may not see is not, and the reason says whom to ask. */
static void
dup_reason(struct crm_buf *b, const struct crm_entity *ent, int fmt,
    int name, int article, const char *what)
{
	const char *id = ent->fields[0].name;
	const char *title = ent->fields[ent->title].name;
	int of = crm_entity_flagged(ent, CRM_F_OWNER);
	const char *o = of >= 0 ? ent->fields[of].name : NULL;
	/* an entity with an owner and no pool (deals) */
	const char *pool = crm_entity_flagged(ent, CRM_F_POOL) >= 0 ?
	    "c.pool" : "NULL";

	/* everyone sees all, or an entity without owners (products) */
	if (ent->scope == NULL || o == NULL) {
		crm_buf_addf(b, "printf(?%d, ?%d, c.%s, c.%s, %s)",
		    fmt + DUP_NAMED, name, id, title, what);
		return;
	}
	crm_buf_addf(b, "CASE WHEN coalesce(r._visible, 1) THEN printf(CASE "
	    "WHEN c.%s IS NOT NULL THEN ?%d ELSE ?%d END, ?%d, c.%s, c.%s, "
	    "coalesce(c.%s, %s), %s) ", o, fmt + DUP_OWNED,
	    fmt + DUP_IN_POOL, name, id, title, o, pool, what);
	crm_buf_addf(b, "WHEN c.%s IS NULL THEN printf(?%d, ?%d, %s, "
	    "%s) ELSE printf(CASE WHEN m.manager IS NULL THEN ?%d ELSE "
	    "?%d END, ?%d, %s, m.manager) END", o, fmt + DUP_HIDDEN_POOL,
	    article, what, pool, fmt + DUP_ASK_ADMIN, fmt + DUP_ASK_MANAGER,
	    article, what);
}

/* What --on-duplicate (?1: error, skip or update) does with them, and
 * why (dup_reason): in English from ?2 (the name, ?3 with its article,
 * the formats from ?4), for people from ?DECIDE_WHY (the name, its
 * article, the formats). A record the user may not see is never updated
 * nor named. */
static void
build_decide(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table, *id = ent->fields[0].name;
	int w = DECIDE_WHY;

	crm_buf_addf(&b, "UPDATE temp.import_%s AS r SET _dup = 1, _action = "
	    "CASE WHEN coalesce(_visible, 1) THEN CASE ?1 WHEN 'error' THEN "
	    "'reject' WHEN 'skip' THEN 'duplicate' ELSE 'update' END WHEN ?1 "
	    "= 'skip' THEN 'duplicate' ELSE 'reject' END, (_reason, _why) = "
	    "(SELECT ", t);
	dup_reason(&b, ent, 4, 2, 3, "r._reason");
	crm_buf_adds(&b, ", ");
	dup_reason(&b, ent, w + 2, w, w + 1, "r._why");
	crm_buf_addf(&b, " FROM main.%s c", t);
	if (ent->scope && crm_entity_flagged(ent, CRM_F_OWNER) >= 0)
		crm_buf_addf(&b, " LEFT JOIN main.users m ON m.login = "
		    "c.%s", ent->fields[crm_entity_flagged(ent,
		    CRM_F_OWNER)].name);
	q->decide = sqlf(&b, " WHERE c.%s = r._target) WHERE _decided AND "
	    "_action = 'create' AND _target IS NOT NULL", id);
}

/* The update rows, to check one by one (what is refused is noted, then
 * rejected in one go) and to apply; and whether a new key (?1 ..) would
 * be another record's than ?N's: the index of the first such key. */
static void
build_updates(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table, *id = ent->fields[0].name;

	crm_buf_adds(&b, "SELECT _seq, _target, _given");
	for (size_t f = 0; f < ent->nfields; f++)
		crm_buf_addf(&b, ", %s", ent->fields[f].name);
	crm_buf_adds(&b, ", (SELECT group_concat(j.key || char(30) || "
	    "j.value, char(31)) FROM json_each(extra) j)");
	for (size_t j = 0; j < q->ndup; j++)
		crm_buf_addf(&b, ", %s", key_col(ent, q, j));
	q->update_rows = sqlf(&b, " FROM temp.import_%s WHERE _action = "
	    "'update' ORDER BY _seq", t);
	crm_buf_adds(&b, "SELECT CASE");
	for (size_t j = 0; j < q->ndup; j++)
		crm_buf_addf(&b, " WHEN EXISTS (SELECT 1 FROM main.%s WHERE %s "
		    "= ?%zu AND %s != ?%zu) THEN %zu", t, key_col(ent, q, j),
		    j + 1, id, q->ndup + 1, j);
	crm_buf_adds(&b, " END");
	q->taken = q->ndup ? crm_buf_detach(&b) : NULL;
	crm_buf_free(&b);
	q->note = sqlf(&b, sql_note, t);
	q->notes_apply = sqlf(&b, sql_notes_apply, t);
	q->notes_clear = sqlf(&b, sql_notes_clear, t);
}

/* The cap (?1) on what an owner holds: the records each owner holds
 * that the cap counts (crm_pool_def.cap_counts unless ?9 is not NULL),
 * counted once per owner, and the new ones in the order of the file; ?2
 * the table, ?3 the setting, ?4 the owner field's name, ?5 the words;
 * for people ?6 the words, ?7 the owner, ?8 the records. */
static void
build_cap(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table, *o = ent->fields[q->owner].name;
	const char *counts = ent->pool && ent->pool->cap_counts ?
	    ent->pool->cap_counts : "1";

	q->cap = sqlf(&b, "WITH owners AS (SELECT DISTINCT %s AS o FROM "
	    "temp.import_%s WHERE _action = 'create' AND %s IS NOT NULL), "
	    "held AS (SELECT o, (SELECT count(*) FROM main.%s c WHERE c.%s = "
	    "owners.o AND (?9 IS NOT NULL OR (%s))) AS n FROM owners), "
	    "w AS (SELECT r._seq AS s, h.o AS o, "
	    "h.n + row_number() OVER (PARTITION BY r.%s ORDER BY r._seq) AS n "
	    "FROM temp.import_%s r JOIN held h ON h.o = r.%s WHERE r._action = "
	    "'create') UPDATE temp.import_%s SET _action = 'reject', _decided "
	    "= 1, _reason = printf(?5, ?4, w.o, w.n, ?2, ?1, ?3), _why = "
	    "printf(?6, ?7, w.o, w.n, ?8, ?1, ?3) FROM w WHERE _seq = w.s AND "
	    "w.n > ?1", o, t, o, t, o, counts, o, t, o, t);
	q->any_owned = sqlf(&b, "SELECT EXISTS (SELECT 1 FROM temp.import_%s "
	    "WHERE _action = 'create' AND %s IS NOT NULL)", t, o);
}

/* The value of key col (0 the key field, 1 .. the duplicate keys) in
 * the table alias a, as the file's copies compare it: an id as a number
 * (the table holds 12 where the staging table holds '12' or '012'). */
static void
copy_key(struct crm_buf *b, const struct crm_entity *ent,
    const struct import_sql *q, size_t col, const char *a)
{
	if (col > 0)
		crm_buf_addf(b, "%s.%s", a, key_col(ent, q, col - 1));
	else
		crm_buf_addf(b, "CAST(%s.%s AS %s)", a, ent->fields[0].name,
		    ent->fields[0].kind == CRM_K_ID ? "INTEGER" : "TEXT");
}

/* The records of the file with the same key col as an earlier one, into
 * the copies table (the first key in order that has one, as ?1): the
 * staged records, and with direct those loaded whose key is a staged
 * record's (found by the table's index, built by then; not an id the
 * load gave a record it held back, which none loaded has). One sort of
 * the keys that may repeat, none held in memory. */
static char *
build_find(const struct import_sql *q, const struct crm_entity *ent,
    size_t col, int direct, const char *db)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table, *k = col ? key_col(ent, q, col - 1) :
	    ent->fields[0].name;

	crm_buf_addf(&b, "INSERT OR IGNORE INTO temp.import_%s_copies (seq, "
	    "col, first, line) SELECT seq, ?1, first, fline FROM "
	    "(SELECT seq, first_value(seq) OVER w AS first, "
	    "first_value(line) OVER w AS fline FROM (SELECT s._seq AS seq, "
	    "s._line AS line, ", t);
	copy_key(&b, ent, q, col, "s");
	crm_buf_addf(&b, " AS k FROM temp.import_%s s WHERE s.%s IS NOT NULL",
	    t, k);
	if (direct) {
		/* a record loaded: its number and line from the last one
		 * noted before it (import-stage.c, noted) */
		crm_buf_adds(&b, " UNION ALL SELECT l.seq + c.rowid - l.rid, "
		    "l.line + c.rowid - l.rid, ");
		copy_key(&b, ent, q, col, "c");
		crm_buf_addf(&b, " FROM %3$s.%1$s c JOIN "
		    "temp.import_%1$s_loaded l ON l.rid = (SELECT max(rid) "
		    "FROM temp.import_%1$s_loaded WHERE rid <= c.rowid) WHERE "
		    "c.%2$s IN (SELECT %2$s FROM "
		    "temp.import_%1$s WHERE %2$s IS NOT NULL%4$s)", t, k, db,
		    col ? "" : " AND _held IS NULL");
	}
	return sqlf(&b, ") WINDOW w AS (PARTITION BY k ORDER BY seq)) WHERE "
	    "first < seq");
}

/* What the copies found by key ?6 become (?1: duplicate or reject), and
 * why (?2 in English with ?3 what was the same, ?4 and ?5 for people):
 * marked, unless rejected already (its own problem is said). */
static void
build_copies(struct import_sql *q, const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	const char *t = ent->table;

	q->copies_find = crm_xcalloc(q->ndup + 1, sizeof(char *));
	for (int i = 0; i < 2; i++)
		q->copies_load[i] = crm_xcalloc(q->ndup + 1, sizeof(char *));
	for (size_t col = 0; col <= q->ndup; col++) {
		q->copies_find[col] = build_find(q, ent, col, 0, "main");
		q->copies_load[0][col] = build_find(q, ent, col, 1, "main");
		q->copies_load[1][col] = build_find(q, ent, col, 1, "bulk");
	}
	q->copies_mark = sqlf(&b, "UPDATE temp.import_%1$s AS r SET _action "
	    "= ?1, _dup = 1, _reason = printf(?2, c.line, ?3), _why = "
	    "printf(?4, c.line, ?5) FROM temp.import_%1$s_copies c WHERE "
	    "c.seq = r._seq AND c.col = ?6 AND r._action = 'create'", t);
}

static void *
make_sql(const struct crm_entity *ent)
{
	struct import_sql *q = crm_xcalloc(1, sizeof(*q));

	if (ent->nfields > 64)
		abort();	/* a bit per field: a bug in the descriptor */
	q->dup = crm_xcalloc(ent->nkeys + 1, sizeof(int));
	for (size_t k = 0; k < ent->nkeys; k++)
		if (ent->keys[k].flags & CRM_KEY_DUP)
			q->dup[q->ndup++] = (int)k;
	q->owner = crm_entity_flagged(ent, CRM_F_OWNER);
	q->pool = crm_entity_flagged(ent, CRM_F_POOL);
	q->updated = crm_entity_field(ent, "updated_at");
	build_create(q, ent);
	build_insert(q, ent);
	build_keys(q, ent);
	build_merge(q, ent);
	build_results(q, ent);
	build_move(q, ent);
	build_dups(q, ent);
	build_direct(q, ent);
	build_copies(q, ent);
	if (ent->scope)
		build_visible(q, ent);
	build_decide(q, ent);
	build_updates(q, ent);
	if (q->owner >= 0)
		build_cap(q, ent);
	return q;
}

const struct import_sql *
import_sql(const struct crm_entity *ent)
{
	return crm_entity_cache(ent, CRM_SLOT_IMPORT, make_sql);
}
