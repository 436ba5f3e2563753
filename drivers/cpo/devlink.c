// SPDX-License-Identifier: GPL-2.0
/*
 * devlink instance, info, flash (flash.c), ports and health reporters.
 *
 * The "laser" reporter hears about laser faults and about ELSFP modules
 * pulled without prepare-removal; the "thermal" reporter about
 * over-temperature alarms and OE faults.  Reports are taken from the event
 * path into a small queue and handed to devlink from a work item, so that
 * devlink's dump and recover callbacks (which read telemetry and run
 * mailbox commands) never run under the event path's locks.
 * Documentation/cpo/ports.rst describes what each reporter shows.
 */
#include <linux/delay.h>
#include <linux/kfifo.h>
#include <linux/spinlock.h>

#include "cpo.h"

/*
 * A burst of faults (a module full of lasers) is not reported again
 * for this long; recovery is automatic only outside of it.
 */
#define CPO_HEALTH_GRACE_MS	(10 * 60 * 1000)
#define CPO_HEALTH_QUEUE	64	/* reports in flight, power of two */
#define CPO_HEALTH_MSG_LEN	96

static bool cpo_laser_failover_recover;
module_param_named(laser_failover, cpo_laser_failover_recover, bool, 0644);
MODULE_PARM_DESC(laser_failover,
		 "Recover a faulted laser by failing over to a spare laser of its ELSFP slot, restarting it only when none is left (default: restart)");

enum cpo_health_kind {
	CPO_HEALTH_LASER,
	CPO_HEALTH_THERMAL,
};

struct cpo_health_item {
	enum cpo_health_kind kind;
	bool clear;			/* condition cleared, not raised */
	struct cpo_event ev;
	char msg[CPO_HEALTH_MSG_LEN];
};

struct cpo_devlink {
	struct cpo_dev *cdev;
	struct work_struct report_work;
	spinlock_t queue_lock;		/* protects queue, accepting, dropped */
	DECLARE_KFIFO(queue, struct cpo_health_item, CPO_HEALTH_QUEUE);
	bool accepting;
	unsigned int dropped;
	struct devlink_health_reporter *laser_reporter;
	struct devlink_health_reporter *thermal_reporter;
	struct cpo_fw_state fw;
};

static struct cpo_devlink *cpo_dl_priv(struct cpo_dev *cdev)
{
	return devlink_priv(cdev->devlink);
}

/* ---- instance and info ---- */

static int cpo_devlink_info_get(struct devlink *devlink,
				struct devlink_info_req *req,
				struct netlink_ext_ack *extack)
{
	struct cpo_dev *cdev = ((struct cpo_devlink *)devlink_priv(devlink))->cdev;
	const char *board = DEVLINK_INFO_VERSION_GENERIC_BOARD_ID;
	const char *fw = DEVLINK_INFO_VERSION_GENERIC_FW;
	char hif[16], fwv[CPO_HW_STR_LEN + 1];
	int err;

	err = cpo_devlink_info_driver_name_put(req, CPO_DRV_NAME);
	if (err)
		return err;
	if (cdev->serial[0]) {
		err = devlink_info_serial_number_put(req, cdev->serial);
		if (err)
			return err;
		err = devlink_info_board_serial_number_put(req, cdev->serial);
		if (err)
			return err;
	}
	if (cdev->model[0]) {
		err = devlink_info_version_fixed_put(req, board, cdev->model);
		if (err)
			return err;
	}
	cpo_fw_version_get(cdev, fwv);
	if (fwv[0]) {
		err = devlink_info_version_running_put(req, fw, fwv);
		if (err)
			return err;
	}
	snprintf(hif, sizeof(hif), "%u.%u", cdev->ver_major, cdev->ver_minor);
	err = devlink_info_version_running_put(req, "fw.hif", hif);
	return err ?: cpo_fw_info_put(cdev, req);
}

static int cpo_devlink_flash_update(struct devlink *devlink,
				    struct devlink_flash_update_params *params,
				    struct netlink_ext_ack *extack)
{
	struct cpo_devlink *dl = devlink_priv(devlink);

	return cpo_fw_flash_update(devlink, dl->cdev, &dl->fw, params, extack);
}

