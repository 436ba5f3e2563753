// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/cpo.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "cpo-nl-gen.h"

#include <uapi/linux/cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>

/* Integer value ranges */
static const struct netlink_range_validation cpo_a_dev_index_range = {
	.max	= S32_MAX,
};

static const struct netlink_range_validation cpo_a_setpoint_range = {
	.min	= CPO_SETPOINT_MIN_UW,
	.max	= CPO_SETPOINT_MAX_UW,
};

static const struct netlink_range_validation_signed cpo_a_high_alarm_range = {
	.min	= CPO_THRESH_MIN_ANY,
	.max	= CPO_THRESH_MAX_ANY,
};

static const struct netlink_range_validation_signed cpo_a_low_alarm_range = {
	.min	= CPO_THRESH_MIN_ANY,
	.max	= CPO_THRESH_MAX_ANY,
};

static const struct netlink_range_validation_signed cpo_a_high_warn_range = {
	.min	= CPO_THRESH_MIN_ANY,
	.max	= CPO_THRESH_MAX_ANY,
};

static const struct netlink_range_validation_signed cpo_a_low_warn_range = {
	.min	= CPO_THRESH_MIN_ANY,
	.max	= CPO_THRESH_MAX_ANY,
};

static const struct netlink_range_validation cpo_a_removal_timeout_range = {
	.max	= CPO_REMOVAL_TIMEOUT_MAX_MS,
};

/* CPO_CMD_DEV_GET - do */
const struct nla_policy cpo_dev_get_nl_policy[CPO_A_DEV_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
};

/* CPO_CMD_OE_GET - do */
const struct nla_policy cpo_oe_get_nl_policy[CPO_A_OE_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_OE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_OE_INDEX_MAX),
};

/* CPO_CMD_ELS_GET - do */
const struct nla_policy cpo_els_get_nl_policy[CPO_A_ELS_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_ELS_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_ELS_INDEX_MAX),
};

/* CPO_CMD_LASER_GET - do */
const struct nla_policy cpo_laser_get_nl_policy[CPO_A_LASER_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_LASER_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LASER_INDEX_MAX),
	[CPO_A_ELS_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_ELS_INDEX_MAX),
	[CPO_A_PORT_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_PORT_INDEX_MAX),
};

/* CPO_CMD_LANE_GET - do */
const struct nla_policy cpo_lane_get_nl_policy[CPO_A_PORT_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_LANE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LANE_INDEX_MAX),
	[CPO_A_OE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_OE_INDEX_MAX),
	[CPO_A_PORT_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_PORT_INDEX_MAX),
};

/* CPO_CMD_PORT_GET - do */
const struct nla_policy cpo_port_get_nl_policy[CPO_A_ELS_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_PORT_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_PORT_INDEX_MAX),
	[CPO_A_OE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_OE_INDEX_MAX),
	[CPO_A_ELS_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_ELS_INDEX_MAX),
};

/* CPO_CMD_THRESHOLD_GET - do */
const struct nla_policy cpo_threshold_get_nl_policy[CPO_A_QUANTITY + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_QUANTITY] = NLA_POLICY_MAX(NLA_U32, CPO_QUANTITY_LAST),
};

/* CPO_CMD_THRESHOLD_SET - do */
const struct nla_policy cpo_threshold_set_nl_policy[CPO_A_LOW_WARN + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_QUANTITY] = NLA_POLICY_MAX(NLA_U32, CPO_QUANTITY_LAST),
	[CPO_A_HIGH_ALARM] = NLA_POLICY_FULL_RANGE(NLA_S32, &cpo_a_high_alarm_range),
	[CPO_A_LOW_ALARM] = NLA_POLICY_FULL_RANGE(NLA_S32, &cpo_a_low_alarm_range),
	[CPO_A_HIGH_WARN] = NLA_POLICY_FULL_RANGE(NLA_S32, &cpo_a_high_warn_range),
	[CPO_A_LOW_WARN] = NLA_POLICY_FULL_RANGE(NLA_S32, &cpo_a_low_warn_range),
};

/* CPO_CMD_LASER_SET - do */
const struct nla_policy cpo_laser_set_nl_policy[CPO_A_ENABLED + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_LASER_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LASER_INDEX_MAX),
	[CPO_A_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[CPO_A_SETPOINT] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_setpoint_range),
};

/* CPO_CMD_LANE_SET - do */
const struct nla_policy cpo_lane_set_nl_policy[CPO_A_ENABLED + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_LANE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LANE_INDEX_MAX),
	[CPO_A_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* CPO_CMD_PORT_SET - do */
const struct nla_policy cpo_port_set_nl_policy[CPO_A_LOW_POWER + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_PORT_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_PORT_INDEX_MAX),
	[CPO_A_LOW_POWER] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* CPO_CMD_ELS_REMOVE - do */
const struct nla_policy cpo_els_remove_nl_policy[CPO_A_REMOVAL_ACTION + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_ELS_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_ELS_INDEX_MAX),
	[CPO_A_REMOVAL_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_removal_timeout_range),
	[CPO_A_REMOVAL_ACTION] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
	[CPO_A_LASER_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LASER_INDEX_MAX),
};

