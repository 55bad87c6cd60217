/* The options of an entity's verbs, from its descriptor. Their texts are
 * made once, at start, and kept for the life of the process: those made
 * of the entity's words, in the user's language already (cli.c
 * translates the others when it prints them). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/cli-entity.h"
#include "crm/buf.h"
#include "crm/column-names.h"
#include "crm/entities.h"
#include "crm/find.h"
#include "crm/scope.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const char *
option_name(const struct crm_field *fd)
{
	return fd->option ? fd->option : fd->name;
}

/* Completion values of a field: an enum's values, users for a login. */
static const char *
option_values(const struct crm_field *fd)
{
	if (fd->values != NULL)
		return fd->values;
	return fd->kind == CRM_K_LOGIN ? "@user" : NULL;
}

static char *
text(const char *fmt, const char *a, const char *b)
{
	struct crm_buf t = { 0 };

	crm_buf_addf(&t, fmt, a, b);
	return crm_buf_detach(&t);
}

static size_t
add_more(struct crm_opt *opts, size_t n, size_t cap, const struct crm_opt *more)
{
	for (size_t i = 0; more && more[i].name && n < cap; i++)
		opts[n++] = more[i];
	opts[n] = (struct crm_opt){ NULL, 0, NULL, NULL, NULL };
	return n;
}

void
crm_cli_field_opts(const struct crm_entity *ent,
    const struct crm_opt *more, struct crm_opt *opts, size_t cap)
{
	size_t n = 0;

	for (size_t f = 0; f < ent->nfields && n < cap; f++) {
		const struct crm_field *fd = &ent->fields[f];

		if (fd->flags & CRM_F_OPTION)
			opts[n++] = (struct crm_opt){ option_name(fd), 1,
			    fd->arg ? fd->arg : "VALUE", fd->help ? fd->help :
			    fd->name, option_values(fd) };
	}
	add_more(opts, n, cap, more);
}

void
crm_cli_list_opts(const struct crm_entity *ent,
    const struct crm_opt *more, struct crm_opt *opts, size_t cap)
{
	int owner = crm_entity_flagged(ent, CRM_F_OWNER);
	const char *all;
	size_t n = 0;

	/* made before crm_cli_main: the language is needed already */
	crm_i18n_init();
	all = crm_entity_words(ent);
	if (owner >= 0) {
		/* --owner, or --user for an entity whose owner is `user` */
		opts[n++] = (struct crm_opt){
		    option_name(&ent->fields[owner]), 1, "LOGIN",
		    text(_("%s of this owner"), all, NULL), "@user" };
		opts[n++] = (struct crm_opt){ "mine", 0, NULL,
		    text(_("your own %s"), all, NULL), NULL };
	}
	if (crm_entity_flagged(ent, CRM_F_POOL) >= 0)
		opts[n++] = (struct crm_opt){ "pool", 2, "NAME",
		    text(_("%s in a pool (--pool NAME: that pool)"), all, NULL),
		    NULL };
	for (size_t f = 0; f < ent->nfields && n < cap; f++) {
		const struct crm_field *fd = &ent->fields[f];

		/* "customers of this region": the field as a word */
		if (fd->flags & CRM_F_FILTER)
			opts[n++] = (struct crm_opt){ option_name(fd), 1,
			    fd->arg ? fd->arg : "VALUE",
			    text(_("%s of this %s"), all,
			    crm_column_word(fd->name)), option_values(fd) };
	}
	if (crm_entity_flagged(ent, CRM_F_SEARCH) >= 0)
		opts[n++] = (struct crm_opt){ "search", 1, "TEXT",
		    N_("the searchable fields contain TEXT (case and width "
		    "ignored)"), NULL };
	for (size_t f = 0; f < ent->nfields; f++)
		if (ent->fields[f].kind == CRM_K_TAGS)
			opts[n++] = (struct crm_opt){ "tag", 1, "TAG",
			    text(_("%s with this tag"), all, NULL), NULL };
	opts[n++] = (struct crm_opt){ "sort", 1, "COLUMN",
	    N_("sort by a column; -COLUMN for descending"), NULL };
	opts[n++] = (struct crm_opt){ "limit", 1, "N",
	    text(_("at most N %s"), all, NULL), NULL };
	opts[n++] = (struct crm_opt){ "all-columns", 0, NULL,
	    N_("every column in a table too"), NULL };
	add_more(opts, n, cap, more);
}