static const struct devlink_ops cpo_devlink_ops = {
	.info_get = cpo_devlink_info_get,
	.flash_update = cpo_devlink_flash_update,
};

/* ---- ports ---- */

int cpo_devlink_port_register(struct cpo_port *port)
{
	struct cpo_dev *cdev = port->cdev;
	struct devlink_port_attrs attrs = {};
	size_t len;
	int err;

	attrs.flavour = DEVLINK_PORT_FLAVOUR_PHYSICAL;
	attrs.phys.port_number = port->index;
	attrs.lanes = port->n_lanes;
	/* the switch id is the serial itself: unique and readable back */
	len = strnlen(cdev->serial, sizeof(attrs.switch_id.id));
	if (len) {
		memcpy(attrs.switch_id.id, cdev->serial, len);
		attrs.switch_id.id_len = len;
	}

	memset(&port->dl_port, 0, sizeof(port->dl_port));
	devlink_port_attrs_set(&port->dl_port, &attrs);
	err = devlink_port_register(cdev->devlink, &port->dl_port, port->index);
	if (err)
		return err;
	port->dl_port_registered = true;
	return 0;
}

void cpo_devlink_port_unregister(struct cpo_port *port)
{
	if (!port->dl_port_registered)
		return;
	devlink_port_unregister(&port->dl_port);
	port->dl_port_registered = false;
}

/* ---- health: shared pieces ---- */

static int cpo_fmsg_s32_pair_put(struct devlink_fmsg *fmsg, const char *name,
				 s32 value)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", value);
	return cpo_fmsg(devlink_fmsg_string_pair_put(fmsg, name, buf));
}

static bool cpo_laser_faulted(const struct cpo_laser_tm *zt)
{
	return zt->state == CPO_HW_LASER_ST_FAULT ||
	       zt->fault != CPO_HW_LASER_FAULT_NONE;
}

/* One laser as an object; under telem_lock with a valid snapshot. */
static int cpo_fmsg_laser(struct cpo_dev *cdev, struct devlink_fmsg *fmsg,
			  u16 laser)
{
	const struct cpo_laser_tm *zt = &cdev->snap.laser[laser];
	u16 ports[CPO_HW_LANES_PER_LASER];
	unsigned int i, n;
	int err;

	n = cpo_laser_ports(cdev, laser, ports);
	err = cpo_fmsg(devlink_fmsg_obj_nest_start(fmsg));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "laser", laser));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "slot",
						cdev->laser[laser].els));
	err = err ?: cpo_fmsg(devlink_fmsg_string_pair_put(fmsg, "state",
					cpo_laser_state_str(zt->state)));
	err = err ?: cpo_fmsg(devlink_fmsg_string_pair_put(fmsg, "fault",
					cpo_laser_fault_str(zt->fault)));
	err = err ?: cpo_fmsg(devlink_fmsg_bool_pair_put(fmsg, "enabled",
							 zt->enabled));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "bias_uA",
							zt->bias));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "power_uW",
							zt->power));
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_start(fmsg, "ports"));
	for (i = 0; !err && i < n; i++)
		err = cpo_fmsg(devlink_fmsg_u32_put(fmsg, ports[i]));
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_end(fmsg));
	return err ?: cpo_fmsg(devlink_fmsg_obj_nest_end(fmsg));
}

/* The event a report came from, for dumps. */
static int cpo_fmsg_event(struct devlink_fmsg *fmsg,
			  const struct cpo_health_item *item)
{
	const struct cpo_event *ev = &item->ev;
	int err;

	err = cpo_fmsg(devlink_fmsg_pair_nest_start(fmsg, "event"));
	err = err ?: cpo_fmsg(devlink_fmsg_obj_nest_start(fmsg));
	err = err ?: cpo_fmsg(devlink_fmsg_string_pair_put(fmsg, "message",
							   item->msg));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "seq", ev->seq));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "type",
							ev->type));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "object_type",
							ev->obj_type));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "object",
							ev->obj));
	err = err ?: cpo_fmsg_s32_pair_put(fmsg, "value", ev->value);
	err = err ?: cpo_fmsg_s32_pair_put(fmsg, "threshold", ev->threshold);
	err = err ?: cpo_fmsg(devlink_fmsg_u64_pair_put(fmsg, "timestamp_ns",
							ev->timestamp_ns));
	err = err ?: cpo_fmsg(devlink_fmsg_obj_nest_end(fmsg));
	return err ?: cpo_fmsg(devlink_fmsg_pair_nest_end(fmsg));
}

