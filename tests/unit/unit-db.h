/* For the tests on a real database: one made by crm init (its admin
 * "boss") in a scratch folder, removed after the group; the clock
 * fixed. */
#ifndef UNIT_DB_H
#define UNIT_DB_H

#include <unistd.h>

#include "unit.h"
#include "crm/dbinit.h"

static char dir[] = "/tmp/crm-unit-XXXXXX";
static char path[256];

static int
db_setup(void **state)
{
	struct crm_err e = { 0 };

	(void)state;
	setenv("CRM_NOW", "2026-11-24T09:00:00", 1);
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/crm.db", dir);
	return crm_init_database(path, "boss", "The Boss", "test init", NULL,
	    &e);
}

static int
db_teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

/* Run the tests as TAP, on the database. */
#define RUN_DB(tests) (cmocka_set_message_output(CM_OUTPUT_TAP), \
	cmocka_run_group_tests(tests, db_setup, db_teardown))

#endif
