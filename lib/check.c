#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/check.h"
#include "crm/buf.h"
#include "crm/dbfile.h"
#include "crm/i18n.h"
#include "crm/setting.h"
#include "crm/banned.h"

/* The rows are data, in English whatever the language (a script reads
 * them); in a table, for people, the headers and the problems are said
 * in the user's language (tr). */
static const struct crm_col cols[] = {
	{ NC_("column", "check"), CRM_COL_TEXT },
	{ NC_("column", "entity"), CRM_COL_TEXT },
	{ NC_("column", "id"), CRM_COL_TEXT },
	{ NC_("column", "problem"), CRM_COL_TEXT },
};

static void
problem(struct crm_rows *out, const char *check, const char *entity,
    const char *id, const char *what)
{
	struct crm_val row[4] = { crm_val_text(check), crm_val_text(entity),
		crm_val_text(id), crm_val_text(what) };

	crm_rows_mem_add(out, row);
}

/* A check that is one statement: rows of (entity, id, k), or of (id,
 * k) when every row is of one entity, each the problem wrong[k]. */
struct sql_check {
	const char *check;	/* its name in the rows */
	const char *entity;	/* every row's, or NULL: the first column */
	const char *sql;
	const char *const *wrong;
};

static int
sql_rows(struct crm_session *s, sqlite3_stmt *st, struct crm_rows *out,
    int tr, const struct sql_check *c, struct crm_err *e)
{
	int rc, at = c->entity == NULL;

	while ((rc = crm_db_row(s->db, st, e)) == 1)
		problem(out, c->check, at ? crm_db_col_text(st, 0) :
		    c->entity, crm_db_col_text(st, at),
		    T_(tr, c->wrong[sqlite3_column_int(st, at + 1)]));
	return rc;
}

static int
check_sql(struct crm_session *s, struct crm_rows *out, int tr,
    const struct sql_check *c, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, c->sql, e);

	return st == NULL ? -1 : sql_rows(s, st, out, tr, c, e);
}

static const char sql_integrity[] = "PRAGMA integrity_check";
static const char sql_foreign[] = "PRAGMA foreign_key_check";

static int
check_integrity(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_integrity, e);
	int rc;

	(void)tr;	/* SQLite's words */
	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		if (strcmp(crm_db_col_text(st, 0), "ok") != 0)
			problem(out, "integrity", "database", NULL,
			    crm_db_col_text(st, 0));
	return rc;
}

static int
check_foreign_keys(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_foreign, e);
	struct crm_buf what = { 0 };
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		crm_buf_reset(&what);
		crm_buf_addf(&what, T_(tr, "refers to a missing row of '%s'"),
		    crm_db_col_text(st, 2));
		problem(out, "foreign_key", crm_db_col_text(st, 0),
		    crm_db_col_text(st, 1), crm_buf_str(&what));
	}
	crm_buf_free(&what);
	return rc;
}

static const char sql_settings[] = "SELECT key, value FROM settings";

static int
check_settings(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_settings, e);
	struct crm_buf json = { 0 };
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct crm_err bad = { 0 };
		int ok;

		/* the problem is a row of data: in English, but for
		 * people */
		if (!tr)
			crm_i18n_use("en");
		ok = crm_setting_check(crm_db_col_text(st, 0),
		    crm_db_col_text(st, 1), &json, &bad);
		if (!tr)
			crm_i18n_use(NULL);
		if (ok < 0)
			problem(out, "setting", "setting",
			    crm_db_col_text(st, 0), bad.msg);
	}
	crm_buf_free(&json);
	return rc;
}

/* Users whose chain of managers comes back to them, and a team with no
 * active admin. */
static const char sql_manager_cycles[] =
	"WITH RECURSIVE up (start, cur, depth) AS ("
	" SELECT login, manager, 1 FROM users WHERE manager IS NOT NULL"
	" UNION ALL SELECT up.start, u.manager, up.depth + 1 FROM up"
	" JOIN users u ON u.login = up.cur"
	" WHERE u.manager IS NOT NULL AND up.cur <> up.start AND depth < 1000)"
	" SELECT DISTINCT start FROM up WHERE cur = start";
