// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of cpoctl's parsing and formatting, on the kernel's
 * kselftest harness (one TAP line per test).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "cpoctl.h"

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
		ksft_print_msg("got '%s', want '%s'\n", got, want);
	return !strcmp(got, want);
}

TEST(parse_values_with_units)
{
	EXPECT_TRUE(parses(CPO_K_TEMP, "70", NULL, 70000))
		TH_LOG("bare temperature is degC");
	EXPECT_TRUE(parses(CPO_K_TEMP, "70degC", NULL, 70000))
		TH_LOG("glued degC");
	EXPECT_TRUE(parses(CPO_K_TEMP, "-5.5", "degC", -5500))
		TH_LOG("negative degC, unit apart");
	EXPECT_TRUE(parses(CPO_K_TEMP, "71250mdegC", NULL, 71250))
		TH_LOG("millidegree");
	EXPECT_TRUE(parses(CPO_K_VOLT, "3.465V", NULL, 3465))
		TH_LOG("volt");
	EXPECT_TRUE(parses(CPO_K_VOLT, "3135", "mV", 3135))
		TH_LOG("millivolt");
	EXPECT_TRUE(parses(CPO_K_POWER, "100", "mW", 100000))
		TH_LOG("milliwatt");
	EXPECT_TRUE(parses(CPO_K_POWER, "250uW", NULL, 250))
		TH_LOG("microwatt");
	EXPECT_TRUE(parses(CPO_K_POWER, "20dBm", NULL, 100000))
		TH_LOG("20 dBm is 100 mW");
	EXPECT_TRUE(parses(CPO_K_POWER, "0", "dBm", 1000))
		TH_LOG("0 dBm is 1 mW");
	EXPECT_TRUE(parses(CPO_K_POWER, "-3", "dBm", 501))
		TH_LOG("-3 dBm rounds to 501 uW");
	EXPECT_TRUE(parses(CPO_K_BIAS, "500mA", NULL, 500000))
		TH_LOG("bias mA");
	EXPECT_TRUE(parses(CPO_K_BIAS, "1200", "uA", 1200))
		TH_LOG("bias uA");
	EXPECT_TRUE(parses(CPO_K_CURR, "-150", "mA", -150))
		TH_LOG("signed TEC current");
	EXPECT_TRUE(parses(CPO_K_CURR, "2000uA", NULL, 2))
		TH_LOG("uA into mA");
	EXPECT_TRUE(parses(CPO_K_DB, "3", NULL, 3000))
		TH_LOG("a bare path loss is in dB");
	EXPECT_TRUE(parses(CPO_K_DB, "-0.5dB", NULL, -500))
		TH_LOG("a negative path loss, dB glued");
	EXPECT_TRUE(parses(CPO_K_DB, "4500", "mdB", 4500))
		TH_LOG("path loss in mdB");
	EXPECT_TRUE(rejects(CPO_K_DB, "3", "dBm"))
		TH_LOG("dBm is no loss");
}

TEST(reject_bad_values)
{
	EXPECT_TRUE(rejects(CPO_K_TEMP, "70mW", NULL))
		TH_LOG("wrong unit for temperature");
	EXPECT_TRUE(rejects(CPO_K_TEMP, "20dBm", NULL))
		TH_LOG("dBm only for power");
	EXPECT_TRUE(rejects(CPO_K_TEMP, "", NULL))
		TH_LOG("empty value");
	EXPECT_TRUE(rejects(CPO_K_TEMP, "abc", NULL))
		TH_LOG("not a number");
	EXPECT_TRUE(rejects(CPO_K_TEMP, "70degC", "degC"))
		TH_LOG("two units");
	EXPECT_TRUE(rejects(CPO_K_POWER, "1e9", "W"))
		TH_LOG("too large for s32");
	EXPECT_TRUE(rejects(CPO_K_POWER, "nan", NULL))
		TH_LOG("nan");
	EXPECT_TRUE(rejects(CPO_K_POWER, "0x10", "mW"))
		TH_LOG("hex");
	EXPECT_TRUE(rejects(CPO_K_TEMP, "7e1", NULL))
		TH_LOG("exponent");
	EXPECT_TRUE(rejects(CPO_K_TEMP, " 70", NULL))
		TH_LOG("leading blank");
	EXPECT_TRUE(rejects(CPO_K_TEMP, "inf", NULL))
		TH_LOG("inf");
	EXPECT_TRUE(parses(CPO_K_TEMP, ".5", NULL, 500))
		TH_LOG("a bare fraction");
	EXPECT_TRUE(cpo_is_unit(CPO_K_POWER, "dBm") && !cpo_is_unit(CPO_K_TEMP, "dBm"))
		TH_LOG("unit words");

}

