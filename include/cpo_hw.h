/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * CPO host interface: the layout of the shared-memory window (BAR2) of a
 * co-packaged optics subsystem, as seen by the host driver and served by the
 * subsystem's firmware.  Shared by drivers/cpo and tools/cpo-sim.
 *
 * Every multi-byte field is little-endian.  Every structure has a fixed size
 * checked at build time.  Nothing read from the window is trusted by the
 * driver: counts, offsets and indices are validated before use.
 *
 * Documentation/cpo/host-interface.rst specifies who writes each field and
 * when.
 */
#ifndef _CPO_HW_H
#define _CPO_HW_H

#include <linux/types.h>

/* ---- BAR0: doorbell registers (ivshmem-doorbell compatible) ---- */
#define CPO_REG_INTRMASK	0x00
#define CPO_REG_INTRSTATUS	0x04
#define CPO_REG_IVPOSITION	0x08	/* this function's peer id */
#define CPO_REG_DOORBELL	0x0c	/* (peer << 16) | vector */

/* Doorbell vectors (host -> device) */
#define CPO_DB_MBOX		0	/* a mailbox request is posted */
#define CPO_DB_EVENT		1	/* the event ring tail moved */

/* MSI-X vectors (device -> host) */
#define CPO_IRQ_MBOX		0	/* a mailbox request completed */
#define CPO_IRQ_EVENT		1	/* events were appended to the ring */
#define CPO_NUM_IRQS		2

/* ---- BAR2: identity block at offset 0 ---- */
#define CPO_HW_MAGIC		0x314f5043u	/* "CPO1" */
#define CPO_HW_VER_MAJOR	2
#define CPO_HW_VER_MINOR	2

#define CPO_HW_STR_LEN		32

/* Hard limits of the interface; a device claiming more is refused. */
#define CPO_HW_MAX_OE		128
#define CPO_HW_MAX_LANES	4096
#define CPO_HW_MAX_PORTS	1024
#define CPO_HW_MAX_ELS		128
#define CPO_HW_MAX_LASERS	1024
#define CPO_HW_LANES_PER_PORT	8	/* lane[] slots in a port entry */
#define CPO_HW_LANES_PER_LASER	8	/* lane[] slots in a laser entry */
#define CPO_HW_NONE		0xffff	/* "no object" in a u16 reference */

/* cpo_hw_ident.status */
#define CPO_HW_STATUS_READY	(1u << 0)	/* tables valid, mailbox served */
#define CPO_HW_STATUS_RESETTING	(1u << 1)
#define CPO_HW_STATUS_FAULT	(1u << 2)	/* firmware detected a fault */

/* cpo_hw_ident.caps */
#define CPO_HW_CAP_CMIS		(1u << 0)	/* CPO_HW_CMD_CMIS_READ served */
#define CPO_HW_CAP_EVENTS	(1u << 1)	/* event ring present */
#define CPO_HW_CAP_SPARES	(1u << 2)	/* spare lasers/OEs in the tables */
#define CPO_HW_CAP_OE_LASERS	(1u << 3)	/* lasers inside the engines (NPO) */
#define CPO_HW_CAP_FW_UPDATE	(1u << 4)	/* CPO_HW_CMD_FW_*, fwbuf (2.1) */
#define CPO_HW_CAP_FAILOVER	(1u << 5)	/* CPO_HW_CMD_LASER_FAILOVER served (2.1) */
#define CPO_HW_CAP_OE_FAILOVER	(1u << 6)	/* CPO_HW_CMD_OE_FAILOVER served (2.2) */

struct cpo_hw_ident {
	__le32 magic;		/* CPO_HW_MAGIC */
	__le16 ver_major;	/* incompatible layout changes */
	__le16 ver_minor;	/* compatible additions */
	__le32 ident_size;	/* sizeof(struct cpo_hw_ident) or more */
	__le32 bar_size;	/* bytes of BAR2 the device serves */
	char model[CPO_HW_STR_LEN];	/* NUL-padded ASCII */
	char serial[CPO_HW_STR_LEN];
	char fw_version[CPO_HW_STR_LEN];
	__le32 caps;		/* CPO_HW_CAP_* */
	__le32 status;		/* CPO_HW_STATUS_*, device-written */
	__le32 heartbeat;	/* +1 every update period while alive */
	__le32 update_period_ms;	/* telemetry refresh period */
	__le32 doorbell_peer;	/* peer id to ring in CPO_REG_DOORBELL */
	__le32 lane_rate_mbps;	/* nominal per-lane rate */

	/* topology counts */
	__le16 n_oe;
	__le16 n_lanes;
	__le16 n_ports;
	__le16 n_els;		/* ELSFP slots */
	__le16 n_lasers;	/* lasers over all slots */
	__le16 reserved0;

