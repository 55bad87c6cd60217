/* The yaml writer: a sequence of mappings through libyaml's emitter, so
 * that quoting and escaping are libyaml's business. Text that a YAML
 * reader would take for a number, a boolean or null is double-quoted, so
 * that a phone "0138…" stays text for every consumer. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "out-impl.h"
#include "crm/buf.h"
#include "crm/banned.h"

struct yaml_out {
	yaml_emitter_t em;
	int failed;
};

static int
write_handler(void *data, unsigned char *buf, size_t size)
{
	FILE *fp = data;

	return fwrite(buf, 1, size, fp) == size;
}

static int
emit(struct crm_out *out, yaml_event_t *ev)
{
	struct yaml_out *y = out->impl;

	if (!y->failed && !yaml_emitter_emit(&y->em, ev))
		y->failed = 1;
	return y->failed ? -1 : 0;
}

/* Would a plain scalar with this text resolve to something other than
 * a string (YAML 1.1 or 1.2 core schema)? */
static int
looks_typed(const char *s)
{
	static const char *const words[] = { "null", "Null", "NULL", "~",
		"true", "True", "TRUE", "false", "False", "FALSE", "yes",
		"Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off",
		"Off", "OFF", "y", "Y", "n", "N", ".inf", ".nan", "-.inf" };
	const char *p = s;
	int digits = 0;

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	if (*p == '-' || *p == '+')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr("._xXoObBeE+-:abcdefABCDEF", *p))
			return 0;
	}
	return digits > 0;
}

static int
emit_scalar(struct crm_out *out, const char *s, size_t len, int plain_ok)
{
	yaml_event_t ev;
	yaml_scalar_style_t style = plain_ok && !looks_typed(s) ?
	    YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)len, 1, 1, style);
	return emit(out, &ev);
}

static int
emit_plain(struct crm_out *out, const char *s)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)strlen(s), 1, 1, YAML_PLAIN_SCALAR_STYLE);
	return emit(out, &ev);
}

static int
emit_value(struct crm_out *out, enum crm_ckind kind, const struct crm_val *v)
{
	yaml_event_t ev;
	const char *p;

	if (v->type == CRM_V_NULL)
		return emit_plain(out, "null");
	if (v->type == CRM_V_TEXT) {
		int plain = kind == CRM_COL_INT || kind == CRM_COL_MONEY ||
		    kind == CRM_COL_BOOL;

		return plain ? emit_plain(out, v->s) :
		    emit_scalar(out, v->s, v->len, 1);
	}
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    v->n ? YAML_BLOCK_SEQUENCE_STYLE : YAML_FLOW_SEQUENCE_STYLE);
	emit(out, &ev);
	p = v->s;
	for (size_t i = 0; i < v->n; i++) {
		emit_scalar(out, p, strlen(p), 1);
		p += strlen(p) + 1;
	}
	yaml_sequence_end_event_initialize(&ev);
	return emit(out, &ev);
}

static int
yaml_row(struct crm_out *out, const struct crm_val *vals)
{
	yaml_event_t ev;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE);
	emit(out, &ev);
	for (size_t i = 0; i < out->ncols; i++) {
		emit_scalar(out, out->cols[i].name, strlen(out->cols[i].name),
		    1);
		emit_value(out, out->cols[i].kind, &vals[i]);
	}
	yaml_mapping_end_event_initialize(&ev);
	return emit(out, &ev);
}

static int
yaml_end(struct crm_out *out)
{
	struct yaml_out *y = out->impl;
	yaml_event_t ev;
	int rc;

	yaml_sequence_end_event_initialize(&ev);
	emit(out, &ev);
	yaml_document_end_event_initialize(&ev, 1);
	emit(out, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(out, &ev);
	rc = y->failed || !yaml_emitter_flush(&y->em) ? -1 : 0;
	yaml_emitter_delete(&y->em);
	free(y);
	return rc;
}

void
crm_out_yaml_init(struct crm_out *out)
{
	struct yaml_out *y = crm_xcalloc(1, sizeof(*y));
	yaml_event_t ev;

	out->impl = y;
	out->row = yaml_row;
	out->end = yaml_end;
	yaml_emitter_initialize(&y->em);
	yaml_emitter_set_output(&y->em, write_handler, out->fp);
	yaml_emitter_set_unicode(&y->em, 1);
	yaml_emitter_set_width(&y->em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(out, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(out, &ev);
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_SEQUENCE_STYLE);
	emit(out, &ev);
}
