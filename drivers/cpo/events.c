// SPDX-License-Identifier: GPL-2.0
/*
 * Events: the device's event ring, the heartbeat watchdog and the
 * polling fallback.  Slot events go to their state machines (els.c).
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/io.h>

#include "cpo.h"
#include "trace.h"

#define CPO_EV_BUDGET		64	/* events per work run before yielding */
#define CPO_WATCHDOG_MIN_MS	100
#define CPO_HB_MIN_TIMEOUT_MS	1000	/* never fail a device faster */
#define CPO_HB_RECOVER_TICKS	2	/* heartbeat ticks to leave FAILED */

bool cpo_force_poll;
module_param_named(force_poll, cpo_force_poll, bool, 0444);
MODULE_PARM_DESC(force_poll, "Do not use MSI-X: poll the event ring and mailbox");

#define CPO_HB_MISSES_MAX	1000000

unsigned int cpo_heartbeat_misses = 5;

static int cpo_heartbeat_misses_set(const char *val,
				    const struct kernel_param *kp)
{
	return cpo_param_set_uint(val, kp, 0, CPO_HB_MISSES_MAX);
}

static const struct kernel_param_ops cpo_heartbeat_misses_ops = {
	.set = cpo_heartbeat_misses_set,
	.get = param_get_uint,
};
module_param_cb(heartbeat_misses, &cpo_heartbeat_misses_ops,
		&cpo_heartbeat_misses, 0644);
MODULE_PARM_DESC(heartbeat_misses,
		 "Update periods without a heartbeat before the device is failed, 0-1000000 (default 5, 0: never)");

static unsigned long cpo_watchdog_interval(struct cpo_dev *cdev)
{
	return msecs_to_jiffies(max_t(u32, cdev->update_period_ms,
				      CPO_WATCHDOG_MIN_MS));
}

/* Lost events or a device reset: re-read everything that events update. */
void cpo_resync(struct cpo_dev *cdev)
{
	struct cpo_event ev = {
		.type = CPO_HW_EV_RESET,
		.obj_type = CPO_HW_OBJ_DEV,
	};

	cdev->ev.resyncs++;
	cpo_fw_version_read(cdev);
	cpo_read_thresholds(cdev);
	/*
	 * a failover's event may be among those lost, or taken by the
	 * request that caused it: the hwmon channels follow either way
	 */
	cpo_topology_reload(cdev, false);
	cpo_hwmon_topology(cdev);
	cpo_telem_invalidate(cdev);
	cpo_els_resync(cdev);
	cpo_nl_notify_event(cdev, &ev);
	if (cdev->dev_added)
		sysfs_notify(&cdev->dev.kobj, NULL, "state");
}

/* ---- the event ring ---- */

static bool cpo_event_valid(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	static const u8 q_obj[CPO_HW_Q_MAX] = {
		[CPO_HW_Q_OE_TEMP] = CPO_HW_OBJ_OE,
		[CPO_HW_Q_OE_VCC] = CPO_HW_OBJ_OE,
		[CPO_HW_Q_LANE_TX_POWER] = CPO_HW_OBJ_LANE,
		[CPO_HW_Q_LANE_RX_POWER] = CPO_HW_OBJ_LANE,
		[CPO_HW_Q_ELS_TEMP] = CPO_HW_OBJ_ELS,
		[CPO_HW_Q_ELS_VCC] = CPO_HW_OBJ_ELS,
		[CPO_HW_Q_ELS_TEC] = CPO_HW_OBJ_ELS,
		[CPO_HW_Q_LASER_BIAS] = CPO_HW_OBJ_LASER,
		[CPO_HW_Q_LASER_POWER] = CPO_HW_OBJ_LASER,
		[CPO_HW_Q_LASER_TEMP] = CPO_HW_OBJ_LASER,
		[CPO_HW_Q_LASER_PATH_LOSS] = CPO_HW_OBJ_LASER,
	};
	u32 count;

	switch (ev->obj_type) {
	case CPO_HW_OBJ_DEV:
		count = 1;
		break;
	case CPO_HW_OBJ_OE:
		count = cdev->n_oe;
		break;
	case CPO_HW_OBJ_LANE:
		count = cdev->n_lanes;
		break;
	case CPO_HW_OBJ_PORT:
		count = cdev->n_ports;
		break;
	case CPO_HW_OBJ_ELS:
		count = cdev->n_els;
		break;
	case CPO_HW_OBJ_LASER:
		count = cdev->n_lasers;
		break;
	default:
		return false;
	}
	if (ev->obj >= count)
		return false;

	switch (ev->type) {
	case CPO_HW_EV_THRESH:
		return ev->quantity < CPO_HW_Q_MAX &&
		       q_obj[ev->quantity] == ev->obj_type;
	case CPO_HW_EV_ELS_INSERTED:
	case CPO_HW_EV_ELS_REMOVED:
		return ev->obj_type == CPO_HW_OBJ_ELS;
	case CPO_HW_EV_ELS_STATE:
		return ev->obj_type == CPO_HW_OBJ_ELS &&
		       ev->value >= 0 && ev->value <= CPO_HW_ELS_ST_FAULT;
	case CPO_HW_EV_LASER_STATE:
		return ev->obj_type == CPO_HW_OBJ_LASER &&
		       ev->value >= 0 && ev->value <= CPO_HW_LASER_ST_ABSENT;
	case CPO_HW_EV_LANE_STATE:
		return ev->obj_type == CPO_HW_OBJ_LANE;
	case CPO_HW_EV_OE_STATE:
		return ev->obj_type == CPO_HW_OBJ_OE &&
		       ev->value >= 0 && ev->value <= CPO_HW_OE_ST_FAULT;
	case CPO_HW_EV_RESET:
		return true;
	case CPO_HW_EV_LASER_FAILOVER:
		return ev->obj_type == CPO_HW_OBJ_LASER &&
		       ev->value >= 0 && ev->value < cdev->n_lasers &&
		       ev->value != ev->obj &&
		       cdev->laser[ev->value].els == cdev->laser[ev->obj].els;
	case CPO_HW_EV_OE_FAILOVER:
		return ev->obj_type == CPO_HW_OBJ_OE &&
		       ev->value >= 0 && ev->value < cdev->n_oe &&
		       ev->value != ev->obj;
	default:
		return false;
	}
}

