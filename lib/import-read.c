/* Import, one record of any entity: which field each column is (the
 * aliases, --map, custom fields by their registered spelling), and the
 * record checked and normalized into a struct crm_record, with what it may
 * not be created with. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import-impl.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

/* Those who may own records (data.md): active reps, managers, admins. */
static const char sql_users[] =
	"SELECT login FROM users WHERE active = 1 "
	"AND role IN ('admin', 'manager', 'rep') ORDER BY login";
static const char sql_users_any[] =
	"SELECT login FROM users WHERE active = 1 ORDER BY login";

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
in_list(char **list, size_t n, const char *name)
{
	return n > 0 && bsearch(&name, list, n, sizeof(char *), cmp_str);
}

/* Owners in a file must be active users (reps, managers or admins,
 * unless the entity's are anyone's) and, for reps and managers of an
 * entity with a scope, themselves or their team. */
static int
owner_ok(void *arg, const struct crm_field *fd, const char *login,
    struct crm_err *e)
{
	struct importer *im = arg;

	(void)fd;
	if (!in_list(im->users, im->nusers, login)) {
		if (im->ent->import->owner & CRM_IMPORT_OWNER_ANY)
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an "
			    "active user", login);
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an active "
		    "rep, manager or admin (only they own %s)", login,
		    crm_entity_words(im->ent));
	}
	return crm_scope_may_give(im->s, im->ent, login, e);
}

static void
free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void
import_colmap_free(struct colmap *m)
{
	free_list(m->names, m->n);
	free(m->field);
	free(m->key);
	free(m->negated);
	memset(m, 0, sizeof(*m));
}

/* The custom field a column is, in the spelling first registered (or,
 * with --extra, first met in this file): names are case-insensitive. */
static const char *
custom_key(struct importer *im, const char *name)
{
	for (size_t i = 0; i < im->ncustom; i++)
		if (strcasecmp(im->custom[i], name) == 0)
			return im->custom[i];
	if (!im->o->extra)
		return NULL;
	im->custom = crm_xrealloc(im->custom, (im->ncustom + 1) *
	    sizeof(char *));
	im->custom[im->ncustom] = crm_xstrdup(name);
	return im->custom[im->ncustom++];
}

static int
colmap_same(const struct colmap *m, const struct crm_rec *rec)
{
	if (m->names == NULL || m->n != rec->n)
		return 0;
	if (m->fixed)
		return 1;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->names[i], rec->names[i]) != 0)
			return 0;
	return 1;
}

/* Mark the --map pairs whose columns are among names. */
static void
map_mark(struct importer *im, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int pair = crm_fieldmap_user_pair(&im->map, names[i]);

		if (pair >= 0)
			im->map_seen[pair] = 1;
	}
}

/* A --map pair whose column the file does not have: one error naming
 * it, rather than "missing" on every record. */
static int
map_check(struct importer *im, long line, struct crm_err *e)
{
	for (size_t i = 0; i < im->map.nuser; i++)
		if (!im->map_seen[i])
			return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: --map: "
			    "no column '%s' (for the field '%s') in the file",
			    crm_in_name(im->in), line, im->map.user_from[i],
			    im->ent->fields[im->map.user_to[i]].name);
	return 0;
}

/* The line a column's problem is on: the header's, or the record's. */
static long
column_line(const struct importer *im, const struct colmap *m,
    const struct crm_rec *rec)
{
	return m->fixed ? crm_in_header_line(im->in) : rec->line;
}

/* Two columns name one field (a bank's 交易日期 and 记账日期 are both a
 * date): the user picks one with --map, which wins over the aliases. */
static int
both_field(const struct importer *im, long line, const char *one,
    const char *two, int f, struct crm_err *e)
{
	const char *field = im->ent->fields[f].name;

	return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: columns '%s' and '%s' "
	    "are both the field '%s': pick one with --map %s=COLUMN "
	    "(--map '%s=%s' or --map '%s=%s')", crm_in_name(im->in), line,
	    one, two, field, field, field, one, field, two);
}

/* Column i: a field (not two columns for one), a custom field (the same),
 * a dropped column, or an error. */
