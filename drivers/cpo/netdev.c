// SPDX-License-Identifier: GPL-2.0
/*
 * Port netdevs and their ethtool operations.
 *
 * Every port of the switch's optical side gets a netdev named cpo<D>p<P>
 * (device index D, port index P), parented to the port's class device, with
 * a devlink port (flavour physical, number P) that gives it phys_port_name
 * "p<P>" and a phys_switch_id made of the device serial.  The netdevs have
 * no data path of their own: transmitted frames are dropped and counted.
 * Their carrier follows the optical state of the port's lanes, recomputed
 * by cpo_netdev_update_carrier() whenever the event path saw a change.
 * Documentation/cpo/ports.rst describes the interface for operators.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/delay.h>
#include <linux/rtnetlink.h>

#include "cpo.h"

#define CPO_NETDEV_MAX_MTU	9216	/* largest frame of the switch ports */
#define CPO_CMIS_I2C_ADDR	0x50	/* CMIS answers at the lower address */
#define CPO_CMIS_MAX_BANK	3	/* at most 4 banks x 8 lanes */
/* Legacy flat image: lower memory, then upper pages 00h, 01h and 02h. */
#define CPO_CMIS_LEGACY_PAGES	3
#define CPO_CMIS_LEGACY_LEN	(CPO_CMIS_HALF * (CPO_CMIS_LEGACY_PAGES + 1))

struct cpo_netdev {
	struct cpo_port *port;
	/*
	 * Module power mode policy (ethtool --set-module power-mode-policy):
	 * HIGH keeps the port's lanes powered whatever the interface state,
	 * AUTO puts them in low power while the interface is down.  Changed
	 * under rtnl.
	 */
	enum ethtool_module_power_mode_policy policy;
};

static struct cpo_port *cpo_netdev_port(struct net_device *ndev)
{
	return ((struct cpo_netdev *)netdev_priv(ndev))->port;
}

/*
 * Why a port's optical carrier is off: what the kernel log says, and what
 * ethtool's link extended state reports (ethtool "Link detected: no
 * (REASON)").  The states and the module substate exist in every kernel
 * the driver builds for (6.1 on).
 */
enum cpo_down {
	CPO_DOWN_NONE,
	CPO_DOWN_FAILED,
	CPO_DOWN_NO_TELEMETRY,
	CPO_DOWN_SERVICE,
	CPO_DOWN_LOW_POWER,
	CPO_DOWN_NO_LANES,
	CPO_DOWN_BAD_TOPOLOGY,
	CPO_DOWN_OE_OVERHEAT,
	CPO_DOWN_OE_FAULT,
	CPO_DOWN_OE_NOT_READY,
	CPO_DOWN_LANE_DISABLED,
	CPO_DOWN_LANE_INACTIVE,
	CPO_DOWN_NO_LASER,
	CPO_DOWN_LASER_ABSENT,
	CPO_DOWN_LASER_FAULT,
	CPO_DOWN_LASER_OFF,
	CPO_DOWN_TX_FAULT,
	CPO_DOWN_TX_LOS,
	CPO_DOWN_RX_LOS,
};

#define CPO_EXT(st)	ETHTOOL_LINK_EXT_STATE_##st
#define CPO_NOT_READY	ETHTOOL_LINK_EXT_SUBSTATE_MODULE_CMIS_NOT_READY

