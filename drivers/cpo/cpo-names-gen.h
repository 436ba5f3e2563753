/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/cpo.yaml */
/* by scripts/ynl-names.py (scripts/ynl-regen.sh) */

#ifndef _LINUX_CPO_NAMES_GEN_H
#define _LINUX_CPO_NAMES_GEN_H

#include <linux/types.h>

#include <uapi/linux/cpo.h>

const char *cpo_dev_state_str(u32 v);
const char *cpo_oe_state_str(u32 v);
const char *cpo_lane_state_str(u32 v);
const char *cpo_lane_status_str(u32 v);
const char *cpo_els_state_str(u32 v);
const char *cpo_laser_state_str(u32 v);
const char *cpo_laser_fault_str(u32 v);
const char *cpo_laser_mode_str(u32 v);
const char *cpo_quantity_str(u32 v);
const char *cpo_obj_type_str(u32 v);
const char *cpo_severity_str(u32 v);
const char *cpo_direction_str(u32 v);
const char *cpo_event_type_str(u32 v);
const char *cpo_removal_action_str(u32 v);

/* the entries of each enum, for __print_symbolic() */
#define CPO_DEV_STATE_SYMBOLS	\
	{ CPO_DEV_STATE_OK, "ok" },	\
	{ CPO_DEV_STATE_FAILED, "failed" }
#define CPO_OE_STATE_SYMBOLS	\
	{ CPO_OE_STATE_OFF, "off" },	\
	{ CPO_OE_STATE_READY, "ready" },	\
	{ CPO_OE_STATE_FAULT, "fault" }
#define CPO_LANE_STATE_SYMBOLS	\
	{ CPO_LANE_STATE_DEACTIVATED, "deactivated" },	\
	{ CPO_LANE_STATE_INIT, "init" },	\
	{ CPO_LANE_STATE_DEINIT, "deinit" },	\
	{ CPO_LANE_STATE_ACTIVATED, "activated" },	\
	{ CPO_LANE_STATE_TX_TURN_ON, "tx-turn-on" },	\
	{ CPO_LANE_STATE_TX_TURN_OFF, "tx-turn-off" },	\
	{ CPO_LANE_STATE_INITIALIZED, "initialized" }
#define CPO_LANE_STATUS_SYMBOLS	\
	{ CPO_LANE_STATUS_ENABLED, "enabled" },	\
	{ CPO_LANE_STATUS_TX_LOS, "tx-los" },	\
	{ CPO_LANE_STATUS_RX_LOS, "rx-los" },	\
	{ CPO_LANE_STATUS_TX_FAULT, "tx-fault" }
#define CPO_ELS_STATE_SYMBOLS	\
	{ CPO_ELS_STATE_EMPTY, "empty" },	\
	{ CPO_ELS_STATE_PROBING, "probing" },	\
	{ CPO_ELS_STATE_FIBER_CHECK, "fiber-check" },	\
	{ CPO_ELS_STATE_RAMPING, "ramping" },	\
	{ CPO_ELS_STATE_ON, "on" },	\
	{ CPO_ELS_STATE_REMOVING, "removing" },	\
	{ CPO_ELS_STATE_SAFE, "safe" },	\
	{ CPO_ELS_STATE_FAULT, "fault" }
#define CPO_LASER_STATE_SYMBOLS	\
	{ CPO_LASER_STATE_OFF, "off" },	\
	{ CPO_LASER_STATE_FIBER_CHECK, "fiber-check" },	\
	{ CPO_LASER_STATE_RAMPING, "ramping" },	\
	{ CPO_LASER_STATE_ON, "on" },	\
	{ CPO_LASER_STATE_FAULT, "fault" },	\
	{ CPO_LASER_STATE_ABSENT, "absent" }
#define CPO_LASER_FAULT_SYMBOLS	\
	{ CPO_LASER_FAULT_NONE, "none" },	\
	{ CPO_LASER_FAULT_APC, "apc" },	\
	{ CPO_LASER_FAULT_ACC, "acc" },	\
	{ CPO_LASER_FAULT_TEMP, "temp" }
#define CPO_LASER_MODE_SYMBOLS	\
	{ CPO_LASER_MODE_APC, "apc" },	\
	{ CPO_LASER_MODE_ACC, "acc" }
#define CPO_QUANTITY_SYMBOLS	\
	{ CPO_QUANTITY_OE_TEMP, "oe-temp" },	\
	{ CPO_QUANTITY_OE_VCC, "oe-vcc" },	\
	{ CPO_QUANTITY_LANE_TX_POWER, "lane-tx-power" },	\
	{ CPO_QUANTITY_LANE_RX_POWER, "lane-rx-power" },	\
	{ CPO_QUANTITY_ELS_TEMP, "els-temp" },	\
	{ CPO_QUANTITY_ELS_VCC, "els-vcc" },	\
	{ CPO_QUANTITY_ELS_TEC, "els-tec" },	\
	{ CPO_QUANTITY_LASER_BIAS, "laser-bias" },	\
	{ CPO_QUANTITY_LASER_POWER, "laser-power" },	\
	{ CPO_QUANTITY_LASER_TEMP, "laser-temp" },	\
	{ CPO_QUANTITY_LASER_PATH_LOSS, "laser-path-loss" }
#define CPO_OBJ_TYPE_SYMBOLS	\
	{ CPO_OBJ_DEV, "dev" },	\
	{ CPO_OBJ_OE, "oe" },	\
	{ CPO_OBJ_LANE, "lane" },	\
	{ CPO_OBJ_PORT, "port" },	\
	{ CPO_OBJ_ELS, "els" },	\
	{ CPO_OBJ_LASER, "laser" }
#define CPO_SEVERITY_SYMBOLS	\
	{ CPO_SEVERITY_WARNING, "warning" },	\
	{ CPO_SEVERITY_ALARM, "alarm" }
#define CPO_DIRECTION_SYMBOLS	\
	{ CPO_DIRECTION_HIGH, "high" },	\
	{ CPO_DIRECTION_LOW, "low" }
#define CPO_EVENT_TYPE_SYMBOLS	\
	{ CPO_EVENT_ALARM_RAISED, "alarm-raised" },	\
	{ CPO_EVENT_ALARM_CLEARED, "alarm-cleared" },	\
	{ CPO_EVENT_ELS_INSERTED, "els-inserted" },	\
	{ CPO_EVENT_ELS_REMOVED, "els-removed" },	\
	{ CPO_EVENT_ELS_STATE, "els-state" },	\
	{ CPO_EVENT_LASER_STATE, "laser-state" },	\
	{ CPO_EVENT_LANE_STATE, "lane-state" },	\
	{ CPO_EVENT_OE_STATE, "oe-state" },	\
	{ CPO_EVENT_DEV_FAILED, "dev-failed" },	\
	{ CPO_EVENT_DEV_RESYNC, "dev-resync" },	\
	{ CPO_EVENT_ELS_REMOVAL_PENDING, "els-removal-pending" },	\
	{ CPO_EVENT_ELS_REMOVAL_ACKED, "els-removal-acked" },	\
	{ CPO_EVENT_ELS_REMOVAL_TIMEOUT, "els-removal-timeout" },	\
	{ CPO_EVENT_LASER_FAILOVER, "laser-failover" },	\
	{ CPO_EVENT_OE_FAILOVER, "oe-failover" }
#define CPO_REMOVAL_ACTION_SYMBOLS	\
	{ CPO_REMOVAL_PROCEED, "proceed" },	\
	{ CPO_REMOVAL_ABORT, "abort" }

#endif /* _LINUX_CPO_NAMES_GEN_H */
