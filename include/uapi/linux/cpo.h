/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/cpo.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_CPO_H
#define _UAPI_LINUX_CPO_H

#define CPO_FAMILY_NAME		"cpo"
#define CPO_FAMILY_VERSION	1

#define CPO_REMOVAL_TIMEOUT_MAX_MS	600000

/**
 * enum cpo_dev_state - Device health.
 * @CPO_DEV_STATE_FAILED: heartbeat lost or device gone
 */
enum cpo_dev_state {
	CPO_DEV_STATE_OK = 1,
	CPO_DEV_STATE_FAILED,
};

/**
 * enum cpo_oe_state - Optical engine state.
 */
enum cpo_oe_state {
	CPO_OE_STATE_OFF,
	CPO_OE_STATE_READY,
	CPO_OE_STATE_FAULT,
};

/**
 * enum cpo_lane_state - CMIS data-path state of a lane.
 */
enum cpo_lane_state {
	CPO_LANE_STATE_DEACTIVATED = 1,
	CPO_LANE_STATE_INIT,
	CPO_LANE_STATE_DEINIT,
	CPO_LANE_STATE_ACTIVATED,
	CPO_LANE_STATE_TX_TURN_ON,
	CPO_LANE_STATE_TX_TURN_OFF,
	CPO_LANE_STATE_INITIALIZED,
};

/**
 * enum cpo_lane_status - Lane status bits.
 */
enum cpo_lane_status {
	CPO_LANE_STATUS_ENABLED = 1,
	CPO_LANE_STATUS_TX_LOS = 2,
	CPO_LANE_STATUS_RX_LOS = 4,
	CPO_LANE_STATUS_TX_FAULT = 8,
};

/**
 * enum cpo_els_state - ELSFP slot state.
 * @CPO_ELS_STATE_SAFE: lasers off, safe to pull
 */
enum cpo_els_state {
	CPO_ELS_STATE_EMPTY,
	CPO_ELS_STATE_PROBING,
	CPO_ELS_STATE_FIBER_CHECK,
	CPO_ELS_STATE_RAMPING,
	CPO_ELS_STATE_ON,
	CPO_ELS_STATE_REMOVING,
	CPO_ELS_STATE_SAFE,
	CPO_ELS_STATE_FAULT,
};

/**
 * enum cpo_laser_state - Laser state.
 */
enum cpo_laser_state {
	CPO_LASER_STATE_OFF,
	CPO_LASER_STATE_FIBER_CHECK,
	CPO_LASER_STATE_RAMPING,
	CPO_LASER_STATE_ON,
	CPO_LASER_STATE_FAULT,
	CPO_LASER_STATE_ABSENT,
};

/**
 * enum cpo_laser_fault - Laser fault code (OIF-ELSFP page 1Ah).
 */
enum cpo_laser_fault {
	CPO_LASER_FAULT_NONE,
	CPO_LASER_FAULT_APC,
	CPO_LASER_FAULT_ACC,
	CPO_LASER_FAULT_TEMP,
};

/**
 * enum cpo_laser_mode - Laser control loop.
 */
enum cpo_laser_mode {
	CPO_LASER_MODE_APC,
	CPO_LASER_MODE_ACC,
};

/**
 * enum cpo_quantity - A monitored quantity; thresholds, alarms and events
 *   speak of these.
 * @CPO_QUANTITY_LASER_PATH_LOSS: milli-dB: the laser's output power less the
 *   engine's input power from that laser, the loss of the ELS -> engine fibre
 *   and connectors; monitored while the laser is lit.
 */
enum cpo_quantity {
	CPO_QUANTITY_OE_TEMP,
	CPO_QUANTITY_OE_VCC,
	CPO_QUANTITY_LANE_TX_POWER,
	CPO_QUANTITY_LANE_RX_POWER,
	CPO_QUANTITY_ELS_TEMP,
	CPO_QUANTITY_ELS_VCC,
	CPO_QUANTITY_ELS_TEC,
	CPO_QUANTITY_LASER_BIAS,
	CPO_QUANTITY_LASER_POWER,
	CPO_QUANTITY_LASER_TEMP,
	CPO_QUANTITY_LASER_PATH_LOSS,

	/* private: */
	__CPO_QUANTITY_MAX,
	CPO_QUANTITY_MAX = (__CPO_QUANTITY_MAX - 1)
};

/**
 * enum cpo_obj_type - Object types of events.
 */
enum cpo_obj_type {
	CPO_OBJ_DEV,
	CPO_OBJ_OE,
	CPO_OBJ_LANE,
	CPO_OBJ_PORT,
	CPO_OBJ_ELS,
	CPO_OBJ_LASER,
};

/**
 * enum cpo_severity - Alarm severity.
 */