static const struct {
	const char *text;
	enum ethtool_link_ext_state state;
	u8 substate;		/* 0: none */
} cpo_down_info[] = {
	[CPO_DOWN_FAILED] = { "device failed", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_NO_TELEMETRY] = { "no telemetry", CPO_EXT(MODULE),
				    CPO_NOT_READY },
	[CPO_DOWN_SERVICE] = { "laser module being serviced",
			       CPO_EXT(MODULE), 0 },
	[CPO_DOWN_LOW_POWER] = { "module in low power mode", CPO_EXT(MODULE),
				 CPO_NOT_READY },
	[CPO_DOWN_NO_LANES] = { "no lanes", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_BAD_TOPOLOGY] = { "bad lane or laser index",
				    CPO_EXT(MODULE), 0 },
	[CPO_DOWN_OE_OVERHEAT] = { "optical engine over temperature",
				   CPO_EXT(OVERHEAT), 0 },
	[CPO_DOWN_OE_FAULT] = { "optical engine fault", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_OE_NOT_READY] = { "optical engine not ready",
				    CPO_EXT(MODULE), CPO_NOT_READY },
	[CPO_DOWN_LANE_DISABLED] = { "lane disabled", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_LANE_INACTIVE] = { "lane data path not activated",
				     CPO_EXT(MODULE), CPO_NOT_READY },
	[CPO_DOWN_NO_LASER] = { "lane has no laser", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_LASER_ABSENT] = { "laser module absent", CPO_EXT(MODULE),
				    0 },
	[CPO_DOWN_LASER_FAULT] = { "laser fault", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_LASER_OFF] = { "laser off", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_TX_FAULT] = { "lane Tx fault", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_TX_LOS] = { "lane Tx loss of signal", CPO_EXT(MODULE), 0 },
	[CPO_DOWN_RX_LOS] = { "no optical input (lane Rx loss of signal)",
			      CPO_EXT(NO_CABLE), 0 },
};

const char *cpo_port_down_str(const struct cpo_port *port)
{
	u8 down = READ_ONCE(port->down);

	return down && down < ARRAY_SIZE(cpo_down_info) ?
	       cpo_down_info[down].text : NULL;
}

/* The optical engine of a lane stops the port: why, or CPO_DOWN_NONE. */
static enum cpo_down cpo_oe_down(struct cpo_dev *cdev, u16 oe)
{
	const struct cpo_oe_tm *ot;
	unsigned int flags;

	if (oe >= cdev->n_oe)
		return CPO_DOWN_BAD_TOPOLOGY;
	ot = &cdev->snap.oe[oe];
	if (ot->state == CPO_HW_OE_ST_READY)
		return CPO_DOWN_NONE;
	if (ot->state != CPO_HW_OE_ST_FAULT)
		return CPO_DOWN_OE_NOT_READY;
	flags = ot->flags >> (4 * cpo_hw_q_slot(CPO_HW_Q_OE_TEMP));
	return flags & CPO_HW_FLAG_HIGH_ALARM ? CPO_DOWN_OE_OVERHEAT :
						CPO_DOWN_OE_FAULT;
}

/*
 * Why a port has no light end to end, or CPO_DOWN_NONE when it has.  The
 * first cause along the light's way wins: the module, the engine, the
 * lane's data path, the laser feeding it, then the light itself.  Runs
 * under telem_lock with a valid snapshot; indices from the topology are
 * checked again because the snapshot arrays are sized by the same counts.
 */
static enum cpo_down cpo_port_down_reason(struct cpo_dev *cdev,
					  const struct cpo_port *port)
{
	enum cpo_down why;
	unsigned int i;

	if (port->removal_pending)
		return CPO_DOWN_SERVICE;
	if (READ_ONCE(port->low_power))
		return CPO_DOWN_LOW_POWER;
	if (!port->n_lanes)
		return CPO_DOWN_NO_LANES;

	for (i = 0; i < port->n_lanes && i < CPO_HW_LANES_PER_PORT; i++) {
		const struct cpo_lane_tm *lt;
		const struct cpo_laser_tm *zt;
		u16 lane = port->lane[i], laser;

		if (lane >= cdev->n_lanes)
			return CPO_DOWN_BAD_TOPOLOGY;
		why = cpo_oe_down(cdev, READ_ONCE(cdev->lane[lane].oe));
		if (why)
			return why;
		lt = &cdev->snap.lane[lane];
		if (!(lt->status & CPO_HW_LANE_S_ENABLED))
			return CPO_DOWN_LANE_DISABLED;
		if (lt->state != CPO_HW_LANE_ST_ACTIVATED)
			return CPO_DOWN_LANE_INACTIVE;

		/* in-engine lasers: the lane's Tx status above says it all */
		if (cdev->caps & CPO_HW_CAP_OE_LASERS)
			continue;
		laser = cpo_lane_laser(cdev, lane);
		if (laser == CPO_HW_NONE)
			return CPO_DOWN_NO_LASER;
		zt = &cdev->snap.laser[laser];
		if (zt->state == CPO_HW_LASER_ST_ABSENT)
			return CPO_DOWN_LASER_ABSENT;
		if (zt->state == CPO_HW_LASER_ST_FAULT)
			return CPO_DOWN_LASER_FAULT;
		if (!zt->enabled || zt->state != CPO_HW_LASER_ST_ON)
			return CPO_DOWN_LASER_OFF;

		if (lt->status & CPO_HW_LANE_S_TX_FAULT)
			return CPO_DOWN_TX_FAULT;
		if (lt->status & CPO_HW_LANE_S_TX_LOS)
			return CPO_DOWN_TX_LOS;
		if (lt->status & CPO_HW_LANE_S_RX_LOS)
			return CPO_DOWN_RX_LOS;
	}
	return CPO_DOWN_NONE;
}

