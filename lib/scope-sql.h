/* The SQL of who sees what (crm/scope.h), shared by every statement
 * that selects records of an entity with an owner and a pool. Its
 * parameters, bound by crm_scope_bind: ?1 the acting user, ?2 whether
 * they see every record, ?3 whether they are a manager, ?4 their
 * region, ?5 whether every pool is theirs (pool.same_region false).
 *
 * The team is the user and, for a manager, everyone under them
 * (transitively), each with their region: a manager's pools are those
 * of the team's regions, so a director with no region of their own sees
 * the pools of every region under them. One rule for seeing, assigning
 * and distributing. */
#ifndef CRM_SCOPE_SQL_H
#define CRM_SCOPE_SQL_H

#define SCOPE_TEAM \
	"WITH RECURSIVE team (login, region) AS (SELECT ?1, ?4 UNION " \
	"SELECT u.login, u.region FROM users u JOIN team t " \
	"ON u.manager = t.login WHERE ?3) "
/* The pool p (a column or a parameter) is one the user sees. */
#define SCOPE_POOL_SEEN(p) \
	"(?5 OR " p " = 'public' OR " p " IN (SELECT region FROM team))"
/* The record under alias c is one the user sees. */
#define SCOPE_VISIBLE_AS(c) \
	"(?2 OR " c ".owner IN (SELECT login FROM team) OR (" c ".owner " \
	"IS NULL AND " SCOPE_POOL_SEEN(c ".pool") ")) "
#define SCOPE_VISIBLE SCOPE_VISIBLE_AS("c")

#endif
