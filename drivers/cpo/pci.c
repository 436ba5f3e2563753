// SPDX-License-Identifier: GPL-2.0
/*
 * PCIe transport of a CPO subsystem: probe and remove, the shared window,
 * MSI-X vectors and the command mailbox.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/ktime.h>

#include "cpo.h"
#include "trace.h"

#define CPO_PCI_VENDOR_IVSHMEM	0x1af4
#define CPO_PCI_DEVICE_IVSHMEM	0x1110
#define CPO_BAR_REGS		0
#define CPO_BAR_SHM		2

#define CPO_MBOX_TIMEOUT_MAX_MS	60000

unsigned int cpo_mbox_timeout_ms = 1000;

static int cpo_mbox_timeout_set(const char *val, const struct kernel_param *kp)
{
	return cpo_param_set_uint(val, kp, 1, CPO_MBOX_TIMEOUT_MAX_MS);
}

static const struct kernel_param_ops cpo_mbox_timeout_ops = {
	.set = cpo_mbox_timeout_set,
	.get = param_get_uint,
};
module_param_cb(mbox_timeout_ms, &cpo_mbox_timeout_ops, &cpo_mbox_timeout_ms,
		0644);
MODULE_PARM_DESC(mbox_timeout_ms,
		 "Mailbox command timeout in ms, 1-60000 (default 1000)");

#define cpo_mbox_field(cdev, f) \
	((cdev)->shm + (cdev)->mbox_off + offsetof(struct cpo_hw_mbox, f))

u32 cpo_read_heartbeat(struct cpo_dev *cdev)
{
	return readl(cdev->shm + offsetof(struct cpo_hw_ident, heartbeat));
}

static int cpo_mbox_status_errno(u16 status)
{
	switch (status) {
	case CPO_HW_ST_OK:
		return 0;
	case CPO_HW_ST_BAD_ARG:
		return -EINVAL;
	case CPO_HW_ST_BUSY:
		return -EBUSY;
	case CPO_HW_ST_NOT_PRESENT:
		return -ENODEV;
	case CPO_HW_ST_UNSUPPORTED:
		return -EOPNOTSUPP;
	case CPO_HW_ST_READ_ONLY:
		return -EPERM;
	case CPO_HW_ST_NO_SPARE:
		return -ENOSPC;
	default:
		return -EIO;
	}
}

static void cpo_ring_doorbell(struct cpo_dev *cdev, u32 vector)
{
	writel((cdev->doorbell_peer << 16) | vector,
	       cdev->regs + CPO_REG_DOORBELL);
}

/* Wait for done_seq == seq; the IRQ completes mbox.done, polling otherwise. */
static int cpo_mbox_wait(struct cpo_dev *cdev, u32 seq)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(cpo_mbox_timeout_ms);

	for (;;) {
		if (test_bit(CPO_DEV_REMOVING, &cdev->state))
			return -ENODEV;
		if (cpo_dev_failed(cdev))
			return -EIO;
		if (readl(cpo_mbox_field(cdev, done_seq)) == seq)
			return 0;
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		if (cdev->use_msix)
			wait_for_completion_timeout(&cdev->mbox.done,
				max_t(long, 1, (long)(deadline - jiffies)));
		else
			usleep_range(200, 400);
	}
}

