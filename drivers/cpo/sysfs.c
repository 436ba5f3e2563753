// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: the class device cpoN, its children oeN, elsN, laserN, portN, the
 * topology links between them and cpoN/thresholds/.  Units as hwmon:
 * millidegree C, millivolt, microwatt, microampere, milliampere.  States,
 * modes and fault codes are the netlink spec's names (cpo-names-gen.c).
 * The ABI is Documentation/ABI/testing/sysfs-class-cpo.
 */
#include <linux/device.h>
#include <linux/sysfs.h>
#include <linux/kernel.h>

#include "cpo.h"

/* per object kind, the quantity name of each flag slot */
static const char * const cpo_oe_slots[] = { "temp", "vcc", NULL };
static const char * const cpo_lane_slots[] = { "tx_power", "rx_power", NULL };
static const char * const cpo_els_slots[] = { "temp", "vcc", "tec", NULL };
static const char * const cpo_laser_slots[] = {
	"bias", "power", "temp", "path_loss", NULL
};

static const char * const cpo_flag_names[] = {
	"high_alarm", "low_alarm", "high_warn", "low_warn",
};

/* Appends "<prefix><quantity>_<flag>" words for the flags set. */
static int cpo_emit_flags(char *buf, int len, const char *prefix,
			  const char * const *slots, u16 flags)
{
	unsigned int s, b;

	for (s = 0; slots[s]; s++)
		for (b = 0; b < 4; b++)
			if (flags & (1u << (4 * s + b)))
				len += sysfs_emit_at(buf, len, "%s%s%s_%s",
						     len ? " " : "", prefix,
						     slots[s], cpo_flag_names[b]);
	return len;
}

/* The alarms file of an object with one flags word. */
static int cpo_emit_alarms(char *buf, const char * const *slots, u16 flags)
{
	int len = cpo_emit_flags(buf, 0, "", slots, flags);

	return len + sysfs_emit_at(buf, len, "\n");
}

/* The alarms of lane @i of a port: "lane<i>_<quantity>_<flag>" words. */
static int cpo_emit_lane_alarms(char *buf, int len, unsigned int i, u16 flags)
{
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "lane%u_", i);
	return cpo_emit_flags(buf, len, prefix, cpo_lane_slots, flags);
}

/*
 * Appends a line "<prefix><quantity>_<flag> <changes> <last set>
 * <last clear>" (times in CLOCK_REALTIME ns, 0 for never) for each flag
 * of @h that ever changed.
 */
static int cpo_emit_hist(char *buf, int len, const char *prefix,
			 const char * const *slots,
			 const struct cpo_alarm_hist *h)
{
	unsigned int s, b;

	for (s = 0; h && slots[s]; s++)
		for (b = 0; b < CPO_FLAGS_PER_Q; b++) {
			const struct cpo_alarm_hist *e =
				&h[s * CPO_FLAGS_PER_Q + b];

			if (!e->changes && !e->last_set && !e->last_clear)
				continue;
			len += sysfs_emit_at(buf, len, "%s%s_%s %u %llu %llu\n",
					     prefix, slots[s],
					     cpo_flag_names[b], e->changes,
					     e->last_set, e->last_clear);
		}
	return len;
}

/* The alarm_history of lane @lane, lane @i of a port. */
static int cpo_emit_lane_hist(struct cpo_dev *cdev, char *buf, int len,
			      unsigned int i, u16 lane)
{
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "lane%u_", i);
	return cpo_emit_hist(buf, len, prefix, cpo_lane_slots,
			     cpo_alarms_get(cdev, CPO_HW_OBJ_LANE, lane));
}

/* Object indices as one line "a b c". */
static int cpo_emit_list(char *buf, const u16 *v, unsigned int n)
{
	unsigned int i;
	int len = 0;

	for (i = 0; i < n; i++)
		len += sysfs_emit_at(buf, len, "%s%u", i ? " " : "", v[i]);
	return len + sysfs_emit_at(buf, len, "\n");
}

/* ---- cpoN ---- */

static struct cpo_dev *to_cpo_dev(struct device *dev)
{
	return container_of(dev, struct cpo_dev, dev);
}

#define CPO_DEV_STR_ATTR(name)						\
static ssize_t name##_show(struct device *dev,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%s\n", to_cpo_dev(dev)->name);		\
}									\
static DEVICE_ATTR_RO(name)

#define CPO_DEV_U_ATTR(name)						\
static ssize_t name##_show(struct device *dev,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%u\n", to_cpo_dev(dev)->name);		\
}									\
static DEVICE_ATTR_RO(name)

CPO_DEV_STR_ATTR(model);
CPO_DEV_STR_ATTR(serial);

