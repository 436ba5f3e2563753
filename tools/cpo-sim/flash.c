// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim firmware update: two banks per component (the MCU, each engine,
 * each ELSFP), a CMIS CDB-style download into the bank that is not
 * running, run, commit, and the fallback to the old image.
 *
 * Time is the model's assumption of a real package (README.md): a block
 * costs its bytes at the speed of the component's path (the MCU's own
 * flash, an engine behind the MCU's management bus, an ELSFP over CMIS at
 * 400 kHz I2C), and the mailbox completes that long after the request; a
 * component restarts for a while after RUN.  time_scale 0 (the unit
 * tests) makes everything instant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"

struct sim_fw_type {
	const char *name;
	const char *factory;		/* version in bank A at power-on */
	uint32_t max_size;		/* largest payload */
	uint32_t ns_per_byte;		/* transfer and programming */
	uint32_t start_ms;		/* START: erase the bank */
	uint32_t complete_ms;		/* COMPLETE: read back, check */
	uint32_t boot_ms;		/* RUN: restart until up */
};

static const struct sim_fw_type fw_types[CPO_HW_FW_TYPES] = {
	/* PCIe into the MCU, its own NOR flash: about 1 MB/s */
	[CPO_HW_FW_MCU] = { "mcu", NULL, 1u << 20, 1000, 200, 100, 2000 },
	/* behind the MCU on a 1 MHz management bus: about 100 kB/s */
	[CPO_HW_FW_OE] = { "oe", "2.4.0", 256u << 10, 10000, 100, 50, 500 },
	/* CMIS CDB with EPL over 400 kHz I2C: about 40 kB/s */
	[CPO_HW_FW_ELS] = { "els", "1.2.0", 128u << 10, 25000, 100, 50, 1000 },
};

uint64_t sim_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + ts.tv_nsec / 1000;
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
	unsigned int k;

	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static unsigned int fw_count(const struct sim_dev *dev)
{
	return 1 + dev->n_oe + dev->n_els;
}

/* The component of (type, index), or NULL. */
static struct sim_fw_comp *fw_comp(struct sim_dev *dev, unsigned int type, unsigned int idx)
{
	switch (type) {
	case CPO_HW_FW_MCU:
		return idx == 0 ? &dev->fw.comp[0] : NULL;
	case CPO_HW_FW_OE:
		return idx < dev->n_oe ? &dev->fw.comp[1 + idx] : NULL;
	case CPO_HW_FW_ELS:
		return idx < dev->n_els ? &dev->fw.comp[1 + dev->n_oe + idx] : NULL;
	default:
		return NULL;
	}
}

static void fw_factory(struct sim_dev *dev, struct sim_fw_comp *c, unsigned int type)
{
	memset(c, 0, sizeof(*c));
	c->type = type;
	snprintf(c->version[0], CPO_HW_FW_VER_LEN, "%.15s",
		 fw_types[type].factory ? fw_types[type].factory : dev->prof.fw_version);
	c->valid[0] = true;
}

int sim_fw_init(struct sim_dev *dev)
{
	unsigned int i;

	dev->fw.comp = calloc(fw_count(dev), sizeof(*dev->fw.comp));
	if (!dev->fw.comp)
		return -1;
	dev->fw.time_scale = 1.0;
	dev->fw.dl = -1;
	dev->fw.fail_stage = SIM_FW_FAIL_NONE;
	fw_factory(dev, &dev->fw.comp[0], CPO_HW_FW_MCU);
	for (i = 0; i < dev->n_oe; i++)
		fw_factory(dev, &dev->fw.comp[1 + i], CPO_HW_FW_OE);
	for (i = 0; i < dev->n_els; i++)
		fw_factory(dev, &dev->fw.comp[1 + dev->n_oe + i], CPO_HW_FW_ELS);
	return 0;
}

void sim_fw_free(struct sim_dev *dev)
{
	free(dev->fw.comp);
	dev->fw.comp = NULL;
}

/* A new module in the slot: its own images, as shipped. */
void sim_fw_els_new(struct sim_dev *dev, unsigned int slot)
{
	struct sim_fw_comp *c = fw_comp(dev, CPO_HW_FW_ELS, slot);
	int i = c - dev->fw.comp;

	if (dev->fw.dl == i)
		dev->fw.dl = -1;
	fw_factory(dev, c, CPO_HW_FW_ELS);
}