	/* region offsets from the start of BAR2, each 8-byte aligned */
	__le32 oe_table_off;	/* struct cpo_hw_oe[n_oe] */
	__le32 lane_table_off;	/* struct cpo_hw_lane[n_lanes] */
	__le32 port_table_off;	/* struct cpo_hw_port[n_ports] */
	__le32 els_table_off;	/* struct cpo_hw_els[n_els] */
	__le32 laser_table_off;	/* struct cpo_hw_laser[n_lasers] */
	__le32 telem_off;	/* struct cpo_hw_telem_hdr + records */
	__le32 thresh_off;	/* struct cpo_hw_thresh[CPO_HW_Q_MAX] */
	__le32 mbox_off;	/* struct cpo_hw_mbox */
	__le32 evring_off;	/* struct cpo_hw_evring + entries */
	__le32 evring_entries;	/* power of two */
	__le32 fwbuf_off;	/* firmware data buffer, CPO_HW_CAP_FW_UPDATE */
	__le32 fwbuf_size;	/* its bytes: the largest FW_WRITE block */
	__le32 topo_generation;	/* +1 on every topology table change (2.1) */
	__le32 reserved1[14];
};

/*
 * ---- topology tables: written by the device before READY ----
 *
 * Afterwards only a failover changes them.  A laser failover
 * (CPO_HW_CMD_LASER_FAILOVER) changes the laser table and the lanes' laser
 * field; an engine failover (CPO_HW_CMD_OE_FAILOVER, 2.2) the OE table's
 * first_lane and flags, the lanes' oe field and the ports' oe field.  The
 * device rewrites those entries, then increments ident.topo_generation,
 * then raises CPO_HW_EV_LASER_FAILOVER or CPO_HW_EV_OE_FAILOVER.  Lane,
 * port, slot and laser indices, a lane's port, port_lane and oe_lane, and
 * every engine's n_lanes never change.
 */

/* cpo_hw_oe.flags, cpo_hw_laser.flags, cpo_hw_port.flags */
#define CPO_HW_F_SPARE		(1u << 0)	/* held in reserve, unused */
#define CPO_HW_F_OUT_OF_SERVICE	(1u << 1)	/* laser or OE: replaced by a spare, dark */

struct cpo_hw_oe {
	__le16 first_lane;	/* lanes [first_lane, first_lane + n_lanes) */
	__le16 n_lanes;
	__le16 flags;
	__le16 reserved;
};

struct cpo_hw_lane {
	__le16 oe;		/* owning OE */
	__le16 port;		/* port, or CPO_HW_NONE for a spare lane */
	__le16 laser;		/* laser feeding its Tx, or CPO_HW_NONE */
	__u8 port_lane;		/* index within the port, 0-based */
	__u8 oe_lane;		/* index within the OE, 0-based */
};

struct cpo_hw_port {
	__le16 oe;
	__u8 n_lanes;		/* <= CPO_HW_LANES_PER_PORT */
	__u8 flags;
	__le32 speed_mbps;
	__le16 lane[CPO_HW_LANES_PER_PORT];
};

struct cpo_hw_els {
	__le16 first_laser;	/* lasers [first_laser, first_laser + n_lasers) */
	__u8 n_lasers;
	__u8 flags;
	__le32 wavelength_pm;	/* nominal, picometre */
};

struct cpo_hw_laser {
	__le16 els;		/* slot */
	__u8 els_index;		/* index within the slot */
	__u8 n_lanes;		/* <= CPO_HW_LANES_PER_LASER */
	__le16 flags;		/* CPO_HW_F_SPARE */
	__le16 reserved;
	__le16 lane[CPO_HW_LANES_PER_LASER];
};

/* ---- quantities: thresholds, flags and events speak of these ---- */
enum cpo_hw_quantity {
	CPO_HW_Q_OE_TEMP,		/* millidegree C */
	CPO_HW_Q_OE_VCC,		/* millivolt */
	CPO_HW_Q_LANE_TX_POWER,	/* microwatt */
	CPO_HW_Q_LANE_RX_POWER,	/* microwatt */
	CPO_HW_Q_ELS_TEMP,		/* millidegree C */
	CPO_HW_Q_ELS_VCC,		/* millivolt */
	CPO_HW_Q_ELS_TEC,		/* milliampere, signed */
	CPO_HW_Q_LASER_BIAS,	/* microampere */
	CPO_HW_Q_LASER_POWER,	/* microwatt */
	CPO_HW_Q_LASER_TEMP,	/* millidegree C */
	CPO_HW_Q_LASER_PATH_LOSS,	/* milli-dB, ELS output less OE input */
	CPO_HW_Q_MAX,
};

