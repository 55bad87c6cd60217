/* The filters of crm-deal list that are the deal's own: --closing-before
 * (expected to close before a date), --open, --won, --lost, and --idle
 * (no stage change nor follow-up for N days). The rest is the generic
 * list (crm/list.h). */
#include <stdio.h>

#include "deal-impl.h"
#include "crm/banned.h"

static int
bind_own(struct crm_session *s, sqlite3_stmt *st, int base, const void *own,
    struct crm_err *e)
{
	const struct crm_deal_filter *f = own;
	char date[CRM_DATE_LEN];

	(void)s;
	(void)e;
	if (f == NULL)
		return 0;
	crm_db_bind_text(st, base, f->closing_before);
	crm_db_bind_text(st, base + 1, f->state);
	if (f->idle >= 0) {
		crm_date_format(crm_today() - f->idle, date);
		crm_db_bind_text(st, base + 2, date);
	}
	return 0;
}

/* A time sorts after its date's text, so "before the day DAYS ago"
 * compares times with a date. */
const struct crm_list_def deal_list = {
	"AND (?own IS NULL OR c.close_date < ?own) "
	"AND (?own+1 IS NULL OR c.stage = ?own+1 OR (?own+1 = 'open' AND "
	"c.stage <> 'won' AND c.stage <> 'lost')) "
	"AND (?own+2 IS NULL OR max(c.stage_at, "
	"coalesce(c.last_followup_at, '')) < ?own+2)",
	bind_own
};

int
crm_deal_list_check(struct crm_session *s, const char **stage,
    const char *closing_before, char *buf, size_t size, struct crm_err *e)
{
	struct crm_stages st;
	const struct crm_stage *found;
	crm_day day;
	int rc;

	if (closing_before && crm_date_parse(closing_before, &day, e) < 0)
		return crm_err_option(e, "--closing-before");
	if (*stage == NULL)
		return 0;
	if (crm_stages_load(s, &st, e) < 0)
		return -1;
	rc = deal_stage_check(&st, *stage, &found, e);
	if (rc == 0) {
		snprintf(buf, size, "%s", found->key);
		*stage = buf;
	} else {
		e->code = CRM_EX_USAGE;
		crm_err_prefix(e, "--stage");
	}
	crm_stages_free(&st);
	return rc;
}
