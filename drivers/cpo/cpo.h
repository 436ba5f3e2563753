/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpo.ko private header: the object model shared by every file of the
 * driver.  One concern per file: main.c (module init/exit), pci.c
 * (transport: probe, IRQs, the mailbox), core.c (objects, topology,
 * lifecycle, telemetry, commands), events.c (event ring, watchdog), els.c
 * (ELSFP slots), validate.c (the rules of every setting), sysfs.c,
 * eeprom.c (CMIS images), hwmon.c, thermal.c, netlink.c (with the
 * generated cpo-nl-gen.c), netdev.c (ports, ethtool), devlink.c,
 * alarms.c (flag history), stats.c (interval statistics), debugfs.c,
 * trace.h/trace.c.  A concern's per-device state is a sub-struct of
 * struct cpo_dev declared with it, and it creates its own debugfs
 * entries.  events.c calls core.c and els.c, never the reverse; core.c
 * creates and removes els.c's slots with the other objects.  core.c
 * allocates a device and initialises the object model's state
 * (cpo_dev_alloc(): cdev->lock, telem_lock, users, the eeprom layout,
 * the class device); pci.c adds only the transport's (the mailbox, the
 * IRQs), and its probe and remove set up, start and stop events.  Only
 * the core decodes the shared window's telemetry, into the snapshot every
 * other file reads through cpo_telem_lock() (debugfs dumps the raw bytes).
 *
 * Locking
 * =======
 *
 * cpo_devs_lock (core.c, the one global lock)
 *	the list of bound devices, cpo_devs (and each cpo_dev.list, its
 *	link in it): netlink lookups and dumps.
 * cdev->users (rw_semaphore)
 *	held for read by a netlink do request from the lookup of its
 *	device to its reply, so a set waiting for the device holds up no
 *	other device; teardown takes it for write once the device is off
 *	the list, which waits for the requests in flight.
 * cdev->lock
 *	object state: the ELSFP slot state machines (cpo_els.fsm, els.c)
 *	and the laser device registration they drive (cpo_laser.registered),
 *	cpo_port.removal_pending, the threshold cache cdev->thresh, the
 *	thermal zones of cdev->thermal (thermal.c): they are updated
 *	under it, and taken out under it before they are unregistered.
 *	Also what a failover changes (core.c): the lanes' laser and oe,
 *	each laser's lanes and flags, each engine's first_lane and flags,
 *	the ports' oe and lasers, with their sysfs links and
 *	cdev->links_added: written under it with WRITE_ONCE(), read
 *	without it (every value a reader may see is a checked one).
 * cdev->els_dev.removal_lock (els.c)
 *	the slots' pending removal requests (cpo_els.removal): taken by
 *	the elsN/prepare_removal store, netlink and the request timeouts;
 *	no other driver lock is taken under it (the mailbox command that
 *	follows an answer is sent after it is dropped).
 * cdev->netdevs.lock (netdev.c)
 *	cpo_port.netdev: the event path reads it while remove tears the
 *	netdevs down.
 * cdev->telem_lock
 *	the telemetry snapshot (snap, telem_raw and their counters) and
 *	what is derived from it: the alarm flag history (alarm_log,
 *	alarms.c) and the interval statistics (stats, stats.c), taken
 *	through cpo_telem_lock(); held while a reader copies the telemetry
 *	window, so that remove can drain such readers before unmapping.  The
 *	window's other readers (the event ring, the heartbeat, the
 *	threshold re-read) run only from the event work, the watchdog and
 *	probe, which remove stops first (cpo_events_stop()); the watchdog's
 *	slot check reads the snapshot under this lock.
 * cdev->mbox.lock (pci.c)
 *	the mailbox: one command at a time, its sequence and counters.
 * cdev->topo_lock (core.c)
 *	a topology reload from reading ident.topo_generation to taking the
 *	tables, so that an older reload cannot put back what a newer one
 *	took; taken with at most cdev->users held, before cdev->lock.
 * cdev->fw_version_lock (pci.c, spinlock)
 *	cdev->fw_version, rewritten after an MCU update and at a resync;
 *	innermost, nothing is taken under it.
 * cpo_devlink.queue_lock (devlink.c, spinlock, irqsave)
 *	the health report queue; innermost, taken under any of the above.
 *
 * Order: cpo_devs_lock -> cdev->users -> cdev->lock -> cdev->netdevs.lock
 * -> cdev->telem_lock -> cdev->mbox.lock.  cdev->els_dev.removal_lock is
 * taken with at most cdev->users held, and nothing but the netlink
 * multicast is taken under it.  A thermal zone's own lock (taken by the
 * thermal core) sits between cdev->lock and telem_lock: the zone reads
 * its temperature under it.  RTNL (ethtool, netdev ops, netdev
 * registration) is taken before telem_lock and mbox_lock and never under
 * another driver lock.  The event work runs the slot state machine under
 * cdev->lock; a transition takes cdev->netdevs.lock (the carriers of the
 * ports the slot feeds), queues a devlink report (queue_lock) and sends a
 * uevent under it; netlink notifications of events are sent without it.
 * Laser devices are unregistered under cdev->lock, which drains their
 * sysfs callbacks: so no sysfs callback of an oe/els/laser/port device
 * takes cdev->lock (they take only telem_lock or mbox.lock, and read the
 * slot state with cpo_els_state()).  Hard IRQ handlers take no lock.
 * cdev->ev (events.c) needs no lock: its fields are written only by its
 * work or its watchdog, each never concurrent with itself; counters shown
 * in debugfs are read without a lock.
 */
