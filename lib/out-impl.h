/* Shared between the output writers; not part of the public API. */
#ifndef CRM_OUT_IMPL_H
#define CRM_OUT_IMPL_H

#include "crm/out.h"

struct crm_out {
	FILE *fp;
	enum crm_fmt fmt;
	const struct crm_col *cols;
	size_t ncols;
	unsigned flags;
	int width;
	size_t rows;
	void *impl;
	int (*row)(struct crm_out *out, const struct crm_val *vals);
	int (*end)(struct crm_out *out);
};

void crm_out_table_init(struct crm_out *out);
void crm_out_yaml_init(struct crm_out *out);

#endif
