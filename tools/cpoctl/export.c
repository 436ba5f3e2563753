// SPDX-License-Identifier: GPL-2.0
/*
 * "cpoctl export --prometheus": every object of every device as metrics in
 * the text format node_exporter's textfile collector reads, from the
 * dumps cpoctl.c collects.  One table, metrics[], says each metric's name,
 * help, type, object and value; names, units and labels are documented in
 * Documentation/cpo/metrics.rst.  No netlink here: the unit tests feed it
 * messages of their own.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cpoctl.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* How a metric's value comes out of its object's message. */
enum xp_conv {
	XP_SCALE,	/* attribute * scale; no sample when left out */
	XP_DBM,		/* microwatt attribute in dBm, floored */
	XP_BIT,		/* bit @scale of the attribute: 0 or 1 */
	XP_FLAG,	/* the attribute is there: 0 or 1 */
	XP_EQ,		/* attribute == @scale: 0 or 1 */
	XP_STATE,	/* one sample per value of @names, label @label */
	XP_ALARM,	/* per quantity, severity, direction of the object */
	XP_INFO,	/* the device's identity, value 1 */
	XP_HIST,	/* alarm history: @attr 0 changes, 1 last set, 2 clear */
};

struct xp_metric {
	const char *name;
	const char *type;
	enum cpo_export_set obj;
	int attr;
	enum xp_conv conv;
	double scale;
	const char *(*names)(uint32_t v);	/* XP_STATE */
	const char *label;			/* XP_STATE */
	const char *help;
};

#define G	"gauge"
#define C	"counter"

