/* The printable quote (crm-order quote show ID -f text|html): the quote
 * as a document of crm/doc.h — who it is for and from, its lines, its
 * totals and how long it holds — in the reader's language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/db.h"
#include "crm/doc.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/setting.h"
#include "crm/banned.h"

/* The statuses, for the reader (crm_cgettext at run time). */
static const char *const status_words[] __attribute__((unused)) = {
	NC_("quote status", "draft"), NC_("quote status", "submitted"),
	NC_("quote status", "approved"), NC_("quote status", "rejected"),
	NC_("quote status", "accepted"), NC_("quote status", "expired"),
};

/* The customer's phone and email are masked as everywhere for a rep
 * when the customer is back in the pool (?2). */
static const char sql_head[] =
	"SELECT q.id, c.name, c.contact, "
	"CASE WHEN ?2 AND c.owner IS NULL THEN crm_mask_phone(c.phone) "
	"ELSE c.phone END, "
	"CASE WHEN ?2 AND c.owner IS NULL THEN crm_mask_email(c.email) "
	"ELSE c.email END, coalesce(u.name, q.owner), u.email, "
	"substr(q.created_at, 1, 10), q.valid_until, "
	CRM_QUOTE_STATUS_SQL("q") ", q.gross, q.total, q.note "
	"FROM quotes q JOIN customers c ON c.id = q.customer_id "
	"LEFT JOIN users u ON u.login = q.owner WHERE q.id = ?1";
enum { H_ID, H_CUSTOMER, H_CONTACT, H_PHONE, H_EMAIL, H_OWNER,
	H_OWNER_EMAIL, H_DATE, H_VALID, H_STATUS, H_GROSS, H_TOTAL, H_NOTE };

static const char sql_lines[] =
	"SELECT l.line, l.sku, l.name, l.qty, p.unit, l.price, l.discount, "
	"l.amount FROM quote_lines l LEFT JOIN products p "
	"ON p.id = l.product_id WHERE l.quote_id = ? ORDER BY l.line";

static void
money(int64_t cents, char out[CRM_MONEY_LEN])
{
	crm_money_format_grouped(cents, out);
}

/* Who sells: the owner's name, and their email to write back to. */
static void
header(struct crm_doc *d, sqlite3_stmt *st, const char *currency)
{
	const char *email = crm_db_col_text(st, H_OWNER_EMAIL);
	struct crm_buf owner = { 0 };
	char id[32];

	snprintf(id, sizeof(id), "%lld",
	    (long long)sqlite3_column_int64(st, H_ID));
	crm_buf_adds(&owner, crm_db_col_text(st, H_OWNER));
	if (email != NULL)
		crm_buf_addf(&owner, " <%s>", email);
	crm_doc_field(d, C_("quote", "Quote no."), id);
	crm_doc_field(d, C_("quote", "Customer"),
	    crm_db_col_text(st, H_CUSTOMER));
	crm_doc_field(d, C_("quote", "Contact"),
	    crm_db_col_text(st, H_CONTACT));
	crm_doc_field(d, C_("quote", "Phone"), crm_db_col_text(st, H_PHONE));
	crm_doc_field(d, C_("quote", "Email"), crm_db_col_text(st, H_EMAIL));
	crm_doc_field(d, C_("quote", "Sales rep"), owner.s);
	crm_doc_field(d, C_("quote", "Date"), crm_db_col_text(st, H_DATE));
	crm_doc_field(d, C_("quote", "Valid until"),
	    crm_db_col_text(st, H_VALID));
	crm_doc_field(d, C_("quote", "Status"),
	    crm_cgettext("quote status", crm_db_col_text(st, H_STATUS)));
	crm_doc_field(d, C_("quote", "Currency"), currency);
	crm_buf_free(&owner);
}