/*
 * Under netdevs.lock: record why the port is down (or that it is not) and
 * follow it with the carrier; a change of carrier is logged, a fall from
 * on to off counted.
 */
static void cpo_port_set_carrier(struct cpo_port *port, enum cpo_down why)
{
	struct net_device *ndev = port->netdev;
	bool up = why == CPO_DOWN_NONE;

	if (!ndev)
		return;
	WRITE_ONCE(port->down, why);
	if (netif_carrier_ok(ndev) == up)
		return;
	if (up) {
		netif_carrier_on(ndev);
		netdev_info(ndev, "optical link up\n");
	} else {
		netif_carrier_off(ndev);
		WRITE_ONCE(port->link_down_events, port->link_down_events + 1);
		netdev_info(ndev, "optical link down: %s\n",
			    cpo_down_info[why].text);
	}
}

/*
 * Recompute every port's carrier from the telemetry snapshot.  Called from
 * the event path (process context, maybe under cdev->lock), after probe
 * and after local changes of the power mode; takes cdev->netdevs.lock,
 * then telem_lock.
 */
void cpo_netdev_update_carrier(struct cpo_dev *cdev)
{
	unsigned int i;

	if (!cdev->port)
		return;

	mutex_lock(&cdev->netdevs.lock);
	if (cpo_telem_lock(cdev)) {
		/* a torn copy or a removal changes nothing; a failure does */
		for (i = 0; cpo_dev_failed(cdev) && i < cdev->n_ports; i++)
			cpo_port_set_carrier(&cdev->port[i], CPO_DOWN_FAILED);
		goto out_unlock;
	}
	for (i = 0; i < cdev->n_ports; i++) {
		struct cpo_port *port = &cdev->port[i];

		cpo_port_set_carrier(port, cdev->snap.valid ?
				     cpo_port_down_reason(cdev, port) :
				     CPO_DOWN_NO_TELEMETRY);
	}
	cpo_telem_unlock(cdev);
out_unlock:
	mutex_unlock(&cdev->netdevs.lock);
}

struct cpo_port *cpo_port_by_ifname(struct cpo_dev *cdev, const char *name)
{
	unsigned int i;

	struct cpo_port *found = NULL;

	if (!cdev->port)
		return NULL;
	mutex_lock(&cdev->netdevs.lock);
	for (i = 0; i < cdev->n_ports; i++) {
		struct net_device *ndev = cdev->port[i].netdev;

		if (ndev && !strncmp(ndev->name, name, IFNAMSIZ)) {
			found = &cdev->port[i];
			break;
		}
	}
	mutex_unlock(&cdev->netdevs.lock);
	return found;
}

/* ---- power mode ---- */

/*
 * Put a port's lanes in or out of low power.  Entering low power drops
 * the carrier at once; leaving it, the carrier returns with the lane
 * state events of the power-up.  Used by ethtool's module power mode, the
 * netdev's up/down under the "auto" policy and the netlink port set.
 */
int cpo_port_power_mode_set(struct cpo_port *port, bool low)
{
	int err;

	err = cpo_port_set_low_power(port->cdev, port->index, low);
	if (err)
		return err;
	WRITE_ONCE(port->low_power, low);
	cpo_netdev_update_carrier(port->cdev);
	return 0;
}