int
crm_cli_option_field(const struct crm_entity *ent, const char *option)
{
	for (size_t f = 0; f < ent->nfields; f++)
		if ((ent->fields[f].flags & CRM_F_OPTION) &&
		    strcmp(option_name(&ent->fields[f]), option) == 0)
			return (int)f;
	return -1;
}

/* The entity a field "customer_id" refers to, or NULL. */
static const struct crm_entity *
referred(const struct crm_field *fd, size_t *slot)
{
	size_t n = strlen(fd->name);
	char name[32];

	if (fd->kind != CRM_K_ID || n < 4 || n >= sizeof(name) ||
	    strcmp(fd->name + n - 3, "_id") != 0)
		return NULL;
	memcpy(name, fd->name, n - 3);
	name[n - 3] = '\0';
	for (*slot = 0; crm_entities[*slot]; (*slot)++)
		if (strcmp(crm_entities[*slot]->name, name) == 0)
			return crm_entities[*slot];
	return NULL;
}

/* A filter by the id of a record of another entity whose option takes
 * ID|NAME (--customer 星河) or ID|NUMBER (--order SO-2026-000001): the
 * field X_id names entity X; a name, a number or an id is the one
 * crm_find finds among those the user sees. */
static int
filter_by_name(struct crm_ctx *c, const struct crm_entity *ent, size_t i,
    struct crm_list_filter *f)
{
	const struct crm_field *fd = &ent->fields[i];
	const struct crm_entity *to;
	struct crm_buf id_text = { 0 };
	size_t slot;
	long long id;

	if (f->eq[i] == NULL || fd->arg == NULL ||
	    strncmp(fd->arg, "ID|", 3) != 0 ||
	    (to = referred(fd, &slot)) == NULL)
		return 0;
	if (crm_ctx_session(c) == NULL)
		return -1;
	/* the option named: "--account: no account named '农行'" */
	if (crm_find(&c->s, to, f->eq[i], &id, &c->err) < 0) {
		crm_buf_addf(&id_text, "--%s", option_name(fd));
		crm_err_prefix(&c->err, "%s", id_text.s);
		crm_buf_free(&id_text);
		return -1;
	}
	crm_buf_addf(&id_text, "%lld", id);
	f->made[i] = crm_buf_detach(&id_text);
	f->eq[i] = f->made[i];
	return 0;
}

int
crm_cli_list_filter(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_list_filter *f)
{
	const char *pool = crm_opt(c, "pool");
	int owner = crm_entity_flagged(ent, CRM_F_OWNER);
	long long limit;

	crm_list_filter_init(f, ent);
	if (owner >= 0)
		f->owner = crm_opt(c, option_name(&ent->fields[owner]));
	f->mine = crm_flag(c, "mine");
	f->pool = pool != NULL;
	f->pool_name = pool && *pool ? pool : NULL;
	for (size_t i = 0; i < ent->nfields; i++)
		if (ent->fields[i].flags & CRM_F_FILTER)
			f->eq[i] = crm_opt(c, option_name(&ent->fields[i]));
	for (size_t i = 0; i < ent->nfields; i++)
		if (filter_by_name(c, ent, i, f) < 0)
			return -1;
	f->tag = crm_opt(c, "tag");
	f->search = crm_opt(c, "search");
	f->sort = crm_opt(c, "sort");
	if (crm_opt_num(c, "limit", 0, LONG_MAX, -1, &limit) < 0)
		return -1;
	f->limit = (long)limit;
	return 0;
}

/* A record's reference shown by the title of what it names (a deal's
 * customer by name), when the user sees that record: one slot per
 * entity of the registry, for the life of the process. */
struct title_ref {
	struct crm_session *s;
	const struct crm_entity *ent;
};

static int
show_title(void *arg, const char *in, struct crm_buf *out)
{
	const struct title_ref *ref = arg;
	struct crm_err e = { 0 };
	char *end;
	long long id = strtoll(in, &end, 10);

	return *end == '\0' && crm_scope_title(ref->s, ref->ent, id, out,
	    &e) == 1;
}

/* A value in the user's words, arg its context (a customer's status
 * "dormant" is 休眠 in Chinese; the entity's name is the context of its
 * enums: the same word is not the same thing in every entity). */
