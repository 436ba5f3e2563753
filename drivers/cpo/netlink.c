// SPDX-License-Identifier: GPL-2.0
/*
 * The "cpo" generic netlink family: get and dump of devices, optical
 * engines, ELSFP slots, lasers, lanes, ports and thresholds; the few set
 * operations an operator needs; and the "monitor" multicast group that
 * carries device events.  Documentation/netlink/specs/cpo.yaml is the
 * source of the ABI: the uapi header and the policies, op table and
 * multicast groups (cpo-nl-gen.c, included below) are generated from it,
 * this file has the handlers and the family.
 *
 * Namespaces: the family is netnsok.  The devices are host-wide hardware,
 * so read-only gets and dumps work from any network namespace.  Every set
 * operation needs CAP_NET_ADMIN in the initial user namespace
 * (GENL_ADMIN_PERM, refused by genetlink before any parsing), which owns
 * the devices' network namespace, and must come from that namespace: the
 * rule of every write path, cpo_may_write(), refused with an extack.  Events are multicast in the
 * initial network namespace only.  Values are checked by the policies and
 * by validate.c, with the same bounds as the sysfs stores.
 *
 * Locking: the family has parallel_ops, so requests do not hold the
 * genetlink mutex: a set waiting for its device must not stall every
 * generic netlink family of the system.  Dumps walk the device list and
 * never wait for the device; a do request holds cdev->users for read, so
 * a set waiting for its mailbox command holds up no other device.  The
 * locks and their order: cpo.h, "Locking".  Notifications take no driver
 * lock and allocate with GFP_ATOMIC: they may be called from any context.
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "cpo.h"
/*
 * The generated policies, op table and multicast group table, compiled
 * here: the group table is static to the generated source, and the family
 * below, which ynl-gen-c does not generate for a genetlink-legacy family
 * (the split ops it would use are missing from 6.1), uses it as it is.
 */
#include "cpo-nl-gen.c"

static struct genl_family cpo_nl_family;

/* the policies' bounds (cpo.yaml's constants) are the host interface's */
static_assert(CPO_OE_INDEX_MAX == CPO_HW_MAX_OE - 1);
static_assert(CPO_LANE_INDEX_MAX == CPO_HW_MAX_LANES - 1);
static_assert(CPO_PORT_INDEX_MAX == CPO_HW_MAX_PORTS - 1);
static_assert(CPO_ELS_INDEX_MAX == CPO_HW_MAX_ELS - 1);
static_assert(CPO_LASER_INDEX_MAX == CPO_HW_MAX_LASERS - 1);
static_assert(CPO_QUANTITY_LAST == CPO_HW_Q_MAX - 1);

/*
 * A rejection of a request that lacks @attr: the attribute's type goes in
 * the extack's missing-type field, the message says what is missing in
 * words (@what, a string literal), never with the uapi name.
 */
#define CPO_NL_REQUIRE(info, attr, what) ({				\
	struct genl_info *__cpo_info = (info);				\
	int __missing = GENL_REQ_ATTR_CHECK(__cpo_info, attr);		\
									\
	if (__missing)							\
		NL_SET_ERR_MSG(__cpo_info->extack, "missing " what);	\
	__missing;							\
})

/*
 * The device's state, fault, mode, status, quantity and object type codes
 * are put in messages as they are: each is the uapi's value.
 */
static_assert((int)CPO_HW_OE_ST_OFF == (int)CPO_OE_STATE_OFF);
static_assert((int)CPO_HW_OE_ST_READY == (int)CPO_OE_STATE_READY);
static_assert((int)CPO_HW_OE_ST_FAULT == (int)CPO_OE_STATE_FAULT);
static_assert((int)CPO_HW_LANE_ST_DEACTIVATED == (int)CPO_LANE_STATE_DEACTIVATED);
static_assert((int)CPO_HW_LANE_ST_INIT == (int)CPO_LANE_STATE_INIT);
static_assert((int)CPO_HW_LANE_ST_DEINIT == (int)CPO_LANE_STATE_DEINIT);
static_assert((int)CPO_HW_LANE_ST_ACTIVATED == (int)CPO_LANE_STATE_ACTIVATED);
static_assert((int)CPO_HW_LANE_ST_TX_TURN_ON == (int)CPO_LANE_STATE_TX_TURN_ON);
static_assert((int)CPO_HW_LANE_ST_TX_TURN_OFF == (int)CPO_LANE_STATE_TX_TURN_OFF);
static_assert((int)CPO_HW_LANE_ST_INITIALIZED == (int)CPO_LANE_STATE_INITIALIZED);
static_assert((int)CPO_HW_LANE_S_ENABLED == (int)CPO_LANE_STATUS_ENABLED);
static_assert((int)CPO_HW_LANE_S_TX_LOS == (int)CPO_LANE_STATUS_TX_LOS);
static_assert((int)CPO_HW_LANE_S_RX_LOS == (int)CPO_LANE_STATUS_RX_LOS);
static_assert((int)CPO_HW_LANE_S_TX_FAULT == (int)CPO_LANE_STATUS_TX_FAULT);
static_assert((int)CPO_HW_ELS_ST_EMPTY == (int)CPO_ELS_STATE_EMPTY);
static_assert((int)CPO_HW_ELS_ST_PROBING == (int)CPO_ELS_STATE_PROBING);
static_assert((int)CPO_HW_ELS_ST_FIBER_CHECK == (int)CPO_ELS_STATE_FIBER_CHECK);
static_assert((int)CPO_HW_ELS_ST_RAMPING == (int)CPO_ELS_STATE_RAMPING);
static_assert((int)CPO_HW_ELS_ST_ON == (int)CPO_ELS_STATE_ON);
static_assert((int)CPO_HW_ELS_ST_REMOVING == (int)CPO_ELS_STATE_REMOVING);
static_assert((int)CPO_HW_ELS_ST_SAFE == (int)CPO_ELS_STATE_SAFE);
static_assert((int)CPO_HW_ELS_ST_FAULT == (int)CPO_ELS_STATE_FAULT);
static_assert((int)CPO_HW_LASER_ST_OFF == (int)CPO_LASER_STATE_OFF);
static_assert((int)CPO_HW_LASER_ST_FIBER_CHECK == (int)CPO_LASER_STATE_FIBER_CHECK);
static_assert((int)CPO_HW_LASER_ST_RAMPING == (int)CPO_LASER_STATE_RAMPING);
static_assert((int)CPO_HW_LASER_ST_ON == (int)CPO_LASER_STATE_ON);
static_assert((int)CPO_HW_LASER_ST_FAULT == (int)CPO_LASER_STATE_FAULT);
static_assert((int)CPO_HW_LASER_ST_ABSENT == (int)CPO_LASER_STATE_ABSENT);
static_assert((int)CPO_HW_LASER_FAULT_NONE == (int)CPO_LASER_FAULT_NONE);
static_assert((int)CPO_HW_LASER_FAULT_APC == (int)CPO_LASER_FAULT_APC);
static_assert((int)CPO_HW_LASER_FAULT_ACC == (int)CPO_LASER_FAULT_ACC);
static_assert((int)CPO_HW_LASER_FAULT_TEMP == (int)CPO_LASER_FAULT_TEMP);
static_assert((int)CPO_HW_LASER_MODE_APC == (int)CPO_LASER_MODE_APC);
static_assert((int)CPO_HW_LASER_MODE_ACC == (int)CPO_LASER_MODE_ACC);
static_assert((int)CPO_HW_Q_OE_TEMP == (int)CPO_QUANTITY_OE_TEMP);
static_assert((int)CPO_HW_Q_OE_VCC == (int)CPO_QUANTITY_OE_VCC);
static_assert((int)CPO_HW_Q_LANE_TX_POWER == (int)CPO_QUANTITY_LANE_TX_POWER);
static_assert((int)CPO_HW_Q_LANE_RX_POWER == (int)CPO_QUANTITY_LANE_RX_POWER);
static_assert((int)CPO_HW_Q_ELS_TEMP == (int)CPO_QUANTITY_ELS_TEMP);
static_assert((int)CPO_HW_Q_ELS_VCC == (int)CPO_QUANTITY_ELS_VCC);
static_assert((int)CPO_HW_Q_ELS_TEC == (int)CPO_QUANTITY_ELS_TEC);
static_assert((int)CPO_HW_Q_LASER_BIAS == (int)CPO_QUANTITY_LASER_BIAS);
static_assert((int)CPO_HW_Q_LASER_POWER == (int)CPO_QUANTITY_LASER_POWER);
static_assert((int)CPO_HW_Q_LASER_TEMP == (int)CPO_QUANTITY_LASER_TEMP);
static_assert((int)CPO_HW_Q_LASER_PATH_LOSS == (int)CPO_QUANTITY_LASER_PATH_LOSS);
static_assert((int)CPO_HW_Q_MAX == CPO_QUANTITY_MAX + 1);
static_assert((int)CPO_HW_OBJ_DEV == (int)CPO_OBJ_DEV);
static_assert((int)CPO_HW_OBJ_OE == (int)CPO_OBJ_OE);
static_assert((int)CPO_HW_OBJ_LANE == (int)CPO_OBJ_LANE);
static_assert((int)CPO_HW_OBJ_PORT == (int)CPO_OBJ_PORT);
static_assert((int)CPO_HW_OBJ_ELS == (int)CPO_OBJ_ELS);
static_assert((int)CPO_HW_OBJ_LASER == (int)CPO_OBJ_LASER);

