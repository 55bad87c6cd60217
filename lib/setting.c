/* Reading, changing, exporting and importing settings. */
#include <stdlib.h>
#include <string.h>

#include "setting-impl.h"
#include "crm/deal-stage.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const char sql_get[] = "SELECT value FROM settings WHERE key = ?";
static const char sql_put[] =
	"INSERT INTO settings (key, value) VALUES (?1, ?2) "
	"ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char sql_del[] = "DELETE FROM settings WHERE key = ?";

size_t
crm_setting_count(void)
{
	return crm_setting_ndefs;
}

const struct crm_setting_info *
crm_setting_at(size_t i)
{
	return i < crm_setting_ndefs ? &crm_setting_defs[i].info : NULL;
}

static const struct setting_def *
find_def(const char *key)
{
	for (size_t i = 0; i < crm_setting_ndefs; i++)
		if (strcmp(crm_setting_defs[i].info.key, key) == 0)
			return &crm_setting_defs[i];
	return NULL;
}

static int
unknown_key(const char *key, struct crm_err *e)
{
	return crm_err_set(e, CRM_EX_CONFIG, "unknown setting '%s' (see: crm "
	    "config list)", key);
}

/* Check a parsed value against its rule and render it as JSON. */
static int
check_node(const struct setting_def *d, const struct crm_ynode *n,
    struct crm_buf *json, struct crm_err *e)
{
	if (d->check(n, d->info.key, e) < 0)
		return -1;
	crm_buf_reset(json);
	crm_ytree_json(n, json);
	return 0;
}

static int
parse_value(const struct setting_def *d, const char *yaml,
    struct crm_ynode **n, struct crm_err *e)
{
	if (crm_ytree_parse(yaml, strlen(yaml), "value", n, e) < 0) {
		e->code = CRM_EX_CONFIG;
		return crm_err_prefix(e, "bad value for '%s'", d->info.key);
	}
	return 0;
}

int
crm_setting_check(const char *key, const char *yaml, struct crm_buf *json,
    struct crm_err *e)
{
	const struct setting_def *d = find_def(key);
	struct crm_ynode *n;
	int rc;

	if (d == NULL)
		return unknown_key(key, e);
	if (parse_value(d, yaml, &n, e) < 0)
		return -1;
	rc = check_node(d, n, json, e);
	crm_ytree_free(n);
	return rc;
}

/* The stored JSON of key: 1 (in json), 0 when at its default, -1. */
static int
stored(struct crm_session *s, const char *key, struct crm_buf *json,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_get, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, key);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	crm_buf_reset(json);
	crm_buf_adds(json, crm_db_col_text(st, 0));
	sqlite3_reset(st);
	return 1;
}

/* KEY.SUB, one entry of a mapping setting: the setting (NULL when KEY
 * is none) and, in *key, KEY (the caller frees it). */
static const struct setting_def *
find_parent(const char *path, char **key)
{
	char *dot;

	*key = crm_xstrdup(path);
	dot = strrchr(*key, '.');
	if (dot == NULL || dot[1] == '\0')
		return NULL;
	*dot = '\0';
	return find_def(*key);
}

static int value_tree(struct crm_session *s, const char *key,
    struct crm_ynode **n, struct crm_err *e);

/* The effective value of one entry of a mapping: null when it has none. */
static int
subkey_json(struct crm_session *s, const char *path, struct crm_buf *json,
    struct crm_err *e)
{
	struct crm_ynode *whole = NULL;
	char *key;
	int rc = -1;

	if (find_parent(path, &key) == NULL)
		rc = unknown_key(path, e);
	else if (value_tree(s, key, &whole, e) == 0) {
		rc = 0;
		crm_buf_reset(json);
		if (whole->type == CRM_Y_MAP && crm_ytree_get(whole,
		    path + strlen(key) + 1) != NULL)
			crm_ytree_json(crm_ytree_get(whole, path + strlen(key) +
			    1), json);
		else if (whole->type == CRM_Y_MAP || whole->type == CRM_Y_NULL)
			crm_buf_adds(json, "null");
		else
			rc = unknown_key(path, e);
	}
	crm_ytree_free(whole);
	free(key);
	return rc;
}

int
crm_setting_json(struct crm_session *s, const char *key,
    struct crm_buf *json, struct crm_err *e)
{
	const struct setting_def *d = find_def(key);
	int rc;

	if (d == NULL)
		return subkey_json(s, key, json, e);
	if ((rc = stored(s, key, json, e)) != 0)
		return rc < 0 ? -1 : 0;
	return crm_setting_check(key, d->info.def, json, e);
}

