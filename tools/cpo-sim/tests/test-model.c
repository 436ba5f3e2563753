// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim unit tests: the model without sockets, on a plain buffer, on
 * the kernel's kselftest harness (one TAP line per test).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "model.h"

#define PROFILES	"profiles/"

static bool mkdev(struct sim_dev *dev, const char *name, uint64_t seed)
{
	char err[SIM_ERR_LEN], path[256];

	snprintf(path, sizeof(path), PROFILES "%s.profile", name);
	if (sim_dev_create(dev, path, seed, NULL, err, sizeof(err))) {
		ksft_print_msg("%s\n", err);
		return false;
	}
	return true;
}

static bool parse_text(const char *text, char *err, size_t errlen)
{
	struct sim_profile p;
	int rc = sim_profile_parse(&p, "t.profile", text, err, errlen);

	if (!rc)
		sim_profile_free(&p);
	return rc == 0;
}

/* the telemetry record of laser i as the host sees it */
static const uint8_t *laser_rec(struct sim_dev *d, unsigned int i)
{
	return d->shm + d->lay.telem_off + sizeof(struct cpo_hw_telem_hdr) +
	       d->n_oe * sizeof(struct cpo_hw_oe_telem) +
	       d->n_lanes * sizeof(struct cpo_hw_lane_telem) +
	       d->n_els * sizeof(struct cpo_hw_els_telem) +
	       i * sizeof(struct cpo_hw_laser_telem);
}

TEST(profiles)
{
	static const struct {
		const char *name;
		unsigned int oe, lanes, els, lasers, ports;
	} want[] = {
		{ "tiny", 1, 8, 1, 2, 1 },
		{ "th5-51t", 8, 512, 8, 128, 128 },
		{ "th6-102t", 16, 512, 16, 128, 64 },
		{ "th6-102t-spare", 17, 544, 16, 160, 64 },
		{ "x-409t", 68, 2176, 64, 512, 256 },
		{ "qxp-115t", 72, 576, 18, 144, 144 },
		{ "npo-51t", 16, 512, 0, 0, 64 },
	};
	size_t i;

	for (i = 0; i < SIM_ARRAY_SIZE(want); i++) {
		struct sim_dev d;
		unsigned int l, p, j, bad = 0;
		uint32_t offs[10];
		const uint8_t *id;

		ASSERT_TRUE(mkdev(&d, want[i].name, 1))
			TH_LOG("profile %s loads", want[i].name);
		EXPECT_TRUE(d.n_oe == want[i].oe && d.n_lanes == want[i].lanes && d.n_els == want[i].els &&
		            d.n_lasers == want[i].lasers && d.n_ports == want[i].ports)
			TH_LOG("profile %s: %u OEs, %u lanes, %u slots, %u lasers, %u ports", want[i].name,
			       d.n_oe, d.n_lanes, d.n_els, d.n_lasers, d.n_ports);
		/* tables consistent: lane <-> port, lane <-> laser, one engine per port */
		for (p = 0; p < d.n_ports; p++)
			for (j = 0; j < d.t_port[p].n_lanes; j++) {
				l = d.t_port[p].lane[j];
				if (l >= d.n_lanes || d.t_lane[l].port != p || d.t_lane[l].oe != d.t_port[p].oe)
					bad++;
			}
		for (l = 0; l < d.n_lasers; l++)
			for (j = 0; j < d.t_laser[l].n_lanes; j++)
				if (d.t_lane[d.t_laser[l].lane[j]].laser != l)
					bad++;
		EXPECT_TRUE(!bad)
			TH_LOG("profile %s: tables cross-reference (%u mismatches)", want[i].name, bad);
		id = d.shm;
		offs[0] = sim_r32(id + offsetof(struct cpo_hw_ident, oe_table_off));
		offs[1] = sim_r32(id + offsetof(struct cpo_hw_ident, lane_table_off));
		offs[2] = sim_r32(id + offsetof(struct cpo_hw_ident, port_table_off));
		offs[3] = sim_r32(id + offsetof(struct cpo_hw_ident, els_table_off));
		offs[4] = sim_r32(id + offsetof(struct cpo_hw_ident, laser_table_off));
		offs[5] = sim_r32(id + offsetof(struct cpo_hw_ident, telem_off));
		offs[6] = sim_r32(id + offsetof(struct cpo_hw_ident, thresh_off));
		offs[7] = sim_r32(id + offsetof(struct cpo_hw_ident, mbox_off));
		offs[8] = sim_r32(id + offsetof(struct cpo_hw_ident, evring_off));
		offs[9] = d.lay.end;
		bad = 0;
		for (j = 0; j < 10; j++)
			if (offs[j] % 8 || (j && offs[j] < offs[j - 1]))
				bad++;
		EXPECT_TRUE(!bad && d.lay.end <= d.lay.bar_size &&
		            sim_r32(id) == CPO_HW_MAGIC &&
		            (sim_r32(id + offsetof(struct cpo_hw_ident, status)) & CPO_HW_STATUS_READY))
			TH_LOG("profile %s: regions 8-byte aligned, in order, in a %u-byte window, READY",
			       want[i].name, d.lay.bar_size);
		if (!strcmp(want[i].name, "th6-102t-spare")) {
			unsigned int spares = 0;

			for (l = 0; l < d.n_lasers; l++)
				spares += !!(d.t_laser[l].flags & CPO_HW_F_SPARE);
			EXPECT_TRUE(spares == 32 && (sim_r32(id + offsetof(struct cpo_hw_ident, caps)) &
					    CPO_HW_CAP_SPARES))
				TH_LOG("th6-102t-spare: 32 spare lasers flagged, CAP_SPARES");
		}
		if (!strcmp(want[i].name, "x-409t")) {
			unsigned int spares = 0;

			for (l = 0; l < d.n_oe; l++)
				spares += !!(d.t_oe[l].flags & CPO_HW_F_SPARE);
			EXPECT_TRUE(spares == 4)
				TH_LOG("x-409t: 4 spare engines");
		}
		sim_dev_destroy(&d);
	}
}

/* near-packaged optics: no slots, lanes lit by their engine, lost with it */
TEST(npo)
{
	char out[128], idx[] = "3", on[] = "on", cmd[] = "oe-overtemp";
	char *argv[] = { cmd, idx, on };
	struct sim_dev d;
	unsigned int l, lit = 0, dark = 0, other = 0;
	int i;

	ASSERT_TRUE(mkdev(&d, "npo-51t", 1));
	EXPECT_TRUE(!!(sim_r32(d.shm + offsetof(struct cpo_hw_ident, caps)) & CPO_HW_CAP_OE_LASERS))
		TH_LOG("npo-51t: CAP_OE_LASERS");
	for (i = 0; i < 5; i++)
		sim_dev_tick(&d);
	for (l = 0; l < d.n_lanes; l++)
		lit += d.t_lane[l].laser == CPO_HW_NONE && d.lane[l].tx_uw > 100.0 &&
		       !(d.lane[l].status & CPO_HW_LANE_S_TX_LOS);
	EXPECT_EQ(d.n_lanes, lit)
		TH_LOG("every lane lit by its engine's lasers (%u of %u)", lit, d.n_lanes);
	ASSERT_EQ(0, sim_fault_cmd(&d, 3, argv, out, sizeof(out)));
	for (i = 0; i < 600 && d.oe[3].state != CPO_HW_OE_ST_FAULT; i++)
		sim_dev_tick(&d);
	for (l = 0; l < d.n_lanes; l++) {
		bool los = d.lane[l].tx_uw < 10.0;

		if (d.t_lane[l].oe == 3)
			dark += los;
		else
			other += los;
	}
	EXPECT_TRUE(d.oe[3].state == CPO_HW_OE_ST_FAULT && dark == 32 && !other)
		TH_LOG("engine 3 in fault darkens its 32 lanes only (%u, %u others)", dark, other);
	sim_dev_destroy(&d);
}

TEST(bad_profiles)
{
	char err[SIM_ERR_LEN];

	EXPECT_TRUE(!parse_text("oe 1 8\nels 0 2\nports 1 8 1600000\n", err, sizeof(err)) &&
	            strstr(err, "t.profile:2:"))
		TH_LOG("'els 0 N' refused: no slots means no lasers per slot (%s)", err);
	EXPECT_TRUE(!parse_text("oe 1 8\nports 1 8 1600000\n", err, sizeof(err)) &&
	            strstr(err, "'els'"))
		TH_LOG("a profile without an 'els' line refused (%s)", err);
	EXPECT_TRUE(parse_text("oe 1 8\nels 0 0\nports 1 8 1600000\n", err, sizeof(err)))
		TH_LOG("'els 0 0': lasers in the engines (%s)", err);

	EXPECT_TRUE(!parse_text("oe 1 8\nels 1 2\nbogus 3\nports 1 8 1600000\n", err, sizeof(err)) &&
	            strstr(err, "t.profile:3:") && strstr(err, "bogus"))
		TH_LOG("unknown key names file:line (%s)", err);
	EXPECT_TRUE(!parse_text("oe 1 8\nels 1 2\nports 1 8 1600000\nambient hot\n", err, sizeof(err)) &&
	            strstr(err, "t.profile:4:"))
		TH_LOG("bad number names its line (%s)", err);
	EXPECT_TRUE(!parse_text("oe 1 8\nels 1 2\nports 2 8 1600000\n", err, sizeof(err)) &&
	            strstr(err, "t.profile:3:"))
		TH_LOG("inconsistent port count names the ports line (%s)", err);
	EXPECT_TRUE(!parse_text("oe 1 8\nels 1 3\nports 1 8 1600000\n", err, sizeof(err)) &&
	            strstr(err, "t.profile:2:"))
		TH_LOG("inconsistent laser count names the els line (%s)", err);
	EXPECT_TRUE(!parse_text("oe 1 8\nels 1 2\nports 1 8 1600000\nlink-loss 5 2.0\n", err, sizeof(err)) &&
	            strstr(err, "t.profile:4:"))
		TH_LOG("table line with a bad index names its line (%s)", err);
	EXPECT_TRUE(!parse_text("oe 200 32\nels 1 2\nports 1 8 1600000\n", err, sizeof(err)))
		TH_LOG("topology beyond interface limits refused (%s)", err);
	EXPECT_TRUE(parse_text("# c\n\noe 1 8   # engines\nels 1 2\nports 1 8 1600000\nlaser 1 mode acc\n",
		      err, sizeof(err)))
		TH_LOG("comments, blank lines and table lines accepted");
}

TEST(apc)
{
	struct sim_dev d;
	double p0, b0, pmax_dev = 0;
	int i;

	ASSERT_TRUE(mkdev(&d, "tiny", 7));
	p0 = d.laser[0].power_mw;
	b0 = d.laser[0].bias_ma;
	for (i = 0; i < 20; i++) {
		sim_phys_step(&d, 3600.0 * 1000);	/* 1000 h */
		pmax_dev = fmax(pmax_dev, fabs(d.laser[0].power_mw - d.laser[0].setpoint) /
				d.laser[0].setpoint);
	}
	EXPECT_TRUE(pmax_dev < 0.02 && d.laser[0].bias_ma > b0 * 1.03)
		TH_LOG("APC holds power (%.1f mW, max dev %.2f%%) while bias creeps %.1f -> %.1f mA",
		       p0, pmax_dev * 100, b0, d.laser[0].bias_ma);
	sim_dev_destroy(&d);
}