static int
map_column(struct importer *im, struct colmap *m, const struct crm_rec *rec,
    size_t i, struct crm_err *e)
{
	const char *name = rec->names[i];
	int neg;
	int f = crm_fieldmap_lookup_sign(&im->map, name, &neg);
	int extra = im->ent->features & CRM_E_EXTRA;

	if (f >= 0) {
		for (size_t k = 0; k < i; k++)
			if (m->field[k] == f)
				return both_field(im, column_line(im, m, rec),
				    m->names[k], name, f, e);
		m->field[i] = f;
		m->negated[i] = (unsigned char)neg;
		if (f == 0)	/* read by the stage's thread (import-stage.c) */
			__atomic_store_n(&im->ids_named, 1, __ATOMIC_RELAXED);
	} else if (extra && crm_record_extra_name_ok(im->ent, name,
	    NULL) == 0 && (m->key[i] = custom_key(im, name)) != NULL) {
		for (size_t k = 0; k < i; k++)
			if (m->key[k] == m->key[i])
				return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: "
				    "columns '%s' and '%s' are the same custom "
				    "field (names are case-insensitive)",
				    crm_in_name(im->in),
				    column_line(im, m, rec), m->names[k], name);
		m->field[i] = COL_CUSTOM;
	} else if (extra && im->o->extra) {
		crm_record_extra_name_ok(im->ent, name, e);
		e->code = CRM_EX_DATAERR;
		return crm_err_prefix(e, "%s:%ld", crm_in_name(im->in),
		    column_line(im, m, rec));
	} else if (im->o->ignore_unknown) {
		m->field[i] = COL_IGNORE;
	} else {
		return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: unknown column "
		    "'%s' (not a %s field nor a custom field in use: --extra "
		    "keeps it as a custom field, --ignore-unknown drops it, "
		    "--map renames it)", crm_in_name(im->in),
		    column_line(im, m, rec), name, crm_entity_word(im->ent));
	}
	return 0;
}

static int
colmap_build(struct importer *im, struct colmap *m, const struct crm_rec *rec,
    struct crm_err *e)
{
	size_t n = rec->n ? rec->n : 1;

	import_colmap_free(m);
	m->n = rec->n;
	m->fixed = crm_in_format(im->in) == CRM_FMT_CSV ||
	    crm_in_format(im->in) == CRM_FMT_TSV;
	m->names = crm_xcalloc(n, sizeof(char *));
	m->field = crm_xcalloc(n, sizeof(int));
	m->key = crm_xcalloc(n, sizeof(char *));
	m->negated = crm_xcalloc(n, 1);
	map_mark(im, rec->names, rec->n);
	if (m->fixed && map_check(im, column_line(im, m, rec), e) < 0)
		return -1;
	for (size_t i = 0; i < rec->n; i++) {
		m->names[i] = crm_xstrdup(rec->names[i]);
		if (map_column(im, m, rec, i, e) < 0)
			return -1;
	}
	return 0;
}

/* A value as text: a list joined with ';'. */
static const char *
value_text(const struct crm_val *v, struct crm_buf *tmp)
{
	const char *p;

	if (v->type == CRM_V_NULL)
		return NULL;
	if (v->type == CRM_V_TEXT)
		return v->s;
	crm_buf_reset(tmp);
	p = v->s;
	for (size_t i = 0; i < v->n; i++) {
		if (i > 0)
			crm_buf_addc(tmp, ';');
		crm_buf_adds(tmp, p);
		p += strlen(p) + 1;
	}
	return crm_buf_str(tmp);
}

/* --excel output puts a ' before a text or phone cell that starts with
 * = + - or @, so that Excel does not run it as a formula: gone again
 * when such a file is imported (or --excel says it is one). */
static const char *
unguarded(const struct importer *im, const char *v)
{
	if (v == NULL || v[0] != '\'' || v[1] == '\0' ||
	    strchr("=+-@", v[1]) == NULL)
		return v;
	return im->o->excel || crm_in_excel_shape(im->in) ? v + 1 : v;
}

/* An error empty, not zeroed whole: a record's take has three, of 1 KiB
 * each, and a million records. */
static void
err_empty(struct crm_err *e)
{
	e->code = 0;
	e->msg[0] = '\0';
}

/* Why the user may not give a new record the fields given (into
 * one->refused), or nothing. */
static void
refuse_fields(struct importer *im, struct import_one *one)
{
	struct crm_err no;

	err_empty(&no);
	crm_buf_reset(&one->refused);
	for (size_t f = 0; f < im->ent->nfields; f++) {
		if (!(one->given & (1ull << f)) ||
		    import_may_set(im, (int)f, 1, &no) == 0)
			continue;
		crm_buf_addf(&one->refused, _("field '%s': %s"),
		    im->ent->fields[f].name, no.msg);
		return;
	}
}

