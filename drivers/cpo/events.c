// SPDX-License-Identifier: GPL-2.0
/*
 * Events: the device's event ring, the ELSFP slot state machines, the
 * heartbeat watchdog and the polling fallback.
 */
#include <linux/module.h>
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

static const char * const cpo_els_sm_names[] = {
	[CPO_ELS_SM_EMPTY] = "empty",
	[CPO_ELS_SM_PROBING] = "probing",
	[CPO_ELS_SM_FIBER_CHECK] = "fiber_check",
	[CPO_ELS_SM_RAMPING] = "ramping",
	[CPO_ELS_SM_ON] = "on",
	[CPO_ELS_SM_REMOVING] = "removing",
	[CPO_ELS_SM_SAFE] = "safe",
	[CPO_ELS_SM_FAULT] = "fault",
};

const char *cpo_els_sm_str(enum cpo_els_sm sm)
{
	if ((unsigned int)sm >= ARRAY_SIZE(cpo_els_sm_names))
		return "unknown";
	return cpo_els_sm_names[sm];
}

static unsigned long cpo_watchdog_interval(struct cpo_dev *cdev)
{
	return msecs_to_jiffies(max_t(u32, cdev->update_period_ms,
				      CPO_WATCHDOG_MIN_MS));
}

/* ---- ELSFP slot state machine ---- */

static void cpo_els_mark_ports(struct cpo_els *els, bool pending)
{
	struct cpo_dev *cdev = els->cdev;
	unsigned int i, j;

	for (i = 0; i < els->n_lasers; i++) {
		struct cpo_laser *la = &cdev->laser[els->first_laser + i];

		for (j = 0; j < la->n_lanes; j++) {
			u16 port = cdev->lane[la->lane[j]].port;

			if (port != CPO_HW_NONE)
				cdev->port[port].removal_pending = pending;
		}
	}
}

static void cpo_els_lasers_register(struct cpo_els *els)
{
	struct cpo_dev *cdev = els->cdev;
	unsigned int i;

	for (i = 0; i < els->n_lasers; i++)
		cpo_laser_register(&cdev->laser[els->first_laser + i]);
	els->lasers_registered = true;
}

static void cpo_els_lasers_unregister(struct cpo_els *els)
{
	struct cpo_dev *cdev = els->cdev;
	unsigned int i;

	for (i = els->n_lasers; i-- > 0;)
		cpo_laser_unregister(&cdev->laser[els->first_laser + i]);
	els->lasers_registered = false;
}

/*
 * KOBJ_CHANGE on the class device: oeN, elsN, laserN and portN belong to
 * no bus or class (their names are unique only under their cpoN), and the
 * driver core sends no uevent for such devices.
 */
static void cpo_els_uevent(struct cpo_els *els, const char *what)
{
	char event[32], slot[24], lasers[40];
	char *env[] = { event, slot, lasers, NULL };

	snprintf(event, sizeof(event), "ELSFP_EVENT=%s", what);
	snprintf(slot, sizeof(slot), "ELSFP_SLOT=%u", els->index);
	if (els->n_lasers)
		snprintf(lasers, sizeof(lasers), "ELSFP_LASERS=%u-%u",
			 els->first_laser, els->first_laser + els->n_lasers - 1);
	else
		snprintf(lasers, sizeof(lasers), "ELSFP_LASERS=");
	kobject_uevent_env(&els->cdev->dev.kobj, KOBJ_CHANGE, env);
}

/*
 * The one place a slot changes state, under cdev->lock.  notify is false
 * at probe, where device_add() announces the lasers already.
 */
static void cpo_els_sm_set(struct cpo_els *els, enum cpo_els_sm next,
			   bool notify)
{
	struct cpo_dev *cdev = els->cdev;
	enum cpo_els_sm prev = els->sm;

	lockdep_assert_held(&cdev->lock);
	if (prev == next)
		return;
	/*
	 * The laser devices come and go before the state attribute (read
	 * without the lock) says the module is there or gone.
	 */
	if (next == CPO_ELS_SM_EMPTY)
		cpo_els_lasers_unregister(els);
	else if (prev == CPO_ELS_SM_EMPTY)
		cpo_els_lasers_register(els);
	WRITE_ONCE(els->sm, next);
	dev_dbg(&els->dev, "state %s -> %s\n", cpo_els_sm_str(prev),
		cpo_els_sm_str(next));

	if (next == CPO_ELS_SM_EMPTY) {
		cpo_els_mark_ports(els, false);
		if (notify)
			cpo_els_uevent(els, "removed");
	} else if (prev == CPO_ELS_SM_EMPTY) {
		if (notify)
			cpo_els_uevent(els, "inserted");
	}
	if (next == CPO_ELS_SM_REMOVING || next == CPO_ELS_SM_SAFE)
		cpo_els_mark_ports(els, true);
	else if (next == CPO_ELS_SM_ON)
		cpo_els_mark_ports(els, false);
	if (notify)
		sysfs_notify(&els->dev.kobj, NULL, "state");
}

