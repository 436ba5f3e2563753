// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim command mailbox.  The host writes opcode, args and arg_len, then
 * a new seq, then rings CPO_DB_MBOX; the model answers with status, resp,
 * resp_len, then done_seq = seq, then CPO_IRQ_MBOX.  Every argument is
 * checked: the host may be buggy too.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "model.h"

#define MB_OFF(f)	offsetof(struct cpo_hw_mbox, f)

struct sim_mbox_req {
	uint16_t opcode;
	uint16_t arg_len;
	uint8_t args[CPO_HW_MBOX_ARGS_LEN];
	uint8_t resp[CPO_HW_MBOX_RESP_LEN];
	uint16_t resp_len;
};

static int sim_cmd_obj_u8(struct sim_mbox_req *r, unsigned int max, uint16_t *idx,
			  uint8_t *val)
{
	if (r->arg_len < sizeof(struct cpo_hw_arg_obj_u8))
		return CPO_HW_ST_BAD_ARG;
	*idx = sim_r16(r->args);
	*val = r->args[2];
	if (*idx >= max || *val > 1)
		return CPO_HW_ST_BAD_ARG;
	return CPO_HW_ST_OK;
}

static int sim_cmd_laser_enable(struct sim_dev *dev, struct sim_mbox_req *r)
{
	uint16_t idx;
	uint8_t on;
	int st = sim_cmd_obj_u8(r, dev->n_lasers, &idx, &on);
	const struct sim_els *e;

	if (st)
		return st;
	if (on && dev->t_laser[idx].flags & CPO_HW_F_OUT_OF_SERVICE)
		return CPO_HW_ST_BAD_ARG;
	e = &dev->els[dev->t_laser[idx].els];
	if (!e->present)
		return CPO_HW_ST_NOT_PRESENT;
	if (on && e->state != CPO_HW_ELS_ST_ON && e->state != CPO_HW_ELS_ST_RAMPING &&
	    e->state != CPO_HW_ELS_ST_FIBER_CHECK)
		return CPO_HW_ST_BUSY;
	sim_laser_set_enable(dev, idx, on);
	return CPO_HW_ST_OK;
}

static int sim_cmd_laser_power(struct sim_dev *dev, struct sim_mbox_req *r)
{
	uint16_t idx;
	uint32_t uw;
	struct sim_laser *a;

	if (r->arg_len < sizeof(struct cpo_hw_arg_laser_power))
		return CPO_HW_ST_BAD_ARG;
	idx = sim_r16(r->args);
	uw = sim_r32(r->args + 4);
	if (idx >= dev->n_lasers || uw < SIM_LASER_MIN_UW || uw > SIM_LASER_MAX_UW)
		return CPO_HW_ST_BAD_ARG;
	if (!dev->els[dev->t_laser[idx].els].present)
		return CPO_HW_ST_NOT_PRESENT;
	a = &dev->laser[idx];
	if (a->mode != CPO_HW_LASER_MODE_APC)
		return CPO_HW_ST_UNSUPPORTED;
	a->setpoint = uw / 1000.0;
	return CPO_HW_ST_OK;
}

static int sim_cmd_lane_enable(struct sim_dev *dev, struct sim_mbox_req *r)
{
	uint16_t idx;
	uint8_t on;
	int st = sim_cmd_obj_u8(r, dev->n_lanes, &idx, &on);

	if (st)
		return st;
	dev->lane[idx].enabled = on;
	return CPO_HW_ST_OK;
}

static int sim_cmd_port_low_power(struct sim_dev *dev, struct sim_mbox_req *r)
{
	uint16_t idx;
	uint8_t on;
	int st = sim_cmd_obj_u8(r, dev->n_ports, &idx, &on);

	if (st)
		return st;
	dev->port[idx].low_power = on;
	return CPO_HW_ST_OK;
}

