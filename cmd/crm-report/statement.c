/* crm-report statement CUSTOMER: crm-pay's statement (对账单) over a
 * report's range — --period 2026-11 as well as --from and --to; without
 * any, the whole history, as crm-pay statement gives it. */
#include "report.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/statement.h"
#include "crm/banned.h"

const struct crm_opt statement_opts[] = {
	REPORT_RANGE_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_statement(struct crm_ctx *c)
{
	char from[CRM_DATE_LEN], to[CRM_DATE_LEN];
	struct crm_range r;
	int ranged = crm_opt(c, "period") || crm_opt(c, "from") ||
	    crm_opt(c, "to"), rc;

	if (ranged && (rc = report_range_opt(c, &r)) != 0)
		return rc;
	if (ranged) {
		crm_date_format(r.from, from);
		crm_date_format(r.to, to);
	}
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_cli_print_doc(c, crm_pay_statement(&c->s, c->argv[0],
	    ranged ? from : NULL, ranged ? to : NULL, &c->err),
	    c->doc == CRM_DOC_NONE ? CRM_DOC_TEXT : c->doc);
}
