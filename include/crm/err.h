/* Errors: the library never prints and never exits; it fills a
 * struct crm_err with a message (in the form of design/cli.md, without
 * the program name) and an exit code, and returns -1. cmd/ reports it. */
#ifndef CRM_ERR_H
#define CRM_ERR_H

#include <stdarg.h>
#include "crm/exit.h"

#define CRM_ERR_MAX 1024

struct crm_err {
	int code;		/* enum crm_exit; 0 when no error is set */
	char msg[CRM_ERR_MAX];	/* lower case, no full stop */
};

/* Set *e (which may be NULL) and return -1, so a caller can write
 * `return crm_err_set(e, CRM_EX_DATAERR, "...", ...);`. */
int crm_err_set(struct crm_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int crm_err_vset(struct crm_err *e, int code, const char *fmt, va_list ap);

/* Put `prefix: ` in front of the message already in *e; returns -1. */
int crm_err_prefix(struct crm_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The value the option opt was given is bad: the message in *e becomes
 * about opt and the exit code a usage error (64); returns -1. */
int crm_err_option(struct crm_err *e, const char *opt);

void crm_err_clear(struct crm_err *e);

#endif