static int sim_cmd_set_thresh(struct sim_dev *dev, struct sim_mbox_req *r)
{
	struct cpo_hw_thresh t;
	uint16_t q;

	if (r->arg_len < sizeof(struct cpo_hw_arg_thresh))
		return CPO_HW_ST_BAD_ARG;
	q = sim_r16(r->args);
	if (q >= CPO_HW_Q_MAX)
		return CPO_HW_ST_BAD_ARG;
	t.high_alarm = sim_r32(r->args + 4);
	t.low_alarm = sim_r32(r->args + 8);
	t.high_warn = sim_r32(r->args + 12);
	t.low_warn = sim_r32(r->args + 16);
	/* CMIS order must hold: low alarm <= low warn <= high warn <= high alarm */
	if ((int32_t)t.low_alarm > (int32_t)t.low_warn ||
	    (int32_t)t.low_warn > (int32_t)t.high_warn ||
	    (int32_t)t.high_warn > (int32_t)t.high_alarm)
		return CPO_HW_ST_BAD_ARG;
	/* nothing the CMIS views would show other than as set */
	if (!sim_cmis_thresh_fits(q, &t))
		return CPO_HW_ST_BAD_ARG;
	dev->thresh[q] = t;
	sim_shm_write_thresh(dev);
	return CPO_HW_ST_OK;
}

static int sim_cmd_els_removal(struct sim_dev *dev, struct sim_mbox_req *r)
{
	uint16_t slot;

	if (r->arg_len < 2)
		return CPO_HW_ST_BAD_ARG;
	slot = sim_r16(r->args);
	if (slot >= dev->n_els)
		return CPO_HW_ST_BAD_ARG;
	return sim_els_prepare_removal(dev, slot);
}

/*
 * With an I2C clock set, a CMIS read costs what it would on a module's
 * two-wire bus: START, the device address, the offset, a repeated START
 * and the address again, then LEN data bytes, 9 bit times each (about
 * 1.2 ms for 128 bytes at 1 MHz).  The firmware serves one command at a
 * time, so the mailbox waits that long.
 */
static void sim_i2c_charge(const struct sim_dev *dev, unsigned int len)
{
	uint64_t ns;
	struct timespec ts;

	if (!dev->i2c_khz)
		return;
	ns = (uint64_t)(len + 3) * 9 * 1000000 / dev->i2c_khz;
	ts.tv_sec = ns / 1000000000;
	ts.tv_nsec = ns % 1000000000;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * Move @laser's lanes to @spare of its slot (CPO_HW_NONE: the first usable
 * one); the spare takes the laser's mode and setpoint and ramps up, the
 * laser goes dark for good.  Also the fault injection's way in (ctl).
 */
int sim_laser_failover(struct sim_dev *dev, unsigned int laser, unsigned int spare,
		       unsigned int *used)
{
	struct cpo_hw_laser *from, *to;
	const struct cpo_hw_els *te;
	const struct sim_els *e;
	unsigned int k, j;

	if (laser >= dev->n_lasers)
		return CPO_HW_ST_BAD_ARG;
	from = &dev->t_laser[laser];
	if (from->flags & (CPO_HW_F_SPARE | CPO_HW_F_OUT_OF_SERVICE) || !from->n_lanes)
		return CPO_HW_ST_BAD_ARG;
	te = &dev->t_els[from->els];
	if (spare != CPO_HW_NONE &&
	    (spare >= dev->n_lasers || dev->t_laser[spare].els != from->els ||
	     !(dev->t_laser[spare].flags & CPO_HW_F_SPARE) ||
	     dev->t_laser[spare].flags & CPO_HW_F_OUT_OF_SERVICE))
		return CPO_HW_ST_BAD_ARG;
	e = &dev->els[from->els];
	if (!e->present)
		return CPO_HW_ST_NOT_PRESENT;
	if (e->state != CPO_HW_ELS_ST_ON)
		return CPO_HW_ST_BUSY;
	if (spare == CPO_HW_NONE) {
		for (k = 0; k < te->n_lasers; k++) {
			j = te->first_laser + k;
			if (dev->t_laser[j].flags == CPO_HW_F_SPARE && !dev->laser[j].failed)
				break;
		}
		if (k == te->n_lasers)
			return CPO_HW_ST_NO_SPARE;
		spare = te->first_laser + k;
	} else if (dev->laser[spare].failed) {
		return CPO_HW_ST_NO_SPARE;
	}
	to = &dev->t_laser[spare];
	to->n_lanes = from->n_lanes;
	for (j = 0; j < CPO_HW_LANES_PER_LASER; j++) {
		to->lane[j] = from->lane[j];
		if (j < from->n_lanes && from->lane[j] < dev->n_lanes)
			dev->t_lane[from->lane[j]].laser = spare;
		from->lane[j] = CPO_HW_NONE;
	}
	from->n_lanes = 0;
	to->flags &= ~CPO_HW_F_SPARE;
	from->flags |= CPO_HW_F_OUT_OF_SERVICE;
	dev->laser[spare].mode = dev->laser[laser].mode;
	dev->laser[spare].setpoint = dev->laser[laser].setpoint;
	dev->laser[spare].fiber_checked = true;
	sim_laser_set_enable(dev, spare, true);
	sim_laser_set_enable(dev, laser, false);
	dev->topo_gen++;
	sim_shm_write_topology(dev);
	sim_ev_push(dev, CPO_HW_EV_LASER_FAILOVER, CPO_HW_OBJ_LASER, laser, 0, 0,
		    spare, dev->topo_gen);
	*used = spare;
	return CPO_HW_ST_OK;
}