/* The effective value as a tree. */
static int
value_tree(struct crm_session *s, const char *key, struct crm_ynode **n,
    struct crm_err *e)
{
	struct crm_buf json = { 0 };
	int rc = crm_setting_json(s, key, &json, e);

	if (rc == 0)
		rc = crm_ytree_parse(crm_buf_str(&json), json.len, key, n, e);
	crm_buf_free(&json);
	return rc;
}

int
crm_setting_yaml(struct crm_session *s, const char *key,
    struct crm_buf *yaml, struct crm_err *e)
{
	struct crm_ynode *n;

	if (value_tree(s, key, &n, e) < 0)
		return -1;
	crm_buf_reset(yaml);
	crm_ytree_flow(n, yaml);
	crm_ytree_free(n);
	return 0;
}

int
crm_setting_int(struct crm_session *s, const char *key, long long *v,
    struct crm_err *e)
{
	struct crm_ynode *n;
	int b, rc = 0;

	if (value_tree(s, key, &n, e) < 0)
		return -1;
	if (crm_ytree_bool(n, &b))
		*v = b;
	else if (!crm_ytree_int(n, v))
		rc = crm_err_set(e, CRM_EX_SOFTWARE, "setting '%s' is not a "
		    "number", key);
	crm_ytree_free(n);
	return rc;
}

int
crm_setting_text(struct crm_session *s, const char *key, struct crm_buf *out,
    struct crm_err *e)
{
	struct crm_ynode *n;
	int rc = 0;

	if (value_tree(s, key, &n, e) < 0)
		return -1;
	crm_buf_reset(out);
	if (n->type == CRM_Y_SCALAR)
		crm_buf_adds(out, n->s);
	else if (n->type != CRM_Y_NULL)
		rc = crm_err_set(e, CRM_EX_SOFTWARE, "setting '%s' is not "
		    "text", key);
	crm_ytree_free(n);
	return rc;
}

/* Store json as key's value (nothing when it is the default) and record
 * the change. */
static int
store(struct crm_session *s, const struct setting_def *d, const char *json,
    const char *move_to, struct crm_err *e)
{
	struct crm_buf def = { 0 }, old = { 0 }, oldy = { 0 }, newy = { 0 };
	struct crm_ynode *n = NULL;
	sqlite3_stmt *st;
	int is_default, rc = -1;

	if (crm_setting_check(d->info.key, d->info.def, &def, e) < 0 ||
	    crm_setting_yaml(s, d->info.key, &oldy, e) < 0)
		goto out;
	is_default = strcmp(json, crm_buf_str(&def)) == 0;
	st = crm_db_prepare(s->db, is_default ? sql_del : sql_put, e);
	if (st == NULL)
		goto out;
	crm_db_bind_text(st, 1, d->info.key);
	if (!is_default)
		crm_db_bind_text(st, 2, json);
	if (crm_db_done(s->db, st, e) < 0 ||
	    crm_ytree_parse(json, strlen(json), d->info.key, &n, e) < 0)
		goto out;
	crm_ytree_flow(n, &newy);
	rc = strcmp(crm_buf_str(&oldy), crm_buf_str(&newy)) == 0 ? 0 :
	    crm_audit_event(s, "setting", d->info.key, "update", "value",
	    crm_buf_str(&oldy), crm_buf_str(&newy), e);
	/* after the write, into the new stages; after its event, so that
	 * crm undo (newest first) takes the deals back before the stages */
	if (rc == 0 && strcmp(d->info.key, "deal.stages") == 0)
		rc = crm_deal_stages_dropped(s, json, move_to, e);
out:
	crm_ytree_free(n);
	crm_buf_free(&def);
	crm_buf_free(&old);
	crm_buf_free(&oldy);
	crm_buf_free(&newy);
	return rc;
}

/* Put part (NULL: nothing) as entry sub of the mapping whole. */
static void
put_entry(struct crm_ynode *whole, const char *sub, struct crm_ynode *part)
{
	size_t i = 0;

	while (i < whole->n && strcmp(whole->keys[i], sub) != 0)
		i++;
	if (i < whole->n) {
		crm_ytree_free(whole->items[i]);
		free(whole->keys[i]);
		whole->n--;
		memmove(&whole->items[i], &whole->items[i + 1],
		    (whole->n - i) * sizeof(*whole->items));
		memmove(&whole->keys[i], &whole->keys[i + 1],
		    (whole->n - i) * sizeof(*whole->keys));
	}
	if (part == NULL)
		return;
	whole->items = crm_xrealloc(whole->items,
	    (whole->n + 1) * sizeof(*whole->items));
	whole->keys = crm_xrealloc(whole->keys, (whole->n + 1) * sizeof(char *));
	memmove(&whole->items[i + 1], &whole->items[i],
	    (whole->n - i) * sizeof(*whole->items));
	memmove(&whole->keys[i + 1], &whole->keys[i],
	    (whole->n - i) * sizeof(*whole->keys));
	whole->keys[i] = crm_xstrdup(sub);
	whole->items[i] = part;
	whole->n++;
}

