// SPDX-License-Identifier: GPL-2.0
/*
 * hwmon: one chip per optical engine ("cpo_oe<N>") and one per ELSFP slot
 * ("cpo_els<N>"), each on a parent of its own, cpoN/cpoN_oe<N> or
 * cpoN/cpoN_els<N> of the class "cpo_hwmon" (Documentation/cpo/driver.rst
 * says why).  Limits come from the thresholds: max/min are the high/low
 * warnings, crit/lcrit the high/low alarms.  A reading of something that
 * is not there (an empty slot, the lasers of one) is -ENODATA; its limits,
 * being the host's, stay readable and its alarms read 0.
 * An engine's chip also has one power channel per laser that lights its
 * lanes ("laserM in"): the power the engine receives from that laser.  It
 * has no limits: the path loss it reveals has its thresholds in dB, which
 * hwmon has no unit for (sysfs laserM/path_loss, netlink).
 */
#include <linux/hwmon.h>
#include <linux/slab.h>

#include "cpo.h"

#define CPO_HWMON_MAX_LASERS	32	/* laser channels of one ELSFP chip */

/* the limit and alarm attributes, independent of the sensor type */
enum cpo_hw_kind {
	CPO_K_INPUT,
	CPO_K_MAX,
	CPO_K_MIN,
	CPO_K_CRIT,
	CPO_K_LCRIT,
	CPO_K_MAX_ALARM,
	CPO_K_MIN_ALARM,
	CPO_K_CRIT_ALARM,
	CPO_K_LCRIT_ALARM,
	CPO_K_LABEL,
	CPO_K_NONE,
};

static enum cpo_hw_kind cpo_hwmon_kind(enum hwmon_sensor_types type, u32 attr)
{
	switch (type) {
	case hwmon_temp:
		switch (attr) {
		case hwmon_temp_input: return CPO_K_INPUT;
		case hwmon_temp_max: return CPO_K_MAX;
		case hwmon_temp_min: return CPO_K_MIN;
		case hwmon_temp_crit: return CPO_K_CRIT;
		case hwmon_temp_lcrit: return CPO_K_LCRIT;
		case hwmon_temp_max_alarm: return CPO_K_MAX_ALARM;
		case hwmon_temp_min_alarm: return CPO_K_MIN_ALARM;
		case hwmon_temp_crit_alarm: return CPO_K_CRIT_ALARM;
		case hwmon_temp_lcrit_alarm: return CPO_K_LCRIT_ALARM;
		case hwmon_temp_label: return CPO_K_LABEL;
		}
		break;
	case hwmon_in:
		switch (attr) {
		case hwmon_in_input: return CPO_K_INPUT;
		case hwmon_in_max: return CPO_K_MAX;
		case hwmon_in_min: return CPO_K_MIN;
		case hwmon_in_crit: return CPO_K_CRIT;
		case hwmon_in_lcrit: return CPO_K_LCRIT;
		case hwmon_in_max_alarm: return CPO_K_MAX_ALARM;
		case hwmon_in_min_alarm: return CPO_K_MIN_ALARM;
		case hwmon_in_crit_alarm: return CPO_K_CRIT_ALARM;
		case hwmon_in_lcrit_alarm: return CPO_K_LCRIT_ALARM;
		case hwmon_in_label: return CPO_K_LABEL;
		}
		break;
	case hwmon_curr:
		switch (attr) {
		case hwmon_curr_input: return CPO_K_INPUT;
		case hwmon_curr_max: return CPO_K_MAX;
		case hwmon_curr_min: return CPO_K_MIN;
		case hwmon_curr_crit: return CPO_K_CRIT;
		case hwmon_curr_lcrit: return CPO_K_LCRIT;
		case hwmon_curr_max_alarm: return CPO_K_MAX_ALARM;
		case hwmon_curr_min_alarm: return CPO_K_MIN_ALARM;
		case hwmon_curr_crit_alarm: return CPO_K_CRIT_ALARM;
		case hwmon_curr_lcrit_alarm: return CPO_K_LCRIT_ALARM;
		case hwmon_curr_label: return CPO_K_LABEL;
		}
		break;
	case hwmon_power:
		switch (attr) {
		case hwmon_power_input: return CPO_K_INPUT;
		case hwmon_power_max: return CPO_K_MAX;
		case hwmon_power_min: return CPO_K_MIN;
		case hwmon_power_crit: return CPO_K_CRIT;
		case hwmon_power_lcrit: return CPO_K_LCRIT;
		case hwmon_power_max_alarm: return CPO_K_MAX_ALARM;
		case hwmon_power_min_alarm: return CPO_K_MIN_ALARM;
		case hwmon_power_crit_alarm: return CPO_K_CRIT_ALARM;
		case hwmon_power_lcrit_alarm: return CPO_K_LCRIT_ALARM;
		case hwmon_power_label: return CPO_K_LABEL;
		}
		break;
	default:
		break;
	}
	return CPO_K_NONE;
}

