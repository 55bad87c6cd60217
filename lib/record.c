/* Records of any entity: the rule of each kind of field, custom fields,
 * and the keys a record is found by when duplicates are checked. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm/record.h"
#include "crm/clock.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/mail.h"
#include "crm/money.h"
#include "crm/norm.h"
#include "crm/out.h"
#include "crm/text.h"
#include "crm/user.h"
#include "crm/banned.h"

void
crm_record_init(struct crm_record *r, const struct crm_entity *ent)
{
	memset(r, 0, sizeof(*r));
	r->ent = ent;
	r->f = crm_xcalloc(ent->nfields, sizeof(char *));
	r->key = crm_xcalloc(ent->nkeys ? ent->nkeys : 1, sizeof(char *));
}

/* The block of a reused record: a typical record's values and keys fit
 * (a longer value is malloc'd, as in any record). */
#define BLK_SIZE 1024

void
crm_record_init_reused(struct crm_record *r, const struct crm_entity *ent)
{
	crm_record_init(r, ent);
	r->blk = crm_xmalloc(BLK_SIZE);
	r->blk_cap = BLK_SIZE;
}

/* Is p a value in the record's block (not malloc'd on its own)? */
static int
in_blk(const struct crm_record *r, const char *p)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)r->blk;

	return r->blk != NULL && a >= b && a < b + r->blk_cap;
}

/* Give back a value of the record. */
static void
release(struct crm_record *r, char *p)
{
	if (!in_blk(r, p))
		free(p);
}

/* A copy of s[0..n) that the record owns: in its block while there is
 * room. */
static char *
keep(struct crm_record *r, const char *s, size_t n)
{
	char *p;

	if (r->blk == NULL || r->blk_cap - r->blk_used <= n)
		return crm_xstrndup(s, n);
	p = r->blk + r->blk_used;
	memcpy(p, s, n);
	p[n] = '\0';
	r->blk_used += n + 1;
	return p;
}

/* *v (the record's) becomes s: in place when it fits, as most
 * normalized values do (a date, an enum's spelling, "1"). */
static void
replace(struct crm_record *r, char **v, const char *s)
{
	size_t n = strlen(s);

	if (n <= strlen(*v)) {
		memmove(*v, s, n + 1);
		return;
	}
	release(r, *v);
	*v = keep(r, s, n);
}

/* The values, keys and custom fields given back; the arrays are the
 * caller's to free or reuse. */
static void
release_all(struct crm_record *r)
{
	for (size_t i = 0; i < r->ent->nfields; i++)
		release(r, r->f[i]);
	for (size_t i = 0; i < r->ent->nkeys; i++)
		release(r, r->key[i]);
	for (size_t i = 0; i < r->nextra; i++) {
		free(r->ekeys[i]);
		free(r->evals[i]);
	}
	free(r->ekeys);
	free(r->evals);
}

void
crm_record_free(struct crm_record *r)
{
	if (r->ent == NULL)
		return;
	release_all(r);
	free(r->f);
	free(r->key);
	free(r->blk);
	crm_buf_free(&r->work);
	memset(r, 0, sizeof(*r));
}

void
crm_record_clear(struct crm_record *r)
{
	release_all(r);
	memset(r->f, 0, r->ent->nfields * sizeof(char *));
	memset(r->key, 0, r->ent->nkeys * sizeof(char *));
	r->id = 0;
	r->nextra = 0;
	r->ekeys = r->evals = NULL;
	r->blk_used = 0;
}

static char *
dup_or_null(const char *s)
{
	return s ? crm_xstrdup(s) : NULL;
}

void
crm_record_copy(struct crm_record *dst, const struct crm_record *src)
{
	crm_record_init(dst, src->ent);
	dst->id = src->id;
	for (size_t i = 0; i < src->ent->nfields; i++)
		dst->f[i] = dup_or_null(src->f[i]);
	for (size_t i = 0; i < src->ent->nkeys; i++)
		dst->key[i] = dup_or_null(src->key[i]);
	for (size_t i = 0; i < src->nextra; i++)
		crm_record_put_extra(dst, src->ekeys[i], src->evals[i], NULL);
}

void
crm_record_set(struct crm_record *r, int f, const char *value)
{
	char *old = r->f[f];

	r->f[f] = value && *value ? keep(r, value, strlen(value)) : NULL;
	release(r, old);
}

void
crm_record_set_num(struct crm_record *r, int f, long long value)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", value);
	crm_record_set(r, f, num);
}

/* The C1 control character (U+0080..U+009F: 0xc2 0x80..0x9f in UTF-8)
 * at p, or 0 (crm_cp_is_control's rule, bytewise) */
