// SPDX-License-Identifier: GPL-2.0
/* Unit conversion, formatting and parsing: no kernel needed. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpoctl.h"

double cpo_uw_to_dbm(int64_t uw)
{
	if (uw <= 0)
		return -INFINITY;
	return 10.0 * log10((double)uw / 1000.0);
}

int64_t cpo_dbm_to_uw(double dbm)
{
	double uw;

	if (!isfinite(dbm) || dbm > 60.0)
		return -1;
	uw = 1000.0 * pow(10.0, dbm / 10.0);
	return (int64_t)llround(uw);
}

char *cpo_fmt_fixed(char *buf, size_t len, int64_t v, int scale, int decimals)
{
	uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
	uint64_t div = 1, keep = 1, q, r;
	int i;

	if (decimals > scale)
		decimals = scale;
	for (i = 0; i < scale; i++)
		div *= 10;
	for (i = 0; i < scale - decimals; i++)
		keep *= 10;
	/* round half away from zero to @decimals */
	mag = (mag + keep / 2) / keep;
	div /= keep;
	q = mag / div;
	r = mag % div;
	if (decimals)
		snprintf(buf, len, "%s%llu.%0*llu", v < 0 && mag ? "-" : "",
			 (unsigned long long)q, decimals, (unsigned long long)r);
	else
		snprintf(buf, len, "%s%llu", v < 0 && mag ? "-" : "",
			 (unsigned long long)q);
	return buf;
}

static const struct {
	const char *unit;
	int scale;	/* raw = user * 10^scale */
	int decimals;	/* shown */
} cpo_kinds[] = {
	[CPO_K_TEMP] = { "degC", 3, 1 },
	[CPO_K_VOLT] = { "V", 3, 3 },
	[CPO_K_POWER] = { "mW", 3, 3 },
	[CPO_K_BIAS] = { "mA", 3, 1 },
	[CPO_K_CURR] = { "mA", 0, 0 },
	[CPO_K_DB] = { "dB", 3, 2 },
};

const char *cpo_kind_unit(enum cpo_kind kind)
{
	return cpo_kinds[kind].unit;
}

char *cpo_fmt_kind(char *buf, size_t len, enum cpo_kind kind, int64_t raw)
{
	char num[32];

	cpo_fmt_fixed(num, sizeof(num), raw, cpo_kinds[kind].scale,
		      cpo_kinds[kind].decimals);
	snprintf(buf, len, "%s %s", num, cpo_kinds[kind].unit);
	return buf;
}

double cpo_kind_user(enum cpo_kind kind, int64_t raw)
{
	return (double)raw / pow(10.0, cpo_kinds[kind].scale);
}

char *cpo_fmt_dbm(char *buf, size_t len, int64_t uw)
{
	double dbm = cpo_uw_to_dbm(uw);

	if (!isfinite(dbm))
		snprintf(buf, len, "-inf");
	else
		snprintf(buf, len, "%.2f", dbm);
	return buf;
}

/* Units accepted for each kind, with the power of ten to the raw unit. */
static const struct {
	enum cpo_kind kind;
	const char *name;
	int exp;	/* raw = value * 10^exp */
} cpo_units[] = {
	{ CPO_K_TEMP, "degC", 3 },
	{ CPO_K_TEMP, "C", 3 },
	{ CPO_K_TEMP, "mdegC", 0 },
	{ CPO_K_VOLT, "V", 3 },
	{ CPO_K_VOLT, "mV", 0 },
	{ CPO_K_POWER, "W", 6 },
	{ CPO_K_POWER, "mW", 3 },
	{ CPO_K_POWER, "uW", 0 },
	{ CPO_K_BIAS, "A", 6 },
	{ CPO_K_BIAS, "mA", 3 },
	{ CPO_K_BIAS, "uA", 0 },
	{ CPO_K_CURR, "A", 3 },
	{ CPO_K_CURR, "mA", 0 },
	{ CPO_K_CURR, "uA", -3 },
	{ CPO_K_DB, "dB", 3 },
	{ CPO_K_DB, "mdB", 0 },
};

static int cpo_unit_exp(enum cpo_kind kind, const char *s, int *exp)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_units) / sizeof(cpo_units[0]); i++) {
		if (cpo_units[i].kind != kind || strcmp(cpo_units[i].name, s))
			continue;
		*exp = cpo_units[i].exp;
		return 0;
	}
	return -1;
}

bool cpo_is_unit(enum cpo_kind kind, const char *s)
{
	int exp;

	if (!s)
		return false;
	if (kind == CPO_K_POWER && !strcmp(s, "dBm"))
		return true;
	return cpo_unit_exp(kind, s, &exp) == 0;
}

int cpo_parse_value(enum cpo_kind kind, const char *s, const char *unit,
		    int64_t *raw)
{
	const char *p = s;
	char *end;
	double v, r;
	int exp;

	if (!s || !*s)
		return -1;
	/* Plain decimal only: [+-]digits[.digits]; no hex, exponent, inf. */
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p) &&
	    !(*p == '.' && isdigit((unsigned char)p[1])))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end != p || !isfinite(v))
		return -1;
	if (*end) {
		if (unit)
			return -1;	/* two units */
		unit = end;
	}
	if (unit && !strcmp(unit, "dBm")) {
		int64_t uw;

		if (kind != CPO_K_POWER)
			return -1;
		uw = cpo_dbm_to_uw(v);
		if (uw < 0)
			return -1;
		*raw = uw;
		return 0;
	}
	if (!unit)
		exp = cpo_kinds[kind].scale;
	else if (cpo_unit_exp(kind, unit, &exp))
		return -1;
	r = v * pow(10.0, exp);
	r = r < 0 ? -floor(-r + 0.5) : floor(r + 0.5);
	if (r > 2147483647.0 || r < -2147483648.0)
		return -1;
	*raw = (int64_t)r;
	return 0;
}