TEST(format_values)
{
	char b[64];

	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_DB, 1534), "1.53 dB"))
		TH_LOG("path loss: dB, two decimals");
	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, 45149), "45.1 degC"))
		TH_LOG("temperature one decimal");
	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, 45150), "45.2 degC"))
		TH_LOG("temperature rounds half up");
	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, -4950), "-5.0 degC"))
		TH_LOG("negative temperature rounds away from zero");
	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_TEMP, -40), "0.0 degC"))
		TH_LOG("no negative zero");
	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_VOLT, 3300), "3.300 V"))
		TH_LOG("volt");
	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_POWER, 100000), "100.000 mW"))
		TH_LOG("milliwatt");
	EXPECT_TRUE(fmt_is(cpo_fmt_kind(b, sizeof(b), CPO_K_BIAS, 412345), "412.3 mA"))
		TH_LOG("bias mA");
	EXPECT_TRUE(fmt_is(cpo_fmt_dbm(b, sizeof(b), 100000), "20.00"))
		TH_LOG("100 mW is 20 dBm");
	EXPECT_TRUE(fmt_is(cpo_fmt_dbm(b, sizeof(b), 1000), "0.00"))
		TH_LOG("1 mW is 0 dBm");
	EXPECT_TRUE(fmt_is(cpo_fmt_dbm(b, sizeof(b), 0), "-inf"))
		TH_LOG("no light");
	EXPECT_TRUE(fabs(cpo_uw_to_dbm(500) + 3.0103) < 1e-3)
		TH_LOG("0.5 mW is -3.01 dBm");
	EXPECT_TRUE(fmt_is(cpo_fmt_fixed(b, sizeof(b), 71250, 3, 3), "71.250"))
		TH_LOG("fixed full precision");
	EXPECT_TRUE(fmt_is(cpo_fmt_fixed(b, sizeof(b), 7, 0, 0), "7"))
		TH_LOG("fixed integer");
}

TEST(parse_args)
{
	uint32_t v;
	bool on;

	EXPECT_TRUE(!cpo_parse_u32("12", 100, &v) && v == 12)
		TH_LOG("index");
	EXPECT_TRUE(cpo_parse_u32("101", 100, &v))
		TH_LOG("index above max");
	EXPECT_TRUE(cpo_parse_u32("-1", 100, &v))
		TH_LOG("negative index");
	EXPECT_TRUE(cpo_parse_u32("1x", 100, &v))
		TH_LOG("trailing garbage");
	EXPECT_TRUE(cpo_parse_u32("", 100, &v))
		TH_LOG("empty index");
	EXPECT_TRUE(!cpo_parse_onoff("on", &on) && on)
		TH_LOG("on");
	EXPECT_TRUE(!cpo_parse_onoff("off", &on) && !on)
		TH_LOG("off");
	EXPECT_TRUE(cpo_parse_onoff("maybe", &on))
		TH_LOG("bad on/off");
	EXPECT_TRUE(!cpo_parse_dev("cpo3", &v) && v == 3)
		TH_LOG("device by name");
	EXPECT_TRUE(!cpo_parse_dev("2", &v) && v == 2)
		TH_LOG("device by number");
	EXPECT_TRUE(cpo_parse_dev("eth0", &v))
		TH_LOG("bad device");
}