static ssize_t fw_version_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	char v[CPO_HW_STR_LEN + 1];

	cpo_fw_version_get(to_cpo_dev(dev), v);
	return sysfs_emit(buf, "%s\n", v);
}
static DEVICE_ATTR_RO(fw_version);

CPO_DEV_U_ATTR(n_oe);
CPO_DEV_U_ATTR(n_lanes);
CPO_DEV_U_ATTR(n_ports);
CPO_DEV_U_ATTR(n_els);
CPO_DEV_U_ATTR(n_lasers);
CPO_DEV_U_ATTR(update_period_ms);
CPO_DEV_U_ATTR(lane_rate_mbps);

static ssize_t hw_version_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct cpo_dev *cdev = to_cpo_dev(dev);

	return sysfs_emit(buf, "%u.%u\n", cdev->ver_major, cdev->ver_minor);
}
static DEVICE_ATTR_RO(hw_version);

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  cpo_dev_failed(to_cpo_dev(dev)) ? "failed" : "ok");
}
static DEVICE_ATTR_RO(state);

static ssize_t heartbeat_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct cpo_dev *cdev = to_cpo_dev(dev);

	if (test_bit(CPO_DEV_REMOVING, &cdev->state))
		return -ENODEV;
	return sysfs_emit(buf, "%u\n", cpo_read_heartbeat(cdev));
}
static DEVICE_ATTR_RO(heartbeat);

static ssize_t telemetry_stale_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct cpo_dev *cdev = to_cpo_dev(dev);
	ssize_t len;
	int err;

	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	len = sysfs_emit(buf, "%d\n", cdev->snap.stale);
	cpo_telem_unlock(cdev);
	return len;
}
static DEVICE_ATTR_RO(telemetry_stale);

static struct attribute *cpo_dev_attrs[] = {
	&dev_attr_model.attr,
	&dev_attr_serial.attr,
	&dev_attr_fw_version.attr,
	&dev_attr_hw_version.attr,
	&dev_attr_state.attr,
	&dev_attr_heartbeat.attr,
	&dev_attr_n_oe.attr,
	&dev_attr_n_lanes.attr,
	&dev_attr_n_ports.attr,
	&dev_attr_n_els.attr,
	&dev_attr_n_lasers.attr,
	&dev_attr_update_period_ms.attr,
	&dev_attr_lane_rate_mbps.attr,
	&dev_attr_telemetry_stale.attr,
	NULL
};

static const struct attribute_group cpo_dev_group = {
	.attrs = cpo_dev_attrs,
};

const struct attribute_group *cpo_dev_groups[] = {
	&cpo_dev_group,
	&cpo_eeprom_dev_group,
	NULL
};

/*
 * Telemetry of a child: OBJ is the child type (oe, els, laser), T the
 * snapshot record of this object while telem_lock is held, EMIT what
 * fills BUF from it and gives the length.
 */
#define CPO_TM_SHOW(obj, name, emit)					\
static ssize_t obj##_##name##_show(struct device *dev,			\
				   struct device_attribute *attr,	\
				   char *buf)				\
{									\
	struct cpo_##obj *o = container_of(dev, struct cpo_##obj, dev);	\
	struct cpo_dev *cdev = o->cdev;					\
	const struct cpo_##obj##_tm *t;					\
	ssize_t len;							\
	int err;							\
									\
	err = cpo_telem_lock(cdev);					\
	if (err)							\
		return err;						\
	t = &cdev->snap.obj[o->index];					\
	len = emit;							\
	cpo_telem_unlock(cdev);						\
	return len;							\
}

