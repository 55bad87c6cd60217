/* Exit codes: the sysexits(3) values of design/cli.md, in one table.
 * Cron scripts tell "retry later" (75) from "fix your file" (65) from
 * "a bug" (70) by these numbers alone, so every error carries one. */
#ifndef CRM_EXIT_H
#define CRM_EXIT_H

enum crm_exit {
	CRM_EX_OK = 0,
	CRM_EX_FOUND = 1,	/* a check verb found something, like grep */
	CRM_EX_USAGE = 64,	/* bad options or arguments */
	CRM_EX_DATAERR = 65,	/* bad input data, illegal state change */
	CRM_EX_NOINPUT = 66,	/* input file or database missing */
	CRM_EX_UNAVAILABLE = 69, /* schema too old/new, program missing */
	CRM_EX_SOFTWARE = 70,	/* internal error */
	CRM_EX_CANTCREAT = 73,	/* cannot create an output file */
	CRM_EX_IOERR = 74,	/* read/write error */
	CRM_EX_TEMPFAIL = 75,	/* busy, or the same job already runs */
	CRM_EX_NOPERM = 77,	/* the acting user may not do this */
	CRM_EX_CONFIG = 78	/* bad configuration or settings */
};

#endif
