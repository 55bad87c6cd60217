/* Campaigns (市场活动): adding and changing one. */
#include <stdlib.h>

#include "lead-impl.h"
#include "crm/store.h"
#include "crm/user.h"
#include "crm/banned.h"

int
crm_campaign_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	struct crm_record_checks ck = { crm_user_active_ok, s };
	struct crm_store_rules rules = { N_("add campaigns"),
	    1ull << CRM_MF_NAME, &ck, NULL };

	return crm_store_add_input(s, &crm_campaign_entity, in, &rules, id, e);
}

int
crm_campaign_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e)
{
	struct crm_record_checks ck = { crm_user_active_ok, s };
	struct crm_store_rules rules = { NULL, 1ull << CRM_MF_NAME, &ck,
	    NULL };

	return crm_store_edit_input(s, &crm_campaign_entity, id, in, &rules,
	    e);
}

int
crm_campaign_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_campaign_entity, g, e);
}