int cpo_mbox_exec(struct cpo_dev *cdev, u16 opcode, const void *args,
		  size_t arg_len, void *resp, size_t resp_size,
		  size_t *resp_len)
{
	ktime_t start;
	u16 status = CPO_HW_ST_FAILED;
	u32 seq;
	int err;

	if (arg_len > CPO_HW_MBOX_ARGS_LEN)
		return -EINVAL;
	if (test_bit(CPO_DEV_REMOVING, &cdev->state))
		return -ENODEV;
	if (cpo_dev_failed(cdev))
		return -EIO;

	mutex_lock(&cdev->mbox.lock);
	if (test_bit(CPO_DEV_REMOVING, &cdev->state)) {
		err = -ENODEV;
		goto out_unlock;
	}
	start = ktime_get();
	seq = ++cdev->mbox.seq;
	reinit_completion(&cdev->mbox.done);
	writew(opcode, cpo_mbox_field(cdev, opcode));
	writew(arg_len, cpo_mbox_field(cdev, arg_len));
	if (arg_len)
		memcpy_toio(cpo_mbox_field(cdev, args), args, arg_len);
	/* the request body is visible before the new sequence number */
	wmb();
	writel(seq, cpo_mbox_field(cdev, seq));
	/* the sequence number is visible before the doorbell rings */
	wmb();
	cpo_ring_doorbell(cdev, CPO_DB_MBOX);
	cdev->mbox.cmds++;

	err = cpo_mbox_wait(cdev, seq);
	if (err) {
		if (err == -ETIMEDOUT) {
			cdev->mbox.timeouts++;
			dev_warn_ratelimited(&cdev->pdev->dev,
					     "mailbox command %u timed out\n",
					     opcode);
		}
		goto out_trace;
	}
	/* done_seq is read before the response it publishes */
	rmb();
	status = readw(cpo_mbox_field(cdev, status));
	err = cpo_mbox_status_errno(status);
	if (!err && resp) {
		size_t len = readw(cpo_mbox_field(cdev, resp_len));

		if (len > CPO_HW_MBOX_RESP_LEN || len > resp_size) {
			dev_warn_ratelimited(&cdev->pdev->dev,
					     "mailbox response length %zu invalid\n",
					     len);
			err = -EIO;
			goto out_trace;
		}
		memcpy_fromio(resp, cpo_mbox_field(cdev, resp), len);
		if (resp_len)
			*resp_len = len;
	}
out_trace:
	if (err && err != -ETIMEDOUT)
		cdev->mbox.errors++;
	trace_cpo_mbox_cmd(cdev, opcode, seq, status, err,
			   ktime_us_delta(ktime_get(), start));
out_unlock:
	mutex_unlock(&cdev->mbox.lock);
	return err;
}

/* Wake a waiter so that it sees REMOVING or FAILED. */
void cpo_mbox_abort(struct cpo_dev *cdev)
{
	complete_all(&cdev->mbox.done);
}

/**
 * cpo_mbox_debugfs_init() - the mailbox's and the vectors' debugfs entries
 * @cdev: the device
 * @dir: its debugfs directory
 */
void cpo_mbox_debugfs_init(struct cpo_dev *cdev, struct dentry *dir)
{
	debugfs_create_u64("mbox_cmds", 0444, dir, &cdev->mbox.cmds);
	debugfs_create_u64("mbox_timeouts", 0444, dir, &cdev->mbox.timeouts);
	debugfs_create_u64("mbox_errors", 0444, dir, &cdev->mbox.errors);
	debugfs_create_bool("use_msix", 0444, dir, &cdev->use_msix);
}

static irqreturn_t cpo_irq_mbox(int irq, void *data)
{
	struct cpo_dev *cdev = data;

	complete(&cdev->mbox.done);
	return IRQ_HANDLED;
}

static irqreturn_t cpo_irq_event(int irq, void *data)
{
	struct cpo_dev *cdev = data;

	cpo_events_kick(cdev);
	return IRQ_HANDLED;
}

/**
 * cpo_str_printable() - make a device's string safe to show
 * @s: a NUL-terminated string read from the device
 *
 * Every byte outside printable ASCII (0x20-0x7e) becomes '?': the
 * device's strings end up in sysfs, netlink and the kernel log.
 */
void cpo_str_printable(char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			*s = '?';
}

static void cpo_copy_str(char *dst, const void __iomem *src)
{
	char tmp[CPO_HW_STR_LEN + 1];

	memcpy_fromio(tmp, src, CPO_HW_STR_LEN);
	tmp[CPO_HW_STR_LEN] = '\0';
	cpo_str_printable(tmp);
	strscpy(dst, tmp, CPO_HW_STR_LEN + 1);
}