/* ---- attribute helpers ---- */

static int cpo_nl_put_flag(struct sk_buff *skb, int attr, bool set)
{
	return set ? nla_put_flag(skb, attr) : 0;
}

/* Monitored quantities of each object type, in flag slot order. */
static const u8 cpo_nl_oe_q[] = { CPO_QUANTITY_OE_TEMP, CPO_QUANTITY_OE_VCC };

static const u8 cpo_nl_lane_q[] = {
	CPO_QUANTITY_LANE_TX_POWER, CPO_QUANTITY_LANE_RX_POWER,
};

static const u8 cpo_nl_els_q[] = {
	CPO_QUANTITY_ELS_TEMP, CPO_QUANTITY_ELS_VCC, CPO_QUANTITY_ELS_TEC,
};

static const u8 cpo_nl_laser_q[] = {
	CPO_QUANTITY_LASER_BIAS, CPO_QUANTITY_LASER_POWER,
	CPO_QUANTITY_LASER_TEMP, CPO_QUANTITY_LASER_PATH_LOSS,
};

static int cpo_nl_put_alarm(struct sk_buff *skb, u32 q, u32 sev, u32 dir)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, CPO_A_ALARM);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, CPO_A_ALARM_QUANTITY, q) ||
	    nla_put_u32(skb, CPO_A_ALARM_SEVERITY, sev) ||
	    nla_put_u32(skb, CPO_A_ALARM_DIRECTION, dir)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* One CPO_A_ALARM nest per active alarm or warning in @flags. */
static int cpo_nl_put_alarms(struct sk_buff *skb, const u8 *qs,
			     unsigned int n, u16 flags)
{
	static const struct {
		u8 bit, sev, dir;
	} kinds[] = {
		{ CPO_HW_FLAG_HIGH_ALARM, CPO_SEVERITY_ALARM, CPO_DIRECTION_HIGH },
		{ CPO_HW_FLAG_LOW_ALARM, CPO_SEVERITY_ALARM, CPO_DIRECTION_LOW },
		{ CPO_HW_FLAG_HIGH_WARN, CPO_SEVERITY_WARNING, CPO_DIRECTION_HIGH },
		{ CPO_HW_FLAG_LOW_WARN, CPO_SEVERITY_WARNING, CPO_DIRECTION_LOW },
	};
	unsigned int i, k;

	for (i = 0; i < n; i++) {
		unsigned int bits = (flags >> (4 * cpo_hw_q_slot(qs[i]))) & 0xf;

		for (k = 0; k < ARRAY_SIZE(kinds); k++) {
			if (!(bits & kinds[k].bit))
				continue;
			if (cpo_nl_put_alarm(skb, qs[i], kinds[k].sev,
					     kinds[k].dir))
				return -EMSGSIZE;
		}
	}
	return 0;
}

/*
 * One CPO_A_ALARM_HIST nest per flag of object @idx of type @obj that
 * changed at least once (alarms.c), under telem_lock.
 */
static int cpo_nl_put_alarm_hist(struct sk_buff *skb, struct cpo_dev *cdev,
				 u8 obj, u32 idx, const u8 *qs, unsigned int n)
{
	static const struct {
		u8 sev, dir;
	} kinds[CPO_FLAGS_PER_Q] = {	/* CPO_HW_FLAG_* bit order */
		{ CPO_SEVERITY_ALARM, CPO_DIRECTION_HIGH },
		{ CPO_SEVERITY_ALARM, CPO_DIRECTION_LOW },
		{ CPO_SEVERITY_WARNING, CPO_DIRECTION_HIGH },
		{ CPO_SEVERITY_WARNING, CPO_DIRECTION_LOW },
	};
	const struct cpo_alarm_hist *h = cpo_alarms_get(cdev, obj, idx);
	unsigned int i, k;

	for (i = 0; h && i < n; i++) {
		for (k = 0; k < CPO_FLAGS_PER_Q; k++) {
			const struct cpo_alarm_hist *e;
			struct nlattr *nest;

			e = &h[cpo_hw_q_slot(qs[i]) * CPO_FLAGS_PER_Q + k];
			if (!e->changes && !e->last_set && !e->last_clear)
				continue;
			nest = nla_nest_start(skb, CPO_A_ALARM_HIST);
			if (!nest)
				return -EMSGSIZE;
			if (nla_put_u32(skb, CPO_A_ALARM_HIST_QUANTITY, qs[i]) ||
			    nla_put_u32(skb, CPO_A_ALARM_HIST_SEVERITY,
					kinds[k].sev) ||
			    nla_put_u32(skb, CPO_A_ALARM_HIST_DIRECTION,
					kinds[k].dir) ||
			    nla_put_u32(skb, CPO_A_ALARM_HIST_CHANGES,
					e->changes) ||
			    (e->last_set &&
			     nla_put_u64_64bit(skb, CPO_A_ALARM_HIST_LAST_SET,
					       e->last_set,
					       CPO_A_ALARM_HIST_PAD)) ||
			    (e->last_clear &&
			     nla_put_u64_64bit(skb, CPO_A_ALARM_HIST_LAST_CLEAR,
					       e->last_clear,
					       CPO_A_ALARM_HIST_PAD))) {
				nla_nest_cancel(skb, nest);
				return -EMSGSIZE;
			}
			nla_nest_end(skb, nest);
		}
	}
	return 0;
}

/*
 * One CPO_A_STATS nest per quantity of object @idx of type @obj with a
 * complete interval (stats.c), under telem_lock.
 */
