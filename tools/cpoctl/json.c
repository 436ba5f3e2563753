// SPDX-License-Identifier: GPL-2.0
/* A small streaming JSON writer: objects, arrays, escaped strings. */
#include <inttypes.h>
#include <math.h>

#include "cpoctl.h"

void cpo_json_init(struct cpo_json *j, FILE *f, bool pretty)
{
	j->f = f;
	j->pretty = pretty;
	j->depth = 0;
	j->first[0] = true;
}

void cpo_json_escape(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void cpo_json_indent(struct cpo_json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Separator, indentation and key before a value. */
static void cpo_json_key(struct cpo_json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
	if (j->depth)
		cpo_json_indent(j);
	if (key) {
		cpo_json_escape(j->f, key);
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

static void cpo_json_open(struct cpo_json *j, const char *key, char c)
{
	cpo_json_key(j, key);
	fputc(c, j->f);
	if (j->depth < CPO_JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void cpo_json_close(struct cpo_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth)
		j->depth--;
	if (!empty)
		cpo_json_indent(j);
	fputc(c, j->f);
}

void cpo_json_obj_open(struct cpo_json *j, const char *key)
{
	cpo_json_open(j, key, '{');
}

void cpo_json_obj_close(struct cpo_json *j)
{
	cpo_json_close(j, '}');
}

void cpo_json_arr_open(struct cpo_json *j, const char *key)
{
	cpo_json_open(j, key, '[');
}

void cpo_json_arr_close(struct cpo_json *j)
{
	cpo_json_close(j, ']');
}

void cpo_json_str(struct cpo_json *j, const char *key, const char *v)
{
	cpo_json_key(j, key);
	cpo_json_escape(j->f, v ? v : "");
}

void cpo_json_int(struct cpo_json *j, const char *key, int64_t v)
{
	cpo_json_key(j, key);
	fprintf(j->f, "%" PRId64, v);
}

void cpo_json_uint(struct cpo_json *j, const char *key, uint64_t v)
{
	cpo_json_key(j, key);
	fprintf(j->f, "%" PRIu64, v);
}

void cpo_json_num(struct cpo_json *j, const char *key, double v, int decimals)
{
	cpo_json_key(j, key);
	if (!isfinite(v))
		fputs("null", j->f);
	else
		fprintf(j->f, "%.*f", decimals, v);
}

void cpo_json_bool(struct cpo_json *j, const char *key, bool v)
{
	cpo_json_key(j, key);
	fputs(v ? "true" : "false", j->f);
}

void cpo_json_null(struct cpo_json *j, const char *key)
{
	cpo_json_key(j, key);
	fputs("null", j->f);
}

void cpo_json_end(struct cpo_json *j)
{
	fputc('\n', j->f);
	fflush(j->f);
	j->depth = 0;
	j->first[0] = true;
}
