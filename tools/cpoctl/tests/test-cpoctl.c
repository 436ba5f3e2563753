// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of cpoctl's parsing and formatting: TAP on stdout. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cpoctl.h"

static int n_test, n_fail;

static void ok(int cond, const char *what)
{
	n_test++;
	if (!cond)
		n_fail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n_test, what);
}

static int parses(enum cpo_kind k, const char *s, const char *unit,
		  int64_t want)
{
	int64_t raw = 0x7fff;

	return !cpo_parse_value(k, s, unit, &raw) && raw == want;
}

static int rejects(enum cpo_kind k, const char *s, const char *unit)
{
	int64_t raw;

	return cpo_parse_value(k, s, unit, &raw) != 0;
}

static int fmt_is(const char *got, const char *want)
{
	if (strcmp(got, want))
		fprintf(stderr, "# got '%s', want '%s'\n", got, want);
	return !strcmp(got, want);
}

static void test_units(void)
{
	char b[64];

	ok(parses(CPO_K_TEMP, "70", NULL, 70000), "bare temperature is degC");
	ok(parses(CPO_K_TEMP, "70degC", NULL, 70000), "glued degC");
	ok(parses(CPO_K_TEMP, "-5.5", "degC", -5500), "negative degC, unit apart");
	ok(parses(CPO_K_TEMP, "71250mdegC", NULL, 71250), "millidegree");
	ok(parses(CPO_K_VOLT, "3.465V", NULL, 3465), "volt");
	ok(parses(CPO_K_VOLT, "3135", "mV", 3135), "millivolt");
	ok(parses(CPO_K_POWER, "100", "mW", 100000), "milliwatt");
	ok(parses(CPO_K_POWER, "250uW", NULL, 250), "microwatt");
	ok(parses(CPO_K_POWER, "20dBm", NULL, 100000), "20 dBm is 100 mW");
	ok(parses(CPO_K_POWER, "0", "dBm", 1000), "0 dBm is 1 mW");
	ok(parses(CPO_K_POWER, "-3", "dBm", 501), "-3 dBm rounds to 501 uW");
	ok(parses(CPO_K_BIAS, "500mA", NULL, 500000), "bias mA");
	ok(parses(CPO_K_BIAS, "1200", "uA", 1200), "bias uA");
	ok(parses(CPO_K_CURR, "-150", "mA", -150), "signed TEC current");
	ok(parses(CPO_K_CURR, "2000uA", NULL, 2), "uA into mA");
	ok(rejects(CPO_K_TEMP, "70mW", NULL), "wrong unit for temperature");
	ok(rejects(CPO_K_TEMP, "20dBm", NULL), "dBm only for power");
	ok(rejects(CPO_K_TEMP, "", NULL), "empty value");
	ok(rejects(CPO_K_TEMP, "abc", NULL), "not a number");
	ok(rejects(CPO_K_TEMP, "70degC", "degC"), "two units");
	ok(rejects(CPO_K_POWER, "1e9", "W"), "too large for s32");
	ok(rejects(CPO_K_POWER, "nan", NULL), "nan");
	ok(cpo_is_unit(CPO_K_POWER, "dBm") && !cpo_is_unit(CPO_K_TEMP, "dBm"),
	   "unit words");

	ok(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, 45149), "45.1 degC"),
	   "temperature one decimal");
	ok(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, 45150), "45.2 degC"),
	   "temperature rounds half up");
	ok(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, -4950), "-5.0 degC"),
	   "negative temperature rounds away from zero");
	ok(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, -40), "0.0 degC"),
	   "no negative zero");
	ok(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_VOLT, 3300), "3.300 V"),
	   "volt");
	ok(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_POWER, 100000), "100.000 mW"),
	   "milliwatt");
	ok(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_BIAS, 412345), "412.3 mA"),
	   "bias mA");
	ok(fmt_is(cpo_fmt_dbm(b, sizeof(b), 100000), "20.00"), "100 mW is 20 dBm");
	ok(fmt_is(cpo_fmt_dbm(b, sizeof(b), 1000), "0.00"), "1 mW is 0 dBm");
	ok(fmt_is(cpo_fmt_dbm(b, sizeof(b), 0), "-inf"), "no light");
	ok(fabs(cpo_uw_to_dbm(500) + 3.0103) < 1e-3, "0.5 mW is -3.01 dBm");
	ok(fmt_is(cpo_fmt_fixed(b, sizeof(b), 71250, 3, 3), "71.250"),
	   "fixed full precision");
	ok(fmt_is(cpo_fmt_fixed(b, sizeof(b), 7, 0, 0), "7"), "fixed integer");
}