/* Does field f find duplicates: the key field, or the source of a
 * key? */
static int
finds_duplicates(const struct crm_entity *ent, int f)
{
	if (f == 0)
		return 1;
	for (size_t k = 0; k < ent->nkeys; k++)
		if (ent->keys[k].field == f)
			return 1;
	return 0;
}

/* Put value v of field f into c, made the field's by the entity's own
 * step first (struct crm_import_def, value). */
static int
put_value(struct importer *im, struct crm_record *c, int f, const char *v,
    const struct crm_record_checks *ck, struct crm_err *e)
{
	const struct crm_import_def *d = im->ent->import;
	int rc = d && d->value && v ? d->value(im->o->arg, f, &v, e) : 0;

	if (rc == 1)
		crm_record_set(c, f, v);
	if (rc == -2)
		im->probed++;
	return rc == 0 ? crm_record_put(c, f, v, ck, e) : rc < 0 ? -1 : 0;
}

/* Put the record's values into c: after the first bad one (bad, one),
 * only those that find duplicates, so that a bad record still has its
 * id and keys. 0, or 1 if a value was bad. */
static int
take_values(struct importer *im, struct colmap *m, const struct crm_rec *rec,
    struct import_one *o, const char **bad, struct crm_err *one)
{
	struct crm_record *c = &o->c;
	struct crm_record_checks ck = { owner_ok, im };
	struct crm_buf tmp = { 0 };
	struct crm_err later;
	int rc = 0;

	err_empty(&later);
	for (size_t i = 0; i < rec->n; i++) {
		int f = m->field[i];
		const char *v;

		if (rc != 0 && (f < 0 || !finds_duplicates(im->ent, f)))
			continue;
		v = unguarded(im, value_text(&rec->vals[i], &tmp));
		if (f >= 0 && m->negated[i])
			v = crm_record_bool_not(v);
		if (f >= 0 && put_value(im, c, f, v, &ck, rc ? &later :
		    one) < 0) {
			if (rc == 0)
				*bad = im->ent->fields[f].name;
			rc = 1;
		} else if (f >= 0 && c->f[f] != NULL) {
			o->given |= 1ull << f;
		} else if (f == COL_CUSTOM &&
		    crm_record_put_extra(c, m->key[i], v, one) < 0) {
			*bad = rec->names[i];
			rc = 1;
		}
	}
	crm_buf_free(&tmp);
	return rc;
}

/* Is the row its header again (its cells its column names, two or
 * more): files joined one after another, each with its header? */
static int
header_again(const struct crm_rec *rec)
{
	if (rec->n < 2)
		return 0;
	for (size_t i = 0; i < rec->n; i++) {
		const struct crm_val *v = &rec->vals[i];

		if (v->type != CRM_V_TEXT || !crm_fieldmap_same_header(v->s,
		    rec->names[i]))
			return 0;
	}
	return 1;
}

/* Check and normalize a record into o->c. 0: good (it may still be
 * one that cannot be created as it is: a required field missing, or a
 * field the user may not set; that matters only if it does not turn
 * out to update an existing record); 2: not a record of the entity's
 * (its record step said so), to leave out; 1: bad, and o->why says why,
 * and c has what keys it could make: a later copy of a bad record is a
 * duplicate of it (fixed and imported again, the two would collide);
 * -1: the import cannot go on (e). What it finds is the record's own
 * (o), never the importer's: the stage may be at an earlier record. */
int
import_take(struct importer *im, struct colmap *m, const struct crm_rec *rec,
    struct import_one *o, struct crm_err *e)
{
	struct crm_record *c = &o->c;
	struct crm_err one;
	const char *bad = NULL, *ignored;
	int rc;

