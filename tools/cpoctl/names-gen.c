/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/cpo.yaml */
/* by scripts/ynl-names.py (scripts/ynl-regen.sh) */

#include <string.h>

#include <linux/cpo.h>

#include "names-gen.h"

static const char * const cpo_dev_state_strmap[] = {
	[CPO_DEV_STATE_OK] = "ok",
	[CPO_DEV_STATE_FAILED] = "failed",
};

const char *cpo_dev_state_str(uint32_t v)
{
	if (v >= sizeof(cpo_dev_state_strmap) / sizeof(cpo_dev_state_strmap[0]) ||
	    !cpo_dev_state_strmap[v])
		return "unknown";
	return cpo_dev_state_strmap[v];
}

int cpo_dev_state_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_dev_state_strmap) / sizeof(cpo_dev_state_strmap[0]); i++)
		if (cpo_dev_state_strmap[i] && !strcmp(cpo_dev_state_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_oe_state_strmap[] = {
	[CPO_OE_STATE_OFF] = "off",
	[CPO_OE_STATE_READY] = "ready",
	[CPO_OE_STATE_FAULT] = "fault",
};

const char *cpo_oe_state_str(uint32_t v)
{
	if (v >= sizeof(cpo_oe_state_strmap) / sizeof(cpo_oe_state_strmap[0]) ||
	    !cpo_oe_state_strmap[v])
		return "unknown";
	return cpo_oe_state_strmap[v];
}

int cpo_oe_state_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_oe_state_strmap) / sizeof(cpo_oe_state_strmap[0]); i++)
		if (cpo_oe_state_strmap[i] && !strcmp(cpo_oe_state_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_lane_state_strmap[] = {
	[CPO_LANE_STATE_DEACTIVATED] = "deactivated",
	[CPO_LANE_STATE_INIT] = "init",
	[CPO_LANE_STATE_DEINIT] = "deinit",
	[CPO_LANE_STATE_ACTIVATED] = "activated",
	[CPO_LANE_STATE_TX_TURN_ON] = "tx-turn-on",
	[CPO_LANE_STATE_TX_TURN_OFF] = "tx-turn-off",
	[CPO_LANE_STATE_INITIALIZED] = "initialized",
};

const char *cpo_lane_state_str(uint32_t v)
{
	if (v >= sizeof(cpo_lane_state_strmap) / sizeof(cpo_lane_state_strmap[0]) ||
	    !cpo_lane_state_strmap[v])
		return "unknown";
	return cpo_lane_state_strmap[v];
}

int cpo_lane_state_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_lane_state_strmap) / sizeof(cpo_lane_state_strmap[0]); i++)
		if (cpo_lane_state_strmap[i] && !strcmp(cpo_lane_state_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_lane_status_strmap[] = {
	[0] = "enabled",
	[1] = "tx-los",
	[2] = "rx-los",
	[3] = "tx-fault",
};

const char *cpo_lane_status_str(uint32_t v)
{
	unsigned int i;

	if (!v || (v & (v - 1)))
		return "unknown";
	for (i = 0; !(v & (1u << i)); i++)
		;
	if (i >= sizeof(cpo_lane_status_strmap) / sizeof(cpo_lane_status_strmap[0]) || !cpo_lane_status_strmap[i])
		return "unknown";
	return cpo_lane_status_strmap[i];
}

int cpo_lane_status_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_lane_status_strmap) / sizeof(cpo_lane_status_strmap[0]); i++)
		if (cpo_lane_status_strmap[i] && !strcmp(cpo_lane_status_strmap[i], name))
			return (int)(1u << i);
	return -1;
}

static const char * const cpo_els_state_strmap[] = {
	[CPO_ELS_STATE_EMPTY] = "empty",
	[CPO_ELS_STATE_PROBING] = "probing",
	[CPO_ELS_STATE_FIBER_CHECK] = "fiber-check",
	[CPO_ELS_STATE_RAMPING] = "ramping",
	[CPO_ELS_STATE_ON] = "on",
	[CPO_ELS_STATE_REMOVING] = "removing",
	[CPO_ELS_STATE_SAFE] = "safe",
	[CPO_ELS_STATE_FAULT] = "fault",
};

const char *cpo_els_state_str(uint32_t v)
{
	if (v >= sizeof(cpo_els_state_strmap) / sizeof(cpo_els_state_strmap[0]) ||
	    !cpo_els_state_strmap[v])
		return "unknown";
	return cpo_els_state_strmap[v];
}

