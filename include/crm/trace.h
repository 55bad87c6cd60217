/* crm trace: the chain a record belongs to (design/commands.md) — lead →
 * customer → deals, and later quotes, contracts, orders and payments —
 * found by the links the records keep (a lead's customer_id and deal_id,
 * a customer's or deal's source_type and source_id, a deal's customer).
 * The links are a table in lib/trace.c: a tool that adds a kind of
 * record adds its kind and one row per link there. */
#ifndef CRM_TRACE_H
#define CRM_TRACE_H

#include "crm/rows.h"
#include "crm/session.h"

/* The records linked to the one text names (an id, or a name the user
 * sees) of the entity called entity ("lead", "customer", "deal"): what it
 * came from and what it became, in the chain's order, one row each —
 * entity, id, name, status (a deal's stage), owner, visible. A linked
 * record the user may not see is a row with its entity and id only,
 * visible false, and the walk does not go on through it. 64 for an
 * entity with no links; 65 "no lead N" for a record the user may not
 * see. */
struct crm_rows *crm_trace(struct crm_session *s, const char *entity,
    const char *text, struct crm_err *e);

#endif