static int
show_ctx_word(void *arg, const char *in, struct crm_buf *out)
{
	const char *t = crm_cgettext(arg, in);

	if (t == in)
		return 0;
	crm_buf_adds(out, t);
	return 1;
}

struct crm_rows *
crm_cli_words(struct crm_ctx *c, struct crm_rows *rows, const char *col,
    const char *ctx)
{
	if (rows == NULL || c->fmt != CRM_FMT_TABLE)
		return rows;
	if (crm_rows_map(rows, col, col, show_ctx_word, (void *)ctx,
	    &c->err) < 0) {
		crm_rows_close(rows);
		return NULL;
	}
	return rows;
}

/* A value the entity shows its own way (ent->shown). */
struct shown_ref {
	struct crm_session *s;
	const struct crm_entity *ent;
	int field;
};

static int
show_own(void *arg, const char *in, struct crm_buf *out)
{
	const struct shown_ref *ref = arg;

	return ref->ent->shown(ref->s, ref->field, in, out);
}

struct crm_rows *
crm_cli_shown(struct crm_ctx *c, struct crm_rows *rows,
    const struct crm_entity *ent, int field, const char *col)
{
	static struct shown_ref refs[4];
	static size_t used;

	if (rows == NULL || c->fmt != CRM_FMT_TABLE || ent->shown == NULL ||
	    used == sizeof(refs) / sizeof(*refs))
		return rows;
	refs[used] = (struct shown_ref){ &c->s, ent, field };
	if (crm_rows_map(rows, col, col, show_own, &refs[used++],
	    &c->err) < 0) {
		crm_rows_close(rows);
		return NULL;
	}
	return rows;
}

/* Fields whose values complete from the database ("@stage") shown as the
 * entity says; one slot each for the life of the process. */
static int
own_words(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_rows *rows)
{
	static struct shown_ref refs[8];
	static size_t used;

	for (size_t f = 0; ent->shown && f < ent->nfields; f++) {
		const char *v = ent->fields[f].values;

		if (v == NULL || v[0] != '@' || used == 8)
			continue;
		refs[used] = (struct shown_ref){ &c->s, ent, (int)f };
		if (crm_rows_map(rows, ent->fields[f].name,
		    ent->fields[f].name, show_own, &refs[used++],
		    &c->err) < 0)
			return -1;
	}
	return 0;
}

int
crm_cli_titles(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_rows *rows, const char **names)
{
	static struct title_ref refs[32];

	if (rows == NULL || c->fmt != CRM_FMT_TABLE)
		return 0;
	if (own_words(c, ent, rows) < 0)
		return -1;
	for (size_t f = 0; f < ent->nfields; f++) {
		size_t slot;
		const struct crm_entity *to = referred(&ent->fields[f], &slot);

		if (ent->fields[f].kind == CRM_K_ENUM &&
		    crm_rows_map(rows, ent->fields[f].name,
		    ent->fields[f].name, show_ctx_word, (void *)ent->name,
		    &c->err) < 0)
			return -1;
		if (to == NULL || slot >= sizeof(refs) / sizeof(*refs))
			continue;
		refs[slot].s = &c->s;
		refs[slot].ent = to;
		if (crm_rows_map(rows, ent->fields[f].name, to->name,
		    show_title, &refs[slot], &c->err) < 0)
			return -1;
		if (names)
			names[f] = to->name;
	}
	return 0;
}

int
crm_cli_table_view(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_rows *rows)
{
	const char **names, **shown;
	size_t n = 0;
	int rc = 0;

	if (rows == NULL || c->fmt != CRM_FMT_TABLE)
		return 0;
	/* every column is still a table's: words and titles, not keys */
	if (crm_flag(c, "all-columns"))
		return crm_cli_titles(c, ent, rows, NULL);
	names = crm_xcalloc(ent->nfields, sizeof(char *));
	shown = crm_xcalloc(ent->nfields, sizeof(char *));
	for (size_t f = 0; f < ent->nfields; f++)
		names[f] = ent->fields[f].name;
	if (crm_cli_titles(c, ent, rows, names) < 0)
		rc = -1;
	for (size_t f = 0; rc == 0 && f < ent->nfields; f++)
		if (ent->fields[f].flags & CRM_F_TABLE)
			shown[n++] = names[f];
	if (rc == 0 && n > 0)
		rc = crm_rows_project(rows, shown, n, &c->err);
	free(names);
	free(shown);
	return rc;
}