static const char sql_admins[] =
	"SELECT count(*) FROM users WHERE role = 'admin' AND active = 1";

static int
check_users(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_manager_cycles, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		problem(out, "team", "user", crm_db_col_text(st, 0),
		    T_(tr, "is among their own managers"));
	if (rc < 0 || (st = crm_db_prepare(s->db, sql_admins, e)) == NULL ||
	    crm_db_row(s->db, st, e) != 1)
		return -1;
	if (sqlite3_column_int(st, 0) == 0)
		problem(out, "team", "user", NULL, T_(tr, "no active admin"));
	sqlite3_reset(st);
	return 0;
}

/* A customer has an owner or is in a pool, never both nor neither; its
 * normalized keys match its name and phone (a row changed behind crm's
 * back would escape the duplicate check). */
static const char sql_customers[] =
	"SELECT id, CASE WHEN (owner IS NULL) = (pool IS NULL) THEN "
	"CASE WHEN owner IS NULL THEN 0 ELSE 1 END ELSE 2 END "
	"FROM customers WHERE (owner IS NULL) = (pool IS NULL) "
	"OR name_key IS NOT crm_key(name)";
static const char *const customer_wrong[] = {
	N_("has neither an owner nor a pool"),
	N_("has both an owner and a pool"),
	N_("its name key does not match its name"),
};

/* Customers that share a normalized name or phone: the 撞单 check
 * missed them, or a manager allowed them (--allow-duplicate: the rows of
 * customer_dupes_allowed, schema/022). The first of each group, 0 for
 * the name or 1 for the phone, how many others and which (their ids,
 * one char(31) between two), and the key they share. */
#define DUPE_GROUPS(k, col, where) \
	"SELECT min(id), " k ", count(*) - 1, " \
	"substr(group_concat(id, char(31)), length(min(id)) + 2), " col " " \
	"FROM (SELECT id, " col " FROM customers " where "ORDER BY " col \
	", id) GROUP BY " col " HAVING count(*) > 1"
static const char sql_customer_dupes[] =
	DUPE_GROUPS("0", "name_key", "") " UNION ALL "
	DUPE_GROUPS("1", "phone_key", "WHERE phone_key IS NOT NULL ");

/* The members of the group of key ?1, each with whether the allowance
 * that holds most of them holds it, and that allowance's run and who
 * made it (NULL: none holds any). The group is allowed when it holds
 * them all. */
#define DUPE_MEMBERS(kind, col) \
	"WITH m AS (SELECT id FROM customers WHERE " col " = ?1), " \
	"b AS (SELECT a.run, a.grp FROM m JOIN customer_dupes_allowed a " \
	"ON a.customer_id = m.id AND a.kind = '" kind "' " \
	"GROUP BY a.run, a.grp ORDER BY count(*) DESC, a.run DESC LIMIT 1) " \
	"SELECT m.id, EXISTS (SELECT 1 FROM b JOIN customer_dupes_allowed a " \
	"ON a.run = b.run AND a.grp = b.grp AND a.kind = '" kind "' " \
	"WHERE a.customer_id = m.id), b.run, coalesce(r.as_login, r.login) " \
	"FROM m " \
	"LEFT JOIN b LEFT JOIN runs r ON r.id = b.run ORDER BY m.id"
static const char *const sql_dupe_members[] = {
	DUPE_MEMBERS("name", "name_key"),
	DUPE_MEMBERS("phone", "phone_key"),
};

/* A group of customers that share a key, as crm check reads it. */
struct dupe_group {
	const char *first;	/* its first id */
	int kind;		/* 0 the name, 1 the phone */
	long others;		/* how many share it with the first */
	struct crm_buf ids;	/* the others' ids, for people */
	long allowed;		/* how many the best allowance holds */
	long long run;		/* that allowance's run, or 0 */
	struct crm_buf by;	/* who made it */
	struct crm_buf fresh;	/* the ids it does not hold */
};

