// SPDX-License-Identifier: GPL-2.0
// profile: tiny
// timeout: 240
/*
 * A hostile user of the "cpo" generic netlink family and of the device's
 * sysfs controls, seeded (CPO_FUZZ_SEED=N repeats a run, CPO_FUZZ_MESSAGES
 * sets the count, 10000 by default).
 *
 * Netlink: random commands (valid and not), header flags (NLM_F_DUMP and
 * the others), attribute types, lengths and nesting, truncated headers,
 * and dumps abandoned midway (the socket closed with the dump unread or
 * partly read).  Every message gets an error or a well-formed reply, no
 * receive waits for more than a few seconds, and the configuration (every
 * object's settings and every threshold, from full dumps) is the same
 * before and after.  The set commands are sent two ways: whole and random
 * by an unprivileged process, where each must get EPERM; and by root only
 * with an attribute the family does not know, which strict validation
 * refuses before any handler runs.  Root never sends a set that could be
 * valid, so the run changes nothing by construction, and the comparison of
 * the dumps checks that.
 *
 * sysfs: every writable attribute of the device (found by its mode, the
 * driver core's uevent and power files aside) gets garbage of many shapes,
 * each refused with an errno, as root; every control reads the same before
 * and after.
 *
 * The figures (messages, answers, errors by errno, sysfs writes refused)
 * are printed at the end.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

#include "kselftest_harness.h"
#include "nl-raw.h"

#define SYSFS_DEV	"/sys/class/cpo/cpo0"
#define MAX_ERRNO	135
#define MAX_CTL		256

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	uint64_t x = rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng = x;
	return n ? (uint32_t)((x * 0x2545F4914F6CDD1DULL) >> 32) % n : 0;
}

static void rnd_seed(uint64_t seed)
{
	rng = seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
}

struct figures {
	unsigned long sent, answered, replies, acks, dones, unanswered_ok;
	unsigned long dumps_abandoned, no_request, truncated, send_refused;
	unsigned long errno_count[MAX_ERRNO + 1];
	unsigned long bad_reply, hangs;
};

static bool is_set_cmd(int cmd)
{
	return cmd >= CPO_CMD_THRESHOLD_SET && cmd <= CPO_CMD_ELS_REMOVE;
}

static bool is_get_cmd(int cmd)
{
	return cmd >= CPO_CMD_DEV_GET && cmd <= CPO_CMD_THRESHOLD_GET;
}

/* the attributes of a reply walk exactly to its end */
static bool reply_well_formed(struct nlmsghdr *nlh)
{
	struct nlattr *a;
	int rem;

	if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return false;
	rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	a = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	while (rem >= NLA_HDRLEN) {
		if (a->nla_len < NLA_HDRLEN || a->nla_len > rem)
			return false;
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return rem <= 0;
}

/*
 * Read the answers of @seq until its error/ack or the end of its dump.
 * 1 when answered, 0 when nothing came within the timeout, -1 on a
 * malformed answer.
 */
static int collect(int fd, unsigned int seq, struct figures *f)
{
	static char buf[65536];

	for (;;) {
		struct nlmsghdr *nlh;
		int n = recv(fd, buf, sizeof(buf), 0);

		if (n < 0)
			return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (unsigned int)n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);
				int err = -e->error;

				if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)) ||
				    err < 0 || err > MAX_ERRNO)
					return -1;
				if (err)
					f->errno_count[err]++;
				else
					f->acks++;
				return 1;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				f->dones++;
				return 1;
			}
			if (!reply_well_formed(nlh))
				return -1;
			/* every request here has NLM_F_ACK: its ack ends it */
			f->replies++;
		}
	}
}

static int fuzz_socket(int rcvbuf)
{
	struct timeval tv = { .tv_sec = 15 };
	int one = 1;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (rcvbuf)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	return fd;
}

static const uint32_t values[] = {
	0, 1, 2, 3, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
	0x10000, 100000, 1000000, 0x7fffffff, 0x80000000u, 0xfffffffeu,
	0xffffffffu,
};

