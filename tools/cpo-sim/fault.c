// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim ELSFP hot-plug and fault injection.
 *
 * Slot state machine (OIF-ELSFP eye safety, DOMAIN.md): an inserted module
 * is PROBING while its CMIS pages are read, then FIBER_CHECK at low power
 * until the output fiber is known connected, then RAMPING to the setpoint,
 * then ON.  Prepare-for-removal ramps it down (REMOVING) to SAFE.  A pull
 * from any state empties the slot.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* update periods spent in each transient state */
#define ELS_T_PROBING		3
#define ELS_T_FIBER_CHECK	5
#define ELS_T_RAMPING		4
#define ELS_T_REMOVING		3

static void els_set_state(struct sim_dev *dev, unsigned int slot, int state)
{
	struct sim_els *e = &dev->els[slot];

	if (e->state == state)
		return;
	e->state = state;
	e->state_ticks = 0;
	if (state == CPO_HW_ELS_ST_RAMPING) {
		/* the module's own fibre check passed: every output fibre is checked */
		const struct cpo_hw_els *te = &dev->t_els[slot];
		unsigned int k;

		for (k = 0; k < te->n_lasers; k++)
			dev->laser[te->first_laser + k].fiber_checked = true;
	}
	sim_ev_push(dev, CPO_HW_EV_ELS_STATE, CPO_HW_OBJ_ELS, slot, 0, 0, state, 0);
}

void sim_els_step(struct sim_dev *dev)
{
	unsigned int s;

	for (s = 0; s < dev->n_els; s++) {
		struct sim_els *e = &dev->els[s];

		if (!e->present || (e->hold && e->state == e->hold))
			continue;
		e->state_ticks++;
		switch (e->state) {
		case CPO_HW_ELS_ST_PROBING:
			if (e->state_ticks >= ELS_T_PROBING)
				els_set_state(dev, s, CPO_HW_ELS_ST_FIBER_CHECK);
			break;
		case CPO_HW_ELS_ST_FIBER_CHECK:
			if (e->state_ticks >= ELS_T_FIBER_CHECK)
				els_set_state(dev, s, CPO_HW_ELS_ST_RAMPING);
			break;
		case CPO_HW_ELS_ST_RAMPING:
			if (e->state_ticks >= ELS_T_RAMPING)
				els_set_state(dev, s, CPO_HW_ELS_ST_ON);
			break;
		case CPO_HW_ELS_ST_REMOVING:
			if (e->state_ticks >= ELS_T_REMOVING)
				els_set_state(dev, s, CPO_HW_ELS_ST_SAFE);
			break;
		default:
			break;
		}
	}
}

void sim_els_pull(struct sim_dev *dev, unsigned int slot)
{
	struct sim_els *e = &dev->els[slot];

	if (!e->present)
		return;
	e->present = false;
	e->tec_runaway = false;
	sim_ev_push(dev, CPO_HW_EV_ELS_REMOVED, CPO_HW_OBJ_ELS, slot, 0, 0, 0, 0);
	els_set_state(dev, slot, CPO_HW_ELS_ST_EMPTY);
}