/* Join the ids of a char(31)-separated list, or add one, as a list is
 * written for people (tr) or as data. */
static void
add_id(struct crm_buf *b, const char *id, int tr)
{
	if (b->len)
		crm_buf_adds(b, tr ? C_("list", ", ") : ", ");
	crm_buf_adds(b, id);
}

static void
add_ids(struct crm_buf *b, const char *list, int tr)
{
	const char *p = list;

	for (; *p; p++) {
		if (*p == 31)
			crm_buf_adds(b, tr ? C_("list", ", ") : ", ");
		else
			crm_buf_addc(b, *p);
	}
}

/* Read the group's members and the allowance that holds most of them. */
static int
dupe_allowance(struct crm_session *s, struct dupe_group *g, const char *key,
    int tr, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_dupe_members[g->kind],
	    e);
	int rc;

	g->allowed = 0;
	g->run = 0;
	crm_buf_reset(&g->by);
	crm_buf_reset(&g->fresh);
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, key);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		if (sqlite3_column_int(st, 1))
			g->allowed++;
		else
			add_id(&g->fresh, crm_db_col_text(st, 0), tr);
		g->run = sqlite3_column_int64(st, 2);
		if (crm_db_col_text(st, 3) && g->by.len == 0)
			crm_buf_adds(&g->by, crm_db_col_text(st, 3));
	}
	return rc;
}

/* Call fn for each group of customers that share a key, with what
 * allows it. */
static int
dupe_groups(struct crm_session *s, int tr,
    void (*fn)(struct dupe_group *g, struct crm_rows *out, int tr),
    struct crm_rows *out, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_customer_dupes, e);
	struct dupe_group g = { 0 };
	char *first = NULL, *key = NULL;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		free(first);
		free(key);
		first = crm_xstrdup(crm_db_col_text(st, 0));
		key = crm_xstrdup(crm_db_col_text(st, 4));
		g.first = first;
		g.kind = sqlite3_column_int(st, 1);
		g.others = sqlite3_column_int(st, 2);
		crm_buf_reset(&g.ids);
		add_ids(&g.ids, crm_db_col_text(st, 3), tr);
		/* the members' statement is another: this one stays */
		if (dupe_allowance(s, &g, key, tr, e) < 0) {
			sqlite3_reset(st);
			rc = -1;
			break;
		}
		fn(&g, out, tr);
	}
	free(first);
	free(key);
	crm_buf_free(&g.ids);
	crm_buf_free(&g.by);
	crm_buf_free(&g.fresh);
	return rc;
}

static int
customer_wrongs(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_customers, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		problem(out, "customer", "customer", crm_db_col_text(st, 0),
		    T_(tr, customer_wrong[sqlite3_column_int(st, 1)]));
	return rc;
}

/* A group no allowance holds whole is a problem: the ids that joined
 * an allowed group since are named. */
static void
dupe_problem(struct dupe_group *g, struct crm_rows *out, int tr)
{
	struct crm_buf what = { 0 };

	if (g->allowed == g->others + 1)
		return;
	if (g->kind == 0)
		crm_buf_addf(&what, TP_(tr, "shares its name with customer %s",
		    "shares its name with customers %s", g->others),
		    crm_buf_str(&g->ids));
	else
		crm_buf_addf(&what, TP_(tr, "shares its phone with customer "
		    "%s", "shares its phone with customers %s", g->others),
		    crm_buf_str(&g->ids));
	/* one allowed alone is no allowance of this group */
	if (g->allowed > 1)
		crm_buf_addf(&what, T_(tr, " (run %lld allowed the others; "
		    "not allowed: %s)"), g->run, crm_buf_str(&g->fresh));
	problem(out, "customer", "customer", g->first, crm_buf_str(&what));
	crm_buf_free(&what);
}

static int
customer_dupes(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	return dupe_groups(s, tr, dupe_problem, out, e);
}

static int
check_customers(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	return customer_wrongs(s, out, tr, e) < 0 ||
	    customer_dupes(s, out, tr, e) < 0 ? -1 : 0;
}

