/* Lead scores (评分): the points of the setting lead.score_rules and a
 * naive Bayes probability of conversion learned from the database's own
 * converted and disqualified leads, blended into the stored 0-100 score.
 *
 * The model is the team's: trained in one aggregate query over every
 * closed lead, seen by the user or not, so that a rep's score means what
 * a colleague's does; what reaches the user is log-odds made of counts,
 * never a record. Each factor's likelihood has Laplace (add-one)
 * smoothing over the values the history holds; the prior is smoothed
 * the same way, so a history of only one outcome is no certainty. A lead
 * with no value for a factor, or one no closed lead had, gets no
 * evidence from it (log-odds 0). Below CRM_LEAD_MIN_HISTORY closed leads
 * there is no model and the rule points alone make the score:
 *
 *	no model:	score = clamp(points, 0, 100)
 *	model:		score = round((clamp(points, 0, 100) + 100 p) / 2)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lead-impl.h"
#include "crm/column-names.h"
#include "crm/rows.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/ytree.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* The factors of the model, as the training query numbers them. */
enum { F_SOURCE, F_CHANNEL, F_REGION, F_INDUSTRY, F_SIZE, NF };
static const char *const factor_names[NF] = { "source", "channel",
	"region", "industry", "size" };
/* The value rules in the order crm-config(5) lists them. */
static const int rule_order[NF] = { F_SOURCE, F_SIZE, F_INDUSTRY, F_REGION,
	F_CHANNEL };
static const char *const flat_rules[] = { "has_phone", "has_email",
	"has_company" };
static const int flat_fields[] = { CRM_LF_PHONE, CRM_LF_EMAIL,
	CRM_LF_COMPANY };

/* Per factor (0-4) and value, and overall (-1): how many closed leads
 * converted and how many did not, in one pass over them. */
static const char sql_train[] =
	"WITH closed AS (SELECT l.status = 'converted' AS y, "
	"NULLIF(l.source, '') AS f0, c.channel AS f1, "
	"NULLIF(l.region, '') AS f2, NULLIF(l.industry, '') AS f3, "
	"NULLIF(l.size, '') AS f4 FROM leads l LEFT JOIN campaigns c "
	"ON c.id = l.campaign_id WHERE l.status = 'converted' "
	"OR l.status = 'disqualified') "
	"SELECT -1, NULL, coalesce(sum(y), 0), count(*) - coalesce(sum(y), 0) "
	"FROM closed UNION ALL "
	"SELECT 0, f0, sum(y), count(*) - sum(y) FROM closed "
	"WHERE f0 IS NOT NULL GROUP BY f0 UNION ALL "
	"SELECT 1, f1, sum(y), count(*) - sum(y) FROM closed "
	"WHERE f1 IS NOT NULL GROUP BY f1 UNION ALL "
	"SELECT 2, f2, sum(y), count(*) - sum(y) FROM closed "
	"WHERE f2 IS NOT NULL GROUP BY f2 UNION ALL "
	"SELECT 3, f3, sum(y), count(*) - sum(y) FROM closed "
	"WHERE f3 IS NOT NULL GROUP BY f3 UNION ALL "
	"SELECT 4, f4, sum(y), count(*) - sum(y) FROM closed "
	"WHERE f4 IS NOT NULL GROUP BY f4 ORDER BY 1, 2";
static const char sql_channel[] =
	"SELECT channel FROM campaigns WHERE id = ?1";
/* The open leads the user may change: all for marketing and admins
 * (?2), else those of the user and (a manager's) team; not the pool's,
 * which are claimed first. */
static const char sql_open[] =
	SCOPE_TEAM "SELECT l.id FROM leads l WHERE l.status <> 'converted' "
	"AND l.status <> 'disqualified' AND (?2 OR l.owner IN "
	"(SELECT login FROM team)) ORDER BY l.id";

struct vcount {
	char *v;
	long n[2];		/* disqualified, converted */
};

struct factor {
	struct vcount *v;	/* in byte order, for bsearch */
	size_t n;
	long total[2];		/* closed leads with a value */
};

struct crm_lead_scorer {
	struct crm_session *s;
	struct crm_ynode *rules;
	long n[2];		/* closed leads: disqualified, converted */
	struct factor f[NF];
	int model, explain, tr;
	struct crm_rows *rows;
	long scored, skipped;
};