#define CPO_TM_ATTR(obj, name, fmt, expr)				\
CPO_TM_SHOW(obj, name, sysfs_emit(buf, fmt "\n", expr))			\
static struct device_attribute dev_attr_##obj##_##name =		\
	__ATTR(name, 0444, obj##_##name##_show, NULL)

/*
 * A reading that exists only while the object is there: -ENODATA, not a
 * made-up value, when PRESENT (of T) is false.
 */
#define CPO_TM_ATTR_PRESENT(obj, name, fmt, expr, present)		\
CPO_TM_SHOW(obj, name, (present) ? sysfs_emit(buf, fmt "\n", expr) :	\
	    -ENODATA)							\
static struct device_attribute dev_attr_##obj##_##name =		\
	__ATTR(name, 0444, obj##_##name##_show, NULL)

/*
 * "<quantity>_<flag>" words for the flags the child's record has set; an
 * object that is not there raises none.
 */
#define CPO_ALARMS_ATTR(obj, present)					\
CPO_TM_SHOW(obj, alarms,						\
	    cpo_emit_alarms(buf, cpo_##obj##_slots,			\
			    (present) ? t->flags : 0))			\
static struct device_attribute dev_attr_##obj##_alarms =		\
	__ATTR(alarms, 0444, obj##_alarms_show, NULL)

/* The alarm flag history of a child (alarms.c); HW is its CPO_HW_OBJ_*. */
#define CPO_ALARM_HIST_ATTR(obj, hw)					\
static ssize_t obj##_alarm_history_show(struct device *dev,		\
					struct device_attribute *attr,	\
					char *buf)			\
{									\
	struct cpo_##obj *o = container_of(dev, struct cpo_##obj, dev);	\
	struct cpo_dev *cdev = o->cdev;					\
	int len, err;							\
									\
	err = cpo_telem_lock(cdev);					\
	if (err)							\
		return err;						\
	len = cpo_emit_hist(buf, 0, "", cpo_##obj##_slots,		\
			    cpo_alarms_get(cdev, hw, o->index));	\
	cpo_telem_unlock(cdev);						\
	return len;							\
}									\
static struct device_attribute dev_attr_##obj##_alarm_history =	\
	__ATTR(alarm_history, 0444, obj##_alarm_history_show, NULL)

/* Topology of a child, fixed at probe: O is the child. */
#define CPO_TOPO_SHOW(obj, name, emit)					\
static ssize_t obj##_##name##_show(struct device *dev,			\
				   struct device_attribute *attr,	\
				   char *buf)				\
{									\
	struct cpo_##obj *o = container_of(dev, struct cpo_##obj, dev);	\
									\
	return emit;							\
}									\
static struct device_attribute dev_attr_##obj##_##name =		\
	__ATTR(name, 0444, obj##_##name##_show, NULL)

#define CPO_TOPO_ATTR(obj, name, fmt, expr)				\
	CPO_TOPO_SHOW(obj, name, sysfs_emit(buf, fmt "\n", expr))

/* a list of object indices, N of them at V */
#define CPO_TOPO_LIST_ATTR(obj, name, v, n)				\
	CPO_TOPO_SHOW(obj, name, cpo_emit_list(buf, v, n))

/* ---- oeN ---- */

/* not "temp": node_exporter would take it for a channel of the hwmon chip */
CPO_TM_ATTR(oe, temperature, "%d", t->temp);
CPO_TM_ATTR(oe, vcc, "%u", t->vcc);
CPO_TM_ATTR(oe, state, "%s", cpo_oe_state_str(t->state));
CPO_TOPO_ATTR(oe, first_lane, "%u", READ_ONCE(o->first_lane));
CPO_TOPO_ATTR(oe, n_lanes, "%u", o->n_lanes);
CPO_TOPO_ATTR(oe, spare, "%d", READ_ONCE(o->spare));
CPO_TOPO_ATTR(oe, out_of_service, "%d", READ_ONCE(o->out_of_service));
CPO_ALARMS_ATTR(oe, true);
CPO_ALARM_HIST_ATTR(oe, CPO_HW_OBJ_OE);

static struct attribute *cpo_oe_attrs[] = {
	&dev_attr_oe_temperature.attr,
	&dev_attr_oe_vcc.attr,
	&dev_attr_oe_state.attr,
	&dev_attr_oe_alarms.attr,
	&dev_attr_oe_alarm_history.attr,
	&dev_attr_oe_first_lane.attr,
	&dev_attr_oe_n_lanes.attr,
	&dev_attr_oe_spare.attr,
	&dev_attr_oe_out_of_service.attr,
	NULL
};

static const struct attribute_group cpo_oe_group = {
	.attrs = cpo_oe_attrs,
};

static const struct attribute_group *cpo_oe_groups[] = {
	&cpo_oe_group,
	&cpo_eeprom_group,
	NULL
};

const struct device_type cpo_oe_type = {
	.name = "cpo_oe",
	.groups = cpo_oe_groups,
};

/* ---- elsN ---- */

static ssize_t els_state_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct cpo_els *els = container_of(dev, struct cpo_els, dev);

	if (cpo_dev_failed(els->cdev))
		return -EIO;
	return sysfs_emit(buf, "%s\n", cpo_els_state_str(cpo_els_state(els)));
}
static struct device_attribute dev_attr_els_state =
	__ATTR(state, 0444, els_state_show, NULL);

static ssize_t els_present_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct cpo_els *els = container_of(dev, struct cpo_els, dev);

	if (cpo_dev_failed(els->cdev))
		return -EIO;
	return sysfs_emit(buf, "%d\n", cpo_els_present(els));
}
static struct device_attribute dev_attr_els_present =
	__ATTR(present, 0444, els_present_show, NULL);

/* a slot's readings exist while its state machine says a module is there */
#define CPO_ELS_ATTR(name, fmt, expr)					\
	CPO_TM_ATTR_PRESENT(els, name, fmt, expr, cpo_els_has_readings(o, t))

CPO_ELS_ATTR(temperature, "%d", t->temp);
CPO_ELS_ATTR(vcc, "%u", t->vcc);
CPO_ELS_ATTR(icc, "%u", t->icc);
CPO_ELS_ATTR(tec, "%d", t->tec);
CPO_TM_ATTR(els, insertions, "%u", t->insertions);
CPO_TOPO_ATTR(els, first_laser, "%u", o->first_laser);
CPO_TOPO_ATTR(els, n_lasers, "%u", o->n_lasers);
CPO_TOPO_ATTR(els, wavelength_pm, "%u", o->wavelength_pm);
CPO_ALARMS_ATTR(els, cpo_els_has_readings(o, t));
CPO_ALARM_HIST_ATTR(els, CPO_HW_OBJ_ELS);

static ssize_t prepare_removal_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	struct cpo_els *els = container_of(dev, struct cpo_els, dev);
	bool v;
	u32 id;
	int err;

	err = cpo_sysfs_write_check(els->cdev, buf, count);
	if (err)
		return err;
	err = cpo_parse_bool(buf, &v);
	if (err)
		return err;
	if (!v)
		return -EINVAL;
	/* announced, then carried out as the module parameters say */
	err = cpo_els_removal_request(els->cdev, els->index, CPO_HW_NONE, 0, 0,
				      &id, NULL);
	return err ? err : count;
}
static DEVICE_ATTR_WO(prepare_removal);

