// SPDX-License-Identifier: GPL-2.0
/*
 * Interval statistics per monitored quantity, as OpenConfig's
 * platform-transceiver reports them: for each quantity of each engine,
 * lane, ELSFP slot and laser, the average, minimum and maximum over the
 * last complete 10 s interval, with the times of the minimum and the
 * maximum; and per lane, counters of Tx fault, Tx LOS and Rx LOS onsets.
 *
 * Samples are the device's own: cpo_telem_decode() (core.c) calls
 * cpo_stats_sample() once per snapshot whose generation differs from the
 * last sampled one, so a value the device wrote once counts once however
 * many readers refresh, and the watchdog's snapshot every update period
 * keeps the samples coming.  Intervals are aligned on multiples of 10 s
 * of CLOCK_REALTIME, the same for every object; at the first sample past
 * an interval's end the interval being filled becomes the reported one.
 * An object with no reading (empty slot, absent laser) takes no sample,
 * nor does a dark laser's path loss.
 * Everything here is under cdev->telem_lock.
 *
 * Cost per sample: one add, two compares and a boundary check per
 * quantity (1,616 quantities on a 102.4T switch, once per 100 ms).
 * Memory: one struct cpo_qstat (88 bytes) per quantity of an object and
 * 12 bytes of counters per lane: 176 bytes per engine, 188 per lane, 264
 * per ELSFP slot, 352 per laser; 145 KiB on a 102.4T switch (16 engines,
 * 512 lanes, 16 slots, 128 lasers).
 */
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/mm.h>

#include "cpo.h"

int cpo_stats_alloc(struct cpo_dev *cdev)
{
	struct cpo_stats *st = &cdev->stats;

	st->oe = kvcalloc((size_t)cdev->n_oe * CPO_STATS_OE_Q, sizeof(*st->oe),
			  GFP_KERNEL);
	st->lane = kvcalloc((size_t)cdev->n_lanes * CPO_STATS_LANE_Q,
			    sizeof(*st->lane), GFP_KERNEL);
	st->els = kvcalloc((size_t)cdev->n_els * CPO_STATS_ELS_Q,
			   sizeof(*st->els), GFP_KERNEL);
	st->laser = kvcalloc((size_t)cdev->n_lasers * CPO_STATS_LASER_Q,
			     sizeof(*st->laser), GFP_KERNEL);
	st->lane_cnt = kvcalloc(cdev->n_lanes, sizeof(*st->lane_cnt),
				GFP_KERNEL);
	if (!st->oe || !st->lane || (cdev->n_els && !st->els) ||
	    (cdev->n_lasers && !st->laser) || !st->lane_cnt)
		return -ENOMEM;
	return 0;
}

void cpo_stats_free(struct cpo_dev *cdev)
{
	struct cpo_stats *st = &cdev->stats;

	kvfree(st->lane_cnt);
	kvfree(st->laser);
	kvfree(st->els);
	kvfree(st->lane);
	kvfree(st->oe);
}

/* One sample @v at @now into @q. */
static void cpo_qstat_add(struct cpo_qstat *q, s32 v, u64 now)
{
	if (!q->n || now >= q->start + CPO_STATS_INTERVAL_NS) {
		if (q->n) {
			q->last_start = q->start;
			q->last_n = q->n;
			q->last_avg = (s32)div_s64(q->sum, q->n);
			q->last_min = q->min;
			q->last_max = q->max;
			q->last_min_time = q->min_time;
			q->last_max_time = q->max_time;
		}
		q->start = div64_u64(now, CPO_STATS_INTERVAL_NS) *
			   CPO_STATS_INTERVAL_NS;
		q->n = 0;
		q->sum = 0;
	}
	if (!q->n || v < q->min) {
		q->min = v;
		q->min_time = now;
	}
	if (!q->n || v > q->max) {
		q->max = v;
		q->max_time = now;
	}
	q->sum += v;
	q->n++;
}