/* The MCU's running version is the window's fw_version. */
static void fw_mcu_publish(struct sim_dev *dev)
{
	const struct sim_fw_comp *c = &dev->fw.comp[0];
	uint8_t *v = dev->shm + offsetof(struct cpo_hw_ident, fw_version);

	snprintf(dev->prof.fw_version, sizeof(dev->prof.fw_version), "%s",
		 c->version[c->running]);
	memset(v, 0, CPO_HW_STR_LEN);
	memcpy(v, dev->prof.fw_version, strnlen(dev->prof.fw_version, CPO_HW_STR_LEN - 1));
}

static void fw_cost(struct sim_dev *dev, uint64_t us)
{
	dev->fw.busy_us += (uint64_t)(us * dev->fw.time_scale);
}

/* Whether the armed fault hits component @c at @stage (and disarm it). */
static bool fw_fails(struct sim_dev *dev, const struct sim_fw_comp *c, int stage)
{
	struct sim_fw *f = &dev->fw;

	if (f->fail_stage != stage || fw_comp(dev, f->fail_type, f->fail_index) != c)
		return false;
	f->fail_stage = SIM_FW_FAIL_NONE;
	return true;
}

static void fw_abort(struct sim_dev *dev)
{
	struct sim_fw_comp *c;

	if (dev->fw.dl < 0)
		return;
	c = &dev->fw.comp[dev->fw.dl];
	c->state = CPO_HW_FW_ST_IDLE;
	c->result = CPO_HW_FW_RES_ABORTED;
	c->valid[!c->running] = false;
	dev->fw.dl = -1;
}

/* A component that was BOOTING is up, or back on its old bank. */
static void fw_boot_step(struct sim_dev *dev, struct sim_fw_comp *c)
{
	if (c->state != CPO_HW_FW_ST_BOOTING ||
	    (dev->fw.time_scale > 0 && sim_now_us() < c->boot_until_us))
		return;
	c->state = CPO_HW_FW_ST_IDLE;
	if (c->boot_fails) {
		/* the new image did not come up: the old one runs again */
		c->valid[!c->running] = false;
		c->result = CPO_HW_FW_RES_FELL_BACK;
	} else {
		c->running = !c->running;
		c->result = CPO_HW_FW_RES_OK;
	}
	c->boot_fails = false;
	if (c->type == CPO_HW_FW_MCU)
		fw_mcu_publish(dev);
}

/* CPO_HW_CMD_RESET: every component boots its committed bank. */
void sim_fw_reset(struct sim_dev *dev)
{
	unsigned int i;

	fw_abort(dev);
	for (i = 0; i < fw_count(dev); i++) {
		struct sim_fw_comp *c = &dev->fw.comp[i];

		c->state = CPO_HW_FW_ST_IDLE;
		c->boot_fails = false;
		if (c->valid[c->committed])
			c->running = c->committed;
	}
	fw_mcu_publish(dev);
}

static void fw_info(struct sim_dev *dev, const struct sim_fw_comp *c, uint8_t *r)
{
	struct cpo_hw_fw_info *in = (struct cpo_hw_fw_info *)r;
	int i = c - dev->fw.comp;

	memset(in, 0, sizeof(*in));
	in->state = c->state;
	in->running = c->running;
	in->committed = c->committed;
	in->valid = c->valid[0] | c->valid[1] << 1;
	in->result = c->result;
	sim_w32(&in->max_size, fw_types[c->type].max_size);
	sim_w32(&in->received, dev->fw.dl == i ? c->received : 0);
	memcpy(in->version, c->version, sizeof(in->version));
}

/* The header of a START, from fwbuf. */
static int fw_start(struct sim_dev *dev, struct sim_fw_comp *c, unsigned int idx)
{
	const uint8_t *h = dev->shm + dev->lay.fwbuf_off;
	const struct cpo_hw_fw_hdr *hdr = (const void *)h;
	uint16_t hidx = sim_r16(&hdr->index);
	uint32_t size = sim_r32(&hdr->size);

	if (sim_r32(&hdr->magic) != CPO_HW_FW_MAGIC ||
	    sim_r16(&hdr->hdr_size) != sizeof(*hdr) || hdr->type != c->type ||
	    (hidx != CPO_HW_FW_ANY && hidx != idx) ||
	    !size || size > fw_types[c->type].max_size ||
	    !memchr(hdr->version, 0, CPO_HW_FW_VER_LEN) || !hdr->version[0])
		return CPO_HW_ST_BAD_ARG;
	if (c->state == CPO_HW_FW_ST_BOOTING)
		return CPO_HW_ST_BUSY;
	/* one download at a time: an unfinished one is abandoned */
	fw_abort(dev);
	if (fw_fails(dev, c, SIM_FW_FAIL_START))
		return CPO_HW_ST_FAILED;
	c->valid[!c->running] = false;
	memset(c->version[!c->running], 0, CPO_HW_FW_VER_LEN);
	memcpy(c->dl_version, hdr->version, CPO_HW_FW_VER_LEN);
	c->size = size;
	c->expect_crc = sim_r32(&hdr->crc32);
	c->crc = 0;
	c->received = 0;
	c->state = CPO_HW_FW_ST_DOWNLOADING;
	c->result = CPO_HW_FW_RES_NONE;
	dev->fw.dl = c - dev->fw.comp;
	fw_cost(dev, fw_types[c->type].start_ms * 1000ull);
	return CPO_HW_ST_OK;
}