static struct attribute *cpo_els_attrs[] = {
	&dev_attr_els_state.attr,
	&dev_attr_els_present.attr,
	&dev_attr_els_temperature.attr,
	&dev_attr_els_vcc.attr,
	&dev_attr_els_icc.attr,
	&dev_attr_els_tec.attr,
	&dev_attr_els_insertions.attr,
	&dev_attr_els_alarms.attr,
	&dev_attr_els_alarm_history.attr,
	&dev_attr_els_first_laser.attr,
	&dev_attr_els_n_lasers.attr,
	&dev_attr_els_wavelength_pm.attr,
	&dev_attr_prepare_removal.attr,
	NULL
};

static const struct attribute_group cpo_els_group = {
	.attrs = cpo_els_attrs,
};

static const struct attribute_group *cpo_els_groups[] = {
	&cpo_els_group,
	&cpo_eeprom_group,
	NULL
};

const struct device_type cpo_els_type = {
	.name = "cpo_els",
	.groups = cpo_els_groups,
};

/* ---- laserN ---- */

/* a laser's readings and module data exist only with its module */
#define CPO_LASER_ATTR(name, fmt, expr)					\
	CPO_TM_ATTR_PRESENT(laser, name, fmt, expr, cpo_laser_tm_present(t))

CPO_LASER_ATTR(bias, "%u", t->bias);
CPO_LASER_ATTR(output_power, "%u", t->power);
CPO_LASER_ATTR(temperature, "%d", t->temp);
CPO_LASER_ATTR(bol_bias, "%u", t->bol_bias);
CPO_LASER_ATTR(bol_power, "%u", t->bol_power);
CPO_LASER_ATTR(age_hours, "%u", t->age_hours);
CPO_TM_ATTR(laser, state, "%s", cpo_laser_state_str(t->state));
CPO_LASER_ATTR(fault, "%s", cpo_laser_fault_str(t->fault));
CPO_LASER_ATTR(mode, "%s", cpo_laser_mode_str(t->mode));
CPO_LASER_ATTR(age_pct, "%u", t->age_pct);
CPO_LASER_ATTR(oe_input_power, "%u", t->oe_in_power);
/* the path loss and the frequency error exist while the laser is lit */
CPO_TM_ATTR_PRESENT(laser, path_loss, "%d", t->path_loss,
		    cpo_laser_tm_present(t) && t->path_loss != CPO_NO_READING);
CPO_TM_ATTR_PRESENT(laser, frequency_error, "%d", t->freq_err,
		    cpo_laser_tm_present(t) && t->freq_err != CPO_NO_READING);
CPO_TOPO_ATTR(laser, els_index, "%u", o->els_index);
CPO_TOPO_ATTR(laser, spare, "%d", READ_ONCE(o->spare));
CPO_TOPO_ATTR(laser, out_of_service, "%d", READ_ONCE(o->out_of_service));
CPO_TOPO_LIST_ATTR(laser, lanes, o->lane, o->n_lanes);
CPO_ALARMS_ATTR(laser, cpo_laser_tm_present(t));
CPO_ALARM_HIST_ATTR(laser, CPO_HW_OBJ_LASER);

static ssize_t laser_ports_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct cpo_laser *la = container_of(dev, struct cpo_laser, dev);
	u16 ports[CPO_HW_LANES_PER_LASER];

	return cpo_emit_list(buf, ports, cpo_laser_ports(la->cdev, la->index, ports));
}
static struct device_attribute dev_attr_laser_ports =
	__ATTR(ports, 0444, laser_ports_show, NULL);