/* data.md's invariants of deals: a won deal has a won date and no lost
 * reason, a lost one a reason; the stage is one of deal.stages (?1, its
 * json); the stage history has the deal's first stage and ends at its
 * current one (the funnel reads only the history). The owner is a
 * user: the foreign key check says so. */
static const char sql_deals[] =
	"SELECT id, 0 FROM deals WHERE stage = 'won' AND won_at IS NULL "
	"UNION ALL SELECT id, 1 FROM deals WHERE stage = 'won' "
	"AND lost_reason IS NOT NULL "
	"UNION ALL SELECT id, 2 FROM deals WHERE stage = 'lost' "
	"AND lost_reason IS NULL "
	"UNION ALL SELECT id, 3 FROM deals WHERE stage NOT IN "
	"(SELECT json_extract(value, '$.key') FROM json_each(?1)) "
	"UNION ALL SELECT id, 4 FROM deals d WHERE NOT EXISTS "
	"(SELECT 1 FROM deal_stages h WHERE h.deal_id = d.id) "
	"UNION ALL SELECT id, 5 FROM deals d WHERE (SELECT to_stage "
	"FROM deal_stages h WHERE h.deal_id = d.id "
	"ORDER BY h.at DESC, h.id DESC LIMIT 1) <> d.stage "
	"ORDER BY 1, 2";
static const char *const deal_wrong[] = {
	N_("is won but has no won date"),
	N_("is won but has a lost reason"),
	N_("is lost but has no lost reason"),
	N_("its stage is not one of deal.stages"),
	N_("has no stage history"),
	N_("its stage history does not end at its stage"),
};

static const struct sql_check deal_check = { "deal", "deal", sql_deals,
	deal_wrong };

static int
check_deals(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	struct crm_buf stages = { 0 };
	sqlite3_stmt *st;

	if (crm_setting_json(s, "deal.stages", &stages, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_deals, e)) == NULL) {
		crm_buf_free(&stages);
		return -1;
	}
	sqlite3_bind_text(st, 1, crm_buf_str(&stages), -1, SQLITE_TRANSIENT);
	crm_buf_free(&stages);
	return sql_rows(s, st, out, tr, &deal_check, e);
}

/* A lead's links say what convert did: a lead with a customer or a
 * deal is converted (set and edit never reopen it; undo of the
 * conversion clears both), and a deal came with its customer. A
 * converted lead without links is history an admin imported. */
static const char sql_leads[] =
	"SELECT id, 0 FROM leads WHERE deal_id IS NOT NULL "
	"AND customer_id IS NULL "
	"UNION ALL SELECT id, 1 FROM leads WHERE status <> 'converted' "
	"AND (customer_id IS NOT NULL OR deal_id IS NOT NULL) "
	"ORDER BY 1, 2";
static const char *const lead_wrong[] = {
	N_("has a deal but no customer"),
	N_("is not converted but has a customer or deal"),
};


/* A quote's gross, total and largest discount are its lines' (add and
 * edit write them together), and a quote has lines. The largest
 * discount may be more than the lines' own: a price typed below the
 * catalogue's (then) counts as a discount too (crm/line.h). */
static const char sql_quotes[] =
	"SELECT q.id, 0 FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM "
	"quote_lines l WHERE l.quote_id = q.id) "
	"UNION ALL SELECT q.id, 1 FROM quotes q JOIN (SELECT quote_id, "
	"sum(qty * price) AS g, sum(amount) AS t, max(discount) AS d "
	"FROM quote_lines GROUP BY quote_id) l ON l.quote_id = q.id "
	"WHERE q.gross <> l.g OR q.total <> l.t OR q.max_discount < l.d "
	"ORDER BY 1, 2";
static const char *const quote_wrong[] = {
	N_("has no lines"),
	N_("its gross, total or largest discount is not its lines'"),
};


/* data.md's invariants of orders: the total is the sum of the lines;
 * no line shipped more than was ordered; the instalments of an order
 * not cancelled sum to its total; the number key is the number's; a
 * line's shipped is the sum of its shipments' lines. And
 * the numbers of each year (their counters, seq) are 1 to the year's
 * counter without gaps: they are unique, so count = max = counter. */
