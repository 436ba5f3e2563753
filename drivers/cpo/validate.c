// SPDX-License-Identifier: GPL-2.0
/*
 * The rules every setting obeys, in one place: the physical range of each
 * monitored quantity and of the laser power setpoint, the CMIS order of a
 * threshold set, the addressing of a CMIS image and what a write to one
 * may change, the privilege a write needs, and the strict parsing of
 * sysfs input.  The netlink set operations, the sysfs stores, the eeprom
 * files, ethtool and the values read back from the device all call these
 * helpers, so a value one interface accepts is one every other interface
 * accepts and shows as set.
 */
#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "cpo.h"

/*
 * Range of each quantity, in its driver unit: what physics allows, clipped
 * to what every view of the value can show as set.  The CMIS views (the
 * per-port view that "ethtool -m" decodes, the ELSFP's pages 1Ah/1Bh)
 * have their limits in one table, cpo_hw_cmis_thresh_range() in
 * include/cpo_hw.h, shared with the device model:
 *
 *   temperature   s16 in 1/256 degC: -128 to 127.996 degC
 *   Vcc           u16 in 100 uV: 0 to 6.553 V
 *   lane power    u16 in 0.1 uW: 0 to 6553 uW
 *   laser bias    ELSFP page 1Ah u16 in 100 uA: 0 to 6.5535 A (the port
 *                 view shows what is beyond its Tx bias scale as its top)
 *   laser power   ELSFP page 1Ah u16 in 10 uW: 0 to 655.35 mW
 *
 * and this table has the quantities no CMIS view shows thresholds of:
 *
 *   laser temp    as the other temperatures (page 1Bh monitors it in
 *                 the same s16 1/256 degC)
 *   TEC current   within the ELSFP supply (Icc up to 9 A): -10 to +10 A
 *   path loss     ELS -> engine, milli-dB: -10 to 40 dB, what a reading
 *                 can be (CPO_HW_PATH_LOSS_MIN..MAX; below 0 a gain, a
 *                 monitor error worth a low alarm)
 */
static const struct cpo_range cpo_q_range_no_cmis[CPO_HW_Q_MAX] = {
	[CPO_HW_Q_ELS_TEC] = { -CPO_ELS_TEC_MAX, CPO_ELS_TEC_MAX },
	[CPO_HW_Q_LASER_TEMP] = { CPO_HW_CMIS_TEMP_MIN, CPO_HW_CMIS_TEMP_MAX },
	[CPO_HW_Q_LASER_PATH_LOSS] = { CPO_HW_PATH_LOSS_MIN,
				       CPO_HW_PATH_LOSS_MAX },
};

/**
 * cpo_quantity_range() - the range of a quantity on a device
 * @cdev: the device
 * @q: the quantity, CPO_HW_Q_*, below CPO_HW_Q_MAX
 *
 * Return: the smallest and largest value a threshold of @q may take.
 */
struct cpo_range cpo_quantity_range(const struct cpo_dev *cdev, unsigned int q)
{
	struct cpo_range r;
	int min, max;

	if (cpo_hw_cmis_thresh_range(q, &min, &max)) {
		r.min = min;
		r.max = max;
		return r;
	}
	return cpo_q_range_no_cmis[q];
}

/**
 * cpo_thresh_val() - one value of a threshold set
 * @t: the set
 * @f: which value
 *
 * Return: a pointer to the value.
 */
s32 *cpo_thresh_val(struct cpo_thresh *t, enum cpo_thresh_field f)
{
	switch (f) {
	case CPO_THRESH_HIGH_ALARM:
		return &t->high_alarm;
	case CPO_THRESH_LOW_ALARM:
		return &t->low_alarm;
	case CPO_THRESH_HIGH_WARN:
		return &t->high_warn;
	default:
		return &t->low_warn;
	}
}

static const char * const cpo_thresh_range_msg[CPO_THRESH_FIELDS] = {
	[CPO_THRESH_HIGH_ALARM] = "high alarm outside the quantity's range",
	[CPO_THRESH_LOW_ALARM] = "low alarm outside the quantity's range",
	[CPO_THRESH_HIGH_WARN] = "high warning outside the quantity's range",
	[CPO_THRESH_LOW_WARN] = "low warning outside the quantity's range",
};