/**
 * cpo_fw_version_read() - re-read the running firmware's version
 * @cdev: the device
 *
 * The identity block's fw_version is the MCU's running image: it changes
 * with an MCU update and may change across a device reset.
 */
void cpo_fw_version_read(struct cpo_dev *cdev)
{
	char tmp[CPO_HW_STR_LEN + 1];

	cpo_copy_str(tmp, cdev->shm + offsetof(struct cpo_hw_ident, fw_version));
	spin_lock(&cdev->fw_version_lock);
	strscpy(cdev->fw_version, tmp, sizeof(cdev->fw_version));
	spin_unlock(&cdev->fw_version_lock);
}

/**
 * cpo_fw_version_get() - a consistent copy of the firmware version
 * @cdev: the device
 * @buf: CPO_HW_STR_LEN + 1 bytes
 */
void cpo_fw_version_get(struct cpo_dev *cdev, char *buf)
{
	spin_lock(&cdev->fw_version_lock);
	strscpy(buf, cdev->fw_version, CPO_HW_STR_LEN + 1);
	spin_unlock(&cdev->fw_version_lock);
}

/* Identity block: signature, version, sizes.  Refuses a foreign window. */
static int cpo_ident_read(struct cpo_dev *cdev)
{
	struct device *dev = &cdev->pdev->dev;
	void __iomem *id = cdev->shm;
	u32 magic, ident_size, bar_size, status;

	if (cdev->shm_len < sizeof(struct cpo_hw_ident)) {
		dev_err(dev, "shared window too small (%pa bytes)\n",
			&cdev->shm_len);
		return -ENODEV;
	}
	magic = readl(id + offsetof(struct cpo_hw_ident, magic));
	if (magic != CPO_HW_MAGIC) {
		dev_err(dev, "bad signature 0x%08x\n", magic);
		return -ENODEV;
	}
	cdev->ver_major = readw(id + offsetof(struct cpo_hw_ident, ver_major));
	cdev->ver_minor = readw(id + offsetof(struct cpo_hw_ident, ver_minor));
	if (cdev->ver_major != CPO_HW_VER_MAJOR) {
		dev_err(dev, "unsupported host interface version %u.%u\n",
			cdev->ver_major, cdev->ver_minor);
		return -ENODEV;
	}
	ident_size = readl(id + offsetof(struct cpo_hw_ident, ident_size));
	bar_size = readl(id + offsetof(struct cpo_hw_ident, bar_size));
	if (ident_size < sizeof(struct cpo_hw_ident) || ident_size > bar_size) {
		dev_err(dev, "identity block size %u invalid\n", ident_size);
		return -ENODEV;
	}
	if (bar_size > cdev->shm_len) {
		dev_err(dev, "device serves %u bytes but BAR2 has %pa\n",
			bar_size, &cdev->shm_len);
		return -ENODEV;
	}
	cdev->shm_len = bar_size;
	status = readl(id + offsetof(struct cpo_hw_ident, status));
	if (!(status & CPO_HW_STATUS_READY)) {
		dev_err(dev, "device not ready (status 0x%x)\n", status);
		return -EAGAIN;
	}
	cpo_copy_str(cdev->model, id + offsetof(struct cpo_hw_ident, model));
	cpo_copy_str(cdev->serial, id + offsetof(struct cpo_hw_ident, serial));
	cpo_copy_str(cdev->fw_version,
		     id + offsetof(struct cpo_hw_ident, fw_version));
	cdev->caps = readl(id + offsetof(struct cpo_hw_ident, caps));
	cdev->update_period_ms =
		readl(id + offsetof(struct cpo_hw_ident, update_period_ms));
	if (cdev->update_period_ms < 10 || cdev->update_period_ms > 60000) {
		dev_err(dev, "update period %u ms out of range\n",
			cdev->update_period_ms);
		return -ENODEV;
	}
	cdev->doorbell_peer =
		readl(id + offsetof(struct cpo_hw_ident, doorbell_peer));
	if (cdev->doorbell_peer > 0xffff) {
		dev_err(dev, "doorbell peer %u invalid\n", cdev->doorbell_peer);
		return -ENODEV;
	}
	cdev->lane_rate_mbps =
		readl(id + offsetof(struct cpo_hw_ident, lane_rate_mbps));
	cdev->last_heartbeat = cpo_read_heartbeat(cdev);
	return 0;
}