TEST(acc)
{
	const char *text = "oe 1 8\nels 1 2\nports 1 8 1600000\nlaser-mode acc\n";
	char err[SIM_ERR_LEN];
	FILE *f = fopen("tests/acc.profile.tmp", "w");
	struct sim_dev d;
	double p0, b0;
	int rc;

	if (f) {
		fputs(text, f);
		fclose(f);
	}
	rc = sim_dev_create(&d, "tests/acc.profile.tmp", 3, NULL, err, sizeof(err));
	remove("tests/acc.profile.tmp");
	ASSERT_EQ(0, rc)
		TH_LOG("ACC profile loads (%s)", err);
	p0 = d.laser[0].power_mw;
	b0 = d.laser[0].bias_ma;
	sim_phys_step(&d, 3600.0 * 20000);
	sim_phys_step(&d, 1.0);
	EXPECT_TRUE(d.laser[0].mode == CPO_HW_LASER_MODE_ACC && fabs(d.laser[0].bias_ma - b0) < 2.0 &&
	            d.laser[0].power_mw < p0 * 0.97)
		TH_LOG("ACC holds bias (%.1f -> %.1f mA) while power falls %.1f -> %.1f mW",
		       b0, d.laser[0].bias_ma, p0, d.laser[0].power_mw);
	sim_dev_destroy(&d);
}

static unsigned int ring_head(struct sim_dev *d)
{
	return sim_r32(d->shm + d->lay.evring_off + offsetof(struct cpo_hw_evring, head));
}

static const uint8_t *ring_entry(struct sim_dev *d, uint32_t i)
{
	return d->shm + d->lay.evring_off + sizeof(struct cpo_hw_evring) +
	       (i & (d->lay.evring_entries - 1)) * sizeof(struct cpo_hw_event);
}

TEST(hysteresis)
{
	struct sim_dev d;
	const struct cpo_hw_thresh *t;
	unsigned int q = CPO_HW_Q_LASER_TEMP, h0;
	uint16_t f = 0;
	int32_t hw;
	const uint8_t *e;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	t = &d.thresh[q];
	hw = (int32_t)t->high_warn;
	h0 = ring_head(&d);
	f = sim_flags_eval(&d, q, CPO_HW_OBJ_LASER, 1, hw + 100, true, f);
	e = ring_entry(&d, ring_head(&d) - 1);
	EXPECT_TRUE((f >> 8) == CPO_HW_FLAG_HIGH_WARN && ring_head(&d) == h0 + 1 &&
	            sim_r16(e + offsetof(struct cpo_hw_event, type)) == CPO_HW_EV_THRESH &&
	            sim_r16(e + offsetof(struct cpo_hw_event, flags)) == (CPO_HW_EVF_RAISED | CPO_HW_EVF_HIGH) &&
	            sim_r32(e + offsetof(struct cpo_hw_event, obj)) == 1)
		TH_LOG("high warning raises flag (slot 2) and one RAISED|HIGH event");
	f = sim_flags_eval(&d, q, CPO_HW_OBJ_LASER, 1, hw - 500, true, f);
	EXPECT_TRUE((f >> 8) == CPO_HW_FLAG_HIGH_WARN && ring_head(&d) == h0 + 1)
		TH_LOG("inside the hysteresis band the warning holds, no event");
	f = sim_flags_eval(&d, q, CPO_HW_OBJ_LASER, 1, hw - 1500, true, f);
	e = ring_entry(&d, ring_head(&d) - 1);
	EXPECT_TRUE(f == 0 && ring_head(&d) == h0 + 2 &&
	            sim_r16(e + offsetof(struct cpo_hw_event, flags)) == CPO_HW_EVF_HIGH)
		TH_LOG("below the band the warning clears with a cleared event");
	f = sim_flags_eval(&d, q, CPO_HW_OBJ_LASER, 1, (int32_t)t->high_alarm + 1, true, 0);
	EXPECT_TRUE((f >> 8) == (CPO_HW_FLAG_HIGH_ALARM | CPO_HW_FLAG_HIGH_WARN) && ring_head(&d) == h0 + 4)
		TH_LOG("over the alarm: alarm and warning both raised");
	f = sim_flags_eval(&d, q, CPO_HW_OBJ_LASER, 1, (int32_t)t->low_alarm - 1, true, 0);
	EXPECT_TRUE((f >> 8) == (CPO_HW_FLAG_LOW_ALARM | CPO_HW_FLAG_LOW_WARN))
		TH_LOG("under the low alarm: low alarm and low warning raised");
	f = sim_flags_eval(&d, q, CPO_HW_OBJ_LASER, 1, 0, false, f);
	EXPECT_TRUE(f == 0)
		TH_LOG("an unmonitored quantity clears its flags");
	sim_dev_destroy(&d);
}

TEST(ring)
{
	struct sim_dev d;
	uint8_t *r;
	uint32_t n, i, bad = 0;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	r = d.shm + d.lay.evring_off;
	n = d.lay.evring_entries;
	sim_ev_reset_ring(&d);
	for (i = 0; i < n + 10; i++)
		sim_ev_push(&d, CPO_HW_EV_OE_STATE, CPO_HW_OBJ_OE, 0, 0, 0, i, 0);
	EXPECT_TRUE(ring_head(&d) == n && sim_r32(r + offsetof(struct cpo_hw_evring, overflow)) == 10)
		TH_LOG("full ring drops and counts overflow (head %u, overflow %u)", ring_head(&d),
		       sim_r32(r + offsetof(struct cpo_hw_evring, overflow)));
	/* host consumes all but 3, then more events wrap around the slots */
	sim_w32(r + offsetof(struct cpo_hw_evring, tail), n - 3);
	for (i = 0; i < n - 3; i++)
		sim_ev_push(&d, CPO_HW_EV_OE_STATE, CPO_HW_OBJ_OE, 0, 0, 0, 1000 + i, 0);
	for (i = 0; i < n - 3; i++)
		if ((int32_t)sim_r32(ring_entry(&d, n + i) + offsetof(struct cpo_hw_event, value)) !=
		    (int32_t)(1000 + i))
			bad++;
	EXPECT_TRUE(ring_head(&d) == 2 * n - 3 && !bad)
		TH_LOG("ring wraps: entry i at slot i & (entries-1) (%u bad)", bad);
	/* a bogus tail (ahead of head) counts as full, never as room */
	sim_w32(r + offsetof(struct cpo_hw_evring, tail), ring_head(&d) + 5);
	i = ring_head(&d);
	sim_ev_push(&d, CPO_HW_EV_OE_STATE, CPO_HW_OBJ_OE, 0, 0, 0, 0, 0);
	EXPECT_TRUE(ring_head(&d) == i)
		TH_LOG("a tail ahead of head does not corrupt the ring");
	sim_dev_destroy(&d);
}

TEST(cmis)
{
	struct sim_dev d;
	uint8_t pg[256];
	unsigned int lane;
	int32_t temp;
	long txp, rxp;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	lane = d.t_port[0].lane[2];
	EXPECT_TRUE(!sim_cmis_port_page(&d, 0, 0, 0x00, pg) && pg[0] == 0x18 && pg[128] == 0x18 &&
	            !(pg[2] & 0x80) && ((pg[3] >> 1) & 7) == 3 && !memcmp(pg + 129, "CPO-SIM ", 8))
		TH_LOG("port page 00h: QSFP-DD id, paged, ModuleReady, vendor name");
	temp = (int16_t)(pg[14] << 8 | pg[15]);
	EXPECT_TRUE(fabs(temp / 256.0 - d.oe[0].temp_c) < 0.01 &&
	            abs((pg[16] << 8 | pg[17]) - (int)lround(d.oe[0].vcc_mv * 10)) <= 1)
		TH_LOG("port module temperature (1/256 degC) and Vcc (100 uV) are the engine's (%.2f degC)",
		       temp / 256.0);
	EXPECT_TRUE(!sim_cmis_port_page(&d, 0, 0, 0x11, pg))
		TH_LOG("port page 11h served");
	txp = pg[154 + 4] << 8 | pg[155 + 4];
	rxp = pg[186 + 4] << 8 | pg[187 + 4];
	EXPECT_TRUE(labs(txp - lround(d.lane[lane].tx_uw * 10)) <= 1 &&
	            labs(rxp - lround(d.lane[lane].rx_uw * 10)) <= 1 && (pg[129] & 0xf) == 4)
		TH_LOG("page 11h lane 3 Tx %.1f uW Rx %.1f uW in 0.1 uW, data path Activated",
		       txp / 10.0, rxp / 10.0);
	EXPECT_TRUE(!sim_cmis_port_page(&d, 0, 0, 0x01, pg) && (pg[160] & 7) == 7 && (pg[142] & 3) == 0)
		TH_LOG("port page 01h advertises bias/Tx/Rx monitors, bank 0 only");
	EXPECT_TRUE(!sim_cmis_port_page(&d, 0, 0, 0x02, pg) &&
	            (pg[176] << 8 | pg[177]) == (int)(d.thresh[CPO_HW_Q_LANE_TX_POWER].high_alarm * 10))
		TH_LOG("port page 02h Tx power high alarm in 0.1 uW");
	EXPECT_TRUE(sim_cmis_port_page(&d, 0, 0, 0x10 + 0x20, pg) == CPO_HW_ST_UNSUPPORTED &&
	            sim_cmis_port_page(&d, 0, 1, 0x11, pg) == CPO_HW_ST_BAD_ARG)
		TH_LOG("unserved page unsupported, bank 1 refused");
	EXPECT_TRUE(!sim_cmis_els_page(&d, 0, 0, 0x00, pg) && pg[0] == 0x22 && pg[57] == 1)
		TH_LOG("ELSFP page 00h: id 0x22, resource module");
	EXPECT_TRUE(!sim_cmis_els_page(&d, 0, 0, 0x1b, pg) &&
	            labs((pg[200] << 8 | pg[201]) - lround(d.laser[0].power_mw * 100)) <= 1 &&
	            labs((pg[184] << 8 | pg[185]) - lround(d.laser[0].bias_ma * 10)) <= 1)
		TH_LOG("ELSFP page 1Bh: laser power (10 uW) and bias (100 uA) monitors");
	EXPECT_TRUE(!sim_cmis_els_page(&d, 0, 0, 0x1a, pg) && (pg[220] & 3) == 3 &&
	            ((pg[221] & 3) == 2))
		TH_LOG("ELSFP page 1Ah: lasers enabled, lane 1 on");
	sim_els_pull(&d, 0);
	EXPECT_TRUE(sim_cmis_els_page(&d, 0, 0, 0x00, pg) == CPO_HW_ST_NOT_PRESENT)
		TH_LOG("an empty slot's pages are not present");
	sim_dev_destroy(&d);
}

static int mbox(struct sim_dev *d, uint16_t op, const void *args, uint16_t len, uint8_t *resp,
		uint16_t *resp_len)
{
	uint8_t *mb = d->shm + d->lay.mbox_off;
	uint32_t seq = sim_r32(mb) + 1;

	sim_w16(mb + offsetof(struct cpo_hw_mbox, opcode), op);
	sim_w16(mb + offsetof(struct cpo_hw_mbox, arg_len), len);
	memcpy(mb + offsetof(struct cpo_hw_mbox, args), args,
	       len < CPO_HW_MBOX_ARGS_LEN ? len : CPO_HW_MBOX_ARGS_LEN);
	sim_w32(mb + offsetof(struct cpo_hw_mbox, seq), seq);
	sim_mbox_poll(d);
	if (sim_r32(mb + offsetof(struct cpo_hw_mbox, done_seq)) != seq)
		return -1;
	if (resp_len)
		*resp_len = sim_r16(mb + offsetof(struct cpo_hw_mbox, resp_len));
	if (resp)
		memcpy(resp, mb + offsetof(struct cpo_hw_mbox, resp), CPO_HW_MBOX_RESP_LEN);
	return sim_r16(mb + offsetof(struct cpo_hw_mbox, status));
}