/* a fresh module: new lasers at beginning of life */
void sim_els_insert(struct sim_dev *dev, unsigned int slot)
{
	const struct sim_profile *p = &dev->prof;
	const struct cpo_hw_els *te = &dev->t_els[slot];
	struct sim_els *e = &dev->els[slot];
	unsigned int k;

	if (e->present)
		return;
	e->present = true;
	e->insertions++;
	e->temp_c = p->ambient_c;
	/* another module: nothing latched, no masks, nothing saved */
	memset(&e->cmis, 0, sizeof(e->cmis));
	sim_fw_els_new(dev, slot);
	for (k = 0; k < te->n_lasers; k++) {
		struct sim_laser *a = &dev->laser[te->first_laser + k];

		a->ith_ma = p->laser_ith_ma * (1.0 + 0.05 * sim_gauss(dev));
		a->slope = p->laser_slope * (1.0 + 0.03 * sim_gauss(dev));
		a->aging = p->aging_pct_per_khour / 100.0 / 1000.0;
		a->age_h = 0;
		a->failed = false;
		a->fault = CPO_HW_LASER_FAULT_NONE;
		a->temp_c = p->laser_temp_c;
		sim_laser_bol(dev, a);
		a->enabled = !(dev->t_laser[te->first_laser + k].flags &
			       (CPO_HW_F_SPARE | CPO_HW_F_OUT_OF_SERVICE));
		a->ramp = 0;
		a->fiber_checked = false;
		a->saved = false;
	}
	sim_ev_push(dev, CPO_HW_EV_ELS_INSERTED, CPO_HW_OBJ_ELS, slot, 0, 0, e->insertions, 0);
	e->state = -1;
	els_set_state(dev, slot, CPO_HW_ELS_ST_PROBING);
}

int sim_els_prepare_removal(struct sim_dev *dev, unsigned int slot)
{
	struct sim_els *e = &dev->els[slot];

	if (!e->present)
		return CPO_HW_ST_NOT_PRESENT;
	switch (e->state) {
	case CPO_HW_ELS_ST_PROBING:
		return CPO_HW_ST_BUSY;
	case CPO_HW_ELS_ST_REMOVING:
	case CPO_HW_ELS_ST_SAFE:
		return CPO_HW_ST_OK;
	default:
		els_set_state(dev, slot, CPO_HW_ELS_ST_REMOVING);
		return CPO_HW_ST_OK;
	}
}

static int arg_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static int arg_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;

	if (!s)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int arg_onoff(int argc, char **argv, int i, bool *out)
{
	if (argc <= i) {
		*out = true;
		return 0;
	}
	if (!strcmp(argv[i], "on") || !strcmp(argv[i], "1")) {
		*out = true;
		return 0;
	}
	if (!strcmp(argv[i], "off") || !strcmp(argv[i], "0")) {
		*out = false;
		return 0;
	}
	return -1;
}

/*
 * hostile: garbage into a region of the window.  One command writes one
 * round; hostile-run writes seeded rounds, some every update period, from
 * a generator of its own so that the physics stays as seeded.
 */
static const char *const hostile_regions[] = {
	"ident", "topology", "telemetry", "thresh", "ring", "mailbox",
};

enum { H_IDENT, H_TOPOLOGY, H_TELEMETRY, H_THRESH, H_RING, H_MAILBOX, H_NR };

/* xorshift64*, as sim_rand(): the one command draws from the model's state */
static double hostile_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return (double)((x * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

static uint32_t hostile_u32(uint64_t *rng, uint32_t n)
{
	return (uint32_t)(hostile_rand(rng) * n);
}

/* values a device that lies likes to write */
static uint32_t hostile_value(uint64_t *rng)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
		0x10000, 0x7fffffff, 0x80000000u, 0xfffffff0u, 0xffffffffu,
	};

	if (hostile_rand(rng) < 0.5)
		return v[hostile_u32(rng, SIM_ARRAY_SIZE(v))];
	return (uint32_t)(hostile_rand(rng) * 4294967296.0);
}

static void hostile_fill(struct sim_dev *dev, uint64_t *rng, uint32_t off,
			 uint32_t len, unsigned int n)
{
	unsigned int i, j, span;
	uint32_t at;

	if (!len)
		return;
	for (i = 0; i < n; i++) {
		span = 1 + (unsigned int)(hostile_rand(rng) * 8);
		at = off + (uint32_t)(hostile_rand(rng) * len);
		for (j = 0; j < span && at + j < off + len; j++)
			dev->shm[at + j] = (uint8_t)(hostile_rand(rng) * 256);
	}
}

