/* The names people read in their language (crm/column-names.h): every
 * column a table can show, every kind of record and its duplicate keys,
 * marked here so that xgettext finds them; the translations are in
 * po/zh_CN/data.po (a tool's own: its .po, deal.po ...). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const char *const crm_column_names[] = {
	/* customers (lib/customer-entity.c) */
	NC_("column", "id"),
	NC_("column", "name"),
	NC_("column", "contact"),
	NC_("column", "phone"),
	NC_("column", "email"),
	NC_("column", "address"),
	NC_("column", "city"),
	NC_("column", "region"),
	NC_("column", "industry"),
	NC_("column", "size"),
	NC_("column", "tier"),
	NC_("column", "status"),
	NC_("column", "owner"),
	NC_("column", "pool"),
	NC_("column", "source_type"),
	NC_("column", "source_id"),
	NC_("column", "claimed_at"),
	NC_("column", "last_followup_at"),
	NC_("column", "next_followup_at"),
	NC_("column", "created_at"),
	NC_("column", "updated_at"),
	NC_("column", "note"),
	NC_("column", "tags"),
	NC_("column", "locked"),
	NC_("column", "lock_reason"),
	/* users (lib/user-entity.c) */
	NC_("column", "login"),
	NC_("column", "role"),
	NC_("column", "manager"),
	NC_("column", "active"),
	NC_("column", "lang"),
	/* contacts (lib/customer-contact.c) */
	NC_("column", "customer_id"),
	NC_("column", "title"),
	NC_("column", "birthday"),
	/* follow-ups (lib/activity.c) */
	NC_("column", "at"),
	NC_("column", "kind"),
	NC_("column", "by"),
	NC_("column", "next_at"),
	/* deals (lib/deal-entity.c, lib/deal-stages.c) */
	NC_("column", "stage"),
	NC_("column", "amount"),
	NC_("column", "probability"),
	NC_("column", "close_date"),
	NC_("column", "next_action"),
	NC_("column", "next_due"),
	NC_("column", "urgency"),
	NC_("column", "budget"),
	NC_("column", "competition"),
	NC_("column", "score"),
	NC_("column", "won_at"),
	NC_("column", "lost_at"),
	NC_("column", "lost_reason"),
	NC_("column", "stage_at"),
	NC_("column", "label"),
	NC_("column", "followup_days"),
	NC_("column", "from_stage"),
	NC_("column", "to_stage"),
	/* leads and campaigns (lib/lead-entity.c, lib/campaign-entity.c) */
	NC_("column", "company"),
	NC_("column", "source"),
	NC_("column", "campaign_id"),
	NC_("column", "disqualify_reason"),
	NC_("column", "deal_id"),
	NC_("column", "channel"),
	NC_("column", "start_date"),
	NC_("column", "end_date"),
	NC_("column", "place"),
	NC_("column", "cost"),
	/* deal reports (lib/deal-pipeline.c, deal-funnel.c, deal-score.c) */
	NC_("column", "month"),
	NC_("column", "deals"),
	NC_("column", "weighted"),
	NC_("column", "reached"),
	NC_("column", "conversion_pct"),
	NC_("column", "in_stage"),
	NC_("column", "median_days"),
	NC_("column", "open"),
	NC_("column", "won"),
	NC_("column", "lost"),
	NC_("column", "win_rate_pct"),
	NC_("column", "avg_won"),
	NC_("column", "median_cycle_days"),
	NC_("column", "velocity"),
	NC_("column", "factor"),
	NC_("column", "weight"),
	NC_("column", "points"),
	/* reminders (lib/remind.c) */
	NC_("column", "user"),
	NC_("column", "entity"),
	NC_("column", "visible"),
	NC_("column", "due"),
	/* crm log (lib/audit.c) */
	NC_("column", "run"),
	NC_("column", "as_user"),
	NC_("column", "command"),
	NC_("column", "action"),
	NC_("column", "field"),
	NC_("column", "old"),
	NC_("column", "new"),
	/* the pool's history and jobs (lib/pool-history.c, pool-ent.c) */
	NC_("column", "from"),
	NC_("column", "to"),
	NC_("column", "reason"),
	NC_("column", "rule"),
	NC_("column", "days"),
	NC_("column", "days_left"),
	/* dupes (lib/dupes.c) */
	NC_("column", "id_a"),
	NC_("column", "name_a"),
	NC_("column", "id_b"),
	NC_("column", "name_b"),
	/* lead scores (lib/lead-score.c) */
	NC_("column", "conversion"),
	NC_("column", "log_odds"),
	/* crm check (lib/check.c) */
	NC_("column", "check"),
	NC_("column", "problem"),
	/* an import's plan and rejects (lib/import.c) */
	NC_("column", "line"),
	/* crm config list (lib/setting.c) */
	NC_("column", "key"),
	NC_("column", "value"),
	NC_("column", "default"),
	/* products (lib/product-entity.c) */
	NC_("column", "sku"),
	NC_("column", "category"),
	NC_("column", "unit"),
	NC_("column", "price"),
	/* quotes (lib/quote-entity.c, lib/quote*.c) */
	NC_("column", "valid_until"),
	NC_("column", "gross"),
	NC_("column", "total"),
	NC_("column", "max_discount"),
	NC_("column", "submitted_at"),
	NC_("column", "approved_by"),
	NC_("column", "qty"),
	NC_("column", "discount"),
	NC_("column", "decision"),
	/* a reference shown by the name of what it names (crm_cli_titles) */
	NC_("column", "customer"),
	NC_("column", "deal"),
	NC_("column", "campaign"),
	NC_("column", "quote"),
	NC_("column", "lead"),
	/* contracts (lib/contract-entity.c) */
	NC_("column", "number"),
	NC_("column", "quote_id"),
	NC_("column", "signed_at"),
	NC_("column", "terminated_at"),
	NC_("column", "terminate_reason"),
	NC_("column", "renewed_from"),
	/* accounts and expenses (lib/account-entity.c, expense-entity.c) */
	NC_("column", "date"),
	NC_("column", "account_id"),
	NC_("column", "currency"),
	NC_("column", "opening"),
	NC_("column", "received"),
	NC_("column", "spent"),
	NC_("column", "balance"),
	NC_("column", "account"),
	/* orders and instalments (lib/order-entity.c, lib/order*.c) */
	NC_("column", "contract_id"),
	NC_("column", "order_date"),
	NC_("column", "deliver_by"),
	NC_("column", "terms"),
	NC_("column", "cancel_reason"),
	NC_("column", "seq"),
	NC_("column", "shipped"),
	NC_("column", "order_id"),
	NC_("column", "percent"),
	NC_("column", "due_date"),
	NC_("column", "paid"),
	/* shipments (lib/shipment-entity.c) */
	NC_("column", "ship_date"),
	NC_("column", "delivered_date"),
	NC_("column", "warehouse"),
	NC_("column", "carrier"),
	NC_("column", "tracking"),
	NC_("column", "order"),
	/* payment plans, receipts, receivables (lib/pay-plan.c,
	 * lib/receipt*.c) */
	NC_("column", "outstanding"),
	NC_("column", "method"),
	NC_("column", "ref"),
	NC_("column", "allocated"),
	NC_("column", "credit"),
	NC_("column", "reversed_at"),
	NC_("column", "reversed_by"),
	NC_("column", "reverse_reason"),
	NC_("column", "instalment"),
	NC_("column", "not_due"),
	NC_("column", "days_1_30"),
	NC_("column", "days_31_60"),
	NC_("column", "days_61_90"),
	NC_("column", "days_91_180"),
	NC_("column", "over_180"),
	NC_("column", "group"),
	/* crm-forecast (lib/forecast-sales.c, lib/forecast-pipeline.c) */
	NC_("column", "series"),
	NC_("column", "product"),
	NC_("column", "period"),
	NC_("column", "model"),
	NC_("column", "forecast"),
	NC_("column", "lo_80"),
	NC_("column", "hi_80"),
	NC_("column", "lo_95"),
	NC_("column", "hi_95"),
	NC_("column", "mase"),
	NC_("column", "smape"),
	NC_("column", "auto"),
	NC_("column", "commit"),
	NC_("column", "best_case"),
	NC_("column", "pipeline"),
	NC_("column", "expected"),
	/* invoices and statements (lib/invoice*.c, lib/pay-statement.c) */
	NC_("column", "bill_to"),
	NC_("column", "tax_id"),
	NC_("column", "issue_date"),
	NC_("column", "requested_by"),
	NC_("column", "issued_by"),
	NC_("column", "voided_at"),
	NC_("column", "voided_by"),
	NC_("column", "void_reason"),
	/* reports and targets (lib/report*.c, lib/target*.c) */
	NC_("column", "day"),
	NC_("column", "week"),
	NC_("column", "quarter"),
	NC_("column", "year"),
	NC_("column", "count"),
	NC_("column", "previous"),
	NC_("column", "change_previous_pct"),
	NC_("column", "year_before"),
	NC_("column", "change_year_pct"),
	NC_("column", "metric"),
	NC_("column", "target"),
	NC_("column", "actual"),
	NC_("column", "attainment_pct"),
	NC_("column", "gap"),
	NC_("column", "rank"),
	NC_("column", "share_pct"),
	NC_("column", "base"),
	NC_("column", "rate"),
	NC_("column", "commission"),
	NC_("column", "step"),
	NC_("column", "basis"),
	NC_("column", "result"),
	NC_("column", "formula"),
	NC_("column", "customers"),
	NC_("column", "owned"),
	NC_("column", "in_pool"),
	NC_("column", "prospect"),
	NC_("column", "dormant"),
	NC_("column", "leads"),
	NC_("column", "converted"),
	NC_("column", "revenue"),
	NC_("column", "cost_per_lead"),
	NC_("column", "roi_pct"),
	NC_("column", "followups"),
	NC_("column", "customers_touched"),
	NC_("column", "new_customers"),
	NC_("column", "claims"),
	NC_("column", "recycles"),
	NC_("column", "contacted"),
	NC_("column", "qualified"),
	NC_("column", "disqualified"),
	NC_("column", "reasons"),
	NULL
};

