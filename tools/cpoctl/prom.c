// SPDX-License-Identifier: GPL-2.0
/*
 * The Prometheus text exposition format (version 0.0.4, what
 * node_exporter's textfile collector and promtool read): a family's HELP
 * and TYPE lines, then its samples, each "name{labels} value".  Label
 * values and help texts are escaped here; numbers keep the precision of
 * the driver's units.
 */
#include <math.h>
#include <string.h>

#include "cpoctl.h"

/* @s into @f with backslash, newline and, in label values, '"' escaped */
static void prom_escape(FILE *f, const char *s, bool quote)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (quote && *s == '"')
			fputs("\\\"", f);
		else
			fputc(*s, f);
	}
}

void cpo_prom_family(FILE *f, const char *name, const char *type,
		     const char *help)
{
	fprintf(f, "# HELP %s ", name);
	prom_escape(f, help, false);
	fprintf(f, "\n# TYPE %s %s\n", name, type);
}

char *cpo_prom_value(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "NaN");
	else if (isinf(v))
		snprintf(buf, len, v > 0 ? "+Inf" : "-Inf");
	else
		snprintf(buf, len, "%.15g", v);
	return buf;
}

void cpo_prom_labels_init(struct cpo_prom_labels *l)
{
	l->len = 0;
	l->buf[0] = '\0';
}

void cpo_prom_label(struct cpo_prom_labels *l, const char *name,
		    const char *value)
{
	char *p = l->buf + l->len;
	size_t room = sizeof(l->buf) - l->len;
	int n;

	n = snprintf(p, room, "%s%s=\"", l->len ? "," : "", name);
	if (n < 0 || (size_t)n >= room)
		return;
	p += n;
	room -= n;
	for (; *value && room > 3; value++) {
		if (*value == '\\' || *value == '"' || *value == '\n') {
			*p++ = '\\';
			*p++ = *value == '\n' ? 'n' : *value;
			room -= 2;
		} else {
			*p++ = *value;
			room--;
		}
	}
	*p++ = '"';
	*p = '\0';
	l->len = p - l->buf;
}

void cpo_prom_label_u(struct cpo_prom_labels *l, const char *name,
		      unsigned long long v)
{
	char s[24];

	snprintf(s, sizeof(s), "%llu", v);
	cpo_prom_label(l, name, s);
}

void cpo_prom_sample(FILE *f, const char *name, const char *labels,
		     const char *extra, double v)
{
	char num[40];

	fputs(name, f);
	if ((labels && *labels) || (extra && *extra))
		fprintf(f, "{%s%s%s}", labels ? labels : "",
			labels && *labels && extra && *extra ? "," : "",
			extra ? extra : "");
	fprintf(f, " %s\n", cpo_prom_value(num, sizeof(num), v));
}

double cpo_dbm_floor(int64_t uw)
{
	double dbm = cpo_uw_to_dbm(uw);

	if (!isfinite(dbm) || dbm < CPO_DBM_FLOOR)
		return CPO_DBM_FLOOR;
	return dbm;
}
