/* The language of messages: gettext, told which language by crm, so
 * that the C locale of cron and a machine without generated locales
 * still get Chinese when it is asked for. */
#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm/i18n.h"
#include "crm/banned.h"

#ifndef CRM_LOCALEDIR
#define CRM_LOCALEDIR "/usr/local/share/locale"
#endif

static char env_lang[64];	/* the environment's language */
static char fallback[64];	/* when the environment names none */
static char cur_lang[64];	/* the one spoken now */

const char *
crm_tr(const char *s)
{
	return s && *s ? gettext(s) : s;
}

const char *
crm_pgettext(const char *ctx_and_id, const char *id)
{
	const char *t = gettext(ctx_and_id);

	return t == ctx_and_id ? id : t;
}

const char *
crm_cgettext(const char *ctx, const char *id)
{
	char key[256];
	const char *t;

	if (snprintf(key, sizeof(key), "%s\004%s", ctx, id) >=
	    (int)sizeof(key))
		return id;
	t = gettext(key);
	return t == key ? id : t;
}

/* The language of a locale name: "zh_CN.UTF-8" -> "zh_CN"; "C",
 * "POSIX" and "" -> "". */
static void
lang_of(const char *locale, char *out, size_t cap)
{
	size_t n = strcspn(locale, ".@:");

	if (n >= cap || (n == 1 && locale[0] == 'C') ||
	    strncmp(locale, "POSIX", n) == 0 || strncmp(locale, "C.", 2) == 0)
		n = 0;
	memcpy(out, locale, n);
	out[n] = '\0';
}

/* Does dir hold a catalogue of crm's, in any language? */
static int
has_catalogue(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char mo[PATH_MAX];
	int found = 0;

	while (d && !found && (de = readdir(d)) != NULL)
		found = de->d_name[0] != '.' &&
		    snprintf(mo, sizeof(mo), "%s/%s/LC_MESSAGES/crm.mo", dir,
		    de->d_name) < (int)sizeof(mo) && access(mo, R_OK) == 0;
	if (d)
		closedir(d);
	return found;
}

/* The folder of the catalogues: $CRM_LOCALEDIR; else, for a tool run
 * from where make built it (build/bin), build/locale beside it, so that
 * a clone speaks Chinese before `make install` and with its own
 * messages, not those of an older install; else the install prefix's.
 * An installed tool has no locale/ beside bin/ (PREFIX/share/locale). */
static const char *
catalogues(char *buf, size_t cap)
{
	const char *dir = getenv("CRM_LOCALEDIR");
	ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
	char *slash;

	if (dir && *dir)
		return dir;
	if (n <= 0 || (size_t)n >= cap - sizeof("/locale"))
		return CRM_LOCALEDIR;
	buf[n] = '\0';
	for (int up = 0; up < 2; up++)	/* ROOT/bin/crm -> ROOT */
		if ((slash = strrchr(buf, '/')) != NULL)
			*slash = '\0';
	if (slash == NULL)
		return CRM_LOCALEDIR;
	memcpy(buf + strlen(buf), "/locale", sizeof("/locale"));
	return has_catalogue(buf) ? buf : CRM_LOCALEDIR;
}

/* English is the messages as written: the C locale's gettext gives
 * them back without looking for a catalogue (the folder scan and three
 * failed opens on every command, cron's included). Another language
 * binds crm's catalogues the first time it is spoken, in C.UTF-8: the C
 * locale would make gettext ignore LANGUAGE, C.UTF-8 does not, and it
 * is there on every machine. */
static void
speak(const char *lang)
{
	static int bound;
	char dir[PATH_MAX];
	int english = *lang == '\0' || (strncmp(lang, "en", 2) == 0 &&
	    (lang[2] == '\0' || lang[2] == '_'));

	snprintf(cur_lang, sizeof(cur_lang), "%s", *lang ? lang : "en");
	if (english)
		unsetenv("LANGUAGE");
	else
		setenv("LANGUAGE", lang, 1);
	setlocale(LC_MESSAGES, english ? "C" : "C.UTF-8");
	if (!english && !bound++) {
		/* the C locale's charset would make the C library's own
		 * messages (strerror) question marks */
		setlocale(LC_CTYPE, "C.UTF-8");
		bindtextdomain("crm", catalogues(dir, sizeof(dir)));
		bind_textdomain_codeset("crm", "UTF-8");
	}
	/* a new textdomain call makes gettext look at LANGUAGE again */
	textdomain("crm");
}

void
crm_i18n_init(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL",
		"LC_MESSAGES", "LANG" };
	static int done;

	/* once: the option tables that need it are made before the tool's
	 * main calls it */
	if (done++)
		return;
	/* No LC_CTYPE in English: data is UTF-8 whatever the locale, crm
	 * measures and cuts it itself (no wide-character function
	 * anywhere); another language sets it (speak). Setting it read the
	 * locale archive and the converters' cache on every command. */
	env_lang[0] = '\0';
	for (size_t i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v) {
			lang_of(v, env_lang, sizeof(env_lang));
			break;
		}
	}
	speak(env_lang);
}

void
crm_i18n_use(const char *lang)
{
	char l[64];

	if (lang == NULL) {
		speak(env_lang[0] ? env_lang : fallback);
		return;
	}
	lang_of(lang, l, sizeof(l));
	speak(l);
}

void
crm_i18n_fallback(const char *lang)
{
	lang_of(lang ? lang : "", fallback, sizeof(fallback));
	if (env_lang[0] == '\0')
		speak(fallback);
}

const char *
crm_i18n_lang(void)
{
	return cur_lang[0] ? cur_lang : "en";
}