/* one attribute of random type, length and content, maybe nested */
static void put_random_attr(struct nlreq *r, int depth)
{
	char data[96];
	uint32_t v = values[rnd(sizeof(values) / sizeof(values[0]))];
	int type, len, room;
	struct nlattr *a;

	switch (rnd(4)) {
	case 0:
		type = CPO_A_DEV_INDEX + rnd(CPO_A_LASER_INDEX - CPO_A_DEV_INDEX + 1);
		break;
	case 1:
		type = CPO_A_QUANTITY + rnd(5);
		break;
	case 2:
		type = rnd(CPO_A_MAX + 8);
		break;
	default:
		type = rnd(0x10000);
		break;
	}
	switch (rnd(7)) {
	case 0: len = 0; break;
	case 1: len = 1; break;
	case 2: len = 2; break;
	case 3: len = 8; break;
	case 4: len = rnd(sizeof(data)); break;
	default: len = 4; break;
	}
	for (int i = 0; i < (int)sizeof(data); i++)
		data[i] = rnd(256);
	if (len >= 4 && rnd(2))
		memcpy(data, &v, 4);
	if (rnd(10) == 0)	/* a string without its NUL, or with one inside */
		memcpy(data, "cpo0\0junk", len < 9 ? len : 9);
	room = BUF_LEN - (int)NLMSG_ALIGN(r->nlh.nlmsg_len) - NLA_HDRLEN - 8;
	if (len > room)
		return;
	if (depth < 3 && rnd(8) == 0) {	/* nested, with attributes inside */
		unsigned int start = NLMSG_ALIGN(r->nlh.nlmsg_len), n = rnd(4);

		a = (struct nlattr *)(r->buf + start);
		a->nla_type = type | NLA_F_NESTED;
		r->nlh.nlmsg_len = start + NLA_HDRLEN;
		while (n--)
			put_random_attr(r, depth + 1);
		a->nla_len = r->nlh.nlmsg_len - start;
		return;
	}
	if (rnd(12) == 0)
		type |= rnd(2) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
	req_put(r, type, data, len);
	a = (struct nlattr *)(r->buf + NLMSG_ALIGN(r->nlh.nlmsg_len) - NLA_ALIGN(NLA_HDRLEN + len));
	switch (rnd(24)) {
	case 0:		/* longer than what is left */
		a->nla_len = 0xffff;
		break;
	case 1:		/* shorter than its own header */
		a->nla_len = rnd(NLA_HDRLEN);
		break;
	default:
		break;
	}
}

static int random_cmd(void)
{
	switch (rnd(5)) {
	case 0:
		return rnd(256);		/* anything, mostly unknown */
	case 1:
		return CPO_CMD_THRESHOLD_SET + rnd(5);
	default:
		return CPO_CMD_DEV_GET + rnd(CPO_CMD_MAX + 2);
	}
}

static int random_flags(int cmd)
{
	static const int extra[] = {
		NLM_F_DUMP, NLM_F_ROOT, NLM_F_MATCH, NLM_F_ATOMIC, NLM_F_ECHO,
		NLM_F_MULTI, NLM_F_REPLACE, NLM_F_EXCL, NLM_F_CREATE, NLM_F_APPEND,
		NLM_F_DUMP_INTR, 0x8000,
	};
	int flags = 0, n = rnd(3);

	if (is_get_cmd(cmd) && rnd(3) == 0)
		flags |= NLM_F_DUMP;
	while (n--)
		flags |= extra[rnd(sizeof(extra) / sizeof(extra[0]))];
	return flags;
}

/*
 * One message from root.  Returns what the caller must expect: 1 an
 * answer, 0 none (netlink drops it without a word), 2 a dump abandoned.
 */
