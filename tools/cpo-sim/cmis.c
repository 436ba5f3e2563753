// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim CMIS memory maps, built on demand from the live model.
 *
 * A page view is 256 bytes: the lower memory (0-127, the same for every
 * page) then the upper page (128-255) of the requested bank and page.
 * CMIS fields are big-endian.
 *
 * Per ELSFP slot (SFF-8024 identifier 0x22): the OIF-ELSFP-CMIS register
 * map, pages 00h, 01h, 02h, 1Ah (laser configuration, thresholds, flags,
 * states) and 1Bh (setpoints and monitors); bank b of 1Ah/1Bh holds the
 * slot's lasers 8b..8b+7 as its lanes 1-8; in bank 0 the CMIS VDM
 * pages (group 1: descriptors 20h, samples 24h, thresholds 28h,
 * advertisement 2Fh) with the laser age, frequency error and temperature
 * of lasers 1-8, as switch OSes read an ELSFP's VDM.
 * Per engine (vendor-specific identifier 0x80, CMIS 5.3): pages 00h, 01h,
 * 02h and, in bank b, page 11h of the engine's lanes 8b..8b+7.
 * Per port (identifier 0x18, QSFP-DD, so stock `ethtool -m` runs its CMIS
 * decoder): pages 00h, 01h, 02h and 11h of bank 0 for the port's lanes;
 * module temperature and Vcc are the engine's, a lane's Tx bias is the bias
 * of the laser feeding it (the number the host shows for the laser), with
 * the laser bias thresholds on the same scale.  Flags are current state,
 * not latched: the event ring carries every crossing.
 * Documentation/cpo/ports.rst describes every field.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#define CMIS_ID_QSFP_DD		0x18
#define CMIS_ID_ELSFP		0x22
#define CMIS_ID_CPO		0x80	/* vendor-specific: no CPO identifier is standard */
#define CMIS_REV_5_0		0x50
#define CMIS_REV_5_3		0x53
#define CMIS_MOD_ST_LOW_PWR	1
#define CMIS_MOD_ST_READY	3
#define CMIS_MOD_ST_FAULT	5
#define CMIS_FAULT_TEC_RUNAWAY	1
#define CMIS_LANES_PER_BANK	8

/* lower memory */
#define L_ID			0
#define L_REV			1
#define L_MEMMODEL		2	/* bit 7: flat memory */
#define L_STATE			3	/* bits 3-1 module state, bit 0 IntL deasserted */
#define L_MOD_FLAGS		9	/* temp bits 0-3, Vcc bits 4-7 */
#define L_TEMP			14	/* s16, 1/256 degC */
#define L_VCC			16	/* u16, 100 uV */
#define L_CONTROL		26	/* bit 4 LowPwrRequestSW, bit 6 LowPwrAllowRequestHW */
#define L_FW_MAJOR		39
#define L_FW_MINOR		40
#define L_FAULT_CAUSE		41
#define L_FUNC_TYPE		57	/* OIF-ELSFP: 1 = resource module */
#define L_MEDIA_TYPE		85	/* 2 = SMF */
#define L_APP1			86	/* host id, media id, lane counts, assignment */

/* page 00h upper */
#define P0_ID			128
#define P0_VENDOR		129	/* 16 bytes, space padded */
#define P0_OUI			145
#define P0_PN			148	/* 16 */
#define P0_REV			164	/* 2 */
#define P0_SN			166	/* 16 */
#define P0_DATE			182	/* 8: YYMMDDLL */
#define P0_PWR_CLASS		200	/* bits 7-5 */
#define P0_MAX_PWR		201	/* 0.25 W */
#define P0_CONNECTOR		203
#define P0_MEDIA_TECH		212

/* page 01h */
#define P1_SMF_LEN		132
#define P1_WAVELENGTH		138	/* u16, 0.05 nm */
#define P1_WL_TOL		140	/* u16, 0.005 nm */
#define P1_PAGES		142	/* bits 1-0: banks, bit 6: VDM pages 20h-2Fh */
#define P1_PAGES_VDM		0x40
#define P1_DIAG_TYPE		151	/* bit 4: Rx power is average */
#define P1_MOD_MON		159	/* bit 0 temp, bit 1 Vcc monitors */
#define P1_FLAGS_TX		157
#define P1_FLAGS_RX		158
#define P1_CHAN_MON		160	/* bit 0 bias, 1 Tx power, 2 Rx power */
#define P1_BIAS_MULT_SHIFT	3	/* bits 4-3: Tx bias x1, x2, x4 */

/* page 02h thresholds: high alarm, low alarm, high warning, low warning */
#define P2_TEMP			128
#define P2_VCC			136
#define P2_TX_PWR		176
#define P2_TX_BIAS		184
#define P2_RX_PWR		192

/* page 10h (engines) */
#define P10_TX_DISABLE		130	/* bit per lane */
#define P10_MASKS		213	/* 213-230: lane flag masks, as 11h 135-152 */

/* page 11h */
#define P11_DP_STATE		128	/* 4 bits per lane */
#define P11_TX_FAULT		135
#define P11_TX_LOS		136
#define P11_TX_PWR_FLAGS	139	/* HA, LA, HW, LW: one byte each, bit per lane */
#define P11_TX_BIAS_FLAGS	143
#define P11_RX_LOS		147
#define P11_RX_PWR_FLAGS	149
#define P11_TX_PWR		154	/* u16 x 8, 0.1 uW */
#define P11_TX_BIAS		170	/* u16 x 8, 2 uA x multiplier */
#define P11_RX_PWR		186	/* u16 x 8, 0.1 uW */
#define P11_FLAGS		135	/* 135-152: the latched lane flags */

/*
 * OIF-ELSFP-CMIS page 1Ah, bank b: lanes 1-8 of the bank are the slot's
 * lasers 8b..8b+7.  Flag, mask and enable bytes hold lane n in bit n - 1
 * of byte (n - 1) / 8 of their range.
 */
