/* crm trace: a walk over the links between records. From the record
 * asked about it goes down (to what a record became: a lead's customer,
 * a customer's deals) and up (to what it came from), never down again
 * from what it reached going up — the chain of a deal is its customer
 * and lead, not the customer's other deals. Each kind of record and
 * each link is one row of a table below: orders and payments add
 * theirs (an order's instalments, and the receipts that paid them or
 * were for the order). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/trace.h"
#include "crm/buf.h"
#include "crm/contract.h"
#include "crm/customer.h"
#include "crm/deal.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/invoice.h"
#include "crm/lead.h"
#include "crm/order.h"
#include "crm/pay.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/shipment.h"
#include "crm/store.h"
#include "crm/banned.h"

/* The kinds of record in the chain, in its order, and the field that
 * tells where each stands. A kind seen through another (an order's
 * instalments) is seen by whoever sees that one: seen_via selects its
 * id, of kind via, for the record ?1; a kind with a rule of its own (a
 * receipt: finance, and the owners of its customer) has may_see. A kind
 * without a status field (NULL) shows received or reversed, a receipt's
 * status in its list. */
enum { LEAD, CUSTOMER, DEAL, QUOTE, CONTRACT, ORDER, INSTALMENT, SHIPMENT,
	RECEIPT, INVOICE, NKINDS };
static const struct kind {
	const struct crm_entity *ent;
	const char *status;
	int via;
	const char *seen_via;
	int (*may_see)(struct crm_session *s, long long id, struct crm_err *e);
} kinds[] = {
	{ &crm_lead_entity, "status", 0, NULL, NULL },
	{ &crm_customer_entity, "status", 0, NULL, NULL },
	{ &crm_deal_entity, "stage", 0, NULL, NULL },
	{ &crm_quote_entity, "status", 0, NULL, NULL },
	{ &crm_contract_entity, "status", 0, NULL, NULL },
	{ &crm_order_entity, "status", 0, NULL, NULL },
	{ &crm_instalment_entity, "status", ORDER,
	    "SELECT order_id FROM instalments WHERE id = ?1", NULL },
	{ &crm_shipment_entity, "status", 0, NULL, NULL },
	{ &crm_receipt_entity, NULL, 0, NULL, crm_receipt_seen },
	/* crm-pay's invoices: seen as their order is (its owner) */
	{ &crm_invoice_entity, "status", 0, NULL, NULL },
};

/* A link from records of one kind to the records of a later kind they
 * became: down selects the ids of `to` of the `from` record ?1, up the
 * ids of `from` of the `to` record ?1. */