static int build_root_msg(struct nlreq *r, int family, unsigned int *sendlen)
{
	int cmd = random_cmd(), n = rnd(7), kind = rnd(100);

	req_init(r, family, cmd, random_flags(cmd));
	if (rnd(10) == 0)
		((struct genlmsghdr *)NLMSG_DATA(&r->nlh))->version = rnd(256);
	if (rnd(10) == 0)
		((struct genlmsghdr *)NLMSG_DATA(&r->nlh))->reserved = rnd(0x10000);
	if (rnd(3))
		req_u32(r, CPO_A_DEV_INDEX, rnd(4) ? 0 : values[rnd(20)]);
	while (n--)
		put_random_attr(r, 0);
	/* a set as root never reaches its handler: an unknown attribute */
	if (is_set_cmd(cmd))
		req_u32(r, CPO_A_MAX + 1 + rnd(16), 1);
	*sendlen = r->nlh.nlmsg_len;
	if (kind < 4) {			/* no room for a netlink header */
		*sendlen = rnd(NLMSG_HDRLEN);
		return 0;
	}
	if (kind < 8) {			/* a length beyond what is sent */
		r->nlh.nlmsg_len = *sendlen + 1 + rnd(1000);
		return 0;
	}
	if (kind < 12) {		/* not a request: nothing to answer */
		r->nlh.nlmsg_flags &= ~(NLM_F_REQUEST | NLM_F_ACK);
		return 0;
	}
	if (kind < 16) {		/* the generic netlink header cut */
		r->nlh.nlmsg_len = NLMSG_HDRLEN + rnd(GENL_HDRLEN);
		*sendlen = r->nlh.nlmsg_len;
		return 1;
	}
	if (kind < 20 && is_get_cmd(cmd)) {	/* a dump, then the socket closed */
		r->nlh.nlmsg_flags |= NLM_F_DUMP;
		return 2;
	}
	return 1;
}

/* the settings of every object and every threshold, as one text */
struct conf {
	char text[65536];
	size_t len;
	unsigned int objects;
};

static void conf_add_attrs(struct conf *c, int cmd, struct nlmsghdr *nlh)
{
	static const int keep[] = {
		CPO_A_DEV_INDEX, CPO_A_OE_INDEX, CPO_A_LANE_INDEX, CPO_A_PORT_INDEX,
		CPO_A_ELS_INDEX, CPO_A_LASER_INDEX, CPO_A_QUANTITY, CPO_A_N_OE,
		CPO_A_N_LANES, CPO_A_N_PORTS, CPO_A_N_ELS, CPO_A_N_LASERS,
		CPO_A_DEV_STATE, CPO_A_PRESENT, CPO_A_ENABLED, CPO_A_SETPOINT,
		CPO_A_LOW_POWER, CPO_A_ADMIN_UP, CPO_A_LASER_MODE, CPO_A_SPARE,
		CPO_A_HIGH_ALARM, CPO_A_LOW_ALARM, CPO_A_HIGH_WARN, CPO_A_LOW_WARN,
		CPO_A_UPDATE_PERIOD, CPO_A_MODEL, CPO_A_SERIAL,
	};
	struct nlattr *a;
	int rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	unsigned int i;

	c->objects++;
	c->len += snprintf(c->text + c->len, sizeof(c->text) - c->len, "%d:", cmd);
	for (a = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
			if ((a->nla_type & NLA_TYPE_MASK) == keep[i])
				break;
		if (i == sizeof(keep) / sizeof(keep[0]) || c->len + 200 > sizeof(c->text))
			continue;
		c->len += snprintf(c->text + c->len, sizeof(c->text) - c->len, " %d=",
				   a->nla_type & NLA_TYPE_MASK);
		for (int k = 0; k < a->nla_len - NLA_HDRLEN && k < 32; k++)
			c->len += snprintf(c->text + c->len, sizeof(c->text) - c->len,
					   "%02x", ((unsigned char *)a + NLA_HDRLEN)[k]);
	}
	c->len += snprintf(c->text + c->len, sizeof(c->text) - c->len, "\n");
}

static int conf_read(int family, struct conf *c)
{
	static char buf[65536];
	int cmd, fd = fuzz_socket(0);

	if (fd < 0)
		return -errno;
	c->len = 0;
	c->objects = 0;
	for (cmd = CPO_CMD_DEV_GET; cmd <= CPO_CMD_THRESHOLD_GET; cmd++) {
		struct nlreq r;
		bool done = false;

		req_init(&r, family, cmd, NLM_F_DUMP);
		r.nlh.nlmsg_seq = cmd;
		if (send(fd, &r, r.nlh.nlmsg_len, 0) < 0)
			goto err;
		while (!done) {
			struct nlmsghdr *nlh;
			int n = recv(fd, buf, sizeof(buf), 0);

			if (n <= 0)
				goto err;
			for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (unsigned int)n);
			     nlh = NLMSG_NEXT(nlh, n)) {
				if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR) {
					done = true;
					break;
				}
				conf_add_attrs(c, cmd, nlh);
			}
		}
	}
	close(fd);
	return 0;
