// SPDX-License-Identifier: GPL-2.0
/*
 * Engines and ELSFPs as CMIS modules: the optoe-style binary file
 * "eeprom" of every oeN and elsN, with multi-bank linear addressing.
 *
 * A linear offset below 128 is the lower page; above, offset L is byte
 * 128 + L % 128 of upper page P of bank B where L / 128 - 1 = B * PPB + P
 * and PPB, the pages per bank, is cpoN/eeprom_pages_per_bank (256 as
 * sonic-platform-common's CmisPage, or 240).  Pages below 10h exist in
 * bank 0 only.  Reads and writes go to the device's image of the module
 * through CMIS_READ and CMIS_WRITE, one mailbox command per page touched
 * by a read (at most 128 bytes) and one per write: the device latches and
 * clears flags and checks every write, the driver only maps offsets.
 * The ABI is Documentation/ABI/testing/sysfs-class-cpo.
 */
#include <linux/device.h>
#include <linux/sysfs.h>
#include <linux/kernel.h>

#include "cpo.h"

#define CPO_EE_MAX_BANKS	8	/* CMIS banks 0-7 */
#define CPO_EE_PPB_MAX		256
#define CPO_EE_PPB_ALT		240
/* the largest image: 8 banks of 256 pages after the lower page */
#define CPO_EE_SIZE		((CPO_EE_MAX_BANKS * CPO_EE_PPB_MAX + 1) * CPO_CMIS_HALF)
/* the engine image's module-wide low power request (lower byte 26, bit 4) */
#define CPO_EE_LOW_PWR_BYTE	26
#define CPO_EE_LOW_PWR_SW	0x10

struct cpo_ee_obj {
	struct cpo_dev *cdev;
	u8 kind;		/* CPO_HW_CMIS_OE or CPO_HW_CMIS_ELS */
	u16 index;
	u8 banks;
};

/* what a device in sysfs is: an engine or a slot */
static int cpo_ee_obj(struct device *dev, struct cpo_ee_obj *o)
{
	unsigned int n;

	if (dev->type == &cpo_oe_type) {
		struct cpo_oe *oe = container_of(dev, struct cpo_oe, dev);

		o->cdev = oe->cdev;
		o->kind = CPO_HW_CMIS_OE;
		o->index = oe->index;
		n = oe->n_lanes;
	} else if (dev->type == &cpo_els_type) {
		struct cpo_els *els = container_of(dev, struct cpo_els, dev);

		o->cdev = els->cdev;
		o->kind = CPO_HW_CMIS_ELS;
		o->index = els->index;
		n = els->n_lasers;
	} else {
		return -ENODEV;
	}
	n = n ? DIV_ROUND_UP(n, CPO_CMIS_LANES_PER_BANK) : 1;
	o->banks = min_t(unsigned int, n, CPO_EE_MAX_BANKS);
	return 0;
}

/*
 * Map linear offset @pos to bank, page and byte of a 256-byte page view,
 * and the bytes left in that half page: 0, or -EINVAL for an offset the
 * image cannot have.
 */
static int cpo_ee_map(const struct cpo_ee_obj *o, loff_t pos, u8 *bank,
		      u8 *page, u8 *byte, size_t *room)
{
	unsigned int ppb = READ_ONCE(o->cdev->eeprom_ppb);
	u32 k;

	if (pos < 0 || pos >= CPO_EE_SIZE)
		return -EINVAL;
	if (pos < CPO_CMIS_HALF) {
		*bank = 0;
		*page = 0;
		*byte = pos;
		*room = CPO_CMIS_HALF - pos;
		return 0;
	}
	k = (u32)pos / CPO_CMIS_HALF - 1;
	if (k / ppb >= o->banks)
		return -EINVAL;
	*bank = k / ppb;
	*page = k % ppb;
	if (cpo_cmis_page_check(*bank, *page))
		return -EINVAL;
	*byte = CPO_CMIS_HALF + (u32)pos % CPO_CMIS_HALF;
	*room = 2 * CPO_CMIS_HALF - *byte;
	return 0;
}

static ssize_t cpo_ee_read(struct file *f, struct kobject *kobj,
			   struct bin_attribute *attr, char *buf, loff_t pos,
			   size_t count)
{
	struct device *dev = kobj_to_dev(kobj);
	struct cpo_ee_obj o;
	size_t done = 0;
	int err;

	err = cpo_ee_obj(dev, &o);
	if (err)
		return err;
	while (done < count) {
		size_t room, n = 0;
		u8 bank, page, byte;

		err = cpo_ee_map(&o, pos + done, &bank, &page, &byte, &room);
		if (!err) {
			n = min(room, count - done);
			err = cpo_cmis_read(o.cdev, o.kind, o.index, bank, page,
					    byte, n, buf + done);
		}
		if (err)
			return done ? done : err;
		done += n;
	}
	return done;
}

