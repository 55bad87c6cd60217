/* The settings registry, shared by lib/setting*.c. */
#ifndef CRM_SETTING_IMPL_H
#define CRM_SETTING_IMPL_H

#include "crm/setting.h"
#include "crm/ytree.h"

struct setting_def {
	struct crm_setting_info info;
	int (*check)(const struct crm_ynode *n, const char *key,
	    struct crm_err *e);
};

extern const struct setting_def crm_setting_defs[];
extern const size_t crm_setting_ndefs;

#endif
