/* Customer fields: names, aliases, and the rule of each. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "customer-impl.h"
#include "crm/clock.h"
#include "crm/norm.h"
#include "crm/out.h"
#include "crm/text.h"
#include "crm/banned.h"

const struct crm_field_def crm_customer_fields[CRM_CUST_NFIELDS] = {
	[CRM_CF_ID] = { "id", "编号|客户编号|客户id" },
	[CRM_CF_NAME] = { "name", "客户名称|公司名称|名称|客户名|客户|"
	    "company|company name|customer|customer name|account" },
	[CRM_CF_CONTACT] = { "contact", "联系人|contact name|contact person" },
	[CRM_CF_PHONE] = { "phone", "电话|手机|手机号|手机号码|联系电话|"
	    "电话号码|mobile|tel|telephone|phone number" },
	[CRM_CF_EMAIL] = { "email", "邮箱|电子邮件|电子邮箱|e-mail|mail" },
	[CRM_CF_ADDRESS] = { "address", "地址|详细地址" },
	[CRM_CF_CITY] = { "city", "城市" },
	[CRM_CF_REGION] = { "region", "地区|区域|战区|大区" },
	[CRM_CF_INDUSTRY] = { "industry", "行业|所属行业|sector" },
	[CRM_CF_SIZE] = { "size", "规模|公司规模|company size|employees" },
	[CRM_CF_TIER] = { "tier", "级别|等级|客户等级|客户级别|grade|level" },
	[CRM_CF_STATUS] = { "status", "状态|客户状态" },
	[CRM_CF_OWNER] = { "owner", "负责人|跟进人|销售|销售员|所属销售" },
	[CRM_CF_POOL] = { "pool", "公海" },
	[CRM_CF_SOURCE_TYPE] = { "source_type", "来源|客户来源|source" },
	[CRM_CF_SOURCE_ID] = { "source_id", "来源编号" },
	[CRM_CF_CLAIMED_AT] = { "claimed_at", "领取时间" },
	[CRM_CF_LAST_FOLLOWUP_AT] = { "last_followup_at",
	    "最后跟进时间|上次跟进时间|最近跟进" },
	[CRM_CF_NEXT_FOLLOWUP_AT] = { "next_followup_at",
	    "下次跟进时间|下次跟进" },
	[CRM_CF_CREATED_AT] = { "created_at", "创建时间" },
	[CRM_CF_UPDATED_AT] = { "updated_at", "更新时间|修改时间" },
	[CRM_CF_NOTE] = { "note", "备注|说明|notes|remark|remarks" },
	[CRM_CF_TAGS] = { "tags", "标签|tag" },
	[CRM_CF_LOCKED] = { "locked", "锁定" },
	[CRM_CF_LOCK_REASON] = { "lock_reason", "锁定原因" },
};

int
crm_customer_field(const char *name)
{
	struct crm_fieldmap m;
	int f;

	crm_fieldmap_init(&m, crm_customer_fields, CRM_CUST_NFIELDS, NULL,
	    NULL);
	f = crm_fieldmap_lookup(&m, name);
	crm_fieldmap_free(&m);
	return f;
}

void
cust_free(struct cust *c)
{
	for (int i = 0; i < CRM_CUST_NFIELDS; i++)
		free(c->f[i]);
	free(c->name_key);
	free(c->core_key);
	free(c->phone_key);
	for (size_t i = 0; i < c->nextra; i++) {
		free(c->ekeys[i]);
		free(c->evals[i]);
	}
	free(c->ekeys);
	free(c->evals);
	memset(c, 0, sizeof(*c));
}

static char *
dup_or_null(const char *s)
{
	return s ? crm_xstrdup(s) : NULL;
}

void
cust_copy(struct cust *dst, const struct cust *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->id = src->id;
	for (int i = 0; i < CRM_CUST_NFIELDS; i++)
		dst->f[i] = dup_or_null(src->f[i]);
	dst->name_key = dup_or_null(src->name_key);
	dst->core_key = dup_or_null(src->core_key);
	dst->phone_key = dup_or_null(src->phone_key);
	for (size_t i = 0; i < src->nextra; i++)
		cust_put_extra(dst, src->ekeys[i], src->evals[i], NULL);
}

/* Text fields may hold tabs and line ends (note and address), never
 * other control characters, nor the separators crm uses inside. */