#ifndef _CPO_H
#define _CPO_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/pci.h>
#include <linux/netdevice.h>
#include <net/devlink.h>

#include "../../include/cpo_hw.h"
#include "../../include/uapi/linux/cpo.h"
#include "compat.h"
#include "cpo-names-gen.h"

#define CPO_DRV_NAME		"cpo"

/* Thresholds, host order and endianness (CMIS order). */
struct cpo_thresh {
	s32 high_alarm;
	s32 low_alarm;
	s32 high_warn;
	s32 low_warn;
};

/* The values of a threshold set, in the order of the sysfs files. */
enum cpo_thresh_field {
	CPO_THRESH_HIGH_ALARM,
	CPO_THRESH_LOW_ALARM,
	CPO_THRESH_HIGH_WARN,
	CPO_THRESH_LOW_WARN,
	CPO_THRESH_FIELDS,
};

/* Smallest and largest value of a quantity, in its driver unit. */
struct cpo_range {
	s32 min;
	s32 max;
};

/*
 * Ranges of validate.c beyond what include/cpo_hw.h says the CMIS views
 * hold (CPO_HW_CMIS_*, cpo_hw_cmis_thresh_range()): the quantities no
 * view shows, the union of all (netlink policy) and the laser setpoint.
 */
#define CPO_ELS_TEC_MAX			10000		/* mA, either way */
#define CPO_THRESH_MIN_ANY		CPO_HW_CMIS_TEMP_MIN
#define CPO_THRESH_MAX_ANY		CPO_HW_CMIS_LASER_BIAS_MAX
/* laser output power setpoint: ELSFP page 1Bh, u16 in 10 uW, not 0 */
#define CPO_SETPOINT_MIN_UW		10
#define CPO_SETPOINT_MAX_UW		CPO_HW_CMIS_LASER_POWER_MAX
/* laser diagnostics a reading can take (the netlink spec's checks) */
#define CPO_PATH_LOSS_MIN		CPO_HW_PATH_LOSS_MIN
#define CPO_PATH_LOSS_MAX		CPO_HW_PATH_LOSS_MAX
#define CPO_FREQ_ERR_MIN		CPO_HW_FREQ_ERR_MIN
#define CPO_FREQ_ERR_MAX		CPO_HW_FREQ_ERR_MAX

/*
 * CMIS addressing, whose rules are validate.c's (cpo_cmis_page_check(),
 * cpo_cmis_span_check()): a 256-byte page view is the lower page (bytes
 * 0-127) and one upper page (128-255); pages 10h-FFh are banked, a bank
 * holding 8 lanes.
 */
#define CPO_CMIS_HALF			128
#define CPO_CMIS_FIRST_BANKED		0x10
#define CPO_CMIS_LANES_PER_BANK		8

/* Telemetry records decoded from the device, validated. */
struct cpo_oe_tm {
	s32 temp;		/* millidegree C */
	u32 vcc;		/* millivolt */
	u16 state;		/* enum cpo_hw_oe_state */
	u16 flags;		/* CPO_HW_FLAG_* per quantity slot */
};

struct cpo_lane_tm {
	u32 tx_power;		/* microwatt */
	u32 rx_power;		/* microwatt */
	u8 state;		/* enum cpo_hw_lane_state */
	u8 status;		/* CPO_HW_LANE_S_* */
	u16 flags;
};

struct cpo_els_tm {
	bool present;
	u8 state;		/* enum cpo_hw_els_state */
	u16 flags;
	s32 temp;		/* millidegree C */
	u32 vcc;		/* millivolt */
	u32 icc;		/* milliampere */
	s32 tec;		/* milliampere */
	u32 insertions;
};