static int cpo_irq_setup(struct cpo_dev *cdev)
{
	struct pci_dev *pdev = cdev->pdev;
	int n, err;

	cdev->irq_mbox = -1;
	cdev->irq_event = -1;
	if (cpo_force_poll)
		return 0;
	n = pci_alloc_irq_vectors(pdev, CPO_NUM_IRQS, CPO_NUM_IRQS,
				  PCI_IRQ_MSIX);
	if (n < 0) {
		dev_info(&pdev->dev, "no MSI-X (%d), polling\n", n);
		return 0;
	}
	cdev->irq_mbox = pci_irq_vector(pdev, CPO_IRQ_MBOX);
	cdev->irq_event = pci_irq_vector(pdev, CPO_IRQ_EVENT);
	err = request_irq(cdev->irq_mbox, cpo_irq_mbox, 0, "cpo-mbox", cdev);
	if (err)
		goto err_free_vectors;
	err = request_irq(cdev->irq_event, cpo_irq_event, 0, "cpo-event", cdev);
	if (err)
		goto err_free_mbox_irq;
	cdev->use_msix = true;
	return 0;

err_free_mbox_irq:
	free_irq(cdev->irq_mbox, cdev);
err_free_vectors:
	pci_free_irq_vectors(pdev);
	cdev->irq_mbox = -1;
	cdev->irq_event = -1;
	dev_info(&pdev->dev, "MSI-X setup failed (%d), polling\n", err);
	return 0;
}

static void cpo_irq_teardown(struct cpo_dev *cdev)
{
	if (!cdev->use_msix)
		return;
	free_irq(cdev->irq_event, cdev);
	free_irq(cdev->irq_mbox, cdev);
	pci_free_irq_vectors(cdev->pdev);
	cdev->use_msix = false;
}