/*
 * What a reporter diagnoses: @fill puts the reporter's state into @fmsg,
 * called under telem_lock with a valid snapshot.
 */
static int cpo_health_diagnose(struct devlink_health_reporter *reporter,
			       struct devlink_fmsg *fmsg,
			       int (*fill)(struct cpo_dev *cdev,
					   struct devlink_fmsg *fmsg))
{
	struct cpo_dev *cdev = devlink_health_reporter_priv(reporter);
	int err;

	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	err = cdev->snap.valid ? fill(cdev, fmsg) : -EAGAIN;
	cpo_telem_unlock(cdev);
	return err;
}

/* What a reporter dumps: the event of the report, if any, then its state. */
static int cpo_health_dump(struct devlink_health_reporter *reporter,
			   struct devlink_fmsg *fmsg, void *priv_ctx,
			   int (*fill)(struct cpo_dev *cdev,
				       struct devlink_fmsg *fmsg))
{
	int err = 0;

	if (priv_ctx)
		err = cpo_fmsg_event(fmsg, priv_ctx);
	return err ?: cpo_health_diagnose(reporter, fmsg, fill);
}

/* ---- health: laser ---- */

/*
 * Faulted lasers, empty slots and ports waiting for a module; under
 * telem_lock with a valid snapshot.
 */
static int cpo_laser_fmsg_state(struct cpo_dev *cdev,
				struct devlink_fmsg *fmsg)
{
	unsigned int i, faulted = 0;
	int err;

	for (i = 0; i < cdev->n_lasers; i++)
		faulted += cpo_laser_faulted(&cdev->snap.laser[i]);

	err = cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "faulted_lasers",
						 faulted));
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_start(fmsg, "lasers"));
	for (i = 0; !err && i < cdev->n_lasers; i++)
		if (cpo_laser_faulted(&cdev->snap.laser[i]))
			err = cpo_fmsg_laser(cdev, fmsg, i);
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_end(fmsg));

	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_start(fmsg,
							       "empty_slots"));
	for (i = 0; !err && i < cdev->n_els; i++)
		if (!cpo_els_present(&cdev->els[i]))
			err = cpo_fmsg(devlink_fmsg_u32_put(fmsg, i));
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_end(fmsg));

	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_start(fmsg,
						"ports_removal_pending"));
	for (i = 0; !err && i < cdev->n_ports; i++)
		if (cdev->port[i].removal_pending)
			err = cpo_fmsg(devlink_fmsg_u32_put(fmsg, i));
	return err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_end(fmsg));
}

static int cpo_laser_diagnose(struct devlink_health_reporter *reporter,
			      struct devlink_fmsg *fmsg,
			      struct netlink_ext_ack *extack)
{
	return cpo_health_diagnose(reporter, fmsg, cpo_laser_fmsg_state);
}

static int cpo_laser_dump(struct devlink_health_reporter *reporter,
			  struct devlink_fmsg *fmsg, void *priv_ctx,
			  struct netlink_ext_ack *extack)
{
	return cpo_health_dump(reporter, fmsg, priv_ctx, cpo_laser_fmsg_state);
}

/* Power-cycle one faulted laser: off, then on through the device's ramp. */
static int cpo_laser_restart(struct cpo_dev *cdev, u16 laser)
{
	int err;

	err = cpo_laser_enable(cdev, laser, false);
	return err ?: cpo_laser_enable(cdev, laser, true);
}

/*
 * Fresh telemetry copies a reported fault is looked for in: a device may
 * raise the fault event at once and publish telemetry at its next update.
 */
#define CPO_FAULT_CONFIRM_COPIES	4

/*
 * Whether telemetry shows @laser faulted (not absent): 1, 0 or an error.
 * With @confirm (a report named the laser), up to CPO_FAULT_CONFIRM_COPIES
 * fresh copies, one update period apart, before answering 0.
 */