static void cpo_event_sysfs_notify(struct cpo_dev *cdev,
				   const struct cpo_event *ev, const char *attr)
{
	struct kobject *kobj = NULL;

	mutex_lock(&cdev->lock);
	switch (ev->obj_type) {
	case CPO_HW_OBJ_OE:
		kobj = &cdev->oe[ev->obj].dev.kobj;
		break;
	case CPO_HW_OBJ_LANE:
		if (cdev->lane[ev->obj].port != CPO_HW_NONE)
			kobj = &cdev->port[cdev->lane[ev->obj].port].dev.kobj;
		break;
	case CPO_HW_OBJ_PORT:
		kobj = &cdev->port[ev->obj].dev.kobj;
		break;
	case CPO_HW_OBJ_ELS:
		kobj = &cdev->els[ev->obj].dev.kobj;
		break;
	case CPO_HW_OBJ_LASER:
		if (cdev->laser[ev->obj].registered)
			kobj = &cdev->laser[ev->obj].dev.kobj;
		break;
	}
	if (kobj)
		sysfs_notify(kobj, NULL, attr);
	mutex_unlock(&cdev->lock);
}

/* Returns true when the event asks for a full resync. */
static bool cpo_event_handle(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	trace_cpo_event(cdev, ev);
	cdev->ev.events++;
	switch (ev->type) {
	case CPO_HW_EV_RESET:
		return true;
	case CPO_HW_EV_THRESH:
		cpo_event_sysfs_notify(cdev, ev, "alarms");
		cpo_hwmon_notify(cdev, ev);
		cpo_thermal_notify(cdev, ev);
		break;
	case CPO_HW_EV_ELS_INSERTED:
	case CPO_HW_EV_ELS_REMOVED:
	case CPO_HW_EV_ELS_STATE:
		cpo_els_event(cdev, ev);
		cpo_thermal_notify(cdev, ev);
		break;
	case CPO_HW_EV_LASER_FAILOVER:
	case CPO_HW_EV_OE_FAILOVER:
		/* the tables first: the notification names the new lanes */
		cpo_topology_reload(cdev, false);
		cpo_hwmon_topology(cdev);
		cpo_event_sysfs_notify(cdev, ev, "out_of_service");
		break;
	default:
		cpo_event_sysfs_notify(cdev, ev, "state");
		break;
	}
	cpo_nl_notify_event(cdev, ev);
	cpo_devlink_event(cdev, ev);
	return false;
}

static void cpo_event_decode(struct cpo_event *ev, const struct cpo_hw_event *hw)
{
	ev->seq = le32_to_cpu(hw->seq);
	ev->type = le16_to_cpu(hw->type);
	ev->obj_type = hw->obj_type;
	ev->obj = le32_to_cpu(hw->obj);
	ev->quantity = le16_to_cpu(hw->quantity);
	ev->flags = le16_to_cpu(hw->flags);
	ev->value = (s32)le32_to_cpu(hw->value);
	ev->threshold = (s32)le32_to_cpu(hw->threshold);
	ev->timestamp_ns = le64_to_cpu(hw->timestamp_ns);
}