static const struct link {
	int from, to;
	const char *down, *up;
} links[] = {
	{ LEAD, CUSTOMER,
	    "SELECT customer_id FROM leads WHERE id = ?1 AND customer_id IS "
	    "NOT NULL UNION SELECT id FROM customers WHERE source_type = "
	    "'lead' AND source_id = CAST(?1 AS TEXT)",
	    "SELECT id FROM leads WHERE customer_id = ?1 UNION SELECT "
	    "CAST(source_id AS INTEGER) FROM customers WHERE id = ?1 AND "
	    "source_type = 'lead'" },
	{ LEAD, DEAL,
	    "SELECT deal_id FROM leads WHERE id = ?1 AND deal_id IS NOT NULL "
	    "UNION SELECT id FROM deals WHERE source_type = 'lead' AND "
	    "source_id = CAST(?1 AS TEXT)",
	    "SELECT id FROM leads WHERE deal_id = ?1 UNION SELECT "
	    "CAST(source_id AS INTEGER) FROM deals WHERE id = ?1 AND "
	    "source_type = 'lead'" },
	{ CUSTOMER, DEAL,
	    "SELECT id FROM deals WHERE customer_id = ?1",
	    "SELECT customer_id FROM deals WHERE id = ?1 AND customer_id IS "
	    "NOT NULL" },
	/* quotes, contracts, orders and their plans (crm-order) */
	{ CUSTOMER, QUOTE,
	    "SELECT id FROM quotes WHERE customer_id = ?1",
	    "SELECT customer_id FROM quotes WHERE id = ?1" },
	{ DEAL, QUOTE,
	    "SELECT id FROM quotes WHERE deal_id = ?1",
	    "SELECT deal_id FROM quotes WHERE id = ?1" },
	{ CUSTOMER, ORDER,
	    "SELECT id FROM orders WHERE customer_id = ?1",
	    "SELECT customer_id FROM orders WHERE id = ?1" },
	{ DEAL, ORDER,
	    "SELECT id FROM orders WHERE deal_id = ?1",
	    "SELECT deal_id FROM orders WHERE id = ?1" },
	{ QUOTE, ORDER,
	    "SELECT id FROM orders WHERE quote_id = ?1",
	    "SELECT quote_id FROM orders WHERE id = ?1" },
	{ CUSTOMER, CONTRACT,
	    "SELECT id FROM contracts WHERE customer_id = ?1",
	    "SELECT customer_id FROM contracts WHERE id = ?1" },
	{ DEAL, CONTRACT,
	    "SELECT id FROM contracts WHERE deal_id = ?1",
	    "SELECT deal_id FROM contracts WHERE id = ?1" },
	{ QUOTE, CONTRACT,
	    "SELECT id FROM contracts WHERE quote_id = ?1",
	    "SELECT quote_id FROM contracts WHERE id = ?1" },
	{ CONTRACT, ORDER,
	    "SELECT id FROM orders WHERE contract_id = ?1",
	    "SELECT contract_id FROM orders WHERE id = ?1" },
	{ ORDER, INSTALMENT,
	    "SELECT id FROM instalments WHERE order_id = ?1",
	    "SELECT order_id FROM instalments WHERE id = ?1" },
	{ ORDER, SHIPMENT,
	    "SELECT id FROM shipments WHERE order_id = ?1",
	    "SELECT order_id FROM shipments WHERE id = ?1" },
	/* receipts (crm-pay): what paid an instalment (a reversed one
	 * too), and a receipt for the order that paid none of it yet */
	{ INSTALMENT, RECEIPT,
	    "SELECT DISTINCT receipt_id FROM allocations WHERE "
	    "instalment_id = ?1",
	    "SELECT DISTINCT instalment_id FROM allocations WHERE "
	    "receipt_id = ?1" },
	{ ORDER, RECEIPT,
	    "SELECT id FROM receipts WHERE order_id = ?1",
	    "SELECT order_id FROM receipts WHERE id = ?1" },
	{ ORDER, INVOICE,
	    "SELECT id FROM invoices WHERE order_id = ?1",
	    "SELECT order_id FROM invoices WHERE id = ?1" },
};

enum { DOWN = 1, UP = 2 };

struct node {
	int kind;
	long long id;
	int dirs, done;	/* the ways to walk from it; those walked */
	int visible;
};

struct walk {
	struct crm_session *s;
	struct node *v;
	size_t n, cap;
};

/* Add a record reached going dirs (or add dirs to it): 1 when there is
 * more to walk from it. */
static int
reach(struct walk *w, int kind, long long id, int dirs)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].kind == kind && w->v[i].id == id) {
			w->v[i].dirs |= dirs;
			return (w->v[i].dirs & ~w->v[i].done) != 0;
		}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->v = crm_xrealloc(w->v, w->cap * sizeof(*w->v));
	}
	w->v[w->n++] = (struct node){ kind, id, dirs, 0, -1 };
	return 1;
}

/* Follow one link from node i one way. */
static int
follow(struct walk *w, size_t i, const struct link *l, int dir,
    struct crm_err *e)
{
	int from = dir == DOWN ? l->from : l->to;
	int to = dir == DOWN ? l->to : l->from;
	sqlite3_stmt *st;
	int rc;

	if (w->v[i].kind != from)
		return 0;
	st = crm_db_prepare(w->s->db, dir == DOWN ? l->down : l->up, e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, w->v[i].id);
	while ((rc = crm_db_row(w->s->db, st, e)) == 1)
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			reach(w, to, sqlite3_column_int64(st, 0), dir);
	return rc;
}

/* Does the user see record id of kind k (through the record it is
 * seen via)? */
static int
seen(struct crm_session *s, int k, long long id)
{
	sqlite3_stmt *st;
	long long via;

	if (kinds[k].may_see != NULL)
		return kinds[k].may_see(s, id, NULL) == 0;
	if (kinds[k].seen_via == NULL)
		return crm_scope_may_see(s, kinds[k].ent, id, NULL) == 0;
	if ((st = crm_db_prepare(s->db, kinds[k].seen_via, NULL)) == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, id);
	if (crm_db_row(s->db, st, NULL) != 1)
		return 0;
	via = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return seen(s, kinds[k].via, via);
}

/* Walk from every record the user sees until nothing new is reached. A
 * record that is gone (a dangling link) is dropped; one the user may not
 * see stays, unwalked. */
