// SPDX-License-Identifier: GPL-2.0
/*
 * cpo.ko: Linux support for co-packaged optics subsystems.  Module init and
 * exit: the class, the netlink family, debugfs and the PCI driver.
 */
#include <linux/module.h>
#include <linux/init.h>

#include "cpo.h"

struct class cpo_class = {
	.name = "cpo",
};

static int __init cpo_init(void)
{
	int err;

	err = class_register(&cpo_class);
	if (err)
		return err;
	err = cpo_hwmon_class_init();
	if (err)
		goto err_class_unregister;
	cpo_debugfs_init_root();
	err = cpo_nl_init();
	if (err)
		goto err_debugfs_exit;
	err = cpo_pci_init();
	if (err)
		goto err_nl_exit;
	return 0;

err_nl_exit:
	cpo_nl_exit();
err_debugfs_exit:
	cpo_debugfs_exit_root();
	cpo_hwmon_class_exit();
err_class_unregister:
	class_unregister(&cpo_class);
	return err;
}

static void __exit cpo_exit(void)
{
	cpo_pci_exit();
	cpo_nl_exit();
	cpo_debugfs_exit_root();
	cpo_hwmon_class_exit();
	class_unregister(&cpo_class);
}

module_init(cpo_init);
module_exit(cpo_exit);

MODULE_DESCRIPTION("Co-packaged optics subsystem driver");
MODULE_LICENSE("GPL");
