// SPDX-License-Identifier: GPL-2.0
/* devlink instance, info and health reporters. */
#include "cpo.h"

int cpo_devlink_alloc(struct cpo_dev *cdev)
{
	return 0;
}

void cpo_devlink_free(struct cpo_dev *cdev)
{
}

int cpo_devlink_init(struct cpo_dev *cdev)
{
	return 0;
}

void cpo_devlink_exit(struct cpo_dev *cdev)
{
}

void cpo_devlink_register(struct cpo_dev *cdev)
{
}

void cpo_devlink_unregister(struct cpo_dev *cdev)
{
}

void cpo_devlink_event(struct cpo_dev *cdev, const struct cpo_event *ev)
{
}
