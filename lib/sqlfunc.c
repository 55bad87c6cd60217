/* SQL functions crm adds to each connection: the search key of a text,
 * and masked phones and emails for pool customers (138****5678). They
 * are deterministic and innocuous, so they are safe where the schema
 * is not trusted. */
#include <stdio.h>
#include <string.h>

#include "crm/db.h"
#include "crm/buf.h"
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

static void
fn_mask_phone(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char digits[64], out[80];
	size_t n = 0;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	for (; *s && n < sizeof(digits) - 1; s++)
		if (*s >= '0' && *s <= '9')
			digits[n++] = *s;
	digits[n] = '\0';
	if (n >= 8)
		snprintf(out, sizeof(out), "%.3s****%s", digits,
		    digits + n - 4);
	else
		snprintf(out, sizeof(out), "****");
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static void
fn_mask_email(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	const char *at;
	struct crm_buf b = { 0 };

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	at = strchr(s, '@');
	if (at != NULL && at > s) {
		crm_buf_add(&b, s, 1);
		crm_buf_adds(&b, "***");
		crm_buf_adds(&b, at);
	} else {
		crm_buf_adds(&b, "***");
	}
	sqlite3_result_text(ctx, b.s, (int)b.len, SQLITE_TRANSIENT);
	crm_buf_free(&b);
}

int
crm_sql_functions(sqlite3 *db)
{
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_INNOCUOUS;

	if (sqlite3_create_function(db, "crm_key", 1, flags, NULL, fn_key,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "crm_mask_phone", 1, flags, NULL,
	    fn_mask_phone, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "crm_mask_email", 1, flags, NULL,
	    fn_mask_email, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}