struct cpo_laser_tm {
	u32 bias;		/* microampere */
	u32 power;		/* microwatt */
	u32 setpoint;
	s32 temp;		/* millidegree C */
	u32 bol_bias;
	u32 bol_power;
	u32 age_hours;
	u8 enabled;
	u8 state;		/* enum cpo_hw_laser_state */
	u8 fault;		/* enum cpo_hw_laser_fault */
	u8 mode;		/* enum cpo_hw_laser_mode */
	u16 flags;
	u16 age_pct;		/* life used, 0.01 %, 0..CPO_HW_AGE_PCT_EOL */
	u32 oe_in_power;	/* microwatt the engine receives from it */
	s32 path_loss;		/* milli-dB, CPO_NO_READING while dark */
	s32 freq_err;		/* MHz, CPO_NO_READING while dark */
};

/* a laser diagnostic the device does not have (cpo_laser_tm) */
#define CPO_NO_READING		S32_MIN

/*
 * Whether a record's readings exist: an empty slot and the lasers of one
 * have none, whatever the device leaves in their fields.  For a slot this
 * is the device's view, which the device-side diffing of telemetry reads
 * (core.c, stats.c); users are answered by els.c's cpo_els_present() and
 * cpo_els_has_readings().
 */
static inline bool cpo_els_tm_present(const struct cpo_els_tm *t)
{
	return t->present;
}

static inline bool cpo_laser_tm_present(const struct cpo_laser_tm *t)
{
	return t->state != CPO_HW_LASER_ST_ABSENT;
}

/*
 * A consistent copy of the telemetry region, taken under the device's
 * generation counter.  Readers take cdev->telem_lock through
 * cpo_telem_lock(), which refreshes the copy when it is older than
 * cdev->telem_max_age.
 */
struct cpo_snapshot {
	u32 generation;
	u64 timestamp_ns;	/* device time of the copy */
	unsigned long taken;	/* jiffies */
	bool valid;		/* at least one good copy was taken */
	bool stale;		/* the last refresh gave up on torn reads */
	struct cpo_oe_tm *oe;
	struct cpo_lane_tm *lane;
	struct cpo_els_tm *els;
	struct cpo_laser_tm *laser;
};

struct cpo_dev;

struct cpo_oe {
	struct cpo_dev *cdev;
	struct device dev;		/* oeN */
	struct device *hwmon;
	struct device *hwmon_parent;	/* hwmon.c: the chip's parent */
	char hwmon_name[16];		/* "cpo_oeN" */
	char hwmon_label[2][16];	/* "oeN engine", "oeN vcc" */
	void *hwmon_priv;		/* hwmon.c: the chip description */
	u16 index;
	u16 first_lane;			/* changes in an engine failover */
	u16 n_lanes;
	bool spare;
	bool out_of_service;		/* replaced by a spare engine */
};

struct cpo_lane {
	u16 index;
	u16 oe;
	u16 port;			/* CPO_HW_NONE when spare */
	u16 laser;			/* CPO_HW_NONE when none */
	u8 port_lane;
	u8 oe_lane;
};

struct cpo_port {
	struct cpo_dev *cdev;
	struct device dev;		/* portN */
	u16 index;
	u16 oe;
	u8 n_lanes;
	u8 n_lasers;
	u32 speed_mbps;
	u16 lane[CPO_HW_LANES_PER_PORT];
	u16 laser[CPO_HW_LANES_PER_PORT];	/* distinct lasers feeding it */
	bool low_power;			/* module power mode: low */
	bool removal_pending;		/* a laser it needs is being serviced */
	struct net_device *netdev;	/* netdev.c, under cdev->netdevs.lock */
	/*
	 * netdev.c, written under cdev->netdevs.lock: why the optical
	 * carrier is off (enum cpo_down, CPO_DOWN_NONE while it is on) and
	 * how often it went from on to off.
	 */
	u8 down;
	u32 link_down_events;
	struct devlink_port dl_port;	/* devlink.c */
	bool dl_port_registered;
};

/* els.c: the state of an ELSFP slot, values of enum cpo_els_state */
enum cpo_els_sm {
	CPO_ELS_SM_EMPTY,
	CPO_ELS_SM_PROBING,
	CPO_ELS_SM_FIBER_CHECK,
	CPO_ELS_SM_RAMPING,
	CPO_ELS_SM_ON,
	CPO_ELS_SM_REMOVING,
	CPO_ELS_SM_SAFE,
	CPO_ELS_SM_FAULT,
};

/* els.c: what drives a slot's state machine */
enum cpo_els_event {
	CPO_ELS_E_INSERT,
	CPO_ELS_E_REMOVE,
	CPO_ELS_E_STATE,
	CPO_ELS_E_CHECK_DONE,
	CPO_ELS_E_TIMEOUT,
	CPO_ELS_E_RESYNC,
};

/* els.c: one slot's state machine, under cdev->lock */
struct cpo_els_fsm {
	enum cpo_els_sm state;		/* read with cpo_els_state() */
	u32 events;			/* device events handled */
	u32 mismatch_events;		/* events when telemetry disagreed */
	bool mismatch;			/* telemetry disagreed at the last tick */
	bool lasers_registered;		/* laser devices exist */
};

