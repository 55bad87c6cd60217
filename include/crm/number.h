/* Numbers that people quote (合同编号, order numbers) made by a setting
 * such as contract.number_format: "CT-%Y-%04n" is CT-2026-0001,
 * CT-2026-0002 ... — %Y the year, %m the month, %n the counter (%04n:
 * four digits at least), %% a percent sign (the rule of the setting:
 * lib/setting-rules.c, check_number_format).
 *
 * The counter is one more than the highest counter among the numbers of
 * the same shape (the text around %n, so the same year under %Y) that
 * the table holds, read in the adding transaction: a write transaction
 * is BEGIN IMMEDIATE, one writer at a time, so adds at the same moment
 * get consecutive numbers, and one that fails uses none — the numbers of
 * a year have no gaps. A number typed by a user in that shape counts
 * too: the next one follows it. */
#ifndef CRM_NUMBER_H
#define CRM_NUMBER_H

#include "crm/buf.h"
#include "crm/clock.h"
#include "crm/entity.h"
#include "crm/session.h"

/* The next number of the format the setting holds, for the day (its
 * year and month), among the values of field of ent; into out. 65 when
 * the counter would pass 10^15. Inside the caller's transaction. */
int crm_number_next(struct crm_session *s, const struct crm_entity *ent,
    int field, const char *setting, crm_day day, struct crm_buf *out,
    struct crm_err *e);

/* The number of counter in the format the setting holds, for the day:
 * what a counter of one's own (orders: one per year, taken in the adding
 * transaction, lib/order.c) makes of it. */
int crm_number_format(struct crm_session *s, const char *setting,
    crm_day day, long long counter, struct crm_buf *out, struct crm_err *e);

/* The counter of number if it has the shape of fmt (the setting's text,
 * read once by the caller) for the day, else 0 (a number from
 * elsewhere); -1 and 78 for a bad format. Without the database: an
 * import of orders asks it of each order (lib/order-import.c). */
long long crm_number_counter(const char *setting, const char *fmt,
    crm_day day, const char *number, struct crm_err *e);

#endif