/*
 * Consume up to CPO_EV_BUDGET events.  Runs only from event_work, which is
 * never concurrent with itself, so ev_tail needs no lock.  Returns true when
 * more events wait.
 */
static bool cpo_events_process(struct cpo_dev *cdev)
{
	void __iomem *ring = cdev->shm + cdev->evring_off;
	u32 head, overflow, pending, n;
	bool resync = false;
	unsigned int done = 0;

	if (cpo_dev_failed(cdev) || test_bit(CPO_DEV_REMOVING, &cdev->state))
		return false;
	if (!cdev->evring_entries) {
		/* no ring: telemetry is all there is */
		if (test_and_clear_bit(CPO_DEV_RESYNC, &cdev->state)) {
			cpo_resync(cdev);
			cpo_netdev_update_carrier(cdev);
		}
		return false;
	}

	head = readl(ring + offsetof(struct cpo_hw_evring, head));
	overflow = readl(ring + offsetof(struct cpo_hw_evring, overflow));
	if (test_and_clear_bit(CPO_DEV_RESYNC, &cdev->state)) {
		/* drop what is queued, if the head is credible */
		if (head - cdev->ev.tail <= cdev->evring_entries)
			cdev->ev.tail = head;
		cdev->ev.last_overflow = overflow;
		resync = true;
	}
	if (overflow != cdev->ev.last_overflow) {
		cdev->ev.overflows += overflow - cdev->ev.last_overflow;
		cdev->ev.last_overflow = overflow;
		dev_info_ratelimited(&cdev->dev,
				     "event ring overflowed, resyncing\n");
		resync = true;
	}
	pending = head - cdev->ev.tail;
	if (pending > cdev->evring_entries) {
		/*
		 * A head more than a ring ahead of (or behind) the tail is not
		 * credible.  The device cannot have produced more than a ring
		 * past the tail we last gave it, so that tail stays right:
		 * keep it and write it back, and the device's next event
		 * rewrites a consistent head.  Adopting the bad head would
		 * hand the device a tail it sees as a full ring forever.
		 */
		pending = 0;
		if (head != cdev->ev.bad_head) {
			dev_warn_ratelimited(&cdev->dev,
					     "event ring head %u tail %u inconsistent, resyncing\n",
					     head, cdev->ev.tail);
			cdev->ev.bad_head = head;
			cdev->ev.bad_events++;
			resync = true;
		}
	}
	/* entries are read after the head that published them */
	rmb();
	n = min_t(u32, pending, CPO_EV_BUDGET);
	while (done < n) {
		struct cpo_hw_event hw;
		struct cpo_event ev;
		u32 slot = cdev->ev.tail & (cdev->evring_entries - 1);

		memcpy_fromio(&hw, ring + sizeof(struct cpo_hw_evring) +
			      slot * sizeof(hw), sizeof(hw));
		cdev->ev.tail++;
		done++;
		cpo_event_decode(&ev, &hw);
		if (!cpo_event_valid(cdev, &ev)) {
			cdev->ev.bad_events++;
			dev_warn_ratelimited(&cdev->dev,
					     "invalid event type %u object %u/%u dropped\n",
					     ev.type, ev.obj_type, ev.obj);
			continue;
		}
		if (cpo_event_handle(cdev, &ev))
			resync = true;
	}
	writel(cdev->ev.tail, ring + offsetof(struct cpo_hw_evring, tail));
	if (done || resync)
		cpo_telem_invalidate(cdev);
	if (resync)
		cpo_resync(cdev);
	if (done || resync)
		cpo_netdev_update_carrier(cdev);
	return pending > n;
}

static void cpo_event_work(struct work_struct *work)
{
	struct cpo_dev *cdev = container_of(work, struct cpo_dev, ev.work);

	if (cpo_events_process(cdev) &&
	    !test_bit(CPO_DEV_REMOVING, &cdev->state))
		queue_work(system_wq, &cdev->ev.work);
}

/* ---- heartbeat watchdog and polling ---- */