/* ent->name: the audit trail's entity, a record's kind in messages. */
const char *const crm_entity_names[] = {
	NC_("entity", "customer"),
	NC_("entity", "user"),
	NC_("entity", "deal"),
	NC_("entity", "lead"),
	NC_("entity", "campaign"),
	NC_("entity", "product"),
	NC_("entity", "quote"),
	NC_("entity", "contract"),
	NC_("entity", "account"),
	NC_("entity", "expense"),
	NC_("entity", "order"),
	NC_("entity", "instalment"),
	NC_("entity", "shipment"),
	NC_("entity", "receipt"),
	NC_("entity", "invoice"),
	NC_("entity", "target"),
	NULL
};

/* ent->table: records of that kind (the same context: in Chinese the
 * plural is the word). */
const char *const crm_entity_tables[] = {
	NC_("entity", "customers"),
	NC_("entity", "users"),
	NC_("entity", "deals"),
	NC_("entity", "leads"),
	NC_("entity", "campaigns"),
	NC_("entity", "products"),
	NC_("entity", "quotes"),
	NC_("entity", "contracts"),
	NC_("entity", "accounts"),
	NC_("entity", "expenses"),
	NC_("entity", "account_balances"),
	NC_("entity", "orders"),
	NC_("entity", "instalments"),
	NC_("entity", "shipments"),
	NC_("entity", "receipts"),
	NC_("entity", "invoices"),
	NC_("entity", "targets"),
	NULL
};

