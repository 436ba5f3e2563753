// SPDX-License-Identifier: GPL-2.0
/*
 * Object model of a CPO subsystem: topology read and validated from the
 * shared window, the class device and its children, the telemetry
 * snapshot, device failure.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/delay.h>
#include <linux/idr.h>
#include <linux/io.h>

#include "cpo.h"

#define CPO_TELEM_TRIES		5

static unsigned int cpo_telem_max_age_ms;
module_param_named(telem_max_age_ms, cpo_telem_max_age_ms, uint, 0444);
MODULE_PARM_DESC(telem_max_age_ms,
		 "Oldest telemetry copy served, ms (default: the device's update period)");

DEFINE_MUTEX(cpo_devs_lock);		/* protects cpo_devs and device lookups */
static LIST_HEAD(cpo_devs);		/* bound devices, under cpo_devs_lock */
static DEFINE_IDA(cpo_ida);		/* N of cpoN */

/* ---- topology ---- */

static int cpo_region_check(struct cpo_dev *cdev, const char *name, u32 off,
			    u64 size)
{
	if (off % 8 || off < sizeof(struct cpo_hw_ident) ||
	    (u64)off + size > cdev->shm_len) {
		dev_err(&cdev->pdev->dev,
			"topology: %s region at 0x%x size %llu outside the %pa byte window or misaligned\n",
			name, off, size, &cdev->shm_len);
		return -EINVAL;
	}
	return 0;
}

