// SPDX-License-Identifier: GPL-2.0
/*
 * cpoctl: show and control co-packaged optics devices through the "cpo"
 * generic netlink family.  See Documentation/cpo/cpoctl.8.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cpoctl.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static struct {
	bool json;
	bool pretty;
	bool openconfig;
	bool has_dev;
	uint32_t dev;
} opt;

static struct cpo_nl *nl;
static struct cpo_json js;

/* What the value of a "set" option is and how it is parsed. */
enum set_type {
	SET_ONOFF,	/* on|off (1|0, true|false): u8 */
	SET_POWER,	/* optical power: bare uW, or with dBm, mW, uW */
	SET_QUANTITY,	/* a value of the quantity being set, any unit of it */
};

/*
 * Every option of every "OBJ set": the one table the parser, the help
 * text and (through tests/check-usage.py) the man page follow.
 */
static const struct set_opt {
	const char *obj;	/* "laser" */
	const char *name;	/* "power" */
	enum set_type type;
	const char *value;	/* the value in the help: "on|off" */
	int64_t min, max;	/* range of the raw value sent */
	uint16_t attr;		/* CPO_A_* */
	uint8_t size;		/* 1: u8, 4: u32 or s32 */
} set_opts[] = {
	{ "laser", "enable", SET_ONOFF, "on|off", 0, 1, CPO_A_ENABLED, 1 },
	{ "laser", "power", SET_POWER, "VALUE [dBm|mW|uW]", 0, UINT32_MAX,
	  CPO_A_SETPOINT, 4 },
	{ "lane", "enable", SET_ONOFF, "on|off", 0, 1, CPO_A_ENABLED, 1 },
	{ "port", "low-power", SET_ONOFF, "on|off", 0, 1, CPO_A_LOW_POWER, 1 },
	{ "threshold", "high-alarm", SET_QUANTITY, "V", INT32_MIN, INT32_MAX,
	  CPO_A_HIGH_ALARM, 4 },
	{ "threshold", "low-alarm", SET_QUANTITY, "V", INT32_MIN, INT32_MAX,
	  CPO_A_LOW_ALARM, 4 },
	{ "threshold", "high-warn", SET_QUANTITY, "V", INT32_MIN, INT32_MAX,
	  CPO_A_HIGH_WARN, 4 },
	{ "threshold", "low-warn", SET_QUANTITY, "V", INT32_MIN, INT32_MAX,
	  CPO_A_LOW_WARN, 4 },
};

/*
 * One line of help per command, by object; a "set" line (@set) goes on
 * with the object's options from set_opts[].
 */
static const struct {
	const char *obj;
	const char *line;
	bool set;
} help_lines[] = {
	{ "dev", "dev show", false },
	{ "oe", "oe show [OE]", false },
	{ "oe", "oe failover OE [spare SPARE]", false },
	{ "els", "els show [SLOT]", false },
	{ "els", "els remove SLOT [timeout MS] [on-timeout proceed|abort] [-y]", false },
	{ "els", "els answer SLOT REQUEST proceed|abort", false },
	{ "laser", "laser show [LASER] [els SLOT] [port PORT|IFNAME]", false },
	{ "laser", "laser set LASER", true },
	{ "laser", "laser failover LASER [spare SPARE]", false },
	{ "laser", "laser remove LASER [timeout MS] [on-timeout proceed|abort] [-y]", false },
	{ "lane", "lane show [LANE] [oe OE] [port PORT|IFNAME]", false },
	{ "lane", "lane set LANE", true },
	{ "port", "port show [PORT|IFNAME]", false },
	{ "port", "port set PORT|IFNAME", true },
	{ "threshold", "threshold show [QUANTITY]", false },
	{ "threshold", "threshold set QUANTITY", true },
	{ "health", "health", false },
	{ "monitor", "monitor", false },
	{ "topology", "topology show", false },
	{ "export", "export --prometheus [--output FILE] [--interval SECONDS]",
	  false },
};

/* The object of the command line, for "see 'cpoctl OBJ help'". */
static const char *cur_obj;

static unsigned int n_set_opts(const char *obj)
{
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(set_opts); i++)
		n += !strcmp(set_opts[i].obj, obj);
	return n;
}

/*
 * The options of "@obj set" as the help shows them: "NAME VALUE" when
 * it is the only one, else each in brackets.
 */
static void print_set_opts(FILE *f, const char *obj)
{
	bool one = n_set_opts(obj) == 1;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(set_opts); i++)
		if (!strcmp(set_opts[i].obj, obj))
			fprintf(f, one ? " %s %s" : " [%s %s]",
				set_opts[i].name, set_opts[i].value);
}

/* Help for @obj, or for everything when @obj is NULL. */
static void usage(FILE *f, const char *obj)
{
	unsigned int i;

	fprintf(f,
"Usage: cpoctl [-j|--json] [-p|--pretty] [--openconfig] [-d|--dev DEV] OBJECT [COMMAND] [ARGS]\n"
"       cpoctl [-h|--help|help]\n"
"       cpoctl OBJECT help\n");
	for (i = 0; i < ARRAY_SIZE(help_lines); i++)
		if (!obj || !strcmp(obj, help_lines[i].obj)) {
			fprintf(f, "  %s", help_lines[i].line);
			if (help_lines[i].set)
				print_set_opts(f, help_lines[i].obj);
			fputc('\n', f);
		}
	if (!obj || !strcmp(obj, "threshold"))
		fprintf(f,
"QUANTITY: oe-temp oe-vcc lane-tx-power lane-rx-power els-temp els-vcc\n"
"          els-tec laser-bias laser-power laser-temp laser-path-loss\n");
	if (obj && strcmp(obj, "health") && strcmp(obj, "monitor") &&
	    strcmp(obj, "export"))
		fprintf(f, "COMMAND defaults to 'show'.\n");
}

/* A usage error: one line, and where the help is. */
/* a number from the uapi, as text in a literal */
#define CPOCTL_STR_(x)	#x
#define CPOCTL_STR(x)	CPOCTL_STR_(x)

static int usage_err(const char *fmt, const char *arg)
{
	fprintf(stderr, "cpoctl: ");
	fprintf(stderr, fmt, arg ? arg : "");
	if (cur_obj)
		fprintf(stderr, "; see 'cpoctl %s help'\n", cur_obj);
	else
		fprintf(stderr, "; see 'cpoctl help'\n");
	return CPOCTL_EXIT_USAGE;
}

/*
 * @arg as one of @n @words (exact, or the prefix of one); on an ambiguous
 * prefix say which words it could be.  Returns the index,
 * CPO_MATCH_NONE for the caller's own error, or CPO_MATCH_AMBIGUOUS once
 * the error is printed.
 */
static int match(const char *arg, const char *const *words, unsigned int n,
		 const char *what)
{
	char cands[256];
	int i = cpo_match_word(arg, words, n, cands, sizeof(cands));

	if (i != CPO_MATCH_AMBIGUOUS)
		return i;
	fprintf(stderr, "cpoctl: ambiguous %s '%s': %s; see 'cpoctl %s%s'\n",
		what, arg, cands, cur_obj ? cur_obj : "help",
		cur_obj ? " help" : "");
	return i;
}

static int unknown_cmd(const char *cmd)
{
	fprintf(stderr, "cpoctl: unknown command '%s' for %s; see 'cpoctl %s help'\n",
		cmd, cur_obj, cur_obj);
	return CPOCTL_EXIT_USAGE;
}

/* "OBJ help" and "OBJ --help": the object's help on stdout. */
static bool is_help(const char *s)
{
	return !strcmp(s, "help") || !strcmp(s, "-h") || !strcmp(s, "--help");
}

static int nl_open(void)
{
	if (nl)
		return 0;
	nl = cpo_nl_open();
	if (!nl) {
		fprintf(stderr,
			"cpoctl: cannot reach the cpo netlink family (is cpo.ko loaded?)\n");
		return -1;
	}
	return 0;
}

/*
 * A request the kernel refused: "cpoctl: CONTEXT: WORDS", then the
 * kernel's own reason (its extack message) when it gave one.
 */
static int report(int err, const char *ctx)
{
	const char *ext = nl ? cpo_nl_extack(nl) : NULL;

	fprintf(stderr, "cpoctl: %s: %s", ctx, cpo_errno_words(err));
	if (ext)
		fprintf(stderr, " (kernel: %s)", ext);
	fprintf(stderr, "\n");
	return CPOCTL_EXIT_ERR;
}

/* Run @r; on failure say what failed (@ctx) and the kernel's reason. */
static int call(struct cpo_req *r, struct cpo_msgs *out, const char *ctx)
{
	int err;

	if (nl_open())
		return CPOCTL_EXIT_ERR;
	err = cpo_nl_call(nl, r, out);
	if (err)
		return report(err, ctx);
	return 0;
}

/* ---- devices and object indices ---- */

/* What an index attribute names, in words. */
struct obj_desc {
	uint8_t cmd;		/* CPO_CMD_*_GET */
	int key;		/* CPO_A_*_INDEX */
	int count;		/* CPO_A_N_* of the device message */
	const char *one;	/* "ELSFP slot" */
	const char *many;	/* "ELSFP slots" */
	const char *range;	/* "slots", in "(slots 0-15)" */
};

static const struct obj_desc obj_descs[] = {
	{ CPO_CMD_DEV_GET, CPO_A_DEV_INDEX, 0, "device", "devices", "devices" },
	{ CPO_CMD_OE_GET, CPO_A_OE_INDEX, CPO_A_N_OE, "optical engine",
	  "optical engines", "engines" },
	{ CPO_CMD_ELS_GET, CPO_A_ELS_INDEX, CPO_A_N_ELS, "ELSFP slot",
	  "ELSFP slots", "slots" },
	{ CPO_CMD_LASER_GET, CPO_A_LASER_INDEX, CPO_A_N_LASERS, "laser",
	  "lasers", "lasers" },
	{ CPO_CMD_LANE_GET, CPO_A_LANE_INDEX, CPO_A_N_LANES, "lane", "lanes",
	  "lanes" },
	{ CPO_CMD_PORT_GET, CPO_A_PORT_INDEX, CPO_A_N_PORTS, "port", "ports",
	  "ports" },
	{ CPO_CMD_THRESHOLD_GET, CPO_A_QUANTITY, 0, "quantity", "thresholds",
	  "quantities" },
};

static const struct obj_desc *desc_by_key(int key)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(obj_descs); i++)
		if (obj_descs[i].key == key)
			return &obj_descs[i];
	return NULL;
}

static const struct obj_desc *desc_by_cmd(uint8_t cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(obj_descs); i++)
		if (obj_descs[i].cmd == cmd)
			return &obj_descs[i];
	return NULL;
}

/* Every device, read once; and the one a single get or set goes to. */
static struct cpo_msgs devs;
static uint32_t do_dev;

static const struct cpo_msg *find_dev(uint32_t index)
{
	unsigned int i;

	for (i = 0; i < devs.n; i++)
		if (devs.v[i].u[CPO_A_DEV_INDEX] == index)
			return &devs.v[i];
	return NULL;
}

/*
 * Before a command talks to devices: the device -d names must exist, and
 * without -d there must be one (unless @any is false: monitor waits for
 * them).  Gets and sets of one object go to the -d device, or the first.
 */
static int prepare(bool any)
{
	static bool prepared;
	struct cpo_req r;
	int err;

	if (prepared)
		return 0;
	if (nl_open())
		return CPOCTL_EXIT_ERR;
	cpo_req_init(&r, CPO_CMD_DEV_GET, true);
	err = call(&r, &devs, "cannot list the cpo devices");
	if (err)
		return err;
	if (opt.has_dev && !find_dev(opt.dev)) {
		fprintf(stderr, "cpoctl: no device cpo%u\n", opt.dev);
		return CPOCTL_EXIT_ERR;
	}
	if (any && !devs.n) {
		fprintf(stderr, "cpoctl: no cpo device (none is bound to cpo.ko)\n");
		return CPOCTL_EXIT_ERR;
	}
	do_dev = opt.has_dev ? opt.dev :
		 devs.n ? (uint32_t)devs.v[0].u[CPO_A_DEV_INDEX] : 0;
	prepared = true;
	return 0;
}

/*
 * Index @idx of @key must name an object: on the device a single get or
 * set goes to (@one_dev), or else on at least one of the devices a dump
 * covers.  Otherwise say which object does not exist, with the range.
 */
static int check_index(int key, uint32_t idx, bool one_dev)
{
	const struct obj_desc *d = desc_by_key(key);
	const struct cpo_msg *dev;
	char msg[160];
	unsigned int i;

	if (!d || !d->count)
		return 0;
	if (one_dev || opt.has_dev || devs.n == 1) {
		dev = find_dev(one_dev || opt.has_dev ? do_dev :
			       (uint32_t)devs.v[0].u[CPO_A_DEV_INDEX]);
		if (!dev || idx < dev->u[d->count])
			return 0;
		cpo_fmt_no_object(msg, sizeof(msg), d->one, d->range, idx,
				  (int)dev->u[CPO_A_DEV_INDEX],
				  dev->u[d->count]);
	} else {
		for (i = 0; i < devs.n; i++)
			if (idx < devs.v[i].u[d->count])
				return 0;
		cpo_fmt_no_object(msg, sizeof(msg), d->one, d->range, idx, -1,
				  0);
	}
	fprintf(stderr, "cpoctl: %s\n", msg);
	return CPOCTL_EXIT_ERR;
}

static void req_dev(struct cpo_req *r)
{
	if (opt.has_dev || !r->dump)
		cpo_req_u32(r, CPO_A_DEV_INDEX, opt.has_dev ? opt.dev : do_dev);
}

/* Fetch one object (@idx >= 0) or dump all of a kind. */
static int fetch(uint8_t cmd, int key, int64_t idx, struct cpo_req *extra,
		 struct cpo_msgs *out)
{
	const struct obj_desc *d = desc_by_cmd(cmd);
	struct cpo_req r;
	char ctx[96];
	unsigned int i;

	cpo_req_init(&r, cmd, idx < 0);
	req_dev(&r);
	if (idx >= 0)
		cpo_req_u32(&r, key, (uint32_t)idx);
	for (i = 0; extra && i < extra->n; i++)
		cpo_req_u32(&r, extra->a[i].type, extra->a[i].value);
	if (idx >= 0 && cmd == CPO_CMD_THRESHOLD_GET)
		snprintf(ctx, sizeof(ctx), "cannot read the %s thresholds of cpo%u",
			 cpo_quantity_str(idx),
			 do_dev);
	else if (idx >= 0)
		snprintf(ctx, sizeof(ctx), "cannot read %s %u on cpo%u",
			 d ? d->one : "object", (unsigned int)idx, do_dev);
	else
		snprintf(ctx, sizeof(ctx), "cannot read the %s",
			 d ? d->many : "objects");
	return call(&r, out, ctx);
}

/*
 * Send set request @r for object @idx of index attribute @key (< 0: the
 * device itself) once both exist; on failure "cpoctl: WHAT IDX on cpoN:
 * reason (kernel: its reason)".
 */
static int set_call(struct cpo_req *r, int key, uint32_t idx,
		    const char *what)
{
	char ctx[128];
	int err;

	err = prepare(true);
	if (err)
		return err;
	if (key >= 0 && check_index(key, idx, true))
		return CPOCTL_EXIT_ERR;
	req_dev(r);
	if (key >= 0)
		snprintf(ctx, sizeof(ctx), "%s %u on cpo%u", what, idx, do_dev);
	else
		snprintf(ctx, sizeof(ctx), "%s of cpo%u", what, do_dev);
	return call(r, NULL, ctx);
}

/* ---- shared output pieces ---- */

static void json_links(const struct cpo_msg *m, int attr, const char *key)
{
	unsigned int k = CPO_LINK_IDX(attr), i;

	cpo_json_arr_open(&js, key);
	for (i = 0; i < m->n_link[k]; i++)
		cpo_json_uint(&js, NULL, m->link[k][i]);
	cpo_json_arr_close(&js);
}

static const char *links(const struct cpo_msg *m, int attr, char *buf,
			 size_t len)
{
	unsigned int k = CPO_LINK_IDX(attr);

	return cpo_fmt_list(buf, len, m->link[k], m->n_link[k]);
}

/* CLOCK_REALTIME ns as UTC "2026-11-29T16:20:01.123456789Z", or null */
static void json_time_ns(const char *key, uint64_t ns)
{
	time_t sec = (time_t)(ns / 1000000000ULL);
	char t[32], buf[48];
	struct tm tm;

	if (!ns || !gmtime_r(&sec, &tm)) {
		cpo_json_null(&js, key);
		return;
	}
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "%s.%09lluZ", t,
		 (unsigned long long)(ns % 1000000000ULL));
	cpo_json_str(&js, key, buf);
}

/* The flags of the object that ever changed, with their history. */
static void json_alarm_hist(const struct cpo_msg *m)
{
	unsigned int i;

	cpo_json_arr_open(&js, "alarm-history");
	for (i = 0; i < m->n_hist; i++) {
		const struct cpo_alarm_hist *h = &m->hist[i];

		cpo_json_obj_open(&js, NULL);
		cpo_json_str(&js, "quantity", cpo_quantity_str(h->quantity));
		cpo_json_str(&js, "severity", cpo_severity_str(h->severity));
		cpo_json_str(&js, "direction", cpo_direction_str(h->direction));
		cpo_json_uint(&js, "changes", h->changes);
		json_time_ns("last-set", h->last_set);
		json_time_ns("last-clear", h->last_clear);
		cpo_json_obj_close(&js);
	}
	cpo_json_arr_close(&js);
}

static void json_alarms(const struct cpo_msg *m)
{
	unsigned int i;

	cpo_json_arr_open(&js, "alarms");
	for (i = 0; i < m->n_alarms; i++) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_str(&js, "quantity",
			     cpo_quantity_str(m->alarm[i].quantity));
		cpo_json_str(&js, "severity",
			     cpo_severity_str(m->alarm[i].severity));
		cpo_json_str(&js, "direction",
			     cpo_direction_str(m->alarm[i].direction));
		cpo_json_obj_close(&js);
	}
	cpo_json_arr_close(&js);
	cpo_json_bool(&js, "stale", m->has[CPO_A_STALE]);
	json_alarm_hist(m);
}

static const char *alarms(const struct cpo_msg *m, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	snprintf(buf, len, "-");
	for (i = 0; i < m->n_alarms && used < len; i++) {

		used += snprintf(buf + used, len - used, "%s%s:%s-%s",
				 i ? "," : "",
				 cpo_quantity_str(m->alarm[i].quantity),
				 cpo_direction_str(m->alarm[i].direction),
				 cpo_severity_str(m->alarm[i].severity));
	}
	if (m->has[CPO_A_STALE] && used < len)
		snprintf(buf + used, len - used, "%sstale", used ? "," : "");
	return buf;
}

