// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim ctl: the control channel's client.  PATH is a unix socket (the
 * host) or a character device (the guest's virtio-serial port).  Replies
 * whose id is not ours are stale answers to an earlier client: skipped.
 * Exit 0 on ok (text on stdout), 1 on err (message on stderr), 2 on timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

static int ctl_open(const char *path, bool *is_sock)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	int fd;

	if (stat(path, &st)) {
		fprintf(stderr, "cpo-sim ctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	*is_sock = S_ISSOCK(st.st_mode);
	if (!*is_sock) {
		fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0)
			fprintf(stderr, "cpo-sim ctl: %s: %s\n", path, strerror(errno));
		return fd;
	}
	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "cpo-sim ctl: %s: path too long\n", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "cpo-sim ctl: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ctl_write_all(int fd, const char *buf, size_t len, long deadline)
{
	size_t off = 0;
	ssize_t w;

	while (off < len) {
		w = write(fd, buf + off, len - off);
		if (w > 0) {
			off += w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		if (now_ms() >= deadline)
			return -2;
		poll(&(struct pollfd){ .fd = fd, .events = POLLOUT }, 1, 50);
	}
	return 0;
}

int ctl_client_main(int argc, char **argv)
{
	char req[CTL_CLIENT_LINE_MAX], buf[2 * CTL_CLIENT_LINE_MAX], id[48], *nl, *p;
	const char *path = NULL;
	struct timespec ts;
	size_t len = 0, idlen;
	long deadline;
	int i = 1, fd, rc;
	bool is_sock;
	ssize_t n;

	if (argc > 2 && !strcmp(argv[1], "--ctl")) {
		path = argv[2];
		i = 3;
	} else if (argc > 1 && !strncmp(argv[1], "--ctl=", 6)) {
		path = argv[1] + 6;
		i = 2;
	}
	if (!path)
		path = getenv("CPO_SIM_CTL");
	if (!path && access("/dev/virtio-ports/cpo.ctl", F_OK) == 0)
		path = "/dev/virtio-ports/cpo.ctl";
	if (!path) {
		fprintf(stderr, "cpo-sim ctl: no control channel (--ctl PATH or CPO_SIM_CTL)\n");
		return 1;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: cpo-sim ctl [--ctl PATH] COMMAND [ARGS...]\n");
		return 1;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(id, sizeof(id), "c%d.%lx", (int)getpid(), (unsigned long)ts.tv_nsec);
	idlen = strlen(id);
	len = snprintf(req, sizeof(req), "%s", id);
	for (; i < argc && len < sizeof(req); i++)
		len += snprintf(req + len, sizeof(req) - len, " %s", argv[i]);
	if (len + 2 > sizeof(req) || strchr(req, '\n')) {
		fprintf(stderr, "cpo-sim ctl: command too long or has a newline\n");
		return 1;
	}
	req[len++] = '\n';

	fd = ctl_open(path, &is_sock);
	if (fd < 0)
		return 1;
	deadline = now_ms() + CTL_CLIENT_TIMEOUT_MS;
	rc = ctl_write_all(fd, req, len, deadline);
	if (rc) {
		close(fd);
		if (rc == -2) {
			fprintf(stderr, "cpo-sim ctl: timeout\n");
			return 2;
		}
		fprintf(stderr, "cpo-sim ctl: write: %s\n", strerror(errno));
		return 1;
	}
	len = 0;
	for (;;) {
		long left = deadline - now_ms();

		if (left <= 0)
			break;
		if (poll(&(struct pollfd){ .fd = fd, .events = POLLIN }, 1, left) <= 0)
			continue;
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n == 0) {
			/* a socket closed; a character device: nothing yet */
			if (is_sock)
				break;
			poll(NULL, 0, 20);
			continue;
		}
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			break;
		}
		len += n;
		buf[len] = '\0';
		while ((nl = memchr(buf, '\n', len))) {
			*nl = '\0';
			/* skip replies to others (stale answers) */
			if (!strncmp(buf, id, idlen) && buf[idlen] == ' ') {
				p = buf + idlen + 1;
				close(fd);
				if (!strncmp(p, "ok", 2) && (p[2] == '\0' || p[2] == ' ')) {
					if (p[2])
						printf("%s\n", p + 3);
					return 0;
				}
				if (!strncmp(p, "err", 3)) {
					fprintf(stderr, "cpo-sim ctl: %s\n", p[3] ? p + 4 : "error");
					return 1;
				}
				fprintf(stderr, "cpo-sim ctl: malformed reply\n");
				return 1;
			}
			len -= nl + 1 - buf;
			memmove(buf, nl + 1, len);
		}
		if (len == sizeof(buf) - 1)
			len = 0;
	}
	close(fd);
	fprintf(stderr, "cpo-sim ctl: timeout after %d ms\n", CTL_CLIENT_TIMEOUT_MS);
	return 2;
}
