/* The verbs of crm-pay, one file per area. */
#ifndef CMD_PAY_H
#define CMD_PAY_H

#include "crm/cli.h"
#include "crm/pay.h"

extern const struct crm_verb account_verbs[];
void account_opts_init(void);
extern const struct crm_verb expense_verbs[];
void expense_opts_init(void);

#endif
