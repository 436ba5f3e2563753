/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/cpo.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_CPO_GEN_H
#define _LINUX_CPO_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>
#include <cpo.h>

#define CPO_OE_INDEX_MAX	127
#define CPO_LANE_INDEX_MAX	4095
#define CPO_PORT_INDEX_MAX	1023
#define CPO_ELS_INDEX_MAX	127
#define CPO_LASER_INDEX_MAX	1023
#define CPO_QUANTITY_LAST	10

extern const struct nla_policy cpo_dev_get_nl_policy[CPO_A_DEV_INDEX + 1];

extern const struct nla_policy cpo_oe_get_nl_policy[CPO_A_OE_INDEX + 1];

extern const struct nla_policy cpo_els_get_nl_policy[CPO_A_ELS_INDEX + 1];

extern const struct nla_policy cpo_laser_get_nl_policy[CPO_A_LASER_INDEX + 1];

extern const struct nla_policy cpo_lane_get_nl_policy[CPO_A_PORT_INDEX + 1];

extern const struct nla_policy cpo_port_get_nl_policy[CPO_A_ELS_INDEX + 1];

extern const struct nla_policy cpo_threshold_get_nl_policy[CPO_A_QUANTITY + 1];

extern const struct nla_policy cpo_threshold_set_nl_policy[CPO_A_LOW_WARN + 1];

extern const struct nla_policy cpo_laser_set_nl_policy[CPO_A_ENABLED + 1];

extern const struct nla_policy cpo_lane_set_nl_policy[CPO_A_ENABLED + 1];

extern const struct nla_policy cpo_port_set_nl_policy[CPO_A_LOW_POWER + 1];

extern const struct nla_policy cpo_els_remove_nl_policy[CPO_A_REMOVAL_ACTION + 1];

extern const struct nla_policy cpo_els_remove_ack_nl_policy[CPO_A_REMOVAL_ACTION + 1];

extern const struct nla_policy cpo_laser_failover_nl_policy[CPO_A_SPARE_INDEX + 1];

extern const struct nla_policy cpo_oe_failover_nl_policy[CPO_A_SPARE_INDEX + 1];

/* Ops table for cpo */
extern const struct genl_ops cpo_nl_ops[15];

int cpo_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int cpo_nl_oe_get_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_oe_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int cpo_nl_els_get_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_els_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int cpo_nl_laser_get_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_laser_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int cpo_nl_lane_get_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_lane_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int cpo_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int cpo_nl_threshold_get_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_threshold_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int cpo_nl_threshold_set_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_laser_set_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_lane_set_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_els_remove_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_els_remove_ack_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_laser_failover_doit(struct sk_buff *skb, struct genl_info *info);
int cpo_nl_oe_failover_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	CPO_NLGRP_MONITOR,
};

#endif /* _LINUX_CPO_GEN_H */
