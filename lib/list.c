/* Listing the records of any entity: one statement per entity, built
 * once from the descriptor, with every filter a named parameter that is
 * NULL (or 0) when it is not asked for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/list.h"
#include "crm/i18n.h"
#include "crm/norm.h"
#include "crm/record.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* The parameters: ?1..?5 the scope (lib/scope-sql.h), then the generic
 * filters at fixed numbers, the filters by field value from EQ_BASE on
 * (one a field), and the entity's own after those. Numbered, never
 * named: SQLite numbers a named parameter after the highest one seen,
 * which would fall on one of the scope's. */
enum { P_MASK = 6, P_ID, P_ME, P_OWNER, P_MINE, P_POOL, P_POOL_NAME, P_TAG,
	P_SEARCH, P_SORT, P_RSORT, P_LIMIT, EQ_BASE = 20 };

struct crm_built_list {
	char *one;	/* one record by its key: a rowid lookup */
	char *one_all;	/* the same for a user who sees every record */
	char *all;	/* in key order */
	char *sorted;	/* by ?15, or ?16 descending */
};

static int
has(const struct crm_entity *ent, unsigned flag)
{
	return crm_entity_flagged(ent, flag) >= 0;
}

/* The key column of field f (name -> name_key), or NULL. */
static const char *
key_column(const struct crm_entity *ent, size_t f)
{
	for (size_t k = 0; k < ent->nkeys; k++)
		if (ent->keys[k].field == (int)f &&
		    (ent->keys[k].flags & CRM_KEY_DUP))
			return ent->keys[k].column;
	return NULL;
}

/* The SQL a field is read by: its derived expression (crm/entity.h),
 * else its column of the record c. */
static void
column(struct crm_buf *b, const struct crm_entity *ent, size_t f)
{
	for (size_t i = 0; i < ent->nderived; i++)
		if (ent->derived[i].field == (int)f) {
			crm_buf_addf(b, "(%s)", ent->derived[i].sql);
			return;
		}
	crm_buf_addf(b, "c.%s", ent->fields[f].name);
}

/* Whether the record c's field is hidden from the user: masked (?6)
 * and in the pool. */
#define HIDDEN "(?6 AND c.owner IS NULL)"

/* A field as the user sees it. */
static void
seen_value(struct crm_buf *b, const struct crm_entity *ent, size_t f)
{
	const struct crm_field *fd = &ent->fields[f];

	if ((fd->flags & CRM_F_MASKED) && (fd->kind == CRM_K_PHONE ||
	    fd->kind == CRM_K_EMAIL))
		crm_buf_addf(b, "CASE WHEN " HIDDEN " THEN crm_mask_%s(c.%s) "
		    "ELSE c.%s END", fd->kind == CRM_K_PHONE ? "phone" :
		    "email", fd->name, fd->name);
	else if (fd->kind == CRM_K_MONEY)
		crm_buf_addf(b, "crm_money(c.%s)", fd->name);
	else if (fd->kind == CRM_K_BOOL)
		crm_buf_addf(b, "CASE WHEN c.%s THEN 'true'%s END", fd->name,
		    fd->flags & CRM_F_ZERO ? " ELSE 'false'" : "");
	else
		column(b, ent, f);
}

static void
select_part(struct crm_buf *b, const struct crm_entity *ent, int scoped)
{
	if (scoped)
		crm_buf_adds(b, SCOPE_TEAM);
	crm_buf_adds(b, "SELECT ");
	for (size_t f = 0; f < ent->nfields; f++) {
		if (f > 0)
			crm_buf_adds(b, ", ");
		seen_value(b, ent, f);
	}
	if (ent->features & CRM_E_EXTRA)
		crm_buf_adds(b, ", CASE WHEN c.extra IS NULL THEN NULL ELSE "
		    "(SELECT group_concat(j.key || char(30) || j.value, "
		    "char(31)) FROM json_each(c.extra) j) END");
	crm_buf_addf(b, " FROM %s c WHERE 1 ", ent->table);
	if (scoped) {
		crm_buf_adds(b, "AND ");
		crm_scope_visible_sql(b, ent, "c");
	}
}

/* Search: each searchable field on its own (a name by its key, others
 * folded like it), never one the user sees masked. */
static void
search_part(struct crm_buf *b, const struct crm_entity *ent)
{
	int first = 1;

	crm_buf_adds(b, "AND (?14 IS NULL OR ");
	for (size_t f = 0; f < ent->nfields; f++) {
		const struct crm_field *fd = &ent->fields[f];
		const char *key = key_column(ent, f);

		if (!(fd->flags & CRM_F_SEARCH))
			continue;
		crm_buf_adds(b, first ? "" : " OR ");
		first = 0;
		if (fd->flags & CRM_F_MASKED)
			crm_buf_adds(b, "(NOT " HIDDEN " AND ");
		if (key != NULL)
			crm_buf_addf(b, "instr(c.%s, ?14) > 0", key);
		else
			crm_buf_addf(b, "instr(crm_key(c.%s), ?14) > 0",
			    fd->name);
		if (fd->flags & CRM_F_MASKED)
			crm_buf_adds(b, ")");
	}
	crm_buf_adds(b, first ? "0) " : ") ");
}

