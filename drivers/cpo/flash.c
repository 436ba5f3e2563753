// SPDX-License-Identifier: GPL-2.0
/*
 * Firmware update of the module MCU, the engines and the ELSFPs through
 * devlink flash, and their versions in devlink dev info.
 *
 * Components are named as their info versions: "fw.mcu", "fw.oeN" and
 * "fw.elsN".  An image (struct cpo_hw_fw_hdr and its payload) is checked
 * whole before anything reaches the device; then each target gets the
 * device's CDB-style sequence: START, WRITE blocks through the firmware
 * buffer, COMPLETE, RUN (polled until the component is up, or fell back
 * to its old image), COMMIT.  Each step is one mailbox command, so
 * telemetry and other commands go on between the blocks; only the
 * update's own mutex is held throughout.
 * Documentation/cpo/driver.rst describes the behaviour.
 */
#include <linux/crc32.h>
#include <linux/delay.h>
#include <linux/firmware.h>

#include "cpo.h"

#define CPO_FW_BOOT_TIMEOUT_S	30	/* RUN until up or fallen back */
#define CPO_FW_BOOT_POLL_MS	100
#define CPO_FW_NAME_LEN		16

struct cpo_fw_target {
	u8 type;
	u16 index;
	char name[CPO_FW_NAME_LEN];
};

static void cpo_fw_name(char *buf, u8 type, u16 index)
{
	if (type == CPO_HW_FW_MCU)
		strscpy(buf, "fw.mcu", CPO_FW_NAME_LEN);
	else
		snprintf(buf, CPO_FW_NAME_LEN, "fw.%s%u",
			 type == CPO_HW_FW_OE ? "oe" : "els", index);
}

/* Components of a type: the MCU, the engines, the ELSFP slots. */
static unsigned int cpo_fw_count(struct cpo_dev *cdev, u8 type)
{
	switch (type) {
	case CPO_HW_FW_MCU:
		return 1;
	case CPO_HW_FW_OE:
		return cdev->n_oe;
	case CPO_HW_FW_ELS:
		return cdev->n_els;
	default:
		return 0;
	}
}

static int cpo_fw_cmd(struct cpo_dev *cdev, u16 op, u8 type, u16 index)
{
	struct cpo_hw_fw_comp c = {
		.type = type,
		.index = cpu_to_le16(index),
	};

	return cpo_mbox_exec(cdev, op, &c, sizeof(c), NULL, 0, NULL);
}

static int cpo_fw_query(struct cpo_dev *cdev, u8 type, u16 index,
			struct cpo_hw_fw_info *info)
{
	struct cpo_hw_fw_comp c = {
		.type = type,
		.index = cpu_to_le16(index),
	};
	size_t len = 0;
	int err;

	err = cpo_mbox_exec(cdev, CPO_HW_CMD_FW_QUERY, &c, sizeof(c), info,
			    sizeof(*info), &len);
	if (err)
		return err;
	if (len < sizeof(*info) || info->running >= CPO_HW_FW_BANKS ||
	    info->committed >= CPO_HW_FW_BANKS)
		return -EIO;
	/* the versions are the device's: terminate and clean them here */
	info->version[0][CPO_HW_FW_VER_LEN - 1] = '\0';
	info->version[1][CPO_HW_FW_VER_LEN - 1] = '\0';
	cpo_str_printable(info->version[0]);
	cpo_str_printable(info->version[1]);
	return 0;
}

static bool cpo_fw_bank_valid(const struct cpo_hw_fw_info *info, u8 bank)
{
	return info->valid & BIT(bank) && info->version[bank][0];
}

/**
 * cpo_fw_info_put() - the components' versions for devlink dev info
 * @cdev: the device
 * @req: the info request
 *
 * Running: the image each component runs; stored: the one it boots after
 * a reset (its committed bank).  A component the device does not answer
 * for (an empty slot) is left out.
 *
 * Return: 0 or a negative errno from devlink.
 */