TEST(mailbox)
{
	struct sim_dev d;
	uint8_t args[32], resp[256];
	uint16_t rl = 0;
	int st;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	memcpy(args, "hello, device", 13);
	st = mbox(&d, CPO_HW_CMD_NOP, args, 13, resp, &rl);
	EXPECT_TRUE(st == 0 && rl == 13 && !memcmp(resp, "hello, device", 13))
		TH_LOG("NOP echoes its args");
	EXPECT_TRUE(mbox(&d, 99, args, 0, NULL, NULL) == CPO_HW_ST_UNSUPPORTED)
		TH_LOG("unknown opcode: unsupported");
	sim_w16(args, 7);
	args[2] = 1;
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_LASER_ENABLE, args, 4, NULL, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("laser index beyond the table: bad arg");
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_LASER_ENABLE, args, 40, NULL, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("arg_len beyond args[]: bad arg");
	sim_w16(args, 1);
	args[2] = 0;
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_LASER_ENABLE, args, 4, NULL, NULL) == 0)
		TH_LOG("laser 1 disabled");
	{
		const uint8_t *lt = d.shm + d.lay.telem_off + sizeof(struct cpo_hw_telem_hdr) +
				    d.n_oe * sizeof(struct cpo_hw_oe_telem) +
				    d.n_lanes * sizeof(struct cpo_hw_lane_telem) +
				    d.n_els * sizeof(struct cpo_hw_els_telem) +
				    1 * sizeof(struct cpo_hw_laser_telem);

		EXPECT_TRUE(lt[offsetof(struct cpo_hw_laser_telem, enabled)] == 0)
			TH_LOG("the completion finds the setting already in the telemetry");
	}
	sim_dev_tick(&d);
	EXPECT_TRUE(d.laser[1].state == CPO_HW_LASER_ST_OFF && (d.lane[4].status & CPO_HW_LANE_S_TX_LOS))
		TH_LOG("a disabled laser is off and its lanes see Tx LOS");
	memset(args, 0, sizeof(args));
	sim_w16(args, CPO_HW_Q_OE_TEMP);
	sim_w32(args + 4, 10);
	sim_w32(args + 8, 20);	/* low alarm above high alarm */
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_SET_THRESH, args, 20, NULL, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("thresholds out of CMIS order refused");
	d.mbox_force_status = CPO_HW_ST_BUSY;
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_NOP, args, 0, NULL, NULL) == CPO_HW_ST_BUSY &&
	            mbox(&d, CPO_HW_CMD_NOP, args, 0, NULL, NULL) == 0)
		TH_LOG("mbox-error answers once");
	d.hung = true;
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_NOP, args, 0, NULL, NULL) == -1)
		TH_LOG("a hung firmware does not answer");
	{
		uint32_t hb = sim_r32(d.shm + offsetof(struct cpo_hw_ident, heartbeat));
		uint32_t gen = sim_r32(d.shm + d.lay.telem_off), head = ring_head(&d);

		d.laser[0].failed = true;
		sim_dev_tick(&d);
		sim_dev_tick(&d);
		EXPECT_TRUE(sim_r32(d.shm + offsetof(struct cpo_hw_ident, heartbeat)) == hb &&
		            sim_r32(d.shm + d.lay.telem_off) == gen && ring_head(&d) == head)
			TH_LOG("hung: heartbeat, telemetry and events stand still");
		d.laser[0].failed = false;
	}
	d.hung = false;
	sim_mbox_poll(&d);
	EXPECT_TRUE(sim_r32(d.shm + d.lay.mbox_off + offsetof(struct cpo_hw_mbox, done_seq)) ==
	            sim_r32(d.shm + d.lay.mbox_off))
		TH_LOG("after resume the pending request completes");
	sim_w16(args, 0);
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_ELS_PREPARE_REMOVAL, args, 2, NULL, NULL) == 0 &&
	            d.els[0].state == CPO_HW_ELS_ST_REMOVING)
		TH_LOG("prepare-for-removal: REMOVING");
	for (st = 0; st < 6; st++)
		sim_dev_tick(&d);
	EXPECT_TRUE(d.els[0].state == CPO_HW_ELS_ST_SAFE && d.laser[0].power_mw == 0)
		TH_LOG("then SAFE with the lasers dark");
	sim_dev_destroy(&d);
}

static unsigned int be16at(const uint8_t *pg, unsigned int off)
{
	return pg[off] << 8 | pg[off + 1];
}

/* thresholds through the mailbox, as the host sets them */
static int set_thresh(struct sim_dev *d, uint16_t q, int32_t ha, int32_t la, int32_t hw,
		      int32_t lw)
{
	uint8_t args[20] = { 0 };

	sim_w16(args, q);
	sim_w32(args + 4, ha);
	sim_w32(args + 8, la);
	sim_w32(args + 12, hw);
	sim_w32(args + 16, lw);
	return mbox(d, CPO_HW_CMD_SET_THRESH, args, sizeof(args), NULL, NULL);
}

/*
 * The port view's Tx bias is the bias of the laser feeding the lane, its
 * thresholds the laser bias thresholds, both in 2 uA counts times the
 * multiplier advertised in page 01h.
 */
TEST(cmis_bias)
{
	static const unsigned int mcode[5] = { [1] = 0, [2] = 1, [4] = 2 };
	struct sim_dev d;
	uint8_t p1[256], p2[256], p11[256];
	unsigned int j, m, bad = 0;

	ASSERT_TRUE(mkdev(&d, "th6-102t", 1));
	m = sim_cmis_tx_bias_mult(&d);
	EXPECT_TRUE(m == 4 && !sim_cmis_port_page(&d, 3, 0, 0x01, p1) && ((p1[160] >> 3) & 3) == mcode[m] &&
	            (p1[160] & 1))
		TH_LOG("650 mA lasers: port page 01h advertises bias monitors x4");
	EXPECT_TRUE(!sim_cmis_port_page(&d, 3, 0, 0x11, p11))
		TH_LOG("port page 11h served");
	for (j = 0; j < d.t_port[3].n_lanes; j++) {
		unsigned int lane = d.t_port[3].lane[j], l = d.t_lane[lane].laser;
		long want = lround(d.laser[l].bias_ma * 1000.0 / (2 * m));

		if (labs((long)be16at(p11, 170 + 2 * j) - want) > 1) {
			ksft_print_msg("lane %u: %u counts, laser %u %.3f mA\n", j, be16at(p11, 170 + 2 * j), l,
			     d.laser[l].bias_ma);
			bad++;
		}
	}
	EXPECT_TRUE(!bad && d.laser[d.t_lane[d.t_port[3].lane[0]].laser].bias_ma > 131.07)
		TH_LOG("each lane's Tx bias is its laser's bias (%.1f mA), not a share, and not saturated",
		       d.laser[d.t_lane[d.t_port[3].lane[0]].laser].bias_ma);
	EXPECT_TRUE(!set_thresh(&d, CPO_HW_Q_LASER_BIAS, 500000, 60000, 480000, 90000) &&
	            !sim_cmis_port_page(&d, 3, 0, 0x02, p2) &&
	            be16at(p2, 184) == 500000 / (2 * m) && be16at(p2, 186) == 60000 / (2 * m) &&
	            be16at(p2, 188) == 480000 / (2 * m) && be16at(p2, 190) == 90000 / (2 * m))
		TH_LOG("page 02h Tx bias thresholds are the laser's, on the monitors' scale");
	EXPECT_TRUE(!set_thresh(&d, CPO_HW_Q_LASER_BIAS, 600000, 50000, 550000, 100000) &&
	            !sim_cmis_port_page(&d, 3, 0, 0x02, p2) && be16at(p2, 184) == 0xffff &&
	            be16at(p2, 188) == 0xffff && CPO_HW_CMIS_TX_BIAS_MAX(4) == 524280)
		TH_LOG("bias thresholds above %d uA read as the maximum (the documented exception)",
		       CPO_HW_CMIS_TX_BIAS_MAX(4));
	sim_dev_destroy(&d);

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	d.prof.laser_imax_ma = 120;
	EXPECT_TRUE(sim_cmis_tx_bias_mult(&d) == 1 && !sim_cmis_port_page(&d, 0, 0, 0x01, p1) &&
	            ((p1[160] >> 3) & 3) == 0)
		TH_LOG("120 mA lasers: x1");
	d.prof.laser_imax_ma = 200;
	EXPECT_TRUE(sim_cmis_tx_bias_mult(&d) == 2 && !sim_cmis_port_page(&d, 0, 0, 0x01, p1) &&
	            ((p1[160] >> 3) & 3) == 1)
		TH_LOG("200 mA lasers: x2");
	sim_dev_destroy(&d);
}

/* no threshold accepted that a CMIS view would show other than as set */
TEST(cmis_thresh_range)
{
	struct sim_dev d;
	uint8_t pg[256];

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	EXPECT_TRUE(set_thresh(&d, CPO_HW_Q_OE_TEMP, 200000, -5000, 75000, 0) == CPO_HW_ST_BAD_ARG &&
	            set_thresh(&d, CPO_HW_Q_ELS_TEMP, 80000, -130000, 70000, 0) == CPO_HW_ST_BAD_ARG &&
	            !set_thresh(&d, CPO_HW_Q_OE_TEMP, CPO_HW_CMIS_TEMP_MAX, CPO_HW_CMIS_TEMP_MIN,
		       75000, 0) &&
	            !sim_cmis_port_page(&d, 0, 0, 0x02, pg) && be16at(pg, 128) == 0x7fff &&
	            be16at(pg, 130) == 0x8000)
		TH_LOG("temperature thresholds: 200 degC refused, -128..127.996 degC held");
	EXPECT_TRUE(set_thresh(&d, CPO_HW_Q_LANE_TX_POWER, 10000, 295, 8000, 468) == CPO_HW_ST_BAD_ARG &&
	            set_thresh(&d, CPO_HW_Q_LANE_RX_POWER, 3162, -1, 2512, 158) == CPO_HW_ST_BAD_ARG &&
	            set_thresh(&d, CPO_HW_Q_LANE_TX_POWER, CPO_HW_CMIS_LANE_POWER_MAX, 0, 5000, 468) == 0 &&
	            !sim_cmis_port_page(&d, 0, 0, 0x02, pg) && be16at(pg, 176) == 65530 &&
	            be16at(pg, 180) == 50000)
		TH_LOG("lane power thresholds: 10 mW and -1 uW refused, 6.553 mW held");
	EXPECT_TRUE(set_thresh(&d, CPO_HW_Q_OE_VCC, 7000, 2970, 3465, 3135) == CPO_HW_ST_BAD_ARG &&
	            set_thresh(&d, CPO_HW_Q_ELS_VCC, 6553, 2970, 3465, 3135) == 0)
		TH_LOG("Vcc thresholds: 7 V refused, 6.553 V held");
	EXPECT_TRUE(set_thresh(&d, CPO_HW_Q_LASER_BIAS, 7000000, 50000, 550000, 100000) ==
	            CPO_HW_ST_BAD_ARG &&
	            set_thresh(&d, CPO_HW_Q_LASER_POWER, 700000, 50119, 158489, 63096) ==
	            CPO_HW_ST_BAD_ARG &&
	            set_thresh(&d, CPO_HW_Q_LASER_POWER, 655350, 50119, 158489, 63096) == 0 &&
	            !sim_cmis_els_page(&d, 0, 0, 0x1a, pg) && be16at(pg, 149) == 65535)
		TH_LOG("laser thresholds beyond the ELSFP page 1Ah fields refused, its maximum held");
	EXPECT_TRUE(set_thresh(&d, CPO_HW_Q_LASER_TEMP, 150000, 20000, 55000, 30000) == 0)
		TH_LOG("thresholds no CMIS view shows are the range checks' business, not the view's");
	sim_dev_destroy(&d);
}

TEST(hotplug)
{
	struct sim_dev d;
	int seen[8] = { 0 }, i;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	sim_els_pull(&d, 0);
	sim_dev_tick(&d);
	EXPECT_TRUE(!d.els[0].present && d.laser[0].state == CPO_HW_LASER_ST_ABSENT &&
	            (d.lane[0].status & CPO_HW_LANE_S_TX_LOS))
		TH_LOG("pull: lasers absent, lanes Tx LOS");
	sim_els_insert(&d, 0);
	for (i = 0; i < 20; i++) {
		sim_dev_tick(&d);
		if (d.els[0].state < 8)
			seen[d.els[0].state]++;
		if (d.els[0].state == CPO_HW_ELS_ST_FIBER_CHECK && d.laser[0].power_mw > 2.0)
			seen[0] = 100;	/* full power during the fiber check: wrong */
	}
	EXPECT_TRUE(seen[CPO_HW_ELS_ST_FIBER_CHECK] && seen[CPO_HW_ELS_ST_RAMPING] &&
	            d.els[0].state == CPO_HW_ELS_ST_ON && seen[0] < 100 && d.els[0].insertions == 2 &&
	            d.laser[0].state == CPO_HW_LASER_ST_ON && !(d.lane[0].status & CPO_HW_LANE_S_TX_LOS))
		TH_LOG("insert: probing, low-power fiber check, ramping, on");
	sim_dev_destroy(&d);
}