/* The entity's own filters: its where clause with "?own" standing for
 * the first of its parameters, "?own+1" the second ... */
static void
own_part(struct crm_buf *b, const struct crm_entity *ent)
{
	size_t base = EQ_BASE + ent->nfields;

	for (const char *p = ent->list->where; *p;) {
		const char *at = strstr(p, "?own");
		char *end;

		if (at == NULL) {
			crm_buf_adds(b, p);
			break;
		}
		crm_buf_add(b, p, (size_t)(at - p));
		p = at + 4;
		if (*p == '+') {
			crm_buf_addf(b, "?%zu", base + strtoul(p + 1, &end,
			    10));
			p = end;
		} else {
			crm_buf_addf(b, "?%zu", base);
		}
	}
	crm_buf_addc(b, ' ');
}

static void
where_part(struct crm_buf *b, const struct crm_entity *ent)
{
	int tags = -1;

	if (has(ent, CRM_F_OWNER))
		crm_buf_adds(b, "AND (?9 IS NULL OR c.owner = ?9) "
		    "AND (?10 = 0 OR c.owner = ?8) ");
	if (has(ent, CRM_F_POOL))
		crm_buf_adds(b, "AND (?11 = 0 OR c.owner IS NULL) "
		    "AND (?12 IS NULL OR c.pool = ?12) ");
	for (size_t f = 0; f < ent->nfields; f++) {
		const struct crm_field *fd = &ent->fields[f];

		if (fd->kind == CRM_K_TAGS)
			tags = (int)f;
		if (fd->flags & CRM_F_FILTER) {
			crm_buf_addf(b, "AND (?%zu IS NULL OR ", EQ_BASE + f);
			column(b, ent, f);
			crm_buf_addf(b, " = ?%zu) ", EQ_BASE + f);
		}
	}
	if (tags >= 0)
		crm_buf_addf(b, "AND (?13 IS NULL OR instr(char(31) || c.%s || "
		    "char(31), char(31) || ?13 || char(31)) > 0) ",
		    ent->fields[tags].name);
	if (has(ent, CRM_F_SEARCH))
		search_part(b, ent);
	if (ent->list && ent->list->where)
		own_part(b, ent);
}

/* What a sortable field sorts by: its key (a name folded), a masked
 * value by its mask — what the user sees, so that the order does not
 * narrow down what the mask hides. */
static void
sort_key(struct crm_buf *b, const struct crm_entity *ent, const char *param)
{

	crm_buf_addf(b, "CASE %s", param);
	for (size_t f = 0; f < ent->nfields; f++) {
		const struct crm_field *fd = &ent->fields[f];
		const char *key = key_column(ent, f);

		if (!(fd->flags & CRM_F_SORT))
			continue;
		crm_buf_addf(b, " WHEN '%s' THEN ", fd->name);
		if (fd->flags & CRM_F_MASKED)
			crm_buf_addf(b, "CASE WHEN " HIDDEN " THEN "
			    "crm_mask_phone(c.%s) ELSE c.%s END", fd->name,
			    key ? key : fd->name);
		else if (key)
			crm_buf_addf(b, "c.%s", key);
		else
			column(b, ent, f);
	}
	crm_buf_adds(b, " END ");
}

static void *
make_list(const struct crm_entity *ent)
{
	(void)ent;
	return crm_xcalloc(1, sizeof(struct crm_built_list));
}

/* The statement a list needs, built the first time it is needed: show
 * (one record) is on every command's path, the others are not; one
 * record for a user who sees them all needs no scope at all. */
static const char *
statement(const struct crm_session *s, const struct crm_entity *ent,
    const struct crm_list_filter *f)
{
	struct crm_built_list *bt = crm_entity_cache(ent, CRM_SLOT_LIST,
	    make_list);
	int scoped = ent->scope && !(s->role & ent->scope->see_all);
	const char *id = ent->fields[0].name;
	char **sql = f->id ? (scoped ? &bt->one : &bt->one_all) :
	    f->sort ? &bt->sorted : &bt->all;
	struct crm_buf b = { 0 };

	if (*sql != NULL)
		return *sql;
	select_part(&b, ent, f->id ? scoped : ent->scope != NULL);
	if (f->id) {
		crm_buf_addf(&b, "AND c.%s = ?7", id);
	} else {
		where_part(&b, ent);
		crm_buf_adds(&b, "ORDER BY ");
		if (f->sort) {
			sort_key(&b, ent, "?15");
			crm_buf_adds(&b, "NULLS LAST, ");
			sort_key(&b, ent, "?16");
			crm_buf_adds(&b, "DESC NULLS LAST, ");
		}
		crm_buf_addf(&b, "c.%s LIMIT ?17", id);
	}
	*sql = crm_buf_detach(&b);
	return *sql;
}

