// SPDX-License-Identifier: GPL-2.0
/*
 * The names of the ABI's values, in one place: the quantities and every
 * enum of the "cpo" family as cpoctl prints them.  They follow the enum
 * names of Documentation/netlink/specs/cpo.yaml.
 */
#include <string.h>

#include "cpoctl.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct cpo_quantity_info cpo_quantities[] = {
	[CPO_QUANTITY_OE_TEMP] = { "oe-temp", CPO_K_TEMP, CPO_OBJ_OE },
	[CPO_QUANTITY_OE_VCC] = { "oe-vcc", CPO_K_VOLT, CPO_OBJ_OE },
	[CPO_QUANTITY_LANE_TX_POWER] = { "lane-tx-power", CPO_K_POWER,
					 CPO_OBJ_LANE },
	[CPO_QUANTITY_LANE_RX_POWER] = { "lane-rx-power", CPO_K_POWER,
					 CPO_OBJ_LANE },
	[CPO_QUANTITY_ELS_TEMP] = { "els-temp", CPO_K_TEMP, CPO_OBJ_ELS },
	[CPO_QUANTITY_ELS_VCC] = { "els-vcc", CPO_K_VOLT, CPO_OBJ_ELS },
	[CPO_QUANTITY_ELS_TEC] = { "els-tec", CPO_K_CURR, CPO_OBJ_ELS },
	[CPO_QUANTITY_LASER_BIAS] = { "laser-bias", CPO_K_BIAS, CPO_OBJ_LASER },
	[CPO_QUANTITY_LASER_POWER] = { "laser-power", CPO_K_POWER,
				       CPO_OBJ_LASER },
	[CPO_QUANTITY_LASER_TEMP] = { "laser-temp", CPO_K_TEMP, CPO_OBJ_LASER },
};

const struct cpo_quantity_info *cpo_quantity(unsigned int q)
{
	if (q >= ARRAY_SIZE(cpo_quantities))
		return NULL;
	return &cpo_quantities[q];
}

int cpo_quantity_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cpo_quantities); i++)
		if (!strcmp(cpo_quantities[i].name, name))
			return i;
	return -1;
}

#define CPO_NAME(tab, v) \
	((v) < ARRAY_SIZE(tab) && (tab)[v] ? (tab)[v] : "unknown")

const char *cpo_oe_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_OE_STATE_OFF] = "off",
		[CPO_OE_STATE_READY] = "ready",
		[CPO_OE_STATE_FAULT] = "fault",
	};

	return CPO_NAME(t, s);
}

const char *cpo_lane_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LANE_STATE_DEACTIVATED] = "deactivated",
		[CPO_LANE_STATE_INIT] = "init",
		[CPO_LANE_STATE_DEINIT] = "deinit",
		[CPO_LANE_STATE_ACTIVATED] = "activated",
		[CPO_LANE_STATE_TX_TURN_ON] = "tx-turn-on",
		[CPO_LANE_STATE_TX_TURN_OFF] = "tx-turn-off",
		[CPO_LANE_STATE_INITIALIZED] = "initialized",
	};

	return CPO_NAME(t, s);
}

const char *cpo_els_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_ELS_STATE_EMPTY] = "empty",
		[CPO_ELS_STATE_PROBING] = "probing",
		[CPO_ELS_STATE_FIBER_CHECK] = "fiber-check",
		[CPO_ELS_STATE_RAMPING] = "ramping",
		[CPO_ELS_STATE_ON] = "on",
		[CPO_ELS_STATE_REMOVING] = "removing",
		[CPO_ELS_STATE_SAFE] = "safe",
		[CPO_ELS_STATE_FAULT] = "fault",
	};

	return CPO_NAME(t, s);
}

const char *cpo_laser_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LASER_STATE_OFF] = "off",
		[CPO_LASER_STATE_FIBER_CHECK] = "fiber-check",
		[CPO_LASER_STATE_RAMPING] = "ramping",
		[CPO_LASER_STATE_ON] = "on",
		[CPO_LASER_STATE_FAULT] = "fault",
		[CPO_LASER_STATE_ABSENT] = "absent",
	};

	return CPO_NAME(t, s);
}

const char *cpo_laser_fault_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LASER_FAULT_NONE] = "none",
		[CPO_LASER_FAULT_APC] = "apc",
		[CPO_LASER_FAULT_ACC] = "acc",
		[CPO_LASER_FAULT_TEMP] = "temperature",
	};

	return CPO_NAME(t, s);
}

const char *cpo_laser_mode_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LASER_MODE_APC] = "apc",
		[CPO_LASER_MODE_ACC] = "acc",
	};

	return CPO_NAME(t, s);
}

const char *cpo_obj_type_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_OBJ_DEV] = "dev",
		[CPO_OBJ_OE] = "oe",
		[CPO_OBJ_LANE] = "lane",
		[CPO_OBJ_PORT] = "port",
		[CPO_OBJ_ELS] = "els",
		[CPO_OBJ_LASER] = "laser",
	};

	return CPO_NAME(t, s);
}

const char *cpo_severity_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_SEVERITY_WARNING] = "warning",
		[CPO_SEVERITY_ALARM] = "alarm",
	};

	return CPO_NAME(t, s);
}

const char *cpo_direction_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_DIRECTION_HIGH] = "high",
		[CPO_DIRECTION_LOW] = "low",
	};

	return CPO_NAME(t, s);
}

const char *cpo_event_type_str(uint32_t s)
{
	static const char *const t[] = {
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
	};

	return CPO_NAME(t, s);
}
