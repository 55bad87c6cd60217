#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm/fieldmap.h"
#include "crm/i18n.h"
#include "crm/buf.h"
#include "crm/in.h"
#include "crm/ytree.h"
#include "crm/banned.h"

/* A header's character as names are compared: case aside, and a blank,
 * an underscore and a hyphen alike (Excel's "Order ID" is order_id). */
static int
header_char(unsigned char c)
{
	if (c == ' ' || c == '_' || c == '-')
		return '_';
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compare a header with a name, ignoring case, surrounding blanks and
 * how the words inside are joined. */
static int
header_is(const char *header, const char *name, size_t nlen)
{
	size_t hlen;

	while (*header == ' ' || *header == '\t')
		header++;
	hlen = strlen(header);
	while (hlen > 0 && (header[hlen - 1] == ' ' ||
	    header[hlen - 1] == '\t'))
		hlen--;
	if (hlen != nlen)
		return 0;
	for (size_t i = 0; i < nlen; i++)
		if (header_char((unsigned char)header[i]) !=
		    header_char((unsigned char)name[i]))
			return 0;
	return 1;
}

int
crm_fieldmap_same_header(const char *a, const char *b)
{
	size_t n;

	/* files joined one after another keep each one's BOM */
	if (strncmp(a, "\xef\xbb\xbf", 3) == 0)
		a += 3;
	while (*b == ' ' || *b == '\t')
		b++;
	for (n = strlen(b); n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\t');)
		n--;
	return header_is(a, b, n);
}

static int
def_index(const struct crm_fieldmap *m, const char *name)
{
	for (size_t i = 0; i < m->ndefs; i++)
		if (strcasecmp(m->defs[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
add_user_pair(struct crm_fieldmap *m, const char *field, const char *header,
    struct crm_err *e)
{
	int idx = def_index(m, field);
	char names[512];

	if (idx < 0) {
		crm_fieldmap_names(m, names, sizeof(names));
		return crm_err_set(e, CRM_EX_USAGE, "--map: unknown field '%s' "
		    "(the fields are %s)", field, names);
	}
	/* the reader gives each column one field: the second would be
	 * missing, as if the file had no such column */
	for (size_t i = 0; i < m->nuser; i++)
		if (m->user_to[i] != idx && header_is(header,
		    m->user_from[i], strlen(m->user_from[i])))
			return crm_err_set(e, CRM_EX_USAGE, "--map: the column "
			    "'%s' is already mapped to the field '%s'; a column "
			    "feeds one field (copy it into a second column "
			    "first)", header, m->defs[m->user_to[i]].name);
	m->user_from = crm_xrealloc(m->user_from, (m->nuser + 1) *
	    sizeof(char *));
	m->user_to = crm_xrealloc(m->user_to, (m->nuser + 1) * sizeof(int));
	m->user_from[m->nuser] = crm_xstrdup(header);
	m->user_to[m->nuser++] = idx;
	return 0;
}

static int
load_inline(struct crm_fieldmap *m, const char *spec, struct crm_err *e)
{
	char *copy = crm_xstrdup(spec), *save = NULL, *pair;
	int rc = 0;

	for (pair = strtok_r(copy, ",", &save); pair && rc == 0;
	    pair = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(pair, '=');

		if (eq == NULL || eq == pair || eq[1] == '\0') {
			rc = crm_err_set(e, CRM_EX_USAGE, "--map: '%s' is not "
			    "field=Header", pair);
			break;
		}
		*eq = '\0';
		rc = add_user_pair(m, pair, eq + 1, e);
	}
	free(copy);
	return rc;
}

static int
load_file(struct crm_fieldmap *m, const char *path, struct crm_err *e)
{
	struct crm_ynode *root;
	int rc = 0;

	if (crm_ytree_load(path, &root, e) < 0)
		return -1;
	if (root->type != CRM_Y_MAP) {
		crm_ytree_free(root);
		return crm_err_set(e, CRM_EX_USAGE, "--map %s: expected a "
		    "mapping of field names to column headers", path);
	}
	for (size_t i = 0; i < root->n && rc == 0; i++) {
		const struct crm_ynode *v = root->items[i];

		if (v->type != CRM_Y_SCALAR)
			rc = crm_err_set(e, CRM_EX_USAGE, "%s:%ld: the header "
			    "for '%s' must be text", path, v->line,
			    root->keys[i]);
		else
			rc = add_user_pair(m, root->keys[i], v->s, e);
	}
	crm_ytree_free(root);
	return rc;
}

int
crm_fieldmap_init(struct crm_fieldmap *m, const struct crm_field_def *defs,
    size_t ndefs, const char *user_map, struct crm_err *e)
{
	int fmt;

	memset(m, 0, sizeof(*m));
	m->defs = defs;
	m->ndefs = ndefs;
	if (user_map == NULL || *user_map == '\0')
		return 0;
	fmt = crm_in_guess_format(user_map);
	if ((fmt == CRM_FMT_YAML || fmt == CRM_FMT_JSON) && !strchr(user_map,
	    '=') ? load_file(m, user_map, e) < 0 :
	    load_inline(m, user_map, e) < 0) {
		/* the pairs before the bad one: a caller frees only a map
		 * it got */
		crm_fieldmap_free(m);
		return -1;
	}
	return 0;
}

int
crm_fieldmap_user_pair(const struct crm_fieldmap *m, const char *header)
{
	for (size_t i = 0; i < m->nuser; i++)
		if (header_is(header, m->user_from[i], strlen(m->user_from[i])))
			return (int)i;
	return -1;
}

/* Whether --map gave field f a column: then no other is f by its name. */
static int
mapped(const struct crm_fieldmap *m, size_t f)
{
	for (size_t i = 0; i < m->nuser; i++)
		if (m->user_to[i] == (int)f)
			return 1;
	return 0;
}

int
crm_fieldmap_lookup_sign(const struct crm_fieldmap *m, const char *header,
    int *negated)
{
	int pair = crm_fieldmap_user_pair(m, header);

	*negated = 0;
	if (pair >= 0)
		return m->user_to[pair];
	for (size_t i = 0; i < m->ndefs; i++) {
		if (mapped(m, i))
			continue;
		const char *a = m->defs[i].aliases;

		if (header_is(header, m->defs[i].name, strlen(m->defs[i].name)))
			return (int)i;
		while (a && *a) {
			size_t n = strcspn(a, "|");
			int neg = *a == '!';

			if (header_is(header, a + neg, n - (size_t)neg)) {
				*negated = neg;
				return (int)i;
			}
			a += n + (a[n] == '|');
		}
	}
	return -1;
}

int
crm_fieldmap_lookup(const struct crm_fieldmap *m, const char *header)
{
	int negated;

	return crm_fieldmap_lookup_sign(m, header, &negated);
}

void
crm_fieldmap_names(const struct crm_fieldmap *m, char *out, size_t cap)
{
	struct crm_buf b = { 0 };

	for (size_t i = 0; i < m->ndefs; i++) {
		if (i > 0)
			crm_buf_adds(&b, C_("list", ", "));
		crm_buf_adds(&b, m->defs[i].name);
	}
	snprintf(out, cap, "%s", crm_buf_str(&b));
	crm_buf_free(&b);
}

void
crm_fieldmap_free(struct crm_fieldmap *m)
{
	for (size_t i = 0; i < m->nuser; i++)
		free(m->user_from[i]);
	free(m->user_from);
	free(m->user_to);
	memset(m, 0, sizeof(*m));
}
