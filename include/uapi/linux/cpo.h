/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * The "cpo" generic netlink family: co-packaged optics devices, their
 * optical engines (OE), external laser source slots (ELSFP), lasers, lanes
 * and ports.  Documentation/netlink/specs/cpo.yaml describes the same ABI.
 *
 * Units: temperatures in millidegree Celsius, voltages in millivolt,
 * optical power in microwatt, laser bias in microampere, module and TEC
 * currents in milliampere, wavelength in picometre, rates in Mb/s.
 */
#ifndef _UAPI_LINUX_CPO_H
#define _UAPI_LINUX_CPO_H

#define CPO_FAMILY_NAME		"cpo"
#define CPO_FAMILY_VERSION	1
#define CPO_MCGRP_MONITOR	"monitor"

enum cpo_dev_state {
	CPO_DEV_STATE_OK = 1,
	CPO_DEV_STATE_FAILED = 2,	/* heartbeat lost or device gone */
};

enum cpo_oe_state {
	CPO_OE_STATE_OFF = 0,
	CPO_OE_STATE_READY = 1,
	CPO_OE_STATE_FAULT = 2,
};

/* CMIS data-path states */
enum cpo_lane_state {
	CPO_LANE_STATE_DEACTIVATED = 1,
	CPO_LANE_STATE_INIT = 2,
	CPO_LANE_STATE_DEINIT = 3,
	CPO_LANE_STATE_ACTIVATED = 4,
	CPO_LANE_STATE_TX_TURN_ON = 5,
	CPO_LANE_STATE_TX_TURN_OFF = 6,
	CPO_LANE_STATE_INITIALIZED = 7,
};

/* CPO_A_LANE_STATUS bits */
enum cpo_lane_status {
	CPO_LANE_STATUS_ENABLED = 1 << 0,
	CPO_LANE_STATUS_TX_LOS = 1 << 1,
	CPO_LANE_STATUS_RX_LOS = 1 << 2,
	CPO_LANE_STATUS_TX_FAULT = 1 << 3,
};

enum cpo_els_state {
	CPO_ELS_STATE_EMPTY = 0,
	CPO_ELS_STATE_PROBING = 1,
	CPO_ELS_STATE_FIBER_CHECK = 2,
	CPO_ELS_STATE_RAMPING = 3,
	CPO_ELS_STATE_ON = 4,
	CPO_ELS_STATE_REMOVING = 5,
	CPO_ELS_STATE_SAFE = 6,		/* lasers off, safe to pull */
	CPO_ELS_STATE_FAULT = 7,
};

enum cpo_laser_state {
	CPO_LASER_STATE_OFF = 0,
	CPO_LASER_STATE_FIBER_CHECK = 1,
	CPO_LASER_STATE_RAMPING = 2,
	CPO_LASER_STATE_ON = 3,
	CPO_LASER_STATE_FAULT = 4,
	CPO_LASER_STATE_ABSENT = 5,
};

enum cpo_laser_fault {
	CPO_LASER_FAULT_NONE = 0,
	CPO_LASER_FAULT_APC = 1,
	CPO_LASER_FAULT_ACC = 2,
	CPO_LASER_FAULT_TEMP = 3,
};

enum cpo_laser_mode {
	CPO_LASER_MODE_APC = 0,
	CPO_LASER_MODE_ACC = 1,
};

/* Monitored quantities: thresholds, alarms and events speak of these. */
enum cpo_quantity {
	CPO_QUANTITY_OE_TEMP = 0,
	CPO_QUANTITY_OE_VCC = 1,
	CPO_QUANTITY_LANE_TX_POWER = 2,
	CPO_QUANTITY_LANE_RX_POWER = 3,
	CPO_QUANTITY_ELS_TEMP = 4,
	CPO_QUANTITY_ELS_VCC = 5,
	CPO_QUANTITY_ELS_TEC = 6,
	CPO_QUANTITY_LASER_BIAS = 7,
	CPO_QUANTITY_LASER_POWER = 8,
	CPO_QUANTITY_LASER_TEMP = 9,

	/* private: */
	__CPO_QUANTITY_MAX,
	CPO_QUANTITY_MAX = __CPO_QUANTITY_MAX - 1,
};