static int cpo_nl_put_stats(struct sk_buff *skb, struct cpo_dev *cdev,
			    u8 obj, u32 idx, const u8 *qs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct cpo_qstat *q;
		struct nlattr *nest;

		q = cpo_stats_get(cdev, obj, idx, cpo_hw_q_slot(qs[i]));
		if (!q)
			continue;
		nest = nla_nest_start(skb, CPO_A_STATS);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u32(skb, CPO_A_STATS_QUANTITY, qs[i]) ||
		    nla_put_u64_64bit(skb, CPO_A_STATS_INTERVAL,
				      CPO_STATS_INTERVAL_NS, CPO_A_STATS_PAD) ||
		    nla_put_u64_64bit(skb, CPO_A_STATS_START, q->last_start,
				      CPO_A_STATS_PAD) ||
		    nla_put_u32(skb, CPO_A_STATS_SAMPLES, q->last_n) ||
		    nla_put_s32(skb, CPO_A_STATS_AVERAGE, q->last_avg) ||
		    nla_put_s32(skb, CPO_A_STATS_MINIMUM, q->last_min) ||
		    nla_put_s32(skb, CPO_A_STATS_MAXIMUM, q->last_max) ||
		    nla_put_u64_64bit(skb, CPO_A_STATS_MINIMUM_TIME,
				      q->last_min_time, CPO_A_STATS_PAD) ||
		    nla_put_u64_64bit(skb, CPO_A_STATS_MAXIMUM_TIME,
				      q->last_max_time, CPO_A_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int cpo_nl_put_snap_common(struct sk_buff *skb, struct cpo_dev *cdev)
{
	return cpo_nl_put_flag(skb, CPO_A_STALE, cdev->snap.stale);
}

/* Distinct ports fed by the lanes of @laser. */
static int cpo_nl_put_laser_ports(struct sk_buff *skb, struct cpo_dev *cdev,
				  const struct cpo_laser *laser)
{
	u16 ports[CPO_HW_LANES_PER_LASER];
	unsigned int i, n;

	n = cpo_laser_ports(cdev, laser->index, ports);
	for (i = 0; i < n; i++)
		if (nla_put_u32(skb, CPO_A_LINK_PORT, ports[i]))
			return -EMSGSIZE;
	return 0;
}

/* ---- object messages ---- */

/*
 * Each fill function writes the attributes of one object into an open
 * message.  Telemetry readers are called with the snapshot locked.
 */
typedef int (*cpo_nl_fill_t)(struct sk_buff *skb, struct cpo_dev *cdev,
			     u32 idx);

static int cpo_nl_fill_dev(struct sk_buff *skb, struct cpo_dev *cdev, u32 idx)
{
	char fwv[CPO_HW_STR_LEN + 1];

	cpo_fw_version_get(cdev, fwv);
	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_string(skb, CPO_A_DEV_NAME, dev_name(&cdev->dev)) ||
	    nla_put_string(skb, CPO_A_BUS_NAME, pci_name(cdev->pdev)) ||
	    nla_put_string(skb, CPO_A_MODEL, cdev->model) ||
	    nla_put_string(skb, CPO_A_SERIAL, cdev->serial) ||
	    nla_put_string(skb, CPO_A_FW_VERSION, fwv) ||
	    nla_put_u32(skb, CPO_A_HW_VERSION,
			(u32)cdev->ver_major << 16 | cdev->ver_minor) ||
	    nla_put_u32(skb, CPO_A_DEV_STATE,
			cpo_dev_failed(cdev) ? CPO_DEV_STATE_FAILED :
					       CPO_DEV_STATE_OK) ||
	    nla_put_u32(skb, CPO_A_N_OE, cdev->n_oe) ||
	    nla_put_u32(skb, CPO_A_N_LANES, cdev->n_lanes) ||
	    nla_put_u32(skb, CPO_A_N_PORTS, cdev->n_ports) ||
	    nla_put_u32(skb, CPO_A_N_ELS, cdev->n_els) ||
	    nla_put_u32(skb, CPO_A_N_LASERS, cdev->n_lasers) ||
	    nla_put_u32(skb, CPO_A_LANE_RATE, cdev->lane_rate_mbps) ||
	    nla_put_u32(skb, CPO_A_HEARTBEAT, READ_ONCE(cdev->last_heartbeat)) ||
	    nla_put_u32(skb, CPO_A_UPDATE_PERIOD, cdev->update_period_ms))
		return -EMSGSIZE;
	return 0;
}

/* the lanes an engine serves and the ports on it, as links */
static int cpo_nl_put_oe_links(struct sk_buff *skb, struct cpo_dev *cdev,
			       u16 idx)
{
	const struct cpo_oe *oe = &cdev->oe[idx];
	unsigned int i, first = READ_ONCE(oe->first_lane);

	for (i = 0; i < oe->n_lanes; i++) {
		if (first + i >= cdev->n_lanes)
			break;
		if (nla_put_u32(skb, CPO_A_LINK_LANE, first + i))
			return -EMSGSIZE;
	}
	cpo_for_each_oe_port(cdev, idx, i)
		if (nla_put_u32(skb, CPO_A_LINK_PORT, i))
			return -EMSGSIZE;
	return 0;
}

static int cpo_nl_fill_oe(struct sk_buff *skb, struct cpo_dev *cdev, u32 idx)
{
	const struct cpo_oe *oe = &cdev->oe[idx];
	const struct cpo_oe_tm *tm = &cdev->snap.oe[idx];

	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_OE_INDEX, idx) ||
	    nla_put_u32(skb, CPO_A_STATE, tm->state) ||
	    nla_put_s32(skb, CPO_A_TEMP, tm->temp) ||
	    nla_put_u32(skb, CPO_A_VCC, tm->vcc) ||
	    cpo_nl_put_flag(skb, CPO_A_SPARE, READ_ONCE(oe->spare)) ||
	    cpo_nl_put_flag(skb, CPO_A_OUT_OF_SERVICE,
			    READ_ONCE(oe->out_of_service)) ||
	    cpo_nl_put_snap_common(skb, cdev) ||
	    cpo_nl_put_alarms(skb, cpo_nl_oe_q, ARRAY_SIZE(cpo_nl_oe_q),
			      tm->flags) ||
	    cpo_nl_put_alarm_hist(skb, cdev, CPO_HW_OBJ_OE, idx, cpo_nl_oe_q,
				  ARRAY_SIZE(cpo_nl_oe_q)) ||
	    cpo_nl_put_stats(skb, cdev, CPO_HW_OBJ_OE, idx, cpo_nl_oe_q,
			     ARRAY_SIZE(cpo_nl_oe_q)))
		return -EMSGSIZE;
	return cpo_nl_put_oe_links(skb, cdev, idx);
}

static int cpo_nl_fill_els(struct sk_buff *skb, struct cpo_dev *cdev, u32 idx)
{
	const struct cpo_els *els = &cdev->els[idx];
	const struct cpo_els_tm *tm = &cdev->snap.els[idx];
	unsigned int i;

	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_ELS_INDEX, idx) ||
	    nla_put_u8(skb, CPO_A_PRESENT, cpo_els_present(els)) ||
	    nla_put_u32(skb, CPO_A_STATE, cpo_els_state(els)) ||
	    nla_put_u32(skb, CPO_A_INSERTIONS, tm->insertions) ||
	    nla_put_u32(skb, CPO_A_WAVELENGTH, els->wavelength_pm) ||
	    cpo_nl_put_snap_common(skb, cdev))
		return -EMSGSIZE;
	/*
	 * an empty slot has no readings and raises no alarm; the state
	 * machine says which slot is empty (cpo_els_has_readings())
	 */
	if (cpo_els_has_readings(els, tm) &&
	    (nla_put_s32(skb, CPO_A_TEMP, tm->temp) ||
	     nla_put_u32(skb, CPO_A_VCC, tm->vcc) ||
	     nla_put_u32(skb, CPO_A_ICC, tm->icc) ||
	     nla_put_s32(skb, CPO_A_TEC_CURRENT, tm->tec) ||
	     cpo_nl_put_alarms(skb, cpo_nl_els_q, ARRAY_SIZE(cpo_nl_els_q),
			       tm->flags)))
		return -EMSGSIZE;
	if (cpo_nl_put_alarm_hist(skb, cdev, CPO_HW_OBJ_ELS, els->index,
				  cpo_nl_els_q, ARRAY_SIZE(cpo_nl_els_q)) ||
	    cpo_nl_put_stats(skb, cdev, CPO_HW_OBJ_ELS, els->index,
			     cpo_nl_els_q, ARRAY_SIZE(cpo_nl_els_q)))
		return -EMSGSIZE;
	for (i = 0; i < els->n_lasers; i++) {
		if (els->first_laser + i >= cdev->n_lasers)
			break;
		if (nla_put_u32(skb, CPO_A_LINK_LASER, els->first_laser + i))
			return -EMSGSIZE;
	}
	/* the blast radius: every port one of its lasers feeds */
	for (i = 0; i < cdev->n_ports; i++) {
		if (!cpo_els_feeds_port(cdev, idx, i))
			continue;
		if (nla_put_u32(skb, CPO_A_LINK_PORT, i))
			return -EMSGSIZE;
	}
	return 0;
}

static int cpo_nl_fill_laser(struct sk_buff *skb, struct cpo_dev *cdev,
			     u32 idx)
{
	const struct cpo_laser *laser = &cdev->laser[idx];
	const struct cpo_laser_tm *tm = &cdev->snap.laser[idx];
	u32 wavelength = 0;
	unsigned int i;

	if (laser->els < cdev->n_els)
		wavelength = cdev->els[laser->els].wavelength_pm;
	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_LASER_INDEX, idx) ||
	    nla_put_u32(skb, CPO_A_ELS_INDEX, laser->els) ||
	    nla_put_u32(skb, CPO_A_STATE, tm->state) ||
	    nla_put_u32(skb, CPO_A_WAVELENGTH, wavelength) ||
	    cpo_nl_put_flag(skb, CPO_A_SPARE, READ_ONCE(laser->spare)) ||
	    cpo_nl_put_flag(skb, CPO_A_OUT_OF_SERVICE,
			    READ_ONCE(laser->out_of_service)) ||
	    cpo_nl_put_snap_common(skb, cdev))
		return -EMSGSIZE;
	/* the readings and module data of a laser exist with its module */
	if (cpo_laser_tm_present(tm) &&
	    (nla_put_u32(skb, CPO_A_BIAS, tm->bias) ||
	     nla_put_u32(skb, CPO_A_POWER, tm->power) ||
	     nla_put_u32(skb, CPO_A_SETPOINT, tm->setpoint) ||
	     nla_put_s32(skb, CPO_A_TEMP, tm->temp) ||
	     nla_put_u32(skb, CPO_A_BOL_BIAS, tm->bol_bias) ||
	     nla_put_u32(skb, CPO_A_BOL_POWER, tm->bol_power) ||
	     nla_put_u32(skb, CPO_A_AGE_HOURS, tm->age_hours) ||
	     nla_put_u8(skb, CPO_A_ENABLED, !!tm->enabled) ||
	     nla_put_u32(skb, CPO_A_LASER_FAULT, tm->fault) ||
	     nla_put_u32(skb, CPO_A_LASER_MODE, tm->mode) ||
	     nla_put_u32(skb, CPO_A_AGE_PCT, tm->age_pct) ||
	     nla_put_u32(skb, CPO_A_OE_IN_POWER, tm->oe_in_power) ||
	     (tm->path_loss != CPO_NO_READING &&
	      nla_put_s32(skb, CPO_A_PATH_LOSS, tm->path_loss)) ||
	     (tm->freq_err != CPO_NO_READING &&
	      nla_put_s32(skb, CPO_A_FREQ_ERR, tm->freq_err)) ||
	     cpo_nl_put_alarms(skb, cpo_nl_laser_q,
			       ARRAY_SIZE(cpo_nl_laser_q), tm->flags)))
		return -EMSGSIZE;
	if (cpo_nl_put_alarm_hist(skb, cdev, CPO_HW_OBJ_LASER, laser->index,
				  cpo_nl_laser_q, ARRAY_SIZE(cpo_nl_laser_q)) ||
	    cpo_nl_put_stats(skb, cdev, CPO_HW_OBJ_LASER, laser->index,
			     cpo_nl_laser_q, ARRAY_SIZE(cpo_nl_laser_q)))
		return -EMSGSIZE;
	for (i = 0; i < laser->n_lanes && i < CPO_HW_LANES_PER_LASER; i++) {
		if (laser->lane[i] >= cdev->n_lanes)
			continue;
		if (nla_put_u32(skb, CPO_A_LINK_LANE, laser->lane[i]))
			return -EMSGSIZE;
	}
	return cpo_nl_put_laser_ports(skb, cdev, laser);
}