TEST(els_hold)
{
	char *argv[3] = { "els-hold", "0", "fiber-check" };
	struct sim_dev d;
	char out[128];
	int i;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	sim_els_pull(&d, 0);
	EXPECT_EQ(0, sim_fault_cmd(&d, 3, argv, out, sizeof(out)))
		TH_LOG("els-hold accepted");
	sim_els_insert(&d, 0);
	for (i = 0; i < 30; i++)
		sim_dev_tick(&d);
	EXPECT_TRUE(d.els[0].state == CPO_HW_ELS_ST_FIBER_CHECK &&
	            d.laser[0].state == CPO_HW_LASER_ST_FIBER_CHECK)
		TH_LOG("els-hold: the slot stays in its fiber check");
	argv[2] = "off";
	sim_fault_cmd(&d, 3, argv, out, sizeof(out));
	for (i = 0; i < 20; i++)
		sim_dev_tick(&d);
	EXPECT_TRUE(d.els[0].state == CPO_HW_ELS_ST_ON)
		TH_LOG("els-hold off: the slot ramps and is on");
	argv[2] = "on";
	EXPECT_EQ(-EINVAL, sim_fault_cmd(&d, 3, argv, out, sizeof(out)))
		TH_LOG("els-hold refuses a state that is not transient");
	sim_dev_destroy(&d);
}

TEST(aging_run)
{
	struct sim_dev d;
	double t_warn = -1, t_alarm = -1, t_fault = -1;
	int i;

	ASSERT_TRUE(mkdev(&d, "th6-102t", 42));
	d.accel = 1e6;	/* 100 ms period -> 27.8 model hours per update */
	d.laser[5].aging = 3.0 / 100.0 / 1000.0;	/* a weak laser: 3 %/kh */
	for (i = 0; i < 200000 && t_fault < 0; i++) {
		sim_dev_tick(&d);
		if (t_warn < 0 && (d.laser[5].flags & CPO_HW_FLAG_HIGH_WARN))
			t_warn = d.laser[5].age_h;
		if (t_alarm < 0 && (d.laser[5].flags & CPO_HW_FLAG_HIGH_ALARM))
			t_alarm = d.laser[5].age_h;
		if (d.laser[5].fault == CPO_HW_LASER_FAULT_APC)
			t_fault = d.laser[5].age_h;
	}
	ksft_print_msg("laser 5 (3 %%/kh): bias warning at %.0f h, alarm at %.0f h, APC fault at %.0f h "
		       "(%.1f model years in %d updates); BOL %.1f mA, now %.1f mA\n",
	     t_warn, t_alarm, t_fault, t_fault / 8766.0, i, d.laser[5].bol_bias_ma,
	     d.laser[5].bias_ma);
	EXPECT_TRUE(t_warn > 0 && t_alarm > t_warn && t_fault >= t_alarm &&
	            sim_r32(laser_rec(&d, 5) + offsetof(struct cpo_hw_laser_telem, fault)) % 256 ==
	            CPO_HW_LASER_FAULT_APC)
		TH_LOG("accelerated run: BOL -> bias warning -> bias alarm -> APC fault");
	EXPECT_TRUE(d.laser[6].fault == CPO_HW_LASER_FAULT_NONE && !(d.laser[6].flags & 0xf))
		TH_LOG("a healthy neighbour (0.3 %%/kh) has no alarm after %.0f h", d.laser[6].age_h);
	sim_dev_destroy(&d);
}

static int sim_cmd(struct sim_dev *d, const char *a0, const char *a1, const char *a2)
{
	char *argv[] = { (char *)a0, (char *)a1, (char *)a2 };
	char out[256];

	return sim_fault_cmd(d, 3, argv, out, sizeof(out));
}

static int32_t laser_s32(struct sim_dev *d, unsigned int i, size_t off)
{
	return (int32_t)sim_r32(laser_rec(d, i) + off);
}

/* the ELS -> engine path: readings, injected loss, drift, dark laser, age */
TEST(path_loss)
{
	const size_t o_pl = offsetof(struct cpo_hw_laser_telem, path_loss);
	const size_t o_in = offsetof(struct cpo_hw_laser_telem, oe_in_power);
	const size_t o_pw = offsetof(struct cpo_hw_laser_telem, power);
	const size_t o_fe = offsetof(struct cpo_hw_laser_telem, freq_err);
	const size_t o_age = offsetof(struct cpo_hw_laser_telem, age_pct);
	const unsigned int shift = 4 * cpo_hw_q_slot(CPO_HW_Q_LASER_PATH_LOSS);
	struct sim_dev d, ref;
	double tx0[8], pl, calc, drop;
	unsigned int j, h0, i, n_ev = 0, bad = 0;
	int32_t pl0;

	ASSERT_TRUE(mkdev(&d, "tiny", 5));
	ASSERT_TRUE(mkdev(&ref, "tiny", 5));
	for (i = 0; i < 5; i++) {
		sim_dev_tick(&d);
		sim_dev_tick(&ref);
	}
	pl0 = laser_s32(&d, 0, o_pl);
	calc = 10.0 * log10((double)sim_r32(laser_rec(&d, 0) + o_pw) /
			    sim_r32(laser_rec(&d, 0) + o_in));
	EXPECT_TRUE(pl0 > 1000 && pl0 < 2000 && fabs(calc * 1000 - pl0) < 5 &&
	            abs(laser_s32(&d, 0, o_fe)) < 5000 && sim_r16(laser_rec(&d, 0) + o_age) < 100)
		TH_LOG("lit laser: path loss %d mdB = 10 log10(power/OE input) %.3f dB, freq err %d MHz, age %u",
		       pl0, calc, laser_s32(&d, 0, o_fe), sim_r16(laser_rec(&d, 0) + o_age));
	EXPECT_TRUE(!memcmp(d.shm, ref.shm, d.lay.bar_size))
		TH_LOG("no extra loss: the same seed gives the same window");

	/* 2 dB of dirt: over the 3 dB warning, every lane of the laser 2 dB down */
	for (j = 0; j < d.t_laser[0].n_lanes; j++)
		tx0[j] = d.lane[d.t_laser[0].lane[j]].tx_uw;
	h0 = ring_head(&d);
	ASSERT_EQ(0, sim_cmd(&d, "path-loss", "0", "2"));
	sim_dev_tick(&d);
	pl = laser_s32(&d, 0, o_pl) / 1000.0;
	for (j = 0; j < d.t_laser[0].n_lanes; j++) {
		drop = 10.0 * log10(tx0[j] / d.lane[d.t_laser[0].lane[j]].tx_uw);
		if (fabs(drop - 2.0) > 0.15)
			bad++;
	}
	for (i = h0; i != ring_head(&d); i++) {
		const uint8_t *e = ring_entry(&d, i);

		if (sim_r16(e + offsetof(struct cpo_hw_event, type)) == CPO_HW_EV_THRESH &&
		    sim_r16(e + offsetof(struct cpo_hw_event, quantity)) == CPO_HW_Q_LASER_PATH_LOSS &&
		    sim_r32(e + offsetof(struct cpo_hw_event, obj)) == 0 &&
		    sim_r16(e + offsetof(struct cpo_hw_event, flags)) ==
		    (CPO_HW_EVF_RAISED | CPO_HW_EVF_HIGH))
			n_ev++;
	}
	EXPECT_TRUE(fabs(pl - pl0 / 1000.0 - 2.0) < 0.05 && !bad && n_ev == 1 &&
	            ((d.laser[0].flags >> shift) & 0xf) == CPO_HW_FLAG_HIGH_WARN &&
	            !((d.laser[1].flags >> shift) & 0xf))
		TH_LOG("2 dB injected: path loss %.3f dB, %u lanes off by 2 dB, %u warning events, flags 0x%x",
		       pl, bad, n_ev, d.laser[0].flags);
	ASSERT_EQ(0, sim_cmd(&d, "path-loss", "0", "0"));
	sim_dev_tick(&d);
	EXPECT_TRUE(!((d.laser[0].flags >> shift) & 0xf) && abs(laser_s32(&d, 0, o_pl) - pl0) < 60)
		TH_LOG("restored: warning cleared, path loss back to %d mdB", laser_s32(&d, 0, o_pl));

	/* drift: 3600 dB/h is 0.1 dB per 100 ms update */
	ASSERT_EQ(0, sim_cmd(&d, "path-drift", "1", "3600"));
	for (i = 0; i < 20; i++)
		sim_dev_tick(&d);
	ASSERT_EQ(0, sim_cmd(&d, "path-drift", "1", "0"));
	sim_dev_tick(&d);
	EXPECT_TRUE(fabs(d.laser[1].path_extra_db - 2.0) < 1e-6 &&
	            ((d.laser[1].flags >> shift) & 0xf) == CPO_HW_FLAG_HIGH_WARN)
		TH_LOG("drift: extra %.3f dB after 2 model seconds, flags 0x%x",
		       d.laser[1].path_extra_db, d.laser[1].flags);
	EXPECT_NE(0, sim_cmd(&d, "path-loss", "2", "1"));
	EXPECT_NE(0, sim_cmd(&d, "path-loss", "0", "31"));
	EXPECT_NE(0, sim_cmd(&d, "path-drift", "0", "x"));

	/* dark: no reading, no flags */
	sim_laser_set_enable(&d, 1, false);
	for (i = 0; i < 3; i++)
		sim_dev_tick(&d);
	EXPECT_TRUE(sim_r32(laser_rec(&d, 1) + o_pl) == CPO_HW_NO_READING &&
	            sim_r32(laser_rec(&d, 1) + o_fe) == CPO_HW_NO_READING &&
	            sim_r32(laser_rec(&d, 1) + o_in) == 0 && !((d.laser[1].flags >> shift) & 0xf))
		TH_LOG("a dark laser: no path loss, no frequency error, 0 uW in, flags 0x%x",
		       d.laser[1].flags);

	/* age: end of life at a third of the slope lost */
	d.laser[0].age_h = 1.0 / 6.0 / d.laser[0].aging;
	sim_dev_tick(&d);
	EXPECT_TRUE(abs((int)sim_r16(laser_rec(&d, 0) + o_age) - 5000) < 5)
		TH_LOG("half the slope loss of EOL: age %u (0.01 %%)", sim_r16(laser_rec(&d, 0) + o_age));
	d.laser[0].age_h = 1e6;
	sim_dev_tick(&d);
	EXPECT_EQ(CPO_HW_AGE_PCT_EOL, sim_r16(laser_rec(&d, 0) + o_age));
	sim_dev_destroy(&d);
	sim_dev_destroy(&ref);
}

