/* The byte source: reads the input, converts it to UTF-8 with iconv when
 * it has another encoding, strips a BOM, and refuses invalid UTF-8 and
 * NUL bytes with the line they are on. */
#include <errno.h>
#include <string.h>

#include "in-impl.h"
#include "crm/i18n.h"
#include "crm/text.h"
#include "crm/banned.h"

static long
count_newlines(const char *s, size_t n)
{
	long k = 0;

	if (n == 0)
		return 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s)));
	    p++)
		k++;
	return k;
}

static int
src_fail(struct crm_src *s, size_t at, struct crm_err *e, const char *why)
{
	long line = s->lines + count_newlines(s->dec.s, at) + 1;

	return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: %s", s->name, line,
	    why);
}

/* Move undecoded bytes through iconv into s->dec. */
static int
src_convert(struct crm_src *s, struct crm_err *e)
{
	char *in = s->raw, *out;
	size_t inleft = s->raw_len, outleft;

	while (inleft > 0) {
		crm_buf_grow(&s->dec, inleft * 4 + 16);
		out = s->dec.s + s->dec.len;
		outleft = s->dec.cap - s->dec.len - 1;
		if (iconv(s->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
			s->dec.len = (size_t)(out - s->dec.s);
			if (errno == E2BIG)
				continue;
			if (errno == EINVAL && !s->eof)
				break;
			memmove(s->raw, in, inleft);
			s->raw_len = inleft;
			s->dec.s[s->dec.len] = '\0';
			return src_fail(s, s->dec.len, e, errno == EINVAL ?
			    _("the input ends inside a character") :
			    _("a byte sequence that is not valid in the "
			    "input's encoding"));
		}
		s->dec.len = (size_t)(out - s->dec.s);
	}
	memmove(s->raw, in, inleft);
	s->raw_len = inleft;
	s->dec.s[s->dec.len] = '\0';
	return 0;
}

static int
src_fill(struct crm_src *s, struct crm_err *e)
{
	size_t n;

	if (s->eof)
		return 0;
	if (s->cd == (iconv_t)-1) {
		crm_buf_grow(&s->dec, CRM_SRC_CHUNK);
		n = fread(s->dec.s + s->dec.len, 1, CRM_SRC_CHUNK, s->fp);
		s->dec.len += n;
		s->dec.s[s->dec.len] = '\0';
	} else {
		n = fread(s->raw + s->raw_len, 1, sizeof(s->raw) - s->raw_len,
		    s->fp);
		s->raw_len += n;
	}
	if (n == 0) {
		if (ferror(s->fp))
			return crm_err_set(e, CRM_EX_IOERR, "cannot read '%s': "
			    "%s", s->name, strerror(errno));
		s->eof = 1;
	}
	return s->cd == (iconv_t)-1 ? 0 : src_convert(s, e);
}

/* Is the tail of buf (from `at`) the start of a longer UTF-8 sequence? */
static int
incomplete_tail(const char *buf, size_t at, size_t len)
{
	unsigned char c = (unsigned char)buf[at];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;

	if (need == 0 || len - at >= need || c > 0xF4)
		return 0;
	for (size_t i = at + 1; i < len; i++)
		if (((unsigned char)buf[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

ssize_t
crm_src_read(struct crm_src *s, char *buf, size_t cap, struct crm_err *e)
{
	size_t valid, n;
	char *nul;

	for (;;) {
		if (!s->bom_checked) {
			if (s->dec.len < 3 && !s->eof) {
				if (src_fill(s, e) < 0)
					return -1;
				continue;
			}
			if (s->dec.len >= 3 &&
			    memcmp(s->dec.s, "\xEF\xBB\xBF", 3) == 0) {
				memmove(s->dec.s, s->dec.s + 3, s->dec.len - 3);
				s->dec.len -= 3;
				s->had_bom = 1;
			}
			s->bom_checked = 1;
		}
		valid = crm_utf8_valid_prefix(s->dec.s, s->dec.len);
		if (valid < s->dec.len && (s->eof ||
		    !incomplete_tail(s->dec.s, valid, s->dec.len)))
			return src_fail(s, valid, e, s->cd == (iconv_t)-1 ?
			    _("not valid UTF-8 (for a file saved by Excel on "
			    "Chinese Windows, use --encoding gbk)") :
			    _("not valid UTF-8 after conversion"));
		if (valid > 0 || s->eof)
			break;
		if (src_fill(s, e) < 0)
			return -1;
	}
	if (valid == 0)
		return 0;
	if ((nul = memchr(s->dec.s, '\0', valid)) != NULL)
		return src_fail(s, (size_t)(nul - s->dec.s), e,
		    _("NUL byte in the input (is it a text file?)"));
	n = valid < cap ? valid : cap;
	while (n > 0 && n < valid &&
	    ((unsigned char)s->dec.s[n] & 0xC0) == 0x80)
		n--;	/* never split a sequence across reads */
	memcpy(buf, s->dec.s, n);
	s->lines += count_newlines(buf, n);
	memmove(s->dec.s, s->dec.s + n, s->dec.len - n);
	s->dec.len -= n;
	s->dec.s[s->dec.len] = '\0';
	return (ssize_t)n;
}

int
crm_lines_next(struct crm_lines *l, struct crm_err *e)
{
	const size_t max_line = 8 * (size_t)CRM_IN_MAX_FIELD;

	crm_buf_reset(&l->line);
	for (;;) {
		char *nl;
		ssize_t got;

		if (l->pos < l->len) {
			size_t avail = l->len - l->pos;

			nl = memchr(l->chunk + l->pos, '\n', avail);
			if (nl != NULL) {
				size_t k = (size_t)(nl - (l->chunk + l->pos));

				crm_buf_add(&l->line, l->chunk + l->pos, k);
				l->pos += k + 1;
				break;
			}
			crm_buf_add(&l->line, l->chunk + l->pos, avail);
			l->pos = l->len;
			if (l->line.len > max_line)
				return crm_err_set(e, CRM_EX_DATAERR,
				    "%s:%ld: line longer than %zu MiB",
				    l->src->name, l->lineno + 1,
				    max_line >> 20);
		}
		got = crm_src_read(l->src, l->chunk, sizeof(l->chunk), e);
		if (got < 0)
			return -1;
		if (got == 0) {
			if (l->line.len == 0)
				return 0;
			break;
		}
		l->len = (size_t)got;
		l->pos = 0;
	}
	if (l->line.len > 0 && l->line.s[l->line.len - 1] == '\r')
		l->line.s[--l->line.len] = '\0';
	l->lineno++;
	if (l->line.s == NULL)
		crm_buf_adds(&l->line, "");
	return 1;
}
