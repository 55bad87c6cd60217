/* Listing the records of any entity (crm/entity.h): the filters every
 * list has — owner, pool, fields by value (CRM_F_FILTER), a tag, a
 * search over the searchable fields (CRM_F_SEARCH), a sort over the
 * sortable ones (CRM_F_SORT), a limit — and the entity's own, in one
 * statement built once per entity, limited to what the acting user may
 * see (crm/scope.h) and with masked fields masked for them. */
#ifndef CRM_LIST_H
#define CRM_LIST_H

#include "crm/entity.h"
#include "crm/rows.h"
#include "crm/session.h"

struct crm_list_filter {
	long long id;		/* 0: all */
	const char *owner;
	int mine;
	int pool;		/* in a pool; pool_name narrows it */
	const char *pool_name;
	const char **eq;	/* per field (ent->nfields), NULL: any */
	char **made;		/* per field, a value made for eq (the id of
				   a name), freed with the filter */
	size_t nfields;
	const char *tag;
	const char *search;
	const char *sort;	/* a column; a leading '-' sorts descending */
	long limit;		/* -1: no limit */
	const void *own;	/* the entity's own filters (its list hook) */
};

/* The entity's own filters: a condition on the record `c` whose
 * parameters are written "?own", "?own+1" ... (the list numbers them),
 * and what binds them — at base, base + 1 ... — from filter->own. */
struct crm_list_def {
	const char *where;	/* "AND (?own IS NULL OR ...)" */
	int (*bind)(struct crm_session *s, sqlite3_stmt *st, int base,
	    const void *own, struct crm_err *e);
};

/* A filter of nothing (eq gets ent->nfields NULLs; free it with
 * crm_list_filter_free). */
void crm_list_filter_init(struct crm_list_filter *f,
    const struct crm_entity *ent);
void crm_list_filter_free(struct crm_list_filter *f);

/* The records the acting user may see, as the fields in order then the
 * custom fields in name order. An unknown sort column, or a filter value
 * that is not a value of its field, is 64. */
struct crm_rows *crm_list(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_list_filter *f, struct crm_err *e);

#endif
