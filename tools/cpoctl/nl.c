// SPDX-License-Identifier: GPL-2.0
/* The "cpo" generic netlink family over libnl-genl-3. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "cpoctl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

#define CPO_NL_BUF	32768	/* receive buffer: many dump messages per read */

struct cpo_nl {
	struct nl_sock *sk;
	int family;
	char extack[256];
};

/* State of one request while its replies come in. */
struct cpo_nl_call {
	struct cpo_nl *nl;
	struct cpo_msgs *out;
	int err;
	bool done;
};

static void cpo_nl_sockopts(struct nl_sock *sk)
{
	int one = 1, fd = nl_socket_get_fd(sk);

	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_set_msg_buf_size(sk, CPO_NL_BUF);
	nl_socket_set_buffer_size(sk, CPO_NL_BUF * 8, 0);
}

struct cpo_nl *cpo_nl_open(void)
{
	struct cpo_nl *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return NULL;
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		goto err_free;
	if (genl_connect(nl->sk))
		goto err_free_sock;
	cpo_nl_sockopts(nl->sk);
	nl->family = genl_ctrl_resolve(nl->sk, CPO_FAMILY_NAME);
	if (nl->family < 0) {
		errno = ENOENT;
		goto err_free_sock;
	}
	return nl;

err_free_sock:
	nl_socket_free(nl->sk);
err_free:
	free(nl);
	return NULL;
}

void cpo_nl_close(struct cpo_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	free(nl);
}

const char *cpo_nl_extack(const struct cpo_nl *nl)
{
	return nl->extack[0] ? nl->extack : NULL;
}

void cpo_req_init(struct cpo_req *r, uint8_t cmd, bool dump)
{
	memset(r, 0, sizeof(*r));
	r->cmd = cmd;
	r->dump = dump;
}

static void cpo_req_add(struct cpo_req *r, uint16_t type, uint8_t size,
			uint32_t v)
{
	if (r->n >= CPO_MAX_REQ_ATTRS)
		return;
	r->a[r->n].type = type;
	r->a[r->n].size = size;
	r->a[r->n].value = v;
	r->n++;
}

void cpo_req_u32(struct cpo_req *r, uint16_t type, uint32_t v)
{
	cpo_req_add(r, type, 4, v);
}

void cpo_req_u8(struct cpo_req *r, uint16_t type, uint8_t v)
{
	cpo_req_add(r, type, 1, v);
}

void cpo_msgs_free(struct cpo_msgs *m)
{
	unsigned int i, k;
	int a;

	for (i = 0; i < m->n; i++) {
		for (a = 0; a <= CPO_A_MAX; a++)
			free(m->v[i].str[a]);
		for (k = 0; k < CPO_LINKS; k++)
			free(m->v[i].link[k]);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static int cpo_parse_alarm(struct cpo_msg *m, struct nlattr *nest)
{
	struct cpo_alarm *al;
	struct nlattr *a;
	int rem;

	if (m->n_alarms >= CPO_MAX_ALARMS)
		return 0;
	al = &m->alarm[m->n_alarms++];
	nla_for_each_nested(a, nest, rem) {
		if (nla_len(a) != 4)
			continue;
		switch (nla_type(a)) {
		case CPO_A_ALARM_QUANTITY:
			al->quantity = nla_get_u32(a);
			break;
		case CPO_A_ALARM_SEVERITY:
			al->severity = nla_get_u32(a);
			break;
		case CPO_A_ALARM_DIRECTION:
			al->direction = nla_get_u32(a);
			break;
		}
	}
	return 0;
}

static void cpo_parse_alarm_hist(struct cpo_msg *m, struct nlattr *nest)
{
	struct cpo_alarm_hist *h;
	struct nlattr *a;
	int rem;

	if (m->n_hist >= CPO_MAX_ALARM_HIST)
		return;
	h = &m->hist[m->n_hist++];
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case CPO_A_ALARM_HIST_QUANTITY:
		case CPO_A_ALARM_HIST_SEVERITY:
		case CPO_A_ALARM_HIST_DIRECTION:
		case CPO_A_ALARM_HIST_CHANGES:
			if (nla_len(a) != 4)
				continue;
			if (nla_type(a) == CPO_A_ALARM_HIST_QUANTITY)
				h->quantity = nla_get_u32(a);
			else if (nla_type(a) == CPO_A_ALARM_HIST_SEVERITY)
				h->severity = nla_get_u32(a);
			else if (nla_type(a) == CPO_A_ALARM_HIST_DIRECTION)
				h->direction = nla_get_u32(a);
			else
				h->changes = nla_get_u32(a);
			break;
		case CPO_A_ALARM_HIST_LAST_SET:
			if (nla_len(a) == 8)
				h->last_set = nla_get_u64(a);
			break;
		case CPO_A_ALARM_HIST_LAST_CLEAR:
			if (nla_len(a) == 8)
				h->last_clear = nla_get_u64(a);
			break;
		}
	}
}