static int cpo_laser_faulted_now(struct cpo_dev *cdev, u16 laser,
				 bool confirm)
{
	unsigned int copies = confirm ? CPO_FAULT_CONFIRM_COPIES : 1;
	bool faulted;
	int err;

	for (;;) {
		err = cpo_telem_lock(cdev);
		if (err)
			return err;
		faulted = cdev->snap.valid &&
			  cpo_laser_faulted(&cdev->snap.laser[laser]) &&
			  cdev->snap.laser[laser].state != CPO_HW_LASER_ST_ABSENT;
		cpo_telem_unlock(cdev);
		if (faulted || !--copies)
			return faulted;
		msleep(clamp_t(u32, READ_ONCE(cdev->update_period_ms), 10, 1000));
		cpo_telem_invalidate(cdev);
	}
}

/* Restart @laser if telemetry shows it faulted (and its module there). */
static int cpo_laser_restart_faulted(struct cpo_dev *cdev, u16 laser,
				     bool confirm)
{
	int faulted;

	if (READ_ONCE(cdev->laser[laser].out_of_service))
		return 0;
	faulted = cpo_laser_faulted_now(cdev, laser, confirm);
	return faulted > 0 ? cpo_laser_restart(cdev, laser) : faulted;
}

/*
 * With laser_failover set, a faulted laser in service is replaced by a
 * spare of its slot: 0 when it was, else the error (-ENOSPC: none left).
 */
static int cpo_laser_failover_faulted(struct cpo_dev *cdev, u16 laser)
{
	const char *why;
	u16 used;
	int err;

	err = cpo_laser_faulted_now(cdev, laser, true);
	if (err <= 0)
		return err;
	err = cpo_laser_failover(cdev, laser, CPO_HW_NONE, &used, &why);
	/* a failover logs itself */
	if (err)
		dev_info(&cdev->dev, "laser %u: no failover (%s), restarting it\n",
			 laser, why ?: "device error");
	return err;
}

/*
 * Recovery restarts faulted lasers: the one a report named, or every
 * faulted laser on a manual "devlink health recover".  With the module
 * parameter laser_failover, the laser a report named is first replaced
 * by a spare of its slot, if one is left.  Out-of-service lasers are
 * never restarted.  Only a laser that telemetry shows faulted is
 * restarted or replaced: a stale or forged fault event does not take a
 * working laser, and the ports it feeds, down.  The device
 * repeats its eye-safety fiber check before full power.  A laser that
 * faults again within the grace period leaves the reporter in error.  A
 * module pulled without preparation is recovered by inserting one, not
 * from here.
 */
static int cpo_laser_recover(struct devlink_health_reporter *reporter,
			     void *priv_ctx, struct netlink_ext_ack *extack)
{
	struct cpo_dev *cdev = devlink_health_reporter_priv(reporter);
	const struct cpo_health_item *item = priv_ctx;
	unsigned int i;
	int err = 0;

	if (item && item->ev.type == CPO_HW_EV_ELS_REMOVED) {
		NL_SET_ERR_MSG_MOD(extack, "insert a laser module in the slot");
		return -ENODEV;
	}
	if (item && item->ev.type == CPO_HW_EV_LASER_STATE) {
		if (item->ev.obj >= cdev->n_lasers)
			return -EINVAL;
		if (READ_ONCE(cpo_laser_failover_recover) &&
		    !READ_ONCE(cdev->laser[item->ev.obj].out_of_service) &&
		    !cpo_laser_failover_faulted(cdev, item->ev.obj))
			return 0;
		err = cpo_laser_restart_faulted(cdev, item->ev.obj, true);
	} else {
		for (i = 0; !err && i < cdev->n_lasers; i++)
			err = cpo_laser_restart_faulted(cdev, i, false);
	}
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "laser restart failed");
	return err;
}

static const struct devlink_health_reporter_ops cpo_laser_reporter_ops = {
	.name = "laser",
	.diagnose = cpo_laser_diagnose,
	.dump = cpo_laser_dump,
	.recover = cpo_laser_recover,
};

/* ---- health: thermal ---- */

#define CPO_TEMP_HIGH	(CPO_HW_FLAG_HIGH_ALARM | CPO_HW_FLAG_HIGH_WARN)

static unsigned int cpo_temp_flags(u16 flags, unsigned int q)
{
	return (flags >> (4 * cpo_hw_q_slot(q))) & 0xf;
}

