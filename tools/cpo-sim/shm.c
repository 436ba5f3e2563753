// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim shared window: the layout computed from the topology, the
 * identity block and tables written once before READY, the telemetry
 * region rewritten every update period under the generation counter.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define SIM_ALIGN8(x)	(((x) + 7u) & ~7u)

#define ID_OFF(f)	offsetof(struct cpo_hw_ident, f)

void sim_layout_compute(struct sim_dev *dev)
{
	struct sim_layout *lay = &dev->lay;
	uint32_t off = SIM_ALIGN8(sizeof(struct cpo_hw_ident));

	lay->oe_table_off = off;
	off = SIM_ALIGN8(off + dev->n_oe * sizeof(struct cpo_hw_oe));
	lay->lane_table_off = off;
	off = SIM_ALIGN8(off + dev->n_lanes * sizeof(struct cpo_hw_lane));
	lay->port_table_off = off;
	off = SIM_ALIGN8(off + dev->n_ports * sizeof(struct cpo_hw_port));
	lay->els_table_off = off;
	off = SIM_ALIGN8(off + dev->n_els * sizeof(struct cpo_hw_els));
	lay->laser_table_off = off;
	off = SIM_ALIGN8(off + dev->n_lasers * sizeof(struct cpo_hw_laser));
	lay->telem_off = off;
	lay->telem_size = sizeof(struct cpo_hw_telem_hdr) +
			  dev->n_oe * sizeof(struct cpo_hw_oe_telem) +
			  dev->n_lanes * sizeof(struct cpo_hw_lane_telem) +
			  dev->n_els * sizeof(struct cpo_hw_els_telem) +
			  dev->n_lasers * sizeof(struct cpo_hw_laser_telem);
	off = SIM_ALIGN8(off + lay->telem_size);
	lay->thresh_off = off;
	off = SIM_ALIGN8(off + CPO_HW_Q_MAX * sizeof(struct cpo_hw_thresh));
	lay->mbox_off = off;
	off = SIM_ALIGN8(off + sizeof(struct cpo_hw_mbox));
	lay->evring_off = off;
	lay->evring_entries = dev->prof.evring_entries;
	off = SIM_ALIGN8(off + sizeof(struct cpo_hw_evring) +
			 lay->evring_entries * sizeof(struct cpo_hw_event));
	lay->fwbuf_off = off;
	lay->fwbuf_size = SIM_FWBUF_SIZE;
	off = SIM_ALIGN8(off + lay->fwbuf_size);
	lay->end = off;
	lay->bar_size = SIM_MIN_BAR;
	while (lay->bar_size < lay->end)
		lay->bar_size <<= 1;
}

static void sim_wstr(uint8_t *dst, const char *s)
{
	size_t n = strnlen(s, CPO_HW_STR_LEN - 1);

	memset(dst, 0, CPO_HW_STR_LEN);
	memcpy(dst, s, n);
}

