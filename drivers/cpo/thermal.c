// SPDX-License-Identifier: GPL-2.0
/*
 * Thermal zones: one per optical engine ("cpo<N>-oe<M>") and one per
 * ELSFP slot ("cpo<N>-els<M>"), so that the kernel's thermal framework,
 * its governors and the fan control bound to them see the optics, as they
 * see the modules of a switch ASIC's driver.  Each zone has two trip
 * points from the host's copy of its quantity's thresholds (oe_temp,
 * els_temp): passive at the high warning, hot at the high alarm; they
 * follow every change of the thresholds.  There is no critical trip: the
 * thermal core answers one by powering the host off, and an engine or a
 * laser module that overheats protects itself (the engine shuts down,
 * the lasers go to fault) while the switch keeps running.
 *
 * The temperature is the telemetry copy's; an empty slot reads
 * THERMAL_TEMP_INVALID, the framework's "no reading".  The zones are not
 * polled: the device's threshold events (and ELSFP insertion and
 * removal) re-check them, and the core polls a zone every
 * CPO_TZ_PASSIVE_MS while a governor cools on its passive trip.  No
 * hwmon device is made for them: the hwmon chips of hwmon.c show the same
 * temperatures with their limits.
 */
#include <linux/slab.h>

#include "cpo.h"

#ifdef CPO_THERMAL_ZONES

#define CPO_TZ_PASSIVE_MS	1000

enum {
	CPO_TZ_TRIP_PASSIVE,
	CPO_TZ_TRIP_HOT,
	CPO_TZ_TRIPS,
};

struct cpo_tz {
	struct cpo_dev *cdev;
	struct thermal_zone_device *tzd;	/* under cdev->lock */
	/* the trips registered (on 6.1 the zone keeps using this array) */
	struct thermal_trip trips[CPO_TZ_TRIPS];
	int temp[CPO_TZ_TRIPS];		/* the trips' last temperatures */
	u16 index;			/* OE or slot */
	bool els;
	char type[THERMAL_NAME_LENGTH];
};

static int cpo_tz_get_temp(struct thermal_zone_device *tzd, int *temp)
{
	struct cpo_tz *z = cpo_tz_priv(tzd);
	struct cpo_dev *cdev = z->cdev;
	const struct cpo_els_tm *t;
	int err;

	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	if (z->els) {
		t = &cdev->snap.els[z->index];
		*temp = cpo_els_has_readings(&cdev->els[z->index], t) ?
			t->temp : THERMAL_TEMP_INVALID;
	} else {
		*temp = cdev->snap.oe[z->index].temp;
	}
	cpo_telem_unlock(cdev);
	return 0;
}

/* not const: 6.1 fills in .critical */
static struct thermal_zone_device_ops cpo_tz_ops = {
	.get_temp = cpo_tz_get_temp,
	CPO_TZ_TRIP_OPS
};

/* the thermal core's own hwmon device would repeat the chips of hwmon.c */
static struct thermal_zone_params cpo_tz_params = {
	.no_hwmon = true,
};

/* The trip temperatures the thresholds give, under cdev->lock. */
static void cpo_tz_trip_temps(struct cpo_dev *cdev, const struct cpo_tz *z,
			      int temp[CPO_TZ_TRIPS])
{
	const struct cpo_thresh *t;

	lockdep_assert_held(&cdev->lock);
	t = &cdev->thresh[z->els ? CPO_HW_Q_ELS_TEMP : CPO_HW_Q_OE_TEMP];
	temp[CPO_TZ_TRIP_PASSIVE] = t->high_warn;
	temp[CPO_TZ_TRIP_HOT] = t->high_alarm;
}

static int cpo_tz_add(struct cpo_dev *cdev, struct cpo_tz *z)
{
	struct thermal_zone_device *tzd;
	int err, n;

	z->cdev = cdev;
	n = snprintf(z->type, sizeof(z->type), "%s-%s%u", dev_name(&cdev->dev),
		     z->els ? "els" : "oe", z->index);
	if (n >= sizeof(z->type))
		return -ENAMETOOLONG;
	z->trips[CPO_TZ_TRIP_PASSIVE].type = THERMAL_TRIP_PASSIVE;
	z->trips[CPO_TZ_TRIP_HOT].type = THERMAL_TRIP_HOT;
	mutex_lock(&cdev->lock);
	cpo_tz_trip_temps(cdev, z, z->temp);
	mutex_unlock(&cdev->lock);
	z->trips[CPO_TZ_TRIP_PASSIVE].temperature = z->temp[CPO_TZ_TRIP_PASSIVE];
	z->trips[CPO_TZ_TRIP_HOT].temperature = z->temp[CPO_TZ_TRIP_HOT];

	tzd = cpo_tz_register(z->type, z->trips, CPO_TZ_TRIPS, z, &cpo_tz_ops,
			      &cpo_tz_params, CPO_TZ_PASSIVE_MS);
	if (IS_ERR(tzd))
		return PTR_ERR(tzd);
	err = thermal_zone_device_enable(tzd);
	if (err) {
		thermal_zone_device_unregister(tzd);
		return err;
	}
	mutex_lock(&cdev->lock);
	z->tzd = tzd;
	mutex_unlock(&cdev->lock);
	/* thresholds that changed meanwhile */
	cpo_thermal_thresh_changed(cdev);
	return 0;
}