err:
	close(fd);
	return -EIO;
}

/* ---- sysfs ---- */

struct ctl {
	char path[PATH_MAX];
	char before[256];
	bool readable;
};

static int find_ctls(const char *dir, struct ctl *ctl, int n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return n;
	while ((e = readdir(d)) && n < MAX_CTL) {
		char p[PATH_MAX];
		struct stat st;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "power") ||
		    !strcmp(e->d_name, "net") || !strcmp(e->d_name, "subsystem") ||
		    !strcmp(e->d_name, "device") || !strcmp(e->d_name, "uevent") ||
		    !strcmp(e->d_name, "driver"))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (lstat(p, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			n = find_ctls(p, ctl, n);
		} else if (S_ISREG(st.st_mode) && (st.st_mode & 0222)) {
			snprintf(ctl[n].path, sizeof(ctl[n].path), "%s", p);
			ctl[n].readable = st.st_mode & 0444;
			n++;
		}
	}
	closedir(d);
	return n;
}

static void read_ctl(const char *path, char *out, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, out, len - 1);

	if (n < 0)
		snprintf(out, len, "<error %d>", errno);
	else
		out[n] = '\0';
	if (fd >= 0)
		close(fd);
}

/* garbage no control takes: never a number or a boolean word */
struct shape {
	const char *name;
	const char *data;
	size_t len;
};

static const struct shape shapes[] = {
	/* (an empty write reaches no store: the newline is the empty input) */
	{ "newline", "\n", 1 },
	{ "two newlines", "\n\n", 2 },
	{ "space", " ", 1 },
	{ "tab", "\t", 1 },
	{ "binary", "\xff\xfe\x01\x80", 4 },
	{ "embedded NUL", "1\0junk", 6 },
	{ "NUL", "\0", 1 },
	{ "leading NUL", "\0" "1", 2 },
	{ "minus", "-", 1 },
	{ "double minus", "--1", 3 },
	{ "negative overflow", "-99999999999", 12 },
	{ "overflow u32", "4294967296", 10 },
	{ "overflow u64", "99999999999999999999", 20 },
	{ "hex", "0x1", 3 },
	{ "exponent", "1e3", 3 },
	{ "fraction", "1.5", 3 },
	{ "leading space", " 1", 2 },
	{ "trailing space", "1 ", 2 },
	{ "newline before", "\n1", 2 },
	{ "trailing junk", "1x", 2 },
	{ "two words", "on off", 6 },
	{ "word and junk", "yes please", 10 },
	{ "nan", "nan", 3 },
	{ "inf", "inf", 3 },
	{ "CR LF", "1\r\n", 3 },
	{ "two values", "1\n1\n", 4 },
	{ "format", "%s%n", 4 },
};

struct sysfs_figures {
	unsigned int ctls, writes, refused, accepted, changed;
	unsigned long errno_count[MAX_ERRNO + 1];
};

static void sysfs_garbage(struct sysfs_figures *sf, struct __test_metadata *_metadata)
{
	static struct ctl ctl[MAX_CTL];
	static char huge[8192];
	char devpath[PATH_MAX], after[256];
	int i, n;
	size_t s;

	ASSERT_NE(NULL, realpath(SYSFS_DEV, devpath));
	n = find_ctls(devpath, ctl, 0);
	ASSERT_GT(n, 3);
	memset(huge, '7', sizeof(huge));
	sf->ctls = n;
	for (i = 0; i < n; i++)
		if (ctl[i].readable)
			read_ctl(ctl[i].path, ctl[i].before, sizeof(ctl[i].before));
	for (i = 0; i < n; i++) {
		for (s = 0; s <= sizeof(shapes) / sizeof(shapes[0]); s++) {
			const char *data = s < sizeof(shapes) / sizeof(shapes[0]) ?
					   shapes[s].data : huge;
			size_t len = s < sizeof(shapes) / sizeof(shapes[0]) ?
				     shapes[s].len : sizeof(huge);
			int fd = open(ctl[i].path, O_WRONLY);
			ssize_t w;

			if (fd < 0) {
				sf->errno_count[errno <= MAX_ERRNO ? errno : 0]++;
				sf->refused++;
				continue;
			}
			sf->writes++;
			w = write(fd, data, len);
			if (w < 0) {
				sf->refused++;
				sf->errno_count[errno <= MAX_ERRNO ? errno : 0]++;
			} else {
				sf->accepted++;
				TH_LOG("%s took '%s'", ctl[i].path,
				       s < sizeof(shapes) / sizeof(shapes[0]) ?
				       shapes[s].name : "8 KiB of digits");
			}
			close(fd);
		}
	}
	for (i = 0; i < n; i++) {
		if (!ctl[i].readable)
			continue;
		read_ctl(ctl[i].path, after, sizeof(after));
		if (strcmp(after, ctl[i].before)) {
			sf->changed++;
			TH_LOG("%s: '%s' -> '%s'", ctl[i].path, ctl[i].before, after);
		}
	}
}