static void cpo_watchdog_work(struct work_struct *work)
{
	struct cpo_dev *cdev = container_of(to_delayed_work(work),
					    struct cpo_dev, ev.watchdog);
	u32 hb;

	if (test_bit(CPO_DEV_REMOVING, &cdev->state))
		return;
	cdev->ev.watchdog_runs++;
	hb = cpo_read_heartbeat(cdev);
	if (hb != cdev->last_heartbeat) {
		cdev->last_heartbeat = hb;
		cdev->ev.hb_changed = jiffies;
		cdev->ev.heartbeat_misses = 0;
		if (cpo_dev_failed(cdev) &&
		    ++cdev->ev.hb_good >= CPO_HB_RECOVER_TICKS) {
			cdev->ev.hb_good = 0;
			cpo_dev_clear_failed(cdev);
			/* events of the hung period are stale: resync */
			set_bit(CPO_DEV_RESYNC, &cdev->state);
		}
	} else {
		cdev->ev.hb_good = 0;
		cdev->ev.heartbeat_misses++;
		if (!cpo_dev_failed(cdev) && cpo_heartbeat_misses &&
		    cdev->ev.heartbeat_misses >= cpo_heartbeat_misses &&
		    time_after(jiffies, cdev->ev.hb_changed +
			       msecs_to_jiffies(CPO_HB_MIN_TIMEOUT_MS))) {
			cpo_dev_set_failed(cdev, "heartbeat stopped");
			cpo_netdev_update_carrier(cdev);
		}
	}
	/* the polling fallback, and a net under lost interrupts */
	if (!cpo_dev_failed(cdev)) {
		queue_work(system_wq, &cdev->ev.work);
		cpo_els_tick(cdev);
	}
	queue_delayed_work(system_wq, &cdev->ev.watchdog,
			   cpo_watchdog_interval(cdev));
}

void cpo_events_init(struct cpo_dev *cdev)
{
	INIT_WORK(&cdev->ev.work, cpo_event_work);
	INIT_DELAYED_WORK(&cdev->ev.watchdog, cpo_watchdog_work);
}

void cpo_events_start(struct cpo_dev *cdev)
{
	if (cdev->evring_entries) {
		void __iomem *ring = cdev->shm + cdev->evring_off;

		/* the probe-time snapshot already covers older events */
		cdev->ev.tail = readl(ring + offsetof(struct cpo_hw_evring, head));
		cdev->ev.last_overflow =
			readl(ring + offsetof(struct cpo_hw_evring, overflow));
		writel(cdev->ev.tail, ring + offsetof(struct cpo_hw_evring, tail));
	}
	cdev->last_heartbeat = cpo_read_heartbeat(cdev);
	cdev->ev.hb_changed = jiffies;
	cdev->ev.started = true;
	queue_delayed_work(system_wq, &cdev->ev.watchdog,
			   cpo_watchdog_interval(cdev));
}

void cpo_events_stop(struct cpo_dev *cdev)
{
	if (!cdev->ev.started)
		return;
	set_bit(CPO_DEV_REMOVING, &cdev->state);
	cancel_delayed_work_sync(&cdev->ev.watchdog);
	cancel_work_sync(&cdev->ev.work);
	cdev->ev.started = false;
}

/**
 * cpo_events_kick() - run the event work: an event IRQ, or a poll
 * @cdev: the device
 *
 * Safe in hard IRQ context.
 */
void cpo_events_kick(struct cpo_dev *cdev)
{
	if (!test_bit(CPO_DEV_REMOVING, &cdev->state))
		queue_work(system_wq, &cdev->ev.work);
}

/**
 * cpo_events_flush() - wait for an event work that an IRQ queued
 * @cdev: the device, its IRQs freed
 */
void cpo_events_flush(struct cpo_dev *cdev)
{
	cancel_work_sync(&cdev->ev.work);
}

static int cpo_evring_show(struct seq_file *m, void *v)
{
	struct cpo_dev *cdev = m->private;

	seq_printf(m, "entries %u\nhost_tail %u\nevents %llu\noverflows %llu\nresyncs %llu\nbad_events %llu\n",
		   cdev->evring_entries, cdev->ev.tail, cdev->ev.events,
		   cdev->ev.overflows, cdev->ev.resyncs, cdev->ev.bad_events);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cpo_evring);

/**
 * cpo_events_debugfs_init() - the event ring's and watchdog's entries
 * @cdev: the device
 * @dir: its debugfs directory
 */
void cpo_events_debugfs_init(struct cpo_dev *cdev, struct dentry *dir)
{
	debugfs_create_u64("events", 0444, dir, &cdev->ev.events);
	debugfs_create_u64("overflows", 0444, dir, &cdev->ev.overflows);
	debugfs_create_u64("resyncs", 0444, dir, &cdev->ev.resyncs);
	debugfs_create_u64("bad_events", 0444, dir, &cdev->ev.bad_events);
	debugfs_create_u64("watchdog_runs", 0444, dir, &cdev->ev.watchdog_runs);
	debugfs_create_u32("heartbeat_misses", 0444, dir,
			   &cdev->ev.heartbeat_misses);
	debugfs_create_file("evring", 0444, dir, cdev, &cpo_evring_fops);
}
