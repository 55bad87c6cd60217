#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "crm/ytree.h"
#include "crm/i18n.h"
#include "crm/in.h"
#include "crm/out.h"
#include "crm/text.h"
#include "crm/banned.h"

struct builder {
	yaml_parser_t p;
	const char *name;
	int depth;
};

static int
fail_at(struct builder *b, long line, struct crm_err *e, const char *why)
{
	return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: %s", b->name, line, why);
}

static int
next(struct builder *b, yaml_event_t *ev, struct crm_err *e)
{
	char why[512];

	if (!yaml_parser_parse(&b->p, ev)) {
		/* libyaml's words in the user's (lib/yaml-words.c) */
		snprintf(why, sizeof(why), _("yaml: %s"),
		    b->p.problem ? crm_tr(b->p.problem) : _("syntax error"));
		return fail_at(b, (long)b->p.problem_mark.line + 1, e, why);
	}
	if (ev->type == YAML_ALIAS_EVENT ||
	    (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.anchor) ||
	    (ev->type == YAML_SEQUENCE_START_EVENT &&
	    ev->data.sequence_start.anchor) ||
	    (ev->type == YAML_MAPPING_START_EVENT &&
	    ev->data.mapping_start.anchor)) {
		long line = (long)ev->start_mark.line + 1;

		yaml_event_delete(ev);
		return fail_at(b, line, e, _("yaml anchors and aliases are "
		    "not supported"));
	}
	return 0;
}

static struct crm_ynode *
node_new(enum crm_ytype type, long line)
{
	struct crm_ynode *n = crm_xcalloc(1, sizeof(*n));

	n->type = type;
	n->line = line;
	return n;
}

static void
node_push(struct crm_ynode *n, char *key, struct crm_ynode *item)
{
	n->items = crm_xrealloc(n->items, (n->n + 1) * sizeof(*n->items));
	if (n->type == CRM_Y_MAP)
		n->keys = crm_xrealloc(n->keys, (n->n + 1) * sizeof(char *));
	n->items[n->n] = item;
	if (n->type == CRM_Y_MAP)
		n->keys[n->n] = key;
	n->n++;
}

static int build(struct builder *b, yaml_event_t *ev, struct crm_ynode **out,
    struct crm_err *e);

static int
build_children(struct builder *b, struct crm_ynode *n, struct crm_err *e)
{
	yaml_event_t ev;

	for (;;) {
		struct crm_ynode *child, *key = NULL;

		if (next(b, &ev, e) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (n->type == CRM_Y_MAP) {
			if (build(b, &ev, &key, e) < 0)
				return -1;
			if (key->type != CRM_Y_SCALAR) {
				long line = key->line;

				crm_ytree_free(key);
				return fail_at(b, line, e, _("a key must be "
				    "plain text"));
			}
			if (crm_ytree_get(n, key->s) != NULL) {
				char why[256];
				long kline = key->line;

				snprintf(why, sizeof(why), _("key '%.200s' "
				    "appears twice"), key->s);
				crm_ytree_free(key);
				return fail_at(b, kline, e, why);
			}
			if (next(b, &ev, e) < 0) {
				crm_ytree_free(key);
				return -1;
			}
		}
		if (build(b, &ev, &child, e) < 0) {
			crm_ytree_free(key);
			return -1;
		}
		node_push(n, key ? crm_xstrdup(key->s) : NULL, child);
		crm_ytree_free(key);
	}
}

/* Build the node that starts with ev (which this consumes). */
static int
build(struct builder *b, yaml_event_t *ev, struct crm_ynode **out,
    struct crm_err *e)
{
	long line = (long)ev->start_mark.line + 1;
	struct crm_ynode *n;
	int rc = 0;

	*out = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		const char *v = (const char *)ev->data.scalar.value;
		int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;

		if (plain && (*v == '\0' || strcmp(v, "~") == 0 ||
		    strcasecmp(v, "null") == 0)) {
			n = node_new(CRM_Y_NULL, line);
		} else {
			n = node_new(CRM_Y_SCALAR, line);
			n->s = crm_xstrndup(v, ev->data.scalar.length);
			n->quoted = !plain;
		}
		yaml_event_delete(ev);
		*out = n;
		return 0;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		n = node_new(ev->type == YAML_MAPPING_START_EVENT ? CRM_Y_MAP :
		    CRM_Y_SEQ, line);
		yaml_event_delete(ev);
		if (++b->depth > CRM_IN_MAX_DEPTH) {
			crm_ytree_free(n);
			return fail_at(b, line, e, _("nested deeper than 64 "
			    "levels"));
		}
		rc = build_children(b, n, e);
		b->depth--;
		if (rc < 0) {
			crm_ytree_free(n);
			return -1;
		}
		*out = n;
		return 0;
	default:
		yaml_event_delete(ev);
		return fail_at(b, line, e, _("yaml: unexpected structure"));
	}
}