static void json_kind(const char *key, enum cpo_kind kind, int64_t raw)
{
	static const int decimals[] = {
		[CPO_K_TEMP] = 3, [CPO_K_VOLT] = 3, [CPO_K_POWER] = 3,
		[CPO_K_BIAS] = 3, [CPO_K_CURR] = 0, [CPO_K_DB] = 3,
	};

	cpo_json_num(&js, key, cpo_kind_user(kind, raw), decimals[kind]);
}

static void json_dbm(const char *key, int64_t uw)
{
	cpo_json_num(&js, key, cpo_uw_to_dbm(uw), 2);
}

/*
 * Attribute @attr of @m in the user unit of @k, or null when the message
 * leaves it out: the kernel does so for what is not there (an empty
 * slot, its lasers), and that is no zero.
 */
static void json_attr(const struct cpo_msg *m, const char *key,
		      enum cpo_kind k, int attr)
{
	if (m->has[attr])
		json_kind(key, k, cpo_msg_s(m, attr));
	else
		cpo_json_null(&js, key);
}

static void json_attr_dbm(const struct cpo_msg *m, const char *key, int attr)
{
	if (m->has[attr])
		json_dbm(key, m->u[attr]);
	else
		cpo_json_null(&js, key);
}

static void json_attr_uint(const struct cpo_msg *m, const char *key, int attr)
{
	if (m->has[attr])
		cpo_json_uint(&js, key, m->u[attr]);
	else
		cpo_json_null(&js, key);
}

static void json_attr_str(const struct cpo_msg *m, const char *key, int attr,
			  const char *v)
{
	if (m->has[attr])
		cpo_json_str(&js, key, v);
	else
		cpo_json_null(&js, key);
}

static const char *kind(enum cpo_kind k, int64_t raw, char *buf, size_t len)
{
	char *sp;

	/* the number alone: the table header carries the unit */
	cpo_fmt_kind(buf, len, k, raw);
	sp = strchr(buf, ' ');
	if (sp)
		*sp = '\0';
	return buf;
}

/* The number of attribute @attr for a table, or "-" when left out. */
static const char *kind_attr(const struct cpo_msg *m, enum cpo_kind k,
			     int attr, char *buf, size_t len)
{
	if (!m->has[attr])
		return "-";
	return kind(k, cpo_msg_s(m, attr), buf, len);
}

static const char *dbm_attr(const struct cpo_msg *m, int attr, char *buf,
			    size_t len)
{
	if (!m->has[attr])
		return "-";
	return cpo_fmt_dbm(buf, len, m->u[attr]);
}

/* An integer attribute for a table, or "-". */
static const char *int_attr(const struct cpo_msg *m, int attr, char *buf,
			    size_t len)
{
	if (!m->has[attr])
		return "-";
	snprintf(buf, len, "%lld", (long long)cpo_msg_s(m, attr));
	return buf;
}

static const char *str_attr(const struct cpo_msg *m, int attr, const char *v)
{
	return m->has[attr] ? v : "-";
}

static void out_begin(void)
{
	if (opt.json)
		cpo_json_arr_open(&js, NULL);
}

static void out_end(void)
{
	if (opt.json) {
		cpo_json_arr_close(&js);
		cpo_json_end(&js);
	}
}

/* ---- the show path every object shares ---- */

/* Fetch one object (@idx >= 0) or all of a kind and print each with @show. */
static int show_all(uint8_t cmd, int key, int64_t idx, struct cpo_req *filters,
		    void (*show)(const struct cpo_msg *m, bool head))
{
	struct cpo_msgs ms = { 0 };
	unsigned int i;
	int err;

	err = fetch(cmd, key, idx, filters, &ms);
	if (err)
		return err;
	out_begin();
	for (i = 0; i < ms.n; i++)
		show(&ms.v[i], i == 0);
	out_end();
	cpo_msgs_free(&ms);
	return 0;
}

/* A port number, or a netdev name found by dumping the ports. */
static int resolve_port(const char *s, uint32_t *port)
{
	struct cpo_msgs ms = { 0 };
	unsigned int i;
	int err;

	if (!cpo_parse_u32(s, 0xffff, port))
		return 0;
	err = fetch(CPO_CMD_PORT_GET, 0, -1, NULL, &ms);
	if (err)
		return err;
	err = -1;
	for (i = 0; i < ms.n; i++) {
		const char *n = ms.v[i].str[CPO_A_IFNAME];

		if (n && !strcmp(n, s)) {
			*port = ms.v[i].u[CPO_A_PORT_INDEX];
			/* the rest of the command is about its device */
			if (!opt.has_dev) {
				opt.has_dev = true;
				opt.dev = ms.v[i].u[CPO_A_DEV_INDEX];
				do_dev = opt.dev;
			}
			err = 0;
			break;
		}
	}
	cpo_msgs_free(&ms);
	if (err && opt.has_dev)
		fprintf(stderr, "cpoctl: no port named '%s' on cpo%u\n", s,
			opt.dev);
	else if (err)
		fprintf(stderr, "cpoctl: no cpo port named '%s'\n", s);
	return err;
}

/* "NAME INDEX" after "OBJ show" asks only for objects with @attr == INDEX. */
struct show_filter {
	const char *name;
	int attr;
	bool port;		/* INDEX may also be a netdev name */
};

/* "OBJ show [INDEX] [NAME INDEX]...": what to fetch and how to print it. */
struct show_spec {
	uint8_t cmd;		/* CPO_CMD_*_GET */
	int key;		/* attribute carrying the object's index */
	const struct show_filter *filters;
	unsigned int n_filters;
	void (*show)(const struct cpo_msg *m, bool head);
};

static const struct show_filter *show_filter(const struct show_spec *sp,
					     const char *name)
{
	const char *names[4];
	unsigned int k;
	int i;

	for (k = 0; k < sp->n_filters && k < ARRAY_SIZE(names); k++)
		names[k] = sp->filters[k].name;
	i = cpo_match_word(name, names, k, NULL, 0);
	return i >= 0 ? &sp->filters[i] : NULL;
}

/* [INDEX] then "NAME INDEX" filters; returns -2 on a usage error. */
static int parse_show_args(int argc, char **argv, const struct show_spec *sp,
			   int64_t *idx, struct cpo_req *filters)
{
	int i = 0;

	*idx = -1;
	if (i < argc && argv[i][0] >= '0' && argv[i][0] <= '9') {
		uint32_t v;

		if (cpo_parse_u32(argv[i], 0xffff, &v))
			return usage_err("bad index '%s'", argv[i]) ? -2 : -2;
		*idx = v;
		i++;
	}
	for (; i < argc; i += 2) {
		const struct show_filter *sf = show_filter(sp, argv[i]);
		uint32_t v;

		if (!sf)
			return usage_err("unknown argument '%s'", argv[i]) ? -2 : -2;
		if (i + 1 >= argc)
			return usage_err("'%s' needs an index", argv[i]) ? -2 : -2;
		/* a netdev name: show_cmd() turns it into a number */
		if (sf->port && (argv[i + 1][0] < '0' || argv[i + 1][0] > '9'))
			continue;
		if (cpo_parse_u32(argv[i + 1], 0xffff, &v)) {
			usage_err("bad index '%s'", argv[i + 1]);
			return -2;
		}
		cpo_req_u32(filters, sf->attr, v);
	}
	return 0;
}

/*
 * Run "OBJ show" with the arguments after "show".  A netdev name given to a
 * port filter is first turned into its port number, each into a string of
 * its own, so that parse_show_args() sees numbers only.
 */
static int show_cmd(const struct show_spec *sp, int argc, char **argv)
{
	char (*num)[16] = NULL;
	struct cpo_req f;
	unsigned int k;
	int64_t idx;
	int i, err;

	cpo_req_init(&f, 0, false);
	err = parse_show_args(argc, argv, sp, &idx, &f);
	if (err)
		return CPOCTL_EXIT_USAGE;
	err = prepare(true);
	if (err)
		return err;
	for (i = 0; i + 1 < argc; i++) {
		const struct show_filter *sf = show_filter(sp, argv[i]);
		uint32_t p;

		if (!sf || !sf->port ||
		    (argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9'))
			continue;
		if (!num)
			num = calloc(argc, sizeof(*num));
		if (!num) {
			fprintf(stderr, "cpoctl: %s\n", strerror(ENOMEM));
			return CPOCTL_EXIT_ERR;
		}
		if (resolve_port(argv[i + 1], &p)) {
			free(num);
			return CPOCTL_EXIT_ERR;
		}
		snprintf(num[i + 1], sizeof(num[i + 1]), "%u", p);
		argv[i + 1] = num[i + 1];
	}
	cpo_req_init(&f, 0, false);
	err = parse_show_args(argc, argv, sp, &idx, &f);
	free(num);
	if (err)
		return CPOCTL_EXIT_USAGE;
	if (idx >= 0 && check_index(sp->key, idx, true))
		return CPOCTL_EXIT_ERR;
	for (k = 0; k < f.n; k++)
		if (check_index(f.a[k].type, f.a[k].value, false))
			return CPOCTL_EXIT_ERR;
	return show_all(sp->cmd, sp->key, idx, &f, sp->show);
}

/* The commands of each object; "help" is one of them. */
static const char *const show_cmds[] = { "show", "help" };
static const char *const show_set_cmds[] = { "show", "set", "help" };
static const char *const oe_cmds[] = { "show", "failover", "help" };
static const char *const laser_cmds[] = { "show", "set", "failover", "remove",
					  "help" };
static const char *const els_cmds[] = { "show", "remove", "answer", "help" };
static const char *const help_cmd[] = { "help" };

/*
 * The command word after OBJ, one of @cmds or the prefix of one: none
 * means "show"; "help" prints the object's help.  Returns the command's
 * full name, the word itself when it is no command (for unknown_cmd()),
 * or NULL when the line is handled (help, an ambiguous prefix) and *@ret
 * holds the exit status.
 */
static const char *obj_cmd(int argc, char **argv, const char *const *cmds,
			   unsigned int n, int *ret)
{
	int i;

	if (argc < 1)
		return "show";
	i = is_help(argv[0]) ? CPO_MATCH_NONE :
	    match(argv[0], cmds, n, "command");
	if (i == CPO_MATCH_AMBIGUOUS) {
		*ret = CPOCTL_EXIT_USAGE;
		return NULL;
	}
	if (is_help(argv[0]) || (i >= 0 && !strcmp(cmds[i], "help"))) {
		usage(stdout, cur_obj);
		*ret = 0;
		return NULL;
	}
	if (opt.openconfig && i >= 0 && strcmp(cmds[i], "show")) {
		*ret = usage_err("--openconfig goes with show, not with %s", cmds[i]);
		return NULL;
	}
	return i >= 0 ? cmds[i] : argv[0];
}

#define OBJ_CMD(cmds, ret) obj_cmd(argc, argv, cmds, ARRAY_SIZE(cmds), ret)

/* ---- OpenConfig names (--openconfig) ---- */

/*
 * Engines, lanes, slots and lasers under openconfig-platform-transceiver
 * leaf names and units: see Documentation/cpo/openconfig.rst.  A value
 * the kernel leaves out is a leaf left out, never null; a dark lane is
 * CPO_DBM_FLOOR dBm, never -inf.
 */

/* The unit of an OpenConfig leaf, from the raw unit of a quantity. */
enum oc_unit {
	OC_DBM,		/* microwatt -> dBm, 2 decimals, floored */
	OC_BIAS,	/* microampere -> mA, 2 decimals */
	OC_CELSIUS,	/* millidegree -> degC, 1 decimal */
	OC_VOLT,	/* millivolt -> V, 2 decimals */
	OC_MA,		/* milliampere -> mA, 2 decimals */
};

static double oc_val(enum oc_unit u, int64_t raw)
{
	switch (u) {
	case OC_DBM:
		return cpo_dbm_floor(raw);
	case OC_BIAS:
	case OC_CELSIUS:
	case OC_VOLT:
		return raw / 1000.0;
	default:
		return (double)raw;
	}
}

static void oc_num(const char *key, enum oc_unit u, int64_t raw)
{
	cpo_json_num(&js, key, oc_val(u, raw), u == OC_CELSIUS ? 1 : 2);
}

static const struct cpo_stat *oc_stat(const struct cpo_msg *m, unsigned int q)
{
	unsigned int i;

	for (i = 0; i < m->n_stats; i++)
		if (m->stat[i].quantity == q)
			return &m->stat[i];
	return NULL;
}

/*
 * "KEY": {instant, then avg, min, max, interval, min-time, max-time of
 * the driver's last complete 10 s interval once there is one}.
 */
static void oc_stats(const char *key, const struct cpo_msg *m, int attr,
		     unsigned int q, enum oc_unit u)
{
	const struct cpo_stat *st = oc_stat(m, q);

	if (!m->has[attr])
		return;
	cpo_json_obj_open(&js, key);
	oc_num("instant", u, cpo_msg_s(m, attr));
	if (st) {
		oc_num("avg", u, st->avg);
		oc_num("min", u, st->min);
		oc_num("max", u, st->max);
		cpo_json_uint(&js, "interval", st->interval);
		cpo_json_uint(&js, "min-time", st->min_time);
		cpo_json_uint(&js, "max-time", st->max_time);
	}
	cpo_json_obj_close(&js);
}

/* The thresholds of every device, read once for --openconfig. */
static struct cpo_msgs oc_thresh;
static bool oc_thresh_read;

static const struct cpo_msg *oc_threshold(uint32_t dev, unsigned int q)
{
	unsigned int i;

	if (!oc_thresh_read) {
		oc_thresh_read = true;
		if (fetch(CPO_CMD_THRESHOLD_GET, 0, -1, NULL, &oc_thresh))
			oc_thresh.n = 0;
	}
	for (i = 0; i < oc_thresh.n; i++)
		if (oc_thresh.v[i].u[CPO_A_DEV_INDEX] == dev &&
		    oc_thresh.v[i].u[CPO_A_QUANTITY] == q)
			return &oc_thresh.v[i];
	return NULL;
}

/* A quantity of an object and the OpenConfig name of its thresholds. */
struct oc_q {
	unsigned int q;
	const char *name;	/* "output-power": -upper, -lower */
	enum oc_unit unit;
};

/*
 * "thresholds": one entry per severity, CRITICAL (alarm) and WARNING,
 * with NAME-upper and NAME-lower of each quantity of the object.
 */
static void oc_thresholds(const struct cpo_msg *m, const struct oc_q *qs,
			  unsigned int n)
{
	static const struct {
		const char *sev;
		int upper, lower;
	} sevs[] = {
		{ "CRITICAL", CPO_A_HIGH_ALARM, CPO_A_LOW_ALARM },
		{ "WARNING", CPO_A_HIGH_WARN, CPO_A_LOW_WARN },
	};
	uint32_t dev = m->u[CPO_A_DEV_INDEX];
	unsigned int s, i;
	char key[64];

	cpo_json_arr_open(&js, "thresholds");
	for (s = 0; s < ARRAY_SIZE(sevs); s++) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_str(&js, "severity", sevs[s].sev);
		for (i = 0; i < n; i++) {
			const struct cpo_msg *t = oc_threshold(dev, qs[i].q);

			if (!t)
				continue;
			if (t->has[sevs[s].upper]) {
				snprintf(key, sizeof(key), "%s-upper", qs[i].name);
				oc_num(key, qs[i].unit, cpo_msg_s(t, sevs[s].upper));
			}
			if (t->has[sevs[s].lower]) {
				snprintf(key, sizeof(key), "%s-lower", qs[i].name);
				oc_num(key, qs[i].unit, cpo_msg_s(t, sevs[s].lower));
			}
		}
		cpo_json_obj_close(&js);
	}
	cpo_json_arr_close(&js);
}

static void oc_show_oe(const struct cpo_msg *m)
{
	static const struct oc_q qs[] = {
		{ CPO_QUANTITY_OE_TEMP, "module-temperature", OC_CELSIUS },
		{ CPO_QUANTITY_OE_VCC, "supply-voltage", OC_VOLT },
	};

	cpo_json_obj_open(&js, NULL);
	cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
	cpo_json_uint(&js, "index", m->u[CPO_A_OE_INDEX]);
	cpo_json_obj_open(&js, "state");
	cpo_json_str(&js, "oper-status",
		     m->u[CPO_A_STATE] == CPO_OE_STATE_READY ? "ACTIVE" :
		     m->u[CPO_A_STATE] == CPO_OE_STATE_OFF ? "INACTIVE" :
							       "DISABLED");
	oc_stats("temperature", m, CPO_A_TEMP, CPO_QUANTITY_OE_TEMP,
		 OC_CELSIUS);
	oc_stats("supply-voltage", m, CPO_A_VCC, CPO_QUANTITY_OE_VCC, OC_VOLT);
	cpo_json_obj_close(&js);
	oc_thresholds(m, qs, ARRAY_SIZE(qs));
	cpo_json_obj_close(&js);
}

static void oc_show_els(const struct cpo_msg *m)
{
	static const struct oc_q qs[] = {
		{ CPO_QUANTITY_ELS_TEMP, "module-temperature", OC_CELSIUS },
		{ CPO_QUANTITY_ELS_VCC, "supply-voltage", OC_VOLT },
		{ CPO_QUANTITY_ELS_TEC, "tec-current", OC_MA },
	};

	cpo_json_obj_open(&js, NULL);
	cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
	cpo_json_uint(&js, "index", m->u[CPO_A_ELS_INDEX]);
	cpo_json_obj_open(&js, "state");
	cpo_json_bool(&js, "present", m->u[CPO_A_PRESENT]);
	oc_stats("temperature", m, CPO_A_TEMP, CPO_QUANTITY_ELS_TEMP,
		 OC_CELSIUS);
	oc_stats("supply-voltage", m, CPO_A_VCC, CPO_QUANTITY_ELS_VCC,
		 OC_VOLT);
	oc_stats("tec-current", m, CPO_A_TEC_CURRENT, CPO_QUANTITY_ELS_TEC,
		 OC_MA);
	cpo_json_obj_close(&js);
	oc_thresholds(m, qs, ARRAY_SIZE(qs));
	cpo_json_obj_close(&js);
}

/*
 * laser-age, percent of life: the device's own figure (age-pct, the CMIS
 * VDM laser age) when it gives one; otherwise how far the drifting
 * quantity moved from its beginning-of-life value towards its alarm
 * threshold (the bias high alarm under APC, the power low alarm under
 * ACC), 0 to 100.  -1 when there is nothing to tell it from.
 */
static int oc_laser_age(const struct cpo_msg *m)
{
	bool acc = m->u[CPO_A_LASER_MODE] == CPO_LASER_MODE_ACC;
	const struct cpo_msg *t;
	double bol, now, end, pct;

	if (m->has[CPO_A_AGE_PCT])
		return (int)((m->u[CPO_A_AGE_PCT] + 50) / 100);
	if (!m->has[CPO_A_BIAS] || !m->has[CPO_A_POWER])
		return -1;
	t = oc_threshold(m->u[CPO_A_DEV_INDEX], acc ? CPO_QUANTITY_LASER_POWER :
						      CPO_QUANTITY_LASER_BIAS);
	if (!t || !t->has[acc ? CPO_A_LOW_ALARM : CPO_A_HIGH_ALARM])
		return -1;
	bol = m->u[acc ? CPO_A_BOL_POWER : CPO_A_BOL_BIAS];
	now = m->u[acc ? CPO_A_POWER : CPO_A_BIAS];
	end = cpo_msg_s(t, acc ? CPO_A_LOW_ALARM : CPO_A_HIGH_ALARM);
	if (!bol || end == bol)
		return -1;
	pct = (now - bol) / (end - bol) * 100.0;
	return pct < 0 ? 0 : pct > 100 ? 100 : (int)lround(pct);
}

static void oc_show_laser(const struct cpo_msg *m)
{
	static const struct oc_q qs[] = {
		{ CPO_QUANTITY_LASER_BIAS, "laser-bias-current", OC_BIAS },
		{ CPO_QUANTITY_LASER_POWER, "output-power", OC_DBM },
		{ CPO_QUANTITY_LASER_TEMP, "laser-temperature", OC_CELSIUS },
	};
	int age = oc_laser_age(m);

	cpo_json_obj_open(&js, NULL);
	cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
	cpo_json_uint(&js, "index", m->u[CPO_A_LASER_INDEX]);
	cpo_json_uint(&js, "els", m->u[CPO_A_ELS_INDEX]);
	cpo_json_obj_open(&js, "state");
	if (m->has[CPO_A_ENABLED])
		cpo_json_bool(&js, "tx-laser", m->u[CPO_A_ENABLED]);
	oc_stats("output-power", m, CPO_A_POWER, CPO_QUANTITY_LASER_POWER,
		 OC_DBM);
	oc_stats("laser-bias-current", m, CPO_A_BIAS, CPO_QUANTITY_LASER_BIAS,
		 OC_BIAS);
	oc_stats("laser-temperature", m, CPO_A_TEMP, CPO_QUANTITY_LASER_TEMP,
		 OC_CELSIUS);
	if (m->has[CPO_A_SETPOINT] &&
	    m->u[CPO_A_LASER_MODE] == CPO_LASER_MODE_APC)
		oc_num("target-output-power", OC_DBM, m->u[CPO_A_SETPOINT]);
	if (age >= 0)
		cpo_json_uint(&js, "laser-age", age);
	if (m->has[CPO_A_LASER_FAULT])
		cpo_json_bool(&js, "tx-failure",
			      m->u[CPO_A_LASER_FAULT] != CPO_LASER_FAULT_NONE);
	cpo_json_obj_close(&js);
	oc_thresholds(m, qs, ARRAY_SIZE(qs));
	cpo_json_obj_close(&js);
}

static void oc_show_lane(const struct cpo_msg *m)
{
	static const struct oc_q qs[] = {
		{ CPO_QUANTITY_LANE_TX_POWER, "output-power", OC_DBM },
		{ CPO_QUANTITY_LANE_RX_POWER, "input-power", OC_DBM },
	};
	uint32_t st = m->u[CPO_A_LANE_STATUS];

	cpo_json_obj_open(&js, NULL);
	cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
	cpo_json_uint(&js, "index", m->u[CPO_A_LANE_INDEX]);
	cpo_json_uint(&js, "oe", m->u[CPO_A_OE_INDEX]);
	cpo_json_obj_open(&js, "state");
	cpo_json_uint(&js, "index", m->u[CPO_A_LANE_INDEX]);
	cpo_json_bool(&js, "tx-laser", st & CPO_LANE_STATUS_ENABLED);
	oc_stats("output-power", m, CPO_A_TX_POWER, CPO_QUANTITY_LANE_TX_POWER,
		 OC_DBM);
	oc_stats("input-power", m, CPO_A_RX_POWER, CPO_QUANTITY_LANE_RX_POWER,
		 OC_DBM);
	cpo_json_bool(&js, "tx-failure", st & CPO_LANE_STATUS_TX_FAULT);
	cpo_json_bool(&js, "tx-los", st & CPO_LANE_STATUS_TX_LOS);
	cpo_json_bool(&js, "rx-los", st & CPO_LANE_STATUS_RX_LOS);
	cpo_json_obj_open(&js, "counters");
	cpo_json_uint(&js, "tx-fault", m->u[CPO_A_TX_FAULT_COUNT]);
	cpo_json_uint(&js, "tx-los", m->u[CPO_A_TX_LOS_COUNT]);
	cpo_json_uint(&js, "rx-los", m->u[CPO_A_RX_LOS_COUNT]);
	cpo_json_obj_close(&js);
	cpo_json_obj_close(&js);
	oc_thresholds(m, qs, ARRAY_SIZE(qs));
	cpo_json_obj_close(&js);
}

/* ---- dev ---- */

/* One block of lines per device, no table header: @head is unused. */
static void show_dev(const struct cpo_msg *m, bool head)
{
	uint32_t hw = m->u[CPO_A_HW_VERSION];
	bool ok = m->u[CPO_A_DEV_STATE] == CPO_DEV_STATE_OK;
	char ver[16];

	(void)head;
	snprintf(ver, sizeof(ver), "%u.%u", hw >> 16, hw & 0xffff);
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "index", m->u[CPO_A_DEV_INDEX]);
		cpo_json_str(&js, "name", m->str[CPO_A_DEV_NAME]);
		cpo_json_str(&js, "bus", m->str[CPO_A_BUS_NAME]);
		cpo_json_str(&js, "model", m->str[CPO_A_MODEL]);
		cpo_json_str(&js, "serial-no", m->str[CPO_A_SERIAL]);
		cpo_json_str(&js, "firmware-version", m->str[CPO_A_FW_VERSION]);
		cpo_json_str(&js, "hardware-version", ver);
		cpo_json_str(&js, "oper-status", ok ? "ok" : "failed");
		cpo_json_uint(&js, "oe-count", m->u[CPO_A_N_OE]);
		cpo_json_uint(&js, "lane-count", m->u[CPO_A_N_LANES]);
		cpo_json_uint(&js, "port-count", m->u[CPO_A_N_PORTS]);
		cpo_json_uint(&js, "els-count", m->u[CPO_A_N_ELS]);
		cpo_json_uint(&js, "laser-count", m->u[CPO_A_N_LASERS]);
		cpo_json_uint(&js, "lane-rate-mbps", m->u[CPO_A_LANE_RATE]);
		cpo_json_uint(&js, "update-period-ms",
			      m->u[CPO_A_UPDATE_PERIOD]);
		cpo_json_uint(&js, "heartbeat", m->u[CPO_A_HEARTBEAT]);
		cpo_json_obj_close(&js);
		return;
	}
	printf("%s: %s  bus %s  state %s\n", m->str[CPO_A_DEV_NAME],
	       m->str[CPO_A_MODEL], m->str[CPO_A_BUS_NAME],
	       ok ? "ok" : "FAILED");
	printf("  serial %s  firmware %s  interface %s\n",
	       m->str[CPO_A_SERIAL], m->str[CPO_A_FW_VERSION], ver);
	printf("  %u OEs  %u lanes x %u Mb/s  %u ports  ",
	       (unsigned int)m->u[CPO_A_N_OE], (unsigned int)m->u[CPO_A_N_LANES],
	       (unsigned int)m->u[CPO_A_LANE_RATE],
	       (unsigned int)m->u[CPO_A_N_PORTS]);
	/* near-packaged optics: the lasers are inside the engines */
	if (!m->u[CPO_A_N_ELS] && !m->u[CPO_A_N_LASERS])
		printf("lasers in the engines\n");
	else
		printf("%u ELSFP slots  %u lasers\n",
		       (unsigned int)m->u[CPO_A_N_ELS],
		       (unsigned int)m->u[CPO_A_N_LASERS]);
	printf("  update period %u ms  heartbeat %u\n",
	       (unsigned int)m->u[CPO_A_UPDATE_PERIOD],
	       (unsigned int)m->u[CPO_A_HEARTBEAT]);
}