/* Threshold set, CMIS order. */
struct cpo_hw_thresh {
	__le32 high_alarm;	/* s32 in the quantity's unit */
	__le32 low_alarm;
	__le32 high_warn;
	__le32 low_warn;
};

/*
 * Per-object alarm flags: 4 bits per quantity the object has, in the order
 * of CPO_HW_FLAG_* below, at bit (4 * slot) where slot is the quantity's
 * position within the object type (see CPO_HW_Q_SLOT()).  Current state, not
 * latched: the event ring carries every crossing.
 */
#define CPO_HW_FLAG_HIGH_ALARM	0x1
#define CPO_HW_FLAG_LOW_ALARM	0x2
#define CPO_HW_FLAG_HIGH_WARN	0x4
#define CPO_HW_FLAG_LOW_WARN	0x8

static inline unsigned int cpo_hw_q_slot(unsigned int q)
{
	switch (q) {
	case CPO_HW_Q_OE_VCC:
	case CPO_HW_Q_LANE_RX_POWER:
	case CPO_HW_Q_ELS_VCC:
	case CPO_HW_Q_LASER_POWER:
		return 1;
	case CPO_HW_Q_ELS_TEC:
	case CPO_HW_Q_LASER_TEMP:
		return 2;
	case CPO_HW_Q_LASER_PATH_LOSS:
		return 3;
	default:
		return 0;
	}
}

/* ---- telemetry: rewritten by the device every update period ---- */

/* cpo_hw_oe_telem.state */
enum cpo_hw_oe_state {
	CPO_HW_OE_ST_OFF = 0,
	CPO_HW_OE_ST_READY = 1,
	CPO_HW_OE_ST_FAULT = 2,	/* e.g. over temperature shutdown */
};

/* Lane data-path states: CMIS page 11h values. */
enum cpo_hw_lane_state {
	CPO_HW_LANE_ST_DEACTIVATED = 1,
	CPO_HW_LANE_ST_INIT = 2,
	CPO_HW_LANE_ST_DEINIT = 3,
	CPO_HW_LANE_ST_ACTIVATED = 4,
	CPO_HW_LANE_ST_TX_TURN_ON = 5,
	CPO_HW_LANE_ST_TX_TURN_OFF = 6,
	CPO_HW_LANE_ST_INITIALIZED = 7,
};

/* cpo_hw_lane_telem.status */
#define CPO_HW_LANE_S_ENABLED	(1u << 0)	/* administratively enabled */
#define CPO_HW_LANE_S_TX_LOS	(1u << 1)	/* no light from the laser */
#define CPO_HW_LANE_S_RX_LOS	(1u << 2)	/* no light from the far end */
#define CPO_HW_LANE_S_TX_FAULT	(1u << 3)

enum cpo_hw_els_state {
	CPO_HW_ELS_ST_EMPTY = 0,
	CPO_HW_ELS_ST_PROBING = 1,		/* inserted, CMIS being read */
	CPO_HW_ELS_ST_FIBER_CHECK = 2,	/* low-power output fiber check */
	CPO_HW_ELS_ST_RAMPING = 3,
	CPO_HW_ELS_ST_ON = 4,
	CPO_HW_ELS_ST_REMOVING = 5,	/* ramping down for removal */
	CPO_HW_ELS_ST_SAFE = 6,		/* lasers off: safe to pull */
	CPO_HW_ELS_ST_FAULT = 7,
};

enum cpo_hw_laser_state {
	CPO_HW_LASER_ST_OFF = 0,
	CPO_HW_LASER_ST_FIBER_CHECK = 1,
	CPO_HW_LASER_ST_RAMPING = 2,
	CPO_HW_LASER_ST_ON = 3,
	CPO_HW_LASER_ST_FAULT = 4,
	CPO_HW_LASER_ST_ABSENT = 5,	/* its slot is empty */
};

/* cpo_hw_laser_telem.fault: OIF-ELSFP page 1Ah fault codes */
enum cpo_hw_laser_fault {
	CPO_HW_LASER_FAULT_NONE = 0,
	CPO_HW_LASER_FAULT_APC = 1,	/* APC loop cannot hold power */
	CPO_HW_LASER_FAULT_ACC = 2,	/* ACC loop cannot hold current */
	CPO_HW_LASER_FAULT_TEMP = 3,	/* over temperature */
};

enum cpo_hw_laser_mode {
	CPO_HW_LASER_MODE_APC = 0,		/* constant power: bias follows aging */
	CPO_HW_LASER_MODE_ACC = 1,		/* constant current: power follows */
};

