/* Who sees which events in crm log, for the records the log's own
 * clauses do not place (lib/audit.c places customers with their contacts
 * and follow-ups, deals and leads): an order's, a quote's, a receipt's
 * events show to whom its entity's scope shows the record. */
#include <stdlib.h>
#include <string.h>

#include "log-impl.h"
#include "crm/customer.h"
#include "crm/deal.h"
#include "crm/entities.h"
#include "crm/lead.h"
#include "crm/scope.h"
#include "crm/user.h"
#include "crm/banned.h"

static int
placed(const struct crm_entity *ent)
{
	return ent == &crm_customer_entity || ent == &crm_deal_entity ||
	    ent == &crm_lead_entity || ent == &crm_user_entity;
}

/* crm_sees(entity, id): 1 when the acting user sees the record (or its
 * entity is not one of those), 0 when not or when it is gone. */
static void
fn_sees(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct crm_session *s = sqlite3_user_data(cx);
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *id = (const char *)sqlite3_value_text(argv[1]);
	const struct crm_entity *ent = name ? crm_entity_named(name) : NULL;
	struct crm_err e = { 0 };
	char *end;
	long long n;

	(void)argc;
	if (ent == NULL || ent->scope == NULL || placed(ent)) {
		sqlite3_result_int(cx, 1);
		return;
	}
	n = id ? strtoll(id, &end, 10) : 0;
	if (id == NULL || *end != '\0') {
		sqlite3_result_int(cx, 0);
		return;
	}
	if (crm_scope_may_see(s, ent, n, &e) == 0)
		sqlite3_result_int(cx, 1);
	else if (e.code == CRM_EX_DATAERR)
		sqlite3_result_int(cx, 0);
	else
		sqlite3_result_error(cx, e.msg, -1);
}

int
crm_log_scope_register(struct crm_session *s, struct crm_err *e)
{
	if (sqlite3_create_function(crm_db_sqlite(s->db), "crm_sees", 2,
	    SQLITE_UTF8, s, fn_sees, NULL, NULL) != SQLITE_OK)
		return crm_err_set(e, CRM_EX_SOFTWARE, "cannot register "
		    "crm_sees: %s", sqlite3_errmsg(crm_db_sqlite(s->db)));
	return 0;
}