static void cpo_parse_stats(struct cpo_msg *m, struct nlattr *nest)
{
	struct cpo_stat *st;
	struct nlattr *a;
	int rem;

	if (m->n_stats >= CPO_MAX_STATS)
		return;
	st = &m->stat[m->n_stats++];
	nla_for_each_nested(a, nest, rem) {
		int t = nla_type(a);

		if (nla_len(a) == 8) {
			uint64_t v = nla_get_u64(a);

			if (t == CPO_A_STATS_INTERVAL)
				st->interval = v;
			else if (t == CPO_A_STATS_START)
				st->start = v;
			else if (t == CPO_A_STATS_MINIMUM_TIME)
				st->min_time = v;
			else if (t == CPO_A_STATS_MAXIMUM_TIME)
				st->max_time = v;
		} else if (nla_len(a) == 4) {
			uint32_t v = nla_get_u32(a);

			if (t == CPO_A_STATS_QUANTITY)
				st->quantity = v;
			else if (t == CPO_A_STATS_SAMPLES)
				st->samples = v;
			else if (t == CPO_A_STATS_AVERAGE)
				st->avg = (int32_t)v;
			else if (t == CPO_A_STATS_MINIMUM)
				st->min = (int32_t)v;
			else if (t == CPO_A_STATS_MAXIMUM)
				st->max = (int32_t)v;
		}
	}
}