static enum cpo_els_sm cpo_els_sm_from_hw(bool present, u8 state)
{
	if (!present || state > CPO_HW_ELS_ST_FAULT)
		return present ? CPO_ELS_SM_FAULT : CPO_ELS_SM_EMPTY;
	/* enum cpo_els_sm follows enum cpo_hw_els_state */
	return (enum cpo_els_sm)state;
}

/* Bring every slot to the state telemetry shows. */
static void cpo_els_sm_sync(struct cpo_dev *cdev, bool notify)
{
	enum cpo_els_sm *target;
	unsigned int i;

	if (!cdev->n_els)
		return;
	target = kcalloc(cdev->n_els, sizeof(*target), GFP_KERNEL);
	if (!target)
		return;
	if (cpo_telem_lock(cdev)) {
		kfree(target);
		return;
	}
	for (i = 0; i < cdev->n_els; i++)
		target[i] = cpo_els_sm_from_hw(cdev->snap.els[i].present,
					       cdev->snap.els[i].state);
	cpo_telem_unlock(cdev);

	mutex_lock(&cdev->lock);
	for (i = 0; i < cdev->n_els; i++)
		cpo_els_sm_set(&cdev->els[i], target[i], notify);
	mutex_unlock(&cdev->lock);
	kfree(target);
}

/*
 * Events drive the slots; telemetry has the last word.  A slot whose state
 * telemetry contradicts at two checks in a row, with no event for it in
 * between, follows telemetry: an event lost, or a forged one that passed
 * validation, does not leave a slot wrong until its next real event.  The
 * check reads each slot's present and state bytes with one 16-bit read
 * (no telemetry copy): a torn value cannot be seen twice in a row.
 */
static void cpo_els_sm_check(struct cpo_dev *cdev)
{
	void __iomem *rec = cdev->shm + cdev->telem_off +
			    sizeof(struct cpo_hw_telem_hdr) +
			    cdev->n_oe * sizeof(struct cpo_hw_oe_telem) +
			    cdev->n_lanes * sizeof(struct cpo_hw_lane_telem);
	unsigned int i;

	mutex_lock(&cdev->lock);
	for (i = 0; i < cdev->n_els; i++) {
		struct cpo_els *els = &cdev->els[i];
		u16 v = readw(rec + i * sizeof(struct cpo_hw_els_telem));
		enum cpo_els_sm target = cpo_els_sm_from_hw(v & 0xff, v >> 8);

		if (target == els->sm) {
			els->mismatch = false;
		} else if (els->mismatch &&
			   els->mismatch_events == els->sm_events) {
			dev_info_ratelimited(&els->dev,
					     "state %s but the device shows %s: following the device\n",
					     cpo_els_sm_str(els->sm),
					     cpo_els_sm_str(target));
			cpo_els_sm_set(els, target, true);
			els->mismatch = false;
			cdev->els_fixes++;
		} else {
			els->mismatch = true;
			els->mismatch_events = els->sm_events;
		}
	}
	mutex_unlock(&cdev->lock);
}

void cpo_els_sm_init(struct cpo_dev *cdev)
{
	cpo_els_sm_sync(cdev, false);
}

/* Lost events or a device reset: re-read everything that events update. */
void cpo_resync(struct cpo_dev *cdev)
{
	struct cpo_event ev = {
		.type = CPO_HW_EV_RESET,
		.obj_type = CPO_HW_OBJ_DEV,
	};

	cdev->resyncs++;
	cpo_read_thresholds(cdev);
	cpo_telem_invalidate(cdev);
	cpo_els_sm_sync(cdev, true);
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
	struct cpo_els *els;

	trace_cpo_event(cdev, ev);
	cdev->events++;
	switch (ev->type) {
	case CPO_HW_EV_RESET:
		return true;
	case CPO_HW_EV_THRESH:
		cpo_event_sysfs_notify(cdev, ev, "alarms");
		cpo_hwmon_notify(cdev, ev);
		break;
	case CPO_HW_EV_ELS_INSERTED:
	case CPO_HW_EV_ELS_REMOVED:
	case CPO_HW_EV_ELS_STATE:
		els = &cdev->els[ev->obj];
		mutex_lock(&cdev->lock);
		els->sm_events++;
		if (ev->type == CPO_HW_EV_ELS_REMOVED)
			cpo_els_sm_set(els, CPO_ELS_SM_EMPTY, true);
		else if (ev->type == CPO_HW_EV_ELS_INSERTED)
			cpo_els_sm_set(els, els->sm == CPO_ELS_SM_EMPTY ?
				       CPO_ELS_SM_PROBING : els->sm, true);
		else
			cpo_els_sm_set(els, cpo_els_sm_from_hw(
					ev->value != CPO_HW_ELS_ST_EMPTY,
					ev->value), true);
		mutex_unlock(&cdev->lock);
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
		if (head - cdev->ev_tail <= cdev->evring_entries)
			cdev->ev_tail = head;
		cdev->last_overflow = overflow;
		resync = true;
	}
	if (overflow != cdev->last_overflow) {
		cdev->overflows += overflow - cdev->last_overflow;
		cdev->last_overflow = overflow;
		dev_info_ratelimited(&cdev->dev,
				     "event ring overflowed, resyncing\n");
		resync = true;
	}
	pending = head - cdev->ev_tail;
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
		if (head != cdev->ev_bad_head) {
			dev_warn_ratelimited(&cdev->dev,
					     "event ring head %u tail %u inconsistent, resyncing\n",
					     head, cdev->ev_tail);
			cdev->ev_bad_head = head;
			cdev->bad_events++;
			resync = true;
		}
	}
	/* entries are read after the head that published them */
	rmb();
	n = min_t(u32, pending, CPO_EV_BUDGET);
	while (done < n) {
		struct cpo_hw_event hw;
		struct cpo_event ev;
		u32 slot = cdev->ev_tail & (cdev->evring_entries - 1);

		memcpy_fromio(&hw, ring + sizeof(struct cpo_hw_evring) +
			      slot * sizeof(hw), sizeof(hw));
		cdev->ev_tail++;
		done++;
		cpo_event_decode(&ev, &hw);
		if (!cpo_event_valid(cdev, &ev)) {
			cdev->bad_events++;
			dev_warn_ratelimited(&cdev->dev,
					     "invalid event type %u object %u/%u dropped\n",
					     ev.type, ev.obj_type, ev.obj);
			continue;
		}
		if (cpo_event_handle(cdev, &ev))
			resync = true;
	}
	writel(cdev->ev_tail, ring + offsetof(struct cpo_hw_evring, tail));
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
	struct cpo_dev *cdev = container_of(work, struct cpo_dev, event_work);

	if (cpo_events_process(cdev) &&
	    !test_bit(CPO_DEV_REMOVING, &cdev->state))
		queue_work(system_wq, &cdev->event_work);
}

