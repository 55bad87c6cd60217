/* Listing customers: every filter of crm-customer list, in one
 * statement, limited to what the acting user may see. */
#include <stdlib.h>
#include <string.h>

#include "customer-impl.h"
#include "crm/clock.h"
#include "crm/norm.h"
#include "crm/setting.h"
#include "scope-sql.h"
#include "crm/banned.h"

static const struct crm_col list_cols[CRM_CUST_NFIELDS] = {
	{ "id", CRM_COL_INT }, { "name", CRM_COL_TEXT },
	{ "contact", CRM_COL_TEXT }, { "phone", CRM_COL_PHONE },
	{ "email", CRM_COL_TEXT }, { "address", CRM_COL_TEXT },
	{ "city", CRM_COL_TEXT }, { "region", CRM_COL_TEXT },
	{ "industry", CRM_COL_TEXT }, { "size", CRM_COL_TEXT },
	{ "tier", CRM_COL_TEXT }, { "status", CRM_COL_TEXT },
	{ "owner", CRM_COL_TEXT }, { "pool", CRM_COL_TEXT },
	{ "source_type", CRM_COL_TEXT }, { "source_id", CRM_COL_TEXT },
	{ "claimed_at", CRM_COL_TIME }, { "last_followup_at", CRM_COL_TIME },
	{ "next_followup_at", CRM_COL_DATE }, { "created_at", CRM_COL_TIME },
	{ "updated_at", CRM_COL_TIME }, { "note", CRM_COL_TEXT },
	{ "tags", CRM_COL_LIST }, { "locked", CRM_COL_BOOL },
	{ "lock_reason", CRM_COL_TEXT },
};

/* ?7: mask the contacts of pool customers. */
#define LIST_SELECT SCOPE_TEAM \
	"SELECT c.id, c.name, c.contact, " \
	"CASE WHEN ?7 AND c.owner IS NULL THEN crm_mask_phone(c.phone) " \
	"ELSE c.phone END, " \
	"CASE WHEN ?7 AND c.owner IS NULL THEN crm_mask_email(c.email) " \
	"ELSE c.email END, c.address, c.city, c.region, c.industry, " \
	"c.size, c.tier, c.status, c.owner, c.pool, c.source_type, " \
	"c.source_id, c.claimed_at, c.last_followup_at, " \
	"c.next_followup_at, c.created_at, c.updated_at, c.note, c.tags, " \
	"CASE WHEN c.locked THEN 'true' END, c.lock_reason, " \
	"CASE WHEN c.extra IS NULL THEN NULL ELSE (SELECT " \
	"group_concat(j.key || char(30) || j.value, char(31)) " \
	"FROM json_each(c.extra) j) END "

#define LIST_WHERE \
	"FROM customers c WHERE " SCOPE_VISIBLE \
	"AND (?8 = 0 OR c.id = ?8) " \
	"AND (?9 IS NULL OR c.owner = ?9) " \
	"AND (?10 = 0 OR c.owner = ?1) " \
	"AND (?11 = 0 OR c.owner IS NULL) " \
	"AND (?12 IS NULL OR c.pool = ?12) " \
	"AND (?13 IS NULL OR c.region = ?13) " \
	"AND (?14 IS NULL OR c.tier = ?14) " \
	"AND (?15 IS NULL OR instr(char(31) || c.tags || char(31), " \
	"char(31) || ?15 || char(31)) > 0) " \
	"AND (?16 IS NULL OR c.status = ?16) " \
	"AND (?17 IS NULL OR instr(c.name_key, ?17) > 0 " \
	"OR instr(crm_key(c.contact), ?17) > 0 OR (NOT (?7 AND c.owner IS " \
	"NULL) AND (instr(crm_key(c.phone), ?17) > 0 " \
	"OR instr(crm_key(c.email), ?17) > 0))) " \
	"AND (?18 IS NULL OR " \
	"coalesce(c.last_followup_at, c.claimed_at, c.created_at) < ?18) " \
	"AND (?19 IS NULL OR c.last_order_at < ?19) "

/* One customer: a rowid lookup (the general statement's "?8 = 0 OR"
 * would make it a scan). */
static const char sql_one[] =
	LIST_SELECT "FROM customers c WHERE c.id = ?8 AND " SCOPE_VISIBLE;
/* In id order (the rowid: no sort), or by a column, either way. */
static const char sql_list[] =
	LIST_SELECT LIST_WHERE "ORDER BY c.id LIMIT ?22";
/* The value sorted by for --sort (?20) or --sort -COLUMN (?21): a
 * masked phone by its mask, what the user sees, so that the order does
 * not narrow down the digits the mask hides. */
#define SORT_KEY(p) \
	"CASE " p " WHEN 'name' THEN c.name_key " \
	"WHEN 'contact' THEN c.contact WHEN 'phone' THEN CASE WHEN ?7 AND " \
	"c.owner IS NULL THEN crm_mask_phone(c.phone) ELSE c.phone_key END " \
	"WHEN 'city' THEN c.city WHEN 'region' THEN c.region " \
	"WHEN 'industry' THEN c.industry WHEN 'size' THEN c.size " \
	"WHEN 'tier' THEN c.tier WHEN 'status' THEN c.status " \
	"WHEN 'owner' THEN c.owner WHEN 'pool' THEN c.pool " \
	"WHEN 'claimed_at' THEN c.claimed_at " \
	"WHEN 'last_followup_at' THEN c.last_followup_at " \
	"WHEN 'next_followup_at' THEN c.next_followup_at " \
	"WHEN 'created_at' THEN c.created_at " \
	"WHEN 'updated_at' THEN c.updated_at WHEN 'id' THEN c.id END "