static const char sql_orders[] =
	"SELECT o.id, 0 FROM orders o WHERE o.total <> (SELECT "
	"coalesce(sum(l.amount), 0) FROM order_lines l "
	"WHERE l.order_id = o.id) "
	"UNION ALL SELECT DISTINCT order_id, 1 FROM order_lines "
	"WHERE shipped > qty "
	"UNION ALL SELECT o.id, 2 FROM orders o WHERE o.status <> 'cancelled' "
	"AND o.total IS NOT (SELECT sum(i.amount) FROM instalments i "
	"WHERE i.order_id = o.id AND i.status <> 'cancelled') "
	"AND EXISTS (SELECT 1 FROM instalments i WHERE i.order_id = o.id) "
	"UNION ALL SELECT id, 3 FROM orders "
	"WHERE number_key IS NOT crm_key(number) "
	/* shipments (014): a line's shipped is what its shipments sent —
	 * but an order imported shipped, delivered or completed has its
	 * file's quantities and no shipments of ours */
	"UNION ALL SELECT DISTINCT l.order_id, 4 FROM order_lines l "
	"JOIN orders o ON o.id = l.order_id "
	"WHERE l.shipped <> (SELECT coalesce(sum(sl.qty), 0) FROM "
	"shipment_lines sl JOIN shipments sh ON sh.id = sl.shipment_id "
	"WHERE sh.order_id = l.order_id AND sl.line = l.line) "
	"AND (o.status = 'draft' OR o.status = 'confirmed' OR "
	"o.status = 'cancelled' OR EXISTS (SELECT 1 FROM shipments s2 "
	"WHERE s2.order_id = o.id)) "
	/* only an order confirmed or later is paid or invoiced (crm-pay):
	 * a draft with either was made by an undo of its confirm, which
	 * crm undo now refuses */
	"UNION ALL SELECT DISTINCT i.order_id, 5 FROM instalments i "
	"JOIN orders o ON o.id = i.order_id JOIN allocations a "
	"ON a.instalment_id = i.id WHERE o.status = 'draft' "
	"UNION ALL SELECT DISTINCT v.order_id, 6 FROM invoices v "
	"JOIN orders o ON o.id = v.order_id WHERE o.status = 'draft' "
	"AND v.status <> 'void' "
	"ORDER BY 1, 2";
static const char *const order_wrong[] = {
	N_("its total is not the sum of its lines"),
	N_("a line of it shipped more than was ordered"),
	N_("its instalments do not add up to its total"),
	N_("its number key does not match its number"),
	N_("a line's shipped is not the sum of its shipments' lines"),
	N_("it is a draft, yet receipts were allocated to it"),
	N_("it is a draft, yet it is invoiced"),
};
static const char sql_order_numbers[] =
	"SELECT y.year FROM (SELECT CAST(substr(order_date, 1, 4) AS "
	"INTEGER) AS year, count(*) AS n, max(seq) AS top FROM orders "
	"WHERE seq IS NOT NULL GROUP BY 1) y LEFT JOIN order_numbers c "
	"ON c.year = y.year WHERE c.seq IS NOT y.n OR y.top IS NOT y.n "
	"UNION SELECT c.year FROM order_numbers c WHERE c.seq > 0 "
	"AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.seq IS NOT NULL "
	"AND CAST(substr(o.order_date, 1, 4) AS INTEGER) = c.year) "
	"ORDER BY 1";

static int
check_orders(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	static const struct sql_check orders = { "order", "order",
		sql_orders, order_wrong };
	sqlite3_stmt *st;
	int rc;

	if (check_sql(s, out, tr, &orders, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_order_numbers, e)) == NULL)
		return -1;
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		problem(out, "order", "order_numbers",
		    crm_db_col_text(st, 0), T_(tr, "the numbers of this year "
		    "are not 1 to its counter without gaps"));
	return rc;
}

