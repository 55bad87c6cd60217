/* crm-order: the product catalogue (产品), quotes (报价单), contracts
 * (合同), sales orders (销售订单, the verbs of the top level) and their
 * shipments (出货单). */
#include "order.h"
#include "crm/i18n.h"

static const struct crm_verb verbs[] = {
	{ "product", NULL, "VERB", N_("the catalogue (产品): add, list, show, "
	    "edit, import, export, retire"), NULL, 0, product_verbs, 0, -1 },
	{ "quote", NULL, "VERB", N_("quotes (报价单): add, list, show, edit, "
	    "submit, approve, reject, accept"), NULL, 0, quote_verbs, 0, -1 },
	{ "contract", NULL, "VERB", N_("contracts (合同): add, list, show, "
	    "edit, renew, activate, terminate"), NULL, 0, contract_verbs, 0,
	    -1 },
	/* sales orders (sales.c) */
	{ "add", order_add, NULL, N_("add a draft sales order (销售订单) of a "
	    "customer's products, or of an approved quote; prints its id"),
	    order_add_opts, CRM_VERB_WRITES, NULL, 0, 0 },
	{ "list", order_list, NULL, N_("the orders you see, filtered"),
	    order_list_opts, 0, NULL, 0, 0 },
	{ "show", order_show, "ID|NUMBER", N_("one order, its lines and "
	    "totals, and its instalments"), NULL, 0, NULL, 1, 1 },
	{ "edit", order_edit, "ID|NUMBER", N_("change an order's note, "
	    "delivery date or owner; a draft's lines and terms"),
	    order_edit_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "confirm", order_confirm, "ID...", N_("confirm draft orders"), NULL,
	    CRM_VERB_WRITES, NULL, 1, -1 },
	{ "cancel", order_cancel, "ID...", N_("cancel draft or confirmed "
	    "orders, with the reason; their open instalments too"),
	    order_cancel_opts, CRM_VERB_WRITES, NULL, 1, -1 },
	{ "complete", order_complete, "ID...", N_("complete delivered "
	    "orders"), NULL, CRM_VERB_WRITES, NULL, 1, -1 },
	/* shipments (shipment.c) */
	{ "ship", order_ship, "ID|NUMBER", N_("ship lines of a confirmed or "
	    "shipped order (出货); prints the shipment's id"),
	    order_ship_opts, CRM_VERB_WRITES, NULL, 1, 1 },
	{ "shipment", NULL, "VERB", N_("shipments (出货单): list, show, "
	    "deliver"), NULL, 0, shipment_verbs, 0, -1 },
	/* import and export, a row per line (order-io.c) */
	{ "import", order_import, "[FILE|-]", N_("import orders, one row per "
	    "order line, grouped by number (csv, tsv, yaml or json)"),
	    order_import_opts, CRM_VERB_WRITES | CRM_VERB_EXCEL_INPUT, NULL,
	    0, 1 },
	{ "export", order_export, NULL, N_("the lines of the orders you see, "
	    "one row each, as import reads them"), NULL, 0, NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm-order", N_("crm-order — products (产品), quotes (报价单), "
	"contracts (合同), sales orders (销售订单) and shipments (出货单)."),
	verbs,
	&crm_product_entity
};

int
main(int argc, char **argv)
{
	product_opts_init();
	quote_opts_init();
	contract_opts_init();
	sales_opts_init();
	shipment_opts_init();
	return crm_cli_main(&tool, argc, argv);
}
