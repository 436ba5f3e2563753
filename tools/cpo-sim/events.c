// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim alarms and the event ring.  Thresholds are per quantity, in CMIS
 * order; each object keeps 4 flag bits per quantity slot, raised when a
 * value crosses a threshold and cleared only once it is back by the
 * quantity's hysteresis, so noise does not make an alarm flap.  Every
 * change is an event in the ring; a full ring drops the event and counts
 * it in overflow.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define EVR_OFF(f)	offsetof(struct cpo_hw_evring, f)

/*
 * Defaults: temperature and Vcc from SONiC's test fixtures for laser
 * modules (DOMAIN.md), engine temperature with 10 K more margin next to the
 * ASIC, lane power from the FR4 launch (-3.3..+3.5 dBm) and receive
 * (-8..+4 dBm) windows, laser bias and power around a 20 dBm VHP laser,
 * the ELS -> engine path loss 1.5 dB above its 1.5 dB nominal to warn, 3 dB
 * to alarm, and a gain (a monitor error) below.
 */
void sim_thresh_defaults(struct cpo_hw_thresh *t)
{
	static const int32_t d[CPO_HW_Q_MAX][4] = {
		/* high alarm, low alarm, high warning, low warning */
		[CPO_HW_Q_OE_TEMP] = { 85000, -5000, 75000, 0 },
		[CPO_HW_Q_OE_VCC] = { 3630, 2970, 3465, 3135 },
		[CPO_HW_Q_LANE_TX_POWER] = { 2818, 295, 2239, 468 },
		[CPO_HW_Q_LANE_RX_POWER] = { 3162, 100, 2512, 158 },
		[CPO_HW_Q_ELS_TEMP] = { 80000, -5000, 70000, 0 },
		[CPO_HW_Q_ELS_VCC] = { 3630, 2970, 3465, 3135 },
		[CPO_HW_Q_ELS_TEC] = { 1400, -1400, 1200, -1200 },
		[CPO_HW_Q_LASER_BIAS] = { 600000, 50000, 550000, 100000 },
		[CPO_HW_Q_LASER_POWER] = { 199526, 50119, 158489, 63096 },
		[CPO_HW_Q_LASER_TEMP] = { 65000, 20000, 55000, 30000 },
		[CPO_HW_Q_LASER_PATH_LOSS] = { 4500, -1000, 3000, -500 },
	};
	unsigned int q;

	for (q = 0; q < CPO_HW_Q_MAX; q++) {
		t[q].high_alarm = d[q][0];
		t[q].low_alarm = d[q][1];
		t[q].high_warn = d[q][2];
		t[q].low_warn = d[q][3];
	}
}

/* hysteresis of a quantity at a threshold, in its unit */
static int32_t sim_hyst(unsigned int q, int32_t thr)
{
	int32_t rel;

	switch (q) {
	case CPO_HW_Q_OE_TEMP:
	case CPO_HW_Q_ELS_TEMP:
	case CPO_HW_Q_LASER_TEMP:
		return 1000;		/* 1 K */
	case CPO_HW_Q_OE_VCC:
	case CPO_HW_Q_ELS_VCC:
		return 20;		/* 20 mV */
	case CPO_HW_Q_ELS_TEC:
		return 20;		/* 20 mA */
	case CPO_HW_Q_LASER_PATH_LOSS:
		return 100;		/* 0.1 dB */
	case CPO_HW_Q_LASER_BIAS:
		rel = abs(thr) / 100;	/* 1 % */
		return rel > 0 ? rel : 1;
	default:
		rel = abs(thr) / 20;	/* 5 %, about 0.2 dB */
		return rel > 0 ? rel : 1;
	}
}

void sim_ev_reset_ring(struct sim_dev *dev)
{
	uint8_t *r = dev->shm + dev->lay.evring_off;

	dev->ev_head = 0;
	dev->ev_overflow = 0;
	sim_w32(r + EVR_OFF(head), 0);
	sim_w32(r + EVR_OFF(tail), 0);
	sim_w32(r + EVR_OFF(overflow), 0);
}