#define P1A_MAX_PWR		128	/* u16, 10 uW */
#define P1A_MIN_PWR		130
#define P1A_MAX_BIAS		132	/* u16, 100 uA */
#define P1A_MIN_BIAS		134
#define P1A_MODE		140	/* bit 0: 1 APC, 0 ACC; bits 7-1: lanes */
#define P1A_BIAS_THR		141	/* 4 x u16, 100 uA, CMIS order */
#define P1A_PWR_THR		149	/* 4 x u16, 10 uW, CMIS order */
#define P1A_SUMMARY		165	/* bit 0 any fault flag, bit 1 any warning */
#define P1A_FAULT_FLAGS		166	/* 166-169: lanes 1-32 */
#define P1A_WARN_FLAGS		174	/* 174-177: lanes 1-32 */
#define P1A_SAVE_CMD		184	/* save/restore command */
#define P1A_SAVE_DONE		185	/* its confirmation */
#define P1A_FAULT_MASK		198	/* 198-201: lanes 1-32 */
#define P1A_WARN_MASK		202	/* 202-205: lanes 1-32 */
#define P1A_CODES		212	/* byte per lane: fault code 3-0, warning 7-4 */
#define P1A_ENABLE		220	/* bit per lane */
#define P1A_STATE		221	/* 2 bits per lane: 0 off, 1 ramping, 2 on */
#define P1A_FIBER_CHECKED	223	/* bit per lane */
#define P1A_FIBER_MAP		224	/* byte per lane: output fibre, 1-based */
#define P1A_FREQ		232	/* u16 per lane, 5 GHz */
#define P1A_FC_POWER		248	/* fibre-check power setpoint, 1 mW */

#define P1A_MODE_APC		0x01
#define P1A_SUM_FAULT		0x01
#define P1A_SUM_WARN		0x02
/* warning codes (bits 7-4 of a lane's code byte): the quantity flagged */
#define P1A_WARN_BIAS		1
#define P1A_WARN_POWER		2
#define P1A_WARN_TEMP		3

/* OIF-ELSFP-CMIS page 1Bh, bank b as 1Ah */
#define P1B_BIAS_SET		128	/* u16 per lane, 100 uA */
#define P1B_PWR_SET		144	/* u16 per lane, 10 uW */
#define P1B_BIAS_MON		184	/* u16 per lane, 100 uA */
#define P1B_PWR_MON		200	/* u16 per lane, 10 uW */
#define P1B_LANE_VCC		232	/* u8 per lane, 15 mV */
#define P1B_ICC			240	/* u16, 200 uA */

static void be16(uint8_t *p, unsigned int off, long v)
{
	if (v < 0)
		v = 0;
	if (v > 0xffff)
		v = 0xffff;
	p[off] = v >> 8;
	p[off + 1] = v;
}

static void be16s(uint8_t *p, unsigned int off, long v)
{
	if (v < -32768)
		v = -32768;
	if (v > 32767)
		v = 32767;
	p[off] = (uint16_t)v >> 8;
	p[off + 1] = (uint16_t)v;
}

static void ascii(uint8_t *p, unsigned int off, unsigned int len, const char *s)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		p[off + i] = *s ? (uint8_t)*s++ : ' ';
}

static long temp256(double c)
{
	return lround(c * 256.0);
}

/* threshold sets from the device's, in CMIS units */
static void thr4(uint8_t *p, unsigned int off, const struct cpo_hw_thresh *t,
		 double scale, bool sign)
{
	int32_t v[4] = { (int32_t)t->high_alarm, (int32_t)t->low_alarm,
			 (int32_t)t->high_warn, (int32_t)t->low_warn };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		if (sign)
			be16s(p, off + 2 * i, lround(v[i] * scale));
		else
			be16(p, off + 2 * i, lround(v[i] * scale));
	}
}

/* 4 flag bits of a quantity slot -> bit @bit in the HA, LA, HW, LW bytes */
static void flag4(uint8_t *p, unsigned int off, uint16_t flags, unsigned int q,
		  unsigned int bit)
{
	unsigned int nib = (flags >> (4 * cpo_hw_q_slot(q))) & 0xf;

	if (nib & CPO_HW_FLAG_HIGH_ALARM)
		p[off] |= 1u << bit;
	if (nib & CPO_HW_FLAG_LOW_ALARM)
		p[off + 1] |= 1u << bit;
	if (nib & CPO_HW_FLAG_HIGH_WARN)
		p[off + 2] |= 1u << bit;
	if (nib & CPO_HW_FLAG_LOW_WARN)
		p[off + 3] |= 1u << bit;
}

/* module-level flags byte: temperature bits 0-3, Vcc bits 4-7 */
static uint8_t modflags(uint16_t flags, unsigned int q_temp, unsigned int q_vcc)
{
	static const uint8_t map[4] = { 0x1, 0x2, 0x4, 0x8 };	/* HA LA HW LW */
	unsigned int t = (flags >> (4 * cpo_hw_q_slot(q_temp))) & 0xf;
	unsigned int v = (flags >> (4 * cpo_hw_q_slot(q_vcc))) & 0xf;
	uint8_t b = 0;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		if (t & (1u << i))
			b |= map[i];
		if (v & (1u << i))
			b |= map[i] << 4;
	}
	return b;
}

static void lower_common(struct sim_dev *dev, uint8_t *p, uint8_t id, uint8_t rev,
			 int state, double temp_c, double vcc_mv)
{
	unsigned int maj = 1, min = 0;

	sscanf(dev->prof.fw_version, "%u.%u", &maj, &min);
	p[L_ID] = id;
	p[L_REV] = rev;
	p[L_MEMMODEL] = 0;	/* paged */
	p[L_STATE] = (state << 1) | 1;
	be16s(p, L_TEMP, temp256(temp_c));
	be16(p, L_VCC, lround(vcc_mv * 10.0));
	p[L_FW_MAJOR] = maj;
	p[L_FW_MINOR] = min;
	p[L_MEDIA_TYPE] = 2;	/* SMF */
}

static void page00_common(struct sim_dev *dev, uint8_t *p, uint8_t id, const char *pn,
			  const char *sn)
{
	p[P0_ID] = id;
	ascii(p, P0_VENDOR, 16, "CPO-SIM");
	p[P0_OUI] = 0x00;
	p[P0_OUI + 1] = 0x00;
	p[P0_OUI + 2] = 0x00;
	ascii(p, P0_PN, 16, pn);
	ascii(p, P0_REV, 2, "A0");
	ascii(p, P0_SN, 16, sn);
	ascii(p, P0_DATE, 8, "26010100");
	(void)dev;
}

static void page01_common(struct sim_dev *dev, uint8_t *p)
{
	long wl = lround(dev->prof.wavelength_pm / 50.0);	/* 0.05 nm */

	p[P1_SMF_LEN] = 0x40 | 2;	/* 2 km */
	be16(p, P1_WAVELENGTH, wl);
	be16(p, P1_WL_TOL, 1300);	/* 6.5 nm */
	p[P1_PAGES] = 0;		/* bank 0 */
	p[P1_DIAG_TYPE] = 0x10;	/* average Rx power */
	p[P1_MOD_MON] = 0x03;	/* temperature and Vcc monitors */
}