/* the alarm attribute of each sensor type, by CPO_K_*_ALARM */
static u32 cpo_hwmon_alarm_attr(enum hwmon_sensor_types type,
				enum cpo_hw_kind k)
{
	static const u32 temp[] = { hwmon_temp_max_alarm, hwmon_temp_min_alarm,
		hwmon_temp_crit_alarm, hwmon_temp_lcrit_alarm };
	static const u32 in[] = { hwmon_in_max_alarm, hwmon_in_min_alarm,
		hwmon_in_crit_alarm, hwmon_in_lcrit_alarm };
	static const u32 curr[] = { hwmon_curr_max_alarm, hwmon_curr_min_alarm,
		hwmon_curr_crit_alarm, hwmon_curr_lcrit_alarm };
	static const u32 power[] = { hwmon_power_max_alarm,
		hwmon_power_min_alarm, hwmon_power_crit_alarm,
		hwmon_power_lcrit_alarm };
	unsigned int i = k - CPO_K_MAX_ALARM;

	switch (type) {
	case hwmon_temp:
		return temp[i];
	case hwmon_in:
		return in[i];
	case hwmon_curr:
		return curr[i];
	default:
		return power[i];
	}
}

/* A limit of quantity @q from the host's copy of the thresholds. */
static int cpo_hwmon_limit(struct cpo_dev *cdev, enum cpo_hw_kind k,
			   unsigned int q, unsigned int div, long *val)
{
	s32 limit;

	if (q >= CPO_HW_Q_MAX)
		return -EOPNOTSUPP;
	mutex_lock(&cdev->lock);
	if (!test_bit(q, &cdev->thresh_good)) {
		/* the device never gave a good set: no limit to show */
		mutex_unlock(&cdev->lock);
		return -ENODATA;
	}
	switch (k) {
	case CPO_K_MAX:
		limit = cdev->thresh[q].high_warn;
		break;
	case CPO_K_MIN:
		limit = cdev->thresh[q].low_warn;
		break;
	case CPO_K_CRIT:
		limit = cdev->thresh[q].high_alarm;
		break;
	default:
		limit = cdev->thresh[q].low_alarm;
		break;
	}
	mutex_unlock(&cdev->lock);
	*val = limit / (s32)div;
	return 0;
}

static bool cpo_hwmon_is_limit(enum cpo_hw_kind k)
{
	return k == CPO_K_MAX || k == CPO_K_MIN || k == CPO_K_CRIT ||
	       k == CPO_K_LCRIT;
}

/*
 * One reading: the input (divided by @div from the device unit to the
 * hwmon unit), or an alarm from @flags, the object's flags, at the slot of
 * quantity @q (CPO_HW_Q_MAX: none).  @present false: nothing is there to
 * read, the input is -ENODATA and no alarm is raised.
 */