struct cpo_hw_oe_telem {
	__le32 temp;		/* s32 millidegree C */
	__le32 vcc;		/* millivolt */
	__le16 state;		/* enum cpo_hw_oe_state */
	__le16 flags;		/* CPO_HW_FLAG_* per quantity slot */
	__le32 reserved;
};

struct cpo_hw_lane_telem {
	__le32 tx_power;	/* microwatt */
	__le32 rx_power;	/* microwatt */
	__u8 state;		/* enum cpo_hw_lane_state */
	__u8 status;		/* CPO_HW_LANE_S_* */
	__le16 flags;		/* CPO_HW_FLAG_* per quantity slot */
	__le32 reserved;
};

struct cpo_hw_els_telem {
	__u8 present;
	__u8 state;		/* enum cpo_hw_els_state */
	__le16 flags;		/* CPO_HW_FLAG_* per quantity slot */
	__le32 temp;		/* s32 millidegree C */
	__le32 vcc;		/* millivolt */
	__le32 icc;		/* milliampere */
	__le32 tec;		/* s32 milliampere */
	__le32 insertions;	/* module insertions seen since reset */
};

struct cpo_hw_laser_telem {
	__le32 bias;		/* microampere */
	__le32 power;		/* microwatt */
	__le32 setpoint;	/* microwatt (APC) or microampere (ACC) */
	__le32 temp;		/* s32 millidegree C */
	__le32 bol_bias;	/* beginning-of-life bias, microampere */
	__le32 bol_power;	/* beginning-of-life power, microwatt */
	__le32 age_hours;	/* powered-on hours */
	__u8 enabled;		/* administratively enabled */
	__u8 state;		/* enum cpo_hw_laser_state */
	__u8 fault;		/* enum cpo_hw_laser_fault */
	__u8 mode;		/* enum cpo_hw_laser_mode */
	__le16 flags;		/* CPO_HW_FLAG_* per quantity slot */
	__le16 age_pct;		/* life used, 0.01 %: 0 BOL .. 10000 EOL */
	__le32 oe_in_power;	/* microwatt the engine receives from it */
	__le32 path_loss;	/* s32 milli-dB, CPO_HW_NO_READING when dark */
	__le32 freq_err;	/* s32 MHz, CPO_HW_NO_READING when dark */
};

/*
 * The VDM-style diagnostics of a laser (cpo_hw_laser_telem), what switch
 * OSes publish per ELSFP laser:
 *  - age_pct: the share of the laser's life used, in hundredths of a
 *    percent, 0 at beginning of life to CPO_HW_AGE_PCT_EOL at the
 *    device's end-of-life criterion; never more.
 *  - oe_in_power: the optical power the engine measures at its input from
 *    this laser, microwatt; 0 while the laser is dark.
 *  - path_loss: the loss of the ELS -> engine path, the laser's output
 *    power less oe_in_power, in milli-dB (quantity
 *    CPO_HW_Q_LASER_PATH_LOSS); CPO_HW_NO_READING while the laser is dark.
 *    A dirty connector or a bent fibre shows as a rise.
 *  - freq_err: the laser's frequency less its nominal frequency, MHz;
 *    CPO_HW_NO_READING while the laser is dark.
 * A reader treats a value outside CPO_HW_PATH_LOSS_MIN..MAX or
 * CPO_HW_FREQ_ERR_MIN..MAX as no reading.
 */
#define CPO_HW_NO_READING	0x80000000u
#define CPO_HW_AGE_PCT_EOL	10000
#define CPO_HW_PATH_LOSS_MIN	(-10000)	/* milli-dB: a gain is an error */
#define CPO_HW_PATH_LOSS_MAX	40000
#define CPO_HW_FREQ_ERR_MIN	(-1000000)	/* MHz: +-1 THz, +-5.7 nm */
#define CPO_HW_FREQ_ERR_MAX	1000000

/*
 * The telemetry region: this header, then n_oe OE records, n_lanes lane
 * records, n_els slot records and n_lasers laser records, back to back.
 * The device makes generation odd before it writes and even after; a
 * reader that sees an odd generation, or a different one after its copy,
 * has a torn copy and retries.
 */
struct cpo_hw_telem_hdr {
	__le32 generation;
	__le32 reserved;
	__le64 timestamp_ns;	/* device time of this update */
};

/* ---- command mailbox ---- */