/* the VDM pages of an ELSFP: descriptors, samples, thresholds, advertised */
TEST(elsfp_vdm)
{
	uint8_t p1[256], p20[256], p24[256], p28[256], p2f[256];
	struct sim_dev d;
	unsigned int n, k, bad = 0;
	int16_t fe, tmp;

	ASSERT_TRUE(mkdev(&d, "th6-102t", 3));
	sim_dev_tick(&d);
	n = d.t_els[0].n_lasers < 8 ? d.t_els[0].n_lasers : 8;
	ASSERT_EQ(0, sim_cmis_els_page(&d, 0, 0, 0x01, p1));
	ASSERT_EQ(0, sim_cmis_els_page(&d, 0, 0, 0x20, p20));
	ASSERT_EQ(0, sim_cmis_els_page(&d, 0, 0, 0x24, p24));
	ASSERT_EQ(0, sim_cmis_els_page(&d, 0, 0, 0x28, p28));
	ASSERT_EQ(0, sim_cmis_els_page(&d, 0, 0, 0x2f, p2f));
	EXPECT_TRUE((p1[142] & 0x40) && (p2f[128] & 3) == 0)
		TH_LOG("page 01h byte 142 bit 6 advertises VDM, one group");
	for (k = 0; k < n; k++) {
		const struct sim_laser *a = &d.laser[d.t_els[0].first_laser + k];

		if (p20[128 + 2 * k] != k || p20[129 + 2 * k] != 1 ||
		    p20[128 + 2 * (n + k)] != (0x10 | k) || p20[129 + 2 * (n + k)] != 3 ||
		    p20[128 + 2 * (2 * n + k)] != (0x20 | k) || p20[129 + 2 * (2 * n + k)] != 4)
			bad++;
		fe = (int16_t)(p24[128 + 2 * (n + k)] << 8 | p24[129 + 2 * (n + k)]);
		tmp = (int16_t)(p24[128 + 2 * (2 * n + k)] << 8 | p24[129 + 2 * (2 * n + k)]);
		if (abs(fe * 10 - (int)lround(a->freq_err_mhz)) > 5 ||
		    fabs(tmp / 256.0 - a->temp_c) > 0.01 ||
		    (p24[128 + 2 * k] << 8 | p24[129 + 2 * k]) != lround(sim_laser_age_pct(a)))
			bad++;
	}
	EXPECT_TRUE(!bad && p20[128 + 6 * n] == 0 && p20[129 + 6 * n] == 0)
		TH_LOG("%u lasers x age, frequency error, temperature: %u bad descriptors or samples", n, bad);
	EXPECT_TRUE(p28[128] == 0 && p28[129] == 100 && p28[128 + 8] == 0x13 && p28[129 + 8] == 0x88 &&
	            (int16_t)(p28[128 + 16] << 8 | p28[129 + 16]) ==
	            lround((int32_t)d.thresh[CPO_HW_Q_LASER_TEMP].high_alarm * 256.0 / 1000.0))
		TH_LOG("thresholds: age 100 %%, frequency error 50 GHz, laser temperature as set");
	EXPECT_EQ(CPO_HW_ST_BAD_ARG, sim_cmis_els_page(&d, 0, 1, 0x20, p20));
	sim_dev_destroy(&d);
}

TEST(reproducible)
{
	struct sim_dev a, b;
	int i;

	ASSERT_TRUE(mkdev(&a, "th6-102t", 99));
	ASSERT_TRUE(mkdev(&b, "th6-102t", 99));
	for (i = 0; i < 50; i++) {
		sim_dev_tick(&a);
		sim_dev_tick(&b);
	}
	EXPECT_TRUE(!memcmp(a.shm, b.shm, a.lay.bar_size))
		TH_LOG("same seed, same window after 50 updates");
	EXPECT_TRUE(!(sim_r32(a.shm + a.lay.telem_off) & 1) &&
	            sim_r32(a.shm + offsetof(struct cpo_hw_ident, heartbeat)) == 50)
		TH_LOG("generation even between updates, heartbeat counts updates");
	sim_dev_destroy(&a);
	sim_dev_destroy(&b);
}

TEST(physics_ranges)
{
	struct sim_dev d;
	unsigned int i, bad = 0;
	double lo = 1e9, hi = -1e9, dbm;

	ASSERT_TRUE(mkdev(&d, "th6-102t", 5));
	for (i = 0; i < 10; i++)
		sim_dev_tick(&d);
	for (i = 0; i < d.n_lanes; i++) {
		dbm = sim_mw_to_dbm(d.lane[i].tx_uw / 1000.0);
		lo = fmin(lo, dbm);
		hi = fmax(hi, dbm);
		if (d.lane[i].flags || d.lane[i].status != CPO_HW_LANE_S_ENABLED)
			bad++;
	}
	EXPECT_TRUE(lo > -3.3 && hi < 3.5 && !bad)
		TH_LOG("lane Tx launch within FR4's -3.3..+3.5 dBm (%.2f..%.2f), no alarms", lo, hi);
	d.prof.ambient_c = 45;
	sim_phys_step(&d, 3600);
	sim_phys_step(&d, 3600);
	EXPECT_TRUE(d.els[0].tec_ma > 0 && d.els[0].temp_c > 45)
		TH_LOG("hot ambient: ELSFP case %.1f degC, TEC %.0f mA", d.els[0].temp_c, d.els[0].tec_ma);
	d.oe[3].overtemp = true;
	for (i = 0; i < 5; i++)
		sim_phys_step(&d, 60);
	EXPECT_TRUE(d.oe[3].state == CPO_HW_OE_ST_FAULT && d.lane[3 * 32].tx_uw == 0)
		TH_LOG("engine over temperature: shutdown, its lanes dark (%.1f degC)", d.oe[3].temp_c);
	sim_dev_destroy(&d);
}

TEST(reset_and_hostile)
{
	static const char *const regions[] = {
		"ident", "topology", "telemetry", "thresh", "ring", "mailbox",
	};
	char out[256], *argv[2];
	struct sim_dev d;
	uint8_t args[4] = { 0 };
	const uint8_t *e;
	size_t i;
	uint32_t h;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	sim_els_pull(&d, 0);
	sim_shm_poke(&d, "ident.magic", "0", out, sizeof(out));
	h = ring_head(&d);
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_RESET, args, 0, NULL, NULL) == 0)
		TH_LOG("RESET completes");
	e = ring_entry(&d, ring_head(&d) - 1);
	EXPECT_TRUE(sim_r32(d.shm) == CPO_HW_MAGIC && !d.els[0].present &&
	            d.laser[0].state == CPO_HW_LASER_ST_ABSENT &&
	            sim_r16(e + offsetof(struct cpo_hw_event, type)) == CPO_HW_EV_RESET &&
	            ring_head(&d) > h &&
	            (sim_r32(d.shm + offsetof(struct cpo_hw_ident, status)) &
	             (CPO_HW_STATUS_READY | CPO_HW_STATUS_RESETTING)) == CPO_HW_STATUS_READY)
		TH_LOG("after RESET: identity rewritten, pulled slot still empty, RESET event, READY");
	for (i = 0; i < SIM_ARRAY_SIZE(regions); i++) {
		argv[0] = "hostile";
		argv[1] = (char *)regions[i];
		if (sim_fault_cmd(&d, 2, argv, out, sizeof(out)))
			break;
		sim_dev_tick(&d);
	}
	EXPECT_TRUE(i == SIM_ARRAY_SIZE(regions))
		TH_LOG("hostile writes into every region");
	h = d.ev_head;
	sim_ev_push(&d, CPO_HW_EV_OE_STATE, CPO_HW_OBJ_OE, 0, 0, 0, 0, 0);
	EXPECT_TRUE(!(sim_r32(d.shm + d.lay.telem_off) & 1) &&
	            (ring_head(&d) == h + 1 || d.ev_overflow))
		TH_LOG("the model keeps its own ring head and generation");
	sim_shm_rewrite(&d);
	EXPECT_TRUE(sim_r16(d.shm + offsetof(struct cpo_hw_ident, n_lanes)) == 8 &&
	            sim_r32(d.shm + offsetof(struct cpo_hw_ident, telem_off)) == d.lay.telem_off)
		TH_LOG("rewrite restores the identity block");
	sim_dev_destroy(&d);
}

/* a hostile-run with one seed writes the same garbage; repair undoes it */
TEST(hostile_run_seeded)
{
	char out[256];
	char *run[] = { "hostile-run", "42", "600", "random", "now" };
	char *tick[] = { "hostile-run", "7", "10", "ring", "3" };
	char *bad[] = { "hostile-run", "1", "10", "nowhere" };
	char *st[] = { "hostile-run", "status" };
	struct sim_dev a, b;
	unsigned int i, per_region = 0;

	ASSERT_TRUE(mkdev(&a, "tiny", 1));
	ASSERT_TRUE(mkdev(&b, "tiny", 1));
	ASSERT_EQ(a.lay.bar_size, b.lay.bar_size);
	EXPECT_EQ(0, sim_fault_cmd(&a, 5, run, out, sizeof(out)));
	EXPECT_EQ(0, sim_fault_cmd(&b, 5, run, out, sizeof(out)));
	EXPECT_TRUE(memcmp(a.shm, b.shm, a.lay.bar_size) == 0)
		TH_LOG("the same seed writes the same bytes");
	for (i = 0; i < 6; i++)
		per_region += a.hostile.done[i] > 50;
	EXPECT_TRUE(per_region == 6 && strstr(out, "left=0 rounds=600"))
		TH_LOG("600 random rounds reach every region: %s", out);
	EXPECT_EQ(-EINVAL, sim_fault_cmd(&a, 4, bad, out, sizeof(out)));
	sim_shm_rewrite(&a);
	EXPECT_TRUE(sim_r32(a.shm) == CPO_HW_MAGIC &&
		    sim_r32(a.shm + offsetof(struct cpo_hw_ident, telem_off)) == a.lay.telem_off)
		TH_LOG("repair rewrites the identity");
	EXPECT_EQ(0, sim_fault_cmd(&a, 5, tick, out, sizeof(out)));
	sim_dev_tick(&a);
	sim_dev_tick(&a);
	EXPECT_EQ(0, sim_fault_cmd(&a, 2, st, out, sizeof(out)));
	EXPECT_TRUE(strstr(out, "left=4 rounds=6") && strstr(out, "ring=6"))
		TH_LOG("3 rounds each update period: %s", out);
	sim_dev_destroy(&a);
	sim_dev_destroy(&b);
}

TEST(cmis_banks)
{
	struct sim_dev d;
	uint8_t pg[256];
	unsigned int l;

	ASSERT_TRUE(mkdev(&d, "th5-51t", 1));
	l = d.t_els[3].first_laser + 8 + 5;	/* slot 3, laser 13 of 16 */
	EXPECT_TRUE(!sim_cmis_els_page(&d, 3, 1, 0x1b, pg) &&
	            labs((pg[200 + 10] << 8 | pg[201 + 10]) - lround(d.laser[l].power_mw * 100)) <= 1 &&
	            sim_cmis_els_page(&d, 3, 2, 0x1b, pg) == CPO_HW_ST_BAD_ARG &&
	            !sim_cmis_els_page(&d, 3, 0, 0x01, pg) && (pg[142] & 3) == 1)
		TH_LOG("16-laser ELSFP: bank 1 of page 1Bh holds lasers 8-15, page 01h advertises 2 banks");
	EXPECT_TRUE(!sim_cmis_port_page(&d, 7, 0, 0x11, pg) && (pg[128] & 0xf) == 4 && (pg[129] & 0xf) == 4 &&
	            !pg[130] && !pg[131])
		TH_LOG("4-lane port: data-path states for lanes 1-4 only");
	sim_dev_destroy(&d);
}