static int cpo_parse_link(struct cpo_msg *m, struct nlattr *a)
{
	unsigned int k = CPO_LINK_IDX(nla_type(a));
	uint32_t *v;

	if (nla_len(a) != 4)
		return 0;
	v = realloc(m->link[k], (m->n_link[k] + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[m->n_link[k]++] = nla_get_u32(a);
	m->link[k] = v;
	return 0;
}

/* Parse one family message into @m (zeroed by the caller). */
static int cpo_parse_msg(struct nl_msg *msg, struct cpo_msg *m)
{
	struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *a;
	int rem, err;

	m->cmd = gnlh->cmd;
	nla_for_each_attr(a, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		int type = nla_type(a);

		if (type <= 0 || type > CPO_A_MAX)
			continue;
		if (type == CPO_A_ALARM) {
			cpo_parse_alarm(m, a);
			continue;
		}
		if (type == CPO_A_ALARM_HIST) {
			cpo_parse_alarm_hist(m, a);
			continue;
		}
		if (type == CPO_A_STATS) {
			cpo_parse_stats(m, a);
			continue;
		}
		if (type >= CPO_A_LINK_LANE && type <= CPO_A_LINK_PORT) {
			err = cpo_parse_link(m, a);
			if (err)
				return err;
			continue;
		}
		m->has[type] = true;
		if (cpo_a_is_str(type)) {
			free(m->str[type]);
			m->str[type] = strndup(nla_data(a), nla_len(a));
			if (!m->str[type])
				return -ENOMEM;
			continue;
		}
		switch (nla_len(a)) {
		case 1:
			m->u[type] = nla_get_u8(a);
			break;
		case 4:
			if (cpo_a_is_signed(type))
				m->u[type] = (uint64_t)(int64_t)(int32_t)
					     nla_get_u32(a);
			else
				m->u[type] = nla_get_u32(a);
			break;
		case 8:
			m->u[type] = nla_get_u64(a);
			break;
		default:
			m->u[type] = 0;	/* a flag */
		}
	}
	return 0;
}

static int cpo_nl_valid_cb(struct nl_msg *msg, void *arg)
{
	struct cpo_nl_call *c = arg;
	struct cpo_msgs *out = c->out;
	struct cpo_msg *m;

	if (!out)
		return NL_OK;
	if (out->n == out->cap) {
		unsigned int cap = out->cap ? out->cap * 2 : 64;
		struct cpo_msg *v = realloc(out->v, cap * sizeof(*v));

		if (!v) {
			c->err = -ENOMEM;
			return NL_STOP;
		}
		out->v = v;
		out->cap = cap;
	}
	m = &out->v[out->n++];
	memset(m, 0, sizeof(*m));
	c->err = cpo_parse_msg(msg, m);
	return c->err ? NL_STOP : NL_OK;
}

/* Keep the kernel's extack message of an error (or warning) reply. */
static void cpo_nl_save_extack(struct cpo_nl *nl, struct nlmsgerr *e)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *a;
	size_t off;
	int rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = NLMSG_HDRLEN + sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (off >= nlh->nlmsg_len)
		return;
	rem = nlh->nlmsg_len - off;
	nla_for_each_attr(a, (struct nlattr *)((char *)nlh + off), rem, rem) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0) {
			snprintf(nl->extack, sizeof(nl->extack), "%.*s",
				 nla_len(a), (char *)nla_data(a));
			break;
		}
	}
}

static int cpo_nl_err_cb(struct sockaddr_nl *nla, struct nlmsgerr *e,
			 void *arg)
{
	struct cpo_nl_call *c = arg;

	(void)nla;
	cpo_nl_save_extack(c->nl, e);
	c->err = e->error;
	c->done = true;
	return NL_STOP;
}

static int cpo_nl_done_cb(struct nl_msg *msg, void *arg)
{
	struct cpo_nl_call *c = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	/* a dump that failed half way reports its error in NLMSG_DONE */
	if (nlh->nlmsg_type == NLMSG_DONE &&
	    nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		int err = *(int *)nlmsg_data(nlh);

		if (err < 0)
			c->err = err;
	}
	c->done = true;
	return NL_STOP;
}

int cpo_nl_call(struct cpo_nl *nl, const struct cpo_req *r,
		struct cpo_msgs *out)
{
	struct cpo_nl_call c = { .nl = nl, .out = out };
	struct nl_msg *msg;
	struct nl_cb *cb;
	unsigned int i;
	int err;

	nl->extack[0] = '\0';
	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 r->dump ? NLM_F_DUMP : NLM_F_ACK, r->cmd,
			 CPO_FAMILY_VERSION)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	for (i = 0; i < r->n; i++) {
		if (r->a[i].size == 1)
			err = nla_put_u8(msg, r->a[i].type, r->a[i].value);
		else
			err = nla_put_u32(msg, r->a[i].type, r->a[i].value);
		if (err) {
			nlmsg_free(msg);
			return -ENOMEM;
		}
	}
	err = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	if (err < 0)
		return -EIO;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, cpo_nl_valid_cb, &c);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, cpo_nl_done_cb, &c);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, cpo_nl_done_cb, &c);
	nl_cb_err(cb, NL_CB_CUSTOM, cpo_nl_err_cb, &c);
	while (!c.done && !c.err) {
		err = nl_recvmsgs(nl->sk, cb);
		if (err < 0 && !c.err && !c.done) {
			c.err = -EIO;
			break;
		}
	}
	nl_cb_put(cb);
	return c.err;
}

/* ---- monitor ---- */