static int cpo_hwmon_value(enum cpo_hw_kind k, bool present, s64 input,
			   unsigned int q, u16 flags, unsigned int div,
			   long *val)
{
	unsigned int slot = q < CPO_HW_Q_MAX ? cpo_hw_q_slot(q) : 0;
	u16 f = present ? (flags >> (4 * slot)) & 0xf : 0;

	switch (k) {
	case CPO_K_INPUT:
		if (!present)
			return -ENODATA;
		*val = div_s64(input, div);
		return 0;
	case CPO_K_MAX_ALARM:
		*val = !!(f & CPO_HW_FLAG_HIGH_WARN);
		return 0;
	case CPO_K_MIN_ALARM:
		*val = !!(f & CPO_HW_FLAG_LOW_WARN);
		return 0;
	case CPO_K_CRIT_ALARM:
		*val = !!(f & CPO_HW_FLAG_HIGH_ALARM);
		return 0;
	case CPO_K_LCRIT_ALARM:
		*val = !!(f & CPO_HW_FLAG_LOW_ALARM);
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* ---- OE chip ---- */

#define CPO_HWMON_T_ALL (HWMON_T_INPUT | HWMON_T_MAX | HWMON_T_MIN |	\
	HWMON_T_CRIT | HWMON_T_LCRIT | HWMON_T_MAX_ALARM |		\
	HWMON_T_MIN_ALARM | HWMON_T_CRIT_ALARM | HWMON_T_LCRIT_ALARM |	\
	HWMON_T_LABEL)
#define CPO_HWMON_I_ALL (HWMON_I_INPUT | HWMON_I_MAX | HWMON_I_MIN |	\
	HWMON_I_CRIT | HWMON_I_LCRIT | HWMON_I_MAX_ALARM |		\
	HWMON_I_MIN_ALARM | HWMON_I_CRIT_ALARM | HWMON_I_LCRIT_ALARM |	\
	HWMON_I_LABEL)
#define CPO_HWMON_C_ALL (HWMON_C_INPUT | HWMON_C_MAX | HWMON_C_MIN |	\
	HWMON_C_CRIT | HWMON_C_LCRIT | HWMON_C_MAX_ALARM |		\
	HWMON_C_MIN_ALARM | HWMON_C_CRIT_ALARM | HWMON_C_LCRIT_ALARM |	\
	HWMON_C_LABEL)
#define CPO_HWMON_P_ALL (HWMON_P_INPUT | HWMON_P_MAX | HWMON_P_MIN |	\
	HWMON_P_CRIT | HWMON_P_LCRIT | HWMON_P_MAX_ALARM |		\
	HWMON_P_MIN_ALARM | HWMON_P_CRIT_ALARM | HWMON_P_LCRIT_ALARM |	\
	HWMON_P_LABEL)

static umode_t cpo_hwmon_is_visible(const void *data,
				    enum hwmon_sensor_types type, u32 attr,
				    int channel)
{
	return 0444;
}

struct cpo_oe_hwmon {
	struct hwmon_chip_info chip;
	const struct hwmon_channel_info *info[4];
	struct hwmon_channel_info power;
	u32 power_cfg[CPO_HWMON_MAX_LASERS + 1];
	u16 laser[CPO_HWMON_MAX_LASERS];	/* the laser of each channel */
	char labels[CPO_HWMON_MAX_LASERS][24];	/* "laserM in" */
	unsigned int n_lasers;
};

/* The engine's input power from the laser of power channel @channel. */
static int cpo_oe_hwmon_read_in(struct cpo_oe *oe, u32 attr, int channel,
				long *val)
{
	struct cpo_oe_hwmon *h = oe->hwmon_priv;
	struct cpo_dev *cdev = oe->cdev;
	struct cpo_laser_tm lt;
	int err;

	if (attr != hwmon_power_input || channel >= h->n_lasers ||
	    h->laser[channel] >= cdev->n_lasers)
		return -EOPNOTSUPP;
	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	lt = cdev->snap.laser[h->laser[channel]];
	cpo_telem_unlock(cdev);
	return cpo_hwmon_value(CPO_K_INPUT, cpo_laser_tm_present(&lt),
			       lt.oe_in_power, CPO_HW_Q_MAX, 0, 1, val);
}