/* OIF-ELSFP-CMIS pages 1Ah/1Bh, read at the offsets of the register map */
TEST(elsfp_map)
{
	char *argv[3] = { "laser-fail", "13", "on" };
	struct sim_dev d;
	uint8_t pg[256], p1b[256];
	unsigned int k, l, bad = 0;
	char out[128];
	long freq;
	int i;

	ASSERT_TRUE(mkdev(&d, "th5-51t", 1));
	l = d.t_els[0].first_laser;
	EXPECT_TRUE(!sim_cmis_els_page(&d, 0, 0, 0x00, pg) && pg[0] == 0x22 && pg[1] == 0x53 &&
	            pg[57] == 1 && pg[128] == 0x22)
		TH_LOG("lower 0 id 0x22, 1 CMIS 5.3, 57 resource module; 00h:128 id");
	EXPECT_TRUE(!sim_cmis_els_page(&d, 0, 0, 0x01, pg) && (pg[142] & 3) == 1)
		TH_LOG("01h:142 advertises banks 0-1 for 16 lasers");
	EXPECT_TRUE(!sim_cmis_els_page(&d, 0, 0, 0x1a, pg) && pg[140] == ((16 << 1) | 1))
		TH_LOG("1Ah:140 bit 0 APC, bits 7-1 16 lanes (0x%02x)", pg[140]);
	EXPECT_TRUE(be16at(pg, 128) == 20000 && be16at(pg, 130) == 1000 &&
	            be16at(pg, 132) == (unsigned int)lround(d.prof.laser_imax_ma * 10))
		TH_LOG("1Ah:128-135 max/min power (10 uW), max/min bias (100 uA)");
	EXPECT_TRUE(be16at(pg, 141) == (unsigned int)lround(d.thresh[CPO_HW_Q_LASER_BIAS].high_alarm / 100.0) &&
	            be16at(pg, 155) == (unsigned int)lround(d.thresh[CPO_HW_Q_LASER_POWER].low_warn / 10.0))
		TH_LOG("1Ah:141-156 bias then power thresholds, CMIS order");
	freq = lround(299792458.0 / (d.t_els[0].wavelength_pm * 1e-12) / 5e9);
	for (k = 0; k < 8; k++)
		if (be16at(pg, 232 + 2 * k) != freq || pg[224 + k] != k + 1 || pg[212 + k])
			bad++;
	EXPECT_TRUE(!bad && pg[220] == 0xff && pg[221] == 0xaa && pg[222] == 0xaa && pg[223] == 0xff &&
	            pg[248] == 1 && !pg[165] && !pg[166])
		TH_LOG("1Ah: frequency at 232 + 2(lane-1) (%ld x 5 GHz), fibre map, enable, state on, "
		       "fibre checked, no flags", freq);
	EXPECT_TRUE(!sim_cmis_els_page(&d, 0, 1, 0x1b, p1b) &&
	            labs((long)be16at(p1b, 200 + 2 * 5) - lround(d.laser[l + 13].power_mw * 100)) <= 1 &&
	            labs((long)be16at(p1b, 184 + 2 * 5) - lround(d.laser[l + 13].bias_ma * 10)) <= 1 &&
	            labs((long)be16at(p1b, 144 + 2 * 5) - lround(d.laser[l + 13].setpoint * 100)) <= 1 &&
	            p1b[232 + 5] == 107 && labs((long)be16at(p1b, 240) - lround(d.els[0].icc_ma * 5)) <= 1)
		TH_LOG("1Bh bank 1 lane 6 = laser 13: monitors, setpoint, voltage (15 mV), Icc (200 uA)");
	sim_fault_cmd(&d, 3, argv, out, sizeof(out));
	for (i = 0; i < 5; i++)
		sim_dev_tick(&d);
	EXPECT_TRUE(d.laser[l + 13].fault != 0 && !sim_cmis_els_page(&d, 0, 1, 0x1a, pg) &&
	            pg[166] == 1u << 5 && (pg[212 + 5] & 0xf) == d.laser[l + 13].fault &&
	            (pg[165] & 1) && !(pg[220] & (1u << 5)) == !d.laser[l + 13].enabled)
		TH_LOG("a failed laser: latched fault flag 166 bit 5, code at 212 + 5 (%u), summary",
		       pg[212 + 5]);
	EXPECT_TRUE(sim_cmis_els_page(&d, 0, 2, 0x1a, pg) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_els_page(&d, 0, 1, 0x00, pg) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_els_page(&d, 0, 0, 0x11, pg) == CPO_HW_ST_UNSUPPORTED)
		TH_LOG("bank 2, page 00h of bank 1 refused; no data-path pages");
	sim_dev_destroy(&d);
}

/* an engine as a CMIS 5.3 module: one bank per 8 lanes, page 11h per bank */
TEST(oe_image)
{
	struct sim_dev d;
	uint8_t pg[256], pp[256];
	unsigned int lane, port;

	ASSERT_TRUE(mkdev(&d, "th6-102t", 1));
	EXPECT_TRUE(!sim_cmis_oe_page(&d, 3, 0, 0x00, pg) && pg[0] == 0x80 && pg[1] == 0x53 &&
	            pg[128] == 0x80 && ((pg[3] >> 1) & 7) == 3 && !(pg[2] & 0x80))
		TH_LOG("OE: id 0x80, CMIS 5.3, paged, ModuleReady");
	EXPECT_TRUE(!sim_cmis_oe_page(&d, 3, 0, 0x01, pg) && (pg[142] & 3) == 2 && pg[88] == 0x88)
		TH_LOG("32 lanes: banks 0-3 advertised; 8-lane application");
	lane = d.t_oe[3].first_lane + 2 * 8 + 5;
	port = d.t_lane[lane].port;
	EXPECT_TRUE(!sim_cmis_oe_page(&d, 3, 2, 0x11, pg) && !sim_cmis_port_page(&d, port, 0, 0x11, pp) &&
	            !memcmp(pg + 128, pp + 128, 128))
		TH_LOG("bank 2 page 11h is the page 11h of port %u", port);
	EXPECT_TRUE(sim_cmis_oe_page(&d, 3, 4, 0x11, pg) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_oe_page(&d, 3, 1, 0x01, pg) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_oe_page(&d, 16, 0, 0x00, pg) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_oe_page(&d, 3, 0, 0x1a, pg) == CPO_HW_ST_UNSUPPORTED)
		TH_LOG("bank 4, page 01h of bank 1, OE 16 refused; page 1Ah unsupported");
	d.port[port].low_power = true;
	EXPECT_TRUE(!sim_cmis_oe_page(&d, 3, 0, 0x00, pg) && ((pg[3] >> 1) & 7) == 3)
		TH_LOG("one port in low power: the engine stays Ready");
	sim_dev_destroy(&d);
	ASSERT_TRUE(mkdev(&d, "th5-51t", 1));
	EXPECT_TRUE(!sim_cmis_oe_page(&d, 0, 0, 0x01, pg) && (pg[142] & 3) == 3 && pg[89] == 0x11 &&
	            !sim_cmis_oe_page(&d, 0, 7, 0x11, pg) && (pg[128] & 0xf) == 4)
		TH_LOG("64 lanes of 4-lane ports: banks 0-7, two ports per bank");
	sim_dev_destroy(&d);
}

/* host writes through the images: checked by the device, all or nothing */
TEST(cmis_write)
{
	struct sim_dev d;
	uint8_t pg[256], v[16];
	unsigned int i, lane;

	ASSERT_TRUE(mkdev(&d, "th5-51t", 1));
	v[0] = 0x01;	/* lane 1 of bank 1 stays on, lanes 2-8 off */
	EXPECT_TRUE(!sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 1, 0x1a, 220, 1, v) &&
	            d.laser[d.t_els[2].first_laser + 8].enabled &&
	            !d.laser[d.t_els[2].first_laser + 9].enabled &&
	            !sim_cmis_read(&d, CPO_HW_CMIS_ELS, 2, 1, 0x1a, 220, 1, pg) && pg[0] == 0x01)
		TH_LOG("1Ah:220 of bank 1 disables lasers 9-15 of slot 2, read back");
	v[0] = 0x3a;
	v[1] = 0x98;	/* 150 mW */
	EXPECT_TRUE(!sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1b, 144 + 6, 2, v) &&
	            fabs(d.laser[d.t_els[2].first_laser + 3].setpoint - 150.0) < 1e-9)
		TH_LOG("1Bh:150 power setpoint of lane 4: 150 mW");
	v[0] = 0x00;
	v[1] = 0x01;	/* 10 uW: below the module's minimum */
	EXPECT_TRUE(sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1b, 144, 2, v) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1b, 145, 1, v) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1b, 128, 2, v) == CPO_HW_ST_BAD_ARG &&
	            fabs(d.laser[d.t_els[2].first_laser].setpoint - d.prof.laser_power_mw) < 1e-9)
		TH_LOG("out-of-range setpoint, half a field, a bias setpoint under APC: refused, unchanged");
	memset(v, 0xff, sizeof(v));
	v[0] = 0;
	EXPECT_TRUE(sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1a, 219, 2, v) == CPO_HW_ST_READ_ONLY &&
	            d.laser[d.t_els[2].first_laser].enabled &&
	            sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1b, 200, 2, v) == CPO_HW_ST_READ_ONLY &&
	            sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x00, 0, 1, v) == CPO_HW_ST_READ_ONLY &&
	            sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1a, 127, 2, v) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 2, 0x1a, 220, 1, v) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_write(&d, CPO_HW_CMIS_PORT, 0, 0, 0x11, 130, 1, v) == CPO_HW_ST_READ_ONLY)
		TH_LOG("read-only bytes refused with nothing changed; lower/upper straddle, bank 2 refused");
	v[0] = 1;
	d.laser[d.t_els[2].first_laser + 3].setpoint = 120.0;
	EXPECT_TRUE(!sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1a, 184, 1, v) &&
	            (d.laser[d.t_els[2].first_laser + 3].setpoint = 80.0) &&
	            (v[0] = 2) && !sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1a, 184, 1, v) &&
	            fabs(d.laser[d.t_els[2].first_laser + 3].setpoint - 120.0) < 1e-9 &&
	            !sim_cmis_read(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1a, 185, 1, pg) && pg[0] == 2)
		TH_LOG("save then restore brings the setpoint back; 185 confirms the restore");
	v[0] = 0x0e;	/* lanes 2-4 unchecked */
	EXPECT_TRUE(!sim_cmis_write(&d, CPO_HW_CMIS_ELS, 2, 0, 0x1a, 223, 1, v) &&
	            !d.laser[d.t_els[2].first_laser].fiber_checked);
	for (i = 0; i < 3; i++)
		sim_dev_tick(&d);
	EXPECT_TRUE(d.laser[d.t_els[2].first_laser].state == CPO_HW_LASER_ST_FIBER_CHECK &&
	            d.laser[d.t_els[2].first_laser].power_mw < 2.0)
		TH_LOG("a laser whose output fibre is unchecked drops to fibre-check power");
	/* engines: Tx disable, low power */
	v[0] = 0x04;
	lane = d.t_oe[1].first_lane + 8 + 2;
	EXPECT_TRUE(!sim_cmis_write(&d, CPO_HW_CMIS_OE, 1, 1, 0x10, 130, 1, v) && !d.lane[lane].enabled &&
	            d.lane[lane - 1].enabled)
		TH_LOG("10h:130 of bank 1 disables lane 3 of the bank");
	v[0] = 0x10;
	EXPECT_TRUE(!sim_cmis_write(&d, CPO_HW_CMIS_OE, 1, 0, 0x00, 26, 1, v) &&
	            d.port[d.t_lane[lane].port].low_power && d.port[d.t_lane[d.t_oe[1].first_lane].port].low_power &&
	            !sim_cmis_read(&d, CPO_HW_CMIS_OE, 1, 0, 0x00, 3, 1, pg) && ((pg[0] >> 1) & 7) == 1)
		TH_LOG("lower 26 bit 4: every port of the engine in low power, module state LowPwr");
	v[0] = 0x01;
	EXPECT_TRUE(sim_cmis_write(&d, CPO_HW_CMIS_OE, 1, 0, 0x00, 26, 1, v) == CPO_HW_ST_BAD_ARG &&
	            sim_cmis_write(&d, CPO_HW_CMIS_OE, 1, 0, 0x11, 135, 1, v) == CPO_HW_ST_READ_ONLY)
		TH_LOG("other bits of byte 26, the flag bytes: refused");
	sim_dev_destroy(&d);
}