int
crm_ytree_parse(const char *text, size_t len, const char *name,
    struct crm_ynode **out, struct crm_err *e)
{
	struct builder b = { .name = name };
	yaml_event_t ev;
	int rc = -1;

	*out = NULL;
	if (len > CRM_IN_MAX_FIELD)
		return crm_err_set(e, CRM_EX_DATAERR, "%s: longer than 1 MiB",
		    name);
	if (!crm_utf8_valid(text, len))
		return crm_err_set(e, CRM_EX_DATAERR, "%s: not valid UTF-8",
		    name);
	yaml_parser_initialize(&b.p);
	yaml_parser_set_input_string(&b.p, (const unsigned char *)text, len);
	for (;;) {
		if (next(&b, &ev, e) < 0)
			goto out;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_STREAM_START_EVENT ||
		    ev.type == YAML_DOCUMENT_START_EVENT ||
		    ev.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (*out != NULL) {
			/* a second node after the first: not one value */
			yaml_event_delete(&ev);
			crm_err_set(e, CRM_EX_DATAERR, "%s: more than one "
			    "value", name);
			goto out;
		}
		if (build(&b, &ev, out, e) < 0)
			goto out;
	}
	if (*out == NULL)
		*out = node_new(CRM_Y_NULL, 1);
	rc = 0;
out:
	yaml_parser_delete(&b.p);
	if (rc < 0) {
		/* what was built before the error is the caller's no more */
		crm_ytree_free(*out);
		*out = NULL;
	}
	return rc;
}

int
crm_ytree_load(const char *path, struct crm_ynode **out, struct crm_err *e)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct crm_buf text = { 0 };
	char chunk[8192];
	size_t n;
	int rc;

	if (fp == NULL)
		return crm_err_set(e, errno == ENOENT ? CRM_EX_NOINPUT :
		    CRM_EX_IOERR, "cannot open '%s': %s", path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0 &&
	    text.len <= CRM_IN_MAX_FIELD)
		crm_buf_add(&text, chunk, n);
	if (fp != stdin)
		fclose(fp);
	rc = crm_ytree_parse(crm_buf_str(&text), text.len, path, out, e);
	crm_buf_free(&text);
	return rc;
}

void
crm_ytree_free(struct crm_ynode *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->n; i++) {
		crm_ytree_free(n->items[i]);
		if (n->keys)
			free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->s);
	free(n);
}

const struct crm_ynode *
crm_ytree_get(const struct crm_ynode *map, const char *key)
{
	if (map == NULL || map->type != CRM_Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

int
crm_ytree_int(const struct crm_ynode *n, long long *v)
{
	char *end;

	if (n == NULL || n->type != CRM_Y_SCALAR || n->quoted || n->s[0] == 0)
		return 0;
	errno = 0;
	*v = strtoll(n->s, &end, 10);
	return *end == '\0' && errno == 0;
}

int
crm_ytree_bool(const struct crm_ynode *n, int *v)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };

	if (n == NULL || n->type != CRM_Y_SCALAR || n->quoted)
		return 0;
	for (size_t i = 0; i < 3; i++) {
		if (strcasecmp(n->s, yes[i]) == 0)
			return *v = 1, 1;
		if (strcasecmp(n->s, no[i]) == 0)
			return *v = 0, 1;
	}
	return 0;
}

static void
json_str(struct crm_buf *out, const char *s)
{
	crm_json_quote(out, s, strlen(s));
}

void
crm_ytree_json(const struct crm_ynode *n, struct crm_buf *out)
{
	long long iv;
	int bv;

	switch (n->type) {
	case CRM_Y_NULL:
		crm_buf_adds(out, "null");
		break;
	case CRM_Y_SCALAR:
		if (crm_ytree_int(n, &iv))
			crm_buf_addf(out, "%lld", iv);
		else if (crm_ytree_bool(n, &bv))
			crm_buf_adds(out, bv ? "true" : "false");
		else
			json_str(out, n->s);
		break;
	case CRM_Y_SEQ:
	case CRM_Y_MAP:
		crm_buf_addc(out, n->type == CRM_Y_MAP ? '{' : '[');
		for (size_t i = 0; i < n->n; i++) {
			if (i > 0)
				crm_buf_addc(out, ',');
			if (n->type == CRM_Y_MAP) {
				json_str(out, n->keys[i]);
				crm_buf_addc(out, ':');
			}
			crm_ytree_json(n->items[i], out);
		}
		crm_buf_addc(out, n->type == CRM_Y_MAP ? '}' : ']');
		break;
	}
}