TEST(names)
{
	EXPECT_TRUE(cpo_quantity_by_name("laser-bias") == CPO_QUANTITY_LASER_BIAS)
		TH_LOG("quantity by name");
	EXPECT_TRUE(cpo_quantity_by_name("bogus") < 0)
		TH_LOG("unknown quantity");
	EXPECT_TRUE(cpo_quantity(CPO_QUANTITY_MAX) && !cpo_quantity(CPO_QUANTITY_MAX + 1))
		TH_LOG("every quantity has a name");
	EXPECT_TRUE(!strcmp(cpo_laser_state_str(CPO_LASER_STATE_FAULT), "fault") &&
	            !strcmp(cpo_laser_state_str(99), "unknown"))
		TH_LOG("state names");
	EXPECT_TRUE(!strcmp(cpo_event_type_str(CPO_EVENT_DEV_RESYNC), "dev-resync"))
		TH_LOG("event names");
}

TEST(index_lists)
{
	uint32_t l[] = { 1, 2, 300, 4000 };
	char b[16];

	EXPECT_TRUE(fmt_is(cpo_fmt_list(b, sizeof(b), l, 3), "1,2,300"))
		TH_LOG("index list");
	EXPECT_TRUE(fmt_is(cpo_fmt_list(b, 10, l, 4), "1,2,30..."))
		TH_LOG("long list ends in ...");
	EXPECT_TRUE(fmt_is(cpo_fmt_list(b, sizeof(b), l, 0), "-"))
		TH_LOG("empty list");
	{
		static const uint32_t r[] = { 0, 1, 2, 3, 5, 6, 9, 10, 11 };

		EXPECT_TRUE(fmt_is(cpo_fmt_list(b, sizeof(b), r, 9), "0-3,5,6,9-11"))
			TH_LOG("consecutive runs as ranges");
		EXPECT_TRUE(fmt_is(cpo_fmt_list(b, sizeof(b), r, 2), "0,1"))
			TH_LOG("a pair stays a pair");
	}
}

TEST(messages)
{
	char b[128];

	EXPECT_TRUE(fmt_is(cpo_fmt_no_object(b, sizeof(b), "ELSFP slot", "slots", 99, 0,
				    16),
		  "no ELSFP slot 99 on cpo0 (slots 0-15)"))
		TH_LOG("a missing object names itself, its device and the range");
	EXPECT_TRUE(fmt_is(cpo_fmt_no_object(b, sizeof(b), "port", "ports", 1, 2, 1),
		  "no port 1 on cpo2 (only port 0)"))
		TH_LOG("a range of one");
	EXPECT_TRUE(fmt_is(cpo_fmt_no_object(b, sizeof(b), "lane", "lanes", 3, 0, 0),
		  "no lane 3 on cpo0 (it has none)"))
		TH_LOG("an empty range");
	EXPECT_TRUE(fmt_is(cpo_fmt_no_object(b, sizeof(b), "laser", "lasers", 7, -1, 0),
		  "no laser 7 on any cpo device"))
		TH_LOG("on no device");
	EXPECT_TRUE(strstr(cpo_errno_words(-EPERM), "Operation not permitted") &&
	            strstr(cpo_errno_words(-EPERM), "CAP_NET_ADMIN"))
		TH_LOG("EPERM says what is needed");
	EXPECT_TRUE(strstr(cpo_errno_words(-ETIMEDOUT), "timed out") != NULL)
		TH_LOG("a timeout in words");

}

