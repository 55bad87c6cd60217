/* 离职交接: when a user leaves, their customers go to another user or
 * back to their pools, each move an ordinary assign or release (so the
 * ownership history, the cool-down and crm undo work as for any). */
#include <stdlib.h>

#include "customer-impl.h"
#include "crm/pool.h"
#include "crm/banned.h"

static const char sql_owned_ids[] =
	"SELECT id FROM customers WHERE owner = ? ORDER BY id";
static const char sql_owned_count[] =
	"SELECT count(*) FROM customers WHERE owner = ?";

int
crm_customer_owned(struct crm_session *s, const char *login, long long *n,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_owned_count, e);

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
crm_customer_handover(struct crm_session *s, const char *from,
    const char *to, long *moved, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_owned_ids, e);
	char reason[128];
	long long *ids = NULL;
	size_t n = 0;
	int rc;

	*moved = 0;
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, from);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		ids = crm_xrealloc(ids, (n + 1) * sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	snprintf(reason, sizeof(reason), "handover: '%s' left", from);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = to ? crm_pool_assign(s, ids[i], to, e) :
		    crm_pool_release(s, ids[i], reason, e);
		*moved += rc == 0;
	}
	free(ids);
	return rc;
}
