/* Printable documents (a quote, next a shipment note or a statement): a
 * title, a header of label and value pairs, a table of lines, a block of
 * totals and closing paragraphs, written as plain text for a terminal or
 * mail, or as one self-contained HTML page (inline CSS, no scripts, every
 * text escaped) that prints well to PDF.
 *
 * The caller gives every text already in the reader's language and
 * formatted (money by crm/money.h); the writers only lay them out, by
 * display width (crm/text.h), so that Chinese names line up. The output
 * depends on nothing but the document: the same data, the same bytes. */
#ifndef CRM_DOC_H
#define CRM_DOC_H

#include <stddef.h>
#include "crm/buf.h"

enum crm_doc_fmt { CRM_DOC_NONE, CRM_DOC_TEXT, CRM_DOC_HTML };
enum crm_doc_align { CRM_DOC_LEFT, CRM_DOC_RIGHT };

struct crm_doc_col {
	const char *label;
	enum crm_doc_align align;
};

struct crm_doc;

/* "text" or "html": 0 and *fmt; -1 for any other name. */
int crm_doc_fmt_parse(const char *name, enum crm_doc_fmt *fmt);

/* A new document: its heading, the page's title (NULL: the heading) and
 * its language ("zh_CN", "en": the page's lang). Every text given to a
 * document is copied. */
struct crm_doc *crm_doc_new(const char *heading, const char *title,
    const char *lang);
void crm_doc_free(struct crm_doc *d);

/* A line of the header; a NULL or empty value leaves it out. */
void crm_doc_field(struct crm_doc *d, const char *label, const char *value);
/* A new table under a caption (NULL: none), for a document of several
 * (a statement's); its columns and rows follow. */
void crm_doc_table(struct crm_doc *d, const char *caption);
/* The table's columns (once a table, before its rows: columns after
 * rows start another table), then its rows of ncols cells each (NULL:
 * empty). */
void crm_doc_columns(struct crm_doc *d, const struct crm_doc_col *cols,
    size_t ncols);
void crm_doc_row(struct crm_doc *d, const char *const *cells);
/* A line of the totals under the table; the grand total is strong. */
void crm_doc_total(struct crm_doc *d, const char *label, const char *value,
    int strong);
/* A paragraph after the totals (it may hold line ends). */
void crm_doc_para(struct crm_doc *d, const char *text);

/* Append the document to out as fmt (CRM_DOC_TEXT or CRM_DOC_HTML). */
void crm_doc_render(const struct crm_doc *d, enum crm_doc_fmt fmt,
    struct crm_buf *out);

#endif
