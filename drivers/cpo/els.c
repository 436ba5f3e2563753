// SPDX-License-Identifier: GPL-2.0
/*
 * ELSFP slots: one state machine per slot, the one owner of what a slot
 * holds and what it is doing.  sysfs (elsN/state, elsN/present and the
 * readings), netlink (the slot's CPO_A_STATE, CPO_A_PRESENT and readings),
 * hwmon, thermal, devlink health and debugfs all read cpo_els_state() and
 * cpo_els_present(); the telemetry record's own present byte is only the
 * device's view, which the machine follows (TIMEOUT, RESYNC).
 *
 * The device runs the slot (OIF-ELSFP: probing, a low-power fiber check,
 * ramping, on; prepare-removal ramps down to safe) and reports it with
 * events; the host's machine follows those events and does what the host
 * must do on each transition: register or unregister the module's laser
 * devices, mark the ports it feeds removal_pending, send uevents, tell a
 * prepared removal from a module pulled while lighting ports.
 *
 * Events (enum cpo_els_event), all under cdev->lock:
 *   INSERT      the device reports a module inserted
 *   REMOVE      the device reports the module removed
 *   STATE       the device reports a new slot state
 *   CHECK_DONE  the device ends the fiber check (a STATE out of it)
 *   TIMEOUT     a watchdog tick: telemetry's view of the slot, which the
 *               slot follows when it contradicts the machine at two ticks
 *               in a row with no event in between (a lost or forged event)
 *   RESYNC      probe, lost events, a device reset: follow telemetry now
 *
 * A removal goes through a contract with userspace before the device
 * is asked to ramp the module down: the request is announced on the
 * netlink monitor group with its blast radius (ports and lanes) and an
 * id, and the lasers stay on until an answer (proceed or abort) or the
 * request's timeout, on which it does what the request asked.  A request
 * may name one laser of the slot instead: its announcement carries that
 * laser's blast radius only, and going ahead disables that laser (as a
 * laser-set with enabled 0 does) rather than ramping the module down.
 */
#include <linux/debugfs.h>
#include <linux/jiffies.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>

#include "cpo.h"
#include "trace.h"

/*
 * the machine's states are the uapi's and the device's, value for value:
 * cpo_els_state_str() (cpo-names-gen.c) names them with the spec's names
 */