static const char *cpo_temp_level(unsigned int f)
{
	if (f & CPO_HW_FLAG_HIGH_ALARM)
		return "high-alarm";
	if (f & CPO_HW_FLAG_HIGH_WARN)
		return "high-warning";
	return "fault";
}

static bool cpo_oe_hot(const struct cpo_oe_tm *t)
{
	return t->state == CPO_HW_OE_ST_FAULT ||
	       (cpo_temp_flags(t->flags, CPO_HW_Q_OE_TEMP) & CPO_TEMP_HIGH);
}

/* A slot is hot only with a module in it, as its state machine says. */
static bool cpo_els_hot(struct cpo_dev *cdev, unsigned int i)
{
	const struct cpo_els_tm *t = &cdev->snap.els[i];

	return cpo_els_has_readings(&cdev->els[i], t) &&
	       (cpo_temp_flags(t->flags, CPO_HW_Q_ELS_TEMP) & CPO_TEMP_HIGH);
}

/* An engine's blast radius: the ports of its lanes. */
static int cpo_fmsg_oe_ports(struct cpo_dev *cdev, struct devlink_fmsg *fmsg,
			     unsigned int oe)
{
	unsigned int i;
	int err;

	err = cpo_fmsg(devlink_fmsg_arr_pair_nest_start(fmsg, "ports"));
	cpo_for_each_oe_port(cdev, oe, i) {
		if (err)
			break;
		err = cpo_fmsg(devlink_fmsg_u32_put(fmsg, i));
	}
	return err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_end(fmsg));
}

/* One hot object; an engine (@cdev set) with the ports it carries. */
static int cpo_fmsg_hot(struct cpo_dev *cdev, struct devlink_fmsg *fmsg,
			const char *kind, unsigned int index, s32 temp,
			const char *level)
{
	int err;

	err = cpo_fmsg(devlink_fmsg_obj_nest_start(fmsg));
	err = err ?: cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, kind, index));
	err = err ?: cpo_fmsg_s32_pair_put(fmsg, "temp_mdegC", temp);
	err = err ?: cpo_fmsg(devlink_fmsg_string_pair_put(fmsg, "level",
							   level));
	if (cdev)
		err = err ?: cpo_fmsg_oe_ports(cdev, fmsg, index);
	return err ?: cpo_fmsg(devlink_fmsg_obj_nest_end(fmsg));
}

/*
 * Engines and slots over a high temperature threshold or in fault; under
 * telem_lock with a valid snapshot.
 */
static int cpo_thermal_fmsg_state(struct cpo_dev *cdev,
				  struct devlink_fmsg *fmsg)
{
	unsigned int i, hot = 0;
	int err;

	for (i = 0; i < cdev->n_oe; i++)
		hot += cpo_oe_hot(&cdev->snap.oe[i]);
	for (i = 0; i < cdev->n_els; i++)
		hot += cpo_els_hot(cdev, i);

	err = cpo_fmsg(devlink_fmsg_u32_pair_put(fmsg, "over_temperature",
						 hot));
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_start(fmsg, "oes"));
	for (i = 0; !err && i < cdev->n_oe; i++) {
		const struct cpo_oe_tm *t = &cdev->snap.oe[i];
		unsigned int f = cpo_temp_flags(t->flags, CPO_HW_Q_OE_TEMP);

		if (!cpo_oe_hot(t))
			continue;
		err = cpo_fmsg_hot(cdev, fmsg, "oe", i, t->temp,
				   t->state == CPO_HW_OE_ST_FAULT ?
				   cpo_oe_state_str(t->state) :
				   cpo_temp_level(f));
	}
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_end(fmsg));
	err = err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_start(fmsg, "slots"));
	for (i = 0; !err && i < cdev->n_els; i++) {
		const struct cpo_els_tm *t = &cdev->snap.els[i];
		unsigned int f = cpo_temp_flags(t->flags, CPO_HW_Q_ELS_TEMP);

		if (!cpo_els_hot(cdev, i))
			continue;
		err = cpo_fmsg_hot(NULL, fmsg, "slot", i, t->temp,
				   cpo_temp_level(f));
	}
	return err ?: cpo_fmsg(devlink_fmsg_arr_pair_nest_end(fmsg));
}