static int cpo_port_apply_policy(struct net_device *ndev, bool running)
{
	struct cpo_netdev *priv = netdev_priv(ndev);

	return cpo_port_power_mode_set(priv->port,
				       priv->policy == ETHTOOL_MODULE_POWER_MODE_POLICY_AUTO &&
				       !running);
}

/* ---- net_device_ops ---- */

static bool cpo_policy_auto(struct net_device *ndev)
{
	struct cpo_netdev *priv = netdev_priv(ndev);

	return priv->policy == ETHTOOL_MODULE_POWER_MODE_POLICY_AUTO;
}

static int cpo_ndo_open(struct net_device *ndev)
{
	int err;

	if (!cpo_policy_auto(ndev))
		return 0;
	err = cpo_port_apply_policy(ndev, true);
	if (err)
		netdev_err(ndev, "leaving low power mode failed: %d\n", err);
	return err;
}

static int cpo_ndo_stop(struct net_device *ndev)
{
	int err;

	if (!cpo_policy_auto(ndev))
		return 0;
	err = cpo_port_apply_policy(ndev, false);
	if (err)
		netdev_warn(ndev, "entering low power mode failed: %d\n", err);
	return 0;
}

static netdev_tx_t cpo_ndo_start_xmit(struct sk_buff *skb,
				      struct net_device *ndev)
{
	/* the packet side of the switch is not this driver's */
	DEV_STATS_INC(ndev, tx_dropped);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static __maybe_unused struct devlink_port *
cpo_ndo_get_devlink_port(struct net_device *ndev)
{
	struct cpo_port *port = cpo_netdev_port(ndev);

	return port->dl_port_registered ? &port->dl_port : NULL;
}

static const struct net_device_ops cpo_netdev_ops = {
	.ndo_open		= cpo_ndo_open,
	.ndo_stop		= cpo_ndo_stop,
	.ndo_start_xmit		= cpo_ndo_start_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	CPO_NDO_GET_DEVLINK_PORT(cpo_ndo_get_devlink_port)
};

/* ---- ethtool ---- */

static void cpo_get_drvinfo(struct net_device *ndev,
			    struct ethtool_drvinfo *info)
{
	struct cpo_port *port = cpo_netdev_port(ndev);
	struct cpo_dev *cdev = port->cdev;
	char fwv[CPO_HW_STR_LEN + 1];

	strscpy(info->driver, CPO_DRV_NAME, sizeof(info->driver));
	cpo_fw_version_get(cdev, fwv);
	strscpy(info->fw_version, fwv, sizeof(info->fw_version));
	strscpy(info->bus_info, pci_name(cdev->pdev), sizeof(info->bus_info));
	info->eedump_len = CPO_CMIS_LEGACY_LEN;
}

static int cpo_get_link_ksettings(struct net_device *ndev,
				  struct ethtool_link_ksettings *ks)
{
	struct cpo_port *port = cpo_netdev_port(ndev);

	ethtool_link_ksettings_zero_link_mode(ks, supported);
	ethtool_link_ksettings_add_link_mode(ks, supported, FIBRE);
	ethtool_link_ksettings_zero_link_mode(ks, advertising);
	ethtool_link_ksettings_add_link_mode(ks, advertising, FIBRE);
	ks->base.port = PORT_FIBRE;
	ks->base.autoneg = AUTONEG_DISABLE;
	ks->lanes = port->n_lanes;
	if (netif_carrier_ok(ndev)) {
		ks->base.speed = port->speed_mbps;
		ks->base.duplex = DUPLEX_FULL;
	} else {
		ks->base.speed = SPEED_UNKNOWN;
		ks->base.duplex = DUPLEX_UNKNOWN;
	}
	return 0;
}

/*
 * One read of the port's CMIS view: cpo_cmis_read() refuses what one
 * access cannot be (cpo_cmis_span_check()).
 */
static int cpo_port_cmis_read(struct cpo_port *port, u8 bank, u8 page,
			      u32 offset, u32 len, u8 *buf)
{
	if (offset > U8_MAX || len > U16_MAX)
		return -EINVAL;
	return cpo_cmis_read(port->cdev, CPO_HW_CMIS_PORT, port->index, bank,
			     page, offset, len, buf);
}

/*
 * Say why the device did not carry out a request: every errno the mailbox
 * commands return.
 */
static void cpo_netdev_set_errmsg(struct netlink_ext_ack *extack, int err)
{
	switch (err) {
	case -EOPNOTSUPP:
		NL_SET_ERR_MSG_MOD(extack, "device does not support the request");
		break;
	case -EINVAL:
		NL_SET_ERR_MSG_MOD(extack, "device refused the request");
		break;
	case -EBUSY:
		NL_SET_ERR_MSG_MOD(extack, "device busy, try again");
		break;
	case -ETIMEDOUT:
		NL_SET_ERR_MSG_MOD(extack, "device did not answer in time");
		break;
	case -ENODEV:
		NL_SET_ERR_MSG_MOD(extack, "device is going away");
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack, "device failed the request");
		break;
	}
}

