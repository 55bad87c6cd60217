/* Expenses (费用): adding one, changing it, the names its account,
 * campaign and customer are given by, and its own list filters. */
#include <stdio.h>
#include <string.h>

#include "pay-impl.h"
#include "crm/customer.h"
#include "crm/find.h"
#include "crm/lead.h"
#include "crm/store.h"
#include "crm/user.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* What every expense has (CRM_F_REQUIRED): an add and an edit say so
 * naming the field. */
#define REQUIRED (1ull << CRM_XF_DATE | 1ull << CRM_XF_CATEGORY | \
	1ull << CRM_XF_AMOUNT)

/* The input's account, campaign or customer (by id or name) as its id,
 * held in buf. */
static int
resolve(struct crm_session *s, struct crm_input *in, int f, char *buf,
    struct crm_err *e)
{
	const char *v = in->f[f];
	long long id;
	int rc;

	if (v == NULL || *v == '\0')
		return 0;
	if (f == CRM_XF_ACCOUNT)
		rc = pay_account_for_expense(s, v, 0, &id, e);
	else
		rc = crm_find(s, f == CRM_XF_CAMPAIGN ? &crm_campaign_entity :
		    &crm_customer_entity, v, &id, e);
	if (rc < 0)
		return crm_err_prefix(e, "field '%s'",
		    crm_expense_entity.fields[f].name);
	snprintf(buf, 32, "%lld", id);
	in->f[f] = buf;
	return 0;
}

/* An add (id 0: a new expense dated today unless given) or an edit, in
 * one transaction with the names it resolves. */
static int
save(struct crm_session *s, long long edit, const struct crm_input *given,
    long long *id, struct crm_err *e)
{
	/* whoever spent it: any active user (finance, marketing too) */
	struct crm_record_checks ck = { crm_user_active_ok, s };
	struct crm_store_rules rules = { NULL, REQUIRED, &ck, NULL };
	struct crm_input in = *given;
	char today[CRM_DATE_LEN];
	char ids[3][32] = { "", "", "" };
	int rc = -1;

	if (edit == 0 && in.f[CRM_XF_DATE] == NULL) {
		crm_today_text(today);
		in.f[CRM_XF_DATE] = today;
	}
	if (crm_session_begin(s, e) < 0)
		return -1;
	if (resolve(s, &in, CRM_XF_ACCOUNT, ids[0], e) == 0 &&
	    resolve(s, &in, CRM_XF_CAMPAIGN, ids[1], e) == 0 &&
	    resolve(s, &in, CRM_XF_CUSTOMER, ids[2], e) == 0)
		rc = edit ? crm_store_edit_input(s, &crm_expense_entity, edit,
		    &in, &rules, e) : crm_store_add_input(s,
		    &crm_expense_entity, &in, &rules, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_expense_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	return save(s, 0, in, id, e);
}

int
crm_expense_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e)
{
	return save(s, id, in, NULL, e);
}

int
crm_expense_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_expense_entity, g, e);
}

static int
bind_own(struct crm_session *s, sqlite3_stmt *st, int base, const void *own,
    struct crm_err *e)
{
	const struct crm_expense_filter *f = own;

	(void)s;
	(void)e;
	if (f != NULL) {
		crm_db_bind_text(st, base, f->from);
		crm_db_bind_text(st, base + 1, f->to);
	}
	return 0;
}

const struct crm_list_def expense_list = {
	"AND (?own IS NULL OR c.date >= ?own) "
	"AND (?own+1 IS NULL OR c.date <= ?own+1)",
	bind_own
};

/* A date option as YYYY-MM-DD into out: 64 naming the option. */
static int
list_date(const char *v, const char *opt, char *out, const char **to,
    struct crm_err *e)
{
	crm_day day;

	if (v == NULL)
		return 0;
	if (crm_date_parse(v, &day, e) < 0) {
		e->code = CRM_EX_USAGE;
		return crm_err_prefix(e, "%s", opt);
	}
	crm_date_format(day, out);
	*to = out;
	return 0;
}

int
crm_expense_list_check(struct crm_expense_filter *f, struct crm_err *e)
{
	const char *from = f->from, *to = f->to;

	f->from = f->to = NULL;
	if (list_date(from, "--from", f->from_day, &f->from, e) < 0 ||
	    list_date(to, "--to", f->to_day, &f->to, e) < 0)
		return -1;
	return 0;
}

/* A campaign's cost: its own (the campaign's field) and the expenses
 * charged to it that the user sees, built once. */
static const char *
cost_sql(void)
{
	static char *sql;
	struct crm_buf b = { 0 };

	if (sql != NULL)
		return sql;
	crm_buf_adds(&b, SCOPE_TEAM "SELECT crm_money(m.cost), "
	    "crm_money(x.spent), crm_money(coalesce(m.cost, 0) + x.spent) "
	    "FROM campaigns m, (SELECT coalesce(sum(c.amount), 0) AS spent "
	    "FROM expenses c WHERE c.campaign_id = ?6 AND ");
	crm_scope_visible_sql(&b, &crm_expense_entity, "c");
	crm_buf_adds(&b, ") x WHERE m.id = ?6");
	sql = crm_buf_detach(&b);
	return sql;
}

static const struct crm_col cost_cols[] = {
	{ NC_("column", "cost"), CRM_COL_MONEY },
	{ NC_("column", "spent"), CRM_COL_MONEY },
	{ NC_("column", "total"), CRM_COL_MONEY },
};

struct crm_rows *
crm_expense_campaign_cost(struct crm_session *s, long long campaign,
    struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_campaign_entity, campaign, e) < 0 ||
	    (st = crm_db_prepare(s->db, cost_sql(), e)) == NULL ||
	    crm_scope_bind(s, &crm_expense_entity, st, e) < 0)
		return NULL;
	sqlite3_bind_int64(st, 6, campaign);
	return crm_rows_from_stmt(s->db, st, cost_cols,
	    sizeof(cost_cols) / sizeof(*cost_cols), 0);
}
