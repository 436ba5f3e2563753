// SPDX-License-Identifier: GPL-2.0
/*
 * JSON documents through json-c: the commands add members in output order
 * to the innermost open object or array; json-c escapes and prints the
 * document when it ends.
 */
#include <math.h>

#include "cpoctl.h"

void cpo_json_init(struct cpo_json *j, FILE *f, bool pretty)
{
	j->f = f;
	j->flags = JSON_C_TO_STRING_NOSLASHESCAPE |
		   (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
			     JSON_C_TO_STRING_PLAIN);
	j->depth = 0;
	j->root = NULL;
}

/* Add @v (NULL: JSON null) under @key to the open container, or as root. */
static void cpo_json_add(struct cpo_json *j, const char *key,
			 struct json_object *v)
{
	struct json_object *top;

	if (!j->depth) {
		json_object_put(j->root);
		j->root = v;
		return;
	}
	top = j->stack[j->depth - 1];
	if (json_object_is_type(top, json_type_object))
		json_object_object_add(top, key ? key : "", v);
	else
		json_object_array_add(top, v);
}

static void cpo_json_open(struct cpo_json *j, const char *key,
			  struct json_object *v)
{
	cpo_json_add(j, key, v);
	if (v && j->depth < CPO_JSON_MAX_DEPTH)
		j->stack[j->depth++] = v;
}

void cpo_json_obj_open(struct cpo_json *j, const char *key)
{
	cpo_json_open(j, key, json_object_new_object());
}

void cpo_json_arr_open(struct cpo_json *j, const char *key)
{
	cpo_json_open(j, key, json_object_new_array());
}

void cpo_json_obj_close(struct cpo_json *j)
{
	if (j->depth)
		j->depth--;
}

void cpo_json_arr_close(struct cpo_json *j)
{
	cpo_json_obj_close(j);
}

void cpo_json_str(struct cpo_json *j, const char *key, const char *v)
{
	cpo_json_add(j, key, json_object_new_string(v ? v : ""));
}

void cpo_json_int(struct cpo_json *j, const char *key, int64_t v)
{
	cpo_json_add(j, key, json_object_new_int64(v));
}

void cpo_json_uint(struct cpo_json *j, const char *key, uint64_t v)
{
	cpo_json_add(j, key, json_object_new_uint64(v));
}

/*
 * The number keeps the fixed precision of its unit ("45.100", "-3.01"):
 * json-c prints the text it is given with a double.
 */
void cpo_json_num(struct cpo_json *j, const char *key, double v, int decimals)
{
	char text[64];

	if (!isfinite(v)) {
		cpo_json_add(j, key, NULL);
		return;
	}
	snprintf(text, sizeof(text), "%.*f", decimals, v);
	cpo_json_add(j, key, json_object_new_double_s(v, text));
}

void cpo_json_bool(struct cpo_json *j, const char *key, bool v)
{
	cpo_json_add(j, key, json_object_new_boolean(v));
}

void cpo_json_null(struct cpo_json *j, const char *key)
{
	cpo_json_add(j, key, NULL);
}

void cpo_json_end(struct cpo_json *j)
{
	fputs(j->root ? json_object_to_json_string_ext(j->root, j->flags) :
			"null", j->f);
	fputc('\n', j->f);
	fflush(j->f);
	json_object_put(j->root);
	j->root = NULL;
	j->depth = 0;
}