/*
 * els.c: a slot's pending removal request, announced and waiting for an
 * answer or its timeout; under cpo_els_dev.removal_lock.
 */
struct cpo_els_removal {
	u32 id;				/* the request, 0: none pending */
	u32 action;			/* enum cpo_removal_action at timeout */
	u16 laser;			/* one laser, CPO_HW_NONE: the slot */
	unsigned long deadline;		/* jiffies */
	struct delayed_work timeout;
};

/* els.c: per device */
struct cpo_els_dev {
	u64 fixes;			/* slots set from telemetry (debugfs) */
	bool announce;			/* transitions send uevents (after probe) */
	struct mutex removal_lock;	/* protects cpo_els.removal, below */
	u32 removal_seq;		/* the last request id */
	bool removal_ready;		/* the timeouts are initialised */
	bool removal_closed;		/* no new request: going away */
};

struct cpo_els {
	struct cpo_dev *cdev;
	struct device dev;		/* elsN */
	struct device *hwmon;
	struct device *hwmon_parent;	/* hwmon.c: the chip's parent */
	u16 index;
	u16 first_laser;
	u8 n_lasers;
	u32 wavelength_pm;
	struct cpo_els_fsm fsm;		/* els.c */
	struct cpo_els_removal removal;	/* els.c */
	void *hwmon_priv;		/* hwmon.c: the chip description */
};

struct cpo_laser {
	struct cpo_dev *cdev;
	struct device dev;		/* laserN, present only with its module */
	u16 index;
	u16 els;
	u8 els_index;
	u8 n_lanes;
	u16 lane[CPO_HW_LANES_PER_LASER];
	/*
	 * spare, out_of_service, n_lanes and lane[] change on a failover
	 * (core.c, cpo_topology_reload(), under cdev->lock): lockless
	 * readers see each laser's old or new lanes.
	 */
	bool spare;
	bool out_of_service;		/* replaced by a spare, dark for good */
	bool registered;		/* dev is in sysfs (under cdev->lock) */
	bool dev_alive;			/* dev not yet released */
};

/*
 * alarms.c: the history of one alarm flag (see alarms.c), under
 * telem_lock.  An object's flags are CPO_FLAGS_PER_Q per quantity slot, at
 * index 4 * slot + bit, bit in CPO_HW_FLAG_* order.
 */
#define CPO_FLAGS_PER_Q		4

struct cpo_alarm_hist {
	u32 changes;			/* set or cleared, wrapping */
	u64 last_set;			/* CLOCK_REALTIME ns, 0: never */
	u64 last_clear;			/* CLOCK_REALTIME ns, 0: never */
};

/* alarms.c: per device, one array per object type, under telem_lock */
struct cpo_alarm_log {
	struct cpo_alarm_hist *oe, *lane, *els, *laser;
};

/*
 * stats.c: one monitored quantity of one object over 10 s intervals,
 * under telem_lock.  The last_* fields are the last complete interval.
 */
#define CPO_STATS_INTERVAL_NS	(10ULL * NSEC_PER_SEC)
#define CPO_STATS_OE_Q		2	/* temp, vcc: flag slot order */
#define CPO_STATS_LANE_Q	2	/* tx power, rx power */
#define CPO_STATS_ELS_Q		3	/* temp, vcc, tec */
#define CPO_STATS_LASER_Q	4	/* bias, power, temp, path loss */

struct cpo_qstat {
	s64 sum;			/* the interval being filled */
	u64 start;			/* CLOCK_REALTIME ns */
	u64 min_time, max_time;
	u32 n;
	s32 min, max;
	s32 last_avg, last_min, last_max;
	u32 last_n;			/* 0: no complete interval yet */
	u64 last_start, last_min_time, last_max_time;
};

/* stats.c: onsets of a lane's status flags since probe, wrapping */
struct cpo_lane_counters {
	u32 tx_fault, tx_los, rx_los;
};

/* stats.c: per device, quantities in flag slot order per object */
struct cpo_stats {
	struct cpo_qstat *oe, *lane, *els, *laser;
	struct cpo_lane_counters *lane_cnt;
};

/* Host-order copy of a device event. */
struct cpo_event {
	u32 seq;
	u16 type;			/* enum cpo_hw_event_type */
	u8 obj_type;			/* enum cpo_hw_obj_type */
	u32 obj;
	u16 quantity;
	u16 flags;			/* CPO_HW_EVF_* */
	s32 value;
	s32 threshold;
	u64 timestamp_ns;
};