static int cmd_dev(int argc, char **argv)
{
	const char *cmd;
	int err;

	cmd = OBJ_CMD(show_cmds, &err);
	if (!cmd)
		return err;
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	if (argc > 1)
		return usage_err("unknown argument '%s'", argv[1]);
	err = prepare(true);
	if (err)
		return err;
	return show_all(CPO_CMD_DEV_GET, 0, -1, NULL, show_dev);
}

/* ---- oe ---- */

/* What "laser failover" and "oe failover" differ in. */
struct failover_spec {
	const char *obj;	/* "laser", "oe" */
	const char *meta;	/* "LASER", "OE" */
	const char *what;	/* "laser", "engine" */
	int cmd, key;
};

/* The spare of a failover reply, or -1: link-laser or link-oe. */
static long failover_spare(const struct cpo_msg *m, int cmd)
{
	if (cmd == CPO_CMD_LASER_FAILOVER)
		return m->n_link[CPO_LINK_LASER] ? (long)m->link[CPO_LINK_LASER][0] : -1;
	return m->has[CPO_A_LINK_OE] ? (long)m->u[CPO_A_LINK_OE] : -1;
}

/*
 * "laser failover LASER [spare SPARE]", "oe failover OE [spare SPARE]":
 * the lanes move to a spare; say which, and the lanes and ports that
 * moved.
 */
static int failover(const struct failover_spec *fs, int argc, char **argv)
{
	struct cpo_msgs out = { 0 };
	uint32_t idx, spare = 0;
	bool have_spare = false;
	struct cpo_req r;
	char ctx[64], msg[96], lb[512], pb[512];
	const struct cpo_msg *m;
	long used;
	int err;

	if (argc < 1) {
		snprintf(msg, sizeof(msg), "%s failover needs a%s %s", fs->obj,
			 fs->meta[0] == 'O' ? "n" : "", fs->meta);
		return usage_err("%s", msg);
	}
	if (cpo_parse_u32(argv[0], 0xffff, &idx)) {
		snprintf(msg, sizeof(msg), "bad %s index '%.32s'", fs->what,
			 argv[0]);
		return usage_err("%s", msg);
	}
	if (argc > 1) {
		static const char *const opts[] = { "spare" };
		int o = match(argv[1], opts, ARRAY_SIZE(opts), "argument");

		if (o < 0)
			return usage_err("unknown argument '%s'", argv[1]);
		if (argc == 2)
			return usage_err("'spare' needs a value%s", NULL);
		if (cpo_parse_u32(argv[2], 0xffff, &spare)) {
			snprintf(msg, sizeof(msg), "bad spare %s index '%.32s'",
				 fs->what, argv[2]);
			return usage_err("%s", msg);
		}
		if (argc > 3)
			return usage_err("unknown argument '%s'", argv[3]);
		have_spare = true;
	}
	err = prepare(true);
	if (err)
		return err;
	if (check_index(fs->key, idx, true) ||
	    (have_spare && check_index(fs->key, spare, true)))
		return CPOCTL_EXIT_ERR;
	cpo_req_init(&r, fs->cmd, false);
	req_dev(&r);
	cpo_req_u32(&r, fs->key, idx);
	if (have_spare)
		cpo_req_u32(&r, CPO_A_SPARE_INDEX, spare);
	snprintf(ctx, sizeof(ctx), "cannot fail over %s %u on cpo%u", fs->obj,
		 idx, do_dev);
	err = call(&r, &out, ctx);
	if (err)
		return err;
	if (!out.n) {
		fprintf(stderr, "cpoctl: %s: no reply\n", ctx);
		return CPOCTL_EXIT_ERR;
	}
	m = &out.v[0];
	used = failover_spare(m, fs->cmd);
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, fs->obj, idx);
		if (used >= 0)
			cpo_json_uint(&js, "spare", used);
		json_links(m, CPO_A_LINK_LANE, "lanes");
		json_links(m, CPO_A_LINK_PORT, "ports");
		cpo_json_obj_close(&js);
		cpo_json_end(&js);
	} else {
		printf("%s %u failed over to spare %s ", fs->obj, idx, fs->what);
		if (used >= 0)
			printf("%s%ld", fs->cmd == CPO_CMD_OE_FAILOVER ? "oe" : "",
			       used);
		else
			printf("-");
		printf(": lanes %s, ports %s\n",
		       links(m, CPO_A_LINK_LANE, lb, sizeof(lb)),
		       links(m, CPO_A_LINK_PORT, pb, sizeof(pb)));
	}
	cpo_msgs_free(&out);
	return 0;
}

static void show_oe(const struct cpo_msg *m, bool head)
{
	char t[32], v[32], l[64], p[64], a[128];

	if (opt.openconfig) {
		oc_show_oe(m);
		return;
	}
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
		cpo_json_uint(&js, "index", m->u[CPO_A_OE_INDEX]);
		cpo_json_str(&js, "state", cpo_oe_state_str(m->u[CPO_A_STATE]));
		json_attr(m, "temperature-c", CPO_K_TEMP, CPO_A_TEMP);
		json_attr(m, "supply-voltage-v", CPO_K_VOLT, CPO_A_VCC);
		cpo_json_bool(&js, "spare", m->has[CPO_A_SPARE]);
		cpo_json_bool(&js, "out-of-service", m->has[CPO_A_OUT_OF_SERVICE]);
		json_links(m, CPO_A_LINK_LANE, "lanes");
		json_links(m, CPO_A_LINK_PORT, "ports");
		json_alarms(m);
		cpo_json_obj_close(&js);
		return;
	}
	if (head)
		printf("%-4s %-6s %-6s %9s %8s %-12s %-16s %s\n", "OE", "DEV",
		       "STATE", "TEMP(C)", "VCC(V)", "LANES", "PORTS", "ALARMS");
	snprintf(l, sizeof(l), "%u", m->n_link[CPO_LINK_LANE]);
	if (m->n_link[CPO_LINK_LANE])
		snprintf(l, sizeof(l), "%u-%u", m->link[CPO_LINK_LANE][0],
			 m->link[CPO_LINK_LANE][m->n_link[CPO_LINK_LANE] - 1]);
	printf("%-4u cpo%-3u %-6s %9s %8s %-12s %-16s %s%s\n",
	       (unsigned int)m->u[CPO_A_OE_INDEX],
	       (unsigned int)m->u[CPO_A_DEV_INDEX],
	       cpo_oe_state_str(m->u[CPO_A_STATE]),
	       kind_attr(m, CPO_K_TEMP, CPO_A_TEMP, t, sizeof(t)),
	       kind_attr(m, CPO_K_VOLT, CPO_A_VCC, v, sizeof(v)), l,
	       links(m, CPO_A_LINK_PORT, p, sizeof(p)),
	       alarms(m, a, sizeof(a)), m->has[CPO_A_SPARE] ? " (spare)" :
	       m->has[CPO_A_OUT_OF_SERVICE] ? " (out of service)" : "");
}

static int cmd_oe(int argc, char **argv)
{
	static const struct show_spec spec = {
		.cmd = CPO_CMD_OE_GET,
		.key = CPO_A_OE_INDEX,
		.show = show_oe,
	};
	static const struct failover_spec fs = {
		"oe", "OE", "engine", CPO_CMD_OE_FAILOVER, CPO_A_OE_INDEX,
	};
	const char *cmd;
	int ret;

	cmd = OBJ_CMD(oe_cmds, &ret);
	if (!cmd)
		return ret;
	if (!strcmp(cmd, "failover"))
		return failover(&fs, argc - 1, argv + 1);
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	return show_cmd(&spec, argc ? argc - 1 : 0, argv + 1);
}

/* ---- els ---- */

static void show_els(const struct cpo_msg *m, bool head)
{
	char t[32], v[32], ic[32], tc[32], la[96], p[96], a[128];

	if (opt.openconfig) {
		oc_show_els(m);
		return;
	}
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
		cpo_json_uint(&js, "index", m->u[CPO_A_ELS_INDEX]);
		cpo_json_bool(&js, "present", m->u[CPO_A_PRESENT]);
		cpo_json_str(&js, "state", cpo_els_state_str(m->u[CPO_A_STATE]));
		json_attr(m, "temperature-c", CPO_K_TEMP, CPO_A_TEMP);
		json_attr(m, "supply-voltage-v", CPO_K_VOLT, CPO_A_VCC);
		json_attr(m, "supply-current-ma", CPO_K_CURR, CPO_A_ICC);
		json_attr(m, "tec-current-ma", CPO_K_CURR, CPO_A_TEC_CURRENT);
		cpo_json_uint(&js, "insertions", m->u[CPO_A_INSERTIONS]);
		cpo_json_num(&js, "wavelength-nm",
			     m->u[CPO_A_WAVELENGTH] / 1000.0, 3);
		json_links(m, CPO_A_LINK_LASER, "lasers");
		json_links(m, CPO_A_LINK_PORT, "ports");
		json_alarms(m);
		cpo_json_obj_close(&js);
		return;
	}
	if (head)
		printf("%-4s %-7s %-11s %8s %7s %7s %7s %4s %-20s %-20s %s\n",
		       "SLOT", "PRESENT", "STATE", "TEMP(C)", "VCC(V)",
		       "ICC(mA)", "TEC(mA)", "INS", "LASERS", "PORTS", "ALARMS");
	printf("%-4u %-7s %-11s %8s %7s %7s %7s %4u %-20s %-20s %s\n",
	       (unsigned int)m->u[CPO_A_ELS_INDEX],
	       m->u[CPO_A_PRESENT] ? "yes" : "no",
	       cpo_els_state_str(m->u[CPO_A_STATE]),
	       kind_attr(m, CPO_K_TEMP, CPO_A_TEMP, t, sizeof(t)),
	       kind_attr(m, CPO_K_VOLT, CPO_A_VCC, v, sizeof(v)),
	       int_attr(m, CPO_A_ICC, ic, sizeof(ic)),
	       int_attr(m, CPO_A_TEC_CURRENT, tc, sizeof(tc)),
	       (unsigned int)m->u[CPO_A_INSERTIONS],
	       links(m, CPO_A_LINK_LASER, la, sizeof(la)),
	       links(m, CPO_A_LINK_PORT, p, sizeof(p)), alarms(m, a, sizeof(a)));
}

static int els_remove(int argc, char **argv);
static int els_answer(int argc, char **argv);
static int laser_remove(int argc, char **argv);

static int cmd_els(int argc, char **argv)
{
	static const struct show_spec spec = {
		.cmd = CPO_CMD_ELS_GET,
		.key = CPO_A_ELS_INDEX,
		.show = show_els,
	};

	const char *cmd;
	int ret;

	cmd = OBJ_CMD(els_cmds, &ret);
	if (!cmd)
		return ret;
	if (!strcmp(cmd, "remove"))
		return els_remove(argc - 1, argv + 1);
	if (!strcmp(cmd, "answer"))
		return els_answer(argc - 1, argv + 1);
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	return show_cmd(&spec, argc ? argc - 1 : 0, argv + 1);
}

/* ---- laser ---- */

