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
		a->enabled = !(dev->t_laser[te->first_laser + k].flags & CPO_HW_F_SPARE);
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

/* hostile: garbage into a region of the window, or a random one */
static const char *const hostile_regions[] = {
	"ident", "topology", "telemetry", "thresh", "ring", "mailbox",
};

static void hostile_fill(struct sim_dev *dev, uint32_t off, uint32_t len, unsigned int n)
{
	unsigned int i, j, span;
	uint32_t at;

	if (!len)
		return;
	for (i = 0; i < n; i++) {
		span = 1 + (unsigned int)(sim_rand(dev) * 8);
		at = off + (uint32_t)(sim_rand(dev) * len);
		for (j = 0; j < span && at + j < off + len; j++)
			dev->shm[at + j] = (uint8_t)(sim_rand(dev) * 256);
	}
}

static int sim_hostile(struct sim_dev *dev, const char *region, char *out, size_t outlen)
{
	const struct sim_layout *lay = &dev->lay;
	uint8_t *r;
	size_t i;

	if (!region || !strcmp(region, "random"))
		region = hostile_regions[(size_t)(sim_rand(dev) * SIM_ARRAY_SIZE(hostile_regions))];
	for (i = 0; i < SIM_ARRAY_SIZE(hostile_regions); i++)
		if (!strcmp(region, hostile_regions[i]))
			break;
	if (i == SIM_ARRAY_SIZE(hostile_regions)) {
		snprintf(out, outlen, "unknown region '%s' (ident topology telemetry thresh ring mailbox random)",
			 region);
		return -EINVAL;
	}
	switch (i) {
	case 0:	/* counts and offsets beyond the window */
		sim_w16(dev->shm + offsetof(struct cpo_hw_ident, n_lanes), 0xffff);
		sim_w32(dev->shm + offsetof(struct cpo_hw_ident, telem_off), 0xfffffff0);
		hostile_fill(dev, offsetof(struct cpo_hw_ident, caps), 64, 4);
		break;
	case 1:	/* references to objects that do not exist */
		hostile_fill(dev, lay->oe_table_off, lay->telem_off - lay->oe_table_off, 64);
		break;
	case 2:	/* states and flags out of range; the next update rewrites */
		hostile_fill(dev, lay->telem_off + sizeof(struct cpo_hw_telem_hdr),
			     lay->telem_size - sizeof(struct cpo_hw_telem_hdr), 64);
		break;
	case 3:	/* thresholds out of CMIS order */
		hostile_fill(dev, lay->thresh_off, CPO_HW_Q_MAX * sizeof(struct cpo_hw_thresh), 16);
		break;
	case 4:	/* head far beyond tail, garbage entries */
		r = dev->shm + lay->evring_off;
		sim_w32(r + offsetof(struct cpo_hw_evring, head),
			dev->ev_head + 0x40000000u);
		hostile_fill(dev, lay->evring_off + sizeof(struct cpo_hw_evring),
			     lay->evring_entries * sizeof(struct cpo_hw_event), 32);
		dev->irq_event_pending = true;
		break;
	default:	/* a completion nobody asked for, resp_len beyond resp[] */
		r = dev->shm + lay->mbox_off;
		sim_w32(r + offsetof(struct cpo_hw_mbox, done_seq), (uint32_t)(sim_rand(dev) * 4e9));
		sim_w16(r + offsetof(struct cpo_hw_mbox, status), 0xbeef);
		sim_w16(r + offsetof(struct cpo_hw_mbox, resp_len), 0xffff);
		dev->irq_mbox_pending = true;
		break;
	}
	snprintf(out, outlen, "hostile %s", hostile_regions[i]);
	return 0;
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
	if (!strcmp(cmd, "laser-fail")) {
		if (need_idx(argc, argv, dev->n_lasers, "laser", &idx, out, outlen) ||
		    arg_onoff(argc, argv, 2, &on)) {
			snprintf(out, outlen, "laser-fail IDX [on|off]");
			return -EINVAL;
		}
		dev->laser[idx].failed = on;
		if (!on && dev->laser[idx].fault != CPO_HW_LASER_FAULT_TEMP)
			dev->laser[idx].fault = CPO_HW_LASER_FAULT_NONE;
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
	if (!strcmp(cmd, "hostile"))
		return sim_hostile(dev, argc > 1 ? argv[1] : NULL, out, outlen);
	if (!strcmp(cmd, "accel")) {
		if (argc < 2 || arg_double(argv[1], 0, 1e9, &d)) {
			snprintf(out, outlen, "accel X (0..1e9 model seconds per second)");
			return -EINVAL;
		}
		dev->accel = d;
		snprintf(out, outlen, "accel %g", d);
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
