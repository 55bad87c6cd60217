/* For the tests on a real database: one made by crm init (its admin
 * "boss") in a scratch folder, removed after the group; the clock
 * fixed. */
#ifndef UNIT_DB_H
#define UNIT_DB_H

#include "unit.h"

static char dir[] = "/tmp/crm-unit-XXXXXX";
static char path[256];

static int
db_setup(void **state)
{
	(void)state;
	return unit_db_make(dir, path, sizeof(path));
}

static int
db_teardown(void **state)
{
	(void)state;
	return unit_db_remove(dir);
}

/* Run the tests as TAP, on the database. */
#define RUN_DB(tests) (cmocka_set_message_output(CM_OUTPUT_TAP), \
	cmocka_run_group_tests(tests, db_setup, db_teardown))

#endif