/* page 01h byte 142 bits 1-0 for @nb banks: 0 bank 0, 1 banks 0-1, 2 0-3, 3 0-7 */
static uint8_t bank_code(unsigned int nb)
{
	return nb <= 1 ? 0 : nb <= 2 ? 1 : nb <= 4 ? 2 : 3;
}

/*
 * Whether every CMIS view showing quantity @q's thresholds holds @t as set
 * (the port view's Tx bias aside: see cpo_hw_cmis_thresh_range()).
 */
bool sim_cmis_thresh_fits(unsigned int q, const struct cpo_hw_thresh *t)
{
	int32_t v[4] = { (int32_t)t->high_alarm, (int32_t)t->low_alarm,
			 (int32_t)t->high_warn, (int32_t)t->low_warn };
	int min, max;
	unsigned int i;

	if (!cpo_hw_cmis_thresh_range(q, &min, &max))
		return true;
	for (i = 0; i < 4; i++)
		if (v[i] < min || v[i] > max)
			return false;
	return true;
}

/* ---- ports ---- */

static bool port_lane(struct sim_dev *dev, unsigned int port, unsigned int j,
		      unsigned int *lane)
{
	const struct cpo_hw_port *tp = &dev->t_port[port];

	if (j >= tp->n_lanes || j >= CPO_HW_LANES_PER_PORT || tp->lane[j] >= dev->n_lanes)
		return false;
	*lane = tp->lane[j];
	return true;
}

/*
 * The Tx bias multiplier of the port view: the smallest of x1, x2 and x4
 * whose range holds the laser's drive limit, x4 when none does.  Fixed
 * per device, so that every read of page 01h, 02h and 11h agrees.
 */
unsigned int sim_cmis_tx_bias_mult(const struct sim_dev *dev)
{
	double imax_ua = dev->prof.laser_imax_ma * 1000.0;
	unsigned int m;

	for (m = 1; m < CPO_HW_CMIS_TX_BIAS_MULT_MAX; m *= 2)
		if (imax_ua <= CPO_HW_CMIS_TX_BIAS_MAX(m))
			break;
	return m;
}

/* page 01h byte 160 bits 4-3 for a multiplier */
static uint8_t bias_mult_code(unsigned int m)
{
	return (m == 4 ? 2 : m == 2 ? 1 : 0) << P1_BIAS_MULT_SHIFT;
}

/* the bias of the laser feeding a lane, microampere; 0 without one */
static double lane_bias_ua(struct sim_dev *dev, unsigned int lane)
{
	unsigned int l = dev->t_lane[lane].laser;

	if (l >= dev->n_lasers)
		return 0;
	return dev->laser[l].bias_ma * 1000.0;
}

/* page 11h fields of @lane, lane @j + 1 of the bank */
static void page11_lane(struct sim_dev *dev, unsigned int lane, unsigned int j,
			unsigned int mult, uint8_t *out)
{
	const struct sim_lane *l = &dev->lane[lane];
	unsigned int las = dev->t_lane[lane].laser;

	out[P11_DP_STATE + j / 2] |= (l->state & 0xf) << (4 * (j % 2));
	if (l->status & CPO_HW_LANE_S_TX_FAULT)
		out[P11_TX_FAULT] |= 1u << j;
	if (l->status & CPO_HW_LANE_S_TX_LOS)
		out[P11_TX_LOS] |= 1u << j;
	if (l->status & CPO_HW_LANE_S_RX_LOS)
		out[P11_RX_LOS] |= 1u << j;
	flag4(out, P11_TX_PWR_FLAGS, l->flags, CPO_HW_Q_LANE_TX_POWER, j);
	flag4(out, P11_RX_PWR_FLAGS, l->flags, CPO_HW_Q_LANE_RX_POWER, j);
	if (las < dev->n_lasers)
		flag4(out, P11_TX_BIAS_FLAGS, dev->laser[las].flags, CPO_HW_Q_LASER_BIAS, j);
	be16(out, P11_TX_PWR + 2 * j, lround(l->tx_uw * 10.0));
	be16(out, P11_TX_BIAS + 2 * j,
	     lround(lane_bias_ua(dev, lane) / (CPO_HW_CMIS_TX_BIAS_LSB * mult)));
	be16(out, P11_RX_PWR + 2 * j, lround(l->rx_uw * 10.0));
}

/* pages 01h and 02h of a port view or an engine image */
static void lane_pages(struct sim_dev *dev, unsigned int page, unsigned int nb,
		       unsigned int mult, uint8_t *out)
{
	if (page == 0x01) {
		page01_common(dev, out);
		out[P1_PAGES] = bank_code(nb);
		out[P1_FLAGS_TX] = 0x03;	/* Tx fault, Tx LOS */
		out[P1_FLAGS_RX] = 0x02;	/* Rx LOS */
		/* bias, Tx and Rx power monitors; the bias multiplier */
		out[P1_CHAN_MON] = 0x07 | bias_mult_code(mult);
		return;
	}
	thr4(out, P2_TEMP, &dev->thresh[CPO_HW_Q_OE_TEMP], 256.0 / 1000.0, true);
	thr4(out, P2_VCC, &dev->thresh[CPO_HW_Q_OE_VCC], 10.0, false);
	thr4(out, P2_TX_PWR, &dev->thresh[CPO_HW_Q_LANE_TX_POWER], 10.0, false);
	/* the laser bias thresholds, on the scale of the monitors */
	thr4(out, P2_TX_BIAS, &dev->thresh[CPO_HW_Q_LASER_BIAS],
	     1.0 / (CPO_HW_CMIS_TX_BIAS_LSB * mult), false);
	thr4(out, P2_RX_PWR, &dev->thresh[CPO_HW_Q_LANE_RX_POWER], 10.0, false);
}

