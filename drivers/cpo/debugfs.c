// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/cpo/cpoN/ counters and raw dumps of the
 * shared window's identity and telemetry regions.  Each concern adds its
 * own entries: pci.c the mailbox, events.c the event ring and watchdog,
 * els.c the slots.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/io.h>

#include "cpo.h"

static struct dentry *cpo_debugfs_root;

static int cpo_dump_region(struct seq_file *m, u32 off, size_t len)
{
	struct cpo_dev *cdev = m->private;
	void *buf;

	if (test_bit(CPO_DEV_REMOVING, &cdev->state))
		return -ENODEV;
	buf = kvmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* telem_lock keeps remove from unmapping the window under us */
	mutex_lock(&cdev->telem_lock);
	if (test_bit(CPO_DEV_REMOVING, &cdev->state)) {
		mutex_unlock(&cdev->telem_lock);
		kvfree(buf);
		return -ENODEV;
	}
	memcpy_fromio(buf, cdev->shm + off, len);
	mutex_unlock(&cdev->telem_lock);
	seq_hex_dump(m, "", DUMP_PREFIX_OFFSET, 16, 4, buf, len, false);
	kvfree(buf);
	return 0;
}

static int cpo_ident_show(struct seq_file *m, void *v)
{
	return cpo_dump_region(m, 0, sizeof(struct cpo_hw_ident));
}
DEFINE_SHOW_ATTRIBUTE(cpo_ident);

static int cpo_telem_raw_show(struct seq_file *m, void *v)
{
	struct cpo_dev *cdev = m->private;

	return cpo_dump_region(m, cdev->telem_off, cdev->telem_len);
}
DEFINE_SHOW_ATTRIBUTE(cpo_telem_raw);

void cpo_debugfs_init(struct cpo_dev *cdev)
{
	struct dentry *d;

	if (!cpo_debugfs_root)
		return;
	d = debugfs_create_dir(dev_name(&cdev->dev), cpo_debugfs_root);
	cdev->debugfs = d;
	debugfs_create_u64("snapshots", 0444, d, &cdev->snapshots);
	debugfs_create_u64("torn_reads", 0444, d, &cdev->torn_reads);
	cpo_mbox_debugfs_init(cdev, d);
	cpo_events_debugfs_init(cdev, d);
	cpo_els_debugfs_init(cdev, d);
	debugfs_create_u64("thresh_refusals", 0444, d, &cdev->thresh_refusals);
	debugfs_create_file("ident", 0400, d, cdev, &cpo_ident_fops);
	debugfs_create_file("telemetry", 0400, d, cdev, &cpo_telem_raw_fops);
}

void cpo_debugfs_exit(struct cpo_dev *cdev)
{
	debugfs_remove_recursive(cdev->debugfs);
	cdev->debugfs = NULL;
}

void cpo_debugfs_init_root(void)
{
	cpo_debugfs_root = debugfs_create_dir(CPO_DRV_NAME, NULL);
	if (IS_ERR(cpo_debugfs_root))
		cpo_debugfs_root = NULL;
}

void cpo_debugfs_exit_root(void)
{
	debugfs_remove_recursive(cpo_debugfs_root);
	cpo_debugfs_root = NULL;
}
