// SPDX-License-Identifier: GPL-2.0
// profile: th6-102t
/*
 * Bad input to the "cpo" generic netlink family: crafted requests with
 * unknown attributes, values out of range, missing required attributes,
 * wrong object indices and wrong attribute types.  Each must fail with the
 * right errno and an extack message, and change nothing.  An unprivileged
 * caller gets EPERM on every set operation.
 *
 * Speaks netlink directly (no libnl) so that any message can be built.
 */
#include "kselftest_harness.h"
#include "nl-raw.h"

FIXTURE(nl)
{
	struct nlconn c;
	char thresh_before[BUF_LEN];
	int thresh_len;
};

/* The thresholds of one quantity: compared before and after each test. */
static int get_thresh(struct nlconn *c, char *out, int *len)
{
	struct nlreq r;
	int err;

	req_init(&r, c->family, CPO_CMD_THRESHOLD_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_QUANTITY, CPO_QUANTITY_OE_TEMP);
	err = nl_call(c, &r);
	if (!err) {
		memcpy(out, c->reply, c->reply_len);
		*len = c->reply_len;
	}
	return err;
}

FIXTURE_SETUP(nl)
{
	ASSERT_EQ(0, nl_open(&self->c));
	ASSERT_EQ(0, get_thresh(&self->c, self->thresh_before,
				&self->thresh_len));
}

FIXTURE_TEARDOWN(nl)
{
	char after[BUF_LEN];
	int len = 0;

	/* rejected requests changed nothing */
	EXPECT_EQ(0, get_thresh(&self->c, after, &len));
	EXPECT_EQ(self->thresh_len, len);
	EXPECT_EQ(0, memcmp(self->thresh_before, after, len));
	close(self->c.fd);
}

/*
 * Rejected with @err and an extack message containing @text, in words: a
 * message never names the uapi's attribute identifiers.
 */
#define EXPECT_REJECT(c, r, err, text) do {				\
	EXPECT_EQ(-(err), nl_call(c, r));				\
	EXPECT_NE(NULL, strstr((c)->extack, text))			\
		TH_LOG("extack '%s', want '%s'", (c)->extack, text);	\
	EXPECT_EQ(NULL, strstr((c)->extack, "CPO_A_"))			\
		TH_LOG("extack '%s' names a uapi attribute", (c)->extack); \
} while (0)

TEST_F(nl, dev_get_works)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_DEV_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	EXPECT_EQ(0, nl_call(&self->c, &r));
	EXPECT_GT(self->c.reply_len, (int)GENL_HDRLEN);
}

TEST_F(nl, unknown_attribute)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_DEV_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_MAX + 5, 1);
	EXPECT_REJECT(&self->c, &r, EINVAL, "nknown attribute");
}

TEST_F(nl, attribute_not_in_operation_policy)
{
	struct nlreq r;

	/* a family attribute that threshold-set does not take */
	req_init(&r, self->c.family, CPO_CMD_THRESHOLD_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_QUANTITY, CPO_QUANTITY_OE_TEMP);
	req_u32(&r, CPO_A_HIGH_ALARM, 1);
	req_u32(&r, CPO_A_LASER_INDEX, 0);
	EXPECT_EQ(-EINVAL, nl_call(&self->c, &r));
	EXPECT_NE('\0', self->c.extack[0]);
}

TEST_F(nl, unknown_attribute_in_dump)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_GET, NLM_F_DUMP);
	req_u32(&r, CPO_A_MAX + 1, 1);
	EXPECT_EQ(-EINVAL, nl_call(&self->c, &r));
	EXPECT_NE('\0', self->c.extack[0]);
}

TEST_F(nl, enabled_out_of_range)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LANE_INDEX, 0);
	req_u8(&r, CPO_A_ENABLED, 2);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

TEST_F(nl, index_above_interface_limit)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LANE_INDEX, 4096);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

TEST_F(nl, setpoint_out_of_range)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LASER_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LASER_INDEX, 0);
	req_u32(&r, CPO_A_SETPOINT, 5000000);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

TEST_F(nl, missing_dev_index)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_SET, 0);
	req_u32(&r, CPO_A_LANE_INDEX, 0);
	req_u8(&r, CPO_A_ENABLED, 1);
	EXPECT_REJECT(&self->c, &r, EINVAL, "missing device index");
	EXPECT_EQ(CPO_A_DEV_INDEX, self->c.miss_type);
}

TEST_F(nl, missing_object_index)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u8(&r, CPO_A_ENABLED, 1);
	EXPECT_REJECT(&self->c, &r, EINVAL, "missing");
}