/* ---- heartbeat watchdog and polling ---- */

static void cpo_watchdog_work(struct work_struct *work)
{
	struct cpo_dev *cdev = container_of(to_delayed_work(work),
					    struct cpo_dev, poll_work);
	u32 hb;

	if (test_bit(CPO_DEV_REMOVING, &cdev->state))
		return;
	cdev->watchdog_runs++;
	hb = cpo_read_heartbeat(cdev);
	if (hb != cdev->last_heartbeat) {
		cdev->last_heartbeat = hb;
		cdev->hb_changed = jiffies;
		cdev->heartbeat_misses = 0;
		if (cpo_dev_failed(cdev) &&
		    ++cdev->hb_good >= CPO_HB_RECOVER_TICKS) {
			cdev->hb_good = 0;
			cpo_dev_clear_failed(cdev);
			/* events of the hung period are stale: resync */
			set_bit(CPO_DEV_RESYNC, &cdev->state);
		}
	} else {
		cdev->hb_good = 0;
		cdev->heartbeat_misses++;
		if (!cpo_dev_failed(cdev) && cpo_heartbeat_misses &&
		    cdev->heartbeat_misses >= cpo_heartbeat_misses &&
		    time_after(jiffies, cdev->hb_changed +
			       msecs_to_jiffies(CPO_HB_MIN_TIMEOUT_MS))) {
			cpo_dev_set_failed(cdev, "heartbeat stopped");
			cpo_netdev_update_carrier(cdev);
		}
	}
	/* the polling fallback, and a net under lost interrupts */
	if (!cpo_dev_failed(cdev)) {
		queue_work(system_wq, &cdev->event_work);
		/* without a ring, slot changes show only in telemetry */
		if (!cdev->evring_entries)
			cpo_els_sm_sync(cdev, true);
		else
			cpo_els_sm_check(cdev);
	}
	queue_delayed_work(system_wq, &cdev->poll_work,
			   cpo_watchdog_interval(cdev));
}

void cpo_events_init(struct cpo_dev *cdev)
{
	INIT_WORK(&cdev->event_work, cpo_event_work);
	INIT_DELAYED_WORK(&cdev->poll_work, cpo_watchdog_work);
}

void cpo_events_start(struct cpo_dev *cdev)
{
	if (cdev->evring_entries) {
		void __iomem *ring = cdev->shm + cdev->evring_off;

		/* the probe-time snapshot already covers older events */
		cdev->ev_tail = readl(ring + offsetof(struct cpo_hw_evring, head));
		cdev->last_overflow =
			readl(ring + offsetof(struct cpo_hw_evring, overflow));
		writel(cdev->ev_tail, ring + offsetof(struct cpo_hw_evring, tail));
	}
	cdev->last_heartbeat = cpo_read_heartbeat(cdev);
	cdev->hb_changed = jiffies;
	cdev->events_started = true;
	queue_delayed_work(system_wq, &cdev->poll_work,
			   cpo_watchdog_interval(cdev));
}

void cpo_events_stop(struct cpo_dev *cdev)
{
	if (!cdev->events_started)
		return;
	set_bit(CPO_DEV_REMOVING, &cdev->state);
	cancel_delayed_work_sync(&cdev->poll_work);
	cancel_work_sync(&cdev->event_work);
	cdev->events_started = false;
}