static double laser_drift(const struct cpo_msg *m)
{
	if (!m->has[CPO_A_BIAS] || !m->has[CPO_A_POWER])
		return NAN;
	if (m->u[CPO_A_LASER_MODE] == CPO_LASER_MODE_ACC) {
		if (!m->u[CPO_A_BOL_POWER])
			return NAN;
		return ((double)m->u[CPO_A_POWER] / m->u[CPO_A_BOL_POWER] - 1) *
		       100.0;
	}
	if (!m->u[CPO_A_BOL_BIAS])
		return NAN;
	return ((double)m->u[CPO_A_BIAS] / m->u[CPO_A_BOL_BIAS] - 1) * 100.0;
}

static void show_laser(const struct cpo_msg *m, bool head)
{
	bool acc = m->u[CPO_A_LASER_MODE] == CPO_LASER_MODE_ACC;
	char b[32], pw[32], dbm[32], t[32], ag[24], sp[48], ln[64], p[64];
	char life[24], in[32], loss[32], fe[32], a[160];

	if (opt.openconfig) {
		oc_show_laser(m);
		return;
	}
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
		cpo_json_uint(&js, "index", m->u[CPO_A_LASER_INDEX]);
		cpo_json_uint(&js, "els", m->u[CPO_A_ELS_INDEX]);
		cpo_json_str(&js, "state",
			     cpo_laser_state_str(m->u[CPO_A_STATE]));
		json_attr_str(m, "mode", CPO_A_LASER_MODE,
			      cpo_laser_mode_str(m->u[CPO_A_LASER_MODE]));
		if (m->has[CPO_A_ENABLED])
			cpo_json_bool(&js, "tx-laser", m->u[CPO_A_ENABLED]);
		else
			cpo_json_null(&js, "tx-laser");
		json_attr_str(m, "fault", CPO_A_LASER_FAULT,
			      cpo_laser_fault_str(m->u[CPO_A_LASER_FAULT]));
		json_attr(m, "laser-bias-current-ma", CPO_K_BIAS, CPO_A_BIAS);
		json_attr_dbm(m, "output-power-dbm", CPO_A_POWER);
		json_attr(m, "output-power-mw", CPO_K_POWER, CPO_A_POWER);
		json_attr(m, "laser-temperature-c", CPO_K_TEMP, CPO_A_TEMP);
		if (acc)
			json_attr(m, "target-bias-current-ma", CPO_K_BIAS,
				  CPO_A_SETPOINT);
		else
			json_attr(m, "target-output-power-mw", CPO_K_POWER,
				  CPO_A_SETPOINT);
		json_attr_uint(m, "setpoint", CPO_A_SETPOINT);
		json_attr(m, "bol-bias-current-ma", CPO_K_BIAS, CPO_A_BOL_BIAS);
		json_attr(m, "bol-output-power-mw", CPO_K_POWER,
			  CPO_A_BOL_POWER);
		cpo_json_num(&js, "laser-age-pct", laser_drift(m), 2);
		json_attr_uint(m, "age-hours", CPO_A_AGE_HOURS);
		/* the diagnostics switch OSes publish per laser (CMIS VDM) */
		if (m->has[CPO_A_AGE_PCT])
			cpo_json_num(&js, "age-pct", m->u[CPO_A_AGE_PCT] / 100.0, 2);
		else
			cpo_json_null(&js, "age-pct");
		json_attr_dbm(m, "oe-input-power-dbm", CPO_A_OE_IN_POWER);
		json_attr(m, "oe-input-power-mw", CPO_K_POWER, CPO_A_OE_IN_POWER);
		json_attr(m, "path-loss-db", CPO_K_DB, CPO_A_PATH_LOSS);
		if (m->has[CPO_A_FREQ_ERR])
			cpo_json_num(&js, "frequency-error-ghz",
				     cpo_msg_s(m, CPO_A_FREQ_ERR) / 1000.0, 3);
		else
			cpo_json_null(&js, "frequency-error-ghz");
		cpo_json_num(&js, "wavelength-nm",
			     m->u[CPO_A_WAVELENGTH] / 1000.0, 3);
		cpo_json_bool(&js, "spare", m->has[CPO_A_SPARE]);
		cpo_json_bool(&js, "out-of-service", m->has[CPO_A_OUT_OF_SERVICE]);
		json_links(m, CPO_A_LINK_LANE, "lanes");
		json_links(m, CPO_A_LINK_PORT, "ports");
		json_alarms(m);
		cpo_json_obj_close(&js);
		return;
	}
	if (head)
		printf("%-5s %-4s %-11s %-4s %-3s %9s %8s %8s %8s %12s %7s %7s %8s %8s %9s %-11s %-12s %-8s %s\n",
		       "LASER", "ELS", "STATE", "MODE", "EN", "BIAS(mA)",
		       "PWR(dBm)", "PWR(mW)", "TEMP(C)", "SETPOINT", "AGE(h)",
		       "LIFE(%)", "IN(dBm)", "LOSS(dB)", "FERR(GHz)",
		       "FAULT", "LANES", "PORTS", "ALARMS");
	if (!m->has[CPO_A_SETPOINT])
		snprintf(sp, sizeof(sp), "-");
	else if (acc)
		snprintf(sp, sizeof(sp), "%s mA",
			 kind(CPO_K_BIAS, m->u[CPO_A_SETPOINT], b, sizeof(b)));
	else
		snprintf(sp, sizeof(sp), "%s mW",
			 kind(CPO_K_POWER, m->u[CPO_A_SETPOINT], b, sizeof(b)));
	snprintf(life, sizeof(life), "-");
	if (m->has[CPO_A_AGE_PCT])
		cpo_fmt_fixed(life, sizeof(life), m->u[CPO_A_AGE_PCT], 2, 2);
	snprintf(fe, sizeof(fe), "-");
	if (m->has[CPO_A_FREQ_ERR])
		cpo_fmt_fixed(fe, sizeof(fe), cpo_msg_s(m, CPO_A_FREQ_ERR), 3, 3);
	printf("%-5u %-4u %-11s %-4s %-3s %9s %8s %8s %8s %12s %7s %7s %8s %8s %9s %-11s %-12s %-8s %s%s\n",
	       (unsigned int)m->u[CPO_A_LASER_INDEX],
	       (unsigned int)m->u[CPO_A_ELS_INDEX],
	       cpo_laser_state_str(m->u[CPO_A_STATE]),
	       str_attr(m, CPO_A_LASER_MODE,
			cpo_laser_mode_str(m->u[CPO_A_LASER_MODE])),
	       str_attr(m, CPO_A_ENABLED, m->u[CPO_A_ENABLED] ? "on" : "off"),
	       kind_attr(m, CPO_K_BIAS, CPO_A_BIAS, b, sizeof(b)),
	       dbm_attr(m, CPO_A_POWER, dbm, sizeof(dbm)),
	       kind_attr(m, CPO_K_POWER, CPO_A_POWER, pw, sizeof(pw)),
	       kind_attr(m, CPO_K_TEMP, CPO_A_TEMP, t, sizeof(t)), sp,
	       int_attr(m, CPO_A_AGE_HOURS, ag, sizeof(ag)), life,
	       dbm_attr(m, CPO_A_OE_IN_POWER, in, sizeof(in)),
	       kind_attr(m, CPO_K_DB, CPO_A_PATH_LOSS, loss, sizeof(loss)), fe,
	       str_attr(m, CPO_A_LASER_FAULT,
			cpo_laser_fault_str(m->u[CPO_A_LASER_FAULT])),
	       links(m, CPO_A_LINK_LANE, ln, sizeof(ln)),
	       links(m, CPO_A_LINK_PORT, p, sizeof(p)), alarms(m, a, sizeof(a)),
	       m->has[CPO_A_SPARE] ? " (spare)" :
	       m->has[CPO_A_OUT_OF_SERVICE] ? " (out of service)" : "");
}

/*
 * The options of "OBJ set" after the object's index, by set_opts[], into
 * @r; @q is the quantity a SET_QUANTITY value belongs to (-1: none).  0, or the
 * exit status of a usage error (already printed).
 */
static int parse_set_opts(const char *obj, int argc, char **argv,
			  struct cpo_req *r,
			  int q)
{
	const struct cpo_quantity_info *qi = q < 0 ? NULL : cpo_quantity(q);
	const struct set_opt *opts[ARRAY_SIZE(set_opts)];
	const char *names[ARRAY_SIZE(set_opts)];
	unsigned int n = 0, k;
	bool any = false;
	int i;

	for (k = 0; k < ARRAY_SIZE(set_opts); k++)
		if (!strcmp(set_opts[k].obj, obj)) {
			opts[n] = &set_opts[k];
			names[n++] = set_opts[k].name;
		}
	for (i = 0; i < argc; i++) {
		const struct set_opt *o;
		const char *v, *unit = NULL;
		int64_t raw;
		bool on;
		int m;

		m = match(argv[i], names, n, "argument");
		if (m == CPO_MATCH_AMBIGUOUS)
			return CPOCTL_EXIT_USAGE;
		if (m < 0)
			return usage_err("unknown argument '%s'", argv[i]);
		o = opts[m];
		if (i + 1 >= argc)
			return usage_err("'%s' needs a value", o->name);
		v = argv[++i];
		switch (o->type) {
		case SET_ONOFF:
			if (cpo_parse_onoff(v, &on)) {
				fprintf(stderr, "cpoctl: %s takes on|off, not '%s'; see 'cpoctl %s help'\n",
					o->name, v, obj);
				return CPOCTL_EXIT_USAGE;
			}
			raw = on;
			break;
		case SET_POWER:
			if (i + 1 < argc && cpo_is_unit(CPO_K_POWER, argv[i + 1]))
				unit = argv[++i];
			/* a bare number is microwatt, as in the ABI */
			if (!unit && !strpbrk(v, "dBmWu"))
				unit = "uW";
			if (cpo_parse_value(CPO_K_POWER, v, unit, &raw) ||
			    raw < o->min || raw > o->max)
				return usage_err("bad power '%s' (uW, or a value in dBm or mW)",
						 v);
			break;
		case SET_QUANTITY:
			if (i + 1 < argc && cpo_is_unit(qi->kind, argv[i + 1]))
				unit = argv[i + 1];
			if (cpo_parse_value(qi->kind, v, unit, &raw) ||
			    raw < o->min || raw > o->max) {
				fprintf(stderr, "cpoctl: bad value '%s' for %s (a number, in %s or with a unit); see 'cpoctl %s help'\n",
					v, cpo_quantity_str(q), cpo_kind_unit(qi->kind), obj);
				return CPOCTL_EXIT_USAGE;
			}
			if (unit)
				i++;
			break;
		}
		if (o->size == 1)
			cpo_req_u8(r, o->attr, (uint8_t)raw);
		else
			cpo_req_u32(r, o->attr, (uint32_t)raw);
		any = true;
	}
	if (!any) {
		char list[160];
		size_t used = 0;

		list[0] = '\0';
		for (k = 0; k < n && used < sizeof(list); k++)
			used += snprintf(list + used, sizeof(list) - used, "%s%s",
					 !k ? "" : k + 1 == n ? " or " : ", ",
					 names[k]);
		fprintf(stderr, "cpoctl: %s set: nothing to set (%s); see 'cpoctl %s help'\n",
			obj, list, obj);
		return CPOCTL_EXIT_USAGE;
	}
	return 0;
}

/*
 * "OBJ set INDEX OPTION...": one indexed object's settings, @obj ("laser",
 * "lane") naming it in messages and in set_opts[], @OBJ in usage.
 */
static int indexed_set(const char *obj, const char *OBJ, uint8_t cmd,
		       int attr, int argc, char **argv)
{
	struct cpo_req r;
	char msg[48], ctx[32];
	uint32_t idx;
	int err;

	if (argc < 1) {
		snprintf(msg, sizeof(msg), "%s set needs a %s%%s", obj, OBJ);
		return usage_err(msg, NULL);
	}
	if (cpo_parse_u32(argv[0], 0xffff, &idx)) {
		snprintf(msg, sizeof(msg), "bad %s index '%%s'", obj);
		return usage_err(msg, argv[0]);
	}
	cpo_req_init(&r, cmd, false);
	cpo_req_u32(&r, attr, idx);
	err = parse_set_opts(obj, argc - 1, argv + 1, &r, -1);
	if (err)
		return err;
	snprintf(ctx, sizeof(ctx), "cannot set %s", obj);
	return set_call(&r, attr, idx, ctx);
}

static int laser_set(int argc, char **argv)
{
	return indexed_set("laser", "LASER", CPO_CMD_LASER_SET, CPO_A_LASER_INDEX, argc, argv);
}

static int laser_failover(int argc, char **argv)
{
	static const struct failover_spec fs = {
		"laser", "LASER", "laser", CPO_CMD_LASER_FAILOVER,
		CPO_A_LASER_INDEX,
	};

	return failover(&fs, argc, argv);
}

static int cmd_laser(int argc, char **argv)
{
	static const struct show_filter filters[] = {
		{ "els", CPO_A_ELS_INDEX, false },
		{ "port", CPO_A_PORT_INDEX, true },
	};
	static const struct show_spec spec = {
		.cmd = CPO_CMD_LASER_GET,
		.key = CPO_A_LASER_INDEX,
		.filters = filters,
		.n_filters = ARRAY_SIZE(filters),
		.show = show_laser,
	};

	const char *cmd;
	int ret;

	cmd = OBJ_CMD(laser_cmds, &ret);
	if (!cmd)
		return ret;
	if (!strcmp(cmd, "set"))
		return laser_set(argc - 1, argv + 1);
	if (!strcmp(cmd, "failover"))
		return laser_failover(argc - 1, argv + 1);
	if (!strcmp(cmd, "remove"))
		return laser_remove(argc - 1, argv + 1);
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	return show_cmd(&spec, argc ? argc - 1 : 0, argv + 1);
}

/* ---- lane ---- */

/* The spec's names of the lane status flags set in @st, or "-". */
static void lane_flags(char *buf, size_t len, uint32_t st)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < 32; i++) {
		const char *name = cpo_lane_status_str(UINT32_C(1) << i);

		if (!(st & (UINT32_C(1) << i)) || !strcmp(name, "unknown"))
			continue;
		n += snprintf(buf + n, n < len ? len - n : 0, "%s%s",
			      n ? " " : "", name);
	}
	if (!n)
		snprintf(buf, len, "-");
}

static void show_lane(const struct cpo_msg *m, bool head)
{
	uint32_t st = m->u[CPO_A_LANE_STATUS];
	char tx[32], txd[32], rx[32], rxd[32], p[16], l[16], a[128], fl[48];

	if (opt.openconfig) {
		oc_show_lane(m);
		return;
	}
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
		cpo_json_uint(&js, "index", m->u[CPO_A_LANE_INDEX]);
		cpo_json_uint(&js, "oe", m->u[CPO_A_OE_INDEX]);
		if (m->n_link[CPO_LINK_PORT])
			cpo_json_uint(&js, "port", m->link[CPO_LINK_PORT][0]);
		else
			cpo_json_null(&js, "port");
		if (m->n_link[CPO_LINK_LASER])
			cpo_json_uint(&js, "laser", m->link[CPO_LINK_LASER][0]);
		else
			cpo_json_null(&js, "laser");
		cpo_json_str(&js, "state", cpo_lane_state_str(m->u[CPO_A_STATE]));
		cpo_json_bool(&js, "enabled", st & CPO_LANE_STATUS_ENABLED);
		cpo_json_bool(&js, "tx-los", st & CPO_LANE_STATUS_TX_LOS);
		cpo_json_bool(&js, "rx-los", st & CPO_LANE_STATUS_RX_LOS);
		cpo_json_bool(&js, "tx-failure", st & CPO_LANE_STATUS_TX_FAULT);
		json_dbm("output-power-dbm", m->u[CPO_A_TX_POWER]);
		json_kind("output-power-mw", CPO_K_POWER, m->u[CPO_A_TX_POWER]);
		json_dbm("input-power-dbm", m->u[CPO_A_RX_POWER]);
		json_kind("input-power-mw", CPO_K_POWER, m->u[CPO_A_RX_POWER]);
		json_alarms(m);
		cpo_json_obj_close(&js);
		return;
	}
	if (head)
		printf("%-5s %-4s %-5s %-5s %-11s %-3s %8s %8s %8s %8s %-18s %s\n",
		       "LANE", "OE", "PORT", "LASER", "STATE", "EN", "TX(dBm)",
		       "TX(mW)", "RX(dBm)", "RX(mW)", "FLAGS", "ALARMS");
	snprintf(p, sizeof(p), "-");
	snprintf(l, sizeof(l), "-");
	if (m->n_link[CPO_LINK_PORT])
		snprintf(p, sizeof(p), "%u", m->link[CPO_LINK_PORT][0]);
	if (m->n_link[CPO_LINK_LASER])
		snprintf(l, sizeof(l), "%u", m->link[CPO_LINK_LASER][0]);
	lane_flags(fl, sizeof(fl), st & ~(uint32_t)CPO_LANE_STATUS_ENABLED);
	printf("%-5u %-4u %-5s %-5s %-11s %-3s %8s %8s %8s %8s %-18s %s\n",
	       (unsigned int)m->u[CPO_A_LANE_INDEX],
	       (unsigned int)m->u[CPO_A_OE_INDEX], p, l,
	       cpo_lane_state_str(m->u[CPO_A_STATE]),
	       st & CPO_LANE_STATUS_ENABLED ? "on" : "off",
	       cpo_fmt_dbm(txd, sizeof(txd), m->u[CPO_A_TX_POWER]),
	       kind(CPO_K_POWER, m->u[CPO_A_TX_POWER], tx, sizeof(tx)),
	       cpo_fmt_dbm(rxd, sizeof(rxd), m->u[CPO_A_RX_POWER]),
	       kind(CPO_K_POWER, m->u[CPO_A_RX_POWER], rx, sizeof(rx)), fl,
	       alarms(m, a, sizeof(a)));
}

static int lane_set(int argc, char **argv)
{
	return indexed_set("lane", "LANE", CPO_CMD_LANE_SET, CPO_A_LANE_INDEX, argc, argv);
}

static int cmd_lane(int argc, char **argv)
{
	static const struct show_filter filters[] = {
		{ "oe", CPO_A_OE_INDEX, false },
		{ "port", CPO_A_PORT_INDEX, true },
	};
	static const struct show_spec spec = {
		.cmd = CPO_CMD_LANE_GET,
		.key = CPO_A_LANE_INDEX,
		.filters = filters,
		.n_filters = ARRAY_SIZE(filters),
		.show = show_lane,
	};

	const char *cmd;
	int ret;

	cmd = OBJ_CMD(show_set_cmds, &ret);
	if (!cmd)
		return ret;
	if (!strcmp(cmd, "set"))
		return lane_set(argc - 1, argv + 1);
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	return show_cmd(&spec, argc ? argc - 1 : 0, argv + 1);
}

/* ---- port ---- */

