/* crm-deal score: the evaluation of an open deal (机会评估), 0 to 100, a
 * weighted sum of six factors, each from 0 to 1:
 *
 *   urgency      15  (urgency − 1) ÷ 4; none: 3, neutral
 *   budget       15  (budget − 1) ÷ 4; none: 3
 *   competition  10  (5 − competition) ÷ 4; none: 3
 *   stage        25  the deal's probability, else its stage's
 *   age          15  1 up to the typical cycle (the median, in days, of
 *                    closed deals from creation to the close), then down
 *                    to 0 at twice that; 0.5 with no closed deal
 *   history      20  the win rate of closed deals of the same kind and
 *                    owner, smoothed toward the overall rate p:
 *                    (won + 5p) ÷ (closed + 5); p is 0.5 with none
 *
 * The history is the team's — every closed deal, not only those the
 * user sees — so that a deal's score does not depend on who scores it.
 * The score is stored on the deal through the store: one run, audited,
 * undone by crm undo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal-impl.h"
#include "scope-sql.h"
#include "crm/deal-report.h"
#include "crm/store.h"
#include "crm/banned.h"

#define SMOOTH 5	/* closed deals' worth of the overall rate */

enum { F_URGENCY, F_BUDGET, F_COMPETITION, F_STAGE, F_AGE, F_HISTORY,
	NFACTORS };

static const char *const factor_names[NFACTORS] = { N_("urgency"),
	N_("budget"), N_("competition"), N_("stage"), N_("age"),
	N_("history") };
static const int weights[NFACTORS] = { 15, 15, 10, 25, 15, 20 };

struct hist {			/* closed deals of a kind and an owner */
	char *kind, *owner;
	long n, won;
};

struct scorer {
	struct crm_stages stages;
	struct hist *h;
	size_t nh;
	long closed, won;
	double typical;		/* median cycle in days; < 0: none */
	crm_day today;
	int explain, tr;
	struct crm_rows *rows;
};

static const char sql_hist[] =
	"SELECT kind, owner, count(*), sum(stage = 'won') FROM deals "
	"WHERE stage = 'won' OR stage = 'lost' GROUP BY kind, owner "
	"ORDER BY kind, owner";
/* the middle one or two cycles: ?1 offset, ?2 count */
static const char sql_cycle[] =
	"SELECT avg(d) FROM (SELECT julianday(coalesce(won_at, lost_at, "
	"substr(stage_at, 1, 10))) - julianday(substr(created_at, 1, 10)) "
	"AS d FROM deals WHERE stage = 'won' OR stage = 'lost' ORDER BY d "
	"LIMIT ?2 OFFSET ?1)";

/* The open deals in scope, built once: with the roles that change deals
 * (crm_session_require first), those in scope are those they change. */
static const char *
open_sql(void)
{
	static char *sql;
	struct crm_buf b = { 0 };

	if (sql != NULL)
		return sql;
	crm_buf_adds(&b, SCOPE_TEAM "SELECT c.id FROM deals c WHERE "
	    "c.stage <> 'won' AND c.stage <> 'lost' AND ");
	crm_scope_visible_sql(&b, &crm_deal_entity, "c");
	crm_buf_adds(&b, "ORDER BY c.id");
	sql = crm_buf_detach(&b);
	return sql;
}

static int
load_hist(struct crm_session *s, struct scorer *sc, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_hist, e);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct hist *h;

		if (sc->nh == cap) {
			cap = cap ? cap * 2 : 16;
			sc->h = crm_xrealloc(sc->h, cap * sizeof(*sc->h));
		}
		h = &sc->h[sc->nh++];
		h->kind = crm_xstrdup(crm_db_col_text(st, 0));
		h->owner = crm_xstrdup(crm_db_col_text(st, 1));
		h->n = sqlite3_column_int(st, 2);
		h->won = sqlite3_column_int(st, 3);
		sc->closed += h->n;
		sc->won += h->won;
	}
	return rc;
}

static int
load_typical(struct crm_session *s, struct scorer *sc, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	sc->typical = -1;
	if (sc->closed == 0)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_cycle, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sc->closed - 1) / 2);
	sqlite3_bind_int64(st, 2, 2 - sc->closed % 2);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc && sqlite3_column_type(st, 0) != SQLITE_NULL)
		sc->typical = sqlite3_column_double(st, 0);
	if (rc)
		sqlite3_reset(st);
	return 0;
}

static void
scorer_free(struct scorer *sc)
{
	for (size_t i = 0; i < sc->nh; i++) {
		free(sc->h[i].kind);
		free(sc->h[i].owner);
	}
	free(sc->h);
	crm_stages_free(&sc->stages);
}

static int
hist_cmp(const void *key, const void *elt)
{
	const struct hist *a = key, *b = elt;
	int c = strcmp(a->kind, b->kind);

	return c ? c : strcmp(a->owner, b->owner);
}