enum cpo_hw_cmd {
	CPO_HW_CMD_NOP = 0,		/* echo: resp = args */
	CPO_HW_CMD_LASER_ENABLE = 1,	/* args: u16 laser, u8 enable */
	CPO_HW_CMD_LASER_SET_POWER = 2,	/* args: u16 laser, u32 microwatt */
	CPO_HW_CMD_LANE_ENABLE = 3,	/* args: u16 lane, u8 enable */
	CPO_HW_CMD_SET_THRESH = 4,		/* args: u16 quantity, thresh */
	CPO_HW_CMD_ELS_PREPARE_REMOVAL = 5, /* args: u16 slot */
	CPO_HW_CMD_CMIS_READ = 6,		/* args: struct cpo_hw_cmis_req */
	CPO_HW_CMD_RESET = 7,		/* no args */
	CPO_HW_CMD_PORT_LOW_POWER = 8,	/* args: u16 port, u8 low_power */
	CPO_HW_CMD_CMIS_WRITE = 9,		/* args: struct cpo_hw_cmis_req, data */
	CPO_HW_CMD_FW_QUERY = 10,		/* args: cpo_hw_fw_comp; resp: cpo_hw_fw_info */
	CPO_HW_CMD_FW_START = 11,		/* args: cpo_hw_fw_comp; fwbuf: header */
	CPO_HW_CMD_FW_WRITE = 12,		/* args: cpo_hw_arg_fw_write; fwbuf: data */
	CPO_HW_CMD_FW_COMPLETE = 13,	/* args: cpo_hw_fw_comp */
	CPO_HW_CMD_FW_RUN = 14,		/* args: cpo_hw_fw_comp */
	CPO_HW_CMD_FW_COMMIT = 15,		/* args: cpo_hw_fw_comp */
	CPO_HW_CMD_FW_ABORT = 16,		/* args: cpo_hw_fw_comp */
	CPO_HW_CMD_LASER_FAILOVER = 17,	/* args: struct cpo_hw_arg_failover (2.1) */
	CPO_HW_CMD_OE_FAILOVER = 18,	/* args: struct cpo_hw_arg_oe_failover (2.2) */
	CPO_HW_CMD_MAX,
};

enum cpo_hw_status {
	CPO_HW_ST_OK = 0,
	CPO_HW_ST_BAD_ARG = 1,
	CPO_HW_ST_BUSY = 2,
	CPO_HW_ST_NOT_PRESENT = 3,
	CPO_HW_ST_UNSUPPORTED = 4,
	CPO_HW_ST_FAILED = 5,
	CPO_HW_ST_READ_ONLY = 6,		/* CMIS_WRITE to a byte no host writes */
	CPO_HW_ST_NO_SPARE = 7,		/* LASER_/OE_FAILOVER: no usable spare left */
};

#define CPO_HW_MBOX_ARGS_LEN	32
#define CPO_HW_MBOX_RESP_LEN	256

/*
 * The host writes opcode, args and arg_len, then seq (a new value), then
 * rings CPO_DB_MBOX.  The device writes status, resp and resp_len, then
 * done_seq = seq, then raises CPO_IRQ_MBOX.  One request at a time.
 */
struct cpo_hw_mbox {
	__le32 seq;		/* host-written */
	__le16 opcode;		/* enum cpo_hw_cmd */
	__le16 arg_len;
	__u8 args[CPO_HW_MBOX_ARGS_LEN];
	__le32 done_seq;	/* device-written */
	__le16 status;		/* enum cpo_hw_status */
	__le16 resp_len;
	__u8 resp[CPO_HW_MBOX_RESP_LEN];
};

struct cpo_hw_arg_obj_u8 {	/* LASER_ENABLE, LANE_ENABLE, PORT_LOW_POWER */
	__le16 index;
	__u8 value;
	__u8 reserved;
};

struct cpo_hw_arg_laser_power {	/* LASER_SET_POWER */
	__le16 laser;
	__le16 reserved;
	__le32 microwatt;
};

struct cpo_hw_arg_thresh {	/* SET_THRESH */
	__le16 quantity;
	__le16 reserved;
	struct cpo_hw_thresh t;
};

/*
 * LASER_FAILOVER: move the lanes of @laser to the spare laser @spare of the
 * same ELSFP slot, or to the slot's first usable spare when @spare is
 * CPO_HW_NONE.  The device lights the spare at the laser's setpoint and
 * mode, turns the laser off and marks it CPO_HW_F_OUT_OF_SERVICE (it never
 * feeds a lane again), clears the spare's CPO_HW_F_SPARE, updates the
 * tables and raises CPO_HW_EV_LASER_FAILOVER.  resp: __le16 the spare
 * used.  BAD_ARG: no such laser, a spare or out-of-service laser, a spare
 * not of the slot or not a spare; NO_SPARE: no spare left (or the one
 * asked for has failed); NOT_PRESENT: the slot is empty; BUSY: the slot
 * is not on (being inserted, serviced or removed).
 */
struct cpo_hw_arg_failover {
	__le16 laser;
	__le16 spare;		/* CPO_HW_NONE: the slot's first usable spare */
};