enum cpo_obj_type {
	CPO_OBJ_DEV = 0,
	CPO_OBJ_OE = 1,
	CPO_OBJ_LANE = 2,
	CPO_OBJ_PORT = 3,
	CPO_OBJ_ELS = 4,
	CPO_OBJ_LASER = 5,
};

enum cpo_severity {
	CPO_SEVERITY_WARNING = 1,
	CPO_SEVERITY_ALARM = 2,
};

enum cpo_direction {
	CPO_DIRECTION_HIGH = 1,
	CPO_DIRECTION_LOW = 2,
};

enum cpo_event_type {
	CPO_EVENT_ALARM_RAISED = 1,	/* a threshold was crossed */
	CPO_EVENT_ALARM_CLEARED = 2,
	CPO_EVENT_ELS_INSERTED = 3,
	CPO_EVENT_ELS_REMOVED = 4,
	CPO_EVENT_ELS_STATE = 5,
	CPO_EVENT_LASER_STATE = 6,
	CPO_EVENT_LANE_STATE = 7,
	CPO_EVENT_OE_STATE = 8,
	CPO_EVENT_DEV_FAILED = 9,
	CPO_EVENT_DEV_RESYNC = 10,	/* events were lost; state re-read */
};

/* nested in CPO_A_ALARM: one active alarm or warning of an object */
enum cpo_a_alarm {
	CPO_A_ALARM_UNSPEC,
	CPO_A_ALARM_QUANTITY,		/* u32, enum cpo_quantity */
	CPO_A_ALARM_SEVERITY,		/* u32, enum cpo_severity */
	CPO_A_ALARM_DIRECTION,		/* u32, enum cpo_direction */

	/* private: */
	__CPO_A_ALARM_MAX,
	CPO_A_ALARM_MAX = __CPO_A_ALARM_MAX - 1,
};

enum cpo_a {
	CPO_A_UNSPEC,
	CPO_A_PAD,

	/* device */
	CPO_A_DEV_INDEX,		/* u32 */
	CPO_A_DEV_NAME,			/* string, "cpo0" */
	CPO_A_BUS_NAME,			/* string, "0000:01:00.0" */
	CPO_A_MODEL,			/* string */
	CPO_A_SERIAL,			/* string */
	CPO_A_FW_VERSION,		/* string */
	CPO_A_HW_VERSION,		/* u32, interface major << 16 | minor */
	CPO_A_DEV_STATE,		/* u32, enum cpo_dev_state */
	CPO_A_N_OE,			/* u32 */
	CPO_A_N_LANES,			/* u32 */
	CPO_A_N_PORTS,			/* u32 */
	CPO_A_N_ELS,			/* u32 */
	CPO_A_N_LASERS,			/* u32 */
	CPO_A_LANE_RATE,		/* u32, Mb/s */
	CPO_A_HEARTBEAT,		/* u32 */
	CPO_A_UPDATE_PERIOD,		/* u32, ms */

	/* object indices: keys of get/set, filters of dumps */
	CPO_A_OE_INDEX,			/* u32 */
	CPO_A_LANE_INDEX,		/* u32 */
	CPO_A_PORT_INDEX,		/* u32 */
	CPO_A_ELS_INDEX,		/* u32 */
	CPO_A_LASER_INDEX,		/* u32 */

