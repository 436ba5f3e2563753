// SPDX-License-Identifier: GPL-2.0
/* The "cpo" generic netlink family. */
#include "cpo.h"

int cpo_nl_init(void)
{
	return 0;
}

void cpo_nl_exit(void)
{
}

void cpo_nl_notify_event(struct cpo_dev *cdev, const struct cpo_event *ev)
{
}

void cpo_nl_notify_dev_failed(struct cpo_dev *cdev)
{
}