int sim_cmis_port_page(struct sim_dev *dev, unsigned int port, unsigned int bank,
		       unsigned int page, uint8_t out[256])
{
	const struct cpo_hw_port *tp;
	const struct sim_oe *o;
	unsigned int j, lane, mult = sim_cmis_tx_bias_mult(dev);
	char sn[24];
	int state;

	memset(out, 0, 256);
	if (port >= dev->n_ports)
		return CPO_HW_ST_BAD_ARG;
	if (bank != 0)
		return CPO_HW_ST_BAD_ARG;
	tp = &dev->t_port[port];
	o = &dev->oe[tp->oe < dev->n_oe ? tp->oe : 0];
	state = dev->port[port].low_power ? CMIS_MOD_ST_LOW_PWR :
		o->state == CPO_HW_OE_ST_FAULT ? CMIS_MOD_ST_FAULT : CMIS_MOD_ST_READY;
	lower_common(dev, out, CMIS_ID_QSFP_DD, CMIS_REV_5_0, state, o->temp_c, o->vcc_mv);
	out[L_MOD_FLAGS] = modflags(o->flags, CPO_HW_Q_OE_TEMP, CPO_HW_Q_OE_VCC);
	out[L_CONTROL] = dev->port[port].low_power ? 0x10 : 0;
	out[L_APP1] = 0x11;	/* 400GAUI-8 C2M class host interface */
	out[L_APP1 + 1] = 0x1c;	/* DR-class SMF media interface */
	out[L_APP1 + 2] = (tp->n_lanes << 4) | tp->n_lanes;
	out[L_APP1 + 3] = 0x01;

	switch (page) {
	case 0x00:
		snprintf(sn, sizeof(sn), "%.12s-%u", dev->prof.serial, port % 1000);
		page00_common(dev, out, CMIS_ID_QSFP_DD, dev->prof.model, sn);
		out[P0_PWR_CLASS] = 7 << 5;	/* class 8 */
		out[P0_MAX_PWR] = 100;		/* 25 W */
		out[P0_CONNECTOR] = 0x0c;	/* MPO 1x12 */
		out[P0_MEDIA_TECH] = 0x04;	/* 1310 nm DFB (external laser) */
		return 0;
	case 0x01:
	case 0x02:
		lane_pages(dev, page, 1, mult, out);
		return 0;
	case 0x11:
		for (j = 0; j < CMIS_LANES_PER_BANK; j++)
			if (port_lane(dev, port, j, &lane))
				page11_lane(dev, lane, j, mult, out);
		return 0;
	default:
		return CPO_HW_ST_UNSUPPORTED;
	}
}

/* ---- engines ---- */

/* the banks of engine @oe: one per 8 of its lanes */
static unsigned int oe_banks(const struct sim_dev *dev, unsigned int oe)
{
	unsigned int n = dev->t_oe[oe].n_lanes;

	n = n ? (n + CMIS_LANES_PER_BANK - 1) / CMIS_LANES_PER_BANK : 1;
	return n < SIM_CMIS_BANKS ? n : SIM_CMIS_BANKS;
}

/* whether every port of engine @oe is in low power (none: false) */
static bool oe_low_power(const struct sim_dev *dev, unsigned int oe)
{
	unsigned int p, n = 0;

	for (p = 0; p < dev->n_ports; p++) {
		if (dev->t_port[p].oe != oe)
			continue;
		if (!dev->port[p].low_power)
			return false;
		n++;
	}
	return n > 0;
}

/* the lanes per port of engine @oe's ports, 0 without any */
static unsigned int oe_port_lanes(const struct sim_dev *dev, unsigned int oe)
{
	unsigned int p;

	for (p = 0; p < dev->n_ports; p++)
		if (dev->t_port[p].oe == oe)
			return dev->t_port[p].n_lanes;
	return 0;
}

int sim_cmis_oe_page(struct sim_dev *dev, unsigned int oe, unsigned int bank,
		     unsigned int page, uint8_t out[256])
{
	const struct cpo_hw_oe *t;
	const struct sim_oe *o;
	unsigned int j, nb, pl, mult = sim_cmis_tx_bias_mult(dev);
	bool low;
	char sn[24];
	int state;

	memset(out, 0, 256);
	if (oe >= dev->n_oe)
		return CPO_HW_ST_BAD_ARG;
	t = &dev->t_oe[oe];
	o = &dev->oe[oe];
	nb = oe_banks(dev, oe);
	if (bank >= nb || (bank && page < 0x10))
		return CPO_HW_ST_BAD_ARG;
	low = oe_low_power(dev, oe);
	state = o->state == CPO_HW_OE_ST_FAULT ? CMIS_MOD_ST_FAULT :
		low ? CMIS_MOD_ST_LOW_PWR : CMIS_MOD_ST_READY;
	lower_common(dev, out, CMIS_ID_CPO, CMIS_REV_5_3, state, o->temp_c, o->vcc_mv);
	out[L_MOD_FLAGS] = modflags(o->flags, CPO_HW_Q_OE_TEMP, CPO_HW_Q_OE_VCC);
	out[L_CONTROL] = low ? 0x10 : 0;
	pl = oe_port_lanes(dev, oe);
	if (pl) {
		out[L_APP1] = 0x11;	/* 400GAUI-8 C2M class host interface */
		out[L_APP1 + 1] = 0x1c;	/* DR-class SMF media interface */
		out[L_APP1 + 2] = (pl << 4) | pl;
		/* a port may start on every pl-th lane of a bank */
		for (j = 0; j < CMIS_LANES_PER_BANK; j += pl)
			out[L_APP1 + 3] |= 1u << j;
	}

	switch (page) {
	case 0x00:
		snprintf(sn, sizeof(sn), "%.12s-OE%02u", dev->prof.serial, oe % 100);
		page00_common(dev, out, CMIS_ID_CPO, dev->prof.model, sn);
		out[P0_PWR_CLASS] = 7 << 5;	/* class 8 */
		out[P0_MAX_PWR] = 100;		/* 25 W */
		out[P0_CONNECTOR] = 0x0c;	/* MPO 1x12 */
		out[P0_MEDIA_TECH] = 0x04;	/* 1310 nm DFB (external laser) */
		return 0;
	case 0x01:
	case 0x02:
		lane_pages(dev, page, nb, mult, out);
		return 0;
	case 0x10:
		for (j = 0; j < CMIS_LANES_PER_BANK; j++) {
			unsigned int k = bank * CMIS_LANES_PER_BANK + j;

			if (k < t->n_lanes && t->first_lane + k < dev->n_lanes &&
			    !dev->lane[t->first_lane + k].enabled)
				out[P10_TX_DISABLE] |= 1u << j;
		}
		memcpy(out + P10_MASKS, o->cmis.mask[bank], SIM_CMIS_FLAG_BYTES);
		return 0;
	case 0x11:
		for (j = 0; j < CMIS_LANES_PER_BANK; j++) {
			unsigned int k = bank * CMIS_LANES_PER_BANK + j;

			if (k < t->n_lanes && t->first_lane + k < dev->n_lanes)
				page11_lane(dev, t->first_lane + k, j, mult, out);
		}
		return 0;
	default:
		return CPO_HW_ST_UNSUPPORTED;
	}
}

/* ---- ELSFP ---- */