static int cpo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cpo_dev *cdev;
	int err;

	/* the object model's own state is the core's */
	cdev = cpo_dev_alloc(pdev);
	if (!cdev)
		return -ENOMEM;
	mutex_init(&cdev->mbox.lock);
	init_completion(&cdev->mbox.done);
	cpo_events_init(cdev);
	pci_set_drvdata(pdev, cdev);

	err = pci_enable_device_mem(pdev);
	if (err)
		goto err_put_cdev;
	/* MSI-X messages are memory writes by the function */
	pci_set_master(pdev);
	err = pci_request_regions(pdev, CPO_DRV_NAME);
	if (err)
		goto err_disable_device;
	if (!(pci_resource_flags(pdev, CPO_BAR_REGS) & IORESOURCE_MEM) ||
	    pci_resource_len(pdev, CPO_BAR_REGS) < CPO_REG_DOORBELL + 4 ||
	    !(pci_resource_flags(pdev, CPO_BAR_SHM) & IORESOURCE_MEM)) {
		dev_err(&pdev->dev, "missing BAR0 registers or BAR2 window\n");
		err = -ENODEV;
		goto err_release_regions;
	}
	cdev->regs = pci_iomap(pdev, CPO_BAR_REGS, 0);
	if (!cdev->regs) {
		err = -ENOMEM;
		goto err_release_regions;
	}
	cdev->shm_len = pci_resource_len(pdev, CPO_BAR_SHM);
	cdev->shm = pci_iomap(pdev, CPO_BAR_SHM, 0);
	if (!cdev->shm) {
		err = -ENOMEM;
		goto err_unmap_regs;
	}
	err = cpo_ident_read(cdev);
	if (err)
		goto err_unmap_shm;
	err = cpo_topology_read(cdev);
	if (err)
		goto err_unmap_shm;
	err = cpo_irq_setup(cdev);
	if (err)
		goto err_unmap_shm;
	/*
	 * Go on from the window's last completion: an earlier probe left
	 * done_seq there, and starting again from 1 would take a stale
	 * completion for the answer (a device that died would pass probe).
	 */
	cdev->mbox.seq = readl(cpo_mbox_field(cdev, done_seq));
	err = cpo_mbox_exec(cdev, CPO_HW_CMD_NOP, NULL, 0, NULL, 0, NULL);
	if (err) {
		dev_err(&pdev->dev, "mailbox does not answer (%d)\n", err);
		goto err_irq_teardown;
	}
	err = cpo_dev_register(cdev);
	if (err)
		goto err_irq_teardown;
	cpo_events_start(cdev);
	dev_info(&pdev->dev,
		 "%s: %s serial %s fw %s, %u OEs, %u lanes, %u ports, %u ELSFP slots, %u lasers%s%s\n",
		 dev_name(&cdev->dev), cdev->model, cdev->serial,
		 cdev->fw_version, cdev->n_oe, cdev->n_lanes, cdev->n_ports,
		 cdev->n_els, cdev->n_lasers,
		 cdev->caps & CPO_HW_CAP_OE_LASERS ? " (in the engines)" : "",
		 cdev->use_msix ? "" : ", polled");
	return 0;

err_irq_teardown:
	set_bit(CPO_DEV_REMOVING, &cdev->state);
	cpo_irq_teardown(cdev);
	cpo_events_flush(cdev);
err_unmap_shm:
	pci_iounmap(pdev, cdev->shm);
err_unmap_regs:
	pci_iounmap(pdev, cdev->regs);
err_release_regions:
	pci_release_regions(pdev);
err_disable_device:
	pci_clear_master(pdev);
	pci_disable_device(pdev);
err_put_cdev:
	pci_set_drvdata(pdev, NULL);
	put_device(&cdev->dev);
	return err;
}

static void cpo_remove(struct pci_dev *pdev)
{
	struct cpo_dev *cdev = pci_get_drvdata(pdev);

	/* fail new commands and wake the one in flight, then drain */
	set_bit(CPO_DEV_REMOVING, &cdev->state);
	cpo_mbox_abort(cdev);
	cpo_events_stop(cdev);
	cpo_dev_unregister(cdev);
	/* nobody is in the mailbox when the window goes */
	mutex_lock(&cdev->mbox.lock);
	mutex_unlock(&cdev->mbox.lock);
	cpo_irq_teardown(cdev);
	cpo_events_flush(cdev);
	pci_iounmap(pdev, cdev->shm);
	pci_iounmap(pdev, cdev->regs);
	pci_release_regions(pdev);
	pci_clear_master(pdev);
	pci_disable_device(pdev);
	pci_set_drvdata(pdev, NULL);
	put_device(&cdev->dev);
}

static const struct pci_device_id cpo_pci_ids[] = {
	/* matched only through driver_override */
	{ PCI_DEVICE_DRIVER_OVERRIDE(CPO_PCI_VENDOR_IVSHMEM,
				     CPO_PCI_DEVICE_IVSHMEM, 1) },
	{ }
};
/* no MODULE_DEVICE_TABLE: the module must never autoload for ivshmem */

static struct pci_driver cpo_pci_driver = {
	.name = CPO_DRV_NAME,
	.id_table = cpo_pci_ids,
	.probe = cpo_probe,
	.remove = cpo_remove,
};

int cpo_pci_init(void)
{
	return pci_register_driver(&cpo_pci_driver);
}

void cpo_pci_exit(void)
{
	pci_unregister_driver(&cpo_pci_driver);
}
