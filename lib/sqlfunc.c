/* SQL functions crm adds to each connection: the search key of a text,
 * masked phones and emails for pool customers (138****5678), cents
 * as money, and today's date by crm's clock. They are innocuous, so they
 * are safe where the schema is not trusted; all but crm_today() are
 * deterministic. */
#include <string.h>

#include "crm/db.h"
#include "crm/buf.h"
#include "crm/clock.h"
#include "crm/money.h"
#include "crm/norm.h"
#include "crm/banned.h"

static void
fn_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	struct crm_buf b = { 0 };

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	crm_norm_name(s, &b);
	sqlite3_result_text(ctx, crm_buf_str(&b), (int)b.len, SQLITE_TRANSIENT);
	crm_buf_free(&b);
}

/* The duplicate key of a phone (crm_phone_check), NULL for what is not
 * a phone number: what the phone_key columns hold, for a migration that
 * recomputes them when the rule changes (schema/023-phone-key.sql). */
static void
fn_phone_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	struct crm_buf b = { 0 };

	(void)argc;
	if (s == NULL || crm_phone_check(s, &b, NULL) < 0) {
		sqlite3_result_null(ctx);
		crm_buf_free(&b);
		return;
	}
	sqlite3_result_text(ctx, crm_buf_str(&b), (int)b.len, SQLITE_TRANSIENT);
	crm_buf_free(&b);
}

/* How many leading and trailing digits the mask of a number of n digits
 * shows: at most half of them, so that a short number is not as good as
 * given away (623****5678 showed 7 of 8): except the 11 digits of a
 * mobile number, masked as users know it (138****5678). */
static void
phone_shown(size_t n, size_t *head, size_t *tail)
{
	*head = n >= 11 ? 3 : n >= 8 ? 2 : 0;
	*tail = n >= 11 ? 4 : n >= 4 ? 2 : 0;
}

/* The digits of a phone as its duplicate key has them: a mainland
 * number without +86 or 0086, and without the extension (never shown
 * masked); another country's without the 00 of its key (*plus: shown
 * with a + before them). */
static void
phone_digits(const char *s, struct crm_buf *out, int *plus)
{
	size_t x;

	*plus = 0;
	if (crm_phone_check(s, out, NULL) == 0) {
		x = strcspn(out->s, "x");
		out->len = x;
		out->s[x] = '\0';
		if (x > 2 && out->s[0] == '0' && out->s[1] == '0') {
			memmove(out->s, out->s + 2, x - 1);
			out->len -= 2;
			*plus = 1;
		}
		return;
	}
	crm_buf_reset(out);
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			crm_buf_addc(out, *s);
}

static void
fn_mask_phone(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	struct crm_buf d = { 0 }, b = { 0 };
	size_t head, tail;
	int plus;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	phone_digits(s, &d, &plus);
	phone_shown(d.len, &head, &tail);
	if (plus)
		crm_buf_addc(&b, '+');
	crm_buf_add(&b, crm_buf_str(&d), head);
	crm_buf_adds(&b, "****");
	crm_buf_add(&b, crm_buf_str(&d) + d.len - tail, tail);
	sqlite3_result_text(ctx, b.s, (int)b.len, SQLITE_TRANSIENT);
	crm_buf_free(&d);
	crm_buf_free(&b);
}

/* The length of the UTF-8 character at s. */
static size_t
char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	return strnlen(s, n);
}

/* The first character of the local part, if it has more than one (else
 * it would be all of it), then *** and the domain, which is kept: it is
 * mostly the company's, and users know p***@east.cn. */
static void
fn_mask_email(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	const char *at;
	struct crm_buf b = { 0 };
	size_t first;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	at = strrchr(s, '@');
	first = *s && *s != '@' ? char_len(s) : 0;
	if (at != NULL && s + first < at)
		crm_buf_add(&b, s, first);
	crm_buf_adds(&b, "***");
	if (at != NULL)
		crm_buf_adds(&b, at);
	sqlite3_result_text(ctx, b.s, (int)b.len, SQLITE_TRANSIENT);
	crm_buf_free(&b);
}

/* Cents as money text ("1234.50"): how lists show a money column. */
static void
fn_money(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char out[CRM_MONEY_LEN];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	crm_money_format(sqlite3_value_int64(argv[0]), out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* Today by crm's clock (CRM_NOW), for what a read computes from the
 * date: a quote past its valid_until reads as expired. */
static void
fn_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char today[CRM_DATE_LEN];

	(void)argc;
	(void)argv;
	crm_today_text(today);
	sqlite3_result_text(ctx, today, -1, SQLITE_TRANSIENT);
}

int
crm_sql_functions(sqlite3 *db)
{
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_INNOCUOUS;

	if (sqlite3_create_function(db, "crm_key", 1, flags, NULL, fn_key,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "crm_phone_key", 1, flags, NULL,
	    fn_phone_key, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "crm_mask_phone", 1, flags, NULL,
	    fn_mask_phone, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "crm_mask_email", 1, flags, NULL,
	    fn_mask_email, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "crm_money", 1, flags, NULL,
	    fn_money, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "crm_today", 0, SQLITE_UTF8 |
	    SQLITE_INNOCUOUS, NULL, fn_today, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}