static unsigned
c1_at(const unsigned char *p)
{
	return p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0 ? p[1] : 0;
}

/* The start of s as a message may show it (into out, 48 bytes): its
 * control characters as '?' (an escape sequence of the data must not
 * reach the terminal, a line end not split the message), cut after 40
 * bytes at the start of a character. */
static void
shown(const char *s, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, o = 0, c1;

	for (; n < 40 && p[n]; n += c1 ? 2 : 1) {
		c1 = c1_at(p + n);
		out[o++] = p[n] < 0x20 || p[n] == 0x7f || c1 ? '?' :
		    (char)p[n];
	}
	if (p[n])	/* cut: not inside a character */
		while (o > 0 && n > 0 && (p[n] & 0xc0) == 0x80) {
			n--;
			o--;
		}
	out[o] = '\0';
}

/* Has the word a byte below 0x20, 0x7f or 0xc2, the lead byte of a C1
 * control (a byte of it may be one when none is: it is looked at a byte
 * at a time)? */
static int
may_control(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t del = w ^ (ones * 0x7f), c2 = w ^ (ones * 0xc2);

	return ((((w - ones * 0x20) & ~w) | ((del - ones) & ~del) |
	    ((c2 - ones) & ~c2)) & (ones * 0x80)) != 0;
}

/* Text may hold tabs and line ends where lines are allowed, never other
 * control characters, nor the separators crm uses inside. */
static int
text_ok(const char *s, int multiline, struct crm_err *e)
{
	char excerpt[48];
	size_t n = strlen(s), i = 0;
	uint64_t w;

	/* eight bytes at a time, up to one that may be a control */
	while (i + 8 <= n && (memcpy(&w, s + i, 8), !may_control(w)))
		i += 8;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned c1 = c1_at((const unsigned char *)s + i);

		if (c1) {
			shown(s, excerpt);
			return crm_err_set(e, CRM_EX_DATAERR, "control "
			    "character U+%04X in '%s'", c1, excerpt);
		}
		if (c >= 0x20 && c != 0x7f)
			continue;
		if (multiline && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		shown(s, excerpt);
		return crm_err_set(e, CRM_EX_DATAERR, "control character "
		    "0x%02x in '%s'", c, excerpt);
	}
	if (n > 10000)
		return crm_err_set(e, CRM_EX_DATAERR, "longer than 10000 "
		    "bytes");
	return 0;
}

/* s without surrounding blanks: where it starts, and *n its length. */
static const char *
trim(const char *s, size_t *n)
{
	while (*s == ' ' || *s == '\t')
		s++;
	*n = strlen(s);
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/* A copy of s without surrounding blanks. */
static char *
trimmed(const char *s)
{
	size_t n;

	s = trim(s, &n);
	return crm_xstrndup(s, n);
}

static int
id_ok(const char *v)
{
	long long id = 0;

	if (*v == '\0' || strspn(v, "0123456789") != strlen(v))
		return 0;
	for (; *v; v++) {
		id = id * 10 + (*v - '0');
		if (id > CRM_ID_MAX)
			return 0;
	}
	return id > 0;
}

/* One of the values "a|b|c", in any case, or the word a table shows for
 * one (the entity its context: 微信 for a receipt's wechat): the key, in
 * the spelling of the list. */
static int
enum_value(struct crm_record *r, const struct crm_field *fd, char **v,
    struct crm_err *e)
{
	struct crm_buf use = { 0 };
	size_t n;
	const char *p = crm_value_key(r->ent->name, fd->values, *v, &n);
	char key[64];

	if (p != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		replace(r, v, key);
		return 0;
	}
	for (p = fd->values; p && *p;) {
		n = strcspn(p, "|");
		if (use.len)
			crm_buf_adds(&use, p[n] ? C_("list", ", ") :
			    C_("list", " or "));
		crm_buf_add(&use, p, n);
		p += n + (p[n] == '|');
	}
	crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a %s (use %s)", *v,
	    fd->name, crm_buf_str(&use));
	crm_buf_free(&use);
	return -1;
}

static int
time_value(struct crm_record *r, char **v, int date_only, struct crm_err *e)
{
	char out[CRM_TIME_LEN];
	struct crm_time t;
	crm_day d;

	if (date_only) {
		if (crm_date_parse(*v, &d, e) < 0)
			return -1;
		crm_date_format(d, out);
	} else {
		if (crm_time_parse(*v, &t, e) < 0)
			return -1;
		crm_time_format(&t, out);
	}
	replace(r, v, out);
	return 0;
}

