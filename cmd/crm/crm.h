/* The verbs of crm, one file per area. */
#ifndef CMD_CRM_H
#define CMD_CRM_H

#include "crm/cli.h"

int cmd_init(struct crm_ctx *c);
int cmd_migrate(struct crm_ctx *c);
int cmd_check(struct crm_ctx *c);
int cmd_backup(struct crm_ctx *c);

extern const struct crm_verb crm_user_verbs[];
extern const struct crm_verb crm_config_verbs[];
extern const struct crm_verb crm_target_verbs[];

int cmd_log(struct crm_ctx *c);
int cmd_remind(struct crm_ctx *c);
extern const struct crm_opt remind_opts[];
int cmd_undo(struct crm_ctx *c);
int cmd_trace(struct crm_ctx *c);

#endif
