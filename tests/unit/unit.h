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

#endif
