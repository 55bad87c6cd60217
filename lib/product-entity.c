/* The product entity (产品): its fields with the header names of Chinese
 * and English catalogues, its keys, and the rules that hold after every
 * change. */
#include <ctype.h>

#include "product-impl.h"
#include "crm/norm.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define SEARCH CRM_F_SEARCH
#define FILTER CRM_F_FILTER

static const struct crm_field fields[] = {
	[CRM_PF_ID] = { NC_("column", "id"), "编号|产品ID|product id|"
	    "product_id", CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_PF_SKU] = { NC_("column", "sku"), "产品编号|型号|产品型号|"
	    "货号|物料编号|编码|产品编码|code|product code|item|item no|"
	    "part number|model", CRM_K_TEXT, CRM_F_REQUIRED | SORT | TABLE |
	    SEARCH | OPT, NULL, NULL, "SKU",
	    N_("the product's code (型号), unique") },
	[CRM_PF_NAME] = { NC_("column", "name"), "产品名称|名称|品名|"
	    "product|product name|product_name|description", CRM_K_TEXT,
	    CRM_F_REQUIRED | SORT | TABLE | SEARCH | OPT, NULL, NULL, "NAME",
	    N_("the product's name") },
	[CRM_PF_CATEGORY] = { NC_("column", "category"), "类别|分类|产品类别|"
	    "产品分类|类型|category name|product line", CRM_K_TEXT,
	    SORT | TABLE | OPT | FILTER, NULL, NULL, "TEXT",
	    N_("its category (类别)") },
	[CRM_PF_UNIT] = { NC_("column", "unit"), "单位|计量单位|uom|"
	    "quantity per unit", CRM_K_TEXT, SORT | TABLE | OPT, NULL, NULL,
	    "TEXT", N_("what one is counted in (台, 套, box ...)") },
	[CRM_PF_PRICE] = { NC_("column", "price"), "单价|价格|售价|销售价|"
	    "标准价|unit price|unit_price|list price", CRM_K_MONEY,
	    SORT | TABLE | OPT, NULL, NULL, "MONEY",
	    N_("the list price of one (default 0)") },
	[CRM_PF_COST] = { NC_("column", "cost"), "成本|成本价|进价|"
	    "unit cost|standard cost", CRM_K_MONEY, SORT | OPT, NULL, NULL,
	    "MONEY", N_("what one costs us (for the margin)") },
	[CRM_PF_ACTIVE] = { NC_("column", "active"), "上架|在售|状态|"
	    "on sale|!discontinued|!下架|!停售", CRM_K_BOOL,
	    CRM_F_ZERO | SORT | TABLE | OPT | FILTER, NULL, NULL, "1|0",
	    N_("1 on sale (上架), 0 retired (下架)") },
	[CRM_PF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_PF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_PF_NOTE] = { NC_("column", "note"), "备注|说明|notes",
	    CRM_K_NOTE, OPT, NULL, NULL, "TEXT", N_("a note") },
};

/* A sku is a code: case and full width do not make another one, but
 * every other character does (AB-1 is not AB1). */
static int
sku_key(const char *sku, struct crm_buf *out)
{
	size_t from = out->len;

	crm_norm_width(sku, out);
	for (size_t i = from; i < out->len; i++)
		out->s[i] = (char)tolower((unsigned char)out->s[i]);
	return out->len > from ? 0 : -1;
}

static int
name_key(const char *name, struct crm_buf *out)
{
	crm_norm_name(name, out);
	return out->len > 0 ? 0 : -1;
}

static const struct crm_key keys[] = {
	{ "sku_key", CRM_PF_SKU, sku_key, NC_("key", "sku"), CRM_KEY_DUP },
	{ "name_key", CRM_PF_NAME, name_key, NC_("key", "name"), 0 },
};

static int
product_finish(struct crm_record *p, const char **bad, struct crm_err *e)
{
	if (p->f[CRM_PF_SKU] != NULL && p->key[0] == NULL) {
		*bad = "sku";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a code",
		    p->f[CRM_PF_SKU]);
	}
	if (p->f[CRM_PF_NAME] != NULL && p->key[1] == NULL) {
		*bad = "name";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", p->f[CRM_PF_NAME]);
	}
	for (int f = CRM_PF_PRICE; f <= CRM_PF_COST; f++)
		if (p->f[f] && *p->f[f] == '-') {
			*bad = p->ent->fields[f].name;
			return crm_err_set(e, CRM_EX_DATAERR, "must not be "
			    "negative");
		}
	if (p->f[CRM_PF_PRICE] == NULL)
		crm_record_set(p, CRM_PF_PRICE, "0");
	if (p->f[CRM_PF_ACTIVE] == NULL)
		crm_record_set(p, CRM_PF_ACTIVE, "1");
	return 0;
}

/* Everyone reads the catalogue (a rep quotes from it); managers and
 * admins change it. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP | CRM_ROLE_FINANCE |
	    CRM_ROLE_MARKETING,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER
};

const struct crm_entity crm_product_entity = {
	.name = NC_("entity", "product"),
	.table = NC_("entity", "products"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(*keys),
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_PF_NAME,
	.scope = &scope,
	.import = &product_import,
	.undo = crm_product_undo,
	.finish = product_finish,
};