static int cpo_thermal_diagnose(struct devlink_health_reporter *reporter,
				struct devlink_fmsg *fmsg,
				struct netlink_ext_ack *extack)
{
	return cpo_health_diagnose(reporter, fmsg, cpo_thermal_fmsg_state);
}

static int cpo_thermal_dump(struct devlink_health_reporter *reporter,
			    struct devlink_fmsg *fmsg, void *priv_ctx,
			    struct netlink_ext_ack *extack)
{
	return cpo_health_dump(reporter, fmsg, priv_ctx,
			       cpo_thermal_fmsg_state);
}

/*
 * No recover: cooling is not the driver's to fix, and the device protects
 * itself (an OE shuts down in fault).  The reporter returns to healthy when
 * the last alarm clears.
 */
static const struct devlink_health_reporter_ops cpo_thermal_reporter_ops = {
	.name = "thermal",
	.diagnose = cpo_thermal_diagnose,
	.dump = cpo_thermal_dump,
};

/* ---- health: reports from the event path ---- */

/* Whether the condition a reporter speaks of is gone; takes telem_lock. */
static bool cpo_health_clear(struct cpo_dev *cdev, enum cpo_health_kind kind)
{
	bool clear = true;
	unsigned int i;

	if (cpo_telem_lock(cdev))
		return false;
	if (!cdev->snap.valid) {
		clear = false;
		goto out_unlock;
	}
	if (kind == CPO_HEALTH_LASER) {
		for (i = 0; clear && i < cdev->n_lasers; i++)
			clear = READ_ONCE(cdev->laser[i].out_of_service) ||
				!cpo_laser_faulted(&cdev->snap.laser[i]);
		for (i = 0; clear && i < cdev->n_ports; i++)
			clear = !cdev->port[i].removal_pending;
	} else {
		for (i = 0; clear && i < cdev->n_oe; i++)
			clear = !cpo_oe_hot(&cdev->snap.oe[i]);
		for (i = 0; clear && i < cdev->n_els; i++)
			clear = !cpo_els_hot(cdev, i);
	}
out_unlock:
	cpo_telem_unlock(cdev);
	return clear;
}

static void cpo_health_report_work(struct work_struct *work)
{
	struct cpo_devlink *dl = container_of(work, struct cpo_devlink,
					      report_work);
	struct cpo_dev *cdev = dl->cdev;
	const enum devlink_health_reporter_state healthy =
		DEVLINK_HEALTH_REPORTER_STATE_HEALTHY;
	const enum devlink_health_reporter_state error =
		DEVLINK_HEALTH_REPORTER_STATE_ERROR;
	struct cpo_health_item item;
	unsigned int dropped;

	for (;;) {
		struct devlink_health_reporter *reporter;
		unsigned int got;

		spin_lock_irq(&dl->queue_lock);
		got = kfifo_get(&dl->queue, &item);
		dropped = dl->dropped;
		dl->dropped = 0;
		spin_unlock_irq(&dl->queue_lock);
		if (dropped)
			dev_warn(&cdev->dev, "%u health reports dropped\n",
				 dropped);
		if (!got)
			break;

		reporter = item.kind == CPO_HEALTH_LASER ?
			   dl->laser_reporter : dl->thermal_reporter;
		if (!reporter)
			continue;
		if (!item.clear) {
			devlink_health_report(reporter, item.msg, &item);
			/*
			 * A recovery only starts the restart: the reporter
			 * stays in error until the device shows light again.
			 */
			if (!cpo_health_clear(cdev, item.kind))
				devlink_health_reporter_state_update(reporter,
								     error);
		} else if (cpo_health_clear(cdev, item.kind)) {
			devlink_health_reporter_state_update(reporter,
							     healthy);
		}
	}
}

static __printf(5, 6) void
cpo_health_queue(struct cpo_dev *cdev, enum cpo_health_kind kind, bool clear,
		 const struct cpo_event *ev, const char *fmt, ...)
{
	struct cpo_devlink *dl = cpo_dl_priv(cdev);
	struct cpo_health_item item = {
		.kind = kind,
		.clear = clear,
		.ev = *ev,
	};
	unsigned long flags;
	va_list args;
	bool queued;

	va_start(args, fmt);
	vsnprintf(item.msg, sizeof(item.msg), fmt, args);
	va_end(args);

	spin_lock_irqsave(&dl->queue_lock, flags);
	queued = dl->accepting && kfifo_put(&dl->queue, item);
	if (dl->accepting && !queued)
		dl->dropped++;
	spin_unlock_irqrestore(&dl->queue_lock, flags);
	if (queued)
		schedule_work(&dl->report_work);
}