/* What a duplicate key is (struct crm_key, what). */
const char *const crm_key_names[] = {
	NC_("key", "name"),
	NC_("key", "phone"),
	NC_("key", "email"),
	NC_("key", "company"),
	NC_("key", "sku"),
	NC_("key", "number"),
	/* a receipt's reference (crm-pay receipt import) */
	NC_("key", "ref"),
	NULL
};

const char *
crm_entity_word(const struct crm_entity *ent)
{
	return crm_cgettext("entity", ent->name);
}

const char *
crm_entity_words(const struct crm_entity *ent)
{
	return crm_cgettext("entity", ent->table);
}

const char *
crm_key_word(const struct crm_key *k)
{
	return crm_cgettext("key", k->what);
}

/* A name that means another thing in some tables than in the others:
 * there its header is the word in a context of its own. where is a
 * tool, for all its verbs, or a tool and a verb (crm_column_where). */
static const struct {
	const char *where, *ctx, *name;
} headers_in[] = {
	/* the forecasting method, not a receipt's method of payment */
	{ "crm-forecast", "forecast", NC_("forecast", "method") },
	/* customers by status, and those added: not a user's active flag,
	 * lost deals, nor the new value of crm log */
	{ "crm-report customers", "customer", NC_("customer", "active") },
	{ "crm-report customers", "customer", NC_("customer", "lost") },
	{ "crm-report customers", "customer", NC_("customer", "new") },
	/* the commission tier reached and its multiplier, not a customer's
	 * tier nor a score's factor */
	{ "crm-report commission", "commission",
	    NC_("commission", "tier") },
	{ "crm-report commission", "commission",
	    NC_("commission", "factor") },
};

static char where_now[64];

void
crm_column_where(const char *tool, const char *verb)
{
	snprintf(where_now, sizeof(where_now), "%s %s", tool ? tool : "",
	    verb ? verb : "");
}

