/* Shipments (出货单): crm-order ship and shipment deliver, and the rows
 * show prints. A ship writes the shipment and its lines, adds to the
 * order lines' shipped (audited as the order's field "lines", which crm
 * undo puts back) and moves a confirmed order to shipped; a deliver
 * moves the order to delivered once all is shipped and delivered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "order-impl.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "crm/shipment.h"
#include "crm/store.h"
#include "crm/banned.h"

/* An order line, and what of it this shipment takes (go). */
struct oline {
	int line;
	long long product;
	char *sku, *name;
	long long qty, shipped, go;
};

static const char sql_olines[] =
	"SELECT line, sku, name, qty, shipped, product_id FROM order_lines "
	"WHERE order_id = ? ORDER BY line";

static void
olines_free(struct oline *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].sku);
		free(v[i].name);
	}
	free(v);
}

static int
olines_load(struct crm_session *s, long long id, struct oline **v,
    size_t *n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_olines, e);
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct oline *l;

		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*v = crm_xrealloc(*v, cap * sizeof(**v));
		}
		l = &(*v)[(*n)++];
		l->line = sqlite3_column_int(st, 0);
		l->sku = crm_xstrdup(crm_db_col_text(st, 1));
		l->name = crm_xstrdup(crm_db_col_text(st, 2));
		l->qty = sqlite3_column_int64(st, 3);
		l->shipped = sqlite3_column_int64(st, 4);
		l->product = sqlite3_column_int64(st, 5);
		l->go = 0;
	}
	return rc;
}

/* "SKU:QTY": the sku (into sku) and a positive quantity. */
static int
spec_parse(const char *spec, struct crm_buf *sku, long long *qty,
    struct crm_err *e)
{
	const char *colon = strrchr(spec, ':');
	char *end;

	if (colon == NULL || colon == spec)
		return crm_err_set(e, CRM_EX_USAGE, "--line '%s': not "
		    "SKU:QTY", spec);
	*qty = strtoll(colon + 1, &end, 10);
	if (*end != '\0' || end == colon + 1 || *qty < 1)
		return crm_err_set(e, CRM_EX_USAGE, "--line '%s': the "
		    "quantity is not a whole number above 0", spec);
	crm_buf_add(sku, spec, (size_t)(colon - spec));
	return 0;
}

/* Is order line l one of the product that sku names? Its sku as it was
 * ordered (case-folded), or the product the catalogue finds by sku, id
 * or name now (product). */
static int
is_of(const struct oline *l, const char *sku, long long product)
{
	return strcasecmp(l->sku, sku) == 0 || l->product == product;
}

/* What of the order's lines of that product the spec takes, first line
 * first; more than remains is refused naming the lines. */
static int
take(struct crm_session *s, struct oline *v, size_t n, const char *spec,
    long long order, struct crm_err *e)
{
	struct crm_buf sku = { 0 }, nums = { 0 };
	long long qty = 0, ordered = 0, shipped = 0, left = 0, product;
	struct crm_err none = { 0 };
	int rc = -1;

	if (spec_parse(spec, &sku, &qty, e) < 0)
		goto out;
	if (crm_product_find(s, sku.s, &product, &none) < 0)
		product = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_of(&v[i], sku.s, product))
			continue;
		crm_buf_addf(&nums, "%s%d", nums.len ? ", " : "", v[i].line);
		ordered += v[i].qty;
		shipped += v[i].shipped + v[i].go;
		left += v[i].qty - v[i].shipped - v[i].go;
	}
	if (nums.len == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "--line '%s': order %lld has "
		    "no line of '%s'", spec, order, sku.s);
		goto out;
	}
	if (qty > left) {
		crm_err_set(e, CRM_EX_DATAERR, "--line '%s': line %s of order "
		    "%lld has %lld left to ship (%lld ordered, %lld shipped)",
		    spec, nums.s, order, left, ordered, shipped);
		goto out;
	}
	for (size_t i = 0; i < n && qty > 0; i++) {
		long long room = v[i].qty - v[i].shipped - v[i].go;

		if (!is_of(&v[i], sku.s, product) || room <= 0)
			continue;
		v[i].go += qty < room ? qty : room;
		qty -= qty < room ? qty : room;
	}
	rc = 0;
out:
	crm_buf_free(&sku);
	crm_buf_free(&nums);
	return rc;
}

/* A date option into out: today when NULL. */
static int
date_opt(const char *opt, const char *text, char out[CRM_DATE_LEN],
    struct crm_err *e)
{
	crm_day d;

	if (text == NULL) {
		crm_today_text(out);
		return 0;
	}
	if (crm_date_parse(text, &d, e) < 0) {
		e->code = CRM_EX_USAGE;
		return crm_err_prefix(e, "%s", opt);
	}
	crm_date_format(d, out);
	return 0;
}