/**
 * cpo_thresh_check() - check a threshold set against its quantity's rules
 * @cdev: the device the set is for
 * @q: the quantity, CPO_HW_Q_*
 * @t: the set
 * @why: set to a static message naming the broken rule, on failure
 * @field: set to the value that breaks it, on failure
 *
 * The set must keep the CMIS order low alarm <= low warning <= high
 * warning <= high alarm (checked first: it names the pair at fault) and
 * each value must lie in the quantity's range (cpo_quantity_range()).  Sets from a user and sets read from the device
 * are checked by this one function.
 *
 * Return: 0, -EINVAL for an unknown quantity, -ERANGE for a broken rule.
 */
int cpo_thresh_check(const struct cpo_dev *cdev, unsigned int q,
		     const struct cpo_thresh *t, const char **why,
		     enum cpo_thresh_field *field)
{
	struct cpo_thresh v = *t;
	struct cpo_range r;
	enum cpo_thresh_field f;

	if (q >= CPO_HW_Q_MAX) {
		*why = "no such quantity";
		*field = CPO_THRESH_HIGH_ALARM;
		return -EINVAL;
	}
	if (t->low_alarm > t->low_warn) {
		*why = "low alarm above low warning";
		*field = CPO_THRESH_LOW_ALARM;
		return -ERANGE;
	}
	if (t->low_warn > t->high_warn) {
		*why = "low warning above high warning";
		*field = CPO_THRESH_LOW_WARN;
		return -ERANGE;
	}
	if (t->high_warn > t->high_alarm) {
		*why = "high warning above high alarm";
		*field = CPO_THRESH_HIGH_WARN;
		return -ERANGE;
	}
	r = cpo_quantity_range(cdev, q);
	for (f = 0; f < CPO_THRESH_FIELDS; f++) {
		s32 x = *cpo_thresh_val(&v, f);

		if (x < r.min || x > r.max) {
			*why = cpo_thresh_range_msg[f];
			*field = f;
			return -ERANGE;
		}
	}
	return 0;
}

/**
 * cpo_setpoint_check() - check a laser output power setpoint
 * @cdev: the device
 * @laser: the laser, below cdev->n_lasers
 * @microwatt: the setpoint
 * @why: set to a static message, on failure
 *
 * First the range every setpoint has (CPO_SETPOINT_MIN_UW to
 * CPO_SETPOINT_MAX_UW), then the range the laser's own module advertises:
 * maximum and minimum optical power, OIF-ELSFP page 1Ah bytes 128-131
 * (u16 each, 10 uW), read from the module through the mailbox.  A module
 * that advertises no maximum (0) is held to the first range only.
 *
 * Return: 0; -ERANGE outside either range; the mailbox's error when the
 * module's page cannot be read (-ENODEV without a module, for instance).
 */
int cpo_setpoint_check(struct cpo_dev *cdev, u16 laser, u32 microwatt,
		       const char **why)
{
	u8 p1a[4];
	u32 max, min;
	int err;

	if (microwatt < CPO_SETPOINT_MIN_UW || microwatt > CPO_SETPOINT_MAX_UW) {
		*why = "laser power setpoint outside its range";
		return -ERANGE;
	}
	err = cpo_cmis_read(cdev, CPO_HW_CMIS_ELS, cdev->laser[laser].els, 0,
			    0x1a, 128, sizeof(p1a), p1a);
	if (err) {
		*why = "cannot read the module's power range (page 1Ah)";
		return err;
	}
	max = get_unaligned_be16(&p1a[0]) * 10;
	min = get_unaligned_be16(&p1a[2]) * 10;
	if (max && (microwatt > max || microwatt < min)) {
		*why = "laser power setpoint outside the module's range (page 1Ah min/max optical power)";
		return -ERANGE;
	}
	return 0;
}

/**
 * cpo_cmis_page_check() - whether a bank of a CMIS image has a page
 * @bank: the bank
 * @page: the page
 *
 * Pages 00h-0Fh are in bank 0 only; pages 10h-FFh are banked.  Whether
 * the image has that many banks is its owner's to say.
 *
 * Return: 0, or -EINVAL.
 */
int cpo_cmis_page_check(u8 bank, u8 page)
{
	return bank && page < CPO_CMIS_FIRST_BANKED ? -EINVAL : 0;
}

/**
 * cpo_cmis_span_check() - whether bytes of a CMIS page view are one access
 * @offset: the first byte in the 256-byte page view
 * @len: the number of bytes
 * @max: the most one access carries: CPO_CMIS_HALF for a read,
 *	 CPO_HW_CMIS_WRITE_MAX for a write
 *
 * One CMIS_READ or CMIS_WRITE moves 1 to @max bytes within the lower page
 * (0-127) or within the upper page (128-255), never across the two: the
 * host interface's rule, and what an optoe file or ethtool asks of one
 * page.
 *
 * Return: 0, or -EINVAL.
 */