static const struct crm_col score_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "points"), CRM_COL_INT },
	{ NC_("column", "conversion"), CRM_COL_INT },
	{ NC_("column", "score"), CRM_COL_INT },
};
static const struct crm_col explain_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "factor"), CRM_COL_TEXT },
	{ NC_("column", "value"), CRM_COL_TEXT },
	{ NC_("column", "points"), CRM_COL_INT },
	{ NC_("column", "log_odds"), CRM_COL_INT },
};

static int
train(struct crm_lead_scorer *sc, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(sc->s->db, sql_train, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(sc->s->db, st, e)) == 1) {
		int i = sqlite3_column_int(st, 0);
		long yes = sqlite3_column_int64(st, 2);
		long no = sqlite3_column_int64(st, 3);
		struct factor *f;

		if (i < 0 || i >= NF) {
			sc->n[1] = yes;
			sc->n[0] = no;
			continue;
		}
		f = &sc->f[i];
		f->v = crm_xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
		f->v[f->n++] = (struct vcount){
			crm_xstrdup(crm_db_col_text(st, 1)), { no, yes } };
		f->total[0] += no;
		f->total[1] += yes;
	}
	sc->model = sc->n[0] + sc->n[1] >= CRM_LEAD_MIN_HISTORY;
	return rc;
}

static int
read_rules(struct crm_lead_scorer *sc, struct crm_err *e)
{
	struct crm_buf json = { 0 };
	int rc = crm_setting_json(sc->s, "lead.score_rules", &json, e);

	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, "lead.score_rules",
		    &sc->rules, e);
	crm_buf_free(&json);
	return rc;
}

struct crm_lead_scorer *
crm_lead_scorer_new(struct crm_session *s, unsigned flags,
    struct crm_err *e)
{
	struct crm_lead_scorer *sc;

	if (crm_session_require(s, crm_lead_entity.scope->change,
	    _("score leads"), e) < 0)
		return NULL;
	sc = crm_xcalloc(1, sizeof(*sc));
	sc->s = s;
	sc->explain = (flags & CRM_LEAD_SCORE_EXPLAIN) != 0;
	sc->tr = (flags & CRM_LEAD_SCORE_WORDS) != 0;
	sc->rows = sc->explain ? crm_rows_mem(explain_cols, 5) :
	    crm_rows_mem(score_cols, 5);
	if (read_rules(sc, e) < 0 || train(sc, e) < 0) {
		crm_lead_scorer_free(sc);
		return NULL;
	}
	return sc;
}

/* The factors that are not fields, for xgettext: a table says them in
 * the user's language, csv and the rest as they are. */
static const char *const factor_words[] __attribute__((unused)) = {
	NC_("factor", "has_phone"), NC_("factor", "has_email"),
	NC_("factor", "has_company"), NC_("factor", "points"),
	NC_("factor", "prior"), NC_("factor", "conversion"),
	NC_("factor", "score"),
};

/* A factor as the table says it: a field by its column's word. */
static const char *
factor_word(const struct crm_lead_scorer *sc, const char *factor)
{
	if (!sc->tr)
		return factor;
	if (crm_entity_field(&crm_lead_entity, factor) >= 0 ||
	    strcmp(factor, "channel") == 0)
		return crm_column_word(factor);
	return crm_cgettext("factor", factor);
}

/* A row of --explain; NULL leaves a cell empty. */
static void
explain_row(struct crm_lead_scorer *sc, const char *id, const char *factor,
    const char *value, const char *points, const char *log_odds)
{
	struct crm_val v[5] = { crm_val_text(id),
		crm_val_text(factor_word(sc, factor)),
		crm_val_text(value), crm_val_text(points),
		crm_val_text(log_odds) };

	crm_rows_mem_add(sc->rows, v);
}

static long
rule_int(const struct crm_ynode *n)
{
	long long v;

	return n != NULL && crm_ytree_int(n, &v) ? (long)v : 0;
}

/* The rule points of lead l whose factor values are v; with --explain a
 * row for each rule the setting has, then their sum. */