int cpo_thermal_init(struct cpo_dev *cdev)
{
	struct cpo_thermal *th = &cdev->thermal;
	unsigned int i;
	int err;

	th->zones = kcalloc(cdev->n_oe + cdev->n_els, sizeof(*th->zones),
			    GFP_KERNEL);
	if (!th->zones)
		return -ENOMEM;
	th->n_zones = cdev->n_oe + cdev->n_els;
	for (i = 0; i < th->n_zones; i++) {
		struct cpo_tz *z = &th->zones[i];

		z->els = i >= cdev->n_oe;
		z->index = z->els ? i - cdev->n_oe : i;
		err = cpo_tz_add(cdev, z);
		if (err) {
			dev_err(&cdev->dev, "thermal zone %s: %d\n", z->type,
				err);
			cpo_thermal_exit(cdev);
			return err;
		}
	}
	return 0;
}

/* Before the objects the zones read from go away. */
void cpo_thermal_exit(struct cpo_dev *cdev)
{
	struct cpo_thermal *th = &cdev->thermal;
	struct thermal_zone_device *tzd;
	unsigned int i;

	for (i = 0; i < th->n_zones; i++) {
		mutex_lock(&cdev->lock);
		tzd = th->zones[i].tzd;
		th->zones[i].tzd = NULL;
		mutex_unlock(&cdev->lock);
		if (tzd)
			thermal_zone_device_unregister(tzd);
	}
	kfree(th->zones);
	th->zones = NULL;
	th->n_zones = 0;
}

/*
 * The threshold cache changed (a set, the device's sets re-read): move
 * the trips that no longer match it, and re-check those zones.
 */
void cpo_thermal_thresh_changed(struct cpo_dev *cdev)
{
	struct cpo_thermal *th = &cdev->thermal;
	int temp[CPO_TZ_TRIPS];
	unsigned int i;

	mutex_lock(&cdev->lock);
	for (i = 0; i < th->n_zones; i++) {
		struct cpo_tz *z = &th->zones[i];

		if (!z->tzd)
			continue;
		cpo_tz_trip_temps(cdev, z, temp);
		if (!memcmp(temp, z->temp, sizeof(temp)))
			continue;
		memcpy(z->temp, temp, sizeof(temp));
		cpo_tz_set_trip_temps(z->tzd, temp, CPO_TZ_TRIPS);
	}
	mutex_unlock(&cdev->lock);
}

/* A device event that moves a zone across a trip, or gives or takes its reading. */
void cpo_thermal_notify(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	struct cpo_thermal *th = &cdev->thermal;
	unsigned int i;

	switch (ev->type) {
	case CPO_HW_EV_THRESH:
		if (ev->quantity == CPO_HW_Q_OE_TEMP)
			i = ev->obj;
		else if (ev->quantity == CPO_HW_Q_ELS_TEMP)
			i = cdev->n_oe + ev->obj;
		else
			return;
		break;
	case CPO_HW_EV_ELS_INSERTED:
	case CPO_HW_EV_ELS_REMOVED:
		i = cdev->n_oe + ev->obj;
		break;
	default:
		return;
	}
	mutex_lock(&cdev->lock);
	if (i < th->n_zones && th->zones[i].tzd)
		thermal_zone_device_update(th->zones[i].tzd,
					   THERMAL_EVENT_UNSPECIFIED);
	mutex_unlock(&cdev->lock);
}

#else /* !CPO_THERMAL_ZONES: see compat.h */

int cpo_thermal_init(struct cpo_dev *cdev)
{
	return 0;
}

void cpo_thermal_exit(struct cpo_dev *cdev)
{
}

void cpo_thermal_thresh_changed(struct cpo_dev *cdev)
{
}

void cpo_thermal_notify(struct cpo_dev *cdev, const struct cpo_event *ev)
{
}

#endif
