// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim physics, stepped once per update period by dt model seconds.
 *
 * Lasers: P = S(T, age) * (I - Ith(T, age)), with the threshold rising
 * and the slope efficiency falling with temperature (characteristic
 * temperatures T0, T1) and with powered-on age.  APC raises the bias to hold
 * the power setpoint until the drive limit, where the loop gives up (fault
 * APC); ACC holds the current and lets the power fall.
 * ELSFP: a TEC holds the lasers at their setpoint; its current grows with
 * the case temperature, itself ambient plus module power over a thermal
 * resistance.  Engines: coolant plus ASIC load over a thermal resistance.
 * Lanes: the laser's power split over the lanes it feeds, minus coupling and
 * modulator loss; Rx: the far end's launch minus the port's link loss.
 * The ELS -> engine path: each laser's light reaches its engine through a
 * fibre and connectors with a nominal loss (profile path-loss-db, 1.5 dB,
 * plus a 0.15 dB manufacturing spread, already part of the lanes' loss);
 * the engine measures what arrives (its input power from the laser, with
 * 0.01 dB of monitor noise).  An injected extra loss (dirt, a bent fibre)
 * adds to the path and lowers every lane the laser feeds.
 * VDM-style diagnostics: life used is the slope loss against the
 * end-of-life criterion, a slope efficiency down by a third (under APC the
 * bias near 1.5 times its BOL value at the usual ith << bias); frequency
 * error is the laser's distance from its TEC setpoint at -17.5 GHz/K (a
 * DFB's 0.1 nm/K at 1311 nm).
 * All relaxations are exponential in dt so huge steps (--accel) stay stable.
 */
#include <math.h>
#include <string.h>

#include "model.h"

#define PHYS_T0_K		60.0	/* threshold current characteristic temp */
#define PHYS_T1_K		150.0	/* slope efficiency characteristic temp */
#define PHYS_ITH_AGING		0.5	/* Ith growth per unit of slope loss */
#define PHYS_MAX_DEGRADE	0.95
#define PHYS_ELS_BASE_W		2.0	/* module electronics */
#define PHYS_ELS_RTH		1.2	/* K/W case to ambient */
#define PHYS_TEC_MA_PER_K	60.0
#define PHYS_TEC_MAX_MA		1500.0
#define PHYS_LASER_RISE_K	15.0	/* laser junction over case, TEC idle */
#define PHYS_TAU_S		20.0	/* ELSFP thermal time constant */
#define PHYS_OE_TAU_S		5.0	/* engine in the package: small mass */
#define PHYS_LASER_TEMP_FAULT	75.0	/* degC: laser shuts down */
#define PHYS_OE_SHUTDOWN	95.0	/* degC: engine shuts down */
#define PHYS_OE_RESTART		85.0
#define PHYS_OE_OVERTEMP_K	80.0	/* extra rise when cooling is lost */
#define PHYS_VCC_MV		3300.0
#define PHYS_FIBER_CHECK_MW	1.0	/* OIF-ELSFP page 1Ah byte 248 */
#define PHYS_TX_LOS_UW		10.0	/* -20 dBm */
#define PHYS_RX_LOS_UW		30.0	/* about -15 dBm */
#define PHYS_RAMP_STEP		0.25	/* setpoint fraction per update period */
#define PHYS_PATH_SPREAD_DB	0.15	/* ELS -> engine loss, one sigma */
#define PHYS_PATH_NOISE_DB	0.01	/* the engine's input monitor */
#define PHYS_PATH_EXTRA_MIN	-10.0	/* dB of extra loss the model holds */
#define PHYS_PATH_EXTRA_MAX	30.0
#define PHYS_EOL_DEGRADE	(1.0 / 3.0)	/* slope loss at end of life */
#define PHYS_FREQ_MHZ_PER_K	(-17500.0)

/* xorshift64*: small, seeded, reproducible */
static double xs_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return (double)((x * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

static double xs_gauss(uint64_t *state)
{
	double u1 = xs_rand(state), u2 = xs_rand(state);

	if (u1 < 1e-12)
		u1 = 1e-12;
	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

double sim_rand(struct sim_dev *dev)
{
	return xs_rand(&dev->rng);
}

double sim_gauss(struct sim_dev *dev)
{
	return xs_gauss(&dev->rng);
}

/*
 * The ELS -> engine path draws from its own stream, so the rest of the
 * model sees the numbers it saw before the path existed.
 */
static double vdm_gauss(struct sim_dev *dev)
{
	if (!dev->vdm_rng)
		dev->vdm_rng = (dev->rng ^ 0x5bd1e9955bd1e995ULL) | 1;
	return xs_gauss(&dev->vdm_rng);
}

double sim_dbm_to_mw(double dbm)
{
	return pow(10.0, dbm / 10.0);
}

double sim_mw_to_dbm(double mw)
{
	return mw > 0 ? 10.0 * log10(mw) : -40.0;
}

static double relax(double x, double target, double dt, double tau)
{
	return target + (x - target) * exp(-dt / tau);
}

static double laser_degrade(const struct sim_laser *a)
{
	double d = a->aging * a->age_h;

	return d > PHYS_MAX_DEGRADE ? PHYS_MAX_DEGRADE : d;
}

bool sim_laser_lit(const struct sim_laser *a)
{
	return a->power_mw > 0;
}

/* life used, percent: 0 at BOL, 100 at the end-of-life criterion */
double sim_laser_age_pct(const struct sim_laser *a)
{
	double pct = laser_degrade(a) / PHYS_EOL_DEGRADE * 100.0;

	return pct < 0 ? 0 : pct > 100.0 ? 100.0 : pct;
}

/* the loss the engine sees from the laser, dB; NaN while it is dark */
double sim_laser_path_loss_db(const struct sim_laser *a)
{
	if (!sim_laser_lit(a) || !(a->oe_in_mw > 0))
		return NAN;
	return 10.0 * log10(a->power_mw / a->oe_in_mw);
}

static double laser_ith(const struct sim_laser *a, double t)
{
	return a->ith_ma * exp((t - 25.0) / PHYS_T0_K) * (1.0 + PHYS_ITH_AGING * laser_degrade(a));
}

static double laser_slope(const struct sim_laser *a, double t)
{
	return a->slope * exp(-(t - 25.0) / PHYS_T1_K) * (1.0 - laser_degrade(a));
}

/* beginning-of-life operating point at the TEC setpoint; the setpoint */
void sim_laser_bol(struct sim_dev *dev, struct sim_laser *a)
{
	const struct sim_profile *p = &dev->prof;
	double t = p->laser_temp_c;

	a->bol_power_mw = p->laser_power_mw;
	a->bol_bias_ma = a->ith_ma * exp((t - 25.0) / PHYS_T0_K) +
			 p->laser_power_mw / (a->slope * exp(-(t - 25.0) / PHYS_T1_K));
	a->setpoint = a->mode == CPO_HW_LASER_MODE_APC ? p->laser_power_mw : a->bol_bias_ma;
}

void sim_phys_init(struct sim_dev *dev)
{
	const struct sim_profile *p = &dev->prof;
	unsigned int i;

	for (i = 0; i < dev->n_oe; i++) {
		struct sim_oe *o = &dev->oe[i];

		memset(o, 0, sizeof(*o));
		if (dev->t_oe[i].flags & (CPO_HW_F_SPARE | CPO_HW_F_OUT_OF_SERVICE)) {
			o->state = CPO_HW_OE_ST_OFF;
			o->temp_c = p->coolant_c;
			continue;
		}
		o->state = CPO_HW_OE_ST_READY;
		o->temp_c = p->coolant_c + p->oe_rth * p->asic_load;
		o->vcc_mv = PHYS_VCC_MV;
	}
	for (i = 0; i < dev->n_ports; i++) {
		struct sim_port *pt = &dev->port[i];

		memset(pt, 0, sizeof(*pt));
		pt->link_loss_db = isnan(p->port_link_loss[i]) ? p->link_loss_db :
				   p->port_link_loss[i];
	}
	for (i = 0; i < dev->n_lanes; i++) {
		struct sim_lane *l = &dev->lane[i];

		memset(l, 0, sizeof(*l));
		/* manufacturing spread of coupling loss and far-end launch */
		l->loss_db = p->lane_loss_db + 0.3 * sim_gauss(dev);
		l->far_dbm = p->far_tx_dbm + 0.4 * sim_gauss(dev);
		l->enabled = dev->t_lane[i].port != CPO_HW_NONE;
		l->state = CPO_HW_LANE_ST_DEACTIVATED;
	}
	for (i = 0; i < dev->n_els; i++) {
		struct sim_els *e = &dev->els[i];

		memset(e, 0, sizeof(*e));
		e->present = true;
		e->state = CPO_HW_ELS_ST_ON;
		e->insertions = 1;
		e->temp_c = p->ambient_c + 10.0;
		e->vcc_mv = PHYS_VCC_MV;
	}
	for (i = 0; i < dev->n_lasers; i++) {
		struct sim_laser *a = &dev->laser[i];
		bool spare = dev->t_laser[i].flags & (CPO_HW_F_SPARE | CPO_HW_F_OUT_OF_SERVICE);

		memset(a, 0, sizeof(*a));
		a->ith_ma = p->laser_ith_ma * (1.0 + 0.05 * sim_gauss(dev));
		a->slope = p->laser_slope * (1.0 + 0.03 * sim_gauss(dev));
		a->aging = (isnan(p->laser_rate[i]) ? p->aging_pct_per_khour : p->laser_rate[i]) /
			   100.0 / 1000.0;
		a->age_h = p->laser_age_h[i];
		a->mode = p->laser_mode_of[i] >= 0 ? p->laser_mode_of[i] : p->laser_mode;
		a->temp_c = p->laser_temp_c;
		a->bol_power_mw = p->laser_power_mw;
		sim_laser_bol(dev, a);
		a->enabled = !spare;
		a->ramp = a->enabled ? 1.0 : 0.0;
		a->state = a->enabled ? CPO_HW_LASER_ST_ON : CPO_HW_LASER_ST_OFF;
		a->fiber_checked = true;
		a->path_nom_db = fmax(0.0, p->path_loss_db + PHYS_PATH_SPREAD_DB * vdm_gauss(dev));
	}
}

void sim_laser_set_enable(struct sim_dev *dev, unsigned int idx, bool on)
{
	struct sim_laser *a = &dev->laser[idx];

	/* replaced by a spare: dark for good, whoever asks (CMIS writes too) */
	if (on && dev->t_laser[idx].flags & CPO_HW_F_OUT_OF_SERVICE)
		return;
	if (a->enabled == on)
		return;
	a->enabled = on;
	if (!on) {
		a->ramp = 0;
		if (a->fault != CPO_HW_LASER_FAULT_TEMP)
			a->fault = CPO_HW_LASER_FAULT_NONE;
	}
}

/*
 * TEC current to hold the lasers at their setpoint: positive cools.  The
 * lasers run PHYS_LASER_RISE_K above the case when the TEC is idle.
 */
static double tec_need(const struct sim_profile *p, const struct sim_els *e)
{
	return PHYS_TEC_MA_PER_K * (e->temp_c + PHYS_LASER_RISE_K - p->laser_temp_c);
}

static void laser_event(struct sim_dev *dev, unsigned int i, int state, int fault)
{
	struct sim_laser *a = &dev->laser[i];

	if (a->state == state && a->fault == fault)
		return;
	a->state = state;
	a->fault = fault;
	sim_ev_push(dev, CPO_HW_EV_LASER_STATE, CPO_HW_OBJ_LASER, i, 0, 0, state, fault);
}

/* the extra loss's drift, the engine's input and the frequency error */
static void laser_path_step(struct sim_dev *dev, struct sim_laser *a, double dt)
{
	if (a->path_drift_db_h != 0)
		a->path_extra_db = fmin(PHYS_PATH_EXTRA_MAX,
					fmax(PHYS_PATH_EXTRA_MIN,
					     a->path_extra_db + a->path_drift_db_h * dt / 3600.0));
	a->oe_in_mw = 0;
	a->freq_err_mhz = 0;
	if (!sim_laser_lit(a))
		return;
	a->oe_in_mw = sim_dbm_to_mw(sim_mw_to_dbm(a->power_mw) - a->path_nom_db -
				    a->path_extra_db + PHYS_PATH_NOISE_DB * vdm_gauss(dev));
	a->freq_err_mhz = PHYS_FREQ_MHZ_PER_K * (a->temp_c - dev->prof.laser_temp_c);
}

/* one laser: its state from its slot's, its operating point */
static void laser_step(struct sim_dev *dev, unsigned int i, double dt)
{
	const struct sim_profile *p = &dev->prof;
	struct sim_laser *a = &dev->laser[i];
	const struct sim_els *e = &dev->els[dev->t_laser[i].els];
	double ith, s, target, bias, pw, need, dead_bias = 0;
	int state = a->state, fault = a->fault;

	if (!e->present) {
		a->bias_ma = a->power_mw = 0;
		a->ramp = 0;
		laser_event(dev, i, CPO_HW_LASER_ST_ABSENT, CPO_HW_LASER_FAULT_NONE);
		return;
	}
	/* the TEC holds the setpoint until it runs out of current */
	need = tec_need(p, e);
	target = p->laser_temp_c;
	if (need > PHYS_TEC_MAX_MA)
		target += (need - PHYS_TEC_MAX_MA) / PHYS_TEC_MA_PER_K;
	if (e->tec_runaway)
		target = e->temp_c + 30.0;	/* the TEC now heats the lasers */
	a->temp_c = relax(a->temp_c, target, dt, PHYS_TAU_S / 4) + 0.02 * sim_gauss(dev);

	if (a->temp_c > PHYS_LASER_TEMP_FAULT && a->enabled)
		fault = CPO_HW_LASER_FAULT_TEMP;
	else if (fault == CPO_HW_LASER_FAULT_TEMP && a->temp_c < PHYS_LASER_TEMP_FAULT - 5.0)
		fault = CPO_HW_LASER_FAULT_NONE;

	switch (e->state) {
	case CPO_HW_ELS_ST_FIBER_CHECK:
		target = a->enabled ? PHYS_FIBER_CHECK_MW : 0;
		state = a->enabled ? CPO_HW_LASER_ST_FIBER_CHECK : CPO_HW_LASER_ST_OFF;
		a->ramp = 0;
		break;
	case CPO_HW_ELS_ST_RAMPING:
	case CPO_HW_ELS_ST_ON:
		if (!a->enabled || a->failed || fault == CPO_HW_LASER_FAULT_TEMP) {
			a->ramp = 0;
			target = 0;
			if (a->enabled && a->failed && a->mode == CPO_HW_LASER_MODE_APC)
				dead_bias = p->laser_imax_ma;	/* APC drives a dead laser to its limit */
			state = a->enabled ? CPO_HW_LASER_ST_FAULT : CPO_HW_LASER_ST_OFF;
			if (a->failed && a->enabled && fault == CPO_HW_LASER_FAULT_NONE)
				fault = a->mode == CPO_HW_LASER_MODE_APC ? CPO_HW_LASER_FAULT_APC :
					CPO_HW_LASER_FAULT_ACC;
			break;
		}
		if (!a->fiber_checked) {
			/* the host cleared its output-fibre-checked flag (1Ah 223) */
			target = PHYS_FIBER_CHECK_MW;
			state = CPO_HW_LASER_ST_FIBER_CHECK;
			a->ramp = 0;
			break;
		}
		if (a->ramp < 1.0)
			a->ramp = fmin(1.0, a->ramp + PHYS_RAMP_STEP);
		target = -1;	/* full operating point below */
		state = a->ramp < 1.0 ? CPO_HW_LASER_ST_RAMPING : CPO_HW_LASER_ST_ON;
		break;
	case CPO_HW_ELS_ST_REMOVING:
		a->ramp = fmax(0.0, a->ramp - PHYS_RAMP_STEP * 2);
		target = a->ramp > 0 ? -1 : 0;
		state = a->ramp > 0 ? CPO_HW_LASER_ST_RAMPING : CPO_HW_LASER_ST_OFF;
		break;
	default:	/* PROBING, SAFE, FAULT */
		a->ramp = 0;
		target = 0;
		state = CPO_HW_LASER_ST_OFF;
		break;
	}

	ith = laser_ith(a, a->temp_c);
	s = laser_slope(a, a->temp_c);	/* W/A = mW per mA */
	if (target >= 0) {
		bias = target > 0 ? ith + target / s : dead_bias;
		pw = target;
	} else if (a->mode == CPO_HW_LASER_MODE_APC) {
		pw = a->setpoint * a->ramp;
		bias = ith + pw / s;
		if (bias > p->laser_imax_ma) {
			/* the loop runs out of drive: power falls, APC fault */
			bias = p->laser_imax_ma;
			pw = s * (bias - ith);
			if (a->ramp >= 1.0 && pw < 0.9 * a->setpoint)
				fault = CPO_HW_LASER_FAULT_APC;
		} else if (fault == CPO_HW_LASER_FAULT_APC && bias < 0.95 * p->laser_imax_ma) {
			fault = CPO_HW_LASER_FAULT_NONE;
		}
	} else {
		bias = a->setpoint * a->ramp;
		if (bias > p->laser_imax_ma) {
			bias = p->laser_imax_ma;
			fault = CPO_HW_LASER_FAULT_ACC;
		} else if (fault == CPO_HW_LASER_FAULT_ACC) {
			fault = CPO_HW_LASER_FAULT_NONE;
		}
		pw = bias > ith ? s * (bias - ith) : 0;
	}
	if (fault == CPO_HW_LASER_FAULT_APC || fault == CPO_HW_LASER_FAULT_ACC)
		state = CPO_HW_LASER_ST_FAULT;
	if (pw > 0) {
		pw *= 1.0 + 0.002 * sim_gauss(dev);
		bias += 0.1 * sim_gauss(dev);
		if (pw < 0)
			pw = 0;
		if (bias < 0)
			bias = 0;
	}
	a->bias_ma = bias;
	a->power_mw = pw;
	if (pw > 0)
		a->age_h += dt / 3600.0;
	laser_path_step(dev, a, dt);
	laser_event(dev, i, state, fault);
}

static void els_step(struct sim_dev *dev, unsigned int s, double dt)
{
	const struct sim_profile *p = &dev->prof;
	struct sim_els *e = &dev->els[s];
	const struct cpo_hw_els *te = &dev->t_els[s];
	double watts = PHYS_ELS_BASE_W, tcase, tec;
	unsigned int k;

	if (!e->present) {
		e->temp_c = e->vcc_mv = e->icc_ma = e->tec_ma = 0;
		return;
	}
	for (k = 0; k < te->n_lasers; k++) {
		const struct sim_laser *a = &dev->laser[te->first_laser + k];

		watts += a->bias_ma / 1000.0 * SIM_LASER_VF_MV / 1000.0;
	}
	tec = tec_need(p, e);
	if (tec > PHYS_TEC_MAX_MA)
		tec = PHYS_TEC_MAX_MA;
	if (tec < -PHYS_TEC_MAX_MA)
		tec = -PHYS_TEC_MAX_MA;
	if (e->tec_runaway)
		tec = PHYS_TEC_MAX_MA * 1.2;
	/* TEC electrical power heats the case */
	watts += fabs(tec) / 1000.0 * 2.0;
	tcase = p->ambient_c + PHYS_ELS_RTH * watts;
	if (e->tec_runaway)
		tcase += 25.0;
	e->temp_c = relax(e->temp_c, tcase, dt, PHYS_TAU_S) + 0.05 * sim_gauss(dev);
	e->tec_ma = tec + 2.0 * sim_gauss(dev);
	e->vcc_mv = PHYS_VCC_MV + 3.0 * sim_gauss(dev);
	e->icc_ma = watts / (e->vcc_mv / 1000.0) * 1000.0;
}

static void oe_step(struct sim_dev *dev, unsigned int i, double dt)
{
	const struct sim_profile *p = &dev->prof;
	struct sim_oe *o = &dev->oe[i];
	double target;
	int state = o->state;

	if (dev->t_oe[i].flags & (CPO_HW_F_SPARE | CPO_HW_F_OUT_OF_SERVICE)) {
		o->temp_c = relax(o->temp_c, p->coolant_c, dt, PHYS_TAU_S);
		return;
	}
	target = p->coolant_c + p->oe_rth * p->asic_load + (p->ambient_c - 25.0) * 0.1;
	if (o->overtemp)
		target += PHYS_OE_OVERTEMP_K;
	o->temp_c = relax(o->temp_c, target, dt, PHYS_OE_TAU_S) + 0.05 * sim_gauss(dev);
	o->vcc_mv = PHYS_VCC_MV + 3.0 * sim_gauss(dev);
	if (o->temp_c > PHYS_OE_SHUTDOWN)
		state = CPO_HW_OE_ST_FAULT;
	else if (state == CPO_HW_OE_ST_FAULT && o->temp_c < PHYS_OE_RESTART)
		state = CPO_HW_OE_ST_READY;
	if (state != o->state) {
		o->state = state;
		sim_ev_push(dev, CPO_HW_EV_OE_STATE, CPO_HW_OBJ_OE, i, 0, 0, state, 0);
	}
}

/*
 * An engine powered up (a spare taking over) or down for good (the engine
 * it replaced); the state change is an event as any other.
 */
void sim_oe_power(struct sim_dev *dev, unsigned int i, bool on)
{
	struct sim_oe *o = &dev->oe[i];
	int state = on ? CPO_HW_OE_ST_READY : CPO_HW_OE_ST_OFF;

	o->overtemp = false;
	o->vcc_mv = on ? PHYS_VCC_MV : 0;
	if (state == o->state)
		return;
	o->state = state;
	sim_ev_push(dev, CPO_HW_EV_OE_STATE, CPO_HW_OBJ_OE, i, 0, 0, state, 0);
}

static void lane_step(struct sim_dev *dev, unsigned int i)
{
	const struct cpo_hw_lane *tl = &dev->t_lane[i];
	struct sim_lane *l = &dev->lane[i];
	const struct sim_port *pt = tl->port != CPO_HW_NONE ? &dev->port[tl->port] : NULL;
	const struct sim_laser *a = tl->laser != CPO_HW_NONE ? &dev->laser[tl->laser] : NULL;
	const struct sim_oe *o = &dev->oe[tl->oe];
	unsigned int fed = a ? dev->t_laser[tl->laser].n_lanes : 1;
	bool active = l->enabled && o->state == CPO_HW_OE_ST_READY && !(pt && pt->low_power);
	uint8_t status = 0, state;
	double mw;

	if (l->enabled)
		status |= CPO_HW_LANE_S_ENABLED;
	state = active ? CPO_HW_LANE_ST_ACTIVATED : CPO_HW_LANE_ST_DEACTIVATED;
	l->tx_uw = 0;
	if (active && a && a->power_mw > 0) {
		/* the path's nominal loss is part of loss_db; an extra one is not */
		mw = sim_dbm_to_mw(sim_mw_to_dbm(a->power_mw / (fed ? fed : 1)) - l->loss_db -
				   a->path_extra_db + 0.02 * sim_gauss(dev));
		l->tx_uw = mw * 1000.0;
	} else if (active && !dev->n_els) {
		/* near-packaged optics: the engine's own laser, on while it is ready */
		mw = sim_dbm_to_mw(sim_mw_to_dbm(dev->prof.laser_power_mw /
						 dev->prof.lanes_per_laser) - l->loss_db +
				   0.02 * sim_gauss(dev));
		l->tx_uw = mw * 1000.0;
	}
	if (active && l->tx_uw < PHYS_TX_LOS_UW)
		status |= CPO_HW_LANE_S_TX_LOS;
	if (active && a && a->state == CPO_HW_LASER_ST_FAULT)
		status |= CPO_HW_LANE_S_TX_FAULT;
	l->rx_uw = 0;
	if (pt && !pt->fiber_cut)
		l->rx_uw = sim_dbm_to_mw(l->far_dbm - pt->link_loss_db + 0.02 * sim_gauss(dev)) *
			   1000.0;
	if (pt && l->rx_uw < PHYS_RX_LOS_UW)
		status |= CPO_HW_LANE_S_RX_LOS;
	if (status != l->status || state != l->state) {
		l->status = status;
		l->state = state;
		sim_ev_push(dev, CPO_HW_EV_LANE_STATE, CPO_HW_OBJ_LANE, i, 0, 0, status, state);
	}
}

/*
 * One laser's state now rather than at the next update period: a laser
 * driver's fault line, which firmware takes as an interrupt.  Its optics
 * and the lanes it feeds follow at the next period.
 */
void sim_phys_laser_now(struct sim_dev *dev, unsigned int i)
{
	if (!dev->hung)
		laser_step(dev, i, 0);
}

void sim_phys_step(struct sim_dev *dev, double dt)
{
	unsigned int i;

	sim_els_step(dev);
	for (i = 0; i < dev->n_oe; i++)
		oe_step(dev, i, dt);
	for (i = 0; i < dev->n_els; i++)
		els_step(dev, i, dt);
	for (i = 0; i < dev->n_lasers; i++)
		laser_step(dev, i, dt);
	for (i = 0; i < dev->n_lanes; i++)
		lane_step(dev, i);
}