/* flags latch until read, per image */
TEST(cmis_latch)
{
	char *argv[3] = { "laser-fail", "1", "on" };
	struct sim_dev d;
	uint8_t pg[256];
	char out[128];
	int i;

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	sim_fault_cmd(&d, 3, argv, out, sizeof(out));
	for (i = 0; i < 5; i++)
		sim_dev_tick(&d);
	argv[2] = "off";
	sim_fault_cmd(&d, 3, argv, out, sizeof(out));
	sim_laser_set_enable(&d, 1, false);
	sim_laser_set_enable(&d, 1, true);
	for (i = 0; i < 10; i++)
		sim_dev_tick(&d);
	EXPECT_TRUE(d.laser[1].fault == 0 && !sim_cmis_read(&d, CPO_HW_CMIS_ELS, 0, 0, 0x1a, 128, 128, pg) &&
	            (pg[166 - 128] & 2) && (pg[165 - 128] & 1))
		TH_LOG("a fault that cleared is still latched in 166 bit 1, the summary says so");
	EXPECT_TRUE(!sim_cmis_read(&d, CPO_HW_CMIS_ELS, 0, 0, 0x1a, 128, 128, pg) && !(pg[166 - 128] & 2))
		TH_LOG("read once: cleared");
	EXPECT_TRUE(!sim_cmis_read(&d, CPO_HW_CMIS_PORT, 0, 0, 0x11, 135, 1, pg))
		TH_LOG("the port view is served as before");
	sim_dev_destroy(&d);
}

/* ---- firmware update ---- */

static uint32_t test_crc32(const uint8_t *p, size_t n)
{
	uint32_t crc = ~0u;
	unsigned int k;

	while (n--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static int fw_cmd(struct sim_dev *d, uint16_t op, unsigned int type, unsigned int idx,
		  struct cpo_hw_fw_info *info)
{
	uint8_t a[4] = { type, 0, idx & 0xff, idx >> 8 }, resp[256];
	int st = mbox(d, op, a, sizeof(a), resp, NULL);

	if (info)
		memcpy(info, resp, sizeof(*info));
	return st;
}

/* START, WRITE, COMPLETE of @len bytes of @fill; @crc_ok false: a bad CRC */
static int fw_download(struct sim_dev *d, unsigned int type, unsigned int idx,
		       const char *ver, uint32_t len, uint8_t fill, bool crc_ok)
{
	uint8_t *buf = d->shm + d->lay.fwbuf_off, data[SIM_FWBUF_SIZE];
	struct cpo_hw_fw_hdr h = {0};
	uint32_t off, n, crc = ~0u;
	int st;

	memset(data, fill, sizeof(data));
	{
		uint8_t *all = malloc(len);

		memset(all, fill, len);
		crc = test_crc32(all, len);
		free(all);
	}
	sim_w32(&h.magic, CPO_HW_FW_MAGIC);
	sim_w16(&h.hdr_size, sizeof(h));
	h.type = type;
	sim_w16(&h.index, CPO_HW_FW_ANY);
	sim_w32(&h.size, len);
	sim_w32(&h.crc32, crc_ok ? crc : crc ^ 1);
	snprintf(h.version, sizeof(h.version), "%s", ver);
	memcpy(buf, &h, sizeof(h));
	st = fw_cmd(d, CPO_HW_CMD_FW_START, type, idx, NULL);
	if (st)
		return st;
	for (off = 0; off < len; off += n) {
		uint8_t a[12] = { type, 0, idx & 0xff, idx >> 8 };

		n = len - off < SIM_FWBUF_SIZE ? len - off : SIM_FWBUF_SIZE;
		memcpy(buf, data, n);
		sim_w32(a + 4, off);
		sim_w32(a + 8, n);
		st = mbox(d, CPO_HW_CMD_FW_WRITE, a, sizeof(a), NULL, NULL);
		if (st)
			return st;
	}
	return fw_cmd(d, CPO_HW_CMD_FW_COMPLETE, type, idx, NULL);
}

TEST(fw_update)
{
	struct cpo_hw_fw_info in;
	struct cpo_hw_fw_hdr *h;
	struct sim_dev d;
	char id_ver[CPO_HW_STR_LEN];

	ASSERT_TRUE(mkdev(&d, "tiny", 1));
	d.fw.time_scale = 0;
	ASSERT_EQ(CPO_HW_CAP_FW_UPDATE,
		  sim_r32(d.shm + offsetof(struct cpo_hw_ident, caps)) & CPO_HW_CAP_FW_UPDATE);
	ASSERT_EQ(SIM_FWBUF_SIZE, (int)sim_r32(d.shm + offsetof(struct cpo_hw_ident, fwbuf_size)));

	/* power-on: bank A runs the factory image */
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 0, &in));
	EXPECT_EQ(0, in.running);
	EXPECT_EQ(1, in.valid);
	EXPECT_STREQ("2.4.0", in.version[0]);
	EXPECT_EQ(CPO_HW_ST_BAD_ARG, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 1, NULL));
	EXPECT_EQ(CPO_HW_ST_BAD_ARG, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, 7, 0, NULL));

	/* download, run, commit */
	ASSERT_EQ(0, fw_download(&d, CPO_HW_FW_OE, 0, "2.5.0", 5000, 0xa5, true));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 0, &in));
	EXPECT_EQ(0, in.running);
	EXPECT_EQ(3, in.valid);
	EXPECT_STREQ("2.5.0", in.version[1]);
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_RUN, CPO_HW_FW_OE, 0, NULL));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 0, &in));
	EXPECT_EQ(CPO_HW_FW_ST_IDLE, in.state);
	EXPECT_EQ(CPO_HW_FW_RES_OK, in.result);
	EXPECT_EQ(1, in.running);
	EXPECT_EQ(0, in.committed);
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_COMMIT, CPO_HW_FW_OE, 0, NULL));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 0, &in));
	EXPECT_EQ(1, in.committed);

	/* a bad CRC: refused at COMPLETE, the running image untouched */
	EXPECT_EQ(CPO_HW_ST_FAILED, fw_download(&d, CPO_HW_FW_OE, 0, "2.6.0", 3000, 1, false));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 0, &in));
	EXPECT_EQ(CPO_HW_FW_RES_BAD_IMAGE, in.result);
	EXPECT_EQ(1, in.running);
	EXPECT_EQ(2, in.valid);
	EXPECT_EQ(CPO_HW_ST_FAILED, fw_cmd(&d, CPO_HW_CMD_FW_RUN, CPO_HW_FW_OE, 0, NULL));

	/* the new image does not come up: back on the old one */
	ASSERT_EQ(0, sim_cmd(&d, "fw-fail", "run", "oe0"));
	ASSERT_EQ(0, fw_download(&d, CPO_HW_FW_OE, 0, "2.6.0", 3000, 2, true));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_RUN, CPO_HW_FW_OE, 0, NULL));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 0, &in));
	EXPECT_EQ(CPO_HW_FW_RES_FELL_BACK, in.result);
	EXPECT_EQ(1, in.running);
	EXPECT_STREQ("2.5.0", in.version[1]);

	/* an interrupted download: another START abandons it */
	ASSERT_EQ(0, sim_cmd(&d, "fw-fail", "write", "mcu"));
	EXPECT_EQ(CPO_HW_ST_FAILED, fw_download(&d, CPO_HW_FW_MCU, 0, "9.9.9", 8192, 3, true));
	ASSERT_EQ(0, fw_download(&d, CPO_HW_FW_ELS, 0, "1.3.0", 100, 4, true));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_MCU, 0, &in));
	EXPECT_EQ(CPO_HW_FW_RES_ABORTED, in.result);
	EXPECT_EQ(1, in.valid);

	/* MCU: the window's fw_version follows the running image; an
	 * uncommitted image is gone after a reset */
	ASSERT_EQ(0, fw_download(&d, CPO_HW_FW_MCU, 0, "1.1.0", 4096, 5, true));
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_RUN, CPO_HW_FW_MCU, 0, NULL));
	memcpy(id_ver, d.shm + offsetof(struct cpo_hw_ident, fw_version), sizeof(id_ver));
	EXPECT_STREQ("1.1.0", id_ver);
	sim_dev_reset(&d);
	memcpy(id_ver, d.shm + offsetof(struct cpo_hw_ident, fw_version), sizeof(id_ver));
	EXPECT_STREQ("1.0.0", id_ver);
	ASSERT_EQ(0, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_OE, 0, &in));
	EXPECT_EQ(1, in.running);	/* committed: survives the reset */

	/* wrong type in the header, oversized, empty slot */
	h = (void *)(d.shm + d.lay.fwbuf_off);
	ASSERT_EQ(0, fw_download(&d, CPO_HW_FW_OE, 0, "2.7.0", 10, 6, true));
	h->type = CPO_HW_FW_ELS;
	EXPECT_EQ(CPO_HW_ST_BAD_ARG, fw_cmd(&d, CPO_HW_CMD_FW_START, CPO_HW_FW_OE, 0, NULL));
	h->type = CPO_HW_FW_OE;
	sim_w32(&h->size, (256u << 10) + 1);
	EXPECT_EQ(CPO_HW_ST_BAD_ARG, fw_cmd(&d, CPO_HW_CMD_FW_START, CPO_HW_FW_OE, 0, NULL));
	sim_els_pull(&d, 0);
	EXPECT_EQ(CPO_HW_ST_NOT_PRESENT, fw_cmd(&d, CPO_HW_CMD_FW_QUERY, CPO_HW_FW_ELS, 0, NULL));
	sim_dev_destroy(&d);
}

static int failover(struct sim_dev *d, uint16_t laser, uint16_t spare, uint16_t *used)
{
	uint8_t args[4], resp[CPO_HW_MBOX_RESP_LEN];
	uint16_t rl = 0;
	int st;

	sim_w16(args, laser);
	sim_w16(args + 2, spare);
	st = mbox(d, CPO_HW_CMD_LASER_FAILOVER, args, sizeof(args), resp, &rl);
	if (!st && used)
		*used = rl == 2 ? sim_r16(resp) : 0xfffe;
	return st;
}

/* a laser's entry in the window's laser table */
static const uint8_t *laser_tab(struct sim_dev *d, unsigned int i)
{
	return d->shm + d->lay.laser_table_off + i * sizeof(struct cpo_hw_laser);
}

