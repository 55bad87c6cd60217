/* The printable shipment note (crm-order shipment show ID -f text|html,
 * 发货单): where it goes, what goes — a document of crm/doc.h, in the
 * reader's language, as quotes print (lib/quote-print.c). */
#include <stdio.h>
#include <string.h>

#include "crm/db.h"
#include "crm/doc.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "crm/shipment.h"
#include "crm/banned.h"

/* The customer's phone is masked as everywhere for a rep when the
 * customer is back in the pool (?2). */
static const char sql_head[] =
	"SELECT s.id, o.number, c.name, c.contact, "
	"CASE WHEN ?2 AND c.owner IS NULL THEN crm_mask_phone(c.phone) "
	"ELSE c.phone END, c.address, coalesce(u.name, s.owner), "
	"s.ship_date, s.warehouse, s.carrier, s.tracking, s.status, "
	"s.delivered_date, s.note, (SELECT sum(qty) FROM shipment_lines l "
	"WHERE l.shipment_id = s.id) "
	"FROM shipments s JOIN orders o ON o.id = s.order_id "
	"JOIN customers c ON c.id = s.customer_id "
	"LEFT JOIN users u ON u.login = s.owner WHERE s.id = ?1";
enum { H_ID, H_NUMBER, H_CUSTOMER, H_CONTACT, H_PHONE, H_ADDRESS,
	H_OWNER, H_DATE, H_WAREHOUSE, H_CARRIER, H_TRACKING, H_STATUS,
	H_DELIVERED, H_NOTE, H_QTY };

static const char sql_lines[] =
	"SELECT l.line, l.sku, l.name, l.qty, p.unit FROM shipment_lines l "
	"JOIN shipments s ON s.id = l.shipment_id LEFT JOIN order_lines ol "
	"ON ol.order_id = s.order_id AND ol.line = l.line "
	"LEFT JOIN products p ON p.id = ol.product_id "
	"WHERE l.shipment_id = ? ORDER BY l.line";

/* The header's lines: a label and the column of sql_head it shows. */
static const struct {
	const char *label;
	int col;
} head[] = {
	{ NC_("shipment", "Shipment no."), H_ID },
	{ NC_("shipment", "Order no."), H_NUMBER },
	{ NC_("shipment", "Customer"), H_CUSTOMER },
	{ NC_("shipment", "Contact"), H_CONTACT },
	{ NC_("shipment", "Phone"), H_PHONE },
	{ NC_("shipment", "Address"), H_ADDRESS },
	{ NC_("shipment", "Sales rep"), H_OWNER },
	{ NC_("shipment", "Ship date"), H_DATE },
	{ NC_("shipment", "Warehouse"), H_WAREHOUSE },
	{ NC_("shipment", "Carrier"), H_CARRIER },
	{ NC_("shipment", "Tracking no."), H_TRACKING },
	{ NC_("shipment", "Status"), H_STATUS },
	{ NC_("shipment", "Delivered"), H_DELIVERED },
};

static void
header(struct crm_doc *d, sqlite3_stmt *st)
{
	for (size_t i = 0; i < sizeof(head) / sizeof(*head); i++) {
		const char *v = crm_db_col_text(st, head[i].col);

		if (head[i].col == H_STATUS)
			v = crm_cgettext("shipment", v);	/* column-names.c */
		crm_doc_field(d, crm_cgettext("shipment", head[i].label), v);
	}
}

static int
lines(struct crm_session *s, struct crm_doc *d, long long id,
    struct crm_err *e)
{
	struct crm_doc_col c[5] = {
		{ "#", CRM_DOC_RIGHT },
		{ C_("shipment", "SKU"), CRM_DOC_LEFT },
		{ C_("shipment", "Product"), CRM_DOC_LEFT },
		{ C_("shipment", "Qty"), CRM_DOC_RIGHT },
		{ C_("shipment", "Unit"), CRM_DOC_LEFT },
	};
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_lines, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_doc_columns(d, c, 5);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *cells[5];

		for (int i = 0; i < 5; i++)
			cells[i] = crm_db_col_text(st, i);
		crm_doc_row(d, cells);
	}
	return rc;
}

static struct crm_doc *
build(struct crm_session *s, long long id, sqlite3_stmt *st,
    struct crm_err *e)
{
	struct crm_buf p = { 0 };
	struct crm_doc *d;
	char title[96];

	snprintf(title, sizeof(title), _("Delivery note %lld"), id);
	d = crm_doc_new(_("Delivery note"), title, crm_i18n_lang());
	header(d, st);
	if (lines(s, d, id, e) < 0) {
		crm_doc_free(d);
		return NULL;
	}
	crm_doc_total(d, C_("shipment", "Total quantity"),
	    crm_db_col_text(st, H_QTY), 1);
	if (crm_db_col_text(st, H_NOTE) != NULL) {
		crm_buf_addf(&p, _("Note: %s"), crm_db_col_text(st, H_NOTE));
		crm_doc_para(d, p.s);
	}
	crm_doc_para(d, _("Received in good order (signature, date):"));
	crm_buf_free(&p);
	return d;
}

struct crm_doc *
crm_shipment_doc(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_doc *d = NULL;
	sqlite3_stmt *st;
	int mask, rc;

	if (crm_scope_may_see(s, &crm_shipment_entity, id, e) < 0 ||
	    crm_scope_masked(s, &mask, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_head, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, mask);
	if ((rc = crm_db_row(s->db, st, e)) == 0)
		crm_err_set(e, CRM_EX_DATAERR, "no shipment %lld", id);
	if (rc == 1) {
		/* the lines are another statement: this one stays on its
		 * row until the document is made */
		d = build(s, id, st, e);
		sqlite3_reset(st);
	}
	return d;
}
