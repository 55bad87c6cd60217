/* What products' import has of its own (the pipeline is lib/import*.c):
 * who imports a catalogue, and why a field may not be set. */
#include "product-impl.h"
#include "crm/banned.h"

static const struct crm_import_why why[] = {
	{ "id", NULL, N_("an import does not change ids") },
	{ "created_at", N_("set when a product is added, not by an import"),
	    N_("set when a product is added, not by an import") },
	{ "updated_at", N_("set when a product changes, not by an import"),
	    N_("set when a product changes, not by an import") },
};

const struct crm_import_def product_import = {
	.roles = CRM_ROLE_ADMIN | CRM_ROLE_MANAGER,
	.why = why,
	.nwhy = sizeof(why) / sizeof(*why),
};