/* after an engine's low power request: the ports' power mode follows */
static void cpo_ee_oe_low_power(struct cpo_dev *cdev, u16 oe, bool low)
{
	unsigned int p;

	cpo_for_each_oe_port(cdev, oe, p)
		WRITE_ONCE(cdev->port[p].low_power, low);
	cpo_netdev_update_carrier(cdev);
}

static ssize_t cpo_ee_write(struct file *f, struct kobject *kobj,
			    struct bin_attribute *attr, char *buf, loff_t pos,
			    size_t count)
{
	struct device *dev = kobj_to_dev(kobj);
	struct cpo_ee_obj o;
	size_t room;
	u8 bank, page, byte;
	int err;

	err = cpo_ee_obj(dev, &o);
	if (err)
		return err;
	if (!cpo_may_write(o.cdev, current->nsproxy->net_ns))
		return -EPERM;
	err = cpo_ee_map(&o, pos, &bank, &page, &byte, &room);
	if (err)
		return err;
	/*
	 * one device command, all or nothing, with the rules of the other
	 * interfaces' settings (cpo_cmis_write_check())
	 */
	if (count > U16_MAX)
		return -EINVAL;
	err = cpo_cmis_write(o.cdev, o.kind, o.index, bank, page, byte, count,
			     buf);
	if (err)
		return err;
	if (o.kind == CPO_HW_CMIS_OE && byte <= CPO_EE_LOW_PWR_BYTE &&
	    byte + count > CPO_EE_LOW_PWR_BYTE)
		cpo_ee_oe_low_power(o.cdev, o.index,
				    buf[CPO_EE_LOW_PWR_BYTE - byte] & CPO_EE_LOW_PWR_SW);
	return count;
}

static struct bin_attribute bin_attr_cpo_eeprom = {
	/* root only: a read clears latched flags and costs device commands */
	.attr = { .name = "eeprom", .mode = 0600 },
	.size = CPO_EE_SIZE,
	.read = cpo_ee_read,
	.write = cpo_ee_write,
};

static ssize_t eeprom_banks_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct cpo_ee_obj o;
	int err = cpo_ee_obj(dev, &o);

	if (err)
		return err;
	return sysfs_emit(buf, "%u\n", o.banks);
}
static DEVICE_ATTR_RO(eeprom_banks);

static struct attribute *cpo_ee_attrs[] = {
	&dev_attr_eeprom_banks.attr,
	NULL
};

static struct bin_attribute *cpo_ee_bin_attrs[] = {
	&bin_attr_cpo_eeprom,
	NULL
};

/* in the groups of oeN and elsN */
const struct attribute_group cpo_eeprom_group = {
	.attrs = cpo_ee_attrs,
	.bin_attrs = cpo_ee_bin_attrs,
};

/* cpoN/eeprom_pages_per_bank */

static ssize_t eeprom_pages_per_bank_show(struct device *dev,
					  struct device_attribute *attr,
					  char *buf)
{
	struct cpo_dev *cdev = container_of(dev, struct cpo_dev, dev);

	return sysfs_emit(buf, "%u\n", READ_ONCE(cdev->eeprom_ppb));
}

static ssize_t eeprom_pages_per_bank_store(struct device *dev,
					   struct device_attribute *attr,
					   const char *buf, size_t count)
{
	struct cpo_dev *cdev = container_of(dev, struct cpo_dev, dev);
	u32 v;
	int err;

	err = cpo_sysfs_write_check(cdev, buf, count);
	if (err)
		return err;
	err = cpo_parse_u32(buf, CPO_EE_PPB_MAX, &v);
	if (err)
		return err;
	if (v != CPO_EE_PPB_MAX && v != CPO_EE_PPB_ALT)
		return -EINVAL;
	WRITE_ONCE(cdev->eeprom_ppb, v);
	return count;
}
static DEVICE_ATTR_RW(eeprom_pages_per_bank);

static struct attribute *cpo_ee_dev_attrs[] = {
	&dev_attr_eeprom_pages_per_bank.attr,
	NULL
};

/* in the groups of cpoN */
const struct attribute_group cpo_eeprom_dev_group = {
	.attrs = cpo_ee_dev_attrs,
};

/**
 * cpo_eeprom_init() - the image layout a device starts with
 * @cdev: the device
 */
void cpo_eeprom_init(struct cpo_dev *cdev)
{
	cdev->eeprom_ppb = CPO_EE_PPB_MAX;
}
