/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place that knows kernel versions: shims between Debian's 6.1 and
 * 6.12 kernels (listed under Compatibility in Documentation/cpo/driver.rst).
 */
#ifndef _CPO_COMPAT_H
#define _CPO_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * devlink ports and netdevs (netdev.c, devlink.c).  Since 6.2 the netdev
 * carries its devlink port (SET_NETDEV_DEVLINK_PORT before registration)
 * and the core sets and clears the port type; 6.1 wants the driver to set
 * the type after register_netdev(), clear it before unregister_netdev(),
 * and to answer ndo_get_devlink_port.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define cpo_netdev_set_devlink_port(ndev, dlp)	SET_NETDEV_DEVLINK_PORT(ndev, dlp)
#define cpo_devlink_port_type_eth_set(dlp, ndev)	do { } while (0)
#define cpo_devlink_port_type_clear(dlp)	do { } while (0)
#define CPO_NDO_GET_DEVLINK_PORT(fn)
/* the devlink core fills in the driver name */
#define cpo_devlink_info_driver_name_put(req, name)	0
#else
#define cpo_netdev_set_devlink_port(ndev, dlp)	do { } while (0)
#define cpo_devlink_port_type_eth_set(dlp, ndev) \
	devlink_port_type_eth_set(dlp, ndev)
#define cpo_devlink_port_type_clear(dlp)	devlink_port_type_clear(dlp)
#define CPO_NDO_GET_DEVLINK_PORT(fn)	.ndo_get_devlink_port = fn,
#define cpo_devlink_info_driver_name_put(req, name) \
	devlink_info_driver_name_put(req, name)
#endif

/* devlink_fmsg_*_put() return an error on 6.1 and nothing from 6.7 on. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
#define cpo_fmsg(call)	({ call; 0; })
#else
#define cpo_fmsg(call)	(call)
#endif

/* The request attributes of a dump: 6.1 keeps them in genl_dumpit_info. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define cpo_genl_dump_attrs(cb)	(genl_info_dump(cb)->attrs)
#else
#define cpo_genl_dump_attrs(cb)	(genl_dumpit_info(cb)->attrs)
#endif

#endif /* _CPO_COMPAT_H */