int cpo_fw_info_put(struct cpo_dev *cdev, struct devlink_info_req *req)
{
	const enum devlink_info_version_type comp =
		DEVLINK_INFO_VERSION_TYPE_COMPONENT;
	struct cpo_hw_fw_info info;
	char name[CPO_FW_NAME_LEN];
	unsigned int i;
	int err;
	u8 type;

	if (!cdev->fwbuf_size)
		return 0;
	for (type = 0; type < CPO_HW_FW_TYPES; type++) {
		for (i = 0; i < cpo_fw_count(cdev, type); i++) {
			if (cpo_fw_query(cdev, type, i, &info))
				continue;
			cpo_fw_name(name, type, i);
			if (cpo_fw_bank_valid(&info, info.running)) {
				err = devlink_info_version_running_put_ext(req,
					name, info.version[info.running], comp);
				if (err)
					return err;
			}
			if (cpo_fw_bank_valid(&info, info.committed)) {
				err = devlink_info_version_stored_put_ext(req,
					name, info.version[info.committed], comp);
				if (err)
					return err;
			}
		}
	}
	return 0;
}

/* "fw.mcu", "fw.oeN", "fw.elsN" */
static int cpo_fw_parse_name(struct cpo_dev *cdev, const char *name,
			     u8 *type, u16 *index)
{
	const char *num;
	unsigned int v;

	if (!strcmp(name, "fw.mcu")) {
		*type = CPO_HW_FW_MCU;
		*index = 0;
		return 0;
	}
	if (!strncmp(name, "fw.oe", 5)) {
		*type = CPO_HW_FW_OE;
		num = name + 5;
	} else if (!strncmp(name, "fw.els", 6)) {
		*type = CPO_HW_FW_ELS;
		num = name + 6;
	} else {
		return -EINVAL;
	}
	if (!isdigit(*num) || kstrtouint(num, 10, &v) ||
	    v >= cpo_fw_count(cdev, *type))
		return -EINVAL;
	*index = v;
	return 0;
}

/* The image as a whole: header, length, version, checksum. */
static int cpo_fw_check_image(struct cpo_fw_state *st,
			      const struct firmware *fw,
			      const struct cpo_hw_fw_hdr **hdrp,
			      struct netlink_ext_ack *extack)
{
	const struct cpo_hw_fw_hdr *hdr = (const void *)fw->data;
	size_t payload;
	u32 size;
	int i;

	if (fw->size < sizeof(*hdr)) {
		NL_SET_ERR_MSG_MOD(extack, "image truncated: no complete header");
		return -EINVAL;
	}
	if (le32_to_cpu(hdr->magic) != CPO_HW_FW_MAGIC ||
	    le16_to_cpu(hdr->hdr_size) != sizeof(*hdr)) {
		NL_SET_ERR_MSG_MOD(extack, "not a CPO firmware image");
		return -EINVAL;
	}
	if (hdr->type >= CPO_HW_FW_TYPES) {
		NL_SET_ERR_MSG_MOD(extack, "image for an unknown component type");
		return -EINVAL;
	}
	size = le32_to_cpu(hdr->size);
	payload = fw->size - sizeof(*hdr);
	if (!size) {
		NL_SET_ERR_MSG_MOD(extack, "image has no payload");
		return -EINVAL;
	}
	if (payload < size) {
		cpo_extack_fmt(extack, st->msg,
			       "image truncated: %zu of %u payload bytes",
			       payload, size);
		return -EINVAL;
	}
	if (payload > size) {
		cpo_extack_fmt(extack, st->msg,
			       "image has %zu bytes after its %u byte payload",
			       payload - size, size);
		return -EINVAL;
	}
	for (i = 0; i < CPO_HW_FW_VER_LEN && hdr->version[i]; i++)
		if (hdr->version[i] <= 0x20 || hdr->version[i] >= 0x7f)
			break;	/* printable ASCII without spaces */
	if (!i || i == CPO_HW_FW_VER_LEN || hdr->version[i]) {
		NL_SET_ERR_MSG_MOD(extack, "image version string invalid");
		return -EINVAL;
	}
	if ((crc32_le(~0, fw->data + sizeof(*hdr), size) ^ ~0) !=
	    le32_to_cpu(hdr->crc32)) {
		NL_SET_ERR_MSG_MOD(extack, "image checksum mismatch");
		return -EINVAL;
	}
	*hdrp = hdr;
	return 0;
}