static void sim_write_ident(struct sim_dev *dev)
{
	uint8_t *id = dev->shm;
	const struct sim_layout *lay = &dev->lay;
	uint32_t caps = CPO_HW_CAP_CMIS | CPO_HW_CAP_EVENTS | CPO_HW_CAP_FW_UPDATE;

	if (dev->prof.spare_oe || dev->prof.spare_lasers_per_els)
		caps |= CPO_HW_CAP_SPARES;
	if (dev->n_els)
		caps |= CPO_HW_CAP_FAILOVER;
	if (dev->prof.spare_oe)
		caps |= CPO_HW_CAP_OE_FAILOVER;
	if (!dev->n_els)
		caps |= CPO_HW_CAP_OE_LASERS;
	memset(id, 0, sizeof(struct cpo_hw_ident));
	sim_w32(id + ID_OFF(magic), CPO_HW_MAGIC);
	sim_w16(id + ID_OFF(ver_major), CPO_HW_VER_MAJOR);
	sim_w16(id + ID_OFF(ver_minor), CPO_HW_VER_MINOR);
	sim_w32(id + ID_OFF(ident_size), sizeof(struct cpo_hw_ident));
	sim_w32(id + ID_OFF(bar_size), lay->bar_size);
	sim_wstr(id + ID_OFF(model), dev->prof.model);
	sim_wstr(id + ID_OFF(serial), dev->prof.serial);
	sim_wstr(id + ID_OFF(fw_version), dev->prof.fw_version);
	sim_w32(id + ID_OFF(caps), caps);
	sim_w32(id + ID_OFF(heartbeat), dev->heartbeat);
	sim_w32(id + ID_OFF(update_period_ms), dev->prof.update_period_ms);
	sim_w32(id + ID_OFF(doorbell_peer), dev->peer_id);
	sim_w32(id + ID_OFF(lane_rate_mbps), dev->prof.lane_rate_mbps);
	sim_w16(id + ID_OFF(n_oe), dev->n_oe);
	sim_w16(id + ID_OFF(n_lanes), dev->n_lanes);
	sim_w16(id + ID_OFF(n_ports), dev->n_ports);
	sim_w16(id + ID_OFF(n_els), dev->n_els);
	sim_w16(id + ID_OFF(n_lasers), dev->n_lasers);
	sim_w32(id + ID_OFF(oe_table_off), lay->oe_table_off);
	sim_w32(id + ID_OFF(lane_table_off), lay->lane_table_off);
	sim_w32(id + ID_OFF(port_table_off), lay->port_table_off);
	sim_w32(id + ID_OFF(els_table_off), lay->els_table_off);
	sim_w32(id + ID_OFF(laser_table_off), lay->laser_table_off);
	sim_w32(id + ID_OFF(telem_off), lay->telem_off);
	sim_w32(id + ID_OFF(thresh_off), lay->thresh_off);
	sim_w32(id + ID_OFF(mbox_off), lay->mbox_off);
	sim_w32(id + ID_OFF(evring_off), lay->evring_off);
	sim_w32(id + ID_OFF(evring_entries), lay->evring_entries);
	sim_w32(id + ID_OFF(fwbuf_off), lay->fwbuf_off);
	sim_w32(id + ID_OFF(fwbuf_size), lay->fwbuf_size);
	sim_w32(id + ID_OFF(topo_generation), dev->topo_gen);
}