/* events.c: the event ring and the heartbeat watchdog, per device */
struct cpo_events {
	struct work_struct work;	/* the ring; MSI-X vector 1 queues it */
	struct delayed_work watchdog;	/* heartbeat, polling fallback */
	u32 tail;			/* host copy of the ring tail */
	u32 bad_head;			/* last implausible head seen */
	u32 last_overflow;
	unsigned int heartbeat_misses;
	unsigned int hb_good;		/* heartbeat ticks seen while failed */
	unsigned long hb_changed;	/* jiffies of the last heartbeat change */
	bool started;
	/* debugfs */
	u64 events, overflows, resyncs;
	u64 bad_events;			/* dropped by validation */
	u64 watchdog_runs;
};

/* pci.c: the command mailbox, per device */
struct cpo_mbox {
	struct mutex lock;		/* one command at a time */
	struct completion done;		/* MSI-X vector 0 */
	u32 seq;
	u64 cmds, timeouts, errors;	/* debugfs */
};

/* thermal.c: per device, one zone per OE then one per ELSFP slot */
struct cpo_thermal {
	struct cpo_tz *zones;		/* n_oe + n_els, or NULL */
	unsigned int n_zones;
};

/* netdev.c: per device */
struct cpo_netdevs {
	struct mutex lock;		/* cpo_port.netdev of the ports */
};

struct cpo_dev {
	struct pci_dev *pdev;
	struct device dev;		/* class device cpoN */
	int index;			/* N in cpoN, netlink CPO_A_DEV_INDEX */

	void __iomem *regs;		/* BAR0 doorbell registers */
	void __iomem *shm;		/* BAR2 shared window */
	resource_size_t shm_len;
	u32 doorbell_peer;

	/* identity, validated at probe */
	char model[CPO_HW_STR_LEN + 1];
	char serial[CPO_HW_STR_LEN + 1];
	char fw_version[CPO_HW_STR_LEN + 1];	/* under fw_version_lock */
	spinlock_t fw_version_lock;	/* an MCU update or a reset rewrites it */
	u16 ver_major, ver_minor;
	u32 caps;
	u32 update_period_ms;
	u32 lane_rate_mbps;

	/* topology, validated at probe; arrays sized by the counts */
	u16 n_oe, n_lanes, n_ports, n_els, n_lasers;
	struct cpo_oe *oe;
	struct cpo_lane *lane;
	struct cpo_port *port;
	struct cpo_els *els;
	struct cpo_laser *laser;

	/* the laser assignment: ident.topo_generation taken or refused */
	u32 topo_gen, topo_bad_gen;
	struct mutex topo_lock;		/* one topology reload at a time */

	/* region offsets inside shm, validated */
	u32 oe_table_off, lane_table_off, port_table_off, laser_table_off;
	bool links_added;		/* port <-> oe links; under lock */
	u32 telem_off, thresh_off, mbox_off, evring_off, evring_entries;
	u32 fwbuf_off, fwbuf_size;	/* 0: no firmware update */
	size_t telem_len;

	struct mutex lock;		/* object state, see Locking */

	struct mutex telem_lock;	/* snap, see Locking */
	struct cpo_snapshot snap;
	struct cpo_alarm_log alarm_log;	/* alarms.c, under telem_lock */
	struct cpo_stats stats;		/* stats.c, under telem_lock */
	unsigned long telem_max_age;	/* jiffies */
	u64 snapshots;			/* telemetry copies taken (debugfs) */
	u64 torn_reads;			/* retries on a torn copy (debugfs) */

	struct cpo_thresh thresh[CPO_HW_Q_MAX];	/* under lock */
	/* quantities whose set on the device breaks a rule, under lock */
	unsigned long thresh_refused;
	unsigned long thresh_good;	/* quantities with a good set, lock */
	u64 thresh_refusals;		/* device sets refused (debugfs) */

	/* last heartbeat seen: at probe, then by the watchdog */
	u32 last_heartbeat;
	bool use_msix;			/* pci.c: vectors, else polling */
	struct cpo_events ev;		/* events.c */
	struct cpo_mbox mbox;		/* pci.c */

	unsigned long state;		/* CPO_DEV_* bits */

	struct cpo_els_dev els_dev;	/* els.c */
	struct cpo_netdevs netdevs;	/* netdev.c */
	struct cpo_thermal thermal;	/* thermal.c */
	struct devlink *devlink;	/* devlink.c, its state in the priv */

	struct dentry *debugfs;

	/* core-private state */
	struct list_head list;		/* in cpo_devs, under cpo_devs_lock */
	struct rw_semaphore users;	/* netlink requests, see Locking */
	void *telem_raw;		/* bounce buffer for one copy, telem_lock */
	u64 telem_bad;			/* out-of-range telemetry values */
	int irq_mbox, irq_event;	/* Linux IRQ numbers, or -1 */
	struct kobject *thresh_kobj;	/* cpoN/thresholds */
	unsigned int eeprom_ppb;	/* eeprom.c: pages per bank, 256 or 240 */
	bool dev_added, children_added;
};