void sim_ev_push(struct sim_dev *dev, uint16_t type, uint8_t obj_type, uint32_t obj,
		 uint16_t quantity, uint16_t flags, int32_t value, int32_t threshold)
{
	uint8_t *r, *e;
	uint32_t tail, entries = dev->lay.evring_entries;

	if (dev->quiet || !dev->shm)
		return;
	r = dev->shm + dev->lay.evring_off;
	dev->ev_seq++;
	/* the tail is host-written: read it once, trust nothing else */
	tail = __atomic_load_n((uint32_t *)(r + EVR_OFF(tail)), __ATOMIC_ACQUIRE);
	if (dev->ev_head - tail >= entries) {
		dev->ev_overflow++;
		sim_w32(r + EVR_OFF(overflow), dev->ev_overflow);
		dev->irq_event_pending = true;
		return;
	}
	e = r + sizeof(struct cpo_hw_evring) +
	    (dev->ev_head & (entries - 1)) * sizeof(struct cpo_hw_event);
	memset(e, 0, sizeof(struct cpo_hw_event));
	sim_w32(e + offsetof(struct cpo_hw_event, seq), dev->ev_seq);
	sim_w16(e + offsetof(struct cpo_hw_event, type), type);
	e[offsetof(struct cpo_hw_event, obj_type)] = obj_type;
	sim_w32(e + offsetof(struct cpo_hw_event, obj), obj);
	sim_w16(e + offsetof(struct cpo_hw_event, quantity), quantity);
	sim_w16(e + offsetof(struct cpo_hw_event, flags), flags);
	sim_w32(e + offsetof(struct cpo_hw_event, value), (uint32_t)value);
	sim_w32(e + offsetof(struct cpo_hw_event, threshold), (uint32_t)threshold);
	sim_w64(e + offsetof(struct cpo_hw_event, timestamp_ns), (uint64_t)(dev->t_model * 1e9));
	__atomic_thread_fence(__ATOMIC_RELEASE);
	dev->ev_head++;
	sim_w32(r + EVR_OFF(head), dev->ev_head);
	/* rewrite overflow too: a hostile write may have clobbered it */
	sim_w32(r + EVR_OFF(overflow), dev->ev_overflow);
	dev->irq_event_pending = true;
}

/*
 * New flag nibble of one quantity of one object; an event for every bit
 * that changes.  An unmonitored quantity (object absent, disabled) clears.
 */
uint16_t sim_flags_eval(struct sim_dev *dev, unsigned int q, uint8_t obj_type,
			uint32_t obj, int32_t value, bool monitored, uint16_t old)
{
	static const struct {
		uint16_t bit;
		uint16_t evf;
	} bits[] = {
		{ CPO_HW_FLAG_HIGH_ALARM, CPO_HW_EVF_HIGH | CPO_HW_EVF_ALARM },
		{ CPO_HW_FLAG_LOW_ALARM, CPO_HW_EVF_ALARM },
		{ CPO_HW_FLAG_HIGH_WARN, CPO_HW_EVF_HIGH },
		{ CPO_HW_FLAG_LOW_WARN, 0 },
	};
	const struct cpo_hw_thresh *t = &dev->thresh[q];
	int32_t thr[4] = { (int32_t)t->high_alarm, (int32_t)t->low_alarm,
			   (int32_t)t->high_warn, (int32_t)t->low_warn };
	unsigned int shift = 4 * cpo_hw_q_slot(q), i;
	uint16_t cur = (old >> shift) & 0xf, next = 0;
	int64_t v = value, h;
	bool on;

	for (i = 0; i < 4; i++) {
		bool was = cur & bits[i].bit;
		bool high = bits[i].evf & CPO_HW_EVF_HIGH;

		h = sim_hyst(q, thr[i]);
		if (!monitored)
			on = false;
		else if (high)
			on = was ? v > thr[i] - h : v > thr[i];
		else
			on = was ? v < thr[i] + h : v < thr[i];
		if (on)
			next |= bits[i].bit;
		if (on != was)
			sim_ev_push(dev, CPO_HW_EV_THRESH, obj_type, obj, q,
				    bits[i].evf | (on ? CPO_HW_EVF_RAISED : 0), value, thr[i]);
	}
	return (old & ~(0xf << shift)) | (next << shift);
}