static void test_parse(void)
{
	uint32_t v;
	bool on;
	char b[16];
	uint32_t l[] = { 1, 2, 300, 4000 };

	ok(!cpo_parse_u32("12", 100, &v) && v == 12, "index");
	ok(cpo_parse_u32("101", 100, &v), "index above max");
	ok(cpo_parse_u32("-1", 100, &v), "negative index");
	ok(cpo_parse_u32("1x", 100, &v), "trailing garbage");
	ok(cpo_parse_u32("", 100, &v), "empty index");
	ok(!cpo_parse_onoff("on", &on) && on, "on");
	ok(!cpo_parse_onoff("off", &on) && !on, "off");
	ok(cpo_parse_onoff("maybe", &on), "bad on/off");
	ok(!cpo_parse_dev("cpo3", &v) && v == 3, "device by name");
	ok(!cpo_parse_dev("2", &v) && v == 2, "device by number");
	ok(cpo_parse_dev("eth0", &v), "bad device");
	ok(cpo_quantity_by_name("laser-bias") == CPO_QUANTITY_LASER_BIAS,
	   "quantity by name");
	ok(cpo_quantity_by_name("bogus") < 0, "unknown quantity");
	ok(cpo_quantity(CPO_QUANTITY_MAX) && !cpo_quantity(CPO_QUANTITY_MAX + 1),
	   "every quantity has a name");
	ok(!strcmp(cpo_laser_state_str(CPO_LASER_STATE_FAULT), "fault") &&
	   !strcmp(cpo_laser_state_str(99), "unknown"), "state names");
	ok(!strcmp(cpo_event_type_str(CPO_EVENT_DEV_RESYNC), "dev-resync"),
	   "event names");
	ok(fmt_is(cpo_fmt_list(b, sizeof(b), l, 3), "1,2,300"), "index list");
	ok(fmt_is(cpo_fmt_list(b, 10, l, 4), "1,2,30..."), "long list ends in ...");
	ok(fmt_is(cpo_fmt_list(b, sizeof(b), l, 0), "-"), "empty list");
	{
		static const uint32_t r[] = { 0, 1, 2, 3, 5, 6, 9, 10, 11 };

		ok(fmt_is(cpo_fmt_list(b, sizeof(b), r, 9), "0-3,5,6,9-11"),
		   "consecutive runs as ranges");
		ok(fmt_is(cpo_fmt_list(b, sizeof(b), r, 2), "0,1"),
		   "a pair stays a pair");
	}
}

static void test_messages(void)
{
	struct cpo_msg m;
	char b[128];

	ok(fmt_is(cpo_fmt_no_object(b, sizeof(b), "ELSFP slot", "slots", 99, 0,
				    16),
		  "no ELSFP slot 99 on cpo0 (slots 0-15)"),
	   "a missing object names itself, its device and the range");
	ok(fmt_is(cpo_fmt_no_object(b, sizeof(b), "port", "ports", 1, 2, 1),
		  "no port 1 on cpo2 (only port 0)"), "a range of one");
	ok(fmt_is(cpo_fmt_no_object(b, sizeof(b), "lane", "lanes", 3, 0, 0),
		  "no lane 3 on cpo0 (it has none)"), "an empty range");
	ok(fmt_is(cpo_fmt_no_object(b, sizeof(b), "laser", "lasers", 7, -1, 0),
		  "no laser 7 on any cpo device"), "on no device");
	ok(strstr(cpo_errno_words(-EPERM), "Operation not permitted") &&
	   strstr(cpo_errno_words(-EPERM), "CAP_NET_ADMIN"),
	   "EPERM says what is needed");
	ok(strstr(cpo_errno_words(-ETIMEDOUT), "timed out") != NULL,
	   "a timeout in words");

	memset(&m, 0, sizeof(m));
	m.has[CPO_A_CARRIER] = true;
	m.u[CPO_A_CARRIER] = 1;
	m.has[CPO_A_ADMIN_UP] = true;
	m.has[CPO_A_OPER_UP] = true;
	ok(!cpo_port_link_up(&m),
	   "port down with the optics up: the kernel's link is down");
	m.u[CPO_A_ADMIN_UP] = 1;
	m.u[CPO_A_OPER_UP] = 1;
	ok(cpo_port_link_up(&m), "port up with the optics up: link up");
	m.has[CPO_A_OPER_UP] = false;
	m.has[CPO_A_ADMIN_UP] = false;
	ok(cpo_port_link_up(&m), "an older kernel: the carrier it reports");
}

static char *json_of(void (*fn)(struct cpo_json *j), bool pretty)
{
	static char buf[1024];
	struct cpo_json j;
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	cpo_json_init(&j, f, pretty);
	fn(&j);
	fclose(f);
	return buf;
}

static void doc(struct cpo_json *j)
{
	cpo_json_arr_open(j, NULL);
	cpo_json_obj_open(j, NULL);
	cpo_json_str(j, "name", "a\"b\\c\n\x01");
	cpo_json_int(j, "t", -5);
	cpo_json_num(j, "p", 1.5, 2);
	cpo_json_num(j, "inf", -INFINITY, 2);
	cpo_json_bool(j, "up", true);
	cpo_json_arr_open(j, "lanes");
	cpo_json_uint(j, NULL, 1);
	cpo_json_uint(j, NULL, 2);
	cpo_json_arr_close(j);
	cpo_json_arr_open(j, "empty");
	cpo_json_arr_close(j);
	cpo_json_obj_close(j);
	cpo_json_arr_close(j);
	cpo_json_end(j);
}

static void test_json(void)
{
	ok(fmt_is(json_of(doc, false),
		  "[{\"name\":\"a\\\"b\\\\c\\n\\u0001\",\"t\":-5,\"p\":1.50,"
		  "\"inf\":null,\"up\":true,\"lanes\":[1,2],\"empty\":[]}]\n"),
	   "compact JSON with escapes");
	ok(strstr(json_of(doc, true), "\n    \"t\": -5,\n") != NULL,
	   "pretty JSON indents");
}

int main(void)
{
	test_units();
	test_parse();
	test_messages();
	test_json();
	printf("1..%d\n", n_test);
	return n_fail ? 1 : 0;
}