static int
text_ok(const char *s, int multiline, struct crm_err *e)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p != 0x7f)
			continue;
		if (multiline && (*p == '\n' || *p == '\r' || *p == '\t'))
			continue;
		return crm_err_set(e, CRM_EX_DATAERR, "control character "
		    "0x%02x in '%.40s'", *p, s);
	}
	if (strlen(s) > 10000)
		return crm_err_set(e, CRM_EX_DATAERR, "longer than 10000 "
		    "bytes");
	return 0;
}

/* A copy of s without surrounding blanks. */
static char *
trimmed(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return crm_xstrndup(s, n);
}

static int
one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

static int
check_time(char **v, int date_only, struct crm_err *e)
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
	free(*v);
	*v = crm_xstrdup(out);
	return 0;
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tags are kept folded (case and width: "VIP", "vip" and "ｖｉｐ" are
 * one tag), as they are searched. */
static void
fold_tag(char **tag)
{
	struct crm_buf b = { 0 };
	size_t len = strlen(*tag);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];

		i += (size_t)crm_utf8_decode(*tag + i, len - i, &cp);
		crm_buf_add(&b, enc, (size_t)crm_utf8_encode(crm_cp_fold(cp),
		    enc));
	}
	free(*tag);
	*tag = crm_buf_detach(&b);
}

int
cust_norm_tags(const char *list, char sep, struct crm_buf *out,
    struct crm_err *e)
{
	char **tags = NULL;
	size_t n = 0;
	const char *p = list;
	int rc = 0;

	crm_buf_reset(out);
	while (p && *p) {
		size_t len = strcspn(p, (char[]){ sep, '\0' });
		char *t = crm_xstrndup(p, len), *tt = trimmed(t);

		free(t);
		p += len + (p[len] == sep);
		if (*tt == '\0') {
			free(tt);
			continue;
		}
		fold_tag(&tt);
		if (strchr(tt, ';') || text_ok(tt, 0, e) < 0 ||
		    strlen(tt) > 64) {
			rc = crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a tag "
			    "(at most 64 bytes, no ';')", tt);
			free(tt);
			break;
		}
		tags = crm_xrealloc(tags, (n + 1) * sizeof(*tags));
		tags[n++] = tt;
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

/* Digits only, from 1 to CUST_MAX_ID: what a json reader keeps exact,
 * and far from the end of SQLite's rowids, so that the next id is never
 * drawn at random. */
static int
id_ok(const char *v)
{
	long long id = 0;

	if (*v == '\0' || strspn(v, "0123456789") != strlen(v))
		return 0;
	for (; *v; v++) {
		id = id * 10 + (*v - '0');
		if (id > CUST_MAX_ID)
			return 0;
	}
	return id > 0;
}

int
cust_put(struct cust *c, int f, const char *value,
    const struct cust_checks *ck, struct crm_err *e)
{
	static const char *const tiers[] = { "A", "B", "C", "D", "E" };
	static const char *const statuses[] = { "prospect", "active",
		"dormant", "lost" };
	struct crm_buf b = { 0 };
	char *v;

	free(c->f[f]);
	c->f[f] = NULL;
	if (value == NULL || *value == '\0')
		return 0;
	if (text_ok(value, f == CRM_CF_NOTE || f == CRM_CF_ADDRESS, e) < 0)
		return -1;
	if (f == CRM_CF_PHONE || f == CRM_CF_EMAIL || f == CRM_CF_TIER ||
	    f == CRM_CF_STATUS) {
		/* "１３８…", "ａ＠ｂ.ｃｎ", "Ａ": typed on a Chinese IME */
		crm_norm_width(value, &b);
		v = trimmed(b.s);
		crm_buf_reset(&b);
	} else {
		v = f == CRM_CF_NOTE ? crm_xstrdup(value) : trimmed(value);
	}
	if (*v == '\0') {
		free(v);
		return 0;
	}
	switch (f) {
	case CRM_CF_ID:
		if (!id_ok(v)) {
			crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an id (a "
			    "whole number from 1 to %lld)", v, CUST_MAX_ID);
			goto bad;
		}
		break;
	case CRM_CF_PHONE:
		if (crm_phone_check(v, &b, e) < 0)
			goto bad;
		break;
	case CRM_CF_EMAIL:
		if (crm_email_check(v, e) < 0)
			goto bad;
		break;
	case CRM_CF_TIER:
		v[0] = (char)toupper((unsigned char)v[0]);
		if (!one_of(v, tiers, 5)) {
			crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a tier (use "
			    "A, B, C, D or E)", v);
			goto bad;
		}
		break;
	case CRM_CF_STATUS:
		for (char *p = v; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!one_of(v, statuses, 4)) {
			crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a status "
			    "(use prospect, active, dormant or lost)", v);
			goto bad;
		}
		break;
	case CRM_CF_OWNER:
		if (ck && ck->owner_ok && ck->owner_ok(ck->arg, v, e) < 0)
			goto bad;
		break;
	case CRM_CF_CLAIMED_AT:
	case CRM_CF_LAST_FOLLOWUP_AT:
	case CRM_CF_CREATED_AT:
	case CRM_CF_UPDATED_AT:
	case CRM_CF_NEXT_FOLLOWUP_AT:
		if (check_time(&v, f == CRM_CF_NEXT_FOLLOWUP_AT, e) < 0)
			goto bad;
		break;
	case CRM_CF_LOCKED:
		/* 1 or nothing, like the column */
		if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
		    !strcmp(v, "1")) {
			free(v);
			v = crm_xstrdup("1");
		} else if (!strcasecmp(v, "false") || !strcasecmp(v, "no") ||
		    !strcmp(v, "0")) {
			free(v);
			return 0;
		} else {
			crm_err_set(e, CRM_EX_DATAERR, "'%s' is not true or "
			    "false", v);
			goto bad;
		}
		break;
	case CRM_CF_TAGS:
		if (cust_norm_tags(v, ';', &b, e) < 0)
			goto bad;
		free(v);
		v = b.len ? crm_buf_detach(&b) : NULL;
		break;
	}
	crm_buf_free(&b);
	c->f[f] = v;
	return 0;