/* cpo_dev.state bits */
enum {
	CPO_DEV_FAILED,		/* heartbeat lost or device gone: all ops fail */
	CPO_DEV_REMOVING,	/* teardown started: no new work */
	CPO_DEV_RESYNC,		/* event_work: drop the ring, re-read state */
};

static inline bool cpo_dev_failed(const struct cpo_dev *cdev)
{
	return test_bit(CPO_DEV_FAILED, &cdev->state);
}

/* core.c */
int cpo_telem_lock(struct cpo_dev *cdev);	/* 0, or -EIO when failed */
void cpo_telem_unlock(struct cpo_dev *cdev);
int cpo_telem_refresh(struct cpo_dev *cdev);	/* under telem_lock */
void cpo_dev_set_failed(struct cpo_dev *cdev, const char *why);
int cpo_read_thresholds(struct cpo_dev *cdev);

/* Iteration over bound devices for netlink dumps, under cpo_devs_lock. */
extern struct mutex cpo_devs_lock;	/* the device list, see Locking */
struct cpo_dev *cpo_dev_next(int *index);	/* next with index >= *index */

/* pci.c: the mailbox; returns 0 or a negative errno */
int cpo_mbox_exec(struct cpo_dev *cdev, u16 opcode, const void *args,
		  size_t arg_len, void *resp, size_t resp_size,
		  size_t *resp_len);

/* core.c: commands; every call returns 0 or a negative errno */
int cpo_cmd_set(struct cpo_dev *cdev, u16 op, const void *args,
		size_t arg_len);
int cpo_laser_enable(struct cpo_dev *cdev, u16 laser, bool enable);
/* *why: the rule a refused setpoint broke, NULL for a device error */
int cpo_laser_set_power(struct cpo_dev *cdev, u16 laser, u32 microwatt,
			const char **why);
int cpo_lane_enable(struct cpo_dev *cdev, u16 lane, bool enable);
int cpo_set_thresh(struct cpo_dev *cdev, u16 quantity,
		   const struct cpo_thresh *t);
int cpo_port_set_low_power(struct cpo_dev *cdev, u16 port, bool low);
int cpo_cmis_read(struct cpo_dev *cdev, u8 kind, u16 index, u8 bank,
		  u8 page, u8 offset, u16 len, u8 *buf);
int cpo_cmis_write(struct cpo_dev *cdev, u8 kind, u16 index, u8 bank,
		   u8 page, u8 offset, u16 len, const u8 *buf);
int cpo_laser_failover(struct cpo_dev *cdev, u16 laser, u16 spare, u16 *used,
		       const char **why);
int cpo_topology_reload(struct cpo_dev *cdev, bool force);
int cpo_oe_failover(struct cpo_dev *cdev, u16 oe, u16 spare, u16 *used,
		    const char **why);

/* core.c: lifecycle, called by pci.c */
extern struct class cpo_class;
struct cpo_dev *cpo_dev_alloc(struct pci_dev *pdev);
int cpo_topology_read(struct cpo_dev *cdev);
int cpo_dev_register(struct cpo_dev *cdev);
void cpo_dev_unregister(struct cpo_dev *cdev);
int cpo_laser_register(struct cpo_laser *laser);	/* under cdev->lock */
void cpo_laser_unregister(struct cpo_laser *laser);	/* under cdev->lock */
void cpo_telem_invalidate(struct cpo_dev *cdev);
void cpo_dev_clear_failed(struct cpo_dev *cdev);

/* validate.c: the rules of every setting, for every path */
struct cpo_range cpo_quantity_range(const struct cpo_dev *cdev, unsigned int q);
s32 *cpo_thresh_val(struct cpo_thresh *t, enum cpo_thresh_field f);
int cpo_thresh_check(const struct cpo_dev *cdev, unsigned int q,
		     const struct cpo_thresh *t, const char **why,
		     enum cpo_thresh_field *field);
int cpo_setpoint_check(struct cpo_dev *cdev, u16 laser, u32 microwatt,
		       const char **why);
int cpo_cmis_page_check(u8 bank, u8 page);
int cpo_cmis_span_check(u32 offset, u32 len, u32 max);
int cpo_cmis_write_check(struct cpo_dev *cdev, u8 kind, u16 index, u8 bank,
			 u8 page, u8 offset, u16 len, const u8 *buf);
struct net *cpo_dev_net(const struct cpo_dev *cdev);
bool cpo_may_write(const struct cpo_dev *cdev, const struct net *net);
int cpo_sysfs_write_check(const struct cpo_dev *cdev, const char *buf,
			  size_t count);
int cpo_parse_bool(const char *buf, bool *v);
int cpo_parse_u32(const char *buf, u32 max, u32 *v);
int cpo_parse_s32(const char *buf, s32 *v);
struct kernel_param;
int cpo_param_set_uint(const char *val, const struct kernel_param *kp,
		       unsigned int min, unsigned int max);

