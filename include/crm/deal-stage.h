/* A deal's way through its stages (lib/deal-stage.c): moving it, winning
 * and losing it, its next step, and its follow-ups. Each call is one
 * audited run (crm undo reverts it, stage history included), writes only
 * to a deal the acting user may change — one they may not see is 65 "no
 * deal N" — and records every stage it enters in the stage history. */
#ifndef CRM_DEAL_STAGE_H
#define CRM_DEAL_STAGE_H

#include "crm/deal.h"

/* Move deal id into stage (a key of deal.stages; 65 naming the stages
 * otherwise), backwards too; a won or lost deal moved to an open stage
 * is reopened. Moving into "won" wins it (crm_deal_win); into "lost" is
 * refused (64: lose needs a reason). at: when it happened (NULL: now;
 * never in the future, nor before the deal entered its stage). */
int crm_deal_move(struct crm_session *s, long long id, const char *stage,
    const char *note, const char *at, struct crm_err *e);
/* Win deal id: amount (NULL: kept), date (NULL: today; not in the
 * future). A lost deal is refused: it is reopened with move first. The
 * customer becomes active. */
int crm_deal_win(struct crm_session *s, long long id, const char *amount,
    const char *date, const char *note, struct crm_err *e);
/* Lose deal id for reason, one of deal.lost_reasons (65 naming them). */
int crm_deal_lose(struct crm_session *s, long long id, const char *reason,
    const char *note, struct crm_err *e);
/* Set deal id's next step (action and due, not before today), or with
 * both NULL clear it. */
int crm_deal_next(struct crm_session *s, long long id, const char *action,
    const char *due, struct crm_err *e);
/* Record a follow-up of deal id (crm/activity.h): it counts as one of
 * its customer for recycling too. It does the next step: next (NULL:
 * none) is when the next one is due. */
int crm_deal_follow(struct crm_session *s, long long id, const char *kind,
    const char *note, const char *at, const char *next, struct crm_err *e);

/* The open deals of customer id the user may see: id, name, stage,
 * amount, close_date, owner, next_due. */
struct crm_rows *crm_deal_of_customer(struct crm_session *s, long long id,
    struct crm_err *e);

/* In the caller's run, as deal.stages becomes json: the deals in a
 * stage it drops are moved into move_to (as crm_deal_move does), or
 * with move_to NULL refused (65 naming the stages and counting them). */
int crm_deal_stages_dropped(struct crm_session *s, const char *json,
    const char *move_to, struct crm_err *e);

#endif