bad:
	crm_buf_free(&b);
	free(v);
	return -1;
}

int
cust_extra_name_ok(const char *name, struct crm_err *e)
{
	if (*name == '\0' || strlen(name) > 64 || strpbrk(name, "=,;\"") ||
	    text_ok(name, 0, NULL) < 0)
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be a field "
		    "name", name);
	if (crm_customer_field(name) >= 0)
		return crm_err_set(e, CRM_EX_USAGE, "'%s' is a standard field, "
		    "not a custom one", name);
	return 0;
}

int
cust_put_extra(struct cust *c, const char *key, const char *value,
    struct crm_err *e)
{
	size_t i = 0;

	if (value && *value && text_ok(value, 1, e) < 0)
		return -1;
	/* keys are case-insensitive: the spelling the record has stays */
	while (i < c->nextra && strcasecmp(c->ekeys[i], key) != 0)
		i++;
	if (i < c->nextra) {
		free(c->evals[i]);
		if (value && *value) {
			c->evals[i] = crm_xstrdup(value);
			return 0;
		}
		free(c->ekeys[i]);
		memmove(c->ekeys + i, c->ekeys + i + 1,
		    (c->nextra - i - 1) * sizeof(char *));
		memmove(c->evals + i, c->evals + i + 1,
		    (c->nextra - i - 1) * sizeof(char *));
		c->nextra--;
		return 0;
	}
	if (value == NULL || *value == '\0')
		return 0;
	i = 0;		/* a new key: in order */
	while (i < c->nextra && strcmp(c->ekeys[i], key) < 0)
		i++;
	c->ekeys = crm_xrealloc(c->ekeys, (c->nextra + 1) * sizeof(char *));
	c->evals = crm_xrealloc(c->evals, (c->nextra + 1) * sizeof(char *));
	memmove(c->ekeys + i + 1, c->ekeys + i,
	    (c->nextra - i) * sizeof(char *));
	memmove(c->evals + i + 1, c->evals + i,
	    (c->nextra - i) * sizeof(char *));
	c->ekeys[i] = crm_xstrdup(key);
	c->evals[i] = crm_xstrdup(value);
	c->nextra++;
	return 0;
}

int
cust_finish(struct cust *c, unsigned required, const char **bad,
    struct crm_err *e)
{
	struct crm_buf b = { 0 };

