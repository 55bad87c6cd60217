/* A growable byte buffer, always NUL-terminated. The zero value is an
 * empty buffer; crm_buf_free releases it. Allocation failure aborts:
 * the library treats out-of-memory as fatal, like git's xmalloc. */
#ifndef CRM_BUF_H
#define CRM_BUF_H

#include <stddef.h>
#include <stdarg.h>

struct crm_buf {
	char *s;
	size_t len;
	size_t cap;
};

void crm_buf_grow(struct crm_buf *b, size_t extra);
void crm_buf_add(struct crm_buf *b, const void *p, size_t n);
void crm_buf_adds(struct crm_buf *b, const char *s);
void crm_buf_addc(struct crm_buf *b, char c);
void crm_buf_addf(struct crm_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void crm_buf_vaddf(struct crm_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void crm_buf_reset(struct crm_buf *b);
void crm_buf_free(struct crm_buf *b);
/* The contents as a C string, "" for a never-used buffer. */
const char *crm_buf_str(const struct crm_buf *b);
/* Hand the string to the caller (who frees it); b becomes empty. */
char *crm_buf_detach(struct crm_buf *b);

void *crm_xmalloc(size_t n);
void *crm_xcalloc(size_t n, size_t size);
void *crm_xrealloc(void *p, size_t n);
char *crm_xstrdup(const char *s);
char *crm_xstrndup(const char *s, size_t n);

#endif