CPO_TM_SHOW(laser, enable, cpo_laser_tm_present(t) ?
	    sysfs_emit(buf, "%u\n", t->enabled) : -ENODATA)

static ssize_t laser_enable_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	struct cpo_laser *la = container_of(dev, struct cpo_laser, dev);
	bool v;
	int err;

	err = cpo_sysfs_write_check(la->cdev, buf, count);
	if (err)
		return err;
	err = cpo_parse_bool(buf, &v);
	if (err)
		return err;
	err = cpo_laser_enable(la->cdev, la->index, v);
	return err ?: count;
}
static struct device_attribute dev_attr_laser_enable =
	__ATTR(enable, 0644, laser_enable_show, laser_enable_store);

/* APC setpoint in microwatt (the device's setpoint in ACC is microampere) */
CPO_TM_SHOW(laser, power_setpoint, cpo_laser_tm_present(t) ?
	    sysfs_emit(buf, "%u\n", t->setpoint) : -ENODATA)

static ssize_t laser_power_setpoint_store(struct device *dev,
					  struct device_attribute *attr,
					  const char *buf, size_t count)
{
	struct cpo_laser *la = container_of(dev, struct cpo_laser, dev);
	const char *why;
	u32 uw;
	int err;

	err = cpo_sysfs_write_check(la->cdev, buf, count);
	if (err)
		return err;
	err = cpo_parse_u32(buf, U32_MAX, &uw);
	if (err)
		return err;
	/* the range is checked with the netlink path's, by the core */
	err = cpo_laser_set_power(la->cdev, la->index, uw, &why);
	return err ?: count;
}
static struct device_attribute dev_attr_laser_power_setpoint =
	__ATTR(power_setpoint, 0644, laser_power_setpoint_show,
	       laser_power_setpoint_store);

static struct attribute *cpo_laser_attrs[] = {
	&dev_attr_laser_bias.attr,
	&dev_attr_laser_output_power.attr,
	&dev_attr_laser_temperature.attr,
	&dev_attr_laser_bol_bias.attr,
	&dev_attr_laser_bol_power.attr,
	&dev_attr_laser_age_hours.attr,
	&dev_attr_laser_age_pct.attr,
	&dev_attr_laser_oe_input_power.attr,
	&dev_attr_laser_path_loss.attr,
	&dev_attr_laser_frequency_error.attr,
	&dev_attr_laser_state.attr,
	&dev_attr_laser_fault.attr,
	&dev_attr_laser_mode.attr,
	&dev_attr_laser_els_index.attr,
	&dev_attr_laser_spare.attr,
	&dev_attr_laser_out_of_service.attr,
	&dev_attr_laser_lanes.attr,
	&dev_attr_laser_ports.attr,
	&dev_attr_laser_alarms.attr,
	&dev_attr_laser_alarm_history.attr,
	&dev_attr_laser_enable.attr,
	&dev_attr_laser_power_setpoint.attr,
	NULL
};
ATTRIBUTE_GROUPS(cpo_laser);

const struct device_type cpo_laser_type = {
	.name = "cpo_laser",
	.groups = cpo_laser_groups,
};

/* ---- portN: per-lane values as space-separated lists in lane order ---- */

/*
 * Lane telemetry of a port under telem_lock: T is the snapshot record of
 * lane I of the port in turn, EMIT appends to BUF from it and gives the
 * new length LEN.
 */
#define CPO_PORT_LANES_SHOW(name, emit)					\
static ssize_t port_##name##_show(struct device *dev,			\
				  struct device_attribute *attr,	\
				  char *buf)				\
{									\
	struct cpo_port *p = container_of(dev, struct cpo_port, dev);	\
	struct cpo_dev *cdev = p->cdev;					\
	const struct cpo_lane_tm *t;					\
	unsigned int i;							\
	int len = 0, err;						\
									\
	err = cpo_telem_lock(cdev);					\
	if (err)							\
		return err;						\
	for (i = 0; i < p->n_lanes; i++) {				\
		t = &cdev->snap.lane[p->lane[i]];			\
		len = emit;						\
	}								\
	cpo_telem_unlock(cdev);						\
	return len + sysfs_emit_at(buf, len, "\n");			\
}

/* one value per lane, space-separated */
#define CPO_PORT_LANE_SHOW(name, fmt, expr)				\
CPO_PORT_LANES_SHOW(name, len + sysfs_emit_at(buf, len, "%s" fmt,	\
					      i ? " " : "", expr))

