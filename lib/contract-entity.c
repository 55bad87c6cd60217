/* The contract entity (合同): its fields, their aliases, the rules that
 * hold after every change, its status as it reads (expired is computed)
 * and the list filter of its own. */
#include <stdlib.h>
#include <string.h>

#include "crm/clock.h"
#include "crm/contract.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/list.h"
#include "crm/money.h"
#include "crm/norm.h"
#include "crm/scope.h"
#include "crm/banned.h"

#define OPT CRM_F_OPTION
#define SORT CRM_F_SORT
#define TABLE CRM_F_TABLE
#define FILTER CRM_F_FILTER
#define SEARCH CRM_F_SEARCH
#define SYSTEM CRM_F_SYSTEM

static const struct crm_field fields[] = {
	[CRM_KF_ID] = { NC_("column", "id"), "编号|contract id|contract_id",
	    CRM_K_ID, SORT | TABLE, NULL, NULL, NULL, NULL },
	[CRM_KF_NUMBER] = { NC_("column", "number"), "合同编号|合同号|"
	    "contract number|contract no", CRM_K_TEXT,
	    SORT | SEARCH | TABLE | OPT, NULL, NULL, "NUMBER",
	    N_("its number (default: made by contract.number_format)") },
	[CRM_KF_CUSTOMER] = { NC_("column", "customer_id"),
	    "customer|客户|客户名称", CRM_K_ID,
	    CRM_F_REQUIRED | SORT | TABLE | OPT | FILTER, NULL, "customer",
	    "ID|NAME", N_("the customer (id or name)") },
	[CRM_KF_DEAL] = { NC_("column", "deal_id"), "deal|商机", CRM_K_ID,
	    SORT | OPT | FILTER, NULL, "deal", "ID",
	    N_("the customer's deal it closes") },
	[CRM_KF_QUOTE] = { NC_("column", "quote_id"), "quote|报价单",
	    CRM_K_ID, SORT | OPT | FILTER, NULL, "quote", "ID",
	    N_("the customer's approved quote it follows (its total is the "
	    "default amount)") },
	[CRM_KF_OWNER] = { NC_("column", "owner"), "负责人|销售",
	    CRM_K_LOGIN, CRM_F_OWNER | SORT | TABLE, NULL, NULL, NULL, NULL },
	/* "name", not "title": a title is a contact's (职务) */
	[CRM_KF_NAME] = { NC_("column", "name"), "合同名称|名称|标题|title|"
	    "contract name|subject", CRM_K_TEXT, SORT | SEARCH | TABLE | OPT,
	    NULL, NULL, "TEXT", N_("what it is for") },
	[CRM_KF_START] = { NC_("column", "start_date"), "开始日期|生效日期|"
	    "起始日期|start", CRM_K_DATE, CRM_F_REQUIRED | SORT | TABLE | OPT,
	    NULL, "start", "DATE", N_("the first day it runs") },
	[CRM_KF_END] = { NC_("column", "end_date"), "结束日期|到期日|"
	    "到期日期|end", CRM_K_DATE, CRM_F_REQUIRED | SORT | TABLE | OPT,
	    NULL, "end", "DATE", N_("the last day it runs") },
	[CRM_KF_AMOUNT] = { NC_("column", "amount"), "合同金额|金额|value",
	    CRM_K_MONEY, SORT | TABLE | OPT, NULL, NULL, "MONEY",
	    N_("the amount (1234.50, ¥1,234.50)") },
	[CRM_KF_STATUS] = { NC_("column", "status"), "状态", CRM_K_ENUM,
	    SORT | TABLE | FILTER, "draft|active|expired|terminated", NULL,
	    "STATUS", N_("draft, active, expired or terminated") },
	[CRM_KF_SIGNED_AT] = { NC_("column", "signed_at"), "签订日期|"
	    "签约日期|签署日期|signed", CRM_K_DATE, SORT | OPT, NULL, "signed",
	    "DATE", N_("the day it was signed (default, once active: today, "
	    "or the start if earlier)") },
	[CRM_KF_TERMINATED_AT] = { NC_("column", "terminated_at"),
	    "终止日期", CRM_K_DATE, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_KF_TERMINATE_REASON] = { NC_("column", "terminate_reason"),
	    "终止原因", CRM_K_TEXT, SYSTEM, NULL, NULL, NULL, NULL },
	[CRM_KF_RENEWED_FROM] = { NC_("column", "renewed_from"),
	    "续签自|原合同", CRM_K_ID, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_KF_CREATED_AT] = { NC_("column", "created_at"), "创建时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_KF_UPDATED_AT] = { NC_("column", "updated_at"), "更新时间",
	    CRM_K_TIME, SYSTEM | SORT, NULL, NULL, NULL, NULL },
	[CRM_KF_NOTE] = { NC_("column", "note"), "备注|说明",
	    CRM_K_NOTE, OPT, NULL, NULL, "TEXT", N_("a note") },
};