static const struct xp_metric metrics[] = {
	{ "cpo_device_info", G, CPO_X_DEV, 0, XP_INFO, 0, NULL, NULL,
	  "Identity of a CPO device: model, serial, firmware, PCI address" },
	{ "cpo_device_up", G, CPO_X_DEV, CPO_A_DEV_STATE, XP_EQ,
	  CPO_DEV_STATE_OK, NULL, NULL,
	  "1 when the device is healthy, 0 when failed (heartbeat lost or gone)" },
	{ "cpo_device_update_period_seconds", G, CPO_X_DEV,
	  CPO_A_UPDATE_PERIOD, XP_SCALE, 1e-3, NULL, NULL,
	  "Period of the device's telemetry updates" },

	{ "cpo_oe_temperature_celsius", G, CPO_X_OE, CPO_A_TEMP, XP_SCALE,
	  1e-3, NULL, NULL, "Optical engine temperature" },
	{ "cpo_oe_supply_voltage_volts", G, CPO_X_OE, CPO_A_VCC, XP_SCALE,
	  1e-3, NULL, NULL, "Optical engine supply voltage" },
	{ "cpo_oe_state", G, CPO_X_OE, CPO_A_STATE, XP_STATE, 0,
	  cpo_oe_state_str, "state",
	  "Optical engine state: 1 for the current state, 0 for the others" },
	{ "cpo_oe_alarm", G, CPO_X_OE, 0, XP_ALARM, 0, NULL, NULL,
	  "Optical engine threshold alarm or warning: 1 while active" },
	{ "cpo_oe_alarm_changes_total", C, CPO_X_OE, 0, XP_HIST, 0, NULL,
	  NULL, "Optical engine alarm or warning flag: times set or cleared" },
	{ "cpo_oe_alarm_last_set_timestamp_seconds", G, CPO_X_OE, 1, XP_HIST,
	  0, NULL, NULL, "Optical engine alarm or warning flag: when last set" },
	{ "cpo_oe_alarm_last_clear_timestamp_seconds", G, CPO_X_OE, 2,
	  XP_HIST, 0, NULL, NULL,
	  "Optical engine alarm or warning flag: when last cleared" },

	{ "cpo_lane_tx_power_watts", G, CPO_X_LANE, CPO_A_TX_POWER, XP_SCALE,
	  1e-6, NULL, NULL, "Lane transmit optical power" },
	{ "cpo_lane_rx_power_watts", G, CPO_X_LANE, CPO_A_RX_POWER, XP_SCALE,
	  1e-6, NULL, NULL, "Lane receive optical power" },
	{ "cpo_lane_tx_power_dbm", G, CPO_X_LANE, CPO_A_TX_POWER, XP_DBM, 0,
	  NULL, NULL, "Lane transmit optical power in dBm, -40 when dark" },
	{ "cpo_lane_rx_power_dbm", G, CPO_X_LANE, CPO_A_RX_POWER, XP_DBM, 0,
	  NULL, NULL, "Lane receive optical power in dBm, -40 when dark" },
	{ "cpo_lane_enabled", G, CPO_X_LANE, CPO_A_LANE_STATUS, XP_BIT,
	  CPO_LANE_STATUS_ENABLED, NULL, NULL, "1 when the lane is enabled" },
	{ "cpo_lane_tx_los", G, CPO_X_LANE, CPO_A_LANE_STATUS, XP_BIT,
	  CPO_LANE_STATUS_TX_LOS, NULL, NULL,
	  "1 while the lane has transmit loss of signal" },
	{ "cpo_lane_rx_los", G, CPO_X_LANE, CPO_A_LANE_STATUS, XP_BIT,
	  CPO_LANE_STATUS_RX_LOS, NULL, NULL,
	  "1 while the lane has receive loss of signal" },
	{ "cpo_lane_tx_fault", G, CPO_X_LANE, CPO_A_LANE_STATUS, XP_BIT,
	  CPO_LANE_STATUS_TX_FAULT, NULL, NULL,
	  "1 while the lane has a transmit fault" },
	{ "cpo_lane_state", G, CPO_X_LANE, CPO_A_STATE, XP_STATE, 0,
	  cpo_lane_state_str, "state",
	  "Lane CMIS data-path state: 1 for the current state, 0 for the others" },
	{ "cpo_lane_alarm", G, CPO_X_LANE, 0, XP_ALARM, 0, NULL, NULL,
	  "Lane threshold alarm or warning: 1 while active" },
	{ "cpo_lane_alarm_changes_total", C, CPO_X_LANE, 0, XP_HIST, 0, NULL,
	  NULL, "Lane alarm or warning flag: times set or cleared" },
	{ "cpo_lane_alarm_last_set_timestamp_seconds", G, CPO_X_LANE, 1, XP_HIST,
	  0, NULL, NULL, "Lane alarm or warning flag: when last set" },
	{ "cpo_lane_alarm_last_clear_timestamp_seconds", G, CPO_X_LANE, 2,
	  XP_HIST, 0, NULL, NULL,
	  "Lane alarm or warning flag: when last cleared" },

	{ "cpo_els_present", G, CPO_X_ELS, CPO_A_PRESENT, XP_SCALE, 1, NULL,
	  NULL, "1 when an ELSFP module is in the slot" },
	{ "cpo_els_state", G, CPO_X_ELS, CPO_A_STATE, XP_STATE, 0,
	  cpo_els_state_str, "state",
	  "ELSFP slot state: 1 for the current state, 0 for the others" },
	{ "cpo_els_temperature_celsius", G, CPO_X_ELS, CPO_A_TEMP, XP_SCALE,
	  1e-3, NULL, NULL, "ELSFP module case temperature" },
	{ "cpo_els_supply_voltage_volts", G, CPO_X_ELS, CPO_A_VCC, XP_SCALE,
	  1e-3, NULL, NULL, "ELSFP module supply voltage" },
	{ "cpo_els_supply_current_amperes", G, CPO_X_ELS, CPO_A_ICC, XP_SCALE,
	  1e-3, NULL, NULL, "ELSFP module supply current" },
	{ "cpo_els_tec_current_amperes", G, CPO_X_ELS, CPO_A_TEC_CURRENT,
	  XP_SCALE, 1e-3, NULL, NULL,
	  "ELSFP thermo-electric cooler current, negative when heating" },
	{ "cpo_els_insertions_total", C, CPO_X_ELS, CPO_A_INSERTIONS,
	  XP_SCALE, 1, NULL, NULL, "Modules inserted into the slot" },
	{ "cpo_els_alarm", G, CPO_X_ELS, 0, XP_ALARM, 0, NULL, NULL,
	  "ELSFP threshold alarm or warning: 1 while active" },
	{ "cpo_els_alarm_changes_total", C, CPO_X_ELS, 0, XP_HIST, 0, NULL,
	  NULL, "ELSFP alarm or warning flag: times set or cleared" },
	{ "cpo_els_alarm_last_set_timestamp_seconds", G, CPO_X_ELS, 1, XP_HIST,
	  0, NULL, NULL, "ELSFP alarm or warning flag: when last set" },
	{ "cpo_els_alarm_last_clear_timestamp_seconds", G, CPO_X_ELS, 2,
	  XP_HIST, 0, NULL, NULL,
	  "ELSFP alarm or warning flag: when last cleared" },

	{ "cpo_laser_enabled", G, CPO_X_LASER, CPO_A_ENABLED, XP_SCALE, 1,
	  NULL, NULL, "1 when the laser is enabled" },
	{ "cpo_laser_state", G, CPO_X_LASER, CPO_A_STATE, XP_STATE, 0,
	  cpo_laser_state_str, "state",
	  "Laser state: 1 for the current state, 0 for the others" },
	{ "cpo_laser_fault", G, CPO_X_LASER, CPO_A_LASER_FAULT, XP_STATE, 0,
	  cpo_laser_fault_str, "fault",
	  "Laser fault code: 1 for the current code, 0 for the others" },
	{ "cpo_laser_bias_current_amperes", G, CPO_X_LASER, CPO_A_BIAS,
	  XP_SCALE, 1e-6, NULL, NULL, "Laser bias current" },
	{ "cpo_laser_output_power_watts", G, CPO_X_LASER, CPO_A_POWER,
	  XP_SCALE, 1e-6, NULL, NULL, "Laser optical output power" },
	{ "cpo_laser_output_power_dbm", G, CPO_X_LASER, CPO_A_POWER, XP_DBM,
	  0, NULL, NULL, "Laser optical output power in dBm, -40 when dark" },
	{ "cpo_laser_temperature_celsius", G, CPO_X_LASER, CPO_A_TEMP,
	  XP_SCALE, 1e-3, NULL, NULL, "Laser temperature" },
	{ "cpo_laser_bol_bias_current_amperes", G, CPO_X_LASER,
	  CPO_A_BOL_BIAS, XP_SCALE, 1e-6, NULL, NULL,
	  "Laser bias current at beginning of life" },
	{ "cpo_laser_bol_output_power_watts", G, CPO_X_LASER, CPO_A_BOL_POWER,
	  XP_SCALE, 1e-6, NULL, NULL,
	  "Laser output power at beginning of life" },
	{ "cpo_laser_powered_on_seconds", G, CPO_X_LASER, CPO_A_AGE_HOURS,
	  XP_SCALE, 3600, NULL, NULL,
	  "Laser powered-on time, counted by the module in hours" },
	{ "cpo_laser_age_ratio", G, CPO_X_LASER, CPO_A_AGE_PCT, XP_SCALE,
	  1e-4, NULL, NULL,
	  "Laser life used: 0 at beginning of life, 1 at end of life" },
	{ "cpo_laser_oe_input_power_watts", G, CPO_X_LASER, CPO_A_OE_IN_POWER,
	  XP_SCALE, 1e-6, NULL, NULL,
	  "Optical power the engine receives from the laser" },
	{ "cpo_laser_oe_input_power_dbm", G, CPO_X_LASER, CPO_A_OE_IN_POWER,
	  XP_DBM, 0, NULL, NULL,
	  "The same in dBm, -40 when dark" },
	{ "cpo_laser_path_loss_db", G, CPO_X_LASER, CPO_A_PATH_LOSS, XP_SCALE,
	  1e-3, NULL, NULL,
	  "Loss from the laser to the engine: output less the engine's input" },
	{ "cpo_laser_frequency_error_hertz", G, CPO_X_LASER, CPO_A_FREQ_ERR,
	  XP_SCALE, 1e6, NULL, NULL,
	  "Laser frequency less its nominal frequency" },
	{ "cpo_laser_alarm", G, CPO_X_LASER, 0, XP_ALARM, 0, NULL, NULL,
	  "Laser threshold alarm or warning: 1 while active" },
	{ "cpo_laser_alarm_changes_total", C, CPO_X_LASER, 0, XP_HIST, 0, NULL,
	  NULL, "Laser alarm or warning flag: times set or cleared" },
	{ "cpo_laser_alarm_last_set_timestamp_seconds", G, CPO_X_LASER, 1, XP_HIST,
	  0, NULL, NULL, "Laser alarm or warning flag: when last set" },
	{ "cpo_laser_alarm_last_clear_timestamp_seconds", G, CPO_X_LASER, 2,
	  XP_HIST, 0, NULL, NULL,
	  "Laser alarm or warning flag: when last cleared" },

	{ "cpo_port_carrier", G, CPO_X_PORT, CPO_A_CARRIER, XP_SCALE, 1, NULL,
	  NULL, "1 when the optics of every lane of the port are up" },
	{ "cpo_port_low_power", G, CPO_X_PORT, CPO_A_LOW_POWER, XP_SCALE, 1,
	  NULL, NULL, "1 when the port's module power mode is low" },
	{ "cpo_port_speed_bytes", G, CPO_X_PORT, CPO_A_SPEED,
	  XP_SCALE, 1e6 / 8, NULL, NULL,
	  "Port speed in bytes per second, as node_network_speed_bytes" },
};

