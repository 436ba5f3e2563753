/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpo-sim: the device model behind the CPO host interface.
 *
 * The model keeps its state in host types (doubles, host endianness) and
 * publishes it into the shared window (struct cpo_hw_* in include/cpo_hw.h)
 * once per update period.  Everything but main.c, ivshmem.c and ctl.c works
 * on a plain memory buffer, so the unit tests drive it without sockets.
 */
#ifndef CPO_SIM_MODEL_H
#define CPO_SIM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../../include/cpo_hw.h"

#define SIM_NAME_LEN		64
#define SIM_ERR_LEN		256
#define SIM_MIN_BAR		(1u << 20)
#define SIM_LASER_VF_MV		1600	/* laser forward voltage while driven */
/* laser power setpoint limits, OIF-ELSFP page 1Ah max/min optical power */
#define SIM_LASER_MIN_UW	10000
#define SIM_LASER_MAX_UW	200000
#define SIM_CMIS_BANKS		8	/* CMIS banks 0-7 */
#define SIM_CMIS_FLAG_BYTES	18	/* latched flag or mask bytes per bank */

/*
 * The device side of an engine's or ELSFP's CMIS image (cmis.c): latched
 * flags until read, and what the host wrote that the live state does not
 * hold.  Engines: page 11h bytes 135-152 latched, page 10h bytes 213-230
 * masks; ELSFPs: page 1Ah bytes 166-177 latched, 198-205 masks.
 */
struct sim_cmis_img {
	uint8_t latch_lower;				/* lower byte 9 */
	uint8_t latch[SIM_CMIS_BANKS][SIM_CMIS_FLAG_BYTES];
	uint8_t mask[SIM_CMIS_BANKS][SIM_CMIS_FLAG_BYTES];
	uint8_t save_done;				/* ELSFP 1Ah byte 185 */
};

/* ---- profile: what the model is built from (topo.c) ---- */
struct sim_profile {
	char name[SIM_NAME_LEN];
	char model[CPO_HW_STR_LEN];
	char serial[CPO_HW_STR_LEN];
	char fw_version[CPO_HW_STR_LEN];

	unsigned int n_oe;		/* active engines */
	unsigned int spare_oe;		/* spare engines after the active ones */
	unsigned int lanes_per_oe;
	unsigned int n_els;		/* ELSFP slots */
	unsigned int lasers_per_els;	/* active lasers per slot */
	unsigned int spare_lasers_per_els;
	unsigned int lanes_per_laser;
	unsigned int n_ports;
	unsigned int lanes_per_port;
	uint32_t lane_rate_mbps;
	uint32_t wavelength_pm;
	unsigned int update_period_ms;
	unsigned int evring_entries;

	/* environment */
	double ambient_c;		/* air in front of the ELSFP cage */
	double coolant_c;		/* cold plate of the package */
	double oe_rth;			/* K per unit of ASIC load */
	double asic_load;		/* 0..1 */

	/* lasers (BOL, 25 degC) */
	double laser_power_mw;		/* APC setpoint */
	double laser_ith_ma;		/* threshold current */
	double laser_slope;		/* slope efficiency, W/A */
	double laser_imax_ma;		/* drive limit: APC fault beyond */
	double laser_temp_c;		/* TEC setpoint */
	double aging_pct_per_khour;	/* slope loss per 1000 h powered */
	int laser_mode;			/* enum cpo_hw_laser_mode */

	/* optics */
	double lane_loss_db;		/* coupling + modulator after the split */
	double path_loss_db;		/* ELS -> engine, nominal, per laser */
	double link_loss_db;		/* default per-port link loss */
	double far_tx_dbm;		/* far-end launch power */

	/* lines that set the counts, for consistency errors */
	unsigned int line_oe, line_els, line_ports;

	/* per-object overrides, parsed from table lines */
	double *port_link_loss;		/* [n_ports], NaN = default */
	double *laser_age_h;		/* [total lasers], initial age */
	double *laser_rate;		/* [total lasers], NaN = default */
	int *laser_mode_of;		/* [total lasers], -1 = default */
};

/* ---- live state of each object ---- */
struct sim_oe {
	double temp_c;
	double vcc_mv;
	int state;			/* enum cpo_hw_oe_state */
	bool overtemp;			/* fault injection: cooling lost */
	uint16_t flags;
	struct sim_cmis_img cmis;
};

