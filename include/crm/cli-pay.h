/* Options crm-pay and crm-report share: the aging report's (crm-pay
 * aging and crm-report aging are the same report, lib/pay-aging.c). The
 * Makefile's xgettext reads this header for their help. */
#ifndef CRM_CLI_PAY_H
#define CRM_CLI_PAY_H

#include "crm/cli-chart.h"

#define CRM_AGING_OPTS \
	{ "as-of", 1, "DATE", N_("as it stood at the end of DATE: receipts " \
	    "after it not yet counted (default today)"), NULL }, \
	{ "by", 1, "WHAT", N_("a row per customer (default), owner or " \
	    "region"), "customer|owner|region" }, \
	{ "basis", 1, "WHAT", N_("count the days past each instalment's " \
	    "due date (default) or since its order's date"), "due|order" }, \
	CRM_CHART_OPTS

#endif