/* one aligned 16- or 32-bit field of [off, off + len) set to a bad value */
static void hostile_field(struct sim_dev *dev, uint64_t *rng, uint32_t off, uint32_t len)
{
	uint32_t at;

	if (len < 4)
		return;
	if (hostile_rand(rng) < 0.5) {
		at = off + 4 * hostile_u32(rng, len / 4);
		sim_w32(dev->shm + at, hostile_value(rng));
	} else {
		at = off + 2 * hostile_u32(rng, len / 2);
		sim_w16(dev->shm + at, (uint16_t)hostile_value(rng));
	}
}

static void hostile_ident(struct sim_dev *dev, uint64_t *rng, unsigned int variant)
{
	uint8_t *id = dev->shm;
	unsigned int i;

	switch (variant % 4) {
	case 0:	/* counts and offsets beyond the window */
		sim_w16(id + offsetof(struct cpo_hw_ident, n_lanes), 0xffff);
		sim_w32(id + offsetof(struct cpo_hw_ident, telem_off), 0xfffffff0);
		hostile_fill(dev, rng, offsetof(struct cpo_hw_ident, caps), 64, 4);
		break;
	case 1:	/* one field of the block */
		hostile_field(dev, rng, 0, sizeof(struct cpo_hw_ident));
		break;
	case 2:	/* strings without their NUL */
		for (i = 0; i < 3 * CPO_HW_STR_LEN; i++)
			id[offsetof(struct cpo_hw_ident, model) + i] =
				1 + hostile_u32(rng, 255);
		break;
	default:	/* bytes anywhere in it */
		hostile_fill(dev, rng, 0, sizeof(struct cpo_hw_ident), 8);
		break;
	}
}

static void hostile_topology(struct sim_dev *dev, uint64_t *rng, unsigned int variant)
{
	const struct sim_layout *lay = &dev->lay;
	uint32_t len = lay->telem_off - lay->oe_table_off;

	if (variant % 2)	/* references to objects that do not exist */
		hostile_field(dev, rng, lay->oe_table_off, len);
	else
		hostile_fill(dev, rng, lay->oe_table_off, len, 64);
}

static void hostile_telemetry(struct sim_dev *dev, uint64_t *rng, unsigned int variant)
{
	const struct sim_layout *lay = &dev->lay;
	uint8_t *gen = dev->shm + lay->telem_off +
		       offsetof(struct cpo_hw_telem_hdr, generation);
	uint32_t hdr = sizeof(struct cpo_hw_telem_hdr);

	switch (variant % 4) {
	case 0:	/* torn: odd until the next update period */
		sim_w32(gen, dev->generation | 1);
		break;
	case 1:	/* a generation that jumps */
		sim_w32(gen, hostile_value(rng) & ~1u);
		break;
	case 2:	/* states, flags and values out of range */
		hostile_field(dev, rng, lay->telem_off + hdr, lay->telem_size - hdr);
		break;
	default:
		hostile_fill(dev, rng, lay->telem_off + hdr, lay->telem_size - hdr, 64);
		break;
	}
}

static void hostile_thresh(struct sim_dev *dev, uint64_t *rng, unsigned int variant)
{
	uint32_t len = CPO_HW_Q_MAX * sizeof(struct cpo_hw_thresh);

	if (variant % 2)	/* thresholds out of CMIS order, out of range */
		hostile_field(dev, rng, dev->lay.thresh_off, len);
	else
		hostile_fill(dev, rng, dev->lay.thresh_off, len, 16);
}

static void hostile_ring(struct sim_dev *dev, uint64_t *rng, unsigned int variant)
{
	const struct sim_layout *lay = &dev->lay;
	uint8_t *r = dev->shm + lay->evring_off;
	uint32_t tail = sim_r32(r + offsetof(struct cpo_hw_evring, tail));
	uint32_t head;

	switch (variant % 4) {
	case 0:	/* head far beyond the tail */
		head = dev->ev_head + 0x40000000u;
		break;
	case 1:	/* head behind the tail */
		head = tail - 1 - hostile_u32(rng, lay->evring_entries);
		break;
	case 2:	/* a few garbage entries past the tail */
		head = tail + 1 + hostile_u32(rng, lay->evring_entries);
		break;
	default:
		head = hostile_value(rng);
		break;
	}
	sim_w32(r + offsetof(struct cpo_hw_evring, head), head);
	if (hostile_rand(rng) < 0.5)
		sim_w32(r + offsetof(struct cpo_hw_evring, overflow), hostile_value(rng));
	hostile_fill(dev, rng, lay->evring_off + sizeof(struct cpo_hw_evring),
		     lay->evring_entries * sizeof(struct cpo_hw_event), 32);
	dev->irq_event_pending = true;
}

