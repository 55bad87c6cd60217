/* Money is int64_t cents (分) everywhere; this module is the only place
 * that turns it into text or back. No floating point. */
#ifndef CRM_MONEY_H
#define CRM_MONEY_H

#include <stdint.h>
#include "crm/err.h"

#define CRM_MONEY_LEN 48
/* The largest amount a user gives (100000000000.00, in cents), either
 * sign: a sum of nearly a million of them still fits in 64 bits, so a
 * report's sum() never overflows, and every one is exact in a double
 * (JSON). Deals, contracts and order lines have the same bound. */
#define CRM_MONEY_MAX 10000000000000LL

/* Accepts 1234, 1234.5, 1,234.50, ¥1234.50, ￥1234.50, 1234.50元, CNY 12,
 * -12.30 and ¥-12.30. More than two decimals, misplaced thousands
 * separators and scientific notation (Excel's 1.2E+5) are errors. */
int crm_money_parse(const char *s, int64_t *cents, struct crm_err *e);
/* "1234.50", "-0.05": the csv/yaml/json form. */
void crm_money_format(int64_t cents, char out[CRM_MONEY_LEN]);
/* "1,234.50": the table form. */
void crm_money_format_grouped(int64_t cents, char out[CRM_MONEY_LEN]);

#endif