/* The threshold metric of each quantity, with its unit. */
static const struct {
	const char *name;
	double scale;
} thresh_metrics[CPO_QUANTITY_MAX + 1] = {
	[CPO_QUANTITY_OE_TEMP] = { "cpo_oe_temperature_threshold_celsius", 1e-3 },
	[CPO_QUANTITY_OE_VCC] = { "cpo_oe_supply_voltage_threshold_volts", 1e-3 },
	[CPO_QUANTITY_LANE_TX_POWER] = { "cpo_lane_tx_power_threshold_watts", 1e-6 },
	[CPO_QUANTITY_LANE_RX_POWER] = { "cpo_lane_rx_power_threshold_watts", 1e-6 },
	[CPO_QUANTITY_ELS_TEMP] = { "cpo_els_temperature_threshold_celsius", 1e-3 },
	[CPO_QUANTITY_ELS_VCC] = { "cpo_els_supply_voltage_threshold_volts", 1e-3 },
	[CPO_QUANTITY_ELS_TEC] = { "cpo_els_tec_current_threshold_amperes", 1e-3 },
	[CPO_QUANTITY_LASER_BIAS] = { "cpo_laser_bias_current_threshold_amperes", 1e-6 },
	[CPO_QUANTITY_LASER_POWER] = { "cpo_laser_output_power_threshold_watts", 1e-6 },
	[CPO_QUANTITY_LASER_TEMP] = { "cpo_laser_temperature_threshold_celsius", 1e-3 },
	[CPO_QUANTITY_LASER_PATH_LOSS] = { "cpo_laser_path_loss_threshold_db", 1e-3 },
};

