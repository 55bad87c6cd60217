/* Import, against the database: which staged records duplicate existing
 * records, and whether the user may see those; what --on-duplicate does
 * with them; records that may not be created as they are (a field the
 * user may not set, a required field missing); the update rows
 * (import-update.c); the cap on what an owner holds; and the
 * import.max_probe refusal. Every step is one statement over the staging
 * table. */
#include <stdio.h>
#include <string.h>

#include "import-impl.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/pool.h"
#include "crm/scope.h"
#include "crm/setting.h"
#include "crm/banned.h"

int
import_exec(struct importer *im, const char *sql, const char *arg,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql, e);

	if (st == NULL)
		return -1;
	if (arg)
		crm_db_bind_text(st, 1, arg);
	return crm_db_done(im->s->db, st, e);
}

int
import_int(struct importer *im, const char *sql, long long *v,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql, e);

	if (st == NULL || crm_db_row(im->s->db, st, e) != 1)
		return -1;
	*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Records the same as existing ones: by the key field, then by each
 * duplicate key in turn (allowed duplicates are added: the key field
 * stays unique). */
static int
same_as_existing(struct importer *im, struct crm_err *e)
{
	const struct crm_entity *ent = im->ent;
	sqlite3_stmt *st;

	if (import_exec(im, im->q->dup_id, ent->fields[0].name, e) < 0)
		return -1;
	for (size_t j = 0; im->o->on_dup != CRM_DUP_ALLOW && j < im->q->ndup;
	    j++) {
		const struct crm_key *k = &ent->keys[im->q->dup[j]];

		if ((st = crm_db_prepare(im->s->db, im->q->dup_key[j], e)) ==
		    NULL)
			return -1;
		crm_db_bind_text(st, 1, k->what);
		sqlite3_bind_int(st, 2, (ent->fields[k->field].flags &
		    CRM_F_MASKED) != 0);
		crm_db_bind_text(st, 3, crm_key_word(k));
		if (crm_db_done(im->s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

/* For those who do not see all: which of them they may see. */
static int
mark_visible(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st;
	int mask;

	if (im->ent->scope == NULL || im->s->role == CRM_ROLE_ADMIN)
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->visible, e)) == NULL ||
	    crm_scope_bind(im->s, im->ent, st, e) < 0 ||
	    crm_scope_masked(im->s, &mask, e) < 0)
		return -1;
	sqlite3_bind_int(st, 6, mask);
	if (crm_db_done(im->s->db, st, e) < 0)
		return -1;
	return import_int(im, im->q->hidden, &im->hidden, e);
}

/* The words of why a record duplicates an existing one (import-impl.h):
 * the kind of record, its id and its name or what the same was, its
 * owner or pool, or whom to ask. */
static const char *const dup_words[DUP_NWORDS] = {
	[DUP_NAMED] = N_("duplicate of %s %s '%s': same %s"),
	[DUP_OWNED] = N_("duplicate of %s %s '%s' (owner %s): same %s"),
	[DUP_IN_POOL] = N_("duplicate of %s %s '%s' (in the pool %s): "
	    "same %s"),
	[DUP_HIDDEN_POOL] = N_("%s with the same %s exists in the pool '%s'"),
	[DUP_ASK_MANAGER] = N_("%s with the same %s exists (ask '%s', its "
	    "owner's manager)"),
	[DUP_ASK_ADMIN] = N_("%s with the same %s exists (ask an admin)"),
};

/* Duplicates of existing records, whether the user may see them, and
 * what --on-duplicate does with them. */
static int
find_duplicates(struct importer *im, struct crm_err *e)
{
	static const char *const policy[] = { "error", "skip", "update",
		"error" };
	const char *name = im->ent->name, *word = crm_entity_word(im->ent);
	sqlite3_stmt *st;
	char article[64];
	long long any;

	im->hidden = 0;
	if (im->direct)		/* the table was empty: its rows are ours */
		return 0;
	if (import_int(im, im->q->any, &any, e) < 0)
		return -1;
	if (!any)
		return 0;
	if (same_as_existing(im, e) < 0 || mark_visible(im, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, im->q->decide, e)) == NULL)
		return -1;
	snprintf(article, sizeof(article), "%s %s", strchr("aeiou", name[0]) ?
	    "an" : "a", name);
	crm_db_bind_text(st, 1, policy[im->o->on_dup]);
	crm_db_bind_text(st, 2, name);
	crm_db_bind_text(st, 3, article);
	/* in a translation, the record's kind has no article */
	crm_db_bind_text(st, DECIDE_WHY, word);
	crm_db_bind_text(st, DECIDE_WHY + 1, crm_tr(dup_words[DUP_ASK_ADMIN]) !=
	    dup_words[DUP_ASK_ADMIN] ? word : article);
	for (int i = 0; i < DUP_NWORDS; i++) {
		crm_db_bind_text(st, 4 + i, dup_words[i]);
		crm_db_bind_text(st, DECIDE_WHY + 2 + i, crm_tr(dup_words[i]));
	}
	return crm_db_done(im->s->db, st, e);
}