static int
number_key(const char *number, struct crm_buf *out)
{
	crm_norm_name(number, out);
	return out->len > 0 ? 0 : -1;
}

/* A number is unique case- and width-folded (CT-2026-0001 is
 * ct-2026-0001), and names its contract in show, edit ... */
static const struct crm_key keys[] = {
	{ "number_key", CRM_KF_NUMBER, number_key, NC_("key", "number"),
	    CRM_KEY_DUP },
};

const char *
crm_contract_status(const struct crm_record *k)
{
	char today[CRM_DATE_LEN];
	const char *st = k->f[CRM_KF_STATUS], *end = k->f[CRM_KF_END];

	crm_today_text(today);
	if (st && strcmp(st, "active") == 0 && end && strcmp(end, today) < 0)
		return "expired";
	return st;
}

/* The rules of every contract, whatever changed it: a number that is
 * not an id, an amount in range, an end not before the start. */
static int
contract_finish(struct crm_record *k, const char **bad, struct crm_err *e)
{
	const char *number = k->f[CRM_KF_NUMBER], *amount;

	if (number && number[strspn(number, "0123456789")] == '\0') {
		*bad = "number";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is only digits, "
		    "which name a contract by its id: give it a letter "
		    "(HT%s)", number, number);
	}
	if (number && k->key[0] == NULL) {
		*bad = "number";
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has no letters or "
		    "digits", number);
	}
	amount = k->f[CRM_KF_AMOUNT];
	if (amount && (strtoll(amount, NULL, 10) < 0 ||
	    strtoll(amount, NULL, 10) > CRM_MONEY_MAX)) {
		*bad = "amount";
		return crm_err_set(e, CRM_EX_DATAERR, "must be from 0 to "
		    "100000000000.00");
	}
	if (k->f[CRM_KF_START] && k->f[CRM_KF_END] &&
	    strcmp(k->f[CRM_KF_END], k->f[CRM_KF_START]) < 0) {
		*bad = "end_date";
		return crm_err_set(e, CRM_EX_DATAERR, "%s is before the start %s",
		    k->f[CRM_KF_END], k->f[CRM_KF_START]);
	}
	return 0;
}

/* Expired is what an active contract past its end reads as. */
static const struct crm_derived derived[] = {
	{ CRM_KF_STATUS, CRM_CONTRACT_STATUS("c") },
};

static int
bind_own(struct crm_session *s, sqlite3_stmt *st, int base, const void *own,
    struct crm_err *e)
{
	const struct crm_contract_filter *f = own;
	char today[CRM_DATE_LEN], until[CRM_DATE_LEN];

	(void)s;
	(void)e;
	if (f == NULL || f->ending_within < 0)
		return 0;
	crm_today_text(today);
	crm_date_format(crm_today() + (crm_day)f->ending_within, until);
	crm_db_bind_text(st, base, today);
	crm_db_bind_text(st, base + 1, until);
	return 0;
}

/* --ending-within DAYS: active, and its end from today to DAYS on. */
static const struct crm_list_def contract_list = {
	"AND (?own IS NULL OR (c.status = 'active' "
	"AND c.end_date BETWEEN ?own AND ?own+1)) ",
	bind_own
};

/* As deals (data.md): the owner and the owner's managers; finance reads
 * every contract; marketing none. */
static const struct crm_scope_def scope = {
	CRM_ROLE_ADMIN | CRM_ROLE_FINANCE,
	CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP
};

const struct crm_entity crm_contract_entity = {
	.name = NC_("entity", "contract"),
	.table = NC_("entity", "contracts"),
	.fields = fields,
	.nfields = sizeof(fields) / sizeof(*fields),
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(*keys),
	.features = CRM_E_EXTRA | CRM_E_RUNS,
	.title = CRM_KF_NUMBER,
	.scope = &scope,
	.list = &contract_list,
	.derived = derived,
	.nderived = sizeof(derived) / sizeof(*derived),
	.undo = crm_contract_undo,
	.finish = contract_finish,
};