/*
 * OE_FAILOVER: move the lanes of engine @oe to the spare engine @spare, or
 * to the first usable spare engine when @spare is CPO_HW_NONE.  The two
 * engines exchange their lane ranges (OE table first_lane; both have the
 * same n_lanes): the spare now serves the engine's lanes, ports and laser
 * feeds, which keep their indices, and the engine holds the spare's dark
 * lanes.  The device powers the spare up, powers the engine down and
 * marks it CPO_HW_F_OUT_OF_SERVICE (it never serves a lane again), clears
 * the spare's CPO_HW_F_SPARE, updates the lanes' and ports' oe, moves
 * topo_generation and raises CPO_HW_EV_OE_FAILOVER.  resp: __le16 the
 * spare used.  BAD_ARG: no such engine, a spare or out-of-service engine,
 * a spare that is not one or has another lane count; NO_SPARE: no spare
 * engine left (or the one asked for has failed).
 */
struct cpo_hw_arg_oe_failover {
	__le16 oe;
	__le16 spare;		/* CPO_HW_NONE: the first usable spare engine */
};

/* CMIS_READ: one page of the CMIS memory map of an ELSFP, a port or an OE. */
#define CPO_HW_CMIS_ELS		0
#define CPO_HW_CMIS_PORT		1
#define CPO_HW_CMIS_OE		2

struct cpo_hw_cmis_req {
	__u8 kind;		/* CPO_HW_CMIS_ELS, _PORT or _OE */
	__u8 bank;
	__u8 page;
	__u8 offset;		/* 0..255 within the 256-byte page view */
	__le16 index;		/* slot, port or OE */
	__le16 len;		/* <= 128, offset + len <= 256 */
};

/*
 * CMIS_WRITE: the request, then len data bytes, len <= CPO_HW_CMIS_WRITE_MAX,
 * within the lower page or within the upper page.  The device checks every
 * byte and value before it changes anything: READ_ONLY for a byte no host
 * writes, BAD_ARG for a value it refuses, and the write is all or nothing.
 */
#define CPO_HW_CMIS_WRITE_MAX	(CPO_HW_MBOX_ARGS_LEN - 8)

/*
 * What the CMIS views can hold, in the units of enum cpo_hw_quantity.
 * A value outside reads as the nearest end of the range.  The port view's
 * Tx bias (page 11h, thresholds in page 02h) is the bias of the laser
 * feeding the lane in 2 uA counts times the multiplier the view advertises
 * in page 01h byte 160 bits 4-3 (x1, x2 or x4): the smallest that holds
 * the laser's drive limit.  Documentation/cpo/ports.rst has the details.
 */
#define CPO_HW_CMIS_TEMP_MIN		(-128000)	/* s16, 1/256 degC */
#define CPO_HW_CMIS_TEMP_MAX		127996
#define CPO_HW_CMIS_VCC_MAX		6553		/* u16, 100 uV */
#define CPO_HW_CMIS_LANE_POWER_MAX	6553		/* u16, 0.1 uW */
#define CPO_HW_CMIS_TX_BIAS_LSB		2		/* uA per count at x1 */
#define CPO_HW_CMIS_TX_BIAS_MULT_MAX	4
#define CPO_HW_CMIS_TX_BIAS_MAX(mult)	(65535 * CPO_HW_CMIS_TX_BIAS_LSB * (mult))
#define CPO_HW_CMIS_LASER_BIAS_MAX	6553500		/* ELSFP page 1Ah, u16 100 uA */
#define CPO_HW_CMIS_LASER_POWER_MAX	655350		/* ELSFP page 1Ah, u16 10 uW */

/*
 * The thresholds of quantity @q that every CMIS view showing them holds as
 * set: [*min, *max].  False when no CMIS view shows the quantity's
 * thresholds.  The exception is the port view's Tx bias: a laser's drive
 * limit may exceed CPO_HW_CMIS_TX_BIAS_MAX(4), so laser bias thresholds
 * are bounded by the ELSFP view and the port view reads those above its
 * range as its maximum.
 */
static inline int cpo_hw_cmis_thresh_range(unsigned int q, int *min, int *max)
{
	switch (q) {
	case CPO_HW_Q_OE_TEMP:
	case CPO_HW_Q_ELS_TEMP:
		*min = CPO_HW_CMIS_TEMP_MIN;
		*max = CPO_HW_CMIS_TEMP_MAX;
		return 1;
	case CPO_HW_Q_OE_VCC:
	case CPO_HW_Q_ELS_VCC:
		*min = 0;
		*max = CPO_HW_CMIS_VCC_MAX;
		return 1;
	case CPO_HW_Q_LANE_TX_POWER:
	case CPO_HW_Q_LANE_RX_POWER:
		*min = 0;
		*max = CPO_HW_CMIS_LANE_POWER_MAX;
		return 1;
	case CPO_HW_Q_LASER_BIAS:
		*min = 0;
		*max = CPO_HW_CMIS_LASER_BIAS_MAX;
		return 1;
	case CPO_HW_Q_LASER_POWER:
		*min = 0;
		*max = CPO_HW_CMIS_LASER_POWER_MAX;
		return 1;
	default:
		return 0;
	}
}