static int cpo_nl_fill_lane(struct sk_buff *skb, struct cpo_dev *cdev,
			    u32 idx)
{
	const struct cpo_lane *lane = &cdev->lane[idx];
	const struct cpo_lane_tm *tm = &cdev->snap.lane[idx];

	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_LANE_INDEX, idx) ||
	    nla_put_u32(skb, CPO_A_OE_INDEX, READ_ONCE(lane->oe)) ||
	    nla_put_u32(skb, CPO_A_STATE, tm->state) ||
	    nla_put_u32(skb, CPO_A_LANE_STATUS, tm->status) ||
	    nla_put_u8(skb, CPO_A_ENABLED,
		       !!(tm->status & CPO_HW_LANE_S_ENABLED)) ||
	    nla_put_u32(skb, CPO_A_TX_POWER, tm->tx_power) ||
	    nla_put_u32(skb, CPO_A_RX_POWER, tm->rx_power) ||
	    cpo_nl_put_snap_common(skb, cdev) ||
	    cpo_nl_put_alarms(skb, cpo_nl_lane_q, ARRAY_SIZE(cpo_nl_lane_q),
			      tm->flags) ||
	    cpo_nl_put_alarm_hist(skb, cdev, CPO_HW_OBJ_LANE, lane->index,
				  cpo_nl_lane_q, ARRAY_SIZE(cpo_nl_lane_q)) ||
	    cpo_nl_put_stats(skb, cdev, CPO_HW_OBJ_LANE, lane->index,
			     cpo_nl_lane_q, ARRAY_SIZE(cpo_nl_lane_q)) ||
	    nla_put_u32(skb, CPO_A_TX_FAULT_COUNT,
			cdev->stats.lane_cnt[lane->index].tx_fault) ||
	    nla_put_u32(skb, CPO_A_TX_LOS_COUNT,
			cdev->stats.lane_cnt[lane->index].tx_los) ||
	    nla_put_u32(skb, CPO_A_RX_LOS_COUNT,
			cdev->stats.lane_cnt[lane->index].rx_los))
		return -EMSGSIZE;
	if (lane->port < cdev->n_ports &&
	    nla_put_u32(skb, CPO_A_LINK_PORT, lane->port))
		return -EMSGSIZE;
	if (lane->laser < cdev->n_lasers &&
	    nla_put_u32(skb, CPO_A_LINK_LASER, lane->laser))
		return -EMSGSIZE;
	return 0;
}

/*
 * The port's netdev: its optical carrier (CPO_A_CARRIER, which follows the
 * optics whatever the admin state) and the link state the kernel reports
 * for it, as ethtool's "Link detected" does: up and carrier.
 */
static int cpo_nl_put_netdev(struct sk_buff *skb, struct net_device *nd)
{
	bool running = netif_running(nd);
	bool carrier = netif_carrier_ok(nd);
	char name[IFNAMSIZ];

	/* a racing rename can only give an old or new name, NUL-terminated */
	memcpy(name, nd->name, IFNAMSIZ);
	name[IFNAMSIZ - 1] = '\0';
	if (nla_put_string(skb, CPO_A_IFNAME, name) ||
	    nla_put_u32(skb, CPO_A_IFINDEX, nd->ifindex) ||
	    nla_put_u8(skb, CPO_A_CARRIER, carrier) ||
	    nla_put_u8(skb, CPO_A_ADMIN_UP, running) ||
	    nla_put_u8(skb, CPO_A_OPER_UP, running && carrier))
		return -EMSGSIZE;
	return 0;
}

/* The port's link down counter and why its optical carrier is off. */
static int cpo_nl_put_down(struct sk_buff *skb, const struct cpo_port *port)
{
	const char *why = cpo_port_down_str(port);

	if (nla_put_u32(skb, CPO_A_LINK_DOWN_EVENTS,
			READ_ONCE(port->link_down_events)))
		return -EMSGSIZE;
	if (why && nla_put_string(skb, CPO_A_LINK_DOWN_REASON, why))
		return -EMSGSIZE;
	return 0;
}

static int cpo_nl_fill_port(struct sk_buff *skb, struct cpo_dev *cdev,
			    u32 idx)
{
	const struct cpo_port *port = &cdev->port[idx];
	struct net_device *nd = READ_ONCE(port->netdev);
	unsigned int i;

	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_PORT_INDEX, idx) ||
	    nla_put_u32(skb, CPO_A_OE_INDEX, READ_ONCE(port->oe)) ||
	    nla_put_u32(skb, CPO_A_SPEED, port->speed_mbps) ||
	    nla_put_u8(skb, CPO_A_LOW_POWER, READ_ONCE(port->low_power)))
		return -EMSGSIZE;
	if (nd && cpo_nl_put_netdev(skb, nd))
		return -EMSGSIZE;
	if (nd && cpo_nl_put_down(skb, port))
		return -EMSGSIZE;
	for (i = 0; i < port->n_lanes && i < CPO_HW_LANES_PER_PORT; i++) {
		if (port->lane[i] >= cdev->n_lanes)
			continue;
		if (nla_put_u32(skb, CPO_A_LINK_LANE, port->lane[i]))
			return -EMSGSIZE;
	}
	for (i = 0; i < port->n_lasers && i < CPO_HW_LANES_PER_PORT; i++) {
		if (port->laser[i] >= cdev->n_lasers)
			continue;
		if (nla_put_u32(skb, CPO_A_LINK_LASER, port->laser[i]))
			return -EMSGSIZE;
	}
	return 0;
}

static int cpo_nl_fill_thresh(struct sk_buff *skb, struct cpo_dev *cdev,
			      u32 idx)
{
	const struct cpo_thresh *t = &cdev->thresh[idx];

	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_QUANTITY, idx))
		return -EMSGSIZE;
	/* no good set from the device yet: the thresholds are unknown */
	if (!test_bit(idx, &cdev->thresh_good))
		return 0;
	if (nla_put_s32(skb, CPO_A_HIGH_ALARM, t->high_alarm) ||
	    nla_put_s32(skb, CPO_A_LOW_ALARM, t->low_alarm) ||
	    nla_put_s32(skb, CPO_A_HIGH_WARN, t->high_warn) ||
	    nla_put_s32(skb, CPO_A_LOW_WARN, t->low_warn))
		return -EMSGSIZE;
	return 0;
}

/* ---- object kinds: how to count, filter, lock and fill each ---- */

enum cpo_nl_lock {
	CPO_NL_LOCK_NONE,	/* identity only */
	CPO_NL_LOCK_TELEM,	/* cdev->telem_lock: the snapshot */
	CPO_NL_LOCK_DEV,	/* cdev->lock: the threshold cache */
};

struct cpo_nl_kind {
	u8 cmd;
	u8 lock;		/* enum cpo_nl_lock */
	int key;		/* index attribute of a do request */
	const char *key_err;	/* extack for an unknown index */
	u32 (*count)(const struct cpo_dev *cdev);
	bool (*match)(struct cpo_dev *cdev, u32 idx, struct nlattr **tb);
	cpo_nl_fill_t fill;
};

static u32 cpo_nl_count_one(const struct cpo_dev *cdev)
{
	return 1;
}

static u32 cpo_nl_count_oe(const struct cpo_dev *cdev)
{
	return cdev->n_oe;
}

static u32 cpo_nl_count_els(const struct cpo_dev *cdev)
{
	return cdev->n_els;
}

static u32 cpo_nl_count_laser(const struct cpo_dev *cdev)
{
	return cdev->n_lasers;
}

static u32 cpo_nl_count_lane(const struct cpo_dev *cdev)
{
	return cdev->n_lanes;
}

static u32 cpo_nl_count_port(const struct cpo_dev *cdev)
{
	return cdev->n_ports;
}

static u32 cpo_nl_count_thresh(const struct cpo_dev *cdev)
{
	return CPO_HW_Q_MAX;
}

static bool cpo_nl_match_laser(struct cpo_dev *cdev, u32 idx,
			       struct nlattr **tb)
{
	if (tb[CPO_A_ELS_INDEX] &&
	    cdev->laser[idx].els != nla_get_u32(tb[CPO_A_ELS_INDEX]))
		return false;
	if (tb[CPO_A_PORT_INDEX]) {
		u32 p = nla_get_u32(tb[CPO_A_PORT_INDEX]);

		if (!cpo_laser_feeds_port(cdev, idx, p))
			return false;
	}
	return true;
}