static int cpo_get_module_eeprom_by_page(struct net_device *ndev,
					 const struct ethtool_module_eeprom *req,
					 struct netlink_ext_ack *extack)
{
	struct cpo_port *port = cpo_netdev_port(ndev);
	int err;

	if (!(port->cdev->caps & CPO_HW_CAP_CMIS)) {
		NL_SET_ERR_MSG_MOD(extack, "device serves no CMIS memory map");
		return -EOPNOTSUPP;
	}
	if (req->i2c_address != CPO_CMIS_I2C_ADDR) {
		NL_SET_ERR_MSG_MOD(extack, "CMIS memory is at I2C address 0x50 only");
		return -EINVAL;
	}
	if (req->bank > CPO_CMIS_MAX_BANK ||
	    cpo_cmis_page_check(req->bank, req->page)) {
		NL_SET_ERR_MSG_MOD(extack, "no such bank for this page");
		return -EINVAL;
	}
	if (req->bank && req->bank * CPO_CMIS_LANES_PER_BANK >= port->n_lanes) {
		NL_SET_ERR_MSG_MOD(extack,
				   "bank holds none of this port's lanes (bank 0 holds lanes 1-8)");
		return -EINVAL;
	}
	if (req->page && req->offset < CPO_CMIS_HALF) {
		NL_SET_ERR_MSG_MOD(extack, "lower memory is read through page 0");
		return -EINVAL;
	}
	if (cpo_cmis_span_check(req->offset, req->length, CPO_CMIS_HALF)) {
		NL_SET_ERR_MSG_MOD(extack, "read crosses a half-page boundary");
		return -EINVAL;
	}

	err = cpo_port_cmis_read(port, req->bank, req->page, req->offset,
				 req->length, req->data);
	if (err == -EOPNOTSUPP) {
		NL_SET_ERR_MSG_MOD(extack, "page not served for this port");
		/* not EOPNOTSUPP: ethtool would retry with the legacy ioctl */
		return -EINVAL;
	}
	if (err) {
		cpo_netdev_set_errmsg(extack, err);
		return err;
	}
	return req->length;
}

static int cpo_get_module_info(struct net_device *ndev,
			       struct ethtool_modinfo *modinfo)
{
	/*
	 * The legacy interface has no paged CMIS type: SFF-8636 makes
	 * ethtool look at the identifier and decode CMIS from a flat image.
	 */
	modinfo->type = ETH_MODULE_SFF_8636;
	modinfo->eeprom_len = CPO_CMIS_LEGACY_LEN;
	return 0;
}

/*
 * Flat image for the legacy ioctl: bytes 0-127 lower memory, then the upper
 * halves of pages 00h, 01h, 02h (page N at 128 * (N + 1)).
 */
static int cpo_get_module_eeprom(struct net_device *ndev,
				 struct ethtool_eeprom *ee, u8 *data)
{
	struct cpo_port *port = cpo_netdev_port(ndev);
	u32 pos = ee->offset, end;