/* the banks of slot @slot: one per 8 of its lasers */
static unsigned int els_banks(const struct sim_dev *dev, unsigned int slot)
{
	unsigned int n = dev->t_els[slot].n_lasers;

	n = n ? (n + CMIS_LANES_PER_BANK - 1) / CMIS_LANES_PER_BANK : 1;
	return n < SIM_CMIS_BANKS ? n : SIM_CMIS_BANKS;
}

/* the warning code of a laser: the first of bias, power, temperature flagged */
static unsigned int els_warn_code(const struct sim_laser *a)
{
	static const unsigned int q[] = { CPO_HW_Q_LASER_BIAS, CPO_HW_Q_LASER_POWER,
					  CPO_HW_Q_LASER_TEMP };
	static const unsigned int code[] = { P1A_WARN_BIAS, P1A_WARN_POWER, P1A_WARN_TEMP };
	unsigned int i;

	for (i = 0; i < SIM_ARRAY_SIZE(q); i++)
		if ((a->flags >> (4 * cpo_hw_q_slot(q[i]))) & 0xf)
			return code[i];
	return 0;
}

/*
 * CMIS VDM group 1 of an ELSFP, bank 0: for each of the first 8 lasers
 * (lane nibble 0-7) the observables laser age (type 1, U16 in 1 %),
 * laser frequency error (type 3, S16 in 10 MHz, 0 while dark) and laser
 * temperature (type 4, S16 in 1/256 degC), descriptor i = type slot * n
 * + laser.  One threshold set per type: age 0..100 % (warning at 90 %),
 * frequency error +-5 GHz (warning at +-2.5 GHz), temperature the laser
 * temperature thresholds.  Samples are live: the freeze of page 2Fh is
 * not served.
 */
#define VDM_DESC		128	/* page 20h: 2 bytes per descriptor */
#define VDM_SAMPLE		128	/* page 24h: u16/s16 per descriptor */
#define VDM_THRESH		128	/* page 28h: 8 bytes per set */
#define VDM_GROUPS		128	/* page 2Fh bits 1-0: groups - 1 */
#define VDM_T_LASER_AGE		1
#define VDM_T_FREQ_ERR		3
#define VDM_T_LASER_TEMP	4

static void els_vdm_page(struct sim_dev *dev, unsigned int slot, unsigned int n,
			 unsigned int page, uint8_t *out)
{
	static const uint8_t type[] = { VDM_T_LASER_AGE, VDM_T_FREQ_ERR, VDM_T_LASER_TEMP };
	static const struct cpo_hw_thresh age = { 100, 0, 90, 0 };
	/*
	 * +-50/+-25 GHz: wide of the TEC's temperature wander (about
	 * +-3 GHz on a healthy laser), narrow beside a CWDM channel
	 */
	static const struct cpo_hw_thresh ferr = { 5000, (uint32_t)-5000, 2500, (uint32_t)-2500 };
	unsigned int t, k;

	if (page == 0x2f) {
		out[VDM_GROUPS] = 0;	/* group 1 */
		return;
	}
	if (page == 0x28) {
		thr4(out, VDM_THRESH, &age, 1.0, false);
		thr4(out, VDM_THRESH + 8, &ferr, 1.0, true);
		thr4(out, VDM_THRESH + 16, &dev->thresh[CPO_HW_Q_LASER_TEMP], 256.0 / 1000.0, true);
		return;
	}
	for (t = 0; t < SIM_ARRAY_SIZE(type); t++)
		for (k = 0; k < n; k++) {
			const struct sim_laser *a = &dev->laser[dev->t_els[slot].first_laser + k];
			unsigned int i = t * n + k;

			if (page == 0x20) {
				out[VDM_DESC + 2 * i] = (t << 4) | k;
				out[VDM_DESC + 2 * i + 1] = type[t];
			} else if (type[t] == VDM_T_LASER_AGE) {
				be16(out, VDM_SAMPLE + 2 * i, lround(sim_laser_age_pct(a)));
			} else if (type[t] == VDM_T_FREQ_ERR) {
				be16s(out, VDM_SAMPLE + 2 * i,
				      sim_laser_lit(a) ? lround(a->freq_err_mhz / 10.0) : 0);
			} else {
				be16s(out, VDM_SAMPLE + 2 * i, temp256(a->temp_c));
			}
		}
}

/* lane frequency of the slot's lasers, 5 GHz units */
static long els_freq(const struct sim_dev *dev, unsigned int slot)
{
	double pm = dev->t_els[slot].wavelength_pm ? dev->t_els[slot].wavelength_pm :
		    dev->prof.wavelength_pm;

	return lround(299792458.0 / (pm * 1e-12) / 5e9);
}

/* 1Ah byte 165 from the flags and masks of the page */
static void els_summary(uint8_t *out)
{
	unsigned int i;

	out[P1A_SUMMARY] = 0;
	for (i = 0; i < 4; i++) {
		if (out[P1A_FAULT_FLAGS + i] & ~out[P1A_FAULT_MASK + i])
			out[P1A_SUMMARY] |= P1A_SUM_FAULT;
		if (out[P1A_WARN_FLAGS + i] & ~out[P1A_WARN_MASK + i])
			out[P1A_SUMMARY] |= P1A_SUM_WARN;
	}
}

/* page 1Ah of bank @first / 8: lanes are the slot's lasers first..first+n-1 */
static void els_page1a(struct sim_dev *dev, unsigned int slot, unsigned int first,
		       unsigned int n, uint8_t *out)
{
	const struct cpo_hw_els *te = &dev->t_els[slot];
	const struct sim_els *e = &dev->els[slot];
	unsigned int k, lanes = te->n_lasers;
	long freq = els_freq(dev, slot);

	be16(out, P1A_MAX_PWR, 20000);	/* 200 mW */
	be16(out, P1A_MIN_PWR, 1000);	/* 10 mW */
	be16(out, P1A_MAX_BIAS, lround(dev->prof.laser_imax_ma * 10.0));
	be16(out, P1A_MIN_BIAS, 0);
	out[P1A_MODE] = (dev->prof.laser_mode == CPO_HW_LASER_MODE_ACC ? 0 : P1A_MODE_APC) |
			(lanes > 127 ? 127 : lanes) << 1;
	thr4(out, P1A_BIAS_THR, &dev->thresh[CPO_HW_Q_LASER_BIAS], 1.0 / 100.0, false);
	thr4(out, P1A_PWR_THR, &dev->thresh[CPO_HW_Q_LASER_POWER], 1.0 / 10.0, false);
	for (k = 0; k < n; k++) {
		const struct sim_laser *a = &dev->laser[te->first_laser + first + k];
		unsigned int warn = els_warn_code(a);

		if (a->fault)
			out[P1A_FAULT_FLAGS] |= 1u << k;
		if (warn)
			out[P1A_WARN_FLAGS] |= 1u << k;
		out[P1A_CODES + k] = (a->fault & 0xf) | warn << 4;
		if (a->enabled)
			out[P1A_ENABLE] |= 1u << k;
		if (a->state == CPO_HW_LASER_ST_RAMPING ||
		    a->state == CPO_HW_LASER_ST_FIBER_CHECK)
			out[P1A_STATE + k / 4] |= 1u << (2 * (k % 4));
		else if (a->state == CPO_HW_LASER_ST_ON)
			out[P1A_STATE + k / 4] |= 2u << (2 * (k % 4));
		if (a->fiber_checked)
			out[P1A_FIBER_CHECKED] |= 1u << k;
		out[P1A_FIBER_MAP + k] = first + k + 1;
		be16(out, P1A_FREQ + 2 * k, freq);
	}
	out[P1A_FC_POWER] = 1;	/* 1 mW */
	memcpy(out + P1A_FAULT_MASK, e->cmis.mask[first / CMIS_LANES_PER_BANK], 8);
	out[P1A_SAVE_DONE] = e->cmis.save_done;
	els_summary(out);
}