static bool cpo_nl_match_lane(struct cpo_dev *cdev, u32 idx,
			      struct nlattr **tb)
{
	if (tb[CPO_A_OE_INDEX] &&
	    READ_ONCE(cdev->lane[idx].oe) != nla_get_u32(tb[CPO_A_OE_INDEX]))
		return false;
	if (tb[CPO_A_PORT_INDEX] &&
	    cdev->lane[idx].port != nla_get_u32(tb[CPO_A_PORT_INDEX]))
		return false;
	return true;
}

static bool cpo_nl_match_port(struct cpo_dev *cdev, u32 idx,
			      struct nlattr **tb)
{
	if (tb[CPO_A_OE_INDEX] &&
	    READ_ONCE(cdev->port[idx].oe) != nla_get_u32(tb[CPO_A_OE_INDEX]))
		return false;
	if (tb[CPO_A_ELS_INDEX] &&
	    !cpo_els_feeds_port(cdev, nla_get_u32(tb[CPO_A_ELS_INDEX]), idx))
		return false;
	return true;
}

static const struct cpo_nl_kind cpo_nl_kinds[] = {
	{
		.cmd = CPO_CMD_DEV_GET,
		.lock = CPO_NL_LOCK_NONE,
		.key = -1,
		.count = cpo_nl_count_one,
		.fill = cpo_nl_fill_dev,
	}, {
		.cmd = CPO_CMD_OE_GET,
		.lock = CPO_NL_LOCK_TELEM,
		.key = CPO_A_OE_INDEX,
		.key_err = "no such optical engine",
		.count = cpo_nl_count_oe,
		.fill = cpo_nl_fill_oe,
	}, {
		.cmd = CPO_CMD_ELS_GET,
		.lock = CPO_NL_LOCK_TELEM,
		.key = CPO_A_ELS_INDEX,
		.key_err = "no such ELSFP slot",
		.count = cpo_nl_count_els,
		.fill = cpo_nl_fill_els,
	}, {
		.cmd = CPO_CMD_LASER_GET,
		.lock = CPO_NL_LOCK_TELEM,
		.key = CPO_A_LASER_INDEX,
		.key_err = "no such laser",
		.count = cpo_nl_count_laser,
		.match = cpo_nl_match_laser,
		.fill = cpo_nl_fill_laser,
	}, {
		.cmd = CPO_CMD_LANE_GET,
		.lock = CPO_NL_LOCK_TELEM,
		.key = CPO_A_LANE_INDEX,
		.key_err = "no such lane",
		.count = cpo_nl_count_lane,
		.match = cpo_nl_match_lane,
		.fill = cpo_nl_fill_lane,
	}, {
		.cmd = CPO_CMD_PORT_GET,
		.lock = CPO_NL_LOCK_NONE,
		.key = CPO_A_PORT_INDEX,
		.key_err = "no such port",
		.count = cpo_nl_count_port,
		.match = cpo_nl_match_port,
		.fill = cpo_nl_fill_port,
	}, {
		.cmd = CPO_CMD_THRESHOLD_GET,
		.lock = CPO_NL_LOCK_DEV,
		.key = CPO_A_QUANTITY,
		.key_err = "no such quantity",
		.count = cpo_nl_count_thresh,
		.fill = cpo_nl_fill_thresh,
	},
};

static const struct cpo_nl_kind *cpo_nl_kind(u8 cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cpo_nl_kinds); i++)
		if (cpo_nl_kinds[i].cmd == cmd)
			return &cpo_nl_kinds[i];
	return NULL;
}

static int cpo_nl_lock(struct cpo_dev *cdev, const struct cpo_nl_kind *k)
{
	switch (k->lock) {
	case CPO_NL_LOCK_TELEM:
		return cpo_telem_lock(cdev);
	case CPO_NL_LOCK_DEV:
		mutex_lock(&cdev->lock);
		return 0;
	default:
		return 0;
	}
}

static void cpo_nl_unlock(struct cpo_dev *cdev, const struct cpo_nl_kind *k)
{
	switch (k->lock) {
	case CPO_NL_LOCK_TELEM:
		cpo_telem_unlock(cdev);
		break;
	case CPO_NL_LOCK_DEV:
		mutex_unlock(&cdev->lock);
		break;
	default:
		break;
	}
}

/* ---- do ---- */

/*
 * The device a do request names, held (cdev->users) until
 * cpo_nl_put_dev(): a device on the list has not started its teardown,
 * and the teardown waits for the hold, so its objects and port netdevs
 * stay valid for the whole request.
 */
static struct cpo_dev *cpo_nl_get_dev(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[CPO_A_DEV_INDEX];
	struct cpo_dev *cdev;
	u32 want;
	int index;

	if (CPO_NL_REQUIRE(info, CPO_A_DEV_INDEX, "device index"))
		return ERR_PTR(-EINVAL);
	want = nla_get_u32(attr);
	if (want > INT_MAX)
		goto err_no_dev;
	index = want;
	mutex_lock(&cpo_devs_lock);
	cdev = cpo_dev_next(&index);
	if (cdev && cdev->index == want) {
		down_read(&cdev->users);
		mutex_unlock(&cpo_devs_lock);
		return cdev;
	}
	mutex_unlock(&cpo_devs_lock);
err_no_dev:
	NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such cpo device");
	return ERR_PTR(-ENODEV);
}

static void cpo_nl_put_dev(struct cpo_dev *cdev)
{
	up_read(&cdev->users);
}

/*
 * NL_SET_ERR_MSG_ATTR() with a message chosen at run time: @msg must be a
 * string with static storage.
 */
static void cpo_nl_err_attr(struct netlink_ext_ack *extack,
			    const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

/* Index attribute @attr must name one of @count objects. */
static int cpo_nl_get_index(struct genl_info *info, int attr, u32 count,
			    const char *err, u32 *idx)
{
	struct nlattr *a = info->attrs[attr];

	if (GENL_REQ_ATTR_CHECK(info, attr)) {
		NL_SET_ERR_MSG(info->extack, "missing object index");
		return -EINVAL;
	}
	*idx = nla_get_u32(a);
	if (*idx >= count) {
		cpo_nl_err_attr(info->extack, a, err);
		return -ENOENT;
	}
	return 0;
}

static int cpo_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	const struct cpo_nl_kind *k = cpo_nl_kind(info->genlhdr->cmd);
	struct cpo_dev *cdev;
	struct sk_buff *msg;
	void *hdr;
	u32 idx = 0;
	int err;

	if (!k)
		return -EOPNOTSUPP;
	cdev = cpo_nl_get_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	if (k->key >= 0) {
		err = cpo_nl_get_index(info, k->key, k->count(cdev),
				       k->key_err, &idx);
		if (err)
			goto err_put_dev;
	}

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto err_put_dev;
	}
	hdr = genlmsg_put_reply(msg, info, &cpo_nl_family, 0, k->cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free_msg;
	}
	err = cpo_nl_lock(cdev, k);
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CPO_A_DEV_INDEX],
				    "cpo device has failed");
		goto err_free_msg;
	}
	err = k->fill(msg, cdev, idx);
	cpo_nl_unlock(cdev, k);
	if (err)
		goto err_free_msg;
	genlmsg_end(msg, hdr);
	cpo_nl_put_dev(cdev);
	return genlmsg_reply(msg, info);

err_free_msg:
	nlmsg_free(msg);
err_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

/* ---- dump ---- */

/* Where a dump resumes: the device and the object within it. */
struct cpo_nl_dump_ctx {
	int dev;
	u32 obj;
};

static int cpo_nl_dump_dev(struct sk_buff *skb, struct netlink_callback *cb,
			   const struct cpo_nl_kind *k, struct cpo_dev *cdev,
			   struct nlattr **tb, bool asked)
{
	struct cpo_nl_dump_ctx *ctx = (struct cpo_nl_dump_ctx *)cb->ctx;
	u32 i, count;
	int err;

	/*
	 * A failed device has no telemetry to dump: a dump of every device
	 * goes on with the others, a dump of this one fails.
	 */
	err = cpo_nl_lock(cdev, k);
	if (err) {
		if (!asked)
			return 0;
		if (err == -EIO)
			NL_SET_ERR_MSG(cb->extack, "cpo device has failed");
		else
			NL_SET_ERR_MSG(cb->extack, "cpo device is going away");
		return err;
	}
	count = k->count(cdev);
	for (i = ctx->obj; i < count; i++) {
		void *hdr;

		if (k->match && !k->match(cdev, i, tb))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &cpo_nl_family,
				  NLM_F_MULTI, k->cmd);
		if (!hdr) {
			err = -EMSGSIZE;
			goto out_unlock;
		}
		err = k->fill(skb, cdev, i);
		if (err) {
			genlmsg_cancel(skb, hdr);
			goto out_unlock;
		}
		genlmsg_end(skb, hdr);
	}
	err = 0;
out_unlock:
	ctx->obj = i;
	cpo_nl_unlock(cdev, k);
	return err;
}

