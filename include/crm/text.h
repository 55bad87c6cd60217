/* UTF-8 text: strict validation, decoding, and display width that does
 * not depend on the locale (cron runs in the C locale, where wcwidth()
 * gives -1 for every Chinese character). */
#ifndef CRM_TEXT_H
#define CRM_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "crm/buf.h"

/* Length of the longest valid UTF-8 prefix of s[0..len): equal to len
 * when the whole is valid. Overlong forms, surrogates and code points
 * past U+10FFFF are invalid. */
size_t crm_utf8_valid_prefix(const char *s, size_t len);
int crm_utf8_valid(const char *s, size_t len);

/* Decode one code point from valid UTF-8; returns the bytes used (1 for
 * an invalid byte, decoded as U+FFFD). */
int crm_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out; returns the bytes written (1..4). */
int crm_utf8_encode(uint32_t cp, char out[4]);

/* A control character: C0 (below U+0020), DEL, or C1 (U+0080..U+009F,
 * where U+009B is CSI, the one-character ESC [). Input refuses them
 * (but a text's tabs and line ends) and output shows them as '?': the
 * one rule of both, so that no escape sequence reaches a terminal. */
int crm_cp_is_control(uint32_t cp);

/* Columns a code point takes on a terminal: 2 for East Asian wide and
 * full-width characters and emoji, 0 for combining marks and zero-width
 * characters, 1 otherwise. */
int crm_cp_width(uint32_t cp);
/* Columns s takes (control characters count as one). */
size_t crm_text_width(const char *s);
/* Append s to out, cut so that it takes at most `width` columns; a cut
 * text ends in "…". A line end becomes a visible "↵", a tab or carriage
 * return a space, any other control character '?'. Returns the columns
 * appended. */
size_t crm_text_fit(struct crm_buf *out, const char *s, size_t width);

/* Fold for comparison: full-width ASCII to ASCII, the ideographic space
 * to a space, upper case to lower case (ASCII, Latin-1, Greek,
 * Cyrillic). */
uint32_t crm_cp_fold(uint32_t cp);
/* Punctuation, symbols and spaces, ASCII or CJK: dropped from names
 * when they are compared. */
int crm_cp_is_punct_or_space(uint32_t cp);

/* Append s escaped for the text or an attribute value of XML or HTML:
 * & < > " ' as references, control characters (C0 and DEL, which XML
 * 1.0 does not allow, and C1, as crm_cp_is_control says) as spaces, a
 * line end kept when keep_nl. */
void crm_text_escape_xml(struct crm_buf *out, const char *s, int keep_nl);

#endif