	/* telemetry */
	CPO_A_STATE,			/* u32, enum cpo_{oe,lane,els,laser}_state */
	/*
	 * Readings of what is not there (an empty ELSFP slot, the lasers
	 * of one) are left out of messages, never sent as 0.
	 */
	CPO_A_TEMP,			/* s32, millidegree C */
	CPO_A_VCC,			/* u32, millivolt */
	CPO_A_TX_POWER,			/* u32, microwatt */
	CPO_A_RX_POWER,			/* u32, microwatt */
	CPO_A_LANE_STATUS,		/* u32, enum cpo_lane_status bits */
	CPO_A_PRESENT,			/* u8 */
	CPO_A_ICC,			/* u32, milliampere */
	CPO_A_TEC_CURRENT,		/* s32, milliampere */
	CPO_A_INSERTIONS,		/* u32 */
	CPO_A_WAVELENGTH,		/* u32, picometre */
	CPO_A_BIAS,			/* u32, microampere */
	CPO_A_POWER,			/* u32, microwatt */
	CPO_A_SETPOINT,			/* u32, microwatt (APC) or uA (ACC) */
	CPO_A_BOL_BIAS,			/* u32, microampere */
	CPO_A_BOL_POWER,		/* u32, microwatt */
	CPO_A_AGE_HOURS,		/* u32 */
	CPO_A_ENABLED,			/* u8 */
	CPO_A_LASER_FAULT,		/* u32, enum cpo_laser_fault */
	CPO_A_LASER_MODE,		/* u32, enum cpo_laser_mode */
	CPO_A_SPARE,			/* flag */
	CPO_A_STALE,			/* flag: telemetry could not be refreshed */
	CPO_A_ALARM,			/* nest, multi-attr, enum cpo_a_alarm */

	/* topology links, multi-attr */
	CPO_A_LINK_LANE,		/* u32 */
	CPO_A_LINK_LASER,		/* u32 */
	CPO_A_LINK_PORT,		/* u32 */

	/* ports */
	CPO_A_SPEED,			/* u32, Mb/s */
	CPO_A_IFNAME,			/* string */
	CPO_A_IFINDEX,			/* u32 */
	CPO_A_CARRIER,			/* u8, optical carrier (netif_carrier_ok) */
	CPO_A_LOW_POWER,		/* u8, module power mode low */

	/* thresholds */
	CPO_A_QUANTITY,			/* u32, enum cpo_quantity */
	CPO_A_HIGH_ALARM,		/* s32 */
	CPO_A_LOW_ALARM,		/* s32 */
	CPO_A_HIGH_WARN,		/* s32 */
	CPO_A_LOW_WARN,			/* s32 */

	/* events */
	CPO_A_EVENT_TYPE,		/* u32, enum cpo_event_type */
	CPO_A_OBJ_TYPE,			/* u32, enum cpo_obj_type */
	CPO_A_OBJ_INDEX,		/* u32 */
	CPO_A_SEVERITY,			/* u32, enum cpo_severity */
	CPO_A_DIRECTION,		/* u32, enum cpo_direction */
	CPO_A_VALUE,			/* s32 */
	CPO_A_THRESHOLD,		/* s32 */
	CPO_A_TIMESTAMP,		/* u64, device nanoseconds */
	CPO_A_EVENT_SEQ,		/* u32 */

	/* ports: the kernel's link state, as ethtool and ip report it */
	CPO_A_ADMIN_UP,			/* u8, netdev up (netif_running) */
	CPO_A_OPER_UP,			/* u8, admin up and carrier */

	/* private: */
	__CPO_A_MAX,
	CPO_A_MAX = __CPO_A_MAX - 1,
};

enum cpo_cmd {
	CPO_CMD_UNSPEC,
	CPO_CMD_DEV_GET,		/* do, dump */
	CPO_CMD_OE_GET,			/* do, dump; filter dev */
	CPO_CMD_ELS_GET,		/* do, dump; filter dev */
	CPO_CMD_LASER_GET,		/* do, dump; filter dev, els, port */
	CPO_CMD_LANE_GET,		/* do, dump; filter dev, oe, port */
	CPO_CMD_PORT_GET,		/* do, dump; filter dev, oe, els */
	CPO_CMD_THRESHOLD_GET,		/* do, dump; filter dev */
	CPO_CMD_THRESHOLD_SET,		/* do, CAP_NET_ADMIN */
	CPO_CMD_LASER_SET,		/* do, CAP_NET_ADMIN */
	CPO_CMD_LANE_SET,		/* do, CAP_NET_ADMIN */
	CPO_CMD_PORT_SET,		/* do, CAP_NET_ADMIN */
	CPO_CMD_ELS_REMOVE,		/* do, CAP_NET_ADMIN: prepare removal */
	CPO_CMD_EVENT_NTF,		/* notification, group "monitor" */

	/* private: */
	__CPO_CMD_MAX,
	CPO_CMD_MAX = __CPO_CMD_MAX - 1,
};

#endif /* _UAPI_LINUX_CPO_H */
