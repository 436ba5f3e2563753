/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CPO_SIM_CTL_H
#define CPO_SIM_CTL_H

#include <stddef.h>

#include "model.h"

#define CTL_MAX_CONN	8
#define CTL_LINE_MAX	4096
#define CTL_TIMEOUT_MS	5000

struct ctl_conn {
	int fd;				/* -1: free */
	size_t len;
	char buf[CTL_LINE_MAX];
};

struct ctl_server {
	int lfd;
	struct ctl_conn conn[CTL_MAX_CONN];
};

int ctl_listen(struct ctl_server *srv, const char *path);
void ctl_accept(struct ctl_server *srv);
/* returns -1 when the connection closed */
int ctl_input(struct ctl_server *srv, struct ctl_conn *c, struct sim_dev *dev);
void ctl_close_all(struct ctl_server *srv);
int ctl_exec(struct sim_dev *dev, char *line, char *out, size_t outlen);

#endif /* CPO_SIM_CTL_H */