enum cpo_severity {
	CPO_SEVERITY_WARNING = 1,
	CPO_SEVERITY_ALARM,
};

/**
 * enum cpo_direction - Threshold direction.
 */
enum cpo_direction {
	CPO_DIRECTION_HIGH = 1,
	CPO_DIRECTION_LOW,
};

/**
 * enum cpo_event_type - Event types.
 * @CPO_EVENT_ALARM_RAISED: a threshold was crossed
 * @CPO_EVENT_DEV_RESYNC: events were lost; state re-read
 * @CPO_EVENT_ELS_REMOVAL_PENDING: A removal of the ELSFP slot obj-index was
 *   asked for: the ports (link-port) and lanes (link-lane) it will take down,
 *   the request (removal-id), how long the driver waits for an answer
 *   (removal-timeout, ms) and what it then does (removal-action). With
 *   laser-index the request switches off only that laser of the slot, and the
 *   ports and lanes are those it feeds. The lasers stay on until an answer or
 *   the timeout.
 * @CPO_EVENT_ELS_REMOVAL_ACKED: The request removal-id was answered with
 *   removal-action: proceed (the lasers now ramp down; els-state events
 *   follow) or abort. laser-index when the request names one laser: proceed
 *   disables it (a laser-state event follows).
 * @CPO_EVENT_ELS_REMOVAL_TIMEOUT: Nobody answered the request removal-id in
 *   time: the driver did removal-action (proceed or abort) as the request
 *   asked. laser-index when the request names one laser.
 * @CPO_EVENT_LASER_FAILOVER: The laser obj-index was replaced by the spare
 *   link-laser (also value) of its ELSFP slot: the lanes (link-lane) and ports
 *   (link-port) it fed now take their light from the spare; the laser is out
 *   of service. threshold: the device's topology generation.
 * @CPO_EVENT_OE_FAILOVER: The optical engine obj-index was replaced by the
 *   spare engine link-oe (also value): the lanes (link-lane) and ports
 *   (link-port) it served are now the spare's; the engine is out of service.
 *   threshold: the device's topology generation.
 */
enum cpo_event_type {
	CPO_EVENT_ALARM_RAISED = 1,
	CPO_EVENT_ALARM_CLEARED,
	CPO_EVENT_ELS_INSERTED,
	CPO_EVENT_ELS_REMOVED,
	CPO_EVENT_ELS_STATE,
	CPO_EVENT_LASER_STATE,
	CPO_EVENT_LANE_STATE,
	CPO_EVENT_OE_STATE,
	CPO_EVENT_DEV_FAILED,
	CPO_EVENT_DEV_RESYNC,
	CPO_EVENT_ELS_REMOVAL_PENDING,
	CPO_EVENT_ELS_REMOVAL_ACKED,
	CPO_EVENT_ELS_REMOVAL_TIMEOUT,
	CPO_EVENT_LASER_FAILOVER,
	CPO_EVENT_OE_FAILOVER,
};

/**
 * enum cpo_removal_action - What to do with a pending ELSFP removal.
 * @CPO_REMOVAL_PROCEED: ramp the lasers down
 * @CPO_REMOVAL_ABORT: leave the module on and forget the request
 */
enum cpo_removal_action {
	CPO_REMOVAL_PROCEED = 1,
	CPO_REMOVAL_ABORT,
};