/**
 * cpo_devlink_els_pulled() - report a module pulled without preparation
 * @cdev: the device
 * @ev: the removal event
 *
 * Called by the slot's state machine (els.c), which tells a prepared
 * removal from a surprise pull, under cdev->lock.
 */
void cpo_devlink_els_pulled(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	if (!cdev->devlink)
		return;
	cpo_health_queue(cdev, CPO_HEALTH_LASER, false, ev,
			 "ELSFP slot %u removed without prepare-removal",
			 ev->obj);
}

/**
 * cpo_devlink_els_on() - a slot's module turned on: the laser reporter may
 * be healthy again
 * @cdev: the device
 * @slot: the slot
 * @ev: the device event behind the transition, NULL when the slot followed
 *	telemetry
 *
 * Called by the slot's state machine (els.c) when it enters on, under
 * cdev->lock: the transition, not the event's value, is what the report
 * follows, so a state event that changes nothing reports nothing and a
 * slot that reaches on by following telemetry is reported too.
 */
void cpo_devlink_els_on(struct cpo_dev *cdev, u16 slot,
			const struct cpo_event *ev)
{
	struct cpo_event seen = {
		.type = CPO_HW_EV_ELS_STATE,
		.obj_type = CPO_HW_OBJ_ELS,
		.obj = slot,
		.value = CPO_HW_ELS_ST_ON,
	};

	if (!cdev->devlink)
		return;
	cpo_health_queue(cdev, CPO_HEALTH_LASER, true, ev ?: &seen,
			 "ELSFP slot %u on", slot);
}

/*
 * Called by the event path for every device event (process context, may
 * hold cdev->lock): picks out what the reporters speak of.
 */
void cpo_devlink_event(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	unsigned int f;

	if (!cdev->devlink)
		return;

	switch (ev->type) {
	case CPO_HW_EV_LASER_STATE:
		if (ev->obj_type != CPO_HW_OBJ_LASER || ev->obj >= cdev->n_lasers)
			return;
		if (ev->value == CPO_HW_LASER_ST_FAULT) {
			dev_err(&cdev->dev, "laser %u fault: %s\n", ev->obj,
				cpo_laser_fault_str(ev->threshold));
			cpo_health_queue(cdev, CPO_HEALTH_LASER, false, ev,
					 "laser %u fault: %s", ev->obj,
					 cpo_laser_fault_str(ev->threshold));
		} else if (ev->value == CPO_HW_LASER_ST_ON) {
			cpo_health_queue(cdev, CPO_HEALTH_LASER, true, ev,
					 "laser %u on", ev->obj);
		}
		break;
	case CPO_HW_EV_LASER_FAILOVER:
		/* checked by events.c: obj and value are lasers of one slot */
		cpo_health_queue(cdev, CPO_HEALTH_LASER, true, ev,
				 "laser %u replaced by spare laser %d", ev->obj,
				 ev->value);
		break;
	case CPO_HW_EV_THRESH:
		if (ev->quantity != CPO_HW_Q_OE_TEMP &&
		    ev->quantity != CPO_HW_Q_ELS_TEMP &&
		    ev->quantity != CPO_HW_Q_LASER_TEMP)
			return;
		f = CPO_HW_EVF_HIGH | CPO_HW_EVF_ALARM;
		if ((ev->flags & f) != f)
			return;
		if (ev->flags & CPO_HW_EVF_RAISED)
			cpo_health_queue(cdev, CPO_HEALTH_THERMAL, false, ev,
					 "%s %u temperature %d mdegC over alarm threshold %d",
					 ev->quantity == CPO_HW_Q_OE_TEMP ? "OE" :
					 ev->quantity == CPO_HW_Q_ELS_TEMP ?
					 "ELSFP slot" : "laser",
					 ev->obj, ev->value, ev->threshold);
		else
			cpo_health_queue(cdev, CPO_HEALTH_THERMAL, true, ev,
					 "temperature alarm cleared");
		break;
	case CPO_HW_EV_OE_STATE:
		if (ev->obj >= cdev->n_oe)
			return;
		if (ev->value == CPO_HW_OE_ST_FAULT)
			cpo_health_queue(cdev, CPO_HEALTH_THERMAL, false, ev,
					 "OE %u fault", ev->obj);
		else if (ev->value == CPO_HW_OE_ST_READY)
			cpo_health_queue(cdev, CPO_HEALTH_THERMAL, true, ev,
					 "OE %u ready", ev->obj);
		break;
	default:
		break;
	}
}