/*
 * ---- firmware update (CPO_HW_CAP_FW_UPDATE, interface 2.1) ----
 *
 * Every component (the module MCU, each engine, each ELSFP) holds two
 * images, banks A (0) and B (1): the running one and the other.  A
 * download (CMIS CDB style) goes to the bank that is not running: START
 * (the image header in fwbuf; the bank is erased), WRITE blocks in order
 * (data in fwbuf), COMPLETE (the device checks length and CRC and marks
 * the bank valid), RUN (the component restarts from it; BOOTING until it
 * is up, or back on its old bank if the new image does not come up),
 * COMMIT (the running bank is the one booted after a reset).  A reset
 * boots every component from its committed bank.
 */
enum cpo_hw_fw_type {
	CPO_HW_FW_MCU = 0,	/* index 0 */
	CPO_HW_FW_OE = 1,	/* index: engine */
	CPO_HW_FW_ELS = 2,	/* index: ELSFP slot */
	CPO_HW_FW_TYPES,
};

enum cpo_hw_fw_state {
	CPO_HW_FW_ST_IDLE = 0,
	CPO_HW_FW_ST_DOWNLOADING = 1,	/* between START and COMPLETE */
	CPO_HW_FW_ST_BOOTING = 2,	/* after RUN, until up or fallen back */
};

/* cpo_hw_fw_info.result: how the last download or RUN ended */
enum cpo_hw_fw_result {
	CPO_HW_FW_RES_NONE = 0,
	CPO_HW_FW_RES_OK = 1,
	CPO_HW_FW_RES_FELL_BACK = 2,	/* the new image did not come up */
	CPO_HW_FW_RES_ABORTED = 3,	/* ABORT, or another START */
	CPO_HW_FW_RES_BAD_IMAGE = 4,	/* COMPLETE: length or CRC wrong */
};

#define CPO_HW_FW_MAGIC		0x464f5043u	/* "CPOF" */
#define CPO_HW_FW_VER_LEN	16	/* NUL-terminated, printable ASCII */
#define CPO_HW_FW_BANKS		2
#define CPO_HW_FW_ANY		CPO_HW_NONE	/* header index: any of the type */
#define CPO_HW_FWBUF_MIN	256

/*
 * An image file: this header, then size payload bytes, nothing after.
 * crc32 is the CRC-32 of IEEE 802.3 (zlib's crc32()) over the payload.
 */
struct cpo_hw_fw_hdr {
	__le32 magic;		/* CPO_HW_FW_MAGIC */
	__le16 hdr_size;	/* sizeof(struct cpo_hw_fw_hdr) */
	__u8 type;		/* enum cpo_hw_fw_type */
	__u8 reserved0;
	__le16 index;		/* component, or CPO_HW_FW_ANY */
	__le16 reserved1;
	__le32 size;		/* payload bytes */
	__le32 crc32;
	char version[CPO_HW_FW_VER_LEN];
	__le32 reserved2[3];
};

struct cpo_hw_fw_comp {	/* FW_* args */
	__u8 type;		/* enum cpo_hw_fw_type */
	__u8 reserved;
	__le16 index;
};

struct cpo_hw_arg_fw_write {	/* FW_WRITE */
	struct cpo_hw_fw_comp comp;
	__le32 offset;		/* payload offset: the bytes written so far */
	__le32 len;		/* 1..fwbuf_size bytes at the start of fwbuf */
};

struct cpo_hw_fw_info {		/* FW_QUERY response */
	__u8 state;		/* enum cpo_hw_fw_state */
	__u8 running;		/* bank the component runs */
	__u8 committed;		/* bank booted after a reset */
	__u8 valid;		/* bit per bank: holds a checked image */
	__u8 result;		/* enum cpo_hw_fw_result */
	__u8 reserved[3];
	__le32 max_size;	/* largest payload the component takes */
	__le32 received;	/* payload bytes of the current download */
	char version[CPO_HW_FW_BANKS][CPO_HW_FW_VER_LEN];
};

/* ---- event ring: the device produces, the host consumes ---- */