#define CPO_PORT_LANE_ATTR(name, fmt, expr)				\
CPO_PORT_LANE_SHOW(name, fmt, expr)					\
static struct device_attribute dev_attr_port_##name =			\
	__ATTR(name, 0444, port_##name##_show, NULL)

CPO_PORT_LANE_ATTR(lane_tx_power, "%u", t->tx_power);
CPO_PORT_LANE_ATTR(lane_rx_power, "%u", t->rx_power);
CPO_PORT_LANE_ATTR(lane_state, "%s", cpo_lane_state_str(t->state));
CPO_PORT_LANE_ATTR(lane_tx_los, "%d",
		   !!(t->status & CPO_HW_LANE_S_TX_LOS));
CPO_PORT_LANE_ATTR(lane_rx_los, "%d",
		   !!(t->status & CPO_HW_LANE_S_RX_LOS));
CPO_PORT_LANE_ATTR(lane_tx_fault, "%d",
		   !!(t->status & CPO_HW_LANE_S_TX_FAULT));
CPO_TOPO_ATTR(port, speed_mbps, "%u", o->speed_mbps);
CPO_TOPO_ATTR(port, n_lanes, "%u", o->n_lanes);
CPO_TOPO_ATTR(port, removal_pending, "%d", READ_ONCE(o->removal_pending));
CPO_TOPO_LIST_ATTR(port, lanes, o->lane, o->n_lanes);
CPO_TOPO_LIST_ATTR(port, lasers, o->laser, o->n_lasers);

CPO_PORT_LANES_SHOW(alarms, cpo_emit_lane_alarms(buf, len, i, t->flags))
static struct device_attribute dev_attr_port_alarms =
	__ATTR(alarms, 0444, port_alarms_show, NULL);

static ssize_t port_alarm_history_show(struct device *dev,
				       struct device_attribute *attr, char *buf)
{
	struct cpo_port *p = container_of(dev, struct cpo_port, dev);
	struct cpo_dev *cdev = p->cdev;
	unsigned int i;
	int len = 0, err;

	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	for (i = 0; i < p->n_lanes; i++)
		len = cpo_emit_lane_hist(cdev, buf, len, i, p->lane[i]);
	cpo_telem_unlock(cdev);
	return len;
}
static struct device_attribute dev_attr_port_alarm_history =
	__ATTR(alarm_history, 0444, port_alarm_history_show, NULL);

CPO_PORT_LANE_SHOW(lane_enabled, "%d",
		   !!(t->status & CPO_HW_LANE_S_ENABLED))

static ssize_t lane_enable_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return port_lane_enabled_show(dev, attr, buf);
}

static ssize_t lane_enable_store(struct device *dev,
				 struct device_attribute *attr,
				 const char *buf, size_t count)
{
	struct cpo_port *p = container_of(dev, struct cpo_port, dev);
	char tok[16], *en_tok;
	u32 lane, en;
	int err;

	err = cpo_sysfs_write_check(p->cdev, buf, count);
	if (err)
		return err;
	/* "<lane within the port> <0|1>": two decimal numbers, one space */
	if (count >= sizeof(tok))
		return -EINVAL;
	memcpy(tok, buf, count);
	tok[count] = '\0';
	en_tok = strchr(tok, ' ');
	if (!en_tok)
		return -EINVAL;
	*en_tok++ = '\0';
	err = cpo_parse_u32(tok, p->n_lanes - 1, &lane);
	if (!err)
		err = cpo_parse_u32(en_tok, 1, &en);
	if (err)
		return err;
	err = cpo_lane_enable(p->cdev, p->lane[lane], en);
	return err ?: count;
}
static DEVICE_ATTR_RW(lane_enable);

static struct attribute *cpo_port_attrs[] = {
	&dev_attr_port_speed_mbps.attr,
	&dev_attr_port_n_lanes.attr,
	&dev_attr_port_lanes.attr,
	&dev_attr_port_lasers.attr,
	&dev_attr_port_lane_tx_power.attr,
	&dev_attr_port_lane_rx_power.attr,
	&dev_attr_port_lane_state.attr,
	&dev_attr_port_lane_tx_los.attr,
	&dev_attr_port_lane_rx_los.attr,
	&dev_attr_port_lane_tx_fault.attr,
	&dev_attr_port_alarms.attr,
	&dev_attr_port_alarm_history.attr,
	&dev_attr_port_removal_pending.attr,
	&dev_attr_lane_enable.attr,
	NULL
};
ATTRIBUTE_GROUPS(cpo_port);

const struct device_type cpo_port_type = {
	.name = "cpo_port",
	.groups = cpo_port_groups,
};

/* ---- topology links ---- */

static int cpo_link(struct device *from, struct device *to, const char *name)
{
	int err = sysfs_create_link(&from->kobj, &to->kobj, name);

	if (err)
		dev_err(from, "cannot link %s: %d\n", name, err);
	return err;
}

