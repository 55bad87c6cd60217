/* The clock and calendar dates. Every "today", "overdue" and "N days
 * ago" in crm goes through here, so that CRM_NOW (YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM:SS) fixes the time for tests and cron replays. Dates
 * are local calendar days, held as a day number (days since 1970-01-01)
 * so that differences are plain subtraction. */
#ifndef CRM_CLOCK_H
#define CRM_CLOCK_H

#include <stdint.h>
#include "crm/err.h"

typedef int32_t crm_day;

struct crm_time {
	crm_day day;
	int32_t sec;		/* seconds since local midnight */
};

#define CRM_DATE_LEN 11	/* "YYYY-MM-DD" and NUL */
#define CRM_TIME_LEN 20	/* "YYYY-MM-DDTHH:MM:SS" and NUL */

/* Read CRM_NOW (or the system clock) once; fails (exit 78) when CRM_NOW
 * is set but not a valid date or timestamp. Called by the CLI glue at
 * start, after which crm_now() and crm_today() cannot fail. */
int crm_clock_init(struct crm_err *e);
/* Was the clock set by CRM_NOW? Only some may move it (the session
 * decides: crm_session_open). */
int crm_clock_overridden(void);
/* Forget CRM_NOW: the clock is the system's from now on, so that nothing
 * is dated by a clock that was refused. */
void crm_clock_use_system(void);
void crm_now(struct crm_time *t);
crm_day crm_today(void);

crm_day crm_day_from_ymd(int y, int m, int d);
void crm_day_to_ymd(crm_day day, int *y, int *m, int *d);
int crm_ymd_valid(int y, int m, int d);

/* A date: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, today, yesterday,
 * tomorrow, or an offset from today: +3d, -2w, +1m, -1y (a month or year
 * offset lands on the same day of the month, clamped to its last day);
 * a date and time (YYYY-MM-DD HH:MM[:SS]) is its day. */
int crm_date_parse(const char *s, crm_day *out, struct crm_err *e);
/* How a date with its year last (03/01/19, 3.1.2019) reads, for the
 * rest of the process: not at all (the default: which is the day is
 * anyone's guess), day first or month first (an import's --date-order).
 * A two-digit year is 1969-2068, as POSIX strptime's %y. */
enum crm_date_order { CRM_DATE_YMD, CRM_DATE_DMY, CRM_DATE_MDY };
void crm_date_order_set(enum crm_date_order order);
/* A timestamp: a date as above, optionally followed by T or a space and
 * HH:MM or HH:MM:SS. A bare date means its midnight. */
int crm_time_parse(const char *s, struct crm_time *out, struct crm_err *e);

void crm_date_format(crm_day day, char out[CRM_DATE_LEN]);
void crm_time_format(const struct crm_time *t, char out[CRM_TIME_LEN]);
/* The current time as "YYYY-MM-DDTHH:MM:SS" / today as "YYYY-MM-DD". */
void crm_now_text(char out[CRM_TIME_LEN]);
void crm_today_text(char out[CRM_DATE_LEN]);

/* Add months to a day, clamping to the end of the target month. */
crm_day crm_day_add_months(crm_day day, int months);

#endif