TEST_F(nl, missing_value)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LANE_INDEX, 0);
	EXPECT_REJECT(&self->c, &r, EINVAL, "missing lane enable state");
	EXPECT_EQ(CPO_A_ENABLED, self->c.miss_type);
}

TEST_F(nl, nothing_to_set)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_THRESHOLD_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_QUANTITY, CPO_QUANTITY_OE_TEMP);
	EXPECT_REJECT(&self->c, &r, EINVAL, "nothing to set");
}

TEST_F(nl, no_such_device)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_OE_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 77);
	req_u32(&r, CPO_A_OE_INDEX, 0);
	EXPECT_REJECT(&self->c, &r, ENODEV, "no such cpo device");
}

TEST_F(nl, no_such_laser)
{
	struct nlreq r;

	/* within the interface's limits, beyond this device's 128 lasers */
	req_init(&r, self->c.family, CPO_CMD_LASER_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LASER_INDEX, 1000);
	EXPECT_REJECT(&self->c, &r, ENOENT, "no such laser");
}

TEST_F(nl, no_such_lane_on_set)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LANE_INDEX, 4000);
	req_u8(&r, CPO_A_ENABLED, 0);
	EXPECT_REJECT(&self->c, &r, ENOENT, "no such lane");
}

TEST_F(nl, no_such_slot_on_remove)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_ELS_REMOVE, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_ELS_INDEX, 100);
	EXPECT_REJECT(&self->c, &r, ENOENT, "no such ELSFP slot");
}

/* a laser's removal names an in-service laser of the slot */
TEST_F(nl, laser_removal_needs_a_laser_of_the_slot)
{
	struct nlreq r;

	/* laser 0 is slot 0's */
	req_init(&r, self->c.family, CPO_CMD_ELS_REMOVE, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_ELS_INDEX, 2);
	req_u32(&r, CPO_A_LASER_INDEX, 0);
	EXPECT_REJECT(&self->c, &r, EINVAL, "not in this ELSFP slot");

	/* within the interface's limits, beyond this device's 128 lasers */
	req_init(&r, self->c.family, CPO_CMD_ELS_REMOVE, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_ELS_INDEX, 2);
	req_u32(&r, CPO_A_LASER_INDEX, 1000);
	EXPECT_REJECT(&self->c, &r, ENOENT, "no such laser");
}

TEST_F(nl, removal_answers_need_a_pending_request)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_ELS_REMOVE_ACK, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_ELS_INDEX, 2);
	req_u32(&r, CPO_A_REMOVAL_ACTION, CPO_REMOVAL_PROCEED);
	EXPECT_REJECT(&self->c, &r, EINVAL, "missing removal request id");

	req_init(&r, self->c.family, CPO_CMD_ELS_REMOVE_ACK, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_ELS_INDEX, 2);
	req_u32(&r, CPO_A_REMOVAL_ID, 1);
	req_u32(&r, CPO_A_REMOVAL_ACTION, CPO_REMOVAL_PROCEED);
	EXPECT_REJECT(&self->c, &r, ENOENT, "no removal pending");

	req_init(&r, self->c.family, CPO_CMD_ELS_REMOVE_ACK, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_ELS_INDEX, 2);
	req_u32(&r, CPO_A_REMOVAL_ID, 1);
	req_u32(&r, CPO_A_REMOVAL_ACTION, 7);
	EXPECT_EQ(-ERANGE, nl_call(&self->c, &r));
}

TEST_F(nl, wrong_type_u32_for_u8)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_LANE_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LANE_INDEX, 0);
	req_u32(&r, CPO_A_ENABLED, 0);
	EXPECT_EQ(-EINVAL, nl_call(&self->c, &r));
	EXPECT_NE('\0', self->c.extack[0]);
}

TEST_F(nl, wrong_type_string_for_u32)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_DEV_GET, 0);
	req_put(&r, CPO_A_DEV_INDEX, "cpo0", 5);
	EXPECT_EQ(-EINVAL, nl_call(&self->c, &r));
	EXPECT_NE('\0', self->c.extack[0]);
}

TEST_F(nl, threshold_order)
{
	struct nlreq r;

	/* a high alarm below the high warning breaks the CMIS order */
	req_init(&r, self->c.family, CPO_CMD_THRESHOLD_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_QUANTITY, CPO_QUANTITY_OE_TEMP);
	req_u32(&r, CPO_A_HIGH_ALARM, (__u32)-100000);
	EXPECT_REJECT(&self->c, &r, ERANGE, "high warning above high alarm");
}

/* A threshold no physics allows, or that a CMIS view cannot show. */
static void thresh_set_one(struct nlreq *r, int family, int q, int attr,
			   int v)
{
	req_init(r, family, CPO_CMD_THRESHOLD_SET, 0);
	req_u32(r, CPO_A_DEV_INDEX, 0);
	req_u32(r, CPO_A_QUANTITY, q);
	req_u32(r, attr, (__u32)v);
}