static void sim_write_tables(struct sim_dev *dev)
{
	uint8_t *b;
	unsigned int i, j;

	for (i = 0; i < dev->n_oe; i++) {
		b = dev->shm + dev->lay.oe_table_off + i * sizeof(struct cpo_hw_oe);
		sim_w16(b + offsetof(struct cpo_hw_oe, first_lane), dev->t_oe[i].first_lane);
		sim_w16(b + offsetof(struct cpo_hw_oe, n_lanes), dev->t_oe[i].n_lanes);
		sim_w16(b + offsetof(struct cpo_hw_oe, flags), dev->t_oe[i].flags);
		sim_w16(b + offsetof(struct cpo_hw_oe, reserved), 0);
	}
	for (i = 0; i < dev->n_lanes; i++) {
		b = dev->shm + dev->lay.lane_table_off + i * sizeof(struct cpo_hw_lane);
		sim_w16(b + offsetof(struct cpo_hw_lane, oe), dev->t_lane[i].oe);
		sim_w16(b + offsetof(struct cpo_hw_lane, port), dev->t_lane[i].port);
		sim_w16(b + offsetof(struct cpo_hw_lane, laser), dev->t_lane[i].laser);
		b[offsetof(struct cpo_hw_lane, port_lane)] = dev->t_lane[i].port_lane;
		b[offsetof(struct cpo_hw_lane, oe_lane)] = dev->t_lane[i].oe_lane;
	}
	for (i = 0; i < dev->n_ports; i++) {
		b = dev->shm + dev->lay.port_table_off + i * sizeof(struct cpo_hw_port);
		sim_w16(b + offsetof(struct cpo_hw_port, oe), dev->t_port[i].oe);
		b[offsetof(struct cpo_hw_port, n_lanes)] = dev->t_port[i].n_lanes;
		b[offsetof(struct cpo_hw_port, flags)] = dev->t_port[i].flags;
		sim_w32(b + offsetof(struct cpo_hw_port, speed_mbps), dev->t_port[i].speed_mbps);
		for (j = 0; j < CPO_HW_LANES_PER_PORT; j++)
			sim_w16(b + offsetof(struct cpo_hw_port, lane) + 2 * j,
				dev->t_port[i].lane[j]);
	}
	for (i = 0; i < dev->n_els; i++) {
		b = dev->shm + dev->lay.els_table_off + i * sizeof(struct cpo_hw_els);
		sim_w16(b + offsetof(struct cpo_hw_els, first_laser), dev->t_els[i].first_laser);
		b[offsetof(struct cpo_hw_els, n_lasers)] = dev->t_els[i].n_lasers;
		b[offsetof(struct cpo_hw_els, flags)] = dev->t_els[i].flags;
		sim_w32(b + offsetof(struct cpo_hw_els, wavelength_pm), dev->t_els[i].wavelength_pm);
	}
	for (i = 0; i < dev->n_lasers; i++) {
		b = dev->shm + dev->lay.laser_table_off + i * sizeof(struct cpo_hw_laser);
		sim_w16(b + offsetof(struct cpo_hw_laser, els), dev->t_laser[i].els);
		b[offsetof(struct cpo_hw_laser, els_index)] = dev->t_laser[i].els_index;
		b[offsetof(struct cpo_hw_laser, n_lanes)] = dev->t_laser[i].n_lanes;
		sim_w16(b + offsetof(struct cpo_hw_laser, flags), dev->t_laser[i].flags);
		sim_w16(b + offsetof(struct cpo_hw_laser, reserved), 0);
		for (j = 0; j < CPO_HW_LANES_PER_LASER; j++)
			sim_w16(b + offsetof(struct cpo_hw_laser, lane) + 2 * j,
				dev->t_laser[i].lane[j]);
	}
}

void sim_shm_write_thresh(struct sim_dev *dev)
{
	unsigned int q;
	uint8_t *b;

	for (q = 0; q < CPO_HW_Q_MAX; q++) {
		b = dev->shm + dev->lay.thresh_off + q * sizeof(struct cpo_hw_thresh);
		sim_w32(b + 0, dev->thresh[q].high_alarm);
		sim_w32(b + 4, dev->thresh[q].low_alarm);
		sim_w32(b + 8, dev->thresh[q].high_warn);
		sim_w32(b + 12, dev->thresh[q].low_warn);
	}
}

void sim_shm_set_status(struct sim_dev *dev, uint32_t set, uint32_t clear)
{
	uint8_t *p = dev->shm + ID_OFF(status);
	uint32_t v = (sim_r32(p) & ~clear) | set;

	__atomic_thread_fence(__ATOMIC_RELEASE);
	sim_w32(p, v);
}

/* the tables after a failover, then the generation that announces them */
void sim_shm_write_topology(struct sim_dev *dev)
{
	sim_write_tables(dev);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	sim_w32(dev->shm + ID_OFF(topo_generation), dev->topo_gen);
}

/* identity, tables and thresholds again: after a reset, or to undo pokes */
void sim_shm_rewrite(struct sim_dev *dev)
{
	uint32_t status = sim_r32(dev->shm + ID_OFF(status));

	sim_write_ident(dev);
	sim_write_tables(dev);
	sim_shm_write_thresh(dev);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	sim_w32(dev->shm + ID_OFF(status), status);
}

/*
 * Everything but the mailbox request half and the ring tail, which the host
 * owns.  READY is set last, after a release fence.
 */
void sim_shm_init(struct sim_dev *dev)
{
	memset(dev->shm, 0, dev->lay.bar_size);
	sim_write_ident(dev);
	sim_write_tables(dev);
	sim_shm_write_thresh(dev);
	sim_shm_publish(dev);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	sim_shm_set_status(dev, CPO_HW_STATUS_READY, CPO_HW_STATUS_RESETTING);
}