struct sim_lane {
	double tx_uw;
	double rx_uw;
	double loss_db;			/* this lane's coupling+modulator loss */
	double far_dbm;			/* far end's launch into this lane */
	bool enabled;
	int state;			/* enum cpo_hw_lane_state */
	uint8_t status;			/* CPO_HW_LANE_S_* */
	uint16_t flags;
};

struct sim_port {
	double link_loss_db;
	bool fiber_cut;
	bool low_power;
};

struct sim_els {
	bool present;
	int state;			/* enum cpo_hw_els_state */
	unsigned int state_ticks;	/* update periods spent in state */
	int hold;			/* transient state it stays in, 0: none */
	double temp_c;
	double vcc_mv;
	double icc_ma;
	double tec_ma;
	uint32_t insertions;
	bool tec_runaway;
	uint16_t flags;
	struct sim_cmis_img cmis;
};

struct sim_laser {
	double bias_ma;
	double power_mw;
	double setpoint;		/* mW (APC) or mA (ACC) */
	double temp_c;
	double ith_ma;			/* BOL threshold current at 25 degC */
	double slope;			/* BOL slope efficiency at 25 degC */
	double age_h;
	double aging;			/* slope loss fraction per hour */
	double bol_bias_ma;
	double bol_power_mw;
	bool enabled;
	bool failed;			/* fault injection: dead laser */
	double ramp;			/* 0..1 of the setpoint while ramping */
	int state;			/* enum cpo_hw_laser_state */
	int fault;			/* enum cpo_hw_laser_fault */
	int mode;			/* enum cpo_hw_laser_mode */
	uint16_t flags;
	bool fiber_checked;		/* output fibre known connected (1Ah 223) */
	bool saved;			/* 1Ah 184 save: the copy below is valid */
	bool saved_enabled;
	double saved_setpoint;
	/* the ELS -> engine path and the VDM-style diagnostics */
	double path_nom_db;		/* nominal path loss, spread included */
	double path_extra_db;		/* injected: dirt, a bent fibre */
	double path_drift_db_h;		/* growth of path_extra_db per hour */
	double oe_in_mw;		/* what the engine receives from it */
	double freq_err_mhz;
};

/* VDM-style reading of a laser: whether it is lit (path loss, freq error) */
bool sim_laser_lit(const struct sim_laser *a);
double sim_laser_path_loss_db(const struct sim_laser *a);
double sim_laser_age_pct(const struct sim_laser *a);

/* ---- firmware update (flash.c) ---- */
enum sim_fw_fail {
	SIM_FW_FAIL_NONE, SIM_FW_FAIL_START, SIM_FW_FAIL_WRITE, SIM_FW_FAIL_COMPLETE,
	SIM_FW_FAIL_RUN, SIM_FW_FAIL_COMMIT,
};

struct sim_fw_comp {
	unsigned int type;		/* enum cpo_hw_fw_type */
	int state;			/* enum cpo_hw_fw_state */
	int result;			/* enum cpo_hw_fw_result */
	unsigned int running, committed;	/* banks */
	bool valid[CPO_HW_FW_BANKS];
	char version[CPO_HW_FW_BANKS][CPO_HW_FW_VER_LEN];
	/* the download into the bank not running */
	char dl_version[CPO_HW_FW_VER_LEN];
	uint32_t size, received, crc, expect_crc;
	uint64_t boot_until_us;
	bool boot_fails;
};

struct sim_fw {
	struct sim_fw_comp *comp;	/* MCU, engines, slots */
	int dl;				/* component downloading, -1: none */
	double time_scale;		/* of the flash times, 0: instant */
	uint64_t busy_us;		/* the current command's duration */
	int fail_stage;			/* enum sim_fw_fail, one shot */
	int fail_type;
	unsigned int fail_index;
};

/* ---- the whole device ---- */
struct sim_layout {
	uint32_t oe_table_off, lane_table_off, port_table_off;
	uint32_t els_table_off, laser_table_off;
	uint32_t telem_off, telem_size;
	uint32_t thresh_off, mbox_off, evring_off, evring_entries;
	uint32_t fwbuf_off, fwbuf_size;
	uint32_t end;
	uint32_t bar_size;
};

struct sim_dev {
	struct sim_profile prof;

	/* topology, host order */
	unsigned int n_oe, n_lanes, n_ports, n_els, n_lasers;
	struct cpo_hw_oe *t_oe;
	struct cpo_hw_lane *t_lane;
	struct cpo_hw_port *t_port;
	struct cpo_hw_els *t_els;
	struct cpo_hw_laser *t_laser;

