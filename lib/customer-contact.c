/* A customer's contacts, and the history of its owners. */
#include <stdlib.h>
#include <string.h>

#include "customer-impl.h"
#include "crm/store.h"
#include "crm/clock.h"
#include "crm/norm.h"
#include "crm/banned.h"

enum { K_CUSTOMER, K_NAME, K_TITLE, K_PHONE, K_EMAIL, K_BIRTHDAY,
	K_CREATED_AT, NCONTACT };

static const char *const contact_fields[NCONTACT] = {
	"customer_id", "name", "title", "phone", "email", "birthday",
	"created_at"
};

static const char sql_contact_insert[] =
	"INSERT INTO contacts (id, customer_id, name, title, phone, email, "
	"birthday, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char sql_contact_get[] =
	"SELECT customer_id, name, title, phone, email, birthday, created_at "
	"FROM contacts WHERE id = ?";
static const char sql_contact_delete[] = "DELETE FROM contacts WHERE id = ?";
static const char sql_contact_move[] =
	"UPDATE contacts SET customer_id = ?1 WHERE id = ?2";
static const char sql_touch[] =
	"UPDATE customers SET updated_run = ?1, updated_at = ?2 WHERE id = ?3";

/* A change to a customer's contacts or follow-ups touches the customer,
 * so that undoing the run that created it knows it was used since. */
static int
touch(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_touch, e);
	char now[CRM_TIME_LEN];

	if (st == NULL || crm_audit_run(s, e) < 0)
		return -1;
	crm_now_text(now);
	sqlite3_bind_int64(st, 1, s->run);
	crm_db_bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return crm_db_done(s->db, st, e);
}

static int
contact_insert(struct crm_session *s, const char *id, const char *const *v,
    long long *out, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_contact_insert, e);
	char buf[32];

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, id);
	for (int i = 0; i < NCONTACT; i++)
		crm_db_bind_text(st, i + 2, v[i]);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	snprintf(buf, sizeof(buf), "%lld", *out);
	for (int i = 0; i < NCONTACT; i++)
		if (v[i] && crm_audit_event(s, "contact", buf, "create",
		    contact_fields[i], NULL, v[i], e) < 0)
			return -1;
	return 0;
}

static int
contact_check(const char *name, const char *phone, const char *email,
    const char *birthday, char *bday, struct crm_err *e)
{
	struct crm_buf b = { 0 };
	crm_day d;

	if (name == NULL || *name == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "a contact needs a name "
		    "(--name)");
	if (phone && *phone && crm_phone_check(phone, &b, e) < 0) {
		crm_buf_free(&b);
		return crm_err_prefix(e, "field '%s'", "phone");
	}
	crm_buf_free(&b);
	if (email && *email && crm_email_check(email, e) < 0)
		return crm_err_prefix(e, "field '%s'", "email");
	bday[0] = '\0';
	if (birthday && *birthday) {
		if (crm_date_parse(birthday, &d, e) < 0)
			return crm_err_prefix(e, "field '%s'", "birthday");
		crm_date_format(d, bday);
	}
	return 0;
}

int
contact_add_locked(struct crm_session *s, long long customer,
    const char *const v_in[5], long long *id, struct crm_err *e)
{
	char bday[CRM_DATE_LEN], now[CRM_TIME_LEN], cid[32];
	const char *v[NCONTACT];

	if (contact_check(v_in[0], v_in[2], v_in[3], v_in[4], bday, e) < 0)
		return -1;
	crm_now_text(now);
	snprintf(cid, sizeof(cid), "%lld", customer);
	v[K_CUSTOMER] = cid;
	v[K_NAME] = v_in[0];
	v[K_TITLE] = v_in[1];
	v[K_PHONE] = v_in[2];
	v[K_EMAIL] = v_in[3];
	v[K_BIRTHDAY] = bday[0] ? bday : NULL;
	v[K_CREATED_AT] = now;
	if (contact_insert(s, NULL, v, id, e) < 0)
		return -1;
	return touch(s, customer, e);
}