void
crm_list_filter_init(struct crm_list_filter *f, const struct crm_entity *ent)
{
	memset(f, 0, sizeof(*f));
	f->eq = crm_xcalloc(ent->nfields, sizeof(char *));
	f->made = crm_xcalloc(ent->nfields, sizeof(char *));
	f->nfields = ent->nfields;
	f->limit = -1;
}

void
crm_list_filter_free(struct crm_list_filter *f)
{
	free(f->eq);
	f->eq = NULL;
	for (size_t i = 0; f->made && i < f->nfields; i++)
		free(f->made[i]);
	free(f->made);
	f->made = NULL;
}

static int
check_sort(const struct crm_entity *ent, const char *sort, struct crm_err *e)
{
	const char *col = sort + (*sort == '-');
	struct crm_buf use = { 0 };
	int f = crm_entity_field(ent, col);

	if (f >= 0 && strcmp(ent->fields[f].name, col) == 0 &&
	    (ent->fields[f].flags & CRM_F_SORT))
		return 0;
	for (size_t i = 0; i < ent->nfields; i++)
		if (ent->fields[i].flags & CRM_F_SORT)
			crm_buf_addf(&use, "%s%s",
			    use.len ? C_("list", ", ") : "",
			    ent->fields[i].name);
	crm_err_set(e, CRM_EX_USAGE, "cannot sort by '%s' (use %s; -COLUMN for "
	    "descending)", sort, crm_buf_str(&use));
	crm_buf_free(&use);
	return -1;
}

/* A filter value as its field stores it ("a" is tier "A"); 64 if it
 * cannot be one. */
static int
bind_eq(sqlite3_stmt *st, const struct crm_entity *ent, size_t f,
    const char *v, struct crm_err *e)
{
	struct crm_record r;
	int rc;

	crm_record_init(&r, ent);
	rc = crm_record_put(&r, (int)f, v, NULL, e);
	if (rc == 0)
		crm_db_bind_text(st, (int)(EQ_BASE + f), r.f[f] ? r.f[f] : v);
	else if (e)
		e->code = CRM_EX_USAGE;
	crm_record_free(&r);
	return rc;
}

static int
bind_filter(struct crm_session *s, const struct crm_entity *ent,
    sqlite3_stmt *st, const struct crm_list_filter *f, struct crm_err *e)
{
	struct crm_buf key = { 0 };
	int mask = 0, rc = 0;

	if ((ent->scope && (crm_scope_bind(s, ent, st, e) < 0 ||
	    crm_scope_masked(s, &mask, e) < 0)))
		return -1;
	sqlite3_bind_int(st, P_MASK, mask);
	sqlite3_bind_int64(st, P_ID, f->id);
	crm_db_bind_text(st, P_ME, s->user);
	crm_db_bind_text(st, P_OWNER, f->owner);
	sqlite3_bind_int(st, P_MINE, f->mine);
	sqlite3_bind_int(st, P_POOL, f->pool || f->pool_name);
	crm_db_bind_text(st, P_POOL_NAME, f->pool_name);
	for (size_t i = 0; rc == 0 && f->eq && i < ent->nfields; i++)
		if (f->eq[i] && *f->eq[i])
			rc = bind_eq(st, ent, i, f->eq[i], e);
	/* tags are stored folded: so is the one asked for */
	if (rc == 0 && f->tag && (rc = crm_tags_norm(f->tag, ';', &key,
	    e)) == 0)
		crm_db_bind_text(st, P_TAG, crm_buf_str(&key));
	if (rc == 0 && f->search) {
		crm_buf_reset(&key);
		crm_norm_name(f->search, &key);
		sqlite3_bind_text(st, P_SEARCH, key.len ? key.s : "", -1,
		    SQLITE_TRANSIENT);
	}
	crm_buf_free(&key);
	if (rc == 0 && f->sort)
		crm_db_bind_text(st, f->sort[0] == '-' ? P_RSORT : P_SORT,
		    f->sort + (f->sort[0] == '-'));
	sqlite3_bind_int64(st, P_LIMIT, f->limit);
	if (rc == 0 && ent->list && ent->list->bind)
		rc = ent->list->bind(s, st, (int)(EQ_BASE + ent->nfields),
		    f->own, e);
	return rc;
}

struct crm_rows *
crm_list(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_list_filter *f, struct crm_err *e)
{
	sqlite3_stmt *st;
	struct crm_rows *r;
	char **extra = NULL;
	size_t nextra = 0;

	if (f->sort && check_sort(ent, f->sort, e) < 0)
		return NULL;
	st = crm_db_prepare(s->db, statement(s, ent, f), e);
	if (st == NULL || bind_filter(s, ent, st, f, e) < 0)
		return NULL;
	if (ent->features & CRM_E_EXTRA)
		extra = crm_store_custom_fields(s, ent, &nextra, e);
	r = crm_rows_from_stmt_dyn(s->db, st, crm_entity_cols(ent),
	    ent->nfields, 0);
	if (ent->features & CRM_E_EXTRA)
		crm_rows_expand(r, extra, nextra);
	for (size_t i = 0; i < nextra; i++)
		free(extra[i]);
	free(extra);
	return r;
}
