/* crm log, crm undo */
#include <limits.h>
#include <stdlib.h>

#include "crm.h"
#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static int
parse_run(struct crm_ctx *c, const char *text, long long *run)
{
	/* TRANSLATORS: the RUN of crm undo and --run of crm log */
	return crm_num_parse(text, _("run"), 1, LLONG_MAX, run, &c->err);
}

int
cmd_log(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_log_filter f = { crm_opt(c, "entity"), crm_opt(c, "id"),
		crm_opt(c, "user"), NULL, 0 };
	char since[CRM_DATE_LEN];
	crm_day day;

	if (s == NULL)
		return crm_fail(c);
	if (crm_opt(c, "run") && parse_run(c, crm_opt(c, "run"), &f.run) < 0)
		return crm_fail(c);
	if (crm_opt(c, "since")) {
		if (crm_date_parse(crm_opt(c, "since"), &day, &c->err) < 0) {
			c->err.code = CRM_EX_USAGE;
			return crm_fail(c);
		}
		crm_date_format(day, since);
		f.since = since;
	}
	return crm_print_rows(c, crm_log_query(s, &f, &c->err), 0, NULL);
}

int
cmd_undo(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	long long run;

	if (s == NULL || parse_run(c, c->argv[0], &run) < 0 ||
	    crm_undo(s, run, &c->err) < 0)
		return crm_fail(c);
	if (!c->dry_run)
		crm_note(c, "undid run %lld (as run %lld)", run, s->run);
	return 0;
}
