/* What the quote files share inside the library (lib/quote*.c). */
#ifndef CRM_QUOTE_IMPL_H
#define CRM_QUOTE_IMPL_H

#include "crm/list.h"
#include "crm/quote.h"

/* The list of quotes: status as it reads, and --expired
 * (lib/quote-list.c). */
extern const struct crm_list_def quote_list;

/* lib/quote.c: the rules of add that edit applies again. The owner of
 * quote q by its deal, else its customer (quote add's rule); q's lines
 * parsed from specs (SKU:QTY[:PRICE[:DISCOUNT%]]) and written in place of
 * its lines, its gross, total and max_discount set from them. */
int quote_owner_set(struct crm_session *s, struct crm_record *q,
    struct crm_err *e);
int quote_lines_set(struct crm_session *s, struct crm_record *q,
    const char *const *specs, size_t n, struct crm_err *e);

/* lib/quote-edit.c: the fields of in that crm keeps (status, totals,
 * times, the owner ...) are refused, 64 naming the first; and a new
 * quote's valid_until, when not given: quote.valid_days after today. */
int quote_input_check(const struct crm_input *in, struct crm_err *e);
int quote_valid_default(struct crm_session *s, struct crm_record *q,
    struct crm_err *e);

#endif