static void show_port(const struct cpo_msg *m, bool head)
{
	char ln[64], la[64], dn[16];

	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
		cpo_json_uint(&js, "index", m->u[CPO_A_PORT_INDEX]);
		if (m->str[CPO_A_IFNAME]) {
			cpo_json_str(&js, "ifname", m->str[CPO_A_IFNAME]);
			cpo_json_uint(&js, "ifindex", m->u[CPO_A_IFINDEX]);
			/* the kernel's answer, as ethtool's "Link detected" */
			cpo_json_bool(&js, "carrier", cpo_port_link_up(m));
			if (m->has[CPO_A_ADMIN_UP])
				cpo_json_bool(&js, "admin-up",
					      m->u[CPO_A_ADMIN_UP]);
			cpo_json_bool(&js, "optics-up", m->u[CPO_A_CARRIER]);
			json_attr_uint(m, "link-down-events",
				       CPO_A_LINK_DOWN_EVENTS);
			if (m->str[CPO_A_LINK_DOWN_REASON])
				cpo_json_str(&js, "down-reason",
					     m->str[CPO_A_LINK_DOWN_REASON]);
			else
				cpo_json_null(&js, "down-reason");
		} else {
			cpo_json_null(&js, "ifname");
		}
		cpo_json_uint(&js, "oe", m->u[CPO_A_OE_INDEX]);
		cpo_json_uint(&js, "speed-mbps", m->u[CPO_A_SPEED]);
		cpo_json_bool(&js, "low-power", m->u[CPO_A_LOW_POWER]);
		json_links(m, CPO_A_LINK_LANE, "lanes");
		json_links(m, CPO_A_LINK_LASER, "lasers");
		cpo_json_obj_close(&js);
		return;
	}
	if (head)
		printf("%-5s %-12s %-4s %10s %-7s %-6s %-9s %-24s %-16s %5s %s\n",
		       "PORT", "IFNAME", "OE", "SPEED(Mb/s)", "CARRIER",
		       "OPTICS", "LOW-POWER", "LANES", "LASERS", "DOWNS",
		       "DOWN-REASON");
	printf("%-5u %-12s %-4u %10u %-7s %-6s %-9s %-24s %-16s %5s %s\n",
	       (unsigned int)m->u[CPO_A_PORT_INDEX],
	       m->str[CPO_A_IFNAME] ? m->str[CPO_A_IFNAME] : "-",
	       (unsigned int)m->u[CPO_A_OE_INDEX],
	       (unsigned int)m->u[CPO_A_SPEED],
	       !m->str[CPO_A_IFNAME] ? "-" :
			cpo_port_link_up(m) ? "up" : "down",
	       !m->str[CPO_A_IFNAME] ? "-" :
			m->u[CPO_A_CARRIER] ? "up" : "down",
	       m->u[CPO_A_LOW_POWER] ? "on" : "off",
	       links(m, CPO_A_LINK_LANE, ln, sizeof(ln)),
	       links(m, CPO_A_LINK_LASER, la, sizeof(la)),
	       int_attr(m, CPO_A_LINK_DOWN_EVENTS, dn, sizeof(dn)),
	       m->str[CPO_A_LINK_DOWN_REASON] ?
			m->str[CPO_A_LINK_DOWN_REASON] : "-");
}

static int port_set(int argc, char **argv)
{
	struct cpo_req r;
	uint32_t port;
	int err;

	if (argc < 1)
		return usage_err("port set needs a PORT or IFNAME%s", NULL);
	if (argv[0][0] >= '0' && argv[0][0] <= '9' &&
	    cpo_parse_u32(argv[0], 0xffff, &port))
		return usage_err("bad port index '%s'", argv[0]);
	cpo_req_init(&r, CPO_CMD_PORT_SET, false);
	err = parse_set_opts("port", argc - 1, argv + 1, &r, -1);
	if (err)
		return err;
	err = prepare(true);
	if (err)
		return err;
	if (resolve_port(argv[0], &port))
		return CPOCTL_EXIT_ERR;
	cpo_req_u32(&r, CPO_A_PORT_INDEX, port);
	return set_call(&r, CPO_A_PORT_INDEX, port, "cannot set port");
}

static int cmd_port(int argc, char **argv)
{
	const char *cmd;
	uint32_t port;
	int64_t idx = -1;
	int err;

	cmd = OBJ_CMD(show_set_cmds, &err);
	if (!cmd)
		return err;
	if (!strcmp(cmd, "set"))
		return port_set(argc - 1, argv + 1);
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	if (argc > 2)
		return usage_err("unknown argument '%s'", argv[2]);
	if (argc == 2 && argv[1][0] >= '0' && argv[1][0] <= '9' &&
	    cpo_parse_u32(argv[1], 0xffff, &port))
		return usage_err("bad port index '%s'", argv[1]);
	err = prepare(true);
	if (err)
		return err;
	if (argc == 2) {
		if (resolve_port(argv[1], &port))
			return CPOCTL_EXIT_ERR;
		if (check_index(CPO_A_PORT_INDEX, port, true))
			return CPOCTL_EXIT_ERR;
		idx = port;
	}
	return show_all(CPO_CMD_PORT_GET, CPO_A_PORT_INDEX, idx, NULL,
			show_port);
}

/* ---- threshold ---- */

static void show_thresh(const struct cpo_msg *m, bool head)
{
	static const int attrs[] = { CPO_A_HIGH_ALARM, CPO_A_LOW_ALARM,
				     CPO_A_HIGH_WARN, CPO_A_LOW_WARN };
	static const char *const keys[] = { "high-alarm", "low-alarm",
					    "high-warning", "low-warning" };
	const struct cpo_quantity_info *q = cpo_quantity(m->u[CPO_A_QUANTITY]);
	char v[4][32];
	unsigned int i;

	if (!q)
		return;
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "dev", m->u[CPO_A_DEV_INDEX]);
		cpo_json_str(&js, "quantity",
			     cpo_quantity_str(m->u[CPO_A_QUANTITY]));
		cpo_json_str(&js, "unit", cpo_kind_unit(q->kind));
		/* a quantity whose thresholds the device never gave: null */
		for (i = 0; i < 4; i++) {
			if (m->has[attrs[i]])
				json_kind(keys[i], q->kind, cpo_msg_s(m, attrs[i]));
			else
				cpo_json_null(&js, keys[i]);
		}
		cpo_json_obj_open(&js, "raw");
		for (i = 0; i < 4; i++) {
			if (m->has[attrs[i]])
				cpo_json_int(&js, keys[i], cpo_msg_s(m, attrs[i]));
			else
				cpo_json_null(&js, keys[i]);
		}
		cpo_json_obj_close(&js);
		cpo_json_obj_close(&js);
		return;
	}
	if (head)
		printf("%-14s %-5s %11s %11s %11s %11s\n", "QUANTITY", "UNIT",
		       "HIGH-ALARM", "HIGH-WARN", "LOW-WARN", "LOW-ALARM");
	for (i = 0; i < 4; i++) {
		int64_t raw = cpo_msg_s(m, attrs[i]);

		if (!m->has[attrs[i]])
			snprintf(v[i], sizeof(v[i]), "-");
		else if (q->kind == CPO_K_TEMP)	/* thresholds: full precision */
			cpo_fmt_fixed(v[i], sizeof(v[i]), raw, 3, 3);
		else
			kind(q->kind, raw, v[i], sizeof(v[i]));
	}
	printf("%-14s %-5s %11s %11s %11s %11s\n",
	       cpo_quantity_str(m->u[CPO_A_QUANTITY]),
	       cpo_kind_unit(q->kind), v[0], v[2], v[3], v[1]);
}

/*
 * A quantity by its name or the prefix of one ("laser-b"): its number,
 * or CPO_MATCH_NONE, or CPO_MATCH_AMBIGUOUS once that is said.
 */
static int quantity_arg(const char *s)
{
	const char *names[CPO_QUANTITY_MAX + 1];
	unsigned int q;

	for (q = 0; q <= CPO_QUANTITY_MAX; q++)
		names[q] = cpo_quantity_str(q);
	return match(s, names, CPO_QUANTITY_MAX + 1, "quantity");
}

static int threshold_set(int argc, char **argv)
{
	struct cpo_req r;
	char ctx[64];
	int q, err;

	if (argc < 1)
		return usage_err("threshold set needs a QUANTITY%s", NULL);
	q = quantity_arg(argv[0]);
	if (q == CPO_MATCH_AMBIGUOUS)
		return CPOCTL_EXIT_USAGE;
	if (q < 0)
		return usage_err("unknown quantity '%s'", argv[0]);
	cpo_req_init(&r, CPO_CMD_THRESHOLD_SET, false);
	cpo_req_u32(&r, CPO_A_QUANTITY, q);
	err = parse_set_opts("threshold", argc - 1, argv + 1, &r, q);
	if (err)
		return err;
	snprintf(ctx, sizeof(ctx), "cannot set the %s thresholds",
		 cpo_quantity_str(q));
	return set_call(&r, -1, 0, ctx);
}

static int cmd_threshold(int argc, char **argv)
{
	const char *cmd;
	int64_t idx = -1;
	int err;

	cmd = OBJ_CMD(show_set_cmds, &err);
	if (!cmd)
		return err;
	if (!strcmp(cmd, "set"))
		return threshold_set(argc - 1, argv + 1);
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	if (argc > 2)
		return usage_err("unknown argument '%s'", argv[2]);
	if (argc == 2) {
		idx = quantity_arg(argv[1]);
		if (idx == CPO_MATCH_AMBIGUOUS)
			return CPOCTL_EXIT_USAGE;
		if (idx < 0)
			return usage_err("unknown quantity '%s'", argv[1]);
	}
	err = prepare(true);
	if (err)
		return err;
	return show_all(CPO_CMD_THRESHOLD_GET, CPO_A_QUANTITY, idx, NULL,
			show_thresh);
}

/* ---- els remove ---- */

static bool in_list(const uint32_t *v, unsigned int n, uint32_t x)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/*
 * The removal contract, from the requester's side: subscribed to the
 * monitor group before the request, so that its announcement (the blast
 * radius and the request's id) cannot be missed; the answer; then the
 * slot's state events until it is safe to pull, or for a request of one
 * laser, the laser's state events until it is off.
 */
#define RM_SLOT UINT32_MAX		/* rm_ctx.laser: the whole slot */

struct rm_ctx {
	uint32_t slot;
	uint32_t laser;			/* one laser of the slot, or RM_SLOT */
	uint32_t id;			/* the announced request, 0: not yet */
	uint32_t action;		/* at the timeout */
	uint32_t timeout_ms;		/* asked for, 0: the driver's */
	bool yes;
	bool done;
	int err;
};

static volatile int rm_stop;

static void rm_on_alarm(int sig)
{
	(void)sig;
	rm_stop = 1;
}

/* "slot 5" or "laser 42": what the request takes out of service */
static const char *rm_name(const struct rm_ctx *c, char *buf, size_t len)
{
	if (c->laser == RM_SLOT)
		snprintf(buf, len, "slot %u", c->slot);
	else
		snprintf(buf, len, "laser %u", c->laser);
	return buf;
}

static void rm_step(const struct rm_ctx *c, const char *what)
{
	char nb[32];

	if (opt.json)
		return;
	printf("%s: %s\n", rm_name(c, nb, sizeof(nb)), what);
	fflush(stdout);
}

static void rm_finish(struct rm_ctx *c, int err)
{
	c->done = true;
	c->err = err;
	rm_stop = 1;
}

static int rm_answer(struct rm_ctx *c, uint32_t action)
{
	struct cpo_req r;

	cpo_req_init(&r, CPO_CMD_ELS_REMOVE_ACK, false);
	cpo_req_u32(&r, CPO_A_ELS_INDEX, c->slot);
	cpo_req_u32(&r, CPO_A_REMOVAL_ID, c->id);
	cpo_req_u32(&r, CPO_A_REMOVAL_ACTION, action);
	return set_call(&r, CPO_A_ELS_INDEX, c->slot,
			"cannot answer the removal of ELSFP slot");
}

/* whether @m, an event of a removal request, is of the one @c asked for */
static bool rm_ours(const struct rm_ctx *c, const struct cpo_msg *m)
{
	if (c->laser == RM_SLOT)
		return !m->has[CPO_A_LASER_INDEX];
	return m->has[CPO_A_LASER_INDEX] && m->u[CPO_A_LASER_INDEX] == c->laser;
}

static void rm_announced(struct rm_ctx *c, const struct cpo_msg *m)
{
	unsigned int np = m->n_link[CPO_LINK_PORT];
	unsigned int nl = m->n_link[CPO_LINK_LANE];
	char ans[16], buf[1024], nb[32];
	bool go = c->yes;

	c->id = m->u[CPO_A_REMOVAL_ID];
	c->action = m->u[CPO_A_REMOVAL_ACTION];
	rm_name(c, nb, sizeof(nb));
	if (!opt.json) {
		printf("%s: announced as removal request %u: ports %s (%u ports, %u lanes) go dark; the driver waits %.1f s for an answer, then %s\n",
		       nb, c->id, links(m, CPO_A_LINK_PORT, buf, sizeof(buf)),
		       np, nl, m->u[CPO_A_REMOVAL_TIMEOUT] / 1000.0,
		       c->action == CPO_REMOVAL_ABORT ? "aborts" : "proceeds");
		fflush(stdout);
	}
	if (!go) {
		if (c->laser == RM_SLOT)
			fprintf(stderr, "These ports lose light. Ramp slot %u down now? [y/N] ",
				c->slot);
		else
			fprintf(stderr, "These ports lose light. Switch laser %u off now? [y/N] ",
				c->laser);
		go = fgets(ans, sizeof(ans), stdin) &&
		     (ans[0] == 'y' || ans[0] == 'Y');
	}
	if (rm_answer(c, go ? CPO_REMOVAL_PROCEED : CPO_REMOVAL_ABORT)) {
		rm_finish(c, CPOCTL_EXIT_ERR);
		return;
	}
	if (!go) {
		fprintf(stderr, "cpoctl: aborted; %s stays on\n", nb);
		rm_finish(c, CPOCTL_EXIT_ERR);
	}
}

/* The laser's state from a get: 1 off, 0 not off, -1 if it cannot be read. */
static int rm_laser_off(uint32_t laser)
{
	struct cpo_msgs m = { 0 };
	int off = -1;

	if (!fetch(CPO_CMD_LASER_GET, CPO_A_LASER_INDEX, laser, NULL, &m) && m.n)
		off = m.v[0].u[CPO_A_STATE] == CPO_LASER_STATE_OFF;
	cpo_msgs_free(&m);
	return off;
}

/* a laser that was off already sends no state event: done at once */
static void rm_laser_check(struct rm_ctx *c)
{
	if (rm_laser_off(c->laser) == 1)
		rm_finish(c, 0);
}

/* a state event of the laser a request names: done once it is off */
static void rm_laser_event(struct rm_ctx *c, const struct cpo_msg *m)
{
	if (!c->id || c->laser == RM_SLOT ||
	    m->u[CPO_A_EVENT_TYPE] != CPO_EVENT_LASER_STATE ||
	    m->u[CPO_A_OBJ_INDEX] != c->laser)
		return;
	if (cpo_msg_s(m, CPO_A_VALUE) == CPO_LASER_STATE_OFF)
		rm_finish(c, 0);
}

static void rm_event(const struct cpo_msg *m, void *arg)
{
	struct rm_ctx *c = arg;
	uint32_t type = m->u[CPO_A_EVENT_TYPE];
	char nb[32];

	if (c->done || m->u[CPO_A_DEV_INDEX] != do_dev)
		return;
	if (m->u[CPO_A_OBJ_TYPE] == CPO_OBJ_LASER) {
		rm_laser_event(c, m);
		return;
	}
	if (m->u[CPO_A_OBJ_TYPE] != CPO_OBJ_ELS || m->u[CPO_A_OBJ_INDEX] != c->slot)
		return;
	switch (type) {
	case CPO_EVENT_ELS_REMOVAL_PENDING:
		if (!c->id && rm_ours(c, m))
			rm_announced(c, m);
		break;
	case CPO_EVENT_ELS_REMOVAL_ACKED:
		if (!c->id || m->u[CPO_A_REMOVAL_ID] != c->id)
			break;
		if (m->u[CPO_A_REMOVAL_ACTION] != CPO_REMOVAL_PROCEED) {
			rm_finish(c, CPOCTL_EXIT_ERR);
		} else if (c->laser == RM_SLOT) {
			rm_step(c, "acknowledged");
		} else {
			rm_step(c, "acknowledged: switching off");
			rm_laser_check(c);
		}
		break;
	case CPO_EVENT_ELS_REMOVAL_TIMEOUT:
		if (!c->id || m->u[CPO_A_REMOVAL_ID] != c->id)
			break;
		if (m->u[CPO_A_REMOVAL_ACTION] == CPO_REMOVAL_PROCEED) {
			rm_step(c, c->laser == RM_SLOT ?
				"no answer in time: proceeding" :
				"no answer in time: proceeding, switching off");
			if (c->laser != RM_SLOT)
				rm_laser_check(c);
		} else {
			fprintf(stderr, "cpoctl: no answer in time: removal of %s aborted\n",
				rm_name(c, nb, sizeof(nb)));
			rm_finish(c, CPOCTL_EXIT_ERR);
		}
		break;
	case CPO_EVENT_ELS_STATE:
		if (!c->id || c->laser != RM_SLOT)
			break;
		if (cpo_msg_s(m, CPO_A_VALUE) == CPO_ELS_STATE_REMOVING)
			rm_step(c, "ramping down");
		else if (cpo_msg_s(m, CPO_A_VALUE) == CPO_ELS_STATE_SAFE)
			rm_finish(c, 0);
		break;
	default:
		break;
	}
}

static void rm_status(enum cpo_nl_mon_status st, void *arg)
{
	struct rm_ctx *c = arg;
	struct cpo_req r;

	if (st == CPO_NL_MON_FAMILY_GONE) {
		fprintf(stderr, "cpoctl: the cpo family went away\n");
		rm_finish(c, CPOCTL_EXIT_ERR);
		return;
	}
	if (st != CPO_NL_MON_JOINED)
		return;
	cpo_req_init(&r, CPO_CMD_ELS_REMOVE, false);
	cpo_req_u32(&r, CPO_A_ELS_INDEX, c->slot);
	if (c->action)
		cpo_req_u32(&r, CPO_A_REMOVAL_ACTION, c->action);
	if (c->timeout_ms)
		cpo_req_u32(&r, CPO_A_REMOVAL_TIMEOUT, c->timeout_ms);
	if (c->laser != RM_SLOT) {
		cpo_req_u32(&r, CPO_A_LASER_INDEX, c->laser);
		if (set_call(&r, CPO_A_LASER_INDEX, c->laser,
			     "cannot remove laser"))
			rm_finish(c, CPOCTL_EXIT_ERR);
		return;
	}
	if (set_call(&r, CPO_A_ELS_INDEX, c->slot, "cannot remove ELSFP slot"))
		rm_finish(c, CPOCTL_EXIT_ERR);
}