	if (ee->offset >= CPO_CMIS_LEGACY_LEN ||
	    ee->len > CPO_CMIS_LEGACY_LEN - ee->offset)
		return -EINVAL;
	end = ee->offset + ee->len;

	while (pos < end) {
		u32 half = pos / CPO_CMIS_HALF;
		u32 in_half = pos % CPO_CMIS_HALF;
		u32 chunk = min_t(u32, CPO_CMIS_HALF - in_half, end - pos);
		u8 page = half ? half - 1 : 0;
		u32 off = half ? CPO_CMIS_HALF + in_half : in_half;
		int err;

		err = cpo_port_cmis_read(port, 0, page, off, chunk,
					 data + (pos - ee->offset));
		if (err)
			return err;
		pos += chunk;
	}
	return 0;
}

static int
cpo_get_module_power_mode(struct net_device *ndev,
			  struct ethtool_module_power_mode_params *params,
			  struct netlink_ext_ack *extack)
{
	struct cpo_netdev *priv = netdev_priv(ndev);

	params->policy = priv->policy;
	params->mode = READ_ONCE(priv->port->low_power) ?
		       ETHTOOL_MODULE_POWER_MODE_LOW :
		       ETHTOOL_MODULE_POWER_MODE_HIGH;
	return 0;
}

static int
cpo_set_module_power_mode(struct net_device *ndev,
			  const struct ethtool_module_power_mode_params *params,
			  struct netlink_ext_ack *extack)
{
	struct cpo_netdev *priv = netdev_priv(ndev);
	enum ethtool_module_power_mode_policy old = priv->policy;
	int err;

	if (params->policy != ETHTOOL_MODULE_POWER_MODE_POLICY_HIGH &&
	    params->policy != ETHTOOL_MODULE_POWER_MODE_POLICY_AUTO) {
		NL_SET_ERR_MSG_MOD(extack, "unknown power mode policy");
		return -EINVAL;
	}
	priv->policy = params->policy;
	err = cpo_port_apply_policy(ndev, netif_running(ndev));
	if (err) {
		priv->policy = old;
		if (err == -EINVAL)
			NL_SET_ERR_MSG_MOD(extack, "device refused the power mode");
		else
			cpo_netdev_set_errmsg(extack, err);
	}
	return err;
}

/*
 * ethtool's link extended state: why the optics hold the carrier off.  No
 * answer while the carrier is on (the interface may still be down).
 */
static int cpo_get_link_ext_state(struct net_device *ndev,
				  struct ethtool_link_ext_state_info *info)
{
	struct cpo_port *port = cpo_netdev_port(ndev);
	u8 down = READ_ONCE(port->down);

	if (netif_carrier_ok(ndev) || !down ||
	    down >= ARRAY_SIZE(cpo_down_info))
		return -ENODATA;
	info->link_ext_state = cpo_down_info[down].state;
	info->__link_ext_substate = cpo_down_info[down].substate;
	return 0;
}

#ifdef CPO_HAVE_LINK_EXT_STATS
static void cpo_get_link_ext_stats(struct net_device *ndev,
				   struct ethtool_link_ext_stats *stats)
{
	stats->link_down_events = READ_ONCE(cpo_netdev_port(ndev)->link_down_events);
}
#endif

static const struct ethtool_ops cpo_ethtool_ops = {
	.cap_link_lanes_supported	= true,
	.get_drvinfo			= cpo_get_drvinfo,
	.get_link			= ethtool_op_get_link,
	.get_link_ext_state		= cpo_get_link_ext_state,
	CPO_ETHTOOL_GET_LINK_EXT_STATS(cpo_get_link_ext_stats)
	.get_link_ksettings		= cpo_get_link_ksettings,
	.get_module_info		= cpo_get_module_info,
	.get_module_eeprom		= cpo_get_module_eeprom,
	.get_module_eeprom_by_page	= cpo_get_module_eeprom_by_page,
	.get_module_power_mode		= cpo_get_module_power_mode,
	.set_module_power_mode		= cpo_set_module_power_mode,
};

/* ---- lifecycle ---- */