static int fw_write(struct sim_dev *dev, struct sim_fw_comp *c, const uint8_t *args,
		    unsigned int arg_len)
{
	uint32_t off, len;

	if (arg_len < sizeof(struct cpo_hw_arg_fw_write))
		return CPO_HW_ST_BAD_ARG;
	off = sim_r32(args + 4);
	len = sim_r32(args + 8);
	if (dev->fw.dl != c - dev->fw.comp)
		return CPO_HW_ST_FAILED;
	if (!len || len > dev->lay.fwbuf_size || off != c->received || len > c->size - off)
		return CPO_HW_ST_BAD_ARG;
	if (off + len > c->size / 2 && fw_fails(dev, c, SIM_FW_FAIL_WRITE))
		return CPO_HW_ST_FAILED;
	c->crc = crc32_update(c->crc, dev->shm + dev->lay.fwbuf_off, len);
	c->received += len;
	fw_cost(dev, (uint64_t)len * fw_types[c->type].ns_per_byte / 1000);
	return CPO_HW_ST_OK;
}

static int fw_complete(struct sim_dev *dev, struct sim_fw_comp *c)
{
	unsigned int bank = !c->running;

	if (dev->fw.dl != c - dev->fw.comp)
		return CPO_HW_ST_FAILED;
	dev->fw.dl = -1;
	c->state = CPO_HW_FW_ST_IDLE;
	fw_cost(dev, fw_types[c->type].complete_ms * 1000ull);
	if (c->received != c->size || c->crc != c->expect_crc ||
	    fw_fails(dev, c, SIM_FW_FAIL_COMPLETE)) {
		c->result = CPO_HW_FW_RES_BAD_IMAGE;
		return CPO_HW_ST_FAILED;
	}
	memcpy(c->version[bank], c->dl_version, CPO_HW_FW_VER_LEN);
	c->valid[bank] = true;
	c->result = CPO_HW_FW_RES_OK;
	return CPO_HW_ST_OK;
}

static int fw_run(struct sim_dev *dev, struct sim_fw_comp *c)
{
	if (c->state != CPO_HW_FW_ST_IDLE)
		return CPO_HW_ST_BUSY;
	if (!c->valid[!c->running])
		return CPO_HW_ST_FAILED;
	c->state = CPO_HW_FW_ST_BOOTING;
	c->result = CPO_HW_FW_RES_NONE;
	c->boot_fails = fw_fails(dev, c, SIM_FW_FAIL_RUN);
	c->boot_until_us = sim_now_us() +
			   (uint64_t)(fw_types[c->type].boot_ms * 1000ull * dev->fw.time_scale);
	fw_boot_step(dev, c);
	return CPO_HW_ST_OK;
}

static int fw_commit(struct sim_dev *dev, struct sim_fw_comp *c)
{
	if (c->state != CPO_HW_FW_ST_IDLE)
		return CPO_HW_ST_BUSY;
	if (!c->valid[c->running] || fw_fails(dev, c, SIM_FW_FAIL_COMMIT))
		return CPO_HW_ST_FAILED;
	c->committed = c->running;
	fw_cost(dev, 20000);
	return CPO_HW_ST_OK;
}