static int
lines(struct crm_session *s, struct crm_doc *d, long long id,
    struct crm_err *e)
{
	static const struct crm_doc_col cols[] = {
		{ "#", CRM_DOC_RIGHT }, { NULL, CRM_DOC_LEFT },
		{ NULL, CRM_DOC_LEFT }, { NULL, CRM_DOC_RIGHT },
		{ NULL, CRM_DOC_LEFT }, { NULL, CRM_DOC_RIGHT },
		{ NULL, CRM_DOC_RIGHT }, { NULL, CRM_DOC_RIGHT },
	};
	struct crm_doc_col c[8];
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_lines, e);
	int rc;

	if (st == NULL)
		return -1;
	memcpy(c, cols, sizeof(c));
	c[1].label = C_("quote", "SKU");
	c[2].label = C_("quote", "Product");
	c[3].label = C_("quote", "Qty");
	c[4].label = C_("quote", "Unit");
	c[5].label = C_("quote", "Unit price");
	c[6].label = C_("quote", "Discount");
	c[7].label = C_("quote", "Amount");
	crm_doc_columns(d, c, 8);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		char price[CRM_MONEY_LEN], amount[CRM_MONEY_LEN], pct[16] = "";
		int disc = sqlite3_column_int(st, 6);
		const char *cells[8];

		money(sqlite3_column_int64(st, 5), price);
		money(sqlite3_column_int64(st, 7), amount);
		if (disc > 0)
			snprintf(pct, sizeof(pct), "%d.%02d%%", disc / 100,
			    disc % 100);
		for (int i = 0; i < 5; i++)
			cells[i] = crm_db_col_text(st, i);
		cells[5] = price;
		cells[6] = pct;
		cells[7] = amount;
		crm_doc_row(d, cells);
	}
	return rc;
}

/* The totals, and what the reader must know of the prices' validity. */
static void
closing(struct crm_doc *d, sqlite3_stmt *st)
{
	int64_t gross = sqlite3_column_int64(st, H_GROSS);
	int64_t total = sqlite3_column_int64(st, H_TOTAL);
	const char *valid = crm_db_col_text(st, H_VALID);
	const char *status = crm_db_col_text(st, H_STATUS);
	char m[CRM_MONEY_LEN];
	struct crm_buf p = { 0 };

	money(gross, m);
	crm_doc_total(d, C_("quote", "Gross"), m, 0);
	/* what comes off the gross, so that the lines add up */
	money(total - gross, m);
	crm_doc_total(d, C_("quote", "Discounts"), m, 0);
	money(total, m);
	crm_doc_total(d, C_("quote", "Total"), m, 1);
	if (strcmp(status, "expired") == 0)
		crm_buf_addf(&p, _("This quote expired after %s: its prices "
		    "no longer hold."), valid);
	else if (valid != NULL)
		crm_buf_addf(&p, _("Prices are valid until %s."), valid);
	else
		crm_buf_adds(&p, _("Prices are valid until further notice."));
	crm_doc_para(d, p.s);
	if (strcmp(status, "draft") == 0 || strcmp(status, "submitted") == 0)
		crm_doc_para(d, _("Not yet approved: for information only."));
	if (crm_db_col_text(st, H_NOTE) != NULL) {
		crm_buf_reset(&p);
		crm_buf_addf(&p, _("Note: %s"), crm_db_col_text(st, H_NOTE));
		crm_doc_para(d, p.s);
	}
	crm_buf_free(&p);
}

static struct crm_doc *
build(struct crm_session *s, long long id, sqlite3_stmt *st,
    const char *currency, struct crm_err *e)
{
	struct crm_doc *d;
	char title[96];

	snprintf(title, sizeof(title), _("Quotation %lld"), id);
	d = crm_doc_new(_("Quotation"), title, crm_i18n_lang());
	header(d, st, currency);
	if (lines(s, d, id, e) < 0) {
		crm_doc_free(d);
		return NULL;
	}
	closing(d, st);
	return d;
}

struct crm_doc *
crm_quote_doc(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_buf currency = { 0 };
	struct crm_doc *d = NULL;
	sqlite3_stmt *st;
	int mask, rc;

	if (crm_scope_may_see(s, &crm_quote_entity, id, e) < 0 ||
	    crm_scope_masked(s, &mask, e) < 0 ||
	    crm_setting_text(s, "currency", &currency, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_head, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, mask);
	if ((rc = crm_db_row(s->db, st, e)) == 0)
		crm_err_set(e, CRM_EX_DATAERR, "no quote %lld", id);
	if (rc == 1) {
		/* the lines are another statement: this one stays on its
		 * row until the document is made */
		d = build(s, id, st, currency.s, e);
		sqlite3_reset(st);
	}
out:
	crm_buf_free(&currency);
	return d;
}