int cpo_devlink_init(struct cpo_dev *cdev)
{
	struct cpo_devlink *dl = cpo_dl_priv(cdev);
	struct devlink_health_reporter *r;
	int err;

	/*
	 * No laser objects (lasers inside the engines): no laser reporter;
	 * an engine's fault, and with it its lasers', is the thermal
	 * reporter's, which names the engine and its ports.
	 */
	if (cdev->n_lasers) {
		r = devlink_health_reporter_create(cdev->devlink,
						   &cpo_laser_reporter_ops,
						   CPO_HEALTH_GRACE_MS, cdev);
		if (IS_ERR(r))
			return PTR_ERR(r);
		dl->laser_reporter = r;
	}

	r = devlink_health_reporter_create(cdev->devlink,
					   &cpo_thermal_reporter_ops, 0, cdev);
	if (IS_ERR(r)) {
		err = PTR_ERR(r);
		goto err_laser_reporter_destroy;
	}
	dl->thermal_reporter = r;
	return 0;

err_laser_reporter_destroy:
	if (dl->laser_reporter)
		devlink_health_reporter_destroy(dl->laser_reporter);
	dl->laser_reporter = NULL;
	return err;
}

/* Reports reach devlink only while it is registered (it notifies them). */
static void cpo_health_reports_start(struct cpo_dev *cdev)
{
	struct cpo_devlink *dl = cpo_dl_priv(cdev);

	spin_lock_irq(&dl->queue_lock);
	dl->accepting = true;
	spin_unlock_irq(&dl->queue_lock);
}

static void cpo_health_reports_stop(struct cpo_dev *cdev)
{
	struct cpo_devlink *dl = cpo_dl_priv(cdev);

	spin_lock_irq(&dl->queue_lock);
	dl->accepting = false;
	spin_unlock_irq(&dl->queue_lock);
	cancel_work_sync(&dl->report_work);
	kfifo_reset(&dl->queue);
}

void cpo_devlink_exit(struct cpo_dev *cdev)
{
	struct cpo_devlink *dl = cpo_dl_priv(cdev);

	cpo_health_reports_stop(cdev);
	if (dl->thermal_reporter) {
		devlink_health_reporter_destroy(dl->thermal_reporter);
		dl->thermal_reporter = NULL;
	}
	if (dl->laser_reporter) {
		devlink_health_reporter_destroy(dl->laser_reporter);
		dl->laser_reporter = NULL;
	}
}

/* ---- lifecycle ---- */

int cpo_devlink_alloc(struct cpo_dev *cdev)
{
	struct cpo_devlink *dl;
	struct devlink *devlink;

	devlink = devlink_alloc(&cpo_devlink_ops, sizeof(*dl),
				&cdev->pdev->dev);
	if (!devlink)
		return -ENOMEM;
	dl = devlink_priv(devlink);
	dl->cdev = cdev;
	INIT_WORK(&dl->report_work, cpo_health_report_work);
	spin_lock_init(&dl->queue_lock);
	INIT_KFIFO(dl->queue);
	mutex_init(&dl->fw.lock);
	cdev->devlink = devlink;
	return 0;
}

void cpo_devlink_free(struct cpo_dev *cdev)
{
	if (!cdev->devlink)
		return;
	mutex_destroy(&cpo_dl_priv(cdev)->fw.lock);
	devlink_free(cdev->devlink);
	cdev->devlink = NULL;
}

void cpo_devlink_register(struct cpo_dev *cdev)
{
	devlink_register(cdev->devlink);
	cpo_health_reports_start(cdev);
}

void cpo_devlink_unregister(struct cpo_dev *cdev)
{
	cpo_health_reports_stop(cdev);
	devlink_unregister(cdev->devlink);
}