static long
rule_points(struct crm_lead_scorer *sc, const struct crm_record *l,
    const char *const *v)
{
	long sum = 0, p;
	char pts[32];

	for (size_t i = 0; i < 3; i++) {
		const struct crm_ynode *r = crm_ytree_get(sc->rules,
		    flat_rules[i]);

		if (r == NULL)
			continue;
		p = l->f[flat_fields[i]] != NULL ? rule_int(r) : 0;
		sum += p;
		snprintf(pts, sizeof(pts), "%ld", p);
		if (sc->explain)
			explain_row(sc, l->f[CRM_LF_ID], flat_rules[i], NULL,
			    pts, NULL);
	}
	for (size_t i = 0; i < NF; i++) {
		int k = rule_order[i];
		const struct crm_ynode *r = crm_ytree_get(sc->rules,
		    factor_names[k]);

		if (r == NULL)
			continue;
		p = v[k] != NULL ? rule_int(crm_ytree_get(r, v[k])) : 0;
		sum += p;
		snprintf(pts, sizeof(pts), "%ld", p);
		if (sc->explain)
			explain_row(sc, l->f[CRM_LF_ID], factor_names[k], v[k],
			    pts, NULL);
	}
	snprintf(pts, sizeof(pts), "%ld", sum);
	if (sc->explain)
		explain_row(sc, l->f[CRM_LF_ID], "points", NULL, pts, NULL);
	return sum;
}

static int
vcount_cmp(const void *key, const void *item)
{
	return strcmp(key, ((const struct vcount *)item)->v);
}

/* The evidence of value v of factor f: log P(v|converted) - log
 * P(v|disqualified), each smoothed over the factor's values. */
static double
factor_log_odds(const struct factor *f, const char *v)
{
	const struct vcount *c;
	double k = (double)f->n;

	if (v == NULL || (c = bsearch(v, f->v, f->n, sizeof(*f->v),
	    vcount_cmp)) == NULL)
		return 0;
	return log((c->n[1] + 1.0) / (f->total[1] + k)) -
	    log((c->n[0] + 1.0) / (f->total[0] + k));
}

/* The log-odds of conversion of a lead with factor values v; with
 * --explain the prior's and each factor's. */
static double
model_log_odds(struct crm_lead_scorer *sc, const char *id,
    const char *const *v)
{
	double lo = log((sc->n[1] + 1.0) / (sc->n[0] + 1.0)), x;
	char buf[32];

	snprintf(buf, sizeof(buf), "%.3f", lo);
	if (sc->explain)
		explain_row(sc, id, "prior", NULL, NULL, buf);
	for (size_t i = 0; i < NF; i++) {
		x = factor_log_odds(&sc->f[i], v[i]);
		lo += x;
		snprintf(buf, sizeof(buf), "%.3f", x);
		if (sc->explain)
			explain_row(sc, id, factor_names[i], v[i], NULL, buf);
	}
	return lo;
}