/* th6-102t-spare: slot 0 has lasers 0-7 in service, 8 and 9 spare */
TEST(laser_failover)
{
	struct sim_dev d;
	uint8_t args[4] = { 0 };
	uint16_t used = 0, lanes[CPO_HW_LANES_PER_LASER];
	uint32_t head;
	const uint8_t *ev;
	unsigned int j, n, i, lit;

	ASSERT_TRUE(mkdev(&d, "th6-102t-spare", 1));
	EXPECT_TRUE(!!(sim_r32(d.shm + offsetof(struct cpo_hw_ident, caps)) & CPO_HW_CAP_FAILOVER))
		TH_LOG("a device with slots serves failover");
	EXPECT_TRUE(sim_r32(d.shm + offsetof(struct cpo_hw_ident, topo_generation)) == 0)
		TH_LOG("topology generation 0 at power-on");
	n = d.t_laser[3].n_lanes;
	memcpy(lanes, d.t_laser[3].lane, sizeof(lanes));
	d.laser[3].failed = true;
	for (i = 0; i < 3; i++)
		sim_dev_tick(&d);
	EXPECT_TRUE(d.laser[3].state == CPO_HW_LASER_ST_FAULT &&
		    (d.lane[lanes[0]].status & CPO_HW_LANE_S_TX_LOS))
		TH_LOG("a failed laser faults, its lanes dark");

	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_LASER_FAILOVER, args, 2, NULL, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("short args: bad arg");
	EXPECT_TRUE(failover(&d, 8, CPO_HW_NONE, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("a spare does not fail over");
	EXPECT_TRUE(failover(&d, 3, 18, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("a spare of another slot: bad arg");
	EXPECT_TRUE(failover(&d, 3, 2, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("a laser in service is no spare: bad arg");
	EXPECT_TRUE(failover(&d, d.n_lasers, CPO_HW_NONE, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("no such laser: bad arg");
	EXPECT_TRUE(d.topo_gen == 0 && d.t_lane[lanes[0]].laser == 3)
		TH_LOG("a refused failover changes nothing");

	head = ring_head(&d);
	EXPECT_TRUE(failover(&d, 3, CPO_HW_NONE, &used) == 0 && used == 8)
		TH_LOG("laser 3 fails over to the slot's first spare, 8 (got %u)", used);
	for (j = 0, i = 0; j < n; j++)
		i += d.t_lane[lanes[j]].laser == 8 &&
		     sim_r16(d.shm + d.lay.lane_table_off + lanes[j] * sizeof(struct cpo_hw_lane) +
			     offsetof(struct cpo_hw_lane, laser)) == 8;
	EXPECT_TRUE(i == n) TH_LOG("every lane of laser 3 names laser 8, in the window too");
	EXPECT_TRUE(laser_tab(&d, 8)[offsetof(struct cpo_hw_laser, n_lanes)] == n &&
		    sim_r16(laser_tab(&d, 8) + offsetof(struct cpo_hw_laser, flags)) == 0 &&
		    sim_r16(laser_tab(&d, 8) + offsetof(struct cpo_hw_laser, lane)) == lanes[0] &&
		    laser_tab(&d, 3)[offsetof(struct cpo_hw_laser, n_lanes)] == 0 &&
		    sim_r16(laser_tab(&d, 3) + offsetof(struct cpo_hw_laser, flags)) ==
		    CPO_HW_F_OUT_OF_SERVICE &&
		    sim_r16(laser_tab(&d, 3) + offsetof(struct cpo_hw_laser, lane)) == CPO_HW_NONE)
		TH_LOG("laser table: 8 takes the lanes and is no spare, 3 out of service");
	EXPECT_TRUE(sim_r32(d.shm + offsetof(struct cpo_hw_ident, topo_generation)) == 1)
		TH_LOG("topology generation 1");
	ev = NULL;
	for (; head != ring_head(&d); head++)
		if (sim_r16(ring_entry(&d, head) + offsetof(struct cpo_hw_event, type)) ==
		    CPO_HW_EV_LASER_FAILOVER)
			ev = ring_entry(&d, head);
	EXPECT_TRUE(ev && sim_r32(ev + offsetof(struct cpo_hw_event, obj)) == 3 &&
		    ev[offsetof(struct cpo_hw_event, obj_type)] == CPO_HW_OBJ_LASER &&
		    sim_r32(ev + offsetof(struct cpo_hw_event, value)) == 8 &&
		    sim_r32(ev + offsetof(struct cpo_hw_event, threshold)) == 1)
		TH_LOG("event LASER_FAILOVER laser 3 -> 8, generation 1");
	for (i = 0; i < 10; i++)
		sim_dev_tick(&d);
	for (j = 0, lit = 0; j < n; j++)
		lit += !(d.lane[lanes[j]].status & CPO_HW_LANE_S_TX_LOS);
	EXPECT_TRUE(d.laser[8].state == CPO_HW_LASER_ST_ON && d.laser[3].state == CPO_HW_LASER_ST_OFF &&
		    fabs(d.laser[8].power_mw - d.laser[3].setpoint) < 0.1 * d.laser[3].setpoint &&
		    lit == n)
		TH_LOG("the spare is on at the laser's setpoint, the lanes lit, the laser off");

	EXPECT_TRUE(failover(&d, 3, CPO_HW_NONE, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("an out-of-service laser does not fail over again");
	sim_w16(args, 3);
	args[2] = 1;
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_LASER_ENABLE, args, 4, NULL, NULL) == CPO_HW_ST_BAD_ARG &&
		    !d.laser[3].enabled)
		TH_LOG("an out-of-service laser is not enabled again");
	EXPECT_TRUE(failover(&d, 8, 9, &used) == 0 && used == 9 && d.t_lane[lanes[0]].laser == 9)
		TH_LOG("the spare in service fails over to the slot's last spare");
	EXPECT_TRUE(failover(&d, 0, CPO_HW_NONE, NULL) == CPO_HW_ST_NO_SPARE && d.topo_gen == 2)
		TH_LOG("no spare left in slot 0: no-spare, nothing changed");
	d.laser[18].failed = true;
	EXPECT_TRUE(failover(&d, 10, 18, NULL) == CPO_HW_ST_NO_SPARE)
		TH_LOG("a failed spare asked for: no-spare");
	EXPECT_TRUE(failover(&d, 10, CPO_HW_NONE, &used) == 0 && used == 19)
		TH_LOG("the first usable spare of slot 1 is 19 (got %u)", used);
	EXPECT_TRUE(sim_els_prepare_removal(&d, 2) == 0 &&
		    failover(&d, 20, CPO_HW_NONE, NULL) == CPO_HW_ST_BUSY)
		TH_LOG("a slot being removed: busy");
	sim_els_pull(&d, 3);
	EXPECT_TRUE(failover(&d, 30, CPO_HW_NONE, NULL) == CPO_HW_ST_NOT_PRESENT)
		TH_LOG("an empty slot: not present");
	sim_dev_reset(&d);
	EXPECT_TRUE(d.t_lane[lanes[0]].laser == 9 && !d.laser[3].enabled && d.laser[9].enabled &&
		    sim_r32(d.shm + offsetof(struct cpo_hw_ident, topo_generation)) == 3)
		TH_LOG("a reset keeps the failovers");
	sim_dev_destroy(&d);
}

static int oe_fo(struct sim_dev *d, uint16_t oe, uint16_t spare, uint16_t *used)
{
	uint8_t args[4], resp[CPO_HW_MBOX_RESP_LEN];
	uint16_t rl = 0;
	int st;

	sim_w16(args, oe);
	sim_w16(args + 2, spare);
	st = mbox(d, CPO_HW_CMD_OE_FAILOVER, args, sizeof(args), resp, &rl);
	if (!st && used)
		*used = rl == 2 ? sim_r16(resp) : 0xfffe;
	return st;
}

/* th6-102t-spare: engines 0-15 serve lanes 32N..32N+31, 16 is the spare */
TEST(oe_failover)
{
	struct sim_dev d, t;
	uint16_t used = 0;
	uint32_t head;
	const uint8_t *ev, *e;
	unsigned int i, lit, port = 8;	/* engine 2's first port */

	ASSERT_TRUE(mkdev(&t, "tiny", 1));
	EXPECT_TRUE(!(sim_r32(t.shm + offsetof(struct cpo_hw_ident, caps)) & CPO_HW_CAP_OE_FAILOVER) &&
		    oe_fo(&t, 0, CPO_HW_NONE, NULL) == CPO_HW_ST_UNSUPPORTED)
		TH_LOG("no spare engine: no OE failover");
	sim_dev_destroy(&t);

	ASSERT_TRUE(mkdev(&d, "th6-102t-spare", 1));
	EXPECT_TRUE(!!(sim_r32(d.shm + offsetof(struct cpo_hw_ident, caps)) & CPO_HW_CAP_OE_FAILOVER) &&
		    d.n_oe == 17 && d.t_oe[16].flags == CPO_HW_F_SPARE &&
		    d.t_oe[16].first_lane == 512 && d.oe[16].state == CPO_HW_OE_ST_OFF)
		TH_LOG("th6-102t-spare: 16 engines and the dark spare oe16 on lanes 512-543");
	EXPECT_TRUE(d.t_port[port].oe == 2) TH_LOG("port 8 is on engine 2");

	EXPECT_TRUE(oe_fo(&d, 16, CPO_HW_NONE, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("a spare engine does not fail over");
	EXPECT_TRUE(oe_fo(&d, 2, 3, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("an engine in service is no spare: bad arg");
	EXPECT_TRUE(oe_fo(&d, 17, CPO_HW_NONE, NULL) == CPO_HW_ST_BAD_ARG &&
		    oe_fo(&d, 2, 17, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("no such engine or spare: bad arg");
	EXPECT_TRUE(mbox(&d, CPO_HW_CMD_OE_FAILOVER, (uint8_t[4]){ 2 }, 2, NULL, NULL) ==
		    CPO_HW_ST_BAD_ARG)
		TH_LOG("short args: bad arg");
	EXPECT_TRUE(d.topo_gen == 0 && d.t_lane[64].oe == 2) TH_LOG("a refusal changes nothing");

	head = ring_head(&d);
	EXPECT_TRUE(oe_fo(&d, 2, CPO_HW_NONE, &used) == 0 && used == 16)
		TH_LOG("engine 2 fails over to spare 16 (got %u)", used);
	EXPECT_TRUE(d.t_oe[16].first_lane == 64 && d.t_oe[2].first_lane == 512 &&
		    d.t_oe[16].flags == 0 && d.t_oe[2].flags == CPO_HW_F_OUT_OF_SERVICE)
		TH_LOG("the engines exchange lane ranges; 2 out of service, 16 no spare");
	for (i = 0, lit = 0; i < 32; i++)
		lit += d.t_lane[64 + i].oe == 16 && d.t_lane[64 + i].oe_lane == i &&
		       d.t_lane[512 + i].oe == 2 && d.t_lane[512 + i].port == CPO_HW_NONE;
	EXPECT_TRUE(lit == 32) TH_LOG("lanes 64-95 on engine 16, 512-543 on engine 2");
	e = d.shm + d.lay.oe_table_off + 16 * sizeof(struct cpo_hw_oe);
	EXPECT_TRUE(d.t_port[port].oe == 16 &&
		    sim_r16(d.shm + d.lay.port_table_off + port * sizeof(struct cpo_hw_port) +
			    offsetof(struct cpo_hw_port, oe)) == 16 &&
		    sim_r16(e + offsetof(struct cpo_hw_oe, first_lane)) == 64 &&
		    sim_r16(d.shm + d.lay.lane_table_off + 64 * sizeof(struct cpo_hw_lane) +
			    offsetof(struct cpo_hw_lane, oe)) == 16 &&
		    sim_r32(d.shm + offsetof(struct cpo_hw_ident, topo_generation)) == 1)
		TH_LOG("the window's tables follow, generation 1");
	ev = NULL;
	for (; head != ring_head(&d); head++)
		if (sim_r16(ring_entry(&d, head) + offsetof(struct cpo_hw_event, type)) ==
		    CPO_HW_EV_OE_FAILOVER)
			ev = ring_entry(&d, head);
	EXPECT_TRUE(ev && sim_r32(ev + offsetof(struct cpo_hw_event, obj)) == 2 &&
		    ev[offsetof(struct cpo_hw_event, obj_type)] == CPO_HW_OBJ_OE &&
		    sim_r32(ev + offsetof(struct cpo_hw_event, value)) == 16 &&
		    sim_r32(ev + offsetof(struct cpo_hw_event, threshold)) == 1)
		TH_LOG("event OE_FAILOVER engine 2 -> 16, generation 1");
	for (i = 0; i < 10; i++)
		sim_dev_tick(&d);
	for (i = 0, lit = 0; i < 32; i++)
		lit += d.lane[64 + i].state == CPO_HW_LANE_ST_ACTIVATED &&
		       !(d.lane[64 + i].status & CPO_HW_LANE_S_TX_LOS);
	EXPECT_TRUE(d.oe[16].state == CPO_HW_OE_ST_READY && d.oe[2].state == CPO_HW_OE_ST_OFF &&
		    lit == 32)
		TH_LOG("the spare is ready and its lanes lit, engine 2 off");
	EXPECT_TRUE(oe_fo(&d, 2, CPO_HW_NONE, NULL) == CPO_HW_ST_BAD_ARG)
		TH_LOG("an out-of-service engine does not fail over again");
	EXPECT_TRUE(oe_fo(&d, 3, CPO_HW_NONE, NULL) == CPO_HW_ST_NO_SPARE && d.topo_gen == 1)
		TH_LOG("no spare engine left: no-spare, nothing changed");
	sim_dev_reset(&d);
	EXPECT_TRUE(d.t_lane[64].oe == 16 && d.oe[2].state == CPO_HW_OE_ST_OFF &&
		    d.oe[16].state == CPO_HW_OE_ST_READY)
		TH_LOG("a reset keeps the failover");
	sim_dev_destroy(&d);
}

TEST_HARNESS_MAIN