/*
 * Move engine @oe's lanes to spare engine @spare (CPO_HW_NONE: the first
 * usable one): the two exchange their lane ranges, so the spare serves
 * the engine's ports and laser feeds and the engine keeps the spare's
 * dark lanes.  The spare powers up at once; the engine goes dark for good.
 */
int sim_oe_failover(struct sim_dev *dev, unsigned int oe, unsigned int spare,
		    unsigned int *used)
{
	struct cpo_hw_oe *from, *to;
	unsigned int i, first;

	if (oe >= dev->n_oe)
		return CPO_HW_ST_BAD_ARG;
	from = &dev->t_oe[oe];
	if (from->flags & (CPO_HW_F_SPARE | CPO_HW_F_OUT_OF_SERVICE))
		return CPO_HW_ST_BAD_ARG;
	if (spare == CPO_HW_NONE) {
		for (i = 0; i < dev->n_oe; i++)
			if (dev->t_oe[i].flags == CPO_HW_F_SPARE &&
			    dev->t_oe[i].n_lanes == from->n_lanes)
				break;
		if (i == dev->n_oe)
			return CPO_HW_ST_NO_SPARE;
		spare = i;
	} else if (spare >= dev->n_oe || dev->t_oe[spare].flags != CPO_HW_F_SPARE ||
		   dev->t_oe[spare].n_lanes != from->n_lanes) {
		return CPO_HW_ST_BAD_ARG;
	}
	to = &dev->t_oe[spare];
	first = to->first_lane;
	to->first_lane = from->first_lane;
	from->first_lane = first;
	for (i = 0; i < to->n_lanes; i++) {
		dev->t_lane[to->first_lane + i].oe = spare;
		dev->t_lane[from->first_lane + i].oe = oe;
	}
	for (i = 0; i < dev->n_ports; i++)
		if (dev->t_port[i].lane[0] < dev->n_lanes)
			dev->t_port[i].oe = dev->t_lane[dev->t_port[i].lane[0]].oe;
	to->flags &= ~CPO_HW_F_SPARE;
	from->flags |= CPO_HW_F_OUT_OF_SERVICE;
	sim_oe_power(dev, spare, true);
	sim_oe_power(dev, oe, false);
	dev->topo_gen++;
	sim_shm_write_topology(dev);
	sim_ev_push(dev, CPO_HW_EV_OE_FAILOVER, CPO_HW_OBJ_OE, oe, 0, 0, spare,
		    dev->topo_gen);
	*used = spare;
	return CPO_HW_ST_OK;
}

static int sim_cmd_oe_failover(struct sim_dev *dev, struct sim_mbox_req *r)
{
	unsigned int used;
	int st;

	if (!dev->prof.spare_oe)
		return CPO_HW_ST_UNSUPPORTED;
	if (r->arg_len < sizeof(struct cpo_hw_arg_oe_failover))
		return CPO_HW_ST_BAD_ARG;
	st = sim_oe_failover(dev, sim_r16(r->args), sim_r16(r->args + 2), &used);
	if (st)
		return st;
	sim_w16(r->resp, used);
	r->resp_len = 2;
	return CPO_HW_ST_OK;
}

