/* Products (产品): adding one, changing it, retiring it, finding it by
 * its sku, and the refusal of a sku another product has. */
#include <stdio.h>
#include <stdlib.h>

#include "product-impl.h"
#include "crm/db.h"
#include "crm/find.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_by_sku[] =
	"SELECT id, name FROM products WHERE sku_key = ?1 AND id IS NOT ?2";

/* The product other than id with this sku key: 0 none, 1 (*found, and
 * its name in *name for the caller to free), -1 error. */
static int
by_sku(struct crm_session *s, const char *key, long long id,
    long long *found, char **name, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_by_sku, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, key);
	if (id > 0)
		sqlite3_bind_int64(st, 2, id);
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		*found = sqlite3_column_int64(st, 0);
		if (name)
			*name = crm_xstrdup(crm_db_col_text(st, 1));
	}
	sqlite3_reset(st);
	return rc;
}

/* Everyone sees the catalogue: a duplicate sku names the product. */
static int
dup_check(struct crm_session *s, const struct crm_record *p,
    struct crm_err *e)
{
	long long other;
	char *name = NULL;
	int rc = by_sku(s, p->key[0], p->id, &other, &name, e);

	if (rc == 1)
		crm_err_set(e, CRM_EX_DATAERR, "field 'sku': '%s' is the sku "
		    "of product %lld '%s'", p->f[CRM_PF_SKU], other, name);
	free(name);
	return rc == 0 ? 0 : -1;
}

static const struct crm_store_rules rules = {
	N_("add products"), 1ull << CRM_PF_SKU | 1ull << CRM_PF_NAME, NULL,
	dup_check
};

int
crm_product_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	return crm_store_add_input(s, &crm_product_entity, in, &rules, id, e);
}

int
crm_product_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e)
{
	return crm_store_edit_input(s, &crm_product_entity, id, in, &rules, e);
}

static int
retire_locked(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_record old, p = { 0 };
	int rc = -1;

	if (crm_scope_load(s, &crm_product_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	if (old.f[CRM_PF_ACTIVE] && *old.f[CRM_PF_ACTIVE] == '0') {
		rc = crm_err_set(e, CRM_EX_DATAERR, "product %lld '%s' is "
		    "retired already (edit --active 1 puts it back on sale)",
		    id, old.f[CRM_PF_NAME]);
		goto out;
	}
	crm_record_copy(&p, &old);
	crm_record_set(&p, CRM_PF_ACTIVE, "0");
	rc = crm_store_save(s, &old, &p, e);
out:
	crm_record_free(&old);
	crm_record_free(&p);
	return rc;
}

int
crm_product_retire(struct crm_session *s, long long id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = retire_locked(s, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_product_find(struct crm_session *s, const char *text, long long *id,
    struct crm_err *e)
{
	const struct crm_key *k = &crm_product_entity.keys[0];
	struct crm_buf key = { 0 };
	int rc = 0;

	if (k->make(text, &key) == 0)
		rc = by_sku(s, key.s, 0, id, NULL, e);
	crm_buf_free(&key);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	return crm_find(s, &crm_product_entity, text, id, e);
}

int
crm_product_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_product_entity, g, e);
}