static const char *const cpo_fw_type_str[CPO_HW_FW_TYPES] = {
	[CPO_HW_FW_MCU] = "the module MCU",
	[CPO_HW_FW_OE] = "an engine",
	[CPO_HW_FW_ELS] = "an ELSFP",
};

static const char *const cpo_fw_type_noun[CPO_HW_FW_TYPES] = {
	[CPO_HW_FW_MCU] = "MCU",
	[CPO_HW_FW_OE] = "engine",
	[CPO_HW_FW_ELS] = "ELSFP slot",
};

/*
 * The components the image goes to: @component if given (the image must
 * be for it), else the one the header names, else every component of the
 * image's type (ELSFP slots without a module are skipped).  Each is asked
 * whether it takes an image this size.  Returns the count, or an errno.
 */
static int cpo_fw_targets(struct cpo_dev *cdev, struct cpo_fw_state *st,
			  const struct cpo_hw_fw_hdr *hdr, const char *component,
			  struct cpo_fw_target *t, struct netlink_ext_ack *extack)
{
	u16 hidx = le16_to_cpu(hdr->index);
	u32 size = le32_to_cpu(hdr->size);
	unsigned int i, first, last, n = 0;
	struct cpo_hw_fw_info info;
	u16 index;
	u8 type;
	int err;

	if (component) {
		if (cpo_fw_parse_name(cdev, component, &type, &index)) {
			NL_SET_ERR_MSG_MOD(extack, "unknown component");
			return -EINVAL;
		}
		if (type != hdr->type) {
			cpo_extack_fmt(extack, st->msg,
				       "image is for %s, not for %s",
				       cpo_fw_type_str[hdr->type], component);
			return -EINVAL;
		}
		if (hidx != CPO_HW_FW_ANY && hidx != index) {
			cpo_extack_fmt(extack, st->msg,
				       "image is for %s %u, not for %s",
				       cpo_fw_type_noun[hdr->type], hidx,
				       component);
			return -EINVAL;
		}
		first = index;
		last = index;
	} else if (hidx != CPO_HW_FW_ANY) {
		if (hidx >= cpo_fw_count(cdev, hdr->type)) {
			cpo_extack_fmt(extack, st->msg,
				       "image is for %s %u; the device has %u",
				       cpo_fw_type_noun[hdr->type], hidx,
				       cpo_fw_count(cdev, hdr->type));
			return -EINVAL;
		}
		first = hidx;
		last = hidx;
	} else {
		if (!cpo_fw_count(cdev, hdr->type)) {
			cpo_extack_fmt(extack, st->msg, "the device has no %s",
				       cpo_fw_type_noun[hdr->type]);
			return -EINVAL;
		}
		first = 0;
		last = cpo_fw_count(cdev, hdr->type) - 1;
	}

	for (i = first; i <= last; i++) {
		err = cpo_fw_query(cdev, hdr->type, i, &info);
		if (err == -ENODEV && hdr->type == CPO_HW_FW_ELS &&
		    first != last)
			continue;	/* an empty slot: nothing to update */
		if (err == -ENODEV && hdr->type == CPO_HW_FW_ELS) {
			cpo_extack_fmt(extack, st->msg,
				       "ELSFP slot %u is empty", i);
			return err;
		}
		if (err == -ENODEV) {
			cpo_extack_fmt(extack, st->msg, "the device has no %s %u",
				       cpo_fw_type_noun[hdr->type], i);
			return err;
		}
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "device did not answer the firmware query");
			return err;
		}
		if (size > le32_to_cpu(info.max_size)) {
			cpo_extack_fmt(extack, st->msg,
				       "image of %u bytes exceeds the %s maximum of %u",
				       size, cpo_fw_type_noun[hdr->type],
				       le32_to_cpu(info.max_size));
			return -EFBIG;
		}
		if (info.state == CPO_HW_FW_ST_BOOTING) {
			NL_SET_ERR_MSG_MOD(extack, "a component is still restarting");
			return -EBUSY;
		}
		t[n].type = hdr->type;
		t[n].index = i;
		cpo_fw_name(t[n].name, hdr->type, i);
		n++;
	}
	if (!n) {
		NL_SET_ERR_MSG_MOD(extack, "no ELSFP module to update");
		return -ENODEV;
	}
	return n;
}