int
crm_cli_read_fields(struct crm_ctx *c, const struct crm_entity *ent,
    const struct crm_opt *opts, struct crm_input *in)
{
	const char *const *sets;
	int n;

	memset(in, 0, sizeof(*in));
	for (const struct crm_opt *o = opts; o->name; o++) {
		int f = crm_cli_option_field(ent, o->name);
		const char *v = crm_opt(c, o->name);

		/* --owner: a field that is not an option of its own */
		if (f < 0 && o->has_arg && strcmp(o->name, "set") != 0)
			f = crm_entity_field(ent, o->name);
		if (v && f >= 0 && crm_input_set(ent, in, ent->fields[f].name,
		    v, &c->err) < 0)
			return -1;
	}
	sets = crm_opt_all(c, "set", &n);
	for (int i = 0; i < n; i++) {
		char *eq = strchr(sets[i], '=');

		if (eq == NULL || eq == sets[i])
			return crm_err_set(&c->err, CRM_EX_USAGE, "--set '%s': "
			    "use KEY=VALUE", sets[i]);
		*eq = '\0';
		if (crm_input_set(ent, in, sets[i], eq + 1, &c->err) < 0)
			return -1;
	}
	return 0;
}

int
crm_cli_read_pairs(struct crm_ctx *c, const struct crm_entity *ent, int argc,
    char **argv, struct crm_input *in)
{
	memset(in, 0, sizeof(*in));
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (eq == NULL || eq == argv[i])
			return crm_usage(c, "'%s' is not KEY=VALUE", argv[i]);
		*eq = '\0';
		if (crm_input_set(ent, in, argv[i], eq + 1, &c->err) < 0)
			return crm_fail(c);
	}
	return 0;
}

/* Every record of ent the user may see, or the one with this id. */
struct crm_rows *
crm_cli_records(struct crm_ctx *c, const struct crm_entity *ent, long long id)
{
	struct crm_list_filter f;
	struct crm_rows *rows;

	crm_list_filter_init(&f, ent);
	f.id = id;
	rows = crm_list(&c->s, ent, &f, &c->err);
	crm_list_filter_free(&f);
	return rows;
}

/* The record id as show prints it, *n the rows printed (0: none the
 * user sees, and nothing on stdout). */
static int
show_one(struct crm_ctx *c, const struct crm_entity *ent, long long id,
    long *n)
{
	struct crm_rows *rows = crm_cli_records(c, ent, id);

	*n = 0;
	if (crm_cli_titles(c, ent, rows, NULL) < 0) {
		crm_rows_close(rows);
		return crm_fail(c);
	}
	return crm_print_job(c, rows, c->fmt == CRM_FMT_TABLE ?
	    CRM_OUT_VERTICAL : 0, n);
}

int
crm_cli_show_record(struct crm_ctx *c, const struct crm_entity *ent,
    const char *arg, long long *id)
{
	long n = 0;
	int rc;

	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	/* an id the user sees is shown at once (the row's query applies
	 * who sees what: one statement, the lookup of a show in a loop);
	 * anything else is found as edit and trace find it: digits that
	 * are no id the user sees may be a name (an imported order's
	 * number, Northwind's 10248) */
	if (crm_id_word(arg, id) && ((rc = show_one(c, ent, *id, &n)) != 0 ||
	    n > 0))
		return rc;
	if (crm_find(&c->s, ent, arg, id, &c->err) < 0)
		return crm_fail(c);
	rc = show_one(c, ent, *id, &n);
	if (rc == 0 && n == 0) {
		crm_err_set(&c->err, CRM_EX_DATAERR, "no %s %lld",
		    crm_entity_word(ent), *id);
		return crm_fail(c);
	}
	return rc;
}

int
crm_cli_export(struct crm_ctx *c, const struct crm_entity *ent)
{
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	if (!c->fmt_set)
		c->fmt = CRM_FMT_CSV;
	return crm_print_rows(c, crm_cli_records(c, ent, 0), 0, NULL);
}