/* ---- the unprivileged sender of set commands ---- */

/* whole random set commands from uid 65534: each must be EPERM */
static int unpriv_sets(int family, unsigned int count, unsigned long *eperm)
{
	struct figures f = { 0 };
	unsigned int i, sent = 0, e;
	unsigned long errors = 0;
	int fd;

	if (setgid(65534) || setuid(65534))
		return 2;
	fd = fuzz_socket(0);
	if (fd < 0)
		return 3;
	for (i = 0; i < count; i++) {
		struct nlreq r;
		int cmd = CPO_CMD_THRESHOLD_SET + rnd(5), n = rnd(6);

		req_init(&r, family, cmd, rnd(4) ? 0 : NLM_F_ECHO);
		req_u32(&r, CPO_A_DEV_INDEX, 0);
		while (n--)
			put_random_attr(&r, 0);
		r.nlh.nlmsg_seq = i + 1;
		/* a random attribute may have broken the message's own length */
		if (r.nlh.nlmsg_len > BUF_LEN)
			continue;
		if (send(fd, &r, r.nlh.nlmsg_len, 0) < 0 || collect(fd, i + 1, &f) != 1)
			return 4;
		sent++;
	}
	close(fd);
	for (e = 0; e <= MAX_ERRNO; e++)
		errors += f.errno_count[e];
	*eperm = f.errno_count[EPERM];
	return *eperm == sent && errors == sent && !f.acks && !f.replies ? 0 : 5;
}

/* ---- the test ---- */