static int cpo_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cpo_nl_dump_ctx *ctx = (struct cpo_nl_dump_ctx *)cb->ctx;
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	const struct cpo_nl_kind *k;
	struct nlattr **tb = cpo_genl_dump_attrs(cb);
	struct cpo_dev *cdev;
	int only = -1;
	int err = 0;

	BUILD_BUG_ON(sizeof(struct cpo_nl_dump_ctx) > sizeof(cb->ctx));

	k = cpo_nl_kind(info->op.cmd);
	if (!k)
		return -EOPNOTSUPP;
	if (tb[CPO_A_DEV_INDEX]) {
		/* the policy keeps it within 0..INT_MAX, the range of an index */
		only = nla_get_u32(tb[CPO_A_DEV_INDEX]);
		if (ctx->dev < only) {
			ctx->dev = only;
			ctx->obj = 0;
		}
	}

	mutex_lock(&cpo_devs_lock);
	for (;;) {
		int index = ctx->dev;

		cdev = cpo_dev_next(&index);
		if (!cdev)
			break;
		if (cdev->index != ctx->dev) {
			ctx->dev = cdev->index;
			ctx->obj = 0;
		}
		if (only >= 0 && cdev->index != only)
			break;
		err = cpo_nl_dump_dev(skb, cb, k, cdev, tb, only >= 0);
		if (err)
			break;
		ctx->dev = cdev->index + 1;
		ctx->obj = 0;
		if (only >= 0)
			break;
	}
	mutex_unlock(&cpo_devs_lock);

	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err;
}

/* ---- set operations ---- */

/*
 * Map a mailbox failure to an extack message on the request's key.  A
 * command the device did not answer (it timed out, or the device failed
 * meanwhile) may still take effect when it comes back.
 */
static int cpo_nl_cmd_err(struct genl_info *info, int key, int err)
{
	if (err == -ETIMEDOUT)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[key],
				    "device did not answer the command: it may still carry it out");
	else if (err == -EIO)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[key],
				    "device failed the command, or has failed (see its state)");
	else
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[key],
				    "device rejected the command");
	return err;
}

static struct cpo_dev *cpo_nl_set_dev(struct genl_info *info)
{
	struct cpo_dev *cdev = cpo_nl_get_dev(info);

	if (IS_ERR(cdev))
		return cdev;
	/*
	 * GENL_ADMIN_PERM checked the capability; the rule of every write
	 * path adds the namespace the request comes from
	 */
	if (!cpo_may_write(cdev, genl_info_net(info))) {
		if (net_eq(genl_info_net(info), cpo_dev_net(cdev)))
			NL_SET_ERR_MSG(info->extack,
				       "CAP_NET_ADMIN needed to change a cpo device");
		else
			NL_SET_ERR_MSG(info->extack,
				       "a cpo device is changed only from its own network namespace, the initial one");
		cpo_nl_put_dev(cdev);
		return ERR_PTR(-EPERM);
	}
	if (cpo_dev_failed(cdev)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CPO_A_DEV_INDEX],
				    "cpo device has failed");
		cpo_nl_put_dev(cdev);
		return ERR_PTR(-EIO);
	}
	return cdev;
}

int cpo_nl_laser_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct cpo_dev *cdev;
	u32 idx;
	int err;

	cdev = cpo_nl_set_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	err = cpo_nl_get_index(info, CPO_A_LASER_INDEX, cdev->n_lasers,
			       "no such laser", &idx);
	if (err)
		goto out_put_dev;
	if (!tb[CPO_A_ENABLED] && !tb[CPO_A_SETPOINT]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[CPO_A_LASER_INDEX],
				    "nothing to set: need laser enable state or power setpoint");
		err = -EINVAL;
		goto out_put_dev;
	}
	if (tb[CPO_A_SETPOINT]) {
		const char *why;

		err = cpo_laser_set_power(cdev, idx,
					  nla_get_u32(tb[CPO_A_SETPOINT]), &why);
		if (err && why)		/* a rule of the setpoint's */
			cpo_nl_err_attr(info->extack, tb[CPO_A_SETPOINT], why);
		else if (err)
			cpo_nl_cmd_err(info, CPO_A_SETPOINT, err);
		if (err)
			goto out_put_dev;
	}
	if (tb[CPO_A_ENABLED]) {
		err = cpo_laser_enable(cdev, idx, nla_get_u8(tb[CPO_A_ENABLED]));
		if (err == -EINVAL &&
		    READ_ONCE(cdev->laser[idx].out_of_service))
			cpo_nl_err_attr(info->extack, tb[CPO_A_ENABLED],
					"the laser is out of service: it was replaced by a spare");
		else if (err)
			cpo_nl_cmd_err(info, CPO_A_ENABLED, err);
	}
out_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

/*
 * The lanes and ports a laser feeds as links (its blast radius), and the
 * laser itself when @with_laser.
 */
static int cpo_nl_put_laser_radius(struct sk_buff *skb, struct cpo_dev *cdev,
				   u16 laser, bool with_laser)
{
	const struct cpo_laser *la = &cdev->laser[laser];
	unsigned int i, n = min_t(unsigned int, READ_ONCE(la->n_lanes),
				  CPO_HW_LANES_PER_LASER);

	if (with_laser && nla_put_u32(skb, CPO_A_LINK_LASER, laser))
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		u16 lane = READ_ONCE(la->lane[i]);

		if (lane < cdev->n_lanes &&
		    nla_put_u32(skb, CPO_A_LINK_LANE, lane))
			return -EMSGSIZE;
	}
	return cpo_nl_put_laser_ports(skb, cdev, la);
}

/* the spare a failover reply names, and what now depends on it */
static int cpo_nl_put_laser_spare(struct sk_buff *skb, struct cpo_dev *cdev,
				  u16 spare)
{
	return cpo_nl_put_laser_radius(skb, cdev, spare, true);
}

static int cpo_nl_put_oe_spare(struct sk_buff *skb, struct cpo_dev *cdev,
			       u16 spare)
{
	return nla_put_u32(skb, CPO_A_LINK_OE, spare) ?:
	       cpo_nl_put_oe_links(skb, cdev, spare);
}

/* What laser-failover and oe-failover differ in. */
struct cpo_nl_failover {
	u8 cmd;
	int key;			/* CPO_A_LASER_INDEX, CPO_A_OE_INDEX */
	const char *no_such, *no_such_spare;
	int (*failover)(struct cpo_dev *cdev, u16 idx, u16 spare, u16 *used,
			const char **why);
	int (*put_spare)(struct sk_buff *skb, struct cpo_dev *cdev, u16 spare);
};