#define CPO_ELS_SM_SAME(x)						\
	static_assert((int)CPO_ELS_SM_##x == (int)CPO_ELS_STATE_##x &&	\
		      (int)CPO_ELS_SM_##x == (int)CPO_HW_ELS_ST_##x)
CPO_ELS_SM_SAME(EMPTY);
CPO_ELS_SM_SAME(PROBING);
CPO_ELS_SM_SAME(FIBER_CHECK);
CPO_ELS_SM_SAME(RAMPING);
CPO_ELS_SM_SAME(ON);
CPO_ELS_SM_SAME(REMOVING);
CPO_ELS_SM_SAME(SAFE);
CPO_ELS_SM_SAME(FAULT);

static const char * const cpo_els_event_names[] = {
	[CPO_ELS_E_INSERT] = "insert",
	[CPO_ELS_E_REMOVE] = "remove",
	[CPO_ELS_E_STATE] = "state",
	[CPO_ELS_E_CHECK_DONE] = "check_done",
	[CPO_ELS_E_TIMEOUT] = "timeout",
	[CPO_ELS_E_RESYNC] = "resync",
};

static const char *cpo_els_event_str(enum cpo_els_event event)
{
	if ((unsigned int)event >= ARRAY_SIZE(cpo_els_event_names))
		return "unknown";
	return cpo_els_event_names[event];
}

/**
 * cpo_els_state() - the state of an ELSFP slot
 * @els: the slot
 *
 * The one answer every interface gives.  Read without cdev->lock (sysfs
 * callbacks cannot take it, telemetry readers hold telem_lock): the value
 * is one word, written only by the state machine.
 *
 * Return: the slot's state.
 */
enum cpo_els_sm cpo_els_state(const struct cpo_els *els)
{
	return READ_ONCE(els->fsm.state);
}

/**
 * cpo_els_present() - whether an ELSFP slot holds a module
 * @els: the slot
 *
 * The one answer to "is a module there" that every interface gives (sysfs
 * elsN/present and the gating of its readings, netlink CPO_A_PRESENT,
 * hwmon, thermal, devlink health): the slot's state machine says so, not
 * the telemetry record's present byte.  Lockless like cpo_els_state(): one
 * word written only by the state machine, safe from sysfs, hwmon and
 * thermal callbacks and under telem_lock.
 *
 * Return: true unless the slot's state is empty.
 */
bool cpo_els_present(const struct cpo_els *els)
{
	return cpo_els_state(els) != CPO_ELS_SM_EMPTY;
}

/**
 * cpo_els_has_readings() - whether a slot's telemetry readings may be shown
 * @els: the slot
 * @t: its record in the telemetry snapshot, under telem_lock
 *
 * Readings (temperature, supply, currents, alarm flags) are shown only
 * while the state machine says a module is there.  Around a transition the
 * snapshot may disagree until the device's event is handled, and the state
 * machine wins either way: a record that shows a module the machine has not
 * yet seen inserted is not shown (the slot is still empty to users), and a
 * record that no longer shows the machine's module (pulled, the removal
 * event not yet handled) has no readings to show, whatever the device left
 * in its fields, so the slot reads as present without readings until the
 * machine empties it.
 *
 * Return: true when @t's readings are the module's.
 */
bool cpo_els_has_readings(const struct cpo_els *els, const struct cpo_els_tm *t)
{
	return cpo_els_present(els) && cpo_els_tm_present(t);
}

/* ---- what the host does on a transition ---- */

static void cpo_els_mark_ports(struct cpo_els *els, bool pending)
{
	struct cpo_dev *cdev = els->cdev;
	unsigned int p;

	for (p = 0; p < cdev->n_ports; p++)
		if (cpo_els_feeds_port(cdev, els->index, p))
			cdev->port[p].removal_pending = pending;
}

static void cpo_els_lasers_register(struct cpo_els *els)
{
	struct cpo_dev *cdev = els->cdev;
	unsigned int i;

	for (i = 0; i < els->n_lasers; i++)
		cpo_laser_register(&cdev->laser[els->first_laser + i]);
	els->fsm.lasers_registered = true;
}

static void cpo_els_lasers_unregister(struct cpo_els *els)
{
	struct cpo_dev *cdev = els->cdev;
	unsigned int i;

	for (i = els->n_lasers; i-- > 0;)
		cpo_laser_unregister(&cdev->laser[els->first_laser + i]);
	els->fsm.lasers_registered = false;
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
 * A module went away while lighting ports (not through prepare-removal,
 * which takes the slot through removing to safe first): log the ports it
 * darkened and tell the devlink laser reporter.
 */
static void cpo_els_pulled_unprepared(struct cpo_els *els,
				      const struct cpo_event *ev)
{
	struct cpo_dev *cdev = els->cdev;
	char buf[256];
	size_t len = 0;
	unsigned int p, n = 0;

	buf[0] = '\0';
	mutex_lock(&cdev->netdevs.lock);
	for (p = 0; p < cdev->n_ports; p++) {
		struct net_device *ndev = cdev->port[p].netdev;

		if (!cpo_els_feeds_port(cdev, els->index, p))
			continue;
		n++;
		if (len >= sizeof(buf) - 16)
			continue;
		len += scnprintf(buf + len, sizeof(buf) - len, " %s%s%u",
				 ndev ? netdev_name(ndev) : "",
				 ndev ? "/port" : "port", p);
	}
	mutex_unlock(&cdev->netdevs.lock);
	if (len >= sizeof(buf) - 16)
		scnprintf(buf + len, sizeof(buf) - len, " ...");
	dev_err(&cdev->dev,
		"ELSFP slot %u removed without prepare-removal: %u ports lost light:%s\n",
		els->index, n, buf);
	if (ev)
		cpo_devlink_els_pulled(cdev, ev);
}

/*
 * Enter @next: the one place a slot changes state, on @ev (NULL when the
 * slot follows telemetry).  Laser devices come
 * and go before the state (read without the lock) says the module is
 * there or gone.  Uevents and sysfs notifications only once the device
 * is announced: at probe, device_add() announces the lasers already.
 */
static void cpo_els_sm_enter(struct cpo_els *els, enum cpo_els_event event,
			     enum cpo_els_sm next, const struct cpo_event *ev)
{
	struct cpo_dev *cdev = els->cdev;
	enum cpo_els_sm prev = els->fsm.state;
	bool notify = cdev->els_dev.announce;

	if (prev == next)
		return;
	if (next == CPO_ELS_SM_EMPTY)
		cpo_els_lasers_unregister(els);
	else if (prev == CPO_ELS_SM_EMPTY)
		cpo_els_lasers_register(els);
	WRITE_ONCE(els->fsm.state, next);
	trace_cpo_els_state(cdev, els->index, event, prev, next);
	dev_dbg(&els->dev, "%s: state %s -> %s\n", cpo_els_event_str(event),
		cpo_els_state_str(prev), cpo_els_state_str(next));

	if (next == CPO_ELS_SM_EMPTY) {
		cpo_els_mark_ports(els, false);
		if (notify)
			cpo_els_uevent(els, "removed");
	} else if (prev == CPO_ELS_SM_EMPTY) {
		if (notify)
			cpo_els_uevent(els, "inserted");
	}
	if (next == CPO_ELS_SM_REMOVING || next == CPO_ELS_SM_SAFE) {
		cpo_els_mark_ports(els, true);
	} else if (next == CPO_ELS_SM_ON) {
		cpo_els_mark_ports(els, false);
		if (notify)
			cpo_devlink_els_on(cdev, els->index, ev);
	}
	if (notify)
		sysfs_notify(&els->dev.kobj, NULL, "state");
}

/*
 * TIMEOUT: events drive the slot, telemetry (@seen) has the last word.
 * Returns the state the slot follows.
 */
static enum cpo_els_sm cpo_els_sm_timeout(struct cpo_els *els,
					  enum cpo_els_sm seen)
{
	struct cpo_els_fsm *fsm = &els->fsm;

	if (seen == fsm->state) {
		fsm->mismatch = false;
		return seen;
	}
	if (!fsm->mismatch || fsm->mismatch_events != fsm->events) {
		/* once may be a copy taken mid-change: wait for a second */
		fsm->mismatch = true;
		fsm->mismatch_events = fsm->events;
		return fsm->state;
	}
	dev_info_ratelimited(&els->dev,
			     "state %s but the device shows %s: following the device\n",
			     cpo_els_state_str(fsm->state), cpo_els_state_str(seen));
	fsm->mismatch = false;
	els->cdev->els_dev.fixes++;
	return seen;
}

/*
 * Run one event through the slot's machine.  @arg is the state the device
 * reports (STATE, CHECK_DONE) or telemetry shows (TIMEOUT, RESYNC); @ev is
 * the device event behind INSERT, REMOVE, STATE and CHECK_DONE.
 */
static void cpo_els_sm_event(struct cpo_els *els, enum cpo_els_event event,
			     enum cpo_els_sm arg, const struct cpo_event *ev)
{
	struct cpo_els_fsm *fsm = &els->fsm;
	enum cpo_els_sm cur = fsm->state, next = cur;

	lockdep_assert_held(&els->cdev->lock);
	switch (event) {
	case CPO_ELS_E_INSERT:
		fsm->events++;
		/* the device's own state events take it on from probing */
		if (cur == CPO_ELS_SM_EMPTY)
			next = CPO_ELS_SM_PROBING;
		break;
	case CPO_ELS_E_REMOVE:
		fsm->events++;
		if (cur != CPO_ELS_SM_EMPTY && cur != CPO_ELS_SM_REMOVING &&
		    cur != CPO_ELS_SM_SAFE)
			cpo_els_pulled_unprepared(els, ev);
		next = CPO_ELS_SM_EMPTY;
		break;
	case CPO_ELS_E_CHECK_DONE:
		fsm->events++;
		dev_dbg(&els->dev, "fiber check %s\n",
			arg == CPO_ELS_SM_RAMPING || arg == CPO_ELS_SM_ON ?
			"passed" : "ended");
		next = arg;
		break;
	case CPO_ELS_E_STATE:
		fsm->events++;
		/* the device runs the slot: its report is the new state */
		next = arg;
		break;
	case CPO_ELS_E_TIMEOUT:
		next = cpo_els_sm_timeout(els, arg);
		break;
	case CPO_ELS_E_RESYNC:
		fsm->mismatch = false;
		next = arg;
		break;
	}
	cpo_els_sm_enter(els, event, next, ev);
}

static enum cpo_els_sm cpo_els_sm_from_hw(bool present, u8 state)
{
	if (!present)
		return CPO_ELS_SM_EMPTY;
	if (state > CPO_HW_ELS_ST_FAULT)
		return CPO_ELS_SM_FAULT;
	return (enum cpo_els_sm)state;
}

/**
 * cpo_els_event() - run a device event through its slot's state machine
 * @cdev: the device
 * @ev: a validated ELS_INSERTED, ELS_REMOVED or ELS_STATE event
 *
 * Called by the event path without cdev->lock.
 */
void cpo_els_event(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	struct cpo_els *els;
	enum cpo_els_sm arg = CPO_ELS_SM_EMPTY;
	enum cpo_els_event event;

	if (ev->obj_type != CPO_HW_OBJ_ELS || ev->obj >= cdev->n_els)
		return;
	els = &cdev->els[ev->obj];
	switch (ev->type) {
	case CPO_HW_EV_ELS_INSERTED:
		event = CPO_ELS_E_INSERT;
		break;
	case CPO_HW_EV_ELS_REMOVED:
		event = CPO_ELS_E_REMOVE;
		break;
	case CPO_HW_EV_ELS_STATE:
		if (ev->value < 0 || ev->value > CPO_HW_ELS_ST_FAULT)
			return;
		arg = cpo_els_sm_from_hw(ev->value != CPO_HW_ELS_ST_EMPTY,
					 ev->value);
		event = CPO_ELS_E_STATE;
		break;
	default:
		return;
	}

	mutex_lock(&cdev->lock);
	if (event == CPO_ELS_E_STATE &&
	    els->fsm.state == CPO_ELS_SM_FIBER_CHECK &&
	    arg != CPO_ELS_SM_FIBER_CHECK)
		event = CPO_ELS_E_CHECK_DONE;
	cpo_els_sm_event(els, event, arg, ev);
	mutex_unlock(&cdev->lock);
}

/*
 * Run @event, RESYNC or TIMEOUT, through every slot with what telemetry
 * shows: the snapshot, the one decoded copy of the window every reader
 * takes (cpo_telem_lock()).  A TIMEOUT needs a copy taken since the last
 * events (they drop the copy): a refresh that gave up on torn reads
 * serves an older one, and the slots then wait for the next tick.
 */
static void cpo_els_sync(struct cpo_dev *cdev, enum cpo_els_event event)
{
	enum cpo_els_sm *seen;
	unsigned int i;

	if (!cdev->n_els)
		return;
	seen = kcalloc(cdev->n_els, sizeof(*seen), GFP_KERNEL);
	if (!seen)
		return;
	if (cpo_telem_lock(cdev)) {
		kfree(seen);
		return;
	}
	if (event == CPO_ELS_E_TIMEOUT && cdev->snap.stale) {
		cpo_telem_unlock(cdev);
		kfree(seen);
		return;
	}
	for (i = 0; i < cdev->n_els; i++)
		seen[i] = cpo_els_sm_from_hw(cdev->snap.els[i].present,
					     cdev->snap.els[i].state);
	cpo_telem_unlock(cdev);

	mutex_lock(&cdev->lock);
	for (i = 0; i < cdev->n_els; i++)
		cpo_els_sm_event(&cdev->els[i], event, seen[i], NULL);
	mutex_unlock(&cdev->lock);
	kfree(seen);
}

/**
 * cpo_els_resync() - bring every slot to the state telemetry shows
 * @cdev: the device
 *
 * After lost events or a device reset; called without cdev->lock.
 */
void cpo_els_resync(struct cpo_dev *cdev)
{
	cpo_els_sync(cdev, CPO_ELS_E_RESYNC);
}

/**
 * cpo_els_tick() - the watchdog's TIMEOUT for every slot
 * @cdev: the device
 *
 * Without an event ring telemetry is all there is: every slot follows it
 * at once.  With one, each slot's state in the telemetry snapshot (read
 * through the core, as every reader does) goes to the machine, which
 * follows it when it disagrees at two ticks in a row.  Called without
 * cdev->lock.
 */
void cpo_els_tick(struct cpo_dev *cdev)
{
	cpo_els_sync(cdev, cdev->evring_entries ? CPO_ELS_E_TIMEOUT :
						  CPO_ELS_E_RESYNC);
}

/**
 * cpo_els_prepare_removal() - ask the device to make a slot safe to pull
 * @cdev: the device
 * @slot: the slot
 *
 * The device ramps the module down (removing) to safe and says so with
 * state events, which mark the ports the module feeds removal_pending.
 *
 * Return: 0 or a negative errno.
 */
int cpo_els_prepare_removal(struct cpo_dev *cdev, u16 slot)
{
	__le16 a = cpu_to_le16(slot);

	if (slot >= cdev->n_els)
		return -EINVAL;
	return cpo_cmd_set(cdev, CPO_HW_CMD_ELS_PREPARE_REMOVAL, &a, sizeof(a));
}

/* ---- the removal contract ---- */

static unsigned int cpo_removal_timeout_ms = 30000;

/* the netlink policy's bound (cpo.yaml), so a value set is one it takes */
static int cpo_removal_timeout_set(const char *val,
				   const struct kernel_param *kp)
{
	return cpo_param_set_uint(val, kp, 0, CPO_REMOVAL_TIMEOUT_MAX_MS);
}

static const struct kernel_param_ops cpo_removal_timeout_ops = {
	.set = cpo_removal_timeout_set,
	.get = param_get_uint,
};
module_param_cb(removal_timeout_ms, &cpo_removal_timeout_ops,
		&cpo_removal_timeout_ms, 0644);
MODULE_PARM_DESC(removal_timeout_ms,
		 "ms a removal request waits for an answer when it names none, 0-600000 (0: none, 30000)");

static bool cpo_removal_timeout_abort;
module_param_named(removal_timeout_abort, cpo_removal_timeout_abort, bool, 0644);
MODULE_PARM_DESC(removal_timeout_abort,
		 "an unanswered removal request that names no action is aborted, not carried out (N)");

/*
 * What the device is asked once a request goes ahead: disable the one
 * laser it names, or ramp the slot down.  No lock held.
 */
static int cpo_els_removal_do(struct cpo_dev *cdev, u16 slot, u16 laser)
{
	if (laser != CPO_HW_NONE)
		return cpo_laser_enable(cdev, laser, false);
	return cpo_els_prepare_removal(cdev, slot);
}

static void cpo_els_removal_go(struct cpo_dev *cdev, u16 slot, u16 laser,
			       u32 id)
{
	int err = cpo_els_removal_do(cdev, slot, laser);

	if (err && laser != CPO_HW_NONE)
		dev_err(&cdev->els[slot].dev,
			"removal request %u: the device did not disable laser %u (%d)\n",
			id, laser, err);
	else if (err)
		dev_err(&cdev->els[slot].dev,
			"removal request %u: the device did not start the ramp-down (%d)\n",
			id, err);
}

/* what going ahead with a request does, for the kernel log */
static const char *cpo_els_removal_what(u16 laser)
{
	return laser != CPO_HW_NONE ? "disabling the laser" : "ramping down";
}

/*
 * A request for one laser: it must be one of @slot's, in service.
 * Return: 0, or -EINVAL with *@why set.
 */
static int cpo_els_removal_laser_check(struct cpo_dev *cdev, u16 slot,
				       u16 laser, const char **why)
{
	const struct cpo_laser *la;

	if (laser >= cdev->n_lasers) {
		*why = "no such laser";
		return -EINVAL;
	}
	la = &cdev->laser[laser];
	if (la->els != slot) {
		*why = "the laser is not in this ELSFP slot";
		return -EINVAL;
	}
	if (READ_ONCE(la->out_of_service)) {
		*why = "the laser is out of service: it was replaced by a spare";
		return -EINVAL;
	}
	if (READ_ONCE(la->spare) || !READ_ONCE(la->n_lanes)) {
		*why = "the laser is a spare: it feeds no lane";
		return -EINVAL;
	}
	return 0;
}

/**
 * cpo_els_removal_pending() - whether a removal request of a slot waits
 * @cdev: the device
 * @slot: the slot
 *
 * Return: true from the announcement until the answer or the timeout.
 */
bool cpo_els_removal_pending(struct cpo_dev *cdev, u16 slot)
{
	bool pending;

	mutex_lock(&cdev->els_dev.removal_lock);
	pending = cdev->els[slot].removal.id;
	mutex_unlock(&cdev->els_dev.removal_lock);
	return pending;
}

static void cpo_els_removal_timeout(struct work_struct *work)
{
	struct cpo_els_removal *r = container_of(to_delayed_work(work),
						 struct cpo_els_removal,
						 timeout);
	struct cpo_els *els = container_of(r, struct cpo_els, removal);
	struct cpo_dev *cdev = els->cdev;
	u32 id, action;
	u16 laser;

	mutex_lock(&cdev->els_dev.removal_lock);
	/* answered meanwhile, or a newer request with a later deadline */
	id = r->id;
	if (!id || time_before(jiffies, r->deadline)) {
		mutex_unlock(&cdev->els_dev.removal_lock);
		return;
	}
	action = r->action;
	laser = r->laser;
	r->id = 0;
	cpo_nl_notify_removal(cdev, els->index, laser,
			      CPO_EVENT_ELS_REMOVAL_TIMEOUT, id, 0, action);
	mutex_unlock(&cdev->els_dev.removal_lock);
	dev_info(&els->dev, "removal request %u unanswered: %s\n", id,
		 action == CPO_REMOVAL_PROCEED ? cpo_els_removal_what(laser) :
						 "aborted");
	if (action == CPO_REMOVAL_PROCEED)
		cpo_els_removal_go(cdev, els->index, laser, id);
}

/**
 * cpo_els_removal_request() - announce a slot's removal and wait for an answer
 * @cdev: the device
 * @slot: the slot
 * @laser: one laser of the slot to take out of service, CPO_HW_NONE for
 *	   the whole slot
 * @timeout_ms: how long to wait for an answer; 0: removal_timeout_ms
 * @action: enum cpo_removal_action at the timeout; 0: the module's default
 * @id: the request's id, set on success
 * @why: set to the reason when @laser is refused (-EINVAL); may be NULL
 *	 when @laser is CPO_HW_NONE
 *
 * The lasers stay on: the device is asked to ramp them down (or to
 * disable @laser) only on an answer to proceed (cpo_els_removal_answer())
 * or at the timeout when @action says so.  A timeout of 0 with no module
 * default acts at once.
 *
 * Return: 0, -EBUSY with a request pending, -ENODEV for an empty slot,
 * -EALREADY for a module already ramped down (safe to pull), -EINVAL for
 * a laser that is not an in-service laser of the slot.
 */
int cpo_els_removal_request(struct cpo_dev *cdev, u16 slot, u16 laser,
			    u32 timeout_ms, u32 action, u32 *id,
			    const char **why)
{
	struct cpo_els_removal *r;
	int err = 0;

	if (why)
		*why = NULL;
	if (slot >= cdev->n_els)
		return -EINVAL;
	if (laser != CPO_HW_NONE) {
		const char *reason;

		err = cpo_els_removal_laser_check(cdev, slot, laser, &reason);
		if (err) {
			if (why)
				*why = reason;
			return err;
		}
	}
	if (!timeout_ms)
		timeout_ms = READ_ONCE(cpo_removal_timeout_ms);
	if (action != CPO_REMOVAL_PROCEED && action != CPO_REMOVAL_ABORT)
		action = READ_ONCE(cpo_removal_timeout_abort) ?
			 CPO_REMOVAL_ABORT : CPO_REMOVAL_PROCEED;
	r = &cdev->els[slot].removal;

	mutex_lock(&cdev->els_dev.removal_lock);
	if (cdev->els_dev.removal_closed)
		err = -ENODEV;
	else if (r->id)
		err = -EBUSY;
	else if (cpo_els_state(&cdev->els[slot]) == CPO_ELS_SM_EMPTY)
		err = -ENODEV;
	else if (cpo_els_state(&cdev->els[slot]) == CPO_ELS_SM_SAFE)
		err = -EALREADY;
	if (err)
		goto out_unlock;
	if (!++cdev->els_dev.removal_seq)
		++cdev->els_dev.removal_seq;
	r->id = cdev->els_dev.removal_seq;
	r->action = action;
	r->laser = laser;
	r->deadline = jiffies + msecs_to_jiffies(timeout_ms);
	*id = r->id;
	/* announced before the timeout can fire */
	cpo_nl_notify_removal(cdev, slot, laser, CPO_EVENT_ELS_REMOVAL_PENDING,
			      r->id, timeout_ms, action);
	mod_delayed_work(system_wq, &r->timeout, msecs_to_jiffies(timeout_ms));
out_unlock:
	mutex_unlock(&cdev->els_dev.removal_lock);
	if (!err && laser != CPO_HW_NONE)
		dev_info(&cdev->els[slot].dev,
			 "removal request %u of laser %u announced: waiting %u ms for an answer\n",
			 *id, laser, timeout_ms);
	else if (!err)
		dev_info(&cdev->els[slot].dev,
			 "removal request %u announced: waiting %u ms for an answer\n",
			 *id, timeout_ms);
	return err;
}

/**
 * cpo_els_removal_answer() - answer a slot's pending removal request
 * @cdev: the device
 * @slot: the slot
 * @id: the request's id, as announced
 * @action: CPO_REMOVAL_PROCEED to ramp down (or disable the laser the
 *	    request names), CPO_REMOVAL_ABORT to forget it
 *
 * Return: 0 or the ramp-down (laser disable) command's error, -ENOENT
 * with no request pending, -ESTALE when @id is not the pending request's.
 */
int cpo_els_removal_answer(struct cpo_dev *cdev, u16 slot, u32 id,
			   u32 action)
{
	struct cpo_els_removal *r;
	u16 laser;

	if (slot >= cdev->n_els ||
	    (action != CPO_REMOVAL_PROCEED && action != CPO_REMOVAL_ABORT))
		return -EINVAL;
	r = &cdev->els[slot].removal;

	mutex_lock(&cdev->els_dev.removal_lock);
	if (!r->id || cdev->els_dev.removal_closed) {
		mutex_unlock(&cdev->els_dev.removal_lock);
		return -ENOENT;
	}
	if (r->id != id) {
		mutex_unlock(&cdev->els_dev.removal_lock);
		return -ESTALE;
	}
	laser = r->laser;
	r->id = 0;
	/* a timeout already running finds no request and returns */
	cancel_delayed_work(&r->timeout);
	cpo_nl_notify_removal(cdev, slot, laser, CPO_EVENT_ELS_REMOVAL_ACKED,
			      id, 0, action);
	mutex_unlock(&cdev->els_dev.removal_lock);
	dev_info(&cdev->els[slot].dev, "removal request %u answered: %s\n", id,
		 action == CPO_REMOVAL_PROCEED ? cpo_els_removal_what(laser) :
						 "aborted");
	if (action != CPO_REMOVAL_PROCEED)
		return 0;
	return cpo_els_removal_do(cdev, slot, laser);
}

/**
 * cpo_els_init() - every slot's state from telemetry, at probe
 * @cdev: the device, its slot and laser objects allocated
 *
 * Registers the laser devices of the modules present, without uevents
 * (device_add() announces them); from then on transitions are announced.
 */
void cpo_els_init(struct cpo_dev *cdev)
{
	unsigned int i;

	mutex_init(&cdev->els_dev.removal_lock);
	for (i = 0; i < cdev->n_els; i++) {
		cdev->els[i].fsm.state = CPO_ELS_SM_EMPTY;
		INIT_DELAYED_WORK(&cdev->els[i].removal.timeout,
				  cpo_els_removal_timeout);
	}
	cdev->els_dev.removal_ready = true;
	cdev->els_dev.announce = false;
	cpo_els_sync(cdev, CPO_ELS_E_RESYNC);
	cdev->els_dev.announce = true;
}

/**
 * cpo_els_exit() - unregister the laser devices of every slot
 * @cdev: the device, being torn down
 */
void cpo_els_exit(struct cpo_dev *cdev)
{
	unsigned int i;

	/* no request from now on, and none waiting */
	if (cdev->els_dev.removal_ready) {
		mutex_lock(&cdev->els_dev.removal_lock);
		cdev->els_dev.removal_closed = true;
		mutex_unlock(&cdev->els_dev.removal_lock);
		for (i = 0; i < cdev->n_els; i++)
			cancel_delayed_work_sync(&cdev->els[i].removal.timeout);
	}
	mutex_lock(&cdev->lock);
	for (i = 0; i < cdev->n_els; i++)
		cpo_els_lasers_unregister(&cdev->els[i]);
	mutex_unlock(&cdev->lock);
}

/* ---- debugfs ---- */

static int cpo_els_state_show(struct seq_file *m, void *v)
{
	struct cpo_dev *cdev = m->private;
	unsigned int i;

	mutex_lock(&cdev->lock);
	for (i = 0; i < cdev->n_els; i++)
		seq_printf(m, "els%u %s%s\n", i,
			   cpo_els_state_str(cdev->els[i].fsm.state),
			   cdev->els[i].fsm.lasers_registered ? " lasers" : "");
	mutex_unlock(&cdev->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cpo_els_state);

/**
 * cpo_els_debugfs_init() - the slots' debugfs entries
 * @cdev: the device
 * @dir: its debugfs directory
 *
 * ``els_state`` (every slot's state, and whether its lasers are
 * registered) and ``els_fixes`` (slots that followed telemetry).
 */
void cpo_els_debugfs_init(struct cpo_dev *cdev, struct dentry *dir)
{
	debugfs_create_u64("els_fixes", 0444, dir, &cdev->els_dev.fixes);
	debugfs_create_file("els_state", 0444, dir, cdev, &cpo_els_state_fops);
}