static void hostile_mailbox(struct sim_dev *dev, uint64_t *rng, unsigned int variant)
{
	uint8_t *r = dev->shm + dev->lay.mbox_off;
	uint32_t seq = sim_r32(r + offsetof(struct cpo_hw_mbox, seq));

	switch (variant % 3) {
	case 0:	/* a completion nobody asked for, resp_len beyond resp[] */
		sim_w32(r + offsetof(struct cpo_hw_mbox, done_seq),
			(uint32_t)(hostile_rand(rng) * 4e9));
		sim_w16(r + offsetof(struct cpo_hw_mbox, status), 0xbeef);
		sim_w16(r + offsetof(struct cpo_hw_mbox, resp_len), 0xffff);
		break;
	case 1:	/* the next command completes at once, with garbage */
		sim_w32(r + offsetof(struct cpo_hw_mbox, done_seq), seq + 1);
		sim_w16(r + offsetof(struct cpo_hw_mbox, status),
			(uint16_t)hostile_value(rng));
		sim_w16(r + offsetof(struct cpo_hw_mbox, resp_len),
			(uint16_t)hostile_value(rng));
		hostile_fill(dev, rng, dev->lay.mbox_off + offsetof(struct cpo_hw_mbox, resp),
			     CPO_HW_MBOX_RESP_LEN, 16);
		break;
	default:	/* bytes anywhere in it */
		hostile_fill(dev, rng, dev->lay.mbox_off, sizeof(struct cpo_hw_mbox), 16);
		break;
	}
	dev->irq_mbox_pending = true;
}

/* one round of garbage into region @i; @variant picks its kind */
static void hostile_round(struct sim_dev *dev, uint64_t *rng, unsigned int i,
			  unsigned int variant)
{
	switch (i) {
	case H_IDENT:
		hostile_ident(dev, rng, variant);
		break;
	case H_TOPOLOGY:
		hostile_topology(dev, rng, variant);
		break;
	case H_TELEMETRY:
		hostile_telemetry(dev, rng, variant);
		break;
	case H_THRESH:
		hostile_thresh(dev, rng, variant);
		break;
	case H_RING:
		hostile_ring(dev, rng, variant);
		break;
	default:
		hostile_mailbox(dev, rng, variant);
		break;
	}
}

/* a region's index, H_NR for "random", -1 for none */
static int hostile_region_of(const char *name)
{
	size_t i;

	if (!strcmp(name, "random"))
		return H_NR;
	for (i = 0; i < SIM_ARRAY_SIZE(hostile_regions); i++)
		if (!strcmp(name, hostile_regions[i]))
			return i;
	return -1;
}

static int sim_hostile(struct sim_dev *dev, const char *region, char *out, size_t outlen)
{
	int i = hostile_region_of(region ? region : "random");

	if (i < 0) {
		snprintf(out, outlen, "unknown region '%s' (ident topology telemetry thresh ring mailbox random)",
			 region);
		return -EINVAL;
	}
	if (i == H_NR)
		i = hostile_u32(&dev->rng, H_NR);
	/* garbage bytes in the telemetry records, the first kind elsewhere */
	hostile_round(dev, &dev->rng, i, i == H_TELEMETRY ? 3 : 0);
	snprintf(out, outlen, "hostile %s", hostile_regions[i]);
	return 0;
}