/*
 * The monitor socket listens to two groups: the family's "monitor" group
 * for device events, and the generic netlink controller's "notify" group
 * to follow the family itself.  When the family goes away (the module is
 * unloaded) the kernel drops every member of its groups; when it comes
 * back its group may have another id, so the socket joins it again from
 * the controller's announcement.  A receive overrun may have eaten such
 * an announcement: the family is then looked up afresh.
 */
struct cpo_nl_mon {
	struct nl_sock *sk;
	cpo_nl_event_cb cb;
	cpo_nl_status_cb status;
	void *arg;
	int family;		/* the family's id, or -1 while it is gone */
	int err;		/* a reason to stop, -errno */
};

/* The family's id and its monitor group, on a socket of their own. */
static int cpo_nl_mon_resolve(int *family, int *grp)
{
	struct nl_sock *sk = nl_socket_alloc();
	int err = 0;

	if (!sk)
		return -ENOMEM;
	if (genl_connect(sk)) {
		err = -EIO;
		goto out_free_sock;
	}
	*family = genl_ctrl_resolve(sk, CPO_FAMILY_NAME);
	if (*family < 0) {
		err = -ENOENT;
		goto out_free_sock;
	}
	*grp = genl_ctrl_resolve_grp(sk, CPO_FAMILY_NAME, CPO_MCGRP_MONITOR);
	if (*grp < 0)
		err = -ESRCH;
out_free_sock:
	nl_socket_free(sk);
	return err;
}

static int cpo_nl_mon_join(struct cpo_nl_mon *mon, int family, int grp)
{
	bool was_gone = mon->family < 0;

	if (nl_socket_add_membership(mon->sk, grp))
		return -EIO;
	mon->family = family;
	if (was_gone && mon->status)
		mon->status(CPO_NL_MON_FAMILY_BACK, mon->arg);
	return 0;
}

static void cpo_nl_mon_gone(struct cpo_nl_mon *mon)
{
	if (mon->family < 0)
		return;
	mon->family = -1;
	if (mon->status)
		mon->status(CPO_NL_MON_FAMILY_GONE, mon->arg);
}

/* After an overrun: where is the family now? */
static void cpo_nl_mon_resync(struct cpo_nl_mon *mon)
{
	int family, grp, err;

	err = cpo_nl_mon_resolve(&family, &grp);
	if (err == -ENOENT) {
		cpo_nl_mon_gone(mon);
		return;
	}
	if (err) {
		mon->err = err;
		return;
	}
	if (mon->family >= 0 && mon->family != family)
		cpo_nl_mon_gone(mon);	/* it went and came back */
	mon->err = cpo_nl_mon_join(mon, family, grp);
}

/* The id of group "monitor" in a CTRL_ATTR_MCAST_GROUPS nest, or -1. */
static int cpo_nl_mon_grp(struct nlattr *groups)
{
	struct nlattr *g, *a;
	int rem, rem2;

	nla_for_each_nested(g, groups, rem) {
		bool ours = false;
		int id = -1;

		nla_for_each_nested(a, g, rem2) {
			if (nla_type(a) == CTRL_ATTR_MCAST_GRP_NAME)
				ours = !nla_strcmp(a, CPO_MCGRP_MONITOR);
			else if (nla_type(a) == CTRL_ATTR_MCAST_GRP_ID &&
				 nla_len(a) == 4)
				id = nla_get_u32(a);
		}
		if (ours && id >= 0)
			return id;
	}
	return -1;
}

