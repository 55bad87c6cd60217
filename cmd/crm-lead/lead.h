/* The verbs of crm-lead, one file per area. */
#ifndef CMD_LEAD_H
#define CMD_LEAD_H

#include "crm/cli.h"
#include "crm/lead.h"

int cmd_add(struct crm_ctx *c);
int cmd_edit(struct crm_ctx *c);
int cmd_set(struct crm_ctx *c);
int cmd_delete(struct crm_ctx *c);
int cmd_show(struct crm_ctx *c);
int cmd_list(struct crm_ctx *c);
int cmd_export(struct crm_ctx *c);
int cmd_import(struct crm_ctx *c);
int cmd_follow(struct crm_ctx *c);
int cmd_history(struct crm_ctx *c);
int cmd_score(struct crm_ctx *c);
int cmd_convert(struct crm_ctx *c);
int cmd_disqualify(struct crm_ctx *c);
extern const struct crm_opt convert_opts[], disqualify_opts[];
extern const struct crm_verb campaign_verbs[];

/* Options made from the descriptors at start. */
extern struct crm_opt add_opts[], edit_opts[], list_opts[];
extern struct crm_opt campaign_add_opts[], campaign_edit_opts[],
    campaign_list_opts[];
extern const struct crm_opt import_opts[], score_opts[];
void record_opts_init(void);
void view_opts_init(void);
void campaign_opts_init(void);

#endif