static const enum cpo_obj_type set_obj[CPO_X_SETS] = {
	[CPO_X_DEV] = CPO_OBJ_DEV, [CPO_X_OE] = CPO_OBJ_OE,
	[CPO_X_ELS] = CPO_OBJ_ELS, [CPO_X_LASER] = CPO_OBJ_LASER,
	[CPO_X_LANE] = CPO_OBJ_LANE, [CPO_X_PORT] = CPO_OBJ_PORT,
	[CPO_X_THRESH] = CPO_OBJ_DEV,
};

/* ---- labels ---- */

static const struct cpo_msg *find_msg(const struct cpo_msgs *ms, int key,
				      uint64_t dev, uint64_t idx)
{
	unsigned int lo = 0, hi = ms->n;

	/* dumps come in device order, then index order */
	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		const struct cpo_msg *m = &ms->v[mid];
		uint64_t d = m->u[CPO_A_DEV_INDEX], i = m->u[key];

		if (d == dev && i == idx)
			return m;
		if (d < dev || (d == dev && i < idx))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const char *dev_name(const struct cpo_export *x, uint64_t dev)
{
	const struct cpo_msg *m = find_msg(&x->m[CPO_X_DEV], CPO_A_DEV_INDEX,
					   dev, dev);

	return m && m->str[CPO_A_DEV_NAME] ? m->str[CPO_A_DEV_NAME] : "";
}

static void label_link(struct cpo_prom_labels *l, const char *name,
		       const struct cpo_msg *m, int attr)
{
	unsigned int k = CPO_LINK_IDX(attr);

	if (m->n_link[k])
		cpo_prom_label_u(l, name, m->link[k][0]);
	else
		cpo_prom_label(l, name, "");
}

/* The labels of object @m of set @set. */
static void object_labels(const struct cpo_export *x, enum cpo_export_set set,
			  const struct cpo_msg *m, struct cpo_prom_labels *l)
{
	uint64_t dev = m->u[CPO_A_DEV_INDEX];
	const struct cpo_msg *o;

	cpo_prom_labels_init(l);
	cpo_prom_label(l, "device", dev_name(x, dev));
	switch (set) {
	case CPO_X_OE:
		cpo_prom_label_u(l, "oe", m->u[CPO_A_OE_INDEX]);
		break;
	case CPO_X_ELS:
		cpo_prom_label_u(l, "slot", m->u[CPO_A_ELS_INDEX]);
		break;
	case CPO_X_LASER:
		cpo_prom_label_u(l, "slot", m->u[CPO_A_ELS_INDEX]);
		cpo_prom_label_u(l, "laser", m->u[CPO_A_LASER_INDEX]);
		break;
	case CPO_X_LANE:
		cpo_prom_label_u(l, "oe", m->u[CPO_A_OE_INDEX]);
		cpo_prom_label_u(l, "lane", m->u[CPO_A_LANE_INDEX]);
		label_link(l, "port", m, CPO_A_LINK_PORT);
		o = NULL;
		if (m->n_link[CPO_LINK_IDX(CPO_A_LINK_PORT)])
			o = find_msg(&x->m[CPO_X_PORT], CPO_A_PORT_INDEX, dev,
				     m->link[CPO_LINK_IDX(CPO_A_LINK_PORT)][0]);
		cpo_prom_label(l, "ifname",
			       o && o->str[CPO_A_IFNAME] ? o->str[CPO_A_IFNAME] : "");
		label_link(l, "laser", m, CPO_A_LINK_LASER);
		o = NULL;
		if (m->n_link[CPO_LINK_IDX(CPO_A_LINK_LASER)])
			o = find_msg(&x->m[CPO_X_LASER], CPO_A_LASER_INDEX, dev,
				     m->link[CPO_LINK_IDX(CPO_A_LINK_LASER)][0]);
		if (o)
			cpo_prom_label_u(l, "slot", o->u[CPO_A_ELS_INDEX]);
		else
			cpo_prom_label(l, "slot", "");
		break;
	case CPO_X_PORT:
		cpo_prom_label_u(l, "oe", m->u[CPO_A_OE_INDEX]);
		cpo_prom_label_u(l, "port", m->u[CPO_A_PORT_INDEX]);
		cpo_prom_label(l, "ifname",
			       m->str[CPO_A_IFNAME] ? m->str[CPO_A_IFNAME] : "");
		break;
	default:
		break;
	}
}

/* ---- samples ---- */

static bool want_dev(const struct cpo_export *x, const struct cpo_msg *m)
{
	return !x->has_dev || m->u[CPO_A_DEV_INDEX] == x->dev;
}

static bool has_alarm(const struct cpo_msg *m, unsigned int q,
		      unsigned int sev, unsigned int dir)
{
	unsigned int i;

	for (i = 0; i < m->n_alarms; i++)
		if (m->alarm[i].quantity == q && m->alarm[i].severity == sev &&
		    m->alarm[i].direction == dir)
			return true;
	return false;
}

static void alarm_samples(FILE *f, const struct xp_metric *mt,
			  const struct cpo_msg *m, const char *labels)
{
	static const unsigned int sevs[] = { CPO_SEVERITY_ALARM,
					     CPO_SEVERITY_WARNING };
	static const unsigned int dirs[] = { CPO_DIRECTION_HIGH,
					     CPO_DIRECTION_LOW };
	struct cpo_prom_labels e;
	unsigned int q, s, d;

	for (q = 0; q <= CPO_QUANTITY_MAX; q++) {
		if (cpo_quantity(q)->obj != set_obj[mt->obj])
			continue;
		for (s = 0; s < ARRAY_SIZE(sevs); s++)
			for (d = 0; d < ARRAY_SIZE(dirs); d++) {
				cpo_prom_labels_init(&e);
				cpo_prom_label(&e, "quantity", cpo_quantity_str(q));
				cpo_prom_label(&e, "severity",
					       cpo_severity_str(sevs[s]));
				cpo_prom_label(&e, "direction",
					       cpo_direction_str(dirs[d]));
				cpo_prom_sample(f, mt->name, labels, e.buf,
						has_alarm(m, q, sevs[s], dirs[d]));
			}
	}
}

static const struct cpo_alarm_hist *find_hist(const struct cpo_msg *m,
					      unsigned int q, unsigned int sev,
					      unsigned int dir)
{
	unsigned int i;

	for (i = 0; i < m->n_hist; i++)
		if (m->hist[i].quantity == q && m->hist[i].severity == sev &&
		    m->hist[i].direction == dir)
			return &m->hist[i];
	return NULL;
}

/*
 * The history of every flag of the object: changes for each (0 for a flag
 * that never changed), the times only for what happened.
 */
static void hist_samples(FILE *f, const struct xp_metric *mt,
			 const struct cpo_msg *m, const char *labels)
{
	static const unsigned int sevs[] = { CPO_SEVERITY_ALARM,
					     CPO_SEVERITY_WARNING };
	static const unsigned int dirs[] = { CPO_DIRECTION_HIGH,
					     CPO_DIRECTION_LOW };
	const struct cpo_alarm_hist *h;
	struct cpo_prom_labels e;
	unsigned int q, s, d;
	uint64_t ns;

	for (q = 0; q <= CPO_QUANTITY_MAX; q++) {
		if (cpo_quantity(q)->obj != set_obj[mt->obj])
			continue;
		for (s = 0; s < ARRAY_SIZE(sevs); s++)
			for (d = 0; d < ARRAY_SIZE(dirs); d++) {
				h = find_hist(m, q, sevs[s], dirs[d]);
				ns = !h ? 0 : mt->attr == 1 ? h->last_set :
				     h->last_clear;
				if (mt->attr && !ns)
					continue;
				cpo_prom_labels_init(&e);
				cpo_prom_label(&e, "quantity", cpo_quantity_str(q));
				cpo_prom_label(&e, "severity",
					       cpo_severity_str(sevs[s]));
				cpo_prom_label(&e, "direction",
					       cpo_direction_str(dirs[d]));
				cpo_prom_sample(f, mt->name, labels, e.buf,
						mt->attr ? ns / 1e9 :
						h ? h->changes : 0);
			}
	}
}

/* enum values with a name: the spec's enums are small and dense */
#define XP_MAX_ENUM	32

static void state_samples(FILE *f, const struct xp_metric *mt,
			  const struct cpo_msg *m, const char *labels)
{
	struct cpo_prom_labels e;
	uint32_t v;

	for (v = 0; v < XP_MAX_ENUM; v++) {
		const char *s = mt->names(v);

		if (!strcmp(s, "unknown"))
			continue;
		cpo_prom_labels_init(&e);
		cpo_prom_label(&e, mt->label, s);
		cpo_prom_sample(f, mt->name, labels, e.buf,
				m->has[mt->attr] && m->u[mt->attr] == v);
	}
}

static void info_sample(FILE *f, const struct xp_metric *mt,
			const struct cpo_msg *m, const char *labels)
{
	static const struct { const char *name; int attr; } ids[] = {
		{ "model", CPO_A_MODEL }, { "serial", CPO_A_SERIAL },
		{ "firmware", CPO_A_FW_VERSION }, { "bus", CPO_A_BUS_NAME },
	};
	struct cpo_prom_labels e;
	unsigned int i;

	cpo_prom_labels_init(&e);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		cpo_prom_label(&e, ids[i].name,
			       m->str[ids[i].attr] ? m->str[ids[i].attr] : "");
	cpo_prom_sample(f, mt->name, labels, e.buf, 1);
}

static void metric_sample(FILE *f, const struct xp_metric *mt,
			  const struct cpo_msg *m, const char *labels)
{
	switch (mt->conv) {
	case XP_SCALE:
		if (m->has[mt->attr])
			cpo_prom_sample(f, mt->name, labels, NULL,
					(double)cpo_msg_s(m, mt->attr) * mt->scale);
		break;
	case XP_DBM:
		if (m->has[mt->attr])
			cpo_prom_sample(f, mt->name, labels, NULL,
					cpo_dbm_floor(m->u[mt->attr]));
		break;
	case XP_BIT:
		cpo_prom_sample(f, mt->name, labels, NULL,
				!!(m->u[mt->attr] & (uint64_t)mt->scale));
		break;
	case XP_FLAG:
		cpo_prom_sample(f, mt->name, labels, NULL, m->has[mt->attr]);
		break;
	case XP_EQ:
		cpo_prom_sample(f, mt->name, labels, NULL,
				m->u[mt->attr] == (uint64_t)mt->scale);
		break;
	case XP_STATE:
		state_samples(f, mt, m, labels);
		break;
	case XP_ALARM:
		alarm_samples(f, mt, m, labels);
		break;
	case XP_INFO:
		info_sample(f, mt, m, labels);
		break;
	case XP_HIST:
		hist_samples(f, mt, m, labels);
		break;
	}
}

static void thresh_families(FILE *f, const struct cpo_export *x)
{
	static const struct {
		int attr;
		uint32_t sev, dir;
	} levels[] = {
		{ CPO_A_HIGH_ALARM, CPO_SEVERITY_ALARM, CPO_DIRECTION_HIGH },
		{ CPO_A_LOW_ALARM, CPO_SEVERITY_ALARM, CPO_DIRECTION_LOW },
		{ CPO_A_HIGH_WARN, CPO_SEVERITY_WARNING, CPO_DIRECTION_HIGH },
		{ CPO_A_LOW_WARN, CPO_SEVERITY_WARNING, CPO_DIRECTION_LOW },
	};
	const struct cpo_msgs *ms = &x->m[CPO_X_THRESH];
	unsigned int q, i, k;
	char help[96];

	for (q = 0; q <= CPO_QUANTITY_MAX; q++) {
		bool head = false;

		for (i = 0; i < ms->n; i++) {
			const struct cpo_msg *m = &ms->v[i];
			struct cpo_prom_labels l, e;

			if (m->u[CPO_A_QUANTITY] != q || !want_dev(x, m))
				continue;
			if (!head) {
				snprintf(help, sizeof(help),
					 "Threshold of %s, by severity and direction",
					 cpo_quantity_str(q));
				cpo_prom_family(f, thresh_metrics[q].name, G, help);
				head = true;
			}
			cpo_prom_labels_init(&l);
			cpo_prom_label(&l, "device",
				       dev_name(x, m->u[CPO_A_DEV_INDEX]));
			for (k = 0; k < ARRAY_SIZE(levels); k++) {
				if (!m->has[levels[k].attr])
					continue;
				cpo_prom_labels_init(&e);
				cpo_prom_label(&e, "severity",
					       cpo_severity_str(levels[k].sev));
				cpo_prom_label(&e, "direction",
					       cpo_direction_str(levels[k].dir));
				cpo_prom_sample(f, thresh_metrics[q].name, l.buf,
						e.buf,
						(double)cpo_msg_s(m, levels[k].attr) *
						thresh_metrics[q].scale);
			}
		}
	}
}

void cpo_export_prometheus(FILE *f, const struct cpo_export *x, bool up)
{
	struct cpo_prom_labels *labels[CPO_X_SETS] = { NULL };
	unsigned int i, k;

	cpo_prom_family(f, "cpo_export_up", G,
			"1 when cpoctl read every device, 0 when it could not");
	cpo_prom_sample(f, "cpo_export_up", NULL, NULL, up);
	if (!up)
		return;
	/* each object's labels, once */
	for (k = 0; k < CPO_X_SETS; k++) {
		labels[k] = calloc(x->m[k].n ? x->m[k].n : 1, sizeof(*labels[k]));
		if (!labels[k])
			goto out;
		for (i = 0; i < x->m[k].n; i++)
			object_labels(x, k, &x->m[k].v[i], &labels[k][i]);
	}
	for (k = 0; k < ARRAY_SIZE(metrics); k++) {
		const struct xp_metric *mt = &metrics[k];
		const struct cpo_msgs *ms = &x->m[mt->obj];
		bool head = false;

		for (i = 0; i < ms->n; i++) {
			if (!want_dev(x, &ms->v[i]))
				continue;
			if (!head) {
				cpo_prom_family(f, mt->name, mt->type, mt->help);
				head = true;
			}
			metric_sample(f, mt, &ms->v[i], labels[mt->obj][i].buf);
		}
	}
	thresh_families(f, x);
out:
	for (k = 0; k < CPO_X_SETS; k++)
		free(labels[k]);
}