/* The slot's state, from a get; -1 if it cannot be read. */
static int rm_slot_state(uint32_t slot)
{
	struct cpo_msgs m = { 0 };
	int st = -1;

	if (!fetch(CPO_CMD_ELS_GET, CPO_A_ELS_INDEX, slot, NULL, &m) && m.n)
		st = m.v[0].u[CPO_A_STATE];
	cpo_msgs_free(&m);
	return st;
}

static int rm_run(uint32_t slot, uint32_t laser, bool yes, uint32_t timeout_ms,
		  uint32_t action)
{
	struct rm_ctx c = { .slot = slot, .laser = laser, .yes = yes,
			    .action = action, .timeout_ms = timeout_ms };
	struct sigaction sa;
	unsigned int wait_s;
	char nb[32];
	int err;

	/* the answer may take the driver's whole timeout, then the ramp */
	wait_s = (timeout_ms ? timeout_ms : CPO_REMOVAL_TIMEOUT_MAX_MS) / 1000 + 60;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = rm_on_alarm;	/* no SA_RESTART: poll() returns */
	sigaction(SIGALRM, &sa, NULL);
	rm_stop = 0;
	alarm(wait_s);
	err = cpo_nl_monitor(rm_event, rm_status, &c, &rm_stop);
	alarm(0);
	if (err) {
		fprintf(stderr, "cpoctl: cannot follow the removal: %s\n",
			strerror(-err));
		return CPOCTL_EXIT_ERR;
	}
	if (!c.done) {
		/* events lost on the way: the object's state has the last word */
		if (c.id && laser == RM_SLOT &&
		    rm_slot_state(slot) == CPO_ELS_STATE_SAFE) {
			c.err = 0;
		} else if (c.id && laser != RM_SLOT && rm_laser_off(laser) == 1) {
			c.err = 0;
		} else {
			fprintf(stderr, "cpoctl: %s did not become %s within %u s\n",
				rm_name(&c, nb, sizeof(nb)),
				laser == RM_SLOT ? "safe to pull" : "off", wait_s);
			return CPOCTL_EXIT_ERR;
		}
	}
	if (!c.err)
		rm_step(&c, laser == RM_SLOT ? "safe to pull" : "off");
	return c.err;
}

/*
 * The arguments of "els remove SLOT ..." and "laser remove LASER ...":
 * @what ("slot", "laser") and @WHAT ("SLOT", "LASER") name the index in
 * messages.
 */
static int rm_parse(int argc, char **argv, const char *what,
		    const char *WHAT, uint32_t *idx, bool *yes,
		    uint32_t *timeout_ms, uint32_t *action)
{
	static const char *const opts[] = { "timeout", "on-timeout" };
	static const char *const acts[] = { "proceed", "abort" };
	bool have_idx = false, seen[2] = { false, false };
	char msg[64];
	int a, o, v;

	for (a = 0; a < argc; a++) {
		if (!strcmp(argv[a], "-y") || !strcmp(argv[a], "--yes")) {
			*yes = true;
			continue;
		}
		if (!have_idx) {
			if (cpo_parse_u32(argv[a], 0xffff, idx)) {
				snprintf(msg, sizeof(msg), "bad %s index '%%s'", what);
				return usage_err(msg, argv[a]);
			}
			have_idx = true;
			continue;
		}
		o = match(argv[a], opts, ARRAY_SIZE(opts), "argument");
		if (o == CPO_MATCH_AMBIGUOUS)
			return CPOCTL_EXIT_USAGE;
		if (o < 0)
			return usage_err("unknown argument '%s'", argv[a]);
		if (seen[o])
			return usage_err("'%s' given twice", opts[o]);
		seen[o] = true;
		if (a + 1 >= argc) {
			snprintf(msg, sizeof(msg), "'%s' needs a value%%s", opts[o]);
			return usage_err(msg, NULL);
		}
		a++;
		if (o == 0) {
			if (cpo_parse_u32(argv[a], CPO_REMOVAL_TIMEOUT_MAX_MS, timeout_ms) ||
			    !*timeout_ms)
				return usage_err("bad timeout '%s' (ms, 1-"
						 CPOCTL_STR(CPO_REMOVAL_TIMEOUT_MAX_MS) ")",
						 argv[a]);
			continue;
		}
		v = match(argv[a], acts, ARRAY_SIZE(acts), "on-timeout action");
		if (v == CPO_MATCH_AMBIGUOUS)
			return CPOCTL_EXIT_USAGE;
		if (v < 0)
			return usage_err("on-timeout is proceed or abort, not '%s'",
					 argv[a]);
		*action = cpo_removal_action_by_name(acts[v]);
	}
	if (!have_idx) {
		snprintf(msg, sizeof(msg), "%s remove needs a %s%%s",
			 cur_obj ? cur_obj : what, WHAT);
		return usage_err(msg, NULL);
	}
	return 0;
}

static int els_remove(int argc, char **argv)
{
	struct cpo_msgs slot = { 0 }, lasers = { 0 }, ports = { 0 };
	uint32_t idx, *lanes = NULL, timeout_ms = 0, action = 0;
	unsigned int n_lanes = 0, max_lanes = 0, i, k;
	bool yes = false;
	struct cpo_req f;
	char buf[4096];
	int err;

	err = rm_parse(argc, argv, "slot", "SLOT", &idx, &yes, &timeout_ms,
		       &action);
	if (err)
		return err;
	err = prepare(true);
	if (err)
		return err;
	if (check_index(CPO_A_ELS_INDEX, idx, true))
		return CPOCTL_EXIT_ERR;

	err = fetch(CPO_CMD_ELS_GET, CPO_A_ELS_INDEX, idx, NULL, &slot);
	if (err)
		return err;
	cpo_req_init(&f, 0, false);
	cpo_req_u32(&f, CPO_A_ELS_INDEX, idx);
	err = fetch(CPO_CMD_LASER_GET, 0, -1, &f, &lasers);
	if (!err)
		err = fetch(CPO_CMD_PORT_GET, 0, -1, &f, &ports);
	if (err)
		goto out_free;
	for (i = 0; i < lasers.n; i++)
		max_lanes += lasers.v[i].n_link[CPO_LINK_LANE];
	lanes = calloc(max_lanes ? max_lanes : 1, sizeof(*lanes));
	if (!lanes) {
		fprintf(stderr, "cpoctl: %s\n", strerror(ENOMEM));
		err = CPOCTL_EXIT_ERR;
		goto out_free;
	}
	for (i = 0; i < lasers.n; i++) {
		const struct cpo_msg *m = &lasers.v[i];

		for (k = 0; k < m->n_link[CPO_LINK_LANE]; k++)
			if (!in_list(lanes, n_lanes, m->link[CPO_LINK_LANE][k]))
				lanes[n_lanes++] = m->link[CPO_LINK_LANE][k];
	}

	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "els", idx);
		cpo_json_arr_open(&js, "lasers");
		for (i = 0; i < lasers.n; i++)
			cpo_json_uint(&js, NULL,
				      lasers.v[i].u[CPO_A_LASER_INDEX]);
		cpo_json_arr_close(&js);
		cpo_json_arr_open(&js, "lanes");
		for (i = 0; i < n_lanes; i++)
			cpo_json_uint(&js, NULL, lanes[i]);
		cpo_json_arr_close(&js);
		cpo_json_arr_open(&js, "ports");
		for (i = 0; i < ports.n; i++) {
			cpo_json_obj_open(&js, NULL);
			cpo_json_uint(&js, "index",
				      ports.v[i].u[CPO_A_PORT_INDEX]);
			if (ports.v[i].str[CPO_A_IFNAME])
				cpo_json_str(&js, "ifname",
					     ports.v[i].str[CPO_A_IFNAME]);
			cpo_json_obj_close(&js);
		}
		cpo_json_arr_close(&js);
		cpo_json_obj_close(&js);
		cpo_json_end(&js);
	} else {
		FILE *o = stdout;

		fprintf(o, "ELSFP slot %u feeds %u lasers, %u lanes, %u ports:\n",
			idx, lasers.n, n_lanes, ports.n);
		fprintf(o, "  lasers: ");
		for (i = 0; i < lasers.n; i++)
			fprintf(o, "%s%u", i ? "," : "",
				(unsigned int)lasers.v[i].u[CPO_A_LASER_INDEX]);
		fprintf(o, "\n  lanes:  %s\n  ports:  ",
			cpo_fmt_list(buf, sizeof(buf), lanes, n_lanes));
		for (i = 0; i < ports.n; i++) {
			const char *n = ports.v[i].str[CPO_A_IFNAME];

			fprintf(o, "%s%u", i ? ", " : "",
				(unsigned int)ports.v[i].u[CPO_A_PORT_INDEX]);
			if (n)
				fprintf(o, " (%s)", n);
		}
		fprintf(o, "%s\n", ports.n ? "" : "-");
		fflush(o);
	}

	if (!yes && !isatty(STDIN_FILENO)) {
		fprintf(stderr,
			"cpoctl: refusing to remove slot %u without -y: stdin is not a terminal\n",
			idx);
		err = CPOCTL_EXIT_ERR;
		goto out_free;
	}
	err = rm_run(idx, RM_SLOT, yes, timeout_ms, action);
out_free:
	free(lanes);
	cpo_msgs_free(&slot);
	cpo_msgs_free(&lasers);
	cpo_msgs_free(&ports);
	return err;
}

/* The other side of the contract: answer a request another process made. */
static int els_answer(int argc, char **argv)
{
	struct rm_ctx c = { 0 };

	if (argc != 3)
		return usage_err("els answer needs SLOT REQUEST proceed|abort%s", NULL);
	if (cpo_parse_u32(argv[0], 0xffff, &c.slot))
		return usage_err("bad slot index '%s'", argv[0]);
	if (cpo_parse_u32(argv[1], UINT32_MAX, &c.id) || !c.id)
		return usage_err("bad removal request '%s'", argv[1]);
	if (cpo_removal_action_by_name(argv[2]) < 0)
		return usage_err("the answer is proceed or abort, not '%s'", argv[2]);
	return rm_answer(&c, cpo_removal_action_by_name(argv[2]));
}

/*
 * "laser remove LASER": the removal contract for one laser of a slot.
 * Shows the lanes and ports the laser feeds, asks, and reports each step
 * until the laser is off; the slot's other lasers stay on.
 */
static int laser_remove(int argc, char **argv)
{
	struct cpo_msgs la = { 0 }, ports = { 0 };
	uint32_t idx, slot, timeout_ms = 0, action = 0;
	const uint32_t *fed;
	unsigned int n_fed, np = 0, i;
	const struct cpo_msg *m;
	bool yes = false;
	struct cpo_req f;
	char buf[1024];
	int err;

	err = rm_parse(argc, argv, "laser", "LASER", &idx, &yes, &timeout_ms,
		       &action);
	if (err)
		return err;
	err = prepare(true);
	if (err)
		return err;
	if (check_index(CPO_A_LASER_INDEX, idx, true))
		return CPOCTL_EXIT_ERR;
	err = fetch(CPO_CMD_LASER_GET, CPO_A_LASER_INDEX, idx, NULL, &la);
	if (err)
		return err;
	if (!la.n) {
		fprintf(stderr, "cpoctl: laser %u on cpo%u: no reply\n", idx,
			do_dev);
		err = CPOCTL_EXIT_ERR;
		goto out_free;
	}
	m = &la.v[0];
	slot = m->u[CPO_A_ELS_INDEX];
	fed = m->link[CPO_LINK_PORT];
	n_fed = m->n_link[CPO_LINK_PORT];
	/* the names of the ports it feeds: among its slot's ports */
	cpo_req_init(&f, 0, false);
	cpo_req_u32(&f, CPO_A_ELS_INDEX, slot);
	err = fetch(CPO_CMD_PORT_GET, 0, -1, &f, &ports);
	if (err)
		goto out_free;

	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_uint(&js, "laser", idx);
		cpo_json_uint(&js, "els", slot);
		json_links(m, CPO_A_LINK_LANE, "lanes");
		cpo_json_arr_open(&js, "ports");
		for (i = 0; i < ports.n; i++) {
			const struct cpo_msg *p = &ports.v[i];

			if (!in_list(fed, n_fed, p->u[CPO_A_PORT_INDEX]))
				continue;
			cpo_json_obj_open(&js, NULL);
			cpo_json_uint(&js, "index", p->u[CPO_A_PORT_INDEX]);
			if (p->str[CPO_A_IFNAME])
				cpo_json_str(&js, "ifname", p->str[CPO_A_IFNAME]);
			cpo_json_obj_close(&js);
		}
		cpo_json_arr_close(&js);
		cpo_json_obj_close(&js);
		cpo_json_end(&js);
	} else {
		printf("laser %u of ELSFP slot %u feeds %u lanes, %u ports:\n",
		       idx, slot, m->n_link[CPO_LINK_LANE], n_fed);
		printf("  lanes:  %s\n  ports:  ",
		       links(m, CPO_A_LINK_LANE, buf, sizeof(buf)));
		for (i = 0; i < ports.n; i++) {
			const struct cpo_msg *p = &ports.v[i];
			const char *n = p->str[CPO_A_IFNAME];

			if (!in_list(fed, n_fed, p->u[CPO_A_PORT_INDEX]))
				continue;
			printf("%s%u", np++ ? ", " : "",
			       (unsigned int)p->u[CPO_A_PORT_INDEX]);
			if (n)
				printf(" (%s)", n);
		}
		printf("%s\n", np ? "" : "-");
		fflush(stdout);
	}

	if (!yes && !isatty(STDIN_FILENO)) {
		fprintf(stderr,
			"cpoctl: refusing to remove laser %u without -y: stdin is not a terminal\n",
			idx);
		err = CPOCTL_EXIT_ERR;
		goto out_free;
	}
	err = rm_run(slot, idx, yes, timeout_ms, action);
out_free:
	cpo_msgs_free(&la);
	cpo_msgs_free(&ports);
	return err;
}

/* ---- health ---- */

struct laser_rank {
	const struct cpo_msg *m;
	double drift;		/* percent */
	double hours;		/* to the alarm threshold, NAN if unknown */
};

static int rank_cmp(const void *a, const void *b)
{
	const struct laser_rank *x = a, *y = b;
	double dx = isnan(x->drift) ? -1 : fabs(x->drift);
	double dy = isnan(y->drift) ? -1 : fabs(y->drift);

	return dx < dy ? 1 : dx > dy ? -1 : 0;
}

/*
 * Time to the alarm threshold by linear extrapolation from beginning of
 * life to now: the quantity moved (now - bol) in age_hours, and keeps
 * moving at that rate.  Under APC the bias rises towards the bias high
 * alarm; under ACC the power falls towards the power low alarm.
 */
static double laser_hours_to_alarm(const struct cpo_msg *m,
				   const int64_t *bias_high,
				   const int64_t *power_low)
{
	double age = m->u[CPO_A_AGE_HOURS], rate;

	if (!age)
		return NAN;
	if (m->u[CPO_A_LASER_MODE] == CPO_LASER_MODE_ACC) {
		double p = m->u[CPO_A_POWER], bol = m->u[CPO_A_BOL_POWER];

		if (!power_low || !bol)
			return NAN;
		if (p <= *power_low)
			return 0;
		rate = (bol - p) / age;
		return rate > 0 ? (p - *power_low) / rate : INFINITY;
	} else {
		double b = m->u[CPO_A_BIAS], bol = m->u[CPO_A_BOL_BIAS];

		if (!bias_high || !bol)
			return NAN;
		if (b >= *bias_high)
			return 0;
		rate = (b - bol) / age;
		return rate > 0 ? (*bias_high - b) / rate : INFINITY;
	}
}

/* What an hours-to-alarm estimate means, for JSON ("alarm-forecast"). */
static const char *laser_forecast_str(double hours)
{
	if (isnan(hours))
		return "unknown";	/* no age, BOL value or threshold yet */
	if (isinf(hours))
		return "not-drifting";	/* not moving towards the threshold */
	if (hours == 0)
		return "in-alarm";
	return "estimated";
}

static void health_alarm_rows(const struct cpo_msgs *ms, const char *obj,
			      int key, unsigned int *n)
{
	unsigned int i, k;

	for (i = 0; i < ms->n; i++) {
		const struct cpo_msg *m = &ms->v[i];

		for (k = 0; k < m->n_alarms; k++) {
			if (opt.json) {
				cpo_json_obj_open(&js, NULL);
				cpo_json_str(&js, "object", obj);
				cpo_json_uint(&js, "index", m->u[key]);
				cpo_json_str(&js, "quantity",
					     cpo_quantity_str(m->alarm[k].quantity));
				cpo_json_str(&js, "severity",
					     cpo_severity_str(m->alarm[k].severity));
				cpo_json_str(&js, "direction",
					     cpo_direction_str(m->alarm[k].direction));
				cpo_json_obj_close(&js);
			} else {
				if (!*n)
					printf("%-6s %-5s %-14s %-8s %s\n",
					       "OBJECT", "INDEX", "QUANTITY",
					       "SEVERITY", "DIRECTION");
				printf("%-6s %-5u %-14s %-8s %s\n", obj,
				       (unsigned int)m->u[key],
				       cpo_quantity_str(m->alarm[k].quantity),
				       cpo_severity_str(m->alarm[k].severity),
				       cpo_direction_str(m->alarm[k].direction));
			}
			(*n)++;
		}
	}
}

static void service_item(unsigned int *n, const char *obj, uint32_t idx,
			 const char *why)
{
	if (opt.json) {
		cpo_json_obj_open(&js, NULL);
		cpo_json_str(&js, "object", obj);
		cpo_json_uint(&js, "index", idx);
		cpo_json_str(&js, "reason", why);
		cpo_json_obj_close(&js);
	} else {
		printf("  %s %u: %s\n", obj, idx, why);
	}
	(*n)++;
}

static bool has_alarm(const struct cpo_msg *m)
{
	unsigned int k;

	for (k = 0; k < m->n_alarms; k++)
		if (m->alarm[k].severity == CPO_SEVERITY_ALARM)
			return true;
	return false;
}