TEST_F(nl, threshold_below_absolute_zero)
{
	struct nlreq r;

	thresh_set_one(&r, self->c.family, CPO_QUANTITY_OE_TEMP,
		       CPO_A_LOW_ALARM, -300000);
	/* below every quantity's range: the policy refuses it */
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

TEST_F(nl, threshold_beyond_cmis_temperature)
{
	struct nlreq r;

	/* 200 degC would show as 128 degC in the port's CMIS page 02h */
	thresh_set_one(&r, self->c.family, CPO_QUANTITY_OE_TEMP,
		       CPO_A_HIGH_ALARM, 200000);
	EXPECT_REJECT(&self->c, &r, ERANGE, "high alarm outside");
}

TEST_F(nl, threshold_beyond_cmis_lane_power)
{
	struct nlreq r;

	/* 10 mW would show as 6.5535 mW, as would 8 mW */
	thresh_set_one(&r, self->c.family, CPO_QUANTITY_LANE_TX_POWER,
		       CPO_A_HIGH_ALARM, 10000);
	EXPECT_REJECT(&self->c, &r, ERANGE, "high alarm outside");
}

TEST_F(nl, threshold_beyond_every_quantity)
{
	struct nlreq r;

	thresh_set_one(&r, self->c.family, CPO_QUANTITY_OE_TEMP,
		       CPO_A_LOW_WARN, -2147483647 - 1);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

TEST_F(nl, setpoint_zero)
{
	struct nlreq r;

	/* sysfs refuses 0 microwatt: so does netlink */
	req_init(&r, self->c.family, CPO_CMD_LASER_SET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_LASER_INDEX, 0);
	req_u32(&r, CPO_A_SETPOINT, 0);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

/* A device index is an int: one above INT_MAX is refused, not wrapped. */
TEST_F(nl, dev_index_above_int_max_dump)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_OE_GET, NLM_F_DUMP);
	req_u32(&r, CPO_A_DEV_INDEX, 0x80000000u);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
	EXPECT_EQ(0, self->c.reply_len);
}

TEST_F(nl, dev_index_above_int_max_do)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_OE_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0xffffffffu);
	req_u32(&r, CPO_A_OE_INDEX, 0);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

TEST_F(nl, quantity_out_of_range)
{
	struct nlreq r;

	req_init(&r, self->c.family, CPO_CMD_THRESHOLD_GET, 0);
	req_u32(&r, CPO_A_DEV_INDEX, 0);
	req_u32(&r, CPO_A_QUANTITY, CPO_QUANTITY_MAX + 1);
	EXPECT_REJECT(&self->c, &r, ERANGE, "out of range");
}

TEST_F(nl, unprivileged_sets_get_eperm)
{
	static const struct {
		int cmd, key, val;
	} sets[] = {
		{ CPO_CMD_THRESHOLD_SET, CPO_A_QUANTITY, CPO_A_HIGH_ALARM },
		{ CPO_CMD_LASER_SET, CPO_A_LASER_INDEX, CPO_A_ENABLED },
		{ CPO_CMD_LANE_SET, CPO_A_LANE_INDEX, CPO_A_ENABLED },
		{ CPO_CMD_PORT_SET, CPO_A_PORT_INDEX, CPO_A_LOW_POWER },
		{ CPO_CMD_ELS_REMOVE, CPO_A_ELS_INDEX, 0 },
		{ CPO_CMD_ELS_REMOVE_ACK, CPO_A_ELS_INDEX, 0 },
	};
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		struct nlconn c;
		unsigned int i;
		int bad = 0;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		if (nl_open(&c))
			_exit(3);
		for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
			struct nlreq r;

			req_init(&r, c.family, sets[i].cmd, 0);
			req_u32(&r, CPO_A_DEV_INDEX, 0);
			req_u32(&r, sets[i].key, 0);
			if (sets[i].val == CPO_A_HIGH_ALARM)
				req_u32(&r, sets[i].val, 200000);
			else if (sets[i].val)
				req_u8(&r, sets[i].val, 0);
			if (nl_call(&c, &r) != -EPERM)
				bad |= 1 << i;
		}
		/* reads stay open to everyone */
		{
			struct nlreq r;

			req_init(&r, c.family, CPO_CMD_DEV_GET, 0);
			req_u32(&r, CPO_A_DEV_INDEX, 0);
			if (nl_call(&c, &r))
				bad |= 1 << 6;
		}
		_exit(bad ? 10 + bad : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