/* A controller notification: is it about our family? */
static void cpo_nl_mon_ctrl(struct cpo_nl_mon *mon, struct genlmsghdr *gnlh)
{
	struct nlattr *a, *groups = NULL;
	bool ours = false;
	int rem, family = -1, grp;

	nla_for_each_attr(a, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		switch (nla_type(a)) {
		case CTRL_ATTR_FAMILY_NAME:
			ours = !nla_strcmp(a, CPO_FAMILY_NAME);
			break;
		case CTRL_ATTR_FAMILY_ID:
			if (nla_len(a) >= 2)
				family = nla_get_u16(a);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			groups = a;
			break;
		}
	}
	if (!ours)
		return;
	switch (gnlh->cmd) {
	case CTRL_CMD_DELFAMILY:
		cpo_nl_mon_gone(mon);
		break;
	case CTRL_CMD_NEWFAMILY:
	case CTRL_CMD_NEWMCAST_GRP:
		if (family < 0)
			break;
		grp = groups ? cpo_nl_mon_grp(groups) : -1;
		if (grp >= 0) {
			mon->err = cpo_nl_mon_join(mon, family, grp);
		} else if (gnlh->cmd == CTRL_CMD_NEWFAMILY && groups) {
			/* back, but without the group events go to */
			mon->err = -ESRCH;
		}
		break;
	}
}

static int cpo_nl_mon_cb(struct nl_msg *msg, void *arg)
{
	struct cpo_nl_mon *mon = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct cpo_msg m;
	int a, k;

	if (nlh->nlmsg_type == GENL_ID_CTRL) {
		cpo_nl_mon_ctrl(mon, nlmsg_data(nlh));
		return mon->err ? NL_STOP : NL_OK;
	}
	if (mon->family < 0 || nlh->nlmsg_type != mon->family)
		return NL_OK;
	memset(&m, 0, sizeof(m));
	if (!cpo_parse_msg(msg, &m) && m.cmd == CPO_CMD_EVENT_NTF)
		mon->cb(&m, mon->arg);
	for (a = 0; a <= CPO_A_MAX; a++)
		free(m.str[a]);
	for (k = 0; k < CPO_LINKS; k++)
		free(m.link[k]);
	return NL_OK;
}

static int cpo_nl_no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int cpo_nl_monitor(cpo_nl_event_cb cb, cpo_nl_status_cb status, void *arg,
		   volatile int *stop)
{
	struct cpo_nl_mon mon = {
		.cb = cb, .status = status, .arg = arg, .family = -1,
	};
	struct nl_cb *ncb;
	int family, grp, ctrl_grp, err;

	err = cpo_nl_mon_resolve(&family, &grp);
	if (err)
		return err;
	mon.sk = nl_socket_alloc();
	if (!mon.sk)
		return -ENOMEM;
	if (genl_connect(mon.sk)) {
		err = -EIO;
		goto out_free_sock;
	}
	cpo_nl_sockopts(mon.sk);
	nl_socket_disable_seq_check(mon.sk);
	/* the controller's announcements first: no coming and going missed */
	ctrl_grp = genl_ctrl_resolve_grp(mon.sk, "nlctrl", "notify");
	if (ctrl_grp < 0 || nl_socket_add_membership(mon.sk, ctrl_grp)) {
		err = -EPROTO;
		goto out_free_sock;
	}
	if (nl_socket_add_membership(mon.sk, grp)) {
		err = -EIO;
		goto out_free_sock;
	}
	mon.family = family;
	ncb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!ncb) {
		err = -ENOMEM;
		goto out_free_sock;
	}
	nl_cb_set(ncb, NL_CB_VALID, NL_CB_CUSTOM, cpo_nl_mon_cb, &mon);
	/* notifications carry sequence number 0: accept them */
	nl_cb_set(ncb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, cpo_nl_no_seq_check, NULL);
	if (status)
		status(CPO_NL_MON_JOINED, arg);
	while (!*stop && !mon.err) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(mon.sk),
				      .events = POLLIN };
		int n = poll(&pfd, 1, 1000);

		if (n < 0 && errno != EINTR) {
			mon.err = -errno;
			break;
		}
		if (n > 0 && nl_recvmsgs(mon.sk, ncb) == -NLE_NOMEM)
			cpo_nl_mon_resync(&mon);	/* overrun: ENOBUFS */
	}
	err = mon.err;
	nl_cb_put(ncb);
out_free_sock:
	nl_socket_free(mon.sk);
	return err;
}
