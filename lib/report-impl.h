/* Shared by lib/report-*.c and lib/target*.c. */
#ifndef CRM_REPORT_IMPL_H
#define CRM_REPORT_IMPL_H

#include "crm/buf.h"
#include "crm/money.h"
#include "crm/i18n.h"
#include "crm/report.h"
#include "crm/scope.h"

#define REPORT_KEY_LEN 40

/* Buckets of a unit (lib/report-period.c): the label of the one day is
 * in, the start of the next, the day one period or a year before; the
 * Monday of day's week; the range before r (环比) or a year before. */
void report_bucket(enum crm_unit u, crm_day day, char out[REPORT_KEY_LEN]);
void report_range_label(const struct crm_range *r,
    char out[2 * REPORT_KEY_LEN]);
crm_day report_start(enum crm_unit u, crm_day day);
crm_day report_next(enum crm_unit u, crm_day day);
crm_day report_back(enum crm_unit u, crm_day day, int yoy);
crm_day report_week_start(crm_day day);
void report_range_back(const struct crm_range *r, int yoy,
    struct crm_range *out);

/* Percentages and factors with decimals are columns of kind
 * CRM_COL_INT: to the writers a number (right-aligned in a table, bare
 * in json and yaml), which "12.5" is. */

/* A change from was to now in % with one decimal into out ("12.5"),
 * or "" when was is 0. */
void report_pct(long long now, long long was, char out[32]);
/* part of whole in % with one decimal, "" when whole is 0. */
void report_share(long long part, long long whole, char out[32]);

/* A statement made at run time from fixed pieces (never from user
 * text), prepared and finalized by the caller. */
sqlite3_stmt *report_prepare(struct crm_session *s, struct crm_buf *sql,
    struct crm_err *e);

/* The actual of a metric per user (by_region 0) or per the region of the
 * customer (1), over [from, to], of the records the user sees: a row
 * per key with its value (cents or a count), ordered by key; only the
 * key who when not NULL. The caller finalizes the statement. */
sqlite3_stmt *report_actuals(struct crm_session *s, enum crm_metric m,
    int by_region, const struct crm_range *r, const char *who,
    struct crm_err *e);

/* The actual of metric m of one user or region (who) over r. */
int report_actual_of(struct crm_session *s, enum crm_metric m, int by_region,
    const struct crm_range *r, const char *who, long long *v,
    struct crm_err *e);

/* Who owned customer c when it was added: the former owner of its first
 * change of owner (a claim, a recycle ...), else its owner; NULL for one
 * added to a pool. A customer recycled since is still its adder's new
 * customer. */
#define REPORT_ADDED_OWNER(c) \
	"(CASE WHEN EXISTS (SELECT 1 FROM ownership h WHERE " \
	"h.subject_type = 'customer' AND h.subject_id = " c ".id) THEN " \
	"(SELECT h.from_owner FROM ownership h WHERE h.subject_type = " \
	"'customer' AND h.subject_id = " c ".id ORDER BY h.at, h.id LIMIT 1) " \
	"ELSE " c ".owner END)"

/* The condition on users u whose figures the user sees, after
 * SCOPE_TEAM (parameters ?1-?5 of crm_scope_bind, ?6 the rep's peers):
 * whatever their role, active or not — a figure stays its maker's. */
#define REPORT_SEEN_WHERE \
	"(?2 OR u.login IN (SELECT login FROM team) OR (?6 AND u.manager " \
	"= (SELECT manager FROM users WHERE login = ?1))) "
/* Those of them who sell: the reps and managers. */
#define REPORT_SELLER "(u.role = 'rep' OR u.role = 'manager') "
/* The day user u left: of the last change of their active to 0 in the
 * audit trail; NULL if none is recorded. */
#define REPORT_LEFT_ON \
	"(SELECT substr(r.at, 1, 10) FROM events ev JOIN runs r ON r.id = " \
	"ev.run WHERE ev.entity = 'user' AND ev.entity_id = u.login AND " \
	"ev.field = 'active' AND ev.new = '0' ORDER BY ev.id DESC LIMIT 1)"
/* u was there on day p or after: active, or left on p or later. */
#define REPORT_THERE_SINCE(p) \
	"(u.active = 1 OR " REPORT_LEFT_ON " >= " p ") "
/* The people of a report: the active sellers seen. */
#define REPORT_PEOPLE_WHERE \
	"u.active = 1 AND " REPORT_SELLER "AND " REPORT_SEEN_WHERE

/* The logins whose figures the acting user sees in detail: everyone
 * (admins and finance), their team (managers), themselves (others):
 * SQL selecting login, name of active users, for IN (...) or a join. */
extern const char report_people_sql[];
/* Of a past range from day ?7: the sellers seen, active or not, with a
 * third column, whether they were there in the range (active, or left
 * on ?7 or later). The caller keeps one who left before the range only
 * with a figure in it: a range's rows stay when someone leaves, and no
 * one long gone adds a row of zeros to every later one. */
extern const char report_sellers_sql[];
/* Bind it: the user's scope, whether to add a rep's peers, r's start. */
int report_sellers_bind(struct crm_session *s, sqlite3_stmt *st,
    int peers, const struct crm_range *r, struct crm_err *e);
int report_people_bind(struct crm_session *s, sqlite3_stmt *st,
    struct crm_err *e);

/* The metric's name and whether it is money. */
const char *report_metric_name(enum crm_metric m);
int report_metric_money(enum crm_metric m);

/* Target values: "150000.00" for money metrics, "20" for counts; into
 * *v as cents or the count. */
int report_target_value(enum crm_metric m, const char *text, long long *v,
    struct crm_err *e);
void report_value_format(enum crm_metric m, long long v,
    char out[CRM_MONEY_LEN]);

/* The target of a user or region for the period r (a month, quarter or
 * year): the one set for it, else the sum of those of its quarters or
 * months (each the one set, else the sum of its months). 1 and *v if
 * there is one, 0 if none. */
int report_target_of(struct crm_session *s, const char *user,
    const char *region, enum crm_metric m, const struct crm_range *r,
    long long *v, struct crm_err *e);

#endif