static int32_t r32(double v)
{
	if (v > 2e9)
		return 2000000000;
	if (v < -2e9)
		return -2000000000;
	return (int32_t)llround(v);
}

void sim_ev_check_all(struct sim_dev *dev)
{
	unsigned int i;
	double loss;

	for (i = 0; i < dev->n_oe; i++) {
		struct sim_oe *o = &dev->oe[i];
		bool mon = !(dev->t_oe[i].flags & (CPO_HW_F_SPARE | CPO_HW_F_OUT_OF_SERVICE));

		o->flags = sim_flags_eval(dev, CPO_HW_Q_OE_TEMP, CPO_HW_OBJ_OE, i,
					  r32(o->temp_c * 1000), mon, o->flags);
		o->flags = sim_flags_eval(dev, CPO_HW_Q_OE_VCC, CPO_HW_OBJ_OE, i,
					  r32(o->vcc_mv), mon && o->state != CPO_HW_OE_ST_OFF,
					  o->flags);
	}
	for (i = 0; i < dev->n_lanes; i++) {
		struct sim_lane *l = &dev->lane[i];
		const struct cpo_hw_lane *tl = &dev->t_lane[i];
		bool tx = l->state == CPO_HW_LANE_ST_ACTIVATED && tl->laser != CPO_HW_NONE;
		bool rx = tl->port != CPO_HW_NONE && l->enabled;

		l->flags = sim_flags_eval(dev, CPO_HW_Q_LANE_TX_POWER, CPO_HW_OBJ_LANE, i,
					  r32(l->tx_uw), tx, l->flags);
		l->flags = sim_flags_eval(dev, CPO_HW_Q_LANE_RX_POWER, CPO_HW_OBJ_LANE, i,
					  r32(l->rx_uw), rx, l->flags);
	}
	for (i = 0; i < dev->n_els; i++) {
		struct sim_els *e = &dev->els[i];

		e->flags = sim_flags_eval(dev, CPO_HW_Q_ELS_TEMP, CPO_HW_OBJ_ELS, i,
					  r32(e->temp_c * 1000), e->present, e->flags);
		e->flags = sim_flags_eval(dev, CPO_HW_Q_ELS_VCC, CPO_HW_OBJ_ELS, i,
					  r32(e->vcc_mv), e->present, e->flags);
		e->flags = sim_flags_eval(dev, CPO_HW_Q_ELS_TEC, CPO_HW_OBJ_ELS, i,
					  r32(e->tec_ma), e->present, e->flags);
	}
	for (i = 0; i < dev->n_lasers; i++) {
		struct sim_laser *a = &dev->laser[i];
		bool lit = a->enabled && (a->state == CPO_HW_LASER_ST_ON ||
					  a->state == CPO_HW_LASER_ST_FAULT);
		bool present = a->state != CPO_HW_LASER_ST_ABSENT;

		a->flags = sim_flags_eval(dev, CPO_HW_Q_LASER_BIAS, CPO_HW_OBJ_LASER, i,
					  r32(a->bias_ma * 1000), lit, a->flags);
		a->flags = sim_flags_eval(dev, CPO_HW_Q_LASER_POWER, CPO_HW_OBJ_LASER, i,
					  r32(a->power_mw * 1000), lit, a->flags);
		a->flags = sim_flags_eval(dev, CPO_HW_Q_LASER_TEMP, CPO_HW_OBJ_LASER, i,
					  r32(a->temp_c * 1000), present, a->flags);
		loss = sim_laser_path_loss_db(a);
		a->flags = sim_flags_eval(dev, CPO_HW_Q_LASER_PATH_LOSS, CPO_HW_OBJ_LASER, i,
					  isnan(loss) ? 0 : r32(loss * 1000),
					  lit && !isnan(loss), a->flags);
	}
}
