/* crm trace ENTITY ID */
#include "crm.h"
#include "crm/trace.h"
#include "crm/banned.h"

int
cmd_trace(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_trace(s, c->argv[0], c->argv[1],
	    &c->err), 0, NULL);
}
