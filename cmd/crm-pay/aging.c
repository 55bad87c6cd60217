/* crm-pay aging [--as-of DATE] [--by customer|owner|region]
 * [--basis due|order] [--chart] [--svg FILE] [--xlsx FILE] */
#include "pay.h"
#include "crm/cli-chart.h"
#include "crm/cli-pay.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt aging_opts[] = {
	CRM_AGING_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
pay_aging(struct crm_ctx *c)
{
	/* what each customer (owner, region) owes */
	static const struct crm_chart_spec spec = { .kind = CRM_CHART_BARS,
		.label = "name", .value = "outstanding", .total = 1 };

	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return crm_print_report(c, crm_cli_words(c, crm_pay_aging(&c->s,
	    crm_opt(c, "as-of"), crm_opt(c, "by"), crm_opt(c, "basis"),
	    &c->err), "group", "row"), &spec);
}
