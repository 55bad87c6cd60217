/* Shared by lib/deal*.c. */
#ifndef CRM_DEAL_IMPL_H
#define CRM_DEAL_IMPL_H

#include "crm/clock.h"
#include "crm/deal.h"
#include "crm/i18n.h"
#include "crm/list.h"
#include "crm/record.h"
#include "crm/scope.h"

/* The deal's own list filters (lib/deal-list.c). */
extern const struct crm_list_def deal_list;

/* What deals' import has of its own (lib/deal-import.c). */
extern const struct crm_import_def deal_import;

/* Record that deal id entered stage `to` from `from` (NULL: its first)
 * at `at`, in the current run. */
int deal_stage_record(struct crm_session *s, long long id, const char *from,
    const char *to, const char *at, const char *note, struct crm_err *e);

/* The stage of that key (or its key in another case, or its label):
 * 65 naming the stages when there is none. */
int deal_stage_check(const struct crm_stages *stages, const char *key,
    const struct crm_stage **out, struct crm_err *e);
/* Put d into stage at now; a stage with follow-up days schedules the
 * next step (方案报价: contact again within 3 days). */
void deal_enter_stage(struct crm_session *s, struct crm_record *d,
    const struct crm_stage *stage, const char *now);
/* Words crm stores (a next step's action): in the team's language
 * (ui.lang), whoever runs the command, so that the data is the same
 * bytes in every user's language. msgid is marked N_ and takes one %s
 * (arg) or none. */
void deal_team_words(struct crm_session *s, const char *msgid,
    const char *arg, struct crm_buf *out);

/* What a deal does to its customer cid (NULL: none): a won deal makes
 * it active (status), a follow-up of the deal is one of the customer
 * (recycling reads its last_followup_at, which never moves back). The
 * customer's own audit records it in the same run; whoever may change
 * the deal may do this much to its customer (lib/deal-stage.c). */
int deal_touch_customer(struct crm_session *s, const char *cid,
    const char *status, const char *followup, struct crm_err *e);

/* The next step a stage with follow-up days schedules from the day
 * `from`: its action (follow up (label), in the team's language) into
 * action, its due date. */
void deal_next_step(struct crm_session *s, const struct crm_stage *stage,
    crm_day from, struct crm_buf *action, char due[CRM_DATE_LEN]);

/* After SCOPE_TEAM: the stages of the JSON of deal.stages bound at ?6,
 * st (key, ord, label, p), p the stage's probability (0 when none). */
#define DEAL_STAGES_CTE \
	", st (key, ord, label, p) AS (SELECT json_extract(value, '$.key'), " \
	"key, json_extract(value, '$.label'), " \
	"coalesce(json_extract(value, '$.probability'), 0) FROM json_each(?6)) "

#endif
