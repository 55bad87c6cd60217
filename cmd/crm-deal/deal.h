/* The verbs of crm-deal, one file per area. */
#ifndef CMD_DEAL_H
#define CMD_DEAL_H

#include "crm/cli.h"
#include "crm/deal.h"

int cmd_add(struct crm_ctx *c);
int cmd_edit(struct crm_ctx *c);
int cmd_set(struct crm_ctx *c);
int cmd_delete(struct crm_ctx *c);
int cmd_show(struct crm_ctx *c);
int cmd_list(struct crm_ctx *c);
int cmd_export(struct crm_ctx *c);
int cmd_stages(struct crm_ctx *c);
int cmd_import(struct crm_ctx *c);
int cmd_move(struct crm_ctx *c);
int cmd_win(struct crm_ctx *c);
int cmd_lose(struct crm_ctx *c);
int cmd_next(struct crm_ctx *c);
int cmd_deal_follow(struct crm_ctx *c);
int cmd_deal_history(struct crm_ctx *c);
extern const struct crm_opt move_opts[], win_opts[], lose_opts[],
    next_opts[], deal_follow_opts[], deal_history_opts[];
int cmd_pipeline(struct crm_ctx *c);
int cmd_funnel(struct crm_ctx *c);
int cmd_score(struct crm_ctx *c);

/* Options made from the descriptor at start. */
extern struct crm_opt add_opts[], edit_opts[], list_opts[];
extern const struct crm_opt import_opts[];
extern const struct crm_opt pipeline_opts[], funnel_opts[], score_opts[];
void record_opts_init(void);
void view_opts_init(void);

/* A deal named by an id or a name (65 otherwise). */
int deal_arg(struct crm_ctx *c, const char *text, long long *id);

#endif
