#include <stdio.h>
#include <string.h>

#include "crm/err.h"
#include "crm/i18n.h"
#include "crm/banned.h"

int
crm_err_vset(struct crm_err *e, int code, const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	e->code = code;
	/* every message is said in the user's language where it is made */
	vsnprintf(e->msg, sizeof(e->msg), crm_tr(fmt), ap);
	return -1;
}

int
crm_err_set(struct crm_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	crm_err_vset(e, code, fmt, ap);
	va_end(ap);
	return -1;
}

int
crm_err_prefix(struct crm_err *e, const char *fmt, ...)
{
	char head[CRM_ERR_MAX], old[CRM_ERR_MAX];
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), crm_tr(fmt), ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	/* TRANSLATORS: what a message is about, then the message */
	snprintf(e->msg, sizeof(e->msg), _("%.400s: %.600s"), head, old);
	return -1;
}

void
crm_err_clear(struct crm_err *e)
{
	if (e == NULL)
		return;
	e->code = 0;
	e->msg[0] = '\0';
}

int
crm_err_option(struct crm_err *e, const char *opt)
{
	if (e == NULL)
		return -1;
	e->code = CRM_EX_USAGE;
	return crm_err_prefix(e, "%s", opt);
}
