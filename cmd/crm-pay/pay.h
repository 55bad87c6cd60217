/* The verbs of crm-pay, one file per area. */
#ifndef CMD_PAY_H
#define CMD_PAY_H

#include "crm/cli.h"
#include "crm/pay.h"

extern const struct crm_verb account_verbs[];
void account_opts_init(void);
extern const struct crm_verb expense_verbs[];
void expense_opts_init(void);

/* payment plans, receipts and receivables */
extern const struct crm_opt plan_opts[];
int plan_run(struct crm_ctx *c);
extern struct crm_opt receive_opts[];
extern const struct crm_verb receipt_verbs[];
void receipt_opts_init(void);
int receipt_receive(struct crm_ctx *c);
extern const struct crm_opt due_opts[];
int pay_due(struct crm_ctx *c);
int pay_overdue(struct crm_ctx *c);
extern const struct crm_opt aging_opts[];
int pay_aging(struct crm_ctx *c);

/* invoices and statements */
extern const struct crm_verb invoice_verbs[];
void invoice_opts_init(void);
extern const struct crm_opt statement_opts[];
int pay_statement(struct crm_ctx *c);

#endif