int cpo_cmis_span_check(u32 offset, u32 len, u32 max)
{
	if (!len || len > max || offset >= 2 * CPO_CMIS_HALF ||
	    len > 2 * CPO_CMIS_HALF - offset)
		return -EINVAL;
	if (offset < CPO_CMIS_HALF && offset + len > CPO_CMIS_HALF)
		return -EINVAL;
	return 0;
}

/* ELSFP page 1Ah: laser thresholds; 1Bh: power setpoints, u16 10 uW */
#define CPO_ELS_P1A_THRESH_FIRST	141
#define CPO_ELS_P1A_THRESH_END		157
#define CPO_ELS_P1B_PWR_SET		144
#define CPO_ELS_P1B_PWR_SET_END		160

/**
 * cpo_cmis_write_check() - the driver's rules of a write to a CMIS image
 * @cdev: the device
 * @kind: CPO_HW_CMIS_OE or CPO_HW_CMIS_ELS
 * @index: the engine or slot
 * @bank: the bank
 * @page: the upper page
 * @offset: the first byte in the 256-byte page view
 * @len: the number of bytes, one access (cpo_cmis_span_check())
 * @buf: the bytes
 *
 * A write to an image changes settings the other interfaces change too,
 * and obeys their rules here: thresholds are set only as whole sets
 * through cpo_set_thresh() (which keeps the host's cache), so their
 * bytes (page 02h, ELSFP page 1Ah 141-156) are not written through an
 * image; a laser power setpoint (ELSFP page 1Bh 144-159, u16 in 10 uW
 * per lane of the bank) is checked by cpo_setpoint_check() as
 * laserN/power_setpoint and the netlink laser-set are.  The device
 * checks every byte and value again (host-interface.rst, "Host writes").
 *
 * Return: 0; -EPERM for threshold bytes; -EINVAL for half a setpoint
 * field or a lane the bank does not have; cpo_setpoint_check()'s error
 * (-ERANGE for a setpoint out of range).
 */
int cpo_cmis_write_check(struct cpo_dev *cdev, u8 kind, u16 index, u8 bank,
			 u8 page, u8 offset, u16 len, const u8 *buf)
{
	unsigned int end = offset + len, o, lane, laser;
	const struct cpo_els *els;
	const char *why;
	int err;

	if (offset < CPO_CMIS_HALF)
		return 0;
	if (page == 0x02)
		return -EPERM;
	if (kind != CPO_HW_CMIS_ELS || index >= cdev->n_els)
		return 0;
	if (page == 0x1a && offset < CPO_ELS_P1A_THRESH_END &&
	    end > CPO_ELS_P1A_THRESH_FIRST)
		return -EPERM;
	if (page != 0x1b || offset >= CPO_ELS_P1B_PWR_SET_END ||
	    end <= CPO_ELS_P1B_PWR_SET)
		return 0;
	/* whole u16 fields only */
	if (offset % 2 || end % 2)
		return -EINVAL;
	els = &cdev->els[index];
	for (o = max_t(unsigned int, offset, CPO_ELS_P1B_PWR_SET);
	     o < min_t(unsigned int, end, CPO_ELS_P1B_PWR_SET_END); o += 2) {
		lane = bank * CPO_CMIS_LANES_PER_BANK +
		       (o - CPO_ELS_P1B_PWR_SET) / 2;
		if (lane >= els->n_lasers)
			return -EINVAL;
		laser = els->first_laser + lane;
		if (laser >= cdev->n_lasers)
			return -EINVAL;
		err = cpo_setpoint_check(cdev, laser,
					 get_unaligned_be16(&buf[o - offset]) * 10,
					 &why);
		if (err)
			return err;
	}
	return 0;
}

/**
 * cpo_dev_net() - the network namespace a cpo device belongs to
 * @cdev: the device
 *
 * The device and its "cpo" netlink family are host-wide: they belong to
 * the initial network namespace, like the devlink instance of the device.
 *
 * Return: the namespace.
 */
struct net *cpo_dev_net(const struct cpo_dev *cdev)
{
	return &init_net;
}

/**
 * cpo_may_write() - whether a request may change a setting
 * @cdev: the device the setting belongs to
 * @net: the network namespace the request comes from: the netlink
 *	socket's, or the writing task's for sysfs
 *
 * The rule of every write path: the request comes from the device's own
 * network namespace (the initial one), and the task has CAP_NET_ADMIN in
 * the user namespace that owns it, the rule of the networking sysfs
 * (net/core/net-sysfs.c).  Reads are open to every namespace; a process
 * in another network namespace changes nothing, as it could not reach
 * the device's devlink instance or port netdevs either.  The netlink set
 * operations have the capability through GENL_ADMIN_PERM and call this
 * too; sysfs stores call it first.
 *
 * Return: true when the request may change the device.
 */
