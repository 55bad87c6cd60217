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
/* Marks a text in a context for translation where it is defined (a
 * table of column names), translated where it is used with
 * crm_cgettext. */
#define NC_(ctx, s) (s)
/* The plural form for n: the first for one in English. */
#define P_(one, many, n) ngettext(one, many, n)
/* _() and P_() only when tr is true, else the English text: for a text
 * that is shown to people and also written into data (a reminder's note
 * is words on a terminal, the same words in every csv). */
#define T_(tr, s) ((tr) ? crm_tr(s) : (s))
#define TP_(tr, one, many, n) \
	((tr) ? ngettext(one, many, n) : (n) == 1 ? (one) : (many))

/* Besides the macros above, the format of every function that makes a
 * message is marked (see XGETTEXT in the Makefile): crm_err_set,
 * crm_err_prefix, crm_in_fail, crm_report, crm_usage and crm_note take
 * the English text and say it in the user's language themselves. */

/* gettext, but an empty text stays empty (gettext would give the
 * catalogue's header for it) and NULL stays NULL. */
const char *crm_tr(const char *s);

const char *crm_pgettext(const char *ctx_and_id, const char *id);
/* The translation of id in ctx, both known only at run time: a column
 * header is crm_cgettext("column", "next_followup_at"). */
const char *crm_cgettext(const char *ctx, const char *id);

/* Bind the text domain and take the language from the environment. The
 * folder of the catalogues is $CRM_LOCALEDIR, else locale/ beside the
 * tool's folder when it holds crm's (build/locale for build/bin), else
 * the one crm was built for. */
void crm_i18n_init(void);
/* Speak lang ("zh_CN", "en") from now on; NULL: the usual language
 * again (the environment's, else the fallback). */
void crm_i18n_use(const char *lang);
/* The language when the environment names none (cron, the C locale): a
 * user's own, else ui.lang. NULL or "" for none: English. */
void crm_i18n_fallback(const char *lang);
/* The language spoken now: "zh_CN", "en" ... */
const char *crm_i18n_lang(void);

#endif
