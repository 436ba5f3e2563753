// SPDX-License-Identifier: GPL-2.0
/* Port netdevs and their ethtool operations. */
#include "cpo.h"

int cpo_netdev_init(struct cpo_dev *cdev)
{
	return 0;
}

void cpo_netdev_exit(struct cpo_dev *cdev)
{
}

void cpo_netdev_update_carrier(struct cpo_dev *cdev)
{
}

struct cpo_port *cpo_port_by_ifname(struct cpo_dev *cdev, const char *name)
{
	return NULL;
}