	struct sim_oe *oe;
	struct sim_lane *lane;
	struct sim_port *port;
	struct sim_els *els;
	struct sim_laser *laser;

	struct cpo_hw_thresh thresh[CPO_HW_Q_MAX];	/* host order values */

	/* the shared window */
	struct sim_layout lay;
	uint8_t *shm;
	bool shm_owned;
	uint32_t peer_id;		/* the model's own ivshmem peer id */

	/* clock */
	double accel;			/* model seconds per real second */
	unsigned int i2c_khz;		/* CMIS reads take an I2C transfer's time (0: off) */
#define SIM_I2C_KHZ_MAX	10000
	double t_model;			/* seconds since power-on */
	uint64_t ticks;
	uint64_t rng;
	uint64_t vdm_rng;		/* the engine's monitor noise, own stream */

	/* firmware state */
	bool hung;			/* fw-hang: no mailbox, no heartbeat */
	uint32_t heartbeat;
	uint32_t generation;
	uint32_t topo_gen;		/* ident.topo_generation: failovers */
	int mbox_force_status;		/* mbox-error: -1 = none */
	uint32_t ev_seq;
	unsigned int storm_left;	/* event-storm: events still to emit */
	char on_mbox[128];		/* on-mbox: a command for the next doorbell */
	uint32_t ev_head;		/* the ring head, the device's own copy */
	uint32_t ev_overflow;
	uint32_t mbox_done;		/* last done_seq written */
	uint64_t mbox_busy_until;	/* done_seq owed at this time (us), 0: none */
	struct sim_fw fw;
	bool quiet;			/* no events (power-on settling) */
	/* interrupts owed to the host, raised by main.c after each event */
	bool irq_event_pending;		/* CPO_IRQ_EVENT */
	bool irq_mbox_pending;		/* CPO_IRQ_MBOX */

	/* hostile-run: seeded garbage rounds (fault.c) */
	struct {
		uint64_t seed, rng;
		unsigned int region;		/* a region, or all of them */
		unsigned int left;		/* rounds still to write */
		unsigned int per_tick;		/* rounds each update period */
		unsigned int done[6];		/* rounds written, per region */
	} hostile;
};

/* topo.c */
int sim_profile_load(struct sim_profile *p, const char *path, char *err, size_t errlen);
int sim_profile_parse(struct sim_profile *p, const char *name, const char *text,
		      char *err, size_t errlen);
void sim_profile_free(struct sim_profile *p);
char *sim_profile_find(const char *name_or_path);
int sim_topo_build(struct sim_dev *dev, char *err, size_t errlen);
void sim_topo_free(struct sim_dev *dev);
void sim_topo_dump_json(const struct sim_dev *dev, FILE *f);

/* shm.c */
void sim_layout_compute(struct sim_dev *dev);
void sim_shm_init(struct sim_dev *dev);
void sim_shm_publish(struct sim_dev *dev);
void sim_shm_write_thresh(struct sim_dev *dev);
void sim_shm_rewrite(struct sim_dev *dev);
void sim_shm_write_topology(struct sim_dev *dev);
void sim_shm_set_status(struct sim_dev *dev, uint32_t set, uint32_t clear);
int sim_shm_poke(struct sim_dev *dev, const char *field, const char *value,
		 char *err, size_t errlen);
int sim_shm_peek(struct sim_dev *dev, const char *field, uint32_t *value);
int sim_shm_poke_raw(struct sim_dev *dev, uint32_t off, const uint8_t *bytes,
		     size_t len, char *err, size_t errlen);

/* physics.c */
void sim_phys_init(struct sim_dev *dev);
void sim_phys_step(struct sim_dev *dev, double dt);
void sim_phys_laser_now(struct sim_dev *dev, unsigned int i);
double sim_rand(struct sim_dev *dev);		/* uniform [0,1) */
double sim_gauss(struct sim_dev *dev);		/* standard normal */
double sim_dbm_to_mw(double dbm);
double sim_mw_to_dbm(double mw);
void sim_laser_bol(struct sim_dev *dev, struct sim_laser *a);
void sim_laser_set_enable(struct sim_dev *dev, unsigned int idx, bool on);

/* events.c */
void sim_thresh_defaults(struct cpo_hw_thresh *t);
void sim_ev_push(struct sim_dev *dev, uint16_t type, uint8_t obj_type, uint32_t obj,
		 uint16_t quantity, uint16_t flags, int32_t value, int32_t threshold);
