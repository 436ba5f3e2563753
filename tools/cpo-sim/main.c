// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim: the device model of a co-packaged optics subsystem, served to a
 * QEMU guest as an ivshmem-doorbell device (the model is the ivshmem
 * server), with a line-based control socket for tests.
 *
 *   cpo-sim [--profile NAME|FILE] [--socket PATH] [--ctl PATH] [--seed N]
 *           [--accel X] [--serial S] [--vectors N] [--i2c-khz K] [--verbose]
 *   cpo-sim [...] --shm-file PATH   (ivshmem-plain: no server, no doorbell)
 *   cpo-sim --profile NAME|FILE --dump-topology
 *   cpo-sim ctl [--ctl PATH] COMMAND [ARGS...]
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "client.h"
#include "ctl.h"
#include "ivshmem.h"
#include "model.h"

#define SIM_MODEL_PEER		0
#define SIM_GUEST_PEER		1

struct sim_server {
	struct sim_dev dev;
	int shm_fd;
	int sig_fd;
	int timer_fd;
	int ivs_lfd;
	struct ivs_peer guest;
	bool had_guest;
	struct ctl_server ctl;
	const char *sock_path;
	const char *ctl_path;
	const char *shm_file;
	bool verbose;
};

static void logmsg(struct sim_server *s, const char *fmt, ...)
{
	va_list ap;

	if (!s->verbose)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "cpo-sim: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* MSI-X towards the guest for what the model did since the last call */
static void sim_flush_irqs(struct sim_server *s)
{
	struct sim_dev *dev = &s->dev;

	if (dev->irq_mbox_pending) {
		dev->irq_mbox_pending = false;
		if (s->guest.sock >= 0)
			ivs_raise(&s->guest, CPO_IRQ_MBOX);
	}
	if (dev->irq_event_pending) {
		dev->irq_event_pending = false;
		if (s->guest.sock >= 0)
			ivs_raise(&s->guest, CPO_IRQ_EVENT);
	}
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: cpo-sim [--profile NAME|FILE] [--socket PATH] [--ctl PATH] [--seed N]\n"
		"               [--accel X] [--serial S] [--vectors N] [--i2c-khz K] [--verbose]\n"
		"               [--shm-file PATH]\n"
		"       cpo-sim --profile NAME|FILE --dump-topology\n"
		"       cpo-sim ctl [--ctl PATH] COMMAND [ARGS...]\n");
}