/* One sample of every quantity of every object that has a reading. */
void cpo_stats_sample(struct cpo_dev *cdev, u64 now)
{
	const struct cpo_snapshot *s = &cdev->snap;
	struct cpo_stats *st = &cdev->stats;
	struct cpo_qstat *q;
	unsigned int i;

	lockdep_assert_held(&cdev->telem_lock);
	for (i = 0; i < cdev->n_oe; i++) {
		q = st->oe + i * CPO_STATS_OE_Q;
		cpo_qstat_add(&q[0], s->oe[i].temp, now);
		cpo_qstat_add(&q[1], min_t(u32, s->oe[i].vcc, S32_MAX), now);
	}
	for (i = 0; i < cdev->n_lanes; i++) {
		q = st->lane + i * CPO_STATS_LANE_Q;
		cpo_qstat_add(&q[0], min_t(u32, s->lane[i].tx_power, S32_MAX),
			      now);
		cpo_qstat_add(&q[1], min_t(u32, s->lane[i].rx_power, S32_MAX),
			      now);
	}
	for (i = 0; i < cdev->n_els; i++) {
		/*
		 * The device's own view of the record: samples are taken as
		 * the device gives them, like the flag diffing in core.c;
		 * what users see of a slot is gated by els.c.
		 */
		if (!cpo_els_tm_present(&s->els[i]))
			continue;
		q = st->els + i * CPO_STATS_ELS_Q;
		cpo_qstat_add(&q[0], s->els[i].temp, now);
		cpo_qstat_add(&q[1], min_t(u32, s->els[i].vcc, S32_MAX), now);
		cpo_qstat_add(&q[2], s->els[i].tec, now);
	}
	for (i = 0; i < cdev->n_lasers; i++) {
		if (!cpo_laser_tm_present(&s->laser[i]))
			continue;
		q = st->laser + i * CPO_STATS_LASER_Q;
		cpo_qstat_add(&q[0], min_t(u32, s->laser[i].bias, S32_MAX),
			      now);
		cpo_qstat_add(&q[1], min_t(u32, s->laser[i].power, S32_MAX),
			      now);
		cpo_qstat_add(&q[2], s->laser[i].temp, now);
		if (s->laser[i].path_loss != CPO_NO_READING)
			cpo_qstat_add(&q[3], s->laser[i].path_loss, now);
	}
}

/* Lane @i's status went from @old to @new: count the onsets. */
void cpo_stats_lane_status(struct cpo_dev *cdev, u32 i, u8 old, u8 new)
{
	struct cpo_lane_counters *c = &cdev->stats.lane_cnt[i];
	u8 on = new & ~old;

	if (on & CPO_HW_LANE_S_TX_FAULT)
		c->tx_fault++;
	if (on & CPO_HW_LANE_S_TX_LOS)
		c->tx_los++;
	if (on & CPO_HW_LANE_S_RX_LOS)
		c->rx_los++;
}

/*
 * The statistics of quantity slot @slot of object @idx of type @obj, or
 * NULL when there is no such object or no complete interval yet.
 */
const struct cpo_qstat *cpo_stats_get(const struct cpo_dev *cdev, u8 obj,
				      u32 idx, unsigned int slot)
{
	const struct cpo_stats *st = &cdev->stats;
	const struct cpo_qstat *q;

	switch (obj) {
	case CPO_HW_OBJ_OE:
		if (idx >= cdev->n_oe || slot >= CPO_STATS_OE_Q)
			return NULL;
		q = &st->oe[idx * CPO_STATS_OE_Q + slot];
		break;
	case CPO_HW_OBJ_LANE:
		if (idx >= cdev->n_lanes || slot >= CPO_STATS_LANE_Q)
			return NULL;
		q = &st->lane[idx * CPO_STATS_LANE_Q + slot];
		break;
	case CPO_HW_OBJ_ELS:
		if (idx >= cdev->n_els || slot >= CPO_STATS_ELS_Q)
			return NULL;
		q = &st->els[idx * CPO_STATS_ELS_Q + slot];
		break;
	case CPO_HW_OBJ_LASER:
		if (idx >= cdev->n_lasers || slot >= CPO_STATS_LASER_Q)
			return NULL;
		q = &st->laser[idx * CPO_STATS_LASER_Q + slot];
		break;
	default:
		return NULL;
	}
	return q->last_n ? q : NULL;
}
