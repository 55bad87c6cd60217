/* The yaml and json reader, on libyaml's event parser: a sequence of
 * mappings (or one mapping) of plain values and lists of plain values.
 * Aliases and anchors are refused (they make a small file expand into a
 * huge one), nesting past 64 levels is refused, and a value over 1 MiB
 * is refused before libyaml buffers more of it. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "in-impl.h"
#include "crm/i18n.h"
#include "crm/banned.h"

struct yaml_state {
	yaml_parser_t parser;
	struct crm_in *in;
	struct crm_err *err;
	char stage[CRM_SRC_CHUNK];
	size_t stage_len, stage_pos;
	size_t since_event;
	int src_failed;
	int overflow;
	int depth;
	int in_top_seq;
	int done;
	long line_base;		/* added to libyaml's 0-based lines */
	int one_line;		/* jsonl: every message names line_base */
};

static int
read_handler(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct yaml_state *st = data;

	if (st->stage_pos == st->stage_len) {
		ssize_t n = crm_src_read(&st->in->src, st->stage,
		    sizeof(st->stage), st->err);

		if (n < 0) {
			st->src_failed = 1;
			return 0;
		}
		st->stage_len = (size_t)n;
		st->stage_pos = 0;
	}
	*got = st->stage_len - st->stage_pos;
	if (*got > size)
		*got = size;
	if (st->since_event + *got > CRM_IN_MAX_FIELD + CRM_SRC_CHUNK) {
		st->overflow = 1;
		return 0;
	}
	memcpy(buf, st->stage + st->stage_pos, *got);
	st->stage_pos += *got;
	st->since_event += *got;
	return 1;
}

static long
event_line(const struct yaml_state *st, const yaml_event_t *ev)
{
	return st->line_base + (st->one_line ? 0 : (long)ev->start_mark.line);
}

static long
mark_line(const struct yaml_state *st, const yaml_mark_t *m)
{
	return st->line_base + (st->one_line ? 0 : (long)m->line);
}

static int
parse_failed(struct yaml_state *st, struct crm_err *e)
{
	yaml_parser_t *p = &st->parser;
	const char *problem;

	if (st->src_failed)
		return -1;
	if (st->overflow)
		return crm_in_fail(st->in, mark_line(st, &p->mark), e,
		    "value longer than 1 MiB");
	/* libyaml's words in the user's language (lib/yaml-words.c) */
	problem = p->problem ? crm_tr(p->problem) : _("syntax error");
	if (p->context == NULL)
		return crm_in_fail(st->in, mark_line(st, &p->problem_mark), e,
		    "yaml: %s", problem);
	return crm_in_fail(st->in, mark_line(st, &p->problem_mark), e,
	    "yaml: %s %s", problem, crm_tr(p->context));
}

static const yaml_char_t *
event_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT: return ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT: return ev->data.mapping_start.anchor;
	default: return NULL;
	}
}

/* The next event, checked for what the reader refuses in any place. */
static int
next_event(struct yaml_state *st, yaml_event_t *ev, struct crm_err *e)
{
	if (!yaml_parser_parse(&st->parser, ev))
		return parse_failed(st, e);
	st->since_event = 0;
	if (ev->type == YAML_ALIAS_EVENT || event_anchor(ev) != NULL) {
		long line = event_line(st, ev);

		yaml_event_delete(ev);
		return crm_in_fail(st->in, line, e, "yaml anchors and aliases "
		    "are not supported");
	}
	if (ev->type == YAML_SEQUENCE_START_EVENT ||
	    ev->type == YAML_MAPPING_START_EVENT) {
		if (++st->depth > CRM_IN_MAX_DEPTH) {
			long line = event_line(st, ev);

			yaml_event_delete(ev);
			return crm_in_fail(st->in, line, e, "nested deeper "
			    "than %d levels", CRM_IN_MAX_DEPTH);
		}
	} else if (ev->type == YAML_SEQUENCE_END_EVENT ||
	    ev->type == YAML_MAPPING_END_EVENT) {
		st->depth--;
	}
	return 0;
}

static int
scalar_is_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.length == 0)
		return 1;
	return ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

static int
read_list(struct yaml_state *st, size_t field, const char *key,
    struct crm_err *e)
{
	struct crm_recbuf *rb = &st->in->rb;
	yaml_event_t ev;

	for (;;) {
		if (next_event(st, &ev, e) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ev.type != YAML_SCALAR_EVENT) {
			long line = event_line(st, &ev);

			yaml_event_delete(&ev);
			return crm_in_fail(st->in, line, e, "field '%s': a "
			    "list may hold only plain values", key);
		}
		if (!scalar_is_null(&ev))
			crm_recbuf_add_item(rb, field,
			    (const char *)ev.data.scalar.value,
			    ev.data.scalar.length);
		yaml_event_delete(&ev);
	}
	yaml_event_delete(&ev);
	return 0;
}

static int
duplicate_key(const struct crm_recbuf *rb, const char *key)
{
	for (size_t i = 0; i < rb->n; i++)
		if (strcmp(rb->arena.s + rb->name_off[i], key) == 0)
			return 1;
	return 0;
}

/* One value of a mapping, after its key. */
static int
read_value(struct yaml_state *st, const char *key, size_t klen,
    struct crm_err *e)
{
	struct crm_recbuf *rb = &st->in->rb;
	yaml_event_t ev;
	int rc = 0;