/* The default's entry sub of setting d, as a tree of its own (NULL when
 * the default has none). */
static int
default_entry(const struct setting_def *d, const char *sub,
    struct crm_ynode **part, struct crm_err *e)
{
	struct crm_ynode *def;
	struct crm_buf json = { 0 };
	const struct crm_ynode *n;
	int rc = 0;

	*part = NULL;
	if (parse_value(d, d->info.def, &def, e) < 0)
		return -1;
	if ((n = crm_ytree_get(def, sub)) != NULL) {
		crm_ytree_json(n, &json);
		rc = crm_ytree_parse(json.s, json.len, d->info.key, part, e);
	}
	crm_ytree_free(def);
	crm_buf_free(&json);
	return rc;
}

/* KEY.SUB = VALUE: one entry of a mapping setting, as a whole value;
 * yaml NULL returns the entry to the default's (or drops it). */
static int
merge_subkey(struct crm_session *s, const char *path, const char *yaml,
    const struct setting_def **d, struct crm_buf *json, struct crm_err *e)
{
	struct crm_ynode *whole = NULL, *part = NULL;
	char *key;
	const char *sub;
	int rc = -1;

	if ((*d = find_parent(path, &key)) == NULL) {
		rc = unknown_key(path, e);
		goto out;
	}
	sub = path + strlen(key) + 1;
	if (value_tree(s, key, &whole, e) < 0 || (yaml ? parse_value(*d, yaml,
	    &part, e) : default_entry(*d, sub, &part, e)) < 0)
		goto out;
	if (whole->type != CRM_Y_MAP && whole->type != CRM_Y_NULL) {
		rc = unknown_key(path, e);
		goto out;
	}
	whole->type = CRM_Y_MAP;
	put_entry(whole, sub, part);
	part = NULL;
	rc = check_node(*d, whole, json, e);
out:
	crm_ytree_free(whole);
	crm_ytree_free(part);
	free(key);
	return rc;
}