/* New records with a field the user may not set or a required field
 * missing. */
static int
hold_creates(struct importer *im, struct crm_err *e)
{
	static const char *const words[] = { N_("field '%s': missing"),
		N_("field '%s': missing (the setting %s asks for it)") };
	const char *setting = im->ent->required_setting;
	sqlite3_stmt *st;

	if (im->held == 0)
		return 0;
	if (import_exec(im, im->q->refused, NULL, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, im->q->missing, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)im->required);
	crm_db_bind_text(st, 2, words[0]);
	crm_db_bind_text(st, 3, words[setting != NULL]);
	crm_db_bind_text(st, 4, setting);
	crm_db_bind_text(st, 5, crm_tr(words[0]));
	crm_db_bind_text(st, 6, crm_tr(words[setting != NULL]));
	return crm_db_done(im->s->db, st, e);
}

/* Does the entity cap what an owner holds? One with an owner and a
 * pool. The pool is the descriptor's (crm/pool.h); a pool field stands
 * for it on an entity whose descriptor does not name one yet. */
static int
capped(const struct importer *im)
{
	return im->q->owner >= 0 && (im->ent->pool != NULL ||
	    im->q->pool >= 0);
}

/* The cap's setting: the pool's own (pool.max_owned, lead.max_owned). */
static void
cap_setting(const struct importer *im, char *key, size_t size)
{
	snprintf(key, size, "%s.max_owned", im->ent->pool ?
	    im->ent->pool->settings : "pool");
}

int
import_cap(struct importer *im, long long *cap, struct crm_err *e)
{
	char key[96];

	*cap = 0;
	if (im->o->ignore_cap || !capped(im))
		return 0;
	cap_setting(im, key, sizeof(key));
	return crm_setting_int(im->s, key, cap, e) < 0 ? -1 : 0;
}

/* New records past their owner's cap, unless --ignore-cap. */
static int
check_cap(struct importer *im, struct crm_err *e)
{
	char setting[96];
	const char *words = N_("%s '%s' would hold %d %s, the cap is %d (%s)");
	const char *owner;
	sqlite3_stmt *st;
	long long cap, any;
	int all = 1;

	if (import_cap(im, &cap, e) < 0)
		return -1;
	if (cap <= 0)
		return 0;
	cap_setting(im, setting, sizeof(setting));
	owner = im->ent->fields[im->q->owner].name;
	if (import_int(im, im->q->any_owned, &any, e) < 0)
		return -1;
	if (!any)
		return 0;
	if ((im->ent->pool && crm_pool_cap_all(im->s, im->ent, &all, e) < 0) ||
	    (st = crm_db_prepare(im->s->db, im->q->cap, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cap);
	crm_db_bind_text(st, 2, im->ent->table);
	crm_db_bind_text(st, 3, setting);
	crm_db_bind_text(st, 4, owner);
	crm_db_bind_text(st, 5, words);
	crm_db_bind_text(st, 6, crm_tr(words));
	crm_db_bind_text(st, 7, crm_column_word(owner));
	crm_db_bind_text(st, 8, crm_entity_words(im->ent));
	if (all)
		sqlite3_bind_int(st, 9, 1);
	return crm_db_done(im->s->db, st, e);
}

/* Many duplicates of records the user may not see look like someone
 * probing for phones and names: refused (77). */
static int
check_probe(struct importer *im, struct crm_err *e)
{
	long long max;

	if (im->hidden + im->probed == 0)
		return 0;
	if (crm_setting_int(im->s, "import.max_probe", &max, e) < 0)
		return -1;
	if (im->hidden + im->probed <= max)
		return 0;
	return crm_err_set(e, CRM_EX_NOPERM, "%lld records duplicate "
	    "%s you may not see, more than import.max_probe (%lld) "
	    "allows: nothing imported (ask an admin)",
	    im->hidden + im->probed, crm_entity_words(im->ent), max);
}

/* Decided again because someone wrote: an owner the reader checked may
 * have been deactivated since. */
static int
owners_gone(struct importer *im, struct crm_err *e)
{
	static const char words[] = N_("field 'owner': '%s' was deactivated "
	    "while the file was read");
	sqlite3_stmt *st;

	if (im->q->owner_gone == NULL)
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->owner_gone, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, words);
	crm_db_bind_text(st, 2, crm_tr(words));
	return crm_db_done(im->s->db, st, e);
}

int
import_decide(struct importer *im, int again, struct crm_err *e)
{
	if (again && (import_exec(im, im->q->reset, NULL, e) < 0 ||
	    owners_gone(im, e) < 0))
		return -1;
	if (find_duplicates(im, e) < 0 || hold_creates(im, e) < 0 ||
	    import_check_updates(im, e) < 0 || check_cap(im, e) < 0)
		return -1;
	return check_probe(im, e);
}