	if (next_event(st, &ev, e) < 0)
		return -1;
	if (ev.type == YAML_SCALAR_EVENT) {
		crm_recbuf_add(rb, key, klen, scalar_is_null(&ev) ?
		    CRM_V_NULL : CRM_V_TEXT, (const char *)ev.data.scalar.value,
		    ev.data.scalar.length);
	} else if (ev.type == YAML_SEQUENCE_START_EVENT) {
		size_t i = crm_recbuf_add(rb, key, klen, CRM_V_LIST, NULL, 0);

		rc = read_list(st, i, key, e);
	} else {
		rc = crm_in_fail(st->in, event_line(st, &ev), e, "field '%s': "
		    "nested mappings are not supported", key);
	}
	yaml_event_delete(&ev);
	return rc;
}

/* The fields of a mapping whose start event has been read. */
static int
read_mapping(struct yaml_state *st, long line, struct crm_rec *rec,
    struct crm_err *e)
{
	struct crm_recbuf *rb = &st->in->rb;
	yaml_event_t ev;

	crm_recbuf_reset(rb);
	for (;;) {
		char *key;
		size_t klen;
		int rc;

		if (next_event(st, &ev, e) < 0)
			return -1;
		if (ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (ev.type != YAML_SCALAR_EVENT) {
			long l = event_line(st, &ev);

			yaml_event_delete(&ev);
			return crm_in_fail(st->in, l, e, "a field name must "
			    "be plain text");
		}
		klen = ev.data.scalar.length;
		key = crm_xstrndup((const char *)ev.data.scalar.value, klen);
		if (duplicate_key(rb, key)) {
			rc = crm_in_fail(st->in, event_line(st, &ev), e,
			    "field '%s' appears twice", key);
		} else {
			rc = read_value(st, key, klen, e);
		}
		yaml_event_delete(&ev);
		free(key);
		if (rc < 0)
			return -1;
	}
	yaml_event_delete(&ev);
	crm_recbuf_finish(rb, NULL, rec);
	rec->line = line;
	return 1;
}

static int
not_a_record(struct yaml_state *st, yaml_event_t *ev, struct crm_err *e)
{
	long line = event_line(st, ev);

	yaml_event_delete(ev);
	return crm_in_fail(st->in, line, e, "expected a record (a mapping "
	    "of field names to values)");
}

/* Walk to the next record: a mapping at the top of a document, or in
 * the sequence at its top. */
static int
yaml_step(struct yaml_state *st, struct crm_rec *rec, struct crm_err *e)
{
	yaml_event_t ev;

	while (!st->done) {
		if (next_event(st, &ev, e) < 0)
			return -1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			st->done = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
			if (st->depth != 1 || st->in_top_seq)
				return not_a_record(st, &ev, e);
			st->in_top_seq = 1;
			break;
		case YAML_SEQUENCE_END_EVENT:
			st->in_top_seq = 0;
			break;
		case YAML_MAPPING_START_EVENT: {
			long line = event_line(st, &ev);

			yaml_event_delete(&ev);
			return read_mapping(st, line, rec, e);
		}
		case YAML_SCALAR_EVENT:
			if (st->in_top_seq || !scalar_is_null(&ev))
				return not_a_record(st, &ev, e);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	return 0;
}

static int
yaml_next(struct crm_in *in, struct crm_rec *rec, struct crm_err *e)
{
	struct yaml_state *st = in->impl;
	struct crm_rec dummy;

	st->err = e;
	return yaml_step(st, rec ? rec : &dummy, e);
}

static void
yaml_close(struct crm_in *in)
{
	struct yaml_state *st = in->impl;

	yaml_parser_delete(&st->parser);
	free(st);
}

static const struct crm_in_ops yaml_ops = { yaml_next, yaml_close };

void
crm_in_yaml_init(struct crm_in *in)
{
	struct yaml_state *st = crm_xcalloc(1, sizeof(*st));

	st->in = in;
	st->line_base = 1;
	yaml_parser_initialize(&st->parser);
	yaml_parser_set_input(&st->parser, read_handler, st);
	in->impl = st;
	in->ops = &yaml_ops;
}

int
crm_in_yaml_doc(struct crm_in *in, const char *text, size_t len, long line,
    struct crm_rec *rec, struct crm_err *e)
{
	struct yaml_state *st = crm_xcalloc(1, sizeof(*st));
	yaml_event_t ev;
	int rc = -1;

	st->in = in;
	st->err = e;
	st->line_base = line;
	st->one_line = 1;
	yaml_parser_initialize(&st->parser);
	yaml_parser_set_input_string(&st->parser, (const unsigned char *)text,
	    len);
	for (;;) {
		if (next_event(st, &ev, e) < 0)
			goto out;
		if (ev.type == YAML_MAPPING_START_EVENT)
			break;
		if (ev.type != YAML_STREAM_START_EVENT &&
		    ev.type != YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev);
			crm_in_fail(in, line, e, "expected one json object on "
			    "the line");
			goto out;
		}
		yaml_event_delete(&ev);
	}
	yaml_event_delete(&ev);
	rc = read_mapping(st, line, rec, e);
	if (rc < 0)
		goto out;
	if (next_event(st, &ev, e) < 0) {
		rc = -1;
		goto out;
	}
	if (ev.type != YAML_DOCUMENT_END_EVENT) {
		rc = crm_in_fail(in, line, e, "expected one json object on "
		    "the line");
	}
	yaml_event_delete(&ev);
out:
	yaml_parser_delete(&st->parser);
	free(st);
	return rc;
}
