/* The funds account entity (资金账户): a bank account, the cash box, an
 * Alipay or WeChat Pay account that money comes into and goes out of;
 * and its balances, a read-only view of the same accounts. */
#include <ctype.h>

#include "pay-impl.h"
#include "crm/norm.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define FILTER CRM_F_FILTER

#define KINDS "bank|cash|alipay|wechat|other"

static const struct crm_field fields[] = {
	[CRM_AF_ID] = { NC_("column", "id"), "编号|账户编号|account id",
	    CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_AF_NAME] = { NC_("column", "name"), "账户名称|账户|名称|户名|"
	    "account|account name", CRM_K_TEXT, CRM_F_REQUIRED | SORT |
	    TABLE | CRM_F_SEARCH | OPT, NULL, NULL, "NAME",
	    N_("the account's name, unique (招行基本户)") },
	[CRM_AF_KIND] = { NC_("column", "kind"), "类型|账户类型|type",
	    CRM_K_ENUM, SORT | TABLE | OPT | FILTER, KINDS, NULL, "KIND",
	    N_("bank (default), cash, alipay, wechat or other") },
	[CRM_AF_CURRENCY] = { NC_("column", "currency"), "币种|货币",
	    CRM_K_TEXT, SORT | TABLE | OPT, NULL, NULL, "CODE",
	    N_("its currency, as CNY or USD (default: the setting "
	    "currency)") },
	[CRM_AF_OPENING] = { NC_("column", "opening"), "期初余额|初始余额|"
	    "opening balance", CRM_K_MONEY, SORT | TABLE | OPT, NULL, NULL,
	    "MONEY", N_("the balance when crm started keeping it (default "
	    "0)") },
	[CRM_AF_ACTIVE] = { NC_("column", "active"), "启用|状态", CRM_K_BOOL,
	    CRM_F_ZERO | SORT | TABLE | OPT | FILTER, NULL, NULL, "1|0",
	    N_("1 in use, 0 closed (no new expenses)") },
	[CRM_AF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_AF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, CRM_F_SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_AF_NOTE] = { NC_("column", "note"), "备注|说明|notes",
	    CRM_K_NOTE, OPT, NULL, NULL, "TEXT", N_("a note") },
};

static const struct crm_key keys[] = {
	{ "name_key", CRM_AF_NAME, crm_norm_name_key, NC_("key", "name"),
	    CRM_KEY_DUP },
};

/* A currency is a code of three letters (ISO 4217), kept in capitals. */
static int
currency_ok(struct crm_record *a)
{
	char *c = a->f[CRM_AF_CURRENCY];

	if (c == NULL)
		return 1;
	for (int i = 0; i < 3; i++)
		if (!isalpha((unsigned char)c[i]))
			return 0;
	if (c[3] != '\0')
		return 0;
	for (int i = 0; i < 3; i++)
		c[i] = (char)toupper((unsigned char)c[i]);
	return 1;
}

static int
account_finish(struct crm_record *a, const char **bad, struct crm_err *e)
{
	if (a->f[CRM_AF_NAME] != NULL && a->key[0] == NULL) {
		*bad = "name";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", a->f[CRM_AF_NAME]);
	}
	if (!currency_ok(a)) {
		*bad = "currency";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a currency "
		    "code (three letters: CNY, USD)", a->f[CRM_AF_CURRENCY]);
	}
	if (a->f[CRM_AF_KIND] == NULL)
		crm_record_set(a, CRM_AF_KIND, "bank");
	if (a->f[CRM_AF_OPENING] == NULL)
		crm_record_set(a, CRM_AF_OPENING, "0");
	if (a->f[CRM_AF_ACTIVE] == NULL)
		crm_record_set(a, CRM_AF_ACTIVE, "1");
	return 0;
}

/* Money is finance's (data.md): only finance and admins see accounts. */
static const struct crm_scope_def scope = { PAY_FINANCE, PAY_FINANCE };

const struct crm_entity crm_account_entity = {
	.name = NC_("entity", "account"),
	.table = NC_("entity", "accounts"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(*keys),
	.features = CRM_E_RUNS,
	.title = CRM_AF_NAME,
	.scope = &scope,
	.undo = crm_account_undo,
	.finish = account_finish,
};

/* The balances: the accounts' fields and what the view adds, in the
 * order of the view (schema/012-pay.sql). */
static const struct crm_field balance_fields[] = {
	{ NC_("column", "id"), NULL, CRM_K_ID, SORT | TABLE, NULL, NULL,
	    NULL, NULL },
	{ NC_("column", "name"), NULL, CRM_K_TEXT, SORT | TABLE |
	    CRM_F_SEARCH, NULL, NULL, NULL, NULL },
	{ NC_("column", "kind"), NULL, CRM_K_ENUM, SORT | TABLE | FILTER,
	    KINDS, NULL, NULL, NULL },
	{ NC_("column", "currency"), NULL, CRM_K_TEXT, SORT | TABLE, NULL,
	    NULL, NULL, NULL },
	{ NC_("column", "opening"), NULL, CRM_K_MONEY, SORT | TABLE, NULL,
	    NULL, NULL, NULL },
	{ NC_("column", "received"), NULL, CRM_K_MONEY, SORT | TABLE, NULL,
	    NULL, NULL, NULL },
	{ NC_("column", "spent"), NULL, CRM_K_MONEY, SORT | TABLE, NULL,
	    NULL, NULL, NULL },
	{ NC_("column", "balance"), NULL, CRM_K_MONEY, SORT | TABLE, NULL,
	    NULL, NULL, NULL },
	{ NC_("column", "active"), NULL, CRM_K_BOOL, CRM_F_ZERO | SORT |
	    TABLE | FILTER, NULL, NULL, NULL, NULL },
};

const struct crm_entity crm_account_balance_entity = {
	.name = NC_("entity", "account"),
	.table = NC_("entity", "account_balances"),
	.fields = balance_fields,
	.nfields = sizeof(balance_fields) / sizeof(*balance_fields),
	.title = 1,
	.scope = &scope,
};