bool cpo_may_write(const struct cpo_dev *cdev, const struct net *net)
{
	const struct net *own = cpo_dev_net(cdev);

	return net_eq(net, own) && ns_capable(own->user_ns, CAP_NET_ADMIN);
}

/**
 * cpo_sysfs_write_check() - the checks every sysfs store makes first
 * @cdev: the device the setting belongs to
 * @buf: the input
 * @count: its length as written
 *
 * The privilege of cpo_may_write() for the writing task, and input that is text: a write with
 * a NUL byte inside it is refused, since the parsers stop at the first
 * NUL and would act on a prefix of what was written ("1\0junk").
 *
 * Return: 0, -EPERM without the privilege, -EINVAL for a NUL inside.
 */
int cpo_sysfs_write_check(const struct cpo_dev *cdev, const char *buf,
			  size_t count)
{
	if (!cpo_may_write(cdev, current->nsproxy->net_ns))
		return -EPERM;
	if (strnlen(buf, count) != count)
		return -EINVAL;
	return 0;
}

/*
 * The one token of a sysfs write, without the one trailing newline the
 * ABI allows: 0 and its length, or -EINVAL for an empty or over-long token.
 */
static int cpo_sysfs_token(const char *buf, char *tok, size_t size)
{
	size_t len = strlen(buf);

	if (len && buf[len - 1] == '\n')
		len--;
	if (!len || len >= size)
		return -EINVAL;
	memcpy(tok, buf, len);
	tok[len] = '\0';
	return 0;
}

/**
 * cpo_parse_bool() - parse a boolean written to sysfs, strictly
 * @buf: the input, NUL-terminated (sysfs does it)
 * @v: the value
 *
 * Whole words only, with one optional trailing newline: 0/1, n/y, no/yes,
 * off/on, false/true (any case).  kstrtobool() alone reads only the first
 * characters, so it would take "1.5" or "10" as true.
 *
 * Return: 0, or -EINVAL.
 */
int cpo_parse_bool(const char *buf, bool *v)
{
	static const char * const yes[] = { "1", "y", "yes", "on", "true" };
	static const char * const no[] = { "0", "n", "no", "off", "false" };
	char tok[8];
	unsigned int i;

	if (cpo_sysfs_token(buf, tok, sizeof(tok)))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(tok, yes[i])) {
			*v = true;
			return 0;
		}
		if (!strcasecmp(tok, no[i])) {
			*v = false;
			return 0;
		}
	}
	return -EINVAL;
}

/**
 * cpo_parse_u32() - parse a decimal unsigned integer written to sysfs
 * @buf: the input, NUL-terminated
 * @max: the largest value accepted
 * @v: the value
 *
 * Base 10 only (no octal, no hex), the whole input, one optional
 * trailing newline.
 *
 * Return: 0, -EINVAL for anything but a number, -ERANGE above @max.
 */
int cpo_parse_u32(const char *buf, u32 max, u32 *v)
{
	int err = kstrtou32(buf, 10, v);

	if (err)
		return err;
	return *v > max ? -ERANGE : 0;
}

/**
 * cpo_parse_s32() - parse a decimal signed integer written to sysfs
 * @buf: the input, NUL-terminated
 * @v: the value
 *
 * Base 10 only, the whole input, one optional trailing newline.
 *
 * Return: 0, -EINVAL for anything but a number, -ERANGE beyond s32.
 */
int cpo_parse_s32(const char *buf, s32 *v)
{
	return kstrtos32(buf, 10, v);
}

/**
 * cpo_param_set_uint() - set a writable module parameter, strictly
 * @val: the input
 * @kp: the parameter, an unsigned int
 * @min: the smallest value accepted
 * @max: the largest value accepted
 *
 * As cpo_parse_u32(): decimal, whole input, one optional trailing newline.
 *
 * Return: 0, -EINVAL for anything but a number, -ERANGE outside @min..@max.
 */
int cpo_param_set_uint(const char *val, const struct kernel_param *kp,
		       unsigned int min, unsigned int max)
{
	u32 v;
	int err = cpo_parse_u32(val, max, &v);

	if (err)
		return err;
	if (v < min)
		return -ERANGE;
	WRITE_ONCE(*(unsigned int *)kp->arg, v);
	return 0;
}
