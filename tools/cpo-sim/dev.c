// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim device lifecycle: build the model from a profile into a window,
 * run one update period, reset.  No sockets here: the unit tests use it
 * on a plain buffer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static void sim_dev_settle(struct sim_dev *dev)
{
	/* power-on: settle thermals and states without events */
	dev->quiet = true;
	sim_phys_step(dev, 600.0);
	sim_ev_check_all(dev);
	dev->quiet = false;
}

/*
 * shm may be NULL: the window is then allocated here (unit tests).  The
 * caller sizes a real window with sim_layout_compute() first.
 */
int sim_dev_create(struct sim_dev *dev, const char *profile_path, uint64_t seed,
		   uint8_t *shm, char *err, size_t errlen)
{
	int rc;

	memset(dev, 0, sizeof(*dev));
	dev->accel = 1.0;
	dev->mbox_force_status = -1;
	dev->rng = seed ? seed : 0x9e3779b97f4a7c15ULL;
	dev->vdm_rng = (dev->rng ^ 0x5bd1e9955bd1e995ULL) | 1;
	rc = sim_profile_load(&dev->prof, profile_path, err, errlen);
	if (rc)
		return rc;
	rc = sim_topo_build(dev, err, errlen);
	if (rc)
		goto err_profile;
	sim_layout_compute(dev);
	if (sim_fw_init(dev)) {
		snprintf(err, errlen, "out of memory");
		rc = -ENOMEM;
		goto err_topo;
	}
	if (!shm) {
		dev->shm = calloc(1, dev->lay.bar_size);
		dev->shm_owned = true;
		if (!dev->shm) {
			snprintf(err, errlen, "out of memory");
			rc = -ENOMEM;
			goto err_topo;
		}
	} else {
		dev->shm = shm;
	}
	sim_thresh_defaults(dev->thresh);
	sim_phys_init(dev);
	sim_dev_settle(dev);
	sim_shm_init(dev);
	return 0;

err_topo:
	sim_fw_free(dev);
	sim_topo_free(dev);
err_profile:
	sim_profile_free(&dev->prof);
	return rc;
}

void sim_dev_destroy(struct sim_dev *dev)
{
	if (dev->shm_owned)
		free(dev->shm);
	dev->shm = NULL;
	sim_fw_free(dev);
	sim_topo_free(dev);
	sim_profile_free(&dev->prof);
}

/* one update period: physics, alarms, telemetry, heartbeat */
void sim_dev_tick(struct sim_dev *dev)
{
	double dt = dev->prof.update_period_ms / 1000.0 * dev->accel;

	dev->ticks++;
	dev->t_model += dt;
	if (dev->hung) {
		/* the world goes on; a hung firmware reports none of it */
		dev->quiet = true;
		sim_phys_step(dev, dt);
		dev->quiet = false;
		return;
	}
	sim_phys_step(dev, dt);
	sim_ev_check_all(dev);
	sim_cmis_latch_all(dev);
	if (dev->storm_left) {
		unsigned int n = dev->storm_left;

		dev->storm_left = 0;
		while (n--)
			sim_ev_push(dev, CPO_HW_EV_OE_STATE, CPO_HW_OBJ_OE, 0, 0, 0,
				    dev->oe[0].state, 0);
	}
	sim_shm_publish(dev);
	dev->heartbeat++;
	sim_w32(dev->shm + offsetof(struct cpo_hw_ident, heartbeat), dev->heartbeat);
	sim_mbox_poll(dev);
	sim_hostile_tick(dev);
}

/* CPO_HW_CMD_RESET: back to power-on state, the ring keeps running */
void sim_dev_reset(struct sim_dev *dev)
{
	bool present[CPO_HW_MAX_ELS];
	unsigned int s;

	sim_shm_set_status(dev, CPO_HW_STATUS_RESETTING, CPO_HW_STATUS_READY);
	sim_thresh_defaults(dev->thresh);
	for (s = 0; s < dev->n_els; s++)
		present[s] = dev->els[s].present;
	sim_phys_init(dev);
	/* a reset does not insert a module that is not there */
	for (s = 0; s < dev->n_els; s++) {
		if (present[s])
			continue;
		dev->els[s].present = false;
		dev->els[s].state = CPO_HW_ELS_ST_EMPTY;
		dev->els[s].insertions = 0;
	}
	sim_dev_settle(dev);
	sim_fw_reset(dev);
	sim_shm_rewrite(dev);
	sim_shm_publish(dev);
	sim_ev_push(dev, CPO_HW_EV_RESET, CPO_HW_OBJ_DEV, 0, 0, 0, 0, 0);
	sim_shm_set_status(dev, CPO_HW_STATUS_READY, CPO_HW_STATUS_RESETTING);
}
