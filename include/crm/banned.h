/* Functions we do not use: unbounded copies, non-reentrant time
 * conversions, and the clock outside lib/clock.c. Include this last. */
#ifndef CRM_BANNED_H
#define CRM_BANNED_H

#define CRM_BANNED(func) sorry_##func##_is_banned

#undef strcpy
#define strcpy(x, y) CRM_BANNED(strcpy)
#undef strcat
#define strcat(x, y) CRM_BANNED(strcat)
#undef sprintf
#define sprintf(...) CRM_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CRM_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) CRM_BANNED(strtok)
#undef gmtime
#define gmtime(x) CRM_BANNED(gmtime)
#undef localtime
#define localtime(x) CRM_BANNED(localtime)
#undef ctime
#define ctime(x) CRM_BANNED(ctime)
#undef asctime
#define asctime(x) CRM_BANNED(asctime)
#undef gets
#define gets(x) CRM_BANNED(gets)

#endif
