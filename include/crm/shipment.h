/* Shipments (出货单) of sales orders (crm/order.h): what went out of an
 * order's lines, when, from which warehouse and by which carrier.
 * Partial shipments: an order line's shipped is the sum of its
 * shipments' lines and never more than ordered. Seen and changed as
 * their order is: the order's owner and the owner's managers; finance
 * reads all; marketing none (the shipment keeps its order's owner).
 *
 * The order's status follows: a confirmed order becomes shipped with
 * its first shipment; a shipped order becomes delivered when every line
 * is shipped in full and every shipment of it is delivered. */
#ifndef CRM_SHIPMENT_H
#define CRM_SHIPMENT_H

#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/doc.h"
#include "crm/entity.h"
#include "crm/rows.h"
#include "crm/session.h"

enum crm_shipment_field {
	CRM_SF_ID, CRM_SF_ORDER, CRM_SF_CUSTOMER, CRM_SF_OWNER,
	CRM_SF_STATUS, CRM_SF_DATE, CRM_SF_DELIVERED, CRM_SF_WAREHOUSE,
	CRM_SF_CARRIER, CRM_SF_TRACKING, CRM_SF_CREATED_AT,
	CRM_SF_UPDATED_AT, CRM_SF_NOTE,
	CRM_SHIPMENT_NFIELDS
};

extern const struct crm_entity crm_shipment_entity;

/* What a shipment says besides its lines: NULL for the defaults (the
 * date: today). */
struct crm_ship_info {
	const char *date, *warehouse, *carrier, *tracking, *note;
};

/* Ship the lines "SKU:QTY" of order id (confirmed or shipped; else 65
 * naming its status): an unknown sku, or more than remains of it, is 65
 * naming the line and how many remain, and nothing is written. *ship
 * gets the new shipment's id. */
int crm_order_ship(struct crm_session *s, long long id,
    const char *const *lines, size_t nlines, const struct crm_ship_info *in,
    long long *ship, struct crm_err *e);
/* Mark shipment id delivered on date (NULL: today); its order becomes
 * delivered by the rule above. */
int crm_shipment_deliver(struct crm_session *s, long long id,
    const char *date, struct crm_err *e);

int crm_shipment_undo(struct crm_session *s,
    const struct crm_undo_group *g, struct crm_err *e);

/* The lines of a shipment the user sees. */
struct crm_rows *crm_shipment_lines(struct crm_session *s, long long id,
    struct crm_err *e);
/* The shipments of an order the user sees. */
struct crm_rows *crm_order_shipments(struct crm_session *s, long long id,
    struct crm_err *e);
/* The printable shipment note (发货单): who it goes to, its lines. */
struct crm_doc *crm_shipment_doc(struct crm_session *s, long long id,
    struct crm_err *e);

/* shipment list's own filters are a struct crm_order_filter (crm/
 * order.h): ship dates from and to. */

#endif