static int cmd_health(int argc, char **argv)
{
	struct cpo_msgs oe = { 0 }, els = { 0 }, las = { 0 }, lane = { 0 };
	struct cpo_msgs th = { 0 };
	int64_t bias_high = 0, power_low = 0;
	bool have_bias = false, have_power = false;
	struct laser_rank *rank = NULL;
	unsigned int i, k, n = 0, shown;
	int err;

	if (argc && (is_help(argv[0]) ||
		     !cpo_match_word(argv[0], help_cmd, 1, NULL, 0))) {
		usage(stdout, cur_obj);
		return 0;
	}
	if (argc)
		return usage_err("unknown argument '%s'", argv[0]);
	err = prepare(true);
	if (err)
		return err;
	err = fetch(CPO_CMD_OE_GET, 0, -1, NULL, &oe);
	if (!err)
		err = fetch(CPO_CMD_ELS_GET, 0, -1, NULL, &els);
	if (!err)
		err = fetch(CPO_CMD_LASER_GET, 0, -1, NULL, &las);
	if (!err)
		err = fetch(CPO_CMD_LANE_GET, 0, -1, NULL, &lane);
	if (!err)
		err = fetch(CPO_CMD_THRESHOLD_GET, 0, -1, NULL, &th);
	if (err)
		goto out_free;
	for (i = 0; i < th.n; i++) {
		if (th.v[i].u[CPO_A_QUANTITY] == CPO_QUANTITY_LASER_BIAS &&
		    th.v[i].has[CPO_A_HIGH_ALARM]) {
			bias_high = cpo_msg_s(&th.v[i], CPO_A_HIGH_ALARM);
			have_bias = true;
		} else if (th.v[i].u[CPO_A_QUANTITY] == CPO_QUANTITY_LASER_POWER &&
			   th.v[i].has[CPO_A_LOW_ALARM]) {
			power_low = cpo_msg_s(&th.v[i], CPO_A_LOW_ALARM);
			have_power = true;
		}
	}

	if (opt.json)
		cpo_json_obj_open(&js, NULL);

	/* alarms and warnings now */
	if (opt.json)
		cpo_json_arr_open(&js, "alarms");
	else
		printf("Alarms and warnings:\n");
	health_alarm_rows(&oe, "oe", CPO_A_OE_INDEX, &n);
	health_alarm_rows(&els, "els", CPO_A_ELS_INDEX, &n);
	health_alarm_rows(&las, "laser", CPO_A_LASER_INDEX, &n);
	health_alarm_rows(&lane, "lane", CPO_A_LANE_INDEX, &n);
	if (opt.json)
		cpo_json_arr_close(&js);
	else if (!n)
		printf("  none\n");

	/* lasers by drift from beginning of life */
	rank = calloc(las.n ? las.n : 1, sizeof(*rank));
	if (!rank) {
		err = CPOCTL_EXIT_ERR;
		goto out_free;
	}
	for (i = 0, k = 0; i < las.n; i++) {
		/* spares and replaced lasers are dark by design */
		if (las.v[i].u[CPO_A_STATE] == CPO_LASER_STATE_ABSENT ||
		    las.v[i].has[CPO_A_SPARE] ||
		    las.v[i].has[CPO_A_OUT_OF_SERVICE])
			continue;
		rank[k].m = &las.v[i];
		rank[k].drift = laser_drift(&las.v[i]);
		rank[k].hours = laser_hours_to_alarm(&las.v[i],
						     have_bias ? &bias_high : NULL,
						     have_power ? &power_low : NULL);
		k++;
	}
	qsort(rank, k, sizeof(*rank), rank_cmp);
	shown = opt.json ? k : (k < 10 ? k : 10);
	if (opt.json) {
		cpo_json_arr_open(&js, "lasers");
	} else {
		printf("\nLasers by drift from beginning of life (top %u of %u; APC: bias, ACC: power):\n",
		       shown, k);
		printf("%-5s %-4s %-4s %-11s %9s %9s %8s %8s %14s\n", "LASER",
		       "ELS", "MODE", "STATE", "BIAS(mA)", "BOL(mA)", "DRIFT(%)",
		       "AGE(h)", "TO-ALARM(h)");
	}
	for (i = 0; i < shown; i++) {
		const struct cpo_msg *m = rank[i].m;
		char b[32], bb[32], h[32];

		if (opt.json) {
			cpo_json_obj_open(&js, NULL);
			cpo_json_uint(&js, "index", m->u[CPO_A_LASER_INDEX]);
			cpo_json_uint(&js, "els", m->u[CPO_A_ELS_INDEX]);
			cpo_json_str(&js, "mode",
				     cpo_laser_mode_str(m->u[CPO_A_LASER_MODE]));
			cpo_json_str(&js, "state",
				     cpo_laser_state_str(m->u[CPO_A_STATE]));
			cpo_json_num(&js, "drift-pct", rank[i].drift, 2);
			cpo_json_uint(&js, "age-hours", m->u[CPO_A_AGE_HOURS]);
			cpo_json_num(&js, "hours-to-alarm", rank[i].hours, 0);
			cpo_json_str(&js, "alarm-forecast",
				     laser_forecast_str(rank[i].hours));
			json_kind("laser-bias-current-ma", CPO_K_BIAS,
				  m->u[CPO_A_BIAS]);
			json_dbm("output-power-dbm", m->u[CPO_A_POWER]);
			cpo_json_obj_close(&js);
			continue;
		}
		if (isnan(rank[i].hours))
			snprintf(h, sizeof(h), "-");
		else if (isinf(rank[i].hours))
			snprintf(h, sizeof(h), "never");
		else
			snprintf(h, sizeof(h), "%.0f", rank[i].hours);
		printf("%-5u %-4u %-4s %-11s %9s %9s %8.2f %8u %14s\n",
		       (unsigned int)m->u[CPO_A_LASER_INDEX],
		       (unsigned int)m->u[CPO_A_ELS_INDEX],
		       cpo_laser_mode_str(m->u[CPO_A_LASER_MODE]),
		       cpo_laser_state_str(m->u[CPO_A_STATE]),
		       kind(CPO_K_BIAS, m->u[CPO_A_BIAS], b, sizeof(b)),
		       kind(CPO_K_BIAS, m->u[CPO_A_BOL_BIAS], bb, sizeof(bb)),
		       rank[i].drift, (unsigned int)m->u[CPO_A_AGE_HOURS], h);
	}
	if (opt.json)
		cpo_json_arr_close(&js);

	/* what needs service */
	n = 0;
	if (opt.json)
		cpo_json_arr_open(&js, "service");
	else
		printf("\nNeeds service:\n");
	for (i = 0; i < els.n; i++) {
		const struct cpo_msg *m = &els.v[i];
		uint32_t slot = m->u[CPO_A_ELS_INDEX];
		bool faulted = false;

		for (k = 0; k < las.n; k++)
			if (las.v[k].u[CPO_A_ELS_INDEX] == slot &&
			    (las.v[k].u[CPO_A_STATE] == CPO_LASER_STATE_FAULT ||
			     las.v[k].u[CPO_A_LASER_FAULT]))
				faulted = true;
		if (m->u[CPO_A_STATE] == CPO_ELS_STATE_FAULT)
			service_item(&n, "els", slot, "slot in fault state");
		else if (faulted)
			service_item(&n, "els", slot, "holds a faulted laser");
		else if (has_alarm(m))
			service_item(&n, "els", slot, "alarm active");
	}
	for (i = 0; i < las.n; i++) {
		const struct cpo_msg *m = &las.v[i];
		static char why[64];

		if (m->u[CPO_A_STATE] == CPO_LASER_STATE_FAULT ||
		    m->u[CPO_A_LASER_FAULT]) {
			snprintf(why, sizeof(why), "laser fault (%s)",
				 cpo_laser_fault_str(m->u[CPO_A_LASER_FAULT]));
			service_item(&n, "laser", m->u[CPO_A_LASER_INDEX], why);
		} else if (has_alarm(m)) {
			service_item(&n, "laser", m->u[CPO_A_LASER_INDEX],
				     "alarm active");
		}
	}
	for (i = 0; i < oe.n; i++)
		if (oe.v[i].u[CPO_A_STATE] == CPO_OE_STATE_FAULT ||
		    has_alarm(&oe.v[i]))
			service_item(&n, "oe", oe.v[i].u[CPO_A_OE_INDEX],
				     oe.v[i].u[CPO_A_STATE] == CPO_OE_STATE_FAULT ?
				     "engine in fault state" : "alarm active");
	if (opt.json) {
		cpo_json_arr_close(&js);
		cpo_json_obj_close(&js);
		cpo_json_end(&js);
	} else if (!n) {
		printf("  nothing\n");
	}
	err = 0;
out_free:
	free(rank);
	cpo_msgs_free(&oe);
	cpo_msgs_free(&els);
	cpo_msgs_free(&las);
	cpo_msgs_free(&lane);
	cpo_msgs_free(&th);
	return err;
}

/* ---- monitor ---- */