int
crm_cli_show_doc(struct crm_ctx *c, const struct crm_entity *ent,
    const char *arg, struct crm_doc *(*make)(struct crm_session *s,
    long long id, struct crm_err *e))
{
	struct crm_doc *d;
	long long id;

	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, ent, arg, &id, &c->err) < 0 ||
	    (d = make(&c->s, id, &c->err)) == NULL)
		return crm_fail(c);
	return crm_cli_print_doc(c, d, c->doc);
}

int
crm_cli_print_doc(struct crm_ctx *c, struct crm_doc *d, enum crm_doc_fmt how)
{
	struct crm_buf out = { 0 };

	if (d == NULL)
		return crm_fail(c);
	crm_doc_render(d, how, &out);
	fwrite(out.s, 1, out.len, stdout);
	crm_buf_free(&out);
	crm_doc_free(d);
	return 0;
}

void
crm_cli_section(struct crm_ctx *c, const char *title, struct crm_rows *rows)
{
	long n = 0;

	/* the title's colon is the language's */
	printf("\n");
	printf(_("%s:\n"), title);
	fflush(stdout);
	crm_print_rows(c, rows, 0, &n);
	if (n == 0)
		printf("  %s\n", _("(none)"));
}

struct delete_job {
	const struct crm_entity *ent;
	int (*del)(struct crm_session *s, long long id, struct crm_err *e);
	long done;
};

static int
delete_one(struct crm_ctx *c, const char *text, const char *where, void *arg)
{
	struct delete_job *job = arg;
	long long id;

	if (crm_find(&c->s, job->ent, text, &id, &c->err) < 0 ||
	    job->del(&c->s, id, &c->err) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	job->done++;
	return 0;
}

int
crm_cli_delete(struct crm_ctx *c, const struct crm_entity *ent,
    int (*del)(struct crm_session *s, long long id, struct crm_err *e))
{
	struct delete_job job = { ent, del, 0 };

	if (crm_ctx_session(c) == NULL ||
	    crm_ids_each_tx(c, c->argc, c->argv, delete_one, &job) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		crm_note(c, "deleted %ld %s", job.done, job.done == 1 ?
		    crm_entity_word(ent) : crm_entity_words(ent));
	return 0;
}

int
crm_cli_add(struct crm_ctx *c, const struct crm_entity *ent,
    const struct crm_opt *opts, int (*add)(struct crm_session *s,
    const struct crm_input *in, long long *id, struct crm_err *e))
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_input in;
	long long id;

	if (s == NULL || crm_cli_read_fields(c, ent, opts, &in) < 0 ||
	    add(s, &in, &id, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		printf("%lld\n", id);
	return 0;
}

int
crm_cli_edit(struct crm_ctx *c, const struct crm_entity *ent,
    const struct crm_opt *opts, int (*set)(struct crm_session *s,
    long long id, const struct crm_input *in, struct crm_err *e))
{
	struct crm_input in;
	long long id;

	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, ent, c->argv[0], &id, &c->err) < 0 ||
	    crm_cli_read_fields(c, ent, opts, &in) < 0 ||
	    set(&c->s, id, &in, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

int
crm_cli_set(struct crm_ctx *c, const struct crm_entity *ent,
    int (*set)(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e))
{
	struct crm_input in;
	long long id;

	if (crm_ctx_session(c) == NULL ||
	    crm_find(&c->s, ent, c->argv[0], &id, &c->err) < 0)
		return crm_fail(c);
	if (crm_cli_read_pairs(c, ent, c->argc - 1, c->argv + 1, &in) < 0)
		return -1;
	return set(&c->s, id, &in, &c->err) < 0 ? crm_fail(c) : 0;
}

int
crm_cli_list_print(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_list_filter *f)
{
	struct crm_rows *rows = crm_list(&c->s, ent, f, &c->err);

	crm_list_filter_free(f);
	if (crm_cli_table_view(c, ent, rows) < 0) {
		crm_rows_close(rows);
		return crm_fail(c);
	}
	return crm_print_rows(c, rows, 0, NULL);
}

int
crm_cli_list(struct crm_ctx *c, const struct crm_entity *ent)
{
	struct crm_list_filter f = { 0 };

	if (crm_ctx_session(c) == NULL ||
	    crm_cli_list_filter(c, ent, &f) < 0) {
		crm_list_filter_free(&f);
		return crm_fail(c);
	}
	return crm_cli_list_print(c, ent, &f);
}
