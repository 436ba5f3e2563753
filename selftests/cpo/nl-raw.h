/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw generic netlink for the cpo selftests that build messages byte by
 * byte (no libnl): a request buffer, attributes, one call that waits for
 * the answer of its sequence number with the extack, and the lookup of
 * the "cpo" family.  Include after kselftest_harness.h.
 */
#ifndef CPO_SELFTEST_NL_RAW_H
#define CPO_SELFTEST_NL_RAW_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "linux/cpo.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

#define BUF_LEN		8192

struct nlreq {
	union {
		struct nlmsghdr nlh;
		char buf[BUF_LEN];
	};
};

struct nlconn {
	int fd;
	int family;
	unsigned int seq;
	char extack[256];
	int miss_type;		/* NLMSGERR_ATTR_MISS_TYPE, or -1 */
	char reply[BUF_LEN];	/* payload of the last reply message */
	int reply_len;
};

static inline void req_init(struct nlreq *r, int family, int cmd, int flags)
{
	struct genlmsghdr *g;

	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = family;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = NLMSG_DATA(&r->nlh);
	g->cmd = cmd;
	g->version = CPO_FAMILY_VERSION;
}

static inline void req_put(struct nlreq *r, int type, const void *data, int len)
{
	struct nlattr *a = (struct nlattr *)(r->buf + NLMSG_ALIGN(r->nlh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static inline void req_u32(struct nlreq *r, int type, __u32 v)
{
	req_put(r, type, &v, sizeof(v));
}

static inline void req_u8(struct nlreq *r, int type, __u8 v)
{
	req_put(r, type, &v, sizeof(v));
}

static inline void save_extack(struct nlconn *c, struct nlmsghdr *nlh)
{
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	struct nlattr *a;
	int off, rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = NLMSG_HDRLEN + sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	for (rem = nlh->nlmsg_len - off, a = (struct nlattr *)((char *)nlh + off);
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		if (a->nla_type == NLMSGERR_ATTR_MSG)
			snprintf(c->extack, sizeof(c->extack), "%.*s",
				 a->nla_len - NLA_HDRLEN, (char *)a + NLA_HDRLEN);
		else if (a->nla_type == NLMSGERR_ATTR_MISS_TYPE &&
			 a->nla_len == NLA_HDRLEN + sizeof(__u32))
			c->miss_type = *(__u32 *)((char *)a + NLA_HDRLEN);
	}
}

/* Send @r, wait for its ack: 0 or -errno. */
static inline int nl_call(struct nlconn *c, struct nlreq *r)
{
	char buf[BUF_LEN * 4];

	c->extack[0] = '\0';
	c->miss_type = -1;
	c->reply_len = 0;
	r->nlh.nlmsg_seq = ++c->seq;
	if (send(c->fd, r, r->nlh.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		struct nlmsghdr *nlh;
		int n = recv(c->fd, buf, sizeof(buf), 0);

		if (n < 0)
			return -errno;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (unsigned int)n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != c->seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				save_extack(c, nlh);
				return e->error;
			}
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			c->reply_len = nlh->nlmsg_len - NLMSG_HDRLEN;
			if (c->reply_len > (int)sizeof(c->reply))
				c->reply_len = sizeof(c->reply);
			memcpy(c->reply, NLMSG_DATA(nlh), c->reply_len);
		}
	}
}

static inline int nl_open(struct nlconn *c)
{
	struct nlreq r;
	struct nlattr *a;
	int one = 1, rem, err;

	memset(c, 0, sizeof(*c));
	c->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (c->fd < 0)
		return -errno;
	setsockopt(c->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(c->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)NLMSG_DATA(&r.nlh))->version = 1;
	req_put(&r, CTRL_ATTR_FAMILY_NAME, CPO_FAMILY_NAME,
		sizeof(CPO_FAMILY_NAME));
	err = nl_call(c, &r);
	if (err)
		return err;
	rem = c->reply_len - GENL_HDRLEN;
	for (a = (struct nlattr *)(c->reply + GENL_HDRLEN);
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			c->family = *(__u16 *)((char *)a + NLA_HDRLEN);
	return c->family ? 0 : -ENOENT;
}

#endif /* CPO_SELFTEST_NL_RAW_H */
