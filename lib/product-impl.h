/* Shared by lib/product*.c. */
#ifndef CRM_PRODUCT_IMPL_H
#define CRM_PRODUCT_IMPL_H

#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/import.h"
#include "crm/order.h"
#include "crm/record.h"
#include "crm/scope.h"

/* Who imports products and the words of a refusal
 * (lib/product-import.c). */
extern const struct crm_import_def product_import;

#endif
