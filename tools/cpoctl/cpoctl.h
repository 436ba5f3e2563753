/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpoctl: the operator's command line for co-packaged optics devices.
 *
 * units.c, out.c, parse.c and names.c hold everything that needs no
 * kernel (unit conversion, JSON output through json-c, argument parsing,
 * the names of the ABI's values) and are unit tested on the host; nl.c
 * speaks the "cpo" generic netlink family; cpoctl.c holds the commands
 * and their output.
 */
#ifndef CPOCTL_H
#define CPOCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

#include <json.h>

#include "../../include/uapi/linux/cpo.h"

#define CPOCTL_EXIT_OK		0
#define CPOCTL_EXIT_ERR		1
#define CPOCTL_EXIT_USAGE	2

/* ---- units.c ---- */

/* The unit family of a raw value, as the kernel reports it. */
enum cpo_kind {
	CPO_K_TEMP,	/* millidegree C, shown in degC */
	CPO_K_VOLT,	/* millivolt, shown in V */
	CPO_K_POWER,	/* microwatt, shown in mW and dBm */
	CPO_K_BIAS,	/* microampere, shown in mA */
	CPO_K_CURR,	/* milliampere, shown in mA */
	CPO_K_DB,	/* milli-dB, shown in dB */
};

/* 10 * log10(uw / 1000); -INFINITY for 0 */
double cpo_uw_to_dbm(int64_t uw);
/* microwatt for a dBm value, rounded; -1 when out of range */
int64_t cpo_dbm_to_uw(double dbm);
/* "v / 10^scale" with @decimals decimals, rounded half away from zero */
char *cpo_fmt_fixed(char *buf, size_t len, int64_t v, int scale, int decimals);
/* a raw value in the user unit of @kind, e.g. "45.1 degC", "3.300 V" */
char *cpo_fmt_kind(char *buf, size_t len, enum cpo_kind kind, int64_t raw);
/* a dBm value, "-inf" for no light */
char *cpo_fmt_dbm(char *buf, size_t len, int64_t uw);
/* the user unit's name for @kind: "degC", "V", "mW", "mA" */
const char *cpo_kind_unit(enum cpo_kind kind);
/* raw / 10^scale of @kind's user unit, as a double: for JSON */
double cpo_kind_user(enum cpo_kind kind, int64_t raw);

/*
 * Parse a value of @kind with an optional unit, glued ("70degC") or given
 * separately in @unit (may be NULL).  A bare number is in the user unit
 * (degC, V, mW, mA).  Returns 0 or -1 and sets *@raw.
 */
int cpo_parse_value(enum cpo_kind kind, const char *s, const char *unit,
		    int64_t *raw);
/* true when @s is a unit word cpo_parse_value() accepts for @kind */
bool cpo_is_unit(enum cpo_kind kind, const char *s);

/* ---- out.c: JSON documents, built and printed by json-c ---- */

#define CPO_JSON_MAX_DEPTH	16

struct cpo_json {
	FILE *f;
	int flags;			/* JSON_C_TO_STRING_* */
	int depth;
	struct json_object *stack[CPO_JSON_MAX_DEPTH];	/* open containers */
	struct json_object *root;
};

void cpo_json_init(struct cpo_json *j, FILE *f, bool pretty);
void cpo_json_obj_open(struct cpo_json *j, const char *key);
void cpo_json_obj_close(struct cpo_json *j);
void cpo_json_arr_open(struct cpo_json *j, const char *key);
void cpo_json_arr_close(struct cpo_json *j);
void cpo_json_str(struct cpo_json *j, const char *key, const char *v);
void cpo_json_int(struct cpo_json *j, const char *key, int64_t v);
void cpo_json_uint(struct cpo_json *j, const char *key, uint64_t v);
/* a number with @decimals decimals; null when not finite */
void cpo_json_num(struct cpo_json *j, const char *key, double v, int decimals);
void cpo_json_bool(struct cpo_json *j, const char *key, bool v);
void cpo_json_null(struct cpo_json *j, const char *key);
/* print the document and a newline, free it */
void cpo_json_end(struct cpo_json *j);

/* ---- prom.c: the Prometheus text exposition format ---- */

/*
 * The dBm a dark lane or laser shows where a number is needed: -40 dBm,
 * 0.1 uW, the resolution of CMIS power monitors.  Below it (no light,
 * 0 uW) the value is the floor, never -inf.
 */
#define CPO_DBM_FLOOR		(-40.0)

/* dBm of @uw, never below CPO_DBM_FLOOR */
double cpo_dbm_floor(int64_t uw);

/* "name1="v1",name2="v2"": the labels of one object, escaped */
struct cpo_prom_labels {
	char buf[512];
	size_t len;
};

void cpo_prom_labels_init(struct cpo_prom_labels *l);
void cpo_prom_label(struct cpo_prom_labels *l, const char *name,
		    const char *value);
void cpo_prom_label_u(struct cpo_prom_labels *l, const char *name,
		      unsigned long long v);
/* "# HELP" and "# TYPE" of a family (@type "gauge" or "counter") */
void cpo_prom_family(FILE *f, const char *name, const char *type,
		     const char *help);
/* one sample: @labels, then @extra (either may be NULL or empty) */
void cpo_prom_sample(FILE *f, const char *name, const char *labels,
		     const char *extra, double v);
/* a sample's value: "%.15g", "NaN", "+Inf", "-Inf" */
char *cpo_prom_value(char *buf, size_t len, double v);

/* ---- names.c and names-gen.c: the names of the ABI's values ---- */

#include "names-gen.h"

struct cpo_quantity_info {
	enum cpo_kind kind;
	enum cpo_obj_type obj;
};

const struct cpo_quantity_info *cpo_quantity(unsigned int q);

/* ---- parse.c ---- */

int cpo_parse_u32(const char *s, uint32_t max, uint32_t *v);	/* 0 / -1 */
int cpo_parse_onoff(const char *s, bool *v);			/* 0 / -1 */
int cpo_parse_dev(const char *s, uint32_t *index);		/* "cpo0", "0" */
/* a list of indices "0,1,2" into @buf: at most @len characters */
char *cpo_fmt_list(char *buf, size_t len, const uint32_t *v, unsigned int n);
/*
 * "no ELSFP slot 99 on cpo0 (slots 0-15)": an object that does not exist,
 * @one its kind ("ELSFP slot"), @range the plural of the range ("slots"),
 * on device cpo@dev of @count objects, or on no device when @dev < 0.
 */
char *cpo_fmt_no_object(char *buf, size_t len, const char *one,
			const char *range, uint32_t idx, int dev,
			uint32_t count);
#define CPO_MATCH_NONE		(-1)
#define CPO_MATCH_AMBIGUOUS	(-2)
/*
 * @arg as one of @n @words, as devlink and ip take them: the word itself,
 * or a prefix of exactly one word.  Returns its index, CPO_MATCH_NONE, or
 * CPO_MATCH_AMBIGUOUS with the candidates "laser, lane" in @cands.  NULL
 * entries of @words are skipped.
 */
int cpo_match_word(const char *arg, const char *const *words, unsigned int n,
		   char *cands, size_t len);
/* An errno of the kernel in the CLI's words, for "cpoctl: CONTEXT: WORDS". */
const char *cpo_errno_words(int err);

/* ---- nl.c ---- */

#define CPO_MAX_ALARMS	32

struct cpo_alarm {
	uint32_t quantity, severity, direction;
};

/* The history of one alarm flag: CPO_A_ALARM_HIST. */
struct cpo_alarm_hist {
	uint32_t quantity, severity, direction;
	uint32_t changes;
	uint64_t last_set, last_clear;	/* CLOCK_REALTIME ns, 0: never */
};

/* flags of one object: 4 per quantity, 4 quantities at most (a laser) */
#define CPO_MAX_ALARM_HIST	16

/* One quantity's last complete interval: CPO_A_STATS. */
struct cpo_stat {
	uint32_t quantity, samples;
	int64_t avg, min, max;		/* raw, in the quantity's unit */
	uint64_t interval, start;	/* ns */
	uint64_t min_time, max_time;	/* CLOCK_REALTIME ns */
};

#define CPO_MAX_STATS	4

/*
 * The topology links a message carries (CPO_A_LINK_LANE, _LASER, _PORT,
 * one after the other in the spec): m->link[CPO_LINK_IDX(attr)], or
 * m->link[CPO_LINK_LANE] and so on.
 */
#define CPO_LINK_IDX(a)	((a) - CPO_A_LINK_LANE)
enum {
	CPO_LINK_LANE = CPO_LINK_IDX(CPO_A_LINK_LANE),
	CPO_LINK_LASER = CPO_LINK_IDX(CPO_A_LINK_LASER),
	CPO_LINK_PORT = CPO_LINK_IDX(CPO_A_LINK_PORT),
	CPO_LINKS
};
_Static_assert(CPO_A_LINK_LASER == CPO_A_LINK_LANE + 1 &&
	       CPO_A_LINK_PORT == CPO_A_LINK_LANE + 2,
	       "the spec keeps the link attributes together");

/* One parsed message of the family. */
struct cpo_msg {
	uint8_t cmd;
	bool has[CPO_A_MAX + 1];
	uint64_t u[CPO_A_MAX + 1];	/* integers; s32 values sign-extended */
	char *str[CPO_A_MAX + 1];
	uint32_t *link[CPO_LINKS];	/* CPO_LINK_LANE, _LASER, _PORT */
	unsigned int n_link[CPO_LINKS];
	struct cpo_alarm alarm[CPO_MAX_ALARMS];
	unsigned int n_alarms;
	struct cpo_alarm_hist hist[CPO_MAX_ALARM_HIST];
	unsigned int n_hist;
	struct cpo_stat stat[CPO_MAX_STATS];
	unsigned int n_stats;
};


static inline int64_t cpo_msg_s(const struct cpo_msg *m, int attr)
{
	return (int64_t)m->u[attr];
}

struct cpo_msgs {
	struct cpo_msg *v;
	unsigned int n, cap;
};

/* A request attribute: u8, u32 or s32. */
struct cpo_req_attr {
	uint16_t type;
	uint8_t size;	/* 1 or 4 */
	uint32_t value;
};

#define CPO_MAX_REQ_ATTRS	8

struct cpo_req {
	uint8_t cmd;
	bool dump;
	struct cpo_req_attr a[CPO_MAX_REQ_ATTRS];
	unsigned int n;
};

void cpo_req_init(struct cpo_req *r, uint8_t cmd, bool dump);
void cpo_req_u32(struct cpo_req *r, uint16_t type, uint32_t v);
void cpo_req_u8(struct cpo_req *r, uint16_t type, uint8_t v);

struct cpo_nl;

/* Error text of the last failed request: the kernel's extack or strerror. */
struct cpo_nl *cpo_nl_open(void);
void cpo_nl_close(struct cpo_nl *nl);
/* Send @r and collect replies into @out (may be NULL for sets): 0 or -errno */
int cpo_nl_call(struct cpo_nl *nl, const struct cpo_req *r,
		struct cpo_msgs *out);
const char *cpo_nl_extack(const struct cpo_nl *nl);
void cpo_msgs_free(struct cpo_msgs *m);
/*
 * The port's link as the kernel reports it (ethtool's "Link detected":
 * netdev up and carrier); CPO_A_CARRIER alone is the optical carrier.
 */
bool cpo_port_link_up(const struct cpo_msg *m);

/* What happened to the family while monitoring. */
enum cpo_nl_mon_status {
	CPO_NL_MON_FAMILY_GONE,		/* unregistered: no events until back */
	CPO_NL_MON_FAMILY_BACK,		/* registered again, group rejoined */
	CPO_NL_MON_JOINED,		/* subscribed: events from now on arrive */
};

typedef void (*cpo_nl_event_cb)(const struct cpo_msg *m, void *arg);
typedef void (*cpo_nl_status_cb)(enum cpo_nl_mon_status st, void *arg);

/*
 * Monitor: a separate socket joined to "monitor" that follows the family
 * through the controller's notifications; @cb per event, @status when the
 * family goes and comes back, until *@stop.  0, or -errno: -ENOENT no
 * family, -ESRCH the family has no monitor group, -EPROTO the controller
 * cannot be followed.
 */
int cpo_nl_monitor(cpo_nl_event_cb cb, cpo_nl_status_cb status, void *arg,
		   volatile int *stop);

/* ---- export.c: metrics for Prometheus ---- */

/* The dumps an export is made of. */
enum cpo_export_set {
	CPO_X_DEV,
	CPO_X_OE,
	CPO_X_ELS,
	CPO_X_LASER,
	CPO_X_LANE,
	CPO_X_PORT,
	CPO_X_THRESH,
	CPO_X_SETS,
};

struct cpo_export {
	struct cpo_msgs m[CPO_X_SETS];	/* in device, then index order */
	bool has_dev;			/* only device @dev */
	uint32_t dev;
};

/*
 * Every metric of @x in the Prometheus text format, names and units as
 * Documentation/cpo/metrics.rst says; only cpo_export_up (0) when !@up.
 */
void cpo_export_prometheus(FILE *f, const struct cpo_export *x, bool up);

#endif /* CPOCTL_H */