static const struct hist *
hist_find(const struct scorer *sc, const char *kind, const char *owner)
{
	struct hist k = { (char *)kind, (char *)owner, 0, 0 };

	if (kind == NULL || owner == NULL || sc->nh == 0)
		return NULL;
	return bsearch(&k, sc->h, sc->nh, sizeof(*sc->h), hist_cmp);
}

/* A 1-5 field as a factor; *v gets its value (3 when missing). */
static double
level(const char *text, int reverse, int *v)
{
	/* stored values, checked 1 to 5 when they were written */
	*v = text ? (int)strtol(text, NULL, 10) : 0;
	if (*v < 1 || *v > 5)
		*v = 3;
	return (reverse ? 5 - *v : *v - 1) / 4.0;
}

struct factors {
	double f[NFACTORS];
	struct crm_buf why[NFACTORS];	/* the values, for --explain */
};

static void
factor_levels(const struct scorer *sc, const struct crm_record *d,
    struct factors *x)
{
	static const int fields[3] = { CRM_DF_URGENCY, CRM_DF_BUDGET,
		CRM_DF_COMPETITION };

	for (int i = 0; i < 3; i++) {
		const char *text = d->f[fields[i]];
		int v;

		x->f[i] = level(text, i == F_COMPETITION, &v);
		if (text)
			crm_buf_addf(&x->why[i], "%d", v);
		else
			crm_buf_addf(&x->why[i], T_(sc->tr, "none (%d)"), v);
	}
}

static void
factor_stage(const struct scorer *sc, const struct crm_record *d,
    struct factors *x)
{
	const struct crm_stage *st = crm_stages_find(&sc->stages,
	    d->f[CRM_DF_STAGE]);
	const char *own = d->f[CRM_DF_PROBABILITY];
	int p = own ? (int)strtol(own, NULL, 10) : st ? st->probability : 0;

	x->f[F_STAGE] = p / 100.0;
	if (own)
		crm_buf_addf(&x->why[F_STAGE], T_(sc->tr, "%d%% (its own)"), p);
	else	/* people read the label, data the key */
		crm_buf_addf(&x->why[F_STAGE], "%s %d%%", sc->tr && st ?
		    st->label : d->f[CRM_DF_STAGE], p);
}

static void
factor_age(const struct scorer *sc, const struct crm_record *d,
    struct factors *x)
{
	const char *created = d->f[CRM_DF_CREATED_AT];
	char date[CRM_DATE_LEN] = "";
	crm_day day = sc->today;
	long age;

	if (created)
		snprintf(date, sizeof(date), "%s", created);
	if (crm_date_parse(date, &day, NULL) < 0)
		day = sc->today;
	age = sc->today - day;
	if (sc->typical <= 0) {
		x->f[F_AGE] = 0.5;
		crm_buf_addf(&x->why[F_AGE], T_(sc->tr, "%ld days; no closed "
		    "deals"), age);
		return;
	}
	x->f[F_AGE] = age <= sc->typical ? 1 : 2 - age / sc->typical;
	if (x->f[F_AGE] < 0)
		x->f[F_AGE] = 0;
	crm_buf_addf(&x->why[F_AGE], T_(sc->tr, "%ld days; typical %.1f"),
	    age, sc->typical);
}

static void
factor_history(const struct scorer *sc, const struct crm_record *d,
    struct factors *x)
{
	const struct hist *h = hist_find(sc, d->f[CRM_DF_KIND],
	    d->f[CRM_DF_OWNER]);
	double p = sc->closed ? (double)sc->won / (double)sc->closed : 0.5;
	long n = h ? h->n : 0, won = h ? h->won : 0;

	x->f[F_HISTORY] = (won + SMOOTH * p) / (double)(n + SMOOTH);
	crm_buf_addf(&x->why[F_HISTORY], T_(sc->tr, "%ld of %ld won; "
	    "overall %.1f%%"), won, n, 100 * p);
}

/* The score of d, 0 to 100; x gets the factors. */
static int
score_of(const struct scorer *sc, const struct crm_record *d,
    struct factors *x)
{
	double sum = 0;

	memset(x, 0, sizeof(*x));
	factor_levels(sc, d, x);
	factor_stage(sc, d, x);
	factor_age(sc, d, x);
	factor_history(sc, d, x);
	for (int i = 0; i < NFACTORS; i++)
		sum += weights[i] * x->f[i];
	return (int)(sum + 0.5);
}

static const struct crm_col explain_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "factor"), CRM_COL_TEXT },
	{ NC_("column", "value"), CRM_COL_TEXT },
	{ NC_("column", "weight"), CRM_COL_INT },
	{ NC_("column", "points"), CRM_COL_INT },
};
static const struct crm_col score_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "old"), CRM_COL_INT },
	{ NC_("column", "score"), CRM_COL_INT },
};