int cpo_els_state_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_els_state_strmap) / sizeof(cpo_els_state_strmap[0]); i++)
		if (cpo_els_state_strmap[i] && !strcmp(cpo_els_state_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_laser_state_strmap[] = {
	[CPO_LASER_STATE_OFF] = "off",
	[CPO_LASER_STATE_FIBER_CHECK] = "fiber-check",
	[CPO_LASER_STATE_RAMPING] = "ramping",
	[CPO_LASER_STATE_ON] = "on",
	[CPO_LASER_STATE_FAULT] = "fault",
	[CPO_LASER_STATE_ABSENT] = "absent",
};

const char *cpo_laser_state_str(uint32_t v)
{
	if (v >= sizeof(cpo_laser_state_strmap) / sizeof(cpo_laser_state_strmap[0]) ||
	    !cpo_laser_state_strmap[v])
		return "unknown";
	return cpo_laser_state_strmap[v];
}

int cpo_laser_state_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_laser_state_strmap) / sizeof(cpo_laser_state_strmap[0]); i++)
		if (cpo_laser_state_strmap[i] && !strcmp(cpo_laser_state_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_laser_fault_strmap[] = {
	[CPO_LASER_FAULT_NONE] = "none",
	[CPO_LASER_FAULT_APC] = "apc",
	[CPO_LASER_FAULT_ACC] = "acc",
	[CPO_LASER_FAULT_TEMP] = "temp",
};

const char *cpo_laser_fault_str(uint32_t v)
{
	if (v >= sizeof(cpo_laser_fault_strmap) / sizeof(cpo_laser_fault_strmap[0]) ||
	    !cpo_laser_fault_strmap[v])
		return "unknown";
	return cpo_laser_fault_strmap[v];
}

int cpo_laser_fault_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_laser_fault_strmap) / sizeof(cpo_laser_fault_strmap[0]); i++)
		if (cpo_laser_fault_strmap[i] && !strcmp(cpo_laser_fault_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_laser_mode_strmap[] = {
	[CPO_LASER_MODE_APC] = "apc",
	[CPO_LASER_MODE_ACC] = "acc",
};

const char *cpo_laser_mode_str(uint32_t v)
{
	if (v >= sizeof(cpo_laser_mode_strmap) / sizeof(cpo_laser_mode_strmap[0]) ||
	    !cpo_laser_mode_strmap[v])
		return "unknown";
	return cpo_laser_mode_strmap[v];
}

int cpo_laser_mode_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_laser_mode_strmap) / sizeof(cpo_laser_mode_strmap[0]); i++)
		if (cpo_laser_mode_strmap[i] && !strcmp(cpo_laser_mode_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_quantity_strmap[] = {
	[CPO_QUANTITY_OE_TEMP] = "oe-temp",
	[CPO_QUANTITY_OE_VCC] = "oe-vcc",
	[CPO_QUANTITY_LANE_TX_POWER] = "lane-tx-power",
	[CPO_QUANTITY_LANE_RX_POWER] = "lane-rx-power",
	[CPO_QUANTITY_ELS_TEMP] = "els-temp",
	[CPO_QUANTITY_ELS_VCC] = "els-vcc",
	[CPO_QUANTITY_ELS_TEC] = "els-tec",
	[CPO_QUANTITY_LASER_BIAS] = "laser-bias",
	[CPO_QUANTITY_LASER_POWER] = "laser-power",
	[CPO_QUANTITY_LASER_TEMP] = "laser-temp",
	[CPO_QUANTITY_LASER_PATH_LOSS] = "laser-path-loss",
};

const char *cpo_quantity_str(uint32_t v)
{
	if (v >= sizeof(cpo_quantity_strmap) / sizeof(cpo_quantity_strmap[0]) ||
	    !cpo_quantity_strmap[v])
		return "unknown";
	return cpo_quantity_strmap[v];
}

int cpo_quantity_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_quantity_strmap) / sizeof(cpo_quantity_strmap[0]); i++)
		if (cpo_quantity_strmap[i] && !strcmp(cpo_quantity_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_obj_type_strmap[] = {
	[CPO_OBJ_DEV] = "dev",
	[CPO_OBJ_OE] = "oe",
	[CPO_OBJ_LANE] = "lane",
	[CPO_OBJ_PORT] = "port",
	[CPO_OBJ_ELS] = "els",
	[CPO_OBJ_LASER] = "laser",
};

const char *cpo_obj_type_str(uint32_t v)
{
	if (v >= sizeof(cpo_obj_type_strmap) / sizeof(cpo_obj_type_strmap[0]) ||
	    !cpo_obj_type_strmap[v])
		return "unknown";
	return cpo_obj_type_strmap[v];
}

int cpo_obj_type_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_obj_type_strmap) / sizeof(cpo_obj_type_strmap[0]); i++)
		if (cpo_obj_type_strmap[i] && !strcmp(cpo_obj_type_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_severity_strmap[] = {
	[CPO_SEVERITY_WARNING] = "warning",
	[CPO_SEVERITY_ALARM] = "alarm",
};

const char *cpo_severity_str(uint32_t v)
{
	if (v >= sizeof(cpo_severity_strmap) / sizeof(cpo_severity_strmap[0]) ||
	    !cpo_severity_strmap[v])
		return "unknown";
	return cpo_severity_strmap[v];
}

int cpo_severity_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_severity_strmap) / sizeof(cpo_severity_strmap[0]); i++)
		if (cpo_severity_strmap[i] && !strcmp(cpo_severity_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_direction_strmap[] = {
	[CPO_DIRECTION_HIGH] = "high",
	[CPO_DIRECTION_LOW] = "low",
};

const char *cpo_direction_str(uint32_t v)
{
	if (v >= sizeof(cpo_direction_strmap) / sizeof(cpo_direction_strmap[0]) ||
	    !cpo_direction_strmap[v])
		return "unknown";
	return cpo_direction_strmap[v];
}

int cpo_direction_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_direction_strmap) / sizeof(cpo_direction_strmap[0]); i++)
		if (cpo_direction_strmap[i] && !strcmp(cpo_direction_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_event_type_strmap[] = {
	[CPO_EVENT_ALARM_RAISED] = "alarm-raised",
	[CPO_EVENT_ALARM_CLEARED] = "alarm-cleared",
	[CPO_EVENT_ELS_INSERTED] = "els-inserted",
	[CPO_EVENT_ELS_REMOVED] = "els-removed",
	[CPO_EVENT_ELS_STATE] = "els-state",
	[CPO_EVENT_LASER_STATE] = "laser-state",
	[CPO_EVENT_LANE_STATE] = "lane-state",
	[CPO_EVENT_OE_STATE] = "oe-state",
	[CPO_EVENT_DEV_FAILED] = "dev-failed",
	[CPO_EVENT_DEV_RESYNC] = "dev-resync",
	[CPO_EVENT_ELS_REMOVAL_PENDING] = "els-removal-pending",
	[CPO_EVENT_ELS_REMOVAL_ACKED] = "els-removal-acked",
	[CPO_EVENT_ELS_REMOVAL_TIMEOUT] = "els-removal-timeout",
	[CPO_EVENT_LASER_FAILOVER] = "laser-failover",
	[CPO_EVENT_OE_FAILOVER] = "oe-failover",
};

const char *cpo_event_type_str(uint32_t v)
{
	if (v >= sizeof(cpo_event_type_strmap) / sizeof(cpo_event_type_strmap[0]) ||
	    !cpo_event_type_strmap[v])
		return "unknown";
	return cpo_event_type_strmap[v];
}

int cpo_event_type_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_event_type_strmap) / sizeof(cpo_event_type_strmap[0]); i++)
		if (cpo_event_type_strmap[i] && !strcmp(cpo_event_type_strmap[i], name))
			return i;
	return -1;
}