static void cpo_netdev_setup(struct net_device *ndev)
{
	ether_setup(ndev);
	ndev->netdev_ops = &cpo_netdev_ops;
	ndev->ethtool_ops = &cpo_ethtool_ops;
	ndev->flags |= IFF_NOARP;
	ndev->priv_flags |= IFF_NO_QUEUE;
	ndev->min_mtu = ETH_MIN_MTU;
	ndev->max_mtu = CPO_NETDEV_MAX_MTU;
}

/*
 * A stable, locally administered address per port: the serial and the
 * device index hashed into three bytes, the port index in the last two.
 */
static void cpo_netdev_set_addr(struct net_device *ndev,
				const struct cpo_port *port)
{
	const struct cpo_dev *cdev = port->cdev;
	u32 h = 2166136261u;	/* FNV-1a */
	const char *s;
	u8 addr[ETH_ALEN];

	for (s = cdev->serial; *s; s++)
		h = (h ^ (u8)*s) * 16777619u;
	h = (h ^ (u8)cdev->index) * 16777619u;

	addr[0] = 0x02;
	addr[1] = h >> 16;
	addr[2] = h >> 8;
	addr[3] = h;
	addr[4] = port->index >> 8;
	addr[5] = port->index;
	eth_hw_addr_set(ndev, addr);
}

static int cpo_netdev_create(struct cpo_port *port)
{
	struct cpo_dev *cdev = port->cdev;
	char name[IFNAMSIZ];
	struct cpo_netdev *priv;
	struct net_device *ndev;
	int err;

	if (snprintf(name, sizeof(name), "cpo%dp%u", cdev->index,
		     port->index) >= (int)sizeof(name))
		return -ENAMETOOLONG;

	ndev = alloc_netdev(sizeof(*priv), name, NET_NAME_PREDICTABLE,
			    cpo_netdev_setup);
	if (!ndev)
		return -ENOMEM;
	priv = netdev_priv(ndev);
	priv->port = port;
	priv->policy = ETHTOOL_MODULE_POWER_MODE_POLICY_HIGH;
	SET_NETDEV_DEV(ndev, &port->dev);
	cpo_netdev_set_addr(ndev, port);
	netif_carrier_off(ndev);

	err = cpo_devlink_port_register(port);
	if (err)
		goto err_free_netdev;
	cpo_netdev_set_devlink_port(ndev, &port->dl_port);

	err = register_netdev(ndev);
	if (err)
		goto err_devlink_port_unregister;
	cpo_devlink_port_type_eth_set(&port->dl_port, ndev);
	mutex_lock(&cdev->netdevs.lock);
	port->netdev = ndev;
	mutex_unlock(&cdev->netdevs.lock);
	return 0;

err_devlink_port_unregister:
	cpo_devlink_port_unregister(port);
err_free_netdev:
	free_netdev(ndev);
	return err;
}

static void cpo_netdev_destroy(struct cpo_port *port)
{
	struct cpo_dev *cdev = port->cdev;
	struct net_device *ndev = port->netdev;

	if (!ndev)
		return;
	mutex_lock(&cdev->netdevs.lock);
	port->netdev = NULL;
	mutex_unlock(&cdev->netdevs.lock);
	cpo_devlink_port_type_clear(&port->dl_port);
	unregister_netdev(ndev);
	cpo_devlink_port_unregister(port);
	free_netdev(ndev);
}

int cpo_netdev_init(struct cpo_dev *cdev)
{
	unsigned int i;
	int err;

	mutex_init(&cdev->netdevs.lock);
	for (i = 0; i < cdev->n_ports; i++) {
		err = cpo_netdev_create(&cdev->port[i]);
		if (err) {
			dev_err(&cdev->dev, "port%u: netdev: %d\n", i, err);
			goto err_netdev_destroy;
		}
	}
	cpo_netdev_update_carrier(cdev);
	return 0;

err_netdev_destroy:
	while (i--)
		cpo_netdev_destroy(&cdev->port[i]);
	return err;
}

void cpo_netdev_exit(struct cpo_dev *cdev)
{
	unsigned int i;

	for (i = cdev->n_ports; i--; )
		cpo_netdev_destroy(&cdev->port[i]);
}