/* page 1Bh of bank @first / 8 */
static void els_page1b(struct sim_dev *dev, unsigned int slot, unsigned int first,
		       unsigned int n, uint8_t *out)
{
	const struct cpo_hw_els *te = &dev->t_els[slot];
	unsigned int k;

	for (k = 0; k < n; k++) {
		const struct sim_laser *a = &dev->laser[te->first_laser + first + k];
		double bias_set = a->mode == CPO_HW_LASER_MODE_ACC ? a->setpoint :
				  a->bol_bias_ma;
		double pwr_set = a->mode == CPO_HW_LASER_MODE_APC ? a->setpoint :
				 a->bol_power_mw;

		be16(out, P1B_BIAS_SET + 2 * k, lround(bias_set * 10.0));
		be16(out, P1B_PWR_SET + 2 * k, lround(pwr_set * 100.0));
		be16(out, P1B_BIAS_MON + 2 * k, lround(a->bias_ma * 10.0));
		be16(out, P1B_PWR_MON + 2 * k, lround(a->power_mw * 100.0));
		/* forward voltage while driven, 15 mV */
		out[P1B_LANE_VCC + k] = a->bias_ma > 0 ? lround(SIM_LASER_VF_MV / 15.0) : 0;
	}
	be16(out, P1B_ICC, lround(dev->els[slot].icc_ma * 5.0));
}

int sim_cmis_els_page(struct sim_dev *dev, unsigned int slot, unsigned int bank,
		      unsigned int page, uint8_t out[256])
{
	const struct cpo_hw_els *te;
	const struct sim_els *e;
	unsigned int first, n, nb;
	char sn[24];
	int state;

	memset(out, 0, 256);
	if (slot >= dev->n_els)
		return CPO_HW_ST_BAD_ARG;
	te = &dev->t_els[slot];
	e = &dev->els[slot];
	if (!e->present)
		return CPO_HW_ST_NOT_PRESENT;
	nb = els_banks(dev, slot);
	if (bank >= nb || (bank && page != 0x1a && page != 0x1b))
		return CPO_HW_ST_BAD_ARG;
	state = e->tec_runaway || e->state == CPO_HW_ELS_ST_FAULT ? CMIS_MOD_ST_FAULT :
		CMIS_MOD_ST_READY;
	lower_common(dev, out, CMIS_ID_ELSFP, CMIS_REV_5_3, state, e->temp_c, e->vcc_mv);
	out[L_MOD_FLAGS] = modflags(e->flags, CPO_HW_Q_ELS_TEMP, CPO_HW_Q_ELS_VCC);
	out[L_FAULT_CAUSE] = e->tec_runaway ? CMIS_FAULT_TEC_RUNAWAY : 0;
	out[L_FUNC_TYPE] = 1;	/* resource module */

	first = bank * CMIS_LANES_PER_BANK;
	n = te->n_lasers > first ? te->n_lasers - first : 0;
	if (n > CMIS_LANES_PER_BANK)
		n = CMIS_LANES_PER_BANK;

	switch (page) {
	case 0x00:
		/* a swapped module is another module: another serial number */
		snprintf(sn, sizeof(sn), "%.8s-E%03u-%02u", dev->prof.serial, slot % 1000,
			 e->insertions % 100);
		page00_common(dev, out, CMIS_ID_ELSFP, "ELSFP-VHP-1311", sn);
		out[P0_PWR_CLASS] = 6 << 5;
		out[P0_MAX_PWR] = 52;		/* 13 W */
		out[P0_CONNECTOR] = 0x0c;
		out[P0_MEDIA_TECH] = 0x04;	/* 1310 nm DFB */
		return 0;
	case 0x01:
		page01_common(dev, out);
		out[P1_PAGES] = bank_code(nb) | P1_PAGES_VDM;
		return 0;
	case 0x02:
		thr4(out, P2_TEMP, &dev->thresh[CPO_HW_Q_ELS_TEMP], 256.0 / 1000.0, true);
		thr4(out, P2_VCC, &dev->thresh[CPO_HW_Q_ELS_VCC], 10.0, false);
		return 0;
	case 0x1a:
		els_page1a(dev, slot, first, n, out);
		return 0;
	case 0x1b:
		els_page1b(dev, slot, first, n, out);
		return 0;
	case 0x20:
	case 0x24:
	case 0x28:
	case 0x2f:
		els_vdm_page(dev, slot, n, page, out);
		return 0;
	default:
		return CPO_HW_ST_UNSUPPORTED;
	}
}

/* ---- latched flags and host writes of the engine and ELSFP images ---- */

/* where an image keeps its latched lane flags: page, first byte, count */
static void img_flags(unsigned int kind, unsigned int *page, unsigned int *first,
		      unsigned int *n)
{
	if (kind == CPO_HW_CMIS_OE) {
		*page = 0x11;
		*first = P11_FLAGS;
		*n = SIM_CMIS_FLAG_BYTES;
	} else {
		*page = 0x1a;
		*first = P1A_FAULT_FLAGS;
		*n = P1A_WARN_FLAGS + 4 - P1A_FAULT_FLAGS;
	}
}

static struct sim_cmis_img *img_of(struct sim_dev *dev, unsigned int kind, unsigned int idx)
{
	return kind == CPO_HW_CMIS_OE ? &dev->oe[idx].cmis : &dev->els[idx].cmis;
}