/* 1, or NULL (0 with CRM_F_ZERO) for false. */
/* 1 for a yes word, 0 for a no word (as Excel exports and people
 * write them, 是/否 too), -1 for anything else. */
static int
bool_word(const char *v)
{
	static const char *const yes[] = { "1", "yes", "true", "y", "on",
		"是", "对" };
	static const char *const no[] = { "0", "no", "false", "n", "off",
		"否", "错" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

static int
bool_value(struct crm_record *r, const struct crm_field *fd, char **v,
    struct crm_err *e)
{
	int b = bool_word(*v);

	if (b < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not true or "
		    "false", *v);
	if (b || fd->flags & CRM_F_ZERO) {
		replace(r, v, b ? "1" : "0");
	} else {
		release(r, *v);
		*v = NULL;
	}
	return 0;
}

const char *
crm_record_bool_not(const char *v)
{
	int b = v ? bool_word(v) : -1;

	return b < 0 ? v : b ? "0" : "1";
}

static int
int_value(const char *v, struct crm_err *e)
{
	const char *p = v + (*v == '-');

	if (*p == '\0' || strspn(p, "0123456789") != strlen(p) ||
	    strlen(p) > 15)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a whole "
		    "number", v);
	return 0;
}

/* Money is kept as its cents (crm/money.h), as the database holds it. */
/* The cents as text into out (24 bytes), digit by digit (an import
 * writes a million). */
static void
cents_text(int64_t cents, char *out)
{
	uint64_t u = cents < 0 ? -(uint64_t)cents : (uint64_t)cents;
	char tmp[24], *p = out;
	int n = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (cents < 0)
		*p++ = '-';
	while (n > 0)
		*p++ = tmp[--n];
	*p = '\0';
}

static int
money_value(struct crm_record *r, char **v, struct crm_err *e)
{
	int64_t cents;
	char out[24];

	if (crm_money_parse(*v, &cents, e) < 0)
		return -1;
	if (cents > CRM_MONEY_MAX || cents < -CRM_MONEY_MAX)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is too large: an "
		    "amount is at most 100000000000.00", *v);
	cents_text(cents, out);
	replace(r, v, out);
	return 0;
}

/* A buffer for one check: the record's own when it is reused (no malloc
 * a value), else own, which the caller frees. */
static struct crm_buf *
work(struct crm_record *r, struct crm_buf *own)
{
	if (r->blk == NULL)
		return own;
	crm_buf_reset(&r->work);
	return &r->work;
}

/* The rule of the field's kind, on a trimmed, non-empty value. */
static int
kind_rule(struct crm_record *r, const struct crm_field *fd, char **v,
    const struct crm_record_checks *ck, struct crm_err *e)
{
	struct crm_buf own = { 0 }, *b = work(r, &own);
	int rc = 0;

	switch (fd->kind) {
	case CRM_K_ID:
		if (!id_ok(*v))
			rc = crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an id "
			    "(a whole number from 1 to %lld)", *v, CRM_ID_MAX);
		break;
	case CRM_K_KEY:
		rc = crm_login_check(*v, e);
		break;
	case CRM_K_PHONE:
		rc = crm_phone_check(*v, b, e);
		break;
	case CRM_K_EMAIL:
		rc = crm_email_check(*v, e);
		break;
	case CRM_K_ENUM:
		rc = enum_value(r, fd, v, e);
		break;
	case CRM_K_LOGIN:
		if (ck && ck->login_ok)
			rc = ck->login_ok(ck->arg, fd, *v, e);
		break;
	case CRM_K_DATE:
	case CRM_K_TIME:
		rc = time_value(r, v, fd->kind == CRM_K_DATE, e);
		break;
	case CRM_K_BOOL:
		rc = bool_value(r, fd, v, e);
		break;
	case CRM_K_INT:
		rc = int_value(*v, e);
		break;
	case CRM_K_MONEY:
		rc = money_value(r, v, e);
		break;
	case CRM_K_TAGS:
		if ((rc = crm_tags_norm(*v, ';', b, e)) == 0 && b->len) {
			replace(r, v, b->s);
		} else if (rc == 0) {
			release(r, *v);
			*v = NULL;
		}
		break;
	default:
		break;
	}
	crm_buf_free(&own);
	return rc;
}

/* A value that goes into mail headers, as it was typed: the mail
 * module's rules, whose messages say what a header cannot hold. */
static int
mail_ok(const struct crm_field *fd, const char *value, struct crm_err *e)
{
	if (fd->kind == CRM_K_EMAIL)
		return crm_mail_address_check(value, e);
	return crm_mail_name_check(value, e);
}