/* The database's folder: whoever else can write it can put a -wal file
 * there before a command opens the database, and read what it writes
 * (the open refuses such a file, but then every command fails). */
static int
check_folder(struct crm_session *s, struct crm_rows *out, int tr)
{
	struct crm_buf what = { 0 };
	char dir[4096];
	int mode = crm_db_folder_unsafe(crm_db_path(s->db), dir, sizeof(dir));

	if (mode <= 0)
		return 0;
	crm_buf_addf(&what, T_(tr, "folder '%s' can be written by accounts "
	    "other than the database's owner and team (mode %04o): they "
	    "could put files beside it and read what crm writes; chmod o-w, "
	    "or move the database (see crm(7), Security)"), dir, mode);
	problem(out, "files", "database", NULL, what.s);
	crm_buf_free(&what);
	return 0;
}

/* The database and its -wal and -shm files: customer data must not be
 * readable by every account on the machine (design/quality.md). */
static int
check_files(struct crm_session *s, struct crm_rows *out, int tr,
    struct crm_err *e)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	struct crm_buf path = { 0 }, what = { 0 };

	(void)e;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
		int mode;

		crm_buf_reset(&path);
		crm_buf_addf(&path, "%s%s", crm_db_path(s->db), suffix[i]);
		if ((mode = crm_file_world_mode(path.s)) < 0 ||
		    !(mode & 0007))
			continue;
		crm_buf_reset(&what);
		crm_buf_addf(&what, T_(tr, "'%s' can be read by every "
		    "account on this machine (mode %04o): chmod o-rwx, and "
		    "see crm(7), Security"), path.s, mode);
		problem(out, "files", "database", NULL, what.s);
	}
	crm_buf_free(&path);
	crm_buf_free(&what);
	return check_folder(s, out, tr);
}

/* Contracts: the key of the number is its number's (the uniqueness
 * check reads it), the end is not before the start, and a renewal is
 * its contract's customer's and starts the day after that one's end —
 * a chain of renewals has no gap, no overlap and no loop — and a
 * contract has one renewal at most that is not terminated. */
static const char sql_contracts[] =
	"SELECT id, 0 FROM contracts WHERE number_key IS NOT crm_key(number) "
	"UNION ALL SELECT id, 1 FROM contracts WHERE end_date < start_date "
	"UNION ALL SELECT r.id, 2 FROM contracts r JOIN contracts k "
	"ON k.id = r.renewed_from WHERE r.start_date IS NOT "
	"date(k.end_date, '+1 day') "
	"UNION ALL SELECT r.id, 3 FROM contracts r JOIN contracts k "
	"ON k.id = r.renewed_from WHERE r.customer_id <> k.customer_id "
	"UNION ALL SELECT renewed_from, 4 FROM contracts "
	"WHERE renewed_from IS NOT NULL AND status <> 'terminated' "
	"GROUP BY renewed_from HAVING count(*) > 1 ORDER BY 1, 2";
static const char *const contract_wrong[] = {
	N_("its number key does not match its number"),
	N_("ends before it starts"),
	N_("does not start the day after the end of the contract it renews"),
	N_("is of another customer than the contract it renews"),
	N_("has more than one renewal that is not terminated"),
};


/* data.md's invariants of receipts (crm-pay): a receipt's allocated is
 * the sum of its allocations, never more than its amount nor less than
 * 0; an instalment's paid is the sum of its allocations, never more
 * than its amount; an instalment paid in full is "paid", one not "open"
 * (or cancelled). */