static int img_page(struct sim_dev *dev, unsigned int kind, unsigned int idx,
		    unsigned int bank, unsigned int page, uint8_t out[256])
{
	switch (kind) {
	case CPO_HW_CMIS_OE:
		if (idx >= dev->n_oe)
			return CPO_HW_ST_BAD_ARG;
		return sim_cmis_oe_page(dev, idx, bank, page, out);
	case CPO_HW_CMIS_ELS:
		if (idx >= dev->n_els)
			return CPO_HW_ST_BAD_ARG;
		return sim_cmis_els_page(dev, idx, bank, page, out);
	case CPO_HW_CMIS_PORT:
		if (idx >= dev->n_ports)
			return CPO_HW_ST_BAD_ARG;
		return sim_cmis_port_page(dev, idx, bank, page, out);
	default:
		return CPO_HW_ST_BAD_ARG;
	}
}

/* Once per update period: what is flagged now stays flagged until read. */
void sim_cmis_latch_all(struct sim_dev *dev)
{
	uint8_t pg[256];
	unsigned int i, b, k, page, first, n, kind;

	for (kind = CPO_HW_CMIS_ELS; kind <= CPO_HW_CMIS_OE; kind++) {
		unsigned int cnt = kind == CPO_HW_CMIS_OE ? dev->n_oe : dev->n_els;

		if (kind == CPO_HW_CMIS_PORT)
			continue;
		img_flags(kind, &page, &first, &n);
		for (i = 0; i < cnt; i++) {
			struct sim_cmis_img *im = img_of(dev, kind, i);

			for (b = 0; b < SIM_CMIS_BANKS; b++) {
				if (img_page(dev, kind, i, b, page, pg))
					break;
				if (!b)
					im->latch_lower |= pg[L_MOD_FLAGS];
				for (k = 0; k < n; k++)
					im->latch[b][k] |= pg[first + k];
			}
		}
	}
}

/**
 * sim_cmis_read() - CMIS_READ: @len bytes from @off of a page view
 *
 * Engine and ELSFP images report latched flags (lower byte 9, 11h 135-152,
 * 1Ah 166-177) and clear what the read returned, per image, as CMIS does;
 * the port view reports current flags and clears nothing.
 */
int sim_cmis_read(struct sim_dev *dev, unsigned int kind, unsigned int idx,
		  unsigned int bank, unsigned int page, unsigned int off, unsigned int len,
		  uint8_t *out)
{
	uint8_t pg[256];
	unsigned int k, fpage, first, n;
	struct sim_cmis_img *im;
	int st = img_page(dev, kind, idx, bank, page, pg);

	if (st)
		return st;
	if (kind != CPO_HW_CMIS_PORT) {
		im = img_of(dev, kind, idx);
		img_flags(kind, &fpage, &first, &n);
		pg[L_MOD_FLAGS] |= im->latch_lower;
		if (off <= L_MOD_FLAGS && off + len > L_MOD_FLAGS)
			im->latch_lower = 0;
		if (page == fpage) {
			for (k = 0; k < n; k++) {
				pg[first + k] |= im->latch[bank][k];
				if (off <= first + k && off + len > first + k)
					im->latch[bank][k] = 0;
			}
			if (kind == CPO_HW_CMIS_ELS)
				els_summary(pg);
		}
	}
	memcpy(out, pg + off, len);
	return CPO_HW_ST_OK;
}

/* the bits of a bit-per-lane byte that name lanes the bank does not have */
static uint8_t absent_lanes(unsigned int n)
{
	return n >= CMIS_LANES_PER_BANK ? 0 : (uint8_t)(0xff << n);
}

/* the lasers (ELSFP) or lanes (engine) in bank @bank of image @idx */
static unsigned int img_bank_lanes(struct sim_dev *dev, unsigned int kind, unsigned int idx,
				   unsigned int bank, unsigned int *first)
{
	unsigned int total = kind == CPO_HW_CMIS_OE ? dev->t_oe[idx].n_lanes :
			     dev->t_els[idx].n_lasers;
	unsigned int start = bank * CMIS_LANES_PER_BANK;

	*first = (kind == CPO_HW_CMIS_OE ? dev->t_oe[idx].first_lane :
		  dev->t_els[idx].first_laser) + start;
	if (total <= start)
		return 0;
	return total - start < CMIS_LANES_PER_BANK ? total - start : CMIS_LANES_PER_BANK;
}

/*
 * Check one byte of an engine write: READ_ONLY for a byte no host writes,
 * BAD_ARG for a value refused.
 */
static int oe_write_check(unsigned int page, unsigned int off, uint8_t v, unsigned int n)
{
	if (page == 0 && off == L_CONTROL)
		return v & ~0x10 ? CPO_HW_ST_BAD_ARG : 0;	/* LowPwrRequestSW only */
	if (page == 0x10 && off == P10_TX_DISABLE)
		return v & absent_lanes(n) ? CPO_HW_ST_BAD_ARG : 0;
	if (page == 0x10 && off >= P10_MASKS && off < P10_MASKS + SIM_CMIS_FLAG_BYTES)
		return v & absent_lanes(n) ? CPO_HW_ST_BAD_ARG : 0;
	return CPO_HW_ST_READ_ONLY;
}

static int oe_write(struct sim_dev *dev, unsigned int oe, unsigned int bank, unsigned int page,
		    unsigned int off, unsigned int len, const uint8_t *d)
{
	unsigned int i, j, p, first, n = img_bank_lanes(dev, CPO_HW_CMIS_OE, oe, bank, &first);
	int st;

	for (i = 0; i < len; i++) {
		st = oe_write_check(off < 128 ? 0 : page, off + i, d[i], n);
		if (st)
			return st;
	}
	for (i = 0; i < len; i++) {
		unsigned int o = off + i;

		if (o == L_CONTROL && off < 128) {
			/* low power is module-wide: every port of the engine */
			for (p = 0; p < dev->n_ports; p++)
				if (dev->t_port[p].oe == oe)
					dev->port[p].low_power = d[i] & 0x10;
		} else if (o == P10_TX_DISABLE) {
			for (j = 0; j < n; j++)
				dev->lane[first + j].enabled = !(d[i] & (1u << j));
		} else {
			dev->oe[oe].cmis.mask[bank][o - P10_MASKS] = d[i];
		}
	}
	return CPO_HW_ST_OK;
}

