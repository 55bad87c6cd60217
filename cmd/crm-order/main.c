/* crm-order: the product catalogue (产品), quotes (报价单) and
 * contracts (合同); orders and shipments come after them. */
#include "order.h"
#include "crm/i18n.h"

static const struct crm_verb verbs[] = {
	{ "product", NULL, "VERB", N_("the catalogue (产品): add, list, show, "
	    "edit, import, export, retire"), NULL, 0, product_verbs, 0, -1 },
	{ "quote", NULL, "VERB", N_("quotes (报价单): add, list, show, edit, "
	    "submit, approve, reject"), NULL, 0, quote_verbs, 0, -1 },
	{ "contract", NULL, "VERB", N_("contracts (合同): add, list, show, "
	    "edit, renew, activate, terminate"), NULL, 0, contract_verbs, 0,
	    -1 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm-order", N_("crm-order — products (产品), quotes (报价单), "
	"contracts (合同) and, to come, orders and shipments."), verbs,
	&crm_product_entity
};

int
main(int argc, char **argv)
{
	product_opts_init();
	quote_opts_init();
	contract_opts_init();
	return crm_cli_main(&tool, argc, argv);
}
