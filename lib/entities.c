/* The registry of entities (crm/entities.h). */
#include <string.h>

#include "crm/entities.h"
#include "crm/contract.h"
#include "crm/customer.h"
#include "crm/deal.h"
#include "crm/invoice.h"
#include "crm/lead.h"
#include "crm/order.h"
#include "crm/pay.h"
#include "crm/quote.h"
#include "crm/report.h"
#include "crm/shipment.h"
#include "crm/user.h"
#include "crm/banned.h"

const struct crm_entity *const crm_entities[] = {
	&crm_user_entity,
	&crm_customer_entity,
	&crm_deal_entity,
	&crm_campaign_entity,
	&crm_lead_entity,
	&crm_product_entity,
	&crm_quote_entity,
	&crm_contract_entity,
	&crm_account_entity,
	&crm_expense_entity,
	&crm_order_entity,
	&crm_instalment_entity,
	&crm_shipment_entity,
	&crm_receipt_entity,
	&crm_invoice_entity,
	&crm_target_entity,
	NULL
};

const struct crm_entity *
crm_entity_named(const char *name)
{
	for (size_t i = 0; crm_entities[i]; i++)
		if (strcmp(crm_entities[i]->name, name) == 0)
			return crm_entities[i];
	return NULL;
}
