// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim ivshmem server side (QEMU docs/specs/ivshmem-spec.rst).
 *
 * Every message is one little-endian int64, some carry one file
 * descriptor by SCM_RIGHTS.  To a new client: the protocol version (0),
 * the client's own peer id, -1 with the shared-memory fd; then, for each
 * other peer, one message per vector with that peer's id and an eventfd
 * (the client signals it to ring that peer); then one message per vector
 * with the client's own id and the eventfd it waits on (MSI-X vector v).
 * The model is the only other peer.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ivshmem.h"

int ivs_listen(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 4)) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int ivs_send(int sock, int64_t v, int fd)
{
	uint8_t buf[8];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} c;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;
	uint64_t u = (uint64_t)v;
	int i;
	ssize_t n;

	for (i = 0; i < 8; i++)
		buf[i] = u >> (8 * i);
	if (fd >= 0) {
		memset(&c, 0, sizeof(c));
		msg.msg_control = c.b;
		msg.msg_controllen = sizeof(c.b);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	do {
		n = sendmsg(sock, &msg, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(buf) ? 0 : -1;
}

void ivs_peer_close(struct ivs_peer *p)
{
	unsigned int v;

	for (v = 0; v < IVS_MAX_VECTORS; v++) {
		if (p->model_efd[v] >= 0)
			close(p->model_efd[v]);
		if (p->guest_efd[v] >= 0)
			close(p->guest_efd[v]);
		p->model_efd[v] = p->guest_efd[v] = -1;
	}
	if (p->sock >= 0)
		close(p->sock);
	p->sock = -1;
}

int ivs_peer_setup(struct ivs_peer *p, int sock, int shm_fd, unsigned int model_id,
		   unsigned int guest_id, unsigned int nvec)
{
	unsigned int v;

	memset(p, 0, sizeof(*p));
	p->sock = sock;
	p->id = guest_id;
	p->nvec = nvec;
	for (v = 0; v < IVS_MAX_VECTORS; v++)
		p->model_efd[v] = p->guest_efd[v] = -1;
	for (v = 0; v < nvec; v++) {
		p->model_efd[v] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		p->guest_efd[v] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (p->model_efd[v] < 0 || p->guest_efd[v] < 0)
			goto err_close;
	}
	if (ivs_send(sock, IVS_PROTOCOL_VERSION, -1) ||
	    ivs_send(sock, guest_id, -1) ||
	    ivs_send(sock, -1, shm_fd))
		goto err_close;
	for (v = 0; v < nvec; v++)
		if (ivs_send(sock, model_id, p->model_efd[v]))
			goto err_close;
	for (v = 0; v < nvec; v++)
		if (ivs_send(sock, guest_id, p->guest_efd[v]))
			goto err_close;
	return 0;

err_close:
	ivs_peer_close(p);
	return -1;
}

int ivs_raise(struct ivs_peer *p, unsigned int vector)
{
	uint64_t one = 1;

	if (p->sock < 0 || vector >= p->nvec || p->guest_efd[vector] < 0)
		return -1;
	return write(p->guest_efd[vector], &one, sizeof(one)) == sizeof(one) ? 0 : -1;
}

int ivs_drain(int efd)
{
	uint64_t v;

	return read(efd, &v, sizeof(v)) == sizeof(v) ? 1 : 0;
}