static int cpo_nl_failover(struct genl_info *info,
			   const struct cpo_nl_failover *f)
{
	struct nlattr **tb = info->attrs;
	struct cpo_dev *cdev;
	struct sk_buff *msg;
	const char *why;
	u16 used = CPO_HW_NONE;
	u32 idx, n, spare = CPO_HW_NONE;
	void *hdr;
	int err;

	cdev = cpo_nl_set_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	n = f->key == CPO_A_OE_INDEX ? cdev->n_oe : cdev->n_lasers;
	err = cpo_nl_get_index(info, f->key, n, f->no_such, &idx);
	if (err)
		goto out_put_dev;
	if (tb[CPO_A_SPARE_INDEX]) {
		spare = nla_get_u32(tb[CPO_A_SPARE_INDEX]);
		if (spare >= n) {
			cpo_nl_err_attr(info->extack, tb[CPO_A_SPARE_INDEX],
					f->no_such_spare);
			err = -ENOENT;
			goto out_put_dev;
		}
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out_put_dev;
	}
	err = f->failover(cdev, idx, spare, &used, &why);
	if (err) {
		if (why)
			cpo_nl_err_attr(info->extack,
					tb[CPO_A_SPARE_INDEX] &&
					(err == -EINVAL || err == -ENOSPC) ?
					tb[CPO_A_SPARE_INDEX] : tb[f->key],
					why);
		else
			cpo_nl_cmd_err(info, f->key, err);
		goto err_free_msg;
	}
	hdr = genlmsg_put_reply(msg, info, &cpo_nl_family, 0, f->cmd);
	if (!hdr ||
	    nla_put_u32(msg, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(msg, f->key, idx) ||
	    (used < n && f->put_spare(msg, cdev, used))) {
		err = -EMSGSIZE;
		goto err_free_msg;
	}
	genlmsg_end(msg, hdr);
	cpo_nl_put_dev(cdev);
	return genlmsg_reply(msg, info);

err_free_msg:
	nlmsg_free(msg);
out_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

int cpo_nl_laser_failover_doit(struct sk_buff *skb, struct genl_info *info)
{
	static const struct cpo_nl_failover f = {
		.cmd = CPO_CMD_LASER_FAILOVER,
		.key = CPO_A_LASER_INDEX,
		.no_such = "no such laser",
		.no_such_spare = "no such spare laser",
		.failover = cpo_laser_failover,
		.put_spare = cpo_nl_put_laser_spare,
	};

	return cpo_nl_failover(info, &f);
}

int cpo_nl_oe_failover_doit(struct sk_buff *skb, struct genl_info *info)
{
	static const struct cpo_nl_failover f = {
		.cmd = CPO_CMD_OE_FAILOVER,
		.key = CPO_A_OE_INDEX,
		.no_such = "no such optical engine",
		.no_such_spare = "no such spare engine",
		.failover = cpo_oe_failover,
		.put_spare = cpo_nl_put_oe_spare,
	};

	return cpo_nl_failover(info, &f);
}

int cpo_nl_lane_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct cpo_dev *cdev;
	u32 idx;
	int err;

	cdev = cpo_nl_set_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	err = cpo_nl_get_index(info, CPO_A_LANE_INDEX, cdev->n_lanes,
			       "no such lane", &idx);
	if (err)
		goto out_put_dev;
	if (CPO_NL_REQUIRE(info, CPO_A_ENABLED, "lane enable state")) {
		err = -EINVAL;
		goto out_put_dev;
	}
	err = cpo_lane_enable(cdev, idx, nla_get_u8(info->attrs[CPO_A_ENABLED]));
	if (err)
		cpo_nl_cmd_err(info, CPO_A_ENABLED, err);
out_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

int cpo_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct cpo_dev *cdev;
	bool low;
	u32 idx;
	int err;

	cdev = cpo_nl_set_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	err = cpo_nl_get_index(info, CPO_A_PORT_INDEX, cdev->n_ports,
			       "no such port", &idx);
	if (err)
		goto out_put_dev;
	if (CPO_NL_REQUIRE(info, CPO_A_LOW_POWER, "port power mode")) {
		err = -EINVAL;
		goto out_put_dev;
	}
	low = nla_get_u8(info->attrs[CPO_A_LOW_POWER]);
	err = cpo_port_power_mode_set(&cdev->port[idx], low);
	if (err)
		cpo_nl_cmd_err(info, CPO_A_LOW_POWER, err);
out_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

int cpo_nl_els_remove_doit(struct sk_buff *skb, struct genl_info *info)
{
	u32 idx, id, timeout = 0, action = 0, laser = CPO_HW_NONE;
	struct nlattr *la = info->attrs[CPO_A_LASER_INDEX];
	struct cpo_dev *cdev;
	const char *why;
	int err;

	cdev = cpo_nl_set_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	err = cpo_nl_get_index(info, CPO_A_ELS_INDEX, cdev->n_els,
			       "no such ELSFP slot", &idx);
	if (err)
		goto out_put_dev;
	if (info->attrs[CPO_A_REMOVAL_TIMEOUT])
		timeout = nla_get_u32(info->attrs[CPO_A_REMOVAL_TIMEOUT]);
	if (info->attrs[CPO_A_REMOVAL_ACTION])
		action = nla_get_u32(info->attrs[CPO_A_REMOVAL_ACTION]);
	if (la) {
		laser = nla_get_u32(la);
		if (laser >= cdev->n_lasers) {
			cpo_nl_err_attr(info->extack, la, "no such laser");
			err = -ENOENT;
			goto out_put_dev;
		}
	}
	/* announced; the lasers go down on an answer or at the timeout */
	err = cpo_els_removal_request(cdev, idx, laser, timeout, action, &id,
				      &why);
	if (err == -EINVAL && why)
		cpo_nl_err_attr(info->extack, la, why);
	else if (err == -EBUSY)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CPO_A_ELS_INDEX],
				    "a removal of this slot is pending");
	else if (err == -ENODEV)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CPO_A_ELS_INDEX],
				    "no module in the slot");
	else if (err == -EALREADY)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CPO_A_ELS_INDEX],
				    "the module is already ramped down: safe to pull");
out_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

int cpo_nl_els_remove_ack_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct cpo_dev *cdev;
	u32 idx, id, action;
	int err;

	cdev = cpo_nl_set_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	err = cpo_nl_get_index(info, CPO_A_ELS_INDEX, cdev->n_els,
			       "no such ELSFP slot", &idx);
	if (err)
		goto out_put_dev;
	if (CPO_NL_REQUIRE(info, CPO_A_REMOVAL_ID, "removal request id") ||
	    CPO_NL_REQUIRE(info, CPO_A_REMOVAL_ACTION, "removal answer")) {
		err = -EINVAL;
		goto out_put_dev;
	}
	id = nla_get_u32(info->attrs[CPO_A_REMOVAL_ID]);
	action = nla_get_u32(info->attrs[CPO_A_REMOVAL_ACTION]);
	err = cpo_els_removal_answer(cdev, idx, id, action);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CPO_A_ELS_INDEX],
				    "no removal pending on this slot");
	else if (err == -ESTALE)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[CPO_A_REMOVAL_ID],
				    "not the pending removal request");
	else if (err)
		cpo_nl_cmd_err(info, CPO_A_ELS_INDEX, err);
out_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

int cpo_nl_threshold_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	static const int attr_of[CPO_THRESH_FIELDS] = {
		[CPO_THRESH_HIGH_ALARM] = CPO_A_HIGH_ALARM,
		[CPO_THRESH_LOW_ALARM] = CPO_A_LOW_ALARM,
		[CPO_THRESH_HIGH_WARN] = CPO_A_HIGH_WARN,
		[CPO_THRESH_LOW_WARN] = CPO_A_LOW_WARN,
	};
	/* CMIS order: each value is compared with the next one up */
	static const enum cpo_thresh_field partner[CPO_THRESH_FIELDS] = {
		[CPO_THRESH_LOW_ALARM] = CPO_THRESH_LOW_WARN,
		[CPO_THRESH_LOW_WARN] = CPO_THRESH_HIGH_WARN,
		[CPO_THRESH_HIGH_WARN] = CPO_THRESH_HIGH_ALARM,
		[CPO_THRESH_HIGH_ALARM] = CPO_THRESH_HIGH_ALARM,
	};
	struct nlattr **tb = info->attrs;
	enum cpo_thresh_field f;
	struct cpo_thresh t;
	bool good;
	struct cpo_dev *cdev;
	const char *why;
	u32 q;
	int err;

	cdev = cpo_nl_set_dev(info);
	if (IS_ERR(cdev))
		return PTR_ERR(cdev);
	err = cpo_nl_get_index(info, CPO_A_QUANTITY, CPO_HW_Q_MAX,
			       "no such quantity", &q);
	if (err)
		goto out_put_dev;
	if (!tb[CPO_A_HIGH_ALARM] && !tb[CPO_A_LOW_ALARM] &&
	    !tb[CPO_A_HIGH_WARN] && !tb[CPO_A_LOW_WARN]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[CPO_A_QUANTITY],
				    "nothing to set: need an alarm or warning threshold");
		err = -EINVAL;
		goto out_put_dev;
	}

	mutex_lock(&cdev->lock);
	t = cdev->thresh[q];
	good = test_bit(q, &cdev->thresh_good);
	mutex_unlock(&cdev->lock);
	if (!good && !(tb[CPO_A_HIGH_ALARM] && tb[CPO_A_LOW_ALARM] &&
		       tb[CPO_A_HIGH_WARN] && tb[CPO_A_LOW_WARN])) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[CPO_A_QUANTITY],
				    "thresholds unknown (the device gave none that hold): set all four");
		err = -ENODATA;
		goto out_put_dev;
	}
	if (tb[CPO_A_HIGH_ALARM])
		t.high_alarm = nla_get_s32(tb[CPO_A_HIGH_ALARM]);
	if (tb[CPO_A_LOW_ALARM])
		t.low_alarm = nla_get_s32(tb[CPO_A_LOW_ALARM]);
	if (tb[CPO_A_HIGH_WARN])
		t.high_warn = nla_get_s32(tb[CPO_A_HIGH_WARN]);
	if (tb[CPO_A_LOW_WARN])
		t.low_warn = nla_get_s32(tb[CPO_A_LOW_WARN]);

	/* the rules of every set (validate.c): range and CMIS order */
	err = cpo_thresh_check(cdev, q, &t, &why, &f);
	if (err) {
		/* the value named, or the one it was compared with */
		cpo_nl_err_attr(info->extack,
				tb[attr_of[f]] ?: tb[attr_of[partner[f]]] ?:
				tb[CPO_A_QUANTITY], why);
		goto out_put_dev;
	}

	/* the core updates the cache when the device accepted the set */
	err = cpo_set_thresh(cdev, q, &t);
	if (err)
		cpo_nl_cmd_err(info, CPO_A_QUANTITY, err);
out_put_dev:
	cpo_nl_put_dev(cdev);
	return err;
}

/*
 * ---- operations ----
 *
 * The policies and the op table are generated from the family's spec
 * (cpo-nl-gen.c): every get shares one do and one dump handler, which pick
 * the object kind by command.
 */
#define CPO_NL_GET_HANDLERS(_obj)					\
int cpo_nl_##_obj##_get_doit(struct sk_buff *skb, struct genl_info *info) \
{									\
	return cpo_nl_get_doit(skb, info);				\
}									\
									\
int cpo_nl_##_obj##_get_dumpit(struct sk_buff *skb,			\
			       struct netlink_callback *cb)		\
{									\
	return cpo_nl_get_dumpit(skb, cb);				\
}

CPO_NL_GET_HANDLERS(dev)
CPO_NL_GET_HANDLERS(oe)
CPO_NL_GET_HANDLERS(els)
CPO_NL_GET_HANDLERS(laser)
CPO_NL_GET_HANDLERS(lane)
CPO_NL_GET_HANDLERS(port)
CPO_NL_GET_HANDLERS(threshold)