enum cpo_hw_event_type {
	CPO_HW_EV_THRESH = 1,	/* a threshold crossed; see flags */
	CPO_HW_EV_ELS_INSERTED = 2,
	CPO_HW_EV_ELS_REMOVED = 3,
	CPO_HW_EV_ELS_STATE = 4,	/* value = new enum cpo_hw_els_state */
	CPO_HW_EV_LASER_STATE = 5,	/* value = state, threshold = fault code */
	CPO_HW_EV_LANE_STATE = 6,	/* value = CPO_HW_LANE_S_*, threshold = data-path state */
	CPO_HW_EV_OE_STATE = 7,	/* value = enum cpo_hw_oe_state */
	CPO_HW_EV_RESET = 8,	/* the device reset; resync everything */
	CPO_HW_EV_LASER_FAILOVER = 9,	/* obj = laser, value = its spare, threshold = topo_generation */
	CPO_HW_EV_OE_FAILOVER = 10,	/* obj = OE, value = its spare, threshold = topo_generation (2.2) */
};

enum cpo_hw_obj_type {
	CPO_HW_OBJ_DEV = 0,
	CPO_HW_OBJ_OE = 1,
	CPO_HW_OBJ_LANE = 2,
	CPO_HW_OBJ_PORT = 3,
	CPO_HW_OBJ_ELS = 4,
	CPO_HW_OBJ_LASER = 5,
};

/* cpo_hw_event.flags for CPO_HW_EV_THRESH */
#define CPO_HW_EVF_RAISED		(1u << 0)	/* clear: the condition cleared */
#define CPO_HW_EVF_HIGH		(1u << 1)	/* clear: a low threshold */
#define CPO_HW_EVF_ALARM		(1u << 2)	/* clear: a warning */

struct cpo_hw_event {
	__le32 seq;		/* device event counter */
	__le16 type;		/* enum cpo_hw_event_type */
	__u8 obj_type;		/* enum cpo_hw_obj_type */
	__u8 reserved;
	__le32 obj;		/* object index */
	__le16 quantity;	/* enum cpo_hw_quantity, CPO_HW_EV_THRESH */
	__le16 flags;		/* CPO_HW_EVF_* */
	__le32 value;		/* s32, type-specific */
	__le32 threshold;	/* s32, type-specific */
	__le64 timestamp_ns;	/* device time */
};

/*
 * head counts events produced, tail events consumed (both free-running);
 * entry i lives at slot i & (entries - 1).  The device drops an event when
 * head - tail == entries and counts it in overflow: the host then resyncs
 * from telemetry.
 */
struct cpo_hw_evring {
	__le32 head;		/* device-written */
	__le32 tail;		/* host-written */
	__le32 overflow;	/* device-written, free-running */
	__le32 reserved;
	/* struct cpo_hw_event entries[evring_entries] follow */
};

#define CPO_HW_ASSERT_SIZE(t, n) \
	_Static_assert(sizeof(struct t) == (n), #t " size")

CPO_HW_ASSERT_SIZE(cpo_hw_ident, 256);
CPO_HW_ASSERT_SIZE(cpo_hw_oe, 8);
CPO_HW_ASSERT_SIZE(cpo_hw_lane, 8);
CPO_HW_ASSERT_SIZE(cpo_hw_port, 24);
CPO_HW_ASSERT_SIZE(cpo_hw_els, 8);
CPO_HW_ASSERT_SIZE(cpo_hw_laser, 24);
CPO_HW_ASSERT_SIZE(cpo_hw_thresh, 16);
CPO_HW_ASSERT_SIZE(cpo_hw_oe_telem, 16);
CPO_HW_ASSERT_SIZE(cpo_hw_lane_telem, 16);
CPO_HW_ASSERT_SIZE(cpo_hw_els_telem, 24);
CPO_HW_ASSERT_SIZE(cpo_hw_laser_telem, 48);
CPO_HW_ASSERT_SIZE(cpo_hw_telem_hdr, 16);
CPO_HW_ASSERT_SIZE(cpo_hw_mbox, 304);
CPO_HW_ASSERT_SIZE(cpo_hw_event, 32);
CPO_HW_ASSERT_SIZE(cpo_hw_evring, 16);
CPO_HW_ASSERT_SIZE(cpo_hw_cmis_req, 8);
CPO_HW_ASSERT_SIZE(cpo_hw_fw_hdr, 48);
CPO_HW_ASSERT_SIZE(cpo_hw_fw_comp, 4);
CPO_HW_ASSERT_SIZE(cpo_hw_arg_fw_write, 12);
CPO_HW_ASSERT_SIZE(cpo_hw_fw_info, 48);
CPO_HW_ASSERT_SIZE(cpo_hw_arg_failover, 4);

#endif /* _CPO_HW_H */