static const char * const cpo_removal_action_strmap[] = {
	[CPO_REMOVAL_PROCEED] = "proceed",
	[CPO_REMOVAL_ABORT] = "abort",
};

const char *cpo_removal_action_str(uint32_t v)
{
	if (v >= sizeof(cpo_removal_action_strmap) / sizeof(cpo_removal_action_strmap[0]) ||
	    !cpo_removal_action_strmap[v])
		return "unknown";
	return cpo_removal_action_strmap[v];
}

int cpo_removal_action_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(cpo_removal_action_strmap) / sizeof(cpo_removal_action_strmap[0]); i++)
		if (cpo_removal_action_strmap[i] && !strcmp(cpo_removal_action_strmap[i], name))
			return i;
	return -1;
}

bool cpo_a_is_str(int type)
{
	switch (type) {
	case CPO_A_DEV_NAME:
	case CPO_A_BUS_NAME:
	case CPO_A_MODEL:
	case CPO_A_SERIAL:
	case CPO_A_FW_VERSION:
	case CPO_A_IFNAME:
	case CPO_A_LINK_DOWN_REASON:
		return true;
	default:
		return false;
	}
}

bool cpo_a_is_signed(int type)
{
	switch (type) {
	case CPO_A_TEMP:
	case CPO_A_TEC_CURRENT:
	case CPO_A_HIGH_ALARM:
	case CPO_A_LOW_ALARM:
	case CPO_A_HIGH_WARN:
	case CPO_A_LOW_WARN:
	case CPO_A_VALUE:
	case CPO_A_THRESHOLD:
	case CPO_A_PATH_LOSS:
	case CPO_A_FREQ_ERR:
		return true;
	default:
		return false;
	}
}

bool cpo_a_alarm_is_str(int type)
{
	(void)type;
	return false;
}

bool cpo_a_alarm_is_signed(int type)
{
	(void)type;
	return false;
}

bool cpo_a_alarm_hist_is_str(int type)
{
	(void)type;
	return false;
}

bool cpo_a_alarm_hist_is_signed(int type)
{
	(void)type;
	return false;
}

bool cpo_a_stats_is_str(int type)
{
	(void)type;
	return false;
}

bool cpo_a_stats_is_signed(int type)
{
	switch (type) {
	case CPO_A_STATS_AVERAGE:
	case CPO_A_STATS_MINIMUM:
	case CPO_A_STATS_MAXIMUM:
		return true;
	default:
		return false;
	}
}