static int
walk(struct walk *w, struct crm_err *e)
{
	for (size_t i = 0; i < w->n; i++) {
		struct node *nd = &w->v[i];
		int todo = nd->dirs & ~nd->done;

		if (todo == 0 || nd->visible == 0)
			continue;
		if (nd->visible < 0)
			nd->visible = seen(w->s, nd->kind, nd->id);
		nd->done |= todo;
		if (!nd->visible)
			continue;
		for (size_t k = 0; k < sizeof(links) / sizeof(*links); k++)
			for (int dir = DOWN; dir <= UP; dir <<= 1)
				if ((todo & dir) &&
				    follow(w, i, &links[k], dir, e) < 0)
					return -1;
		i = (size_t)-1;	/* dirs may have grown on earlier nodes */
	}
	return 0;
}

static int
node_cmp(const void *a, const void *b)
{
	const struct node *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	return x->id < y->id ? -1 : x->id > y->id;
}

static const struct crm_col cols[] = {
	{ NC_("column", "entity"), CRM_COL_TEXT },
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "status"), CRM_COL_TEXT },
	{ NC_("column", "owner"), CRM_COL_TEXT },
	{ NC_("column", "visible"), CRM_COL_BOOL },
};

/* The row of a record: all of it if the user sees it, else what the
 * link already told (its kind and id). */
static int
add_row(struct crm_session *s, struct crm_rows *rows, const struct node *nd,
    struct crm_err *e)
{
	const struct kind *k = &kinds[nd->kind];
	int owner = crm_entity_flagged(k->ent, CRM_F_OWNER);
	struct crm_val v[6];
	struct crm_record r;
	char id[32];
	int rc;

	/* one the user may not see is not there, as everywhere: no row,
	 * not even its id (data.md) */
	if (!nd->visible)
		return 0;
	snprintf(id, sizeof(id), "%lld", nd->id);
	if ((rc = crm_store_get(s, k->ent, id, &r, e)) <= 0) {
		crm_record_free(&r);
		return rc;	/* gone: no row */
	}
	v[0] = crm_val_text(k->ent->name);
	v[1] = crm_val_text(id);
	v[2] = crm_val_text(nd->visible ? r.f[k->ent->title] : NULL);
	v[3] = crm_val_text(k->status ? r.f[crm_entity_field(k->ent,
	    k->status)] : r.f[CRM_RF_REVERSED_AT] ? "reversed" : "received");
	v[4] = crm_val_text(nd->visible && owner >= 0 ? r.f[owner] : NULL);
	v[5] = crm_val_text(nd->visible ? "true" : "false");
	crm_rows_mem_add(rows, v);
	crm_record_free(&r);
	return 0;
}

static int
kind_named(const char *name, struct crm_err *e)
{
	struct crm_buf b = { 0 };

	for (int k = 0; k < NKINDS; k++)
		if (strcmp(kinds[k].ent->name, name) == 0)
			return k;
	for (int k = 0; k < NKINDS; k++) {
		if (k)
			crm_buf_adds(&b, C_("list", ", "));
		crm_buf_adds(&b, kinds[k].ent->name);
	}
	crm_err_set(e, CRM_EX_USAGE, "cannot trace '%s' (traced: %s)", name,
	    b.s);
	crm_buf_free(&b);
	return -1;
}

struct crm_rows *
crm_trace(struct crm_session *s, const char *entity, const char *text,
    struct crm_err *e)
{
	struct walk w = { s, NULL, 0, 0 };
	struct crm_rows *rows = NULL;
	long long id;
	int kind = kind_named(entity, e);

	if (kind < 0)
		return NULL;
	if (kinds[kind].seen_via != NULL || kinds[kind].may_see != NULL) {
		/* by id only, seen as the record it is seen via */
		id = text[strspn(text, "0123456789")] ? 0 : strtoll(text, NULL,
		    10);
		if (id <= 0 || !seen(s, kind, id)) {
			crm_err_set(e, CRM_EX_DATAERR, "no %s %s",
			    crm_cgettext("entity", entity), text);
			return NULL;
		}
	} else if (crm_find(s, kinds[kind].ent, text, &id, e) < 0) {
		return NULL;
	}
	reach(&w, kind, id, DOWN | UP);
	if (walk(&w, e) == 0) {
		qsort(w.v, w.n, sizeof(*w.v), node_cmp);
		rows = crm_rows_mem(cols, sizeof(cols) / sizeof(*cols));
		for (size_t i = 0; i < w.n; i++)
			if (add_row(s, rows, &w.v[i], e) < 0) {
				crm_rows_close(rows);
				rows = NULL;
				break;
			}
	}
	free(w.v);
	return rows;
}