static const char sql_receipts[] =
	"SELECT 'receipt', r.id, 0 FROM receipts r LEFT JOIN (SELECT "
	"receipt_id, sum(amount) AS n FROM allocations GROUP BY receipt_id) a "
	"ON a.receipt_id = r.id WHERE r.allocated <> coalesce(a.n, 0) "
	"UNION ALL SELECT 'receipt', receipt_id, 1 FROM allocations "
	"GROUP BY receipt_id HAVING sum(amount) < 0 OR sum(amount) > (SELECT "
	"r.amount FROM receipts r WHERE r.id = receipt_id) "
	"UNION ALL SELECT 'instalment', i.id, 2 FROM instalments i LEFT JOIN "
	"(SELECT instalment_id, sum(amount) AS n FROM allocations "
	"GROUP BY instalment_id) a ON a.instalment_id = i.id "
	"WHERE i.paid <> coalesce(a.n, 0) "
	"UNION ALL SELECT 'instalment', instalment_id, 3 FROM allocations "
	"GROUP BY instalment_id HAVING sum(amount) < 0 OR sum(amount) > "
	"(SELECT i.amount FROM instalments i WHERE i.id = instalment_id) "
	"UNION ALL SELECT 'instalment', id, 4 FROM instalments "
	"WHERE (status = 'paid' AND paid < amount) OR (status = 'open' AND "
	"paid = amount AND amount > 0) ORDER BY 1, 2, 3";
static const char *const receipt_wrong[] = {
	N_("its allocated is not the sum of its allocations"),
	N_("its allocations add up to more than it or less than 0"),
	N_("its paid is not the sum of its allocations"),
	N_("its allocations add up to more than it or less than 0"),
	N_("its status does not match what is paid of it"),
};


/* Invoices (crm-pay): what is invoiced of an order — its invoices not
 * void — is never more than its total; an invoice is its order's
 * customer's and owner's; an issued one has its number and date. */
static const char sql_invoices[] =
	"SELECT 'order', v.order_id, 0 FROM invoices v JOIN orders o "
	"ON o.id = v.order_id WHERE v.status <> 'void' GROUP BY v.order_id "
	"HAVING sum(v.amount) > max(o.total) "
	"UNION ALL SELECT 'invoice', v.id, 1 FROM invoices v JOIN orders o "
	"ON o.id = v.order_id WHERE v.customer_id <> o.customer_id "
	"OR v.owner <> o.owner "
	"UNION ALL SELECT 'invoice', id, 2 FROM invoices "
	"WHERE status = 'issued' AND (number IS NULL OR issue_date IS NULL) "
	"ORDER BY 3, 2";
static const char *const invoice_wrong[] = {
	N_("it is invoiced for more than its total"),
	N_("its customer or owner is not its order's"),
	N_("it is issued without a number or a date"),
};


/* Money above CRM_MONEY_MAX, either sign (entered before crm-pay
 * bounded it): a sum of two such amounts overflows, and every report
 * of them fails, so the records are named here. */
#define BEYOND(c) "(" c " > 10000000000000 OR " c " < -10000000000000)"
static const char sql_money[] =
	"SELECT 'receipt', id, 0 FROM receipts WHERE " BEYOND("amount") " "
	"AND reversed_at IS NULL "
	"UNION ALL SELECT 'expense', id, 0 FROM expenses "
	"WHERE " BEYOND("amount") " "
	"UNION ALL SELECT 'account', id, 0 FROM accounts "
	"WHERE " BEYOND("opening") " ORDER BY 1, 2";
static const char *const money_wrong[] = {
	N_("its amount is more than 100000000000.00: sums of it overflow"),
};


/* Records held by a user who may not hold them (user set, import and
 * deactivate refuse it): a customer, lead or open deal of an inactive
 * user or of one whose role owns nothing (0; 1 for an inactive admin,
 * manager or rep). A won or lost deal stays its owner's, as history. */
#define OWNING_ROLE "(u.role = 'admin' OR u.role = 'manager' " \
	"OR u.role = 'rep')"
static const char sql_owners[] =
	"SELECT 'customer', c.id, " OWNING_ROLE " FROM customers c "
	"JOIN users u ON u.login = c.owner "
	"WHERE NOT (u.active AND " OWNING_ROLE ") "
	"UNION ALL SELECT 'lead', c.id, " OWNING_ROLE " FROM leads c "
	"JOIN users u ON u.login = c.owner "
	"WHERE NOT (u.active AND " OWNING_ROLE ") "
	"UNION ALL SELECT 'deal', d.id, " OWNING_ROLE " FROM deals d "
	"JOIN users u ON u.login = d.owner "
	"WHERE NOT (u.active AND " OWNING_ROLE ") "
	"AND d.stage <> 'won' AND d.stage <> 'lost' ORDER BY 1, 2";