const char *
crm_column_word(const char *name)
{
	for (size_t i = 0; i < sizeof(headers_in) / sizeof(*headers_in);
	    i++) {
		size_t n = strlen(headers_in[i].where);

		if (strncmp(where_now, headers_in[i].where, n) == 0 &&
		    (where_now[n] == ' ' || where_now[n] == '\0') &&
		    strcmp(name, headers_in[i].name) == 0)
			return crm_cgettext(headers_in[i].ctx, name);
	}
	return crm_cgettext("column", name);
}

const char *
crm_value_key(const char *ctx, const char *values, const char *in,
    size_t *n)
{
	size_t len = strlen(in);
	char key[64];

	for (const char *p = values; p && *p; p += *n + (p[*n] == '|')) {
		*n = strcspn(p, "|");
		if (len == *n && strncasecmp(in, p, *n) == 0)
			return p;
	}
	for (const char *p = values; p && *p; p += *n + (p[*n] == '|')) {
		const char *w;

		*n = strcspn(p, "|");
		if (*n >= sizeof(key))
			continue;
		memcpy(key, p, *n);
		key[*n] = '\0';
		w = crm_cgettext(ctx, key);
		if (w != key && strcasecmp(in, w) == 0)
			return p;
	}
	return NULL;
}

/* The values of enum fields as a table shows them, the entity their
 * context (crm_cli_titles): one word may mean two things. */
const char *const crm_value_words[] = {
	NC_("customer", "prospect"),
	NC_("customer", "active"),
	NC_("customer", "dormant"),
	NC_("customer", "lost"),
	NC_("campaign", "expo"),
	NC_("campaign", "web"),
	NC_("campaign", "ads"),
	NC_("campaign", "referral"),
	NC_("campaign", "mail"),
	NC_("campaign", "phone"),
	NC_("campaign", "other"),
	NC_("lead", "new"),
	NC_("lead", "assigned"),
	NC_("lead", "contacted"),
	NC_("lead", "qualified"),
	NC_("lead", "converted"),
	NC_("lead", "disqualified"),
	NC_("deal", "standard"),
	NC_("deal", "project"),
	NC_("quote", "draft"),
	NC_("quote", "submitted"),
	NC_("quote", "approved"),
	NC_("quote", "rejected"),
	NC_("quote", "accepted"),
	NC_("quote", "expired"),
	NC_("contract", "draft"),
	NC_("contract", "active"),
	NC_("contract", "expired"),
	NC_("contract", "terminated"),
	NC_("account", "bank"),
	NC_("account", "cash"),
	NC_("account", "alipay"),
	NC_("account", "wechat"),
	NC_("account", "other"),
	NC_("order", "draft"),
	NC_("order", "confirmed"),
	NC_("order", "shipped"),
	NC_("order", "delivered"),
	NC_("order", "completed"),
	NC_("order", "cancelled"),
	NC_("instalment", "open"),
	NC_("instalment", "paid"),
	NC_("instalment", "cancelled"),
	NC_("instalment", "overdue"),
	NC_("shipment", "shipped"),
	NC_("shipment", "delivered"),
	NC_("invoice", "requested"),
	NC_("invoice", "issued"),
	NC_("invoice", "void"),
	/* a receipt's status (crm-pay receipt list; its method: "receipt
	 * method", lib/pay-statement.c) */
	NC_("receipt", "received"),
	NC_("receipt", "reversed"),
	/* a receipt's method in its tables, and the word taken for it as
	 * input (crm_value_key) */
	NC_("receipt", "bank"),
	NC_("receipt", "cash"),
	NC_("receipt", "card"),
	NC_("receipt", "alipay"),
	NC_("receipt", "wechat"),
	NC_("receipt", "check"),
	/* the kinds of a follow-up, as help says them (crm_value_key) */
	NC_("follow-up", "call"),
	NC_("follow-up", "visit"),
	NC_("follow-up", "email"),
	NC_("follow-up", "im"),
	NC_("follow-up", "meeting"),
	NC_("follow-up", "note"),
	/* the default deal.lost_reasons (deal lose --reason, the lost_reason
	 * column of a table) */
	NC_("lost reason", "price"),
	NC_("lost reason", "competitor"),
	NC_("lost reason", "no_budget"),
	NC_("lost reason", "no_decision"),
	NC_("lost reason", "timing"),
	NC_("lost reason", "other"),
	/* the label of a summary row, the same in every csv (crm-forecast
	 * sales and backtest, aging) */
	NC_("row", "total"),
	NC_("row", "mean"),
	NULL
};
