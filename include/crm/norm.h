/* Normalized forms for duplicate checks, and validation of phones and
 * email addresses (data.md). */
#ifndef CRM_NORM_H
#define CRM_NORM_H

#include "crm/buf.h"
#include "crm/err.h"

/* Append the comparison form of a name to out: case-folded, full-width
 * folded to half-width, spaces and punctuation (ASCII and CJK) dropped.
 * "ACME, Inc." and "ａｃｍｅ inc" both give "acmeinc". */
void crm_norm_name(const char *name, struct crm_buf *out);
/* The same as the maker of a name's duplicate key (struct crm_key,
 * crm/entity.h): 0, or -1 when the name has no letters or digits. */
int crm_norm_name_key(const char *name, struct crm_buf *out);

/* Append the core of a company name, for near-duplicate checks: the
 * name folded as above, without text in parentheses, without trailing
 * company suffixes (有限公司, 有限责任公司, 股份有限公司, 集团, 公司,
 * Inc, Ltd, Co, Corp, LLC, ...) and without one leading province or
 * city (北京, 广东省, 深圳市, ...). "深圳市华为技术有限公司" and
 * "华为技术(深圳)有限公司" both give "华为技术". */
void crm_norm_core(const char *name, struct crm_buf *out);

/* Validate a phone number and append its normalized form, its
 * duplicate key, to out: the digits of the number as it is dialled in
 * mainland China, an extension as "x" and its digits. A mainland number
 * written with +86, 0086 or 86 is its domestic form (+86 21 1234 5678
 * is 02112345678, 86-138-0013-8000 is 13800138000); another country's
 * is 00, its country code and the rest (+1 415 555 0100 is
 * 0014155550100); a number without a country code is taken as it is.
 * Full-width characters are folded first. Accepts digits, spaces, -, .,
 * parentheses, a leading + and a "(0)" after the country code, 5 to 15
 * digits (with a country code, without its 00), and an extension ("ext
 * 12", "x12", "#12", "转 8001", "分机 8001", or "-801" after a whole
 * mainland landline or mobile number). An 11-digit mainland number
 * starting with 1 (a mobile) must start 13 to 19. Scientific notation,
 * as Excel writes a long number, gets its own message. Exit code 65. */
int crm_phone_check(const char *phone, struct crm_buf *out,
    struct crm_err *e);

/* Is s ASCII only (what crm_norm_width leaves as it is)? */
int crm_norm_ascii(const char *s);
/* Append s to out with full-width ASCII folded to ASCII and the
 * ideographic space to a space ("１３８＠" -> "138@"); nothing else
 * changes. */
void crm_norm_width(const char *s, struct crm_buf *out);

/* Validate an email address: one @, a local part without spaces, a
 * domain of dot-separated labels ending in a top-level domain of two or
 * more letters. Exit code 65. */
int crm_email_check(const char *email, struct crm_err *e);

#endif