TEST(fuzz)
{
	static struct conf before, after;
	static struct figures f;
	struct sysfs_figures sf = { 0 };
	const char *env = getenv("CPO_FUZZ_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
	unsigned int count = getenv("CPO_FUZZ_MESSAGES") ?
			     strtoul(getenv("CPO_FUZZ_MESSAGES"), NULL, 0) : 10000;
	unsigned int unpriv = count / 5, i, e;
	unsigned long eperm = 0;
	struct nlconn c;
	int fd, status;
	pid_t pid;

	if (geteuid())
		SKIP(return, "needs root");
	ASSERT_EQ(0, nl_open(&c));
	ksft_print_msg("seed %llu (CPO_FUZZ_SEED=%llu repeats this run)\n",
		       (unsigned long long)seed, (unsigned long long)seed);
	rnd_seed(seed);
	ASSERT_EQ(0, conf_read(c.family, &before));
	ASSERT_GT(before.objects, 10U);

	fd = fuzz_socket(0);
	ASSERT_GE(fd, 0);
	for (i = 0; i < count; i++) {
		struct nlreq r;
		unsigned int len;
		int expect = build_root_msg(&r, c.family, &len), got;

		r.nlh.nlmsg_seq = i + 1;
		if (expect == 2) {	/* on a socket of its own, closed mid dump */
			int dfd = fuzz_socket(4096);
			char buf[1024];

			ASSERT_GE(dfd, 0);
			ASSERT_EQ((ssize_t)len, send(dfd, &r, len, 0));
			if (rnd(2))
				recv(dfd, buf, sizeof(buf), MSG_DONTWAIT);
			close(dfd);
			f.sent++;
			f.dumps_abandoned++;
			continue;
		}
		if (send(fd, &r, len, 0) < 0) {
			/* a message the socket itself refuses to send */
			f.errno_count[errno <= MAX_ERRNO ? errno : 0]++;
			f.send_refused++;
			f.sent++;
			continue;
		}
		f.sent++;
		if (!expect) {
			if (len < NLMSG_HDRLEN)
				f.truncated++;
			else
				f.no_request++;
			/* netlink says nothing: the socket still answers the next */
			continue;
		}
		got = collect(fd, i + 1, &f);
		if (got == 1) {
			f.answered++;
		} else if (got == 0) {
			f.hangs++;
			TH_LOG("message %u (cmd %u flags 0x%x len %u): no answer in 15 s",
			       i, ((struct genlmsghdr *)NLMSG_DATA(&r.nlh))->cmd,
			       r.nlh.nlmsg_flags, len);
		} else {
			f.bad_reply++;
			TH_LOG("message %u: malformed answer", i);
		}
		if (f.hangs + f.bad_reply > 5)
			break;
	}
	/* after the silent drops too, the socket answers */
	{
		struct nlreq r;

		req_init(&r, c.family, CPO_CMD_DEV_GET, 0);
		req_u32(&r, CPO_A_DEV_INDEX, 0);
		r.nlh.nlmsg_seq = count + 1;
		EXPECT_EQ((ssize_t)r.nlh.nlmsg_len, send(fd, &r, r.nlh.nlmsg_len, 0));
		EXPECT_EQ(1, collect(fd, count + 1, &f));
	}
	close(fd);

	/* set commands, whole and random, from an unprivileged process */
	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		rnd_seed(seed + 1);
		status = unpriv_sets(c.family, unpriv, &eperm);
		printf("# unprivileged: %u set commands, %lu EPERM\n", unpriv, eperm);
		fflush(stdout);
		_exit(status);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		TH_LOG("unprivileged sets: status 0x%x (each must be EPERM)", status);

	sysfs_garbage(&sf, _metadata);

	ASSERT_EQ(0, conf_read(c.family, &after));
	EXPECT_EQ(before.objects, after.objects);
	EXPECT_EQ(0, strcmp(before.text, after.text))
		TH_LOG("the configuration changed:\n%s\n---\n%s", before.text, after.text);

	ksft_print_msg("netlink: %lu messages sent as root (+%u unprivileged sets), %lu answered: %lu replies, %lu acks, %lu dump ends; %lu refused by send(), %lu dumps abandoned, %lu dropped by netlink without a header, %lu not requests\n",
		       f.sent, unpriv, f.answered, f.replies, f.acks, f.dones,
		       f.send_refused, f.dumps_abandoned, f.truncated, f.no_request);
	ksft_print_msg("netlink errors by errno:");
	for (e = 0; e <= MAX_ERRNO; e++)
		if (f.errno_count[e])
			printf(" %s=%lu", strerrorname_np(e) ? strerrorname_np(e) : "?",
			       f.errno_count[e]);
	printf("\n");
	ksft_print_msg("netlink: %lu without an answer, %lu malformed answers; configuration (%u objects) unchanged: %s\n",
		       f.hangs, f.bad_reply, after.objects,
		       strcmp(before.text, after.text) ? "no" : "yes");
	ksft_print_msg("sysfs: %u controls, %u writes of %zu shapes, %u refused, %u taken, %u controls changed; errors:",
		       sf.ctls, sf.writes, sizeof(shapes) / sizeof(shapes[0]) + 1,
		       sf.refused, sf.accepted, sf.changed);
	for (e = 0; e <= MAX_ERRNO; e++)
		if (sf.errno_count[e])
			printf(" %s=%lu", strerrorname_np(e) ? strerrorname_np(e) : "?",
			       sf.errno_count[e]);
	printf("\n");
	fflush(stdout);

	EXPECT_EQ(0UL, f.hangs);
	EXPECT_EQ(0UL, f.bad_reply);
	EXPECT_EQ((unsigned long)count, f.sent);
	EXPECT_EQ(0U, sf.accepted);
	EXPECT_EQ(0U, sf.changed);
}

TEST_HARNESS_MAIN