/*
 * core.c: topology derived from the validated tables, the one answer of
 * every interface (sysfs links, netlink, devlink, ethtool, eeprom)
 */
unsigned int cpo_laser_ports(const struct cpo_dev *cdev, u16 laser,
			     u16 ports[CPO_HW_LANES_PER_LASER]);
bool cpo_laser_feeds_port(const struct cpo_dev *cdev, u32 laser, u32 port);
bool cpo_els_feeds_port(const struct cpo_dev *cdev, u32 els, u32 port);
unsigned int cpo_oe_next_port(const struct cpo_dev *cdev, u16 oe,
			      unsigned int from);
u16 cpo_els_next_lane(const struct cpo_dev *cdev, u16 els, unsigned int *pos);
u16 cpo_lane_laser(const struct cpo_dev *cdev, u16 lane);

/* every port @p (unsigned int) of engine @oe, in index order */
#define cpo_for_each_oe_port(cdev, oe, p)				\
	for ((p) = cpo_oe_next_port(cdev, oe, 0); (p) < (cdev)->n_ports;	\
	     (p) = cpo_oe_next_port(cdev, oe, (p) + 1))

/* every lane @lane (u16) fed by slot @els, with cursor @pos (unsigned int) */
#define cpo_for_each_els_lane(cdev, els, pos, lane)			\
	for ((pos) = 0;							\
	     ((lane) = cpo_els_next_lane(cdev, els, &(pos))) != CPO_HW_NONE;)

/* alarms.c: alarm flag history; under telem_lock except alloc and free */
int cpo_alarms_alloc(struct cpo_dev *cdev);
void cpo_alarms_free(struct cpo_dev *cdev);
void cpo_alarms_note(struct cpo_dev *cdev, u8 obj, u32 idx, u16 old, u16 new,
		     u64 now);
/* the object's flags (4 per quantity slot), or NULL for no such object */
const struct cpo_alarm_hist *cpo_alarms_get(const struct cpo_dev *cdev,
					    u8 obj, u32 idx);

/* stats.c: interval statistics; under telem_lock except alloc and free */
int cpo_stats_alloc(struct cpo_dev *cdev);
void cpo_stats_free(struct cpo_dev *cdev);
void cpo_stats_sample(struct cpo_dev *cdev, u64 now);
void cpo_stats_lane_status(struct cpo_dev *cdev, u32 i, u8 old, u8 new);
const struct cpo_qstat *cpo_stats_get(const struct cpo_dev *cdev, u8 obj,
				      u32 idx, unsigned int slot);

/* pci.c */
void cpo_str_printable(char *s);
void cpo_fw_version_read(struct cpo_dev *cdev);
void cpo_fw_version_get(struct cpo_dev *cdev, char *buf);	/* CPO_HW_STR_LEN + 1 */
int cpo_pci_init(void);
void cpo_pci_exit(void);
void cpo_mbox_abort(struct cpo_dev *cdev);
u32 cpo_read_heartbeat(struct cpo_dev *cdev);
extern unsigned int cpo_mbox_timeout_ms;
void cpo_mbox_debugfs_init(struct cpo_dev *cdev, struct dentry *dir);

/* events.c */
void cpo_events_init(struct cpo_dev *cdev);
void cpo_events_start(struct cpo_dev *cdev);
void cpo_events_stop(struct cpo_dev *cdev);
void cpo_resync(struct cpo_dev *cdev);
void cpo_events_kick(struct cpo_dev *cdev);	/* hard IRQ safe */
void cpo_events_flush(struct cpo_dev *cdev);
void cpo_events_debugfs_init(struct cpo_dev *cdev, struct dentry *dir);
extern bool cpo_force_poll;
extern unsigned int cpo_heartbeat_misses;

/* els.c: ELSFP slots */
enum cpo_els_sm cpo_els_state(const struct cpo_els *els);
bool cpo_els_removal_pending(struct cpo_dev *cdev, u16 slot);
bool cpo_els_present(const struct cpo_els *els);
bool cpo_els_has_readings(const struct cpo_els *els,
			  const struct cpo_els_tm *t);	/* under telem_lock */
void cpo_els_init(struct cpo_dev *cdev);	/* probe: from telemetry */
void cpo_els_exit(struct cpo_dev *cdev);
void cpo_els_event(struct cpo_dev *cdev, const struct cpo_event *ev);
void cpo_els_tick(struct cpo_dev *cdev);	/* watchdog */
void cpo_els_resync(struct cpo_dev *cdev);
void cpo_els_debugfs_init(struct cpo_dev *cdev, struct dentry *dir);
int cpo_els_prepare_removal(struct cpo_dev *cdev, u16 slot);
int cpo_els_removal_request(struct cpo_dev *cdev, u16 slot, u16 laser,
			    u32 timeout_ms, u32 action, u32 *id,
			    const char **why);