static int cpo_oe_hwmon_read(struct device *dev, enum hwmon_sensor_types type,
			     u32 attr, int channel, long *val)
{
	struct cpo_oe *oe = dev_get_drvdata(dev);
	struct cpo_dev *cdev = oe->cdev;
	enum cpo_hw_kind k = cpo_hwmon_kind(type, attr);
	unsigned int q = type == hwmon_temp ? CPO_HW_Q_OE_TEMP :
					      CPO_HW_Q_OE_VCC;
	struct cpo_oe_tm t;
	int err;

	if (type == hwmon_power)
		return cpo_oe_hwmon_read_in(oe, attr, channel, val);
	if (type != hwmon_temp && type != hwmon_in)
		return -EOPNOTSUPP;
	if (cpo_hwmon_is_limit(k))
		return cpo_hwmon_limit(cdev, k, q, 1, val);
	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	t = cdev->snap.oe[oe->index];
	cpo_telem_unlock(cdev);
	return cpo_hwmon_value(k, true, type == hwmon_temp ? t.temp : t.vcc,
			       q, t.flags, 1, val);
}

static int cpo_oe_hwmon_read_string(struct device *dev,
				    enum hwmon_sensor_types type, u32 attr,
				    int channel, const char **str)
{
	struct cpo_oe *oe = dev_get_drvdata(dev);
	struct cpo_oe_hwmon *h = oe->hwmon_priv;

	if (type == hwmon_power) {
		if (channel >= h->n_lasers)
			return -EINVAL;
		*str = h->labels[channel];
		return 0;
	}
	*str = oe->hwmon_label[type == hwmon_temp ? 0 : 1];
	return 0;
}

static const struct hwmon_ops cpo_oe_hwmon_ops = {
	.is_visible = cpo_hwmon_is_visible,
	.read = cpo_oe_hwmon_read,
	.read_string = cpo_oe_hwmon_read_string,
};

static const u32 cpo_oe_temp_cfg[] = { CPO_HWMON_T_ALL, 0 };
static const u32 cpo_oe_in_cfg[] = { CPO_HWMON_I_ALL, 0 };

static const struct hwmon_channel_info cpo_oe_temp = {
	.type = hwmon_temp,
	.config = cpo_oe_temp_cfg,
};

static const struct hwmon_channel_info cpo_oe_in = {
	.type = hwmon_in,
	.config = cpo_oe_in_cfg,
};

/*
 * The distinct lasers lighting an engine's lanes, in lane order, at most
 * CPO_HWMON_MAX_LASERS: its chip's power channels.  Return: how many.
 */
static unsigned int cpo_oe_lasers(const struct cpo_oe *oe, u16 *lasers)
{
	unsigned int i, j, n = 0, first = READ_ONCE(oe->first_lane);

	for (i = 0; i < oe->n_lanes && n < CPO_HWMON_MAX_LASERS; i++) {
		u16 la = cpo_lane_laser(oe->cdev, first + i);

		if (la == CPO_HW_NONE)
			continue;
		for (j = 0; j < n && lasers[j] != la; j++)
			;
		if (j == n)
			lasers[n++] = la;
	}
	return n;
}

/*
 * The engine's chip: temperature, Vcc and a power channel for each
 * distinct laser lighting its lanes, in lane order.  The info array is
 * non-const of const pointers: the type both 6.1 and 6.12 accept.
 */
static struct cpo_oe_hwmon *cpo_oe_hwmon_build(struct cpo_oe *oe)
{
	struct cpo_oe_hwmon *h;
	unsigned int j, n;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return NULL;
	n = cpo_oe_lasers(oe, h->laser);
	for (j = 0; j < n; j++) {
		h->power_cfg[j] = HWMON_P_INPUT | HWMON_P_LABEL;
		snprintf(h->labels[j], sizeof(h->labels[j]), "laser%u in",
			 h->laser[j]);
	}
	h->n_lasers = n;
	h->power.type = hwmon_power;
	h->power.config = h->power_cfg;
	h->info[0] = &cpo_oe_temp;
	h->info[1] = &cpo_oe_in;
	h->info[2] = n ? &h->power : NULL;
	h->info[3] = NULL;
	h->chip.ops = &cpo_oe_hwmon_ops;
	h->chip.info = h->info;
	return h;
}