/* CPO_CMD_ELS_REMOVE_ACK - do */
const struct nla_policy cpo_els_remove_ack_nl_policy[CPO_A_REMOVAL_ACTION + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_ELS_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_ELS_INDEX_MAX),
	[CPO_A_REMOVAL_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[CPO_A_REMOVAL_ACTION] = NLA_POLICY_RANGE(NLA_U32, 1, 2),
};

/* CPO_CMD_LASER_FAILOVER - do */
const struct nla_policy cpo_laser_failover_nl_policy[CPO_A_SPARE_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_LASER_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LASER_INDEX_MAX),
	[CPO_A_SPARE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LASER_INDEX_MAX),
};

/* CPO_CMD_OE_FAILOVER - do */
const struct nla_policy cpo_oe_failover_nl_policy[CPO_A_SPARE_INDEX + 1] = {
	[CPO_A_DEV_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &cpo_a_dev_index_range),
	[CPO_A_OE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_OE_INDEX_MAX),
	[CPO_A_SPARE_INDEX] = NLA_POLICY_MAX(NLA_U32, CPO_LASER_INDEX_MAX),
};

/* Ops table for cpo */
const struct genl_ops cpo_nl_ops[15] = {
	{
		.cmd		= CPO_CMD_DEV_GET,
		.doit		= cpo_nl_dev_get_doit,
		.dumpit		= cpo_nl_dev_get_dumpit,
		.policy		= cpo_dev_get_nl_policy,
		.maxattr	= CPO_A_DEV_INDEX,
	},
	{
		.cmd		= CPO_CMD_OE_GET,
		.doit		= cpo_nl_oe_get_doit,
		.dumpit		= cpo_nl_oe_get_dumpit,
		.policy		= cpo_oe_get_nl_policy,
		.maxattr	= CPO_A_OE_INDEX,
	},
	{
		.cmd		= CPO_CMD_ELS_GET,
		.doit		= cpo_nl_els_get_doit,
		.dumpit		= cpo_nl_els_get_dumpit,
		.policy		= cpo_els_get_nl_policy,
		.maxattr	= CPO_A_ELS_INDEX,
	},
	{
		.cmd		= CPO_CMD_LASER_GET,
		.doit		= cpo_nl_laser_get_doit,
		.dumpit		= cpo_nl_laser_get_dumpit,
		.policy		= cpo_laser_get_nl_policy,
		.maxattr	= CPO_A_LASER_INDEX,
	},
	{
		.cmd		= CPO_CMD_LANE_GET,
		.doit		= cpo_nl_lane_get_doit,
		.dumpit		= cpo_nl_lane_get_dumpit,
		.policy		= cpo_lane_get_nl_policy,
		.maxattr	= CPO_A_PORT_INDEX,
	},
	{
		.cmd		= CPO_CMD_PORT_GET,
		.doit		= cpo_nl_port_get_doit,
		.dumpit		= cpo_nl_port_get_dumpit,
		.policy		= cpo_port_get_nl_policy,
		.maxattr	= CPO_A_ELS_INDEX,
	},
	{
		.cmd		= CPO_CMD_THRESHOLD_GET,
		.doit		= cpo_nl_threshold_get_doit,
		.dumpit		= cpo_nl_threshold_get_dumpit,
		.policy		= cpo_threshold_get_nl_policy,
		.maxattr	= CPO_A_QUANTITY,
	},
	{
		.cmd		= CPO_CMD_THRESHOLD_SET,
		.doit		= cpo_nl_threshold_set_doit,
		.policy		= cpo_threshold_set_nl_policy,
		.maxattr	= CPO_A_LOW_WARN,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= CPO_CMD_LASER_SET,
		.doit		= cpo_nl_laser_set_doit,
		.policy		= cpo_laser_set_nl_policy,
		.maxattr	= CPO_A_ENABLED,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= CPO_CMD_LANE_SET,
		.doit		= cpo_nl_lane_set_doit,
		.policy		= cpo_lane_set_nl_policy,
		.maxattr	= CPO_A_ENABLED,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= CPO_CMD_PORT_SET,
		.doit		= cpo_nl_port_set_doit,
		.policy		= cpo_port_set_nl_policy,
		.maxattr	= CPO_A_LOW_POWER,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= CPO_CMD_ELS_REMOVE,
		.doit		= cpo_nl_els_remove_doit,
		.policy		= cpo_els_remove_nl_policy,
		.maxattr	= CPO_A_REMOVAL_ACTION,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= CPO_CMD_ELS_REMOVE_ACK,
		.doit		= cpo_nl_els_remove_ack_doit,
		.policy		= cpo_els_remove_ack_nl_policy,
		.maxattr	= CPO_A_REMOVAL_ACTION,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= CPO_CMD_LASER_FAILOVER,
		.doit		= cpo_nl_laser_failover_doit,
		.policy		= cpo_laser_failover_nl_policy,
		.maxattr	= CPO_A_SPARE_INDEX,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= CPO_CMD_OE_FAILOVER,
		.doit		= cpo_nl_oe_failover_doit,
		.policy		= cpo_oe_failover_nl_policy,
		.maxattr	= CPO_A_SPARE_INDEX,
		.flags		= GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group cpo_nl_mcgrps[] = {
	[CPO_NLGRP_MONITOR] = { "monitor", },
};