/* @from/@name -> @to and @to/@back -> @from */
static int cpo_link_pair(struct device *from, struct device *to,
			 const char *name, const char *back)
{
	int err = cpo_link(from, to, name);

	return err ? err : cpo_link(to, from, back);
}

/* port -> oe, oe -> portN: they follow an engine failover */
int cpo_sysfs_port_oe_link_add(struct cpo_port *p)
{
	char back[16];

	snprintf(back, sizeof(back), "port%u", p->index);
	return cpo_link_pair(&p->dev, &p->cdev->oe[p->oe].dev, "oe", back);
}

void cpo_sysfs_port_oe_link_del(struct cpo_port *p)
{
	char back[16];

	snprintf(back, sizeof(back), "port%u", p->index);
	sysfs_remove_link(&p->cdev->oe[p->oe].dev.kobj, back);
	sysfs_remove_link(&p->dev.kobj, "oe");
}

/* every port's; removed with the devices.  Under cdev->lock. */
int cpo_sysfs_links_add(struct cpo_dev *cdev)
{
	unsigned int i;
	int err;

	lockdep_assert_held(&cdev->lock);
	for (i = 0; i < cdev->n_ports; i++) {
		err = cpo_sysfs_port_oe_link_add(&cdev->port[i]);
		if (err)
			return err;
	}
	return 0;
}

/* laser -> portN, port -> laserN: they follow a failover */
int cpo_sysfs_laser_port_links_add(struct cpo_laser *la)
{
	struct cpo_dev *cdev = la->cdev;
	u16 ports[CPO_HW_LANES_PER_LASER];
	char name[16], back[16];
	unsigned int i, n;
	int err;

	snprintf(back, sizeof(back), "laser%u", la->index);
	n = cpo_laser_ports(cdev, la->index, ports);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "port%u", ports[i]);
		err = cpo_link_pair(&la->dev, &cdev->port[ports[i]].dev, name,
				    back);
		if (err)
			return err;
	}
	return 0;
}

void cpo_sysfs_laser_port_links_del(struct cpo_laser *la)
{
	struct cpo_dev *cdev = la->cdev;
	u16 ports[CPO_HW_LANES_PER_LASER];
	char name[16];
	unsigned int i, n;

	snprintf(name, sizeof(name), "laser%u", la->index);
	n = cpo_laser_ports(cdev, la->index, ports);
	for (i = 0; i < n; i++) {
		sysfs_remove_link(&cdev->port[ports[i]].dev.kobj, name);
		snprintf(name, sizeof(name), "port%u", ports[i]);
		sysfs_remove_link(&la->dev.kobj, name);
		snprintf(name, sizeof(name), "laser%u", la->index);
	}
}

/* laser -> els, laser -> portN, els -> laserN, port -> laserN */
int cpo_sysfs_laser_links_add(struct cpo_laser *la)
{
	struct cpo_dev *cdev = la->cdev;
	char back[16];
	int err;

	snprintf(back, sizeof(back), "laser%u", la->index);
	err = cpo_link_pair(&la->dev, &cdev->els[la->els].dev, "els", back);
	return err ?: cpo_sysfs_laser_port_links_add(la);
}

void cpo_sysfs_laser_links_del(struct cpo_laser *la)
{
	struct cpo_dev *cdev = la->cdev;
	char name[16];

	snprintf(name, sizeof(name), "laser%u", la->index);
	cpo_sysfs_laser_port_links_del(la);
	sysfs_remove_link(&cdev->els[la->els].dev.kobj, name);
}

/* ---- cpoN/thresholds/<quantity>/{high_alarm,low_alarm,high_warn,low_warn} ---- */

struct cpo_thresh_attr {
	struct kobj_attribute attr;
	u8 q;
	u8 which;	/* enum cpo_thresh_field */
};

static struct cpo_dev *cpo_thresh_cdev(struct kobject *kobj)
{
	return to_cpo_dev(kobj_to_dev(kobj->parent));
}

static ssize_t cpo_thresh_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	struct cpo_thresh_attr *ta = container_of(attr, struct cpo_thresh_attr,
						  attr);
	struct cpo_dev *cdev = cpo_thresh_cdev(kobj);
	s32 v;

	bool good;

	if (cpo_dev_failed(cdev))
		return -EIO;
	mutex_lock(&cdev->lock);
	v = *cpo_thresh_val(&cdev->thresh[ta->q], ta->which);
	good = test_bit(ta->q, &cdev->thresh_good);
	mutex_unlock(&cdev->lock);
	/* no good set from the device yet: unknown, not a number */
	if (!good)
		return -ENODATA;
	return sysfs_emit(buf, "%d\n", v);
}

