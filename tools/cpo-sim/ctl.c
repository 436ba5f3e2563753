// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim control channel: a line protocol on a unix socket (the host, or
 * QEMU's virtio-serial port "cpo.ctl" for the guest).  A request is
 * "<id> <command> [args]\n", the answer one line "<id> ok [text]" or
 * "<id> err <message>".  The client is in client.c.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl.h"
#include "ivshmem.h"

#define CTL_MAX_ARGS	16

int ctl_listen(struct ctl_server *srv, const char *path)
{
	unsigned int i;

	for (i = 0; i < CTL_MAX_CONN; i++)
		srv->conn[i].fd = -1;
	srv->lfd = ivs_listen(path);
	return srv->lfd < 0 ? -1 : 0;
}

void ctl_accept(struct ctl_server *srv)
{
	unsigned int i;
	int fd;

	fd = accept4(srv->lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	for (i = 0; i < CTL_MAX_CONN; i++) {
		if (srv->conn[i].fd < 0) {
			srv->conn[i].fd = fd;
			srv->conn[i].len = 0;
			return;
		}
	}
	close(fd);	/* too many clients */
}

void ctl_close_all(struct ctl_server *srv)
{
	unsigned int i;

	for (i = 0; i < CTL_MAX_CONN; i++) {
		if (srv->conn[i].fd >= 0)
			close(srv->conn[i].fd);
		srv->conn[i].fd = -1;
	}
	if (srv->lfd >= 0)
		close(srv->lfd);
	srv->lfd = -1;
}

static const char *const oe_st[] = { "off", "ready", "fault" };
static const char *const els_st[] = {
	"empty", "probing", "fiber-check", "ramping", "on", "removing", "safe", "fault",
};
static const char *const laser_st[] = {
	"off", "fiber-check", "ramping", "on", "fault", "absent",
};

#define ST_NAME(tbl, v) ((unsigned int)(v) < SIM_ARRAY_SIZE(tbl) ? tbl[v] : "?")

static long rnd(double v)
{
	return v < 0 ? (long)(v - 0.5) : (long)(v + 0.5);
}

static int ctl_get(struct sim_dev *dev, int argc, char **argv, char *out, size_t n)
{
	unsigned long idx;
	char *end;
	unsigned int max, j;
	size_t k;

	if (argc != 3) {
		snprintf(out, n, "get OBJ IDX (OBJ: oe lane port els laser)");
		return -EINVAL;
	}
	if (!strcmp(argv[1], "oe"))
		max = dev->n_oe;
	else if (!strcmp(argv[1], "lane"))
		max = dev->n_lanes;
	else if (!strcmp(argv[1], "port"))
		max = dev->n_ports;
	else if (!strcmp(argv[1], "els"))
		max = dev->n_els;
	else if (!strcmp(argv[1], "laser"))
		max = dev->n_lasers;
	else {
		snprintf(out, n, "unknown object '%s' (oe lane port els laser)", argv[1]);
		return -EINVAL;
	}
	errno = 0;
	idx = strtoul(argv[2], &end, 0);
	if (errno || !*argv[2] || *end || argv[2][0] == '-' || idx >= max) {
		snprintf(out, n, "%s index out of range 0..%u", argv[1], max ? max - 1 : 0);
		return -ERANGE;
	}
	switch (argv[1][0] == 'l' ? argv[1][2] : argv[1][0]) {
	case 'o': {
		const struct sim_oe *o = &dev->oe[idx];

		snprintf(out, n, "temp=%ld vcc=%ld state=%d state_name=%s flags=0x%x first_lane=%u n_lanes=%u spare=%d out_of_service=%d",
			 rnd(o->temp_c * 1000), rnd(o->vcc_mv), o->state, ST_NAME(oe_st, o->state),
			 o->flags, dev->t_oe[idx].first_lane, dev->t_oe[idx].n_lanes,
			 !!(dev->t_oe[idx].flags & CPO_HW_F_SPARE),
			 !!(dev->t_oe[idx].flags & CPO_HW_F_OUT_OF_SERVICE));
		return 0;
	}
	case 'n': {
		const struct sim_lane *l = &dev->lane[idx];
		const struct cpo_hw_lane *t = &dev->t_lane[idx];

		snprintf(out, n, "tx_power=%ld rx_power=%ld state=%d status=0x%x flags=0x%x enabled=%d tx_los=%d rx_los=%d oe=%u port=%d laser=%d",
			 rnd(l->tx_uw), rnd(l->rx_uw), l->state, l->status, l->flags, l->enabled,
			 !!(l->status & CPO_HW_LANE_S_TX_LOS), !!(l->status & CPO_HW_LANE_S_RX_LOS),
			 t->oe, t->port == CPO_HW_NONE ? -1 : t->port,
			 t->laser == CPO_HW_NONE ? -1 : t->laser);
		return 0;
	}
	case 'p': {
		const struct sim_port *p = &dev->port[idx];
		const struct cpo_hw_port *t = &dev->t_port[idx];

		k = snprintf(out, n, "oe=%u n_lanes=%u speed_mbps=%u link_loss_mdb=%ld fiber_cut=%d low_power=%d lanes=",
			     t->oe, t->n_lanes, t->speed_mbps, rnd(p->link_loss_db * 1000),
			     p->fiber_cut, p->low_power);
		for (j = 0; j < t->n_lanes && k < n; j++)
			k += snprintf(out + k, n - k, "%s%u", j ? "," : "", t->lane[j]);
		return 0;
	}
	case 'e': {
		const struct sim_els *e = &dev->els[idx];

		snprintf(out, n, "present=%d state=%d state_name=%s temp=%ld vcc=%ld icc=%ld tec=%ld insertions=%u flags=0x%x first_laser=%u n_lasers=%u",
			 e->present, e->state, ST_NAME(els_st, e->state), rnd(e->temp_c * 1000),
			 rnd(e->vcc_mv), rnd(e->icc_ma), rnd(e->tec_ma), e->insertions, e->flags,
			 dev->t_els[idx].first_laser, dev->t_els[idx].n_lasers);
		return 0;
	}
	default: {
		const struct sim_laser *a = &dev->laser[idx];
		const struct cpo_hw_laser *t = &dev->t_laser[idx];
		double loss = sim_laser_path_loss_db(a);
		char pl[24] = "none", fe[24] = "none";

		if (!isnan(loss)) {
			snprintf(pl, sizeof(pl), "%ld", rnd(loss * 1000));
			snprintf(fe, sizeof(fe), "%ld", rnd(a->freq_err_mhz));
		}
		k = snprintf(out, n, "bias=%ld power=%ld setpoint=%ld temp=%ld bol_bias=%ld bol_power=%ld age_hours=%ld enabled=%d state=%d state_name=%s fault=%d mode=%d flags=0x%x age_pct=%ld oe_in_power=%ld path_loss=%s freq_err=%s path_nominal=%ld path_extra=%ld path_drift=%ld els=%u els_index=%u spare=%d lanes=",
			     rnd(a->bias_ma * 1000), rnd(a->power_mw * 1000), rnd(a->setpoint * 1000),
			     rnd(a->temp_c * 1000), rnd(a->bol_bias_ma * 1000),
			     rnd(a->bol_power_mw * 1000), (long)a->age_h, a->enabled, a->state,
			     ST_NAME(laser_st, a->state), a->fault, a->mode, a->flags,
			     rnd(sim_laser_age_pct(a) * 100), rnd(a->oe_in_mw * 1000), pl, fe,
			     rnd(a->path_nom_db * 1000), rnd(a->path_extra_db * 1000),
			     rnd(a->path_drift_db_h * 1000), t->els,
			     t->els_index, !!(t->flags & CPO_HW_F_SPARE));
		for (j = 0; j < t->n_lanes && k < n; j++)
			k += snprintf(out + k, n - k, "%s%u", j ? "," : "", t->lane[j]);
		return 0;
	}
	}
}

static int ctl_info(struct sim_dev *dev, char *out, size_t n)
{
	snprintf(out, n, "model=%s serial=%s fw=%s profile=%s n_oe=%u n_lanes=%u n_ports=%u n_els=%u n_lasers=%u lane_rate_mbps=%u bar_size=%u update_period_ms=%u peer=%u heartbeat=%u generation=%u accel=%g model_time_s=%.3f hung=%d evring_entries=%u ev_head=%u ev_overflow=%u i2c_khz=%u",
		 dev->prof.model, dev->prof.serial, dev->prof.fw_version, dev->prof.name,
		 dev->n_oe, dev->n_lanes, dev->n_ports, dev->n_els, dev->n_lasers,
		 dev->prof.lane_rate_mbps, dev->lay.bar_size, dev->prof.update_period_ms,
		 dev->peer_id, dev->heartbeat, dev->generation, dev->accel, dev->t_model,
		 dev->hung, dev->lay.evring_entries, dev->ev_head, dev->ev_overflow,
		 dev->i2c_khz);
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int ctl_poke_raw(struct sim_dev *dev, int argc, char **argv, char *out, size_t n)
{
	uint8_t bytes[CTL_LINE_MAX / 2];
	unsigned long off;
	size_t len, i;
	char *end;
	int hi, lo;

	if (argc != 3) {
		snprintf(out, n, "poke-raw OFFSET HEXBYTES");
		return -EINVAL;
	}
	errno = 0;
	off = strtoul(argv[1], &end, 0);
	len = strlen(argv[2]);
	if (errno || *end || !*argv[1] || argv[1][0] == '-' || !len || len % 2 ||
	    len / 2 > sizeof(bytes)) {
		snprintf(out, n, "poke-raw OFFSET HEXBYTES (even number of hex digits)");
		return -EINVAL;
	}
	for (i = 0; i < len / 2; i++) {
		hi = hexval(argv[2][2 * i]);
		lo = hexval(argv[2][2 * i + 1]);
		if (hi < 0 || lo < 0) {
			snprintf(out, n, "bad hex byte at %zu", i);
			return -EINVAL;
		}
		bytes[i] = hi << 4 | lo;
	}
	if (off > UINT32_MAX)
		off = UINT32_MAX;
	if (sim_shm_poke_raw(dev, off, bytes, len / 2, out, n))
		return -ERANGE;
	snprintf(out, n, "%zu bytes at 0x%lx", len / 2, off);
	return 0;
}

static int ctl_peek_raw(struct sim_dev *dev, int argc, char **argv, char *out, size_t n)
{
	unsigned long off, len, i;
	char *e1, *e2;

	errno = 0;
	if (argc != 3 || (off = strtoul(argv[1], &e1, 0), *e1) ||
	    (len = strtoul(argv[2], &e2, 0), *e2) || errno || !len || len > 256 ||
	    off >= dev->lay.bar_size || len > dev->lay.bar_size - off || n < 2 * len + 1) {
		snprintf(out, n, "peek-raw OFFSET LEN (LEN 1..256, inside the window)");
		return -EINVAL;
	}
	for (i = 0; i < len; i++)
		snprintf(out + 2 * i, 3, "%02x", dev->shm[off + i]);
	return 0;
}

static int ctl_cmis(struct sim_dev *dev, int argc, char **argv, char *out, size_t n)
{
	uint8_t page[256];
	unsigned long idx, pg, bank = 0;
	char *e1, *e2, *e3 = "";
	unsigned int max;
	int st;
	size_t i;

	if ((argc != 4 && argc != 5) ||
	    (strcmp(argv[1], "els") && strcmp(argv[1], "port") && strcmp(argv[1], "oe"))) {
		snprintf(out, n, "cmis els|port|oe IDX PAGE [BANK] (hex dump of the 256-byte view)");
		return -EINVAL;
	}
	max = argv[1][0] == 'e' ? dev->n_els : argv[1][0] == 'p' ? dev->n_ports : dev->n_oe;
	errno = 0;
	idx = strtoul(argv[2], &e1, 0);
	pg = strtoul(argv[3], &e2, 16);
	if (argc == 5)
		bank = strtoul(argv[4], &e3, 0);
	if (errno || *e1 || *e2 || *e3 || pg > 255 || bank > 255 || idx >= max) {
		snprintf(out, n, "bad index, page or bank");
		return -EINVAL;
	}
	st = argv[1][0] == 'e' ? sim_cmis_els_page(dev, idx, bank, pg, page) :
	     argv[1][0] == 'p' ? sim_cmis_port_page(dev, idx, bank, pg, page) :
				 sim_cmis_oe_page(dev, idx, bank, pg, page);
	if (st) {
		snprintf(out, n, "page %02lxh not served (status %d)", pg, st);
		return -ENOENT;
	}
	if (n < 2 * sizeof(page) + 1) {
		snprintf(out, n, "no room");
		return -ENOSPC;
	}
	for (i = 0; i < sizeof(page); i++)
		snprintf(out + 2 * i, 3, "%02x", page[i]);
	return 0;
}

/* Run one command line (no id); 0 with text in out, or -errno with a message. */
int ctl_exec(struct sim_dev *dev, char *line, char *out, size_t outlen)
{
	char *argv[CTL_MAX_ARGS], *s = line, *save = NULL;
	int argc = 0, rc;

	out[0] = '\0';
	while (argc < CTL_MAX_ARGS && (s = strtok_r(s, " \t\r", &save))) {
		argv[argc++] = s;
		s = NULL;
	}
	if (!argc) {
		snprintf(out, outlen, "empty command");
		return -EINVAL;
	}
	if (!strcmp(argv[0], "info"))
		return ctl_info(dev, out, outlen);
	if (!strcmp(argv[0], "get"))
		return ctl_get(dev, argc, argv, out, outlen);
	if (!strcmp(argv[0], "fw-hang") || !strcmp(argv[0], "fw-resume")) {
		dev->hung = argv[0][3] == 'h';
		if (!dev->hung)
			sim_mbox_poll(dev);
		snprintf(out, outlen, "firmware %s", dev->hung ? "hung" : "running");
		return 0;
	}
	if (!strcmp(argv[0], "poke")) {
		if (argc != 3) {
			snprintf(out, outlen, "poke FIELD VALUE (e.g. ident.magic 0)");
			return -EINVAL;
		}
		rc = sim_shm_poke(dev, argv[1], argv[2], out, outlen);
		if (!rc)
			snprintf(out, outlen, "%s=%s", argv[1], argv[2]);
		return rc;
	}
	if (!strcmp(argv[0], "peek")) {
		uint32_t v;

		if (argc != 2 || sim_shm_peek(dev, argv[1], &v)) {
			snprintf(out, outlen, "peek FIELD (ident.magic, ident.ver_major, ...)");
			return -EINVAL;
		}
		snprintf(out, outlen, "0x%x", v);
		return 0;
	}
	if (!strcmp(argv[0], "peek-raw"))
		return ctl_peek_raw(dev, argc, argv, out, outlen);
	if (!strcmp(argv[0], "poke-raw"))
		return ctl_poke_raw(dev, argc, argv, out, outlen);
	if (!strcmp(argv[0], "cmis"))
		return ctl_cmis(dev, argc, argv, out, outlen);
	if (!strcmp(argv[0], "repair")) {
		/*
		 * undo poke and hostile damage to the identity, tables,
		 * thresholds, ring header and mailbox response
		 */
		sim_hostile_repair(dev);
		sim_shm_rewrite(dev);
		sim_shm_set_status(dev, CPO_HW_STATUS_READY, 0);
		snprintf(out, outlen, "identity, tables, thresholds, ring and mailbox rewritten");
		return 0;
	}
	if (!strcmp(argv[0], "die")) {
		/* the caller answers, then the model is killed: ctl_die() */
		snprintf(out, outlen, "killed");
		return 0;
	}
	if (!strcmp(argv[0], "on-mbox")) {
		/*
		 * A fault at a moment the guest knows: COMMAND runs when the
		 * host next rings the mailbox doorbell, before the command
		 * it announces is served.
		 */
		size_t len = 0;
		int i;

		if (argc < 2) {
			snprintf(out, outlen, "on-mbox COMMAND [ARGS...] | on-mbox off");
			return -EINVAL;
		}
		dev->on_mbox[0] = '\0';
		if (argc == 2 && !strcmp(argv[1], "off")) {
			snprintf(out, outlen, "on-mbox cleared");
			return 0;
		}
		for (i = 1; i < argc; i++) {
			size_t w = strlen(argv[i]);

			if (len + w + 2 > sizeof(dev->on_mbox)) {
				dev->on_mbox[0] = '\0';
				snprintf(out, outlen, "on-mbox: command too long");
				return -EINVAL;
			}
			if (len)
				dev->on_mbox[len++] = ' ';
			memcpy(dev->on_mbox + len, argv[i], w);
			len += w;
			dev->on_mbox[len] = '\0';
		}
		snprintf(out, outlen, "on the next mailbox doorbell: %s", dev->on_mbox);
		return 0;
	}
	if (!strcmp(argv[0], "ping")) {
		snprintf(out, outlen, "pong");
		return 0;
	}
	rc = sim_fault_cmd(dev, argc, argv, out, outlen);
	if (rc == 1) {
		snprintf(out, outlen, "unknown command '%s'", argv[0]);
		return -EINVAL;
	}
	return rc;
}

static void ctl_reply(int fd, const char *id, bool ok, const char *text)
{
	char buf[CTL_LINE_MAX + 128];
	size_t off = 0, len;
	ssize_t w;
	int tries = 0;

	len = snprintf(buf, sizeof(buf), "%s %s%s%s\n", id, ok ? "ok" : "err",
		       text[0] ? " " : "", text);
	if (len >= sizeof(buf)) {
		len = sizeof(buf) - 1;
		buf[len - 1] = '\n';
	}
	/* one line: no embedded newlines */
	for (off = 0; off + 1 < len; off++)
		if (buf[off] == '\n')
			buf[off] = ' ';
	off = 0;
	while (off < len && tries < 100) {
		w = send(fd, buf + off, len - off, MSG_NOSIGNAL);
		if (w > 0) {
			off += w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return;
		tries++;
		poll(&(struct pollfd){ .fd = fd, .events = POLLOUT }, 1, 10);
	}
}

/* "die": the line, as ctl_exec left it (tokens separated by NULs) */
static bool ctl_is_die(const char *cmd)
{
	cmd += strspn(cmd, " \t\r");
	return !strcmp(cmd, "die");
}

/*
 * The model process's sudden death, as a crash or 'kill -9' would end it:
 * no clean-up, the ivshmem and ctl sockets close under QEMU, the shared
 * memory stays mapped in QEMU.
 */
static void ctl_die(void)
{
	raise(SIGKILL);
	_exit(137);
}

int ctl_input(struct ctl_server *srv, struct ctl_conn *c, struct sim_dev *dev)
{
	char out[CTL_LINE_MAX], *nl, *line, *sp;
	ssize_t n;
	int rc;

	(void)srv;
	n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len, 0);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	if (n < 0)
		return 0;
	c->len += n;
	c->buf[c->len] = '\0';
	while ((nl = memchr(c->buf, '\n', c->len))) {
		*nl = '\0';
		line = c->buf;
		/* NUL bytes (a virtio port opening) and blank lines are noise */
		while (line < nl && (*line == ' ' || *line == '\0' || *line == '\r'))
			line++;
		if (line < nl && strlen(line)) {
			sp = strchr(line, ' ');
			if (!sp) {
				ctl_reply(c->fd, line, false, "no command");
			} else {
				*sp = '\0';
				rc = ctl_exec(dev, sp + 1, out, sizeof(out));
				ctl_reply(c->fd, line, rc == 0, out);
				if (!rc && ctl_is_die(sp + 1))
					ctl_die();
			}
		}
		c->len -= nl + 1 - c->buf;
		memmove(c->buf, nl + 1, c->len);
	}
	if (c->len == sizeof(c->buf) - 1)
		c->len = 0;	/* an endless line: drop it */
	return 0;
}