int
crm_contact_add(struct crm_session *s, long long customer, const char *name,
    const char *title, const char *phone, const char *email,
    const char *birthday, long long *id, struct crm_err *e)
{
	const char *v[5] = { name, title, phone, email, birthday };
	char bday[CRM_DATE_LEN];
	struct crm_record c = { 0 };
	int rc = -1;

	if (contact_check(name, phone, email, birthday, bday, e) < 0 ||
	    crm_session_begin(s, e) < 0)
		return -1;
	if (crm_scope_load(s, &crm_customer_entity, customer, &c, e) == 0 &&
	    crm_scope_may_change(s, &c, e) == 0)
		rc = contact_add_locked(s, customer, v, id, e);
	crm_record_free(&c);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
contact_delete(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_contact_get, e);
	char buf[32];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	snprintf(buf, sizeof(buf), "%lld", id);
	for (int i = 0; i < NCONTACT; i++) {
		const char *v = crm_db_col_text(st, i);

		if (v && crm_audit_event(s, "contact", buf, "delete",
		    contact_fields[i], v, NULL, e) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	if ((st = crm_db_prepare(s->db, sql_contact_delete, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return crm_db_done(s->db, st, e);
}

int
crm_contact_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	const char *v[NCONTACT] = { 0 };
	long long id;

	if (strcmp(g->action, "create") == 0)
		return contact_delete(s, strtoll(g->id, NULL, 10), e);
	if (strcmp(g->action, "update") == 0 && g->n == 1 &&
	    g->fields[0] && strcmp(g->fields[0], "customer_id") == 0) {
		/* a merge moved it: move it back */
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_contact_move, e);

		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, strtoll(g->olds[0], NULL, 10));
		sqlite3_bind_int64(st, 2, strtoll(g->id, NULL, 10));
		return crm_db_done(s->db, st, e) < 0 ||
		    crm_audit_event(s, "contact", g->id, "update",
		    "customer_id", g->news[0], g->olds[0], e) < 0 ? -1 : 0;
	}
	if (strcmp(g->action, "delete") != 0)
		return crm_err_set(e, CRM_EX_DATAERR, "cannot undo a change "
		    "to contact %s", g->id);
	for (size_t i = 0; i < g->n; i++)
		for (int k = 0; k < NCONTACT; k++)
			if (g->fields[i] && !strcmp(g->fields[i],
			    contact_fields[k]))
				v[k] = g->olds[i];
	return contact_insert(s, g->id, v, &id, e);
}

/* headers of a table in the user's language (NC_) */
static const struct crm_col contact_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "customer_id"), CRM_COL_INT },
	{ NC_("column", "name"), CRM_COL_TEXT },
	{ NC_("column", "title"), CRM_COL_TEXT },
	{ NC_("column", "phone"), CRM_COL_PHONE },
	{ NC_("column", "email"), CRM_COL_TEXT },
	{ NC_("column", "birthday"), CRM_COL_DATE },
	{ NC_("column", "created_at"), CRM_COL_TIME },
};

/* Contacts of pool customers are masked for reps (pool.mask_contacts). */
static const char sql_contact_list[] =
	"SELECT k.id, k.customer_id, k.name, k.title, "
	"CASE WHEN ?2 AND c.owner IS NULL THEN crm_mask_phone(k.phone) "
	"ELSE k.phone END, "
	"CASE WHEN ?2 AND c.owner IS NULL THEN crm_mask_email(k.email) "
	"ELSE k.email END, k.birthday, k.created_at "
	"FROM contacts k JOIN customers c ON c.id = k.customer_id "
	"WHERE k.customer_id = ?1 ORDER BY k.id";

struct crm_rows *
crm_contact_list(struct crm_session *s, long long customer, struct crm_err *e)
{
	sqlite3_stmt *st;
	int mask;

	if (crm_scope_may_see(s, &crm_customer_entity, customer, e) < 0 ||
	    crm_scope_masked(s, &mask, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_contact_list, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, customer);
	sqlite3_bind_int(st, 2, mask);
	return crm_rows_from_stmt(s->db, st, contact_cols,
	    sizeof(contact_cols) / sizeof(*contact_cols), 0);
}