static struct genl_family cpo_nl_family = {
	.name = CPO_FAMILY_NAME,
	.version = CPO_FAMILY_VERSION,
	.maxattr = CPO_A_MAX,
	.netnsok = true,
	.parallel_ops = true,	/* locking as above, not genl_mutex */
	.module = THIS_MODULE,
	.ops = cpo_nl_ops,
	.n_ops = ARRAY_SIZE(cpo_nl_ops),
	.mcgrps = cpo_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(cpo_nl_mcgrps),
};

/* ---- notifications ---- */

static bool cpo_nl_monitored(void)
{
	return genl_has_listeners(&cpo_nl_family, &init_net, CPO_NLGRP_MONITOR);
}

static void cpo_nl_multicast(struct sk_buff *skb)
{
	genlmsg_multicast(&cpo_nl_family, skb, 0, CPO_NLGRP_MONITOR,
			  GFP_ATOMIC);
}

/* Device event type (enum cpo_hw_event_type) to the ABI's. */
static u32 cpo_nl_event_type(const struct cpo_event *ev)
{
	switch (ev->type) {
	case CPO_HW_EV_THRESH:
		return ev->flags & CPO_HW_EVF_RAISED ? CPO_EVENT_ALARM_RAISED :
						       CPO_EVENT_ALARM_CLEARED;
	case CPO_HW_EV_ELS_INSERTED:
		return CPO_EVENT_ELS_INSERTED;
	case CPO_HW_EV_ELS_REMOVED:
		return CPO_EVENT_ELS_REMOVED;
	case CPO_HW_EV_ELS_STATE:
		return CPO_EVENT_ELS_STATE;
	case CPO_HW_EV_LASER_STATE:
		return CPO_EVENT_LASER_STATE;
	case CPO_HW_EV_LANE_STATE:
		return CPO_EVENT_LANE_STATE;
	case CPO_HW_EV_OE_STATE:
		return CPO_EVENT_OE_STATE;
	case CPO_HW_EV_RESET:
		return CPO_EVENT_DEV_RESYNC;
	case CPO_HW_EV_LASER_FAILOVER:
		return CPO_EVENT_LASER_FAILOVER;
	case CPO_HW_EV_OE_FAILOVER:
		return CPO_EVENT_OE_FAILOVER;
	default:
		return 0;
	}
}

static int cpo_nl_fill_event(struct sk_buff *skb, struct cpo_dev *cdev,
			     const struct cpo_event *ev, u32 type)
{
	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_EVENT_TYPE, type) ||
	    nla_put_u32(skb, CPO_A_OBJ_TYPE, ev->obj_type) ||
	    nla_put_u32(skb, CPO_A_OBJ_INDEX, ev->obj) ||
	    nla_put_u32(skb, CPO_A_EVENT_SEQ, ev->seq) ||
	    nla_put_s32(skb, CPO_A_VALUE, ev->value) ||
	    nla_put_s32(skb, CPO_A_THRESHOLD, ev->threshold) ||
	    nla_put_u64_64bit(skb, CPO_A_TIMESTAMP, ev->timestamp_ns,
			      CPO_A_PAD))
		return -EMSGSIZE;
	/* the spare now feeding the lanes (checked by events.c) */
	if (ev->type == CPO_HW_EV_LASER_FAILOVER)
		return cpo_nl_put_laser_radius(skb, cdev, ev->value, true);
	/* the spare engine now serving the lanes (checked by events.c) */
	if (ev->type == CPO_HW_EV_OE_FAILOVER)
		return cpo_nl_put_oe_spare(skb, cdev, ev->value);
	if (ev->type != CPO_HW_EV_THRESH)
		return 0;
	if (nla_put_u32(skb, CPO_A_QUANTITY, ev->quantity) ||
	    nla_put_u32(skb, CPO_A_SEVERITY,
			ev->flags & CPO_HW_EVF_ALARM ? CPO_SEVERITY_ALARM :
						       CPO_SEVERITY_WARNING) ||
	    nla_put_u32(skb, CPO_A_DIRECTION,
			ev->flags & CPO_HW_EVF_HIGH ? CPO_DIRECTION_HIGH :
						      CPO_DIRECTION_LOW))
		return -EMSGSIZE;
	return 0;
}

static void cpo_nl_send_event(struct cpo_dev *cdev, const struct cpo_event *ev,
			      u32 type)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &cpo_nl_family, 0, CPO_CMD_EVENT_NTF);
	if (!hdr)
		goto err_free_skb;
	if (cpo_nl_fill_event(skb, cdev, ev, type))
		goto err_free_skb;
	genlmsg_end(skb, hdr);
	cpo_nl_multicast(skb);
	return;

err_free_skb:
	nlmsg_free(skb);
}

void cpo_nl_notify_event(struct cpo_dev *cdev, const struct cpo_event *ev)
{
	u32 type;

	if (!cpo_nl_monitored())
		return;
	type = cpo_nl_event_type(ev);
	if (!type || ev->obj_type > CPO_OBJ_LASER ||
	    (ev->type == CPO_HW_EV_THRESH && ev->quantity >= CPO_HW_Q_MAX))
		return;
	cpo_nl_send_event(cdev, ev, type);
}

void cpo_nl_notify_dev_failed(struct cpo_dev *cdev)
{
	struct cpo_event ev = {
		.obj_type = CPO_HW_OBJ_DEV,
		.obj = cdev->index,
		.timestamp_ns = cdev->snap.timestamp_ns,
	};

	if (!cpo_nl_monitored())
		return;
	cpo_nl_send_event(cdev, &ev, CPO_EVENT_DEV_FAILED);
}

/* The blast radius of a slot: the ports and lanes its lasers feed. */
static int cpo_nl_put_els_radius(struct sk_buff *skb, struct cpo_dev *cdev,
				 u16 slot)
{
	unsigned int i;
	u16 lane;

	for (i = 0; i < cdev->n_ports; i++)
		if (cpo_els_feeds_port(cdev, slot, i) &&
		    nla_put_u32(skb, CPO_A_LINK_PORT, i))
			return -EMSGSIZE;
	cpo_for_each_els_lane(cdev, slot, i, lane)
		if (nla_put_u32(skb, CPO_A_LINK_LANE, lane))
			return -EMSGSIZE;
	return 0;
}

/**
 * cpo_nl_notify_removal() - a step of a slot's removal request
 * @cdev: the device
 * @slot: the slot
 * @laser: the one laser the request takes out of service (laser-index),
 *	   CPO_HW_NONE for the whole slot
 * @type: CPO_EVENT_ELS_REMOVAL_PENDING (with the blast radius of the slot
 *	  or of @laser, and @timeout_ms), _ACKED or _TIMEOUT
 * @id: the request
 * @timeout_ms: how long the request waits, for PENDING
 * @action: enum cpo_removal_action: at the timeout (PENDING), the answer
 *	    (ACKED), what was done (TIMEOUT)
 */
void cpo_nl_notify_removal(struct cpo_dev *cdev, u16 slot, u16 laser,
			   u32 type, u32 id, u32 timeout_ms, u32 action)
{
	const struct cpo_els *els = &cdev->els[slot];
	struct sk_buff *skb;
	size_t size;
	void *hdr;

	if (!cpo_nl_monitored())
		return;
	size = NLMSG_DEFAULT_SIZE;
	if (type == CPO_EVENT_ELS_REMOVAL_PENDING)
		size += nla_total_size(sizeof(u32)) *
			(cdev->n_ports + els->n_lasers * CPO_HW_LANES_PER_LASER);
	skb = genlmsg_new(size, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &cpo_nl_family, 0, CPO_CMD_EVENT_NTF);
	if (!hdr)
		goto err_free_skb;
	if (nla_put_u32(skb, CPO_A_DEV_INDEX, cdev->index) ||
	    nla_put_u32(skb, CPO_A_EVENT_TYPE, type) ||
	    nla_put_u32(skb, CPO_A_OBJ_TYPE, CPO_OBJ_ELS) ||
	    nla_put_u32(skb, CPO_A_OBJ_INDEX, slot) ||
	    nla_put_u32(skb, CPO_A_REMOVAL_ID, id) ||
	    nla_put_u32(skb, CPO_A_REMOVAL_ACTION, action) ||
	    (laser < cdev->n_lasers &&
	     nla_put_u32(skb, CPO_A_LASER_INDEX, laser)))
		goto err_free_skb;
	if (type == CPO_EVENT_ELS_REMOVAL_PENDING &&
	    (nla_put_u32(skb, CPO_A_REMOVAL_TIMEOUT, timeout_ms) ||
	     (laser < cdev->n_lasers ?
	      cpo_nl_put_laser_radius(skb, cdev, laser, false) :
	      cpo_nl_put_els_radius(skb, cdev, slot))))
		goto err_free_skb;
	genlmsg_end(skb, hdr);
	cpo_nl_multicast(skb);
	return;

err_free_skb:
	nlmsg_free(skb);
}

int cpo_nl_init(void)
{
	return genl_register_family(&cpo_nl_family);
}

void cpo_nl_exit(void)
{
	genl_unregister_family(&cpo_nl_family);
}
