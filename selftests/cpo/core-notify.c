// SPDX-License-Identifier: GPL-2.0
// profile: tiny
/*
 * poll() on the attributes the ABI says wake their readers: an engine's
 * alarms when a threshold is crossed, the device state when the firmware
 * hangs and when it recovers, a slot's state when its module is pulled.
 * The device model is driven through 'cpo-sim ctl' and put back.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#define CPO_DEV		"/sys/class/cpo/cpo0"

static int sim(const char *cmd)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "cpo-sim ctl %s >/dev/null 2>&1", cmd);
	return system(buf);
}

/* Read the whole attribute from offset 0 (re-arms the poll). */
static int rd(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/*
 * Wait up to secs for the attribute to contain want, polling for
 * POLLPRI; returns the number of wakeups seen, or -1 on timeout.
 */
static int wait_notified(int fd, const char *want, int secs)
{
	struct pollfd p = { .fd = fd, .events = POLLPRI | POLLERR };
	time_t end = time(NULL) + secs;
	int wakeups = 0;
	char buf[512];

	while (time(NULL) < end) {
		int n = poll(&p, 1, 1000);

		if (n > 0)
			wakeups++;
		if (rd(fd, buf, sizeof(buf)) == 0 && strstr(buf, want) &&
		    wakeups)
			return wakeups;
	}
	return -1;
}

/* Wait up to secs for the attribute to read exactly want. */
static int wait_content(int fd, const char *want, int secs)
{
	time_t end = time(NULL) + secs;
	char buf[512];

	while (time(NULL) < end) {
		if (rd(fd, buf, sizeof(buf)) == 0 && !strcmp(buf, want))
			return 0;
		usleep(200 * 1000);
	}
	return -1;
}

TEST(oe_alarms_wake_pollers)
{
	char buf[512];
	int fd;

	fd = open(CPO_DEV "/oe0/alarms", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, rd(fd, buf, sizeof(buf)));
	ASSERT_EQ(0, sim("oe-overtemp 0 on"));
	ASSERT_EQ(0, sim("accel 20"));
	EXPECT_LT(0, wait_notified(fd, "temp_high_warn", 60));
	sim("oe-overtemp 0 off");
	/* back to no alarm before the next test */
	EXPECT_EQ(0, wait_content(fd, "\n", 90));
	sim("accel 1");
	close(fd);
}

TEST(state_wakes_on_failure_and_recovery)
{
	char buf[64];
	int fd;

	fd = open(CPO_DEV "/state", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, rd(fd, buf, sizeof(buf)));
	ASSERT_STREQ("ok\n", buf);
	ASSERT_EQ(0, sim("fw-hang"));
	EXPECT_LT(0, wait_notified(fd, "failed", 30));
	ASSERT_EQ(0, sim("fw-resume"));
	EXPECT_LT(0, wait_notified(fd, "ok", 30));
	close(fd);
}

TEST(els_state_wakes_on_pull)
{
	char buf[64];
	int fd;

	fd = open(CPO_DEV "/els0/state", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, rd(fd, buf, sizeof(buf)));
	ASSERT_EQ(0, sim("els-pull 0"));
	EXPECT_LT(0, wait_notified(fd, "empty", 20));
	ASSERT_EQ(0, sim("els-insert 0"));
	EXPECT_LT(0, wait_notified(fd, "on\n", 40));
	close(fd);
}

TEST_HARNESS_MAIN