/* May order o ship? 65 naming its status. */
static int
may_ship(const struct crm_record *o, struct crm_err *e)
{
	const char *st = o->f[CRM_OF_STATUS];

	if (strcmp(st, "confirmed") == 0 || strcmp(st, "shipped") == 0)
		return 0;
	return crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' is %s: only "
	    "a confirmed or shipped order ships", o->id, o->f[CRM_OF_NUMBER],
	    st);
}

/* The shipment's record from its order and what the user gave. */
static int
ship_record(struct crm_record *r, const struct crm_record *o,
    const char *date, const struct crm_ship_info *in, struct crm_err *e)
{
	static const int f[] = { CRM_SF_WAREHOUSE, CRM_SF_CARRIER,
		CRM_SF_TRACKING, CRM_SF_NOTE };
	const char *v[] = { in->warehouse, in->carrier, in->tracking,
		in->note };
	char oid[32];

	snprintf(oid, sizeof(oid), "%lld", o->id);
	crm_record_init(r, &crm_shipment_entity);
	crm_record_set(r, CRM_SF_ORDER, oid);
	crm_record_set(r, CRM_SF_CUSTOMER, o->f[CRM_OF_CUSTOMER]);
	crm_record_set(r, CRM_SF_OWNER, o->f[CRM_OF_OWNER]);
	crm_record_set(r, CRM_SF_STATUS, "shipped");
	crm_record_set(r, CRM_SF_DATE, date);
	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++)
		if (v[i] != NULL && crm_record_put(r, f[i], v[i], NULL, e) < 0)
			return crm_err_prefix(e, "field '%s'",
			    crm_shipment_entity.fields[f[i]].name);
	return 0;
}

static const char sql_ship_line[] =
	"INSERT INTO shipment_lines (shipment_id, line, sku, name, qty) "
	"VALUES (?, ?, ?, ?, ?)";
static const char sql_shipped[] =
	"UPDATE order_lines SET shipped = shipped + ?3 "
	"WHERE order_id = ?1 AND line = ?2";

/* The shipment's lines, and the order's lines' shipped with the audit
 * of their change. */
static int
ship_lines(struct crm_session *s, long long order, long long ship,
    const struct oline *v, size_t n, struct crm_err *e)
{
	char *old = NULL, *now = NULL;
	sqlite3_stmt *st;
	int rc = -1;

	if (order_lines_json(s, order, &old, e) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (v[i].go == 0)
			continue;
		if ((st = crm_db_prepare(s->db, sql_ship_line, e)) == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, ship);
		sqlite3_bind_int(st, 2, v[i].line);
		crm_db_bind_text(st, 3, v[i].sku);
		crm_db_bind_text(st, 4, v[i].name);
		sqlite3_bind_int64(st, 5, v[i].go);
		if (crm_db_done(s->db, st, e) < 0 ||
		    (st = crm_db_prepare(s->db, sql_shipped, e)) == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, order);
		sqlite3_bind_int(st, 2, v[i].line);
		sqlite3_bind_int64(st, 3, v[i].go);
		if (crm_db_done(s->db, st, e) < 0)
			goto out;
	}
	if (order_lines_json(s, order, &now, e) == 0)
		rc = order_lines_audit(s, "update", order, old, now, e);
out:
	free(old);
	free(now);
	return rc;
}

/* The order o moves to status to (audited), unless it is there. */
static int
order_to(struct crm_session *s, const struct crm_record *o, const char *to,
    struct crm_err *e)
{
	struct crm_record n = { 0 };
	int rc;

	if (strcmp(o->f[CRM_OF_STATUS], to) == 0)
		return 0;
	crm_record_copy(&n, o);
	crm_record_set(&n, CRM_OF_STATUS, to);
	rc = crm_store_save(s, o, &n, e);
	crm_record_free(&n);
	return rc;
}

static int
ship_locked(struct crm_session *s, long long id, const char *const *specs,
    size_t nspecs, const struct crm_ship_info *in, long long *ship,
    struct crm_err *e)
{
	struct crm_record o, r = { 0 };
	char date[CRM_DATE_LEN];
	struct oline *v = NULL;
	size_t n = 0;
	int rc = -1;

	if (crm_scope_load(s, &crm_order_entity, id, &o, e) < 0 ||
	    crm_scope_may_change(s, &o, e) < 0 || may_ship(&o, e) < 0 ||
	    date_opt("--date", in->date, date, e) < 0)
		goto out;
	if (strcmp(date, o.f[CRM_OF_DATE]) < 0) {
		crm_err_set(e, CRM_EX_DATAERR, "--date: %s is before the order "
		    "date %s", date, o.f[CRM_OF_DATE]);
		goto out;
	}
	if (olines_load(s, id, &v, &n, e) < 0)
		goto out;
	for (size_t i = 0; i < nspecs; i++)
		if (take(s, v, n, specs[i], id, e) < 0)
			goto out;
	if (ship_record(&r, &o, date, in, e) < 0 ||
	    crm_store_create(s, &r, 0, e) < 0 ||
	    ship_lines(s, id, r.id, v, n, e) < 0 ||
	    order_to(s, &o, "shipped", e) < 0)
		goto out;
	*ship = r.id;
	rc = 0;
out:
	olines_free(v, n);
	crm_record_free(&o);
	if (r.ent)
		crm_record_free(&r);
	return rc;
}