#define cpo_topo_err(cdev, table, i, fmt, ...)				\
	dev_err(&(cdev)->pdev->dev, "topology: %s table entry %u: " fmt "\n", \
		table, i, ##__VA_ARGS__)

static int cpo_topo_counts(struct cpo_dev *cdev)
{
	void __iomem *id = cdev->shm;
	struct device *dev = &cdev->pdev->dev;

	cdev->n_oe = readw(id + offsetof(struct cpo_hw_ident, n_oe));
	cdev->n_lanes = readw(id + offsetof(struct cpo_hw_ident, n_lanes));
	cdev->n_ports = readw(id + offsetof(struct cpo_hw_ident, n_ports));
	cdev->n_els = readw(id + offsetof(struct cpo_hw_ident, n_els));
	cdev->n_lasers = readw(id + offsetof(struct cpo_hw_ident, n_lasers));
	if (!cdev->n_oe || cdev->n_oe > CPO_HW_MAX_OE ||
	    !cdev->n_lanes || cdev->n_lanes > CPO_HW_MAX_LANES ||
	    cdev->n_ports > CPO_HW_MAX_PORTS ||
	    cdev->n_els > CPO_HW_MAX_ELS ||
	    cdev->n_lasers > CPO_HW_MAX_LASERS) {
		dev_err(dev,
			"topology: counts out of range (oe %u lanes %u ports %u els %u lasers %u)\n",
			cdev->n_oe, cdev->n_lanes, cdev->n_ports, cdev->n_els,
			cdev->n_lasers);
		return -EINVAL;
	}
	/* near-packaged optics: the lasers are the engines', not objects */
	if ((cdev->caps & CPO_HW_CAP_OE_LASERS) && (cdev->n_els || cdev->n_lasers)) {
		dev_err(dev,
			"topology: lasers in the engines but %u ELSFP slots, %u lasers\n",
			cdev->n_els, cdev->n_lasers);
		return -EINVAL;
	}
	return 0;
}

static int cpo_topo_regions(struct cpo_dev *cdev)
{
	void __iomem *id = cdev->shm;
	u32 off;
	int err;

#define CPO_ID_RD(f)	readl(id + offsetof(struct cpo_hw_ident, f))
	off = CPO_ID_RD(oe_table_off);
	err = cpo_region_check(cdev, "oe", off,
			       (u64)cdev->n_oe * sizeof(struct cpo_hw_oe));
	if (err)
		return err;
	cdev->oe_table_off = off;
	off = CPO_ID_RD(lane_table_off);
	err = cpo_region_check(cdev, "lane", off,
			       (u64)cdev->n_lanes * sizeof(struct cpo_hw_lane));
	if (err)
		return err;
	cdev->lane_table_off = off;
	off = CPO_ID_RD(port_table_off);
	err = cpo_region_check(cdev, "port", off,
			       (u64)cdev->n_ports * sizeof(struct cpo_hw_port));
	if (err)
		return err;
	cdev->port_table_off = off;
	off = CPO_ID_RD(els_table_off);
	err = cpo_region_check(cdev, "els", off,
			       (u64)cdev->n_els * sizeof(struct cpo_hw_els));
	if (err)
		return err;
	off = CPO_ID_RD(laser_table_off);
	err = cpo_region_check(cdev, "laser", off,
			       (u64)cdev->n_lasers * sizeof(struct cpo_hw_laser));
	if (err)
		return err;
	cdev->laser_table_off = off;

	cdev->telem_len = sizeof(struct cpo_hw_telem_hdr) +
		cdev->n_oe * sizeof(struct cpo_hw_oe_telem) +
		cdev->n_lanes * sizeof(struct cpo_hw_lane_telem) +
		cdev->n_els * sizeof(struct cpo_hw_els_telem) +
		cdev->n_lasers * sizeof(struct cpo_hw_laser_telem);
	cdev->telem_off = CPO_ID_RD(telem_off);
	err = cpo_region_check(cdev, "telemetry", cdev->telem_off,
			       cdev->telem_len);
	if (err)
		return err;
	cdev->thresh_off = CPO_ID_RD(thresh_off);
	err = cpo_region_check(cdev, "threshold", cdev->thresh_off,
			       CPO_HW_Q_MAX * sizeof(struct cpo_hw_thresh));
	if (err)
		return err;
	cdev->mbox_off = CPO_ID_RD(mbox_off);
	err = cpo_region_check(cdev, "mailbox", cdev->mbox_off,
			       sizeof(struct cpo_hw_mbox));
	if (err)
		return err;
	cdev->evring_entries = 0;
	if (cdev->caps & CPO_HW_CAP_EVENTS) {
		u32 n = CPO_ID_RD(evring_entries);

		if (!n || !is_power_of_2(n) || n > 65536) {
			dev_err(&cdev->pdev->dev,
				"topology: event ring of %u entries invalid\n", n);
			return -EINVAL;
		}
		cdev->evring_off = CPO_ID_RD(evring_off);
		err = cpo_region_check(cdev, "event ring", cdev->evring_off,
				       sizeof(struct cpo_hw_evring) +
				       (u64)n * sizeof(struct cpo_hw_event));
		if (err)
			return err;
		cdev->evring_entries = n;
	}
	cdev->fwbuf_off = 0;
	cdev->fwbuf_size = 0;
	if (cdev->caps & CPO_HW_CAP_FW_UPDATE) {
		u32 n = CPO_ID_RD(fwbuf_size);

		if (n < CPO_HW_FWBUF_MIN || n > SZ_1M) {
			dev_err(&cdev->pdev->dev,
				"topology: firmware buffer of %u bytes invalid\n", n);
			return -EINVAL;
		}
		off = CPO_ID_RD(fwbuf_off);
		err = cpo_region_check(cdev, "firmware buffer", off, n);
		if (err)
			return err;
		cdev->fwbuf_off = off;
		cdev->fwbuf_size = n;
	}
#undef CPO_ID_RD
	return 0;
}

static int cpo_topo_alloc(struct cpo_dev *cdev)
{
	struct cpo_snapshot *s = &cdev->snap;

	cdev->oe = kcalloc(cdev->n_oe, sizeof(*cdev->oe), GFP_KERNEL);
	cdev->lane = kcalloc(cdev->n_lanes, sizeof(*cdev->lane), GFP_KERNEL);
	cdev->port = kcalloc(cdev->n_ports, sizeof(*cdev->port), GFP_KERNEL);
	cdev->els = kcalloc(cdev->n_els, sizeof(*cdev->els), GFP_KERNEL);
	cdev->laser = kcalloc(cdev->n_lasers, sizeof(*cdev->laser), GFP_KERNEL);
	s->oe = kcalloc(cdev->n_oe, sizeof(*s->oe), GFP_KERNEL);
	s->lane = kcalloc(cdev->n_lanes, sizeof(*s->lane), GFP_KERNEL);
	s->els = kcalloc(cdev->n_els, sizeof(*s->els), GFP_KERNEL);
	s->laser = kcalloc(cdev->n_lasers, sizeof(*s->laser), GFP_KERNEL);
	cdev->telem_raw = kvmalloc(cdev->telem_len, GFP_KERNEL);
	if (cpo_alarms_alloc(cdev) || cpo_stats_alloc(cdev))
		return -ENOMEM;
	if (!cdev->oe || !cdev->lane || (cdev->n_ports && !cdev->port) ||
	    (cdev->n_els && !cdev->els) || (cdev->n_lasers && !cdev->laser) ||
	    !s->oe || !s->lane || (cdev->n_els && !s->els) ||
	    (cdev->n_lasers && !s->laser) || !cdev->telem_raw)
		return -ENOMEM;
	return 0;
}

/* Frees what cpo_topology_read() allocated; from the class device release. */
static void cpo_dev_release_mem(struct cpo_dev *cdev)
{
	kvfree(cdev->telem_raw);
	cpo_alarms_free(cdev);
	cpo_stats_free(cdev);
	kfree(cdev->snap.laser);
	kfree(cdev->snap.els);
	kfree(cdev->snap.lane);
	kfree(cdev->snap.oe);
	kfree(cdev->laser);
	kfree(cdev->els);
	kfree(cdev->port);
	kfree(cdev->lane);
	kfree(cdev->oe);
}

static int cpo_topo_tables(struct cpo_dev *cdev)
{
	void __iomem *id = cdev->shm;
	void __iomem *t;
	unsigned int i, j;

	t = cdev->shm + readl(id + offsetof(struct cpo_hw_ident, oe_table_off));
	for (i = 0; i < cdev->n_oe; i++) {
		struct cpo_hw_oe e;
		struct cpo_oe *oe = &cdev->oe[i];

		memcpy_fromio(&e, t + i * sizeof(e), sizeof(e));
		oe->cdev = cdev;
		oe->index = i;
		oe->first_lane = le16_to_cpu(e.first_lane);
		oe->n_lanes = le16_to_cpu(e.n_lanes);
		oe->spare = le16_to_cpu(e.flags) & CPO_HW_F_SPARE;
		oe->out_of_service = le16_to_cpu(e.flags) &
				     CPO_HW_F_OUT_OF_SERVICE;
		if ((u32)oe->first_lane + oe->n_lanes > cdev->n_lanes) {
			cpo_topo_err(cdev, "oe", i, "lanes %u+%u beyond %u",
				     oe->first_lane, oe->n_lanes, cdev->n_lanes);
			return -EINVAL;
		}
	}

	t = cdev->shm + readl(id + offsetof(struct cpo_hw_ident, lane_table_off));
	for (i = 0; i < cdev->n_lanes; i++) {
		struct cpo_hw_lane e;
		struct cpo_lane *l = &cdev->lane[i];

		memcpy_fromio(&e, t + i * sizeof(e), sizeof(e));
		l->index = i;
		l->oe = le16_to_cpu(e.oe);
		l->port = le16_to_cpu(e.port);
		l->laser = le16_to_cpu(e.laser);
		l->port_lane = e.port_lane;
		l->oe_lane = e.oe_lane;
		if (l->oe >= cdev->n_oe) {
			cpo_topo_err(cdev, "lane", i, "oe %u out of range", l->oe);
			return -EINVAL;
		}
		if (l->oe_lane >= cdev->oe[l->oe].n_lanes ||
		    cdev->oe[l->oe].first_lane + l->oe_lane != i) {
			cpo_topo_err(cdev, "lane", i,
				     "oe_lane %u does not match oe%u's lanes",
				     l->oe_lane, l->oe);
			return -EINVAL;
		}
		if (l->port != CPO_HW_NONE && l->port >= cdev->n_ports) {
			cpo_topo_err(cdev, "lane", i, "port %u out of range",
				     l->port);
			return -EINVAL;
		}
		if (l->laser != CPO_HW_NONE && l->laser >= cdev->n_lasers) {
			cpo_topo_err(cdev, "lane", i, "laser %u out of range",
				     l->laser);
			return -EINVAL;
		}
	}

	t = cdev->shm + readl(id + offsetof(struct cpo_hw_ident, port_table_off));
	for (i = 0; i < cdev->n_ports; i++) {
		struct cpo_hw_port e;
		struct cpo_port *p = &cdev->port[i];

		memcpy_fromio(&e, t + i * sizeof(e), sizeof(e));
		p->cdev = cdev;
		p->index = i;
		p->oe = le16_to_cpu(e.oe);
		p->n_lanes = e.n_lanes;
		p->speed_mbps = le32_to_cpu(e.speed_mbps);
		if (p->oe >= cdev->n_oe) {
			cpo_topo_err(cdev, "port", i, "oe %u out of range", p->oe);
			return -EINVAL;
		}
		if (!p->n_lanes || p->n_lanes > CPO_HW_LANES_PER_PORT) {
			cpo_topo_err(cdev, "port", i, "%u lanes invalid",
				     p->n_lanes);
			return -EINVAL;
		}
		p->n_lasers = 0;
		for (j = 0; j < p->n_lanes; j++) {
			u16 ln = le16_to_cpu(e.lane[j]), laser;
			unsigned int k;

			if (ln >= cdev->n_lanes || cdev->lane[ln].port != i ||
			    cdev->lane[ln].port_lane != j) {
				cpo_topo_err(cdev, "port", i,
					     "lane[%u] = %u does not point back",
					     j, ln);
				return -EINVAL;
			}
			p->lane[j] = ln;
			laser = cpo_lane_laser(cdev, ln);
			if (laser == CPO_HW_NONE)
				continue;
			for (k = 0; k < p->n_lasers; k++)
				if (p->laser[k] == laser)
					break;
			if (k == p->n_lasers)
				p->laser[p->n_lasers++] = laser;
		}
	}
	/* every lane claiming a port is in it */
	for (i = 0; i < cdev->n_lanes; i++) {
		struct cpo_lane *l = &cdev->lane[i];

		if (l->port == CPO_HW_NONE)
			continue;
		if (l->port_lane >= cdev->port[l->port].n_lanes ||
		    cdev->port[l->port].lane[l->port_lane] != i) {
			cpo_topo_err(cdev, "lane", i, "not in port%u's lanes",
				     l->port);
			return -EINVAL;
		}
	}

	t = cdev->shm + readl(id + offsetof(struct cpo_hw_ident, els_table_off));
	for (i = 0; i < cdev->n_els; i++) {
		struct cpo_hw_els e;
		struct cpo_els *s = &cdev->els[i];

		memcpy_fromio(&e, t + i * sizeof(e), sizeof(e));
		s->cdev = cdev;
		s->index = i;
		s->first_laser = le16_to_cpu(e.first_laser);
		s->n_lasers = e.n_lasers;
		s->wavelength_pm = le32_to_cpu(e.wavelength_pm);
		if ((u32)s->first_laser + s->n_lasers > cdev->n_lasers) {
			cpo_topo_err(cdev, "els", i, "lasers %u+%u beyond %u",
				     s->first_laser, s->n_lasers,
				     cdev->n_lasers);
			return -EINVAL;
		}
	}

	t = cdev->shm + readl(id + offsetof(struct cpo_hw_ident, laser_table_off));
	for (i = 0; i < cdev->n_lasers; i++) {
		struct cpo_hw_laser e;
		struct cpo_laser *la = &cdev->laser[i];

		memcpy_fromio(&e, t + i * sizeof(e), sizeof(e));
		la->cdev = cdev;
		la->index = i;
		la->els = le16_to_cpu(e.els);
		la->els_index = e.els_index;
		la->n_lanes = e.n_lanes;
		la->spare = le16_to_cpu(e.flags) & CPO_HW_F_SPARE;
		la->out_of_service = le16_to_cpu(e.flags) &
				     CPO_HW_F_OUT_OF_SERVICE;
		if (la->els >= cdev->n_els) {
			cpo_topo_err(cdev, "laser", i, "els %u out of range",
				     la->els);
			return -EINVAL;
		}
		if (la->els_index >= cdev->els[la->els].n_lasers ||
		    cdev->els[la->els].first_laser + la->els_index != i) {
			cpo_topo_err(cdev, "laser", i,
				     "els_index %u does not match els%u",
				     la->els_index, la->els);
			return -EINVAL;
		}
		if (la->n_lanes > CPO_HW_LANES_PER_LASER) {
			cpo_topo_err(cdev, "laser", i, "%u lanes invalid",
				     la->n_lanes);
			return -EINVAL;
		}
		for (j = 0; j < la->n_lanes; j++) {
			u16 ln = le16_to_cpu(e.lane[j]);
			unsigned int k;

			if (ln >= cdev->n_lanes || cdev->lane[ln].laser != i) {
				cpo_topo_err(cdev, "laser", i,
					     "lane[%u] = %u does not point back",
					     j, ln);
				return -EINVAL;
			}
			for (k = 0; k < j && la->lane[k] != ln; k++)
				;
			if (k < j) {
				cpo_topo_err(cdev, "laser", i,
					     "lane[%u] = %u listed twice", j, ln);
				return -EINVAL;
			}
			la->lane[j] = ln;
		}
	}
	/*
	 * every lane claiming a laser is in its lanes: a laser's lanes and
	 * a port's lasers then say the same, whichever way they are read
	 */
	for (i = 0; i < cdev->n_lanes; i++) {
		const struct cpo_laser *la;
		unsigned int k;

		if (cdev->lane[i].laser == CPO_HW_NONE)
			continue;
		la = &cdev->laser[cdev->lane[i].laser];
		for (k = 0; k < la->n_lanes && la->lane[k] != i; k++)
			;
		if (k == la->n_lanes) {
			cpo_topo_err(cdev, "lane", i, "not in laser%u's lanes",
				     la->index);
			return -EINVAL;
		}
	}
	return 0;
}

int cpo_topology_read(struct cpo_dev *cdev)
{
	int err;

	cdev->topo_gen = readl(cdev->shm + offsetof(struct cpo_hw_ident,
						    topo_generation));
	cdev->topo_bad_gen = cdev->topo_gen;
	err = cpo_topo_counts(cdev);
	if (err)
		return err;
	err = cpo_topo_regions(cdev);
	if (err)
		return err;
	err = cpo_topo_alloc(cdev);
	if (err)
		return err;
	return cpo_topo_tables(cdev);
}

/* ---- laser failover: the laser assignment changes ---- */

/* The tables a failover changes, as the device republished them. */
struct cpo_topo_new {
	u16 *lane_laser;		/* [n_lanes] */
	u16 *lane_oe;			/* [n_lanes] */
	u16 *port_oe;			/* [n_ports] */
	struct cpo_hw_laser *laser;	/* [n_lasers], as read */
	struct cpo_hw_oe *oe;		/* [n_oe], as read */
};

/*
 * The engines' part of a republished assignment: an engine failover
 * exchanges two engines' lane ranges.  Every engine keeps its lane count
 * and holds, whole, a range whose lanes name it at their unchanged
 * oe_lane; a port is on the engine of its lanes.  Return: NULL or what
 * is wrong.
 */
static const char *cpo_topo_new_oe_check(struct cpo_dev *cdev,
					 const struct cpo_topo_new *t)
{
	unsigned int i, j;

	for (i = 0; i < cdev->n_oe; i++) {
		const struct cpo_hw_oe *e = &t->oe[i];
		u32 first = le16_to_cpu(e->first_lane);
		u16 flags = le16_to_cpu(e->flags);

		if (le16_to_cpu(e->n_lanes) != cdev->oe[i].n_lanes)
			return "an engine's lane count changed";
		if (first + cdev->oe[i].n_lanes > cdev->n_lanes)
			return "an engine's lanes out of range";
		if (!(cdev->caps & CPO_HW_CAP_OE_FAILOVER) &&
		    (first != cdev->oe[i].first_lane ||
		     cdev->oe[i].spare != !!(flags & CPO_HW_F_SPARE) ||
		     cdev->oe[i].out_of_service !=
		     !!(flags & CPO_HW_F_OUT_OF_SERVICE)))
			return "an engine moved on a device without engine failover";
		if (cdev->oe[i].out_of_service &&
		    !(flags & CPO_HW_F_OUT_OF_SERVICE))
			return "an engine came back into service";
		if (!cdev->oe[i].spare && (flags & CPO_HW_F_SPARE))
			return "an engine became a spare";
		for (j = 0; j < cdev->oe[i].n_lanes; j++)
			if (t->lane_oe[first + j] != i)
				return "an engine's lane names another engine";
	}
	for (i = 0; i < cdev->n_lanes; i++) {
		u16 oe = t->lane_oe[i];

		if (oe >= cdev->n_oe)
			return "a lane's engine out of range";
		if (le16_to_cpu(t->oe[oe].first_lane) + cdev->lane[i].oe_lane != i)
			return "a lane not at its place in its engine";
	}
	for (i = 0; i < cdev->n_ports; i++) {
		const struct cpo_port *p = &cdev->port[i];

		for (j = 0; j < p->n_lanes; j++)
			if (t->lane_oe[p->lane[j]] != t->port_oe[i])
				return "a port not on the engine of its lanes";
	}
	return NULL;
}

/*
 * Check a republished assignment against what a failover may change:
 * the engines' ranges (cpo_topo_new_oe_check()), and lasers moving
 * between lanes within a slot; a lane without a laser gets none, a lane
 * keeps its port (not re-read).  Then the same cross-checks as at probe.
 * Return: NULL or what is wrong.
 */
static const char *cpo_topo_new_check(struct cpo_dev *cdev,
				      const struct cpo_topo_new *t)
{
	unsigned int i, j, k, fed = 0, claimed = 0;
	const char *why = cpo_topo_new_oe_check(cdev, t);

	if (why)
		return why;

	for (i = 0; i < cdev->n_lasers; i++) {
		const struct cpo_hw_laser *e = &t->laser[i];
		const struct cpo_laser *la = &cdev->laser[i];

		if (le16_to_cpu(e->els) != la->els || e->els_index != la->els_index)
			return "a laser changed slot";
		if (e->n_lanes > CPO_HW_LANES_PER_LASER)
			return "a laser feeds too many lanes";
		for (j = 0; j < e->n_lanes; j++) {
			u16 ln = le16_to_cpu(e->lane[j]);

			if (ln >= cdev->n_lanes || t->lane_laser[ln] != i)
				return "a laser's lane does not point back";
			for (k = 0; k < j; k++)
				if (le16_to_cpu(e->lane[k]) == ln)
					return "a lane listed twice";
		}
		fed += e->n_lanes;
	}
	for (i = 0; i < cdev->n_lanes; i++) {
		u16 old = cdev->lane[i].laser, new = t->lane_laser[i];

		if ((old == CPO_HW_NONE) != (new == CPO_HW_NONE))
			return "a lane gained or lost its laser";
		if (new == CPO_HW_NONE)
			continue;
		if (new >= cdev->n_lasers)
			return "a lane's laser out of range";
		if (old < cdev->n_lasers &&
		    cdev->laser[new].els != cdev->laser[old].els)
			return "a lane moved to a laser of another slot";
		claimed++;
	}
	/* every lane points at a laser listing it: the counts say the rest */
	return fed == claimed ? NULL : "a lane not in its laser's lanes";
}

static bool cpo_topo_laser_changed(const struct cpo_laser *la,
				   const struct cpo_hw_laser *e)
{
	u16 flags = le16_to_cpu(e->flags);
	unsigned int j;

	if (la->n_lanes != e->n_lanes ||
	    la->spare != !!(flags & CPO_HW_F_SPARE) ||
	    la->out_of_service != !!(flags & CPO_HW_F_OUT_OF_SERVICE))
		return true;
	for (j = 0; j < e->n_lanes; j++)
		if (la->lane[j] != le16_to_cpu(e->lane[j]))
			return true;
	return false;
}

/* the distinct lasers of a port's lanes, again; under cdev->lock */
static void cpo_port_lasers_update(struct cpo_dev *cdev, struct cpo_port *p)
{
	u16 lasers[CPO_HW_LANES_PER_PORT];
	unsigned int j, k, n = 0;

	for (j = 0; j < p->n_lanes; j++) {
		u16 laser = cpo_lane_laser(cdev, p->lane[j]);

		if (laser == CPO_HW_NONE)
			continue;
		for (k = 0; k < n && lasers[k] != laser; k++)
			;
		if (k == n)
			lasers[n++] = laser;
	}
	for (k = 0; k < n; k++)
		WRITE_ONCE(p->laser[k], lasers[k]);
	WRITE_ONCE(p->n_lasers, n);
}

/*
 * Take a checked assignment: under cdev->lock.  @changed: scratch, a bit
 * per laser.  Return: the number of lasers changed.
 */
static unsigned int cpo_topo_new_take(struct cpo_dev *cdev,
				      const struct cpo_topo_new *t,
				      unsigned long *changed)
{
	unsigned int i, j, n = 0;

	lockdep_assert_held(&cdev->lock);
	/* the links of the lasers that change go, with the old lanes */
	for (i = 0; i < cdev->n_lasers; i++) {
		if (!cpo_topo_laser_changed(&cdev->laser[i], &t->laser[i]))
			continue;
		__set_bit(i, changed);
		n++;
		if (cdev->laser[i].registered)
			cpo_sysfs_laser_port_links_del(&cdev->laser[i]);
	}
	for (i = 0; i < cdev->n_lanes; i++)
		WRITE_ONCE(cdev->lane[i].laser, t->lane_laser[i]);
	for_each_set_bit(i, changed, cdev->n_lasers) {
		struct cpo_laser *la = &cdev->laser[i];
		const struct cpo_hw_laser *e = &t->laser[i];
		u16 flags = le16_to_cpu(e->flags);

		/* readers see at most n_lanes valid entries, old or new */
		WRITE_ONCE(la->n_lanes, min(la->n_lanes, e->n_lanes));
		for (j = 0; j < CPO_HW_LANES_PER_LASER; j++)
			WRITE_ONCE(la->lane[j], j < e->n_lanes ?
				   le16_to_cpu(e->lane[j]) : CPO_HW_NONE);
		WRITE_ONCE(la->n_lanes, e->n_lanes);
		WRITE_ONCE(la->spare, !!(flags & CPO_HW_F_SPARE));
		WRITE_ONCE(la->out_of_service,
			   !!(flags & CPO_HW_F_OUT_OF_SERVICE));
	}
	for (i = 0; i < cdev->n_ports; i++)
		cpo_port_lasers_update(cdev, &cdev->port[i]);
	/* and come back with the new ones */
	for_each_set_bit(i, changed, cdev->n_lasers)
		if (cdev->laser[i].registered)
			cpo_sysfs_laser_port_links_add(&cdev->laser[i]);
	return n;
}

/*
 * The engines' part: under cdev->lock, after the check.  A reader sees
 * each engine's old range or its new one, both valid, and the same lane
 * count.  Return: the number of engines changed.
 */
static unsigned int cpo_topo_new_take_oe(struct cpo_dev *cdev,
					 const struct cpo_topo_new *t)
{
	unsigned int i, n = 0;

	lockdep_assert_held(&cdev->lock);
	for (i = 0; i < cdev->n_oe; i++) {
		struct cpo_oe *oe = &cdev->oe[i];
		u16 flags = le16_to_cpu(t->oe[i].flags);
		u16 first = le16_to_cpu(t->oe[i].first_lane);

		if (oe->first_lane == first &&
		    oe->spare == !!(flags & CPO_HW_F_SPARE) &&
		    oe->out_of_service == !!(flags & CPO_HW_F_OUT_OF_SERVICE))
			continue;
		n++;
		WRITE_ONCE(oe->first_lane, first);
		WRITE_ONCE(oe->spare, !!(flags & CPO_HW_F_SPARE));
		WRITE_ONCE(oe->out_of_service,
			   !!(flags & CPO_HW_F_OUT_OF_SERVICE));
	}
	for (i = 0; i < cdev->n_lanes; i++)
		WRITE_ONCE(cdev->lane[i].oe, t->lane_oe[i]);
	for (i = 0; i < cdev->n_ports; i++) {
		struct cpo_port *p = &cdev->port[i];

		if (p->oe == t->port_oe[i])
			continue;
		if (cdev->links_added)
			cpo_sysfs_port_oe_link_del(p);
		WRITE_ONCE(p->oe, t->port_oe[i]);
		if (cdev->links_added)
			cpo_sysfs_port_oe_link_add(p);
	}
	return n;
}

static int __cpo_topology_reload(struct cpo_dev *cdev, bool force)
{
	void __iomem *id = cdev->shm;
	void __iomem *lt, *at, *ot, *pt;
	struct cpo_topo_new t;
	unsigned long *bits;
	const char *why;
	unsigned int i, changed, tries;
	unsigned int changed_oe;
	u32 gen, again;
	int err = 0;

	if (cpo_dev_failed(cdev) ||
	    !(cdev->caps & (CPO_HW_CAP_FAILOVER | CPO_HW_CAP_OE_FAILOVER)))
		return 0;
	gen = readl(id + offsetof(struct cpo_hw_ident, topo_generation));
	if (!force && gen == READ_ONCE(cdev->topo_gen))
		return 0;
	memset(&t, 0, sizeof(t));
	t.lane_laser = kvcalloc(cdev->n_lanes, sizeof(*t.lane_laser),
				GFP_KERNEL);
	t.lane_oe = kvcalloc(cdev->n_lanes, sizeof(*t.lane_oe), GFP_KERNEL);
	t.port_oe = kvcalloc(cdev->n_ports, sizeof(*t.port_oe), GFP_KERNEL);
	t.laser = kvcalloc(cdev->n_lasers, sizeof(*t.laser), GFP_KERNEL);
	t.oe = kvcalloc(cdev->n_oe, sizeof(*t.oe), GFP_KERNEL);
	bits = bitmap_zalloc(cdev->n_lasers, GFP_KERNEL);
	if (!t.lane_laser || !t.lane_oe || !t.port_oe || !t.laser || !t.oe ||
	    !bits) {
		err = -ENOMEM;
		goto out_free;
	}
	/* the tables were validated at probe: their offsets stay good */
	lt = cdev->shm + readl(id + offsetof(struct cpo_hw_ident,
					     lane_table_off));
	at = cdev->shm + readl(id + offsetof(struct cpo_hw_ident,
					     laser_table_off));
	ot = cdev->shm + readl(id + offsetof(struct cpo_hw_ident,
					     oe_table_off));
	pt = cdev->shm + readl(id + offsetof(struct cpo_hw_ident,
					     port_table_off));
	if (lt != cdev->shm + cdev->lane_table_off ||
	    at != cdev->shm + cdev->laser_table_off ||
	    ot != cdev->shm + cdev->oe_table_off ||
	    pt != cdev->shm + cdev->port_table_off) {
		why = "table offsets moved";
		goto refuse;
	}
	/*
	 * The tables are read after the generation that announced them, and
	 * taken only if it did not move meanwhile (a failover in progress).
	 */
	for (tries = 0;; tries++) {
		/* the tables after the generation read */
		rmb();
		for (i = 0; i < cdev->n_lanes; i++) {
			void __iomem *e = lt + i * sizeof(struct cpo_hw_lane);

			t.lane_laser[i] = readw(e + offsetof(struct cpo_hw_lane,
							     laser));
			t.lane_oe[i] = readw(e + offsetof(struct cpo_hw_lane, oe));
		}
		for (i = 0; i < cdev->n_ports; i++)
			t.port_oe[i] = readw(pt + i * sizeof(struct cpo_hw_port) +
					     offsetof(struct cpo_hw_port, oe));
		memcpy_fromio(t.laser, at, cdev->n_lasers * sizeof(*t.laser));
		memcpy_fromio(t.oe, ot, cdev->n_oe * sizeof(*t.oe));
		/* the generation again, after the tables */
		rmb();
		again = readl(id + offsetof(struct cpo_hw_ident, topo_generation));
		if (again == gen)
			break;
		if (tries == CPO_TELEM_TRIES) {
			why = "the tables kept changing";
			goto refuse;
		}
		gen = again;
	}

	mutex_lock(&cdev->lock);
	why = cpo_topo_new_check(cdev, &t);
	if (why) {
		mutex_unlock(&cdev->lock);
		goto refuse;
	}
	changed_oe = cpo_topo_new_take_oe(cdev, &t);
	changed = cpo_topo_new_take(cdev, &t, bits);
	WRITE_ONCE(cdev->topo_gen, gen);
	mutex_unlock(&cdev->lock);
	if (changed_oe)
		dev_info_ratelimited(&cdev->dev,
				     "topology generation %u: %u lasers and %u engines changed\n",
				     gen, changed, changed_oe);
	else if (changed)
		dev_info_ratelimited(&cdev->dev,
				     "topology generation %u: %u lasers changed\n",
				     gen, changed);
	err = changed + changed_oe;
	goto out_free;

refuse:
	if (gen != READ_ONCE(cdev->topo_bad_gen)) {
		WRITE_ONCE(cdev->topo_bad_gen, gen);
		dev_warn_ratelimited(&cdev->dev,
				     "topology generation %u refused (%s): keeping the topology as it was\n",
				     gen, why);
	}
	err = -EINVAL;
out_free:
	bitmap_free(bits);
	kvfree(t.oe);
	kvfree(t.laser);
	kvfree(t.port_oe);
	kvfree(t.lane_oe);
	kvfree(t.lane_laser);
	return err;
}

/**
 * cpo_topology_reload() - follow the device's laser assignment
 * @cdev: the device
 * @force: re-read even when ident.topo_generation did not move
 *
 * After a laser failover the device republishes the laser table and the
 * lanes' lasers and moves topo_generation.  The new assignment is read
 * whole, checked (cpo_topo_new_check()) and only then taken, under
 * cdev->lock, with the sysfs links of the lasers that changed; every
 * interface derives its topology from it (cpo_lane_laser(), the ports'
 * lasers).  A refused assignment leaves the old one and says so once per
 * generation.  One reload runs at a time (cdev->topo_lock): the event
 * work, a failover request and the health reporter's recovery may race.
 *
 * Return: the number of lasers whose lanes changed, or a negative errno.
 */
int cpo_topology_reload(struct cpo_dev *cdev, bool force)
{
	int ret;

	mutex_lock(&cdev->topo_lock);
	ret = __cpo_topology_reload(cdev, force);
	mutex_unlock(&cdev->topo_lock);
	return ret;
}

/*
 * After a failover the device carried out: the spare it answered (of @n
 * objects; CPO_HW_NONE when the answer is short or out of range), logged
 * as "<kind>N failed over to <kind>M", and the new tables followed.
 */
static u16 cpo_failover_done(struct cpo_dev *cdev, const char *kind, u16 obj,
			     __le16 resp, size_t len, unsigned int n)
{
	u16 used = le16_to_cpu(resp);

	cpo_telem_invalidate(cdev);
	if (len < sizeof(resp) || used >= n) {
		dev_warn(&cdev->dev, "%s%u: failover answered spare %u\n",
			 kind, obj, used);
		used = CPO_HW_NONE;
	} else {
		dev_info(&cdev->dev, "%s%u failed over to spare %s%u: out of service\n",
			 kind, obj, kind, used);
	}
	cpo_topology_reload(cdev, false);
	return used;
}

/**
 * cpo_laser_failover() - move a laser's lanes to a spare of its slot
 * @cdev: the device
 * @laser: the laser
 * @spare: the spare, or CPO_HW_NONE for the slot's first usable one
 * @used: the spare the device used
 * @why: what a refusal broke, for the user; NULL for a device error
 *
 * Checks what the driver knows (a laser in service, a spare of the slot),
 * asks the device, then follows its new assignment before returning, so
 * that the caller's next read shows it.
 *
 * Return: 0, -EOPNOTSUPP (no failover on this device), -EINVAL (refused,
 * *why says why: also for a laser switched off), -ENOSPC (no spare left),
 * -EBUSY (slot not on, or a removal of it pending), -ENODEV (slot empty)
 * or another negative errno.
 */
int cpo_laser_failover(struct cpo_dev *cdev, u16 laser, u16 spare, u16 *used,
		       const char **why)
{
	struct cpo_hw_arg_failover a = {
		.laser = cpu_to_le16(laser),
		.spare = cpu_to_le16(spare),
	};
	const struct cpo_laser *la;
	__le16 resp = 0;
	size_t len = 0;
	unsigned int i;
	bool off;
	int err;

	*why = NULL;
	if (!(cdev->caps & CPO_HW_CAP_FAILOVER) || !cdev->n_lasers) {
		*why = "this device has no laser failover";
		return -EOPNOTSUPP;
	}
	if (laser >= cdev->n_lasers) {
		*why = "no such laser";
		return -EINVAL;
	}
	la = &cdev->laser[laser];
	if (READ_ONCE(la->out_of_service)) {
		*why = "the laser is out of service: it was replaced by a spare";
		return -EINVAL;
	}
	if (READ_ONCE(la->spare) || !READ_ONCE(la->n_lanes)) {
		*why = "the laser is a spare: it feeds no lane";
		return -EINVAL;
	}
	if (cpo_els_removal_pending(cdev, la->els)) {
		*why = "a removal of the laser's ELSFP slot is pending";
		return -EBUSY;
	}
	err = cpo_telem_lock(cdev);
	if (err)
		return err;
	off = cdev->snap.valid && !cdev->snap.laser[laser].enabled;
	cpo_telem_unlock(cdev);
	if (off) {
		/* a spare would light what the operator switched off */
		*why = "the laser is switched off (laser remove or laser set): switch it on first";
		return -EINVAL;
	}
	if (spare != CPO_HW_NONE) {
		if (spare >= cdev->n_lasers) {
			*why = "no such spare laser";
			return -EINVAL;
		}
		if (cdev->laser[spare].els != la->els) {
			*why = "the spare is not in the laser's ELSFP slot";
			return -EINVAL;
		}
		if (!READ_ONCE(cdev->laser[spare].spare)) {
			*why = "that laser is not a spare (in service or out of service)";
			return -EINVAL;
		}
	} else {
		const struct cpo_els *s = &cdev->els[la->els];

		for (i = 0; i < s->n_lasers; i++)
			if (READ_ONCE(cdev->laser[s->first_laser + i].spare))
				break;
		if (i == s->n_lasers) {
			*why = "no spare laser left in the slot";
			return -ENOSPC;
		}
	}
	err = cpo_mbox_exec(cdev, CPO_HW_CMD_LASER_FAILOVER, &a, sizeof(a),
			    &resp, sizeof(resp), &len);
	switch (err) {
	case 0:
		break;
	case -ENOSPC:
		*why = "no usable spare laser left in the slot";
		return err;
	case -EBUSY:
		*why = "the laser's ELSFP slot is not on (being inserted, serviced or removed)";
		return err;
	case -ENODEV:
		*why = "the laser's ELSFP slot is empty";
		return err;
	case -EINVAL:
		*why = "the device refused the laser or the spare";
		return err;
	default:
		return err;
	}
	*used = cpo_failover_done(cdev, "laser ", laser, resp, len,
				  cdev->n_lasers);
	return 0;
}

/**
 * cpo_oe_failover() - move an optical engine's lanes to a spare engine
 * @cdev: the device
 * @oe: the engine
 * @spare: the spare engine, or CPO_HW_NONE for the first usable one
 * @used: the spare the device used
 * @why: what a refusal broke, for the user; NULL for a device error
 *
 * Checks what the driver knows (an engine in service, a spare engine of
 * the same lane count), asks the device (CPO_HW_CMD_OE_FAILOVER), then
 * follows its new assignment before returning: the spare serves the
 * engine's lanes and ports, the engine is out of service for good.
 *
 * Return: 0, -EOPNOTSUPP (no spare engines on this device), -EINVAL
 * (refused, *why says why), -ENOSPC (no spare engine left) or another
 * negative errno.
 */
int cpo_oe_failover(struct cpo_dev *cdev, u16 oe, u16 spare, u16 *used,
		    const char **why)
{
	struct cpo_hw_arg_oe_failover a = {
		.oe = cpu_to_le16(oe),
		.spare = cpu_to_le16(spare),
	};
	const struct cpo_oe *o;
	__le16 resp = 0;
	size_t len = 0;
	unsigned int i;
	int err;

	*why = NULL;
	if (!(cdev->caps & CPO_HW_CAP_OE_FAILOVER)) {
		*why = "this device has no spare engines to fail over to";
		return -EOPNOTSUPP;
	}
	if (oe >= cdev->n_oe) {
		*why = "no such engine";
		return -EINVAL;
	}
	o = &cdev->oe[oe];
	if (READ_ONCE(o->out_of_service)) {
		*why = "the engine is out of service: it was replaced by a spare";
		return -EINVAL;
	}
	if (READ_ONCE(o->spare)) {
		*why = "the engine is a spare: it serves no lane";
		return -EINVAL;
	}
	if (spare != CPO_HW_NONE) {
		if (spare >= cdev->n_oe) {
			*why = "no such spare engine";
			return -EINVAL;
		}
		if (!READ_ONCE(cdev->oe[spare].spare)) {
			*why = "that engine is not a spare (in service or out of service)";
			return -EINVAL;
		}
		if (cdev->oe[spare].n_lanes != o->n_lanes) {
			*why = "the spare engine has another number of lanes";
			return -EINVAL;
		}
	} else {
		for (i = 0; i < cdev->n_oe; i++)
			if (READ_ONCE(cdev->oe[i].spare) &&
			    cdev->oe[i].n_lanes == o->n_lanes)
				break;
		if (i == cdev->n_oe) {
			*why = "no spare engine left";
			return -ENOSPC;
		}
	}
	err = cpo_mbox_exec(cdev, CPO_HW_CMD_OE_FAILOVER, &a, sizeof(a),
			    &resp, sizeof(resp), &len);
	switch (err) {
	case 0:
		break;
	case -ENOSPC:
		*why = "no usable spare engine left";
		return err;
	case -EINVAL:
		*why = "the device refused the engine or the spare";
		return err;
	default:
		return err;
	}
	*used = cpo_failover_done(cdev, "oe", oe, resp, len, cdev->n_oe);
	return 0;
}

/* ---- thresholds ---- */

/*
 * A set the device publishes is taken only if it obeys the rules a user's
 * set obeys (cpo_thresh_check()).  Otherwise the last good set is kept
 * (at probe, with none yet, the thresholds are unknown: no interface
 * shows a value, and only a whole set of four can be written; the cache
 * holds the quantity's whole range meanwhile, so nothing raises an alarm)
 * and one line says so, when the quantity's set turns bad.  Under
 * cdev->lock.
 */
static void cpo_thresh_take(struct cpo_dev *cdev, unsigned int q,
			    const struct cpo_thresh *t)
{
	enum cpo_thresh_field f;
	struct cpo_range r;
	const char *why;

	lockdep_assert_held(&cdev->lock);
	if (!cpo_thresh_check(cdev, q, t, &why, &f)) {
		cdev->thresh[q] = *t;
		__clear_bit(q, &cdev->thresh_refused);
		__set_bit(q, &cdev->thresh_good);
		return;
	}
	cdev->thresh_refusals++;
	if (!test_bit(q, &cdev->thresh_good)) {
		r = cpo_quantity_range(cdev, q);
		cdev->thresh[q].low_alarm = r.min;
		cdev->thresh[q].low_warn = r.min;
		cdev->thresh[q].high_warn = r.max;
		cdev->thresh[q].high_alarm = r.max;
	}
	if (__test_and_set_bit(q, &cdev->thresh_refused))
		return;
	dev_warn(&cdev->pdev->dev,
		 "thresholds: %s from the device refused (high alarm %d, low alarm %d, high warning %d, low warning %d): %s; keeping %s\n",
		 cpo_quantity_str(q), t->high_alarm, t->low_alarm,
		 t->high_warn, t->low_warn, why,
		 test_bit(q, &cdev->thresh_good) ? "the last good set" :
						   "none (thresholds unknown)");
}

/**
 * cpo_read_thresholds() - take the device's threshold sets into the cache
 * @cdev: the device
 *
 * Each set is validated as a user's set is; a bad one is refused and the
 * last good one kept (cpo_thresh_take()).
 *
 * Return: 0, or -EIO when the device has failed.
 */
int cpo_read_thresholds(struct cpo_dev *cdev)
{
	struct cpo_hw_thresh t[CPO_HW_Q_MAX];
	struct cpo_thresh v;
	unsigned int q;

	if (cpo_dev_failed(cdev))
		return -EIO;
	memcpy_fromio(t, cdev->shm + cdev->thresh_off, sizeof(t));
	mutex_lock(&cdev->lock);
	for (q = 0; q < CPO_HW_Q_MAX; q++) {
		v.high_alarm = (s32)le32_to_cpu(t[q].high_alarm);
		v.low_alarm = (s32)le32_to_cpu(t[q].low_alarm);
		v.high_warn = (s32)le32_to_cpu(t[q].high_warn);
		v.low_warn = (s32)le32_to_cpu(t[q].low_warn);
		cpo_thresh_take(cdev, q, &v);
	}
	mutex_unlock(&cdev->lock);
	cpo_thermal_thresh_changed(cdev);
	return 0;
}

/* ---- commands: the object model's settings through the mailbox ---- */

/**
 * cpo_cmd_set() - run a mailbox command that changes a setting
 * @cdev: the device
 * @op: the command (CPO_HW_CMD_*)
 * @args: its arguments, device order
 * @arg_len: their length
 *
 * The device publishes telemetry that shows the new setting before it
 * completes the command, so the next reader is sent to the device rather
 * than to the copy taken before.
 *
 * Return: 0 or a negative errno.
 */
int cpo_cmd_set(struct cpo_dev *cdev, u16 op, const void *args,
			size_t arg_len)
{
	int err;

	err = cpo_mbox_exec(cdev, op, args, arg_len, NULL, 0, NULL);
	if (!err)
		cpo_telem_invalidate(cdev);
	return err;
}

static int cpo_cmd_obj_u8(struct cpo_dev *cdev, u16 op, u16 index, u8 val)
{
	struct cpo_hw_arg_obj_u8 a = {
		.index = cpu_to_le16(index),
		.value = val,
	};

	return cpo_cmd_set(cdev, op, &a, sizeof(a));
}

int cpo_laser_enable(struct cpo_dev *cdev, u16 laser, bool enable)
{
	if (laser >= cdev->n_lasers)
		return -EINVAL;
	/* replaced by a spare: the device refuses, say so first */
	if (enable && READ_ONCE(cdev->laser[laser].out_of_service))
		return -EINVAL;
	return cpo_cmd_obj_u8(cdev, CPO_HW_CMD_LASER_ENABLE, laser, enable);
}

int cpo_laser_set_power(struct cpo_dev *cdev, u16 laser, u32 microwatt,
			const char **why)
{
	struct cpo_hw_arg_laser_power a = {
		.laser = cpu_to_le16(laser),
		.microwatt = cpu_to_le32(microwatt),
	};
	int err;

	*why = NULL;
	if (laser >= cdev->n_lasers)
		return -EINVAL;
	err = cpo_setpoint_check(cdev, laser, microwatt, why);
	if (err)
		return err;
	return cpo_cmd_set(cdev, CPO_HW_CMD_LASER_SET_POWER, &a, sizeof(a));
}

int cpo_lane_enable(struct cpo_dev *cdev, u16 lane, bool enable)
{
	if (lane >= cdev->n_lanes)
		return -EINVAL;
	return cpo_cmd_obj_u8(cdev, CPO_HW_CMD_LANE_ENABLE, lane, enable);
}

int cpo_set_thresh(struct cpo_dev *cdev, u16 quantity,
		   const struct cpo_thresh *t)
{
	struct cpo_hw_arg_thresh a = {
		.quantity = cpu_to_le16(quantity),
		.t.high_alarm = cpu_to_le32(t->high_alarm),
		.t.low_alarm = cpu_to_le32(t->low_alarm),
		.t.high_warn = cpu_to_le32(t->high_warn),
		.t.low_warn = cpu_to_le32(t->low_warn),
	};
	enum cpo_thresh_field f;
	const char *why;
	int err;

	/* the rules of every set, whichever path it comes from */
	err = cpo_thresh_check(cdev, quantity, t, &why, &f);
	if (err)
		return err;
	err = cpo_cmd_set(cdev, CPO_HW_CMD_SET_THRESH, &a, sizeof(a));
	if (err)
		return err;
	/* the host's copy, which hwmon limits, thermal trips and netlink read */
	mutex_lock(&cdev->lock);
	cdev->thresh[quantity] = *t;
	__clear_bit(quantity, &cdev->thresh_refused);
	__set_bit(quantity, &cdev->thresh_good);
	mutex_unlock(&cdev->lock);
	/* the trips of the thermal zones */
	if (quantity == CPO_HW_Q_OE_TEMP || quantity == CPO_HW_Q_ELS_TEMP)
		cpo_thermal_thresh_changed(cdev);
	return 0;
}

int cpo_port_set_low_power(struct cpo_dev *cdev, u16 port, bool low)
{
	if (port >= cdev->n_ports)
		return -EINVAL;
	return cpo_cmd_obj_u8(cdev, CPO_HW_CMD_PORT_LOW_POWER, port, low);
}

static bool cpo_cmis_index_ok(const struct cpo_dev *cdev, u8 kind, u16 index)
{
	switch (kind) {
	case CPO_HW_CMIS_ELS:
		return index < cdev->n_els;
	case CPO_HW_CMIS_PORT:
		return index < cdev->n_ports;
	case CPO_HW_CMIS_OE:
		return index < cdev->n_oe;
	default:
		return false;
	}
}

int cpo_cmis_read(struct cpo_dev *cdev, u8 kind, u16 index, u8 bank,
		  u8 page, u8 offset, u16 len, u8 *buf)
{
	struct cpo_hw_cmis_req r = {
		.kind = kind,
		.bank = bank,
		.page = page,
		.offset = offset,
		.index = cpu_to_le16(index),
		.len = cpu_to_le16(len),
	};
	size_t got = 0;
	int err;

	if (cpo_cmis_page_check(bank, page) ||
	    cpo_cmis_span_check(offset, len, CPO_CMIS_HALF) ||
	    !cpo_cmis_index_ok(cdev, kind, index))
		return -EINVAL;
	if (!(cdev->caps & CPO_HW_CAP_CMIS))
		return -EOPNOTSUPP;
	err = cpo_mbox_exec(cdev, CPO_HW_CMD_CMIS_READ, &r, sizeof(r),
			    buf, len, &got);
	if (err)
		return err;
	if (got != len)
		return -EIO;
	return 0;
}

/**
 * cpo_cmis_write() - write bytes of an engine's or ELSFP's CMIS image
 * @cdev: the device
 * @kind: CPO_HW_CMIS_OE or CPO_HW_CMIS_ELS
 * @index: the engine or slot
 * @bank: the bank
 * @page: the upper page
 * @offset: the first byte in the 256-byte page view
 * @len: 1..CPO_HW_CMIS_WRITE_MAX bytes, within the lower or the upper page
 * @buf: the bytes
 *
 * The driver's rules come first (cpo_cmis_write_check(): the rules the
 * other interfaces' settings obey); the device checks every byte and
 * value again and changes nothing when one is refused; the telemetry copy
 * is dropped after a write that changed state.
 *
 * Return: 0; -EPERM for a byte the host may not write, -EINVAL for a value
 * refused, -ERANGE for a setpoint out of its range, or another negative
 * errno of the mailbox.
 */
int cpo_cmis_write(struct cpo_dev *cdev, u8 kind, u16 index, u8 bank,
		   u8 page, u8 offset, u16 len, const u8 *buf)
{
	struct {
		struct cpo_hw_cmis_req r;
		u8 data[CPO_HW_CMIS_WRITE_MAX];
	} __packed a = {
		.r = {
			.kind = kind,
			.bank = bank,
			.page = page,
			.offset = offset,
			.index = cpu_to_le16(index),
			.len = cpu_to_le16(len),
		},
	};
	int err;

	if (cpo_cmis_page_check(bank, page) ||
	    cpo_cmis_span_check(offset, len, CPO_HW_CMIS_WRITE_MAX) ||
	    kind == CPO_HW_CMIS_PORT || !cpo_cmis_index_ok(cdev, kind, index))
		return -EINVAL;
	if (!(cdev->caps & CPO_HW_CAP_CMIS))
		return -EOPNOTSUPP;
	err = cpo_cmis_write_check(cdev, kind, index, bank, page, offset, len,
				   buf);
	if (err)
		return err;
	memcpy(a.data, buf, len);
	return cpo_cmd_set(cdev, CPO_HW_CMD_CMIS_WRITE, &a, sizeof(a.r) + len);
}

/* ---- topology derived from the tables ---- */

/**
 * cpo_laser_ports() - the ports a laser feeds: its blast radius
 * @cdev: the device
 * @laser: the laser
 * @ports: filled with the distinct ports, in the order of its lanes
 *
 * Return: the number of ports, 0 for no such laser.
 */
unsigned int cpo_laser_ports(const struct cpo_dev *cdev, u16 laser,
			     u16 ports[CPO_HW_LANES_PER_LASER])
{
	const struct cpo_laser *la;
	unsigned int i, j, n = 0;

	if (laser >= cdev->n_lasers)
		return 0;
	la = &cdev->laser[laser];
	for (i = 0; i < la->n_lanes && i < CPO_HW_LANES_PER_LASER; i++) {
		u16 lane = la->lane[i], p;

		if (lane >= cdev->n_lanes)
			continue;
		p = cdev->lane[lane].port;
		if (p >= cdev->n_ports)
			continue;
		for (j = 0; j < n && ports[j] != p; j++)
			;
		if (j == n)
			ports[n++] = p;
	}
	return n;
}

/**
 * cpo_laser_feeds_port() - whether a port needs a laser
 * @cdev: the device
 * @laser: the laser
 * @port: the port
 *
 * Return: true when one of the port's lanes takes its light from @laser.
 */
bool cpo_laser_feeds_port(const struct cpo_dev *cdev, u32 laser, u32 port)
{
	const struct cpo_port *p;
	unsigned int i;

	if (port >= cdev->n_ports)
		return false;
	p = &cdev->port[port];
	for (i = 0; i < p->n_lasers && i < CPO_HW_LANES_PER_PORT; i++)
		if (p->laser[i] == laser)
			return true;
	return false;
}

/**
 * cpo_els_feeds_port() - whether a port needs a laser of an ELSFP slot
 * @cdev: the device
 * @els: the slot
 * @port: the port
 *
 * Return: true when one of the port's lanes takes its light from a laser
 * of the module in @els: the port goes dark when that module is pulled.
 */
bool cpo_els_feeds_port(const struct cpo_dev *cdev, u32 els, u32 port)
{
	const struct cpo_port *p;
	unsigned int i;

	if (port >= cdev->n_ports)
		return false;
	p = &cdev->port[port];
	for (i = 0; i < p->n_lasers && i < CPO_HW_LANES_PER_PORT; i++) {
		u16 l = p->laser[i];

		if (l < cdev->n_lasers && cdev->laser[l].els == els)
			return true;
	}
	return false;
}

/**
 * cpo_oe_next_port() - the next port an optical engine carries
 * @cdev: the device
 * @oe: the engine
 * @from: the first port index to look at
 *
 * Use through cpo_for_each_oe_port().  A port is an engine's when its
 * lanes are (the port table's oe, checked against every lane at probe):
 * the engine's blast radius.
 *
 * Return: the lowest port index >= @from on @oe, or cdev->n_ports.
 */
unsigned int cpo_oe_next_port(const struct cpo_dev *cdev, u16 oe,
			      unsigned int from)
{
	for (; from < cdev->n_ports; from++)
		if (READ_ONCE(cdev->port[from].oe) == oe)
			return from;
	return cdev->n_ports;
}

/**
 * cpo_els_next_lane() - the next lane an ELSFP slot feeds
 * @cdev: the device
 * @els: the slot
 * @pos: the cursor, 0 to start; advanced past the lane returned
 *
 * Use through cpo_for_each_els_lane().  The lanes of the slot's lasers,
 * laser by laser in the order of each laser's lanes: the lanes that go
 * dark when the module is pulled.
 *
 * Return: the next lane, or CPO_HW_NONE after the last.
 */
u16 cpo_els_next_lane(const struct cpo_dev *cdev, u16 els, unsigned int *pos)
{
	const struct cpo_els *s;

	if (els >= cdev->n_els)
		return CPO_HW_NONE;
	s = &cdev->els[els];
	for (; *pos < s->n_lasers * CPO_HW_LANES_PER_LASER; (*pos)++) {
		unsigned int l = s->first_laser + *pos / CPO_HW_LANES_PER_LASER;
		unsigned int j = *pos % CPO_HW_LANES_PER_LASER;
		u16 lane;

		if (l >= cdev->n_lasers)
			break;
		if (j >= cdev->laser[l].n_lanes)
			continue;
		lane = cdev->laser[l].lane[j];
		if (lane < cdev->n_lanes) {
			(*pos)++;
			return lane;
		}
	}
	return CPO_HW_NONE;
}

/**
 * cpo_lane_laser() - the laser whose light a lane carries
 * @cdev: the device
 * @lane: the lane
 *
 * Return: the laser, or CPO_HW_NONE for a lane without one (a spare
 * lane, lasers in the engines) or no such lane.
 */
u16 cpo_lane_laser(const struct cpo_dev *cdev, u16 lane)
{
	if (lane >= cdev->n_lanes || cdev->lane[lane].laser >= cdev->n_lasers)
		return CPO_HW_NONE;
	return cdev->lane[lane].laser;
}

/* ---- telemetry snapshot ---- */

/*
 * A laser's VDM-style diagnostics, untrusted: a life beyond its end reads
 * as its end, a path loss or a frequency error outside what a laser and a
 * fibre can give as no reading, and the input power of the engine is at
 * most what a laser can emit.
 */
static void cpo_laser_vdm_decode(struct cpo_laser_tm *t,
				 const struct cpo_hw_laser_telem *la)
{
	s32 v;

	t->age_pct = min_t(u16, le16_to_cpu(la->age_pct), CPO_HW_AGE_PCT_EOL);
	t->oe_in_power = min_t(u32, le32_to_cpu(la->oe_in_power),
			       CPO_HW_CMIS_LASER_POWER_MAX);
	v = (s32)le32_to_cpu(la->path_loss);
	t->path_loss = v >= CPO_HW_PATH_LOSS_MIN && v <= CPO_HW_PATH_LOSS_MAX ?
		       v : CPO_NO_READING;
	v = (s32)le32_to_cpu(la->freq_err);
	t->freq_err = v >= CPO_HW_FREQ_ERR_MIN && v <= CPO_HW_FREQ_ERR_MAX ?
		      v : CPO_NO_READING;
}

static void cpo_telem_decode(struct cpo_dev *cdev, const void *raw)
{
	const struct cpo_hw_telem_hdr *h = raw;
	const struct cpo_hw_oe_telem *oe = (const void *)(h + 1);
	const struct cpo_hw_lane_telem *ln = (const void *)(oe + cdev->n_oe);
	const struct cpo_hw_els_telem *els = (const void *)(ln + cdev->n_lanes);
	const struct cpo_hw_laser_telem *la = (const void *)(els + cdev->n_els);
	struct cpo_snapshot *s = &cdev->snap;
	u64 now = ktime_get_real_ns();
	unsigned int i;
	u16 f, old;
	bool fresh;

	/* a copy the device rewrote since the last one is a new sample */
	fresh = !s->valid || s->generation != le32_to_cpu(h->generation);
	s->generation = le32_to_cpu(h->generation);
	s->timestamp_ns = le64_to_cpu(h->timestamp_ns);
	for (i = 0; i < cdev->n_oe; i++) {
		s->oe[i].temp = (s32)le32_to_cpu(oe[i].temp);
		s->oe[i].vcc = le32_to_cpu(oe[i].vcc);
		s->oe[i].state = le16_to_cpu(oe[i].state);
		/* an unknown state is reported as a fault */
		if (s->oe[i].state > CPO_HW_OE_ST_FAULT)
			s->oe[i].state = CPO_HW_OE_ST_FAULT;
		f = le16_to_cpu(oe[i].flags);
		if (f != s->oe[i].flags)
			cpo_alarms_note(cdev, CPO_HW_OBJ_OE, i, s->oe[i].flags, f,
					now);
		s->oe[i].flags = f;
	}
	for (i = 0; i < cdev->n_lanes; i++) {
		s->lane[i].tx_power = le32_to_cpu(ln[i].tx_power);
		s->lane[i].rx_power = le32_to_cpu(ln[i].rx_power);
		s->lane[i].state = ln[i].state;
		if (s->lane[i].state < CPO_HW_LANE_ST_DEACTIVATED ||
		    s->lane[i].state > CPO_HW_LANE_ST_INITIALIZED)
			s->lane[i].state = 0;	/* "unknown" */
		if ((ln[i].status & 0xf) != s->lane[i].status)
			cpo_stats_lane_status(cdev, i, s->lane[i].status,
					      ln[i].status & 0xf);
		s->lane[i].status = ln[i].status & 0xf;
		f = le16_to_cpu(ln[i].flags);
		if (f != s->lane[i].flags)
			cpo_alarms_note(cdev, CPO_HW_OBJ_LANE, i,
					s->lane[i].flags, f, now);
		s->lane[i].flags = f;
	}
	for (i = 0; i < cdev->n_els; i++) {
		/* an empty slot raises no flag, whatever the device leaves */
		old = cpo_els_tm_present(&s->els[i]) ? s->els[i].flags : 0;
		s->els[i].present = !!els[i].present;
		s->els[i].state = els[i].state;
		if (s->els[i].state > CPO_HW_ELS_ST_FAULT)
			s->els[i].state = CPO_HW_ELS_ST_FAULT;
		if (!s->els[i].present)
			s->els[i].state = CPO_HW_ELS_ST_EMPTY;
		s->els[i].flags = le16_to_cpu(els[i].flags);
		f = cpo_els_tm_present(&s->els[i]) ? s->els[i].flags : 0;
		if (f != old)
			cpo_alarms_note(cdev, CPO_HW_OBJ_ELS, i, old, f, now);
		s->els[i].temp = (s32)le32_to_cpu(els[i].temp);
		s->els[i].vcc = le32_to_cpu(els[i].vcc);
		s->els[i].icc = le32_to_cpu(els[i].icc);
		s->els[i].tec = (s32)le32_to_cpu(els[i].tec);
		s->els[i].insertions = le32_to_cpu(els[i].insertions);
	}
	for (i = 0; i < cdev->n_lasers; i++) {
		/* an absent laser raises no flag */
		old = cpo_laser_tm_present(&s->laser[i]) ? s->laser[i].flags : 0;
		s->laser[i].bias = le32_to_cpu(la[i].bias);
		s->laser[i].power = le32_to_cpu(la[i].power);
		s->laser[i].setpoint = le32_to_cpu(la[i].setpoint);
		s->laser[i].temp = (s32)le32_to_cpu(la[i].temp);
		s->laser[i].bol_bias = le32_to_cpu(la[i].bol_bias);
		s->laser[i].bol_power = le32_to_cpu(la[i].bol_power);
		s->laser[i].age_hours = le32_to_cpu(la[i].age_hours);
		s->laser[i].enabled = !!la[i].enabled;
		s->laser[i].state = la[i].state;
		if (s->laser[i].state > CPO_HW_LASER_ST_ABSENT)
			s->laser[i].state = CPO_HW_LASER_ST_FAULT;
		s->laser[i].fault = la[i].fault;
		if (s->laser[i].fault > CPO_HW_LASER_FAULT_TEMP)
			s->laser[i].fault = CPO_HW_LASER_FAULT_NONE;
		s->laser[i].mode = la[i].mode & 1;
		cpo_laser_vdm_decode(&s->laser[i], &la[i]);
		s->laser[i].flags = le16_to_cpu(la[i].flags);
		f = cpo_laser_tm_present(&s->laser[i]) ? s->laser[i].flags : 0;
		if (f != old)
			cpo_alarms_note(cdev, CPO_HW_OBJ_LASER, i, old, f, now);
	}
	if (fresh)
		cpo_stats_sample(cdev, now);
}

/* Under telem_lock.  0, or -EAGAIN when no consistent copy was ever taken. */
int cpo_telem_refresh(struct cpo_dev *cdev)
{
	void __iomem *gen = cdev->shm + cdev->telem_off +
			    offsetof(struct cpo_hw_telem_hdr, generation);
	unsigned int try;
	u32 g1, g2;

	lockdep_assert_held(&cdev->telem_lock);
	for (try = 0; try < CPO_TELEM_TRIES; try++) {
		if (try)
			usleep_range(50, 100);
		g1 = readl(gen);
		if (g1 & 1) {
			cdev->torn_reads++;
			continue;
		}
		/* the generation is read before the records it guards */
		rmb();
		memcpy_fromio(cdev->telem_raw, cdev->shm + cdev->telem_off,
			      cdev->telem_len);
		/* the records are read before the generation is read again */
		rmb();
		g2 = readl(gen);
		if (g1 != g2) {
			cdev->torn_reads++;
			continue;
		}
		cpo_telem_decode(cdev, cdev->telem_raw);
		cdev->snapshots++;
		cdev->snap.taken = jiffies;
		cdev->snap.valid = true;
		cdev->snap.stale = false;
		return 0;
	}
	/* keep serving the last good copy, flagged, and do not spin again */
	cdev->snap.stale = true;
	cdev->snap.taken = jiffies;
	dev_warn_ratelimited(&cdev->dev,
			     "telemetry torn %u times in a row, serving the last copy\n",
			     CPO_TELEM_TRIES);
	return cdev->snap.valid ? 0 : -EAGAIN;
}

int cpo_telem_lock(struct cpo_dev *cdev)
{
	int err;

	if (test_bit(CPO_DEV_REMOVING, &cdev->state))
		return -ENODEV;
	if (cpo_dev_failed(cdev))
		return -EIO;
	mutex_lock(&cdev->telem_lock);
	if (test_bit(CPO_DEV_REMOVING, &cdev->state)) {
		err = -ENODEV;
		goto err_unlock;
	}
	if (cpo_dev_failed(cdev)) {
		err = -EIO;
		goto err_unlock;
	}
	if (!cdev->snap.valid ||
	    time_after(jiffies, cdev->snap.taken + cdev->telem_max_age)) {
		err = cpo_telem_refresh(cdev);
		if (err)
			goto err_unlock;
	}
	return 0;

err_unlock:
	mutex_unlock(&cdev->telem_lock);
	return err;
}

void cpo_telem_unlock(struct cpo_dev *cdev)
{
	mutex_unlock(&cdev->telem_lock);
}

/* The next reader takes a fresh copy (an event said something changed). */
void cpo_telem_invalidate(struct cpo_dev *cdev)
{
	mutex_lock(&cdev->telem_lock);
	cdev->snap.taken = jiffies - cdev->telem_max_age - 1;
	mutex_unlock(&cdev->telem_lock);
}

/* ---- failure ---- */

void cpo_dev_set_failed(struct cpo_dev *cdev, const char *why)
{
	char *env[] = { "CPO_STATE=failed", NULL };

	if (test_and_set_bit(CPO_DEV_FAILED, &cdev->state))
		return;
	dev_err(&cdev->dev,
		"device failed: %s; operations return -EIO until it recovers\n",
		why);
	cpo_mbox_abort(cdev);
	cpo_nl_notify_dev_failed(cdev);
	if (cdev->dev_added) {
		sysfs_notify(&cdev->dev.kobj, NULL, "state");
		kobject_uevent_env(&cdev->dev.kobj, KOBJ_CHANGE, env);
	}
}

void cpo_dev_clear_failed(struct cpo_dev *cdev)
{
	char *env[] = { "CPO_STATE=ok", NULL };

	if (!test_and_clear_bit(CPO_DEV_FAILED, &cdev->state))
		return;
	dev_info(&cdev->dev, "heartbeat resumed, device recovered\n");
	cpo_read_thresholds(cdev);
	if (cdev->dev_added) {
		sysfs_notify(&cdev->dev.kobj, NULL, "state");
		kobject_uevent_env(&cdev->dev.kobj, KOBJ_CHANGE, env);
	}
}

/* ---- lookup for netlink ---- */

/* Caller holds cpo_devs_lock; returns the device with the lowest index >= *index. */
struct cpo_dev *cpo_dev_next(int *index)
{
	struct cpo_dev *cdev, *best = NULL;

	lockdep_assert_held(&cpo_devs_lock);
	list_for_each_entry(cdev, &cpo_devs, list)
		if (cdev->index >= *index && (!best || cdev->index < best->index))
			best = cdev;
	if (best)
		*index = best->index;
	return best;
}

/* ---- the device ---- */

static void cpo_dev_release(struct device *dev)
{
	struct cpo_dev *cdev = container_of(dev, struct cpo_dev, dev);

	cpo_dev_release_mem(cdev);
	kfree(cdev);
}

/**
 * cpo_dev_alloc() - a device's object model, before its topology is read
 * @pdev: the PCI function it is for
 *
 * Initialises what the object model owns: its locks (cdev->lock,
 * telem_lock, users), its place in the device list, the eeprom files'
 * layout, and the class device, not yet added.  The transport adds its
 * own state (the mailbox) and the events'.
 *
 * Return: the device, freed by put_device(&cdev->dev) from then on; NULL
 * without memory.
 */
struct cpo_dev *cpo_dev_alloc(struct pci_dev *pdev)
{
	struct cpo_dev *cdev;

	cdev = kzalloc(sizeof(*cdev), GFP_KERNEL);
	if (!cdev)
		return NULL;
	cdev->pdev = pdev;
	cdev->index = -1;
	mutex_init(&cdev->lock);
	mutex_init(&cdev->telem_lock);
	mutex_init(&cdev->topo_lock);
	spin_lock_init(&cdev->fw_version_lock);
	init_rwsem(&cdev->users);
	INIT_LIST_HEAD(&cdev->list);
	cpo_eeprom_init(cdev);
	device_initialize(&cdev->dev);
	cdev->dev.class = &cpo_class;
	cdev->dev.parent = &pdev->dev;
	cdev->dev.groups = cpo_dev_groups;
	cdev->dev.release = cpo_dev_release;
	dev_set_drvdata(&cdev->dev, cdev);
	return cdev;
}

/* ---- child devices ---- */

static void cpo_oe_release(struct device *dev)
{
	put_device(&container_of(dev, struct cpo_oe, dev)->cdev->dev);
}

static void cpo_els_release(struct device *dev)
{
	put_device(&container_of(dev, struct cpo_els, dev)->cdev->dev);
}

static void cpo_port_release(struct device *dev)
{
	put_device(&container_of(dev, struct cpo_port, dev)->cdev->dev);
}

static void cpo_laser_release(struct device *dev)
{
	struct cpo_laser *la = container_of(dev, struct cpo_laser, dev);
	struct cpo_dev *cdev = la->cdev;

	la->dev_alive = false;
	put_device(&cdev->dev);
}

static int cpo_child_add(struct cpo_dev *cdev, struct device *dev,
			 const struct device_type *type,
			 void (*release)(struct device *), const char *prefix,
			 unsigned int index)
{
	int err;

	device_initialize(dev);
	dev->parent = &cdev->dev;
	dev->type = type;
	dev->release = release;
	get_device(&cdev->dev);
	err = dev_set_name(dev, "%s%u", prefix, index);
	if (!err)
		err = device_add(dev);
	if (err) {
		dev_err(&cdev->dev, "cannot add %s%u: %d\n", prefix, index, err);
		put_device(dev);
	}
	return err;
}

int cpo_laser_register(struct cpo_laser *la)
{
	struct cpo_dev *cdev = la->cdev;
	int err;

	lockdep_assert_held(&cdev->lock);
	if (la->registered)
		return 0;
	if (la->dev_alive) {
		dev_warn(&cdev->dev, "laser%u still referenced, not re-added\n",
			 la->index);
		return -EBUSY;
	}
	memset(&la->dev, 0, sizeof(la->dev));
	la->dev_alive = true;
	err = cpo_child_add(cdev, &la->dev, &cpo_laser_type, cpo_laser_release,
			    "laser", la->index);
	if (err)
		return err;
	la->registered = true;
	cpo_sysfs_laser_links_add(la);
	return 0;
}

void cpo_laser_unregister(struct cpo_laser *la)
{
	lockdep_assert_held(&la->cdev->lock);
	if (!la->registered)
		return;
	cpo_sysfs_laser_links_del(la);
	la->registered = false;
	device_unregister(&la->dev);
}

static void cpo_children_del(struct cpo_dev *cdev, unsigned int n_oe,
			     unsigned int n_els, unsigned int n_ports)
{
	unsigned int i;

	cpo_els_exit(cdev);
	mutex_lock(&cdev->lock);
	cdev->links_added = false;
	mutex_unlock(&cdev->lock);
	for (i = n_ports; i-- > 0;)
		device_unregister(&cdev->port[i].dev);
	for (i = n_els; i-- > 0;)
		device_unregister(&cdev->els[i].dev);
	for (i = n_oe; i-- > 0;)
		device_unregister(&cdev->oe[i].dev);
}

static int cpo_children_add(struct cpo_dev *cdev)
{
	unsigned int n_oe = 0, n_els = 0, n_ports = 0;
	int err;

	for (; n_oe < cdev->n_oe; n_oe++) {
		err = cpo_child_add(cdev, &cdev->oe[n_oe].dev, &cpo_oe_type,
				    cpo_oe_release, "oe", n_oe);
		if (err)
			goto err_del_children;
	}
	for (; n_els < cdev->n_els; n_els++) {
		err = cpo_child_add(cdev, &cdev->els[n_els].dev, &cpo_els_type,
				    cpo_els_release, "els", n_els);
		if (err)
			goto err_del_children;
	}
	for (; n_ports < cdev->n_ports; n_ports++) {
		err = cpo_child_add(cdev, &cdev->port[n_ports].dev,
				    &cpo_port_type, cpo_port_release, "port",
				    n_ports);
		if (err)
			goto err_del_children;
	}
	mutex_lock(&cdev->lock);
	err = cpo_sysfs_links_add(cdev);
	cdev->links_added = !err;
	mutex_unlock(&cdev->lock);
	if (err)
		goto err_del_children;
	/* lasers of the slots that hold a module */
	cpo_els_init(cdev);
	return 0;

err_del_children:
	cpo_children_del(cdev, n_oe, n_els, n_ports);
	return err;
}

int cpo_dev_register(struct cpo_dev *cdev)
{
	int err;

	cdev->telem_max_age = msecs_to_jiffies(cpo_telem_max_age_ms ?:
					       cdev->update_period_ms);
	err = cpo_read_thresholds(cdev);
	if (err)
		return err;
	mutex_lock(&cdev->telem_lock);
	err = cpo_telem_refresh(cdev);
	mutex_unlock(&cdev->telem_lock);
	if (err) {
		dev_err(&cdev->pdev->dev, "no consistent telemetry copy\n");
		return err;
	}

	err = ida_alloc(&cpo_ida, GFP_KERNEL);
	if (err < 0)
		return err;
	cdev->index = err;
	err = dev_set_name(&cdev->dev, "cpo%d", cdev->index);
	if (err)
		goto err_free_index;
	err = device_add(&cdev->dev);
	if (err)
		goto err_free_index;
	cdev->dev_added = true;
	err = cpo_children_add(cdev);
	if (err)
		goto err_del_dev;
	err = cpo_sysfs_thresh_init(cdev);
	if (err)
		goto err_del_children;
	cpo_debugfs_init(cdev);
	err = cpo_hwmon_init(cdev);
	if (err)
		goto err_debugfs_exit;
	err = cpo_thermal_init(cdev);
	if (err)
		goto err_hwmon_exit;
	err = cpo_devlink_alloc(cdev);
	if (err)
		goto err_thermal_exit;
	err = cpo_devlink_init(cdev);
	if (err)
		goto err_devlink_free;
	err = cpo_netdev_init(cdev);
	if (err)
		goto err_devlink_exit;
	cpo_devlink_register(cdev);

	mutex_lock(&cpo_devs_lock);
	list_add_tail(&cdev->list, &cpo_devs);
	mutex_unlock(&cpo_devs_lock);
	return 0;

err_devlink_exit:
	cpo_devlink_exit(cdev);
err_devlink_free:
	cpo_devlink_free(cdev);
err_thermal_exit:
	cpo_thermal_exit(cdev);
err_hwmon_exit:
	cpo_hwmon_exit(cdev);
err_debugfs_exit:
	cpo_debugfs_exit(cdev);
	cpo_sysfs_thresh_exit(cdev);
err_del_children:
	cpo_children_del(cdev, cdev->n_oe, cdev->n_els, cdev->n_ports);
err_del_dev:
	cdev->dev_added = false;
	device_del(&cdev->dev);
err_free_index:
	ida_free(&cpo_ida, cdev->index);
	cdev->index = -1;
	return err;
}

void cpo_dev_unregister(struct cpo_dev *cdev)
{
	mutex_lock(&cpo_devs_lock);
	list_del_init(&cdev->list);
	mutex_unlock(&cpo_devs_lock);
	/* wait for the netlink requests that found the device before */
	down_write(&cdev->users);
	up_write(&cdev->users);
	cpo_devlink_unregister(cdev);
	cpo_netdev_exit(cdev);
	cpo_devlink_exit(cdev);
	cpo_devlink_free(cdev);
	cpo_thermal_exit(cdev);
	cpo_hwmon_exit(cdev);
	cpo_debugfs_exit(cdev);
	cpo_sysfs_thresh_exit(cdev);
	cpo_children_del(cdev, cdev->n_oe, cdev->n_els, cdev->n_ports);
	cdev->dev_added = false;
	device_del(&cdev->dev);
	ida_free(&cpo_ida, cdev->index);
	/* nobody reads the window (telemetry, debugfs dumps) when it goes */
	mutex_lock(&cdev->telem_lock);
	mutex_unlock(&cdev->telem_lock);
}