static void sim_accept_guest(struct sim_server *s)
{
	int fd = accept4(s->ivs_lfd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return;
	if (s->guest.sock >= 0 || s->had_guest) {
		logmsg(s, "refusing a second guest");
		close(fd);
		return;
	}
	if (ivs_peer_setup(&s->guest, fd, s->shm_fd, SIM_MODEL_PEER, SIM_GUEST_PEER,
			   s->guest.nvec)) {
		logmsg(s, "guest setup failed: %s", strerror(errno));
		return;
	}
	s->had_guest = true;
	logmsg(s, "guest %u connected", SIM_GUEST_PEER);
}

static int sim_setup_shm(struct sim_server *s)
{
	struct sim_dev *dev = &s->dev;
	void *map;

	/*
	 * --shm-file: the window is a file QEMU maps for ivshmem-plain
	 * (memory-backend-file); there is no doorbell and no MSI-X, the
	 * model serves the mailbox every update period.
	 */
	if (s->shm_file)
		s->shm_fd = open(s->shm_file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	else
		s->shm_fd = memfd_create("cpo-sim-bar2", MFD_CLOEXEC);
	if (s->shm_fd < 0 || ftruncate(s->shm_fd, dev->lay.bar_size))
		return -1;
	map = mmap(NULL, dev->lay.bar_size, PROT_READ | PROT_WRITE, MAP_SHARED, s->shm_fd, 0);
	if (map == MAP_FAILED)
		return -1;
	/* move the window built at creation into the shared memory */
	memcpy(map, dev->shm, dev->lay.bar_size);
	free(dev->shm);
	dev->shm_owned = false;
	dev->shm = map;
	return 0;
}

static int sim_loop(struct sim_server *s)
{
	struct pollfd pfd[8 + IVS_MAX_VECTORS + CTL_MAX_CONN];
	struct ctl_conn *cmap[CTL_MAX_CONN];
	struct sim_dev *dev = &s->dev;
	unsigned int v, i, n, vbase, cbase, nc;
	uint64_t exp;

	for (;;) {
		n = 0;
		pfd[n++] = (struct pollfd){ .fd = s->sig_fd, .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = s->timer_fd, .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = s->ivs_lfd, .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = s->guest.sock, .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = s->ctl.lfd, .events = POLLIN };
		vbase = n;
		for (v = 0; v < s->guest.nvec; v++)
			pfd[n++] = (struct pollfd){ .fd = s->guest.sock >= 0 ? s->guest.model_efd[v] : -1,
						    .events = POLLIN };
		cbase = n;
		nc = 0;
		for (i = 0; i < CTL_MAX_CONN; i++) {
			if (s->ctl.conn[i].fd < 0)
				continue;
			cmap[nc++] = &s->ctl.conn[i];
			pfd[n++] = (struct pollfd){ .fd = s->ctl.conn[i].fd, .events = POLLIN };
		}
		if (poll(pfd, n, sim_mbox_wait_ms(dev)) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (pfd[0].revents) {
			struct signalfd_siginfo si;

			if (read(s->sig_fd, &si, sizeof(si)) == sizeof(si)) {
				logmsg(s, "signal %u: exiting", si.ssi_signo);
				return 0;
			}
		}
		if (pfd[1].revents & POLLIN) {
			/* catch up on periods missed while busy, a few at most */
			if (read(s->timer_fd, &exp, sizeof(exp)) == sizeof(exp))
				for (i = 0; i < exp && i < 10; i++)
					sim_dev_tick(dev);
		}
		if (pfd[2].revents & POLLIN)
			sim_accept_guest(s);
		if (pfd[3].fd >= 0 && pfd[3].revents) {
			char b[64];
			ssize_t r = recv(s->guest.sock, b, sizeof(b), MSG_DONTWAIT);

			if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
				logmsg(s, "guest disconnected: exiting");
				return 0;
			}
		}
		if (pfd[4].revents & POLLIN)
			ctl_accept(&s->ctl);
		for (v = 0; v < s->guest.nvec; v++) {
			if (pfd[vbase + v].fd < 0 || !(pfd[vbase + v].revents & POLLIN))
				continue;
			ivs_drain(pfd[vbase + v].fd);
			if (v == CPO_DB_MBOX && dev->on_mbox[0]) {
				char line[sizeof(dev->on_mbox)], out[256];

				memcpy(line, dev->on_mbox, sizeof(line));
				dev->on_mbox[0] = '\0';
				if (ctl_exec(dev, line, out, sizeof(out)))
					logmsg(s, "on-mbox: %s", out);
			}
			if (v == CPO_DB_MBOX)
				sim_mbox_poll(dev);
			/* CPO_DB_EVENT: the host freed ring space; nothing to redo */
		}
		for (i = 0; i < nc; i++)
			if (pfd[cbase + i].revents)
				ctl_input(&s->ctl, cmap[i], dev);
		if (!sim_mbox_wait_ms(dev))
			sim_mbox_poll(dev);	/* a command that took time is done */
		sim_flush_irqs(s);
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "socket", required_argument, NULL, 's' },
		{ "ctl", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 'S' },
		{ "accel", required_argument, NULL, 'a' },
		{ "serial", required_argument, NULL, 'n' },
		{ "vectors", required_argument, NULL, 'V' },
		{ "shm-file", required_argument, NULL, 'f' },
		{ "i2c-khz", required_argument, NULL, 'I' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "dump-topology", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct sim_server srv;
	struct sim_server *s = &srv;
	const char *profile = "th6-102t", *serial = NULL;
	char err[SIM_ERR_LEN], *ppath, *end;
	unsigned long long seed = 1;
	double accel = 1.0;
	unsigned long nvec = 2, i2c_khz = 0;
	bool dump = false;
	struct itimerspec its;
	sigset_t mask;
	int c, rc;

	if (argc > 1 && !strcmp(argv[1], "ctl"))
		return ctl_client_main(argc - 1, argv + 1);

	s->sock_path = "/tmp/cpo-sim.sock";
	while ((c = getopt_long(argc, argv, "p:s:c:S:a:n:V:I:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			profile = optarg;
			break;
		case 's':
			s->sock_path = optarg;
			break;
		case 'c':
			s->ctl_path = optarg;
			break;
		case 'S':
			errno = 0;
			seed = strtoull(optarg, &end, 0);
			if (errno || *end) {
				fprintf(stderr, "cpo-sim: bad --seed '%s'\n", optarg);
				return 1;
			}
			break;
		case 'a':
			accel = strtod(optarg, &end);
			if (*end || !isfinite(accel) || accel < 0 || accel > 1e9) {
				fprintf(stderr, "cpo-sim: --accel wants 0..1e9\n");
				return 1;
			}
			break;
		case 'n':
			serial = optarg;
			break;
		case 'V':
			nvec = strtoul(optarg, &end, 0);
			if (*end || nvec < CPO_NUM_IRQS || nvec > IVS_MAX_VECTORS) {
				fprintf(stderr, "cpo-sim: --vectors wants %d..%d\n", CPO_NUM_IRQS,
					IVS_MAX_VECTORS);
				return 1;
			}
			break;
		case 'f':
			s->shm_file = optarg;
			break;
		case 'I':
			errno = 0;
			i2c_khz = strtoul(optarg, &end, 0);
			if (errno || *end || !*optarg || i2c_khz > SIM_I2C_KHZ_MAX) {
				fprintf(stderr, "cpo-sim: --i2c-khz wants 0..%d\n", SIM_I2C_KHZ_MAX);
				return 1;
			}
			break;
		case 'v':
			s->verbose = true;
			break;
		case 'T':
			dump = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 1;
	}

	ppath = sim_profile_find(profile);
	if (!ppath) {
		fprintf(stderr, "cpo-sim: out of memory\n");
		return 1;
	}
	rc = sim_dev_create(&s->dev, ppath, seed, NULL, err, sizeof(err));
	free(ppath);
	if (rc) {
		fprintf(stderr, "cpo-sim: %s\n", err);
		return 1;
	}
	if (dump) {
		sim_topo_dump_json(&s->dev, stdout);
		sim_dev_destroy(&s->dev);
		return 0;
	}
	s->dev.accel = accel;
	s->dev.i2c_khz = i2c_khz;
	s->dev.peer_id = SIM_MODEL_PEER;
	if (serial)
		snprintf(s->dev.prof.serial, sizeof(s->dev.prof.serial), "%s", serial);
	/* the ident carries the peer id and serial: rewrite it */
	sim_shm_init(&s->dev);
	if (sim_setup_shm(s)) {
		fprintf(stderr, "cpo-sim: shared memory: %s\n", strerror(errno));
		return 1;
	}
	s->guest.sock = -1;
	s->guest.nvec = nvec;
	s->ctl.lfd = -1;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	s->sig_fd = signalfd(-1, &mask, SFD_CLOEXEC);
	s->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (s->sig_fd < 0 || s->timer_fd < 0) {
		fprintf(stderr, "cpo-sim: %s\n", strerror(errno));
		return 1;
	}
	its.it_interval.tv_sec = s->dev.prof.update_period_ms / 1000;
	its.it_interval.tv_nsec = (s->dev.prof.update_period_ms % 1000) * 1000000L;
	its.it_value = its.it_interval;
	timerfd_settime(s->timer_fd, 0, &its, NULL);

	if (s->ctl_path && ctl_listen(&s->ctl, s->ctl_path)) {
		fprintf(stderr, "cpo-sim: %s: %s\n", s->ctl_path, strerror(errno));
		return 1;
	}
	s->ivs_lfd = s->shm_file ? -1 : ivs_listen(s->sock_path);
	if (s->ivs_lfd < 0 && !s->shm_file) {
		fprintf(stderr, "cpo-sim: %s: %s\n", s->sock_path, strerror(errno));
		if (s->ctl_path)
			unlink(s->ctl_path);
		return 1;
	}
	logmsg(s, "profile %s: %u OEs, %u lanes, %u ports, %u slots, %u lasers, BAR2 %u bytes",
	       s->dev.prof.name, s->dev.n_oe, s->dev.n_lanes, s->dev.n_ports, s->dev.n_els,
	       s->dev.n_lasers, s->dev.lay.bar_size);

	rc = sim_loop(s);

	ivs_peer_close(&s->guest);
	if (s->ivs_lfd >= 0) {
		close(s->ivs_lfd);
		unlink(s->sock_path);
	}
	if (s->ctl_path) {
		ctl_close_all(&s->ctl);
		unlink(s->ctl_path);
	}
	munmap(s->dev.shm, s->dev.lay.bar_size);
	s->dev.shm = NULL;
	close(s->shm_fd);
	sim_dev_destroy(&s->dev);
	return rc;
}
