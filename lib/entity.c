/* What the generic modules derive from a descriptor, built once per
 * entity and kept for the life of the process. */
#include <stdlib.h>
#include <string.h>

#include "crm/entity.h"
#include "crm/buf.h"
#include "crm/banned.h"

/* A handful of entities: a small table, no hashing. */
#define MAX_ENTITIES 32

struct derived {
	const struct crm_entity *ent;
	struct crm_col *cols;
	struct crm_field_def *defs;
	struct crm_fieldmap map;
	void *slot[CRM_NSLOTS];
};

static struct derived derived[MAX_ENTITIES];

static enum crm_ckind
col_kind(enum crm_kind k)
{
	switch (k) {
	case CRM_K_ID:
	case CRM_K_INT:
		return CRM_COL_INT;
	case CRM_K_PHONE:
		return CRM_COL_PHONE;
	case CRM_K_DATE:
		return CRM_COL_DATE;
	case CRM_K_TIME:
		return CRM_COL_TIME;
	case CRM_K_BOOL:
		return CRM_COL_BOOL;
	case CRM_K_TAGS:
		return CRM_COL_LIST;
	case CRM_K_MONEY:
		return CRM_COL_MONEY;
	default:
		return CRM_COL_TEXT;
	}
}

static struct derived *
derive(const struct crm_entity *ent)
{
	size_t i = 0;

	while (i < MAX_ENTITIES && derived[i].ent && derived[i].ent != ent)
		i++;
	if (i == MAX_ENTITIES)
		abort();	/* more entities than the table: a bug */
	if (derived[i].ent == ent)
		return &derived[i];
	derived[i].ent = ent;
	derived[i].cols = crm_xcalloc(ent->nfields, sizeof(struct crm_col));
	derived[i].defs = crm_xcalloc(ent->nfields,
	    sizeof(struct crm_field_def));
	for (size_t f = 0; f < ent->nfields; f++) {
		derived[i].cols[f].name = ent->fields[f].name;
		derived[i].cols[f].kind = col_kind(ent->fields[f].kind);
		derived[i].defs[f].name = ent->fields[f].name;
		derived[i].defs[f].aliases = ent->fields[f].aliases;
	}
	crm_fieldmap_init(&derived[i].map, derived[i].defs, ent->nfields, NULL,
	    NULL);
	return &derived[i];
}

int
crm_entity_field(const struct crm_entity *ent, const char *name)
{
	return crm_fieldmap_lookup(&derive(ent)->map, name);
}

int
crm_entity_field_sign(const struct crm_entity *ent, const char *name,
    int *negated)
{
	return crm_fieldmap_lookup_sign(&derive(ent)->map, name, negated);
}

int
crm_entity_flagged(const struct crm_entity *ent, unsigned flag)
{
	for (size_t f = 0; f < ent->nfields; f++)
		if (ent->fields[f].flags & flag)
			return (int)f;
	return -1;
}

const struct crm_col *
crm_entity_cols(const struct crm_entity *ent)
{
	return derive(ent)->cols;
}

const struct crm_field_def *
crm_entity_defs(const struct crm_entity *ent)
{
	return derive(ent)->defs;
}

void *
crm_entity_cache(const struct crm_entity *ent, enum crm_entity_slot slot,
    void *(*make)(const struct crm_entity *ent))
{
	struct derived *d = derive(ent);

	if (d->slot[slot] == NULL)
		d->slot[slot] = make(ent);
	return d->slot[slot];
}