static void
explain_row(struct crm_rows *rows, const char *id, const char *factor,
    const char *value, int weight, double points)
{
	char w[16], p[32];
	struct crm_val v[5];

	snprintf(w, sizeof(w), "%d", weight);
	snprintf(p, sizeof(p), "%.1f", points);
	v[0] = crm_val_text(id);
	v[1] = crm_val_text(factor);
	v[2] = crm_val_text(value);
	v[3] = crm_val_text(w);
	v[4] = crm_val_text(p);
	crm_rows_mem_add(rows, v);
}

static void
add_rows(struct scorer *sc, const struct crm_record *d, struct factors *x,
    int score)
{
	char id[24], total[16];
	struct crm_val v[4];

	snprintf(id, sizeof(id), "%lld", d->id);
	snprintf(total, sizeof(total), "%d", score);
	if (!sc->explain) {
		v[0] = crm_val_text(id);
		v[1] = crm_val_text(d->f[CRM_DF_NAME]);
		v[2] = crm_val_text(d->f[CRM_DF_SCORE]);
		v[3] = crm_val_text(total);
		crm_rows_mem_add(sc->rows, v);
		return;
	}
	for (int i = 0; i < NFACTORS; i++)
		explain_row(sc->rows, id, T_(sc->tr, factor_names[i]),
		    x->why[i].s, weights[i], weights[i] * x->f[i]);
	explain_row(sc->rows, id, T_(sc->tr, "score"), total, 100, score);
}

/* Score one deal and store its score when it changed. */
static int
score_one(struct crm_session *s, struct scorer *sc, long long id,
    struct crm_err *e)
{
	struct crm_record old, d = { 0 };
	struct factors x;
	const char *stage, *bad;
	char text[16];
	int score, rc = -1;

	if (crm_scope_load(s, &crm_deal_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	stage = old.f[CRM_DF_STAGE];
	if (stage && (strcmp(stage, "won") == 0 || strcmp(stage, "lost") ==
	    0)) {
		rc = crm_err_set(e, CRM_EX_DATAERR, "deal %lld is closed "
		    "(%s): only open deals are scored", id, stage);
		goto out;
	}
	score = score_of(sc, &old, &x);
	add_rows(sc, &old, &x, score);
	for (int i = 0; i < NFACTORS; i++)
		crm_buf_free(&x.why[i]);
	snprintf(text, sizeof(text), "%d", score);
	if (old.f[CRM_DF_SCORE] && strcmp(old.f[CRM_DF_SCORE], text) == 0) {
		rc = 0;
		goto out;
	}
	crm_record_copy(&d, &old);
	crm_record_set(&d, CRM_DF_SCORE, text);
	if (crm_record_finish(&d, 0, &bad, e) == 0)
		rc = crm_store_save(s, &old, &d, e);
out:
	crm_record_free(&old);
	crm_record_free(&d);
	return rc;
}

/* The open deals the user may change (a manager's team's, a rep's
 * own, every one for an admin). */
static long long *
open_ids(struct crm_session *s, size_t *n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, open_sql(), e);
	long long *ids = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (st == NULL || crm_scope_bind(s, &crm_deal_entity, st, e) < 0)
		return NULL;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = crm_xrealloc(ids, cap * sizeof(*ids));
		}
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc < 0) {
		free(ids);
		return NULL;
	}
	return ids ? ids : crm_xcalloc(1, sizeof(*ids));
}

static int
score_all(struct crm_session *s, struct scorer *sc, const long long *ids,
    size_t n, struct crm_err *e)
{
	long long *own = NULL;

	if (crm_session_require(s, crm_deal_entity.scope->change,
	    N_("score deals"), e) < 0 ||
	    crm_stages_load(s, &sc->stages, e) < 0 ||
	    load_hist(s, sc, e) < 0 || load_typical(s, sc, e) < 0)
		return -1;
	if (n == 0 && (ids = own = open_ids(s, &n, e)) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (score_one(s, sc, ids[i], e) < 0) {
			free(own);
			return -1;
		}
	free(own);
	return 0;
}

struct crm_rows *
crm_deal_score(struct crm_session *s, const long long *ids, size_t n,
    int explain, int tr, struct crm_err *e)
{
	struct scorer sc = { 0 };
	int rc;

	sc.today = crm_today();
	sc.explain = explain;
	sc.tr = tr;
	sc.rows = explain ? crm_rows_mem(explain_cols, 5) :
	    crm_rows_mem(score_cols, 4);
	if (crm_session_begin(s, e) < 0) {
		crm_rows_close(sc.rows);
		return NULL;
	}
	rc = score_all(s, &sc, ids, n, e);
	scorer_free(&sc);
	if (crm_session_end(s, rc == 0, e) < 0 || rc < 0) {
		crm_rows_close(sc.rows);
		return NULL;
	}
	return sc.rows;
}