int
crm_record_put(struct crm_record *r, int f, const char *value,
    const struct crm_record_checks *ck, struct crm_err *e)
{
	const struct crm_field *fd = &r->ent->fields[f];
	int lines = fd->kind == CRM_K_NOTE || (fd->flags & CRM_F_LINES);
	struct crm_buf own = { 0 }, *b;
	const char *s = value;
	size_t n;
	char *v;

	release(r, r->f[f]);
	r->f[f] = NULL;
	if (value == NULL || *value == '\0')
		return 0;
	if ((fd->flags & CRM_F_MAIL) && mail_ok(fd, value, e) < 0)
		return -1;
	if (text_ok(value, lines, e) < 0)
		return -1;
	if ((fd->kind == CRM_K_PHONE || fd->kind == CRM_K_EMAIL ||
	    fd->kind == CRM_K_ENUM) && !crm_norm_ascii(value)) {
		/* "１３８…", "ａ＠ｂ.ｃｎ", "Ａ": typed on a Chinese IME */
		b = work(r, &own);
		crm_norm_width(value, b);
		s = b->s;
	}
	if (fd->kind == CRM_K_NOTE)
		n = strlen(s);
	else
		s = trim(s, &n);
	v = n > 0 ? keep(r, s, n) : NULL;
	crm_buf_free(&own);
	if (v == NULL)
		return 0;
	if (kind_rule(r, fd, &v, ck, e) < 0) {
		release(r, v);
		return -1;
	}
	r->f[f] = v;
	return 0;
}

int
crm_record_extra_name_ok(const struct crm_entity *ent, const char *name,
    struct crm_err *e)
{
	if (*name == '\0' || strlen(name) > 64 || strpbrk(name, "=,;\"") ||
	    text_ok(name, 0, NULL) < 0)
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be a field "
		    "name", name);
	if (crm_entity_field(ent, name) >= 0)
		return crm_err_set(e, CRM_EX_USAGE, "'%s' is a standard field, "
		    "not a custom one", name);
	return 0;
}

const char *
crm_record_extra(const struct crm_record *r, const char *key)
{
	for (size_t i = 0; r && i < r->nextra; i++)
		if (strcasecmp(r->ekeys[i], key) == 0)
			return r->evals[i];
	return NULL;
}

static void
extra_remove(struct crm_record *r, size_t i)
{
	free(r->ekeys[i]);
	free(r->evals[i]);
	memmove(r->ekeys + i, r->ekeys + i + 1,
	    (r->nextra - i - 1) * sizeof(char *));
	memmove(r->evals + i, r->evals + i + 1,
	    (r->nextra - i - 1) * sizeof(char *));
	r->nextra--;
}

int
crm_record_put_extra(struct crm_record *r, const char *key,
    const char *value, struct crm_err *e)
{
	size_t i = 0;

	if (value && *value && text_ok(value, 1, e) < 0)
		return -1;
	/* keys are case-insensitive: the spelling the record has stays */
	while (i < r->nextra && strcasecmp(r->ekeys[i], key) != 0)
		i++;
	if (i < r->nextra) {
		if (value == NULL || *value == '\0') {
			extra_remove(r, i);
			return 0;
		}
		free(r->evals[i]);
		r->evals[i] = crm_xstrdup(value);
		return 0;
	}
	if (value == NULL || *value == '\0')
		return 0;
	i = 0;		/* a new key: in order */
	while (i < r->nextra && strcmp(r->ekeys[i], key) < 0)
		i++;
	r->ekeys = crm_xrealloc(r->ekeys, (r->nextra + 1) * sizeof(char *));
	r->evals = crm_xrealloc(r->evals, (r->nextra + 1) * sizeof(char *));
	memmove(r->ekeys + i + 1, r->ekeys + i,
	    (r->nextra - i) * sizeof(char *));
	memmove(r->evals + i + 1, r->evals + i,
	    (r->nextra - i) * sizeof(char *));
	r->ekeys[i] = crm_xstrdup(key);
	r->evals[i] = crm_xstrdup(value);
	r->nextra++;
	return 0;
}

int
crm_record_same_field(const struct crm_record *a, const struct crm_record *b,
    int f)
{
	const char *x = a->f[f], *y = b->f[f];

	return x == y || (x && y && strcmp(x, y) == 0);
}

int
crm_record_same(const struct crm_record *a, const struct crm_record *b)
{
	if (a->nextra != b->nextra)
		return 0;
	for (size_t f = 0; f < a->ent->nfields; f++)
		if (!crm_record_same_field(a, b, (int)f))
			return 0;
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->ekeys[i], b->ekeys[i]) != 0 ||
		    strcmp(a->evals[i], b->evals[i]) != 0)
			return 0;
	return 1;
}