static int cpo_fw_download(struct devlink *devlink, struct cpo_dev *cdev,
			   const struct firmware *fw,
			   const struct cpo_fw_target *t)
{
	void __iomem *buf = cdev->shm + cdev->fwbuf_off;
	u32 size = fw->size - sizeof(struct cpo_hw_fw_hdr);
	const u8 *data = fw->data + sizeof(struct cpo_hw_fw_hdr);
	struct cpo_hw_arg_fw_write a = {
		.comp.type = t->type,
		.comp.index = cpu_to_le16(t->index),
	};
	unsigned int pct, last_pct = 0;
	u32 off, n;
	int err;

	/* the header first: the device checks it and erases the bank */
	memcpy_toio(buf, fw->data, sizeof(struct cpo_hw_fw_hdr));
	err = cpo_fw_cmd(cdev, CPO_HW_CMD_FW_START, t->type, t->index);
	if (err)
		return err;
	devlink_flash_update_status_notify(devlink, "Downloading", t->name,
					   0, size);
	for (off = 0; off < size; off += n) {
		n = min(size - off, cdev->fwbuf_size);
		memcpy_toio(buf, data + off, n);
		a.offset = cpu_to_le32(off);
		a.len = cpu_to_le32(n);
		err = cpo_mbox_exec(cdev, CPO_HW_CMD_FW_WRITE, &a, sizeof(a),
				    NULL, 0, NULL);
		if (err)
			return err;
		pct = (u64)(off + n) * 100 / size;
		if (pct != last_pct) {
			devlink_flash_update_status_notify(devlink,
							   "Downloading",
							   t->name, off + n,
							   size);
			last_pct = pct;
		}
	}
	return 0;
}

/* After RUN: wait until the component is up, or back on its old image. */
static int cpo_fw_wait_boot(struct cpo_dev *cdev, const struct cpo_fw_target *t,
			    struct cpo_hw_fw_info *info)
{
	unsigned long deadline = jiffies + CPO_FW_BOOT_TIMEOUT_S * HZ;
	int err;

	for (;;) {
		err = cpo_fw_query(cdev, t->type, t->index, info);
		if (err || info->state != CPO_HW_FW_ST_BOOTING)
			return err;
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		msleep(CPO_FW_BOOT_POLL_MS);
	}
}

static int cpo_fw_flash_one(struct devlink *devlink, struct cpo_dev *cdev,
			    struct cpo_fw_state *st, const struct firmware *fw,
			    const struct cpo_hw_fw_hdr *hdr,
			    const struct cpo_fw_target *t,
			    struct netlink_ext_ack *extack)
{
	struct cpo_hw_fw_info info;
	char old[CPO_HW_FW_VER_LEN];
	int err;

	err = cpo_fw_query(cdev, t->type, t->index, &info);
	if (err) {
		cpo_extack_fmt(extack, st->msg, "%s: firmware query failed",
			       t->name);
		return err;
	}
	strscpy(old, info.version[info.running], sizeof(old));

	err = cpo_fw_download(devlink, cdev, fw, t);
	if (err) {
		cpo_fw_cmd(cdev, CPO_HW_CMD_FW_ABORT, t->type, t->index);
		cpo_extack_fmt(extack, st->msg,
			       "%s: download failed (%d), %s still runs",
			       t->name, err, old);
		return err;
	}

	devlink_flash_update_status_notify(devlink, "Verifying", t->name, 0, 0);
	err = cpo_fw_cmd(cdev, CPO_HW_CMD_FW_COMPLETE, t->type, t->index);
	if (err) {
		cpo_extack_fmt(extack, st->msg,
			       "%s: device refused the image (%d), %s still runs",
			       t->name, err, old);
		return err;
	}