static int sim_cmd_laser_failover(struct sim_dev *dev, struct sim_mbox_req *r)
{
	unsigned int used;
	int st;

	if (r->arg_len < sizeof(struct cpo_hw_arg_failover))
		return CPO_HW_ST_BAD_ARG;
	st = sim_laser_failover(dev, sim_r16(r->args), sim_r16(r->args + 2), &used);
	if (st)
		return st;
	sim_w16(r->resp, used);
	r->resp_len = 2;
	return CPO_HW_ST_OK;
}

/* the request header of CMIS_READ and CMIS_WRITE */
static int sim_cmis_req(struct sim_mbox_req *r, unsigned int *kind, unsigned int *idx,
			unsigned int *bank, unsigned int *pg, unsigned int *off,
			unsigned int *len)
{
	if (r->arg_len < sizeof(struct cpo_hw_cmis_req))
		return CPO_HW_ST_BAD_ARG;
	*kind = r->args[0];
	*bank = r->args[1];
	*pg = r->args[2];
	*off = r->args[3];
	*idx = sim_r16(r->args + 4);
	*len = sim_r16(r->args + 6);
	return CPO_HW_ST_OK;
}

static int sim_cmd_cmis_read(struct sim_dev *dev, struct sim_mbox_req *r)
{
	unsigned int kind, bank, pg, off, idx, len;
	int st = sim_cmis_req(r, &kind, &idx, &bank, &pg, &off, &len);

	if (st)
		return st;
	if (len == 0 || len > 128 || off + len > 256)
		return CPO_HW_ST_BAD_ARG;
	st = sim_cmis_read(dev, kind, idx, bank, pg, off, len, r->resp);
	if (st)
		return st;
	sim_i2c_charge(dev, len);
	r->resp_len = len;
	return CPO_HW_ST_OK;
}

static int sim_cmd_cmis_write(struct sim_dev *dev, struct sim_mbox_req *r)
{
	unsigned int kind, bank, pg, off, idx, len;
	int st = sim_cmis_req(r, &kind, &idx, &bank, &pg, &off, &len);

	if (st)
		return st;
	if (len == 0 || len > CPO_HW_CMIS_WRITE_MAX ||
	    r->arg_len < sizeof(struct cpo_hw_cmis_req) + len)
		return CPO_HW_ST_BAD_ARG;
	return sim_cmis_write(dev, kind, idx, bank, pg, off, len,
			      r->args + sizeof(struct cpo_hw_cmis_req));
}

static int sim_mbox_exec(struct sim_dev *dev, struct sim_mbox_req *r)
{
	if (r->arg_len > CPO_HW_MBOX_ARGS_LEN)
		return CPO_HW_ST_BAD_ARG;
	switch (r->opcode) {
	case CPO_HW_CMD_NOP:
		memcpy(r->resp, r->args, r->arg_len);
		r->resp_len = r->arg_len;
		return CPO_HW_ST_OK;
	case CPO_HW_CMD_LASER_ENABLE:
		return sim_cmd_laser_enable(dev, r);
	case CPO_HW_CMD_LASER_SET_POWER:
		return sim_cmd_laser_power(dev, r);
	case CPO_HW_CMD_LANE_ENABLE:
		return sim_cmd_lane_enable(dev, r);
	case CPO_HW_CMD_SET_THRESH:
		return sim_cmd_set_thresh(dev, r);
	case CPO_HW_CMD_ELS_PREPARE_REMOVAL:
		return sim_cmd_els_removal(dev, r);
	case CPO_HW_CMD_CMIS_READ:
		return sim_cmd_cmis_read(dev, r);
	case CPO_HW_CMD_RESET:
		sim_dev_reset(dev);
		return CPO_HW_ST_OK;
	case CPO_HW_CMD_PORT_LOW_POWER:
		return sim_cmd_port_low_power(dev, r);
	case CPO_HW_CMD_CMIS_WRITE:
		return sim_cmd_cmis_write(dev, r);
	case CPO_HW_CMD_FW_QUERY:
	case CPO_HW_CMD_FW_START:
	case CPO_HW_CMD_FW_WRITE:
	case CPO_HW_CMD_FW_COMPLETE:
	case CPO_HW_CMD_FW_RUN:
	case CPO_HW_CMD_FW_COMMIT:
	case CPO_HW_CMD_FW_ABORT:
		return sim_fw_cmd(dev, r->opcode, r->args, r->arg_len, r->resp, &r->resp_len);
	case CPO_HW_CMD_LASER_FAILOVER:
		return sim_cmd_laser_failover(dev, r);
	case CPO_HW_CMD_OE_FAILOVER:
		return sim_cmd_oe_failover(dev, r);
	default:
		return CPO_HW_ST_UNSUPPORTED;
	}
}

