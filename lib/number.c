/* Numbers made by a setting such as contract.number_format
 * (crm/number.h): the text around the counter, and the highest counter
 * the table holds between them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/number.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/setting.h"
#include "crm/banned.h"

#define MAX_COUNTER 1000000000000000LL

/* The format for a day: the text before %n into pre, after it into
 * suf, and the counter's width. */
static int
expand(const char *setting, const char *fmt, crm_day day,
    struct crm_buf *pre, struct crm_buf *suf, int *width,
    struct crm_err *e)
{
	struct crm_buf *b = pre;
	int y, m, d, w;

	crm_day_to_ymd(day, &y, &m, &d);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			crm_buf_addc(b, *p);
			continue;
		}
		for (w = 0; isdigit((unsigned char)p[1]); p++)
			w = w < 18 ? w * 10 + (p[1] - '0') : 18;
		p++;
		if (*p == 'Y') {
			crm_buf_addf(b, "%04d", y);
		} else if (*p == 'm') {
			crm_buf_addf(b, "%02d", m);
		} else if (*p == '%') {
			crm_buf_addc(b, '%');
		} else if (*p == 'n' && b == pre) {
			b = suf;
			*width = w > 18 ? 18 : w;
		} else {
			b = pre;
			break;
		}
	}
	if (b == pre)
		return crm_err_set(e, CRM_EX_CONFIG, "setting '%s': '%s' is not "
		    "a number format (see: crm config list)", setting, fmt);
	return 0;
}

/* Per field of the entity, the statement of its highest counter
 * between the prefix ?1 and the suffix ?2: the numbers from the prefix
 * on (by the index of the field), those that end with the suffix, and
 * of them the middles that are digits only. */
static void *
make_cache(const struct crm_entity *ent)
{
	return crm_xcalloc(ent->nfields, sizeof(char *));
}

static const char *
statement(const struct crm_entity *ent, int field)
{
	char **sql = crm_entity_cache(ent, CRM_SLOT_NUMBER, make_cache);
	const char *f = ent->fields[field].name;
	struct crm_buf b = { 0 };

	if (sql[field] != NULL)
		return sql[field];
	crm_buf_addf(&b, "SELECT max(CAST(m AS INTEGER)) FROM (SELECT "
	    "substr(c.%s, length(?1) + 1, length(c.%s) - length(?1) - "
	    "length(?2)) AS m FROM %s c WHERE c.%s >= ?1 AND c.%s < ?1 || "
	    "char(1114111) AND length(c.%s) > length(?1) + length(?2) AND "
	    "substr(c.%s, length(c.%s) - length(?2) + 1) = ?2) "
	    "WHERE m NOT GLOB '*[^0-9]*'", f, f, ent->table, f, f, f, f, f);
	sql[field] = crm_buf_detach(&b);
	return sql[field];
}

int
crm_number_next(struct crm_session *s, const struct crm_entity *ent,
    int field, const char *setting, crm_day day, struct crm_buf *out,
    struct crm_err *e)
{
	struct crm_buf fmt = { 0 }, pre = { 0 }, suf = { 0 };
	sqlite3_stmt *st = NULL;
	long long top = 0;
	int width = 0, rc = -1;

	if (crm_setting_text(s, setting, &fmt, e) < 0 ||
	    expand(setting, crm_buf_str(&fmt), day, &pre, &suf, &width,
	    e) < 0 || (st = crm_db_prepare(s->db, statement(ent, field),
	    e)) == NULL)
		goto out;
	/* "" is a prefix or suffix too: not NULL */
	sqlite3_bind_text(st, 1, crm_buf_str(&pre), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, crm_buf_str(&suf), -1, SQLITE_TRANSIENT);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		goto out;
	top = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	rc = -1;
	if (top >= MAX_COUNTER - 1) {
		crm_err_set(e, CRM_EX_DATAERR, "no %s number is left after "
		    "'%s%lld%s' (setting %s)", crm_cgettext("entity",
		    ent->name), crm_buf_str(&pre), top, crm_buf_str(&suf),
		    setting);
		goto out;
	}
	crm_buf_reset(out);
	crm_buf_addf(out, "%s%0*lld%s", crm_buf_str(&pre), width, top + 1,
	    crm_buf_str(&suf));
	rc = 0;
out:
	crm_buf_free(&fmt);
	crm_buf_free(&pre);
	crm_buf_free(&suf);
	return rc;
}

int
crm_number_format(struct crm_session *s, const char *setting, crm_day day,
    long long counter, struct crm_buf *out, struct crm_err *e)
{
	struct crm_buf fmt = { 0 }, pre = { 0 }, suf = { 0 };
	int width = 0, rc = -1;

	if (crm_setting_text(s, setting, &fmt, e) == 0 &&
	    expand(setting, crm_buf_str(&fmt), day, &pre, &suf, &width,
	    e) == 0) {
		crm_buf_reset(out);
		crm_buf_addf(out, "%s%0*lld%s", crm_buf_str(&pre), width,
		    counter, crm_buf_str(&suf));
		rc = 0;
	}
	crm_buf_free(&fmt);
	crm_buf_free(&pre);
	crm_buf_free(&suf);
	return rc;
}

long long
crm_number_counter(const char *setting, const char *fmt, crm_day day,
    const char *number, struct crm_err *e)
{
	struct crm_buf pre = { 0 }, suf = { 0 };
	long long k = 0;
	size_t n = strlen(number), np, ns, nd;
	int width = 0;
	char made[24];

	if (expand(setting, fmt, day, &pre, &suf, &width, e) < 0)
		return -1;
	np = pre.len;
	ns = suf.len;
	nd = n > np + ns ? n - np - ns : 0;
	if (nd > 0 && nd <= 15 && memcmp(number, crm_buf_str(&pre), np) == 0 &&
	    memcmp(number + n - ns, crm_buf_str(&suf), ns) == 0 &&
	    strspn(number + np, "0123456789") >= nd) {
		k = strtoll(number + np, NULL, 10);
		snprintf(made, sizeof(made), "%0*lld", width, k);
		if (strlen(made) != nd || memcmp(made, number + np, nd) != 0)
			k = 0;
	}
	crm_buf_free(&pre);
	crm_buf_free(&suf);
	return k;
}