int sim_fw_cmd(struct sim_dev *dev, uint16_t op, const uint8_t *args, unsigned int arg_len,
	       uint8_t *resp, uint16_t *resp_len)
{
	struct sim_fw_comp *c;
	unsigned int idx;

	if (arg_len < sizeof(struct cpo_hw_fw_comp))
		return CPO_HW_ST_BAD_ARG;
	idx = sim_r16(args + 2);
	c = fw_comp(dev, args[0], idx);
	if (!c)
		return CPO_HW_ST_BAD_ARG;
	if (c->type == CPO_HW_FW_ELS && !dev->els[idx].present)
		return CPO_HW_ST_NOT_PRESENT;
	fw_boot_step(dev, c);
	switch (op) {
	case CPO_HW_CMD_FW_QUERY:
		fw_info(dev, c, resp);
		*resp_len = sizeof(struct cpo_hw_fw_info);
		return CPO_HW_ST_OK;
	case CPO_HW_CMD_FW_START:
		return fw_start(dev, c, idx);
	case CPO_HW_CMD_FW_WRITE:
		return fw_write(dev, c, args, arg_len);
	case CPO_HW_CMD_FW_COMPLETE:
		return fw_complete(dev, c);
	case CPO_HW_CMD_FW_RUN:
		return fw_run(dev, c);
	case CPO_HW_CMD_FW_COMMIT:
		return fw_commit(dev, c);
	case CPO_HW_CMD_FW_ABORT:
		if (dev->fw.dl == c - dev->fw.comp)
			fw_abort(dev);
		return CPO_HW_ST_OK;
	default:
		return CPO_HW_ST_UNSUPPORTED;
	}
}

/* "mcu", "oeN", "elsN" */
static int fw_parse_comp(struct sim_dev *dev, const char *s, int *type, unsigned int *idx)
{
	unsigned int t;
	size_t n;
	char *end;

	for (t = 0; t < CPO_HW_FW_TYPES; t++) {
		n = strlen(fw_types[t].name);
		if (strncmp(s, fw_types[t].name, n))
			continue;
		if (t == CPO_HW_FW_MCU) {
			if (s[n])
				return -1;
			*idx = 0;
		} else {
			unsigned long v = strtoul(s + n, &end, 10);

			if (!s[n] || *end || !fw_comp(dev, t, v))
				return -1;
			*idx = v;
		}
		*type = t;
		return 0;
	}
	return -1;
}

static const char *const fw_stage_names[] = {
	[SIM_FW_FAIL_NONE] = "off", [SIM_FW_FAIL_START] = "start",
	[SIM_FW_FAIL_WRITE] = "write", [SIM_FW_FAIL_COMPLETE] = "complete",
	[SIM_FW_FAIL_RUN] = "run", [SIM_FW_FAIL_COMMIT] = "commit",
};

/*
 * ctl: "fw-fail STAGE COMPONENT": the next update of the component fails
 * at STAGE (write: past half the image; run: the image does not come up);
 * "fw-fail off"; "fw-time X": scale the model's flash times (0: instant);
 * "fw-show COMPONENT".  Returns 1 for a command that is not one of these.
 */
int sim_fw_ctl(struct sim_dev *dev, int argc, char **argv, char *out, size_t outlen)
{
	unsigned int i, idx;
	int type;

	if (!strcmp(argv[0], "fw-fail")) {
		for (i = 0; argc >= 2 && i < SIM_ARRAY_SIZE(fw_stage_names); i++)
			if (!strcmp(argv[1], fw_stage_names[i]))
				break;
		if (argc < 2 || i == SIM_ARRAY_SIZE(fw_stage_names) ||
		    (i != SIM_FW_FAIL_NONE &&
		     (argc != 3 || fw_parse_comp(dev, argv[2], &type, &idx)))) {
			snprintf(out, outlen,
				 "fw-fail start|write|complete|run|commit mcu|oeN|elsN, fw-fail off");
			return -22;
		}
		dev->fw.fail_stage = i;
		if (i != SIM_FW_FAIL_NONE) {
			dev->fw.fail_type = type;
			dev->fw.fail_index = idx;
		}
		snprintf(out, outlen, "fw-fail %s%s%s", fw_stage_names[i], i ? " " : "",
			 i ? argv[2] : "");
		return 0;
	}
	if (!strcmp(argv[0], "fw-time")) {
		char *end;
		double d = argc == 2 ? strtod(argv[1], &end) : -1;

		if (argc != 2 || *end || !(d >= 0 && d <= 4)) {
			snprintf(out, outlen, "fw-time SCALE (0..4, 0: instant)");
			return -22;
		}
		dev->fw.time_scale = d;
		snprintf(out, outlen, "fw-time %g", d);
		return 0;
	}
	if (!strcmp(argv[0], "fw-show")) {
		struct sim_fw_comp *c;

		if (argc != 2 || fw_parse_comp(dev, argv[1], &type, &idx)) {
			snprintf(out, outlen, "fw-show mcu|oeN|elsN");
			return -22;
		}
		c = fw_comp(dev, type, idx);
		fw_boot_step(dev, c);
		snprintf(out, outlen,
			 "state=%d result=%d running=%u committed=%u valid=%d%d a=%s b=%s",
			 c->state, c->result, c->running, c->committed, c->valid[0],
			 c->valid[1], c->version[0], c->version[1]);
		return 0;
	}
	return 1;
}
