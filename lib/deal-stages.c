/* The stages of deals: the setting deal.stages (key, label, probability,
 * follow-up days), in its order — read once per command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal-impl.h"
#include "crm/setting.h"
#include "crm/ytree.h"
#include "crm/banned.h"

static int
stage_int(const struct crm_ynode *st, const char *key)
{
	const struct crm_ynode *n = crm_ytree_get(st, key);
	long long v;

	return n && crm_ytree_int(n, &v) ? (int)v : 0;
}

int
crm_stages_load(struct crm_session *s, struct crm_stages *st,
    struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc;

	memset(st, 0, sizeof(*st));
	rc = crm_setting_json(s, "deal.stages", &json, e);
	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, "deal.stages", &n, e);
	crm_buf_free(&json);
	if (rc < 0)
		return -1;
	st->v = crm_xcalloc(n->n ? n->n : 1, sizeof(*st->v));
	for (size_t i = 0; i < n->n; i++) {
		const struct crm_ynode *item = n->items[i];
		const struct crm_ynode *label = crm_ytree_get(item, "label");

		st->v[i].key = crm_xstrdup(crm_ytree_get(item, "key")->s);
		st->v[i].label = crm_xstrdup(label && label->s ? label->s :
		    st->v[i].key);
		st->v[i].probability = stage_int(item, "probability");
		st->v[i].followup_days = stage_int(item, "followup_days");
	}
	st->n = n->n;
	crm_ytree_free(n);
	return 0;
}

void
crm_stages_free(struct crm_stages *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].key);
		free(st->v[i].label);
	}
	free(st->v);
	memset(st, 0, sizeof(*st));
}

const struct crm_stage *
crm_stages_find(const struct crm_stages *st, const char *key)
{
	for (size_t i = 0; key && i < st->n; i++)
		if (strcmp(st->v[i].key, key) == 0)
			return &st->v[i];
	return NULL;
}

static const struct crm_col stage_cols[] = {
	{ NC_("column", "stage"), CRM_COL_TEXT },
	{ NC_("column", "label"), CRM_COL_TEXT },
	{ NC_("column", "probability"), CRM_COL_INT },
	{ NC_("column", "followup_days"), CRM_COL_INT },
};

struct crm_rows *
crm_stages_list(struct crm_session *s, struct crm_err *e)
{
	struct crm_stages st;
	struct crm_rows *rows;

	if (crm_stages_load(s, &st, e) < 0)
		return NULL;
	rows = crm_rows_mem(stage_cols, sizeof(stage_cols) /
	    sizeof(*stage_cols));
	for (size_t i = 0; i < st.n; i++) {
		char p[16], f[16];
		struct crm_val v[4];

		snprintf(p, sizeof(p), "%d", st.v[i].probability);
		snprintf(f, sizeof(f), "%d", st.v[i].followup_days);
		v[0] = crm_val_text(st.v[i].key);
		v[1] = crm_val_text(st.v[i].label);
		v[2] = crm_val_text(p);
		v[3] = crm_val_text(st.v[i].followup_days ? f : NULL);
		crm_rows_mem_add(rows, v);
	}
	crm_stages_free(&st);
	return rows;
}

static const char sql_history[] =
	"SELECT at, from_stage, to_stage, by_login, note FROM deal_stages "
	"WHERE deal_id = ? ORDER BY at, id";
static const struct crm_col history_cols[] = {
	{ NC_("column", "at"), CRM_COL_TIME },
	/* not "from" and "to": an owner's (原负责人) in Chinese */
	{ NC_("column", "from_stage"), CRM_COL_TEXT },
	{ NC_("column", "to_stage"), CRM_COL_TEXT },
	{ NC_("column", "by"), CRM_COL_TEXT },
	{ NC_("column", "note"), CRM_COL_TEXT },
};

struct crm_rows *
crm_deal_stage_history(struct crm_session *s, long long id,
    struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_deal_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_history, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return crm_rows_from_stmt(s->db, st, history_cols,
	    sizeof(history_cols) / sizeof(*history_cols), 0);
}