uint16_t sim_flags_eval(struct sim_dev *dev, unsigned int q, uint8_t obj_type,
			uint32_t obj, int32_t value, bool monitored, uint16_t old);
void sim_ev_check_all(struct sim_dev *dev);
void sim_ev_reset_ring(struct sim_dev *dev);

/* mbox.c */
void sim_mbox_poll(struct sim_dev *dev);
int sim_mbox_wait_ms(const struct sim_dev *dev);	/* -1: nothing owed */

/* flash.c */
#define SIM_FWBUF_SIZE		2048	/* like a CMIS CDB extended payload */
uint64_t sim_now_us(void);
int sim_fw_init(struct sim_dev *dev);
void sim_fw_free(struct sim_dev *dev);
void sim_fw_reset(struct sim_dev *dev);
void sim_fw_els_new(struct sim_dev *dev, unsigned int slot);
int sim_fw_cmd(struct sim_dev *dev, uint16_t op, const uint8_t *args, unsigned int arg_len,
	       uint8_t *resp, uint16_t *resp_len);
int sim_fw_ctl(struct sim_dev *dev, int argc, char **argv, char *out, size_t outlen);
int sim_oe_failover(struct sim_dev *dev, unsigned int oe, unsigned int spare,
		    unsigned int *used);
void sim_oe_power(struct sim_dev *dev, unsigned int oe, bool on);
int sim_laser_failover(struct sim_dev *dev, unsigned int laser, unsigned int spare,
		       unsigned int *used);

/* cmis.c */
int sim_cmis_els_page(struct sim_dev *dev, unsigned int slot, unsigned int bank,
		      unsigned int page, uint8_t out[256]);
int sim_cmis_oe_page(struct sim_dev *dev, unsigned int oe, unsigned int bank,
		     unsigned int page, uint8_t out[256]);
int sim_cmis_port_page(struct sim_dev *dev, unsigned int port, unsigned int bank,
		       unsigned int page, uint8_t out[256]);
int sim_cmis_read(struct sim_dev *dev, unsigned int kind, unsigned int idx,
		  unsigned int bank, unsigned int page, unsigned int off, unsigned int len,
		  uint8_t *out);
int sim_cmis_write(struct sim_dev *dev, unsigned int kind, unsigned int idx,
		   unsigned int bank, unsigned int page, unsigned int off, unsigned int len,
		   const uint8_t *data);
void sim_cmis_latch_all(struct sim_dev *dev);
unsigned int sim_cmis_tx_bias_mult(const struct sim_dev *dev);
bool sim_cmis_thresh_fits(unsigned int q, const struct cpo_hw_thresh *t);

/* fault.c */
int sim_fault_cmd(struct sim_dev *dev, int argc, char **argv, char *out, size_t outlen);
void sim_hostile_tick(struct sim_dev *dev);
void sim_hostile_repair(struct sim_dev *dev);
void sim_els_pull(struct sim_dev *dev, unsigned int slot);
void sim_els_insert(struct sim_dev *dev, unsigned int slot);
int sim_els_prepare_removal(struct sim_dev *dev, unsigned int slot);
void sim_els_step(struct sim_dev *dev);

/* lifecycle, main.c for the server and tests/ for unit tests */
int sim_dev_create(struct sim_dev *dev, const char *profile_path, uint64_t seed,
		   uint8_t *shm, char *err, size_t errlen);
void sim_dev_tick(struct sim_dev *dev);
void sim_dev_reset(struct sim_dev *dev);
void sim_dev_destroy(struct sim_dev *dev);

/* little-endian accessors into the window */
static inline void sim_w16(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = v;
	b[1] = v >> 8;
}

static inline void sim_w32(void *p, uint32_t v)
{
	uint8_t *b = p;

	b[0] = v;
	b[1] = v >> 8;
	b[2] = v >> 16;
	b[3] = v >> 24;
}

static inline void sim_w64(void *p, uint64_t v)
{
	sim_w32(p, (uint32_t)v);
	sim_w32((uint8_t *)p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t sim_r16(const void *p)
{
	const uint8_t *b = p;

	return b[0] | (uint16_t)b[1] << 8;
}

static inline uint32_t sim_r32(const void *p)
{
	const uint8_t *b = p;

	return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

#define SIM_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* CPO_SIM_MODEL_H */