int cpo_els_removal_answer(struct cpo_dev *cdev, u16 slot, u32 id,
			   u32 action);

/* sysfs.c */
extern const struct attribute_group *cpo_dev_groups[];
extern const struct device_type cpo_oe_type, cpo_els_type, cpo_laser_type,
	cpo_port_type;
int cpo_sysfs_thresh_init(struct cpo_dev *cdev);
void cpo_sysfs_thresh_exit(struct cpo_dev *cdev);
int cpo_sysfs_links_add(struct cpo_dev *cdev);
int cpo_sysfs_port_oe_link_add(struct cpo_port *p);
void cpo_sysfs_port_oe_link_del(struct cpo_port *p);
int cpo_sysfs_laser_links_add(struct cpo_laser *laser);
void cpo_sysfs_laser_links_del(struct cpo_laser *laser);
int cpo_sysfs_laser_port_links_add(struct cpo_laser *laser);
void cpo_sysfs_laser_port_links_del(struct cpo_laser *laser);

/* eeprom.c */
extern const struct attribute_group cpo_eeprom_group, cpo_eeprom_dev_group;
void cpo_eeprom_init(struct cpo_dev *cdev);

/* hwmon.c */
int cpo_hwmon_class_init(void);
void cpo_hwmon_class_exit(void);
int cpo_hwmon_init(struct cpo_dev *cdev);
void cpo_hwmon_exit(struct cpo_dev *cdev);
void cpo_hwmon_notify(struct cpo_dev *cdev, const struct cpo_event *ev);
void cpo_hwmon_topology(struct cpo_dev *cdev);	/* event work */

/* thermal.c */
int cpo_thermal_init(struct cpo_dev *cdev);
void cpo_thermal_exit(struct cpo_dev *cdev);
void cpo_thermal_thresh_changed(struct cpo_dev *cdev);
void cpo_thermal_notify(struct cpo_dev *cdev, const struct cpo_event *ev);

/* debugfs.c */
void cpo_debugfs_init_root(void);
void cpo_debugfs_exit_root(void);
void cpo_debugfs_init(struct cpo_dev *cdev);
void cpo_debugfs_exit(struct cpo_dev *cdev);

/* netlink.c */
int cpo_nl_init(void);
void cpo_nl_exit(void);
void cpo_nl_notify_event(struct cpo_dev *cdev, const struct cpo_event *ev);
void cpo_nl_notify_dev_failed(struct cpo_dev *cdev);
void cpo_nl_notify_removal(struct cpo_dev *cdev, u16 slot, u16 laser,
			   u32 type, u32 id, u32 timeout_ms, u32 action);

/* netdev.c */
int cpo_netdev_init(struct cpo_dev *cdev);
void cpo_netdev_exit(struct cpo_dev *cdev);
void cpo_netdev_update_carrier(struct cpo_dev *cdev);	/* all ports */
/* why a port's optical carrier is off, for operators (NULL while on) */
const char *cpo_port_down_str(const struct cpo_port *port);
struct cpo_port *cpo_port_by_ifname(struct cpo_dev *cdev, const char *name);
int cpo_port_power_mode_set(struct cpo_port *port, bool low);

/* devlink.c */
int cpo_devlink_alloc(struct cpo_dev *cdev);
void cpo_devlink_free(struct cpo_dev *cdev);
int cpo_devlink_init(struct cpo_dev *cdev);	/* reporters */
void cpo_devlink_exit(struct cpo_dev *cdev);
void cpo_devlink_register(struct cpo_dev *cdev);
void cpo_devlink_unregister(struct cpo_dev *cdev);
void cpo_devlink_event(struct cpo_dev *cdev, const struct cpo_event *ev);
void cpo_devlink_els_pulled(struct cpo_dev *cdev, const struct cpo_event *ev);
void cpo_devlink_els_on(struct cpo_dev *cdev, u16 slot,
			const struct cpo_event *ev);
int cpo_devlink_port_register(struct cpo_port *port);	/* before its netdev */
/* flash.c: firmware update through devlink, state in the devlink priv */
struct cpo_fw_state {
	struct mutex lock;		/* one update at a time */
	char msg[128];			/* extack text, before 6.3 */
};

int cpo_fw_flash_update(struct devlink *devlink, struct cpo_dev *cdev,
			struct cpo_fw_state *st,
			struct devlink_flash_update_params *params,
			struct netlink_ext_ack *extack);
int cpo_fw_info_put(struct cpo_dev *cdev, struct devlink_info_req *req);
void cpo_devlink_port_unregister(struct cpo_port *port);

#endif /* _CPO_H */