	for (int f = 0; f < CRM_CUST_NFIELDS; f++) {
		if ((required & (1u << f)) && c->f[f] == NULL) {
			*bad = crm_customer_fields[f].name;
			return crm_err_set(e, CRM_EX_DATAERR, "missing (the "
			    "setting customer.required asks for it)");
		}
	}
	*bad = NULL;
	free(c->name_key);
	free(c->core_key);
	free(c->phone_key);
	c->name_key = c->core_key = c->phone_key = NULL;
	if (c->f[CRM_CF_NAME] != NULL) {	/* an import may match without */
		crm_norm_name(c->f[CRM_CF_NAME], &b);
		if (b.len == 0) {
			crm_buf_free(&b);
			*bad = "name";
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no "
			    "letters or digits", c->f[CRM_CF_NAME]);
		}
		c->name_key = crm_buf_detach(&b);
		crm_norm_core(c->f[CRM_CF_NAME], &b);
		c->core_key = crm_buf_detach(&b);
	}
	if (c->f[CRM_CF_PHONE] && crm_phone_check(c->f[CRM_CF_PHONE], &b,
	    NULL) == 0)
		c->phone_key = crm_buf_detach(&b);
	crm_buf_free(&b);
	if (c->f[CRM_CF_OWNER] != NULL) {
		free(c->f[CRM_CF_POOL]);
		c->f[CRM_CF_POOL] = NULL;
	} else if (c->f[CRM_CF_POOL] == NULL) {
		c->f[CRM_CF_POOL] = crm_xstrdup(c->f[CRM_CF_REGION] ?
		    c->f[CRM_CF_REGION] : "public");
	}
	if (c->f[CRM_CF_STATUS] == NULL)
		c->f[CRM_CF_STATUS] = crm_xstrdup("prospect");
	return 0;
}

/* What an import may not set, and what does it instead. */
static const struct {
	int field;
	unsigned roles;		/* who may give a new record a value */
	int history;		/* an admin's --historical may set it */
	const char *why;
} guarded[] = {
	{ CRM_CF_LOCKED, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, 0, "only a "
	    "manager or an admin may lock customers (crm-customer lock)" },
	{ CRM_CF_LOCK_REASON, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, 0, "only a "
	    "manager or an admin may lock customers (crm-customer lock)" },
	{ CRM_CF_POOL, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, 0, "a rep's new "
	    "customers are their own (crm-customer release puts one in the "
	    "pool)" },
	{ CRM_CF_CLAIMED_AT, 0, 1, "set by claims, not by an import" },
	{ CRM_CF_LAST_FOLLOWUP_AT, 0, 1, "set by follow-ups, not by an "
	    "import" },
	{ CRM_CF_CREATED_AT, 0, 1, "set when a customer is added, not by an "
	    "import" },
	{ CRM_CF_UPDATED_AT, 0, 1, "set when a customer changes, not by an "
	    "import" },
};

int
cust_may_set(const struct crm_session *s, int f, int is_new, int historical,
    struct crm_err *e)
{
	if (!is_new && f == CRM_CF_OWNER)
		return crm_err_set(e, CRM_EX_NOPERM, "an import does not "
		    "change the owner (crm-customer assign does)");
	if (!is_new && f == CRM_CF_POOL)
		return crm_err_set(e, CRM_EX_NOPERM, "an import does not "
		    "change the pool (crm-customer release and assign do)");
	if (!is_new && f == CRM_CF_ID)
		return crm_err_set(e, CRM_EX_NOPERM, "an import does not "
		    "change ids");
	for (size_t i = 0; i < sizeof(guarded) / sizeof(*guarded); i++) {
		if (guarded[i].field != f || (s->role & guarded[i].roles))
			continue;
		if (guarded[i].history && historical &&
		    s->role == CRM_ROLE_ADMIN)
			return 0;
		return crm_err_set(e, CRM_EX_NOPERM, "%s%s", guarded[i].why,
		    guarded[i].history ? " (an admin restoring history uses "
		    "--historical)" : "");
	}
	return 0;
}

char *
cust_extra_json(const struct cust *c)
{
	struct crm_buf b = { 0 };

	if (c->nextra == 0)
		return NULL;
	crm_buf_addc(&b, '{');
	for (size_t i = 0; i < c->nextra; i++) {
		if (i > 0)
			crm_buf_addc(&b, ',');
		crm_json_quote(&b, c->ekeys[i], strlen(c->ekeys[i]));
		crm_buf_addc(&b, ':');
		crm_json_quote(&b, c->evals[i], strlen(c->evals[i]));
	}
	crm_buf_addc(&b, '}');
	return crm_buf_detach(&b);
}

int
crm_cust_input_set(struct crm_cust_input *in, const char *key,
    const char *value, struct crm_err *e)
{
	int f = crm_customer_field(key);

	if (f >= 0) {
		in->f[f] = value;
		return 0;
	}
	if (cust_extra_name_ok(key, e) < 0)
		return -1;
	for (size_t i = 0; i < in->nextra; i++) {
		if (strcmp(in->ekeys[i], key) == 0) {
			in->evals[i] = value;
			return 0;
		}
	}
	if (in->nextra == sizeof(in->ekeys) / sizeof(*in->ekeys))
		return crm_err_set(e, CRM_EX_USAGE, "too many custom fields "
		    "at once");
	in->ekeys[in->nextra] = key;
	in->evals[in->nextra++] = value;
	return 0;
}
