/* The verbs of crm-customer, one file per area. */
#ifndef CMD_CUSTOMER_H
#define CMD_CUSTOMER_H

#include "crm/cli.h"
#include "crm/activity.h"
#include "crm/customer.h"

int cmd_add(struct crm_ctx *c);
int cmd_edit(struct crm_ctx *c);
int cmd_set(struct crm_ctx *c);
int cmd_delete(struct crm_ctx *c);
int cmd_tag(struct crm_ctx *c);
int cmd_show(struct crm_ctx *c);
int cmd_list(struct crm_ctx *c);
int cmd_export(struct crm_ctx *c);
int cmd_follow(struct crm_ctx *c);
int cmd_history(struct crm_ctx *c);
int cmd_import(struct crm_ctx *c);
int cmd_dupes(struct crm_ctx *c);
int cmd_merge(struct crm_ctx *c);
extern const struct crm_verb contact_verbs[];

/* Options made from the descriptor at start (record_opts_init,
 * view_opts_init), and written ones. */
extern struct crm_opt add_opts[], edit_opts[], list_opts[];
extern const struct crm_opt set_opts[];
void record_opts_init(void);
void view_opts_init(void);
extern const struct crm_opt import_opts[];

/* A customer named by an id or an exact name (65 otherwise). */
int customer_arg(struct crm_ctx *c, const char *text, long long *id);

#endif