/* an ELSFP u16 setpoint field: 1Bh 128-159, whole fields only */
static int els_setpoint_check(struct sim_dev *dev, unsigned int off, unsigned int len,
			      const uint8_t *d, unsigned int first, unsigned int n)
{
	unsigned int i;

	if (off % 2 || len % 2)
		return CPO_HW_ST_BAD_ARG;
	for (i = 0; i < len; i += 2) {
		unsigned int o = off + i, k = (o - P1B_BIAS_SET) % 16 / 2;
		unsigned int v = d[i] << 8 | d[i + 1];
		const struct sim_laser *a;

		if (k >= n)
			return CPO_HW_ST_BAD_ARG;
		a = &dev->laser[first + k];
		if (o < P1B_PWR_SET) {
			/* a bias setpoint drives an ACC laser, up to its drive limit */
			if (a->mode != CPO_HW_LASER_MODE_ACC || !v ||
			    v > lround(dev->prof.laser_imax_ma * 10.0))
				return CPO_HW_ST_BAD_ARG;
		} else if (a->mode != CPO_HW_LASER_MODE_APC || v * 10u < SIM_LASER_MIN_UW ||
			   v * 10u > SIM_LASER_MAX_UW) {
			return CPO_HW_ST_BAD_ARG;
		}
	}
	return 0;
}

static int els_write_check(unsigned int page, unsigned int off, uint8_t v, unsigned int n)
{
	if (page == 0x1a) {
		if (off == P1A_SAVE_CMD)
			return v == 1 || v == 2 ? 0 : CPO_HW_ST_BAD_ARG;
		if (off == P1A_FAULT_MASK || off == P1A_WARN_MASK || off == P1A_ENABLE ||
		    off == P1A_FIBER_CHECKED)
			return v & absent_lanes(n) ? CPO_HW_ST_BAD_ARG : 0;
		/* lanes 9-32 of the masks: no bank has them */
		if (off > P1A_FAULT_MASK && off < P1A_WARN_MASK + 4)
			return v ? CPO_HW_ST_BAD_ARG : 0;
	}
	if (page == 0x1b && off >= P1B_BIAS_SET && off < P1B_PWR_SET + 16)
		return 0;	/* checked per field */
	return CPO_HW_ST_READ_ONLY;
}

/* 1Ah 184: 1 saves every laser's enable and setpoint of the module, 2 restores */
static void els_save_restore(struct sim_dev *dev, unsigned int slot, uint8_t cmd)
{
	const struct cpo_hw_els *te = &dev->t_els[slot];
	unsigned int k;

	for (k = 0; k < te->n_lasers; k++) {
		unsigned int l = te->first_laser + k;
		struct sim_laser *a = &dev->laser[l];

		if (cmd == 1) {
			a->saved = true;
			a->saved_enabled = a->enabled;
			a->saved_setpoint = a->setpoint;
		} else if (a->saved) {
			a->setpoint = a->saved_setpoint;
			sim_laser_set_enable(dev, l, a->saved_enabled);
		}
	}
	dev->els[slot].cmis.save_done = cmd;
}

static int els_write(struct sim_dev *dev, unsigned int slot, unsigned int bank,
		     unsigned int page, unsigned int off, unsigned int len, const uint8_t *d)
{
	unsigned int i, j, first, n = img_bank_lanes(dev, CPO_HW_CMIS_ELS, slot, bank, &first);
	struct sim_els *e = &dev->els[slot];
	int st;

	for (i = 0; i < len; i++) {
		st = els_write_check(off < 128 ? 0 : page, off + i, d[i], n);
		if (st)
			return st;
	}
	/* as LASER_ENABLE: a laser turns on only in a slot that runs its lasers */
	if (page == 0x1a && off <= P1A_ENABLE && off + len > P1A_ENABLE &&
	    d[P1A_ENABLE - off] && e->state != CPO_HW_ELS_ST_ON &&
	    e->state != CPO_HW_ELS_ST_RAMPING && e->state != CPO_HW_ELS_ST_FIBER_CHECK)
		return CPO_HW_ST_BUSY;
	if (page == 0x1b && off >= 128) {
		st = els_setpoint_check(dev, off, len, d, first, n);
		if (st)
			return st;
		for (i = 0; i < len; i += 2) {
			unsigned int o = off + i, k = (o - P1B_BIAS_SET) % 16 / 2;
			unsigned int v = d[i] << 8 | d[i + 1];

			/* ACC setpoints in mA, APC in mW */
			dev->laser[first + k].setpoint = o < P1B_PWR_SET ? v / 10.0 : v / 100.0;
		}
		return CPO_HW_ST_OK;
	}
	for (i = 0; i < len; i++) {
		unsigned int o = off + i;

		if (o == P1A_SAVE_CMD) {
			els_save_restore(dev, slot, d[i]);
		} else if (o == P1A_ENABLE) {
			for (j = 0; j < n; j++)
				sim_laser_set_enable(dev, first + j, d[i] & (1u << j));
		} else if (o == P1A_FIBER_CHECKED) {
			for (j = 0; j < n; j++)
				dev->laser[first + j].fiber_checked = d[i] & (1u << j);
		} else {
			e->cmis.mask[bank][o - P1A_FAULT_MASK] = d[i];
		}
	}
	return CPO_HW_ST_OK;
}

/**
 * sim_cmis_write() - CMIS_WRITE: @len bytes at @off of a page view
 *
 * Engines: lower byte 26 bit 4 (low power, every port of the engine), page
 * 10h byte 130 (Tx disable, bit per lane of the bank) and 213-230 (lane
 * flag masks).  ELSFPs: page 1Ah bytes 184 (save/restore), 198-205 (masks),
 * 220 (lane enable), 223 (output fibre checked), page 1Bh 128-143 (bias
 * setpoints of ACC lasers) and 144-159 (power setpoints of APC lasers).
 * Every byte and value is checked before anything changes.
 */
int sim_cmis_write(struct sim_dev *dev, unsigned int kind, unsigned int idx,
		   unsigned int bank, unsigned int page, unsigned int off, unsigned int len,
		   const uint8_t *data)
{
	uint8_t pg[256];
	int st;

	if (!len || off + len > 256 || (off < 128 && off + len > 128))
		return CPO_HW_ST_BAD_ARG;
	if (kind == CPO_HW_CMIS_PORT)
		return idx < dev->n_ports ? CPO_HW_ST_READ_ONLY : CPO_HW_ST_BAD_ARG;
	/* the page must be served: bank, presence */
	st = img_page(dev, kind, idx, bank, page, pg);
	if (st)
		return st;
	if (kind == CPO_HW_CMIS_OE)
		return oe_write(dev, idx, bank, page, off, len, data);
	return els_write(dev, idx, bank, page, off, len, data);
}