static ssize_t cpo_thresh_store(struct kobject *kobj,
				struct kobj_attribute *attr, const char *buf,
				size_t count)
{
	struct cpo_thresh_attr *ta = container_of(attr, struct cpo_thresh_attr,
						  attr);
	struct cpo_dev *cdev = cpo_thresh_cdev(kobj);
	struct cpo_thresh t;
	bool good;
	s32 v;
	int err;

	err = cpo_sysfs_write_check(cdev, buf, count);
	if (err)
		return err;
	err = cpo_parse_s32(buf, &v);
	if (err)
		return err;
	mutex_lock(&cdev->lock);
	t = cdev->thresh[ta->q];
	good = test_bit(ta->q, &cdev->thresh_good);
	mutex_unlock(&cdev->lock);
	/* one value of an unknown set: the other three would be made up */
	if (!good)
		return -ENODATA;
	*cpo_thresh_val(&t, ta->which) = v;
	/* cpo_set_thresh() checks the set as netlink's: range, CMIS order */
	err = cpo_set_thresh(cdev, ta->q, &t);
	return err ? err : count;
}

#define CPO_THRESH_ATTR(_q, _w, _name)					\
	{ .attr = __ATTR(_name, 0644, cpo_thresh_show, cpo_thresh_store), \
	  .q = _q, .which = _w }

#define CPO_THRESH_ATTRS(_q) {						\
	CPO_THRESH_ATTR(_q, CPO_THRESH_HIGH_ALARM, high_alarm),	\
	CPO_THRESH_ATTR(_q, CPO_THRESH_LOW_ALARM, low_alarm),	\
	CPO_THRESH_ATTR(_q, CPO_THRESH_HIGH_WARN, high_warn),	\
	CPO_THRESH_ATTR(_q, CPO_THRESH_LOW_WARN, low_warn),	\
}

static struct cpo_thresh_attr cpo_thresh_attrs[CPO_HW_Q_MAX][4] = {
	CPO_THRESH_ATTRS(0), CPO_THRESH_ATTRS(1), CPO_THRESH_ATTRS(2),
	CPO_THRESH_ATTRS(3), CPO_THRESH_ATTRS(4), CPO_THRESH_ATTRS(5),
	CPO_THRESH_ATTRS(6), CPO_THRESH_ATTRS(7), CPO_THRESH_ATTRS(8),
	CPO_THRESH_ATTRS(9), CPO_THRESH_ATTRS(10),
};
static_assert(CPO_HW_Q_MAX == 11);

static struct attribute *cpo_thresh_attr_ptrs[CPO_HW_Q_MAX][5];
/*
 * thresholds/<quantity>: the spec's quantity names with '_' for '-', as
 * sysfs names are spelled (the values in files use the spec's own)
 */
static char cpo_thresh_dir[CPO_HW_Q_MAX][16];
static struct attribute_group cpo_thresh_groups[CPO_HW_Q_MAX];
static const struct attribute_group *cpo_thresh_group_ptrs[CPO_HW_Q_MAX + 1];

static void cpo_thresh_groups_build(void)
{
	unsigned int q, w;

	for (q = 0; q < CPO_HW_Q_MAX; q++) {
		for (w = 0; w < 4; w++)
			cpo_thresh_attr_ptrs[q][w] =
				&cpo_thresh_attrs[q][w].attr.attr;
		cpo_thresh_attr_ptrs[q][4] = NULL;
		strscpy(cpo_thresh_dir[q], cpo_quantity_str(q),
			sizeof(cpo_thresh_dir[q]));
		strreplace(cpo_thresh_dir[q], '-', '_');
		cpo_thresh_groups[q].name = cpo_thresh_dir[q];
		cpo_thresh_groups[q].attrs = cpo_thresh_attr_ptrs[q];
		cpo_thresh_group_ptrs[q] = &cpo_thresh_groups[q];
	}
	cpo_thresh_group_ptrs[CPO_HW_Q_MAX] = NULL;
}

int cpo_sysfs_thresh_init(struct cpo_dev *cdev)
{
	int err;

	cpo_thresh_groups_build();
	cdev->thresh_kobj = kobject_create_and_add("thresholds",
						   &cdev->dev.kobj);
	if (!cdev->thresh_kobj)
		return -ENOMEM;
	err = sysfs_create_groups(cdev->thresh_kobj, cpo_thresh_group_ptrs);
	if (err) {
		kobject_put(cdev->thresh_kobj);
		cdev->thresh_kobj = NULL;
	}
	return err;
}

void cpo_sysfs_thresh_exit(struct cpo_dev *cdev)
{
	if (!cdev->thresh_kobj)
		return;
	sysfs_remove_groups(cdev->thresh_kobj, cpo_thresh_group_ptrs);
	kobject_put(cdev->thresh_kobj);
	cdev->thresh_kobj = NULL;
}