TEST(port_link)
{
	struct cpo_msg m;

	memset(&m, 0, sizeof(m));
	m.has[CPO_A_CARRIER] = true;
	m.u[CPO_A_CARRIER] = 1;
	m.has[CPO_A_ADMIN_UP] = true;
	m.has[CPO_A_OPER_UP] = true;
	EXPECT_TRUE(!cpo_port_link_up(&m))
		TH_LOG("port down with the optics up: the kernel's link is down");
	m.u[CPO_A_ADMIN_UP] = 1;
	m.u[CPO_A_OPER_UP] = 1;
	EXPECT_TRUE(cpo_port_link_up(&m))
		TH_LOG("port up with the optics up: link up");
	m.has[CPO_A_OPER_UP] = false;
	m.has[CPO_A_ADMIN_UP] = false;
	EXPECT_TRUE(cpo_port_link_up(&m))
		TH_LOG("an older kernel: the carrier it reports");
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

TEST(json)
{
	EXPECT_TRUE(fmt_is(json_of(doc, false),
		  "[{\"name\":\"a\\\"b\\\\c\\n\\u0001\",\"t\":-5,\"p\":1.50,"
		  "\"inf\":null,\"up\":true,\"lanes\":[1,2],\"empty\":[]}]\n"))
		TH_LOG("compact JSON with escapes");
	EXPECT_TRUE(strstr(json_of(doc, true), "\n    \"t\": -5,\n") != NULL)
		TH_LOG("pretty JSON indents");
}

static void numbers(struct cpo_json *j)
{
	cpo_json_obj_open(j, NULL);
	cpo_json_num(j, "temperature-c", 45.1, 3);
	cpo_json_num(j, "output-power-dbm", -3.0103, 2);
	cpo_json_num(j, "hours", 1234.6, 0);
	cpo_json_num(j, "nan", NAN, 2);
	cpo_json_uint(j, "ns", 18446744073709551615ULL);
	cpo_json_int(j, "raw", -2147483648LL);
	cpo_json_null(j, "ifname");
	cpo_json_obj_close(j);
	cpo_json_end(j);
}

/* Each unit keeps its fixed precision; what is absent is null. */
TEST(json_numbers)
{
	EXPECT_STREQ("{\"temperature-c\":45.100,\"output-power-dbm\":-3.01,"
		     "\"hours\":1235,\"nan\":null,"
		     "\"ns\":18446744073709551615,\"raw\":-2147483648,"
		     "\"ifname\":null}\n", json_of(numbers, false));
}

TEST(match_word)
{
	static const char *const w[] = { "laser", "lane", NULL, "threshold" };
	char c[64];

	EXPECT_EQ(0, cpo_match_word("laser", w, 4, c, sizeof(c)));
	EXPECT_EQ(1, cpo_match_word("lan", w, 4, c, sizeof(c)));
	EXPECT_EQ(3, cpo_match_word("th", w, 4, c, sizeof(c)));
	EXPECT_EQ(CPO_MATCH_AMBIGUOUS, cpo_match_word("la", w, 4, c, sizeof(c)));
	EXPECT_STREQ("laser, lane", c);
	EXPECT_EQ(CPO_MATCH_NONE, cpo_match_word("port", w, 4, c, sizeof(c)));
	EXPECT_EQ(CPO_MATCH_NONE, cpo_match_word("", w, 4, c, sizeof(c)));
	EXPECT_EQ(CPO_MATCH_NONE, cpo_match_word("lasers", w, 4, c, sizeof(c)));
}

/* Label values and help texts are escaped; numbers keep their precision. */
TEST(prom_format)
{
	struct cpo_prom_labels l;
	char buf[4096], v[40];
	size_t len;
	FILE *f;

	cpo_prom_labels_init(&l);
	cpo_prom_label(&l, "device", "cpo0");
	cpo_prom_label(&l, "ifname", "a\"b\\c\nd");
	cpo_prom_label_u(&l, "lane", 511);
	EXPECT_STREQ("device=\"cpo0\",ifname=\"a\\\"b\\\\c\\nd\",lane=\"511\"",
		     l.buf);
	EXPECT_STREQ("45.123", cpo_prom_value(v, sizeof(v), 45123 * 1e-3));
	EXPECT_STREQ("0.000501", cpo_prom_value(v, sizeof(v), 501 * 1e-6));
	EXPECT_STREQ("-Inf", cpo_prom_value(v, sizeof(v), -INFINITY));
	EXPECT_STREQ("NaN", cpo_prom_value(v, sizeof(v), NAN));
	EXPECT_EQ(CPO_DBM_FLOOR, cpo_dbm_floor(0)) TH_LOG("dark: the floor");
	EXPECT_EQ(0.0, cpo_dbm_floor(1000)) TH_LOG("1 mW is 0 dBm");
	EXPECT_EQ(-30.0, cpo_dbm_floor(1)) TH_LOG("1 uW is -30 dBm");

	f = fmemopen(buf, sizeof(buf), "w");
	ASSERT_NE(NULL, f);
	cpo_prom_family(f, "cpo_x_celsius", "gauge", "line\nback\\slash");
	cpo_prom_sample(f, "cpo_x_celsius", l.buf, "state=\"on\"", 1);
	cpo_prom_sample(f, "cpo_x_celsius", NULL, NULL, -2.5);
	fflush(f);
	len = ftell(f);
	fclose(f);
	buf[len < sizeof(buf) ? len : sizeof(buf) - 1] = '\0';
	EXPECT_STREQ("# HELP cpo_x_celsius line\\nback\\\\slash\n"
		     "# TYPE cpo_x_celsius gauge\n"
		     "cpo_x_celsius{device=\"cpo0\",ifname=\"a\\\"b\\\\c\\nd\",lane=\"511\",state=\"on\"} 1\n"
		     "cpo_x_celsius -2.5\n", buf);
}

/* A lane message as the kernel sends it, with its links. */
static uint32_t lane_port[] = { 3 }, lane_laser[] = { 9 };

static char *export_of(struct cpo_export *x, bool up, char *buf, size_t size)
{
	FILE *f = fmemopen(buf, size, "w");
	size_t len;

	if (!f)
		return NULL;
	cpo_export_prometheus(f, x, up);
	fflush(f);
	len = ftell(f);
	fclose(f);
	buf[len < size ? len : size - 1] = '\0';
	return buf;
}

/* Each object's values in base units under its labels, states one-hot. */
TEST(export_prometheus)
{
	static char buf[1 << 16];
	struct cpo_msg dev = { 0 }, lane = { 0 }, laser = { 0 }, port = { 0 };
	struct cpo_export x = { 0 };

	dev.has[CPO_A_DEV_INDEX] = true;
	dev.str[CPO_A_DEV_NAME] = "cpo0";
	dev.str[CPO_A_MODEL] = "M";
	dev.has[CPO_A_DEV_STATE] = true;
	dev.u[CPO_A_DEV_STATE] = CPO_DEV_STATE_OK;
	lane.u[CPO_A_LANE_INDEX] = 12;
	lane.u[CPO_A_OE_INDEX] = 1;
	lane.has[CPO_A_TX_POWER] = lane.has[CPO_A_RX_POWER] = true;
	lane.u[CPO_A_TX_POWER] = 1000;
	lane.u[CPO_A_RX_POWER] = 0;
	lane.has[CPO_A_STATE] = true;
	lane.u[CPO_A_STATE] = CPO_LANE_STATE_ACTIVATED;
	lane.u[CPO_A_LANE_STATUS] = CPO_LANE_STATUS_ENABLED |
				    CPO_LANE_STATUS_RX_LOS;
	lane.link[CPO_LINK_IDX(CPO_A_LINK_PORT)] = lane_port;
	lane.n_link[CPO_LINK_IDX(CPO_A_LINK_PORT)] = 1;
	lane.link[CPO_LINK_IDX(CPO_A_LINK_LASER)] = lane_laser;
	lane.n_link[CPO_LINK_IDX(CPO_A_LINK_LASER)] = 1;
	lane.alarm[0].quantity = CPO_QUANTITY_LANE_RX_POWER;
	lane.alarm[0].severity = CPO_SEVERITY_ALARM;
	lane.alarm[0].direction = CPO_DIRECTION_LOW;
	lane.n_alarms = 1;
	lane.hist[0].quantity = CPO_QUANTITY_LANE_RX_POWER;
	lane.hist[0].severity = CPO_SEVERITY_ALARM;
	lane.hist[0].direction = CPO_DIRECTION_LOW;
	lane.hist[0].changes = 3;
	lane.hist[0].last_set = 1764431234500000000ULL;
	lane.n_hist = 1;
	laser.u[CPO_A_LASER_INDEX] = 9;
	laser.u[CPO_A_ELS_INDEX] = 2;
	laser.has[CPO_A_BIAS] = true;
	laser.u[CPO_A_BIAS] = 512000;
	port.u[CPO_A_PORT_INDEX] = 3;
	port.str[CPO_A_IFNAME] = "eth3";
	x.m[CPO_X_DEV].v = &dev;
	x.m[CPO_X_DEV].n = 1;
	x.m[CPO_X_LANE].v = &lane;
	x.m[CPO_X_LANE].n = 1;
	x.m[CPO_X_LASER].v = &laser;
	x.m[CPO_X_LASER].n = 1;
	x.m[CPO_X_PORT].v = &port;
	x.m[CPO_X_PORT].n = 1;

	ASSERT_NE(NULL, export_of(&x, true, buf, sizeof(buf)));
#define L "device=\"cpo0\",oe=\"1\",lane=\"12\",port=\"3\",ifname=\"eth3\",laser=\"9\",slot=\"2\""
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_tx_power_watts{" L "} 0.001\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_tx_power_dbm{" L "} 0\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_rx_power_dbm{" L "} -40\n"))
		TH_LOG("a dark lane is the floor, not -Inf");
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_rx_los{" L "} 1\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_tx_los{" L "} 0\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_state{" L ",state=\"activated\"} 1\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_state{" L ",state=\"init\"} 0\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_alarm{" L ",quantity=\"lane-rx-power\",severity=\"alarm\",direction=\"low\"} 1\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_alarm{" L ",quantity=\"lane-tx-power\",severity=\"alarm\",direction=\"low\"} 0\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_alarm_changes_total{" L ",quantity=\"lane-rx-power\",severity=\"alarm\",direction=\"low\"} 3\n"));
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_alarm_changes_total{" L ",quantity=\"lane-tx-power\",severity=\"alarm\",direction=\"low\"} 0\n"))
		TH_LOG("a flag that never changed counts 0");
	EXPECT_NE(NULL, strstr(buf, "\ncpo_lane_alarm_last_set_timestamp_seconds{" L ",quantity=\"lane-rx-power\",severity=\"alarm\",direction=\"low\"} 1764431234.5\n"));
	EXPECT_EQ(NULL, strstr(buf, "\ncpo_lane_alarm_last_clear_timestamp_seconds{"))
		TH_LOG("never cleared: no sample");
#undef L
	EXPECT_NE(NULL, strstr(buf, "\ncpo_laser_bias_current_amperes{device=\"cpo0\",slot=\"2\",laser=\"9\"} 0.512\n"));
	EXPECT_EQ(NULL, strstr(buf, "cpo_laser_temperature_celsius{"))
		TH_LOG("a value the kernel left out has no sample");
	EXPECT_NE(NULL, strstr(buf, "\n# TYPE cpo_device_up gauge\ncpo_device_up{device=\"cpo0\"} 1\n"));
	EXPECT_NE(NULL, strstr(buf, "cpo_export_up 1\n"));

	x.has_dev = true;
	x.dev = 1;
	ASSERT_NE(NULL, export_of(&x, true, buf, sizeof(buf)));
	EXPECT_EQ(NULL, strstr(buf, "cpo_lane_")) TH_LOG("-d: that device only");

	ASSERT_NE(NULL, export_of(&x, false, buf, sizeof(buf)));
	EXPECT_STREQ("# HELP cpo_export_up 1 when cpoctl read every device, 0 when it could not\n"
		     "# TYPE cpo_export_up gauge\ncpo_export_up 0\n", buf);
}

TEST_HARNESS_MAIN