enum cpo_a {
	CPO_A_PAD = 1,
	CPO_A_DEV_INDEX,
	CPO_A_DEV_NAME,
	CPO_A_BUS_NAME,
	CPO_A_MODEL,
	CPO_A_SERIAL,
	CPO_A_FW_VERSION,
	CPO_A_HW_VERSION,
	CPO_A_DEV_STATE,
	CPO_A_N_OE,
	CPO_A_N_LANES,
	CPO_A_N_PORTS,
	CPO_A_N_ELS,
	CPO_A_N_LASERS,
	CPO_A_LANE_RATE,
	CPO_A_HEARTBEAT,
	CPO_A_UPDATE_PERIOD,
	CPO_A_OE_INDEX,
	CPO_A_LANE_INDEX,
	CPO_A_PORT_INDEX,
	CPO_A_ELS_INDEX,
	CPO_A_LASER_INDEX,
	CPO_A_STATE,
	CPO_A_TEMP,
	CPO_A_VCC,
	CPO_A_TX_POWER,
	CPO_A_RX_POWER,
	CPO_A_LANE_STATUS,
	CPO_A_PRESENT,
	CPO_A_ICC,
	CPO_A_TEC_CURRENT,
	CPO_A_INSERTIONS,
	CPO_A_WAVELENGTH,
	CPO_A_BIAS,
	CPO_A_POWER,
	CPO_A_SETPOINT,
	CPO_A_BOL_BIAS,
	CPO_A_BOL_POWER,
	CPO_A_AGE_HOURS,
	CPO_A_ENABLED,
	CPO_A_LASER_FAULT,
	CPO_A_LASER_MODE,
	CPO_A_SPARE,
	CPO_A_STALE,
	CPO_A_ALARM,
	CPO_A_LINK_LANE,
	CPO_A_LINK_LASER,
	CPO_A_LINK_PORT,
	CPO_A_SPEED,
	CPO_A_IFNAME,
	CPO_A_IFINDEX,
	CPO_A_CARRIER,
	CPO_A_LOW_POWER,
	CPO_A_QUANTITY,
	CPO_A_HIGH_ALARM,
	CPO_A_LOW_ALARM,
	CPO_A_HIGH_WARN,
	CPO_A_LOW_WARN,
	CPO_A_EVENT_TYPE,
	CPO_A_OBJ_TYPE,
	CPO_A_OBJ_INDEX,
	CPO_A_SEVERITY,
	CPO_A_DIRECTION,
	CPO_A_VALUE,
	CPO_A_THRESHOLD,
	CPO_A_TIMESTAMP,
	CPO_A_EVENT_SEQ,
	CPO_A_ADMIN_UP,
	CPO_A_OPER_UP,
	CPO_A_REMOVAL_ID,
	CPO_A_REMOVAL_TIMEOUT,
	CPO_A_REMOVAL_ACTION,
	CPO_A_LINK_DOWN_EVENTS,
	CPO_A_LINK_DOWN_REASON,
	CPO_A_ALARM_HIST,
	CPO_A_STATS,
	CPO_A_TX_FAULT_COUNT,
	CPO_A_TX_LOS_COUNT,
	CPO_A_RX_LOS_COUNT,
	CPO_A_AGE_PCT,
	CPO_A_OE_IN_POWER,
	CPO_A_PATH_LOSS,
	CPO_A_FREQ_ERR,
	CPO_A_SPARE_INDEX,
	CPO_A_OUT_OF_SERVICE,
	CPO_A_LINK_OE,

	__CPO_A_MAX,
	CPO_A_MAX = (__CPO_A_MAX - 1)
};

enum cpo_a_alarm {
	CPO_A_ALARM_QUANTITY = 1,
	CPO_A_ALARM_SEVERITY,
	CPO_A_ALARM_DIRECTION,

	__CPO_A_ALARM_MAX,
	CPO_A_ALARM_MAX = (__CPO_A_ALARM_MAX - 1)
};

enum cpo_a_alarm_hist {
	CPO_A_ALARM_HIST_PAD = 1,
	CPO_A_ALARM_HIST_QUANTITY,
	CPO_A_ALARM_HIST_SEVERITY,
	CPO_A_ALARM_HIST_DIRECTION,
	CPO_A_ALARM_HIST_CHANGES,
	CPO_A_ALARM_HIST_LAST_SET,
	CPO_A_ALARM_HIST_LAST_CLEAR,

	__CPO_A_ALARM_HIST_MAX,
	CPO_A_ALARM_HIST_MAX = (__CPO_A_ALARM_HIST_MAX - 1)
};

enum cpo_a_stats {
	CPO_A_STATS_PAD = 1,
	CPO_A_STATS_QUANTITY,
	CPO_A_STATS_INTERVAL,
	CPO_A_STATS_START,
	CPO_A_STATS_SAMPLES,
	CPO_A_STATS_AVERAGE,
	CPO_A_STATS_MINIMUM,
	CPO_A_STATS_MAXIMUM,
	CPO_A_STATS_MINIMUM_TIME,
	CPO_A_STATS_MAXIMUM_TIME,

	__CPO_A_STATS_MAX,
	CPO_A_STATS_MAX = (__CPO_A_STATS_MAX - 1)
};

enum cpo_cmd {
	CPO_CMD_DEV_GET = 1,
	CPO_CMD_OE_GET,
	CPO_CMD_ELS_GET,
	CPO_CMD_LASER_GET,
	CPO_CMD_LANE_GET,
	CPO_CMD_PORT_GET,
	CPO_CMD_THRESHOLD_GET,
	CPO_CMD_THRESHOLD_SET,
	CPO_CMD_LASER_SET,
	CPO_CMD_LANE_SET,
	CPO_CMD_PORT_SET,
	CPO_CMD_ELS_REMOVE,
	CPO_CMD_EVENT_NTF,
	CPO_CMD_ELS_REMOVE_ACK,
	CPO_CMD_LASER_FAILOVER,
	CPO_CMD_OE_FAILOVER,

	__CPO_CMD_MAX,
	CPO_CMD_MAX = (__CPO_CMD_MAX - 1)
};

#define CPO_MCGRP_MONITOR	"monitor"

#endif /* _UAPI_LINUX_CPO_H */