/* Set key (or KEY.SUB) to yaml; NULL: back to the default. */
static int
set_value(struct crm_session *s, const char *key, const char *yaml,
    const char *move_to, struct crm_err *e)
{
	const struct setting_def *d = find_def(key);
	struct crm_buf json = { 0 };
	int rc = -1;

	if (crm_session_require(s, CRM_ROLE_ADMIN, N_("change settings"),
	    e) < 0 || crm_session_begin(s, e) < 0)
		return -1;
	if (d != NULL)
		rc = crm_setting_check(key, yaml ? yaml : d->info.def, &json,
		    e);
	else
		rc = merge_subkey(s, key, yaml, &d, &json, e);
	if (rc == 0 && move_to && strcmp(d->info.key, "deal.stages") != 0)
		rc = crm_err_set(e, CRM_EX_USAGE, "--move-to is for "
		    "deal.stages only");
	if (rc == 0)
		rc = store(s, d, crm_buf_str(&json), move_to, e);
	crm_buf_free(&json);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_setting_set(struct crm_session *s, const char *key, const char *yaml,
    struct crm_err *e)
{
	return set_value(s, key, yaml, NULL, e);
}

int
crm_setting_unset(struct crm_session *s, const char *key, struct crm_err *e)
{
	return set_value(s, key, NULL, NULL, e);
}

int
crm_setting_set_moving(struct crm_session *s, const char *key,
    const char *yaml, const char *move_to, struct crm_err *e)
{
	return set_value(s, key, yaml, move_to, e);
}

/* The default as value_tree and crm_setting_yaml render a value (JSON,
 * then flow YAML): a setting nobody set shows the same text as value and
 * as default ("100%:30" quoted in both), so value != default finds what
 * the team changed. */
static int
default_yaml(const struct setting_def *d, struct crm_buf *yaml,
    struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc = crm_setting_check(d->info.key, d->info.def, &json, e);

	if (rc == 0)
		rc = crm_ytree_parse(crm_buf_str(&json), json.len,
		    d->info.key, &n, e);
	if (rc == 0) {
		crm_buf_reset(yaml);
		crm_ytree_flow(n, yaml);
	}
	crm_ytree_free(n);
	crm_buf_free(&json);
	return rc;
}

static const struct crm_col list_cols[] = {
	{ "key", CRM_COL_TEXT }, { "value", CRM_COL_TEXT },
	{ "default", CRM_COL_TEXT },
};

struct crm_rows *
crm_setting_list(struct crm_session *s, struct crm_err *e)
{
	struct crm_rows *r = crm_rows_mem(list_cols, 3);
	struct crm_buf val = { 0 }, def = { 0 };
	int rc = 0;

	for (size_t i = 0; i < crm_setting_ndefs && rc == 0; i++) {
		const struct setting_def *d = &crm_setting_defs[i];
		struct crm_val row[3];

		if (crm_setting_yaml(s, d->info.key, &val, e) < 0 ||
		    default_yaml(d, &def, e) < 0) {
			rc = -1;
			continue;
		}
		row[0] = crm_val_text(d->info.key);
		row[1] = crm_val_text(crm_buf_str(&val));
		row[2] = crm_val_text(crm_buf_str(&def));
		crm_rows_mem_add(r, row);
	}
	crm_buf_free(&val);
	crm_buf_free(&def);
	if (rc < 0) {
		crm_rows_close(r);
		return NULL;
	}
	return r;
}

int
crm_setting_export(struct crm_session *s, FILE *fp, struct crm_err *e)
{
	const char **keys = crm_xcalloc(crm_setting_ndefs, sizeof(char *));
	struct crm_ynode **vals = crm_xcalloc(crm_setting_ndefs,
	    sizeof(*vals));
	int rc = 0;

	for (size_t i = 0; i < crm_setting_ndefs && rc == 0; i++) {
		keys[i] = crm_setting_defs[i].info.key;
		rc = value_tree(s, keys[i], &vals[i], e);
	}
	if (rc == 0)
		rc = crm_ytree_emit_map(fp, keys,
		    (const struct crm_ynode *const *)vals, crm_setting_ndefs,
		    e);
	for (size_t i = 0; i < crm_setting_ndefs; i++)
		crm_ytree_free(vals[i]);
	free(vals);
	free(keys);
	return rc;
}

/* Check every entry of an import file; each bad one is reported. */
static int
check_import(struct crm_report *rep, const char *path,
    const struct crm_ynode *root, struct crm_buf *jsons, struct crm_err *e)
{
	for (size_t i = 0; i < root->n; i++) {
		const struct setting_def *d = find_def(root->keys[i]);
		struct crm_err one = { 0 };

		if (d == NULL)
			crm_report(rep, "%s:%ld: unknown setting '%s'",
			    path, root->items[i]->line, root->keys[i]);
		else if (check_node(d, root->items[i], &jsons[i], &one) < 0)
			crm_report(rep, "%s:%ld: %s", path,
			    root->items[i]->line, one.msg);
	}
	if (rep->count > 0)
		return crm_err_set(e, CRM_EX_CONFIG, "%ld bad setting%s in "
		    "'%s'; nothing changed", rep->count,
		    rep->count == 1 ? "" : "s", path);
	return 0;
}

int
crm_setting_import(struct crm_session *s, const char *path, int *changed,
    struct crm_err *e)
{
	struct crm_report none = { 0 };
	struct crm_report *rep = s->report ? s->report : &none;
	struct crm_ynode *root;
	struct crm_buf *jsons;
	int rc = -1;

	if (crm_session_require(s, CRM_ROLE_ADMIN, N_("change settings"),
	    e) < 0)
		return -1;
	if (crm_ytree_load(path, &root, e) < 0) {
		if (e->code == CRM_EX_DATAERR)
			e->code = CRM_EX_CONFIG;
		return -1;
	}
	if (root->type != CRM_Y_MAP && root->type != CRM_Y_NULL) {
		crm_ytree_free(root);
		return crm_err_set(e, CRM_EX_CONFIG, "%s: expected a mapping "
		    "of setting keys to values", path);
	}
	jsons = crm_xcalloc(root->n ? root->n : 1, sizeof(*jsons));
	if (check_import(rep, path, root, jsons, e) == 0 &&
	    crm_session_begin(s, e) == 0) {
		rc = 0;
		for (size_t i = 0; i < root->n && rc == 0; i++)
			rc = store(s, find_def(root->keys[i]),
			    crm_buf_str(&jsons[i]), NULL, e);
		rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	}
	*changed = s->run != 0;
	for (size_t i = 0; i < root->n; i++)
		crm_buf_free(&jsons[i]);
	free(jsons);
	crm_ytree_free(root);
	return rc;
}

int
crm_setting_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	const struct setting_def *d = find_def(g->id);
	struct crm_buf json = { 0 };
	int rc = 0;

	if (d == NULL)
		return unknown_key(g->id, e);
	/* the group is newest first: the last entry holds the oldest value */
	rc = crm_setting_check(g->id, g->olds[g->n - 1], &json, e);
	if (rc == 0)
		rc = store(s, d, crm_buf_str(&json), NULL, e);
	crm_buf_free(&json);
	return rc;
}