/* ---- ELSFP chip ---- */

struct cpo_els_hwmon {
	struct hwmon_chip_info chip;
	const struct hwmon_channel_info *info[5];
	struct hwmon_channel_info temp, in, curr, power;
	u32 temp_cfg[2];
	u32 in_cfg[2];
	u32 curr_cfg[2 + CPO_HWMON_MAX_LASERS + 1];
	u32 power_cfg[CPO_HWMON_MAX_LASERS + 1];
	char labels[CPO_HWMON_MAX_LASERS][2][24];
	char label_temp[16], label_vcc[16], label_icc[16], label_tec[16];
	char name[16];			/* "cpo_els<N>" */
	unsigned int n_lasers;
};

static int cpo_els_hwmon_read(struct device *dev, enum hwmon_sensor_types type,
			      u32 attr, int channel, long *val)
{
	struct cpo_els *els = dev_get_drvdata(dev);
	struct cpo_dev *cdev = els->cdev;
	enum cpo_hw_kind k = cpo_hwmon_kind(type, attr);
	struct cpo_laser_tm lt = {};
	unsigned int q, div = 1;
	struct cpo_els_tm t;
	bool present;
	int laser = -1;
	s64 input;
	int err;

	switch (type) {
	case hwmon_temp:
		q = CPO_HW_Q_ELS_TEMP;
		break;
	case hwmon_in:
		q = CPO_HW_Q_ELS_VCC;
		break;
	case hwmon_curr:
		/* icc has no thresholds; bias: uA on the device, mA here */
		q = channel == 0 ? CPO_HW_Q_MAX : channel == 1 ?
			CPO_HW_Q_ELS_TEC : CPO_HW_Q_LASER_BIAS;
		if (channel >= 2) {
			laser = els->first_laser + channel - 2;
			div = 1000;
		}
		break;
	case hwmon_power:
		q = CPO_HW_Q_LASER_POWER;
		laser = els->first_laser + channel;
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (laser >= cdev->n_lasers)
		return -EINVAL;
	if (cpo_hwmon_is_limit(k))
		return cpo_hwmon_limit(cdev, k, q, div, val);

	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	t = cdev->snap.els[els->index];
	if (laser >= 0)
		lt = cdev->snap.laser[laser];
	cpo_telem_unlock(cdev);

	/* the slot's state machine says whether the module is there */
	present = cpo_els_has_readings(els, &t);
	if (laser >= 0) {
		present = present && cpo_laser_tm_present(&lt);
		input = type == hwmon_power ? lt.power : lt.bias;
		return cpo_hwmon_value(k, present, input, q, lt.flags, div,
				       val);
	}
	switch (type) {
	case hwmon_temp:
		input = t.temp;
		break;
	case hwmon_in:
		input = t.vcc;
		break;
	default:
		/* not "channel ? t.tec : t.icc": that would be unsigned */
		if (channel)
			input = t.tec;
		else
			input = t.icc;
		break;
	}
	return cpo_hwmon_value(k, present, input, q, t.flags, 1, val);
}

static int cpo_els_hwmon_read_string(struct device *dev,
				     enum hwmon_sensor_types type, u32 attr,
				     int channel, const char **str)
{
	struct cpo_els *els = dev_get_drvdata(dev);
	struct cpo_els_hwmon *h = els->hwmon_priv;

	switch (type) {
	case hwmon_temp:
		*str = h->label_temp;
		return 0;
	case hwmon_in:
		*str = h->label_vcc;
		return 0;
	case hwmon_curr:
		if (channel < 2) {
			*str = channel ? h->label_tec : h->label_icc;
			return 0;
		}
		if (channel - 2 >= h->n_lasers)
			return -EINVAL;
		*str = h->labels[channel - 2][0];
		return 0;
	case hwmon_power:
		if (channel >= h->n_lasers)
			return -EINVAL;
		*str = h->labels[channel][1];
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static const struct hwmon_ops cpo_els_hwmon_ops = {
	.is_visible = cpo_hwmon_is_visible,
	.read = cpo_els_hwmon_read,
	.read_string = cpo_els_hwmon_read_string,
};

static struct cpo_els_hwmon *cpo_els_hwmon_build(struct cpo_els *els)
{
	struct cpo_els_hwmon *h;
	unsigned int i, n = min_t(unsigned int, els->n_lasers,
				  CPO_HWMON_MAX_LASERS);

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return NULL;
	h->n_lasers = n;
	snprintf(h->name, sizeof(h->name), "cpo_els%u", els->index);
	/* labels name the slot: sensors cannot tell the chips apart otherwise */
	snprintf(h->label_temp, sizeof(h->label_temp), "els%u module", els->index);
	snprintf(h->label_vcc, sizeof(h->label_vcc), "els%u vcc", els->index);
	snprintf(h->label_icc, sizeof(h->label_icc), "els%u icc", els->index);
	snprintf(h->label_tec, sizeof(h->label_tec), "els%u tec", els->index);
	h->temp_cfg[0] = CPO_HWMON_T_ALL;
	h->in_cfg[0] = CPO_HWMON_I_ALL;
	h->curr_cfg[0] = HWMON_C_INPUT | HWMON_C_LABEL;
	h->curr_cfg[1] = CPO_HWMON_C_ALL;
	for (i = 0; i < n; i++) {
		h->curr_cfg[2 + i] = CPO_HWMON_C_ALL;
		h->power_cfg[i] = CPO_HWMON_P_ALL;
		snprintf(h->labels[i][0], sizeof(h->labels[i][0]),
			 "laser%u bias", els->first_laser + i);
		snprintf(h->labels[i][1], sizeof(h->labels[i][1]),
			 "laser%u power", els->first_laser + i);
	}
	h->temp.type = hwmon_temp;
	h->temp.config = h->temp_cfg;
	h->in.type = hwmon_in;
	h->in.config = h->in_cfg;
	h->curr.type = hwmon_curr;
	h->curr.config = h->curr_cfg;
	h->power.type = hwmon_power;
	h->power.config = h->power_cfg;
	h->info[0] = &h->temp;
	h->info[1] = &h->in;
	h->info[2] = &h->curr;
	h->info[3] = n ? &h->power : NULL;
	h->info[4] = NULL;
	h->chip.ops = &cpo_els_hwmon_ops;
	h->chip.info = h->info;
	return h;
}

/*
 * The chips' parents, one per chip: a device of the class "cpo_hwmon"
 * below cpoN.  Being in a class libsensors does not know, it walks up to
 * the PCI function for the bus and address of the chip; being one per
 * chip, node_exporter (before 1.12, which fails on chips sharing a
 * parent) labels each chip by it.
 */
static struct class cpo_hwmon_class = {
	.name = "cpo_hwmon",
};

int cpo_hwmon_class_init(void)
{
	return class_register(&cpo_hwmon_class);
}

void cpo_hwmon_class_exit(void)
{
	class_unregister(&cpo_hwmon_class);
}

static void cpo_hwmon_parent_release(struct device *dev)
{
	struct cpo_dev *cdev = dev_get_drvdata(dev);

	kfree(dev);
	put_device(&cdev->dev);
}

/* A parent named cpo<dev>_<obj> for one chip, or an ERR_PTR. */
static struct device *cpo_hwmon_parent_add(struct cpo_dev *cdev,
					   const char *obj)
{
	struct device *dev;
	int err;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	device_initialize(dev);
	dev->parent = &cdev->dev;
	dev->class = &cpo_hwmon_class;
	dev->release = cpo_hwmon_parent_release;
	dev_set_drvdata(dev, cdev);
	get_device(&cdev->dev);
	err = dev_set_name(dev, "%s_%s", dev_name(&cdev->dev), obj);
	if (!err)
		err = device_add(dev);
	if (err) {
		put_device(dev);
		return ERR_PTR(err);
	}
	return dev;
}

static void cpo_hwmon_parent_del(struct device **dev)
{
	if (*dev)
		device_unregister(*dev);
	*dev = NULL;
}

/*
 * Register one chip named @name for @obj (the chips' drvdata) on a parent
 * of its own; *@parent and *@hwmon are set on success.
 */
static int cpo_hwmon_add(struct cpo_dev *cdev, const char *name, void *obj,
			 const struct hwmon_chip_info *chip,
			 struct device **parent, struct device **hwmon)
{
	struct device *pd, *hw;

	/* the parent is named as the chip, less its "cpo_" */
	pd = cpo_hwmon_parent_add(cdev, name + 4);
	if (IS_ERR(pd))
		return PTR_ERR(pd);
	hw = hwmon_device_register_with_info(pd, name, obj, chip, NULL);
	if (IS_ERR(hw)) {
		device_unregister(pd);
		return PTR_ERR(hw);
	}
	*parent = pd;
	*hwmon = hw;
	return 0;
}

/*
 * An engine whose number of distinct lasers changed (an engine failover
 * hands them all to the spare) gets a new chip: hwmon fixes the channels
 * at registration.  The old chip goes first; its readers are drained.
 */
static void cpo_oe_hwmon_rebuild(struct cpo_dev *cdev, struct cpo_oe *oe)
{
	struct cpo_oe_hwmon *h;
	int err;

	hwmon_device_unregister(oe->hwmon);
	oe->hwmon = NULL;
	cpo_hwmon_parent_del(&oe->hwmon_parent);
	kfree(oe->hwmon_priv);
	h = cpo_oe_hwmon_build(oe);
	oe->hwmon_priv = h;
	err = h ? cpo_hwmon_add(cdev, oe->hwmon_name, oe, &h->chip,
				&oe->hwmon_parent, &oe->hwmon) : -ENOMEM;
	if (err) {
		kfree(h);
		oe->hwmon_priv = NULL;
		dev_warn(&cdev->dev, "oe%u: hwmon chip not registered again: %d\n",
			 oe->index, err);
	}
}

/**
 * cpo_hwmon_topology() - the engines' laser channels follow a failover
 * @cdev: the device
 *
 * A laser failover replaces one laser by another in the same lanes, so
 * each engine keeps its number of distinct lasers: a channel that fed
 * from the replaced laser now reads (and is labelled) the spare.  An
 * engine failover moves all of an engine's lasers to the spare engine:
 * both chips are registered again with their new channels.  Called from
 * the event work, which teardown stops before the chips go.
 */
void cpo_hwmon_topology(struct cpo_dev *cdev)
{
	unsigned int o, j, n;

	for (o = 0; o < cdev->n_oe; o++) {
		struct cpo_oe *oe = &cdev->oe[o];
		struct cpo_oe_hwmon *h = oe->hwmon_priv;
		u16 lasers[CPO_HWMON_MAX_LASERS];

		if (!h || !oe->hwmon)
			continue;
		n = cpo_oe_lasers(oe, lasers);
		if (n != h->n_lasers) {
			cpo_oe_hwmon_rebuild(cdev, oe);
			continue;
		}
		for (j = 0; j < n; j++) {
			if (h->laser[j] == lasers[j])
				continue;
			WRITE_ONCE(h->laser[j], lasers[j]);
			snprintf(h->labels[j], sizeof(h->labels[j]),
				 "laser%u in", lasers[j]);
		}
	}
}

int cpo_hwmon_init(struct cpo_dev *cdev)
{
	unsigned int i;
	int err;

	for (i = 0; i < cdev->n_oe; i++) {
		struct cpo_oe *oe = &cdev->oe[i];
		struct cpo_oe_hwmon *h;

		snprintf(oe->hwmon_label[0], sizeof(oe->hwmon_label[0]),
			 "oe%u engine", oe->index);
		snprintf(oe->hwmon_label[1], sizeof(oe->hwmon_label[1]),
			 "oe%u vcc", oe->index);
		snprintf(oe->hwmon_name, sizeof(oe->hwmon_name), "cpo_oe%u",
			 oe->index);
		h = cpo_oe_hwmon_build(oe);
		if (!h) {
			err = -ENOMEM;
			goto err_unregister;
		}
		oe->hwmon_priv = h;
		err = cpo_hwmon_add(cdev, oe->hwmon_name, oe, &h->chip,
				    &oe->hwmon_parent, &oe->hwmon);
		if (err)
			goto err_unregister;
	}
	for (i = 0; i < cdev->n_els; i++) {
		struct cpo_els *els = &cdev->els[i];
		struct cpo_els_hwmon *h = cpo_els_hwmon_build(els);

		if (!h) {
			err = -ENOMEM;
			goto err_unregister;
		}
		els->hwmon_priv = h;
		err = cpo_hwmon_add(cdev, h->name, els, &h->chip,
				    &els->hwmon_parent, &els->hwmon);
		if (err)
			goto err_unregister;
	}
	return 0;

err_unregister:
	dev_err(&cdev->dev, "hwmon registration failed: %d\n", err);
	cpo_hwmon_exit(cdev);
	return err;
}

/* Before the objects the chips read from go away. */
void cpo_hwmon_exit(struct cpo_dev *cdev)
{
	unsigned int i;

	for (i = 0; i < cdev->n_els; i++) {
		if (cdev->els[i].hwmon)
			hwmon_device_unregister(cdev->els[i].hwmon);
		cdev->els[i].hwmon = NULL;
		cpo_hwmon_parent_del(&cdev->els[i].hwmon_parent);
		kfree(cdev->els[i].hwmon_priv);
		cdev->els[i].hwmon_priv = NULL;
	}
	for (i = 0; i < cdev->n_oe; i++) {
		if (cdev->oe[i].hwmon)
			hwmon_device_unregister(cdev->oe[i].hwmon);
		cdev->oe[i].hwmon = NULL;
		cpo_hwmon_parent_del(&cdev->oe[i].hwmon_parent);
		kfree(cdev->oe[i].hwmon_priv);
		cdev->oe[i].hwmon_priv = NULL;
	}
}

/* A threshold event: tell pollers of the matching *_alarm attribute. */
void cpo_hwmon_notify(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	enum hwmon_sensor_types type;
	enum cpo_hw_kind k;
	struct device *hw = NULL;
	int channel = 0;

	if (ev->type != CPO_HW_EV_THRESH)
		return;
	if (ev->flags & CPO_HW_EVF_HIGH)
		k = ev->flags & CPO_HW_EVF_ALARM ? CPO_K_CRIT_ALARM :
						   CPO_K_MAX_ALARM;
	else
		k = ev->flags & CPO_HW_EVF_ALARM ? CPO_K_LCRIT_ALARM :
						   CPO_K_MIN_ALARM;

	switch (ev->quantity) {
	case CPO_HW_Q_OE_TEMP:
	case CPO_HW_Q_OE_VCC:
		hw = cdev->oe[ev->obj].hwmon;
		type = ev->quantity == CPO_HW_Q_OE_TEMP ? hwmon_temp : hwmon_in;
		break;
	case CPO_HW_Q_ELS_TEMP:
		hw = cdev->els[ev->obj].hwmon;
		type = hwmon_temp;
		break;
	case CPO_HW_Q_ELS_VCC:
		hw = cdev->els[ev->obj].hwmon;
		type = hwmon_in;
		break;
	case CPO_HW_Q_ELS_TEC:
		hw = cdev->els[ev->obj].hwmon;
		type = hwmon_curr;
		channel = 1;
		break;
	case CPO_HW_Q_LASER_BIAS:
	case CPO_HW_Q_LASER_POWER: {
		const struct cpo_laser *la = &cdev->laser[ev->obj];

		if (la->els_index >= CPO_HWMON_MAX_LASERS)
			return;
		hw = cdev->els[la->els].hwmon;
		if (ev->quantity == CPO_HW_Q_LASER_BIAS) {
			type = hwmon_curr;
			channel = 2 + la->els_index;
		} else {
			type = hwmon_power;
			channel = la->els_index;
		}
		break;
	}
	default:
		return;
	}
	if (hw)
		hwmon_notify_event(hw, type, cpo_hwmon_alarm_attr(type, k),
				   channel);
}