/* Would this text, written plain, not read back as the same text? */
static int
plain_unsafe(const char *s)
{
	size_t len = strlen(s);

	return len == 0 || strpbrk(s, ",[]{}#&*!|>'\"%@`\n\t\r") != NULL ||
	    strstr(s, ": ") != NULL || s[len - 1] == ':' ||
	    strchr("-?: ", s[0]) != NULL || s[len - 1] == ' ';
}

/* Would this text, written plain, read back as a number, a boolean or
 * null? */
static int
looks_typed(const char *s)
{
	static const char *const words[] = { "null", "~", "true", "false",
		"yes", "no", "on", "off" };
	char *end;

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	(void)strtod(s, &end);
	return end != s && *end == '\0';
}

static int
flow_needs_quotes(const struct crm_ynode *n)
{
	long long v;

	if (!n->quoted && crm_ytree_int(n, &v))
		return 0;
	return plain_unsafe(n->s) || (n->quoted && looks_typed(n->s));
}

void
crm_ytree_flow(const struct crm_ynode *n, struct crm_buf *out)
{
	switch (n->type) {
	case CRM_Y_NULL:
		crm_buf_adds(out, "null");
		break;
	case CRM_Y_SCALAR:
		if (flow_needs_quotes(n))
			json_str(out, n->s);
		else
			crm_buf_adds(out, n->s);
		break;
	case CRM_Y_SEQ:
	case CRM_Y_MAP:
		crm_buf_addc(out, n->type == CRM_Y_MAP ? '{' : '[');
		for (size_t i = 0; i < n->n; i++) {
			if (i > 0)
				crm_buf_adds(out, ", ");
			if (n->type == CRM_Y_MAP) {
				struct crm_ynode k = { .type = CRM_Y_SCALAR,
					.s = n->keys[i] };

				crm_ytree_flow(&k, out);
				crm_buf_adds(out, ": ");
			}
			crm_ytree_flow(n->items[i], out);
		}
		crm_buf_addc(out, n->type == CRM_Y_MAP ? '}' : ']');
		break;
	}
}

static int
write_handler(void *data, unsigned char *buf, size_t size)
{
	return fwrite(buf, 1, size, (FILE *)data) == size;
}

static int
emit_node(yaml_emitter_t *em, const struct crm_ynode *n)
{
	yaml_event_t ev;
	int ok = 1;

	switch (n->type) {
	case CRM_Y_NULL:
		yaml_scalar_event_initialize(&ev, NULL, NULL,
		    (yaml_char_t *)"null", 4, 1, 1, YAML_PLAIN_SCALAR_STYLE);
		return yaml_emitter_emit(em, &ev);
	case CRM_Y_SCALAR:
		yaml_scalar_event_initialize(&ev, NULL, NULL,
		    (yaml_char_t *)n->s, (int)strlen(n->s), 1, 1,
		    n->quoted && looks_typed(n->s) ?
		    YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
		return yaml_emitter_emit(em, &ev);
	case CRM_Y_SEQ:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_FLOW_SEQUENCE_STYLE);
		break;
	case CRM_Y_MAP:
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_FLOW_MAPPING_STYLE);
		break;
	}
	ok = yaml_emitter_emit(em, &ev);
	for (size_t i = 0; ok && i < n->n; i++) {
		if (n->type == CRM_Y_MAP) {
			struct crm_ynode k = { .type = CRM_Y_SCALAR,
				.s = n->keys[i] };

			ok = emit_node(em, &k);
		}
		ok = ok && emit_node(em, n->items[i]);
	}
	if (n->type == CRM_Y_MAP)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	return ok && yaml_emitter_emit(em, &ev);
}

int
crm_ytree_emit_map(FILE *fp, const char *const *keys,
    const struct crm_ynode *const *vals, size_t n, struct crm_err *e)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	int ok;

	yaml_emitter_initialize(&em);
	yaml_emitter_set_output(&em, write_handler, fp);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	ok = yaml_emitter_emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	ok = ok && yaml_emitter_emit(&em, &ev);
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	ok = ok && yaml_emitter_emit(&em, &ev);
	for (size_t i = 0; ok && i < n; i++) {
		struct crm_ynode k = { .type = CRM_Y_SCALAR,
			.s = (char *)keys[i] };

		ok = emit_node(&em, &k) && emit_node(&em, vals[i]);
	}
	yaml_mapping_end_event_initialize(&ev);
	ok = ok && yaml_emitter_emit(&em, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	ok = ok && yaml_emitter_emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	ok = ok && yaml_emitter_emit(&em, &ev) && yaml_emitter_flush(&em);
	yaml_emitter_delete(&em);
	return ok ? 0 : crm_err_set(e, CRM_EX_IOERR, "cannot write yaml: %s",
	    strerror(errno));
}
