/* Messages in the user's language (GNU gettext, text domain "crm"):
 * errors, summaries, --help, reminders, mail and the table view's
 * headers. csv, tsv, yaml and json never change with the language.
 *
 * The language comes from the environment as usual (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG) — also in the C locale cron runs in, and without a
 * generated locale: crm reads the variables itself and asks gettext for
 * that language. Where there is no terminal user (mail), a user's own
 * `lang`, else the setting ui.lang, decides (crm_i18n_use). */
#ifndef CRM_I18N_H
#define CRM_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A text in a context (a column header is "column"): C_("column", "name"). */
#define C_(ctx, s) crm_pgettext(ctx "\004" s, s)
/* The plural form for n: the first for one in English. */
#define P_(one, many, n) ngettext(one, many, n)

const char *crm_pgettext(const char *ctx_and_id, const char *id);

/* Bind the text domain and take the language from the environment. The
 * folder of the catalogues is $CRM_LOCALEDIR, else the one crm was
 * built for. */
void crm_i18n_init(void);
/* Speak lang ("zh_CN", "en") from now on; NULL: the environment's
 * again. */
void crm_i18n_use(const char *lang);
/* The language spoken now: "zh_CN", "en" ... */
const char *crm_i18n_lang(void);

#endif