/* Commands after which the telemetry must show the new setting. */
static bool sim_mbox_is_set(uint16_t opcode)
{
	switch (opcode) {
	case CPO_HW_CMD_LASER_ENABLE:
	case CPO_HW_CMD_LASER_SET_POWER:
	case CPO_HW_CMD_LANE_ENABLE:
	case CPO_HW_CMD_PORT_LOW_POWER:
	case CPO_HW_CMD_CMIS_WRITE:
	case CPO_HW_CMD_SET_THRESH:
	case CPO_HW_CMD_ELS_PREPARE_REMOVAL:
	case CPO_HW_CMD_LASER_FAILOVER:
	case CPO_HW_CMD_OE_FAILOVER:
		return true;
	default:
		return false;
	}
}

/* The completion: done_seq, then the interrupt. */
static void sim_mbox_done(struct sim_dev *dev, uint32_t seq)
{
	uint8_t *mb = dev->shm + dev->lay.mbox_off;

	__atomic_thread_fence(__ATOMIC_RELEASE);
	sim_w32(mb + MB_OFF(done_seq), seq);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	dev->irq_mbox_pending = true;
}

/* Milliseconds until a command that takes time completes; -1: none. */
int sim_mbox_wait_ms(const struct sim_dev *dev)
{
	uint64_t now;

	if (!dev->mbox_busy_until)
		return -1;
	now = sim_now_us();
	return now >= dev->mbox_busy_until ? 0 :
	       (int)((dev->mbox_busy_until - now + 999) / 1000);
}

/*
 * Serve the mailbox if the host posted a new seq; called on the doorbell,
 * every tick, and when a command that takes time (a firmware block) is due.
 */
void sim_mbox_poll(struct sim_dev *dev)
{
	uint8_t *mb = dev->shm + dev->lay.mbox_off;
	struct sim_mbox_req r;
	uint64_t busy_us;
	uint32_t seq;
	int st;

	if (dev->hung)
		return;
	if (dev->mbox_busy_until) {
		if (sim_now_us() < dev->mbox_busy_until)
			return;
		dev->mbox_busy_until = 0;
		sim_mbox_done(dev, dev->mbox_done);
		return;
	}
	seq = __atomic_load_n((uint32_t *)(mb + MB_OFF(seq)), __ATOMIC_ACQUIRE);
	if (seq == dev->mbox_done)
		return;
	memset(&r, 0, sizeof(r));
	r.opcode = sim_r16(mb + MB_OFF(opcode));
	r.arg_len = sim_r16(mb + MB_OFF(arg_len));
	memcpy(r.args, mb + MB_OFF(args), CPO_HW_MBOX_ARGS_LEN);

	dev->fw.busy_us = 0;
	if (dev->mbox_force_status >= 0) {
		st = dev->mbox_force_status;
		dev->mbox_force_status = -1;
	} else {
		st = sim_mbox_exec(dev, &r);
	}
	busy_us = dev->fw.busy_us;
	dev->fw.busy_us = 0;
	if (st != CPO_HW_ST_OK)
		r.resp_len = 0;
	else if (sim_mbox_is_set(r.opcode))
		sim_shm_publish(dev);	/* the completion implies the new setting */
	sim_w16(mb + MB_OFF(status), st);
	sim_w16(mb + MB_OFF(resp_len), r.resp_len);
	memcpy(mb + MB_OFF(resp), r.resp, CPO_HW_MBOX_RESP_LEN);
	dev->mbox_done = seq;
	if (busy_us) {
		/* the device is busy that long: the completion comes later */
		dev->mbox_busy_until = sim_now_us() + busy_us;
		return;
	}
	sim_mbox_done(dev, seq);
}