int
crm_order_ship(struct crm_session *s, long long id,
    const char *const *lines, size_t nlines, const struct crm_ship_info *in,
    long long *ship, struct crm_err *e)
{
	int rc;

	if (nlines == 0)
		return crm_err_set(e, CRM_EX_USAGE, "ship needs --line "
		    "SKU:QTY");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = ship_locked(s, id, lines, nlines, in, ship, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* Every line of the order shipped in full, every shipment delivered. */
static const char sql_all_delivered[] =
	"SELECT NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = ?1 "
	"AND shipped < qty) AND NOT EXISTS (SELECT 1 FROM shipments "
	"WHERE order_id = ?1 AND status <> 'delivered')";

/* Order id delivered when all is shipped and delivered. */
static int
order_delivered(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_all_delivered, e);
	struct crm_record o;
	int rc, all;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = crm_db_row(s->db, st, e)) != 1)
		return rc;
	all = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!all)
		return 0;
	if (crm_store_load(s, &crm_order_entity, id, &o, e) < 0)
		return -1;
	rc = strcmp(o.f[CRM_OF_STATUS], "shipped") != 0 ? 0 :
	    order_to(s, &o, "delivered", e);
	crm_record_free(&o);
	return rc;
}

static int
deliver_locked(struct crm_session *s, long long id, const char *text,
    struct crm_err *e)
{
	struct crm_record old, r = { 0 };
	char date[CRM_DATE_LEN];
	int rc = -1;

	if (crm_scope_load(s, &crm_shipment_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0 ||
	    date_opt("--date", text, date, e) < 0)
		goto out;
	if (strcmp(old.f[CRM_SF_STATUS], "delivered") == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "shipment %lld was delivered "
		    "already, on %s", id, old.f[CRM_SF_DELIVERED]);
		goto out;
	}
	if (strcmp(date, old.f[CRM_SF_DATE]) < 0) {
		crm_err_set(e, CRM_EX_DATAERR, "--date: %s is before the ship "
		    "date %s", date, old.f[CRM_SF_DATE]);
		goto out;
	}
	crm_record_copy(&r, &old);
	crm_record_set(&r, CRM_SF_STATUS, "delivered");
	crm_record_set(&r, CRM_SF_DELIVERED, date);
	if (crm_store_save(s, &old, &r, e) == 0)
		rc = order_delivered(s, strtoll(old.f[CRM_SF_ORDER], NULL,
		    10), e);
out:
	crm_record_free(&old);
	if (r.ent)
		crm_record_free(&r);
	return rc;
}

int
crm_shipment_deliver(struct crm_session *s, long long id, const char *date,
    struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = deliver_locked(s, id, date, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* A ship undone removes the shipment (its lines go with it); the order
 * puts back its lines' shipped and its status (lib/order-undo.c). */
int
crm_shipment_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_shipment_entity, g, e);
}

static const char sql_lines[] =
	"SELECT line, sku, name, qty FROM shipment_lines "
	"WHERE shipment_id = ? ORDER BY line";
static const struct crm_col line_cols[] = {
	{ NC_("column", "line"), CRM_COL_INT },
	{ NC_("column", "sku"), CRM_COL_TEXT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "qty"), CRM_COL_INT },
};

struct crm_rows *
crm_shipment_lines(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_shipment_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_lines, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return crm_rows_from_stmt(s->db, st, line_cols, 4, 0);
}

static const char sql_of_order[] =
	"SELECT s.id, s.status, s.ship_date, s.delivered_date, s.warehouse, "
	"s.carrier, s.tracking, (SELECT sum(qty) FROM shipment_lines l "
	"WHERE l.shipment_id = s.id) FROM shipments s WHERE s.order_id = ? "
	"ORDER BY s.id";
static const struct crm_col ship_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "status"), CRM_COL_TEXT },
	{ NC_("column", "ship_date"), CRM_COL_DATE },
	{ NC_("column", "delivered_date"), CRM_COL_DATE },
	{ NC_("column", "warehouse"), CRM_COL_TEXT },
	{ NC_("column", "carrier"), CRM_COL_TEXT },
	{ NC_("column", "tracking"), CRM_COL_TEXT },
	{ NC_("column", "qty"), CRM_COL_INT },
};

/* A shipment's status in the reader's words (已签收). */
static int
status_words(void *arg, const char *in, struct crm_buf *out)
{
	(void)arg;
	crm_buf_adds(out, crm_cgettext("shipment", in));
	return 1;
}

struct crm_rows *
crm_order_shipments(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_rows *r;
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_order_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_of_order, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	r = crm_rows_from_stmt(s->db, st, ship_cols, 8, 0);
	if (r != NULL && crm_rows_map(r, "status", "status", status_words,
	    NULL, e) < 0) {
		crm_rows_close(r);
		return NULL;
	}
	return r;
}