static volatile int stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void now_iso(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	char t[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03ldZ", t, ts.tv_nsec / 1000000);
}

static void print_event(const struct cpo_msg *m, void *arg)
{
	uint32_t type = m->u[CPO_A_EVENT_TYPE];
	const struct cpo_quantity_info *q = NULL;
	char ts[48], v[48], t[48];

	(void)arg;
	if (opt.has_dev && m->u[CPO_A_DEV_INDEX] != opt.dev)
		return;
	now_iso(ts, sizeof(ts));
	if (m->has[CPO_A_QUANTITY])
		q = cpo_quantity(m->u[CPO_A_QUANTITY]);
	if (opt.json) {
		struct cpo_json j;

		cpo_json_init(&j, stdout, false);
		cpo_json_obj_open(&j, NULL);
		cpo_json_str(&j, "time", ts);
		cpo_json_uint(&j, "dev", m->u[CPO_A_DEV_INDEX]);
		cpo_json_str(&j, "event", cpo_event_type_str(type));
		cpo_json_str(&j, "object", cpo_obj_type_str(m->u[CPO_A_OBJ_TYPE]));
		cpo_json_uint(&j, "index", m->u[CPO_A_OBJ_INDEX]);
		if (q) {
			cpo_json_str(&j, "quantity",
				     cpo_quantity_str(m->u[CPO_A_QUANTITY]));
			cpo_json_str(&j, "severity",
				     cpo_severity_str(m->u[CPO_A_SEVERITY]));
			cpo_json_str(&j, "direction",
				     cpo_direction_str(m->u[CPO_A_DIRECTION]));
			cpo_json_str(&j, "unit", cpo_kind_unit(q->kind));
			cpo_json_num(&j, "value",
				     cpo_kind_user(q->kind, cpo_msg_s(m, CPO_A_VALUE)), 3);
			cpo_json_num(&j, "threshold",
				     cpo_kind_user(q->kind,
						   cpo_msg_s(m, CPO_A_THRESHOLD)), 3);
		} else {
			cpo_json_int(&j, "value", cpo_msg_s(m, CPO_A_VALUE));
			cpo_json_int(&j, "threshold",
				     cpo_msg_s(m, CPO_A_THRESHOLD));
		}
		if (type == CPO_EVENT_LASER_STATE) {
			cpo_json_str(&j, "state",
				     cpo_laser_state_str(m->u[CPO_A_VALUE]));
			cpo_json_str(&j, "fault",
				     cpo_laser_fault_str(m->u[CPO_A_THRESHOLD]));
		}
		if (m->has[CPO_A_REMOVAL_ID]) {
			cpo_json_uint(&j, "removal-id", m->u[CPO_A_REMOVAL_ID]);
			cpo_json_str(&j, "action",
				     cpo_removal_action_str(m->u[CPO_A_REMOVAL_ACTION]));
			if (m->has[CPO_A_LASER_INDEX])
				cpo_json_uint(&j, "laser",
					      m->u[CPO_A_LASER_INDEX]);
		}
		if (type == CPO_EVENT_LASER_FAILOVER ||
		    type == CPO_EVENT_OE_FAILOVER) {
			unsigned int i;

			cpo_json_int(&j, "spare", cpo_msg_s(m, CPO_A_VALUE));
			for (i = 0; i < 2; i++) {
				unsigned int k = CPO_LINK_IDX(i ? CPO_A_LINK_LANE :
							      CPO_A_LINK_PORT), n;

				cpo_json_arr_open(&j, i ? "lanes" : "ports");
				for (n = 0; n < m->n_link[k]; n++)
					cpo_json_uint(&j, NULL, m->link[k][n]);
				cpo_json_arr_close(&j);
			}
		}
		if (type == CPO_EVENT_ELS_REMOVAL_PENDING) {
			cpo_json_uint(&j, "timeout-ms", m->u[CPO_A_REMOVAL_TIMEOUT]);
			static const int lk[2] = { CPO_A_LINK_PORT, CPO_A_LINK_LANE };
			unsigned int i, k;

			for (k = 0; k < 2; k++) {
				unsigned int x = CPO_LINK_IDX(lk[k]);

				cpo_json_arr_open(&j, k ? "lanes" : "ports");
				for (i = 0; i < m->n_link[x]; i++)
					cpo_json_uint(&j, NULL, m->link[x][i]);
				cpo_json_arr_close(&j);
			}
		}
		cpo_json_uint(&j, "seq", m->u[CPO_A_EVENT_SEQ]);
		cpo_json_uint(&j, "device-timestamp-ns", m->u[CPO_A_TIMESTAMP]);
		cpo_json_obj_close(&j);
		cpo_json_end(&j);
		return;
	}
	printf("%s cpo%u %s %s %u", ts, (unsigned int)m->u[CPO_A_DEV_INDEX],
	       cpo_event_type_str(type), cpo_obj_type_str(m->u[CPO_A_OBJ_TYPE]),
	       (unsigned int)m->u[CPO_A_OBJ_INDEX]);
	if (q) {
		printf(": %s %s %s, value %s, threshold %s",
		       cpo_quantity_str(m->u[CPO_A_QUANTITY]),
		       cpo_direction_str(m->u[CPO_A_DIRECTION]),
		       cpo_severity_str(m->u[CPO_A_SEVERITY]),
		       cpo_fmt_kind(v, sizeof(v), q->kind,
				    cpo_msg_s(m, CPO_A_VALUE)),
		       cpo_fmt_kind(t, sizeof(t), q->kind,
				    cpo_msg_s(m, CPO_A_THRESHOLD)));
	} else if (type == CPO_EVENT_LASER_STATE) {
		printf(": state %s, fault %s",
		       cpo_laser_state_str(m->u[CPO_A_VALUE]),
		       cpo_laser_fault_str(m->u[CPO_A_THRESHOLD]));
	} else if (type == CPO_EVENT_ELS_STATE) {
		printf(": state %s", cpo_els_state_str(m->u[CPO_A_VALUE]));
	} else if (type == CPO_EVENT_OE_STATE) {
		printf(": state %s", cpo_oe_state_str(m->u[CPO_A_VALUE]));
	} else if (type == CPO_EVENT_LANE_STATE) {
		printf(": status 0x%x", (unsigned int)m->u[CPO_A_VALUE]);
	} else if (type == CPO_EVENT_LASER_FAILOVER ||
		   type == CPO_EVENT_OE_FAILOVER) {
		char pb[512], lb[512];

		printf(": replaced by spare %s %d, lanes %s, ports %s",
		       type == CPO_EVENT_OE_FAILOVER ? "engine" : "laser",
		       (int)cpo_msg_s(m, CPO_A_VALUE),
		       links(m, CPO_A_LINK_LANE, lb, sizeof(lb)),
		       links(m, CPO_A_LINK_PORT, pb, sizeof(pb)));
	} else if (type == CPO_EVENT_ELS_REMOVAL_PENDING) {
		char pb[1024], lb[1024];

		printf(": request %u", (unsigned int)m->u[CPO_A_REMOVAL_ID]);
		if (m->has[CPO_A_LASER_INDEX])
			printf(", laser %u",
			       (unsigned int)m->u[CPO_A_LASER_INDEX]);
		printf(", ports %s, lanes %s, answer within %u ms or %s",
		       links(m, CPO_A_LINK_PORT, pb, sizeof(pb)),
		       links(m, CPO_A_LINK_LANE, lb, sizeof(lb)),
		       (unsigned int)m->u[CPO_A_REMOVAL_TIMEOUT],
		       cpo_removal_action_str(m->u[CPO_A_REMOVAL_ACTION]));
	} else if (m->has[CPO_A_REMOVAL_ID]) {
		printf(": request %u", (unsigned int)m->u[CPO_A_REMOVAL_ID]);
		if (m->has[CPO_A_LASER_INDEX])
			printf(", laser %u",
			       (unsigned int)m->u[CPO_A_LASER_INDEX]);
		printf(", %s", cpo_removal_action_str(m->u[CPO_A_REMOVAL_ACTION]));
	}
	printf(" (seq %u, device time %llu ns)\n",
	       (unsigned int)m->u[CPO_A_EVENT_SEQ],
	       (unsigned long long)m->u[CPO_A_TIMESTAMP]);
	fflush(stdout);
}

/*
 * The family went away (module unloaded) or came back: say so, on stderr
 * in text, as a JSON line with the events under -j.
 */
static void print_status(enum cpo_nl_mon_status st, void *arg)
{
	bool gone = st == CPO_NL_MON_FAMILY_GONE;
	char ts[48];

	(void)arg;
	if (st == CPO_NL_MON_JOINED)
		return;
	if (opt.json) {
		struct cpo_json j;

		now_iso(ts, sizeof(ts));
		cpo_json_init(&j, stdout, false);
		cpo_json_obj_open(&j, NULL);
		cpo_json_str(&j, "time", ts);
		cpo_json_str(&j, "event", gone ? "family-removed" :
						 "family-back");
		cpo_json_str(&j, "family", CPO_FAMILY_NAME);
		cpo_json_obj_close(&j);
		cpo_json_end(&j);
		fflush(stdout);
		return;
	}
	fprintf(stderr, gone ? "cpoctl: family %s removed; waiting\n" :
			       "cpoctl: family %s back, monitoring again\n",
		CPO_FAMILY_NAME);
}

static int cmd_monitor(int argc, char **argv)
{
	struct sigaction sa;
	int err;

	if (argc && (is_help(argv[0]) ||
		     !cpo_match_word(argv[0], help_cmd, 1, NULL, 0))) {
		usage(stdout, cur_obj);
		return 0;
	}
	if (argc)
		return usage_err("unknown argument '%s'", argv[0]);
	if (opt.has_dev) {
		err = prepare(false);
		if (err)
			return err;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	err = cpo_nl_monitor(print_event, print_status, NULL, &stop);
	switch (err) {
	case 0:
		return 0;
	case -ENOENT:
		fprintf(stderr, "cpoctl: monitor: no cpo netlink family (is cpo.ko loaded?)\n");
		break;
	case -ESRCH:
		fprintf(stderr, "cpoctl: monitor: family %s has no '%s' group; stopping\n",
			CPO_FAMILY_NAME, CPO_MCGRP_MONITOR);
		break;
	case -EPROTO:
		fprintf(stderr, "cpoctl: monitor: cannot follow the generic netlink controller's notifications\n");
		break;
	default:
		fprintf(stderr, "cpoctl: monitor: %s; stopping\n", strerror(-err));
	}
	return CPOCTL_EXIT_ERR;
}

/* ---- topology ---- */

/*
 * The device's optical topology in the shape of SONiC's optical_devices.json
 * (doc/platform/port_mapping_for_cpo.md of sonic-net/SONiC): "devices"
 * holds every engine (OEn, optical_engine: max_banks, lanes) and every
 * ELSFP slot (ELSn, external_laser_source: lasers, max_banks,
 * laser_to_lane_mapping), "interfaces" every port with the engine and the
 * slots that serve it and the CMIS bank of each.  Documentation/cpo/
 * ports.rst describes the keys this adds and the numbering.
 */

#define CPO_TOPO_BANK_LANES	8	/* lanes (or lasers) per CMIS bank */

struct topo {
	struct cpo_msgs oe, els, laser, port;
};

static const struct cpo_msg *topo_find(const struct cpo_msgs *ms, int key,
				       uint32_t idx)
{
	unsigned int i;

	for (i = 0; i < ms->n; i++)
		if (ms->v[i].has[key] && ms->v[i].u[key] == idx)
			return &ms->v[i];
	return NULL;
}

/* Position of @x in link list @attr of @m, or -1. */
static int topo_pos(const struct cpo_msg *m, int attr, uint32_t x)
{
	unsigned int k = CPO_LINK_IDX(attr), i;

	for (i = 0; m && i < m->n_link[k]; i++)
		if (m->link[k][i] == x)
			return (int)i;
	return -1;
}

/* "0,1,2,3": every number, the way platform.json writes lane lists. */
static char *topo_list(const uint32_t *v, unsigned int n)
{
	size_t len = (size_t)n * 11 + 1, used = 0;
	char *buf = malloc(len);
	unsigned int i;

	if (!buf)
		return NULL;
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		used += snprintf(buf + used, len - used, "%s%u", i ? "," : "",
				 v[i]);
	return buf;
}

static unsigned int topo_banks(unsigned int n)
{
	return n ? (n + CPO_TOPO_BANK_LANES - 1) / CPO_TOPO_BANK_LANES : 1;
}

static int topo_fetch(uint8_t cmd, struct cpo_msgs *out)
{
	const struct obj_desc *d = desc_by_cmd(cmd);
	struct cpo_req r;
	char ctx[96];

	cpo_req_init(&r, cmd, true);
	cpo_req_u32(&r, CPO_A_DEV_INDEX, do_dev);
	snprintf(ctx, sizeof(ctx), "cannot read the %s of cpo%u",
		 d ? d->many : "objects", do_dev);
	return call(&r, out, ctx);
}

static void topo_free(struct topo *t)
{
	cpo_msgs_free(&t->oe);
	cpo_msgs_free(&t->els);
	cpo_msgs_free(&t->laser);
	cpo_msgs_free(&t->port);
}

static int topo_json_list(const char *key, const uint32_t *v, unsigned int n)
{
	char *l = topo_list(v, n);

	if (!l)
		return -1;
	cpo_json_str(&js, key, l);
	free(l);
	return 0;
}

static int topo_oe(const struct cpo_msg *m)
{
	unsigned int k = CPO_LINK_IDX(CPO_A_LINK_LANE);
	char name[24];

	snprintf(name, sizeof(name), "OE%u", (unsigned int)m->u[CPO_A_OE_INDEX]);
	cpo_json_obj_open(&js, name);
	cpo_json_str(&js, "device_type", "optical_engine");
	cpo_json_uint(&js, "max_banks", topo_banks(m->n_link[k]));
	if (topo_json_list("lanes", m->link[k], m->n_link[k]))
		return -1;
	cpo_json_uint(&js, "cpo_index", m->u[CPO_A_OE_INDEX]);
	cpo_json_bool(&js, "spare", m->has[CPO_A_SPARE]);
	cpo_json_bool(&js, "out_of_service", m->has[CPO_A_OUT_OF_SERVICE]);
	cpo_json_obj_close(&js);
	return 0;
}

static int topo_els(const struct topo *t, const struct cpo_msg *m)
{
	unsigned int k = CPO_LINK_IDX(CPO_A_LINK_LASER), i;
	char name[24], key[16];

	snprintf(name, sizeof(name), "ELS%u",
		 (unsigned int)m->u[CPO_A_ELS_INDEX]);
	cpo_json_obj_open(&js, name);
	cpo_json_str(&js, "device_type", "external_laser_source");
	cpo_json_uint(&js, "lasers", m->n_link[k]);
	cpo_json_uint(&js, "max_banks", topo_banks(m->n_link[k]));
	cpo_json_obj_open(&js, "laser_to_lane_mapping");
	for (i = 0; i < m->n_link[k]; i++) {
		const struct cpo_msg *z = topo_find(&t->laser, CPO_A_LASER_INDEX,
						    m->link[k][i]);
		unsigned int lk = CPO_LINK_IDX(CPO_A_LINK_LANE);

		/* CMIS numbers an ELSFP's lasers (its lanes) from 1 */
		snprintf(key, sizeof(key), "%u", i + 1);
		if (topo_json_list(key, z ? z->link[lk] : NULL,
				   z ? z->n_link[lk] : 0))
			return -1;
	}
	cpo_json_obj_close(&js);
	cpo_json_uint(&js, "cpo_index", m->u[CPO_A_ELS_INDEX]);
	if (topo_json_list("laser_indices", m->link[k], m->n_link[k]))
		return -1;
	cpo_json_obj_close(&js);
	return 0;
}

/* {"device_id": NAME, "bank": B}: B from the position of the first unit. */
static void topo_assoc(const char *name, int pos)
{
	cpo_json_obj_open(&js, NULL);
	cpo_json_str(&js, "device_id", name);
	cpo_json_uint(&js, "bank", pos < 0 ? 0 : pos / CPO_TOPO_BANK_LANES);
	cpo_json_obj_close(&js);
}

static int topo_port(const struct topo *t, const struct cpo_msg *m)
{
	unsigned int kl = CPO_LINK_IDX(CPO_A_LINK_LANE);
	unsigned int kz = CPO_LINK_IDX(CPO_A_LINK_LASER);
	uint32_t els_seen[CPO_TOPO_BANK_LANES * 4];
	unsigned int n_seen = 0, i, j;
	const struct cpo_msg *oe;
	char name[48];

	if (m->str[CPO_A_IFNAME])
		snprintf(name, sizeof(name), "%s", m->str[CPO_A_IFNAME]);
	else
		snprintf(name, sizeof(name), "port%u",
			 (unsigned int)m->u[CPO_A_PORT_INDEX]);
	cpo_json_obj_open(&js, name);
	cpo_json_arr_open(&js, "associated_devices");
	oe = topo_find(&t->oe, CPO_A_OE_INDEX, m->u[CPO_A_OE_INDEX]);
	snprintf(name, sizeof(name), "OE%u", (unsigned int)m->u[CPO_A_OE_INDEX]);
	topo_assoc(name, m->n_link[kl] ?
		   topo_pos(oe, CPO_A_LINK_LANE, m->link[kl][0]) : 0);
	/* one entry per slot, in the order of the port's lasers */
	for (i = 0; i < m->n_link[kz]; i++) {
		const struct cpo_msg *z = topo_find(&t->laser, CPO_A_LASER_INDEX,
						    m->link[kz][i]);
		const struct cpo_msg *e;
		uint32_t slot;

		if (!z || !z->has[CPO_A_ELS_INDEX])
			continue;
		slot = z->u[CPO_A_ELS_INDEX];
		for (j = 0; j < n_seen && els_seen[j] != slot; j++)
			;
		if (j < n_seen || n_seen == ARRAY_SIZE(els_seen))
			continue;
		els_seen[n_seen++] = slot;
		e = topo_find(&t->els, CPO_A_ELS_INDEX, slot);
		snprintf(name, sizeof(name), "ELS%u", slot);
		topo_assoc(name, topo_pos(e, CPO_A_LINK_LASER, m->link[kz][i]));
	}
	cpo_json_arr_close(&js);
	cpo_json_uint(&js, "cpo_index", m->u[CPO_A_PORT_INDEX]);
	if (topo_json_list("lanes", m->link[kl], m->n_link[kl]))
		return -1;
	cpo_json_obj_close(&js);
	return 0;
}

static int topo_json(const struct topo *t)
{
	const struct cpo_msg *dev = find_dev(do_dev);
	unsigned int i;
	int err = 0;

	cpo_json_obj_open(&js, NULL);
	cpo_json_obj_open(&js, "devices");
	for (i = 0; !err && i < t->oe.n; i++)
		err = topo_oe(&t->oe.v[i]);
	for (i = 0; !err && i < t->els.n; i++)
		err = topo_els(t, &t->els.v[i]);
	cpo_json_obj_close(&js);
	cpo_json_obj_open(&js, "interfaces");
	for (i = 0; !err && i < t->port.n; i++)
		err = topo_port(t, &t->port.v[i]);
	cpo_json_obj_close(&js);
	cpo_json_str(&js, "cpo_device", dev ? dev->str[CPO_A_DEV_NAME] : "");
	cpo_json_obj_close(&js);
	cpo_json_end(&js);
	if (err)
		fprintf(stderr, "cpoctl: %s\n", strerror(ENOMEM));
	return err ? CPOCTL_EXIT_ERR : 0;
}

/* The same facts as a table per kind, for people. */
static void topo_text(const struct topo *t)
{
	unsigned int kl = CPO_LINK_IDX(CPO_A_LINK_LANE);
	unsigned int kz = CPO_LINK_IDX(CPO_A_LINK_LASER);
	char a[64], b[64];
	unsigned int i;

	printf("%-8s %-22s %5s %s\n", "DEVICE", "TYPE", "BANKS",
	       "LANES / LASERS");
	for (i = 0; i < t->oe.n; i++) {
		const struct cpo_msg *m = &t->oe.v[i];

		snprintf(a, sizeof(a), "OE%u", (unsigned int)m->u[CPO_A_OE_INDEX]);
		printf("%-8s %-22s %5u lanes %s%s\n", a, "optical_engine",
		       topo_banks(m->n_link[kl]),
		       links(m, CPO_A_LINK_LANE, b, sizeof(b)),
		       m->has[CPO_A_SPARE] ? " (spare)" :
		       m->has[CPO_A_OUT_OF_SERVICE] ? " (out of service)" : "");
	}
	for (i = 0; i < t->els.n; i++) {
		const struct cpo_msg *m = &t->els.v[i];

		snprintf(a, sizeof(a), "ELS%u",
			 (unsigned int)m->u[CPO_A_ELS_INDEX]);
		printf("%-8s %-22s %5u lasers %s\n", a, "external_laser_source",
		       topo_banks(m->n_link[kz]),
		       links(m, CPO_A_LINK_LASER, b, sizeof(b)));
	}
	printf("\n%-12s %-5s %-6s %-24s %s\n", "INTERFACE", "PORT", "OE",
	       "LANES", "LASERS");
	for (i = 0; i < t->port.n; i++) {
		const struct cpo_msg *m = &t->port.v[i];
		char la[64];

		printf("%-12s %-5u OE%-4u %-24s %s\n",
		       m->str[CPO_A_IFNAME] ? m->str[CPO_A_IFNAME] : "-",
		       (unsigned int)m->u[CPO_A_PORT_INDEX],
		       (unsigned int)m->u[CPO_A_OE_INDEX],
		       links(m, CPO_A_LINK_LANE, b, sizeof(b)),
		       links(m, CPO_A_LINK_LASER, la, sizeof(la)));
	}
}

static int cmd_topology(int argc, char **argv)
{
	struct topo t = { 0 };
	const char *cmd;
	int err;

	cmd = OBJ_CMD(show_cmds, &err);
	if (!cmd)
		return err;
	if (strcmp(cmd, "show"))
		return unknown_cmd(cmd);
	if (argc > 1)
		return usage_err("unknown argument '%s'", argv[1]);
	err = prepare(true);
	if (err)
		return err;
	err = topo_fetch(CPO_CMD_OE_GET, &t.oe);
	if (!err)
		err = topo_fetch(CPO_CMD_ELS_GET, &t.els);
	if (!err)
		err = topo_fetch(CPO_CMD_LASER_GET, &t.laser);
	if (!err)
		err = topo_fetch(CPO_CMD_PORT_GET, &t.port);
	if (!err) {
		if (opt.json)
			err = topo_json(&t);
		else
			topo_text(&t);
	}
	topo_free(&t);
	return err;
}

/* ---- export ---- */

/* Dump every kind of object of the export into @x: 0 or an exit status. */
static int export_collect(struct cpo_export *x)
{
	static const uint8_t cmds[CPO_X_SETS] = {
		[CPO_X_DEV] = CPO_CMD_DEV_GET, [CPO_X_OE] = CPO_CMD_OE_GET,
		[CPO_X_ELS] = CPO_CMD_ELS_GET, [CPO_X_LASER] = CPO_CMD_LASER_GET,
		[CPO_X_LANE] = CPO_CMD_LANE_GET, [CPO_X_PORT] = CPO_CMD_PORT_GET,
		[CPO_X_THRESH] = CPO_CMD_THRESHOLD_GET,
	};
	unsigned int k;
	int err;

	x->has_dev = opt.has_dev;
	x->dev = opt.dev;
	for (k = 0; k < CPO_X_SETS; k++) {
		err = fetch(cmds[k], 0, -1, NULL, &x->m[k]);
		if (err)
			return err;
	}
	if (opt.has_dev && !x->m[CPO_X_DEV].n) {
		fprintf(stderr, "cpoctl: no device cpo%u\n", opt.dev);
		return CPOCTL_EXIT_ERR;
	}
	return 0;
}

static void export_free(struct cpo_export *x)
{
	unsigned int k;

	for (k = 0; k < CPO_X_SETS; k++)
		cpo_msgs_free(&x->m[k]);
}

/*
 * Write the export to @path atomically: a temporary file beside it (not
 * ending in .prom, so the textfile collector never reads it half written),
 * synced, then renamed over @path.  To stdout when @path is NULL.
 */
static int export_write(const char *path, const struct cpo_export *x, bool up)
{
	char *tmp;
	FILE *f;
	int fd, err = 0;

	if (!path) {
		cpo_export_prometheus(stdout, x, up);
		return fflush(stdout) ? -errno : 0;
	}
	tmp = malloc(strlen(path) + sizeof(".XXXXXX"));
	if (!tmp)
		return -ENOMEM;
	sprintf(tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		free(tmp);
		return err;
	}
	f = fdopen(fd, "w");
	if (!f) {
		err = -errno;
		close(fd);
		goto err_unlink;
	}
	cpo_export_prometheus(f, x, up);
	if (fflush(f) || ferror(f) || fchmod(fd, 0644) || fsync(fd))
		err = errno ? -errno : -EIO;
	if (fclose(f) && !err)
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (!err) {
		free(tmp);
		return 0;
	}
err_unlink:
	unlink(tmp);
	free(tmp);
	return err;
}

static volatile int export_stop;

static void export_signal(int sig)
{
	(void)sig;
	export_stop = 1;
}

static int cmd_export(int argc, char **argv)
{
	static const char *const words[] = { "--prometheus", "--output",
					     "--interval", "help" };
	const char *path = NULL;
	struct timespec ts;
	uint32_t interval = 0;
	bool prom = false;
	int i, ret;

	for (i = 0; i < argc; i++) {
		int w;

		if (is_help(argv[i])) {
			usage(stdout, cur_obj);
			return 0;
		}
		w = match(argv[i], words, ARRAY_SIZE(words), "argument");
		if (w == CPO_MATCH_AMBIGUOUS)
			return CPOCTL_EXIT_USAGE;
		if (w < 0 && !strcmp(argv[i], "-o"))
			w = 1;
		if (w < 0)
			return usage_err("unknown argument '%s'", argv[i]);
		if (w == 0) {
			prom = true;
			continue;
		}
		if (i + 1 >= argc)
			return usage_err("'%s' needs a value", words[w]);
		if (w == 1) {
			path = argv[++i];
			if (!*path)
				return usage_err("empty file name%s", NULL);
		} else if (cpo_parse_u32(argv[++i], 86400, &interval) ||
			   !interval) {
			return usage_err("bad interval '%s' (seconds, 1-86400)",
					 argv[i]);
		}
	}
	if (!prom)
		return usage_err("export needs a format (--prometheus)%s", NULL);
	if (opt.json)
		return usage_err("export writes metrics, not JSON%s", NULL);
	signal(SIGINT, export_signal);
	signal(SIGTERM, export_signal);
	do {
		struct cpo_export x = { 0 };
		int err;

		ret = export_collect(&x);
		err = export_write(path, &x, !ret);
		export_free(&x);
		if (err) {
			fprintf(stderr, "cpoctl: cannot write %s: %s\n",
				path ? path : "the metrics", strerror(-err));
			ret = CPOCTL_EXIT_ERR;
		}
		if (ret && nl) {
			/* the module may come back: open the family anew */
			cpo_nl_close(nl);
			nl = NULL;
		}
		if (!interval)
			break;
		ts.tv_sec = interval;
		ts.tv_nsec = 0;
		while (!export_stop && nanosleep(&ts, &ts) && errno == EINTR)
			;
	} while (!export_stop);
	return interval ? 0 : ret;
}

/* ---- main ---- */

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "dev", cmd_dev },
	{ "oe", cmd_oe },
	{ "els", cmd_els },
	{ "laser", cmd_laser },
	{ "lane", cmd_lane },
	{ "port", cmd_port },
	{ "threshold", cmd_threshold },
	{ "health", cmd_health },
	{ "monitor", cmd_monitor },
	{ "topology", cmd_topology },
	{ "export", cmd_export },
};

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "openconfig", no_argument, NULL, 'O' },
		{ "dev", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *objs[ARRAY_SIZE(cmds)];
	unsigned int i;
	int c, ret;

	/* '+': stop at the object, so "els remove 3 -y" keeps its -y */
	opterr = 0;	/* the errors below: one line each */
	while ((c = getopt_long(argc, argv, "+:jpd:h", lopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opt.json = true;
			break;
		case 'p':
			opt.pretty = true;
			break;
		case 'O':
			opt.openconfig = true;
			break;
		case 'd':
			if (cpo_parse_dev(optarg, &opt.dev))
				return usage_err("bad device '%s' (cpoN or N)",
						 optarg);
			opt.has_dev = true;
			break;
		case 'h':
			usage(stdout, NULL);
			return 0;
		case ':':
			return usage_err("option '%s' needs a value",
					 argv[optind - 1]);
		default:
			if (optopt) {
				char o[3] = { '-', (char)optopt, '\0' };

				return usage_err("unknown option '%s'", o);
			}
			return usage_err("unknown option '%s'",
					 argv[optind - 1]);
		}
	}
	if (opt.pretty || opt.openconfig)
		opt.json = true;
	if (optind >= argc)
		return usage_err("missing OBJECT%s", NULL);
	if (is_help(argv[optind])) {
		usage(stdout, NULL);
		return 0;
	}
	cpo_json_init(&js, stdout, opt.pretty);
	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		objs[i] = cmds[i].name;
	c = match(argv[optind], objs, ARRAY_SIZE(cmds), "object");
	if (c == CPO_MATCH_AMBIGUOUS)
		return CPOCTL_EXIT_USAGE;
	if (c < 0)
		return usage_err("unknown object '%s'", argv[optind]);
	cur_obj = cmds[c].name;
	if (opt.openconfig && strcmp(cur_obj, "oe") && strcmp(cur_obj, "els") &&
	    strcmp(cur_obj, "laser") && strcmp(cur_obj, "lane"))
		return usage_err("--openconfig shows oe, els, laser and lane only, not %s",
				 cur_obj);
	ret = cmds[c].fn(argc - optind - 1, argv + optind + 1);
	cpo_msgs_free(&devs);
	cpo_nl_close(nl);
	return ret;
}
