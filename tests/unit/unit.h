/* What every cmocka test file includes. */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crm/dbinit.h"

/* Remove a test's scratch folder (made by mkdtemp) and what is in it. */
static inline int
unit_remove_dir(const char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* Run the tests as TAP, for prove. */
#define RUN(tests) (cmocka_set_message_output(CM_OUTPUT_TAP), \
	cmocka_run_group_tests(tests, NULL, NULL))

/* A crm database made by "boss" at the tests' fixed clock, in a new
 * folder dir (a mkdtemp template); path (of size n) gets its name. */
static inline int
unit_db_make(char *dir, char *path, size_t n)
{
	struct crm_err e = { 0 };

	setenv("CRM_NOW", "2026-11-24T09:00:00", 1);
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, n, "%s/crm.db", dir);
	return crm_init_database(path, "boss", "The Boss", "test init", NULL,
	    &e);
}

/* Remove the folder of unit_db_make. */
static inline int
unit_db_remove(const char *dir)
{
	return unit_remove_dir(dir);
}

#endif