	devlink_flash_update_timeout_notify(devlink, "Activating", t->name,
					    CPO_FW_BOOT_TIMEOUT_S);
	err = cpo_fw_cmd(cdev, CPO_HW_CMD_FW_RUN, t->type, t->index);
	err = err ?: cpo_fw_wait_boot(cdev, t, &info);
	if (err) {
		cpo_extack_fmt(extack, st->msg, "%s: activation failed (%d)",
			       t->name, err);
		return err;
	}
	if (info.result != CPO_HW_FW_RES_OK) {
		cpo_extack_fmt(extack, st->msg,
			       "%s: new image did not come up, %s runs again",
			       t->name, info.version[info.running]);
		return -EIO;
	}
	/* the identity block names the MCU's running image */
	if (t->type == CPO_HW_FW_MCU)
		cpo_fw_version_read(cdev);

	devlink_flash_update_status_notify(devlink, "Committing", t->name, 0, 0);
	err = cpo_fw_cmd(cdev, CPO_HW_CMD_FW_COMMIT, t->type, t->index);
	if (err) {
		cpo_extack_fmt(extack, st->msg,
			       "%s: %s not committed (%d): %s returns at reset",
			       t->name, hdr->version, err, old);
		return err;
	}
	/*
	 * COMMIT names no bank: a reset between RUN and COMMIT would have
	 * committed the old image again.  The new one must be what runs and
	 * what boots.
	 */
	err = cpo_fw_query(cdev, t->type, t->index, &info);
	if (!err && (info.running != info.committed ||
		     strcmp(info.version[info.running], hdr->version)))
		err = -EIO;
	if (err) {
		cpo_extack_fmt(extack, st->msg,
			       "%s: %s not running and committed after the update",
			       t->name, hdr->version);
		return err;
	}
	devlink_flash_update_status_notify(devlink, "Done", t->name, 0, 0);
	dev_info(&cdev->pdev->dev, "%s: firmware %s, was %s\n", t->name,
		 hdr->version, old);
	return 0;
}

/**
 * cpo_fw_flash_update() - devlink flash: one image to its components
 * @devlink: the instance
 * @cdev: the device
 * @st: the update state
 * @params: the image and the component, if one was named
 * @extack: error message
 *
 * Without a component, an image for one component goes to that one and
 * an image for any component of its type to all of them, one after the
 * other; the first failure stops the update (those before it keep their
 * new image).
 *
 * Return: 0 or a negative errno, with a message in @extack.
 */
int cpo_fw_flash_update(struct devlink *devlink, struct cpo_dev *cdev,
			struct cpo_fw_state *st,
			struct devlink_flash_update_params *params,
			struct netlink_ext_ack *extack)
{
	const struct cpo_hw_fw_hdr *hdr;
	struct cpo_fw_target *t;
	int i, n, err;

	if (!cdev->fwbuf_size) {
		NL_SET_ERR_MSG_MOD(extack, "device does not support firmware update");
		return -EOPNOTSUPP;
	}
	if (!mutex_trylock(&st->lock)) {
		NL_SET_ERR_MSG_MOD(extack, "a firmware update is already running");
		return -EBUSY;
	}
	err = cpo_fw_check_image(st, params->fw, &hdr, extack);
	if (err)
		goto out_unlock;
	t = kcalloc(max(cdev->n_oe, cdev->n_els), sizeof(*t), GFP_KERNEL);
	if (!t) {
		err = -ENOMEM;
		goto out_unlock;
	}
	n = cpo_fw_targets(cdev, st, hdr, params->component, t, extack);
	err = n < 0 ? n : 0;
	for (i = 0; !err && i < n; i++)
		err = cpo_fw_flash_one(devlink, cdev, st, params->fw, hdr,
				       &t[i], extack);
	kfree(t);
out_unlock:
	mutex_unlock(&st->lock);
	return err;
}