	err_empty(&one);
	if (!colmap_same(m, rec) && colmap_build(im, m, rec, e) < 0)
		return -1;
	o->given = o->have = 0;
	o->held = 0;
	if (header_again(rec)) {
		crm_err_set(&one, CRM_EX_DATAERR, "the header line again "
		    "(files joined together?)");
		rc = 1;
	} else {
		rc = take_values(im, m, rec, o, &bad, &one);
	}
	if (rc == 0 && im->ent->import->record &&
	    (rc = im->ent->import->record(im->o->arg, c, &bad, &one)) != 0)
		rc = rc > 0 ? 2 : 1;
	if (rc == 2)
		return 2;
	/* a rep's records are theirs (and an expense is whoever's spent) */
	if (rc == 0 && im->q->owner >= 0 && c->f[im->q->owner] == NULL &&
	    (im->s->role == CRM_ROLE_REP ||
	    (im->ent->import->owner & CRM_IMPORT_OWNER_SELF)))
		crm_record_set(c, im->q->owner, im->s->user);
	for (size_t f = 0; f < im->ent->nfields; f++)
		if (c->f[f] != NULL)
			o->have |= 1ull << f;
	if (rc == 0 && crm_record_finish(c, 0, &bad, &one) < 0)
		rc = 1;
	if (rc == 1) {
		crm_record_finish(c, 0, &ignored, NULL);
		crm_buf_reset(&o->refused);
		crm_buf_reset(&o->why);
		if (bad)
			crm_buf_addf(&o->why, _("field '%s': %s"), bad,
			    one.msg);
		else
			crm_buf_adds(&o->why, one.msg);
		return 1;
	}
	refuse_fields(im, o);
	o->held = o->refused.len > 0 ||
	    (o->have & im->required) != im->required;
	return 0;
}

/* May the records be read and checked on a thread of their own, which
 * must not query? owner_ok's only query is crm_scope_may_give's, for a
 * manager giving a record of an entity they do not see whole, unless
 * their team was read (crm_scope_team_load); the entity's value and
 * record steps may query (a lead's campaign by its name, 撞单 against
 * customers), unless the value step asks its own connection
 * (value_alone). */
int
import_take_alone(const struct importer *im)
{
	const struct crm_import_def *d = im->ent->import;
	const struct crm_scope_def *sc = im->ent->scope;
	unsigned role = im->s->role;

	if ((d->value != NULL && !d->value_alone) || d->record != NULL)
		return 0;
	return im->q->owner < 0 || role != CRM_ROLE_MANAGER || sc == NULL ||
	    (role & sc->see_all & sc->change) != 0 || im->s->team != NULL;
}

/* The record's values in the order of the --rejects columns. */
void
import_keep_raw(struct importer *im, const struct crm_rec *rec,
    struct crm_buf *raw)
{
	struct crm_buf tmp = { 0 };

	crm_buf_reset(raw);
	if (im->reject_cols == NULL) {
		im->nreject_cols = rec->n;
		im->reject_cols = crm_xcalloc(rec->n ? rec->n : 1,
		    sizeof(char *));
		for (size_t i = 0; i < rec->n; i++)
			im->reject_cols[i] = crm_xstrdup(rec->names[i]);
	}
	for (size_t i = 0; i < im->nreject_cols; i++) {
		const struct crm_val *v = i < rec->n &&
		    strcmp(rec->names[i], im->reject_cols[i]) == 0 ?
		    &rec->vals[i] : crm_rec_get(rec, im->reject_cols[i]);
		const char *t = v ? value_text(v, &tmp) : NULL;

		if (i > 0)
			crm_buf_addc(raw, '\x1f');
		if (t != NULL)
			crm_buf_adds(raw, t);
	}
	crm_buf_free(&tmp);
}

/* After the last record: every --map column must have been seen (a
 * csv with no records has its header). */
int
import_map_check_end(struct importer *im, struct crm_err *e)
{
	size_t n;
	const char *const *header = crm_in_header(im->in, &n, e);

	if (header != NULL)
		map_mark(im, header, n);
	return map_check(im, header ? crm_in_header_line(im->in) : 1, e);
}

/* The lists are read as before the import (a failure to read them
 * shows as an unknown owner or column). */
void
import_read_init(struct importer *im)
{
	im->map_seen = crm_xcalloc(im->map.nuser + 1, 1);
	if (im->q->owner >= 0) {
		im->users = crm_db_strings(im->s->db,
		    im->ent->import->owner & CRM_IMPORT_OWNER_ANY ?
		    sql_users_any : sql_users, &im->nusers, NULL);
		if (im->nusers > 1)
			qsort(im->users, im->nusers, sizeof(char *), cmp_str);
		/* a manager's team, read once: the owners they may give */
		if (im->ent->scope)
			crm_scope_team_load(im->s, NULL);
	}
	if (im->ent->features & CRM_E_EXTRA)
		im->custom = crm_store_custom_fields(im->s, im->ent,
		    &im->ncustom, NULL);
}

void
import_read_free(struct importer *im)
{
	free(im->map_seen);
	free_list(im->users, im->nusers);
	free_list(im->custom, im->ncustom);
	free_list(im->reject_cols, im->nreject_cols);
}
