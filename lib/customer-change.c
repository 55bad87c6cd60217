/* Deleting and tagging customers, finding one by id or name, and undoing
 * what runs did to customers. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "customer-impl.h"
#include "crm/store.h"
#include "crm/clock.h"
#include "crm/norm.h"
#include "scope-sql.h"
#include "crm/banned.h"

static const char sql_delete[] = "DELETE FROM customers WHERE id = ?";
static const char sql_contacts_of[] =
	"SELECT id FROM contacts WHERE customer_id = ?";
/* Records of other tools that keep a customer from being deleted: the
 * deal, order and payment tools add their checks here, what they are
 * marked N_("deals") for the message. */
static const struct {
	const char *what;
	const char *sql;
} customer_refs[] = {
	{ N_("deals"), "SELECT 1 FROM deals WHERE customer_id = ? LIMIT 1" },
	{ N_("quotes"), "SELECT 1 FROM quotes WHERE customer_id = ? LIMIT 1" },
	{ N_("contracts"), "SELECT 1 FROM contracts WHERE customer_id = ? "
	    "LIMIT 1" },
	{ N_("expenses"), "SELECT 1 FROM expenses WHERE customer_id = ? "
	    "LIMIT 1" },
	{ N_("orders"), "SELECT 1 FROM orders WHERE customer_id = ? LIMIT 1" },
	/* a receipt may pay no order (预收, credit); invoices and
	 * shipments have orders, named first */
	{ N_("receipts"), "SELECT 1 FROM receipts WHERE customer_id = ? "
	    "LIMIT 1" },
	{ N_("invoices"), "SELECT 1 FROM invoices WHERE customer_id = ? "
	    "LIMIT 1" },
	{ N_("shipments"), "SELECT 1 FROM shipments WHERE customer_id = ? "
	    "LIMIT 1" },
	{ NULL, NULL }
};

/* 0 when no record of another tool keeps customer c; else 65 naming
 * them, for a delete or (undo) for crm undo of its add. */
static int
check_refs(struct crm_session *s, const struct crm_record *c, int undo,
    struct crm_err *e)
{
	for (size_t i = 0; customer_refs[i].sql; i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, customer_refs[i].sql,
		    e);
		int rc;

		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, c->id);
		if ((rc = crm_db_row(s->db, st, e)) != 0) {
			if (rc > 0)
				sqlite3_reset(st);
			if (rc < 0)
				return -1;
			if (undo)
				return crm_err_set(e, CRM_EX_DATAERR,
				    "customer %lld '%s' has %s added since: "
				    "it cannot be removed", c->id,
				    c->f[CRM_CF_NAME],
				    crm_tr(customer_refs[i].what));
			return crm_err_set(e, CRM_EX_DATAERR,
			    "customer %lld '%s' has %s: it cannot be deleted",
			    c->id, c->f[CRM_CF_NAME],
			    crm_tr(customer_refs[i].what));
		}
	}
	return 0;
}