static void hostile_run_round(struct sim_dev *dev)
{
	unsigned int i = dev->hostile.region;

	if (i >= H_NR)
		i = hostile_u32(&dev->hostile.rng, H_NR);
	hostile_round(dev, &dev->hostile.rng, i, hostile_u32(&dev->hostile.rng, 12));
	dev->hostile.done[i]++;
	dev->hostile.left--;
}

/* from sim_dev_tick(): this period's rounds of a hostile-run */
void sim_hostile_tick(struct sim_dev *dev)
{
	unsigned int n;

	for (n = 0; n < dev->hostile.per_tick && dev->hostile.left; n++)
		hostile_run_round(dev);
}

static int hostile_status(struct sim_dev *dev, char *out, size_t outlen)
{
	size_t off;
	unsigned int i, total = 0;

	for (i = 0; i < H_NR; i++)
		total += dev->hostile.done[i];
	off = snprintf(out, outlen, "seed=%llu left=%u rounds=%u",
		       (unsigned long long)dev->hostile.seed, dev->hostile.left, total);
	for (i = 0; i < H_NR && off < outlen; i++)
		off += snprintf(out + off, outlen - off, " %s=%u", hostile_regions[i],
				dev->hostile.done[i]);
	return 0;
}

/*
 * From 'repair': the run stops, and the device-written halves of the ring
 * header and of the mailbox get the model's own values back.
 */
void sim_hostile_repair(struct sim_dev *dev)
{
	uint8_t *r = dev->shm + dev->lay.evring_off;
	uint8_t *mb = dev->shm + dev->lay.mbox_off;

	dev->hostile.left = 0;
	sim_w32(r + offsetof(struct cpo_hw_evring, head), dev->ev_head);
	sim_w32(r + offsetof(struct cpo_hw_evring, overflow), dev->ev_overflow);
	sim_w16(mb + offsetof(struct cpo_hw_mbox, status), CPO_HW_ST_OK);
	sim_w16(mb + offsetof(struct cpo_hw_mbox, resp_len), 0);
	sim_w32(mb + offsetof(struct cpo_hw_mbox, done_seq), dev->mbox_done);
}

/*
 * hostile-run SEED ROUNDS [REGION|random [PER_PERIOD|now]]: ROUNDS seeded
 * rounds, PER_PERIOD (1) each update period or all now; the same seed
 * writes the same garbage.  hostile-run status|stop.
 */
static int sim_hostile_run(struct sim_dev *dev, int argc, char **argv,
			   char *out, size_t outlen)
{
	unsigned long seed, rounds, per = 1;
	int region = H_NR;
	bool now = false;

	if (argc == 2 && !strcmp(argv[1], "status"))
		return hostile_status(dev, out, outlen);
	if (argc == 2 && !strcmp(argv[1], "stop")) {
		dev->hostile.left = 0;
		return hostile_status(dev, out, outlen);
	}
	if (argc >= 4)
		region = hostile_region_of(argv[3]);
	if (argc == 5 && !strcmp(argv[4], "now"))
		now = true;
	if (argc < 3 || argc > 5 || arg_uint(argv[1], UINT64_MAX, &seed) ||
	    arg_uint(argv[2], 10000000, &rounds) || region < 0 ||
	    (argc == 5 && !now && (arg_uint(argv[4], 10000, &per) || !per))) {
		snprintf(out, outlen,
			 "hostile-run SEED ROUNDS [ident|topology|telemetry|thresh|ring|mailbox|random [PER_PERIOD|now]] | status | stop");
		return -EINVAL;
	}
	memset(&dev->hostile, 0, sizeof(dev->hostile));
	dev->hostile.seed = seed;
	/* xorshift must not start at 0 */
	dev->hostile.rng = seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	dev->hostile.region = region;
	dev->hostile.left = rounds;
	dev->hostile.per_tick = per;
	while (now && dev->hostile.left)
		hostile_run_round(dev);
	return hostile_status(dev, out, outlen);
}