int
crm_record_finish(struct crm_record *r, unsigned long long required,
    const char **bad, struct crm_err *e)
{
	const struct crm_entity *ent = r->ent;
	struct crm_buf own = { 0 }, *b = work(r, &own);

	*bad = NULL;
	for (size_t f = 0; f < ent->nfields; f++) {
		if ((required & (1ull << f)) && r->f[f] == NULL) {
			*bad = ent->fields[f].name;
			/* the descriptor's own, or no setting names it */
			if (ent->required_setting == NULL ||
			    (ent->fields[f].flags & CRM_F_REQUIRED))
				return crm_err_set(e, CRM_EX_DATAERR,
				    "missing (every %s has one)",
				    crm_entity_word(ent));
			return crm_err_set(e, CRM_EX_DATAERR, "missing (the "
			    "setting %s asks for it)", ent->required_setting);
		}
	}
	for (size_t k = 0; k < ent->nkeys; k++) {
		const struct crm_key *key = &ent->keys[k];
		const char *v = r->f[key->field];

		release(r, r->key[k]);
		r->key[k] = NULL;
		crm_buf_reset(b);
		if (v != NULL && key->make(v, b) == 0)
			r->key[k] = keep(r, crm_buf_str(b), b->len);
	}
	crm_buf_free(&own);
	return ent->finish ? ent->finish(r, bad, e) : 0;
}

char *
crm_record_extra_json(const struct crm_record *r)
{
	struct crm_buf b = { 0 };

	if (r->nextra == 0)
		return NULL;
	crm_buf_addc(&b, '{');
	for (size_t i = 0; i < r->nextra; i++) {
		if (i > 0)
			crm_buf_addc(&b, ',');
		crm_json_quote(&b, r->ekeys[i], strlen(r->ekeys[i]));
		crm_buf_addc(&b, ':');
		crm_json_quote(&b, r->evals[i], strlen(r->evals[i]));
	}
	crm_buf_addc(&b, '}');
	return crm_buf_detach(&b);
}

char *
crm_record_show(const struct crm_record *r, int f)
{
	char *out;

	if (r->f[f] == NULL)
		return NULL;
	if (r->ent->fields[f].kind == CRM_K_MONEY) {
		char money[CRM_MONEY_LEN];

		crm_money_format(strtoll(r->f[f], NULL, 10), money);
		return crm_xstrdup(money);
	}
	out = crm_xstrdup(r->f[f]);
	if (r->ent->fields[f].kind == CRM_K_TAGS)
		for (char *p = out; *p; p++)
			if (*p == '\x1f')
				*p = ';';
	return out;
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tags are kept folded (case and width: "VIP", "vip" and "ｖｉｐ" are
 * one tag), as they are searched. */
static char *
folded_tag(const char *tag)
{
	struct crm_buf b = { 0 };
	size_t len = strlen(tag);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];

		i += (size_t)crm_utf8_decode(tag + i, len - i, &cp);
		crm_buf_add(&b, enc, (size_t)crm_utf8_encode(crm_cp_fold(cp),
		    enc));
	}
	return crm_buf_detach(&b);
}

int
crm_tags_norm(const char *list, char sep, struct crm_buf *out,
    struct crm_err *e)
{
	char **tags = NULL;
	size_t n = 0;
	const char *p = list;
	int rc = 0;

	crm_buf_reset(out);
	while (p && *p) {
		size_t len = strcspn(p, (char[]){ sep, '\0' });
		char *t = crm_xstrndup(p, len), *tt = trimmed(t), *ft;

		free(t);
		p += len + (p[len] == sep);
		if (*tt == '\0') {
			free(tt);
			continue;
		}
		ft = folded_tag(tt);
		free(tt);
		if (strchr(ft, ';') || text_ok(ft, 0, e) < 0 ||
		    strlen(ft) > 64) {
			rc = crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a tag "
			    "(at most 64 bytes, no ';')", ft);
			free(ft);
			break;
		}
		tags = crm_xrealloc(tags, (n + 1) * sizeof(*tags));
		tags[n++] = ft;
	}
	if (n > 1)
		qsort(tags, n, sizeof(*tags), cmp_strp);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (i == 0 || strcmp(tags[i], tags[i - 1]) != 0) {
			if (out->len > 0)
				crm_buf_addc(out, '\x1f');
			crm_buf_adds(out, tags[i]);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(tags[i]);
	free(tags);
	return rc;
}