static const char sql_list_sorted[] =
	LIST_SELECT LIST_WHERE
	"ORDER BY " SORT_KEY("?20") "NULLS LAST, "
	SORT_KEY("?21") "DESC NULLS LAST, c.id LIMIT ?22";
static const char sql_custom_fields[] =
	"SELECT name FROM custom_fields WHERE entity = 'customer' "
	"ORDER BY name";

static const char *const sortable[] = { "id", "name", "contact", "phone",
	"city", "region", "industry", "size", "tier", "status", "owner",
	"pool", "claimed_at", "last_followup_at", "next_followup_at",
	"created_at", "updated_at" };

void
crm_cust_filter_init(struct crm_cust_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->stale = -1;
	f->dormant = -1;
	f->limit = -1;
}

static int
check_sort(const char *sort, struct crm_err *e)
{
	const char *col = sort + (*sort == '-');

	for (size_t i = 0; i < sizeof(sortable) / sizeof(*sortable); i++)
		if (strcmp(col, sortable[i]) == 0)
			return 0;
	return crm_err_set(e, CRM_EX_USAGE, "cannot sort by '%s' (use id, "
	    "name, contact, phone, city, region, industry, size, tier, "
	    "status, owner, pool, claimed_at, last_followup_at, "
	    "next_followup_at, created_at or updated_at; -COLUMN for "
	    "descending)", sort);
}

/* The date `days` days ago, for --stale and --dormant. */
static void
days_ago(int days, char out[CRM_DATE_LEN])
{
	crm_date_format(crm_today() - days, out);
}

static int
bind_filter(struct crm_session *s, sqlite3_stmt *st,
    const struct crm_cust_filter *f, struct crm_err *e)
{
	char stale[CRM_DATE_LEN], dormant[CRM_DATE_LEN];
	struct crm_buf key = { 0 };
	int mask;

	if (crm_scope_bind(s, &crm_customer_entity, st, e) < 0 || crm_scope_masked(s, &mask, e) < 0)
		return -1;
	sqlite3_bind_int(st, 7, mask);
	sqlite3_bind_int64(st, 8, f->id);
	crm_db_bind_text(st, 9, f->owner);
	sqlite3_bind_int(st, 10, f->mine);
	sqlite3_bind_int(st, 11, f->pool || f->pool_name);
	crm_db_bind_text(st, 12, f->pool_name);
	crm_db_bind_text(st, 13, f->region);
	crm_db_bind_text(st, 14, f->tier);
	if (f->tag) {
		/* tags are stored folded: so is the one asked for */
		if (crm_tags_norm(f->tag, ';', &key, e) < 0) {
			crm_buf_free(&key);
			return -1;
		}
		crm_db_bind_text(st, 15, crm_buf_str(&key));
		crm_buf_reset(&key);
	}
	crm_db_bind_text(st, 16, f->status);
	if (f->search) {
		crm_norm_name(f->search, &key);
		crm_db_bind_text(st, 17, key.len ? key.s : "");
	}
	crm_buf_free(&key);
	if (f->stale >= 0) {
		days_ago(f->stale, stale);
		crm_db_bind_text(st, 18, stale);
	}
	if (f->dormant >= 0) {
		days_ago(f->dormant, dormant);
		crm_db_bind_text(st, 19, dormant);
	}
	if (f->sort) {
		crm_db_bind_text(st, f->sort[0] == '-' ? 21 : 20,
		    f->sort + (f->sort[0] == '-'));
	}
	sqlite3_bind_int64(st, 22, f->limit);
	return 0;
}

struct crm_rows *
crm_customer_list(struct crm_session *s, const struct crm_cust_filter *f,
    struct crm_err *e)
{
	sqlite3_stmt *st;
	struct crm_rows *r;
	char **extra;
	size_t nextra;

	if (f->sort && check_sort(f->sort, e) < 0)
		return NULL;
	if (f->tier && (strlen(f->tier) != 1 || f->tier[0] < 'A' ||
	    f->tier[0] > 'E')) {
		crm_err_set(e, CRM_EX_USAGE, "'%s' is not a tier (use A, B, C, "
		    "D or E)", f->tier);
		return NULL;
	}
	st = crm_db_prepare(s->db, f->id ? sql_one : f->sort ?
	    sql_list_sorted : sql_list, e);
	if (st == NULL || bind_filter(s, st, f, e) < 0)
		return NULL;
	extra = crm_db_strings(s->db, sql_custom_fields, &nextra, e);
	r = crm_rows_from_stmt_dyn(s->db, st, list_cols, CRM_CUST_NFIELDS, 0);
	crm_rows_expand(r, extra, nextra);
	for (size_t i = 0; i < nextra; i++)
		free(extra[i]);
	free(extra);
	return r;
}