static const char *const owner_wrong[] = {
	N_("its owner's role may not own it"),
	N_("its owner is not an active user"),
};


/* Each check: a function of its own, or one statement (sql). */
static const struct {
	int (*run)(struct crm_session *, struct crm_rows *, int,
	    struct crm_err *);
	struct sql_check sql;
} checks[] = {
	{ check_files, { NULL, NULL, NULL, NULL } },
	{ check_integrity, { NULL, NULL, NULL, NULL } },
	{ check_foreign_keys, { NULL, NULL, NULL, NULL } },
	{ check_settings, { NULL, NULL, NULL, NULL } },
	{ check_users, { NULL, NULL, NULL, NULL } },
	{ check_customers, { NULL, NULL, NULL, NULL } },
	{ check_deals, { NULL, NULL, NULL, NULL } },
	{ NULL, { "contract", "contract", sql_contracts, contract_wrong } },
	{ NULL, { "quote", "quote", sql_quotes, quote_wrong } },
	{ check_orders, { NULL, NULL, NULL, NULL } },
	{ NULL, { "receipt", NULL, sql_receipts, receipt_wrong } },
	{ NULL, { "invoice", NULL, sql_invoices, invoice_wrong } },
	{ NULL, { "owner", NULL, sql_owners, owner_wrong } },
	{ NULL, { "money", NULL, sql_money, money_wrong } },
	{ NULL, { "lead", "lead", sql_leads, lead_wrong } },
};

struct crm_rows *
crm_check(struct crm_session *s, int tr, struct crm_err *e)
{
	struct crm_rows *out;

	/* it reads every record, whoever may see it: a rep who learns that
	 * a hidden customer shares a phone they typed has probed it */
	if (crm_session_require(s, CRM_ROLE_ADMIN, _("check the database"),
	    e) < 0)
		return NULL;
	out = crm_rows_mem(cols, 4);

	for (size_t i = 0; i < sizeof(checks) / sizeof(*checks); i++) {
		if ((checks[i].run ? checks[i].run(s, out, tr, e) :
		    check_sql(s, out, tr, &checks[i].sql, e)) < 0) {
			crm_rows_close(out);
			return NULL;
		}
	}
	return out;
}

static const struct crm_col allowed_cols[] = {
	{ NC_("column", "id"), CRM_COL_TEXT },
	{ NC_("column", "key"), CRM_COL_TEXT },
	{ NC_("column", "customers"), CRM_COL_TEXT },
	{ NC_("column", "run"), CRM_COL_TEXT },
	{ NC_("column", "user"), CRM_COL_TEXT },
};

/* A group an allowance holds whole: what crm check leaves out. */
static void
dupe_allowed(struct dupe_group *g, struct crm_rows *out, int tr)
{
	static const char *const keys[] = { NC_("key", "name"),
		NC_("key", "phone") };
	char run[24];
	struct crm_val row[5];

	if (g->allowed != g->others + 1)
		return;
	snprintf(run, sizeof(run), "%lld", g->run);
	row[0] = crm_val_text(g->first);
	row[1] = crm_val_text(tr ? crm_cgettext("key", keys[g->kind]) :
	    keys[g->kind]);
	row[2] = crm_val_text(crm_buf_str(&g->ids));
	row[3] = crm_val_text(run);
	row[4] = crm_val_text(crm_buf_str(&g->by));
	crm_rows_mem_add(out, row);
}

struct crm_rows *
crm_check_allowed(struct crm_session *s, int tr, struct crm_err *e)
{
	struct crm_rows *out;

	if (crm_session_require(s, CRM_ROLE_ADMIN, _("check the database"),
	    e) < 0)
		return NULL;
	out = crm_rows_mem(allowed_cols, 5);
	if (dupe_groups(s, tr, dupe_allowed, out, e) < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}