static long
clamp100(long v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

/* The campaign's channel of lead l, into buf (NULL without one). */
static int
lead_channel(struct crm_lead_scorer *sc, const struct crm_record *l,
    char *buf, size_t cap, const char **out, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (l->f[CRM_LF_CAMPAIGN] == NULL)
		return 0;
	if ((st = crm_db_prepare(sc->s->db, sql_channel, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, l->f[CRM_LF_CAMPAIGN]);
	if ((rc = crm_db_row(sc->s->db, st, e)) <= 0)
		return rc;
	snprintf(buf, cap, "%s", crm_db_col_text(st, 0));
	sqlite3_reset(st);
	*out = buf;
	return 0;
}

/* The row of a lead without --explain, or the totals of its model and
 * its score. */
static void
result_rows(struct crm_lead_scorer *sc, const struct crm_record *l,
    long points, const char *prob, const char *lo, const char *score)
{
	char pts[32];
	struct crm_val v[5];

	snprintf(pts, sizeof(pts), "%ld", points);
	if (sc->explain) {
		if (prob != NULL)
			explain_row(sc, l->f[CRM_LF_ID], "conversion", prob,
			    NULL, lo);
		explain_row(sc, l->f[CRM_LF_ID], "score", score, NULL, NULL);
		return;
	}
	v[0] = crm_val_text(l->f[CRM_LF_ID]);
	v[1] = crm_val_text(l->f[CRM_LF_NAME]);
	v[2] = crm_val_text(pts);
	v[3] = crm_val_text(prob);
	v[4] = crm_val_text(score);
	crm_rows_mem_add(sc->rows, v);
}

/* Score a loaded lead and save the score when it changed. */
static int
score_record(struct crm_lead_scorer *sc, const struct crm_record *old,
    struct crm_err *e)
{
	const char *v[NF] = { old->f[CRM_LF_SOURCE], NULL,
		old->f[CRM_LF_REGION], old->f[CRM_LF_INDUSTRY],
		old->f[CRM_LF_SIZE] };
	char chan[64], prob[32] = "", lo_text[32] = "", score[32];
	long points;
	double lo = 0, p = 0;
	struct crm_record l = { 0 };
	int rc = 0;

	if (lead_channel(sc, old, chan, sizeof(chan), &v[F_CHANNEL], e) < 0)
		return -1;
	points = rule_points(sc, old, v);
	if (sc->model) {
		lo = model_log_odds(sc, old->f[CRM_LF_ID], v);
		p = 1 / (1 + exp(-lo));
		snprintf(prob, sizeof(prob), "%.1f", 100 * p);
		snprintf(lo_text, sizeof(lo_text), "%.3f", lo);
		snprintf(score, sizeof(score), "%ld",
		    (long)floor((clamp100(points) + 100 * p) / 2 + 0.5));
	} else {
		snprintf(score, sizeof(score), "%ld", clamp100(points));
	}
	result_rows(sc, old, points, sc->model ? prob : NULL, lo_text, score);
	sc->scored++;
	if (old->f[CRM_LF_SCORE] && strcmp(old->f[CRM_LF_SCORE], score) == 0)
		return 0;
	crm_record_copy(&l, old);
	crm_record_set(&l, CRM_LF_SCORE, score);
	/* a computed value, not an edit: updated_at stays */
	if (crm_store_update(sc->s, &l, e) < 0 ||
	    crm_store_audit(sc->s, "update", old, &l, e) < 0)
		rc = -1;
	crm_record_free(&l);
	return rc;
}

static int
closed(const struct crm_record *l)
{
	const char *st = l->f[CRM_LF_STATUS];

	return strcmp(st, "converted") == 0 || strcmp(st, "disqualified") == 0;
}

/* checked: the id comes from sql_open, which checked the user's scope. */
static int
score_id_locked(struct crm_lead_scorer *sc, long long id, int checked,
    struct crm_err *e)
{
	struct crm_record l;
	int rc;

	if (checked)
		rc = crm_store_load(sc->s, &crm_lead_entity, id, &l, e);
	else if ((rc = crm_scope_load(sc->s, &crm_lead_entity, id, &l,
	    e)) == 0)
		rc = crm_scope_may_change(sc->s, &l, e);
	if (rc < 0)
		goto out;
	if (closed(&l)) {
		sc->skipped++;
		rc = 0;
	} else {
		rc = score_record(sc, &l, e);
	}
out:
	crm_record_free(&l);
	return rc;
}

int
crm_lead_score_id(struct crm_lead_scorer *sc, long long id,
    struct crm_err *e)
{
	int rc;

	if (crm_session_begin(sc->s, e) < 0)
		return -1;
	rc = score_id_locked(sc, id, 0, e);
	return crm_session_end(sc->s, rc == 0, e) < 0 ? -1 : rc;
}

/* The ids first: the scores are written while nothing reads leads. */
static int
score_all_locked(struct crm_lead_scorer *sc, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(sc->s->db, sql_open, e);
	long long *ids = NULL;
	size_t n = 0;
	int rc;

	if (st == NULL || crm_scope_bind(sc->s, &crm_lead_entity, st, e) < 0)
		return -1;
	while ((rc = crm_db_row(sc->s->db, st, e)) == 1) {
		ids = crm_xrealloc(ids, (n + 1) * sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = score_id_locked(sc, ids[i], 1, e);
	free(ids);
	return rc;
}

int
crm_lead_score_all(struct crm_lead_scorer *sc, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(sc->s, e) < 0)
		return -1;
	rc = score_all_locked(sc, e);
	return crm_session_end(sc->s, rc == 0, e) < 0 ? -1 : rc;
}

void
crm_lead_scorer_info(const struct crm_lead_scorer *sc,
    struct crm_lead_score_info *info)
{
	info->scored = sc->scored;
	info->skipped = sc->skipped;
	info->closed = sc->n[0] + sc->n[1];
	info->converted = sc->n[1];
	info->model = sc->model;
}

struct crm_rows *
crm_lead_scorer_rows(struct crm_lead_scorer *sc)
{
	struct crm_rows *r = sc->rows;

	sc->rows = NULL;
	return r;
}

void
crm_lead_scorer_free(struct crm_lead_scorer *sc)
{
	if (sc == NULL)
		return;
	for (size_t i = 0; i < NF; i++) {
		for (size_t k = 0; k < sc->f[i].n; k++)
			free(sc->f[i].v[k].v);
		free(sc->f[i].v);
	}
	crm_ytree_free(sc->rules);
	if (sc->rows)
		crm_rows_close(sc->rows);
	free(sc);
}
