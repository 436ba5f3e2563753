// SPDX-License-Identifier: GPL-2.0
/*
 * Alarm flag history, as switch OSes keep it for pluggable optics: for
 * every flag of every object (four per monitored quantity: high alarm,
 * low alarm, high warning, low warning, CMIS order) how many times it
 * changed, and when it was last set and last cleared.
 *
 * The history follows the telemetry snapshot: cpo_telem_decode() (core.c)
 * compares each object's flags with the copy it replaces and calls
 * cpo_alarms_note() for the objects whose flags differ, so a snapshot
 * without a change costs one compare per object.  The event watchdog
 * takes a snapshot at least once per update period, so every state that
 * lasts a period is seen.  Times are CLOCK_REALTIME nanoseconds of the
 * snapshot that saw the change; flags already set at probe count as set
 * then.  Everything here is under cdev->telem_lock.
 *
 * Memory: one struct cpo_alarm_hist (24 bytes) per flag, 4 per quantity
 * of the object: 192 bytes per engine or lane (2 quantities), 288 per
 * ELSFP slot (3), 384 per laser (4: bias, power, temperature, path loss),
 * allocated with the topology; 152 KiB for a 102.4T switch (16 engines,
 * 512 lanes, 16 slots, 128 lasers).
 */
#include <linux/bitops.h>
#include <linux/slab.h>
#include <linux/mm.h>

#include "cpo.h"

/* quantities (flag slots) of each object type */
static unsigned int cpo_alarms_slots(u8 obj)
{
	switch (obj) {
	case CPO_HW_OBJ_OE:
	case CPO_HW_OBJ_LANE:
		return 2;
	case CPO_HW_OBJ_ELS:
		return 3;
	case CPO_HW_OBJ_LASER:
		return 4;
	default:
		return 0;
	}
}

int cpo_alarms_alloc(struct cpo_dev *cdev)
{
	struct cpo_alarm_log *log = &cdev->alarm_log;

	log->oe = kvcalloc((size_t)cdev->n_oe * 2 * CPO_FLAGS_PER_Q,
			   sizeof(*log->oe), GFP_KERNEL);
	log->lane = kvcalloc((size_t)cdev->n_lanes * 2 * CPO_FLAGS_PER_Q,
			     sizeof(*log->lane), GFP_KERNEL);
	log->els = kvcalloc((size_t)cdev->n_els * 3 * CPO_FLAGS_PER_Q,
			    sizeof(*log->els), GFP_KERNEL);
	log->laser = kvcalloc((size_t)cdev->n_lasers * 4 * CPO_FLAGS_PER_Q,
			      sizeof(*log->laser), GFP_KERNEL);
	if (!log->oe || !log->lane || (cdev->n_els && !log->els) ||
	    (cdev->n_lasers && !log->laser))
		return -ENOMEM;
	return 0;
}

void cpo_alarms_free(struct cpo_dev *cdev)
{
	struct cpo_alarm_log *log = &cdev->alarm_log;

	kvfree(log->laser);
	kvfree(log->els);
	kvfree(log->lane);
	kvfree(log->oe);
}

const struct cpo_alarm_hist *cpo_alarms_get(const struct cpo_dev *cdev,
					    u8 obj, u32 idx)
{
	const struct cpo_alarm_log *log = &cdev->alarm_log;
	size_t per = cpo_alarms_slots(obj) * CPO_FLAGS_PER_Q;

	switch (obj) {
	case CPO_HW_OBJ_OE:
		return idx < cdev->n_oe ? log->oe + idx * per : NULL;
	case CPO_HW_OBJ_LANE:
		return idx < cdev->n_lanes ? log->lane + idx * per : NULL;
	case CPO_HW_OBJ_ELS:
		return idx < cdev->n_els ? log->els + idx * per : NULL;
	case CPO_HW_OBJ_LASER:
		return idx < cdev->n_lasers ? log->laser + idx * per : NULL;
	default:
		return NULL;
	}
}

void cpo_alarms_note(struct cpo_dev *cdev, u8 obj, u32 idx, u16 old, u16 new,
		     u64 now)
{
	struct cpo_alarm_hist *h = (struct cpo_alarm_hist *)
				   cpo_alarms_get(cdev, obj, idx);
	unsigned long changed;
	unsigned int bit, n = cpo_alarms_slots(obj) * CPO_FLAGS_PER_Q;

	lockdep_assert_held(&cdev->telem_lock);
	if (!h)
		return;
	changed = (old ^ new) & GENMASK(n - 1, 0);
	for_each_set_bit(bit, &changed, n) {
		h[bit].changes++;
		if (new & BIT(bit))
			h[bit].last_set = now;
		else
			h[bit].last_clear = now;
	}
}