static int need_idx(int argc, char **argv, unsigned int n, const char *what,
		    unsigned long *idx, char *out, size_t outlen)
{
	if (argc < 2 || arg_uint(argv[1], n ? n - 1 : 0, idx) || !n) {
		snprintf(out, outlen, "%s wants %s index 0..%u", argv[0], what, n ? n - 1 : 0);
		return -EINVAL;
	}
	return 0;
}

/* the transient slot states els-hold can keep a slot in */
static const char *const els_hold_names[] = {
	[CPO_HW_ELS_ST_PROBING] = "probing",
	[CPO_HW_ELS_ST_FIBER_CHECK] = "fiber-check",
	[CPO_HW_ELS_ST_RAMPING] = "ramping",
	[CPO_HW_ELS_ST_REMOVING] = "removing",
};

static const char *const status_names[] = {
	"ok", "bad-arg", "busy", "not-present", "unsupported", "failed",
};

/*
 * Returns 0 with a short text in out, -errno with the message in out, or
 * 1 if argv[0] is not a fault command.
 */
int sim_fault_cmd(struct sim_dev *dev, int argc, char **argv, char *out, size_t outlen)
{
	const char *cmd = argv[0];
	unsigned long idx, v;
	double d;
	bool on;
	size_t i;

	out[0] = '\0';
	if (!strcmp(cmd, "laser-degrade")) {
		if (need_idx(argc, argv, dev->n_lasers, "laser", &idx, out, outlen))
			return -EINVAL;
		if (argc < 3 || arg_double(argv[2], 0, 1e6, &d)) {
			snprintf(out, outlen, "laser-degrade IDX RATE (%% slope loss per 1000 h)");
			return -EINVAL;
		}
		dev->laser[idx].aging = d / 100.0 / 1000.0;
		snprintf(out, outlen, "laser %lu aging %g %%/kh", idx, d);
		return 0;
	}
	if (!strcmp(cmd, "laser-age")) {
		if (need_idx(argc, argv, dev->n_lasers, "laser", &idx, out, outlen))
			return -EINVAL;
		if (argc < 3 || arg_double(argv[2], 0, 1e7, &d)) {
			snprintf(out, outlen, "laser-age IDX HOURS");
			return -EINVAL;
		}
		dev->laser[idx].age_h = d;
		snprintf(out, outlen, "laser %lu age %g h", idx, d);
		return 0;
	}
	if (!strcmp(cmd, "path-loss")) {
		if (need_idx(argc, argv, dev->n_lasers, "laser", &idx, out, outlen))
			return -EINVAL;
		if (argc < 3 || arg_double(argv[2], -10, 30, &d)) {
			snprintf(out, outlen, "path-loss LASER DB (extra ELS->engine loss, -10..30)");
			return -EINVAL;
		}
		dev->laser[idx].path_extra_db = d;
		dev->laser[idx].path_drift_db_h = 0;
		snprintf(out, outlen, "laser %lu path extra loss %g dB", idx, d);
		return 0;
	}
	if (!strcmp(cmd, "path-drift")) {
		if (need_idx(argc, argv, dev->n_lasers, "laser", &idx, out, outlen))
			return -EINVAL;
		if (argc < 3 || arg_double(argv[2], -36000, 36000, &d)) {
			snprintf(out, outlen, "path-drift LASER DB_PER_HOUR (-36000..36000, 0 stops)");
			return -EINVAL;
		}
		dev->laser[idx].path_drift_db_h = d;
		snprintf(out, outlen, "laser %lu path drift %g dB/h", idx, d);
		return 0;
	}
	if (!strcmp(cmd, "laser-fail")) {
		bool now = argc == 4 && !strcmp(argv[3], "now");

		if (need_idx(argc, argv, dev->n_lasers, "laser", &idx, out, outlen) ||
		    arg_onoff(argc, argv, 2, &on) || (argc > 3 && !now)) {
			snprintf(out, outlen, "laser-fail IDX [on|off] [now]");
			return -EINVAL;
		}
		dev->laser[idx].failed = on;
		if (!on && dev->laser[idx].fault != CPO_HW_LASER_FAULT_TEMP)
			dev->laser[idx].fault = CPO_HW_LASER_FAULT_NONE;
		if (now)
			sim_phys_laser_now(dev, idx);
		snprintf(out, outlen, "laser %lu %s", idx, on ? "failed" : "repaired");
		return 0;
	}
	if (!strcmp(cmd, "els-pull") || !strcmp(cmd, "els-insert")) {
		if (need_idx(argc, argv, dev->n_els, "slot", &idx, out, outlen))
			return -EINVAL;
		if (cmd[4] == 'p') {
			if (!dev->els[idx].present) {
				snprintf(out, outlen, "slot %lu is empty", idx);
				return -ENODEV;
			}
			sim_els_pull(dev, idx);
		} else {
			if (dev->els[idx].present) {
				snprintf(out, outlen, "slot %lu is occupied", idx);
				return -EBUSY;
			}
			sim_els_insert(dev, idx);
		}
		snprintf(out, outlen, "slot %lu %s", idx, cmd[4] == 'p' ? "pulled" : "inserted");
		return 0;
	}
	if (!strcmp(cmd, "els-hold")) {
		/*
		 * Keep a slot in one transient state (a fiber check that does
		 * not end, a ramp that hangs) until released.
		 */
		int st = -1;

		if (need_idx(argc, argv, dev->n_els, "slot", &idx, out, outlen))
			return -EINVAL;
		if (argc == 3 && !strcmp(argv[2], "off"))
			st = 0;
		for (i = 0; argc == 3 && i < SIM_ARRAY_SIZE(els_hold_names); i++)
			if (els_hold_names[i] && !strcmp(argv[2], els_hold_names[i]))
				st = i;
		if (st < 0) {
			snprintf(out, outlen,
				 "els-hold SLOT probing|fiber-check|ramping|removing|off");
			return -EINVAL;
		}
		dev->els[idx].hold = st;
		snprintf(out, outlen, "slot %lu %s%s", idx, st ? "held in " : "released",
			 st ? els_hold_names[st] : "");
		return 0;
	}
	if (!strcmp(cmd, "fiber-cut") || !strcmp(cmd, "fiber-restore")) {
		if (need_idx(argc, argv, dev->n_ports, "port", &idx, out, outlen))
			return -EINVAL;
		dev->port[idx].fiber_cut = cmd[6] == 'c';
		snprintf(out, outlen, "port %lu fiber %s", idx, cmd[6] == 'c' ? "cut" : "restored");
		return 0;
	}
	if (!strcmp(cmd, "oe-overtemp")) {
		if (need_idx(argc, argv, dev->n_oe, "oe", &idx, out, outlen) ||
		    arg_onoff(argc, argv, 2, &on)) {
			snprintf(out, outlen, "oe-overtemp IDX [on|off]");
			return -EINVAL;
		}
		dev->oe[idx].overtemp = on;
		snprintf(out, outlen, "oe %lu cooling %s", idx, on ? "lost" : "restored");
		return 0;
	}
	if (!strcmp(cmd, "tec-runaway")) {
		if (need_idx(argc, argv, dev->n_els, "slot", &idx, out, outlen) ||
		    arg_onoff(argc, argv, 2, &on)) {
			snprintf(out, outlen, "tec-runaway SLOT [on|off]");
			return -EINVAL;
		}
		if (!dev->els[idx].present) {
			snprintf(out, outlen, "slot %lu is empty", idx);
			return -ENODEV;
		}
		dev->els[idx].tec_runaway = on;
		snprintf(out, outlen, "slot %lu tec runaway %s", idx, on ? "on" : "off");
		return 0;
	}
	if (!strcmp(cmd, "mbox-error")) {
		if (argc < 2) {
			snprintf(out, outlen, "mbox-error STATUS|off (the next command answers STATUS)");
			return -EINVAL;
		}
		for (i = 0; i < SIM_ARRAY_SIZE(status_names); i++)
			if (!strcmp(argv[1], status_names[i]))
				break;
		if (i < SIM_ARRAY_SIZE(status_names))
			v = i;
		else if (!strcmp(argv[1], "off"))
			v = 0;
		else if (arg_uint(argv[1], 0xffff, &v)) {
			snprintf(out, outlen, "mbox-error STATUS (0-65535 or ok bad-arg busy not-present unsupported failed)");
			return -EINVAL;
		}
		if (v == CPO_HW_ST_OK || !strcmp(argv[1], "off")) {
			dev->mbox_force_status = -1;
			snprintf(out, outlen, "mailbox errors off");
			return 0;
		}
		dev->mbox_force_status = v;
		snprintf(out, outlen, "next command answers %lu", v);
		return 0;
	}
	if (!strcmp(cmd, "event-storm")) {
		if (argc < 2 || arg_uint(argv[1], 1000000, &v)) {
			snprintf(out, outlen, "event-storm N (0..1000000)");
			return -EINVAL;
		}
		dev->storm_left = v;
		snprintf(out, outlen, "%lu events queued", v);
		return 0;
	}
	if (!strcmp(cmd, "event-forge")) {
		/*
		 * A firmware that lies: one event, pushed through the ring like
		 * any other, that need not match the model's state.
		 */
		unsigned long type, obj_type, obj;
		long val[2] = { 0, 0 };
		char *end;
		int i;

		if (argc < 5 || argc > 6 || arg_uint(argv[1], 0xffff, &type) ||
		    arg_uint(argv[2], 0xff, &obj_type) ||
		    arg_uint(argv[3], UINT32_MAX, &obj)) {
			snprintf(out, outlen, "event-forge TYPE OBJ_TYPE OBJ VALUE [THRESHOLD]");
			return -EINVAL;
		}
		for (i = 0; i < argc - 4; i++) {
			errno = 0;
			val[i] = strtol(argv[4 + i], &end, 0);
			if (errno || !*argv[4 + i] || *end || val[i] < INT32_MIN ||
			    val[i] > INT32_MAX) {
				snprintf(out, outlen, "event-forge: bad value '%s'", argv[4 + i]);
				return -EINVAL;
			}
		}
		sim_ev_push(dev, type, obj_type, obj, 0, 0, val[0], val[1]);
		snprintf(out, outlen, "event type %lu object %lu/%lu queued", type, obj_type, obj);
		return 0;
	}
	if (!strncmp(cmd, "fw-", 3))
		return sim_fw_ctl(dev, argc, argv, out, outlen);
	if (!strcmp(cmd, "hostile"))
		return sim_hostile(dev, argc > 1 ? argv[1] : NULL, out, outlen);
	if (!strcmp(cmd, "hostile-run"))
		return sim_hostile_run(dev, argc, argv, out, outlen);
	if (!strcmp(cmd, "accel")) {
		if (argc < 2 || arg_double(argv[1], 0, 1e9, &d)) {
			snprintf(out, outlen, "accel X (0..1e9 model seconds per second)");
			return -EINVAL;
		}
		dev->accel = d;
		snprintf(out, outlen, "accel %g", d);
		return 0;
	}
	if (!strcmp(cmd, "i2c-khz")) {
		if (argc < 2 || arg_uint(argv[1], SIM_I2C_KHZ_MAX, &v)) {
			snprintf(out, outlen, "i2c-khz K (0..%d, 0: CMIS reads cost no bus time)",
				 SIM_I2C_KHZ_MAX);
			return -EINVAL;
		}
		dev->i2c_khz = v;
		snprintf(out, outlen, "i2c %lu kHz", v);
		return 0;
	}
	if (!strcmp(cmd, "set-ambient")) {
		if (argc < 2 || arg_double(argv[1], -40, 85, &d)) {
			snprintf(out, outlen, "set-ambient DEGC (-40..85)");
			return -EINVAL;
		}
		dev->prof.ambient_c = d;
		snprintf(out, outlen, "ambient %g degC", d);
		return 0;
	}
	return 1;
}