static int
delete_locked(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st;
	struct crm_record c;
	long long *contacts = NULL;
	size_t n = 0;
	int rc;

	rc = -1;
	if (crm_scope_load(s, &crm_customer_entity, id, &c, e) < 0 ||
	    crm_scope_may_change(s, &c, e) < 0 || check_refs(s, &c, 0, e) < 0)
		goto out;
	if ((st = crm_db_prepare(s->db, sql_contacts_of, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		contacts = crm_xrealloc(contacts, (n + 1) * sizeof(*contacts));
		contacts[n++] = sqlite3_column_int64(st, 0);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = contact_delete(s, contacts[i], e);
	if (rc < 0 || crm_store_audit(s, "delete", &c, NULL, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_delete, e)) == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = crm_db_done(s->db, st, e);
out:
	free(contacts);
	crm_record_free(&c);
	return rc;
}

int
crm_customer_delete(struct crm_session *s, long long id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = delete_locked(s, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* Remove tag from a \x1f-joined list, in place. */
static void
drop_tag(struct crm_buf *list, const char *tag)
{
	size_t n = strlen(tag);
	char *at = list->s;

	while (at && (at = strstr(at, tag)) != NULL) {
		int starts = at == list->s || at[-1] == '\x1f';
		int ends = at[n] == '\0' || at[n] == '\x1f';

		if (starts && ends) {
			size_t cut = n + (at[n] == '\x1f');

			if (at[n] == '\0' && at > list->s)
				at--, cut++;	/* the separator before */
			memmove(at, at + cut, strlen(at + cut) + 1);
			list->len -= cut;
			return;
		}
		at += n;
	}
}

/* The tags of c with add added and del removed, both folded as stored
 * tags are. */
static int
retag(struct crm_record *c, const char *const *add, size_t nadd,
    const char *const *del, size_t ndel, struct crm_err *e)
{
	struct crm_buf joined = { 0 }, out = { 0 }, gone = { 0 };
	const char *old = c->f[CRM_CF_TAGS] ? c->f[CRM_CF_TAGS] : "";
	int rc;

	for (const char *p = old; *p; p++)
		crm_buf_addc(&joined, *p == '\x1f' ? ';' : *p);
	for (size_t i = 0; i < nadd; i++) {
		crm_buf_addc(&joined, ';');
		crm_buf_adds(&joined, add[i]);
	}
	rc = crm_tags_norm(crm_buf_str(&joined), ';', &out, e);
	crm_buf_reset(&joined);
	for (size_t i = 0; i < ndel; i++) {
		crm_buf_adds(&joined, del[i]);
		crm_buf_addc(&joined, ';');
	}
	if (rc == 0)
		rc = crm_tags_norm(crm_buf_str(&joined), ';', &gone, e);
	for (char *p = gone.s; rc == 0 && p && *p;) {
		size_t n = strcspn(p, "\x1f");
		char *tag = crm_xstrndup(p, n);

		drop_tag(&out, tag);
		free(tag);
		p += n + (p[n] == '\x1f');
	}
	free(c->f[CRM_CF_TAGS]);
	c->f[CRM_CF_TAGS] = rc == 0 && out.len ? crm_buf_detach(&out) : NULL;
	crm_buf_free(&joined);
	crm_buf_free(&out);
	crm_buf_free(&gone);
	return rc;
}

static int
tag_locked(struct crm_session *s, long long id, const char *const *add,
    size_t nadd, const char *const *del, size_t ndel, struct crm_err *e)
{
	struct crm_record old, c = { 0 };
	int rc = -1;

	if (crm_scope_load(s, &crm_customer_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	crm_record_copy(&c, &old);
	if (retag(&c, add, nadd, del, ndel, e) < 0)
		goto out;
	rc = 0;
	if ((c.f[CRM_CF_TAGS] == NULL) == (old.f[CRM_CF_TAGS] == NULL) &&
	    (c.f[CRM_CF_TAGS] == NULL || !strcmp(c.f[CRM_CF_TAGS],
	    old.f[CRM_CF_TAGS])))
		goto out;	/* nothing changes */
	rc = crm_store_save(s, &old, &c, e);
out:
	crm_record_free(&old);
	crm_record_free(&c);
	return rc;
}

int
crm_customer_tag(struct crm_session *s, long long id,
    const char *const *add, size_t nadd, const char *const *del,
    size_t ndel, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = tag_locked(s, id, add, nadd, del, ndel, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_customer_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	long long id = strtoll(g->id, NULL, 10);
	struct crm_record old = { 0 }, c = { 0 };
	const char *bad;
	sqlite3_stmt *st;
	int rc = -1;

	if (strcmp(g->id, "*") == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "the customers of an "
		    "undone import cannot be brought back this way: import the "
		    "file again");
	if (strcmp(g->action, "delete") == 0) {
		/* bring it back as it was, with its id */
		customer_init(&c);
		if (crm_store_from_events(&c, g->n, g->fields, g->olds,
		    e) < 0 ||
		    crm_record_finish(&c, 0, &bad, e) < 0)
			goto out;
		free(c.f[CRM_CF_ID]);
		c.f[CRM_CF_ID] = crm_xstrdup(g->id);
		if (crm_store_insert(s, &c, e) < 0)
			goto out;
		rc = crm_store_audit(s, "create", NULL, &c, e);
		goto out;
	}
	if (crm_store_load(s, &crm_customer_entity, id, &old, e) < 0)
		goto out;
	if (strcmp(g->action, "create") == 0) {
		if (check_refs(s, &old, 1, e) < 0 ||
		    crm_store_audit(s, "delete", &old, NULL, e) < 0 ||
		    (st = crm_db_prepare(s->db, sql_delete, e)) == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = crm_db_done(s->db, st, e)) < 0)
			crm_err_set(e, CRM_EX_DATAERR, "customer %lld has "
			    "records added since (contacts): it cannot be "
			    "removed", id);
		goto out;
	}
	crm_record_copy(&c, &old);
	if (crm_store_from_events(&c, g->n, g->fields, g->olds, e) < 0 ||
	    crm_record_finish(&c, 0, &bad, e) < 0 ||
	    pool_undo_check(s, &old, c.f[CRM_CF_OWNER], e) < 0 ||
	    crm_store_update(s, &c, e) < 0)
		goto out;
	rc = crm_store_audit(s, "update", &old, &c, e);
out:
	crm_record_free(&old);
	crm_record_free(&c);
	return rc;
}

/* The same rule as crm undo's check of later runs (lib/undo.c): a run
 * that was undone, or that undid a run after ours, is not a change. */