static uint32_t sim_u32(double v)
{
	if (!(v > 0))
		return 0;
	if (v > 4e9)
		return 4000000000u;
	return (uint32_t)llround(v);
}

static uint32_t sim_s32(double v)
{
	if (v > 2e9)
		v = 2e9;
	if (v < -2e9)
		v = -2e9;
	return (uint32_t)(int32_t)llround(v);
}

void sim_shm_publish(struct sim_dev *dev)
{
	uint8_t *base = dev->shm + dev->lay.telem_off, *b;
	uint32_t gen = dev->generation;
	unsigned int i;

	/* odd while writing */
	gen |= 1;
	sim_w32(base, gen);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	sim_w64(base + offsetof(struct cpo_hw_telem_hdr, timestamp_ns),
		(uint64_t)(dev->t_model * 1e9));
	b = base + sizeof(struct cpo_hw_telem_hdr);
	for (i = 0; i < dev->n_oe; i++, b += sizeof(struct cpo_hw_oe_telem)) {
		const struct sim_oe *o = &dev->oe[i];

		sim_w32(b + 0, sim_s32(o->temp_c * 1000));
		sim_w32(b + 4, sim_u32(o->vcc_mv));
		sim_w16(b + 8, o->state);
		sim_w16(b + 10, o->flags);
		sim_w32(b + 12, 0);
	}
	for (i = 0; i < dev->n_lanes; i++, b += sizeof(struct cpo_hw_lane_telem)) {
		const struct sim_lane *l = &dev->lane[i];

		sim_w32(b + 0, sim_u32(l->tx_uw));
		sim_w32(b + 4, sim_u32(l->rx_uw));
		b[8] = l->state;
		b[9] = l->status;
		sim_w16(b + 10, l->flags);
		sim_w32(b + 12, 0);
	}
	for (i = 0; i < dev->n_els; i++, b += sizeof(struct cpo_hw_els_telem)) {
		const struct sim_els *e = &dev->els[i];

		b[0] = e->present;
		b[1] = e->state;
		sim_w16(b + 2, e->flags);
		sim_w32(b + 4, sim_s32(e->temp_c * 1000));
		sim_w32(b + 8, sim_u32(e->vcc_mv));
		sim_w32(b + 12, sim_u32(e->icc_ma));
		sim_w32(b + 16, sim_s32(e->tec_ma));
		sim_w32(b + 20, e->insertions);
	}
	for (i = 0; i < dev->n_lasers; i++, b += sizeof(struct cpo_hw_laser_telem)) {
		const struct sim_laser *a = &dev->laser[i];

		sim_w32(b + 0, sim_u32(a->bias_ma * 1000));
		sim_w32(b + 4, sim_u32(a->power_mw * 1000));
		sim_w32(b + 8, sim_u32(a->setpoint * 1000));
		sim_w32(b + 12, sim_s32(a->temp_c * 1000));
		sim_w32(b + 16, sim_u32(a->bol_bias_ma * 1000));
		sim_w32(b + 20, sim_u32(a->bol_power_mw * 1000));
		sim_w32(b + 24, sim_u32(floor(a->age_h)));
		b[28] = a->enabled;
		b[29] = a->state;
		b[30] = a->fault;
		b[31] = a->mode;
		sim_w16(b + 32, a->flags);
		sim_w16(b + 34, (uint16_t)llround(sim_laser_age_pct(a) * 100.0));
		sim_w32(b + 36, sim_u32(a->oe_in_mw * 1000));
		if (sim_laser_lit(a)) {
			sim_w32(b + 40, sim_s32(sim_laser_path_loss_db(a) * 1000));
			sim_w32(b + 44, sim_s32(a->freq_err_mhz));
		} else {
			sim_w32(b + 40, CPO_HW_NO_READING);
			sim_w32(b + 44, CPO_HW_NO_READING);
		}
	}

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	dev->generation = gen + 1;
	sim_w32(base, dev->generation);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static const struct {
	const char *name;
	uint32_t off;
	uint8_t size;
} sim_poke_fields[] = {
	{ "ident.magic", ID_OFF(magic), 4 },
	{ "ident.ver_major", ID_OFF(ver_major), 2 },
	{ "ident.ver_minor", ID_OFF(ver_minor), 2 },
	{ "ident.ident_size", ID_OFF(ident_size), 4 },
	{ "ident.bar_size", ID_OFF(bar_size), 4 },
	{ "ident.caps", ID_OFF(caps), 4 },
	{ "ident.status", ID_OFF(status), 4 },
	{ "ident.heartbeat", ID_OFF(heartbeat), 4 },
	{ "ident.update_period_ms", ID_OFF(update_period_ms), 4 },
	{ "ident.doorbell_peer", ID_OFF(doorbell_peer), 4 },
	{ "ident.n_oe", ID_OFF(n_oe), 2 },
	{ "ident.n_lanes", ID_OFF(n_lanes), 2 },
	{ "ident.n_ports", ID_OFF(n_ports), 2 },
	{ "ident.n_els", ID_OFF(n_els), 2 },
	{ "ident.n_lasers", ID_OFF(n_lasers), 2 },
	{ "ident.oe_table_off", ID_OFF(oe_table_off), 4 },
	{ "ident.lane_table_off", ID_OFF(lane_table_off), 4 },
	{ "ident.port_table_off", ID_OFF(port_table_off), 4 },
	{ "ident.els_table_off", ID_OFF(els_table_off), 4 },
	{ "ident.laser_table_off", ID_OFF(laser_table_off), 4 },
	{ "ident.telem_off", ID_OFF(telem_off), 4 },
	{ "ident.thresh_off", ID_OFF(thresh_off), 4 },
	{ "ident.mbox_off", ID_OFF(mbox_off), 4 },
	{ "ident.evring_off", ID_OFF(evring_off), 4 },
	{ "ident.evring_entries", ID_OFF(evring_entries), 4 },
	{ "ident.fwbuf_off", ID_OFF(fwbuf_off), 4 },
	{ "ident.fwbuf_size", ID_OFF(fwbuf_size), 4 },
};

int sim_shm_poke(struct sim_dev *dev, const char *field, const char *value,
		 char *err, size_t errlen)
{
	unsigned long long v;
	char *end;
	size_t i;

	errno = 0;
	v = strtoull(value, &end, 0);
	if (errno || !*value || *end || v > UINT32_MAX) {
		snprintf(err, errlen, "bad value '%s'", value);
		return -EINVAL;
	}
	for (i = 0; i < SIM_ARRAY_SIZE(sim_poke_fields); i++) {
		if (strcmp(field, sim_poke_fields[i].name))
			continue;
		if (sim_poke_fields[i].size == 2 && v > 0xffff) {
			snprintf(err, errlen, "%s is 16 bits", field);
			return -EINVAL;
		}
		if (sim_poke_fields[i].size == 2)
			sim_w16(dev->shm + sim_poke_fields[i].off, v);
		else
			sim_w32(dev->shm + sim_poke_fields[i].off, v);
		return 0;
	}
	snprintf(err, errlen, "unknown field '%s'", field);
	return -ENOENT;
}

int sim_shm_peek(struct sim_dev *dev, const char *field, uint32_t *value)
{
	size_t i;

	for (i = 0; i < SIM_ARRAY_SIZE(sim_poke_fields); i++) {
		if (strcmp(field, sim_poke_fields[i].name))
			continue;
		*value = sim_poke_fields[i].size == 2 ? sim_r16(dev->shm + sim_poke_fields[i].off) :
			 sim_r32(dev->shm + sim_poke_fields[i].off);
		return 0;
	}
	return -ENOENT;
}

int sim_shm_poke_raw(struct sim_dev *dev, uint32_t off, const uint8_t *bytes,
		     size_t len, char *err, size_t errlen)
{
	if (off >= dev->lay.bar_size || len > dev->lay.bar_size - off) {
		snprintf(err, errlen, "range beyond the %u-byte window", dev->lay.bar_size);
		return -ERANGE;
	}
	memcpy(dev->shm + off, bytes, len);
	return 0;
}
